/*
 * load_geojson.c — reads a GeoJSON FeatureCollection (RFC 7946) into the builder.
 *
 * What a file means (DESIGN.md §2; write_geojson.c writes the same thing back):
 *  - A feature's properties are one row of nodes.csv, links.csv or candidates.csv, under the CSV
 *    column names; any other property becomes an extra attribute. Values may be strings, numbers,
 *    booleans or null (null = empty cell); a nested object or array is kept as its compact JSON
 *    text. When the properties carry no "id", the Feature's own "id" member is the id.
 *  - Which table a feature belongs to is decided by its geometry first:
 *      Point            a node at [lon, lat]; "lat"/"lon" properties, if present, must agree.
 *                       Exception: a Point whose properties carry "a" and medium "power" is a
 *                       reserve-power candidate drawn at its site; its position is not used.
 *      LineString,      a link; the line is kept as the link's route (the parts of a
 *      MultiLineString  MultiLineString are joined into one line).
 *      null             a link when the properties carry "a" (a reserve-power candidate: medium
 *                       "power", b empty; or a link whose ends have no position), otherwise a node
 *                       without a position.
 *    A link is a candidate when its status is "candidate", or when its medium is "power" and it
 *    has no status. Any other geometry type is an error. (So a node without a position cannot
 *    carry an extra attribute named "a": it would read as a link.)
 *  - Demands live in the foreign member "demands": [{"src": .., "dst": .., "gbps": ..}, ...] of
 *    the FeatureCollection.
 *
 * How it reads: the document is never decoded as one tree (a million features would take
 * gigabytes as jansson values). A small scanner walks the top level and finds each element of
 * "features" and "demands"; jansson decodes one element at a time. Jansson keeps no positions of
 * decoded values, so the scanner also yields the offset of every member of an element, in the order
 * jansson keeps them, and offsets become line:col (columns count characters, as jansson's do). A row's line is the
 * line where its feature starts; a cell's column is the property's own when it starts on that line
 * (one feature per line, as written by omvei and QGIS), else the feature's.
 * At any syntax error the whole document goes through jansson once, so the message and its line
 * and column are jansson's.
 *
 * The builder takes one table at a time: a first pass checks every element, assigns it a table
 * and collects each table's property names (its header); later passes emit nodes, links,
 * candidates and demands, each in file order. Node references are resolved when the build finishes.
 */
#include "topo/build.h"

#include "core/number.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CL_NODE = 0, CL_LINK, CL_CAND, CL_DEMAND, CL_COUNT_, CL_BAD = 255 };
static const omv__tab CL_TAB[CL_COUNT_] = {OMV__TAB_NODES, OMV__TAB_LINKS, OMV__TAB_CANDIDATES,
                                           OMV__TAB_DEMANDS};

#define NO_CELL ((size_t)-1)

/* A place in the text: byte offset, 1-based line and character column. */
typedef struct {
    size_t off;
    int line, col;
} loc;

/* One element of "features" or "demands": its text range and its table. */
typedef struct {
    size_t off, end;
    uint8_t cls;
} item;

/* The property names of one table in order of first appearance: the header given to the builder. */
typedef struct {
    omv__strmap idx; /* name -> column */
    const char **names;
    size_t n, cap;
} header;

typedef struct {
    omv__builder *b;
    omv_ctx *ctx;
    const char *path;
    char *data;       /* the whole file */
    const char *text; /* data after a UTF-8 byte order mark */
    size_t len;
    int file;
    omv__arena arena; /* header names and top-level keys */
    header hdr[CL_COUNT_];
    item *items[2]; /* features, demands */
    size_t nitems[2], capitems[2];
    /* top level */
    size_t root_off;
    int has_type, has_features;
    const char *type;         /* arena; NULL when "type" is not a string */
    size_t type_off, features_off, demands_off;
    int features_bad, demands_bad; /* present but not an array */
    /* scratch for one row */
    size_t *moff, capmoff;   /* member offsets of a feature */
    size_t *poff, cappoff;   /* member offsets of its properties */
    char *cells;
    size_t ncells, capcells;
    size_t *celloff, capcelloff;
    const char **vals;
    size_t capvals;
    int *cols;
    size_t capcols;
    double *pts;
    size_t npts, cappts;
} gj;

/* ---- positions ------------------------------------------------------------------------------ */

/* The start of the text. A byte order mark before it is not counted, as in the CSV reader. */
static loc loc_start(void) { return (loc){0, 1, 1}; }

/* Moves from a known place forward to off. Columns count UTF-8 characters, like jansson's. */
static loc loc_advance(const gj *g, loc from, size_t off)
{
    if (off < from.off)
        from = loc_start();
    for (size_t i = from.off; i < off && i < g->len; i++) {
        unsigned char c = (unsigned char)g->text[i];
        if (c == '\n') {
            from.line++;
            from.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            from.col++;
        }
    }
    from.off = off;
    return from;
}

