/*
 * reach.h — the connectivity kernel of the parallel failure loops: breadth-first search over the
 * shared, read-only CSR arrays of a network with some links and nodes failed. Each thread owns one
 * workspace; visited and failed marks are stamps, so a new scenario costs O(1) instead of clearing
 * arrays of the network's size.
 */
#ifndef OMV_REACH_H
#define OMV_REACH_H

#include "topo/net.h"

typedef struct {
    size_t n, nlinks;
    uint32_t *seen; /* node visited in the current search when == vstamp */
    uint32_t vstamp;
    uint32_t *lfail; /* link failed in the current scenario when == fstamp */
    uint32_t *nfail; /* node failed in the current scenario when == fstamp */
    uint32_t fstamp;
    int32_t *queue; /* nodes visited since the last omv__reach_clear, in visiting order */
    size_t qlen;
} omv__reach;

int omv__reach_init(omv__reach *w, omv_ctx *ctx, size_t nnodes, size_t nlinks);
void omv__reach_free(omv__reach *w);

/* Starts a new scenario: no link and no node failed. */
void omv__reach_new_scenario(omv__reach *w);
/* Forgets every visited node (the queue empties). */
void omv__reach_clear(omv__reach *w);

static inline void omv__reach_fail_link(omv__reach *w, int32_t e) { w->lfail[e] = w->fstamp; }
static inline void omv__reach_fail_node(omv__reach *w, int32_t v) { w->nfail[v] = w->fstamp; }
static inline int omv__reach_node_failed(const omv__reach *w, int32_t v) { return w->nfail[v] == w->fstamp; }
static inline int omv__reach_seen(const omv__reach *w, int32_t v) { return w->seen[v] == w->vstamp; }

/* Visits everything reachable from start over links and nodes that have not failed, unless start
 * has failed or was visited already. The new nodes are appended to the queue; returns how many.
 * Time O(nodes + links visited). */
size_t omv__reach_bfs(omv__reach *w, const omv_net *net, int32_t start);

#endif
