/*
 * items.c — the result of the failure analysis: the items and their order, the isolated-site lists
 * of the first items, and the getters of the public API.
 *
 * An item is stored as its 16-byte sort key (spof_int.h): the impact and a reference from which the
 * getter rebuilds the public record. A million items then take 16 MB and sort in place.
 *
 * Lists are not stored while counting: a bridge near the root of a large tree cuts off nearly every
 * site, and lists for all items could take O(nodes x items). After sorting, the lists of a prefix of
 * the items are rebuilt from the same decomposition that counted them (preorder ranges for bridges,
 * nodes and pairs; a search for groups and outages), in parallel, straight into their place in one
 * pool, and each is checked against its count.
 */
#include "analyze/sort.h"
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

OMV__DEFINE_SORT(sort_items, omv__item, omv__item_less)

/* Sorts the items with up to two threads: a partition around the median of a sample splits the work
 * in two halves sorted at once. The order is the same as from one thread (a total order). */
static void sort_all(omv__item *a, size_t n, int nthreads)
{
    enum { SAMPLES = 63 };
    if (nthreads < 2 || !omv__par(n)) {
        sort_items(a, n);
        return;
    }
    omv__item sample[SAMPLES];
    for (size_t i = 0; i < SAMPLES; i++)
        sample[i] = a[(n - 1) * i / (SAMPLES - 1)];
    sort_items(sample, SAMPLES);
    const omv__item pivot = sample[SAMPLES / 2];
    /* Hoare partition by value: a[0 .. i) < pivot <= a[i ..). */
    size_t i = 0, j = n;
    for (;;) {
        while (i < j && omv__item_less(&a[i], &pivot))
            i++;
        while (i < j && !omv__item_less(&a[j - 1], &pivot))
            j--;
        if (i >= j)
            break;
        omv__item t = a[i];
        a[i] = a[j - 1];
        a[j - 1] = t;
        i++;
        j--;
    }
#pragma omp parallel sections num_threads(2)
    {
#pragma omp section
        sort_items(a, i);
#pragma omp section
        sort_items(a + i, n - i);
    }
}

int omv__spof_bases(omv_spof *s, omv_ctx *ctx, const omv_net *net, size_t noutage)
{
    uint64_t size[OMV_ITEM_KIND_COUNT_] = {net->nlinks, net->nnodes, net->nsrlg, OMV_SPOF_MAX_PAIR_ITEMS, noutage};
    uint64_t at = 0;
    for (int k = 0; k < OMV_ITEM_KIND_COUNT_; k++) {
        s->base[k] = (uint32_t)at;
        at += size[k];
        if (at > UINT32_MAX)
            return OMV_ERR(ctx, OMV_EARG, "failure analysis: the network is too large (%zu nodes, %zu links)",
                           net->nnodes, net->nlinks);
    }
    s->base[OMV_ITEM_KIND_COUNT_] = (uint32_t)at;
    return 0;
}

int omv__spof_add_item(omv_spof *s, omv_ctx *ctx, omv_item_kind kind, uint32_t id, int64_t pop, size_t sites)
{
    if (OMV_GROW(s->items, s->capitems, s->nitems + 1))
        return OMV_NOMEM(ctx, "items");
    s->items[s->nitems++] = omv__item_make(pop, sites, s->base[kind] + id);
    return 0;
}

static omv_item_kind kind_of(const omv_spof *s, uint32_t ref, uint32_t *id)
{
    int k = OMV_ITEM_KIND_COUNT_ - 1;
    while (k > 0 && ref < s->base[k])
        k--;
    *id = ref - s->base[k];
    return (omv_item_kind)k;
}

/* Per-thread buffers for rebuilding lists. */
typedef struct {
    omv__scen scen;
    int has_scen;
    omv__part *parts;
    omv__range *rg;
    size_t *rat;
    uint8_t *lost;
    int32_t *tmp; /* for sorting a list */
} rebuild_ws;

