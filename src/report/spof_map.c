/*
 * spof_map.c — map.geojson: the network with the failure analysis as properties, so that QGIS (or
 * any GeoJSON viewer) can colour it by rule without a join.
 *
 * RFC 7946: one FeatureCollection, WGS84 positions as [lon, lat] with 6 decimals (about 0.1 m),
 * a feature without a position has geometry null. One feature per line keeps the file diffable.
 *  Points (every node): id, name, kind, population, lambda (null when not a site), role
 *    ("core", "articulation_point", "waypoint", "site"), in_region, impact_population (as an
 *    articulation point, else 0), worst_item_rank (null when no item isolates it),
 *    isolated_by_top_item.
 *  LineStrings (every existing link; its route when the input gave one, else its two ends):
 *    id, a, b, medium, role ("bridge" for every bridge of the network, whatever it cuts off; else
 *    "cut_pair" or "srlg_cut" when such an item holds it; else "redundant"), impact_population
 *    (the largest over the items that hold the link), srlg (groups joined by ';', null when none).
 */
#include "report/jsonw.h"
#include "report/spof_report.h"
#include "topo/net.h"

#include <math.h>

static const char *node_role(const omv__spof_view *v, size_t i)
{
    uint8_t f = v->node_flags[i];
    if (f & OMV__SV_CORE)
        return "core";
    if (f & OMV__SV_ARTICULATION)
        return "articulation_point";
    if (!(f & OMV__SV_SITE))
        return "waypoint";
    return "site";
}

static const char *link_role(uint8_t r)
{
    switch (r) {
    case OMV__LINK_BRIDGE:
        return "bridge";
    case OMV__LINK_CUT_PAIR:
        return "cut_pair";
    case OMV__LINK_SRLG_CUT:
        return "srlg_cut";
    default:
        return "redundant";
    }
}

static bool has_position(const omv_net *net, long i)
{
    return i >= 0 && isfinite(omv_net_node_lat(net, (size_t)i)) && isfinite(omv_net_node_lon(net, (size_t)i));
}

static void position(omv__jsonw *w, double lon, double lat)
{
    omv__jsonw_array(w, true);
    omv__jsonw_real(w, lon, OMV__SPOF_COORD_DECIMALS);
    omv__jsonw_real(w, lat, OMV__SPOF_COORD_DECIMALS);
    omv__jsonw_end(w);
}

static void node_feature(omv__jsonw *w, const omv__spof_view *v, size_t i)
{
    const omv_net *net = v->net;
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "type");
    omv__jsonw_string(w, "Feature");
    omv__jsonw_key(w, "geometry");
    if (has_position(net, (long)i)) {
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "type");
        omv__jsonw_string(w, "Point");
        omv__jsonw_key(w, "coordinates");
        position(w, omv_net_node_lon(net, i), omv_net_node_lat(net, i));
        omv__jsonw_end(w);
    } else {
        omv__jsonw_null(w);
    }
    omv__jsonw_key(w, "properties");
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "id");
    omv__jsonw_string(w, omv_net_node_id(net, i));
    omv__jsonw_key(w, "name");
    omv__jsonw_string(w, omv_net_node_name(net, i));
    omv__jsonw_key(w, "kind");
    omv__jsonw_string(w, omv_kind_name(omv_net_node_kind(net, i)));
    omv__jsonw_key(w, "population");
    omv__jsonw_int(w, omv_net_node_population(net, i));
    omv__jsonw_key(w, "lambda");
    int lam = (v->node_flags[i] & OMV__SV_SITE) ? omv_spof_lambda(v->s, i) : -1;
    if (lam >= 0)
        omv__jsonw_int(w, lam);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "role");
    omv__jsonw_string(w, node_role(v, i));
    omv__jsonw_key(w, "in_region");
    omv__jsonw_bool(w, (v->node_flags[i] & OMV__SV_IN_REGION) != 0);
    omv__jsonw_key(w, "impact_population");
    omv__jsonw_int(w, omv__spof_view_rank_pop(v, v->art_rank[i]));
    omv__jsonw_key(w, "worst_item_rank");
    if (v->worst_rank[i])
        omv__jsonw_int(w, v->worst_rank[i]);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "isolated_by_top_item");
    omv__jsonw_bool(w, (v->node_flags[i] & OMV__SV_TOP_ISOLATED) != 0);
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

