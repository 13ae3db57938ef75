/*
 * separate.c — finds protection rows violated at a point (x*, y*) of the LP relaxation.
 *
 * The model's protection rows (DESIGN.md §5): for target t, failure f and node set S holding t and
 * no core node,
 *     sum over links e of delta(S), e not failed by f, of r_e  +  s_t  >=  y_t          (row 1)
 * where r_e is x_e for a candidate link and 1 for an existing link; in a power outage r_e may
 * instead be the upgrade sum p_u of a failing end u (the row holds for any such choice, and the
 * separation takes the smallest). For the links class the aggregated row
 *     sum over e of delta(S) of x_e  +  2 s_t  >=  2 y_t                                  (row 2)
 * is also valid (a protected site has two link-disjoint paths, Menger) and exact at 0/1 points.
 * For each outage k in which target t itself fails,
 *     sum of the upgrades p_u of t lasting k  >=  y_t                                       (row 3)
 * states that a site without power is down: a satellite terminal runs on the site's power, so s_t
 * does not appear. Row 3 is checked for every target first, in one thread (it costs a few columns).
 *
 * With capacities c_f(e) = min(r_e) at the point, row 1 for (t, f) is violated by some S exactly
 * when maxflow(core -> t in G - f, c_f) < d_t = y*_t - s*_t, and the min cut gives S. The
 * procedure, per target with d_t > 0 (in parallel; each target owns its result, so the outcome does
 * not depend on the thread count):
 *  1. the graph search of check.c on the links of value > 0 finds the failures that leave no
 *     positive path; for the first such f (or none when t has no path at all) one max-flow with
 *     limit d_t gives S. This step alone is exact on 0/1 points: every infeasible integer point is
 *     cut off, which is what makes the lazy rows correct.
 *  2. otherwise F0 = maxflow(G, c) with limit d_t + R (R = the most capacity one failure removes;
 *     at least 2 d_t with the links class). F0 < d_t gives row 1 without failure; with the links
 *     class F0 < 2 d_t gives row 2 and row 1 for the strongest link of that cut.
 *  3. otherwise a failure f can only matter when it removes more than F0 - d_t of capacity
 *     (maxflow(G - f) >= F0 - removed(f)); those are tried by max-flow with limit d_t, a bounded
 *     number per target and round (starting at a rotating failure), and the first violated one
 *     gives row 1. This strengthens the relaxation; correctness does not depend on it.
 */
#include "analyze/maxflow.h"
#include "plan/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Failures tried by max-flow in step 3, per round, shared among the targets. */
#define PAIR_BUDGET 200000

typedef struct {
    int32_t t, seq;
    double viol, rhs;
    size_t off, len;
} rowrec;

typedef struct {
    rowrec *r;
    size_t n, cap;
    int32_t *col;
    double *val;
    size_t nz, capcol, capval;
    int failed;
} rowbuf;

typedef struct {
    omv__mf *mf;
    double *cap;
    uint8_t *side;
    double *acc;      /* dense accumulator over columns */
    uint8_t *mark;
    int32_t *touched;
    size_t ntouched;
    uint32_t *rem;    /* links removed by the current failure: rem[e] == st */
    uint32_t st;
    int32_t *mod;     /* links of cap zeroed for the current failure (cap equals cap0 elsewhere) */
    size_t nmod;
    uint32_t round;   /* the round cap was copied in */
    rowbuf out;
} worker;

struct omv__psep {
    const omv__pinst *I;
    int nth;
    omv__pcheck *chk;
    int32_t *cut;
    double *cap0;
    double *removed; /* per failure */
    double *capk;    /* nout x m */
    uint8_t *is_src;
    int32_t *active;
    worker *w;
    uint32_t round;
};

void omv__psep_free(omv__psep *s)
{
    if (!s)
        return;
    omv__pcheck_free(s->chk);
    free(s->cut);
    free(s->cap0);
    free(s->removed);
    free(s->capk);
    free(s->is_src);
    free(s->active);
    if (s->w) {
        for (int t = 0; t < s->nth; t++) {
            worker *w = &s->w[t];
            omv__mf_free(w->mf);
            free(w->cap);
            free(w->side);
            free(w->acc);
            free(w->mark);
            free(w->touched);
            free(w->rem);
            free(w->mod);
            free(w->out.r);
            free(w->out.col);
            free(w->out.val);
        }
        free(s->w);
    }
    free(s);
}

