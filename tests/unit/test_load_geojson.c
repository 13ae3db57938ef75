/*
 * test_load_geojson.c — the GeoJSON loader and writer: every shape a feature may take (Points,
 * LineStrings, MultiLineStrings, null geometry, Feature ids, typed and nested properties, candidates,
 * reserve-power candidates, demands), the file:line:col of every kind of error, and the round trip
 * writer -> loader, cell for cell, including from a CSV folder.
 *
 * Fixtures: tests/data/geojson/small.geojson (one feature per line) and tests/data/geojson/csv/.
 */
#include "topo/build.h"
#include "topo/net.h"

#include "support_files.h"

#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SMALL OMV_TEST_DATA "/geojson/small.geojson"
#define CSVDIR OMV_TEST_DATA "/geojson/csv"

/* ---- helpers -------------------------------------------------------------------------------- */

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *read_text(const char *path)
{
    char *data;
    size_t len;
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_int_eq(omv__read_file(ctx, path, &data, &len), 0);
    omv_ctx_free(ctx);
    return data;
}

static omv_net *load_ok(omv_ctx *ctx, const char *path)
{
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, &path, 1);
    ck_assert_msg(rc == 0, "loading %s failed: %s", path, omv_ctx_errmsg(ctx));
    ck_assert_ptr_nonnull(net);
    return net;
}

static long node(const omv_net *net, const char *id)
{
    long v = omv_net_node_find(net, id);
    ck_assert_msg(v >= 0, "node %s missing", id);
    return v;
}

static long link_of(const omv_net *net, const char *id)
{
    long l = omv_net_link_find(net, id);
    ck_assert_msg(l >= 0, "link %s missing", id);
    return l;
}

static const char *node_attr(const omv_net *net, const char *id, const char *key)
{
    return omv__attrs_get(omv__node_attrs(&net->nodes[node(net, id)]), key);
}

/* Every contract cell, every extra attribute, the attribute column order and the demands of two
 * networks are equal. Link routes are compared where a has one. */
static void assert_same_net(const omv_net *a, const omv_net *b)
{
    char ca[OMV__CELL_BUF], cb[OMV__CELL_BUF];
    ck_assert_uint_eq(a->nnodes, b->nnodes);
    ck_assert_uint_eq(a->nlinks, b->nlinks);
    ck_assert_uint_eq(a->ndemands, b->ndemands);
    ck_assert_uint_eq(a->nnode_attr_cols, b->nnode_attr_cols);
    ck_assert_uint_eq(a->nlink_attr_cols, b->nlink_attr_cols);
    for (size_t k = 0; k < a->nnode_attr_cols; k++)
        ck_assert_str_eq(a->node_attr_cols[k], b->node_attr_cols[k]);
    for (size_t k = 0; k < a->nlink_attr_cols; k++)
        ck_assert_str_eq(a->link_attr_cols[k], b->link_attr_cols[k]);
    for (size_t i = 0; i < a->nnodes; i++) {
        long j = node(b, a->nodes[i].id);
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            ck_assert_msg(!strcmp(omv__node_cell(a, i, c, ca, sizeof(ca)), omv__node_cell(b, (size_t)j, c, cb, sizeof(cb))),
                          "node %s column %s: '%s' vs '%s'", a->nodes[i].id, OMV__NODE_COLS[c], ca, cb);
        for (size_t k = 0; k < a->nnode_attr_cols; k++) {
            const char *va = omv__attrs_get(omv__node_attrs(&a->nodes[i]), a->node_attr_cols[k]);
            const char *vb = omv__attrs_get(omv__node_attrs(&b->nodes[j]), a->node_attr_cols[k]);
            ck_assert_msg((!va && !vb) || (va && vb && !strcmp(va, vb)), "node %s attribute %s differs",
                          a->nodes[i].id, a->node_attr_cols[k]);
        }
    }
    for (size_t i = 0; i < a->nlinks; i++) {
        long j = link_of(b, a->links[i].id);
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++) {
            const char *va = omv__link_cell(a, i, c, ca, sizeof(ca));
            const char *vb = omv__link_cell(b, (size_t)j, c, cb, sizeof(cb));
            ck_assert_msg(!strcmp(va, vb), "link %s column %s: '%s' vs '%s'", a->links[i].id, OMV__LINK_COLS[c], va, vb);
        }
        ck_assert(a->links[i].length_km == b->links[j].length_km ||
                  (isnan(a->links[i].length_km) && isnan(b->links[j].length_km)));
        for (size_t k = 0; k < a->nlink_attr_cols; k++) {
            const char *va = omv__attrs_get(omv__link_attrs(&a->links[i]), a->link_attr_cols[k]);
            const char *vb = omv__attrs_get(omv__link_attrs(&b->links[j]), a->link_attr_cols[k]);
            ck_assert_msg((!va && !vb) || (va && vb && !strcmp(va, vb)), "link %s attribute %s differs",
                          a->links[i].id, a->link_attr_cols[k]);
        }
        const omv__geom *ga = omv__link_geom(&a->links[i]), *gb = omv__link_geom(&b->links[j]);
        if (ga) {
            ck_assert_ptr_nonnull(gb);
            ck_assert_uint_eq(ga->npts, gb->npts);
            for (uint32_t p = 0; p < 2 * ga->npts; p++)
                ck_assert(ga->lonlat[p] == gb->lonlat[p]);
        }
    }
    for (size_t d = 0; d < a->ndemands; d++) {
        ck_assert_str_eq(a->nodes[a->demands[d].src].id, b->nodes[b->demands[d].src].id);
        ck_assert_str_eq(a->nodes[a->demands[d].dst].id, b->nodes[b->demands[d].dst].id);
        ck_assert(a->demands[d].gbps == b->demands[d].gbps);
    }
}

