/*
 * write_geojson.c — writes a network as a GeoJSON FeatureCollection that load_geojson.c reads back
 * cell for cell and that QGIS opens as it is.
 *
 * Layout: one feature per line (so that a message about a feature names its line and the column
 * of the property), nodes first, then existing links, then candidates, each in network order;
 * demands in the foreign member "demands" (RFC 7946 §6.1) when there are any.
 * Properties: every contract column with a value, in the order of the CSV columns, with numbers as
 * JSON numbers, island as a boolean and srlg as its ';'-joined text; then every extra attribute
 * column of the table, in the order the columns were first seen, as a string, or null where the
 * feature has no value: that way the reader meets every column in the same order and rebuilds the
 * same column order for CSV.
 * Geometry: a node is a Point (null without a position); a link is its kept route, else the straight
 * line between its ends (null when an end has no position); a reserve-power candidate is a Point at
 * its site (null without a position).
 * The text is composed here rather than by jansson: jansson prints reals with a fixed precision
 * (0.1 comes out as 0.10000000000000001), while every number here is the shortest text that reads
 * back to the same double.
 */
#include "topo/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at s, or 0 when it is not valid UTF-8 (overlong forms, surrogates
 * and code points above U+10FFFF included), which JSON text may not contain. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

/* Appends s as a JSON string. -1 when s is not valid UTF-8 (nothing sensible can be written). */
static int put_str(omv__buf *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    omv__buf_puts(o, "\"");
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\') {
            size_t n = utf8_len(p);
            if (!n)
                return -1;
            p += n;
        }
        if (p > run)
            omv__buf_printf(o, "%.*s", (int)(p - run), (const char *)run);
        if (!*p)
            break;
        char esc[8] = {'\\', (char)*p, 0};
        switch (*p) {
        case '"':
        case '\\':
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[*p >> 4];
            esc[5] = hex[*p & 15];
            esc[6] = 0;
        }
        omv__buf_puts(o, esc);
        p++;
    }
    omv__buf_puts(o, "\"");
    return 0;
}

static void put_num(omv__buf *o, double v)
{
    char buf[64];
    omv__fmt_double(buf, sizeof(buf), v);
    omv__buf_puts(o, buf);
}

/* How a contract column is written in properties. */
typedef enum { AS_STRING, AS_NUMBER, AS_BOOL, AS_GEOMETRY } col_form;

static col_form form_of(const char *col)
{
    static const char *const numbers[] = {"population", "power_h", "capacity_gbps", "length_km", "cost_nok", "metric"};
    for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
        if (strcmp(col, numbers[i]) == 0)
            return AS_NUMBER;
    if (strcmp(col, "island") == 0)
        return AS_BOOL;
    if (strcmp(col, "lat") == 0 || strcmp(col, "lon") == 0)
        return AS_GEOMETRY;
    return AS_STRING;
}

typedef struct {
    const omv_net *net;
    omv_ctx *ctx;
    const char *path;
    omv__buf out;
} writer;

static int bad_text(writer *w, const char *what, const char *id, const char *col)
{
    return OMV_ERR(w->ctx, OMV_EDATA, "%s: cannot write %s '%s': %s is not valid UTF-8 (GeoJSON text is UTF-8)",
                   w->path, what, id, col);
}

/* "properties": {...} of node i (links = 0) or link i (links = 1). */
static int put_properties(writer *w, size_t i, int links)
{
    const omv_net *net = w->net;
    omv__buf *o = &w->out;
    char cell[OMV__CELL_BUF];
    const char *const *cols = links ? OMV__LINK_COLS : OMV__NODE_COLS;
    size_t ncols = links ? OMV__LINK_NCOLS : OMV__NODE_NCOLS;
    const char *id = links ? net->links[i].id : net->nodes[i].id;
    const char *what = links ? "link" : "node";
    int first = 1;
    omv__buf_puts(o, "\"properties\": {");
    for (size_t c = 0; c < ncols; c++) {
        col_form form = form_of(cols[c]);
        const char *v = links ? omv__link_cell(net, i, c, cell, sizeof(cell)) : omv__node_cell(net, i, c, cell, sizeof(cell));
        if (form == AS_GEOMETRY || !v[0])
            continue;
        omv__buf_printf(o, "%s\"%s\": ", first ? "" : ", ", cols[c]);
        first = 0;
        if (form == AS_STRING) {
            if (put_str(o, v))
                return bad_text(w, what, id, cols[c]);
        } else {
            omv__buf_puts(o, v); /* numbers in shortest exact form; island is true or false */
        }
    }
    const char *const *extra = links ? net->link_attr_cols : net->node_attr_cols;
    size_t nextra = links ? net->nlink_attr_cols : net->nnode_attr_cols;
    const omv__attrs *a = links ? omv__link_attrs(&net->links[i]) : omv__node_attrs(&net->nodes[i]);
    for (size_t c = 0; c < nextra; c++) {
        omv__buf_puts(o, first ? "" : ", ");
        first = 0;
        if (put_str(o, extra[c]))
            return bad_text(w, what, id, "a column name");
        omv__buf_puts(o, ": ");
        const char *v = omv__attrs_get(a, extra[c]);
        if (!v)
            omv__buf_puts(o, "null");
        else if (put_str(o, v))
            return bad_text(w, what, id, extra[c]);
    }
    omv__buf_puts(o, "}");
    return 0;
}

