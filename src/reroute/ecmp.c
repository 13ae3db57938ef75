/*
 * ecmp.c — shortest-path routing as an IGP does it: every demand follows the shortest paths by the
 * link metric, split equally over the equal-cost next links at every node (ECMP).
 *
 * Demands are grouped by (class, destination). For each group one Dijkstra from the destination over
 * the links its class may use gives every node's distance; the group's demand is then pushed from
 * the farthest node inwards, each node splitting what it holds equally over the links to neighbours
 * one metric closer. Metrics are positive, so every next hop is strictly closer and one pass in
 * decreasing distance settles each node once. Two distances are equal when they differ by no more
 * than a relative 1e-9, so metrics summed in a different order still tie.
 * Scratch is allocated per call: any number of threads may evaluate at once.
 */
#include "reroute/reroute_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TIE_REL 1e-9

struct omv__rr_ecmp {
    const omv_net *net;
    const omv__rr_classes *cls;
    double *metric;   /* per link */
    int32_t *order;   /* demands sorted by (class, dst, index) */
    int32_t *gstart;  /* group g holds order[gstart[g] .. gstart[g+1]-1] */
    size_t ngroups;
};

typedef struct {
    int32_t c, t, d;
} dkey;

static int cmp_dem(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->d < y->d ? -1 : x->d > y->d;
}

void omv__rr_ecmp_free(omv__rr_ecmp *e)
{
    if (!e)
        return;
    free(e->metric);
    free(e->order);
    free(e->gstart);
    free(e);
}

int omv__rr_ecmp_new(omv__rr_ecmp **out, omv_ctx *ctx, const omv_net *net, const omv__rr_classes *cls)
{
    *out = NULL;
    omv__rr_ecmp *e = calloc(1, sizeof(*e));
    if (!e)
        return OMV_NOMEM(ctx, "shortest paths");
    e->net = net;
    e->cls = cls;
    size_t nd = net->ndemands;
    e->metric = malloc((net->nlinks + 1) * sizeof(*e->metric));
    e->order = malloc((nd + 1) * sizeof(*e->order));
    e->gstart = malloc((nd + 2) * sizeof(*e->gstart));
    if (!e->metric || !e->order || !e->gstart) {
        omv__rr_ecmp_free(e);
        return OMV_NOMEM(ctx, "shortest paths");
    }
    for (size_t l = 0; l < net->nlinks; l++)
        e->metric[l] = omv__rr_metric(net, l);
    dkey *keys = malloc((nd + 1) * sizeof(*keys));
    if (!keys) {
        omv__rr_ecmp_free(e);
        return OMV_NOMEM(ctx, "shortest paths");
    }
    for (size_t d = 0; d < nd; d++)
        keys[d] = (dkey){cls->dclass[d], net->demands[d].dst, (int32_t)d};
    qsort(keys, nd, sizeof(*keys), cmp_dem);
    for (size_t d = 0; d < nd; d++)
        e->order[d] = keys[d].d;
    free(keys);
    for (size_t i = 0; i < nd; i++) {
        int32_t d = e->order[i];
        if (i == 0 || cls->dclass[d] != cls->dclass[e->order[i - 1]] ||
            net->demands[d].dst != net->demands[e->order[i - 1]].dst)
            e->gstart[e->ngroups++] = (int32_t)i;
    }
    e->gstart[e->ngroups] = (int32_t)nd;
    *out = e;
    return 0;
}

/* ---- a binary heap of (distance, node), smallest first, ties to the lower node ---- */
typedef struct {
    double d;
    int32_t v;
} hent;

static bool less(hent a, hent b) { return a.d < b.d || (a.d == b.d && a.v < b.v); }

static void hpush(hent *h, size_t *n, hent x)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!less(x, h[p]))
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = x;
}

static hent hpop(hent *h, size_t *n)
{
    hent top = h[0], x = h[--(*n)];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && less(h[c + 1], h[c]))
            c++;
        if (!less(h[c], x))
            break;
        h[i] = h[c];
        i = c;
    }
    if (*n)
        h[i] = x;
    return top;
}

static bool usable(const omv__rr_ecmp *e, const omv__rr_eval *ev, const uint8_t *open, int32_t l, int32_t w)
{
    return open[l] && !(ev->link_dead && ev->link_dead[l]) && !(ev->node_dead && ev->node_dead[w]);
}