/* Writes text to dir/in.geojson, loads it, and expects OMV_EDATA with message "<path>:<want>". */
static void expect_error(const char *dir, const char *text, const char *want)
{
    char *path = omv__path_join(dir, "in.geojson");
    write_text(path, text);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = (omv_net *)1;
    const char *p = path;
    int rc = omv_net_load(&net, ctx, &p, 1);
    ck_assert_msg(rc == OMV_EDATA, "expected a data error for <%s>, got %d (%s)", text, rc, omv_ctx_errmsg(ctx));
    ck_assert_ptr_null(net);
    char full[1024];
    snprintf(full, sizeof(full), "%s:%s", path, want);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), full);
    omv_ctx_free(ctx);
    free(path);
}

#define FC_HEAD "{\"type\": \"FeatureCollection\", \"features\": [\n"
#define NODE_A "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [10, 60]}}"
#define NODE_B "{\"type\": \"Feature\", \"properties\": {\"id\": \"B\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [11, 61]}}"

/* ---- loading -------------------------------------------------------------------------------- */

START_TEST(small_counts_and_lines)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, SMALL);
    ck_assert_uint_eq(omv_net_node_count(net), 6);
    ck_assert_uint_eq(omv_net_link_count(net), 8);
    ck_assert_uint_eq(omv_net_demand_count(net), 2);
    ck_assert_uint_eq(omv_net_srlg_count(net), 2);
    ck_assert_uint_eq(omv_ctx_warning_count(ctx), 0);
    /* Rows keep the line of their feature: features start on line 5, one per line. */
    ck_assert_int_eq(net->nodes[node(net, "TRD")].line, 5);
    ck_assert_int_eq(net->nodes[node(net, "SAT")].line, 10);
    ck_assert_int_eq(net->links[link_of(net, "E1")].line, 11);
    ck_assert_int_eq(net->links[link_of(net, "P2")].line, 18);
    ck_assert_int_eq(net->demands[1].line, 22);
    /* Nodes come first, then links, then candidates, each in file order. */
    ck_assert_str_eq(omv_net_node_id(net, 0), "TRD");
    ck_assert_str_eq(omv_net_node_id(net, 3), "7");
    ck_assert_str_eq(omv_net_link_id(net, 0), "E1");
    ck_assert_str_eq(omv_net_link_id(net, 3), "E4");
    ck_assert_str_eq(omv_net_link_id(net, 4), "C1");
    ck_assert_str_eq(omv_net_link_id(net, 7), "P2");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_nodes)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, SMALL);
    long trd = node(net, "TRD"), tos = node(net, "TOS"), mor = node(net, "MOR"), rost = node(net, "7"),
         hub = node(net, "HUB"), sat = node(net, "SAT");
    /* Point coordinates are [lon, lat]. */
    ck_assert(omv_net_node_lat(net, trd) == 63.4305);
    ck_assert(omv_net_node_lon(net, trd) == 10.3951);
    ck_assert_str_eq(omv_net_node_country(net, trd), "NO");
    ck_assert_int_eq(omv_net_node_kind(net, trd), OMV_KIND_CORE);
    ck_assert_int_eq(omv_net_node_population(net, trd), 212000);
    ck_assert(omv_net_node_power_h(net, trd) == 8);
    /* UTF-8 survives; 77000.0 is a whole number; 0.1 reads back exactly; lat/lon properties that
     * agree with the Point (even as a string) are accepted. */
    ck_assert_str_eq(omv_net_node_name(net, tos), "Tromsø");
    ck_assert_int_eq(omv_net_node_population(net, tos), 77000);
    ck_assert(omv_net_node_power_h(net, tos) == 0.1);
    ck_assert_int_eq(omv_net_node_island(net, tos), 0);
    ck_assert(omv_net_node_lon(net, tos) == 18.9553);
    /* The Feature id stands in for a missing id property; the altitude is dropped. */
    ck_assert_str_eq(omv_net_node_name(net, mor), "Mo i Rana");
    ck_assert_int_eq(omv_net_node_population(net, mor), 26000);
    ck_assert(omv_net_node_lat(net, mor) == 66.3128);
    ck_assert_str_eq(omv_net_node_name(net, rost), "Røst");
    ck_assert_int_eq(omv_net_node_island(net, rost), 1);
    ck_assert_int_eq(omv_net_node_kind(net, rost), OMV_KIND_SITE);
    /* Null geometry: a node without a position; a null property is an empty cell. */
    ck_assert(isnan(omv_net_node_lat(net, hub)) && isnan(omv_net_node_lon(net, hub)));
    ck_assert_int_eq(omv_net_node_kind(net, hub), OMV_KIND_WAYPOINT);
    ck_assert_ptr_null(omv__node_municipality(net, &net->nodes[hub]));
    ck_assert_int_eq(omv_net_node_kind(net, sat), OMV_KIND_SATELLITE_GATEWAY);
    ck_assert(omv_net_node_lat(net, sat) == 78.23);
    /* Extra properties: strings as they are, booleans as true/false, reals in shortest form,
     * nested values as compact JSON text with their original number spelling. */
    ck_assert_str_eq(node_attr(net, "MOR", "operator_region"), "Helgeland");
    ck_assert_str_eq(node_attr(net, "MOR", "tags"), "{\"road\":\"E6\",\"km\":[1.10,2]}");
    ck_assert_str_eq(node_attr(net, "MOR", "staffed"), "true");
    ck_assert_str_eq(node_attr(net, "MOR", "opened"), "1500");
    ck_assert_ptr_null(node_attr(net, "TRD", "operator_region"));
    ck_assert_uint_eq(net->nnode_attr_cols, 4);
    ck_assert_str_eq(net->node_attr_cols[0], "operator_region");
    ck_assert_str_eq(net->node_attr_cols[3], "opened");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_links)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, SMALL);
    long e1 = link_of(net, "E1"), e2 = link_of(net, "E2"), e3 = link_of(net, "E3"), e4 = link_of(net, "E4");
    /* A LineString is the route, kept point for point. */
    const omv__geom *g = omv__link_geom(&net->links[e1]);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->npts, 3);
    ck_assert(g->lonlat[2] == 12.5 && g->lonlat[3] == 65.1);
    ck_assert(g->lonlat[4] == 14.1428 && g->lonlat[5] == 66.3128);
    ck_assert_int_eq(omv_net_link_a(net, e1), node(net, "TRD"));
    ck_assert_int_eq(omv_net_link_b(net, e1), node(net, "MOR"));
    ck_assert_int_eq(omv_net_link_medium(net, e1), OMV_MEDIUM_FIBER);
    ck_assert_int_eq(omv_net_link_status(net, e1), OMV_STATUS_EXISTING);
    ck_assert(omv_net_link_capacity_gbps(net, e1) == 100);
    ck_assert_uint_eq(omv_net_link_srlg_count(net, e1), 2);
    ck_assert_str_eq(omv_net_link_srlg(net, e1, 0), "e6");
    ck_assert_str_eq(omv_net_link_srlg(net, e1, 1), "saltfjellet");
    ck_assert_str_eq(omv__link_operator(&net->links[e1]), "Telenor");
    ck_assert_str_eq(omv__attrs_get(omv__link_attrs(&net->links[e1]), "operator_region"), "Helgeland");
    /* A MultiLineString becomes one line: the shared point where the parts meet appears once. */
    g = omv__link_geom(&net->links[e2]);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->npts, 3);
    ck_assert(g->lonlat[2] == 15.0 && g->lonlat[3] == 67.0);
    ck_assert(omv_net_link_length_km(net, e2) == 640.25);
    ck_assert_int_eq(net->links[e2].length_given, 1);
    /* Null geometry with "a": a link, without route; the node may have no position. */
    ck_assert_ptr_null(omv__link_geom(&net->links[e3]));
    ck_assert_int_eq(omv_net_link_b(net, e3), node(net, "HUB"));
    ck_assert(omv_net_link_length_km(net, e3) == 3);
    /* A numeric Feature id is the node id "7". */
    ck_assert_int_eq(omv_net_link_b(net, e4), node(net, "7"));
    ck_assert_int_eq(omv_net_link_medium(net, e4), OMV_MEDIUM_SUBSEA);
    ck_assert(omv_net_link_capacity_gbps(net, e4) == 2.5);
    ck_assert_int_eq(net->links[e4].length_given, 0);
    ck_assert(omv_net_link_length_km(net, e4) > 0);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_candidates_and_demands)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, SMALL);
    long c1 = link_of(net, "C1"), c2 = link_of(net, "C2"), p1 = link_of(net, "P1"), p2 = link_of(net, "P2");
    ck_assert_int_eq(omv_net_link_status(net, c1), OMV_STATUS_CANDIDATE);
    ck_assert(omv_net_link_cost_nok(net, c1) == 120000000);
    ck_assert_ptr_nonnull(omv__link_geom(&net->links[c1]));
    ck_assert_uint_eq(omv__link_geom(&net->links[c1])->npts, 2);
    ck_assert_int_eq(omv_net_link_status(net, c2), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_medium(net, c2), OMV_MEDIUM_SATELLITE);
    ck_assert_ptr_null(omv__link_geom(&net->links[c2]));
    ck_assert(omv_net_link_capacity_gbps(net, c2) == 0.1);
    /* Reserve power: null geometry, b empty. */
    ck_assert_int_eq(omv_net_link_medium(net, p1), OMV_MEDIUM_POWER);
    ck_assert_int_eq(omv_net_link_status(net, p1), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_a(net, p1), node(net, "7"));
    ck_assert_int_eq(omv_net_link_b(net, p1), -1);
    ck_assert(omv__link_power(&net->links[p1]) == 72);
    ck_assert(omv_net_link_cost_nok(net, p1) == 1200000);
    /* Reserve power drawn as a Point at its site, with no status: a candidate; no route kept. */
    ck_assert_int_eq(omv_net_link_status(net, p2), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_b(net, p2), -1);
    ck_assert(omv__link_power(&net->links[p2]) == 72.5);
    ck_assert_ptr_null(omv__link_geom(&net->links[p2]));
    /* CSR holds existing links only. */
    ck_assert_uint_eq(net->n_existing, 4);
    /* Demands from the foreign member. */
    ck_assert_int_eq(net->demands[0].src, node(net, "TRD"));
    ck_assert_int_eq(net->demands[0].dst, node(net, "TOS"));
    ck_assert(net->demands[0].gbps == 10);
    ck_assert_int_eq(net->demands[1].dst, node(net, "7"));
    ck_assert(net->demands[1].gbps == 0.25);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(accepted_variants)
{
    char *dir = omv_test_tmpdir("geojson");
    char *path = omv__path_join(dir, "v.geojson");
    omv_ctx *ctx = omv_ctx_new();
    /* Byte order mark, CRLF line ends, pretty-printed features, an empty demands list, extra
     * top-level members, properties null, a property name in another case. */
    write_text(path, "\xEF\xBB\xBF{\r\n  \"type\": \"FeatureCollection\",\r\n  \"bbox\": [10, 60, 11, 61],\r\n"
                     "  \"features\": [\r\n    {\r\n      \"type\": \"Feature\",\r\n      \"id\": \"A\",\r\n"
                     "      \"properties\": null,\r\n      \"geometry\": {\"type\": \"Point\", \"coordinates\": [10, 60]}\r\n"
                     "    },\r\n    {\"type\": \"Feature\", \"properties\": {\"ID\": \"B\", \"Population\": 5}, "
                     "\"geometry\": {\"type\": \"Point\", \"coordinates\": [11, 61]}},\r\n"
                     "    {\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", \"b\": \"B\"}, "
                     "\"geometry\": null}\r\n  ],\r\n  \"demands\": []\r\n}\r\n");
    omv_net *net = load_ok(ctx, path);
    ck_assert_uint_eq(omv_net_node_count(net), 2);
    ck_assert_int_eq(net->nodes[node(net, "A")].line, 5);
    ck_assert_int_eq(omv_net_node_population(net, node(net, "B")), 5);
    ck_assert_uint_eq(omv_net_link_count(net), 1);
    ck_assert_uint_eq(omv_net_demand_count(net), 0);
    omv_net_free(net);
    /* An empty collection is no network: an error at "features" (it was accepted as empty once). */
    write_text(path, "{\"type\": \"FeatureCollection\", \"features\": []}");
    net = NULL;
    ck_assert_int_eq(omv_net_load(&net, ctx, (const char *const *)&path, 1), OMV_EDATA);
    ck_assert_ptr_null(net);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "v.geojson:1:43: no nodes in this FeatureCollection"));
    omv_ctx_free(ctx);
    free(path);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* A long one-line (minified) file: positions stay right and the load stays linear. */
