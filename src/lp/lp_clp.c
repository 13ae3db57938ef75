/*
 * lp_clp.c — the COIN-OR CLP back end of the LP layer, through CLP's C interface: one ClpSimplex
 * per problem, its log off, bounds and objective changed in place, dual or primal simplex from the
 * stored status, and CLP's status mapped to results.
 *
 * Why a restored basis starts a fresh ClpSimplex: a ClpSimplex keeps state from one solve to the
 * next that the C interface cannot reset — its random number generator (perturbation and pricing
 * draw from it) and its scale factors. Left alone, the pivots of a solve would depend on what the
 * problem solved before, and with it the output on the thread count. So basis_set loads the
 * matrix, the current bounds and objective and the basis into a new ClpSimplex: the same basis,
 * bounds and objective then give the same pivots on every thread. The matrix is kept here by
 * columns for that.
 */
#include "lp/lp_backend.h"

#include <coin/Clp_C_Interface.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* CLP's status codes (ClpSimplex::Status). */
enum { CLP_FREE = 0, CLP_BASIC = 1, CLP_AT_UPPER = 2, CLP_AT_LOWER = 3, CLP_SUPERBASIC = 4, CLP_FIXED = 5 };

typedef struct {
    Clp_Simplex *s;
    int nrows, ncols;
    CoinBigIndex *start; /* ncols + 1 */
    int *index;          /* row of each entry, by columns */
    double *value;
} clp_prob;

/* CLP's infinity is DBL_MAX; it reads any bound beyond 1e30 as none. */
#define CLP_BIG 1e30

static double clp_inf(double v)
{
    if (v == HUGE_VAL)
        return DBL_MAX;
    if (v == -HUGE_VAL)
        return -DBL_MAX;
    return v;
}

static Clp_Simplex *new_simplex(const clp_prob *q, const double *clo, const double *chi, const double *obj,
                                const double *rlo, const double *rhi)
{
    Clp_Simplex *s = Clp_newModel();
    if (!s)
        return NULL;
    Clp_setLogLevel(s, 0);
    /* Equilibrium scaling (CLP's mode 1): as fast as no scaling on data/nordic and 10x faster than no
     * scaling on 100 nodes / 2,000 demands; CLP's default (mode 3) costs 20 % more on data/nordic,
     * where computing the factors again for every fresh simplex outweighs what they save. */
    Clp_scaling(s, 1);
    Clp_loadProblem(s, q->ncols, q->nrows, q->start, q->index, q->value, clo, chi, obj, rlo, rhi);
    Clp_setOptimizationDirection(s, 1.0);
    return s;
}

static void c_free(void *p)
{
    clp_prob *q = p;
    if (!q)
        return;
    if (q->s)
        Clp_deleteModel(q->s);
    free(q->start);
    free(q->index);
    free(q->value);
    free(q);
}

static clp_prob *alloc_prob(int nrows, int ncols, size_t nnz)
{
    clp_prob *q = calloc(1, sizeof(*q));
    if (!q)
        return NULL;
    q->nrows = nrows;
    q->ncols = ncols;
    q->start = malloc(((size_t)ncols + 1) * sizeof(*q->start));
    q->index = malloc((nnz + 1) * sizeof(*q->index));
    q->value = malloc((nnz + 1) * sizeof(*q->value));
    if (!q->start || !q->index || !q->value) {
        c_free(q);
        return NULL;
    }
    return q;
}

static int c_load(void **out, omv_ctx *ctx, const omv__lp_model *m)
{
    clp_prob *q = alloc_prob(m->nrows, m->ncols, m->nnz);
    size_t nb = (size_t)(m->nrows > m->ncols ? m->nrows : m->ncols) + 1;
    double *lo = malloc(nb * sizeof(*lo)), *hi = malloc(nb * sizeof(*hi)), *rlo = NULL, *rhi = NULL;
    if (!q || !lo || !hi || !(rlo = malloc(nb * sizeof(*rlo))) || !(rhi = malloc(nb * sizeof(*rhi)))) {
        c_free(q);
        free(lo);
        free(hi);
        free(rlo);
        return OMV_NOMEM(ctx, "LP model");
    }
    /* Triplets to columns, in the order given within a column. */
    memset(q->start, 0, ((size_t)m->ncols + 1) * sizeof(*q->start));
    for (size_t k = 0; k < m->nnz; k++)
        q->start[m->ja[k] + 1]++;
    for (int j = 0; j < m->ncols; j++)
        q->start[j + 1] += q->start[j];
    for (size_t k = 0; k < m->nnz; k++) {
        CoinBigIndex at = q->start[m->ja[k]]++;
        q->index[at] = m->ia[k];
        q->value[at] = m->ar[k];
    }
    for (int j = m->ncols; j > 0; j--)
        q->start[j] = q->start[j - 1];
    q->start[0] = 0;
    for (int j = 0; j < m->ncols; j++) {
        lo[j] = clp_inf(m->col_lo[j]);
        hi[j] = clp_inf(m->col_hi[j]);
    }
    for (int i = 0; i < m->nrows; i++) {
        rlo[i] = clp_inf(m->row_lo[i]);
        rhi[i] = clp_inf(m->row_hi[i]);
    }
    q->s = new_simplex(q, lo, hi, m->obj, rlo, rhi);
    free(lo);
    free(hi);
    free(rlo);
    free(rhi);
    if (!q->s) {
        c_free(q);
        return OMV_NOMEM(ctx, "LP model");
    }
    *out = q;
    return 0;
}

