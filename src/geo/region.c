/*
 * region.c — which sites a failure analysis counts (DESIGN.md §3): presets, latitude thresholds,
 * bounding boxes and GeoJSON polygons. A region is parsed once and then only read, so any number
 * of threads may ask omv_region_has at once.
 *
 * Polygons are tested with the even-odd rule on plain lon/lat over every ring of one polygon at
 * once: holes then fall out by themselves and ring orientation does not matter (the Natural Earth
 * outlines run clockwise, against RFC 7946). Regions of a country or a county are small enough
 * for lon/lat not to need a projection.
 */
#include "core/number.h"
#include "topo/net.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { R_ALL, R_ISLANDS, R_COUNTRY, R_LAT_GT, R_LAT_LT, R_BBOX, R_POLYGON } region_kind;

/* One polygon: rings [ring0, ring0 + nrings) of the region's ring table, and its bounding box. */
typedef struct {
    size_t ring0, nrings;
    double minlon, minlat, maxlon, maxlat;
} polygon;

struct omv_region {
    region_kind kind;
    char *spec;
    char *label; /* polygons: the first feature's "name" property, for reports; NULL when none */
    char country[3];
    char within[3];  /* also required: the node's country, when the node has one ("" = any) */
    double lat;      /* R_LAT_GT, R_LAT_LT */
    double box[4];   /* R_BBOX: minlon, minlat, maxlon, maxlat */
    polygon *polys;  /* R_POLYGON */
    size_t npolys, cappolys;
    size_t *ring_at; /* ring r holds points [ring_at[r], ring_at[r + 1]) */
    size_t nrings, caprings;
    double *pts;     /* lon, lat pairs */
    size_t npts, cappts;
};

void omv_region_free(omv_region *r)
{
    if (!r)
        return;
    free(r->spec);
    free(r->label);
    free(r->polys);
    free(r->ring_at);
    free(r->pts);
    free(r);
}

const char *omv_region_spec(const omv_region *r) { return r->spec; }

/* ---- point in polygon ---------------------------------------------------------------------- */

static int in_polygon(const omv_region *r, const polygon *p, double lon, double lat)
{
    if (lon < p->minlon || lon > p->maxlon || lat < p->minlat || lat > p->maxlat)
        return 0;
    int inside = 0;
    for (size_t k = p->ring0; k < p->ring0 + p->nrings; k++) {
        const double *pt = r->pts + 2 * r->ring_at[k];
        size_t np = r->ring_at[k + 1] - r->ring_at[k];
        for (size_t i = 0, j = np - 1; i < np; j = i++) {
            double xi = pt[2 * i], yi = pt[2 * i + 1], xj = pt[2 * j], yj = pt[2 * j + 1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                inside = !inside;
        }
    }
    return inside;
}

const char *omv_region_label(const omv_region *r) { return r ? r->label : NULL; }

int omv_region_has(const omv_region *r, const omv_net *net, size_t i)
{
    const omv__node *nd = &net->nodes[i];
    if (r->within[0] && nd->country[0] && strcmp(nd->country, r->within) != 0)
        return 0;
    switch (r->kind) {
    case R_ALL:
        return 1;
    case R_ISLANDS:
        return nd->island != 0;
    case R_COUNTRY:
        return strcmp(nd->country, r->country) == 0;
    case R_LAT_GT:
        return !isnan(nd->lat) && nd->lat > r->lat;
    case R_LAT_LT:
        return !isnan(nd->lat) && nd->lat < r->lat;
    case R_BBOX:
        return !isnan(nd->lat) && nd->lon >= r->box[0] && nd->lon <= r->box[2] && nd->lat >= r->box[1] &&
               nd->lat <= r->box[3];
    case R_POLYGON:
        if (isnan(nd->lat))
            return 0;
        for (size_t k = 0; k < r->npolys; k++)
            if (in_polygon(r, &r->polys[k], nd->lon, nd->lat))
                return 1;
        return 0;
    }
    return 0;
}

/* ---- GeoJSON polygons ---------------------------------------------------------------------- */

/* Where in the file a problem lies, as a JSON path ("features[3].geometry.coordinates[0]"):
 * jansson keeps no positions for values once parsed, so the path is followed again through the text
 * (which jansson has accepted) to give the message its line and column as well. */
typedef struct {
    omv_ctx *ctx;
    const char *file;
    const char *text;
    size_t len;
    char where[160];
} gj;

static size_t js_ws(const gj *g, size_t p)
{
    while (p < g->len && strchr(" \t\r\n", g->text[p]) && g->text[p])
        p++;
    return p;
}

/* The offset just past the JSON value that starts at p (strings skipped, brackets balanced). */
static size_t js_skip(const gj *g, size_t p)
{
    size_t depth = 0;
    for (; p < g->len; p++) {
        char c = g->text[p];
        if (c == '"') {
            for (p++; p < g->len && g->text[p] != '"'; p++)
                p += g->text[p] == '\\';
            if (depth == 0)
                return p + 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth <= 1)
                return p + 1;
            depth--;
        } else if (depth == 0 && strchr(",]} \t\r\n", c)) {
            return p;
        }
    }
    return p;
}

