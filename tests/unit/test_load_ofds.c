/*
 * test_load_ofds.c — the Open Fibre Data Standard readers and writer: the GeoJSON and CSV
 * publications of tests/data/ofds map onto nodes, links, routes, capacities, lengths, countries and
 * operators; every other field is kept; OFDS -> omvei -> OFDS gives the same properties and
 * geometries; a native network goes through OFDS and back unchanged; files of several networks keep
 * their repeated ids apart; errors name file:line:col, the feature and the field.
 */
#include "topo/ofds.h"

#include "support_files.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA OMV_TEST_DATA "/ofds/"

static omv_net *load_ok(omv_ctx *ctx, const char *path)
{
    const char *paths[] = {path};
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, paths, 1);
    ck_assert_msg(rc == 0, "loading %s failed: %s", path, omv_ctx_errmsg(ctx));
    return net;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void expect_error(const char *path, const char *want)
{
    omv_ctx *ctx = omv_ctx_new();
    const char *paths[] = {path};
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, paths, 1);
    ck_assert_int_eq(rc, OMV_EDATA);
    ck_assert_ptr_null(net);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), want) != NULL, "expected '%s' in '%s'", want, omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
}

START_TEST(geojson_maps_columns)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "geojson");
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_uint_eq(omv_net_link_count(net), 3);
    long v = omv_test_node(net, "1");
    ck_assert_str_eq(omv_net_node_name(net, (size_t)v), "Bodø");
    ck_assert_double_eq(omv_net_node_lat(net, (size_t)v), 67.280);
    ck_assert_double_eq(omv_net_node_lon(net, (size_t)v), 14.405);
    ck_assert_str_eq(omv_net_node_country(net, (size_t)v), "NO");
    long l = omv_test_link(net, "1");
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)l), 100);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, (size_t)l), 301.5, 1e-12);
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)l), OMV_MEDIUM_FIBER);
    ck_assert_ptr_nonnull(omv__link_geom(&net->links[l]));
    ck_assert_uint_eq(omv__link_geom(&net->links[l])->npts, 4);
    ck_assert_str_eq(omv__link_operator(&net->links[l]), "Nordfiber");
    /* deployment aboveGround reads as aerial; no fibreLength: the geodesic length x route factor */
    long l2 = omv_test_link(net, "2");
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)l2), OMV_MEDIUM_AERIAL);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)l2), 2.5);
    ck_assert(!net->links[l2].length_given);
    /* kept fields: nested objects as JSON, strings as text, a string that reads as JSON quoted */
    ck_assert_str_eq(omv_test_link_attr(net, "1", "countries"), "[\"NO\"]");
    ck_assert_str_eq(omv_test_link_attr(net, "1", "fibreCount"), "48");
    ck_assert_str_eq(omv_test_link_attr(net, "1", "ofds:status"), "operational");
    ck_assert_str_eq(omv_test_node_attr(net, "2", "postalCode"), "\"24\"");
    ck_assert_str_eq(omv_test_node_attr(net, "3", "note"), "\"\"");
    ck_assert_str_eq(omv_test_node_attr(net, "1", "accessPoint"), "true");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(csv_maps_columns)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "csv");
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_uint_eq(omv_net_link_count(net), 2);
    long v = omv_test_node(net, "2");
    ck_assert_double_eq(omv_net_node_lat(net, (size_t)v), 68.438);
    ck_assert_str_eq(omv_net_node_country(net, (size_t)v), "NO");
    ck_assert(isnan(omv_net_node_lat(net, (size_t)omv_test_node(net, "3"))));
    /* typed back: code lists, booleans; array items of another table joined by id */
    ck_assert_str_eq(omv_test_node_attr(net, "2", "type"), "[\"pop\",\"regen\"]");
    ck_assert_str_eq(omv_test_node_attr(net, "1", "accessPoint"), "true");
    const char *np = omv_test_link_attr(net, "1", "networkProviders");
    ck_assert_ptr_nonnull(np);
    ck_assert_ptr_nonnull(strstr(np, "Fjordnett"));
    ck_assert_ptr_nonnull(strstr(np, "Polarlink"));
    const char *netw = omv_test_node_attr(net, "1", "network");
    ck_assert_ptr_nonnull(strstr(netw, "\"publisher\":{\"name\":\"Nordfiber\"}"));
    ck_assert_ptr_nonnull(strstr(netw, "describedby"));
    long l = omv_test_link(net, "1");
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)l), 100);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, (size_t)l), 301.5, 1e-12);
    ck_assert_uint_eq(omv__link_geom(&net->links[l])->npts, 4);
    ck_assert_str_eq(omv__link_operator(&net->links[l]), "Nordfiber");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* The feature of kind ft with that id in a FeatureCollection, or NULL. */