/* Moves the status array (columns, then rows) and the values it implies into s: nonbasic
 * variables at their bound, basic ones at zero (the factorisation computes them). */
static void put_status(Clp_Simplex *s, int nrows, int ncols, unsigned char *st)
{
    Clp_copyinStatus(s, st);
    double *x = Clp_primalColumnSolution(s), *r = Clp_primalRowSolution(s);
    const double *clo = Clp_columnLower(s), *chi = Clp_columnUpper(s);
    const double *rlo = Clp_rowLower(s), *rhi = Clp_rowUpper(s);
    for (int j = 0; j < ncols && x; j++) {
        int c = st[j] & 7;
        x[j] = c == CLP_AT_LOWER || c == CLP_FIXED ? clo[j] : c == CLP_AT_UPPER ? chi[j] : 0.0;
    }
    for (int i = 0; i < nrows && r; i++) {
        int c = st[ncols + i] & 7;
        r[i] = c == CLP_AT_LOWER || c == CLP_FIXED ? rlo[i] : c == CLP_AT_UPPER ? rhi[i] : 0.0;
    }
}

/* A new ClpSimplex with q's matrix and s's bounds and objective; with_status, also s's status and
 * values. NULL: no memory. */
static Clp_Simplex *fresh(const clp_prob *q, Clp_Simplex *s, bool with_status)
{
    Clp_Simplex *n = new_simplex(q, Clp_columnLower(s), Clp_columnUpper(s), Clp_objective(s), Clp_rowLower(s),
                                 Clp_rowUpper(s));
    if (!n || !with_status || !Clp_statusExists(s))
        return n;
    size_t len = (size_t)q->ncols + (size_t)q->nrows;
    unsigned char *st = malloc(len + 1);
    if (!st) {
        Clp_deleteModel(n);
        return NULL;
    }
    const unsigned char *from = Clp_statusArray(s);
    for (size_t k = 0; k < len; k++)
        st[k] = from[k] & 7; /* the status without CLP's working flags */
    put_status(n, q->nrows, q->ncols, st);
    free(st);
    return n;
}

static int c_copy(void **out, omv_ctx *ctx, void *src)
{
    const clp_prob *from = src;
    size_t nnz = (size_t)from->start[from->ncols];
    clp_prob *q = alloc_prob(from->nrows, from->ncols, nnz);
    if (!q)
        return OMV_NOMEM(ctx, "LP copy");
    memcpy(q->start, from->start, ((size_t)from->ncols + 1) * sizeof(*q->start));
    memcpy(q->index, from->index, nnz * sizeof(*q->index));
    memcpy(q->value, from->value, nnz * sizeof(*q->value));
    if (!(q->s = fresh(q, from->s, true))) {
        c_free(q);
        return OMV_NOMEM(ctx, "LP copy");
    }
    *out = q;
    return 0;
}

/* CLP keeps no environment per thread. */
static void c_thread_done(void) {}

static void c_set_col_bounds(void *p, int j, double lo, double hi)
{
    clp_prob *q = p;
    Clp_columnLower(q->s)[j] = clp_inf(lo);
    Clp_columnUpper(q->s)[j] = clp_inf(hi);
}

static void c_set_row_bounds(void *p, int i, double lo, double hi)
{
    clp_prob *q = p;
    Clp_rowLower(q->s)[i] = clp_inf(lo);
    Clp_rowUpper(q->s)[i] = clp_inf(hi);
}

static void c_set_obj(void *p, int j, double c)
{
    clp_prob *q = p;
    Clp_objective(q->s)[j] = c;
}

/* The status a nonbasic variable with bounds [lo, hi] takes when asked to sit at code (NL, NU,
 * NS, NF): the bound that exists. */
