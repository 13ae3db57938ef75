/*
 * maxflow.h — max-flow / min-cut between a set of sources (the core, merged into one) and one sink on
 * an undirected multigraph given as CSR arrays (the layout of omv_net: off/adj/eid). Each undirected
 * link e carries up to cap[e] in either direction. Used for exact lambda (unit capacities) and for the
 * separation of protection cuts in the investment planner (fractional capacities x*).
 *
 * One workspace per thread; the graph arrays are only read, so many threads may share them.
 */
#ifndef OMV_MAXFLOW_H
#define OMV_MAXFLOW_H

#include "core/core.h"

typedef struct omv__mf omv__mf;

/* A workspace for graphs of up to nnodes nodes and nlinks links (link ids < nlinks). */
int omv__mf_new(omv__mf **out, size_t nnodes, size_t nlinks);
void omv__mf_free(omv__mf *w);

/*
 * Max flow from every node v with is_src[v] != 0 to node t, over links with cap[eid] > 0 (a link with
 * cap 0 is absent: failed, or a candidate not bought). cap may be NULL for unit capacities. off, adj,
 * eid: CSR of the graph (n = nnodes + 1 offsets). The search stops as soon as the flow reaches limit
 * (pass INFINITY for the exact value): lambda "3+" and "is this cut violated" need no more.
 *
 * When src_side is not NULL it receives, for the flow found, 1 for every node reachable from the
 * sources in the residual graph (the source side S of a minimum cut when the flow is below limit),
 * 0 otherwise. The links of the cut are those with exactly one end in S.
 *
 * Returns the flow value (>= 0); if t is a source returns INFINITY. Time O(V^2 E) worst case (Dinic),
 * far less on sparse backbones; unit capacities O(E * min(V^(2/3), E^(1/2))).
 */
double omv__mf_run(omv__mf *w, size_t nnodes, const int32_t *off, const int32_t *adj, const int32_t *eid,
                   const double *cap, const uint8_t *is_src, int32_t t, double limit, uint8_t *src_side);

/* The same with the sources given by level: every node v with is_src[v] >= thr (thr >= 1) is a
 * source. Exact lambda uses it to take as sources the core and the sites already known to have at
 * least thr disjoint paths to it (which the site at hand then reaches as it would the core). */
double omv__mf_run_min(omv__mf *w, size_t nnodes, const int32_t *off, const int32_t *adj, const int32_t *eid,
                       const double *cap, const uint8_t *is_src, uint8_t thr, int32_t t, double limit,
                       uint8_t *src_side);

#endif
