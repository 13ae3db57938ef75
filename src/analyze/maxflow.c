/*
 * maxflow.c — Dinic's max-flow between the core (many sources, one super-source in effect) and one
 * site, on undirected CSR graphs with per-link capacities.
 *
 * The flow is undirected: link e carries flow[e] from its lower-numbered end to its higher one
 * (negative means the other way), with |flow[e]| <= cap[e]. The residual capacity from u to v over
 * e is then cap[e] - (flow in the u->v direction), which lets the search cancel flow for free.
 *
 * Max flow is symmetric in undirected graphs, so the search runs from the site t towards the core:
 * each breadth-first phase stops at the first level that reaches a core node, and a site close to
 * the core never touches the far side of a national network. All arrays are stamped rather than
 * cleared, and only links that carried flow are reset, so one call costs what it visits, not O(V+E).
 */
#include "analyze/maxflow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MF_EPS 1e-9

struct omv__mf {
    size_t n, m;
    int32_t *level;
    uint32_t *lstamp; /* level[v] is valid when lstamp[v] == phase */
    int32_t *it;      /* current arc of v (absolute CSR slot) */
    int32_t *queue;
    int32_t *path;    /* CSR slots of the path being built */
    double *flow;
    int32_t *touched; /* links with non-zero flow, to reset them */
    uint8_t *is_touched;
    size_t ntouched;
    uint32_t phase;
};

int omv__mf_new(omv__mf **out, size_t nnodes, size_t nlinks)
{
    *out = NULL;
    omv__mf *w = calloc(1, sizeof(*w));
    if (!w)
        return OMV_ENOMEM;
    size_t n = nnodes + 1, m = nlinks + 1;
    w->n = nnodes;
    w->m = nlinks;
    w->level = malloc(n * sizeof(*w->level));
    w->lstamp = calloc(n, sizeof(*w->lstamp));
    w->it = malloc(n * sizeof(*w->it));
    w->queue = malloc(n * sizeof(*w->queue));
    w->path = malloc(n * sizeof(*w->path));
    w->flow = calloc(m, sizeof(*w->flow));
    w->touched = malloc(m * sizeof(*w->touched));
    w->is_touched = calloc(m, 1);
    if (!w->level || !w->lstamp || !w->it || !w->queue || !w->path || !w->flow || !w->touched || !w->is_touched) {
        omv__mf_free(w);
        return OMV_ENOMEM;
    }
    *out = w;
    return 0;
}

void omv__mf_free(omv__mf *w)
{
    if (!w)
        return;
    free(w->level);
    free(w->lstamp);
    free(w->it);
    free(w->queue);
    free(w->path);
    free(w->flow);
    free(w->touched);
    free(w->is_touched);
    free(w);
}

/* A new stamp; when the counter wraps, the stamps are cleared once. */
static void next_phase(omv__mf *w)
{
    if (++w->phase == 0) {
        memset(w->lstamp, 0, (w->n + 1) * sizeof(*w->lstamp));
        w->phase = 1;
    }
}

static inline double residual(const omv__mf *w, const double *cap, int32_t u, int32_t v, int32_t e)
{
    double c = cap ? cap[e] : 1.0;
    double f = u < v ? w->flow[e] : -w->flow[e];
    return c - f;
}

static inline int has_level(const omv__mf *w, int32_t v) { return w->lstamp[v] == w->phase; }

/* Breadth-first levels from t; returns the level of the first core node found, or -1. */
static int32_t bfs_levels(omv__mf *w, const int32_t *off, const int32_t *adj, const int32_t *eid, const double *cap,
                          const uint8_t *is_src, uint8_t thr, int32_t t)
{
    next_phase(w);
    size_t qh = 0, qt = 0;
    w->queue[qt++] = t;
    w->level[t] = 0;
    w->lstamp[t] = w->phase;
    w->it[t] = off[t];
    int32_t found = -1;
    while (qh < qt) {
        int32_t u = w->queue[qh++];
        if (found >= 0 && w->level[u] >= found)
            break;
        for (int32_t k = off[u]; k < off[u + 1]; k++) {
            int32_t v = adj[k];
            if (has_level(w, v) || residual(w, cap, u, v, eid[k]) <= MF_EPS)
                continue;
            w->level[v] = w->level[u] + 1;
            w->lstamp[v] = w->phase;
            w->it[v] = off[v];
            if (is_src[v] >= thr) {
                if (found < 0)
                    found = w->level[v];
                continue; /* never route through the core */
            }
            w->queue[qt++] = v;
        }
    }
    return found;
}