static void link_feature(omv__jsonw *w, omv__buf *scratch, const omv__spof_view *v, size_t l)
{
    const omv_net *net = v->net;
    const omv__geom *g = omv__link_geom(&net->links[l]);
    long a = omv_net_link_a(net, l), b = omv_net_link_b(net, l);
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "type");
    omv__jsonw_string(w, "Feature");
    omv__jsonw_key(w, "geometry");
    if (g && g->npts >= 2) {
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "type");
        omv__jsonw_string(w, "LineString");
        omv__jsonw_key(w, "coordinates");
        omv__jsonw_array(w, true);
        for (uint32_t k = 0; k < g->npts; k++)
            position(w, g->lonlat[2 * k], g->lonlat[2 * k + 1]);
        omv__jsonw_end(w);
        omv__jsonw_end(w);
    } else if (has_position(net, a) && has_position(net, b)) {
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "type");
        omv__jsonw_string(w, "LineString");
        omv__jsonw_key(w, "coordinates");
        omv__jsonw_array(w, true);
        position(w, omv_net_node_lon(net, (size_t)a), omv_net_node_lat(net, (size_t)a));
        position(w, omv_net_node_lon(net, (size_t)b), omv_net_node_lat(net, (size_t)b));
        omv__jsonw_end(w);
        omv__jsonw_end(w);
    } else {
        omv__jsonw_null(w);
    }
    omv__jsonw_key(w, "properties");
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "id");
    omv__jsonw_string(w, omv_net_link_id(net, l));
    omv__jsonw_key(w, "a");
    omv__jsonw_string(w, a >= 0 ? omv_net_node_id(net, (size_t)a) : NULL);
    omv__jsonw_key(w, "b");
    omv__jsonw_string(w, b >= 0 ? omv_net_node_id(net, (size_t)b) : NULL);
    omv__jsonw_key(w, "medium");
    omv__jsonw_string(w, omv_medium_name(omv_net_link_medium(net, l)));
    omv__jsonw_key(w, "role");
    omv__jsonw_string(w, link_role(v->link_role[l]));
    omv__jsonw_key(w, "impact_population");
    omv__jsonw_int(w, omv__spof_view_rank_pop(v, v->link_rank[l]));
    omv__jsonw_key(w, "srlg");
    size_t ng = omv_net_link_srlg_count(net, l);
    if (ng) {
        scratch->len = 0;
        if (scratch->s)
            scratch->s[0] = '\0';
        for (size_t k = 0; k < ng; k++) {
            if (k)
                omv__buf_puts(scratch, ";");
            omv__buf_puts(scratch, omv_net_link_srlg(net, l, k));
        }
        omv__jsonw_string(w, scratch->s && !scratch->failed ? scratch->s : "");
    } else {
        omv__jsonw_null(w);
    }
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

static void on_full(void *user) { omv__spof_out_flush(user, false); }

int omv__spof_map_out(omv__spof_out *o, omv_ctx *ctx, omv__spof_view *v)
{
    int rc = omv__spof_view_ranks(v, ctx);
    if (rc)
        return rc;
    omv__buf scratch;
    omv__buf_init(&scratch);
    omv__jsonw w;
    omv__jsonw_init(&w, &o->buf);
    if (o->f)
        omv__jsonw_stream(&w, on_full, o, OMV__SPOF_OUT_CHUNK);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "type");
    omv__jsonw_string(&w, "FeatureCollection");
    omv__jsonw_key(&w, "features");
    omv__jsonw_array(&w, false);
    for (size_t i = 0; i < v->nnodes; i++)
        node_feature(&w, v, i);
    for (size_t l = 0; l < v->nlinks; l++)
        if (v->link_role[l] != OMV__LINK_CANDIDATE)
            link_feature(&w, &scratch, v, l);
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    rc = scratch.failed ? OMV_NOMEM(ctx, "map.geojson") : omv__jsonw_finish(&w, ctx);
    if (!rc)
        omv__buf_puts(&o->buf, "\n");
    omv__buf_free(&scratch);
    return rc;
}

int omv__spof_map_geojson(char **geojson, omv_ctx *ctx, omv__spof_view *v)
{
    *geojson = NULL;
    omv__spof_out o;
    omv__spof_out_init(&o, NULL);
    int rc = omv__spof_map_out(&o, ctx, v);
    if (!rc && (o.buf.failed || !(*geojson = omv__buf_take(&o.buf))))
        rc = OMV_NOMEM(ctx, "map.geojson");
    omv__spof_out_free(&o);
    return rc;
}
