/*
 * traffic.c — what a proposal does for the traffic: the network's demands routed by the rerouting
 * engine (omvei/reroute.h) under every failure of the comparison's classes, once with nothing built
 * and once per proposal with its items built, and the unserved demand of the worst failure of each.
 *
 * A proposal is built as an overlay on the loaded network (topo/net.h): its links and satellite
 * terminals are in service, so the rerouting engine routes over them exactly as over existing links
 * (omv__link_exists), each up to its capacity_gbps in each direction. An item without a capacity is
 * unlimited, which is what rerouting assumes of every link without one; a proposer who wants a
 * bounded figure gives the capacity. The border policy is the scenario's and applies per demand, so
 * the routing runs on the whole network, not on the border view the protection figures use.
 */
#include "compare/compare_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this, unserved demand is the LP's rounding, not a loss. */
#define UNSERVED_EPS 1e-9

void omv__compare_describe(omv_compare_failure *f, const omv_net *net, const omv_reroute_scenario *s)
{
    memset(f, 0, sizeof(*f));
    f->kind = omv_reroute_kind_name(s->kind);
    switch (s->kind) {
    case OMV_REROUTE_LINK:
        f->failed[0] = omv_net_link_id(net, (size_t)s->link[0]);
        break;
    case OMV_REROUTE_PAIR:
        f->failed[0] = omv_net_link_id(net, (size_t)s->link[0]);
        f->failed[1] = omv_net_link_id(net, (size_t)s->link[1]);
        break;
    case OMV_REROUTE_NODE:
        f->failed[0] = omv_net_node_id(net, (size_t)s->node);
        break;
    case OMV_REROUTE_SRLG:
        f->failed[0] = omv_net_srlg_name(net, (size_t)s->srlg);
        break;
    default:
        f->hours = s->hours;
        break;
    }
}

/* The largest unserved demand over the failures of sc on net, and the first failure that leaves it;
 * 0 and no failure when every failure leaves all demand served. */
static int worst_failure(double *gbps, omv_compare_failure *f, omv_reroute_scenario *ws, double *total, omv_ctx *ctx,
                         const omv_net *net, const omv_scenario *sc)
{
    omv_reroute_options ro = OMV_REROUTE_OPTIONS_INIT;
    omv_reroute *r = NULL;
    int rc = omv_reroute_run(&r, ctx, net, sc, &ro);
    if (rc)
        return rc;
    if (omv_reroute_interrupted(r)) {
        omv_reroute_free(r);
        return OMV_ERR(ctx, OMV_EINTR, "interrupted while rerouting the demands of a proposal");
    }
    *gbps = 0;
    memset(f, 0, sizeof(*f));
    if (total)
        *total = omv_reroute_demand_total(r);
    for (size_t i = 0; i < omv_reroute_scenario_count(r); i++) {
        omv_reroute_scenario s;
        omv_reroute_scenario_get(r, i, &s);
        if (s.unserved_gbps > UNSERVED_EPS && s.unserved_gbps > *gbps) {
            *gbps = s.unserved_gbps;
            omv__compare_describe(f, net, &s);
            if (ws)
                *ws = s;
        }
    }
    omv_reroute_free(r);
    return 0;
}

/* net with the items built: links in service, reserve power raised at the upgraded nodes. */
static int build(omv_net **out, omv_ctx *ctx, const omv_net *net, const int32_t *items, size_t m)
{
    *out = NULL;
    uint8_t *state = malloc(net->nlinks + 1);
    double *power = malloc((net->nnodes + 1) * sizeof(double));
    int rc = 0;
    if (!state || !power) {
        rc = OMV_NOMEM(ctx, "network with a proposal built");
        goto cleanup;
    }
    for (size_t l = 0; l < net->nlinks; l++)
        state[l] = omv__link_exists(net, l) ? OMV__LS_EXISTING
                   : omv__link_candidate(net, l) ? OMV__LS_CANDIDATE : OMV__LS_OFF;
    for (size_t v = 0; v < net->nnodes; v++)
        power[v] = omv__node_power(net, v);
    for (size_t k = 0; k < m; k++) {
        if (items[k] < 0 || (size_t)items[k] >= net->nlinks) {
            rc = OMV_ERR(ctx, OMV_EARG, "proposal item %ld is not a link of the network", (long)items[k]);
            goto cleanup;
        }
        const omv__link *l = &net->links[items[k]];
        if (l->medium == OMV_MEDIUM_POWER || l->b < 0) {
            /* An upgrade is the node's reserve power, not a link. (The rerouting engine's power
             * outages read the loaded power_h for now, so this shows only once it reads the
             * network's own, omv__node_power.) */
            double h = omv__link_power(l), *p = &power[l->a];
            if (!isnan(h) && (isnan(*p) || h > *p))
                *p = h;
            state[items[k]] = OMV__LS_OFF;
        } else {
            state[items[k]] = OMV__LS_EXISTING;
        }
    }
    rc = omv__net_overlay(out, ctx, net, state, power);
cleanup:
    free(state);
    free(power);
    return rc;
}

int omv_compare_traffic(omv_compare *c, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc)
{
    if (!c || !net || !sc)
        return OMV_ERR(ctx, OMV_EARG, "omv_compare_traffic: missing argument");
    if (net->ndemands == 0)
        return 0;
    omv_compare_baseline base = c->base;
    /* A shard of some proposals leaves the baseline to the merge (omv_compare_merge sets "before"). */
    bool partial = c->end > c->first && (c->first > 0 || c->end < c->n);
    int rc = partial ? 0 : worst_failure(&base.unserved_gbps_worst, &base.worst, NULL, &base.demand_gbps, ctx, net, sc);
    for (size_t k = c->first; k < c->end && !rc; k++) {
        const int32_t *items;
        size_t m = omv_proposals_items(c->props, k, &items);
        omv_net *ov = NULL;
        omv_compare_proposal *r = &c->res[k];
        double after = 0;
        omv_compare_failure f;
        rc = build(&ov, ctx, net, items, m);
        if (!rc)
            rc = worst_failure(&after, &f, &c->worst_sc[k], NULL, ctx, ov, sc);
        omv_net_free(ov);
        if (!rc) {
            r->unserved_gbps_worst_before = base.unserved_gbps_worst;
            r->unserved_gbps_worst_after = after;
            r->worst_after = f;
        }
    }
    /* All or nothing: a failed run leaves no proposal with figures and others without. */
    if (!rc) {
        base.has_traffic = 1;
        c->base = base;
        for (size_t k = 0; k < c->n; k++)
            c->res[k].has_traffic = 1;
    }
    return rc;
}
