/*
 * test_join.c — inputs in their own id namespaces (NAME=PATH), join tables that make nodes of
 * different inputs one place, and the Topology Zoo conventions that go with merging backbones:
 * LinkSpeed / LinkSpeedRaw as capacity, country names (Svalbard and Jan Mayen read as NO).
 */
#include "topo/build.h"

#include "support_files.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOO OMV_TEST_DATA "/zoo/"

static const char *const TWO[] = {"north=" ZOO "north.graphml", "east=" ZOO "east.graphml"};

static int load(omv_net **net, omv_ctx *ctx, const char *const *paths, size_t n, const char *join)
{
    omv_load_opts o = OMV_LOAD_OPTS_INIT;
    const char *joins[] = {join};
    o.joins = joins;
    o.njoins = join ? 1 : 0;
    return omv_net_load_opts(net, ctx, paths, n, &o);
}

/* Lengths left to be computed on request are the lengths computed while loading, to the bit; a caller
 * built against version 1 of the options (no lengths field) still loads with lengths filled. */
START_TEST(deferred_lengths_equal_filled_ones)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *full = NULL, *lazy = NULL, *v1 = NULL;
    omv_load_opts o = OMV_LOAD_OPTS_INIT;
    ck_assert_int_eq(omv_net_load_opts(&full, ctx, TWO, 2, &o), 0);
    o.lengths = 0;
    ck_assert_int_eq(omv_net_load_opts(&lazy, ctx, TWO, 2, &o), 0);
    o.version = 1;
    o.lengths = 0; /* not read from a version 1 struct */
    ck_assert_int_eq(omv_net_load_opts(&v1, ctx, TWO, 2, &o), 0);
    size_t m = omv_net_link_count(full), computed = 0;
    ck_assert_uint_eq(omv_net_link_count(lazy), m);
    for (size_t e = 0; e < m; e++) {
        double a = omv_net_link_length_km(full, e), b = omv_net_link_length_km(lazy, e);
        ck_assert(isnan(a) ? isnan(b) : memcmp(&a, &b, sizeof(a)) == 0);
        ck_assert(isnan(a) ? isnan(v1->links[e].length_km) : v1->links[e].length_km == a);
        computed += !full->links[e].length_given && !isnan(a);
        if (!lazy->links[e].length_given)
            ck_assert(isnan(lazy->links[e].length_km)); /* nothing was filled in */
    }
    ck_assert_uint_gt(computed, 0); /* the inputs have links whose length comes from positions */
    o.version = 3;
    omv_net *bad = NULL;
    ck_assert_int_eq(omv_net_load_opts(&bad, ctx, TWO, 2, &o), OMV_EARG);
    omv_net_free(full);
    omv_net_free(lazy);
    omv_net_free(v1);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(same_ids_clash_without_namespaces)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *paths[] = {ZOO "north.graphml", ZOO "east.graphml"};
    ck_assert_int_eq(load(&net, ctx, paths, 2, NULL), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "duplicate node id '0'"));
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(namespaces_keep_files_apart)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    ck_assert_int_eq(load(&net, ctx, TWO, 2, NULL), 0);
    ck_assert_uint_eq(omv_net_node_count(net), 7);
    ck_assert_uint_eq(omv_net_link_count(net), 6);
    ck_assert_int_ge(omv_net_node_find(net, "north:0"), 0);
    ck_assert_int_ge(omv_net_node_find(net, "east:0"), 0);
    ck_assert_int_eq(omv_net_node_find(net, "0"), -1);
    ck_assert_int_ge(omv_net_link_find(net, "north:e0"), 0); /* default edge ids too */
    ck_assert_int_ge(omv_net_link_find(net, "east:e0"), 0);
    /* files are named without their namespace */
    ck_assert_str_eq(omv_net_file(net, 0), ZOO "north.graphml");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(namespaced_groups_and_references)
{
    char *dir = omv_test_tmpdir("ns_csv");
    char *nodes = omv__path_join(dir, "nodes.csv"), *links = omv__path_join(dir, "links.csv");
    FILE *f = fopen(nodes, "wb");
    fputs("id\nA\nB\n", f);
    fclose(f);
    f = fopen(links, "wb");
    fputs("id,a,b,srlg\nL,A,B,duct-1\n", f);
    fclose(f);
    char p1[1024], p2[1024];
    snprintf(p1, sizeof(p1), "x=%s", dir);
    snprintf(p2, sizeof(p2), "y=%s", dir);
    const char *paths[] = {p1, p2};
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    ck_assert_int_eq(load(&net, ctx, paths, 2, NULL), 0);
    ck_assert_uint_eq(omv_net_srlg_count(net), 2);
    long l = omv_net_link_find(net, "y:L");
    ck_assert_str_eq(omv_net_link_srlg(net, (size_t)l, 0), "y:duct-1");
    ck_assert_str_eq(omv_net_node_id(net, (size_t)omv_net_link_b(net, (size_t)l)), "y:B");
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(nodes);
    free(links);
    free(dir);
}
END_TEST