START_TEST(minified_one_line)
{
    char *dir = omv_test_tmpdir("geojson");
    char *path = omv__path_join(dir, "m.geojson");
    enum { N = 20000 };
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < N; i++)
        omv__buf_printf(&b, "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"n%d\",\"population\":%d},"
                            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%d.5,60.25]}}",
                        i ? "," : "", i, i, i % 170);
    for (int i = 1; i < N; i++)
        omv__buf_printf(&b, ",{\"type\":\"Feature\",\"properties\":{\"id\":\"l%d\",\"a\":\"n%d\",\"b\":\"n%d\"},"
                            "\"geometry\":null}",
                        i, i - 1, i);
    size_t before_last = b.len;
    omv__buf_puts(&b, ",{\"type\":\"Feature\",\"properties\":{\"id\":\"bad\",\"a\":\"n0\",\"b\":\"nowhere\"},\"geometry\":null}]}");
    char *text = omv__buf_take(&b);
    write_text(path, text);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *p = path;
    ck_assert_int_eq(omv_net_load(&net, ctx, &p, 1), OMV_EDATA);
    /* Column of "nowhere": all ASCII, so characters = bytes. */
    const char *b_at = strstr(text + before_last, "\"nowhere\"");
    char want[1024];
    snprintf(want, sizeof(want), "%s:1:%zu: unknown node 'nowhere' in column b", path, (size_t)(b_at - text) + 1);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), want);
    /* Without the bad link it loads, with every value in place. */
    strcpy(text + before_last, "]}");
    write_text(path, text);
    net = load_ok(ctx, path);
    ck_assert_uint_eq(omv_net_node_count(net), N);
    ck_assert_uint_eq(omv_net_link_count(net), N - 1);
    ck_assert_int_eq(omv_net_node_population(net, node(net, "n19999")), 19999);
    ck_assert(omv_net_node_lon(net, node(net, "n171")) == 1.5);
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(text);
    free(path);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* ---- errors --------------------------------------------------------------------------------- */

