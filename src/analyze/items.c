/*
 * items.c — the result of the failure analysis: the items and their order, the isolated-site lists
 * of the first items, and the getters of the public API.
 *
 * Lists are not stored while counting: a bridge near the root of a large tree cuts off nearly every
 * site, and lists for all items could take O(nodes x items). After sorting, the lists of a prefix of
 * the items are rebuilt from the same decomposition that counted them (preorder ranges for bridges,
 * nodes and pairs; a search for groups and outages), in parallel, and each is checked against its
 * count.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

int omv__spof_add_item(omv_spof *s, omv_ctx *ctx, const omv__item *it)
{
    if (OMV_GROW(s->items, s->capitems, s->nitems + 1))
        return OMV_NOMEM(ctx, "items");
    s->items[s->nitems++] = *it;
    return 0;
}

#define CMP(x, y) (((x) > (y)) - ((x) < (y)))

int omv__item_cmp(const void *a, const void *b)
{
    const omv__item *x = a, *y = b;
    const omv_spof_item *p = &x->it, *q = &y->it;
    if (p->isolated_population != q->isolated_population)
        return p->isolated_population > q->isolated_population ? -1 : 1;
    if (p->isolated_sites != q->isolated_sites)
        return p->isolated_sites > q->isolated_sites ? -1 : 1;
    if (p->kind != q->kind)
        return CMP(p->kind, q->kind);
    int c;
    switch (p->kind) {
    case OMV_ITEM_BRIDGE:
        return CMP(p->link[0], q->link[0]);
    case OMV_ITEM_ARTICULATION:
        return CMP(p->node, q->node);
    case OMV_ITEM_SRLG:
        return CMP(p->srlg, q->srlg);
    case OMV_ITEM_CUT_PAIR:
        c = CMP(p->link[0], q->link[0]);
        return c ? c : CMP(p->link[1], q->link[1]);
    default:
        c = CMP(p->hours, q->hours);
        return c ? c : CMP(x->c, y->c);
    }
}

static int cmp_i32(const void *a, const void *b)
{
    return CMP(*(const int32_t *)a, *(const int32_t *)b);
}

/* Per-thread buffers for rebuilding lists. */
typedef struct {
    omv__scen scen;
    omv__part *parts;
    omv__range *rg;
    size_t *rat;
    uint8_t *lost;
} rebuild_ws;

static int rebuild(const omv__frame *f, const omv_spof *s, rebuild_ws *w, const omv__item *it, int32_t **out,
                   size_t *len)
{
    size_t cap = 0, np = 0;
    int rc = 0;
    *out = NULL;
    *len = 0;
    switch (it->it.kind) {
    case OMV_ITEM_BRIDGE:
        np = omv__bridge_parts(f, it->a, w->parts, w->rg, w->rat);
        break;
    case OMV_ITEM_ARTICULATION:
        np = omv__node_parts(f, it->a, w->parts, w->rg, w->rat);
        break;
    case OMV_ITEM_CUT_PAIR:
        np = omv__pair_parts(f, s, (size_t)it->a, (size_t)it->b, (size_t)it->c, w->parts, w->rg, w->rat);
        break;
    case OMV_ITEM_SRLG:
        if (!(rc = omv__srlg_eval(f, &w->scen, (size_t)it->a)))
            rc = omv__scen_list(&w->scen, f, out, len, &cap);
        break;
    default:
        if (!(rc = omv__power_eval(f, &w->scen, it->it.hours)))
            rc = omv__scen_list(&w->scen, f, out, len, &cap);
        break;
    }
    if (np > 0)
        omv__frame_decide(f, w->parts[0].cc, w->parts, np, w->lost);
    for (size_t i = 0; i < np && !rc; i++)
        if (w->lost[i])
            rc = omv__frame_emit(f, w->rg + w->rat[i], w->rat[i + 1] - w->rat[i], out, len, &cap);
    if (!rc && *len > 1)
        qsort(*out, *len, sizeof(**out), cmp_i32);
    return rc;
}

