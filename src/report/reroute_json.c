/*
 * reroute_json.c — reroute.json (schema omvei/reroute/1): the intact network, every scenario in
 * scenario order with its unserved demand per demand, and every existing link with its intact load
 * and its worst case. Numbers have a fixed number of decimals, so the bytes depend on nothing but the
 * result.
 */
#include "report/jsonw.h"
#include "report/reroute_report.h"

#include <stdlib.h>
#include <string.h>

const char *omv__rr_border_text(const omv_scenario *sc)
{
    for (size_t i = 0; i < omv_scenario_param_count(sc); i++)
        if (!strcmp(omv_scenario_param_key(sc, i), "border"))
            return omv_scenario_param_value(sc, i);
    return "allow";
}

static void real(omv__jsonw *w, double v) { omv__jsonw_real(w, v, OMV__RR_DECIMALS); }

static void overloaded(omv__jsonw *w, const omv_reroute *r, const omv_net *net, size_t i)
{
    const int32_t *ov;
    size_t n = omv_reroute_overloaded(r, i, &ov);
    omv__jsonw_key(w, "overloaded_links");
    omv__jsonw_array(w, true);
    for (size_t k = 0; k < n; k++)
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)ov[k]));
    omv__jsonw_end(w);
}

static int scenario(omv__jsonw *w, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, size_t i)
{
    omv_reroute_scenario s;
    omv_reroute_scenario_get(r, i, &s);
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "index");
    omv__jsonw_uint(w, i);
    omv__jsonw_key(w, "kind");
    omv__jsonw_string(w, omv_reroute_kind_name(s.kind));
    omv__jsonw_key(w, "failed");
    omv__jsonw_array(w, true);
    switch (s.kind) {
    case OMV_REROUTE_LINK:
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)s.link[0]));
        break;
    case OMV_REROUTE_PAIR:
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)s.link[0]));
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)s.link[1]));
        break;
    case OMV_REROUTE_NODE:
        omv__jsonw_string(w, omv_net_node_id(net, (size_t)s.node));
        break;
    case OMV_REROUTE_SRLG:
        omv__jsonw_string(w, omv_net_srlg_name(net, (size_t)s.srlg));
        break;
    default:
        real(w, s.hours);
        break;
    }
    omv__jsonw_end(w);
    omv__jsonw_key(w, "unserved_gbps");
    real(w, s.unserved_gbps);
    omv__jsonw_key(w, "lost_with_node_gbps");
    real(w, s.lost_with_node_gbps);
    omv__jsonw_key(w, "max_utilisation");
    real(w, s.max_utilisation);
    overloaded(w, r, net, i);
    omv__jsonw_key(w, "unserved");
    omv__jsonw_array(w, true);
    const omv_reroute_unserved *u;
    size_t nu = omv_reroute_unserved_list(r, i, &u);
    for (size_t k = 0; k < nu; k++) {
        const omv__demand *d = &net->demands[u[k].demand];
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "src");
        omv__jsonw_string(w, net->nodes[d->src].id);
        omv__jsonw_key(w, "dst");
        omv__jsonw_string(w, net->nodes[d->dst].id);
        omv__jsonw_key(w, "gbps");
        real(w, u[k].gbps);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
    omv__jsonw_end(w);
    (void)ctx;
    return 0;
}

int omv__rr_json(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc)
{
    omv__jsonw w;
    omv__jsonw_init(&w, out);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "schema");
    omv__jsonw_string(&w, "omvei/reroute/1");
    omv__jsonw_key(&w, "routing");
    omv__jsonw_string(&w, omv_routing_name(omv_reroute_routing(r)));
    omv__jsonw_key(&w, "border");
    omv__jsonw_string(&w, omv__rr_border_text(sc));
    omv__jsonw_key(&w, "demand_total_gbps");
    real(&w, omv_reroute_demand_total(r));
    omv__jsonw_key(&w, "demands");
    omv__jsonw_uint(&w, net->ndemands);
    omv__jsonw_key(&w, "unlimited_links");
    omv__jsonw_uint(&w, omv_reroute_unlimited_links(r));
    omv__jsonw_key(&w, "interrupted");
    omv__jsonw_bool(&w, omv_reroute_interrupted(r));
    omv_reroute_scenario in;
    omv_reroute_intact(r, &in);
    omv__jsonw_key(&w, "intact");
    omv__jsonw_object(&w, true);
    omv__jsonw_key(&w, "unserved_gbps");
    real(&w, in.unserved_gbps);
    omv__jsonw_key(&w, "max_utilisation");
    real(&w, in.max_utilisation);
    overloaded(&w, r, net, (size_t)-1);
    omv__jsonw_key(&w, "unserved");
    omv__jsonw_array(&w, true);
    const omv_reroute_unserved *u;
    size_t nu = omv_reroute_unserved_list(r, (size_t)-1, &u);
    for (size_t k = 0; k < nu; k++) {
        const omv__demand *d = &net->demands[u[k].demand];
        omv__jsonw_object(&w, true);
        omv__jsonw_key(&w, "src");
        omv__jsonw_string(&w, net->nodes[d->src].id);
        omv__jsonw_key(&w, "dst");
        omv__jsonw_string(&w, net->nodes[d->dst].id);
        omv__jsonw_key(&w, "gbps");
        real(&w, u[k].gbps);
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    omv__jsonw_key(&w, "scenarios");
    omv__jsonw_array(&w, false);
    int rc = 0;
    for (size_t i = 0; i < omv_reroute_scenario_count(r) && !rc; i++)
        rc = scenario(&w, ctx, r, net, i);
    omv__jsonw_end(&w);
    omv__jsonw_key(&w, "links");
    omv__jsonw_array(&w, false);
    for (size_t l = 0; l < net->nlinks; l++) {
        omv_reroute_link lk;
        if (omv_reroute_link_get(r, l, &lk))
            continue;
        omv__jsonw_object(&w, true);
        omv__jsonw_key(&w, "id");
        omv__jsonw_string(&w, net->links[l].id);
        omv__jsonw_key(&w, "capacity_gbps");
        real(&w, lk.capacity_gbps);
        omv__jsonw_key(&w, "gbps_intact");
        real(&w, lk.gbps_intact);
        omv__jsonw_key(&w, "utilisation_intact");
        real(&w, lk.utilisation_intact);
        omv__jsonw_key(&w, "worst_failure");
        if (lk.worst_failure >= 0)
            omv__jsonw_int(&w, lk.worst_failure);
        else
            omv__jsonw_null(&w);
        omv__jsonw_key(&w, "utilisation_worst");
        real(&w, lk.utilisation_worst);
        omv__jsonw_key(&w, "gbps_worst");
        real(&w, lk.gbps_worst);
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    if (!rc)
        rc = omv__jsonw_finish(&w, ctx);
    if (!rc)
        omv__buf_puts(out, "\n");
    return rc;
}

int omv_reroute_json(char **json, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc)
{
    *json = NULL;
    omv__buf b;
    omv__buf_init(&b);
    int rc = omv__rr_json(&b, ctx, r, net, sc);
    if (!rc && !(*json = omv__buf_take(&b)))
        rc = OMV_NOMEM(ctx, "reroute.json");
    omv__buf_free(&b);
    return rc;
}