/* Column of a value for a row message: its own column when it starts on the row's line. */
static int col_on_line(const gj *g, loc row, size_t off)
{
    loc l = loc_advance(g, row, off);
    return l.line == row.line ? l.col : row.col;
}

/* ---- scanner -------------------------------------------------------------------------------- */

static size_t skip_ws(const gj *g, size_t p)
{
    while (p < g->len && (g->text[p] == ' ' || g->text[p] == '\t' || g->text[p] == '\n' || g->text[p] == '\r'))
        p++;
    return p;
}

/* p is at a '"'; *end becomes the offset after the closing quote. -1 when unterminated. */
static int skip_string(const gj *g, size_t p, size_t *end)
{
    for (size_t q = p + 1; q < g->len; q++) {
        if (g->text[q] == '\\')
            q++;
        else if (g->text[q] == '"') {
            *end = q + 1;
            return 0;
        }
    }
    return -1;
}

/* Finds the end of the value that starts at p. It only balances brackets and skips strings; jansson
 * decodes the range afterwards and judges it. -1 when the text ends first or no value starts at p. */
static int skip_value(const gj *g, size_t p, size_t *end)
{
    if (p >= g->len)
        return -1;
    char c = g->text[p];
    if (c == '"')
        return skip_string(g, p, end);
    if (c == '{' || c == '[') {
        size_t depth = 0;
        for (; p < g->len; p++) {
            c = g->text[p];
            if (c == '"') {
                size_t q;
                if (skip_string(g, p, &q))
                    return -1;
                p = q - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    *end = p + 1;
                    return 0;
                }
            }
        }
        return -1;
    }
    size_t q = p;
    while (q < g->len && !strchr(",]}: \t\r\n", g->text[q]) && g->text[q] != '\0')
        q++;
    if (q == p)
        return -1;
    *end = q;
    return 0;
}

/* Offsets of the member values of the object that starts at off, in text order (which is the
 * order jansson keeps). Only called on text jansson has accepted. */
static int member_offsets(gj *g, size_t off, size_t **offs, size_t *cap, size_t *n)
{
    *n = 0;
    size_t p = skip_ws(g, off + 1);
    if (p < g->len && g->text[p] == '}')
        return 0;
    for (;;) {
        size_t e;
        if (p >= g->len || g->text[p] != '"' || skip_string(g, p, &e))
            break;
        p = skip_ws(g, e);
        if (p >= g->len || g->text[p] != ':')
            break;
        p = skip_ws(g, p + 1);
        if (omv__grow((void **)offs, cap, *n + 1, sizeof(**offs)))
            return OMV_NOMEM(g->ctx, "GeoJSON positions");
        (*offs)[(*n)++] = p;
        if (skip_value(g, p, &e))
            break;
        p = skip_ws(g, e);
        if (p < g->len && g->text[p] == '}')
            return 0;
        if (p >= g->len || g->text[p] != ',')
            break;
        p = skip_ws(g, p + 1);
    }
    return OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: GeoJSON scanner lost its place at byte %zu", g->path, p);
}

/* The place of the member named key of the object decoded as obj, whose member offsets are offs. */
static json_t *member(json_t *obj, const size_t *offs, const char *key, size_t *off)
{
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        if (strcmp(k, key) == 0) {
            *off = offs[i];
            return v;
        }
        i++;
    }
    return NULL;
}

/* ---- errors --------------------------------------------------------------------------------- */

/* Some syntax error lies in the document: let jansson find the first one and report it. */
static int syntax_error(gj *g)
{
    json_error_t e;
    json_t *all = json_loadb(g->text, g->len, JSON_REJECT_DUPLICATES, &e);
    if (all) {
        json_decref(all);
        return OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: GeoJSON scanner rejected a document jansson accepts", g->path);
    }
    int line = e.line > 0 ? e.line : 1;
    int col = e.column > 0 ? e.column : 1;
    return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: JSON syntax error: %s", g->path, line, col, e.text);
}

static int data_err(gj *g, size_t off, const char *msg)
{
    loc l = loc_advance(g, loc_start(), off);
    return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: %s", g->path, l.line, l.col, msg);
}

