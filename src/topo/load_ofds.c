/*
 * load_ofds.c — Open Fibre Data Standard 0.3 in: the GeoJSON publication and the mapping of one
 * node or span onto the builder's columns (ofds.h says what maps where). The CSV publication is
 * turned into the same nodes and spans by load_ofds_csv.c.
 *
 * A GeoJSON publication is a folder holding nodes.geojson and spans.geojson, or one file holding
 * both kinds of feature (what omvei writes, *.ofds.geojson). A feature is a node or a span by its
 * "featureType" ("node", "span"), else by its geometry (Point, LineString). Every feature embeds its
 * network; when one file holds several networks, ids repeat across them (each network numbers its
 * nodes from 1), so ids are read as "<network id>:<id>" there, and the writer strips that prefix.
 * Errors read file:line:col: feature N: field 'x': what is wrong; the line is where the feature
 * starts (jansson keeps no positions, so a small scanner finds the start of every feature).
 */
#include "topo/ofds.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Contract columns of each table: an OFDS property of that name is kept as "ofds:<name>". */
static const char *const NODE_COLS[] = {"id", "name", "lat", "lon", "country", "kind", "population",
                                        "island", "power_h", "municipality", NULL};
static const char *const LINK_COLS[] = {"id", "a", "b", "medium", "capacity_gbps", "length_km", "operator",
                                        "srlg", "status", "cost_nok", "power_h", NULL};

static bool is_col(const char *const *cols, const char *key)
{
    char norm[128];
    size_t k = 0;
    for (const char *s = key; *s && k + 1 < sizeof(norm); s++)
        if (!isspace((unsigned char)*s))
            norm[k++] = (char)tolower((unsigned char)*s);
    norm[k] = '\0';
    for (int i = 0; cols[i]; i++)
        if (!strcmp(cols[i], norm))
            return true;
    return false;
}

char *omv__ofds_attr_encode(json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        json_error_t err;
        json_t *probe = *s ? json_loads(s, JSON_DECODE_ANY, &err) : NULL;
        if (*s && !probe)
            return strdup(s);
        json_decref(probe);
    }
    return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(17));
}

json_t *omv__ofds_attr_decode(const char *text)
{
    json_error_t err;
    json_t *v = *text ? json_loads(text, JSON_DECODE_ANY, &err) : NULL;
    return v ? v : json_string(text);
}

/* ---- one feature ---------------------------------------------------------------------------- */

/* The row handed to the builder: column names and their texts (malloc'd). */
typedef struct {
    const char **names;
    char **vals;
    char **own; /* names that were built here, freed with the row */
    size_t n, cap;
} row;

static void row_free(row *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->vals[i]);
        free(r->own[i]);
    }
    free(r->names);
    free(r->vals);
    free(r->own);
}

/* Adds a column; takes val (malloc'd, may be NULL) and own (malloc'd name or NULL). */
static int row_add(row *r, const char *name, char *val, char *own)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        const char **nn = realloc(r->names, cap * sizeof(*nn));
        if (nn)
            r->names = nn;
        char **nv = realloc(r->vals, cap * sizeof(*nv));
        if (nv)
            r->vals = nv;
        char **no = realloc(r->own, cap * sizeof(*no));
        if (no)
            r->own = no;
        if (!nn || !nv || !no) {
            free(val);
            free(own);
            return OMV_ENOMEM;
        }
        r->cap = cap;
    }
    r->names[r->n] = own ? own : name;
    r->vals[r->n] = val;
    r->own[r->n] = own;
    r->n++;
    return 0;
}

static char *fmt_num(double d)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.17g", d);
    return strdup(buf);
}

/* Plain text of a scalar for a contract column; NULL for null, objects and arrays. */
static char *scalar_text(json_t *v)
{
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    }
    if (json_is_real(v))
        return fmt_num(json_real_value(v));
    if (json_is_boolean(v))
        return strdup(json_is_true(v) ? "true" : "false");
    return NULL;
}

typedef struct {
    omv__builder *b;
    omv_ctx *ctx;
    const char *disp, *label;
    int line, col;
} where;

