/*
 * lp_glpk.c — the GLPK back end of the LP layer: translation from arrays, per-thread copies, bound
 * and objective changes, simplex with stored bases, and the mapping of GLPK's status to results.
 *
 * GLPK aborts the process on an index out of range; lp.c has checked every index before a call
 * gets here. Its terminal output is switched off in every thread that uses it (the library never
 * prints).
 */
#include "lp/lp_backend.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(OMV__LP_BS == GLP_BS && OMV__LP_NL == GLP_NL && OMV__LP_NU == GLP_NU && OMV__LP_NF == GLP_NF &&
                   OMV__LP_NS == GLP_NS,
               "basis status codes follow GLPK's");

/* GLPK's terminal output is per thread; this keeps it off in the calling thread. */
static void quiet(void) { glp_term_out(GLP_OFF); }

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

static int g_load(void **out, omv_ctx *ctx, const omv__lp_model *m)
{
    /* GLPK's arrays are 1-based: element 0 is unused. */
    int *ia = malloc((m->nnz + 1) * sizeof(*ia));
    int *ja = malloc((m->nnz + 1) * sizeof(*ja));
    double *ar = malloc((m->nnz + 1) * sizeof(*ar));
    if (!ia || !ja || !ar) {
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
    glp_prob *p = glp_create_prob();
    glp_set_obj_dir(p, GLP_MIN);
    if (m->nrows)
        glp_add_rows(p, m->nrows);
    glp_add_cols(p, m->ncols);
    for (int i = 0; i < m->nrows; i++)
        glp_set_row_bnds(p, i + 1, bound_type(m->row_lo[i], m->row_hi[i]), fin(m->row_lo[i]), fin(m->row_hi[i]));
    for (int j = 0; j < m->ncols; j++) {
        glp_set_col_bnds(p, j + 1, bound_type(m->col_lo[j], m->col_hi[j]), fin(m->col_lo[j]), fin(m->col_hi[j]));
        if (m->obj)
            glp_set_obj_coef(p, j + 1, m->obj[j]);
    }
    if (m->nnz)
        glp_load_matrix(p, (int)m->nnz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    *out = p;
    return 0;
}

static int g_copy(void **out, omv_ctx *ctx, void *src)
{
    quiet();
    glp_prob *p = glp_create_prob();
    glp_copy_prob(p, src, GLP_OFF);
    *out = p;
    return 0;
}

static void g_free(void *p)
{
    if (p)
        glp_delete_prob(p);
}

static void g_thread_done(void) { glp_free_env(); }

static void g_set_col_bounds(void *p, int j, double lo, double hi)
{
    glp_set_col_bnds(p, j + 1, bound_type(lo, hi), fin(lo), fin(hi));
}

static void g_set_row_bounds(void *p, int i, double lo, double hi)
{
    glp_set_row_bnds(p, i + 1, bound_type(lo, hi), fin(lo), fin(hi));
}

static void g_set_obj(void *p, int j, double c) { glp_set_obj_coef(p, j + 1, c); }

static int g_solve(void *vp, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result, long *iters,
                   double *obj)
{
    glp_prob *p = vp;
    quiet();
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.meth = method == OMV__LP_DUAL ? GLP_DUALP : GLP_PRIMAL;
    if (cold) {
        glp_std_basis(p);
        sm.meth = GLP_PRIMAL;
    }
    int before = glp_get_it_cnt(p);
    int rc = glp_simplex(p, &sm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        /* The stored basis could not be used: start again from an advanced basis. */
        glp_adv_basis(p, 0);
        rc = glp_simplex(p, &sm);
    }
    *iters = glp_get_it_cnt(p) - before;
    if (rc != 0)
        return OMV_ERR(ctx, OMV_ESOLVER, "LP: the simplex method failed (GLPK code %d)", rc);
    int st = glp_get_status(p);
    switch (st) {
    case GLP_OPT:
        *obj = glp_get_obj_val(p);
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

static double g_col_value(void *p, int j) { return glp_get_col_prim(p, j + 1); }

static void g_col_values(void *p, double *x)
{
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++)
        x[j] = glp_get_col_prim(p, j + 1);
}

static void g_basis_get(void *p, unsigned char *row_stat, unsigned char *col_stat)
{
    int nr = glp_get_num_rows(p), nc = glp_get_num_cols(p);
    for (int i = 0; i < nr; i++)
        row_stat[i] = (unsigned char)glp_get_row_stat(p, i + 1);
    for (int j = 0; j < nc; j++)
        col_stat[j] = (unsigned char)glp_get_col_stat(p, j + 1);
}

static int g_basis_set(void *p, omv_ctx *ctx, const unsigned char *row_stat, const unsigned char *col_stat)
{
    int nr = glp_get_num_rows(p), nc = glp_get_num_cols(p);
    for (int i = 0; i < nr; i++)
        glp_set_row_stat(p, i + 1, row_stat[i]);
    for (int j = 0; j < nc; j++)
        glp_set_col_stat(p, j + 1, col_stat[j]);
    /* A fresh factorisation: a factor left over from earlier solves would make the next pivots
     * depend on the history of this copy, and with it the output on the thread count. */
    if (glp_factorize(p) != 0)
        glp_adv_basis(p, 0);
    return 0;
}

const omv__lp_ops omv__lp_glpk_ops = {
    .name = "glpk",
    .load = g_load,
    .copy = g_copy,
    .free = g_free,
    .thread_done = g_thread_done,
    .set_col_bounds = g_set_col_bounds,
    .set_row_bounds = g_set_row_bounds,
    .set_obj = g_set_obj,
    .solve = g_solve,
    .col_values = g_col_values,
    .col_value = g_col_value,
    .basis_get = g_basis_get,
    .basis_set = g_basis_set,
};