/* Offset of member key (given by its n bytes) of the object at p, or of element k of the array at
 * p; (size_t)-1 when there is none. */
static size_t js_child(const gj *g, size_t p, const char *key, size_t n, size_t k)
{
    if (p >= g->len || (g->text[p] != (key ? '{' : '[')))
        return (size_t)-1;
    size_t found = (size_t)-1; /* jansson keeps the last of repeated keys */
    p = js_ws(g, p + 1);
    for (size_t i = 0; p < g->len && g->text[p] != (key ? '}' : ']'); i++) {
        int match = !key && i == k;
        if (key) {
            size_t e = js_skip(g, p);
            match = e - p == n + 2 && memcmp(g->text + p + 1, key, n) == 0;
            p = js_ws(g, e);
            if (p >= g->len || g->text[p] != ':')
                return found;
            p = js_ws(g, p + 1);
        }
        if (match && !key)
            return p;
        if (match)
            found = p;
        p = js_ws(g, js_skip(g, p));
        if (p < g->len && g->text[p] == ',')
            p = js_ws(g, p + 1);
    }
    return found;
}

/* Line and column of the value the path in g->where names (as far as it can be followed). */
static void js_locate(const gj *g, int *line, int *col)
{
    size_t p = js_ws(g, 0);
    const char *w = g->where;
    if (strncmp(w, "(top level)", 11) == 0)
        w += 11;
    while (*w) {
        size_t q;
        if (*w == '[') {
            char *end;
            unsigned long k = strtoul(w + 1, &end, 10);
            q = js_child(g, p, NULL, 0, k);
            w = *end == ']' ? end + 1 : end;
        } else {
            w += *w == '.';
            size_t n = strcspn(w, ".[");
            q = js_child(g, p, w, n, 0);
            w += n;
        }
        if (q == (size_t)-1)
            break;
        p = q;
    }
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < p && i < g->len; i++) {
        unsigned char c = (unsigned char)g->text[i];
        if (c == '\n') {
            ++*line;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

static int gj_bad(const gj *g, const char *what)
{
    int line, col;
    js_locate(g, &line, &col);
    return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: %s: %s", g->file, line, col, g->where, what);
}

static int add_ring(omv_region *r, gj *g, const json_t *ring)
{
    if (!json_is_array(ring))
        return gj_bad(g, "a ring must be an array of positions");
    size_t n = json_array_size(ring);
    if (n < 4)
        return gj_bad(g, "a ring needs at least 4 positions");
    if (OMV_GROW(r->pts, r->cappts, 2 * (r->npts + n)) || OMV_GROW(r->ring_at, r->caprings, r->nrings + 2))
        return OMV_NOMEM(g->ctx, "polygon");
    polygon *p = &r->polys[r->npolys - 1];
    size_t wl = strlen(g->where);
    for (size_t i = 0; i < n; i++) {
        const json_t *pos = json_array_get(ring, i);
        const json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
        snprintf(g->where + wl, sizeof(g->where) - wl, "[%zu]", i);
        if (!json_is_array(pos) || !json_is_number(x) || !json_is_number(y))
            return gj_bad(g, "a position must be an array [lon, lat] of numbers");
        double lon = json_number_value(x), lat = json_number_value(y);
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
            return gj_bad(g, "position out of range (lon in [-180, 180], lat in [-90, 90])");
        g->where[wl] = '\0';
        r->pts[2 * r->npts] = lon;
        r->pts[2 * r->npts + 1] = lat;
        r->npts++;
        p->minlon = fmin(p->minlon, lon);
        p->maxlon = fmax(p->maxlon, lon);
        p->minlat = fmin(p->minlat, lat);
        p->maxlat = fmax(p->maxlat, lat);
    }
    r->nrings++;
    r->ring_at[r->nrings] = r->npts;
    return 0;
}

/* coords: the coordinates of one Polygon (an array of rings, the first the outline). */
static int add_polygon(omv_region *r, gj *g, const json_t *coords)
{
    if (!json_is_array(coords) || json_array_size(coords) == 0)
        return gj_bad(g, "a Polygon needs an array of rings");
    if (OMV_GROW(r->polys, r->cappolys, r->npolys + 1))
        return OMV_NOMEM(g->ctx, "polygon");
    polygon *p = &r->polys[r->npolys++];
    p->ring0 = r->nrings;
    p->nrings = json_array_size(coords);
    p->minlon = p->minlat = INFINITY;
    p->maxlon = p->maxlat = -INFINITY;
    size_t len = strlen(g->where);
    for (size_t k = 0; k < p->nrings; k++) {
        snprintf(g->where + len, sizeof(g->where) - len, "[%zu]", k);
        int rc = add_ring(r, g, json_array_get(coords, k));
        if (rc)
            return rc;
    }
    g->where[len] = '\0';
    return 0;
}

/* A geometry object: Polygon and MultiPolygon are kept, GeometryCollection is searched, other
 * types (points, lines) are not areas and are skipped. */
static int add_geometry(omv_region *r, gj *g, const json_t *geom)
{
    if (json_is_null(geom))
        return 0;
    const char *type = json_string_value(json_object_get(geom, "type"));
    if (!json_is_object(geom) || !type)
        return gj_bad(g, "a geometry must be an object with a \"type\"");
    size_t len = strlen(g->where);
    const json_t *coords = json_object_get(geom, "coordinates");
    int rc = 0;
    if (strcmp(type, "Polygon") == 0) {
        snprintf(g->where + len, sizeof(g->where) - len, ".coordinates");
        rc = add_polygon(r, g, coords);
    } else if (strcmp(type, "MultiPolygon") == 0) {
        if (!json_is_array(coords)) {
            snprintf(g->where + len, sizeof(g->where) - len, ".coordinates");
            return gj_bad(g, "a MultiPolygon needs an array of polygons");
        }
        for (size_t k = 0; k < json_array_size(coords) && !rc; k++) {
            snprintf(g->where + len, sizeof(g->where) - len, ".coordinates[%zu]", k);
            rc = add_polygon(r, g, json_array_get(coords, k));
        }
    } else if (strcmp(type, "GeometryCollection") == 0) {
        const json_t *gs = json_object_get(geom, "geometries");
        for (size_t k = 0; k < json_array_size(gs) && !rc; k++) {
            snprintf(g->where + len, sizeof(g->where) - len, ".geometries[%zu]", k);
            rc = add_geometry(r, g, json_array_get(gs, k));
        }
    }
    g->where[len] = '\0';
    return rc;
}

static int load_polygons(omv_region *r, omv_ctx *ctx, const char *path)
{
    char *text = NULL;
    size_t len;
    json_t *root = NULL;
    int rc = omv__read_file(ctx, path, &text, &len);
    if (rc)
        goto cleanup;
    json_error_t err;
    root = json_loadb(text, len, 0, &err);
    if (!root) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: %s", path, err.line, err.column, err.text);
        goto cleanup;
    }
    gj g = {.ctx = ctx, .file = path, .text = text, .len = len, .where = ""};
    if (OMV_GROW(r->ring_at, r->caprings, 1)) {
        rc = OMV_NOMEM(ctx, "polygon");
        goto cleanup;
    }
    r->ring_at[0] = 0;
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0) {
        const json_t *fs = json_object_get(root, "features");
        if (!json_is_array(fs)) {
            snprintf(g.where, sizeof(g.where), "features");
            rc = gj_bad(&g, "a FeatureCollection needs an array \"features\"");
            goto cleanup;
        }
        for (size_t k = 0; k < json_array_size(fs) && !rc; k++) {
            const char *name = json_string_value(json_object_get(json_object_get(json_array_get(fs, k), "properties"), "name"));
            if (name && !r->label && !(r->label = strdup(name))) {
                rc = OMV_NOMEM(ctx, "polygon");
                break;
            }
            snprintf(g.where, sizeof(g.where), "features[%zu].geometry", k);
            rc = add_geometry(r, &g, json_object_get(json_array_get(fs, k), "geometry"));
        }
    } else if (type && strcmp(type, "Feature") == 0) {
        snprintf(g.where, sizeof(g.where), "geometry");
        rc = add_geometry(r, &g, json_object_get(root, "geometry"));
    } else {
        snprintf(g.where, sizeof(g.where), "(top level)");
        rc = add_geometry(r, &g, root);
    }
    if (rc)
        goto cleanup;
    if (r->npolys == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: no Polygon or MultiPolygon geometry found", path);
cleanup:
    json_decref(root);
    free(text);
    return rc;
}

/* ---- specs --------------------------------------------------------------------------------- */

/* Parses a finite number in plain decimal notation (no hexadecimal, inf or nan); leading and
 * trailing blanks are allowed. */
static int parse_num(const char *s, double *out)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return omv__parse_decimal_n(s, n, out) ? -1 : 0;
}