static json_t *find_feature(json_t *doc, const char *ft, const char *id)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "features"), i, f)
    {
        json_t *p = json_object_get(f, "properties");
        if (!strcmp(json_string_value(json_object_get(p, "featureType")), ft) &&
            !strcmp(json_string_value(json_object_get(p, "id")), id))
            return f;
    }
    return NULL;
}

/* JSON equality where numbers compare by value (69 and 69.0 are one coordinate). */
static int same_value(json_t *a, json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return json_number_value(a) == json_number_value(b);
    if (json_is_array(a) && json_is_array(b)) {
        if (json_array_size(a) != json_array_size(b))
            return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!same_value(json_array_get(a, i), json_array_get(b, i)))
                return 0;
        return 1;
    }
    if (json_is_object(a) && json_is_object(b)) {
        if (json_object_size(a) != json_object_size(b))
            return 0;
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v)
            if (!same_value(v, json_object_get(b, k)))
                return 0;
        return 1;
    }
    return json_equal(a, b);
}

static void same_features(const char *orig, json_t *out, const char *ft)
{
    json_error_t err;
    json_t *doc = json_load_file(orig, 0, &err);
    ck_assert_ptr_nonnull(doc);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "features"), i, f)
    {
        json_t *p = json_object_get(f, "properties");
        const char *id = json_string_value(json_object_get(p, "id"));
        json_t *g = find_feature(out, ft, id);
        ck_assert_msg(g != NULL, "%s '%s' is missing after the round trip", ft, id);
        char *a = json_dumps(p, JSON_SORT_KEYS), *b = json_dumps(json_object_get(g, "properties"), JSON_SORT_KEYS);
        ck_assert_msg(json_equal(p, json_object_get(g, "properties")), "%s '%s':\n%s\n%s", ft, id, a, b);
        free(a);
        free(b);
        json_t *ga = json_object_get(f, "geometry"), *gb = json_object_get(g, "geometry");
        char *sa = json_dumps(ga, JSON_ENCODE_ANY), *sb = json_dumps(gb, JSON_ENCODE_ANY);
        ck_assert_msg((json_is_null(ga) || !ga) ? json_is_null(gb) : same_value(ga, gb), "%s %s: %s vs %s", ft, id, sa, sb);
        free(sa);
        free(sb);
    }
    json_decref(doc);
}

START_TEST(geojson_round_trip_keeps_every_field)
{
    char *dir = omv_test_tmpdir("ofds_rt");
    char *out = omv__path_join(dir, "net.ofds.geojson"), *out2 = omv__path_join(dir, "again.ofds.geojson");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "geojson");
    ck_assert_int_eq(omv_net_write(net, ctx, out), 0);
    json_error_t err;
    json_t *doc = json_load_file(out, 0, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "features")), 6);
    same_features(DATA "geojson/nodes.geojson", doc, "node");
    same_features(DATA "geojson/spans.geojson", doc, "span");
    /* the written file reads back (one file, both kinds) and writes the same bytes */
    omv_net *back = load_ok(ctx, out);
    ck_assert_int_eq(omv_net_write(back, ctx, out2), 0);
    char *t1, *t2;
    size_t n1, n2;
    ck_assert_int_eq(omv__read_file(ctx, out, &t1, &n1), 0);
    ck_assert_int_eq(omv__read_file(ctx, out2, &t2, &n2), 0);
    ck_assert_uint_eq(n1, n2);
    ck_assert(memcmp(t1, t2, n1) == 0);
    free(t1);
    free(t2);
    json_decref(doc);
    omv_net_free(back);
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(out);
    free(out2);
    free(dir);
}
END_TEST

