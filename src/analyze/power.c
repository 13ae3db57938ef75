/*
 * power.c — regional power outages (black sky) and the reserve-power upgrades that matter most.
 *
 * An outage of T hours fails every node of the outage region whose reserve power lasts less than T
 * hours; a node whose power_h is unknown is assumed to have none and fails too. A failed site counts
 * as isolated (it has no power), as does every site the failures cut off from the core.
 *
 * Upgrades: for each failed node v, the people reconnected if v alone kept its power, others
 * unchanged. After one labelling of the surviving parts this costs O(degree of v): v joins the parts
 * next to it, which reach the core when one of them holds a working core node (or v is one); without
 * core nodes the merged part may become the largest. The loop over v runs in parallel and stores
 * results by position.
 */
#include "analyze/sort.h"
#include "analyze/spof_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

static int fails(const omv__frame *f, size_t v, double hours)
{
    const omv_region *reg = f->opt->outage_region;
    if (reg && !omv_region_has(reg, f->net, v))
        return 0;
    double p = omv_net_node_power_h(f->net, v);
    return isnan(p) || p < hours;
}

int omv__power_eval(const omv__frame *f, omv__scen *w, double hours)
{
    for (size_t v = 0; v < f->n; v++)
        if (fails(f, v, hours) && omv__scen_fail_node(w, (int32_t)v))
            return OMV_ENOMEM;
    return omv__scen_eval(w, f, 1);
}

/* Parts ranked best first for the role of the core (without core nodes). */
typedef struct {
    int64_t size;
    int32_t min, p;
} rank_key;

#define RANK_LESS(x, y) ((x)->size > (y)->size || ((x)->size == (y)->size && (x)->min < (y)->min))
OMV__DEFINE_SORT(sort_ranks, rank_key, RANK_LESS)

/* People and sites reconnected when failed node v keeps its power. */
static void gain_of(const omv__frame *f, const omv__scen *w, const int32_t *prank, int32_t v, uint32_t *pst,
                    uint32_t stamp, int64_t *gs, int64_t *gp)
{
    const omv_net *net = f->net;
    const omv__dfs *d = &f->dfs;
    int counted = (f->nflag[v] & OMV__NF_COUNTED) != 0;
    int64_t vs = counted, vp = counted ? omv__node_pop(net, v) : 0;
    int32_t k = omv__dfs_cc(d, d->pre[v]);
    *gs = *gp = 0;
    if (f->has_core) {
        if (f->cc[k].core == 0)
            return;
        int connected = (f->nflag[v] & OMV__NF_CORE) != 0;
        int64_t rs = vs, pop = vp;
        for (int32_t j = net->off[v]; j < net->off[v + 1]; j++) {
            int32_t u = net->adj[j];
            if (w->nfail[u])
                continue;
            int32_t p = omv__scen_part_of(w, f, u);
            if (pst[p] == stamp)
                continue;
            pst[p] = stamp;
            if (w->parts[p].core > 0)
                connected = 1;
            else {
                rs += w->parts[p].rs;
                pop += w->parts[p].pop;
            }
        }
        if (connected) {
            *gs = rs;
            *gp = pop;
        }
        return;
    }
    omv__part m = {1, 0, vs, vp, 0, v, k};
    for (int32_t j = net->off[v]; j < net->off[v + 1]; j++) {
        int32_t u = net->adj[j];
        if (w->nfail[u])
            continue;
        int32_t p = omv__scen_part_of(w, f, u);
        if (pst[p] == stamp)
            continue;
        pst[p] = stamp;
        m.size += w->parts[p].size;
        m.rs += w->parts[p].rs;
        m.pop += w->parts[p].pop;
        m.min = w->parts[p].min < m.min ? w->parts[p].min : m.min;
    }
    const omv__part *other = &w->outside;
    for (size_t r = 0; r < w->nparts; r++) {
        int32_t p = prank[r];
        if (pst[p] != stamp) {
            if (omv__part_better(&w->parts[p], other))
                other = &w->parts[p];
            break;
        }
    }
    const omv__part *win = omv__part_better(&m, other) ? &m : other;
    int64_t before_rs = w->winner >= 0 ? w->parts[w->winner].rs : 0;
    int64_t before_pop = w->winner >= 0 ? w->parts[w->winner].pop : 0;
    *gs = win->rs - before_rs;
    *gp = win->pop - before_pop;
}

