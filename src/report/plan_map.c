/*
 * plan_map.c — plan_map.geojson: the plan on a map, styled by the "role" property so that QGIS
 * colours it by rule:
 *  - "investment": a chosen candidate (a LineString for a link, a Point at the site for a satellite
 *    terminal or a power upgrade), with its cost and what is lost without it;
 *  - "candidate": a candidate not chosen (same geometry rules);
 *  - "existing": an existing link;
 *  - "target": a target site, with protected / feasible / by_satellite / verified and the failure that
 *    cuts it off when it is not protected;
 *  - "core": a core node of the network (kind core or ixp, as reported).
 * RFC 7946: one FeatureCollection, [lon, lat] with 6 decimals, geometry null without a position;
 * one feature per line. Its name differs from the failure analysis' map.geojson on purpose.
 */
#include "plan/report.h"
#include "topo/net.h"

#include <math.h>
#include <stdlib.h>

static int has_pos(const omv_net *net, long v)
{
    return v >= 0 && isfinite(omv_net_node_lat(net, (size_t)v)) && isfinite(omv_net_node_lon(net, (size_t)v));
}

static void pos(omv__jsonw *w, double lon, double lat)
{
    omv__jsonw_array(w, true);
    omv__jsonw_real(w, lon, OMV__PLAN_COORD_DECIMALS);
    omv__jsonw_real(w, lat, OMV__PLAN_COORD_DECIMALS);
    omv__jsonw_end(w);
}

static void point(omv__jsonw *w, const omv_net *net, long v)
{
    omv__jsonw_key(w, "geometry");
    if (!has_pos(net, v)) {
        omv__jsonw_null(w);
        return;
    }
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "type");
    omv__jsonw_string(w, "Point");
    omv__jsonw_key(w, "coordinates");
    pos(w, omv_net_node_lon(net, (size_t)v), omv_net_node_lat(net, (size_t)v));
    omv__jsonw_end(w);
}

static void line(omv__jsonw *w, const omv_net *net, size_t l)
{
    const omv__link *lk = &net->links[l];
    const omv__geom *g = omv__link_geom(lk);
    bool route = g && g->npts >= 2;
    omv__jsonw_key(w, "geometry");
    if (!route && !(has_pos(net, lk->a) && has_pos(net, lk->b))) {
        omv__jsonw_null(w);
        return;
    }
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "type");
    omv__jsonw_string(w, "LineString");
    omv__jsonw_key(w, "coordinates");
    omv__jsonw_array(w, true);
    if (route) {
        for (uint32_t k = 0; k < g->npts; k++)
            pos(w, g->lonlat[2 * k], g->lonlat[2 * k + 1]);
    } else {
        pos(w, omv_net_node_lon(net, (size_t)lk->a), omv_net_node_lat(net, (size_t)lk->a));
        pos(w, omv_net_node_lon(net, (size_t)lk->b), omv_net_node_lat(net, (size_t)lk->b));
    }
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

static void begin(omv__jsonw *w)
{
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "type");
    omv__jsonw_string(w, "Feature");
}

static void str(omv__jsonw *w, const char *k, const char *v)
{
    omv__jsonw_key(w, k);
    omv__jsonw_string(w, v);
}

/* Where a candidate without a second end sits: the site of a terminal, the node of an upgrade. */
static long anchor(const omv_net *net, size_t l)
{
    long a = omv_net_link_a(net, l), b = omv_net_link_b(net, l);
    if (b >= 0 && omv_net_node_kind(net, (size_t)a) == OMV_KIND_SATELLITE_GATEWAY)
        return b;
    return a;
}

static void candidate(omv__jsonw *w, const omv_plan *p, const omv_net *net, size_t l, long inv)
{
    omv_plan_investment v = {0};
    if (inv >= 0)
        omv_plan_investment_get(p, (size_t)inv, &v);
    omv_medium m = omv_net_link_medium(net, l);
    long a = omv_net_link_a(net, l), b = omv_net_link_b(net, l);
    int terminal = m == OMV_MEDIUM_SATELLITE && b >= 0 &&
                   (omv_net_node_kind(net, (size_t)a) == OMV_KIND_SATELLITE_GATEWAY) !=
                       (omv_net_node_kind(net, (size_t)b) == OMV_KIND_SATELLITE_GATEWAY);
    const char *kind = m == OMV_MEDIUM_POWER ? "power" : terminal ? "satellite" : "link";
    begin(w);
    if (m == OMV_MEDIUM_POWER || terminal)
        point(w, net, anchor(net, l));
    else
        line(w, net, l);
    omv__jsonw_key(w, "properties");
    omv__jsonw_object(w, true);
    str(w, "id", omv_net_link_id(net, l));
    str(w, "role", inv >= 0 ? "investment" : "candidate");
    str(w, "kind", kind);
    str(w, "medium", omv_medium_name(m));
    str(w, "a", omv_net_node_id(net, (size_t)a));
    str(w, "b", b >= 0 ? omv_net_node_id(net, (size_t)b) : NULL);
    omv__jsonw_key(w, "cost_nok");
    omv__jsonw_real(w, omv_net_link_cost_nok(net, l), OMV__PLAN_NOK_DECIMALS);
    omv__jsonw_key(w, "sites_lost_without");
    if (inv >= 0)
        omv__jsonw_int(w, (int64_t)v.sites_lost);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "population_lost_without");
    if (inv >= 0)
        omv__jsonw_int(w, v.population_lost);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "cost_per_protected_resident_nok");
    omv__jsonw_real(w, inv >= 0 ? v.cost_per_resident : NAN, OMV__PLAN_NOK_DECIMALS);
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

