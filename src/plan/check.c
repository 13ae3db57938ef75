/*
 * check.c — is each target protected by a given plan? The exact check by graph search that the
 * branch-and-cut uses on every integer point (and, on fractional points, to find failures that leave
 * no positive path), that the primal heuristic uses to test selections, and that decides which
 * targets any plan can protect.
 *
 * All core nodes are contracted into one root (the core acts as one source and never fails). One
 * iterative depth-first search from the root then gives both single-failure classes: a target below
 * a bridge is cut off by that link, a target below an articulation point by that node (the nearest
 * one to the core is reported). Shared-risk groups and power outages take one breadth-first search
 * each, run in parallel with per-thread scratch; results are merged by failure index, so they do not
 * depend on the thread count.
 */
#include "plan/model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

struct omv__pcheck {
    const omv__pinst *I;
    int nth;
    /* the usable graph with the core contracted */
    int32_t *coff, *cadj, *ceid;
    /* depth-first search */
    int32_t *disc, *low, *par, *pe, *it, *stk, *order;
    int32_t *lcut, *ncut;
    /* per thread: visited stamps (nodes), removed stamps (links), queue, best failure per target */
    uint32_t **seen, **rem, *stamp;
    int32_t **queue, **best;
    uint8_t **alive;
    double *xv; /* 0/1 point of a selection */
    const uint8_t *only; /* per failure: searched only where set (NULL: all) */
    int32_t *below;      /* targets in the subtree of each node */
};

void omv__pcheck_free(omv__pcheck *c)
{
    if (!c)
        return;
    free(c->coff);
    free(c->cadj);
    free(c->ceid);
    free(c->disc);
    free(c->low);
    free(c->par);
    free(c->pe);
    free(c->it);
    free(c->stk);
    free(c->order);
    free(c->lcut);
    free(c->ncut);
    for (int t = 0; t < c->nth; t++) {
        if (c->seen)
            free(c->seen[t]);
        if (c->rem)
            free(c->rem[t]);
        if (c->queue)
            free(c->queue[t]);
        if (c->best)
            free(c->best[t]);
        if (c->alive)
            free(c->alive[t]);
    }
    free(c->seen);
    free(c->rem);
    free(c->queue);
    free(c->best);
    free(c->alive);
    free(c->stamp);
    free(c->xv);
    free(c->below);
    free(c);
}

int omv__pcheck_new(omv__pcheck **out, const omv__pinst *I, int nthreads)
{
    *out = NULL;
    omv__pcheck *c = calloc(1, sizeof(*c));
    if (!c)
        return OMV_ENOMEM;
    c->I = I;
    c->nth = nthreads > 0 ? nthreads : 1;
    size_t n = I->n + 1, m2 = 2 * I->m + 1, nt = I->nt + 1;
    c->coff = calloc(n + 1, sizeof(int32_t));
    c->cadj = malloc(m2 * sizeof(int32_t));
    c->ceid = malloc(m2 * sizeof(int32_t));
    c->disc = malloc(n * sizeof(int32_t));
    c->low = malloc(n * sizeof(int32_t));
    c->par = malloc(n * sizeof(int32_t));
    c->pe = malloc(n * sizeof(int32_t));
    c->it = malloc(n * sizeof(int32_t));
    c->stk = malloc(n * sizeof(int32_t));
    c->order = malloc(n * sizeof(int32_t));
    c->lcut = malloc(n * sizeof(int32_t));
    c->ncut = malloc(n * sizeof(int32_t));
    c->seen = calloc((size_t)c->nth, sizeof(*c->seen));
    c->rem = calloc((size_t)c->nth, sizeof(*c->rem));
    c->queue = calloc((size_t)c->nth, sizeof(*c->queue));
    c->best = calloc((size_t)c->nth, sizeof(*c->best));
    c->alive = calloc((size_t)c->nth, sizeof(*c->alive));
    c->stamp = calloc((size_t)c->nth, sizeof(*c->stamp));
    c->xv = calloc(I->nvar + 1, sizeof(double));
    c->below = malloc(n * sizeof(int32_t));
    if (!c->below ||!c->coff || !c->cadj || !c->ceid || !c->disc || !c->low || !c->par || !c->pe || !c->it || !c->stk ||
        !c->order || !c->lcut || !c->ncut || !c->seen || !c->rem || !c->queue || !c->best || !c->alive ||
        !c->stamp || !c->xv) {
        omv__pcheck_free(c);
        return OMV_ENOMEM;
    }
    for (int t = 0; t < c->nth; t++) {
        c->seen[t] = calloc(n, sizeof(uint32_t));
        c->rem[t] = calloc(I->m + 1, sizeof(uint32_t));
        c->queue[t] = malloc(n * sizeof(int32_t));
        c->best[t] = malloc(nt * sizeof(int32_t));
        c->alive[t] = malloc(n);
        if (!c->seen[t] || !c->rem[t] || !c->queue[t] || !c->best[t] || !c->alive[t]) {
            omv__pcheck_free(c);
            return OMV_ENOMEM;
        }
    }
    *out = c;
    return 0;
}

