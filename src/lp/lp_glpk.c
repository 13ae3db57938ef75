/*
 * lp_glpk.c — the LP layer on GLPK: translation from arrays, per-thread copies, bound and
 * objective changes, simplex with stored bases, and the mapping of GLPK's status to results.
 *
 * GLPK aborts the process on an index out of range, so every index is checked here first, and its
 * terminal output is switched off in every thread that uses it (the library never prints).
 */
#include "lp/lp.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct omv__lp {
    glp_prob *p;
    long iterations;
    double obj;
    int status; /* GLP_OPT etc. of the last solve */
};

/* GLPK's terminal output is per thread; this keeps it off in the calling thread. */
static void quiet(void) { glp_term_out(GLP_OFF); }

static int check_bounds(omv_ctx *ctx, const char *what, int k, double lo, double hi)
{
    if (isnan(lo) || isnan(hi) || lo > hi || lo == HUGE_VAL || hi == -HUGE_VAL)
        return OMV_ERR(ctx, OMV_EARG, "LP: bad bounds [%g, %g] on %s %d", lo, hi, what, k);
    return 0;
}

/* GLPK's bound type for [lo, hi]. */
static int bound_type(double lo, double hi)
{
    bool l = lo > -HUGE_VAL, u = hi < HUGE_VAL;
    if (l && u)
        return lo == hi ? GLP_FX : GLP_DB;
    if (l)
        return GLP_LO;
    if (u)
        return GLP_UP;
    return GLP_FR;
}

static double fin(double v) { return isfinite(v) ? v : 0.0; }