/* Writes the isolated sites of item i, ascending, to out (room for exactly its count). */
static int rebuild(const omv__frame *f, const omv_spof *s, rebuild_ws *w, size_t i, int32_t *out)
{
    const omv__dfs *d = &f->dfs;
    const omv__item *it = &s->items[i];
    size_t want = omv__item_sites(it), len = 0, np = 0;
    uint32_t id;
    int rc = 0, over = 0;
    switch (kind_of(s, omv__item_ref(it), &id)) {
    case OMV_ITEM_BRIDGE: {
        /* A bridge is a tree link: its child end is the later one in preorder. */
        int32_t a = d->pre[f->net->links[id].a], b = d->pre[f->net->links[id].b];
        np = omv__bridge_parts(f, a > b ? a : b, w->parts, w->rg, w->rat);
        break;
    }
    case OMV_ITEM_ARTICULATION:
        np = omv__node_parts(f, d->pre[id], w->parts, w->rg, w->rat);
        break;
    case OMV_ITEM_CUT_PAIR:
        np = omv__pair_parts(f, f->pair_child[2 * id], f->pair_child[2 * id + 1], w->parts, w->rg, w->rat);
        break;
    case OMV_ITEM_SRLG:
        if (!(rc = omv__srlg_eval(f, &w->scen, id)))
            over = omv__scen_list(&w->scen, f, out, &len, want);
        omv__scen_reset(&w->scen);
        break;
    default:
        if (!(rc = omv__power_eval(f, &w->scen, s->outages[s->pow_rank[id]].hours)))
            over = omv__scen_list(&w->scen, f, out, &len, want);
        omv__scen_reset(&w->scen);
        break;
    }
    if (np > 0)
        omv__frame_decide(f, w->parts[0].cc, w->parts, np, w->lost);
    for (size_t p = 0; p < np && !over; p++)
        if (w->lost[p])
            over = omv__frame_emit(f, w->rg + w->rat[p], w->rat[p + 1] - w->rat[p], out, &len, want);
    if (rc)
        return rc;
    if (over || len != want)
        return 1;
    omv__sort_i32(out, len, w->tmp);
    return 0;
}

int omv__spof_finish(omv__frame *f, omv_spof *s)
{
    sort_all(s->items, s->nitems, f->nthreads);
    size_t budget = 8 * f->n + ((size_t)1 << 20), total = 0, nl = 0, longest = 0, work = 0;
    int scen = 0;
    while (nl < s->nitems && nl < OMV_SPOF_LISTED_ITEMS && total + omv__item_sites(&s->items[nl]) <= budget) {
        size_t k = omv__item_sites(&s->items[nl]);
        uint32_t id;
        omv_item_kind kind = kind_of(s, omv__item_ref(&s->items[nl]), &id);
        total += k;
        longest = k > longest ? k : longest;
        if (kind == OMV_ITEM_SRLG || kind == OMV_ITEM_POWER) {
            scen = 1;
            work += f->n + 2 * f->net->n_existing;
        }
        nl++;
    }
    work += total;
    int nt = omv__par(work) ? f->nthreads : 1, rc = 0;
    int *rcs = omv__big_calloc(nl + 1, sizeof(*rcs));
    rebuild_ws *ws = calloc((size_t)nt, sizeof(*ws));
    s->list_at = omv__big_malloc((nl + 1) * sizeof(*s->list_at));
    s->pool = omv__big_malloc((total + 1) * sizeof(*s->pool));
    if (!rcs || !ws || !s->list_at || !s->pool) {
        rc = OMV_NOMEM(f->ctx, "isolated lists");
        goto cleanup;
    }
    s->list_at[0] = 0;
    for (size_t i = 0; i < nl; i++)
        s->list_at[i + 1] = s->list_at[i] + omv__item_sites(&s->items[i]);
    size_t cap = f->dfs.maxkids + 4;
    for (int t = 0; t < nt && !rc; t++) {
        rebuild_ws *w = &ws[t];
        w->parts = omv__big_malloc(cap * sizeof(*w->parts));
        w->rg = omv__big_malloc(cap * sizeof(*w->rg));
        w->rat = omv__big_malloc((cap + 1) * sizeof(*w->rat));
        w->lost = omv__big_malloc(cap);
        w->tmp = omv__big_malloc((longest + 1) * sizeof(*w->tmp));
        if (!w->parts || !w->rg || !w->rat || !w->lost || !w->tmp)
            rc = OMV_NOMEM(f->ctx, "isolated lists");
        else if (scen && !(rc = omv__scen_init(&w->scen, f)))
            w->has_scen = 1;
    }
    if (rc)
        goto cleanup;
    const omv__frame *cf = f;
    const omv_spof *cs = s;
    int32_t *pool = s->pool;
    const size_t *at = s->list_at;
#pragma omp parallel num_threads(nt) if (nt > 1)
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 1)
        for (size_t i = 0; i < nl; i++)
            rcs[i] = rebuild(cf, cs, &ws[tid], i, pool + at[i]);
    }
    for (size_t i = 0; i < nl && !rc; i++) {
        if (rcs[i] < 0)
            rc = OMV_NOMEM(f->ctx, "isolated lists");
        else if (rcs[i])
            rc = OMV_ERR(f->ctx, OMV_EINTERNAL, "isolated list of item %zu does not hold the %zu sites counted", i,
                         omv__item_sites(&s->items[i]));
    }
    if (!rc)
        s->nlisted = nl;
