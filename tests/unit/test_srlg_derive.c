/*
 * test_srlg_derive.c — shared-risk groups derived from routes and shared infrastructure, on
 * constructed parallel routes about 55 km long near 60°N: routes within D of each other for more
 * than L km form a group (maximal sets that overlap pairwise), routes beyond D or alongside for less
 * than L do not; spans on the same owner's duct form a group; the groups join the network.
 */
#include "topo/net.h"

#include "support_files.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Degrees of longitude for m metres east at 60°N (a constructed offset, not a measurement). */
static double east(double m) { return m / (111412.84 * cos(60.0 * M_PI / 180.0)); }

static char *g_dir, *g_path;

/* Five links, each between its own two nodes:
 *   L1  along 10°E from 60.0°N to 60.5°N
 *   L2  50 m east of L1, the whole way
 *   L5  20 m east of L1, the whole way
 *   L3  300 m east of L1, the whole way
 *   L4  30 m west of L1 for 5 km (to 60.045°N), then away to the west
 * L1 and L2 also carry a duct of the same owner; L3 one of another owner. */
static void write_network(void)
{
    g_dir = omv_test_tmpdir("srlg_derive");
    g_path = omv__path_join(g_dir, "routes.geojson");
    FILE *f = fopen(g_path, "wb");
    ck_assert_ptr_nonnull(f);
    const struct {
        const char *id;
        double off;
    } par[] = {{"L1", 0}, {"L2", 50}, {"L5", 20}, {"L3", 300}};
    fprintf(f, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (size_t i = 0; i < 4; i++) {
        double lon = 10.0 + east(par[i].off);
        fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.9f,60.0]},"
                   "\"properties\":{\"id\":\"%s_s\"}},\n", lon, par[i].id);
        fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.9f,60.5]},"
                   "\"properties\":{\"id\":\"%s_n\"}},\n", lon, par[i].id);
        const char *infra = i == 0 || i == 1 ? "[{\"type\":\"duct\",\"owner\":{\"name\":\"Vegnett\"}}]"
                            : i == 3         ? "[{\"type\":\"duct\",\"owner\":{\"name\":\"Kraftnett\"}}]"
                                             : "";
        fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[%.9f,60.0],"
                   "[%.9f,60.25],[%.9f,60.5]]},\"properties\":{\"id\":\"%s\",\"a\":\"%s_s\",\"b\":\"%s_n\"%s%s%s}},\n",
                lon, lon, lon, par[i].id, par[i].id, par[i].id, *infra ? ",\"supportingInfrastructure\":" : "", infra, "");
    }
    double w = 10.0 - east(30);
    fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.9f,60.0]},"
               "\"properties\":{\"id\":\"L4_s\"}},\n", w);
    fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[9.9,60.1]},"
               "\"properties\":{\"id\":\"L4_e\"}},\n");
    fprintf(f, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[%.9f,60.0],[%.9f,60.045],"
               "[9.9,60.1]]},\"properties\":{\"id\":\"L4\",\"a\":\"L4_s\",\"b\":\"L4_e\"}},\n", w, w);
    /* a link without a route: never compared */
    fprintf(f, "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"X\",\"a\":\"L1_s\",\"b\":\"L2_n\"}}\n");
    fprintf(f, "]}\n");
    fclose(f);
}

static void cleanup(void)
{
    omv_test_rmtree(g_dir);
    free(g_dir);
    free(g_path);
}

static omv_net *load(omv_ctx *ctx)
{
    const char *paths[] = {g_path};
    omv_net *net = NULL;
    ck_assert_msg(omv_net_load(&net, ctx, paths, 1) == 0, "%s", omv_ctx_errmsg(ctx));
    return net;
}

/* The route groups as "L1+L2+L5" strings joined by spaces, in the order found. */
static void route_groups(const omv_srlg_derived *d, const omv_net *net, char *buf, size_t n, double *km)
{
    buf[0] = '\0';
    for (size_t g = 0; g < omv_srlg_derived_count(d); g++) {
        if (strcmp(omv_srlg_derived_reason(d, g), "route"))
            continue;
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, "%s", k ? " " : "");
        for (size_t m = 0; m < omv_srlg_derived_link_count(d, g); m++) {
            k = strlen(buf);
            snprintf(buf + k, n - k, "%s%s", m ? "+" : "", omv_net_link_id(net, omv_srlg_derived_link(d, g, m)));
        }
        if (km)
            *km = omv_srlg_derived_overlap_km(d, g);
    }
}

