/*
 * mcf.c — optimal rerouting: the multi-commodity flow LP, translated once and solved per failure
 * from the intact basis.
 *
 * Commodities aggregate demands by (class, root): root is the destination, or the source when the
 * demands have fewer distinct sources than destinations. A class is the border class of the demand
 * (reroute_int.h), so demands that may use different links never share a commodity.
 *
 * Columns: f[k, l, dir] for each commodity k and each link l open to k's class, in both directions;
 * u[k, v] >= 0 the unserved part of the demand between v and the root, at most that demand; U the
 * largest utilisation, in [0, 1]. Rows: conservation per (k, v), sigma (out - in) + u = d (sigma +1
 * when rooted at destinations, -1 at sources; the root's row is free); per link and direction with a
 * finite capacity, sum_k f - cap U <= 0; one row sum u <= (free until phase 2).
 *
 * Three phases, each from the previous optimum: 1. min sum u (dual simplex from the intact basis
 * after the failed columns are fixed at 0); 2. min U with sum u held at its minimum (primal);
 * 3. min sum f with U held too (primal). The problem is put back after every scenario, and the next
 * one restores the intact basis with a fresh factorisation, so a scenario's answer does not depend
 * on which thread solved it or what it solved before.
 */
#include "reroute/reroute_int.h"

#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(OMV__LP_GLPK == (int)OMV_LP_GLPK && OMV__LP_CLP == (int)OMV_LP_CLP, "LP back ends follow omv_lp_solver");

/* Slack on a held objective: what the next phase may not exceed, relative to the held value. */
#define HOLD_TOL 1e-7

struct omv__rr_mcf {
    const omv_net *net;
    size_t n, L, K, nd;
    double sigma;
    int32_t *croot, *cclass; /* per commodity */
    int32_t *colf;   /* K x 2L: column of f[k, l, dir], or -1 */
    int32_t *colu;   /* K x n: column of u[k, v], or -1 */
    double *rhs;     /* K x n: intact demand of row (k, v) */
    int32_t *dcom;   /* per demand: commodity */
    int32_t *dnode;  /* per demand: its non-root end */
    int ucols_from, ncols, nrows, row_total, col_U;
    omv__lp *lp;     /* holds the intact phase-1 state */
    omv__lp_basis bases[3]; /* the intact network's optimal basis of each phase */
    int warm;
};

struct omv__rr_mcf_worker {
    const omv__rr_mcf *m;
    omv__lp *lp;
    double *x, *xu;  /* ncols: final columns, phase-1 columns */
    double *rhs;     /* K x n, current */
    int32_t *touched_rows; /* (k, v) slots changed by the scenario */
    size_t ntouched;
    int32_t *dead_cols;
    size_t ndead, capdead;
};

size_t omv__rr_mcf_commodities(const omv__rr_mcf *m) { return m->K; }

static int row_of(const omv__rr_mcf *m, size_t k, size_t v) { return (int)(k * m->n + v); }

static int cmp_pair(const void *a, const void *b)
{
    const int64_t *x = a, *y = b;
    return *x < *y ? -1 : *x > *y;
}