static int ferr(const where *w, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int ferr(const where *w, const char *field, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return OMV_ERR(w->ctx, OMV_EDATA, "%s:%d:%d: %s: field '%s': %s", w->disp, w->line, w->col, w->label, field, msg);
}

/* The id of a node reference: a string, a number, or an object with one. */
static int ref_id(const where *w, json_t *v, const char *field, const char *netpfx, char **out)
{
    *out = NULL;
    json_t *id = json_is_object(v) ? json_object_get(v, "id") : v;
    char *s = id && (json_is_string(id) || json_is_integer(id)) ? scalar_text(id) : NULL;
    if (!s || !*s) {
        free(s);
        return ferr(w, field, v ? "no node id (expected a node id, or an object with an \"id\")"
                                : "missing (a span needs both its start and its end node)");
    }
    if (netpfx) {
        size_t n = strlen(netpfx) + strlen(s) + 2;
        char *p = malloc(n);
        if (p)
            snprintf(p, n, "%s:%s", netpfx, s);
        free(s);
        s = p;
    }
    *out = s;
    return s ? 0 : OMV_NOMEM(w->ctx, "OFDS");
}

static int check_pos(const where *w, json_t *pos, const char *field, double *lon, double *lat)
{
    if (!json_is_array(pos) || json_array_size(pos) < 2 || !json_is_number(json_array_get(pos, 0)) ||
        !json_is_number(json_array_get(pos, 1)))
        return ferr(w, field, "a position is an array [longitude, latitude] of numbers");
    *lon = json_number_value(json_array_get(pos, 0));
    *lat = json_number_value(json_array_get(pos, 1));
    if (!(*lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90))
        return ferr(w, field, "position [%g, %g] is out of range (longitude, then latitude, in degrees)", *lon, *lat);
    return 0;
}

/* Medium from transmissionMedium and deployment; NULL when neither says (fiber by default). */
static const char *medium_of(json_t *props)
{
    json_t *tm = json_object_get(props, "transmissionMedium"), *dep = json_object_get(props, "deployment");
    size_t i;
    json_t *v;
    json_array_foreach(tm, i, v)
    {
        const char *s = json_string_value(v);
        if (s && !strcasecmp(s, "microwave"))
            return "microwave";
        if (s && !strcasecmp(s, "satellite"))
            return "satellite";
    }
    json_array_foreach(dep, i, v)
    {
        const char *s = json_string_value(v);
        if (s && (!strcasecmp(s, "subsea") || !strcasecmp(s, "submarine") || !strcasecmp(s, "underwater")))
            return "subsea";
        if (s && !strcasecmp(s, "aboveGround"))
            return "aerial";
    }
    return NULL;
}

static int add_scalar(row *r, const where *w, const char *col, json_t *v, const char *field)
{
    char *t = scalar_text(v);
    if (!t && v && !json_is_null(v))
        return ferr(w, field, "expected a number or a string, got %s",
                    json_is_object(v) ? "an object" : json_is_array(v) ? "an array" : "another value");
    return row_add(r, col, t, NULL) ? OMV_NOMEM(w->ctx, "OFDS") : 0;
}

int omv__ofds_emit(omv__builder *b, int file, const char *disp, int line, int col, const char *label, int what,
                   json_t *props, json_t *geom, const char *netpfx)
{
    where w = {b, omv__builder_ctx(b), disp, label, line, col};
    omv_ctx *ctx = w.ctx;
    if (!json_is_object(props))
        return ferr(&w, "properties", "expected an object");
    row r = {0};
    int rc = 0;
    const char *const *cols = what == OMV__OFDS_NODE ? NODE_COLS : LINK_COLS;
    double *pts = NULL;
    size_t npts = 0;
    json_t *id = json_object_get(props, "id");
    char *idtext = NULL;
    if ((rc = ref_id(&w, id, "id", netpfx, &idtext)))
        goto cleanup;
    if ((rc = row_add(&r, "id", idtext, NULL)))
        goto nomem;
    if (json_is_null(geom))
        geom = NULL;
    const char *gtype = geom ? json_string_value(json_object_get(geom, "type")) : NULL;
    json_t *coords = geom ? json_object_get(geom, "coordinates") : NULL;
    if (geom && !gtype) {
        rc = ferr(&w, "geometry", "a geometry needs a \"type\"");
        goto cleanup;
    }
    if (what == OMV__OFDS_NODE) {
        if (json_object_get(props, "name") && (rc = add_scalar(&r, &w, "name", json_object_get(props, "name"), "name")))
            goto cleanup;
        if (geom) {
            double lon, lat;
            if (strcmp(gtype, "Point")) {
                rc = ferr(&w, "geometry", "a node is a Point, not a %s", gtype);
                goto cleanup;
            }
            if ((rc = check_pos(&w, coords, "geometry", &lon, &lat)))
                goto cleanup;
            if (row_add(&r, "lon", fmt_num(lon), NULL) || row_add(&r, "lat", fmt_num(lat), NULL))
                goto nomem;
        }
        json_t *cc = json_object_get(json_object_get(props, "address"), "country");
        if (json_is_string(cc) && (rc = add_scalar(&r, &w, "country", cc, "address.country")))
            goto cleanup;
    } else {
        char *a = NULL, *bb = NULL;
        if ((rc = ref_id(&w, json_object_get(props, "start"), "start", netpfx, &a)))
            goto cleanup;
        if ((rc = ref_id(&w, json_object_get(props, "end"), "end", netpfx, &bb))) {
            free(a);
            goto cleanup;
        }
        if (row_add(&r, "a", a, NULL) || row_add(&r, "b", bb, NULL))
            goto nomem;
        json_t *cap = json_object_get(props, "capacity");
        if (cap && !json_is_null(cap)) {
            if (!json_is_number(cap) || json_number_value(cap) < 0) {
                rc = ferr(&w, "capacity", "expected a number of Gbps, at least 0");
                goto cleanup;
            }
            if (row_add(&r, "capacity_gbps", fmt_num(json_number_value(cap)), NULL))
                goto nomem;
        }
        json_t *len = json_object_get(props, "fibreLength");
        if (len && !json_is_null(len)) {
            if (!json_is_number(len) || json_number_value(len) < 0) {
                rc = ferr(&w, "fibreLength", "expected a length in metres, at least 0");
                goto cleanup;
            }
            if (row_add(&r, "length_km", fmt_num(json_number_value(len) / 1000.0), NULL))
                goto nomem;
        }
        json_t *pip = json_object_get(props, "physicalInfrastructureProvider");
        json_t *pname = json_object_get(pip, "name");
        if (json_is_string(pname) && (rc = add_scalar(&r, &w, "operator", pname, "physicalInfrastructureProvider.name")))
            goto cleanup;
        const char *med = medium_of(props);
        if (med && row_add(&r, "medium", strdup(med), NULL))
            goto nomem;
        if (geom) {
            if (strcmp(gtype, "LineString")) {
                rc = ferr(&w, "geometry", "a span's route is a LineString, not a %s", gtype);
                goto cleanup;
            }
            size_t n = json_array_size(coords);
            if (n < 2) {
                rc = ferr(&w, "geometry", "a LineString needs at least two positions");
                goto cleanup;
            }
            if (!(pts = malloc(2 * n * sizeof(double))))
                goto nomem;
            for (size_t i = 0; i < n; i++) {
                char f[48];
                snprintf(f, sizeof(f), "geometry.coordinates[%zu]", i);
                if ((rc = check_pos(&w, json_array_get(coords, i), f, &pts[2 * i], &pts[2 * i + 1])))
                    goto cleanup;
            }
            npts = n;
        }
    }
    /* The "omvei" object feeds contract columns; everything else is kept. */
    json_t *own = json_object_get(props, "omvei");
    const char *key;
    json_t *v;
    if (json_is_object(own)) {
        json_object_foreach(own, key, v)
        {
            if (!is_col(cols, key) || !strcmp(key, "id") || !strcmp(key, "a") || !strcmp(key, "b")) {
                rc = ferr(&w, "omvei", "'%s' is not an omvei %s column", key, what == OMV__OFDS_NODE ? "node" : "link");
                goto cleanup;
            }
            char f[160];
            snprintf(f, sizeof(f), "omvei.%s", key);
            if ((rc = add_scalar(&r, &w, key, v, f)))
                goto cleanup;
        }
    }
    json_object_foreach(props, key, v)
    {
        if (!strcmp(key, "id") || !strcmp(key, "featureType") || (what == OMV__OFDS_NODE && !strcmp(key, "name")) ||
            (what == OMV__OFDS_SPAN && (!strcmp(key, "capacity") || !strcmp(key, "fibreLength")) && !json_is_null(v)) ||
            (!strcmp(key, "omvei") && json_is_object(v)))
            continue;
        char *val = omv__ofds_attr_encode(v), *name = NULL;
        if (val && is_col(cols, key)) {
            size_t n = strlen(OMV__OFDS_PREFIX) + strlen(key) + 1;
            if ((name = malloc(n)))
                snprintf(name, n, "%s%s", OMV__OFDS_PREFIX, key);
            else {
                free(val);
                val = NULL;
            }
        }
        if (!val || row_add(&r, key, val, name))
            goto nomem;
    }
    rc = omv__builder_header(b, what == OMV__OFDS_NODE ? OMV__TAB_NODES : OMV__TAB_LINKS, file, line, r.n,
                             r.names, NULL);
    if (!rc) {
        int *cl = malloc((r.n + 1) * sizeof(int));
        if (!cl)
            goto nomem;
        for (size_t i = 0; i < r.n; i++)
            cl[i] = col;
        rc = omv__builder_row(b, line, (const char *const *)r.vals, cl);
        free(cl);
    }
    if (!rc && npts)
        rc = omv__builder_geometry(b, pts, npts);
    goto cleanup;
nomem:
    rc = OMV_NOMEM(ctx, "OFDS");
cleanup:
    free(pts);
    row_free(&r);
    return rc;
}

/* ---- GeoJSON publication -------------------------------------------------------------------- */

/* Line and column where each element of the top-level "features" array starts, found by a scan
 * that knows strings and nesting. Best effort: a feature it cannot place reads as line 1. */
typedef omv__json_pos pos;

pos *omv__feature_starts(const char *t, size_t *n)
{
    *n = 0;
    size_t cap = 16;
    pos *out = malloc(cap * sizeof(*out));
    if (!out)
        return NULL;
    int depth = 0, line = 1, col = 1, in_features = -1;
    const char *key_start = NULL;
    size_t key_len = 0;
    for (const char *p = t; *p; p++) {
        char c = *p;
        if (c == '"') {
            const char *s = p + 1;
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                col++;
            }
            key_start = s;
            key_len = (size_t)(p - s);
            col += 2;
            if (!*p)
                break;
            continue;
        }
        if (in_features >= 0 && depth == in_features + 1 && (c == '{' || c == '[')) {
            if (*n == cap) {
                pos *np = realloc(out, 2 * cap * sizeof(*np));
                if (!np)
                    return out;
                out = np;
                cap *= 2;
            }
            out[(*n)++] = (pos){line, col};
        }
        if (c == '[' && depth == 1 && key_start && key_len == 8 && !strncmp(key_start, "features", 8))
            in_features = depth;
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            depth--;
            if (depth == in_features)
                in_features = -1;
        }
        if (c == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)c & 0xC0) != 0x80) {
            col++;
        }
    }
    return out;
}