int omv__psep_new(omv__psep **out, omv_ctx *ctx, const omv__pinst *I, int nthreads)
{
    *out = NULL;
    omv__psep *s = calloc(1, sizeof(*s));
    if (!s)
        return OMV_NOMEM(ctx, "separation");
    s->I = I;
    s->nth = nthreads > 0 ? nthreads : 1;
    size_t n = I->n + 1, m = I->m + 1, ncol = I->nvar + I->nt + 1;
    int rc = omv__pcheck_new(&s->chk, I, s->nth);
    if (rc) {
        omv__psep_free(s);
        return OMV_NOMEM(ctx, "separation");
    }
    s->cut = malloc((I->nt + 1) * sizeof(int32_t));
    s->cap0 = malloc(m * sizeof(double));
    s->removed = malloc((I->nfail + 1) * sizeof(double));
    s->capk = malloc((I->nout * I->m + 1) * sizeof(double));
    s->is_src = malloc(n);
    s->active = malloc((I->nt + 1) * sizeof(int32_t));
    s->w = calloc((size_t)s->nth, sizeof(worker));
    if (!s->cut || !s->cap0 || !s->removed || !s->capk || !s->is_src || !s->active || !s->w) {
        omv__psep_free(s);
        return OMV_NOMEM(ctx, "separation");
    }
    memcpy(s->is_src, I->is_core, I->n);
    for (int t = 0; t < s->nth; t++) {
        worker *w = &s->w[t];
        w->cap = malloc(m * sizeof(double));
        w->side = malloc(n);
        w->acc = calloc(ncol, sizeof(double));
        w->mark = calloc(ncol, 1);
        w->touched = malloc(ncol * sizeof(int32_t));
        w->rem = calloc(m, sizeof(uint32_t));
        w->mod = malloc(m * sizeof(int32_t));
        if (omv__mf_new(&w->mf, I->n, I->m) || !w->cap || !w->side || !w->acc || !w->mark || !w->touched ||
            !w->rem || !w->mod) {
            omv__psep_free(s);
            return OMV_NOMEM(ctx, "separation");
        }
    }
    *out = s;
    return 0;
}

static void zero(worker *w, int32_t e)
{
    w->cap[e] = 0;
    w->rem[e] = w->st;
    w->mod[w->nmod++] = e;
}

/* Capacities under failure f (-1: none), and the removed-link stamps. The worker's copy of cap0 is
 * made once per round; a failure zeroes its links and the next call restores them, so a failure costs
 * its own size, not the size of the network. */
static const double *caps_for(omv__psep *s, worker *w, int32_t f)
{
    const omv__pinst *I = s->I;
    if (w->round != s->round) {
        memcpy(w->cap, s->cap0, I->m * sizeof(double));
        w->round = s->round;
        w->nmod = 0;
    }
    for (size_t i = 0; i < w->nmod; i++)
        w->cap[w->mod[i]] = s->cap0[w->mod[i]];
    w->nmod = 0;
    if (++w->st == 0) {
        memset(w->rem, 0, (I->m + 1) * sizeof(uint32_t));
        w->st = 1;
    }
    if (f < 0)
        return w->cap;
    const omv__pfail *F = &I->fail[f];
    switch (F->cls) {
    case OMV_FAIL_POWER:
        return s->capk + (size_t)F->idx * I->m;
    case OMV_FAIL_LINKS:
        zero(w, F->idx);
        break;
    case OMV_FAIL_NODES:
        for (int32_t k = I->off[F->idx]; k < I->off[F->idx + 1]; k++)
            zero(w, I->eid[k]);
        break;
    default:
        for (int32_t k = I->g_off[F->idx]; k < I->g_off[F->idx + 1]; k++)
            zero(w, I->g_link[k]);
        break;
    }
    return w->cap;
}

/* Max-flow value only; the cut side is computed again (same capacities) when a row is due. */
static double flow(omv__psep *s, worker *w, const double *cap, int32_t tn, double limit, int side)
{
    const omv__pinst *I = s->I;
    return omv__mf_run(w->mf, I->n, I->off, I->adj, I->eid, cap, s->is_src, tn, limit, side ? w->side : NULL);
}

static void acc_add(worker *w, int32_t col, double v)
{
    if (!w->mark[col]) {
        w->mark[col] = 1;
        w->touched[w->ntouched++] = col;
        w->acc[col] = 0;
    }
    w->acc[col] += v;
}

