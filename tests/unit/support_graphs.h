/*
 * support_graphs.h — small random networks for the failure-analysis tests, built through the
 * network builder, and a brute-force oracle written independently of src/analyze: remove what
 * failed, search, compare. Also a plain max-flow on an adjacency matrix for lambda.
 */
#ifndef OMV_SUPPORT_GRAPHS_H
#define OMV_SUPPORT_GRAPHS_H

#include "omvei.h"

#include <stdint.h>

#define TG_MAXN 64
#define TG_MAXM 256
#define TG_MAXG 5 /* shared-risk groups */

typedef struct {
    int n, m;
    int a[TG_MAXM], b[TG_MAXM];
    unsigned srlg[TG_MAXM]; /* bit g: link in group "g<g>" */
    int kind[TG_MAXN];      /* omv_kind */
    int64_t pop[TG_MAXN];
    int island[TG_MAXN];
    double lat[TG_MAXN];     /* NaN: no position */
    double power_h[TG_MAXN]; /* NaN: unknown */
    double cand_h[TG_MAXN];  /* > 0: a power candidate "p<v>" with this autonomy */
    double cand_cost[TG_MAXN];
} tg_graph;

/* A random network from seed: shape (random multigraph, tree, cycle, complete graph, disjoint union
 * with isolated nodes, ring of rings, ladder), 1..maxn nodes, kinds (some core, some waypoints, or
 * no core at all), populations, positions, islands, power autonomy, risk groups and power candidates.
 * Node i has id "n<i>", link j id "e<j>" (so link index j in the built network). */
void tg_random(tg_graph *g, uint64_t seed, int maxn);

/* Builds the network (nodes, links, candidates) through the builder. NULL on failure (message in
 * ctx). */
omv_net *tg_build(omv_ctx *ctx, const tg_graph *g);

/* The oracle. core[v]: core flags (all zero: the largest component plays the core). counted[v]: 1
 * for sites in the region. lfail[e], nfail[v]: what failed (NULL: nothing). With failed_count, a
 * failed site counts as isolated (power outages); otherwise it does not (node failures).
 * iso[v] = 1 for every counted site connected before and isolated after. Returns their number. */
int tg_isolated(const tg_graph *g, const uint8_t *core, const uint8_t *counted, const uint8_t *lfail,
                const uint8_t *nfail, int failed_count, uint8_t *iso);

/* ok[v] = 1 for nodes that reach the core without the failed links and nodes: a component holding a
 * core node, or without core nodes the largest component (lowest node on ties). */
void tg_connected(const tg_graph *g, const uint8_t *core, const uint8_t *lfail, const uint8_t *nfail, uint8_t *ok);

/* Components of the graph with links lfail removed (NULL: none); returns their number. */
int tg_components(const tg_graph *g, const uint8_t *lfail);

/* Link-disjoint paths from the core (merged) to t, by augmenting paths on a capacity matrix. */
int tg_maxflow(const tg_graph *g, const uint8_t *core, int t);

#endif