START_TEST(errors_document)
{
    char *dir = omv_test_tmpdir("geojson");
    /* Syntax errors carry jansson's line and column and its text. */
    expect_error(dir, FC_HEAD NODE_A ",\n" NODE_B "\n}",
                 "4:1: JSON syntax error: ']' expected near '}'");
    expect_error(dir, FC_HEAD NODE_A ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"B\"} \"geometry\": null}\n]}",
                 "3:56: JSON syntax error: '}' expected near '\"geometry\"'");
    expect_error(dir, FC_HEAD NODE_A ",\n{\"type\": \"Feature\", \"properti", "3:29: JSON syntax error: premature end of input near '\"properti'");
    expect_error(dir, "", "1:1: JSON syntax error: '[' or '{' expected near end of file");
    expect_error(dir, FC_HEAD NODE_A "\n]} x", "3:4: JSON syntax error: end of file expected near 'x'");
    expect_error(dir, "{\"type\": \"FeatureCollection\", \"features\": [], \"features\": []}",
                 "1:56: JSON syntax error: duplicate object key near '\"features\"'");
    expect_error(dir, "{\"type\": \"FeatureCollection\", \"crs\": {\"a\" 1}, \"features\": []}",
                 "1:43: JSON syntax error: ':' expected near '1'");
    /* Columns count characters: "ø" is one. */
    expect_error(dir, "{\"type\": \"FeatureCollection\", \"name\": \"Tromsø\" \"features\": []}",
                 "1:57: JSON syntax error: '}' expected near '\"features\"'");
    /* Not a FeatureCollection. */
    expect_error(dir, "[1, 2]", "1:1: not a GeoJSON FeatureCollection: the top level is an array, not an object");
    expect_error(dir, "  {\"features\": []}", "1:3: not a GeoJSON FeatureCollection: no \"type\" member");
    expect_error(dir, NODE_A, "1:10: not a GeoJSON FeatureCollection: \"type\" is 'Feature'");
    expect_error(dir, "{\"type\": 5, \"features\": []}", "1:10: not a GeoJSON FeatureCollection: \"type\" is not a string");
    expect_error(dir, "{\"type\": \"FeatureCollection\"}", "1:1: FeatureCollection has no \"features\" member");
    expect_error(dir, "{\"type\": \"FeatureCollection\",\n \"features\": null}", "2:14: \"features\" must be an array");
    expect_error(dir, "{\"type\": \"FeatureCollection\", \"features\": [], \"demands\": {}}",
                 "1:58: \"demands\" must be an array of {\"src\", \"dst\", \"gbps\"}");
    expect_error(dir, "{\"type\": \"FeatureCollection\", \"features\": [], \"demands\": [[\"A\", \"B\", 1]]}",
                 "1:59: a demand must be an object {\"src\", \"dst\", \"gbps\"}");
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(errors_features)
{
    char *dir = omv_test_tmpdir("geojson");
    expect_error(dir, FC_HEAD NODE_A ",\n  42\n]}", "3:3: a feature must be a JSON object");
    expect_error(dir, FC_HEAD NODE_A ",\n{\"properties\": {\"id\": \"B\"}, \"geometry\": null}\n]}",
                 "3:1: feature has no \"type\": \"Feature\"");
    expect_error(dir, FC_HEAD "{\"type\": \"Point\", \"coordinates\": [10, 60]}\n]}",
                 "2:10: expected a Feature in \"features\", found type 'Point'");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": [\"A\"], \"geometry\": null}\n]}",
                 "2:35: feature properties must be an object or null");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \" \": 1}, \"geometry\": null}\n]}",
                 "2:35: feature has a property with an empty name");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"id\": [1], \"properties\": {}, \"geometry\": null}\n]}",
                 "2:27: feature \"id\" must be a string or an integer");
    expect_error(dir, FC_HEAD NODE_A ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"Z\"}, \"geometry\": "
                                     "{\"type\": \"Polygon\", \"coordinates\": [[[10, 60], [11, 60], [10, 61], [10, 60]]]}}\n]}",
                 "3:60: unsupported geometry type 'Polygon': nodes are Points, links are LineStrings");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\"}, \"geometry\": \"Point\"}\n]}",
                 "2:60: feature geometry must be null or an object with a \"type\"");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\"}, \"geometry\": "
                              "{\"type\": \"Point\", \"coordinates\": [10]}}\n]}",
                 "2:60: Point coordinates must be [lon, lat] with numbers");
    expect_error(dir, FC_HEAD NODE_A ",\n" NODE_B ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", "
                                     "\"b\": \"B\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[10, 60]]}}\n]}",
                 "4:80: a LineString needs at least two positions [lon, lat]");
    expect_error(dir, FC_HEAD NODE_A ",\n" NODE_B ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", "
                                     "\"b\": \"B\"}, \"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": "
                                     "[[[10, 60], [10.5, 60.5]], [[10.5, 60.5], [11, -91]]]}}\n]}",
                 "4:80: position 2 of the MultiLineString part has a latitude out of range [-90, 90]");
    expect_error(dir, FC_HEAD NODE_A ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"P\", \"a\": \"A\", \"medium\": "
                                     "\"power\", \"cost_nok\": 1, \"power_h\": 72}, \"geometry\": {\"type\": \"LineString\", "
                                     "\"coordinates\": [[10, 60], [10, 61]]}}\n]}",
                 "3:119: a reserve-power upgrade (medium power) has no line: give it geometry null or a Point at its site");
    /* The first bad feature is reported even when a later one is bad too. */
    expect_error(dir, FC_HEAD NODE_A ",\n 1,\n 2\n]}", "3:2: a feature must be a JSON object");
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Messages whose wording the builder owns: only the place and the gist are asserted. */
static void expect_error_at(const char *dir, const char *text, const char *where, const char *gist)
{
    char *path = omv__path_join(dir, "in.geojson");
    write_text(path, text);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *p = path;
    ck_assert_int_eq(omv_net_load(&net, ctx, &p, 1), OMV_EDATA);
    ck_assert_ptr_null(net);
    char full[1024];
    snprintf(full, sizeof(full), "%s:%s", path, where);
    const char *msg = omv_ctx_errmsg(ctx);
    ck_assert_msg(strncmp(msg, full, strlen(full)) == 0, "'%s' does not start with '%s'", msg, full);
    ck_assert_msg(strstr(msg, gist) != NULL, "'%s' lacks '%s'", msg, gist);
    omv_ctx_free(ctx);
    free(path);
}

