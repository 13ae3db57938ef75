/*
 * lp.c — the checked front of the LP layer: every index, bound and value is checked here, then
 * the call goes to the back end chosen when the model was created (lp_backend.h). The iteration
 * count and the objective of the last optimal solve are kept here, the same for every back end.
 */
#include "lp/lp_backend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct omv__lp {
    const omv__lp_ops *ops;
    void *p; /* the back end's problem */
    int backend, nrows, ncols;
    long iterations;
    double obj;
};

static const omv__lp_ops *ops_of(int backend)
{
    switch (backend) {
    case OMV__LP_GLPK:
        return &omv__lp_glpk_ops;
    case OMV__LP_CLP:
        return &omv__lp_clp_ops;
    default:
        return NULL;
    }
}

const char *omv__lp_backend_name(int backend)
{
    const omv__lp_ops *ops = ops_of(backend);
    return ops ? ops->name : NULL;
}

static int check_bounds(omv_ctx *ctx, const char *what, int k, double lo, double hi)
{
    if (isnan(lo) || isnan(hi) || lo > hi || lo == HUGE_VAL || hi == -HUGE_VAL)
        return OMV_ERR(ctx, OMV_EARG, "LP: bad bounds [%g, %g] on %s %d", lo, hi, what, k);
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    const int64_t *x = a, *y = b;
    return *x < *y ? -1 : *x > *y;
}

/* Duplicate (row, column) entries: neither back end accepts them (GLPK aborts on them). */
static int check_dups(omv_ctx *ctx, const omv__lp_model *m)
{
    if (m->nnz < 2)
        return 0;
    int64_t *key = malloc(m->nnz * sizeof(*key));
    if (!key)
        return OMV_NOMEM(ctx, "LP model");
    for (size_t k = 0; k < m->nnz; k++)
        key[k] = (int64_t)m->ia[k] * m->ncols + m->ja[k];
    qsort(key, m->nnz, sizeof(*key), cmp_i64);
    int rc = 0;
    for (size_t k = 1; k < m->nnz && !rc; k++)
        if (key[k] == key[k - 1])
            rc = OMV_ERR(ctx, OMV_EARG, "LP: duplicate matrix entry (%d, %d)", (int)(key[k] / m->ncols),
                         (int)(key[k] % m->ncols));
    free(key);
    return rc;
}

int omv__lp_new(omv__lp **out, omv_ctx *ctx, const omv__lp_model *m)
{
    *out = NULL;
    const omv__lp_ops *ops = ops_of(m->backend);
    if (!ops)
        return OMV_ERR(ctx, OMV_EARG, "LP: unknown solver %d", m->backend);
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
    int rc = check_dups(ctx, m);
    if (rc)
        return rc;
    omv__lp *lp = calloc(1, sizeof(*lp));
    if (!lp)
        return OMV_NOMEM(ctx, "LP model");
    lp->ops = ops;
    lp->backend = m->backend;
    lp->nrows = m->nrows;
    lp->ncols = m->ncols;
    if ((rc = ops->load(&lp->p, ctx, m))) {
        free(lp);
        return rc;
    }
    *out = lp;
    return 0;
}

int omv__lp_copy(omv__lp **out, omv_ctx *ctx, const omv__lp *src)
{
    *out = NULL;
    omv__lp *lp = malloc(sizeof(*lp));
    if (!lp)
        return OMV_NOMEM(ctx, "LP copy");
    *lp = *src;
    int rc = src->ops->copy(&lp->p, ctx, src->p);
    if (rc) {
        free(lp);
        return rc;
    }
    *out = lp;
    return 0;
}

void omv__lp_free(omv__lp *lp)
{
    if (!lp)
        return;
    lp->ops->free(lp->p);
    free(lp);
}

void omv__lp_thread_done(void)
{
    omv__lp_glpk_ops.thread_done();
    omv__lp_clp_ops.thread_done();
}