static int cmp_upgrade(const void *a, const void *b)
{
    const omv_spof_upgrade *x = a, *y = b;
    if (x->reconnected_population != y->reconnected_population)
        return x->reconnected_population > y->reconnected_population ? -1 : 1;
    if (x->reconnected_sites != y->reconnected_sites)
        return x->reconnected_sites > y->reconnected_sites ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

/* The cheapest power candidate of each node lasting at least hours (ties: lowest index). */
static void match_candidates(const omv__frame *f, double hours, long *best)
{
    const omv_net *net = f->net;
    for (size_t v = 0; v < f->n; v++)
        best[v] = -1;
    for (size_t e = 0; e < net->nlinks; e++) {
        const omv__link *l = &net->links[e];
        if (!omv__link_candidate(net, e) || l->medium != OMV_MEDIUM_POWER || !(omv__link_power(l) >= hours))
            continue;
        long *b = &best[l->a];
        if (*b < 0 || omv__link_cost(l) < omv__link_cost(&net->links[*b]))
            *b = (long)e;
    }
}

static int upgrades(omv__frame *f, omv_spof *s, const omv__scen *w, double hours, size_t *cap)
{
    int nt = f->nthreads;
    size_t nf = w->nfnodes, np = w->nparts;
    int64_t *gs = calloc(nf + 1, sizeof(*gs)), *gp = calloc(nf + 1, sizeof(*gp));
    int32_t *prank = malloc((np + 1) * sizeof(*prank));
    uint32_t *pst = calloc((size_t)nt * (np + 1), sizeof(*pst));
    long *best = malloc((f->n + 1) * sizeof(*best));
    int rc = 0;
    if (!gs || !gp || !prank || !pst || !best) {
        rc = OMV_NOMEM(f->ctx, "power upgrades");
        goto cleanup;
    }
    if (!f->has_core) {
        rank_key *keys = malloc((np + 1) * sizeof(*keys));
        if (!keys) {
            rc = OMV_NOMEM(f->ctx, "power upgrades");
            goto cleanup;
        }
        for (size_t p = 0; p < np; p++)
            keys[p] = (rank_key){w->parts[p].size, w->parts[p].min, (int32_t)p};
        sort_ranks(keys, np);
        for (size_t p = 0; p < np; p++)
            prank[p] = keys[p].p;
        free(keys);
        /* The largest component untouched: it stays the core and no single node changes that. */
        int c0_touched = 0;
        for (size_t t = 0; t < w->ntouched; t++)
            c0_touched |= f->c0 >= 0 && w->touched[t] == f->c0;
        if (!c0_touched)
            nf = 0;
    }
    const omv__frame *cf = f;
#pragma omp parallel num_threads(nt) if (omv__par(16 * nf))
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        uint32_t *mine = pst + (size_t)tid * (np + 1);
        uint32_t stamp = 0;
#pragma omp for schedule(dynamic, 256)
        for (size_t i = 0; i < nf; i++)
            gain_of(cf, w, prank, w->fnodes[i], mine, ++stamp, &gs[i], &gp[i]);
    }
    match_candidates(f, hours, best);
    size_t first = s->upg_at[s->noutages];
    size_t cnt = first;
    for (size_t i = 0; i < nf; i++) {
        if (gs[i] <= 0)
            continue;
        if (OMV_GROW(s->upgrades, *cap, cnt + 1)) {
            rc = OMV_NOMEM(f->ctx, "power upgrades");
            goto cleanup;
        }
        int32_t v = w->fnodes[i];
        s->upgrades[cnt++] = (omv_spof_upgrade){v, best[v], (size_t)gs[i], gp[i]};
    }
    if (cnt > first)
        qsort(s->upgrades + first, cnt - first, sizeof(*s->upgrades), cmp_upgrade);
    s->upg_at[s->noutages + 1] = cnt;
cleanup:
    free(gs);
    free(gp);
    free(prank);
    free(pst);
    free(best);
    return rc;
}

int omv__spof_power(omv__frame *f, omv_spof *s)
{
    const omv_spof_options *opt = f->opt;
    size_t no = opt->noutage, cap = 0;
    omv__scen w;
    int rc = omv__scen_init(&w, f);
    if (rc)
        return rc;
    int32_t *rank = malloc((no + 1) * sizeof(*rank));
    s->outages = calloc(no + 1, sizeof(*s->outages));
    s->upg_at = calloc(no + 2, sizeof(*s->upg_at));
    s->pow_rank = malloc((no + 1) * sizeof(*s->pow_rank));
    if (!rank || !s->outages || !s->upg_at || !s->pow_rank) {
        rc = OMV_NOMEM(f->ctx, "power outages");
        goto cleanup;
    }
    /* Outages of equal impact rank by duration, then by their place in the options. */
    for (size_t k = 0; k < no; k++) {
        size_t j = k;
        while (j > 0 && opt->outage_hours[s->pow_rank[j - 1]] > opt->outage_hours[k]) {
            s->pow_rank[j] = s->pow_rank[j - 1];
            j--;
        }
        s->pow_rank[j] = (int32_t)k;
    }
    for (size_t r = 0; r < no; r++)
        rank[s->pow_rank[r]] = (int32_t)r;
    for (size_t k = 0; k < no; k++) {
        if (omv__interrupted(f->ctx)) {
            s->interrupted = 1;
            break;
        }
        double hours = opt->outage_hours[k];
        if ((rc = omv__power_eval(f, &w, hours))) {
            rc = OMV_NOMEM(f->ctx, "power outages");
            goto cleanup;
        }
        s->outages[k] = (omv_spof_outage){hours, w.nfnodes, (size_t)w.rs, w.pop};
        s->counts[OMV_ITEM_POWER] += w.as > 0;
        if (w.rs > 0 && (rc = omv__spof_add_item(s, f->ctx, OMV_ITEM_POWER, (uint32_t)rank[k], w.pop, (size_t)w.rs)))
            goto cleanup;
        if ((rc = upgrades(f, s, &w, hours, &cap)))
            goto cleanup;
        s->noutages = k + 1;
        omv__scen_reset(&w);
    }
cleanup:
    free(rank);
    omv__scen_free(&w);
    return rc;
}