START_TEST(within_d_longer_than_l)
{
    write_network();
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx);
    omv_srlg_derived *d = NULL;
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 100, 10), 0);
    ck_assert_uint_eq(omv_srlg_derived_routed(d), 5);
    char buf[256];
    double km = 0;
    route_groups(d, net, buf, sizeof(buf), &km);
    /* L3 is beyond D; L4 runs alongside for 5 km only */
    ck_assert_str_eq(buf, "L1+L2+L5");
    ck_assert_msg(km > 54.5 && km < 56.5, "overlap %g km", km); /* 60.0 -> 60.5°N is 55.6 km */
    ck_assert_str_eq(omv_srlg_derived_name(d, 0), "route:L1+L2+L5");
    omv_srlg_derived_free(d);
    omv_net_free(net);
    omv_ctx_free(ctx);
    cleanup();
}
END_TEST

START_TEST(wider_d_takes_the_far_route)
{
    write_network();
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx);
    omv_srlg_derived *d = NULL;
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 400, 10), 0);
    char buf[256];
    route_groups(d, net, buf, sizeof(buf), NULL);
    ck_assert_str_eq(buf, "L1+L2+L5+L3"); /* network order */
    omv_srlg_derived_free(d);
    /* 290 m: L3 is 280 m from L5 but 300 m from L1 and 250 m from L2: two maximal groups */
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 290, 10), 0);
    route_groups(d, net, buf, sizeof(buf), NULL);
    ck_assert_str_eq(buf, "L1+L2+L5 L2+L5+L3");
    omv_srlg_derived_free(d);
    omv_net_free(net);
    omv_ctx_free(ctx);
    cleanup();
}
END_TEST

START_TEST(shorter_l_takes_the_short_overlap)
{
    write_network();
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx);
    omv_srlg_derived *d = NULL;
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 100, 3), 0);
    char buf[256];
    double km = 0;
    route_groups(d, net, buf, sizeof(buf), &km);
    ck_assert_str_eq(buf, "L1+L2+L5+L4");
    ck_assert_msg(km > 4.5 && km < 5.6, "overlap %g km", km); /* L4 runs along for 5 km */
    omv_srlg_derived_free(d);
    omv_net_free(net);
    omv_ctx_free(ctx);
    cleanup();
}
END_TEST

START_TEST(shared_infrastructure_and_adding)
{
    write_network();
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx);
    size_t before = omv_net_srlg_count(net);
    omv_srlg_derived *d = NULL;
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 100, 10), 0);
    ck_assert_uint_eq(omv_srlg_derived_count(d), 2);
    size_t g = 1;
    ck_assert_str_eq(omv_srlg_derived_reason(d, g), "supportingInfrastructure");
    ck_assert_str_eq(omv_srlg_derived_name(d, g), "supportingInfrastructure:duct:Vegnett");
    ck_assert_uint_eq(omv_srlg_derived_link_count(d, g), 2);
    ck_assert(isnan(omv_srlg_derived_overlap_km(d, g)));
    ck_assert_int_eq(omv_net_add_srlgs(net, ctx, d), 0);
    ck_assert_uint_eq(omv_net_srlg_count(net), before + 2);
    long l1 = omv_net_link_find(net, "L1");
    ck_assert_uint_eq(omv_net_link_srlg_count(net, (size_t)l1), 2);
    ck_assert_str_eq(omv_net_link_srlg(net, (size_t)l1, 0), "route:L1+L2+L5");
    ck_assert_uint_eq(omv_net_link_srlg_count(net, (size_t)omv_net_link_find(net, "L3")), 0);
    /* adding again reuses the groups of the same name */
    ck_assert_int_eq(omv_net_add_srlgs(net, ctx, d), 0);
    ck_assert_uint_eq(omv_net_srlg_count(net), before + 2);
    ck_assert_uint_eq(omv_net_link_srlg_count(net, (size_t)l1), 2);
    omv_srlg_derived_free(d);
    ck_assert_int_eq(omv_srlg_derive(&d, ctx, net, 0, 10), OMV_EARG);
    ck_assert_ptr_null(d);
    omv_net_free(net);
    omv_ctx_free(ctx);
    cleanup();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("srlg_derive");
    TCase *tc = tcase_create("derive");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, within_d_longer_than_l);
    tcase_add_test(tc, wider_d_takes_the_far_route);
    tcase_add_test(tc, shorter_l_takes_the_short_overlap);
    tcase_add_test(tc, shared_infrastructure_and_adding);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