/* Commodities: sorted (class, root) keys of the demands with positive Gbps. */
static int commodities(omv__rr_mcf *m, omv_ctx *ctx, const omv__rr_classes *cls)
{
    const omv_net *net = m->net;
    uint8_t *isrc = calloc(m->n, 1), *idst = calloc(m->n, 1);
    int64_t *keys = malloc((m->nd + 1) * sizeof(*keys));
    if (!isrc || !idst || !keys) {
        free(isrc);
        free(idst);
        free(keys);
        return OMV_NOMEM(ctx, "commodities");
    }
    size_t ns = 0, nt = 0;
    for (size_t d = 0; d < m->nd; d++) {
        const omv__demand *dm = &net->demands[d];
        ns += !isrc[dm->src];
        nt += !idst[dm->dst];
        isrc[dm->src] = idst[dm->dst] = 1;
    }
    bool by_dst = nt <= ns;
    m->sigma = by_dst ? 1.0 : -1.0;
    for (size_t d = 0; d < m->nd; d++) {
        const omv__demand *dm = &net->demands[d];
        int32_t root = by_dst ? dm->dst : dm->src;
        keys[d] = (int64_t)cls->dclass[d] * (int64_t)m->n + root;
        m->dnode[d] = by_dst ? dm->src : dm->dst;
    }
    int64_t *sorted = malloc((m->nd + 1) * sizeof(*sorted));
    if (!sorted) {
        free(isrc);
        free(idst);
        free(keys);
        return OMV_NOMEM(ctx, "commodities");
    }
    memcpy(sorted, keys, m->nd * sizeof(*keys));
    qsort(sorted, m->nd, sizeof(*sorted), cmp_pair);
    size_t K = 0;
    for (size_t i = 0; i < m->nd; i++)
        if (i == 0 || sorted[i] != sorted[i - 1])
            sorted[K++] = sorted[i];
    m->K = K;
    m->croot = malloc((K + 1) * sizeof(*m->croot));
    m->cclass = malloc((K + 1) * sizeof(*m->cclass));
    int rc = 0;
    if (!m->croot || !m->cclass) {
        rc = OMV_NOMEM(ctx, "commodities");
    } else {
        for (size_t k = 0; k < K; k++) {
            m->cclass[k] = (int32_t)(sorted[k] / (int64_t)m->n);
            m->croot[k] = (int32_t)(sorted[k] % (int64_t)m->n);
        }
        for (size_t d = 0; d < m->nd; d++) {
            int64_t *hit = bsearch(&keys[d], sorted, K, sizeof(*sorted), cmp_pair);
            m->dcom[d] = (int32_t)(hit - sorted);
        }
    }
    free(sorted);
    free(isrc);
    free(idst);
    free(keys);
    return rc;
}

void omv__rr_mcf_free(omv__rr_mcf *m)
{
    if (!m)
        return;
    omv__lp_free(m->lp);
    for (int ph = 0; ph < 3; ph++)
        omv__lp_basis_free(&m->bases[ph]);
    free(m->croot);
    free(m->cclass);
    free(m->colf);
    free(m->colu);
    free(m->rhs);
    free(m->dcom);
    free(m->dnode);
    free(m);
}

/* Matrix under construction. */
typedef struct {
    int *ia, *ja;
    double *ar;
    size_t n, cap;
} trip;

static int put(trip *t, int i, int j, double v)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        int *ia = realloc(t->ia, cap * sizeof(*ia));
        if (!ia)
            return -1;
        t->ia = ia;
        int *ja = realloc(t->ja, cap * sizeof(*ja));
        if (!ja)
            return -1;
        t->ja = ja;
        double *ar = realloc(t->ar, cap * sizeof(*ar));
        if (!ar)
            return -1;
        t->ar = ar;
        t->cap = cap;
    }
    t->ia[t->n] = i;
    t->ja[t->n] = j;
    t->ar[t->n] = v;
    t->n++;
    return 0;
}

static int phases(omv__lp *lp, omv_ctx *ctx, const omv__rr_mcf *m, const omv__lp_basis *bases,
                  omv__lp_basis *save, double *xu, double *x, long *iters);

static bool finite_cap(const omv__link *l) { return !isnan(l->capacity_gbps); }

/* Sets the phase-1 objective and frees the held rows: the state every scenario starts from. */
static int phase1_state(omv__lp *lp, omv_ctx *ctx, const omv__rr_mcf *m)
{
    int rc = 0;
    for (int j = 0; j < m->ncols && !rc; j++)
        rc = omv__lp_set_obj(lp, ctx, j, j >= m->ucols_from && j < m->col_U ? 1.0 : 0.0);
    if (!rc)
        rc = omv__lp_set_row_bounds(lp, ctx, m->row_total, -HUGE_VAL, HUGE_VAL);
    if (!rc)
        rc = omv__lp_set_col_bounds(lp, ctx, m->col_U, 0.0, 1.0);
    return rc;
}