/* Adds the upgrade sum of node u in outage k (its failing-node reason) times coef. */
static void acc_power(const omv__pinst *I, worker *w, size_t k, int32_t u, double coef)
{
    for (int32_t q = I->pow_off[u]; q < I->pow_off[u + 1]; q++)
        if (I->vhours[I->pow_var[q]] >= I->hours[k])
            acc_add(w, I->pow_var[q], coef);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/*
 * Row for target t from the core side S (side[v] = 1), failure f (-1: none), kind 1 or 2 (see the
 * top of the file). Stores it in the worker's output when violated; returns the violation.
 * *strongest receives the crossing link of largest capacity (row 2 uses it for row 1).
 */
static double emit_row(omv__psep *s, worker *w, const double *xv, const double *yv, int32_t t, int32_t f, int kind,
                       int32_t seq, int32_t *strongest)
{
    const omv__pinst *I = s->I;
    double coef = kind == 2 ? 2.0 : 1.0, rhs = 0, best = -1;
    int power = f >= 0 && I->fail[f].cls == OMV_FAIL_POWER;
    size_t k = power ? (size_t)I->fail[f].idx : 0;
    w->ntouched = 0;
    if (strongest)
        *strongest = -1;
    for (size_t u = 0; u < I->n; u++) {
        if (w->side[u])
            continue;
        for (int32_t q = I->off[u]; q < I->off[u + 1]; q++) {
            int32_t v = I->adj[q], e = I->eid[q];
            if (!w->side[v] || w->rem[e] == w->st)
                continue;
            /* The reason of link e: the smallest of its own value and its failing ends' power. */
            double rb = omv__pinst_base(I, xv, e);
            int which = 0;
            double r = rb;
            if (power) {
                double pa = omv__pinst_pw(I, xv, k, I->la[e]), pb = omv__pinst_pw(I, xv, k, I->lb[e]);
                if (pa < r) {
                    r = pa;
                    which = 1;
                }
                if (pb < r) {
                    r = pb;
                    which = 2;
                }
            }
            if (strongest && rb > best) {
                best = rb;
                *strongest = e;
            }
            if (which == 0) {
                if (I->lvar[e] < 0)
                    rhs -= coef;
                else
                    acc_add(w, I->lvar[e], coef);
            } else {
                acc_power(I, w, k, which == 1 ? I->la[e] : I->lb[e], coef);
            }
        }
    }
    int32_t tn = I->tnode[t];
    for (int32_t q = I->sat_off[tn]; q < I->sat_off[tn + 1]; q++)
        acc_add(w, I->sat_var[q], coef);
    acc_add(w, (int32_t)(I->nvar + (size_t)t), -coef);
    if (w->ntouched > 1) /* qsort must not see a NULL array */
        qsort(w->touched, w->ntouched, sizeof(int32_t), cmp_i32);
    double act = 0;
    size_t len = 0;
    for (size_t i = 0; i < w->ntouched; i++) {
        int32_t c = w->touched[i];
        w->mark[c] = 0;
        if (w->acc[c] == 0)
            continue;
        act += w->acc[c] * ((size_t)c < I->nvar ? xv[c] : yv[(size_t)c - I->nvar]);
        w->touched[len++] = c;
    }
    double viol = rhs - act;
    if (viol <= OMV__PLAN_VIOL)
        return viol;
    rowbuf *b = &w->out;
    if (OMV_GROW(b->r, b->cap, b->n + 1) || OMV_GROW(b->col, b->capcol, b->nz + len + 1) ||
        OMV_GROW(b->val, b->capval, b->nz + len + 1)) {
        b->failed = 1;
        return viol;
    }
    for (size_t i = 0; i < len; i++) {
        b->col[b->nz + i] = w->touched[i];
        b->val[b->nz + i] = w->acc[w->touched[i]];
    }
    b->r[b->n++] = (rowrec){t, seq, viol, rhs, b->nz, len};
    b->nz += len;
    return viol;
}

/*
 * Row 3 for target t and outage k, when t itself fails in the outage: the site's upgrades lasting
 * the outage >= y_t. A site without power is down, and a satellite terminal runs on its power, so
 * neither routes nor a terminal protect it (without any such upgrade the row fixes y_t at 0).
 */
static void power_row(omv__psep *s, worker *w, const double *xv, const double *yv, int32_t t, size_t k)
{
    const omv__pinst *I = s->I;
    int32_t tn = I->tnode[t];
    if (!I->fails[k * I->n + (size_t)tn])
        return;
    double act = -yv[t];
    w->ntouched = 0;
    for (int32_t q = I->pow_off[tn]; q < I->pow_off[tn + 1]; q++)
        if (I->vhours[I->pow_var[q]] >= I->hours[k]) {
            w->touched[w->ntouched++] = I->pow_var[q];
            act += xv[I->pow_var[q]];
        }
    double viol = -act;
    if (viol <= OMV__PLAN_VIOL)
        return;
    rowbuf *b = &w->out;
    size_t len = w->ntouched + 1;
    if (OMV_GROW(b->r, b->cap, b->n + 1) || OMV_GROW(b->col, b->capcol, b->nz + len + 1) ||
        OMV_GROW(b->val, b->capval, b->nz + len + 1)) {
        b->failed = 1;
        return;
    }
    /* Upgrade columns ascend (filled in candidate order) and all come before the y columns. */
    for (size_t i = 0; i < w->ntouched; i++) {
        b->col[b->nz + i] = w->touched[i];
        b->val[b->nz + i] = 1.0;
    }
    b->col[b->nz + len - 1] = (int32_t)(I->nvar + (size_t)t);
    b->val[b->nz + len - 1] = -1.0;
    b->r[b->n++] = (rowrec){t, -1 - (int32_t)k, viol, 0.0, b->nz, len};
    b->nz += len;
    w->ntouched = 0;
}

static void separate_target(omv__psep *s, worker *w, const double *xv, const double *yv, int32_t t, double d,
                            double rmax, size_t budget)
{
    const omv__pinst *I = s->I;
    int32_t tn = I->tnode[t];
    int32_t c = s->cut[t];
    const double eps = OMV__PLAN_EPS;
    if (c != OMV__CUT_NONE) {
        int32_t f = c == OMV__CUT_NOPATH ? -1 : c;
        const double *cap = caps_for(s, w, f);
        if (flow(s, w, cap, tn, d, 1) < d - eps)
            emit_row(s, w, xv, yv, t, f, 1, 0, NULL);
        return;
    }
    int links = (I->classes & OMV_FAIL_LINKS) != 0;
    double lim = d + rmax;
    if (links && lim < 2 * d)
        lim = 2 * d;
    const double *cap = caps_for(s, w, -1);
    double F0 = flow(s, w, cap, tn, lim, 0);
    if (F0 < d - eps) {
        flow(s, w, cap, tn, lim, 1);
        emit_row(s, w, xv, yv, t, -1, 1, 0, NULL);
        return;
    }
    if (links && F0 < 2 * d - eps) {
        int32_t strong = -1;
        flow(s, w, cap, tn, lim, 1);
        emit_row(s, w, xv, yv, t, -1, 2, 0, &strong);
        if (strong >= 0 && I->fof_link[strong] >= 0) {
            caps_for(s, w, I->fof_link[strong]);
            emit_row(s, w, xv, yv, t, I->fof_link[strong], 1, 1, NULL);
        }
        return;
    }
    size_t nf = I->nfail, tries = 0;
    if (!nf)
        return;
    size_t start = ((size_t)s->round * 7919u + (size_t)t * 104729u) % nf;
    for (size_t i = 0; i < nf && tries < budget; i++) {
        int32_t f = (int32_t)((start + i) % nf);
        if (s->removed[f] <= F0 - d + eps || omv__pinst_is_self(I, f, tn))
            continue;
        tries++;
        cap = caps_for(s, w, f);
        if (flow(s, w, cap, tn, d, 0) < d - eps) {
            flow(s, w, cap, tn, d, 1);
            emit_row(s, w, xv, yv, t, f, 1, 0, NULL);
            return;
        }
    }
}

/* Capacity each failure removes at the point, the capacities under each outage, and their maximum. */
static double prepare(omv__psep *s, const double *xv)
{
    const omv__pinst *I = s->I;
    for (size_t e = 0; e < I->m; e++)
        s->cap0[e] = omv__pinst_base(I, xv, (int32_t)e);
    for (size_t k = 0; k < I->nout; k++) {
        double *ck = s->capk + k * I->m;
        for (size_t e = 0; e < I->m; e++) {
            double c = s->cap0[e], pa = omv__pinst_pw(I, xv, k, I->la[e]), pb = omv__pinst_pw(I, xv, k, I->lb[e]);
            ck[e] = c < pa ? (c < pb ? c : pb) : (pa < pb ? pa : pb);
        }
    }
    double rmax = 0;
    for (size_t f = 0; f < I->nfail; f++) {
        const omv__pfail *F = &I->fail[f];
        double r = 0;
        switch (F->cls) {
        case OMV_FAIL_LINKS:
            r = s->cap0[F->idx];
            break;
        case OMV_FAIL_NODES:
            for (int32_t k = I->off[F->idx]; k < I->off[F->idx + 1]; k++)
                r += s->cap0[I->eid[k]];
            break;
        case OMV_FAIL_SRLG:
            for (int32_t k = I->g_off[F->idx]; k < I->g_off[F->idx + 1]; k++)
                r += s->cap0[I->g_link[k]];
            break;
        default: {
            const double *ck = s->capk + (size_t)F->idx * I->m;
            for (size_t e = 0; e < I->m; e++)
                r += s->cap0[e] - ck[e];
            break;
        }
        }
        s->removed[f] = r;
        if (r > rmax)
            rmax = r;
    }
    return rmax;
}

typedef struct {
    const rowrec *r;
    int th;
} rowref;

static int cmp_rowref(const void *a, const void *b)
{
    const rowref *x = a, *y = b;
    if (x->r->viol != y->r->viol)
        return x->r->viol > y->r->viol ? -1 : 1;
    if (x->r->t != y->r->t)
        return x->r->t < y->r->t ? -1 : 1;
    return (x->r->seq > y->r->seq) - (x->r->seq < y->r->seq);
}

int omv__psep_run(omv__psep *s, omv_ctx *ctx, omv__pool *pool, const double *xv, const double *yv, size_t max_rows,
                  size_t *rows, size_t *nrows)
{
    const omv__pinst *I = s->I;
    *nrows = 0;
    s->round++;
    int rc = omv__pcheck_run(s->chk, ctx, xv, OMV__PLAN_EPS, I->classes, s->cut);
    if (rc)
        return rc;
    double rmax = prepare(s, xv);
    for (int th = 0; th < s->nth; th++) {
        s->w[th].out.n = 0;
        s->w[th].out.nz = 0;
        s->w[th].out.failed = 0;
    }
    for (size_t t = 0; t < I->nt; t++)
        for (size_t k = 0; k < I->nout; k++)
            power_row(s, &s->w[0], xv, yv, (int32_t)t, k);
    size_t na = 0;
    for (size_t t = 0; t < I->nt; t++) {
        double d = yv[t] - omv__pinst_sat(I, xv, I->tnode[t]);
        if (d > OMV__PLAN_EPS)
            s->active[na++] = (int32_t)t;
    }
    size_t budget = PAIR_BUDGET / (na ? na : 1);
    if (budget < 4)
        budget = 4;
    int nth = s->nth;
    if ((size_t)nth > na)
        nth = na ? (int)na : 1;
    int par = (double)na * (double)(I->m + I->n) > OMV__PLAN_PAR_WORK;
#pragma omp parallel num_threads(nth) if (par)
    {
        int th = 0;
#ifdef _OPENMP
        th = omp_get_thread_num();
#endif
        worker *w = &s->w[th];
#pragma omp for schedule(dynamic, 1)
        for (long i = 0; i < (long)na; i++) {
            int32_t t = s->active[i];
            double d = yv[t] - omv__pinst_sat(I, xv, I->tnode[t]);
            if (d > 1)
                d = 1;
            separate_target(s, w, xv, yv, t, d, rmax, budget);
        }
    }
    size_t total = 0;
    for (int th = 0; th < s->nth; th++) {
        if (s->w[th].out.failed)
            return OMV_NOMEM(ctx, "separation rows");
        total += s->w[th].out.n;
    }
    if (!total)
        return 0;
    rowref *refs = malloc(total * sizeof(*refs));
    if (!refs)
        return OMV_NOMEM(ctx, "separation rows");
    size_t k = 0;
    for (int th = 0; th < s->nth; th++)
        for (size_t i = 0; i < s->w[th].out.n; i++)
            refs[k++] = (rowref){&s->w[th].out.r[i], th};
    if (total > 1) /* qsort must not see a NULL array */
        qsort(refs, total, sizeof(*refs), cmp_rowref);
    if (total > max_rows)
        total = max_rows;
    for (size_t i = 0; i < total; i++) {
        const rowrec *r = refs[i].r;
        const rowbuf *b = &s->w[refs[i].th].out;
        size_t row;
        int is_new;
        rc = omv__pool_add(pool, ctx, b->col + r->off, b->val + r->off, r->len, r->rhs, &row, &is_new);
        if (rc)
            break;
        rows[(*nrows)++] = row;
    }
    free(refs);
    return rc;
}
