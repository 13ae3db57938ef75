/*
 * load_routes.c — routes.geojson beside a CSV folder. The CSV contract has no geometry; this file
 * gives links their route: a FeatureCollection of LineString features whose property "id" names a
 * link (or candidate) of the folder. A link without a feature keeps no route (maps draw it straight).
 * Errors read file:line:col: feature N: ... (an unknown link id, a geometry that is not a
 * LineString of at least two positions in range). The writer puts every kept route back there, so a
 * CSV folder converts to GeoJSON and back with its routes.
 */
#include "topo/ofds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int omv__load_routes(omv__builder *b, const char *path)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    int file = omv__builder_file(b, path);
    if (file < 0)
        return file;
    char *text = NULL;
    size_t len = 0;
    int rc = omv__read_file(ctx, path, &text, &len);
    if (rc)
        return rc;
    json_error_t err;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    size_t nstarts = 0;
    omv__json_pos *starts = NULL;
    double *pts = NULL;
    if (!doc) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: %s", path, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
                     err.text);
        goto cleanup;
    }
    json_t *feats = json_object_get(doc, "features");
    if (!json_is_array(feats)) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: expected a FeatureCollection with an array \"features\"", path);
        goto cleanup;
    }
    if (!(starts = omv__feature_starts(text, &nstarts))) {
        rc = OMV_NOMEM(ctx, "routes");
        goto cleanup;
    }
    size_t i;
    json_t *f;
    json_array_foreach(feats, i, f)
    {
        int line = i < nstarts ? starts[i].line : 1, col = i < nstarts ? starts[i].col : 1;
        const char *id = json_string_value(json_object_get(json_object_get(f, "properties"), "id"));
        json_t *g = json_object_get(f, "geometry");
        json_t *coords = json_object_get(g, "coordinates");
        const char *gt = json_string_value(json_object_get(g, "type"));
        if (!id) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: feature %zu: field 'id': missing (the id of a link)", path, line, col,
                         i + 1);
            break;
        }
        size_t n = json_array_size(coords);
        if (!gt || strcmp(gt, "LineString") || n < 2) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: feature %zu: field 'geometry': a route is a LineString of at least "
                         "two positions", path, line, col, i + 1);
            break;
        }
        double *np = realloc(pts, 2 * n * sizeof(double));
        if (!np) {
            rc = OMV_NOMEM(ctx, "routes");
            break;
        }
        pts = np;
        for (size_t k = 0; k < n && !rc; k++) {
            json_t *p = json_array_get(coords, k);
            double lon = json_number_value(json_array_get(p, 0)), lat = json_number_value(json_array_get(p, 1));
            if (json_array_size(p) < 2 || !json_is_number(json_array_get(p, 0)) || !json_is_number(json_array_get(p, 1)) ||
                !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
                rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: feature %zu: field 'geometry': position %zu is not [longitude, "
                             "latitude] in range", path, line, col, i + 1, k + 1);
            pts[2 * k] = lon;
            pts[2 * k + 1] = lat;
        }
        if (rc)
            break;
        rc = omv__builder_route(b, id, pts, n);
        if (rc == 1)
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: feature %zu: unknown link '%s'", path, line, col, i + 1, id);
        if (rc)
            break;
    }
cleanup:
    free(pts);
    free(starts);
    json_decref(doc);
    free(text);
    return rc;
}

int omv__write_routes(const omv_net *net, omv_ctx *ctx, const char *dir)
{
    size_t n = 0;
    for (size_t i = 0; i < net->nlinks; i++)
        n += omv__link_geom(&net->links[i]) != NULL;
    if (!n)
        return 0;
    omv__buf o;
    omv__buf_init(&o);
    omv__buf_puts(&o, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    size_t k = 0;
    char buf[40];
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        const omv__geom *g = omv__link_geom(l);
        if (!g)
            continue;
        json_t *id = json_string(l->id);
        char *ids = json_dumps(id, JSON_ENCODE_ANY);
        json_decref(id);
        if (!ids) {
            omv__buf_free(&o);
            return OMV_ERR(ctx, OMV_EDATA, "%s: link id '%s' is not UTF-8", dir, l->id);
        }
        omv__buf_printf(&o, "{\"type\":\"Feature\",\"properties\":{\"id\":%s},\"geometry\":{\"type\":\"LineString\","
                            "\"coordinates\":[", ids);
        free(ids);
        for (uint32_t p = 0; p < g->npts; p++) {
            omv__fmt_double(buf, sizeof(buf), g->lonlat[2 * p]);
            omv__buf_printf(&o, "%s[%s,", p ? "," : "", buf);
            omv__fmt_double(buf, sizeof(buf), g->lonlat[2 * p + 1]);
            omv__buf_printf(&o, "%s]", buf);
        }
        omv__buf_printf(&o, "]}}%s\n", ++k < n ? "," : "");
    }
    omv__buf_puts(&o, "]}\n");
    if (o.failed) {
        omv__buf_free(&o);
        return OMV_NOMEM(ctx, "routes");
    }
    char *path = omv__path_join(dir, "routes.geojson");
    int rc = path ? omv__write_file_atomic(ctx, path, o.s, o.len) : OMV_NOMEM(ctx, "routes");
    free(path);
    omv__buf_free(&o);
    return rc;
}
