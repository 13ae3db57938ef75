/*
 * test_aftermath.c — what a risk group leaves behind: a corridor that cuts nothing off but leaves
 * sites with one path, and the follow-up link that would then cut them off.
 *
 * Fixture: Oslo reaches Bodø (S1) three ways, two of them over the "pass" group; Saltstraumen (S2)
 * hangs off Bodø by two parallel links; Røst (S3) has a ferry and a second link to Oslo. Losing the
 * pass leaves Bodø and Saltstraumen on the coastal link L3 alone; losing the ferry leaves Røst on L7.
 */
#include "topo/build.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_pass_and_ferry)
{
    omv_ctx *ctx = omv_ctx_new();
    const char *paths[] = {OMV_TEST_DATA "/aftermath"};
    omv_net *net = NULL;
    ck_assert_msg(omv_net_load(&net, ctx, paths, 1) == 0, "%s", omv_ctx_errmsg(ctx));
    omv_aftermath *a = NULL;
    size_t n = 0;
    ck_assert_int_eq(omv_aftermath_run(&a, &n, ctx, net, NULL), 0);
    ck_assert_uint_eq(n, 2);
    /* Worst first: the pass weakens 150 people, the ferry 7. */
    ck_assert_str_eq(omv_net_srlg_name(net, (size_t)a[0].srlg), "pass");
    ck_assert_uint_eq(a[0].links, 2);
    ck_assert_uint_eq(a[0].weakened_sites, 2); /* the waypoint is no site */
    ck_assert_int_eq(a[0].weakened_population, 150);
    ck_assert_str_eq(omv_net_link_id(net, (size_t)a[0].worst_link), "L3");
    ck_assert_uint_eq(a[0].worst_sites, 2); /* Bodø and Saltstraumen */
    ck_assert_int_eq(a[0].worst_population, 150);
    ck_assert_str_eq(omv_net_srlg_name(net, (size_t)a[1].srlg), "ferry");
    ck_assert_uint_eq(a[1].weakened_sites, 1);
    ck_assert_int_eq(a[1].weakened_population, 7);
    ck_assert_str_eq(omv_net_link_id(net, (size_t)a[1].worst_link), "L7");
    char *text = NULL;
    ck_assert_int_eq(omv_aftermath_text(&text, ctx, a, n, net, NULL, 0), 0);
    ck_assert_ptr_nonnull(strstr(text, "Losing pass (2 links) leaves 2 sites and 150 people with one path to the core; "
                                       "losing Oslo–Bodø as well would cut off 2 sites and 150 people.\n"));
    free(text);
    free(a);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("aftermath");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_pass_and_ferry);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
