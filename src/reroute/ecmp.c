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
 *
 * A group's load is summed apart and then added to the links' totals, group after group, so that a
 * group's part can be kept: omv__rr_ecmp_keep_intact stores each group's intact part (the links it
 * loads and how much, the nodes its flow passes). A failure that takes down none of those links or
 * nodes leaves the group's routing as it was: every node that carries its flow keeps its distance
 * and its next hops (a next hop of such a node carries flow itself, and a failure only lengthens the
 * distances of others), so the kept part is added again, the same numbers in the same order as a
 * new computation would give. Only the groups a failure touches run Dijkstra.
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
    /* the intact part of each group (omv__rr_ecmp_keep_intact); kept == NULL: none */
    uint8_t *kept;       /* per group: 1 when its part is stored */
    size_t *koff;        /* group g's arcs: karc/kload[koff[g] .. koff[g+1]-1] */
    int32_t *karc;       /* 2l or 2l+1 */
    double *kload;
    size_t *knoff;       /* group g's flow nodes: knode[knoff[g] .. knoff[g+1]-1] */
    int32_t *knode;
    double *kunserved;   /* per demand: unserved when intact */
};

/* Above this many stored arcs and nodes (about 1.5 GB) the intact parts are not kept. */
#define KEEP_MAX ((size_t)100 * 1000 * 1000)

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
    free(e->kept);
    free(e->koff);
    free(e->karc);
    free(e->kload);
    free(e->knoff);
    free(e->knode);
    free(e->kunserved);
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

/* Per-call scratch. */
typedef struct {
    double *dist, *hold, *gload;
    hent *heap, *seq;
    int32_t *arcs;  /* arcs group loads, in the order first loaded */
    int32_t *nodes; /* nodes its flow passes, in the order first reached */
    uint8_t *seen;  /* per node: in nodes */
    size_t narcs, nnodes;
} scratch;

static void scratch_free(scratch *w)
{
    free(w->dist);
    free(w->hold);
    free(w->gload);
    free(w->heap);
    free(w->seq);
    free(w->arcs);
    free(w->nodes);
    free(w->seen);
}

static int scratch_init(scratch *w, omv_ctx *ctx, size_t n, size_t L)
{
    memset(w, 0, sizeof(*w));
    w->dist = malloc((n + 1) * sizeof(*w->dist));
    w->hold = calloc(n + 1, sizeof(*w->hold));
    w->gload = calloc(2 * L + 1, sizeof(*w->gload));
    w->heap = malloc((2 * L + n + 1) * sizeof(*w->heap));
    w->seq = malloc((n + 1) * sizeof(*w->seq));
    w->arcs = malloc((2 * L + 1) * sizeof(*w->arcs));
    w->nodes = malloc((n + 1) * sizeof(*w->nodes));
    w->seen = calloc(n + 1, 1);
    if (!w->dist || !w->hold || !w->gload || !w->heap || !w->seq || !w->arcs || !w->nodes || !w->seen) {
        scratch_free(w);
        return OMV_NOMEM(ctx, "shortest paths");
    }
    return 0;
}

static void reach(scratch *w, int32_t v)
{
    if (!w->seen[v]) {
        w->seen[v] = 1;
        w->nodes[w->nnodes++] = v;
    }
}

/* Routes group g from nothing: its load into w->gload over w->arcs, its flow nodes into w->nodes
 * (w->seen set for them; the caller clears), unserved and lost per demand into ev. */
static void route_group(const omv__rr_ecmp *e, scratch *w, omv__rr_eval *ev, size_t g)
{
    const omv_net *net = e->net;
    size_t n = net->nnodes, L = net->nlinks;
    double *dist = w->dist, *hold = w->hold;
    int32_t first = e->order[e->gstart[g]];
    int32_t t = net->demands[first].dst;
    const uint8_t *open = e->cls->open + (size_t)e->cls->dclass[first] * L;
    bool tdead = ev->node_dead && ev->node_dead[t];
    w->narcs = w->nnodes = 0;
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
        return;
    for (size_t v = 0; v < n; v++)
        dist[v] = HUGE_VAL;
    size_t nh = 0, nseq = 0;
    dist[t] = 0;
    hpush(w->heap, &nh, (hent){0, t});
    while (nh) {
        hent x = hpop(w->heap, &nh);
        if (x.d > dist[x.v])
            continue;
        w->seq[nseq++] = x;
        for (int32_t k = net->off[x.v]; k < net->off[x.v + 1]; k++) {
            int32_t v2 = net->adj[k], l = net->eid[k];
            if (!usable(e, ev, open, l, v2))
                continue;
            double nd = x.d + e->metric[l];
            if (nd < dist[v2]) {
                dist[v2] = nd;
                hpush(w->heap, &nh, (hent){nd, v2});
            }
        }
    }
    for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++) {
        int32_t d = e->order[i];
        const omv__demand *dm = &net->demands[d];
        if (ev->lost[d] > 0)
            continue;
        if (dist[dm->src] == HUGE_VAL) {
            ev->unserved[d] = dm->gbps;
        } else {
            hold[dm->src] += dm->gbps;
            reach(w, dm->src);
        }
    }
    /* Settled order is increasing distance; walk it backwards (farthest first). Nodes at equal
     * distance cannot feed each other, since every next hop is strictly closer. */
    qsort(w->seq, nseq, sizeof(*w->seq), cmp_far);
    for (size_t i = 0; i < nseq; i++) {
        int32_t v = w->seq[i].v;
        double f = hold[v];
        hold[v] = 0;
        if (v == t || f <= 0)
            continue;
        double dv = dist[v], tol = TIE_REL * (dv > 1 ? dv : 1);
        int nh_links = 0;
        for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
            int32_t v2 = net->adj[k], l = net->eid[k];
            if (usable(e, ev, open, l, v2) && fabs(dist[v2] + e->metric[l] - dv) <= tol && dist[v2] < dv)
                nh_links++;
        }
        if (nh_links == 0)
            continue; /* cannot happen for a settled node other than t */
        double share = f / nh_links;
        for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
            int32_t v2 = net->adj[k], l = net->eid[k];
            if (!(usable(e, ev, open, l, v2) && fabs(dist[v2] + e->metric[l] - dv) <= tol && dist[v2] < dv))
                continue;
            int32_t arc = 2 * l + (net->links[l].a == v ? 0 : 1);
            if (w->gload[arc] == 0)
                w->arcs[w->narcs++] = arc;
            w->gload[arc] += share;
            hold[v2] += share;
            reach(w, v2);
        }
    }
}