static int load_features(omv__builder *b, const char *path, int only)
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
    pos *starts = NULL;
    if (!doc) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: %s", path, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
                     err.text);
        goto cleanup;
    }
    json_t *feats = json_object_get(doc, "features");
    if (!json_is_object(doc) || !json_is_array(feats)) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: not an OFDS GeoJSON publication: expected a FeatureCollection with "
                     "an array \"features\"", path);
        goto cleanup;
    }
    starts = omv__feature_starts(text, &nstarts);
    if (!starts) {
        rc = OMV_NOMEM(ctx, "OFDS");
        goto cleanup;
    }
    /* Several networks in one file: ids are read as "<network id>:<id>". */
    const char *first_net = NULL;
    bool several = false;
    size_t i;
    json_t *f;
    json_array_foreach(feats, i, f)
    {
        const char *nid = json_string_value(json_object_get(json_object_get(json_object_get(f, "properties"), "network"), "id"));
        if (nid && first_net && strcmp(nid, first_net))
            several = true;
        if (nid && !first_net)
            first_net = nid;
    }
    /* Nodes first, then spans: a span's ends resolve either way, but errors come in reading order. */
    for (int pass = 0; pass < 2 && !rc; pass++) {
        json_array_foreach(feats, i, f)
        {
            char label[48];
            snprintf(label, sizeof(label), "feature %zu", i + 1);
            where w = {b, ctx, path, label, i < nstarts ? starts[i].line : 1, i < nstarts ? starts[i].col : 1};
            json_t *props = json_object_get(f, "properties"), *geom = json_object_get(f, "geometry");
            if (!json_is_object(f) || !json_is_object(props)) {
                rc = ferr(&w, "properties", "a feature is an object with an object \"properties\"");
                break;
            }
            const char *ft = json_string_value(json_object_get(props, "featureType"));
            const char *gt = json_string_value(json_object_get(geom, "type"));
            int what;
            if (ft && !strcmp(ft, "node"))
                what = OMV__OFDS_NODE;
            else if (ft && !strcmp(ft, "span"))
                what = OMV__OFDS_SPAN;
            else if (ft) {
                rc = ferr(&w, "featureType", "'%s' is neither node nor span", ft);
                break;
            } else if (gt && !strcmp(gt, "Point"))
                what = OMV__OFDS_NODE;
            else if (gt && !strcmp(gt, "LineString"))
                what = OMV__OFDS_SPAN;
            else if (only >= 0)
                what = only;
            else {
                rc = ferr(&w, "featureType", "missing, and no Point or LineString geometry tells a node from a span");
                break;
            }
            if (what != pass)
                continue;
            if (only >= 0 && what != only) {
                rc = ferr(&w, "featureType", "a %s in a file of %ss", what == OMV__OFDS_NODE ? "node" : "span",
                          only == OMV__OFDS_NODE ? "node" : "span");
                break;
            }
            const char *nid = json_string_value(json_object_get(json_object_get(props, "network"), "id"));
            if ((rc = omv__ofds_emit(b, file, path, w.line, w.col, label, what, props, geom, several ? nid : NULL)))
                break;
        }
    }
