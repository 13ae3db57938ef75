/*
 * dfs.h — one depth-first search over the CSR adjacency of existing links, and everything the
 * failure analysis reads off its tree: preorder, subtree ranges, lowpoints, bridges, articulation
 * points, connected components and the back edges (the links outside the tree).
 *
 * The search is iterative (networks reach 10^6 nodes) and starts each component at its lowest node
 * index, so the root of a component is its lowest node and a component occupies one contiguous
 * range of preorder positions. Parallel links have distinct link ids: going back to the parent is
 * skipped by link id only, so a doubled link is a back edge and not a bridge.
 */
#ifndef OMV_DFS_H
#define OMV_DFS_H

#include "topo/net.h"

typedef struct {
    size_t n;       /* nodes */
    size_t nlinks;  /* link ids (existing and candidates) */
    int32_t *pre;   /* preorder position of each node */
    int32_t *order; /* node at each preorder position */
    int32_t *parent; /* -1 at a root */
    int32_t *pe;     /* link to the parent, -1 at a root */
    int32_t *depth;
    int32_t *sz;  /* subtree size: the subtree of v is order[pre[v] .. pre[v] + sz[v]) */
    int32_t *low; /* lowest preorder position reached from the subtree by one back edge */
    int32_t *cc;  /* component of each node; components numbered by their lowest node */
    size_t ncc;
    int32_t *cc_start; /* preorder position of each component's root; cc_start[ncc] = n */
    int32_t *tchild;   /* per link id: the child end when the link is a tree link, else -1 */
    uint8_t *is_ap;    /* per node: 1 for an articulation point */
    size_t nbridges, naps;
    /* Back edges, one per existing link outside the tree: lower end (a descendant), upper end (its
     * ancestor), link id. In increasing order of link id. */
    int32_t *bk_lo, *bk_hi, *bk_eid;
    size_t nback;
} omv__dfs;

/* Runs the search. Time and memory O(nodes + links). */
int omv__dfs_run(omv__dfs *d, omv_ctx *ctx, const omv_net *net);
void omv__dfs_free(omv__dfs *d);

/* 1 when tree link to child c is a bridge (no back edge leaves the subtree of c). */
static inline int omv__dfs_bridge_child(const omv__dfs *d, int32_t c)
{
    return d->parent[c] >= 0 && d->low[c] == d->pre[c];
}

/* 1 when node x lies in the subtree of node a. */
static inline int omv__dfs_in_subtree(const omv__dfs *d, int32_t a, int32_t x)
{
    return d->pre[x] >= d->pre[a] && d->pre[x] < d->pre[a] + d->sz[a];
}

#endif