static inline int32_t rep(const omv__pinst *I, int32_t v) { return I->is_core[v] ? I->root : v; }

/* The graph of links with value > thr, core contracted; links inside the core are left out. */
static void build_graph(omv__pcheck *c, const double *xv, double thr)
{
    const omv__pinst *I = c->I;
    size_t n = I->n;
    memset(c->coff, 0, (n + 2) * sizeof(int32_t));
    for (size_t e = 0; e < I->m; e++) {
        if (omv__pinst_base(I, xv, (int32_t)e) <= thr)
            continue;
        int32_t a = rep(I, I->la[e]), b = rep(I, I->lb[e]);
        if (a == b)
            continue;
        c->coff[a + 1]++;
        c->coff[b + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        c->coff[v + 1] += c->coff[v];
    memcpy(c->it, c->coff, n * sizeof(int32_t));
    for (size_t e = 0; e < I->m; e++) {
        if (omv__pinst_base(I, xv, (int32_t)e) <= thr)
            continue;
        int32_t a = rep(I, I->la[e]), b = rep(I, I->lb[e]);
        if (a == b)
            continue;
        c->cadj[c->it[a]] = b;
        c->ceid[c->it[a]++] = (int32_t)e;
        c->cadj[c->it[b]] = a;
        c->ceid[c->it[b]++] = (int32_t)e;
    }
}

/* As build_graph, without the links of group g. */
static void build_graph_without(omv__pcheck *c, const double *xv, double thr, int32_t g)
{
    const omv__pinst *I = c->I;
    uint32_t st = ++c->stamp[0];
    if (st == 0) {
        memset(c->rem[0], 0, (I->m + 1) * sizeof(uint32_t));
        st = c->stamp[0] = 1;
    }
    for (int32_t k = I->g_off[g]; k < I->g_off[g + 1]; k++)
        c->rem[0][I->g_link[k]] = st;
    size_t n = I->n;
    memset(c->coff, 0, (n + 2) * sizeof(int32_t));
    for (int pass = 0; pass < 2; pass++) {
        if (pass) {
            for (size_t v = 0; v < n; v++)
                c->coff[v + 1] += c->coff[v];
            memcpy(c->it, c->coff, n * sizeof(int32_t));
        }
        for (size_t e = 0; e < I->m; e++) {
            if (c->rem[0][e] == st || omv__pinst_base(I, xv, (int32_t)e) <= thr)
                continue;
            int32_t a = rep(I, I->la[e]), b = rep(I, I->lb[e]);
            if (a == b)
                continue;
            if (!pass) {
                c->coff[a + 1]++;
                c->coff[b + 1]++;
                continue;
            }
            c->cadj[c->it[a]] = b;
            c->ceid[c->it[a]++] = (int32_t)e;
            c->cadj[c->it[b]] = a;
            c->ceid[c->it[b]++] = (int32_t)e;
        }
    }
}

/* Lowpoints from the root; then, in preorder, the nearest bridge and articulation point above each
 * node. Unreached nodes keep disc = -1. */
static void dfs(omv__pcheck *c)
{
    const omv__pinst *I = c->I;
    size_t n = I->n;
    for (size_t v = 0; v < n; v++) {
        c->disc[v] = -1;
        c->lcut[v] = c->ncut[v] = OMV__CUT_NONE;
    }
    int32_t r = I->root, time = 0, sp = 0;
    size_t no = 0;
    c->disc[r] = c->low[r] = time++;
    c->par[r] = -1;
    c->pe[r] = -1;
    c->it[r] = c->coff[r];
    c->stk[sp++] = r;
    c->order[no++] = r;
    while (sp) {
        int32_t v = c->stk[sp - 1];
        if (c->it[v] < c->coff[v + 1]) {
            int32_t k = c->it[v]++;
            int32_t w = c->cadj[k], e = c->ceid[k];
            if (e == c->pe[v])
                continue;
            if (c->disc[w] < 0) {
                c->disc[w] = c->low[w] = time++;
                c->par[w] = v;
                c->pe[w] = e;
                c->it[w] = c->coff[w];
                c->stk[sp++] = w;
                c->order[no++] = w;
            } else if (c->disc[w] < c->low[v]) {
                c->low[v] = c->disc[w];
            }
            continue;
        }
        sp--;
        int32_t p = c->par[v];
        if (p >= 0 && c->low[v] < c->low[p])
            c->low[p] = c->low[v];
    }
    for (size_t i = 1; i < no; i++) {
        int32_t w = c->order[i], p = c->par[w];
        if (c->lcut[p] != OMV__CUT_NONE)
            c->lcut[w] = c->lcut[p];
        else if (c->low[w] > c->disc[p])
            c->lcut[w] = I->fof_link[c->pe[w]];
        if (c->ncut[p] != OMV__CUT_NONE)
            c->ncut[w] = c->ncut[p];
        else if (p != r && c->low[w] >= c->disc[p])
            c->ncut[w] = I->fof_node[p];
    }
}

/* Breadth-first search from the root avoiding removed links and dead nodes; records failure f for
 * every target it does not reach. */
static void search(omv__pcheck *c, int th, int32_t f, const uint8_t *alive)
{
    const omv__pinst *I = c->I;
    uint32_t st = ++c->stamp[th];
    if (st == 0) {
        memset(c->seen[th], 0, (I->n + 1) * sizeof(uint32_t));
        memset(c->rem[th], 0, (I->m + 1) * sizeof(uint32_t));
        st = c->stamp[th] = 1;
    }
    uint32_t *seen = c->seen[th], *rem = c->rem[th];
    int32_t *q = c->queue[th];
    const omv__pfail *F = &I->fail[f];
    if (F->cls == OMV_FAIL_SRLG)
        for (int32_t k = I->g_off[F->idx]; k < I->g_off[F->idx + 1]; k++)
            rem[I->g_link[k]] = st;
    size_t qh = 0, qt = 0;
    q[qt++] = I->root;
    seen[I->root] = st;
    while (qh < qt) {
        int32_t u = q[qh++];
        for (int32_t k = c->coff[u]; k < c->coff[u + 1]; k++) {
            int32_t w = c->cadj[k];
            int32_t e = c->ceid[k];
            /* Ends checked on the original link: a core node may lose power too. */
            if (seen[w] == st || rem[e] == st || (alive && (!alive[I->la[e]] || !alive[I->lb[e]])))
                continue;
            seen[w] = st;
            q[qt++] = w;
        }
    }
    int32_t *best = c->best[th];
    for (size_t t = 0; t < I->nt; t++)
        if (seen[I->tnode[t]] != st && f < best[t])
            best[t] = f;
}

/* 1 when some link of group g is in the usable graph. */
static int group_used(const omv__pinst *I, const double *xv, double thr, int32_t g)
{
    for (int32_t k = I->g_off[g]; k < I->g_off[g + 1]; k++)
        if (omv__pinst_base(I, xv, I->g_link[k]) > thr)
            return 1;
    return 0;
}

int omv__pcheck_run(omv__pcheck *c, omv_ctx *ctx, const double *xv, double thr, unsigned classes, int32_t *cut)
{
    const omv__pinst *I = c->I;
    (void)ctx;
    int tree = (classes & (OMV_FAIL_LINKS | OMV_FAIL_NODES)) != 0;
    build_graph(c, xv, thr);
    if (tree)
        dfs(c);
    /* Jobs for the searches: groups that touch the graph, then outages. */
    size_t first = 0, nf = I->nfail;
    while (first < nf && (I->fail[first].cls == OMV_FAIL_LINKS || I->fail[first].cls == OMV_FAIL_NODES))
        first++;
    int nth = c->nth;
    if ((size_t)nth > nf - first)
        nth = (int)(nf - first) > 0 ? (int)(nf - first) : 1;
    for (int th = 0; th < nth; th++)
        for (size_t t = 0; t < I->nt; t++)
            c->best[th][t] = INT32_MAX;
    /* Threads only pay off beyond a few thousand links searched. */
    int par = (double)(nf - first) * (double)(I->m + I->n) > OMV__PLAN_PAR_WORK;
#pragma omp parallel num_threads(nth) if (par)
    {
        int th = 0;
#ifdef _OPENMP
        th = omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 4)
        for (long j = (long)first; j < (long)nf; j++) {
            const omv__pfail *F = &I->fail[j];
            if (!(F->cls & classes) || (c->only && !c->only[j]))
                continue;
            if (F->cls == OMV_FAIL_SRLG) {
                if (group_used(I, xv, thr, F->idx))
                    search(c, th, (int32_t)j, NULL);
            } else {
                uint8_t *alive = c->alive[th];
                for (size_t v = 0; v < I->n; v++)
                    alive[v] = omv__pinst_pw(I, xv, (size_t)F->idx, (int32_t)v) > thr;
                search(c, th, (int32_t)j, alive);
            }
        }
    }
    for (size_t t = 0; t < I->nt; t++) {
        int32_t v = I->tnode[t];
        if (tree && c->disc[v] < 0) {
            cut[t] = OMV__CUT_NOPATH;
            continue;
        }
        int32_t b = INT32_MAX;
        for (int th = 0; th < nth; th++)
            if (c->best[th][t] < b)
                b = c->best[th][t];
        if (tree && (classes & OMV_FAIL_LINKS) && c->lcut[v] >= 0 && c->lcut[v] < b)
            b = c->lcut[v];
        if (tree && (classes & OMV_FAIL_NODES) && c->ncut[v] >= 0 && c->ncut[v] < b)
            b = c->ncut[v];
        cut[t] = b == INT32_MAX ? OMV__CUT_NONE : b;
    }
    return 0;
}

int omv__plan_protection(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, uint8_t *prot, int32_t *cut, int64_t *pop)
{
    const omv__pinst *I = c->I;
    for (size_t j = 0; j < I->nvar; j++)
        c->xv[j] = sel[j] ? 1.0 : 0.0;
    int rc = omv__pcheck_run(c, ctx, c->xv, 0.5, I->classes, cut);
    if (rc)
        return rc;
    int64_t p = 0;
    for (size_t t = 0; t < I->nt; t++) {
        int sat = omv__pinst_sat(I, c->xv, I->tnode[t]) > 0.5;
        if (sat && omv__pinst_dark(I, c->xv, I->tnode[t]) == OMV__CUT_NONE)
            cut[t] = OMV__CUT_NONE;
        prot[t] = cut[t] == OMV__CUT_NONE;
        if (prot[t])
            p += I->tpop[t];
    }
    if (pop)
        *pop = p;
    return 0;
}

int omv__pcheck_cutting(omv__pcheck *c, omv_ctx *ctx, const double *xv, uint8_t **cuts, uint8_t *noway)
{
    const omv__pinst *I = c->I;
    size_t nf = I->nfail;
    *cuts = calloc(I->nt * (nf ? nf : 1) + 1, 1);
    if (!*cuts)
        return OMV_NOMEM(ctx, "failure pairs");
    uint8_t *M = *cuts;
    build_graph(c, xv, 0.5);
    dfs(c);
    /* Links and nodes: the bridges and articulation points on the way up the search tree. */
    for (size_t t = 0; t < I->nt; t++) {
        int32_t w = I->tnode[t];
        noway[t] = c->disc[w] < 0;
        if (noway[t])
            continue;
        while (c->par[w] >= 0) {
            int32_t p = c->par[w];
            if ((I->classes & OMV_FAIL_LINKS) && c->low[w] > c->disc[p] && I->fof_link[c->pe[w]] >= 0)
                M[t * nf + (size_t)I->fof_link[c->pe[w]]] = 1;
            if ((I->classes & OMV_FAIL_NODES) && p != I->root && c->low[w] >= c->disc[p] && I->fof_node[p] >= 0)
                M[t * nf + (size_t)I->fof_node[p]] = 1;
            w = p;
        }
    }
    /* Groups and outages: one search each. */
    for (size_t j = 0; j < nf; j++) {
        const omv__pfail *F = &I->fail[j];
        if (F->cls != OMV_FAIL_SRLG && F->cls != OMV_FAIL_POWER)
            continue;
        for (size_t t = 0; t < I->nt; t++)
            c->best[0][t] = INT32_MAX;
        if (F->cls == OMV_FAIL_SRLG) {
            search(c, 0, (int32_t)j, NULL);
        } else {
            for (size_t v = 0; v < I->n; v++)
                c->alive[0][v] = omv__pinst_pw(I, xv, (size_t)F->idx, (int32_t)v) > 0.5;
            search(c, 0, (int32_t)j, c->alive[0]);
        }
        for (size_t t = 0; t < I->nt; t++)
            if (c->best[0][t] == (int32_t)j)
                M[t * nf + j] = 1;
    }
    return 0;
}

void omv__pcheck_only(omv__pcheck *c, const uint8_t *mask) { c->only = mask; }

int omv__pcheck_group_bridges(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, int32_t **off, int32_t **fails)
{
    const omv__pinst *I = c->I;
    *off = calloc(I->m + 2, sizeof(int32_t));
    int32_t *pairs = NULL; /* (link, failure) */
    size_t np = 0, cap = 0;
    if (!*off)
        return OMV_NOMEM(ctx, "investments");
    for (size_t j = 0; j < I->nvar; j++)
        c->xv[j] = sel[j] ? 1.0 : 0.0;
    for (size_t g = 0; g < I->ng; g++) {
        int32_t f = I->fof_group[g];
        if (f < 0)
            continue;
        build_graph_without(c, c->xv, 0.5, (int32_t)g);
        dfs(c);
        /* Targets below each node, children before parents (reverse preorder). */
        size_t no = 0;
        for (size_t v = 0; v < I->n; v++) {
            c->below[v] = 0;
            no += c->disc[v] >= 0;
        }
        for (size_t t = 0; t < I->nt; t++)
            if (c->disc[I->tnode[t]] >= 0)
                c->below[I->tnode[t]] = 1;
        for (size_t i = no; i-- > 1;) {
            int32_t w = c->order[i];
            c->below[c->par[w]] += c->below[w];
        }
        for (size_t i = 1; i < no; i++) {
            int32_t w = c->order[i], p = c->par[w];
            if (c->low[w] > c->disc[p] && c->below[w] > 0) {
                if (OMV_GROW(pairs, cap, 2 * np + 2)) {
                    free(pairs);
                    return OMV_NOMEM(ctx, "investments");
                }
                pairs[2 * np] = c->pe[w];
                pairs[2 * np + 1] = f;
                np++;
            }
        }
    }
    for (size_t k = 0; k < np; k++)
        (*off)[pairs[2 * k] + 1]++;
    for (size_t e = 0; e < I->m; e++)
        (*off)[e + 1] += (*off)[e];
    *fails = malloc((np + 1) * sizeof(int32_t));
    int32_t *cur = malloc((I->m + 1) * sizeof(int32_t));
    if (!*fails || !cur) {
        free(pairs);
        free(cur);
        return OMV_NOMEM(ctx, "investments");
    }
    memcpy(cur, *off, (I->m + 1) * sizeof(int32_t));
    for (size_t k = 0; k < np; k++)
        (*fails)[cur[pairs[2 * k]]++] = pairs[2 * k + 1];
    free(cur);
    free(pairs);
    return 0;
}

int omv__plan_graph_protection(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, unsigned classes, int32_t *cut)
{
    const omv__pinst *I = c->I;
    for (size_t j = 0; j < I->nvar; j++)
        c->xv[j] = sel[j] ? 1.0 : 0.0;
    return omv__pcheck_run(c, ctx, c->xv, 0.5, classes & I->classes, cut);
}

/* Why target t cannot be protected, given the failure that cuts it with everything built. */
static const char *reason(omv__pinst *I, int32_t t, int32_t f)
{
    char what[512], buf[768];
    if (f == OMV__CUT_NOPATH) {
        snprintf(buf, sizeof(buf), "no existing link or candidate connects it to the core");
    } else {
        const omv__pfail *F = &I->fail[f];
        omv__pinst_describe(I, f, what, sizeof(what));
        switch (F->cls) {
        case OMV_FAIL_LINKS:
        case OMV_FAIL_NODES:
            snprintf(buf, sizeof(buf), "%s cuts it off and no candidate bypasses it", what);
            break;
        case OMV_FAIL_SRLG:
            snprintf(buf, sizeof(buf), "%s cuts it off and no candidate avoids it", what);
            break;
        default: {
            int32_t v = I->tnode[t];
            char h[32];
            omv__fmt_double(h, sizeof(h), I->hours[F->idx]);
            double all = 1.0;
            int self_dead = I->fails[(size_t)F->idx * I->n + (size_t)v];
            if (self_dead) {
                all = 0;
                for (int32_t q = I->pow_off[v]; q < I->pow_off[v + 1]; q++)
                    if (I->vhours[I->pow_var[q]] >= I->hours[F->idx])
                        all = 1;
            }
            if (!all)
                snprintf(buf, sizeof(buf), "its reserve power does not last %s h and no upgrade does", h);
            else
                snprintf(buf, sizeof(buf),
                         "a power outage of %s h cuts it off: no route through nodes powered for %s h, even "
                         "with every upgrade",
                         h, h);
            break;
        }
        }
    }
    return omv__arena_strdup(&I->arena, buf);
}

int omv__pinst_feasibility(omv__pinst *I, omv_ctx *ctx, omv__pcheck *c)
{
    int32_t *cut = malloc((I->nt + 1) * sizeof(int32_t));
    if (!cut)
        return OMV_NOMEM(ctx, "feasibility");
    for (size_t j = 0; j < I->nvar; j++)
        c->xv[j] = 1.0;
    int rc = omv__pcheck_run(c, ctx, c->xv, 0.5, I->classes, cut);
    for (size_t t = 0; t < I->nt && !rc; t++) {
        int has_sat = I->sat_off[I->tnode[t] + 1] > I->sat_off[I->tnode[t]];
        /* A terminal is of no use to a site that no upgrade keeps powered through an outage. */
        int32_t dark = omv__pinst_dark(I, c->xv, I->tnode[t]);
        I->tfeas[t] = cut[t] == OMV__CUT_NONE || (has_sat && dark == OMV__CUT_NONE);
        I->treason[t] = "";
        if (!I->tfeas[t] && !(I->treason[t] = reason(I, (int32_t)t, has_sat && dark != OMV__CUT_NONE ? dark : cut[t])))
            rc = OMV_NOMEM(ctx, "feasibility");
    }
    free(cut);
    return rc;
}