/* Decodes the text range [off, end); a failure means a syntax error somewhere in it. */
static int decode(gj *g, size_t off, size_t end, json_t **out)
{
    json_error_t e;
    *out = json_loadb(g->text + off, end - off, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
    return *out ? 0 : syntax_error(g);
}

/* ---- properties ----------------------------------------------------------------------------- */

/* The builder's spelling of a column name: lower case, blanks removed. */
static bool same_field(const char *key, const char *field)
{
    for (;; key++) {
        while (*key && isspace((unsigned char)*key))
            key++;
        if (tolower((unsigned char)*key) != *field)
            return false;
        if (!*field)
            return true;
        field++;
    }
}

/* The value of the property that names field, or NULL when absent or null. */
static json_t *prop(json_t *props, const char *field)
{
    const char *k;
    json_t *v;
    if (!json_is_object(props))
        return NULL;
    json_object_foreach(props, k, v) {
        if (same_field(k, field))
            return json_is_null(v) ? NULL : v;
    }
    return NULL;
}

/* True when the property is the string word, blanks around it ignored (as the builder reads it). */
static bool prop_is(json_t *props, const char *field, const char *word)
{
    json_t *v = prop(props, field);
    if (!json_is_string(v))
        return false;
    const char *s = json_string_value(v);
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n == strlen(word) && strncmp(s, word, n) == 0;
}

static int add_name(gj *g, header *h, const char *name)
{
    if (omv__strmap_get(&h->idx, name) >= 0)
        return 0;
    if (h->n >= INT32_MAX)
        return OMV_ERR(g->ctx, OMV_EDATA, "%s: too many property names", g->path);
    const char *s = omv__arena_strdup(&g->arena, name);
    if (!s || OMV_GROW(h->names, h->cap, h->n + 1) || omv__strmap_put(&h->idx, s, (int32_t)h->n) < 0)
        return OMV_NOMEM(g->ctx, "GeoJSON header");
    h->names[h->n++] = s;
    return 0;
}

/* The column of a contract field in a header, added when no property of the table names it. */
static int field_col(gj *g, header *h, const char *field, size_t *col)
{
    for (size_t j = 0; j < h->n; j++)
        if (same_field(h->names[j], field)) {
            *col = j;
            return 0;
        }
    int rc = add_name(g, h, field);
    *col = h->n - 1;
    return rc;
}

/* ---- classification ------------------------------------------------------------------------- */

/* 0 when pos is [lon, lat, ...] with numbers; with range set, also inside WGS84 bounds. */
static int check_position(json_t *pos, bool range)
{
    if (!json_is_array(pos) || json_array_size(pos) < 2 || !json_is_number(json_array_get(pos, 0)) ||
        !json_is_number(json_array_get(pos, 1)))
        return 1;
    double lon = json_number_value(json_array_get(pos, 0)), lat = json_number_value(json_array_get(pos, 1));
    if (range && (lon < -180 || lon > 180))
        return 2;
    if (range && (lat < -90 || lat > 90))
        return 3;
    return 0;
}

static int check_line(gj *g, json_t *coords, const char *what, loc l, bool report, size_t *npts)
{
    if (!json_is_array(coords) || json_array_size(coords) < 2)
        return report ? OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: a %s needs at least two positions [lon, lat]",
                                g->path, l.line, l.col, what)
                      : -1;
    for (size_t i = 0; i < json_array_size(coords); i++) {
        int bad = check_position(json_array_get(coords, i), true);
        if (!bad)
            continue;
        if (!report)
            return -1;
        return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: position %zu of the %s %s", g->path, l.line, l.col, i + 1,
                       what,
                       bad == 1   ? "is not [lon, lat] with numbers"
                       : bad == 2 ? "has a longitude out of range [-180, 180]"
                                  : "has a latitude out of range [-90, 90]");
    }
    *npts += json_array_size(coords);
    return 0;
}

/* Places in a feature that messages point at. */
typedef struct {
    loc feat, type, props, id, geom;
} places;

/* Checks a feature's structure and decides its table. With report, a problem is raised as an
 * error at its place in w; without, it only yields CL_BAD (the places in w are not looked at). */