static int cmp_far(const void *a, const void *b)
{
    const hent *x = a, *y = b;
    if (x->d != y->d)
        return x->d > y->d ? -1 : 1;
    return x->v < y->v ? -1 : x->v > y->v;
}

int omv__rr_ecmp_eval(const omv__rr_ecmp *e, omv_ctx *ctx, omv__rr_eval *ev)
{
    const omv_net *net = e->net;
    size_t n = net->nnodes, L = net->nlinks;
    double *dist = malloc((n + 1) * sizeof(*dist));
    double *hold = calloc(n + 1, sizeof(*hold));
    hent *heap = malloc((2 * L + n + 1) * sizeof(*heap));
    hent *seq = malloc((n + 1) * sizeof(*seq));
    if (!dist || !hold || !heap || !seq) {
        free(dist);
        free(hold);
        free(heap);
        free(seq);
        return OMV_NOMEM(ctx, "shortest paths");
    }
    for (size_t i = 0; i < 2 * L; i++)
        ev->load[i] = 0;
    for (size_t g = 0; g < e->ngroups; g++) {
        int32_t first = e->order[e->gstart[g]];
        int32_t t = net->demands[first].dst;
        const uint8_t *open = e->cls->open + (size_t)e->cls->dclass[first] * L;
        bool tdead = ev->node_dead && ev->node_dead[t];
        /* Demands of the group: lost with a failed end, else injected at their source. */
        bool any = false;
        for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++) {
            int32_t d = e->order[i];
            const omv__demand *dm = &net->demands[d];
            bool lost = tdead || (ev->node_dead && ev->node_dead[dm->src]);
            ev->lost[d] = lost ? dm->gbps : 0;
            ev->unserved[d] = 0;
            any |= !lost && dm->gbps > 0;
        }
        if (!any)
            continue;
        for (size_t v = 0; v < n; v++)
            dist[v] = HUGE_VAL;
        size_t nh = 0, nseq = 0;
        dist[t] = 0;
        hpush(heap, &nh, (hent){0, t});
        while (nh) {
            hent x = hpop(heap, &nh);
            if (x.d > dist[x.v])
                continue;
            seq[nseq++] = x;
            for (int32_t k = net->off[x.v]; k < net->off[x.v + 1]; k++) {
                int32_t w = net->adj[k], l = net->eid[k];
                if (!usable(e, ev, open, l, w))
                    continue;
                double nd = x.d + e->metric[l];
                if (nd < dist[w]) {
                    dist[w] = nd;
                    hpush(heap, &nh, (hent){nd, w});
                }
            }
        }
        for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++) {
            int32_t d = e->order[i];
            const omv__demand *dm = &net->demands[d];
            if (ev->lost[d] > 0)
                continue;
            if (dist[dm->src] == HUGE_VAL)
                ev->unserved[d] = dm->gbps;
            else
                hold[dm->src] += dm->gbps;
        }
        /* Settled order is increasing distance; walk it backwards (farthest first). Nodes at equal
         * distance cannot feed each other, since every next hop is strictly closer. */
        qsort(seq, nseq, sizeof(*seq), cmp_far);
        for (size_t i = 0; i < nseq; i++) {
            int32_t v = seq[i].v;
            double f = hold[v];
            hold[v] = 0;
            if (v == t || f <= 0)
                continue;
            double dv = dist[v], tol = TIE_REL * (dv > 1 ? dv : 1);
            int nh_links = 0;
            for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
                int32_t w = net->adj[k], l = net->eid[k];
                if (usable(e, ev, open, l, w) && fabs(dist[w] + e->metric[l] - dv) <= tol && dist[w] < dv)
                    nh_links++;
            }
            if (nh_links == 0)
                continue; /* cannot happen for a settled node other than t */
            double share = f / nh_links;
            for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
                int32_t w = net->adj[k], l = net->eid[k];
                if (!(usable(e, ev, open, l, w) && fabs(dist[w] + e->metric[l] - dv) <= tol && dist[w] < dv))
                    continue;
                ev->load[2 * (size_t)l + (net->links[l].a == v ? 0 : 1)] += share;
                hold[w] += share;
            }
        }
    }
    free(dist);
    free(hold);
    free(heap);
    free(seq);
    return 0;
}
