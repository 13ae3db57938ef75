/*
 * test_overlay.c — overlays on a loaded network: the domestic view leaves out exactly the cross-border
 * links, shares node and link records, candidates, demands and attributes with the network under it,
 * and changes what the failure analysis finds (Narvik, one link from isolation at home, is two links
 * away through Sweden); an overlay that builds candidates and upgrades power is what the planner
 * verifies against.
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

START_TEST(test_domestic_drops_cross_border)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx), *dom = NULL;
    size_t dropped = 99;
    ck_assert_int_eq(omv_net_domestic(&dom, ctx, net, &dropped), 0);
    ck_assert_uint_eq(dropped, 2); /* NVK-KRN and STO-OSL; KRN-STO is Swedish */
    ck_assert_ptr_eq(dom->nodes, net->nodes); /* shared, not copied */
    ck_assert_ptr_eq(dom->links, net->links);
    ck_assert_uint_eq(dom->n_existing, net->n_existing - 2);
    ck_assert_uint_eq(omv_net_node_count(dom), omv_net_node_count(net));
    for (size_t v = 0; v < omv_net_node_count(net); v++) {
        ck_assert_str_eq(omv_net_node_id(dom, v), omv_net_node_id(net, v));
        ck_assert_int_eq(omv_net_node_population(dom, v), omv_net_node_population(net, v));
    }
    ck_assert(!omv__link_exists(dom, (size_t)omv_net_link_find(dom, "L4")));
    ck_assert(!omv__link_exists(dom, (size_t)omv_net_link_find(dom, "L6")));
    ck_assert(omv__link_exists(dom, (size_t)omv_net_link_find(dom, "L5")));
    ck_assert_str_eq(omv_net_link_srlg(dom, (size_t)omv_net_link_find(dom, "L1"), 0), "dovre");
    /* Candidates and demands come along; attributes too. */
    long c1 = omv_net_link_find(dom, "C1"), c2 = omv_net_link_find(dom, "C2");
    ck_assert_int_ge(c1, 0);
    ck_assert_int_ge(c2, 0);
    ck_assert_int_eq(omv_net_link_status(dom, (size_t)c1), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_b(dom, (size_t)c2), -1);
    ck_assert_uint_eq(omv_net_demand_count(dom), 1);
    ck_assert_str_eq(omv__attrs_get(omv__node_attrs(&dom->nodes[0]), "region_code"), "03");
    ck_assert_str_eq(omv__attrs_get(omv__link_attrs(&dom->links[0]), "note"), "inland");
    omv_net_free(dom);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_domestic_changes_lambda)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx), *dom = NULL;
    ck_assert_int_eq(omv_net_domestic(&dom, ctx, net, NULL), 0);
    omv_spof *all = NULL, *home = NULL;
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    ck_assert_int_eq(omv_spof_run(&all, ctx, net, &opt), 0);
    ck_assert_int_eq(omv_spof_run(&home, ctx, dom, &opt), 0);
    long nvk = omv_net_node_find(net, "NVK");
    /* Through Sweden, Narvik has two link-disjoint paths; at home only the one via Bodø. */
    ck_assert_int_eq(omv_spof_lambda(all, (size_t)nvk), 2);
    ck_assert_int_eq(omv_spof_lambda(home, (size_t)nvk), 1);
    ck_assert_uint_eq(omv_spof_count(all, OMV_ITEM_BRIDGE), 0);
    /* The Norwegian chain has three bridges; Kiruna-Stockholm is a fourth, in a component of its own. */
    ck_assert_uint_eq(omv_spof_count(home, OMV_ITEM_BRIDGE), 4);
    omv_spof_free(all);
    omv_spof_free(home);
    omv_net_free(dom);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_overlay_builds_candidates)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load(ctx), *after = NULL, *dom = NULL, *both = NULL;
    uint8_t *state = malloc(net->nlinks);
    for (size_t i = 0; i < net->nlinks; i++)
        state[i] = net->links[i].status == OMV_STATUS_EXISTING ? OMV__LS_EXISTING : OMV__LS_CANDIDATE;
    long c1 = omv_net_link_find(net, "C1"), c2 = omv_net_link_find(net, "C2"), c3 = omv_net_link_find(net, "C3");
    state[c1] = OMV__LS_EXISTING;
    state[c2] = OMV__LS_OFF;
    double *power = malloc(net->nnodes * sizeof(double));
    for (size_t v = 0; v < net->nnodes; v++)
        power[v] = net->nodes[v].power_h;
    power[omv_net_node_find(net, "BOD")] = 72;
    ck_assert_int_eq(omv__net_overlay(&after, ctx, net, state, power), 0);
    ck_assert_int_eq(omv_net_link_status(after, (size_t)c1), OMV_STATUS_EXISTING);
    ck_assert(omv__link_exists(after, (size_t)c1));
    ck_assert(!omv__link_candidate(after, (size_t)c2));
    ck_assert(omv__link_candidate(after, (size_t)c3));
    ck_assert(fabs(omv_net_node_power_h(after, (size_t)omv_net_node_find(after, "BOD")) - 72) < 1e-12);
    ck_assert(fabs(omv_net_node_power_h(net, (size_t)omv_net_node_find(net, "BOD")) - 4) < 1e-12);
    ck_assert_uint_eq(after->n_existing, net->n_existing + 1);
    /* The network underneath is unchanged. */
    ck_assert_int_eq(omv_net_link_status(net, (size_t)c1), OMV_STATUS_CANDIDATE);
    /* An overlay on an overlay keeps the masks it does not replace and borrows the loaded network. */
    ck_assert_int_eq(omv_net_domestic(&dom, ctx, after, NULL), 0);
    ck_assert_ptr_eq(dom->base, net);
    ck_assert(omv__link_exists(dom, (size_t)c1)); /* TRD-NVK is domestic */
    ck_assert(!omv__link_exists(dom, (size_t)omv_net_link_find(net, "L4")));
    ck_assert(fabs(omv_net_node_power_h(dom, (size_t)omv_net_node_find(net, "BOD")) - 72) < 1e-12);
    ck_assert_int_eq(omv__net_overlay(&both, ctx, dom, NULL, NULL), 0);
    ck_assert_uint_eq(both->n_existing, dom->n_existing);
    omv_spof *s = NULL;
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    ck_assert_int_eq(omv_spof_run(&s, ctx, after, &opt), 0);
    /* With Trondheim-Narvik built, Narvik and Bodø hang on a ring through Trondheim. */
    ck_assert_int_eq(omv_spof_lambda(s, (size_t)omv_net_node_find(net, "NVK")), 2);
    omv_spof_free(s);
    free(state);
    free(power);
    omv_net_free(both);
    omv_net_free(dom);
    omv_net_free(after);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("overlay");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_domestic_drops_cross_border);
    tcase_add_test(tc, test_domestic_changes_lambda);
    tcase_add_test(tc, test_overlay_builds_candidates);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