static int classify(gj *g, json_t *f, const places *w, bool report, uint8_t *cls)
{
    omv_ctx *ctx = g->ctx;
    const char *p = g->path;
    *cls = CL_BAD;
#define FAIL(...) return report ? OMV_ERR(ctx, OMV_EDATA, __VA_ARGS__) : 0
    if (!json_is_object(f))
        FAIL("%s:%d:%d: a feature must be a JSON object", p, w->feat.line, w->feat.col);
    json_t *type = json_object_get(f, "type");
    if (!json_is_string(type))
        FAIL("%s:%d:%d: feature has no \"type\": \"Feature\"", p, w->type.line, w->type.col);
    if (strcmp(json_string_value(type), "Feature") != 0)
        FAIL("%s:%d:%d: expected a Feature in \"features\", found type '%s'", p, w->type.line, w->type.col,
             json_string_value(type));
    json_t *props = json_object_get(f, "properties");
    if (props && !json_is_object(props) && !json_is_null(props))
        FAIL("%s:%d:%d: feature properties must be an object or null", p, w->props.line, w->props.col);
    const char *k;
    json_t *v;
    json_object_foreach(props, k, v) {
        const char *s = k;
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            FAIL("%s:%d:%d: feature has a property with an empty name", p, w->props.line, w->props.col);
    }
    json_t *id = json_object_get(f, "id");
    if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id))
        FAIL("%s:%d:%d: feature \"id\" must be a string or an integer", p, w->id.line, w->id.col);
    json_t *geom = json_object_get(f, "geometry");
    const char *gtype = NULL;
    size_t npts = 0;
    if (geom && !json_is_null(geom)) {
        if (!json_is_object(geom) || !json_is_string(json_object_get(geom, "type")))
            FAIL("%s:%d:%d: feature geometry must be null or an object with a \"type\"", p, w->geom.line, w->geom.col);
        gtype = json_string_value(json_object_get(geom, "type"));
        json_t *coords = json_object_get(geom, "coordinates");
        int rc = 0;
        if (strcmp(gtype, "Point") == 0) {
            if (check_position(coords, false))
                FAIL("%s:%d:%d: Point coordinates must be [lon, lat] with numbers", p, w->geom.line, w->geom.col);
        } else if (strcmp(gtype, "LineString") == 0) {
            rc = check_line(g, coords, "LineString", w->geom, report, &npts);
        } else if (strcmp(gtype, "MultiLineString") == 0) {
            if (!json_is_array(coords) || json_array_size(coords) == 0)
                FAIL("%s:%d:%d: a MultiLineString needs at least one line", p, w->geom.line, w->geom.col);
            for (size_t i = 0; i < json_array_size(coords) && !rc; i++)
                rc = check_line(g, json_array_get(coords, i), "MultiLineString part", w->geom, report, &npts);
        } else {
            FAIL("%s:%d:%d: unsupported geometry type '%s': nodes are Points, links are LineStrings", p, w->geom.line,
                 w->geom.col, gtype);
        }
        if (rc)
            return report ? rc : 0;
        if (npts > UINT32_MAX / 2)
            FAIL("%s:%d:%d: route has too many positions", p, w->geom.line, w->geom.col);
    }
    json_t *a = prop(props, "a");
    bool has_a = a && !(json_is_string(a) && strspn(json_string_value(a), " \t\r\n") == json_string_length(a));
    bool power = prop_is(props, "medium", "power");
    bool is_point = gtype && strcmp(gtype, "Point") == 0;
    if (is_point && !(has_a && power)) {
        *cls = CL_NODE;
        return 0;
    }
    if (!gtype && !has_a) {
        *cls = CL_NODE;
        return 0;
    }
    if (power && gtype && !is_point)
        FAIL("%s:%d:%d: a reserve-power upgrade (medium power) has no line: give it geometry null or a Point "
             "at its site",
             p, w->geom.line, w->geom.col);
    bool cand = prop_is(props, "status", "candidate") || (power && !prop(props, "status"));
    *cls = cand ? CL_CAND : CL_LINK;
    return 0;
#undef FAIL
}

/* ---- first pass: the document's shape ------------------------------------------------------- */

static int add_item(gj *g, int which, size_t off, size_t end, uint8_t cls)
{
    if (OMV_GROW(g->items[which], g->capitems[which], g->nitems[which] + 1))
        return OMV_NOMEM(g->ctx, "GeoJSON features");
    g->items[which][g->nitems[which]++] = (item){off, end, cls};
    return 0;
}

static int add_names(gj *g, header *h, json_t *obj)
{
    const char *k;
    json_t *v;
    int rc = 0;
    json_object_foreach(obj, k, v) {
        if ((rc = add_name(g, h, k)))
            break;
    }
    return rc;
}

static int on_feature(gj *g, size_t off, size_t end)
{
    json_t *f;
    int rc = decode(g, off, end, &f);
    if (rc)
        return rc;
    uint8_t cls;
    places unused;
    memset(&unused, 0, sizeof(unused));
    rc = classify(g, f, &unused, false, &cls);
    if (!rc && cls != CL_BAD)
        rc = add_names(g, &g->hdr[cls], json_object_get(f, "properties"));
    if (!rc)
        rc = add_item(g, 0, off, end, cls);
    json_decref(f);
    return rc;
}

static int on_demand(gj *g, size_t off, size_t end)
{
    json_t *d;
    int rc = decode(g, off, end, &d);
    if (rc)
        return rc;
    uint8_t cls = json_is_object(d) ? CL_DEMAND : CL_BAD;
    if (cls == CL_DEMAND)
        rc = add_names(g, &g->hdr[CL_DEMAND], d);
    if (!rc)
        rc = add_item(g, 1, off, end, cls);
    json_decref(d);
    return rc;
}

