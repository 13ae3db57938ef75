/*
 * reroute_map.c — reroute_map.geojson: every existing link with its intact and worst-case load, so
 * that QGIS can colour the network by worst-case utilisation without a join.
 *
 * RFC 7946: one FeatureCollection, [lon, lat] with 6 decimals, one feature per line; a link whose
 * ends have no position has geometry null. Properties: id, a, b, medium, capacity_gbps (null when
 * unlimited), gbps_intact, utilisation_intact, gbps_worst, utilisation_worst (null without a positive
 * capacity), worst_failure (scenario index or null), worst_label ("link L007", null), overloaded
 * (true when the worst case exceeds the capacity).
 */
#include "report/jsonw.h"
#include "report/reroute_report.h"

#include <math.h>

static void position(omv__jsonw *w, double lon, double lat)
{
    omv__jsonw_array(w, true);
    omv__jsonw_real(w, lon, 6);
    omv__jsonw_real(w, lat, 6);
    omv__jsonw_end(w);
}

static void geometry(omv__jsonw *w, const omv_net *net, const omv__link *lk)
{
    const omv__node *a = &net->nodes[lk->a], *b = &net->nodes[lk->b];
    bool ends = isfinite(a->lat) && isfinite(a->lon) && isfinite(b->lat) && isfinite(b->lon);
    const omv__geom *g = omv__link_geom(lk);
    bool route = g && g->npts >= 2;
    if (!route && !ends) {
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
            position(w, g->lonlat[2 * k], g->lonlat[2 * k + 1]);
    } else {
        position(w, a->lon, a->lat);
        position(w, b->lon, b->lat);
    }
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

int omv__rr_map(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net)
{
    omv__jsonw w;
    omv__jsonw_init(&w, out);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "type");
    omv__jsonw_string(&w, "FeatureCollection");
    omv__jsonw_key(&w, "features");
    omv__jsonw_array(&w, false);
    for (size_t l = 0; l < net->nlinks; l++) {
        omv_reroute_link lk;
        if (omv_reroute_link_get(r, l, &lk))
            continue;
        const omv__link *L = &net->links[l];
        omv__jsonw_object(&w, true);
        omv__jsonw_key(&w, "type");
        omv__jsonw_string(&w, "Feature");
        omv__jsonw_key(&w, "geometry");
        geometry(&w, net, L);
        omv__jsonw_key(&w, "properties");
        omv__jsonw_object(&w, true);
        omv__jsonw_key(&w, "id");
        omv__jsonw_string(&w, L->id);
        omv__jsonw_key(&w, "a");
        omv__jsonw_string(&w, net->nodes[L->a].id);
        omv__jsonw_key(&w, "b");
        omv__jsonw_string(&w, net->nodes[L->b].id);
        omv__jsonw_key(&w, "medium");
        omv__jsonw_string(&w, omv_medium_name((omv_medium)L->medium));
        omv__jsonw_key(&w, "capacity_gbps");
        omv__jsonw_real(&w, lk.capacity_gbps, OMV__RR_DECIMALS);
        omv__jsonw_key(&w, "gbps_intact");
        omv__jsonw_real(&w, lk.gbps_intact, OMV__RR_DECIMALS);
        omv__jsonw_key(&w, "utilisation_intact");
        omv__jsonw_real(&w, lk.utilisation_intact, OMV__RR_DECIMALS);
        omv__jsonw_key(&w, "gbps_worst");
        omv__jsonw_real(&w, lk.gbps_worst, OMV__RR_DECIMALS);
        omv__jsonw_key(&w, "utilisation_worst");
        omv__jsonw_real(&w, lk.utilisation_worst, OMV__RR_DECIMALS);
        omv__jsonw_key(&w, "worst_failure");
        char label[256];
        if (lk.worst_failure >= 0) {
            omv__jsonw_int(&w, lk.worst_failure);
            omv__rr_scenario_label(label, sizeof(label), r, net, (size_t)lk.worst_failure);
            omv__jsonw_key(&w, "worst_label");
            omv__jsonw_string(&w, label);
        } else {
            omv__jsonw_null(&w);
            omv__jsonw_key(&w, "worst_label");
            omv__jsonw_null(&w);
        }
        omv__jsonw_key(&w, "overloaded");
        omv__jsonw_bool(&w, lk.capacity_gbps >= 0 && lk.gbps_worst > lk.capacity_gbps * (1 + 1e-7) + 1e-9);
        omv__jsonw_end(&w);
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    int rc = omv__jsonw_finish(&w, ctx);
    if (!rc)
        omv__buf_puts(out, "\n");
    return rc;
}