int omv__spof_finish(omv__frame *f, omv_spof *s)
{
    qsort(s->items, s->nitems, sizeof(*s->items), omv__item_cmp);
    size_t budget = 8 * f->n + ((size_t)1 << 20), total = 0, nl = 0;
    while (nl < s->nitems && nl < OMV_SPOF_LISTED_ITEMS && total + s->items[nl].it.isolated_sites <= budget)
        total += s->items[nl++].it.isolated_sites;
    int nt = f->nthreads, rc = 0;
    int32_t **lists = calloc(nl + 1, sizeof(*lists));
    size_t *lens = calloc(nl + 1, sizeof(*lens));
    int *rcs = calloc(nl + 1, sizeof(*rcs));
    rebuild_ws *ws = calloc((size_t)nt, sizeof(*ws));
    s->pool = malloc((total + 1) * sizeof(*s->pool));
    if (!lists || !lens || !rcs || !ws || !s->pool) {
        rc = OMV_NOMEM(f->ctx, "isolated lists");
        goto cleanup;
    }
    size_t cap = f->maxdeg + 4;
    for (int t = 0; t < nt && !rc; t++) {
        rebuild_ws *w = &ws[t];
        w->parts = malloc(cap * sizeof(*w->parts));
        w->rg = malloc(cap * sizeof(*w->rg));
        w->rat = malloc((cap + 1) * sizeof(*w->rat));
        w->lost = malloc(cap);
        if (!w->parts || !w->rg || !w->rat || !w->lost)
            rc = OMV_NOMEM(f->ctx, "isolated lists");
        else
            rc = omv__scen_init(&w->scen, f);
    }
    if (rc)
        goto cleanup;
    const omv__frame *cf = f;
    const omv_spof *cs = s;
    size_t work = total;
    for (size_t i = 0; i < nl; i++)
        if (s->items[i].it.kind == OMV_ITEM_SRLG || s->items[i].it.kind == OMV_ITEM_POWER)
            work += f->n + 2 * f->net->n_existing;
#pragma omp parallel num_threads(nt) if (omv__par(work))
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 1)
        for (size_t i = 0; i < nl; i++)
            rcs[i] = rebuild(cf, cs, &ws[tid], &cs->items[i], &lists[i], &lens[i]);
    }
    for (size_t i = 0; i < nl && !rc; i++) {
        omv__item *it = &s->items[i];
        if (rcs[i])
            rc = OMV_NOMEM(f->ctx, "isolated lists");
        else if (lens[i] != it->it.isolated_sites)
            rc = OMV_ERR(f->ctx, OMV_EINTERNAL, "isolated list of item %zu holds %zu sites, counted %zu", i, lens[i],
                         it->it.isolated_sites);
        if (rc)
            break;
        it->has_list = 1;
        it->list_at = s->npool;
        it->list_len = lens[i];
        if (lens[i])
            memcpy(s->pool + s->npool, lists[i], lens[i] * sizeof(*s->pool));
        s->npool += lens[i];
    }
cleanup:
    if (lists)
        for (size_t i = 0; i < nl; i++)
            free(lists[i]);
    if (ws) {
        for (int t = 0; t < nt; t++) {
            omv__scen_free(&ws[t].scen);
            free(ws[t].parts);
            free(ws[t].rg);
            free(ws[t].rat);
            free(ws[t].lost);
        }
    }
    free(ws);
    free(lists);
    free(lens);
    free(rcs);
    return rc;
}

/* ---- getters ------------------------------------------------------------------------------- */

void omv_spof_free(omv_spof *s)
{
    if (!s)
        return;
    free(s->items);
    free(s->pool);
    free(s->lambda);
    free(s->outages);
    free(s->upgrades);
    free(s->upg_at);
    free(s->core);
    free(s->grp_links);
    free(s->grp_child);
    free(s->grp_at);
    free(s);
}

size_t omv_spof_item_count(const omv_spof *s) { return s->nitems; }

int omv_spof_item_get(const omv_spof *s, size_t i, omv_spof_item *out)
{
    if (i >= s->nitems)
        return OMV_EARG;
    *out = s->items[i].it;
    return 0;
}

size_t omv_spof_item_isolated(const omv_spof *s, size_t i, const int32_t **nodes)
{
    if (i >= s->nitems || !s->items[i].has_list || s->items[i].list_len == 0) {
        *nodes = NULL;
        return 0;
    }
    *nodes = s->pool + s->items[i].list_at;
    return s->items[i].list_len;
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