/* Walks the array that starts at p ('['), handing each element to fn. */
static int scan_array(gj *g, size_t p, size_t *end, int (*fn)(gj *, size_t, size_t))
{
    p = skip_ws(g, p + 1);
    if (p < g->len && g->text[p] == ']') {
        *end = p + 1;
        return 0;
    }
    for (;;) {
        size_t e;
        if (skip_value(g, p, &e))
            return syntax_error(g);
        int rc = fn(g, p, e);
        if (rc)
            return rc;
        p = skip_ws(g, e);
        if (p < g->len && g->text[p] == ']') {
            *end = p + 1;
            return 0;
        }
        if (p >= g->len || g->text[p] != ',')
            return syntax_error(g);
        p = skip_ws(g, p + 1);
    }
}

/* A top-level value that only needs to be valid JSON (or whose content is looked at once). */
static int member_value(gj *g, size_t p, size_t *end, json_t **out)
{
    if (skip_value(g, p, end))
        return syntax_error(g);
    return decode(g, p, *end, out);
}

static int on_member(gj *g, const char *key, size_t p, size_t *end)
{
    json_t *v = NULL;
    int rc;
    bool features = strcmp(key, "features") == 0, demands = strcmp(key, "demands") == 0;
    if ((features || demands) && g->text[p] == '[') {
        if (features) {
            g->has_features = 1;
            g->features_off = p;
        }
        return scan_array(g, p, end, features ? on_feature : on_demand);
    }
    if ((rc = member_value(g, p, end, &v)))
        return rc;
    if (features) {
        g->has_features = g->features_bad = 1;
        g->features_off = p;
    } else if (demands && !json_is_null(v)) {
        g->demands_bad = 1;
        g->demands_off = p;
    } else if (strcmp(key, "type") == 0) {
        g->has_type = 1;
        g->type_off = p;
        if (json_is_string(v) && !(g->type = omv__arena_strdup(&g->arena, json_string_value(v))))
            rc = OMV_NOMEM(g->ctx, "GeoJSON");
    }
    json_decref(v);
    return rc;
}

static const char *json_kind(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_NULL:
        return "null";
    default:
        return "a boolean";
    }
}

/* The top level: an object whose members are visited in order; nothing may follow it. */
static int scan_document(gj *g)
{
    size_t p = skip_ws(g, 0);
    g->root_off = p;
    if (p >= g->len || g->text[p] != '{') {
        size_t e;
        json_t *v;
        int rc = member_value(g, p, &e, &v);
        if (rc)
            return rc;
        if (skip_ws(g, e) != g->len) {
            json_decref(v);
            return syntax_error(g);
        }
        char msg[128];
        snprintf(msg, sizeof(msg), "not a GeoJSON FeatureCollection: the top level is %s, not an object",
                 json_kind(v));
        json_decref(v);
        return data_err(g, p, msg);
    }
    omv__strmap seen;
    omv__strmap_init(&seen);
    int rc = 0;
    p = skip_ws(g, p + 1);
    if (p < g->len && g->text[p] == '}') {
        p++;
    } else {
        for (;;) {
            size_t e;
            json_t *k;
            if (p >= g->len || g->text[p] != '"' || skip_string(g, p, &e)) {
                rc = syntax_error(g);
                break;
            }
            if ((rc = decode(g, p, e, &k)))
                break;
            const char *key = omv__arena_strdup(&g->arena, json_string_value(k));
            json_decref(k);
            if (!key) {
                rc = OMV_NOMEM(g->ctx, "GeoJSON");
                break;
            }
            int dup = omv__strmap_put(&seen, key, 0);
            if (dup) {
                rc = dup < 0 ? OMV_NOMEM(g->ctx, "GeoJSON") : syntax_error(g);
                break;
            }
            p = skip_ws(g, e);
            if (p >= g->len || g->text[p] != ':') {
                rc = syntax_error(g);
                break;
            }
            p = skip_ws(g, p + 1);
            if ((rc = on_member(g, key, p, &e)))
                break;
            p = skip_ws(g, e);
            if (p < g->len && g->text[p] == '}') {
                p++;
                break;
            }
            if (p >= g->len || g->text[p] != ',') {
                rc = syntax_error(g);
                break;
            }
            p = skip_ws(g, p + 1);
        }
    }
    omv__strmap_free(&seen);
    if (!rc && skip_ws(g, p) != g->len)
        rc = syntax_error(g);
    return rc;
}

/* What the first pass could not accept, reported in file order of importance: the collection
 * itself, then the first bad feature, then the first bad demand. */