START_TEST(native_network_through_ofds)
{
    char *dir = omv_test_tmpdir("ofds_native");
    char *out = omv__path_join(dir, "nordic.ofds.geojson");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, OMV_SOURCE_DIR "/data/nordic");
    ck_assert_int_eq(omv_net_write(net, ctx, out), 0);
    omv_net *back = load_ok(ctx, out);
    ck_assert_uint_eq(omv_net_node_count(back), omv_net_node_count(net));
    /* reserve-power upgrades have no OFDS form: every other link comes back, in order */
    size_t spans = 0;
    for (size_t i = 0; i < omv_net_link_count(net); i++)
        spans += omv_net_link_b(net, i) >= 0;
    ck_assert_uint_eq(omv_net_link_count(back), spans);
    ck_assert_uint_eq(omv_net_srlg_count(back), omv_net_srlg_count(net));
    char b1[OMV__CELL_BUF], b2[OMV__CELL_BUF];
    for (size_t v = 0; v < omv_net_node_count(net); v++)
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            ck_assert_str_eq(omv__node_cell(net, v, c, b1, sizeof(b1)), omv__node_cell(back, v, c, b2, sizeof(b2)));
    for (size_t i = 0, j = 0; i < omv_net_link_count(net); i++) {
        if (omv_net_link_b(net, i) < 0)
            continue;
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
            ck_assert_str_eq(omv__link_cell(net, i, c, b1, sizeof(b1)), omv__link_cell(back, j, c, b2, sizeof(b2)));
        j++;
    }
    ck_assert_uint_ge(omv_ctx_warning_count(ctx), 1); /* the upgrades left out are named */
    omv_net_free(back);
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(out);
    free(dir);
}
END_TEST

START_TEST(several_networks_keep_ids_apart)
{
    char *dir = omv_test_tmpdir("ofds_multi");
    char *in = omv__path_join(dir, "two.ofds.geojson"), *out = omv__path_join(dir, "out.ofds.geojson");
    write_text(in, "{\"type\":\"FeatureCollection\",\"features\":[\n"
                   "{\"type\":\"Feature\",\"properties\":{\"id\":\"1\",\"network\":{\"id\":\"gh\"},\"featureType\":\"node\"}},\n"
                   "{\"type\":\"Feature\",\"properties\":{\"id\":\"1\",\"network\":{\"id\":\"tg\"},\"featureType\":\"node\"}},\n"
                   "{\"type\":\"Feature\",\"properties\":{\"id\":\"2\",\"network\":{\"id\":\"tg\"},\"featureType\":\"node\"}},\n"
                   "{\"type\":\"Feature\",\"properties\":{\"id\":\"1\",\"start\":{\"id\":\"1\"},\"end\":{\"id\":\"2\"},"
                   "\"network\":{\"id\":\"tg\"},\"featureType\":\"span\"}}]}\n");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, in);
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_int_ge(omv_net_node_find(net, "gh:1"), 0);
    ck_assert_int_ge(omv_net_node_find(net, "tg:1"), 0);
    ck_assert_str_eq(omv_net_node_id(net, (size_t)omv_net_link_a(net, 0)), "tg:1");
    ck_assert_int_eq(omv_net_write(net, ctx, out), 0);
    json_error_t err;
    json_t *doc = json_load_file(out, 0, &err);
    json_t *span = find_feature(doc, "span", "1");
    ck_assert_ptr_nonnull(span);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(json_object_get(span, "properties"), "start"), "id")), "1");
    json_decref(doc);
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(in);
    free(out);
    free(dir);
}
END_TEST

