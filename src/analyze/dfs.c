/*
 * dfs.c — the iterative lowpoint depth-first search of dfs.h: preorder, tree, lowpoints, bridges,
 * articulation points, components and back edges, in one pass plus one bottom-up sweep.
 */
#include "analyze/dfs.h"

#include <stdlib.h>
#include <string.h>

void omv__dfs_free(omv__dfs *d)
{
    if (!d)
        return;
    free(d->pre);
    free(d->order);
    free(d->parent);
    free(d->pe);
    free(d->depth);
    free(d->sz);
    free(d->low);
    free(d->cc);
    free(d->cc_start);
    free(d->tchild);
    free(d->is_ap);
    free(d->bk_lo);
    free(d->bk_hi);
    free(d->bk_eid);
    memset(d, 0, sizeof(*d));
}

int omv__dfs_run(omv__dfs *d, omv_ctx *ctx, const omv_net *net)
{
    memset(d, 0, sizeof(*d));
    size_t n = net->nnodes, nl = net->nlinks, nb = n + 1;
    d->n = n;
    d->nlinks = nl;
    int32_t *it = malloc(nb * sizeof(*it));
    int32_t *stack = malloc(nb * sizeof(*stack));
    d->pre = malloc(nb * sizeof(int32_t));
    d->order = malloc(nb * sizeof(int32_t));
    d->parent = malloc(nb * sizeof(int32_t));
    d->pe = malloc(nb * sizeof(int32_t));
    d->depth = malloc(nb * sizeof(int32_t));
    d->sz = malloc(nb * sizeof(int32_t));
    d->low = malloc(nb * sizeof(int32_t));
    d->cc = malloc(nb * sizeof(int32_t));
    d->cc_start = malloc((nb + 1) * sizeof(int32_t));
    d->tchild = malloc((nl + 1) * sizeof(int32_t));
    d->is_ap = calloc(nb, 1);
    /* Every existing link is either a tree link (n - components of them) or a back edge. */
    size_t maxback = net->n_existing + 1;
    d->bk_lo = malloc(maxback * sizeof(int32_t));
    d->bk_hi = malloc(maxback * sizeof(int32_t));
    d->bk_eid = malloc(maxback * sizeof(int32_t));
    int rc = 0;
    if (!it || !stack || !d->pre || !d->order || !d->parent || !d->pe || !d->depth || !d->sz || !d->low ||
        !d->cc || !d->cc_start || !d->tchild || !d->is_ap || !d->bk_lo || !d->bk_hi || !d->bk_eid) {
        rc = OMV_NOMEM(ctx, "depth-first search");
        goto cleanup;
    }
    const int32_t *off = net->off, *adj = net->adj, *eid = net->eid;
    for (size_t v = 0; v < n; v++)
        d->pre[v] = -1;
    for (size_t e = 0; e < nl; e++)
        d->tchild[e] = -1;
    int32_t t = 0;
    /* Roots in increasing index: each component starts at its lowest node. */
    for (size_t r = 0; r < n; r++) {
        if (d->pre[r] >= 0)
            continue;
        int32_t root = (int32_t)r, cc = (int32_t)d->ncc++;
        d->cc_start[cc] = t;
        int32_t root_children = 0; /* a root is an articulation point when it has two or more */
        d->pre[root] = d->low[root] = t;
        d->order[t++] = root;
        d->parent[root] = d->pe[root] = -1;
        d->depth[root] = 0;
        d->cc[root] = cc;
        it[root] = off[root];
        size_t sp = 0;
        stack[sp++] = root;
        while (sp) {
            int32_t v = stack[sp - 1];
            if (it[v] < off[v + 1]) {
                int32_t k = it[v]++;
                int32_t w = adj[k], e = eid[k];
                if (e == d->pe[v])
                    continue;
                if (d->pre[w] < 0) {
                    d->parent[w] = v;
                    d->pe[w] = e;
                    d->tchild[e] = w;
                    d->depth[w] = d->depth[v] + 1;
                    d->pre[w] = d->low[w] = t;
                    d->order[t++] = w;
                    d->cc[w] = cc;
                    it[w] = off[w];
                    stack[sp++] = w;
                    root_children += v == root;
                } else if (d->pre[w] < d->pre[v]) {
                    /* A link to an ancestor (a link to a finished descendant is the same back edge
                     * seen from its upper end, recorded from below). */
                    if (d->pre[w] < d->low[v])
                        d->low[v] = d->pre[w];
                    d->bk_lo[d->nback] = v;
                    d->bk_hi[d->nback] = w;
                    d->bk_eid[d->nback] = e;
                    d->nback++;
                }
            } else {
                sp--;
                int32_t p = d->parent[v];
                if (p >= 0) {
                    if (d->low[v] < d->low[p])
                        d->low[p] = d->low[v];
                    if (d->low[v] == d->pre[v])
                        d->nbridges++;
                    if (p != root && d->low[v] >= d->pre[p])
                        d->is_ap[p] = 1;
                }
            }
        }
        if (root_children >= 2)
            d->is_ap[root] = 1;
    }
    d->cc_start[d->ncc] = t;
    for (size_t v = 0; v < n; v++)
        d->naps += d->is_ap[v];
    for (size_t v = 0; v < n; v++)
        d->sz[v] = 1;
    for (size_t p = n; p-- > 1;) {
        int32_t v = d->order[p];
        if (d->parent[v] >= 0)
            d->sz[d->parent[v]] += d->sz[v];
    }
    /* Back edges by link id: the order in which labels are drawn must not depend on the search. */
    {
        int32_t *pos = malloc((nl + 1) * sizeof(*pos));
        int32_t *lo = malloc((d->nback + 1) * sizeof(*lo));
        int32_t *hi = malloc((d->nback + 1) * sizeof(*hi));
        if (!pos || !lo || !hi) {
            free(pos);
            free(lo);
            free(hi);
            rc = OMV_NOMEM(ctx, "depth-first search");
            goto cleanup;
        }
        for (size_t e = 0; e < nl; e++)
            pos[e] = -1;
        for (size_t k = 0; k < d->nback; k++)
            pos[d->bk_eid[k]] = (int32_t)k;
        size_t j = 0;
        for (size_t e = 0; e < nl; e++) {
            if (pos[e] < 0)
                continue;
            lo[j] = d->bk_lo[pos[e]];
            hi[j] = d->bk_hi[pos[e]];
            d->bk_eid[j] = (int32_t)e;
            j++;
        }
        free(pos);
        free(d->bk_lo);
        free(d->bk_hi);
        d->bk_lo = lo;
        d->bk_hi = hi;
    }
cleanup:
    free(it);
    free(stack);
    if (rc)
        omv__dfs_free(d);
    return rc;
}
