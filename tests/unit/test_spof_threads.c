/*
 * test_spof_threads.c — the failure analysis gives the same result with 1 and 2 threads: every item
 * with its isolated list, every count, lambda of every node, outages and upgrades. The networks are
 * large enough (hundreds to 30,000 nodes, dozens of risk groups, outages failing most nodes) for every
 * parallel loop to run in parallel, the sort of the items and the loop over node failures included.
 */
#include "topo/build.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int below(uint64_t *s, int n) { return (int)(next(s) % (uint64_t)n); }

/* A backbone ring with two core nodes, trees hanging off it, chords that close rings, doubled links,
 * risk groups and power candidates. */
static omv_net *make_net(omv_ctx *ctx, int n, uint64_t seed, int with_core)
{
    uint64_t s = seed;
    omv__builder *b = NULL;
    omv_net *net = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "generated");
    static const char *const ncols[] = {"id", "kind", "population", "lat", "lon", "power_h"};
    static const char *const lcols[] = {"id", "a", "b", "srlg"};
    static const char *const ccols[] = {"id", "a", "medium", "power_h", "cost_nok"};
    char c[6][64];
    const char *vals[6] = {c[0], c[1], c[2], c[3], c[4], c[5]};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 6, ncols, NULL), 0);
    for (int v = 0; v < n; v++) {
        snprintf(c[0], 64, "v%d", v);
        snprintf(c[1], 64, "%s", with_core && (v == 0 || v == 25) ? "core" : below(&s, 20) == 0 ? "waypoint" : "site");
        snprintf(c[2], 64, "%d", below(&s, 5000));
        double lat = 58 + below(&s, 1300) / 100.0;
        snprintf(c[3], 64, "%.2f", lat);
        snprintf(c[4], 64, "%.2f", 5 + below(&s, 2000) / 100.0);
        int p = below(&s, 5);
        if (p == 0)
            c[5][0] = '\0';
        else
            snprintf(c[5], 64, "%d", p == 1 ? 1 : p == 2 ? 4 : p == 3 ? 20 : 100);
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 4, lcols, NULL), 0);
    int e = 0;
    for (int v = 1; v < n; v++) {
        int reps = 1 + (below(&s, 4) == 0) + (below(&s, 15) == 0);
        for (int r = 0; r < reps; r++) {
            int u = v < 50 ? v - 1 : r == 0 ? below(&s, v) : (r == 2 ? v - 1 : below(&s, v));
            snprintf(c[0], 64, "e%d", e++);
            snprintf(c[1], 64, "v%d", u);
            snprintf(c[2], 64, "v%d", v);
            if (below(&s, 8) == 0)
                snprintf(c[3], 64, "g%d;g%d", below(&s, 40), below(&s, 40));
            else
                c[3][0] = '\0';
            ck_assert_int_eq(omv__builder_row(b, e + 1, vals, NULL), 0);
        }
    }
    snprintf(c[0], 64, "e%d", e++);
    snprintf(c[1], 64, "v0");
    snprintf(c[2], 64, "v49");
    c[3][0] = '\0';
    ck_assert_int_eq(omv__builder_row(b, e + 1, vals, NULL), 0);
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_CANDIDATES, f, 1, 5, ccols, NULL), 0);
    for (int v = 0; v < n; v += 7) {
        snprintf(c[0], 64, "p%d", v);
        snprintf(c[1], 64, "v%d", v);
        snprintf(c[2], 64, "power");
        snprintf(c[3], 64, "%d", below(&s, 2) ? 24 : 72);
        snprintf(c[4], 64, "%d", 1000 + below(&s, 100));
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    ck_assert_int_eq(omv__builder_finish(b, &net), 0);
    omv__builder_free(b);
    return net;
}

static omv_spof *run(omv_ctx *ctx, const omv_net *net, int threads, const omv_region *reg, int exact)
{
    static const double hours[] = {2, 8, 50};
    omv_ctx_set_threads(ctx, threads);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.failures |= OMV_FAIL_POWER;
    opt.outage_hours = hours;
    opt.noutage = 3;
    opt.region = reg;
    opt.exact_lambda = exact;
    omv_spof *s = NULL;
    int rc = omv_spof_run(&s, ctx, net, &opt);
    ck_assert_msg(rc == 0, "%s", omv_ctx_errmsg(ctx));
    return s;
}

