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
 * children c that v's failure separates (all children at a root) and the rest of the component. The
 * children of a position are found from subtree sizes alone, so each node costs O(its children):
 * O(nodes) in all, with sequential array access.
 *
 * A failed node is not counted among the sites its failure cuts off (it is down, not cut off); power
 * outages, which say otherwise, are in power.c.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

size_t omv__bridge_parts(const omv__frame *f, int32_t c, omv__part *parts, omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    int32_t k = omv__dfs_cc(d, c), ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t a = c, b = c + d->sz[c];
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

size_t omv__node_parts(const omv__frame *f, int32_t pv, omv__part *parts, omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    int32_t k = omv__dfs_cc(d, pv), ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t ev = omv__dfs_end(d, pv);
    int root = (d->pflag[pv] & OMV__PF_ROOT) != 0;
    size_t np = 0, nr = 0;
    for (int32_t c = pv + 1; c < ev; c += d->sz[c]) {
        if (root || (d->pflag[c] & OMV__PF_SEP)) {
            rat[np] = nr;
            rg[nr++] = (omv__range){c, c + d->sz[c]};
            omv__frame_range_part(f, k, rg + rat[np], 1, &parts[np]);
            np++;
        }
    }
    if (!root) {
        size_t first = nr;
        rat[np] = nr;
        rg[nr++] = (omv__range){ccs, pv};
        rg[nr++] = (omv__range){ev, cce};
        for (int32_t c = pv + 1; c < ev; c += d->sz[c])
            if (!(d->pflag[c] & OMV__PF_SEP))
                rg[nr++] = (omv__range){c, c + d->sz[c]};
        omv__frame_range_part(f, k, rg + first, nr - first, &parts[np]);
        np++;
    }
    rat[np] = nr;
    return np;
}

static int bridges(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    int want = (f->opt->failures & OMV_FAIL_LINKS) != 0;
    int rc = omv__frame_marks_begin(f);
    for (size_t k = 0; k < d->ncc && !rc; k++) {
        if (!omv__frame_relevant(f, (int32_t)k))
            continue;
        for (int32_t c = d->cc_start[k] + 1; c < d->cc_start[k + 1] && !rc; c++) {
            if (!(d->pflag[c] & OMV__PF_BRIDGE))
                continue;
            omv__part parts[2];
            omv__range rg[3];
            size_t rat[3];
            uint8_t lost[2];
            omv__bridge_parts(f, c, parts, rg, rat);
            omv__frame_decide(f, (int32_t)k, parts, 2, lost);
            int64_t rs = 0, pop = 0;
            for (size_t i = 0; i < 2; i++) {
                if (!lost[i])
                    continue;
                rs += parts[i].rs;
                pop += parts[i].pop;
                for (size_t j = rat[i]; j < rat[i + 1]; j++)
                    omv__frame_mark(f, &rg[j]);
            }
            if (want && rs > 0)
                rc = omv__spof_add_item(s, f->ctx, OMV_ITEM_BRIDGE, (uint32_t)d->pe[c], pop, (size_t)rs);
        }
    }
    if (!rc)
        omv__frame_marks_end(f, OMV__LAM_ONE);
    return rc;
}

/* A thread's share of the node failures: the items found in its range of positions. */
typedef struct {
    omv__item *items;
    size_t len, cap;
    int failed;
} node_items;

static void nodes_range(const omv__frame *f, const omv_spof *s, int32_t lo, int32_t hi, node_items *out)
{
    const omv__dfs *d = &f->dfs;
    size_t cap = d->maxkids + 4;
    omv__part *parts = omv__big_malloc(cap * sizeof(*parts));
    omv__range *rg = omv__big_malloc(cap * sizeof(*rg));
    size_t *rat = omv__big_malloc((cap + 1) * sizeof(*rat));
    uint8_t *lost = omv__big_malloc(cap);
    if (!parts || !rg || !rat || !lost) {
        out->failed = 1;
        goto cleanup;
    }
    for (int32_t pv = lo; pv < hi; pv++) {
        int32_t k = omv__dfs_cc(d, pv);
        if (!omv__frame_relevant(f, k))
            continue;
        size_t np = omv__node_parts(f, pv, parts, rg, rat);
        omv__frame_decide(f, k, parts, np, lost);
        int64_t rs = 0, pop = 0;
        for (size_t i = 0; i < np; i++) {
            if (lost[i]) {
                rs += parts[i].rs;
                pop += parts[i].pop;
            }
        }
        if (rs == 0)
            continue;
        if (OMV_GROW(out->items, out->cap, out->len + 1)) {
            out->failed = 1;
            goto cleanup;
        }
        out->items[out->len++] =
            omv__item_make(pop, (size_t)rs, s->base[OMV_ITEM_ARTICULATION] + (uint32_t)d->order[pv]);
    }
cleanup:
    free(parts);
    free(rg);
    free(rat);
    free(lost);
}

/* Node failures in parallel over chunks of positions. Each chunk's items are appended as soon as it
 * is done, so no more than a chunk per thread waits in memory; the order in which they arrive does
 * not matter, since the items are sorted by a total order at the end. */
static int nodes(omv__frame *f, omv_spof *s)
{
    int nt = omv__par(f->n) ? f->nthreads : 1;
    int64_t n = (int64_t)f->n, nchunks = nt > 1 ? 64 * (int64_t)nt : 1;
    int failed = 0;
    const omv__frame *cf = f;
#pragma omp parallel num_threads(nt) if (nt > 1)
    {
        node_items mine = {NULL, 0, 0, 0};
#pragma omp for schedule(dynamic, 1)
        for (int64_t c = 0; c < nchunks; c++) {
            mine.len = 0;
            nodes_range(cf, s, (int32_t)(n * c / nchunks), (int32_t)(n * (c + 1) / nchunks), &mine);
#pragma omp critical(omv__spof_node_items)
            {
                if (mine.failed || OMV_GROW(s->items, s->capitems, s->nitems + mine.len)) {
                    failed = 1;
                } else if (mine.len) {
                    memcpy(s->items + s->nitems, mine.items, mine.len * sizeof(*s->items));
                    s->nitems += mine.len;
                }
            }
        }
        free(mine.items);
    }
    return failed ? OMV_NOMEM(f->ctx, "single failures") : 0;
}

/* Every bridge of the network, in every component: what the link is, whatever it cuts off in the
 * region (a bridge to a node outside the region is still a bridge). */
static int mark_bridges(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    s->nlinks = f->net->nlinks;
    s->link_struct = omv__big_calloc(s->nlinks + 1, 1);
    if (!s->link_struct)
        return OMV_NOMEM(f->ctx, "link roles");
    for (size_t k = 0; k < d->ncc; k++)
        for (int32_t c = d->cc_start[k] + 1; c < d->cc_start[k + 1]; c++)
            if ((d->pflag[c] & OMV__PF_BRIDGE) && d->pe[c] >= 0 && (size_t)d->pe[c] < s->nlinks)
                s->link_struct[d->pe[c]] = OMV__LS_BRIDGE;
    /* The links of the cut-pair groups (omv__pairs_use ran before): every two of a group form a pair. */
    for (size_t g = 0; g < s->ngroups; g++) {
        if (s->grp_at[g + 1] - s->grp_at[g] < 2)
            continue;
        for (size_t x = s->grp_at[g]; x < s->grp_at[g + 1]; x++) {
            int32_t e = s->grp_links[x];
            if (e >= 0 && (size_t)e < s->nlinks && !s->link_struct[e])
                s->link_struct[e] = OMV__LS_CUT_PAIR;
        }
    }
    return 0;
}

int omv__spof_single(omv__frame *f, omv_spof *s)
{
    int mrc = mark_bridges(f, s);
    if (mrc)
        return mrc;
    s->counts[OMV_ITEM_BRIDGE] = f->dfs.nbridges;
    s->counts[OMV_ITEM_ARTICULATION] = f->dfs.naps;
    /* One item at most per bridge and, with core nodes, per articulation point: room for them at once.
     * (Without core nodes any node can cut the rest off, when the runner-up component then wins; the
     * items then grow as needed.) */
    size_t more = ((f->opt->failures & OMV_FAIL_LINKS) ? f->dfs.nbridges : 0) +
                  ((f->opt->failures & OMV_FAIL_NODES) ? f->dfs.naps : 0);
    int rc = omv__reserve((void **)&s->items, &s->capitems, s->nitems + more, sizeof(*s->items))
                 ? OMV_NOMEM(f->ctx, "items")
                 : bridges(f, s);
    if (!rc && (f->opt->failures & OMV_FAIL_NODES))
        rc = nodes(f, s);
    return rc;
}

int omv_spof_link_structure(const omv_spof *s, size_t link)
{
    if (!s->link_struct || link >= s->nlinks)
        return -1;
    return s->link_struct[link] == OMV__LS_BRIDGE     ? (int)OMV_ITEM_BRIDGE
           : s->link_struct[link] == OMV__LS_CUT_PAIR ? (int)OMV_ITEM_CUT_PAIR
                                                      : -1;
}