cleanup:
    free(starts);
    json_decref(doc);
    free(text);
    return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* Whether the first MiB of a file holds "featureType" (OFDS features put it after the embedded
 * network, which may take kilobytes; a large omvei GeoJSON file is not read twice to the end). The
 * file is read in chunks that overlap by the pattern's length. */
static bool has_feature_type(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    static const char pat[] = "\"featureType\"";
    enum { PL = sizeof(pat) - 1 };
    char buf[65536];
    size_t keep = 0, n;
    bool found = false;
    size_t total = 0;
    while (!found && total < ((size_t)1 << 20) && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
        total += n;
        size_t len = keep + n;
        for (size_t i = 0; !found && i + PL <= len; i++)
            found = buf[i] == '"' && memcmp(buf + i, pat, PL) == 0;
        keep = len < PL ? len : PL;
        memmove(buf, buf + len - keep, keep);
    }
    fclose(f);
    return found;
}

bool omv__ofds_is(const char *path)
{
    if (omv__is_dir(path)) {
        char *s = omv__path_join(path, "spans.csv"), *g = omv__path_join(path, "spans.geojson");
        bool yes = (s && omv__file_exists(s)) || (g && omv__file_exists(g));
        free(s);
        free(g);
        return yes;
    }
    if (!omv__file_exists(path))
        return false;
    if (ends_with(path, ".ofds.geojson"))
        return true;
    return (ends_with(path, ".geojson") || ends_with(path, ".json")) && has_feature_type(path);
}

int omv__load_ofds(omv__builder *b, const char *path)
{
    char *csv = omv__is_dir(path) ? omv__path_join(path, "spans.csv") : NULL;
    bool is_csv = csv && omv__file_exists(csv);
    free(csv);
    return is_csv ? omv__load_ofds_csv(b, path) : omv__load_ofds_geojson(b, path);
}

int omv__load_ofds_geojson(omv__builder *b, const char *path)
{
    if (!omv__is_dir(path))
        return load_features(b, path, -1);
    char *nodes = omv__path_join(path, "nodes.geojson"), *spans = omv__path_join(path, "spans.geojson");
    int rc = 0;
    if (!nodes || !spans)
        rc = OMV_NOMEM(omv__builder_ctx(b), "OFDS");
    else if (!omv__file_exists(nodes))
        rc = OMV_ERR(omv__builder_ctx(b), OMV_EIO, "%s: missing nodes.geojson beside spans.geojson", path);
    if (!rc)
        rc = load_features(b, nodes, OMV__OFDS_NODE);
    if (!rc)
        rc = load_features(b, spans, OMV__OFDS_SPAN);
    free(nodes);
    free(spans);
    return rc;
}