static void same(const omv_spof *x, const omv_spof *y, size_t n)
{
    ck_assert_uint_eq(omv_spof_item_count(x), omv_spof_item_count(y));
    for (size_t i = 0; i < omv_spof_item_count(x); i++) {
        omv_spof_item a, b;
        omv_spof_item_get(x, i, &a);
        omv_spof_item_get(y, i, &b);
        ck_assert_int_eq(a.kind, b.kind);
        ck_assert_int_eq(a.link[0], b.link[0]);
        ck_assert_int_eq(a.link[1], b.link[1]);
        ck_assert_int_eq(a.node, b.node);
        ck_assert_int_eq(a.srlg, b.srlg);
        ck_assert(a.hours == b.hours);
        ck_assert_uint_eq(a.isolated_sites, b.isolated_sites);
        ck_assert_int_eq(a.isolated_population, b.isolated_population);
        const int32_t *la, *lb;
        size_t ka = omv_spof_item_isolated(x, i, &la), kb = omv_spof_item_isolated(y, i, &lb);
        ck_assert_uint_eq(ka, kb);
        ck_assert(ka == 0 || memcmp(la, lb, ka * sizeof(*la)) == 0);
    }
    for (int k = 0; k < OMV_ITEM_KIND_COUNT_; k++)
        ck_assert_uint_eq(omv_spof_count(x, (omv_item_kind)k), omv_spof_count(y, (omv_item_kind)k));
    ck_assert_uint_eq(omv_spof_dropped_pairs(x), omv_spof_dropped_pairs(y));
    for (size_t v = 0; v < n; v++)
        ck_assert_int_eq(omv_spof_lambda(x, v), omv_spof_lambda(y, v));
    size_t sa[4], sb[4];
    int64_t pa[4], pb[4];
    omv_spof_lambda_summary(x, sa, pa);
    omv_spof_lambda_summary(y, sb, pb);
    ck_assert(memcmp(sa, sb, sizeof(sa)) == 0 && memcmp(pa, pb, sizeof(pa)) == 0);
    ck_assert_uint_eq(omv_spof_outage_count(x), omv_spof_outage_count(y));
    for (size_t k = 0; k < omv_spof_outage_count(x); k++) {
        omv_spof_outage a, b;
        omv_spof_outage_get(x, k, &a);
        omv_spof_outage_get(y, k, &b);
        ck_assert_uint_eq(a.failed_nodes, b.failed_nodes);
        ck_assert_uint_eq(a.isolated_sites, b.isolated_sites);
        ck_assert_int_eq(a.isolated_population, b.isolated_population);
        ck_assert_uint_eq(omv_spof_upgrade_count(x, k), omv_spof_upgrade_count(y, k));
        for (size_t j = 0; j < omv_spof_upgrade_count(x, k); j++) {
            omv_spof_upgrade ua, ub;
            omv_spof_upgrade_get(x, k, j, &ua);
            omv_spof_upgrade_get(y, k, j, &ub);
            ck_assert(memcmp(&ua, &ub, sizeof(ua)) == 0);
        }
    }
}

static const int SIZES[] = {300, 2500, 30000};