START_TEST(errors_values)
{
    char *dir = omv_test_tmpdir("geojson");
    /* Builder messages point at the row's line and the property's own column. */
    expect_error(dir, FC_HEAD NODE_A ",\n" NODE_B ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", "
                                     "\"b\": \"C\"}, \"geometry\": null}\n]}",
                 "4:62: unknown node 'C' in column b");
    expect_error_at(dir, FC_HEAD NODE_A ",\n" NODE_A "\n]}", "3:42: ", "duplicate node id 'A'");
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(errors_builder_places)
{
    char *dir = omv_test_tmpdir("geojson");
    expect_error_at(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"population\": \"many\"}, "
                             "\"geometry\": {\"type\": \"Point\", \"coordinates\": [10, 60]}}\n]}",
                    "2:61: ", "many");
    expect_error_at(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\"}, \"geometry\": "
                             "{\"type\": \"Point\", \"coordinates\": [10, 95]}}\n]}",
                    "2:93: ", "95");
    expect_error_at(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"lat\": \"NaN\", \"lon\": 1}, "
                             "\"geometry\": null}\n]}",
                    "2:54: ", "NaN");
    expect_error_at(dir, FC_HEAD NODE_A ",\n{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", \"b\": \"A\"}, "
                                        "\"geometry\": null}\n]}",
                    "3:62: ", "self-loop");
    /* A candidate without cost: the feature's column (the property is absent). */
    expect_error_at(dir, FC_HEAD NODE_A ",\n" NODE_B ",\n  {\"type\": \"Feature\", \"properties\": {\"id\": \"C\", \"a\": \"A\", "
                                        "\"b\": \"B\", \"status\": \"candidate\"}, \"geometry\": null}\n]}",
                    "4:3: ", "cost_nok");
    /* Demands point at their own element. */
    expect_error_at(dir, FC_HEAD NODE_A "\n], \"demands\": [\n {\"src\": \"A\", \"dst\": \"Q\", \"gbps\": 1}]}",
                    "4:22: ", "'Q'");
    /* A feature over several lines: its first line, its first column. */
    expect_error_at(dir, FC_HEAD NODE_A ",\n  {\n  \"type\": \"Feature\",\n  \"properties\": {\"id\": \"L\", \"a\": \"A\", "
                                        "\"b\": \"Q\"},\n  \"geometry\": null\n  }\n]}",
                    "3:3: ", "'Q'");
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(errors_point_and_ids)
{
    char *dir = omv_test_tmpdir("geojson");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"lat\": 60.5}, \"geometry\": "
                              "{\"type\": \"Point\", \"coordinates\": [10, 60]}}\n]}",
                 "2:54: property lat '60.5' disagrees with the Point coordinates (lat 60)");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"lon\": \"ten\"}, \"geometry\": "
                              "{\"type\": \"Point\", \"coordinates\": [10, 60]}}\n]}",
                 "2:54: property lon 'ten' disagrees with the Point coordinates (lon 10)");
    expect_error(dir, FC_HEAD "{\"type\": \"Feature\", \"id\": \"X\", \"properties\": {\"id\": \"A\"}, \"geometry\": null}\n]}",
                 "2:27: feature id 'X' disagrees with its id property 'A'");
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* ---- writing -------------------------------------------------------------------------------- */

START_TEST(roundtrip_small)
{
    char *dir = omv_test_tmpdir("geojson");
    char *out1 = omv__path_join(dir, "one.geojson"), *out2 = omv__path_join(dir, "two.geojson");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, SMALL);
    ck_assert_int_eq(omv_net_write(a, ctx, out1), 0);
    omv_net *b = load_ok(ctx, out1);
    assert_same_net(a, b);
    /* Links without a route in the input are written as straight lines between their ends, and
     * links whose end has no position as null geometry. */
    const omv__geom *g = omv__link_geom(&b->links[link_of(b, "E4")]);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->npts, 2);
    ck_assert(g->lonlat[0] == 18.9553 && g->lonlat[3] == 67.5153);
    ck_assert_ptr_null(omv__link_geom(&b->links[link_of(b, "E3")]));
    ck_assert_ptr_null(omv__link_geom(&b->links[link_of(b, "P1")]));
    /* Writing what was read gives the same bytes. */
    ck_assert_int_eq(omv_net_write(b, ctx, out2), 0);
    char *t1 = read_text(out1), *t2 = read_text(out2);
    ck_assert_str_eq(t1, t2);
    free(t1);
    free(t2);
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
    free(out1);
    free(out2);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(roundtrip_csv)
{
    char *dir = omv_test_tmpdir("geojson");
    char *gj = omv__path_join(dir, "net.geojson"), *c1 = omv__path_join(dir, "direct"),
         *c2 = omv__path_join(dir, "via");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, CSVDIR);
    ck_assert_int_eq(omv_net_write(a, ctx, gj), 0);
    omv_net *b = load_ok(ctx, gj);
    assert_same_net(a, b);
    /* Extra columns keep their order, even where the first feature has no value for them. */
    ck_assert_uint_eq(b->nnode_attr_cols, 2);
    ck_assert_str_eq(b->node_attr_cols[0], "region");
    ck_assert_str_eq(b->node_attr_cols[1], "notes");
    ck_assert_uint_eq(b->nlink_attr_cols, 2);
    ck_assert_str_eq(b->link_attr_cols[0], "year");
    ck_assert_str_eq(b->link_attr_cols[1], "note");
    /* The CSV written from either is the same, file for file. */
    ck_assert_int_eq(omv_net_write(a, ctx, c1), 0);
    ck_assert_int_eq(omv_net_write(b, ctx, c2), 0);
    static const char *const files[] = {"nodes.csv", "links.csv", "candidates.csv", "demands.csv"};
    for (size_t i = 0; i < 4; i++) {
        char *p1 = omv__path_join(c1, files[i]), *p2 = omv__path_join(c2, files[i]);
        char *t1 = read_text(p1), *t2 = read_text(p2);
        ck_assert_msg(!strcmp(t1, t2), "%s differs", files[i]);
        free(t1);
        free(t2);
        free(p1);
        free(p2);
    }
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
    free(gj);
    free(c1);
    free(c2);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(writer_text)
{
    char *dir = omv_test_tmpdir("geojson");
    char *in = omv__path_join(dir, "in.geojson"), *out = omv__path_join(dir, "out.geojson");
    write_text(in, FC_HEAD "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"name\": \"Tromsø \\\"nord\\\"\\t\\u0001\\\\\", "
                           "\"power_h\": 0.1, \"island\": \"yes\", \"x\": 1e2}, \"geometry\": {\"type\": \"Point\", "
                           "\"coordinates\": [18.9553, 69.6492]}},\n"
                           "{\"type\": \"Feature\", \"properties\": {\"id\": \"B\", \"name\": \"Mo i Rana\"}, \"geometry\": null},\n"
                           "{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", \"b\": \"B\", \"capacity_gbps\": 0.3, "
                           "\"srlg\": \"x ; y\"}, \"geometry\": null}\n], \"demands\": [{\"src\": \"A\", \"dst\": \"B\", \"gbps\": 1.1}]}");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, in);
    ck_assert_int_eq(omv_net_write(a, ctx, out), 0);
    char *t = read_text(out);
    const char *want =
        "{\"type\": \"FeatureCollection\",\n"
        "\"features\": [\n"
        "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"name\": \"Tromsø \\\"nord\\\"\\t\\u0001\\\\\", \"kind\": \"site\", "
        "\"population\": 0, \"island\": true, \"power_h\": 0.1, \"x\": \"100\"}, \"geometry\": {\"type\": \"Point\", "
        "\"coordinates\": [18.9553, 69.6492]}},\n"
        "{\"type\": \"Feature\", \"properties\": {\"id\": \"B\", \"name\": \"Mo i Rana\", \"kind\": \"site\", \"population\": 0, "
        "\"island\": false, \"x\": null}, \"geometry\": null},\n"
        "{\"type\": \"Feature\", \"properties\": {\"id\": \"L\", \"a\": \"A\", \"b\": \"B\", \"medium\": \"fiber\", "
        "\"capacity_gbps\": 0.3, \"srlg\": \"x;y\", \"status\": \"existing\"}, \"geometry\": null}\n"
        "],\n"
        "\"demands\": [\n"
        "{\"src\": \"A\", \"dst\": \"B\", \"gbps\": 1.1}\n"
        "]\n"
        "}\n";
    ck_assert_str_eq(t, want);
    omv_net *b = load_ok(ctx, out);
    assert_same_net(a, b);
    ck_assert_str_eq(omv_net_node_name(b, 0), "Tromsø \"nord\"\t\001\\");
    free(t);
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
    free(in);
    free(out);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Text that is not UTF-8 (as another loader might hand over) cannot become JSON: an error, and
 * no file, not even a temporary one. */