static int check_document(gj *g)
{
    if (!g->has_type)
        return data_err(g, g->root_off, "not a GeoJSON FeatureCollection: no \"type\" member");
    if (!g->type || strcmp(g->type, "FeatureCollection") != 0) {
        char msg[160];
        snprintf(msg, sizeof(msg), "not a GeoJSON FeatureCollection: \"type\" is %s%.60s%s", g->type ? "'" : "",
                 g->type ? g->type : "not a string", g->type ? "'" : "");
        return data_err(g, g->type_off, msg);
    }
    if (!g->has_features)
        return data_err(g, g->root_off, "FeatureCollection has no \"features\" member");
    if (g->features_bad)
        return data_err(g, g->features_off, "\"features\" must be an array");
    if (g->demands_bad)
        return data_err(g, g->demands_off, "\"demands\" must be an array of {\"src\", \"dst\", \"gbps\"}");
    for (size_t i = 0; i < g->nitems[0]; i++) {
        const item *it = &g->items[0][i];
        if (it->cls != CL_BAD)
            continue;
        json_t *f;
        int rc = decode(g, it->off, it->end, &f);
        if (rc)
            return rc;
        places w;
        w.feat = loc_advance(g, loc_start(), it->off);
        w.type = w.props = w.id = w.geom = w.feat;
        if (json_is_object(f)) {
            size_t n, off;
            if (!(rc = member_offsets(g, it->off, &g->moff, &g->capmoff, &n))) {
                static const char *const keys[] = {"type", "properties", "id", "geometry"};
                loc *at[] = {&w.type, &w.props, &w.id, &w.geom};
                for (int k = 0; k < 4; k++)
                    if (member(f, g->moff, keys[k], &off))
                        *at[k] = loc_advance(g, w.feat, off);
            }
        }
        uint8_t cls;
        if (!rc)
            rc = classify(g, f, &w, true, &cls);
        json_decref(f);
        return rc ? rc : OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: feature classified twice differently", g->path);
    }
    for (size_t i = 0; i < g->nitems[1]; i++)
        if (g->items[1][i].cls == CL_BAD)
            return data_err(g, g->items[1][i].off, "a demand must be an object {\"src\", \"dst\", \"gbps\"}");
    /* An empty network is a mistake (a wrong export, a filter that kept nothing), not a result. */
    if (g->nitems[0] == 0)
        return data_err(g, g->features_off, "no nodes in this FeatureCollection: \"features\" is empty");
    return 0;
}

/* ---- rows ----------------------------------------------------------------------------------- */

static int cells_reserve(gj *g, size_t ncols)
{
    if (OMV_GROW(g->celloff, g->capcelloff, ncols + 1) || OMV_GROW(g->vals, g->capvals, ncols + 1) ||
        OMV_GROW(g->cols, g->capcols, ncols + 1))
        return OMV_NOMEM(g->ctx, "GeoJSON row");
    return 0;
}

static int cell_bytes(gj *g, const char *s, size_t n)
{
    if (OMV_GROW(g->cells, g->capcells, g->ncells + n + 1))
        return OMV_NOMEM(g->ctx, "GeoJSON row");
    memcpy(g->cells + g->ncells, s, n);
    g->ncells += n;
    g->cells[g->ncells] = '\0';
    return 0;
}

/* Sets cell j to the text of v: strings as they are, integers as integers, reals in their shortest
 * exact form, booleans as true/false, null as absent, objects and arrays as compact JSON copied
 * from the document (so numbers inside keep their spelling). voff is where v starts in the text. */