static int parse_bbox(omv_region *r, omv_ctx *ctx, const char *spec, const char *s)
{
    char buf[256];
    if (strlen(s) >= sizeof(buf))
        return OMV_ERR(ctx, OMV_EARG, "region '%s': bbox too long", spec);
    strcpy(buf, s);
    size_t k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (k == 4 || parse_num(tok, &r->box[k]))
            return OMV_ERR(ctx, OMV_EARG, "region '%s': expected bbox:minlon,minlat,maxlon,maxlat with four numbers",
                           spec);
        k++;
    }
    if (k != 4)
        return OMV_ERR(ctx, OMV_EARG, "region '%s': expected bbox:minlon,minlat,maxlon,maxlat with four numbers", spec);
    if (r->box[0] < -180 || r->box[2] > 180 || r->box[1] < -90 || r->box[3] > 90)
        return OMV_ERR(ctx, OMV_EARG, "region '%s': bbox out of range (lon in [-180, 180], lat in [-90, 90])", spec);
    if (r->box[0] > r->box[2] || r->box[1] > r->box[3])
        return OMV_ERR(ctx, OMV_EARG, "region '%s': bbox minimum above maximum (minlon,minlat,maxlon,maxlat)", spec);
    return 0;
}

int omv_region_parse(omv_region **out, omv_ctx *ctx, const char *spec)
{
    *out = NULL;
    if (!spec)
        return OMV_ERR(ctx, OMV_EARG, "no region given");
    omv_region *r = calloc(1, sizeof(*r));
    if (!r || !(r->spec = strdup(spec))) {
        omv_region_free(r);
        return OMV_NOMEM(ctx, "region");
    }
    const char *s = spec;
    while (isspace((unsigned char)*s))
        s++;
    int rc = 0;
    if (strcmp(s, "all") == 0) {
        r->kind = R_ALL;
    } else if (strcmp(s, "islands") == 0) {
        r->kind = R_ISLANDS;
    } else if (strcmp(s, "north-of-trondheim") == 0) {
        /* "North of Trondheim" is Norway's north: Kiruna or Oulu lie as far north but are not what a
         * Norwegian planner means. Nodes without a country still count. */
        r->kind = R_LAT_GT;
        r->lat = 63.43;
        memcpy(r->within, "NO", 3);
    } else if (strncmp(s, "country:", 8) == 0) {
        const char *c = s + 8;
        if (strlen(c) != 2 || !isalpha((unsigned char)c[0]) || !isalpha((unsigned char)c[1])) {
            rc = OMV_ERR(ctx, OMV_EARG, "region '%s': expected country:XX with a two-letter ISO 3166-1 code", spec);
        } else {
            r->kind = R_COUNTRY;
            r->country[0] = (char)toupper((unsigned char)c[0]);
            r->country[1] = (char)toupper((unsigned char)c[1]);
        }
    } else if (strncmp(s, "lat>", 4) == 0 || strncmp(s, "lat<", 4) == 0) {
        r->kind = s[3] == '>' ? R_LAT_GT : R_LAT_LT;
        if (parse_num(s + 4, &r->lat))
            rc = OMV_ERR(ctx, OMV_EARG, "region '%s': expected a latitude in degrees after '%.4s'", spec, s);
        else if (r->lat < -90 || r->lat > 90)
            rc = OMV_ERR(ctx, OMV_EARG, "region '%s': latitude out of range [-90, 90]", spec);
    } else if (strncmp(s, "bbox:", 5) == 0) {
        r->kind = R_BBOX;
        rc = parse_bbox(r, ctx, spec, s + 5);
    } else if (strncmp(s, "polygon:", 8) == 0) {
        r->kind = R_POLYGON;
        if (s[8] == '\0')
            rc = OMV_ERR(ctx, OMV_EARG, "region '%s': expected polygon:FILE.geojson", spec);
        else
            rc = load_polygons(r, ctx, s + 8);
    } else {
        rc = OMV_ERR(ctx, OMV_EARG,
                     "unknown region '%s' (north-of-trondheim, islands, country:XX, lat>X, lat<X, "
                     "bbox:minlon,minlat,maxlon,maxlat, polygon:FILE.geojson, all)",
                     spec);
    }
    if (rc) {
        omv_region_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