/* Loads, unserved and per-demand figures from the columns x (phase 3 flows) and u (phase 1). */
static void read_out(const omv__rr_mcf *m, const double *xf, const double *xu, const double *rhs, omv__rr_eval *ev)
{
    const omv_net *net = m->net;
    for (size_t i = 0; i < 2 * net->nlinks; i++)
        ev->load[i] = 0;
    for (size_t k = 0; k < m->K; k++)
        for (size_t a = 0; a < 2 * m->L; a++) {
            int32_t c = m->colf[k * 2 * m->L + a];
            if (c >= 0 && xf[c] > OMV__RR_EPS)
                ev->load[a] += xf[c];
        }
    for (size_t d = 0; d < m->nd; d++) {
        if (ev->lost[d] > 0) {
            ev->unserved[d] = 0;
            continue;
        }
        size_t slot = (size_t)m->dcom[d] * m->n + (size_t)m->dnode[d];
        int32_t c = m->colu[slot];
        double u = c >= 0 ? xu[c] : 0;
        double g = net->demands[d].gbps;
        ev->unserved[d] = (u > OMV__RR_EPS && rhs[slot] > 0) ? u * (g / rhs[slot]) : 0;
    }
}

int omv__rr_mcf_new(omv__rr_mcf **out, omv_ctx *ctx, const omv_net *net, const omv__rr_classes *cls,
                    omv__rr_eval *intact, int warm, int solver)
{
    *out = NULL;
    if (!omv__lp_backend_name(solver))
        return OMV_ERR(ctx, OMV_EARG, "reroute options: unknown LP solver %d", solver);
    omv__rr_mcf *m = calloc(1, sizeof(*m));
    if (!m)
        return OMV_NOMEM(ctx, "LP model");
    m->net = net;
    m->n = net->nnodes;
    m->L = net->nlinks;
    m->nd = net->ndemands;
    m->warm = warm;
    trip t = {0};
    double *rlo = NULL, *rhi = NULL, *clo = NULL, *chi = NULL;
    int rc;
    m->dcom = malloc((m->nd + 1) * sizeof(*m->dcom));
    m->dnode = malloc((m->nd + 1) * sizeof(*m->dnode));
    if (!m->dcom || !m->dnode) {
        rc = OMV_NOMEM(ctx, "LP model");
        goto cleanup;
    }
    if ((rc = commodities(m, ctx, cls)))
        goto cleanup;
    size_t K = m->K, n = m->n, L = m->L;
    if (K > (size_t)INT32_MAX / (2 * (L + 1)) || K * n > (size_t)INT32_MAX / 2) {
        rc = OMV_ERR(ctx, OMV_EARG, "rerouting model too large (%zu commodities over %zu links)", K, L);
        goto cleanup;
    }
    m->colf = malloc((K * 2 * L + 1) * sizeof(*m->colf));
    m->colu = malloc((K * n + 1) * sizeof(*m->colu));
    m->rhs = calloc(K * n + 1, sizeof(*m->rhs));
    if (!m->colf || !m->colu || !m->rhs) {
        rc = OMV_NOMEM(ctx, "LP model");
        goto cleanup;
    }
    for (size_t d = 0; d < m->nd; d++)
        m->rhs[(size_t)m->dcom[d] * n + (size_t)m->dnode[d]] += net->demands[d].gbps;
    /* Rows: K x n conservation, then capacity rows, then the total of u. */
    size_t ncap = 0;
    for (size_t l = 0; l < L; l++)
        if (omv__link_exists(net, l) && finite_cap(&net->links[l]))
            ncap += 2;
    int32_t *caprow = malloc((2 * L + 1) * sizeof(*caprow));
    if (!caprow) {
        rc = OMV_NOMEM(ctx, "LP model");
        goto cleanup;
    }
    int r = (int)(K * n);
    for (size_t l = 0; l < L; l++) {
        bool has = omv__link_exists(net, l) && finite_cap(&net->links[l]);
        caprow[2 * l] = has ? r++ : -1;
        caprow[2 * l + 1] = has ? r++ : -1;
    }
    m->row_total = r++;
    m->nrows = r;
    /* Columns. */
    int c = 0;
    for (size_t k = 0; k < K; k++) {
        const uint8_t *open = cls->open + (size_t)m->cclass[k] * L;
        for (size_t l = 0; l < L; l++) {
            bool ok = open[l] && omv__link_exists(net, l);
            m->colf[k * 2 * L + 2 * l] = ok ? c++ : -1;
            m->colf[k * 2 * L + 2 * l + 1] = ok ? c++ : -1;
        }
    }
    m->ucols_from = c;
    for (size_t k = 0; k < K; k++)
        for (size_t v = 0; v < n; v++)
            m->colu[k * n + v] = m->rhs[k * n + v] > 0 && (int32_t)v != m->croot[k] ? c++ : -1;
    m->col_U = c++;
    m->ncols = c;
    rlo = malloc((size_t)m->nrows * sizeof(*rlo));
    rhi = malloc((size_t)m->nrows * sizeof(*rhi));
    clo = malloc((size_t)m->ncols * sizeof(*clo));
    chi = malloc((size_t)m->ncols * sizeof(*chi));
    if (!rlo || !rhi || !clo || !chi) {
        free(caprow);
        rc = OMV_NOMEM(ctx, "LP model");
        goto cleanup;
    }
    for (size_t k = 0; k < K; k++)
        for (size_t v = 0; v < n; v++) {
            size_t s = k * n + v;
            bool root = (int32_t)v == m->croot[k];
            rlo[s] = root ? -HUGE_VAL : m->rhs[s];
            rhi[s] = root ? HUGE_VAL : m->rhs[s];
        }
    for (int i = (int)(K * n); i < m->nrows; i++) {
        rlo[i] = -HUGE_VAL;
        rhi[i] = i == m->row_total ? HUGE_VAL : 0.0;
    }
    int fail = 0;
    for (size_t k = 0; k < K && !fail; k++) {
        int32_t root = m->croot[k];
        for (size_t l = 0; l < L && !fail; l++) {
            const omv__link *lk = &net->links[l];
            for (int dir = 0; dir < 2 && !fail; dir++) {
                int32_t col = m->colf[k * 2 * L + 2 * l + dir];
                if (col < 0)
                    continue;
                int32_t from = dir ? lk->b : lk->a, to = dir ? lk->a : lk->b;
                clo[col] = 0;
                chi[col] = HUGE_VAL;
                if (from != root)
                    fail |= put(&t, row_of(m, k, (size_t)from), col, m->sigma);
                if (to != root)
                    fail |= put(&t, row_of(m, k, (size_t)to), col, -m->sigma);
                if (caprow[2 * l + dir] >= 0)
                    fail |= put(&t, caprow[2 * l + dir], col, 1.0);
            }
        }
        for (size_t v = 0; v < n && !fail; v++) {
            int32_t col = m->colu[k * n + v];
            if (col < 0)
                continue;
            clo[col] = 0;
            chi[col] = m->rhs[k * n + v];
            fail |= put(&t, row_of(m, k, v), col, 1.0);
            fail |= put(&t, m->row_total, col, 1.0);
        }
    }
    clo[m->col_U] = 0;
    chi[m->col_U] = 1;
    for (size_t l = 0; l < L && !fail; l++)
        for (int dir = 0; dir < 2; dir++)
            if (caprow[2 * l + dir] >= 0 && net->links[l].capacity_gbps > 0)
                fail |= put(&t, caprow[2 * l + dir], m->col_U, -net->links[l].capacity_gbps);
    free(caprow);
    if (fail) {
        rc = OMV_NOMEM(ctx, "LP matrix");
        goto cleanup;
    }
    omv__lp_model mod = {m->nrows, m->ncols, rlo, rhi, clo, chi, NULL, t.n, t.ia, t.ja, t.ar, solver};
    if ((rc = omv__lp_new(&m->lp, ctx, &mod)) || (rc = phase1_state(m->lp, ctx, m)))
        goto cleanup;
    /* The intact network from scratch, keeping each phase's basis; then the template goes back
     * to the phase-1 state with its basis, which every copy starts from. */
    {
        double *x = malloc((size_t)m->ncols * sizeof(*x)), *xu = malloc((size_t)m->ncols * sizeof(*xu));
        long it = 0;
        rc = x && xu ? phases(m->lp, ctx, m, NULL, m->bases, xu, x, &it) : OMV_NOMEM(ctx, "LP solution");
        free(x);
        free(xu);
        if (!rc)
            rc = phase1_state(m->lp, ctx, m);
        if (!rc)
            rc = omv__lp_basis_set(m->lp, ctx, &m->bases[0]);
        if (rc)
            goto cleanup;
    }
    for (size_t d = 0; d < m->nd; d++)
        intact->lost[d] = 0;
    {
        long it = 0;
        omv__rr_mcf_worker *wk = NULL;
        if ((rc = omv__rr_mcf_worker_new(&wk, ctx, m)))
            goto cleanup;
        rc = omv__rr_mcf_eval(wk, ctx, intact, &it);
        omv__rr_mcf_worker_free(wk);
        if (rc)
            goto cleanup;
    }
    *out = m;
    m = NULL;
cleanup:
    free(t.ia);
    free(t.ja);
    free(t.ar);
    free(rlo);
    free(rhi);
    free(clo);
    free(chi);
    omv__rr_mcf_free(m);
    return rc;
}