static bool has_pos(const omv__node *n) { return !isnan(n->lat) && !isnan(n->lon); }

static void put_point(omv__buf *o, const omv__node *n)
{
    omv__buf_puts(o, "{\"type\": \"Point\", \"coordinates\": [");
    put_num(o, n->lon);
    omv__buf_puts(o, ", ");
    put_num(o, n->lat);
    omv__buf_puts(o, "]}");
}

static void put_link_geometry(omv__buf *o, const omv_net *net, const omv__link *l)
{
    const omv__node *a = &net->nodes[l->a];
    if (l->b < 0) {
        if (has_pos(a))
            put_point(o, a);
        else
            omv__buf_puts(o, "null");
        return;
    }
    const omv__node *b = &net->nodes[l->b];
    double ends[4] = {a->lon, a->lat, b->lon, b->lat};
    const double *pts = ends;
    size_t npts = 2;
    const omv__geom *g = omv__link_geom(l);
    if (g && g->npts >= 2) {
        pts = g->lonlat;
        npts = g->npts;
    } else if (!has_pos(a) || !has_pos(b)) {
        omv__buf_puts(o, "null");
        return;
    }
    omv__buf_puts(o, "{\"type\": \"LineString\", \"coordinates\": [");
    for (size_t k = 0; k < npts; k++) {
        omv__buf_puts(o, k ? ", [" : "[");
        put_num(o, pts[2 * k]);
        omv__buf_puts(o, ", ");
        put_num(o, pts[2 * k + 1]);
        omv__buf_puts(o, "]");
    }
    omv__buf_puts(o, "]}");
}

static int put_features(writer *w)
{
    const omv_net *net = w->net;
    omv__buf *o = &w->out;
    int first = 1, rc;
    for (size_t v = 0; v < net->nnodes; v++) {
        omv__buf_puts(o, first ? "\n{\"type\": \"Feature\", " : ",\n{\"type\": \"Feature\", ");
        first = 0;
        if ((rc = put_properties(w, v, 0)))
            return rc;
        omv__buf_puts(o, ", \"geometry\": ");
        if (has_pos(&net->nodes[v]))
            put_point(o, &net->nodes[v]);
        else
            omv__buf_puts(o, "null");
        omv__buf_puts(o, "}");
    }
    for (int status = OMV_STATUS_EXISTING; status <= OMV_STATUS_CANDIDATE; status++) {
        for (size_t i = 0; i < net->nlinks; i++) {
            if (net->links[i].status != status)
                continue;
            omv__buf_puts(o, first ? "\n{\"type\": \"Feature\", " : ",\n{\"type\": \"Feature\", ");
            first = 0;
            if ((rc = put_properties(w, i, 1)))
                return rc;
            omv__buf_puts(o, ", \"geometry\": ");
            put_link_geometry(o, net, &net->links[i]);
            omv__buf_puts(o, "}");
        }
    }
    return 0;
}

static int put_demands(writer *w)
{
    const omv_net *net = w->net;
    omv__buf *o = &w->out;
    omv__buf_puts(o, ",\n\"demands\": [");
    for (size_t d = 0; d < net->ndemands; d++) {
        const omv__demand *dm = &net->demands[d];
        omv__buf_puts(o, d ? ",\n{\"src\": " : "\n{\"src\": ");
        if (put_str(o, net->nodes[dm->src].id))
            return bad_text(w, "demand from", net->nodes[dm->src].id, "the node id");
        omv__buf_puts(o, ", \"dst\": ");
        if (put_str(o, net->nodes[dm->dst].id))
            return bad_text(w, "demand to", net->nodes[dm->dst].id, "the node id");
        omv__buf_puts(o, ", \"gbps\": ");
        put_num(o, dm->gbps);
        omv__buf_puts(o, "}");
    }
    omv__buf_puts(o, "\n]");
    return 0;
}

int omv__write_geojson(const omv_net *net, omv_ctx *ctx, const char *path)
{
    writer w = {.net = net, .ctx = ctx, .path = path};
    omv__buf_init(&w.out);
    char *text = NULL;
    omv__buf_puts(&w.out, "{\"type\": \"FeatureCollection\",\n\"features\": [");
    int rc = put_features(&w);
    if (rc)
        goto cleanup;
    omv__buf_puts(&w.out, "\n]");
    if (net->ndemands && (rc = put_demands(&w)))
        goto cleanup;
    omv__buf_puts(&w.out, "\n}\n");
    size_t len = w.out.len;
    text = omv__buf_take(&w.out);
    if (!text) {
        rc = OMV_NOMEM(ctx, path);
        goto cleanup;
    }
    rc = omv__write_file_atomic(ctx, path, text, len);
cleanup:
    free(text);
    omv__buf_free(&w.out);
    return rc;
}