int omv__lp_rows(const omv__lp *lp) { return lp->nrows; }
int omv__lp_cols(const omv__lp *lp) { return lp->ncols; }
int omv__lp_backend_of(const omv__lp *lp) { return lp->backend; }

int omv__lp_set_col_bounds(omv__lp *lp, omv_ctx *ctx, int j, double lo, double hi)
{
    if (j < 0 || j >= lp->ncols)
        return OMV_ERR(ctx, OMV_EARG, "LP: column %d out of range", j);
    int rc = check_bounds(ctx, "column", j, lo, hi);
    if (rc)
        return rc;
    lp->ops->set_col_bounds(lp->p, j, lo, hi);
    return 0;
}

int omv__lp_set_row_bounds(omv__lp *lp, omv_ctx *ctx, int i, double lo, double hi)
{
    if (i < 0 || i >= lp->nrows)
        return OMV_ERR(ctx, OMV_EARG, "LP: row %d out of range", i);
    int rc = check_bounds(ctx, "row", i, lo, hi);
    if (rc)
        return rc;
    lp->ops->set_row_bounds(lp->p, i, lo, hi);
    return 0;
}

int omv__lp_set_obj(omv__lp *lp, omv_ctx *ctx, int j, double c)
{
    if (j < 0 || j >= lp->ncols || !isfinite(c))
        return OMV_ERR(ctx, OMV_EARG, "LP: objective of column %d: bad index or value", j);
    lp->ops->set_obj(lp->p, j, c);
    return 0;
}

int omv__lp_solve(omv__lp *lp, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result)
{
    long it = 0;
    int rc = lp->ops->solve(lp->p, ctx, method, cold, result, &it, &lp->obj);
    lp->iterations = it;
    return rc;
}

long omv__lp_iterations(const omv__lp *lp) { return lp->iterations; }

double omv__lp_obj_value(const omv__lp *lp) { return lp->obj; }

double omv__lp_col_value(const omv__lp *lp, int j)
{
    if (j < 0 || j >= lp->ncols)
        return NAN;
    return lp->ops->col_value(lp->p, j);
}

void omv__lp_col_values(const omv__lp *lp, double *x) { lp->ops->col_values(lp->p, x); }

int omv__lp_basis_get(const omv__lp *lp, omv_ctx *ctx, omv__lp_basis *b)
{
    b->nrows = lp->nrows;
    b->ncols = lp->ncols;
    b->row_stat = malloc((size_t)b->nrows + 1);
    b->col_stat = malloc((size_t)b->ncols + 1);
    if (!b->row_stat || !b->col_stat) {
        omv__lp_basis_free(b);
        return OMV_NOMEM(ctx, "LP basis");
    }
    lp->ops->basis_get(lp->p, b->row_stat, b->col_stat);
    return 0;
}

int omv__lp_basis_set(omv__lp *lp, omv_ctx *ctx, const omv__lp_basis *b)
{
    if (b->nrows != lp->nrows || b->ncols != lp->ncols)
        return OMV_ERR(ctx, OMV_EARG, "LP: basis of %d x %d does not fit the problem", b->nrows, b->ncols);
    for (int i = 0; i < b->nrows; i++)
        if (b->row_stat[i] < OMV__LP_BS || b->row_stat[i] > OMV__LP_NS)
            return OMV_ERR(ctx, OMV_EARG, "LP: bad status of row %d in the basis", i);
    for (int j = 0; j < b->ncols; j++)
        if (b->col_stat[j] < OMV__LP_BS || b->col_stat[j] > OMV__LP_NS)
            return OMV_ERR(ctx, OMV_EARG, "LP: bad status of column %d in the basis", j);
    return lp->ops->basis_set(lp->p, ctx, b->row_stat, b->col_stat);
}

void omv__lp_basis_free(omv__lp_basis *b)
{
    free(b->row_stat);
    free(b->col_stat);
    b->row_stat = b->col_stat = NULL;
}