START_TEST(writer_rejects_invalid_utf8)
{
    char *dir = omv_test_tmpdir("geojson");
    char *out = omv__path_join(dir, "out.geojson");
    omv_ctx *ctx = omv_ctx_new();
    omv__builder *b = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "mem");
    ck_assert_int_ge(f, 0);
    static const char *const ncols[] = {"id", "name", "lat", "lon"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 4, ncols, NULL), 0);
    const char *r1[] = {"A", "Troms\xF8", "69.6", "18.9"}, *r2[] = {"B", "Bod\xC3\xB8", "67.3", "14.4"};
    ck_assert_int_eq(omv__builder_row(b, 2, r1, NULL), 0);
    ck_assert_int_eq(omv__builder_row(b, 3, r2, NULL), 0);
    static const char *const lcols[] = {"id", "a", "b"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 3, lcols, NULL), 0);
    const char *r3[] = {"L", "A", "B"};
    ck_assert_int_eq(omv__builder_row(b, 2, r3, NULL), 0);
    omv_net *net = NULL;
    ck_assert_int_eq(omv__builder_finish(b, &net), 0);
    omv__builder_free(b);
    ck_assert_int_eq(omv_net_write(net, ctx, out), OMV_EDATA);
    char want[1024];
    snprintf(want, sizeof(want), "%s: cannot write node 'A': name is not valid UTF-8 (GeoJSON text is UTF-8)", out);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), want);
    ck_assert(!omv__file_exists(out));
    DIR *dh = opendir(dir);
    struct dirent *e;
    int entries = 0;
    while ((e = readdir(dh)))
        entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(dh);
    ck_assert_int_eq(entries, 0);
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(out);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *geojson_suite(void)
{
    Suite *s = suite_create("load_geojson");
    TCase *t = tcase_create("load");
    tcase_add_test(t, small_counts_and_lines);
    tcase_add_test(t, small_nodes);
    tcase_add_test(t, small_links);
    tcase_add_test(t, small_candidates_and_demands);
    tcase_add_test(t, accepted_variants);
    tcase_add_test(t, minified_one_line);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, errors_document);
    tcase_add_test(t, errors_features);
    tcase_add_test(t, errors_values);
    tcase_add_test(t, errors_builder_places);
    tcase_add_test(t, errors_point_and_ids);
    suite_add_tcase(s, t);
    t = tcase_create("write");
    tcase_add_test(t, roundtrip_small);
    tcase_add_test(t, roundtrip_csv);
    tcase_add_test(t, writer_text);
    tcase_add_test(t, writer_rejects_invalid_utf8);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(geojson_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