int omv_plan_geojson(char **geojson, omv_ctx *ctx, const omv_plan *p, const omv_net *net)
{
    *geojson = NULL;
    size_t nl = omv_net_link_count(net), nn = omv_net_node_count(net);
    long *inv = malloc((nl + 1) * sizeof(long));
    uint8_t *is_target = calloc(nn + 1, 1);
    if (!inv || !is_target) {
        free(inv);
        free(is_target);
        return OMV_NOMEM(ctx, "plan_map.geojson");
    }
    for (size_t l = 0; l < nl; l++)
        inv[l] = -1;
    for (size_t i = 0; i < omv_plan_investment_count(p); i++) {
        omv_plan_investment v;
        omv_plan_investment_get(p, i, &v);
        inv[v.link] = (long)i;
    }
    omv__buf b;
    omv__buf_init(&b);
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "type");
    omv__jsonw_string(&w, "FeatureCollection");
    omv__jsonw_key(&w, "name");
    omv__jsonw_string(&w, "omvei plan");
    omv__jsonw_key(&w, "features");
    omv__jsonw_array(&w, false);
    for (size_t l = 0; l < nl; l++) {
        if (omv_net_link_status(net, l) != OMV_STATUS_EXISTING)
            continue;
        begin(&w);
        line(&w, net, l);
        omv__jsonw_key(&w, "properties");
        omv__jsonw_object(&w, true);
        str(&w, "id", omv_net_link_id(net, l));
        str(&w, "role", "existing");
        str(&w, "medium", omv_medium_name(omv_net_link_medium(net, l)));
        str(&w, "a", omv_net_node_id(net, (size_t)omv_net_link_a(net, l)));
        str(&w, "b", omv_net_node_id(net, (size_t)omv_net_link_b(net, l)));
        omv__jsonw_end(&w);
        omv__jsonw_end(&w);
    }
    for (size_t l = 0; l < nl; l++)
        if (omv_net_link_status(net, l) == OMV_STATUS_CANDIDATE)
            candidate(&w, p, net, l, inv[l]);
    for (size_t i = 0; i < omv_plan_target_count(p); i++) {
        omv_plan_target t;
        omv_plan_target_get(p, i, &t);
        is_target[t.node] = 1;
        begin(&w);
        point(&w, net, t.node);
        omv__jsonw_key(&w, "properties");
        omv__jsonw_object(&w, true);
        str(&w, "id", omv_net_node_id(net, (size_t)t.node));
        str(&w, "role", "target");
        str(&w, "name", omv_net_node_name(net, (size_t)t.node));
        omv__jsonw_key(&w, "population");
        omv__jsonw_int(&w, t.population);
        omv__jsonw_key(&w, "feasible");
        omv__jsonw_bool(&w, t.feasible != 0);
        omv__jsonw_key(&w, "protected");
        omv__jsonw_bool(&w, t.protected_ != 0);
        omv__jsonw_key(&w, "by_satellite");
        omv__jsonw_bool(&w, t.satellite != 0);
        omv__jsonw_key(&w, "verified");
        if (t.verified < 0)
            omv__jsonw_null(&w);
        else
            omv__jsonw_bool(&w, t.verified == 1);
        str(&w, "cut_by", t.protected_ ? NULL : t.feasible ? t.cut_by : t.reason);
        omv__jsonw_end(&w);
        omv__jsonw_end(&w);
    }
    for (size_t v = 0; v < nn; v++) {
        omv_kind k = omv_net_node_kind(net, v);
        if (is_target[v] || (k != OMV_KIND_CORE && k != OMV_KIND_IXP))
            continue;
        begin(&w);
        point(&w, net, (long)v);
        omv__jsonw_key(&w, "properties");
        omv__jsonw_object(&w, true);
        str(&w, "id", omv_net_node_id(net, v));
        str(&w, "role", "core");
        str(&w, "name", omv_net_node_name(net, v));
        omv__jsonw_end(&w);
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    free(inv);
    free(is_target);
    int rc = omv__jsonw_finish(&w, ctx);
    if (rc) {
        omv__buf_free(&b);
        return rc;
    }
    omv__buf_puts(&b, "\n");
    *geojson = omv__buf_take(&b);
    return *geojson ? 0 : OMV_NOMEM(ctx, "plan_map.geojson");
}