START_TEST(one_and_two_threads)
{
    int n = SIZES[_i % 3], with_core = _i < 3;
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = make_net(ctx, n, 1000 + (uint64_t)_i, with_core);
    omv_region *reg = NULL;
    ck_assert_int_eq(omv_region_parse(&reg, ctx, "lat>63.43"), 0);
    omv_spof *a = run(ctx, net, 1, reg, with_core);
    omv_spof *b = run(ctx, net, 2, reg, with_core);
    /* The networks are meant to exercise every class: check they do. */
    ck_assert_uint_gt(omv_spof_count(a, OMV_ITEM_BRIDGE), 10);
    ck_assert_uint_gt(omv_spof_count(a, OMV_ITEM_CUT_PAIR), 10);
    ck_assert_uint_gt(omv_spof_count(a, OMV_ITEM_SRLG), 0);
    ck_assert_uint_gt(omv_spof_upgrade_count(a, 2), 0);
    same(a, b, (size_t)n);
    omv_spof_free(a);
    omv_spof_free(b);
    omv_region_free(reg);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* R rings of L sites each through one core node, ring i's sites of i % 7 + 1 people: R groups of L + 1
 * links, (L + 1) L / 2 cut pairs each, more in all than OMV_SPOF_MAX_PAIR_ITEMS. */
static omv_net *rings(omv_ctx *ctx, int R, int L)
{
    omv__builder *b = NULL;
    omv_net *r = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "rings");
    static const char *const ncols[] = {"id", "kind", "population"};
    static const char *const lcols[] = {"id", "a", "b"};
    char c[3][32];
    const char *vals[3] = {c[0], c[1], c[2]};
    int line = 2;
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 3, ncols, NULL), 0);
    snprintf(c[0], 32, "core");
    snprintf(c[1], 32, "core");
    snprintf(c[2], 32, "0");
    ck_assert_int_eq(omv__builder_row(b, line++, vals, NULL), 0);
    for (int i = 0; i < R; i++)
        for (int j = 0; j < L; j++) {
            snprintf(c[0], 32, "r%d_%d", i, j);
            snprintf(c[1], 32, "site");
            snprintf(c[2], 32, "%d", i % 7 + 1);
            ck_assert_int_eq(omv__builder_row(b, line++, vals, NULL), 0);
        }
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 3, lcols, NULL), 0);
    for (int i = 0; i < R; i++)
        for (int j = 0; j <= L; j++) {
            snprintf(c[0], 32, "l%d_%d", i, j);
            snprintf(c[1], 32, j ? "r%d_%d" : "core", i, j - 1);
            snprintf(c[2], 32, j < L ? "r%d_%d" : "core", i, j);
            ck_assert_int_eq(omv__builder_row(b, line++, vals, NULL), 0);
        }
    ck_assert_int_eq(omv__builder_finish(b, &r), 0);
    omv__builder_free(b);
    return r;
}

/* The cut-pair pass runs on every thread, each keeping its own best pairs, merged at the end: past
 * the item cap and across many groups, the kept items, their order, the dropped count and lambda are
 * those of one thread. */
START_TEST(many_groups)
{
    enum { R = 260, L = 29 };
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = rings(ctx, R, L);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.failures = OMV_FAIL_PAIRS | OMV_FAIL_LINKS;
    omv_spof *one = NULL, *two = NULL;
    omv_ctx_set_threads(ctx, 1);
    ck_assert_msg(omv_spof_run(&one, ctx, net, &opt) == 0, "%s", omv_ctx_errmsg(ctx));
    omv_ctx_set_threads(ctx, 2);
    ck_assert_msg(omv_spof_run(&two, ctx, net, &opt) == 0, "%s", omv_ctx_errmsg(ctx));
    size_t total = (size_t)R * (L + 1) * L / 2;
    ck_assert_uint_gt(total, OMV_SPOF_MAX_PAIR_ITEMS);
    ck_assert_uint_eq(omv_spof_count(two, OMV_ITEM_CUT_PAIR), total);
    ck_assert_uint_eq(omv_spof_item_count(two), OMV_SPOF_MAX_PAIR_ITEMS);
    ck_assert_uint_eq(omv_spof_dropped_pairs(two), total - OMV_SPOF_MAX_PAIR_ITEMS);
    /* The worst pair cuts off a whole ring of the most populous kind: L sites of 7 people. */
    omv_spof_item first;
    omv_spof_item_get(two, 0, &first);
    ck_assert_uint_eq(first.isolated_sites, L);
    ck_assert_int_eq(first.isolated_population, 7 * L);
    ck_assert_int_eq(omv_spof_lambda(two, 1), 2);
    same(one, two, net->nnodes);
    omv_spof_free(one);
    omv_spof_free(two);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spof_threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, one_and_two_threads, 0, 6);
    tcase_add_test(tc, many_groups);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