/* Whether the failure in ev leaves group g's intact part as it was. */
static bool untouched(const omv__rr_ecmp *e, const omv__rr_eval *ev, size_t g)
{
    const omv_net *net = e->net;
    if (!e->kept || !e->kept[g])
        return false;
    for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++) {
        const omv__demand *dm = &net->demands[e->order[i]];
        if (ev->node_dead && (ev->node_dead[dm->src] || ev->node_dead[dm->dst]))
            return false;
    }
    if (ev->link_dead)
        for (size_t j = e->koff[g]; j < e->koff[g + 1]; j++)
            if (ev->link_dead[e->karc[j] / 2])
                return false;
    if (ev->node_dead)
        for (size_t j = e->knoff[g]; j < e->knoff[g + 1]; j++)
            if (ev->node_dead[e->knode[j]])
                return false;
    return true;
}

int omv__rr_ecmp_eval(const omv__rr_ecmp *e, omv_ctx *ctx, omv__rr_eval *ev)
{
    const omv_net *net = e->net;
    size_t L = net->nlinks;
    scratch w;
    int rc = scratch_init(&w, ctx, net->nnodes, L);
    if (rc)
        return rc;
    for (size_t i = 0; i < 2 * L; i++)
        ev->load[i] = 0;
    for (size_t g = 0; g < e->ngroups; g++) {
        if (untouched(e, ev, g)) {
            for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++) {
                int32_t d = e->order[i];
                ev->lost[d] = 0;
                ev->unserved[d] = e->kunserved[d];
            }
            for (size_t j = e->koff[g]; j < e->koff[g + 1]; j++)
                ev->load[e->karc[j]] += e->kload[j];
            continue;
        }
        route_group(e, &w, ev, g);
        for (size_t j = 0; j < w.narcs; j++) {
            ev->load[w.arcs[j]] += w.gload[w.arcs[j]];
            w.gload[w.arcs[j]] = 0;
        }
        for (size_t j = 0; j < w.nnodes; j++)
            w.seen[w.nodes[j]] = 0;
    }
    scratch_free(&w);
    return 0;
}

int omv__rr_ecmp_keep_intact(omv__rr_ecmp *e, omv_ctx *ctx, omv__rr_eval *ev)
{
    const omv_net *net = e->net;
    size_t L = net->nlinks, G = e->ngroups;
    scratch w;
    int rc = scratch_init(&w, ctx, net->nnodes, L);
    if (rc)
        return rc;
    e->kept = calloc(G + 1, 1);
    e->koff = calloc(G + 1, sizeof(*e->koff));
    e->knoff = calloc(G + 1, sizeof(*e->knoff));
    e->kunserved = calloc(net->ndemands + 1, sizeof(*e->kunserved));
    size_t cap = 0, ncap = 0, total = 0;
    if (!e->kept || !e->koff || !e->knoff || !e->kunserved)
        rc = OMV_NOMEM(ctx, "shortest paths");
    for (size_t i = 0; i < 2 * L; i++)
        ev->load[i] = 0;
    for (size_t g = 0; g < G && !rc; g++) {
        route_group(e, &w, ev, g);
        bool keep = total + w.narcs + w.nnodes <= KEEP_MAX;
        if (keep && (OMV_GROW(e->karc, cap, e->koff[g] + w.narcs + 1) ||
                     OMV_GROW(e->kload, ncap, e->koff[g] + w.narcs + 1))) {
            rc = OMV_NOMEM(ctx, "shortest paths");
            break;
        }
        size_t at = e->koff[g];
        for (size_t j = 0; j < w.narcs; j++) {
            int32_t arc = w.arcs[j];
            ev->load[arc] += w.gload[arc];
            if (keep) {
                e->karc[at + j] = arc;
                e->kload[at + j] = w.gload[arc];
            }
            w.gload[arc] = 0;
        }
        e->koff[g + 1] = at + (keep ? w.narcs : 0);
        size_t nat = e->knoff[g];
        if (keep) {
            size_t need = nat + w.nnodes + 1;
            int32_t *grown = realloc(e->knode, need * sizeof(*grown));
            if (!grown) {
                rc = OMV_NOMEM(ctx, "shortest paths");
                break;
            }
            e->knode = grown;
            memcpy(e->knode + nat, w.nodes, w.nnodes * sizeof(*w.nodes));
        }
        e->knoff[g + 1] = nat + (keep ? w.nnodes : 0);
        for (size_t j = 0; j < w.nnodes; j++)
            w.seen[w.nodes[j]] = 0;
        if (keep) {
            total += w.narcs + w.nnodes;
            e->kept[g] = 1;
            for (int32_t i = e->gstart[g]; i < e->gstart[g + 1]; i++)
                e->kunserved[e->order[i]] = ev->unserved[e->order[i]];
        }
    }
    scratch_free(&w);
    if (rc) {
        free(e->kept);
        e->kept = NULL;
    }
    return rc;
}