START_TEST(join_merges_nodes)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    ck_assert_int_eq(load(&net, ctx, TWO, 2, ZOO "north-east.csv"), 0);
    ck_assert_uint_eq(omv_net_node_count(net), 5);
    ck_assert_int_eq(omv_net_node_find(net, "east:0"), -1);
    long oslo = omv_net_node_find(net, "north:0"), trd = omv_net_node_find(net, "north:1");
    /* the first node keeps its attributes (east:0 has no position) */
    ck_assert_double_eq(omv_net_node_lat(net, (size_t)oslo), 59.91);
    /* east's links now end at the merged nodes; east's Oslo-Trondheim runs beside north's */
    long e0 = omv_net_link_find(net, "east:e0"), e2 = omv_net_link_find(net, "east:e2");
    ck_assert_int_eq(omv_net_link_a(net, (size_t)e0), oslo);
    ck_assert_int_eq(omv_net_link_a(net, (size_t)e2), oslo);
    ck_assert_int_eq(omv_net_link_b(net, (size_t)e2), trd);
    ck_assert_uint_eq(omv_net_link_count(net), 6);
    /* the join table is an input file, for the manifest */
    ck_assert_str_eq(omv_net_file(net, omv_net_file_count(net) - 1), ZOO "north-east.csv");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

static void join_error(const char *table, const char *want)
{
    char *dir = omv_test_tmpdir("join_bad");
    char *p = omv__path_join(dir, "join.csv");
    FILE *f = fopen(p, "wb");
    fputs(table, f);
    fclose(f);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    ck_assert_int_eq(load(&net, ctx, TWO, 2, p), OMV_EDATA);
    ck_assert_ptr_null(net);
    char full[2048];
    snprintf(full, sizeof(full), "%s%s", p, want);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), full) != NULL, "expected '%s' in '%s'", full, omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(p);
    free(dir);
}

START_TEST(join_errors_name_file_line_col)
{
    join_error("a,b\nnorth:0,east:0\nnorth:1,east:9\n", ":3:9: unknown node 'east:9' in column b");
    join_error("a,b\n0,east:0\n", ":2:1: unknown node '0' in column a (ids of a NAME=PATH input read as NAME:id)");
    join_error("a,c\nnorth:0,east:0\n", ":1:1: missing required column 'b'");
    join_error("a,b\nnorth:0,north:0\n", ":2:9: node 'north:0' is joined with itself");
}
END_TEST

START_TEST(link_between_joined_nodes_is_dropped)
{
    char *dir = omv_test_tmpdir("join_drop");
    char *p = omv__path_join(dir, "join.csv");
    FILE *f = fopen(p, "wb");
    fputs("a,b\nnorth:0,north:1\n", f); /* chains: north:1 then joins east:2 below */
    fclose(f);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *paths[] = {TWO[0]};
    ck_assert_int_eq(load(&net, ctx, paths, 1, p), 0);
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_uint_eq(omv_net_link_count(net), 2);
    ck_assert_int_eq(omv_net_link_find(net, "north:e0"), -1);
    bool warned = false;
    for (size_t i = 0; i < omv_ctx_warning_count(ctx); i++)
        warned |= strstr(omv_ctx_warning(ctx, i), "link 'north:e0' joins two nodes") != NULL;
    ck_assert(warned);
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(p);
    free(dir);
}
END_TEST

START_TEST(zoo_link_speed_and_countries)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    const char *paths[] = {ZOO "north.graphml"};
    ck_assert_int_eq(load(&net, ctx, paths, 1, NULL), 0);
    /* LinkSpeed x LinkSpeedUnits; LinkSpeedRaw (bit/s) first when both are given */
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)omv_net_link_find(net, "e0")), 10);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)omv_net_link_find(net, "e1")), 1);
    ck_assert_double_eq_tol(omv_net_link_capacity_gbps(net, (size_t)omv_net_link_find(net, "e2")), 0.155, 1e-15);
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_net_node_find(net, "0")), "NO");
    /* Svalbard and Jan Mayen: Norwegian, like LYR, NYA and JMN in data/nordic */
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_net_node_find(net, "2")), "NO");
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_net_node_find(net, "3")), "NO");
    omv_region *r = NULL;
    ck_assert_int_eq(omv_region_parse(&r, ctx, "north-of-trondheim"), 0);
    ck_assert(omv_region_has(r, net, (size_t)omv_net_node_find(net, "2")));
    ck_assert(omv_region_has(r, net, (size_t)omv_net_node_find(net, "3")));
    omv_region_free(r);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("join");
    TCase *tc = tcase_create("join");
    tcase_add_test(tc, same_ids_clash_without_namespaces);
    tcase_add_test(tc, namespaces_keep_files_apart);
    tcase_add_test(tc, namespaced_groups_and_references);
    tcase_add_test(tc, deferred_lengths_equal_filled_ones);
    tcase_add_test(tc, join_merges_nodes);
    tcase_add_test(tc, join_errors_name_file_line_col);
    tcase_add_test(tc, link_between_joined_nodes_is_dropped);
    tcase_add_test(tc, zoo_link_speed_and_countries);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