static int nonbasic(int code, double lo, double hi)
{
    bool l = lo > -CLP_BIG, u = hi < CLP_BIG;
    if (l && u && lo == hi)
        return CLP_FIXED;
    if (code == OMV__LP_NU && u)
        return CLP_AT_UPPER;
    if (l)
        return CLP_AT_LOWER;
    if (u)
        return CLP_AT_UPPER;
    return CLP_FREE;
}

static int to_clp(int code, double lo, double hi) { return code == OMV__LP_BS ? CLP_BASIC : nonbasic(code, lo, hi); }

static unsigned char from_clp(int c)
{
    switch (c & 7) {
    case CLP_BASIC:
        return OMV__LP_BS;
    case CLP_AT_UPPER:
        return OMV__LP_NU;
    case CLP_AT_LOWER:
        return OMV__LP_NL;
    case CLP_FIXED:
        return OMV__LP_NS;
    default: /* free or superbasic: nonbasic off its bounds */
        return OMV__LP_NF;
    }
}

static int set_basis(clp_prob *q, omv_ctx *ctx, const unsigned char *row_stat, const unsigned char *col_stat)
{
    Clp_Simplex *n = fresh(q, q->s, false);
    unsigned char *st = malloc((size_t)q->ncols + (size_t)q->nrows + 1);
    if (!n || !st) {
        if (n)
            Clp_deleteModel(n);
        free(st);
        return OMV_NOMEM(ctx, "LP basis");
    }
    Clp_deleteModel(q->s);
    q->s = n;
    const double *clo = Clp_columnLower(n), *chi = Clp_columnUpper(n);
    const double *rlo = Clp_rowLower(n), *rhi = Clp_rowUpper(n);
    for (int j = 0; j < q->ncols; j++)
        st[j] = (unsigned char)(col_stat ? to_clp(col_stat[j], clo[j], chi[j]) : nonbasic(OMV__LP_NL, clo[j], chi[j]));
    for (int i = 0; i < q->nrows; i++)
        st[q->ncols + i] = (unsigned char)(row_stat ? to_clp(row_stat[i], rlo[i], rhi[i]) : CLP_BASIC);
    put_status(n, q->nrows, q->ncols, st);
    free(st);
    return 0;
}

static int c_solve(void *p, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result, long *iters,
                   double *obj)
{
    clp_prob *q = p;
    int rc = 0;
    if (cold && (rc = set_basis(q, ctx, NULL, NULL))) /* the standard basis: every row basic */
        return rc;
    if (method == OMV__LP_DUAL && !cold)
        Clp_dual(q->s, 0);
    else
        Clp_primal(q->s, 0);
    *iters = Clp_numberIterations(q->s);
    int st = Clp_status(q->s);
    switch (st) {
    case 0:
        *obj = Clp_objectiveValue(q->s);
        *result = OMV__LP_OPTIMAL;
        return 0;
    case 1:
        *result = OMV__LP_INFEASIBLE;
        return 0;
    case 2:
        *result = OMV__LP_UNBOUNDED;
        return 0;
    default:
        /* 3: an iteration or time limit, 4: numerical trouble CLP could not get out of. */
        return OMV_ERR(ctx, OMV_ESOLVER, "LP: the simplex method ended without a result (CLP status %d)", st);
    }
}

static double c_col_value(void *p, int j)
{
    clp_prob *q = p;
    return Clp_primalColumnSolution(q->s)[j];
}

static void c_col_values(void *p, double *x)
{
    clp_prob *q = p;
    memcpy(x, Clp_primalColumnSolution(q->s), (size_t)q->ncols * sizeof(*x));
}

static void c_basis_get(void *p, unsigned char *row_stat, unsigned char *col_stat)
{
    clp_prob *q = p;
    const unsigned char *st = Clp_statusExists(q->s) ? Clp_statusArray(q->s) : NULL;
    for (int j = 0; j < q->ncols; j++)
        col_stat[j] = st ? from_clp(st[j]) : OMV__LP_NL;
    for (int i = 0; i < q->nrows; i++)
        row_stat[i] = st ? from_clp(st[q->ncols + i]) : OMV__LP_BS;
}

static int c_basis_set(void *p, omv_ctx *ctx, const unsigned char *row_stat, const unsigned char *col_stat)
{
    return set_basis(p, ctx, row_stat, col_stat);
}

const omv__lp_ops omv__lp_clp_ops = {
    .name = "clp",
    .load = c_load,
    .copy = c_copy,
    .free = c_free,
    .thread_done = c_thread_done,
    .set_col_bounds = c_set_col_bounds,
    .set_row_bounds = c_set_row_bounds,
    .set_obj = c_set_obj,
    .solve = c_solve,
    .col_values = c_col_values,
    .col_value = c_col_value,
    .basis_get = c_basis_get,
    .basis_set = c_basis_set,
};