cleanup:
    if (ws) {
        for (int t = 0; t < nt; t++) {
            if (ws[t].has_scen)
                omv__scen_free(&ws[t].scen);
            free(ws[t].parts);
            free(ws[t].rg);
            free(ws[t].rat);
            free(ws[t].lost);
            free(ws[t].tmp);
        }
    }
    free(ws);
    free(rcs);
    return rc;
}

/* ---- getters ------------------------------------------------------------------------------- */

void omv_spof_free(omv_spof *s)
{
    if (!s)
        return;
    free(s->items);
    free(s->pairs);
    free(s->pow_rank);
    free(s->list_at);
    free(s->pool);
    free(s->lambda);
    free(s->srlg_cut);
    free(s->link_struct);
    free(s->outages);
    free(s->upgrades);
    free(s->upg_at);
    free(s->core);
    free(s->grp_links);
    free(s->grp_at);
    free(s);
}

size_t omv_spof_item_count(const omv_spof *s) { return s->nitems; }

int omv_spof_item_get(const omv_spof *s, size_t i, omv_spof_item *out)
{
    if (i >= s->nitems)
        return OMV_EARG;
    const omv__item *it = &s->items[i];
    uint32_t id;
    omv_item_kind kind = kind_of(s, omv__item_ref(it), &id);
    *out = (omv_spof_item){kind, {-1, -1}, -1, -1, 0, omv__item_sites(it), omv__item_pop(it)};
    switch (kind) {
    case OMV_ITEM_BRIDGE:
        out->link[0] = (long)id;
        break;
    case OMV_ITEM_ARTICULATION:
        out->node = (long)id;
        break;
    case OMV_ITEM_SRLG:
        out->srlg = (long)id;
        break;
    case OMV_ITEM_CUT_PAIR:
        out->link[0] = (long)(s->pairs[id] >> 32);
        out->link[1] = (long)(s->pairs[id] & 0xffffffffu);
        break;
    default:
        out->hours = s->outages[s->pow_rank[id]].hours;
        break;
    }
    return 0;
}

size_t omv_spof_item_isolated(const omv_spof *s, size_t i, const int32_t **nodes)
{
    if (i >= s->nlisted || s->list_at[i + 1] == s->list_at[i]) {
        *nodes = NULL;
        return 0;
    }
    *nodes = s->pool + s->list_at[i];
    return s->list_at[i + 1] - s->list_at[i];
}

size_t omv_spof_count(const omv_spof *s, omv_item_kind kind)
{
    return (unsigned)kind < OMV_ITEM_KIND_COUNT_ ? s->counts[kind] : 0;
}

int omv_spof_lambda(const omv_spof *s, size_t node) { return node < s->n ? s->lambda[node] : -1; }

void omv_spof_lambda_summary(const omv_spof *s, size_t sites[4], int64_t population[4])
{
    for (int b = 0; b < 4; b++) {
        sites[b] = s->lam_sites[b];
        population[b] = s->lam_pop[b];
    }
}

size_t omv_spof_outage_count(const omv_spof *s) { return s->noutages; }

int omv_spof_outage_get(const omv_spof *s, size_t k, omv_spof_outage *out)
{
    if (k >= s->noutages)
        return OMV_EARG;
    *out = s->outages[k];
    return 0;
}

size_t omv_spof_upgrade_count(const omv_spof *s, size_t k)
{
    return k < s->noutages ? s->upg_at[k + 1] - s->upg_at[k] : 0;
}

int omv_spof_upgrade_get(const omv_spof *s, size_t k, size_t j, omv_spof_upgrade *out)
{
    if (k >= s->noutages || j >= s->upg_at[k + 1] - s->upg_at[k])
        return OMV_EARG;
    *out = s->upgrades[s->upg_at[k] + j];
    return 0;
}

size_t omv_spof_core(const omv_spof *s, const int32_t **nodes)
{
    *nodes = s->core;
    return s->ncore;
}

const omv_region *omv_spof_region(const omv_spof *s) { return s->region; }
const omv_region *omv_spof_outage_region(const omv_spof *s) { return s->outage_region; }
unsigned omv_spof_failures(const omv_spof *s) { return s->failures; }
int omv_spof_exact_lambda(const omv_spof *s) { return s->exact_lambda; }
int omv_spof_interrupted(const omv_spof *s) { return s->interrupted; }
size_t omv_spof_dropped_pairs(const omv_spof *s) { return s->dropped; }