static int set_cell(gj *g, size_t j, json_t *v, size_t voff)
{
    char buf[64];
    const char *s = NULL;
    size_t start = g->ncells;
    int rc = 0;
    switch (json_typeof(v)) {
    case JSON_NULL:
        g->celloff[j] = NO_CELL;
        return 0;
    case JSON_STRING:
        rc = cell_bytes(g, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = buf;
        break;
    case JSON_REAL:
        omv__fmt_double(buf, sizeof(buf), json_real_value(v));
        s = buf;
        break;
    case JSON_TRUE:
        s = "true";
        break;
    case JSON_FALSE:
        s = "false";
        break;
    default: {
        size_t end;
        if (skip_value(g, voff, &end))
            return OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: GeoJSON scanner lost its place at byte %zu", g->path, voff);
        for (size_t q = voff; q < end && !rc;) {
            char c = g->text[q];
            if (c == '"') {
                size_t e = end;
                skip_string(g, q, &e);
                rc = cell_bytes(g, g->text + q, e - q);
                q = e;
            } else {
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    rc = cell_bytes(g, &c, 1);
                q++;
            }
        }
        break;
    }
    }
    if (!rc && s)
        rc = cell_bytes(g, s, strlen(s));
    if (rc)
        return rc;
    g->ncells++; /* keep the terminating NUL */
    g->celloff[j] = start;
    return 0;
}

static const char *cell(const gj *g, size_t j) { return g->celloff[j] == NO_CELL ? NULL : g->cells + g->celloff[j]; }

/* Columns of the contract fields a feature's geometry or own members fill in. */
typedef struct {
    size_t id, lat, lon;
} special_cols;

/* A node's Point becomes its lat and lon cells; properties that say otherwise are an error. */
static int point_cells(gj *g, loc row, const special_cols *sc, json_t *coords, size_t coff)
{
    double lonlat[2] = {json_number_value(json_array_get(coords, 0)), json_number_value(json_array_get(coords, 1))};
    size_t colidx[2] = {sc->lon, sc->lat};
    static const char *const names[2] = {"lon", "lat"};
    int ccol = col_on_line(g, row, coff);
    for (int k = 0; k < 2; k++) {
        size_t j = colidx[k];
        char num[64];
        omv__fmt_double(num, sizeof(num), lonlat[k]);
        const char *given = cell(g, j);
        if (given) {
            const char *t = given;
            while (isspace((unsigned char)*t))
                t++;
            size_t n = strlen(t);
            while (n && isspace((unsigned char)t[n - 1]))
                n--;
            double d;
            if (omv__parse_decimal_n(t, n, &d) || d != lonlat[k])
                return OMV_ERR(g->ctx, OMV_EDATA,
                               "%s:%d:%d: property %s '%s' disagrees with the Point coordinates (%s %s)", g->path,
                               row.line, g->cols[j], names[k], given, names[k], num);
        }
        int rc = set_cell(g, j, json_array_get(coords, k), coff);
        if (rc)
            return rc;
        g->cols[j] = ccol;
    }
    return 0;
}

/* A link's route: the LineString, or the parts of a MultiLineString joined where they meet. */
static int route_points(gj *g, json_t *geom)
{
    const char *t = json_string_value(json_object_get(geom, "type"));
    json_t *coords = json_object_get(geom, "coordinates");
    bool multi = strcmp(t, "MultiLineString") == 0;
    size_t nparts = multi ? json_array_size(coords) : 1;
    g->npts = 0;
    for (size_t k = 0; k < nparts; k++) {
        json_t *part = multi ? json_array_get(coords, k) : coords;
        for (size_t i = 0; i < json_array_size(part); i++) {
            json_t *pos = json_array_get(part, i);
            double lon = json_number_value(json_array_get(pos, 0)), lat = json_number_value(json_array_get(pos, 1));
            if (i == 0 && g->npts && g->pts[2 * g->npts - 2] == lon && g->pts[2 * g->npts - 1] == lat)
                continue;
            if (OMV_GROW(g->pts, g->cappts, 2 * g->npts + 2))
                return OMV_NOMEM(g->ctx, "GeoJSON route");
            g->pts[2 * g->npts] = lon;
            g->pts[2 * g->npts + 1] = lat;
            g->npts++;
        }
    }
    return 0;
}

/* Emits one feature or demand as a row of table cls. row is the element's place. */
static int emit_row(gj *g, const item *it, uint8_t cls, loc row, const special_cols *sc)
{
    header *h = &g->hdr[cls];
    json_t *el;
    int rc = decode(g, it->off, it->end, &el);
    if (rc)
        return rc;
    g->ncells = 0;
    for (size_t j = 0; j < h->n; j++) {
        g->celloff[j] = NO_CELL;
        g->cols[j] = row.col;
    }
    size_t nm, np = 0;
    json_t *props = el, *geom = NULL, *fid = NULL;
    size_t poff = it->off, goff = 0, fidoff = 0;
    if ((rc = member_offsets(g, it->off, &g->moff, &g->capmoff, &nm)))
        goto cleanup;
    if (nm != json_object_size(el)) {
        rc = OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: GeoJSON scanner and jansson disagree", g->path);
        goto cleanup;
    }
    if (cls != CL_DEMAND) {
        props = member(el, g->moff, "properties", &poff);
        geom = member(el, g->moff, "geometry", &goff);
        fid = member(el, g->moff, "id", &fidoff);
    }
    if (json_is_object(props)) {
        const size_t *offs = g->moff;
        if (props != el) {
            if ((rc = member_offsets(g, poff, &g->poff, &g->cappoff, &np)))
                goto cleanup;
            offs = g->poff;
        }
        size_t i = 0;
        const char *k;
        json_t *v;
        json_object_foreach(props, k, v) {
            int32_t j = omv__strmap_get(&h->idx, k);
            if (j < 0) {
                rc = OMV_ERR(g->ctx, OMV_EINTERNAL, "%s: property '%s' missing from the header", g->path, k);
                goto cleanup;
            }
            if ((rc = set_cell(g, (size_t)j, v, offs[i])))
                goto cleanup;
            g->cols[j] = col_on_line(g, row, offs[i]);
            i++;
        }
    }
    if (sc && fid && !json_is_null(fid)) {
        /* The Feature's own id stands in for a missing id property and must match a present one. */
        const char *pid = cell(g, sc->id);
        char idtext[64];
        const char *ftext = json_is_string(fid) ? json_string_value(fid) : idtext;
        if (json_is_integer(fid))
            snprintf(idtext, sizeof(idtext), "%" JSON_INTEGER_FORMAT, json_integer_value(fid));
        if (!pid) {
            if ((rc = set_cell(g, sc->id, fid, fidoff)))
                goto cleanup;
            g->cols[sc->id] = col_on_line(g, row, fidoff);
        } else if (strcmp(pid, ftext) != 0) {
            rc = OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: feature id '%s' disagrees with its id property '%s'", g->path,
                         row.line, col_on_line(g, row, fidoff), ftext, pid);
            goto cleanup;
        }
    }
    bool has_geom = json_is_object(geom);
    const char *gtype = has_geom ? json_string_value(json_object_get(geom, "type")) : "";
    if (cls == CL_NODE && has_geom) {
        size_t coff;
        size_t ngm;
        if ((rc = member_offsets(g, goff, &g->poff, &g->cappoff, &ngm)))
            goto cleanup;
        json_t *coords = member(geom, g->poff, "coordinates", &coff);
        if ((rc = point_cells(g, row, sc, coords, coff)))
            goto cleanup;
    }
    for (size_t j = 0; j < h->n; j++)
        g->vals[j] = cell(g, j);
    if ((rc = omv__builder_row(g->b, row.line, g->vals, g->cols)))
        goto cleanup;
    if (cls != CL_NODE && has_geom && strcmp(gtype, "Point") != 0) {
        if (!(rc = route_points(g, geom)))
            rc = omv__builder_geometry(g->b, g->pts, g->npts);
    }
cleanup:
    json_decref(el);
    return rc;
}