int omv__rr_mcf_worker_new(omv__rr_mcf_worker **out, omv_ctx *ctx, const omv__rr_mcf *m)
{
    *out = NULL;
    omv__rr_mcf_worker *w = calloc(1, sizeof(*w));
    if (!w)
        return OMV_NOMEM(ctx, "LP worker");
    w->m = m;
    w->x = malloc((size_t)m->ncols * sizeof(*w->x));
    w->xu = malloc((size_t)m->ncols * sizeof(*w->xu));
    w->rhs = malloc((m->K * m->n + 1) * sizeof(*w->rhs));
    w->touched_rows = malloc((m->K * m->n + 1) * sizeof(*w->touched_rows));
    int rc = 0;
    if (!w->x || !w->xu || !w->rhs || !w->touched_rows)
        rc = OMV_NOMEM(ctx, "LP worker");
    if (!rc) {
        memcpy(w->rhs, m->rhs, m->K * m->n * sizeof(*w->rhs));
#pragma omp critical(omv__lp_copy)
        rc = omv__lp_copy(&w->lp, ctx, m->lp);
    }
    if (rc) {
        omv__rr_mcf_worker_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

void omv__rr_mcf_worker_free(omv__rr_mcf_worker *w)
{
    if (!w)
        return;
    omv__lp_free(w->lp);
    free(w->x);
    free(w->xu);
    free(w->rhs);
    free(w->touched_rows);
    free(w->dead_cols);
    free(w);
}

/* Puts the worker's problem back in the phase-1 intact state. */
static int restore(omv__rr_mcf_worker *w, omv_ctx *ctx)
{
    const omv__rr_mcf *m = w->m;
    int rc = 0;
    for (size_t i = 0; i < w->ndead && !rc; i++)
        rc = omv__lp_set_col_bounds(w->lp, ctx, w->dead_cols[i], 0.0, HUGE_VAL);
    w->ndead = 0;
    for (size_t i = 0; i < w->ntouched && !rc; i++) {
        size_t s = (size_t)w->touched_rows[i];
        w->rhs[s] = m->rhs[s];
        rc = omv__lp_set_row_bounds(w->lp, ctx, (int)s, m->rhs[s], m->rhs[s]);
        if (!rc && m->colu[s] >= 0)
            rc = omv__lp_set_col_bounds(w->lp, ctx, m->colu[s], 0.0, m->rhs[s]);
    }
    w->ntouched = 0;
    if (!rc)
        rc = phase1_state(w->lp, ctx, m);
    return rc;
}

static int add_dead(omv__rr_mcf_worker *w, omv_ctx *ctx, int32_t col)
{
    if (OMV_GROW(w->dead_cols, w->capdead, w->ndead + 1))
        return OMV_NOMEM(ctx, "LP worker");
    w->dead_cols[w->ndead++] = col;
    return omv__lp_set_col_bounds(w->lp, ctx, col, 0.0, 0.0);
}

/* From scratch, the simplex starts where nothing is routed: every flow at zero, every unserved
 * column basic and equal to its demand. That point is feasible, so the primal simplex needs no
 * search for a first feasible point, which on thousands of demand rows costs more than the rest. */
static int served_nothing_basis(omv__lp *lp, omv_ctx *ctx, const omv__rr_mcf *m)
{
    omv__lp_basis b = {m->nrows, m->ncols, malloc((size_t)m->nrows + 1), malloc((size_t)m->ncols + 1)};
    if (!b.row_stat || !b.col_stat) {
        omv__lp_basis_free(&b);
        return OMV_NOMEM(ctx, "LP basis");
    }
    memset(b.row_stat, OMV__LP_BS, (size_t)m->nrows);
    memset(b.col_stat, OMV__LP_NL, (size_t)m->ncols);
    for (size_t s = 0; s < m->K * m->n; s++)
        if (m->colu[s] >= 0) {
            b.row_stat[s] = OMV__LP_NS;
            b.col_stat[m->colu[s]] = OMV__LP_BS;
        }
    int rc = omv__lp_basis_set(lp, ctx, &b);
    omv__lp_basis_free(&b);
    return rc;
}

/* The three phases on lp from its current bounds. With bases (warm), each phase restores the
 * intact network's optimal basis of that phase and runs the dual simplex: a failure only changes
 * bounds (failed columns fixed at zero, demand lost with a node, the held values), and the intact
 * basis stays dual feasible under every such change, so each phase only repairs what the failure
 * broke. Without bases, phase 1 starts from scratch and the later ones from the previous optimum.
 * save (3 bases, may be NULL) receives each phase's final basis. xu receives the phase-1 columns
 * (unserved demand), x the final ones (flows). A later phase that the held tolerances make
 * infeasible keeps the answer before it, which is within those tolerances of the same optimum. */
static int phases(omv__lp *lp, omv_ctx *ctx, const omv__rr_mcf *m, const omv__lp_basis *bases,
                  omv__lp_basis *save, double *xu, double *x, long *iters)
{
    omv__lp_result res;
    int rc = 0;
    *iters = 0;
    for (int ph = 0; ph < 3 && !rc; ph++) {
        if (ph == 1) {
            /* Hold the unserved total, minimise the largest utilisation. */
            double ustar = 0;
            for (int j = m->ucols_from; j < m->col_U; j++)
                ustar += xu[j];
            rc = omv__lp_set_row_bounds(lp, ctx, m->row_total, -HUGE_VAL, ustar + HOLD_TOL * (ustar > 1 ? ustar : 1));
            for (int j = m->ucols_from; j < m->col_U && !rc; j++)
                rc = omv__lp_set_obj(lp, ctx, j, 0.0);
            if (!rc)
                rc = omv__lp_set_obj(lp, ctx, m->col_U, 1.0);
        } else if (ph == 2) {
            /* Hold U too, minimise the total flow. */
            rc = omv__lp_set_col_bounds(lp, ctx, m->col_U, 0.0, fmin(1.0, x[m->col_U] + HOLD_TOL));
            if (!rc)
                rc = omv__lp_set_obj(lp, ctx, m->col_U, 0.0);
            for (int j = 0; j < m->ucols_from && !rc; j++)
                rc = omv__lp_set_obj(lp, ctx, j, 1.0);
        }
        if (!rc && bases)
            rc = omv__lp_basis_set(lp, ctx, &bases[ph]);
        else if (!rc && ph == 0)
            rc = served_nothing_basis(lp, ctx, m);
        if (rc)
            break;
        rc = omv__lp_solve(lp, ctx, bases ? OMV__LP_DUAL : OMV__LP_PRIMAL, false, &res);
        *iters += omv__lp_iterations(lp);
        if (rc)
            break;
        if (res != OMV__LP_OPTIMAL) {
            if (ph == 0)
                rc = OMV_ERR(ctx, OMV_ESOLVER, "rerouting LP: phase 1 found no solution");
            else if (save)
                rc = OMV_ERR(ctx, OMV_ESOLVER, "rerouting LP of the intact network: phase %d found no solution",
                             ph + 1);
            break;
        }
        omv__lp_col_values(lp, x);
        if (ph == 0)
            memcpy(xu, x, (size_t)m->ncols * sizeof(*x));
        if (save)
            rc = omv__lp_basis_get(lp, ctx, &save[ph]);
    }
    return rc;
}

int omv__rr_mcf_eval(omv__rr_mcf_worker *w, omv_ctx *ctx, omv__rr_eval *ev, long *iters)
{
    const omv__rr_mcf *m = w->m;
    const omv_net *net = m->net;
    size_t n = m->n, L = m->L;
    *iters = 0;
    int rc = 0;
    /* Failed links: every commodity's columns on them are fixed at zero. */
    for (size_t l = 0; l < L && !rc; l++) {
        const omv__link *lk = &net->links[l];
        if (!omv__link_exists(net, l))
            continue;
        bool dead = (ev->link_dead && ev->link_dead[l]) ||
                    (ev->node_dead && (ev->node_dead[lk->a] || ev->node_dead[lk->b]));
        if (!dead)
            continue;
        for (size_t k = 0; k < m->K && !rc; k++)
            for (int dir = 0; dir < 2 && !rc; dir++) {
                int32_t col = m->colf[k * 2 * L + 2 * l + dir];
                if (col >= 0)
                    rc = add_dead(w, ctx, col);
            }
    }
    /* Demand with a failed end is lost with the node: its rows no longer ask for it. */
    for (size_t d = 0; d < m->nd && !rc; d++) {
        const omv__demand *dm = &net->demands[d];
        bool lost = ev->node_dead && (ev->node_dead[dm->src] || ev->node_dead[dm->dst]);
        ev->lost[d] = lost ? dm->gbps : 0;
        if (!lost)
            continue;
        size_t s = (size_t)m->dcom[d] * n + (size_t)m->dnode[d];
        bool first = w->rhs[s] == m->rhs[s];
        w->rhs[s] -= dm->gbps;
        if (w->rhs[s] < OMV__RR_EPS)
            w->rhs[s] = 0;
        if (first)
            w->touched_rows[w->ntouched++] = (int32_t)s;
    }
    for (size_t i = 0; i < w->ntouched && !rc; i++) {
        size_t s = (size_t)w->touched_rows[i];
        rc = omv__lp_set_row_bounds(w->lp, ctx, (int)s, w->rhs[s], w->rhs[s]);
        if (!rc && m->colu[s] >= 0)
            rc = omv__lp_set_col_bounds(w->lp, ctx, m->colu[s], 0.0, w->rhs[s]);
    }
    if (!rc)
        rc = phases(w->lp, ctx, m, m->warm ? m->bases : NULL, NULL, w->xu, w->x, iters);
    if (!rc)
        read_out(m, w->x, w->xu, w->rhs, ev);
    int rc2 = restore(w, ctx);
    return rc ? rc : rc2;
}
