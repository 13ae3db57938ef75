/*
 * single.c — the impact of every single link and every single node, without a loop over failures.
 *
 * Bridges: contracting the 2-edge-connected components gives the bridge tree, and the two sides of a
 * bridge are the bridge-tree subtree below it and the rest. In the search tree the subtree below a
 * bridge is exactly the preorder range of its child end, so the sums over each side are two lookups
 * in the preorder prefix sums.
 *
 * Nodes: in the block-cut tree, the pieces left when node v fails are the subtrees below v (one per
 * child block) and the piece holding v's parent. In the search tree these are the subtrees of the
 * children c with low[c] >= pre[v] (all children at a root) and the rest of the component. Each node
 * costs O(its degree): O(nodes + links) in all.
 *
 * A failed node is not counted among the sites its failure cuts off (it is down, not cut off); power
 * outages, which say otherwise, are in power.c.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>

static int relevant(const omv__frame *f, int32_t k)
{
    return f->has_core ? f->cc[k].core > 0 : k == f->c0;
}

size_t omv__bridge_parts(const omv__frame *f, int32_t c, omv__part *parts, omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    int32_t k = d->cc[c], ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t a = d->pre[c], b = a + d->sz[c];
    rg[0] = (omv__range){a, b};
    rg[1] = (omv__range){ccs, a};
    rg[2] = (omv__range){b, cce};
    rat[0] = 0;
    rat[1] = 1;
    rat[2] = 3;
    omv__frame_range_part(f, k, rg, 1, &parts[0]);
    omv__frame_range_part(f, k, rg + 1, 2, &parts[1]);
    return 2;
}

size_t omv__node_parts(const omv__frame *f, int32_t v, omv__part *parts, omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    int32_t k = d->cc[v], ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t pv = d->pre[v], ev = pv + d->sz[v];
    int root = d->parent[v] < 0;
    size_t np = 0, nr = 0;
    for (int32_t j = net->off[v]; j < net->off[v + 1]; j++) {
        int32_t w = net->adj[j];
        if (d->pe[w] != net->eid[j] || d->parent[w] != v)
            continue;
        if (root || d->low[w] >= pv) {
            rat[np] = nr;
            rg[nr++] = (omv__range){d->pre[w], d->pre[w] + d->sz[w]};
            omv__frame_range_part(f, k, rg + rat[np], 1, &parts[np]);
            np++;
        }
    }
    if (!root) {
        size_t first = nr;
        rat[np] = nr;
        rg[nr++] = (omv__range){ccs, pv};
        rg[nr++] = (omv__range){ev, cce};
        for (int32_t j = net->off[v]; j < net->off[v + 1]; j++) {
            int32_t w = net->adj[j];
            if (d->pe[w] == net->eid[j] && d->parent[w] == v && d->low[w] < pv)
                rg[nr++] = (omv__range){d->pre[w], d->pre[w] + d->sz[w]};
        }
        omv__frame_range_part(f, k, rg + first, nr - first, &parts[np]);
        np++;
    }
    rat[np] = nr;
    return np;
}

int omv__spof_single(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    unsigned fail = f->opt->failures;
    size_t cap = f->maxdeg + 4;
    omv__part *parts = malloc(cap * sizeof(*parts));
    omv__range *rg = malloc(cap * sizeof(*rg));
    size_t *rat = malloc((cap + 1) * sizeof(*rat));
    uint8_t *lost = malloc(cap);
    int rc = 0;
    if (!parts || !rg || !rat || !lost) {
        rc = OMV_NOMEM(f->ctx, "single failures");
        goto cleanup;
    }
    s->counts[OMV_ITEM_BRIDGE] = d->nbridges;
    s->counts[OMV_ITEM_ARTICULATION] = d->naps;
    for (size_t c = 0; c < f->n; c++) {
        if (!omv__dfs_bridge_child(d, (int32_t)c) || !relevant(f, d->cc[c]))
            continue;
        size_t np = omv__bridge_parts(f, (int32_t)c, parts, rg, rat);
        omv__frame_decide(f, d->cc[c], parts, np, lost);
        int64_t rs = 0, pop = 0;
        for (size_t i = 0; i < np; i++) {
            if (!lost[i])
                continue;
            rs += parts[i].rs;
            pop += parts[i].pop;
            for (size_t j = rat[i]; j < rat[i + 1]; j++) {
                f->mark1[rg[j].lo]++;
                f->mark1[rg[j].hi]--;
            }
        }
        if ((fail & OMV_FAIL_LINKS) && rs > 0) {
            omv__item it = {{OMV_ITEM_BRIDGE, {d->pe[c], -1}, -1, -1, 0, (size_t)rs, pop}, (int32_t)c, 0, 0, 0, 0, 0};
            if ((rc = omv__spof_add_item(s, f->ctx, &it)))
                goto cleanup;
        }
    }
    if (!(fail & OMV_FAIL_NODES))
        goto cleanup;
    for (size_t v = 0; v < f->n; v++) {
        if (!relevant(f, d->cc[v]))
            continue;
        size_t np = omv__node_parts(f, (int32_t)v, parts, rg, rat);
        omv__frame_decide(f, d->cc[v], parts, np, lost);
        int64_t rs = 0, pop = 0;
        for (size_t i = 0; i < np; i++) {
            if (lost[i]) {
                rs += parts[i].rs;
                pop += parts[i].pop;
            }
        }
        if (rs > 0) {
            omv__item it = {{OMV_ITEM_ARTICULATION, {-1, -1}, (long)v, -1, 0, (size_t)rs, pop}, (int32_t)v, 0, 0, 0, 0, 0};
            if ((rc = omv__spof_add_item(s, f->ctx, &it)))
                goto cleanup;
        }
    }
cleanup:
    free(parts);
    free(rg);
    free(rat);
    free(lost);
    return rc;
}