int omv__lp_new(omv__lp **out, omv_ctx *ctx, const omv__lp_model *m)
{
    *out = NULL;
    if (m->nrows < 0 || m->ncols <= 0)
        return OMV_ERR(ctx, OMV_EARG, "LP: %d rows and %d columns", m->nrows, m->ncols);
    if (m->nnz > (size_t)INT32_MAX - 1)
        return OMV_ERR(ctx, OMV_EARG, "LP: too many matrix entries (%zu)", m->nnz);
    for (int i = 0; i < m->nrows; i++) {
        int rc = check_bounds(ctx, "row", i, m->row_lo[i], m->row_hi[i]);
        if (rc)
            return rc;
    }
    for (int j = 0; j < m->ncols; j++) {
        int rc = check_bounds(ctx, "column", j, m->col_lo[j], m->col_hi[j]);
        if (rc)
            return rc;
        if (m->obj && !isfinite(m->obj[j]))
            return OMV_ERR(ctx, OMV_EARG, "LP: objective of column %d is not finite", j);
    }
    for (size_t k = 0; k < m->nnz; k++)
        if (m->ia[k] < 0 || m->ia[k] >= m->nrows || m->ja[k] < 0 || m->ja[k] >= m->ncols || !isfinite(m->ar[k]))
            return OMV_ERR(ctx, OMV_EARG, "LP: matrix entry %zu (%d, %d) out of range", k, m->ia[k], m->ja[k]);
    omv__lp *lp = calloc(1, sizeof(*lp));
    /* GLPK's arrays are 1-based: element 0 is unused. */
    int *ia = malloc((m->nnz + 1) * sizeof(*ia));
    int *ja = malloc((m->nnz + 1) * sizeof(*ja));
    double *ar = malloc((m->nnz + 1) * sizeof(*ar));
    if (!lp || !ia || !ja || !ar) {
        free(lp);
        free(ia);
        free(ja);
        free(ar);
        return OMV_NOMEM(ctx, "LP model");
    }
    for (size_t k = 0; k < m->nnz; k++) {
        ia[k + 1] = m->ia[k] + 1;
        ja[k + 1] = m->ja[k] + 1;
        ar[k + 1] = m->ar[k];
    }
    quiet();
    lp->p = glp_create_prob();
    glp_set_obj_dir(lp->p, GLP_MIN);
    if (m->nrows)
        glp_add_rows(lp->p, m->nrows);
    glp_add_cols(lp->p, m->ncols);
    for (int i = 0; i < m->nrows; i++)
        glp_set_row_bnds(lp->p, i + 1, bound_type(m->row_lo[i], m->row_hi[i]), fin(m->row_lo[i]), fin(m->row_hi[i]));
    for (int j = 0; j < m->ncols; j++) {
        glp_set_col_bnds(lp->p, j + 1, bound_type(m->col_lo[j], m->col_hi[j]), fin(m->col_lo[j]), fin(m->col_hi[j]));
        if (m->obj)
            glp_set_obj_coef(lp->p, j + 1, m->obj[j]);
    }
    /* glp_load_matrix rejects duplicate entries by aborting; check them first with its own test. */
    if (m->nnz && glp_check_dup(m->nrows, m->ncols, (int)m->nnz, ia, ja) != 0) {
        glp_delete_prob(lp->p);
        free(lp);
        free(ia);
        free(ja);
        free(ar);
        return OMV_ERR(ctx, OMV_EARG, "LP: duplicate or out-of-range matrix entries");
    }
    if (m->nnz)
        glp_load_matrix(lp->p, (int)m->nnz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    lp->status = GLP_UNDEF;
    *out = lp;
    return 0;
}

int omv__lp_copy(omv__lp **out, omv_ctx *ctx, const omv__lp *src)
{
    *out = NULL;
    omv__lp *lp = calloc(1, sizeof(*lp));
    if (!lp)
        return OMV_NOMEM(ctx, "LP copy");
    quiet();
    lp->p = glp_create_prob();
    glp_copy_prob(lp->p, src->p, GLP_OFF);
    lp->status = src->status;
    lp->obj = src->obj;
    *out = lp;
    return 0;
}

void omv__lp_free(omv__lp *lp)
{
    if (!lp)
        return;
    glp_delete_prob(lp->p);
    free(lp);
}

void omv__lp_thread_done(void) { glp_free_env(); }

int omv__lp_rows(const omv__lp *lp) { return glp_get_num_rows(lp->p); }
int omv__lp_cols(const omv__lp *lp) { return glp_get_num_cols(lp->p); }

int omv__lp_set_col_bounds(omv__lp *lp, omv_ctx *ctx, int j, double lo, double hi)
{
    if (j < 0 || j >= glp_get_num_cols(lp->p))
        return OMV_ERR(ctx, OMV_EARG, "LP: column %d out of range", j);
    int rc = check_bounds(ctx, "column", j, lo, hi);
    if (rc)
        return rc;
    glp_set_col_bnds(lp->p, j + 1, bound_type(lo, hi), fin(lo), fin(hi));
    return 0;
}

int omv__lp_set_row_bounds(omv__lp *lp, omv_ctx *ctx, int i, double lo, double hi)
{
    if (i < 0 || i >= glp_get_num_rows(lp->p))
        return OMV_ERR(ctx, OMV_EARG, "LP: row %d out of range", i);
    int rc = check_bounds(ctx, "row", i, lo, hi);
    if (rc)
        return rc;
    glp_set_row_bnds(lp->p, i + 1, bound_type(lo, hi), fin(lo), fin(hi));
    return 0;
}

int omv__lp_set_obj(omv__lp *lp, omv_ctx *ctx, int j, double c)
{
    if (j < 0 || j >= glp_get_num_cols(lp->p) || !isfinite(c))
        return OMV_ERR(ctx, OMV_EARG, "LP: objective of column %d: bad index or value", j);
    glp_set_obj_coef(lp->p, j + 1, c);
    return 0;
}

int omv__lp_solve(omv__lp *lp, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result)
{
    quiet();
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = method == OMV__LP_DUAL ? GLP_DUALP : GLP_PRIMAL;
    if (cold) {
        glp_std_basis(lp->p);
        sm.meth = GLP_PRIMAL;
    }
    int before = glp_get_it_cnt(lp->p);
    int rc = glp_simplex(lp->p, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        /* The stored basis could not be used: start again from an advanced basis. */
        glp_adv_basis(lp->p, 0);
        rc = glp_simplex(lp->p, &sm);
    }
    lp->iterations = glp_get_it_cnt(lp->p) - before;
    if (rc != 0)
        return OMV_ERR(ctx, OMV_ESOLVER, "LP: the simplex method failed (GLPK code %d)", rc);
    int st = glp_get_status(lp->p);
    lp->status = st;
    switch (st) {
    case GLP_OPT:
        lp->obj = glp_get_obj_val(lp->p);
        *result = OMV__LP_OPTIMAL;
        return 0;
    case GLP_NOFEAS:
        *result = OMV__LP_INFEASIBLE;
        return 0;
    case GLP_UNBND:
        *result = OMV__LP_UNBOUNDED;
        return 0;
    default:
        /* Dual simplex ends with GLP_NOFEAS for a primal infeasible problem; anything else
         * (undefined, feasible but not optimal) means the solver stopped without an answer. */
        return OMV_ERR(ctx, OMV_ESOLVER, "LP: the simplex method ended without a result (status %d)", st);
    }
}

long omv__lp_iterations(const omv__lp *lp) { return lp->iterations; }

double omv__lp_obj_value(const omv__lp *lp) { return lp->obj; }

double omv__lp_col_value(const omv__lp *lp, int j)
{
    if (j < 0 || j >= glp_get_num_cols(lp->p))
        return NAN;
    return glp_get_col_prim(lp->p, j + 1);
}

void omv__lp_col_values(const omv__lp *lp, double *x)
{
    int n = glp_get_num_cols(lp->p);
    for (int j = 0; j < n; j++)
        x[j] = glp_get_col_prim(lp->p, j + 1);
}

int omv__lp_basis_get(const omv__lp *lp, omv_ctx *ctx, omv__lp_basis *b)
{
    b->nrows = glp_get_num_rows(lp->p);
    b->ncols = glp_get_num_cols(lp->p);
    b->row_stat = malloc((size_t)b->nrows + 1);
    b->col_stat = malloc((size_t)b->ncols + 1);
    if (!b->row_stat || !b->col_stat) {
        omv__lp_basis_free(b);
        return OMV_NOMEM(ctx, "LP basis");
    }
    for (int i = 0; i < b->nrows; i++)
        b->row_stat[i] = (unsigned char)glp_get_row_stat(lp->p, i + 1);
    for (int j = 0; j < b->ncols; j++)
        b->col_stat[j] = (unsigned char)glp_get_col_stat(lp->p, j + 1);
    return 0;
}

int omv__lp_basis_set(omv__lp *lp, omv_ctx *ctx, const omv__lp_basis *b)
{
    if (b->nrows != glp_get_num_rows(lp->p) || b->ncols != glp_get_num_cols(lp->p))
        return OMV_ERR(ctx, OMV_EARG, "LP: basis of %d x %d does not fit the problem", b->nrows, b->ncols);
    for (int i = 0; i < b->nrows; i++)
        if (b->row_stat[i] < GLP_BS || b->row_stat[i] > GLP_NS)
            return OMV_ERR(ctx, OMV_EARG, "LP: bad status of row %d in the basis", i);
    for (int j = 0; j < b->ncols; j++)
        if (b->col_stat[j] < GLP_BS || b->col_stat[j] > GLP_NS)
            return OMV_ERR(ctx, OMV_EARG, "LP: bad status of column %d in the basis", j);
    for (int i = 0; i < b->nrows; i++)
        glp_set_row_stat(lp->p, i + 1, b->row_stat[i]);
    for (int j = 0; j < b->ncols; j++)
        glp_set_col_stat(lp->p, j + 1, b->col_stat[j]);
    /* A fresh factorisation: a factor left over from earlier solves would make the next pivots
     * depend on the history of this copy, and with it the output on the thread count. */
    if (glp_factorize(lp->p) != 0) {
        glp_adv_basis(lp->p, 0);
    }
    return 0;
}

void omv__lp_basis_free(omv__lp_basis *b)
{
    free(b->row_stat);
    free(b->col_stat);
    b->row_stat = b->col_stat = NULL;
}