START_TEST(errors_name_file_line_feature_and_field)
{
    char *dir = omv_test_tmpdir("ofds_bad");
    char *p = omv__path_join(dir, "bad.ofds.geojson");
    write_text(p, "{\"type\":\"FeatureCollection\",\"features\":[\n"
                  "  {\"type\":\"Feature\",\"properties\":{\"id\":\"1\",\"featureType\":\"node\"}},\n"
                  "  {\"type\":\"Feature\",\"properties\":{\"id\":\"7\",\"start\":{\"id\":\"1\"},\"featureType\":\"span\"}}\n"
                  "]}\n");
    char want[1024];
    snprintf(want, sizeof(want), "%s:3:3: feature 2: field 'end': missing", p);
    expect_error(p, want);
    write_text(p, "{\"type\":\"FeatureCollection\",\"features\":[\n"
                  "  {\"type\":\"Feature\",\"properties\":{\"id\":\"1\",\"featureType\":\"node\"}},\n"
                  "  {\"type\":\"Feature\",\"properties\":{\"id\":\"2\",\"featureType\":\"node\"}},\n"
                  "  {\"type\":\"Feature\",\"properties\":{\"id\":\"7\",\"start\":\"1\",\"end\":\"2\",\"capacity\":\"fast\","
                  "\"featureType\":\"span\"}}\n]}\n");
    snprintf(want, sizeof(want), "%s:4:3: feature 3: field 'capacity': expected a number of Gbps", p);
    expect_error(p, want);
    write_text(p, "{\"type\":\"FeatureCollection\",\"features\":[\n"
                  "  {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,60]},"
                  "\"properties\":{\"id\":\"1\",\"featureType\":\"node\"}}\n]}\n");
    snprintf(want, sizeof(want), "%s:2:3: feature 1: field 'geometry': position [200, 60] is out of range", p);
    expect_error(p, want);
    /* CSV: the cell's own line and column */
    char *csvdir = omv__path_join(dir, "csv");
    ck_assert_int_eq(omv_report_mkdir(NULL, csvdir), 0);
    char *nodes = omv__path_join(csvdir, "nodes.csv"), *spans = omv__path_join(csvdir, "spans.csv");
    write_text(nodes, "id,nodes/0/id,nodes/0/location\nn,1,POINT (1 2)\nn,2,POINT (3)\n");
    write_text(spans, "id,spans/0/id,spans/0/start,spans/0/end\nn,1,1,2\n");
    snprintf(want, sizeof(want), "%s:3:5: column 'nodes/0/location': 'POINT (3)' is not a WKT POINT", nodes);
    expect_error(csvdir, want);
    write_text(nodes, "id,nodes/0/id\nn,1\nn,2\n");
    write_text(spans, "id,spans/0/id,spans/0/start,spans/0/end\nn,1,1,9\n");
    snprintf(want, sizeof(want), "%s:2:", spans);
    expect_error(csvdir, want);
    expect_error(csvdir, "unknown node '9' in column b");
    omv_test_rmtree(dir);
    free(nodes);
    free(spans);
    free(csvdir);
    free(p);
    free(dir);
}
END_TEST

START_TEST(attribute_encoding_is_exact)
{
    const char *texts[] = {"\"plain\"", "\"24\"", "\"true\"", "\"\"", "24", "2.5", "true", "null", "[1,\"a\"]",
                           "{\"a\":{\"b\":[]}}", "\"\\\"quoted\\\"\""};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        json_error_t err;
        json_t *v = json_loads(texts[i], JSON_DECODE_ANY, &err);
        ck_assert_ptr_nonnull(v);
        char *enc = omv__ofds_attr_encode(v);
        json_t *back = omv__ofds_attr_decode(enc);
        ck_assert_msg(json_equal(v, back), "%s -> %s", texts[i], enc);
        free(enc);
        json_decref(v);
        json_decref(back);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("load_ofds");
    TCase *tc = tcase_create("ofds");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, geojson_maps_columns);
    tcase_add_test(tc, csv_maps_columns);
    tcase_add_test(tc, geojson_round_trip_keeps_every_field);
    tcase_add_test(tc, native_network_through_ofds);
    tcase_add_test(tc, several_networks_keep_ids_apart);
    tcase_add_test(tc, errors_name_file_line_feature_and_field);
    tcase_add_test(tc, attribute_encoding_is_exact);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