/* Emits every element of table cls, in file order, under one header. */
static int emit_table(gj *g, uint8_t cls)
{
    int which = cls == CL_DEMAND;
    header *h = &g->hdr[cls];
    size_t first = 0;
    while (first < g->nitems[which] && g->items[which][first].cls != cls)
        first++;
    if (first == g->nitems[which])
        return 0;
    /* Columns the builder requires in each table's header, present even when no property names
     * them. The id, and a node's lat and lon, may also come from outside the properties. */
    special_cols sc;
    int rc = 0;
    static const char *const seeds[CL_COUNT_][3] = {
        {"id", "lat", "lon"}, {"id", "a", "b"}, {"id", "a", "cost_nok"}, {"src", "dst", "gbps"}};
    size_t seedcol[3];
    for (int k = 0; k < 3 && !rc; k++)
        rc = field_col(g, h, seeds[cls][k], &seedcol[k]);
    if (rc || (rc = cells_reserve(g, h->n)))
        return rc;
    sc.id = seedcol[0];
    sc.lat = seedcol[1];
    sc.lon = seedcol[2];
    loc cur = loc_advance(g, loc_start(), g->items[which][first].off);
    if ((rc = omv__builder_header(g->b, CL_TAB[cls], g->file, cur.line, h->n, h->names, NULL)))
        return rc;
    for (size_t i = first; i < g->nitems[which] && !rc; i++) {
        const item *it = &g->items[which][i];
        if (it->cls != cls)
            continue;
        cur = loc_advance(g, cur, it->off);
        rc = emit_row(g, it, cls, cur, cls == CL_DEMAND ? NULL : &sc);
    }
    return rc;
}

/* ---- entry ---------------------------------------------------------------------------------- */

int omv__load_geojson(omv__builder *b, const char *path)
{
    gj g;
    memset(&g, 0, sizeof(g));
    g.b = b;
    g.ctx = omv__builder_ctx(b);
    g.path = path;
    omv__arena_init(&g.arena);
    for (int c = 0; c < CL_COUNT_; c++)
        omv__strmap_init(&g.hdr[c].idx);
    int rc = omv__builder_file(b, path);
    if (rc < 0)
        goto cleanup;
    g.file = rc;
    size_t len;
    if ((rc = omv__read_file(g.ctx, path, &g.data, &len)))
        goto cleanup;
    g.text = g.data;
    g.len = len;
    if (len >= 3 && memcmp(g.data, "\xEF\xBB\xBF", 3) == 0) {
        g.text += 3;
        g.len -= 3;
    }
    if ((rc = scan_document(&g)) || (rc = check_document(&g)))
        goto cleanup;
    for (uint8_t c = 0; c < CL_COUNT_ && !rc; c++)
        rc = emit_table(&g, c);
cleanup:
    for (int c = 0; c < CL_COUNT_; c++) {
        omv__strmap_free(&g.hdr[c].idx);
        free(g.hdr[c].names);
    }
    free(g.items[0]);
    free(g.items[1]);
    free(g.moff);
    free(g.poff);
    free(g.cells);
    free(g.celloff);
    free(g.vals);
    free(g.cols);
    free(g.pts);
    omv__arena_free(&g.arena);
    free(g.data);
    return rc < 0 ? rc : 0;
}
