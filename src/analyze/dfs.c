/*
 * dfs.c — the iterative lowpoint depth-first search of dfs.h, in one pass: preorder, subtree sizes,
 * tree links, bridges, articulation points, separated subtrees and components.
 *
 * A stack entry holds the node, its position, its next adjacency slot, its lowpoint (the lowest
 * position one back edge from its subtree reaches) and its child count; when a node is finished its
 * lowpoint is folded into its parent's and turned into the flags of its position.
 */
#include "analyze/dfs.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t v, p, low, k, kids;
} entry;

void omv__dfs_free(omv__dfs *d)
{
    if (!d)
        return;
    free(d->pre);
    free(d->order);
    free(d->sz);
    free(d->pe);
    free(d->pflag);
    free(d->cc_start);
    memset(d, 0, sizeof(*d));
}

int omv__dfs_run(omv__dfs *d, omv_ctx *ctx, const omv_net *net)
{
    memset(d, 0, sizeof(*d));
    size_t n = net->nnodes, nb = n + 1;
    d->n = n;
    d->pre = omv__big_malloc(nb * sizeof(int32_t));
    d->order = omv__big_malloc(nb * sizeof(int32_t));
    d->sz = omv__big_malloc(nb * sizeof(int32_t));
    d->pe = omv__big_malloc(nb * sizeof(int32_t));
    d->pflag = omv__big_calloc(nb, 1);
    size_t capcc = 16, capst = 1024;
    d->cc_start = omv__big_malloc(capcc * sizeof(int32_t));
    entry *st = omv__big_malloc(capst * sizeof(*st));
    int rc = 0;
    if (!d->pre || !d->order || !d->sz || !d->pe || !d->pflag || !d->cc_start || !st) {
        rc = OMV_NOMEM(ctx, "depth-first search");
        goto cleanup;
    }
    const int32_t *off = net->off, *adj = net->adj, *eid = net->eid;
    int32_t *pre = d->pre, *order = d->order, *sz = d->sz, *pe = d->pe;
    uint8_t *pf = d->pflag;
    memset(pre, 0xff, nb * sizeof(int32_t));
    int32_t t = 0;
    /* Roots in increasing index: each component starts at its lowest node. */
    for (size_t r = 0; r < n; r++) {
        if (pre[r] >= 0)
            continue;
        if (OMV_GROW(d->cc_start, capcc, d->ncc + 2)) {
            rc = OMV_NOMEM(ctx, "depth-first search");
            goto cleanup;
        }
        d->cc_start[d->ncc++] = t;
        pre[r] = t;
        order[t] = (int32_t)r;
        pe[t] = -1;
        pf[t] = OMV__PF_ROOT;
        st[0] = (entry){(int32_t)r, t, t, off[r], 0};
        t++;
        size_t sp = 1;
        while (sp) {
            entry *top = &st[sp - 1];
            if (top->k < off[top->v + 1]) {
                int32_t k = top->k++;
                int32_t w = adj[k], e = eid[k];
                if (e == pe[top->p])
                    continue;
                int32_t pw = pre[w];
                if (pw < 0) {
                    top->kids++;
                    if (sp == capst) {
                        if (OMV_GROW(st, capst, sp + 1)) {
                            rc = OMV_NOMEM(ctx, "depth-first search");
                            goto cleanup;
                        }
                    }
                    pre[w] = t;
                    order[t] = w;
                    pe[t] = e;
                    st[sp++] = (entry){w, t, t, off[w], 0};
                    t++;
                } else if (pw < top->p) {
                    /* A link to an ancestor (a link to a finished descendant is the same back edge
                     * seen from its upper end, counted from below). */
                    if (pw < top->low)
                        top->low = pw;
                    d->nback++;
                }
            } else {
                entry c = *top;
                sp--;
                sz[c.p] = t - c.p;
                if ((size_t)c.kids > d->maxkids)
                    d->maxkids = (size_t)c.kids;
                if (sp == 0) {
                    if (c.kids >= 2)
                        pf[c.p] |= OMV__PF_AP;
                    break;
                }
                entry *par = &st[sp - 1];
                if (c.low < par->low)
                    par->low = c.low;
                if (c.low == c.p) {
                    pf[c.p] |= OMV__PF_BRIDGE;
                    d->nbridges++;
                }
                if (c.low >= par->p) {
                    pf[c.p] |= OMV__PF_SEP;
                    if (sp > 1)
                        pf[par->p] |= OMV__PF_AP;
                }
            }
        }
    }
    d->cc_start[d->ncc] = t;
    for (size_t p = 0; p < n; p++)
        d->naps += (pf[p] & OMV__PF_AP) != 0;
cleanup:
    free(st);
    if (rc)
        omv__dfs_free(d);
    return rc;
}
