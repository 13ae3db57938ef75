/*
 * dfs.h — one depth-first search over the CSR adjacency of existing links, and what the failure
 * analysis reads off its tree: preorder, subtree ranges, bridges, articulation points, which child
 * subtrees a node's failure separates, and the connected components.
 *
 * Everything is indexed by preorder position, so the later passes sweep arrays in order: the subtree
 * of position p is the range [p, p + sz[p]), its children are p + 1, then each child plus its size,
 * and a component is one contiguous range. Lowpoints live only on the search stack; what the analysis
 * needs of them is kept as flags. The search is iterative (networks reach 10^6 nodes) and starts each
 * component at its lowest node index, so the root of a component is its lowest node. Parallel links
 * have distinct link ids: going back to the parent is skipped by link id only, so a doubled link is a
 * back edge and not a bridge.
 *
 * Memory: 4 int32 arrays and one byte per node, plus the search stack.
 */
#ifndef OMV_DFS_H
#define OMV_DFS_H

#include "topo/net.h"

/* Flags per preorder position. */
enum {
    OMV__PF_BRIDGE = 1, /* the tree link to the parent is a bridge (no back edge leaves the subtree) */
    OMV__PF_SEP = 2,    /* the parent's failure separates this subtree from the parent's side
                           (no back edge from the subtree reaches above the parent); set at roots' children */
    OMV__PF_AP = 4,     /* the node here is an articulation point */
    OMV__PF_ROOT = 8    /* the node here is the root of its component */
};

typedef struct {
    size_t n;
    int32_t *pre;   /* by node: its preorder position */
    int32_t *order; /* by position: the node there */
    int32_t *sz;    /* by position: subtree size */
    int32_t *pe;    /* by position: the link to the parent, -1 at a root */
    uint8_t *pflag; /* by position: OMV__PF_* */
    size_t ncc;
    int32_t *cc_start; /* position of each component's root; cc_start[ncc] = n */
    size_t nbridges, naps, nback;
    size_t maxkids; /* most tree children of one node */
} omv__dfs;

/* Runs the search. Time and memory O(nodes + links). */
int omv__dfs_run(omv__dfs *d, omv_ctx *ctx, const omv_net *net);
void omv__dfs_free(omv__dfs *d);

/* The component holding position p. O(log components). */
static inline int32_t omv__dfs_cc(const omv__dfs *d, int32_t p)
{
    size_t lo = 0, hi = d->ncc; /* cc_start[lo] <= p < cc_start[hi] */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->cc_start[mid] <= p)
            lo = mid;
        else
            hi = mid;
    }
    return (int32_t)lo;
}

/* The position of the child end of link e when e is a tree link, else -1 (back edges, candidates). */
static inline int32_t omv__dfs_link_child(const omv__dfs *d, const omv_net *net, size_t e)
{
    int32_t a = net->links[e].a, b = net->links[e].b;
    if (a >= 0 && d->pe[d->pre[a]] == (int32_t)e)
        return d->pre[a];
    if (b >= 0 && d->pe[d->pre[b]] == (int32_t)e)
        return d->pre[b];
    return -1;
}

/* The children of position p: for (c = p + 1; c < omv__dfs_end(d, p); c += d->sz[c]). */
static inline int32_t omv__dfs_end(const omv__dfs *d, int32_t p) { return p + d->sz[p]; }

#endif
