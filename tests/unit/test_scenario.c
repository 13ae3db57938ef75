/*
 * test_scenario.c — the scenario specification: each parameter parsed once for every command, the
 * canonical values the manifest lists, the border policy as a per-demand link mask (allow, deny,
 * transit) and as the overlay the failure analysis and the planner see.
 */
#include "topo/net.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static omv_net *load(omv_ctx *ctx)
{
    const char *paths[] = {OMV_TEST_DATA "/overlay"};
    omv_net *net = NULL;
    ck_assert_msg(omv_net_load(&net, ctx, paths, 1) == 0, "%s", omv_ctx_errmsg(ctx));
    return net;
}

static const char *param(const omv_scenario *sc, const char *key)
{
    for (size_t i = 0; i < omv_scenario_param_count(sc); i++)
        if (!strcmp(omv_scenario_param_key(sc, i), key))
            return omv_scenario_param_value(sc, i);
    return NULL;
}

START_TEST(test_defaults_and_canonical_text)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_scenario *sc = NULL;
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_uint_eq(omv_scenario_failures(sc), 0);
    ck_assert_str_eq(param(sc, "region"), "all");
    ck_assert_str_eq(param(sc, "border"), "allow");
    ck_assert_int_eq(omv_scenario_default(sc, ctx, "failures", "links,srlg"), 0);
    ck_assert_uint_eq(omv_scenario_failures(sc), OMV_FAIL_LINKS | OMV_FAIL_SRLG);
    /* The user's value replaces the command's default; classes come out in one order. */
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "against", "srlg,nodes,power:lat>66:72h,4"), 0);
    ck_assert_uint_eq(omv_scenario_failures(sc), OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_POWER);
    ck_assert_str_eq(param(sc, "failures"), "nodes,srlg,power:lat>66:72,4");
    const double *h = NULL;
    ck_assert_uint_eq(omv_scenario_outage_hours(sc, &h), 2);
    ck_assert(h[0] == 72 && h[1] == 4);
    ck_assert_str_eq(omv_region_spec(omv_scenario_outage_region(sc)), "lat>66");
    /* A default after the user's value changes nothing. */
    ck_assert_int_eq(omv_scenario_default(sc, ctx, "failures", "links"), 0);
    ck_assert_uint_eq(omv_scenario_failures(sc), OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_POWER);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "border", "transit:se,FI,se"), 0);
    ck_assert_str_eq(param(sc, "border"), "transit:SE,FI");
    ck_assert_uint_eq(omv_scenario_transit_count(sc), 2);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "core", "OSL,STO"), 0);
    ck_assert_str_eq(param(sc, "core"), "OSL,STO");
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "threads", "2"), 0);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "seed", "18446744073709551615"), 0);
    ck_assert_str_eq(param(sc, "seed"), "18446744073709551615");
    /* Given twice: a scenario cannot say two things. */
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "core", "OSL"), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "core is given twice");
    omv_scenario_apply(sc, ctx);
    ck_assert_int_eq(omv_ctx_threads(ctx), 2);
    omv_scenario_free(sc);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_bad_values)
{
    static const char *const BAD[][3] = {
        {"core", "A,,B", "core: 'A,,B' holds an empty id"},
        {"core", "", "core: no node id given (ids separated by commas, or none)"},
        {"failures", "", "failures: no failure class given (links, nodes, srlg, pairs, power:REGION:H)"},
        {"failures", "links,,srlg", "failures: unknown failure class '' (links, nodes, srlg, pairs, power:REGION:H)"},
        {"power-outage", "north-of-trondheim", "power-outage: expected REGION:HOURS[,HOURS...]"},
        {"power-outage", "all:0", "power-outage: an outage lasts a number of hours above 0, got '0'"},
        {"power-outage", "all:inf", "power-outage: an outage lasts a number of hours above 0, got 'inf'"},
        {"power-outage", "all:4,4", "power-outage: the duration 4 is given twice"},
        {"border", "transit:S", "border: transit countries are two-letter ISO codes (SE,FI), got 'S'"},
        {"threads", "0", "threads: expected a whole number from 1 to 1024, got '0'"},
        {"threads", "0x2", "threads: expected a whole number from 0 to 1024, got '0x2'"},
        {"seed", "18446744073709551616", "seed: expected a whole number from 0 to 18446744073709551615"},
        {"colour", "red", "unknown scenario parameter 'colour'"},
    };
    omv_ctx *ctx = omv_ctx_new();
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++) {
        omv_scenario *sc = NULL;
        ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
        ck_assert_int_eq(omv_scenario_set(sc, ctx, BAD[i][0], BAD[i][1]), OMV_EARG);
        ck_assert_msg(strstr(omv_ctx_errmsg(ctx), BAD[i][2]) == omv_ctx_errmsg(ctx), "%s=%s: got '%s'", BAD[i][0],
                      BAD[i][1], omv_ctx_errmsg(ctx));
        omv_scenario_free(sc);
    }
    /* "power" alone needs an outage given apart; with one it is fine. */
    omv_scenario *sc = NULL;
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "failures", "links,power"), 0);
    ck_assert_int_eq(omv_scenario_check(sc, ctx), OMV_EARG);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "power-outage", "bbox:10.5,65,18.5,69.4:4,24"), 0);
    ck_assert_int_eq(omv_scenario_check(sc, ctx), 0);
    ck_assert_uint_eq(omv_scenario_failures(sc), OMV_FAIL_LINKS | OMV_FAIL_POWER);
    omv_scenario_free(sc);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_parse_nok)
{
    double v = -1;
    ck_assert_int_eq(omv_parse_nok("2.4bn", &v), 0);
    ck_assert(fabs(v - 2.4e9) < 1);
    ck_assert_int_eq(omv_parse_nok("12 MNOK", &v), 0);
    ck_assert(v == 12e6);
    ck_assert_int_eq(omv_parse_nok("1.5e8", &v), 0);
    ck_assert(v == 1.5e8);
    ck_assert_int_eq(omv_parse_nok("0", &v), 0);
    ck_assert(v == 0);
    ck_assert_int_eq(omv_parse_nok("1e300bn", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("1e6bn", &v), 0); /* exactly the cap */
    ck_assert_int_eq(omv_parse_nok("1.1e6bn", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("0x10M", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("-5M", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("inf", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("5 apples", &v), OMV_EARG);
    ck_assert_int_eq(omv_parse_nok("", &v), OMV_EARG);
}
END_TEST

START_TEST(test_border_mask)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx);
    size_t l3 = (size_t)omv_net_link_find(net, "L3"), l4 = (size_t)omv_net_link_find(net, "L4"),
           l5 = (size_t)omv_net_link_find(net, "L5");
    /* L3 Bodø–Narvik (NO-NO), L4 Narvik–Kiruna (NO-SE), L5 Kiruna–Stockholm (SE-SE). */
    static const char *const POLICIES[] = {"allow", "deny", "transit:SE", "transit:DK,SE"};
    /* open[policy][link][home NO, SE, cross-border] */
    static const int OPEN[4][3][3] = {
        {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
        {{1, 0, 1}, {0, 0, 1}, {0, 1, 1}},
        {{1, 0, 1}, {1, 1, 1}, {1, 1, 1}},
        {{1, 0, 1}, {1, 1, 1}, {1, 1, 1}},
    };
    const size_t links[3] = {l3, l4, l5};
    const char *homes[3] = {"NO", "SE", NULL};
    for (size_t p = 0; p < 4; p++) {
        omv_scenario *sc = NULL;
        ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
        ck_assert_int_eq(omv_scenario_set(sc, ctx, "border", POLICIES[p]), 0);
        for (size_t l = 0; l < 3; l++)
            for (size_t h = 0; h < 3; h++)
                ck_assert_msg(omv_scenario_link_open(sc, net, links[l], homes[h]) == OPEN[p][l][h],
                              "%s: link %zu home %s", POLICIES[p], l, homes[h] ? homes[h] : "-");
        omv_scenario_free(sc);
    }
    omv_ctx_free(ctx);
    omv_net_free(net);
}
END_TEST

START_TEST(test_border_view)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx), *view = NULL;
    omv_scenario *sc = NULL;
    size_t nl = 9, nc = 9;
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_int_eq(omv_scenario_border_view(&view, ctx, sc, net, &nl, &nc), 0);
    ck_assert_ptr_null(view);
    ck_assert_uint_eq(nl + nc, 0);
    omv_scenario_free(sc);
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "border", "deny"), 0);
    ck_assert_int_eq(omv_scenario_bind(sc, ctx, net), 0);
    ck_assert_int_eq(omv_scenario_border_view(&view, ctx, sc, net, &nl, &nc), 0);
    ck_assert_uint_eq(nl, 2);
    ck_assert_uint_eq(nc, 0);
    ck_assert_uint_eq(view->n_existing, net->n_existing - 2);
    omv_net_free(view);
    omv_scenario_free(sc);
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "border", "transit:SE"), 0);
    ck_assert_int_eq(omv_scenario_border_view(&view, ctx, sc, net, &nl, &nc), 0);
    ck_assert_uint_eq(nl, 0);
    ck_assert_uint_eq(view->n_existing, net->n_existing);
    omv_net_free(view);
    /* A transit country no node lies in is a usage error once the network is known. */
    omv_scenario_free(sc);
    ck_assert_int_eq(omv_scenario_new(&sc, ctx), 0);
    ck_assert_int_eq(omv_scenario_set(sc, ctx, "border", "transit:FI"), 0);
    ck_assert_int_eq(omv_scenario_bind(sc, ctx, net), OMV_EARG);
    omv_scenario_free(sc);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scenario");
    TCase *tc = tcase_create("scenario");
    tcase_add_test(tc, test_defaults_and_canonical_text);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_parse_nok);
    tcase_add_test(tc, test_border_mask);
    tcase_add_test(tc, test_border_view);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