static void add_flow(omv__mf *w, int32_t u, int32_t v, int32_t e, double d)
{
    w->flow[e] += u < v ? d : -d;
    if (!w->is_touched[e]) {
        w->is_touched[e] = 1;
        w->touched[w->ntouched++] = e;
    }
}

/* Blocking flow along the levels; returns the amount pushed (may stop early at `want`). */
static double blocking_flow(omv__mf *w, const int32_t *off, const int32_t *adj, const int32_t *eid, const double *cap,
                            const uint8_t *is_src, uint8_t thr, int32_t t, int32_t sink_level, double want)
{
    double pushed = 0;
    int32_t depth = 0; /* number of slots on the path */
    int32_t u = t;
    while (pushed < want - MF_EPS) {
        if (is_src[u] >= thr && u != t) {
            /* Reached the core: augment by the bottleneck. */
            double bn = INFINITY;
            int32_t x = t;
            for (int32_t i = 0; i < depth; i++) {
                int32_t k = w->path[i];
                double r = residual(w, cap, x, adj[k], eid[k]);
                if (r < bn)
                    bn = r;
                x = adj[k];
            }
            if (isinf(bn))
                return INFINITY;
            if (bn > want - pushed)
                bn = want - pushed;
            x = t;
            for (int32_t i = 0; i < depth; i++) {
                int32_t k = w->path[i];
                add_flow(w, x, adj[k], eid[k], bn);
                x = adj[k];
            }
            pushed += bn;
            depth = 0;
            u = t;
            continue;
        }
        int advanced = 0;
        if (w->level[u] < sink_level) {
            for (int32_t k = w->it[u]; k < off[u + 1]; k++) {
                int32_t v = adj[k];
                if (has_level(w, v) && w->level[v] == w->level[u] + 1 && residual(w, cap, u, v, eid[k]) > MF_EPS) {
                    w->it[u] = k;
                    w->queue[depth] = u; /* the BFS queue is free during this phase: the node stack */
                    w->path[depth++] = k;
                    u = v;
                    advanced = 1;
                    break;
                }
            }
        }
        if (advanced)
            continue;
        /* Dead end: retire u and step back. */
        w->it[u] = off[u + 1];
        w->lstamp[u] = 0;
        if (depth == 0)
            break;
        depth--;
        u = w->queue[depth]; /* the node the retired arc left from */
        w->it[u] = w->path[depth] + 1;
    }
    return pushed;
}

double omv__mf_run(omv__mf *w, size_t nnodes, const int32_t *off, const int32_t *adj, const int32_t *eid,
                   const double *cap, const uint8_t *is_src, int32_t t, double limit, uint8_t *src_side)
{
    return omv__mf_run_min(w, nnodes, off, adj, eid, cap, is_src, 1, t, limit, src_side);
}

double omv__mf_run_min(omv__mf *w, size_t nnodes, const int32_t *off, const int32_t *adj, const int32_t *eid,
                       const double *cap, const uint8_t *is_src, uint8_t thr, int32_t t, double limit,
                       uint8_t *src_side)
{
    if (t < 0 || (size_t)t >= nnodes || nnodes > w->n || thr == 0)
        return 0;
    if (is_src[t] >= thr) {
        if (src_side)
            memset(src_side, 1, nnodes);
        return INFINITY;
    }
    double total = 0;
    while (total < limit - MF_EPS) {
        int32_t sl = bfs_levels(w, off, adj, eid, cap, is_src, thr, t);
        if (sl < 0)
            break;
        double f = blocking_flow(w, off, adj, eid, cap, is_src, thr, t, sl, limit - total);
        if (isinf(f)) {
            total = INFINITY;
            break;
        }
        if (f <= MF_EPS)
            break;
        total += f;
    }
    if (src_side && !isinf(total)) {
        /* The site's side T: nodes reachable from t in the residual graph. S is its complement. */
        next_phase(w);
        size_t qh = 0, qt = 0;
        w->queue[qt++] = t;
        w->lstamp[t] = w->phase;
        while (qh < qt) {
            int32_t u = w->queue[qh++];
            for (int32_t k = off[u]; k < off[u + 1]; k++) {
                int32_t v = adj[k];
                if (!has_level(w, v) && residual(w, cap, u, v, eid[k]) > MF_EPS) {
                    w->lstamp[v] = w->phase;
                    w->queue[qt++] = v;
                }
            }
        }
        for (size_t v = 0; v < nnodes; v++)
            src_side[v] = !has_level(w, (int32_t)v);
    }
    for (size_t i = 0; i < w->ntouched; i++) {
        w->flow[w->touched[i]] = 0;
        w->is_touched[w->touched[i]] = 0;
    }
    w->ntouched = 0;
    return total;
}
