/*
 * reach.c — breadth-first search with stamped visited and failed marks (see reach.h).
 */
#include "analyze/reach.h"

#include <stdlib.h>
#include <string.h>

int omv__reach_init(omv__reach *w, omv_ctx *ctx, size_t nnodes, size_t nlinks)
{
    memset(w, 0, sizeof(*w));
    w->n = nnodes;
    w->nlinks = nlinks;
    w->seen = calloc(nnodes + 1, sizeof(*w->seen));
    w->nfail = calloc(nnodes + 1, sizeof(*w->nfail));
    w->lfail = calloc(nlinks + 1, sizeof(*w->lfail));
    w->queue = malloc((nnodes + 1) * sizeof(*w->queue));
    if (!w->seen || !w->nfail || !w->lfail || !w->queue) {
        omv__reach_free(w);
        return OMV_NOMEM(ctx, "search workspace");
    }
    w->vstamp = w->fstamp = 1;
    return 0;
}

void omv__reach_free(omv__reach *w)
{
    free(w->seen);
    free(w->nfail);
    free(w->lfail);
    free(w->queue);
    memset(w, 0, sizeof(*w));
}

void omv__reach_new_scenario(omv__reach *w)
{
    if (w->fstamp == UINT32_MAX) {
        memset(w->nfail, 0, (w->n + 1) * sizeof(*w->nfail));
        memset(w->lfail, 0, (w->nlinks + 1) * sizeof(*w->lfail));
        w->fstamp = 0;
    }
    w->fstamp++;
}

void omv__reach_clear(omv__reach *w)
{
    if (w->vstamp == UINT32_MAX) {
        memset(w->seen, 0, (w->n + 1) * sizeof(*w->seen));
        w->vstamp = 0;
    }
    w->vstamp++;
    w->qlen = 0;
}

size_t omv__reach_bfs(omv__reach *w, const omv_net *net, int32_t start)
{
    if (w->seen[start] == w->vstamp || w->nfail[start] == w->fstamp)
        return 0;
    const int32_t *off = net->off, *adj = net->adj, *eid = net->eid;
    size_t head = w->qlen, first = w->qlen;
    w->seen[start] = w->vstamp;
    w->queue[w->qlen++] = start;
    while (head < w->qlen) {
        int32_t v = w->queue[head++];
        for (int32_t k = off[v]; k < off[v + 1]; k++) {
            int32_t u = adj[k];
            if (w->seen[u] == w->vstamp || w->lfail[eid[k]] == w->fstamp || w->nfail[u] == w->fstamp)
                continue;
            w->seen[u] = w->vstamp;
            w->queue[w->qlen++] = u;
        }
    }
    return w->qlen - first;
}
