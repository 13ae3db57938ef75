/*
 * test_spof.c — the failure analysis on networks small enough to work out by hand, its options and
 * errors, and the real Topology Zoo backbones beside the project (skipped when absent).
 *
 * tests/data/spof/north: Oslo (core) — Trondheim by two parallel links in one duct (group "oslo-duct",
 * index 0, so the group cuts like a single link); a ring Trondheim – Mo i Rana
 * – Bodø – a junction – Trondheim whose two northern links share the group "saltfjellet"; Bodø –
 * Tromsø, and Bodø – Svolvær by subsea (group "vestfjorden"). Node indices: osl 0, trd 1, mor 2,
 * wp1 3, bod 4, tos 5, svo 6; link indices l1..l8 = 0..7, candidates c1..c3 = 8..10.
 *
 * tests/data/spof/barbell: no core node. Triangles a1 a2 a3 and b1 b2 b3 joined by a1–b1, and c
 * hanging off b2; the largest remaining component plays the core, ties to the lowest node index.
 */
#include "support_graphs.h"
#include "topo/build.h"

#include <check.h>
#include <igraph.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPOF_DIR OMV_TEST_DATA "/spof"
#define SHARED_DIR OMV_SOURCE_DIR "/../shared/data"

static omv_ctx *ctx;
static omv_net *net;

static omv_net *load(const char *path)
{
    omv_net *n = NULL;
    int rc = omv_net_load(&n, ctx, &path, 1);
    ck_assert_msg(rc == 0, "%s: %s", path, omv_ctx_errmsg(ctx));
    return n;
}

static void setup_north(void)
{
    ctx = omv_ctx_new();
    net = load(SPOF_DIR "/north"); /* the folder holds candidates.csv */
}

static void setup_barbell(void)
{
    ctx = omv_ctx_new();
    net = load(SPOF_DIR "/barbell");
}

static void teardown(void)
{
    omv_net_free(net);
    omv_ctx_free(ctx);
}

typedef struct {
    omv_item_kind kind;
    long a, b; /* link[0], link[1] / node / group / hours */
    size_t sites;
    int64_t pop;
    const char *isolated; /* node ids, space separated, ascending by index */
} want_item;

static const char *const KIND[] = {"bridge", "node", "group", "pair", "power"};

static void expect_items(const omv_spof *s, const want_item *w, size_t nw)
{
    ck_assert_uint_eq(omv_spof_item_count(s), nw);
    for (size_t i = 0; i < nw; i++) {
        omv_spof_item it;
        ck_assert_int_eq(omv_spof_item_get(s, i, &it), 0);
        long a = it.kind == OMV_ITEM_ARTICULATION ? it.node
                 : it.kind == OMV_ITEM_SRLG       ? it.srlg
                 : it.kind == OMV_ITEM_POWER      ? (long)it.hours
                                                  : it.link[0];
        long b = it.kind == OMV_ITEM_CUT_PAIR ? it.link[1] : -1;
        ck_assert_msg(it.kind == w[i].kind && a == w[i].a && b == w[i].b,
                      "item %zu: %s %ld %ld, expected %s %ld %ld", i, KIND[it.kind], a, b, KIND[w[i].kind], w[i].a,
                      w[i].b);
        ck_assert_uint_eq(it.isolated_sites, w[i].sites);
        ck_assert_int_eq(it.isolated_population, w[i].pop);
        const int32_t *nodes;
        size_t k = omv_spof_item_isolated(s, i, &nodes);
        char got[256] = "";
        for (size_t j = 0; j < k; j++) {
            size_t l = strlen(got);
            snprintf(got + l, sizeof(got) - l, "%s%s", j ? " " : "", omv_net_node_id(net, (size_t)nodes[j]));
        }
        ck_assert_msg(strcmp(got, w[i].isolated) == 0, "item %zu: isolated '%s', expected '%s'", i, got,
                      w[i].isolated);
    }
}

static omv_spof *run(const omv_spof_options *opt)
{
    omv_spof *s = NULL;
    int rc = omv_spof_run(&s, ctx, net, opt);
    ck_assert_msg(rc == 0, "spof: %s", omv_ctx_errmsg(ctx));
    return s;
}

/* ---- north ---------------------------------------------------------------------------------- */

START_TEST(north_items)
{
    omv_region *reg;
    ck_assert_int_eq(omv_region_parse(&reg, ctx, "north-of-trondheim"), 0);
    static const double hours[] = {6, 24};
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.region = reg;
    opt.failures |= OMV_FAIL_POWER;
    opt.outage_hours = hours;
    opt.noutage = 2;
    omv_spof *s = run(&opt);
    const int32_t *core;
    ck_assert_uint_eq(omv_spof_core(s, &core), 1);
    ck_assert_int_eq(core[0], 0);
    static const want_item want[] = {
        /* Oslo is the only core node: its loss cuts off everything (it is no articulation point). */
        {OMV_ITEM_ARTICULATION, 0, -1, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_ARTICULATION, 1, -1, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_SRLG, 0, -1, 4, 164000, "mor bod tos svo"},    /* the duct of the doubled link */
        {OMV_ITEM_CUT_PAIR, 0, 1, 4, 164000, "mor bod tos svo"}, /* the doubled Oslo link */
        {OMV_ITEM_CUT_PAIR, 2, 4, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_CUT_PAIR, 2, 5, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_POWER, 6, -1, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_POWER, 24, -1, 4, 164000, "mor bod tos svo"},
        {OMV_ITEM_SRLG, 1, -1, 3, 138000, "bod tos svo"}, /* saltfjellet */
        {OMV_ITEM_CUT_PAIR, 3, 4, 3, 138000, "bod tos svo"},
        {OMV_ITEM_CUT_PAIR, 3, 5, 3, 138000, "bod tos svo"},
        {OMV_ITEM_ARTICULATION, 4, -1, 2, 86000, "tos svo"},
        {OMV_ITEM_BRIDGE, 6, -1, 1, 77000, "tos"},
        {OMV_ITEM_CUT_PAIR, 2, 3, 1, 26000, "mor"},
        {OMV_ITEM_BRIDGE, 7, -1, 1, 9000, "svo"},
        {OMV_ITEM_SRLG, 2, -1, 1, 9000, "svo"}, /* vestfjorden */
    };
    expect_items(s, want, sizeof(want) / sizeof(want[0]));
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_BRIDGE), 2);
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_ARTICULATION), 2);
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_CUT_PAIR), 7); /* the doubled link + C(4,2) in the ring */
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_SRLG), 3);
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_POWER), 2);
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_KIND_COUNT_), 0);
    ck_assert(omv_spof_region(s) == reg);
    ck_assert_ptr_null(omv_spof_outage_region(s));
    ck_assert_uint_eq(omv_spof_failures(s), opt.failures);
    ck_assert_int_eq(omv_spof_exact_lambda(s), 0);
    ck_assert_int_eq(omv_spof_interrupted(s), 0);
    ck_assert_uint_eq(omv_spof_dropped_pairs(s), 0);
    omv_spof_item it;
    ck_assert_int_eq(omv_spof_item_get(s, 16, &it), OMV_EARG);
    const int32_t *nodes = (const int32_t *)&it;
    ck_assert_uint_eq(omv_spof_item_isolated(s, 16, &nodes), 0);
    ck_assert_ptr_null(nodes);
    omv_spof_free(s);
    omv_region_free(reg);
}
END_TEST

START_TEST(north_lambda)
{
    omv_region *reg;
    ck_assert_int_eq(omv_region_parse(&reg, ctx, "north-of-trondheim"), 0);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.region = reg;
    omv_spof *s = run(&opt);
    static const int want[] = {-1, 2, 2, -1, 2, 1, 1};
    for (size_t v = 0; v < 7; v++)
        ck_assert_int_eq(omv_spof_lambda(s, v), want[v]);
    ck_assert_int_eq(omv_spof_lambda(s, 7), -1);
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(s, sites, pop);
    ck_assert_uint_eq(sites[0], 0);
    ck_assert_uint_eq(sites[1], 2);
    ck_assert_int_eq(pop[1], 86000);
    ck_assert_uint_eq(sites[2], 2);
    ck_assert_int_eq(pop[2], 78000);
    ck_assert_uint_eq(sites[3], 0);
    omv_spof_free(s);
    omv_region_free(reg);
}
END_TEST

START_TEST(north_outages)
{
    static const double hours[] = {6, 24};
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.failures = OMV_FAIL_POWER;
    opt.outage_hours = hours;
    opt.noutage = 2;
    omv_spof *s = run(&opt);
    ck_assert_uint_eq(omv_spof_outage_count(s), 2);
    omv_spof_outage o;
    /* 6 h: Mo i Rana (4 h), the junction (unknown) and Svolvær (2 h) go dark; Bodø and Tromsø lose
     * both routes south. Trondheim (24 h) stays up. */
    ck_assert_int_eq(omv_spof_outage_get(s, 0, &o), 0);
    ck_assert(o.hours == 6);
    ck_assert_uint_eq(o.failed_nodes, 3);
    ck_assert_uint_eq(o.isolated_sites, 4);
    ck_assert_int_eq(o.isolated_population, 164000);
    ck_assert_uint_eq(omv_spof_upgrade_count(s, 0), 2);
    omv_spof_upgrade u;
    ck_assert_int_eq(omv_spof_upgrade_get(s, 0, 0, &u), 0);
    ck_assert_int_eq(u.node, 2); /* Mo i Rana: itself, Bodø and Tromsø */
    ck_assert_int_eq(u.candidate, 10);
    ck_assert_uint_eq(u.reconnected_sites, 3);
    ck_assert_int_eq(u.reconnected_population, 155000);
    ck_assert_int_eq(omv_spof_upgrade_get(s, 0, 1, &u), 0);
    ck_assert_int_eq(u.node, 3); /* the junction: Bodø and Tromsø; no candidate */
    ck_assert_int_eq(u.candidate, -1);
    ck_assert_uint_eq(u.reconnected_sites, 2);
    ck_assert_int_eq(u.reconnected_population, 129000);
    ck_assert_int_eq(omv_spof_upgrade_get(s, 0, 2, &u), OMV_EARG);
    /* 24 h: Bodø (8 h) fails too; only Mo i Rana helps, and then only itself. */
    ck_assert_int_eq(omv_spof_outage_get(s, 1, &o), 0);
    ck_assert_uint_eq(o.failed_nodes, 4);
    ck_assert_uint_eq(o.isolated_sites, 4);
    ck_assert_int_eq(o.isolated_population, 164000);
    ck_assert_uint_eq(omv_spof_upgrade_count(s, 1), 1);
    ck_assert_int_eq(omv_spof_upgrade_get(s, 1, 0, &u), 0);
    ck_assert_int_eq(u.node, 2);
    ck_assert_int_eq(u.candidate, 10);
    ck_assert_int_eq(u.reconnected_population, 26000);
    ck_assert_int_eq(omv_spof_outage_get(s, 2, &o), OMV_EARG);
    ck_assert_uint_eq(omv_spof_upgrade_count(s, 2), 0);
    /* Only power items were asked for. */
    ck_assert_uint_eq(omv_spof_item_count(s), 2);
    omv_spof_free(s);
}
END_TEST

START_TEST(north_core_override_and_exact)
{
    /* Core at Tromsø: Oslo becomes a site. */
    const char *ids[] = {"tos"};
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.core_ids = ids;
    opt.ncore = 1;
    opt.exact_lambda = 1;
    omv_spof *s = run(&opt);
    const int32_t *core;
    ck_assert_uint_eq(omv_spof_core(s, &core), 1);
    ck_assert_int_eq(core[0], 5);
    /* Every site hangs on the Bodø–Tromsø bridge. */
    static const int want[] = {1, 1, 1, -1, 1, -1, 1};
    for (size_t v = 0; v < 7; v++)
        ck_assert_int_eq(omv_spof_lambda(s, v), want[v]);
    omv_spof_item it;
    ck_assert_int_eq(omv_spof_item_get(s, 0, &it), 0);
    ck_assert_int_eq(it.kind, OMV_ITEM_BRIDGE);
    ck_assert_int_eq(it.link[0], 6);
    ck_assert_uint_eq(it.isolated_sites, 5);
    ck_assert_int_eq(it.isolated_population, 287000);
    omv_spof_free(s);
}
END_TEST

START_TEST(bad_options)
{
    omv_spof *s = (omv_spof *)&s;
    const char *ids[] = {"osl", "nowhere"};
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.core_ids = ids;
    opt.ncore = 2;
    ck_assert_int_eq(omv_spof_run(&s, ctx, net, &opt), OMV_EARG);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "unknown core node 'nowhere'");
    omv_spof_options o2 = OMV_SPOF_OPTIONS_INIT;
    o2.version = 99;
    ck_assert_int_eq(omv_spof_run(&s, ctx, net, &o2), OMV_EARG);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "options version 99"));
    omv_spof_options o3 = OMV_SPOF_OPTIONS_INIT;
    o3.failures |= OMV_FAIL_POWER;
    ck_assert_int_eq(omv_spof_run(&s, ctx, net, &o3), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "power outages need at least one duration in hours");
    static const double bad[] = {4, -1};
    o3.outage_hours = bad;
    o3.noutage = 2;
    ck_assert_int_eq(omv_spof_run(&s, ctx, net, &o3), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "power outage duration -1: expected a number of hours >= 0");
    omv_spof_options o4 = OMV_SPOF_OPTIONS_INIT;
    o4.failures = 64;
    ck_assert_int_eq(omv_spof_run(&s, ctx, net, &o4), OMV_EARG);
    ck_assert_ptr_null(s);
}
END_TEST

START_TEST(interrupt_stops_early)
{
    volatile int flag = 1;
    omv_ctx_set_interrupt_flag(ctx, &flag);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    omv_spof *s = run(&opt);
    ck_assert_int_eq(omv_spof_interrupted(s), 1);
    /* Single links and nodes come from one linear pass and are complete. */
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_BRIDGE), 2);
    omv_spof_free(s);
}
END_TEST

/* ---- barbell (no core) ---------------------------------------------------------------------- */

START_TEST(barbell_largest_component)
{
    omv_spof *s = run(NULL);
    const int32_t *core;
    ck_assert_uint_eq(omv_spof_core(s, &core), 0);
    static const want_item want[] = {
        /* b1 fails: {a1 a2 a3} and {b2 b3 c} tie at 3 nodes; a1 has the lowest index and wins. */
        {OMV_ITEM_ARTICULATION, 3, -1, 3, 180, "b2 b3 c"},
        {OMV_ITEM_CUT_PAIR, 4, 6, 3, 180, "b2 b3 c"},
        {OMV_ITEM_CUT_PAIR, 4, 5, 2, 120, "b2 c"},
        {OMV_ITEM_BRIDGE, 7, -1, 1, 70, "c"},
        {OMV_ITEM_ARTICULATION, 4, -1, 1, 70, "c"},
        {OMV_ITEM_BRIDGE, 3, -1, 3, 60, "a1 a2 a3"}, /* {b1 b2 b3 c} is larger */
        {OMV_ITEM_CUT_PAIR, 5, 6, 1, 60, "b3"},
        {OMV_ITEM_ARTICULATION, 0, -1, 2, 50, "a2 a3"},
        {OMV_ITEM_CUT_PAIR, 0, 2, 2, 50, "a2 a3"}, /* a1 stays with the b side */
        {OMV_ITEM_CUT_PAIR, 1, 2, 1, 30, "a3"},
        {OMV_ITEM_CUT_PAIR, 0, 1, 1, 20, "a2"},
    };
    expect_items(s, want, sizeof(want) / sizeof(want[0]));
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_CUT_PAIR), 6);
    static const int lam[] = {1, 1, 1, 3, 2, 2, 1};
    for (size_t v = 0; v < 7; v++)
        ck_assert_int_eq(omv_spof_lambda(s, v), lam[v]);
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(s, sites, pop);
    ck_assert_uint_eq(sites[1], 4);
    ck_assert_int_eq(pop[1], 130);
    ck_assert_uint_eq(sites[2], 2);
    ck_assert_int_eq(pop[2], 110);
    ck_assert_uint_eq(sites[3], 1);
    ck_assert_int_eq(pop[3], 40);
    omv_spof_free(s);
}
END_TEST

/* ---- bounds: the pair-item cap, the list budget, tiny networks -------------------------------- */

/* A ring of k nodes, node 0 the core, every other node a site of one person (k = 2: two parallel
 * links; k = 1: no link). */
static omv_net *ring(int k)
{
    omv__builder *b = NULL;
    omv_net *r = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "ring");
    static const char *const ncols[] = {"id", "kind", "population"};
    static const char *const lcols[] = {"id", "a", "b"};
    char c[3][32];
    const char *vals[3] = {c[0], c[1], c[2]};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 3, ncols, NULL), 0);
    for (int v = 0; v < k; v++) {
        snprintf(c[0], 32, "r%d", v);
        snprintf(c[1], 32, "%s", v ? "site" : "core");
        snprintf(c[2], 32, "1");
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 3, lcols, NULL), 0);
    for (int v = 0; v < k && k > 1; v++) { /* two nodes: two parallel links */
        snprintf(c[0], 32, "l%d", v);
        snprintf(c[1], 32, "r%d", v);
        snprintf(c[2], 32, "r%d", (v + 1) % k);
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    ck_assert_int_eq(omv__builder_finish(b, &r), 0);
    omv__builder_free(b);
    return r;
}

START_TEST(long_ring_caps)
{
    /* Links i < j of a ring of 500 cut off the j - i sites between them: 124750 cut pairs, of which
     * the OMV_SPOF_MAX_PAIR_ITEMS cutting off the most are kept. */
    enum { K = 500 };
    ctx = omv_ctx_new();
    net = ring(K);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.failures = OMV_FAIL_PAIRS;
    omv_spof *s = run(&opt);
    size_t total = (size_t)K * (K - 1) / 2;
    ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_CUT_PAIR), total);
    ck_assert_uint_eq(omv_spof_item_count(s), OMV_SPOF_MAX_PAIR_ITEMS);
    ck_assert_uint_eq(omv_spof_dropped_pairs(s), total - OMV_SPOF_MAX_PAIR_ITEMS);
    /* Kept: all pairs with j - i > d_min, and some with d_min; K - d pairs have j - i = d. */
    size_t kept = 0;
    int dmin = K - 1;
    while (kept + (size_t)(K - dmin) < OMV_SPOF_MAX_PAIR_ITEMS)
        kept += (size_t)(K - dmin--);
    omv_spof_item first, last;
    omv_spof_item_get(s, 0, &first);
    omv_spof_item_get(s, OMV_SPOF_MAX_PAIR_ITEMS - 1, &last);
    ck_assert_uint_eq(first.isolated_sites, K - 1);
    ck_assert_int_eq(first.link[0], 0);
    ck_assert_int_eq(first.link[1], K - 1);
    ck_assert_uint_eq(last.isolated_sites, (size_t)dmin);
    /* Lists: a prefix of the items within 8 x 500 + 2^20 node indices, well short of 10000 items. */
    const int32_t *nodes;
    ck_assert_uint_eq(omv_spof_item_isolated(s, 0, &nodes), K - 1);
    ck_assert_int_eq(nodes[0], 1);
    ck_assert_int_eq(nodes[K - 2], K - 1);
    size_t listed = 0, sum = 0;
    while (omv_spof_item_isolated(s, listed, &nodes) > 0) {
        omv_spof_item it;
        omv_spof_item_get(s, listed, &it);
        sum += it.isolated_sites;
        listed++;
    }
    ck_assert_uint_gt(listed, 1000);
    ck_assert_uint_lt(listed, OMV_SPOF_LISTED_ITEMS);
    ck_assert_uint_le(sum, 8 * K + (1u << 20));
    ck_assert_ptr_null(nodes);
    omv_spof_free(s);
    teardown();
}
END_TEST

START_TEST(tiny_networks)
{
    /* k nodes: none at all; the core alone; the core and a site on two parallel links; a triangle. */
    static const size_t pairs[] = {0, 0, 1, 3};
    ctx = omv_ctx_new();
    for (int k = 0; k <= 3; k++) {
        net = ring(k);
        omv_spof *s = run(NULL);
        ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_BRIDGE), 0);
        ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_ARTICULATION), 0);
        ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_CUT_PAIR), pairs[k]);
        ck_assert_int_eq(omv_spof_lambda(s, 0), -1);
        if (k >= 2)
            ck_assert_int_eq(omv_spof_lambda(s, 1), 2);
        /* Losing the only core node cuts off every site; each cut pair cuts off one or two. */
        ck_assert_uint_eq(omv_spof_item_count(s), k <= 1 ? 0 : 1 + pairs[k]);
        omv_spof_free(s);
        omv_net_free(net);
        net = NULL;
    }
    omv_ctx_free(ctx);
}
END_TEST

/* ---- real backbones ------------------------------------------------------------------------- */

/* Cut pairs by brute force: pairs of non-bridge links whose removal adds a component. */
static size_t brute_cut_pairs(const omv_net *n, size_t *bridges)
{
    tg_graph *g = calloc(1, sizeof(*g));
    ck_assert_uint_le(omv_net_node_count(n), TG_MAXN);
    ck_assert_uint_le(omv_net_link_count(n), TG_MAXM);
    g->n = (int)omv_net_node_count(n);
    for (size_t e = 0; e < omv_net_link_count(n); e++) {
        g->a[g->m] = (int)omv_net_link_a(n, e);
        g->b[g->m] = (int)omv_net_link_b(n, e);
        g->m++;
    }
    uint8_t lfail[TG_MAXM] = {0}, br[TG_MAXM] = {0};
    int base = tg_components(g, NULL);
    *bridges = 0;
    for (int e = 0; e < g->m; e++) {
        lfail[e] = 1;
        br[e] = tg_components(g, lfail) > base;
        *bridges += br[e];
        lfail[e] = 0;
    }
    size_t pairs = 0;
    for (int e = 0; e < g->m; e++) {
        for (int f = e + 1; f < g->m; f++) {
            if (br[e] || br[f])
                continue;
            lfail[e] = lfail[f] = 1;
            pairs += tg_components(g, lfail) > base;
            lfail[e] = lfail[f] = 0;
        }
    }
    free(g);
    return pairs;
}

START_TEST(topology_zoo)
{
    static const struct {
        const char *file;
        size_t nodes, links, bridges, aps;
    } zoo[] = {
        {"Sunet", 26, 49, 0, 4},
        {"Funet", 26, 31, 3, 3},
        {"UniC", 25, 29, 10, 9},
        {"Nordu2010", 18, 17, 14, 5},
    };
    char path[1024];
    snprintf(path, sizeof(path), "%s/topologyzoo/Sunet.graphml", SHARED_DIR);
    FILE *probe = fopen(path, "r");
    if (!probe)
        return; /* the shared data is not beside this checkout */
    fclose(probe);
    ctx = omv_ctx_new();
    for (size_t i = 0; i < sizeof(zoo) / sizeof(zoo[0]); i++) {
        snprintf(path, sizeof(path), "%s/topologyzoo/%s.graphml", SHARED_DIR, zoo[i].file);
        net = load(path);
        ck_assert_uint_eq(omv_net_node_count(net), zoo[i].nodes);
        ck_assert_uint_eq(omv_net_link_count(net), zoo[i].links);
        omv_spof *s = run(NULL);
        size_t bridges;
        size_t pairs = brute_cut_pairs(net, &bridges);
        ck_assert_uint_eq(bridges, zoo[i].bridges);
        ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_BRIDGE), zoo[i].bridges);
        ck_assert_uint_eq(omv_spof_count(s, OMV_ITEM_ARTICULATION), zoo[i].aps);
        ck_assert_msg(omv_spof_count(s, OMV_ITEM_CUT_PAIR) == pairs, "%s: %zu cut pairs, brute force %zu",
                      zoo[i].file, omv_spof_count(s, OMV_ITEM_CUT_PAIR), pairs);
        fprintf(stderr, "%s: %zu bridges, %zu articulation points, %zu cut pairs, %zu items\n", zoo[i].file,
                omv_spof_count(s, OMV_ITEM_BRIDGE), omv_spof_count(s, OMV_ITEM_ARTICULATION),
                omv_spof_count(s, OMV_ITEM_CUT_PAIR), omv_spof_item_count(s));
        omv_spof_free(s);
        omv_net_free(net);
        net = NULL;
    }
    omv_ctx_free(ctx);
}
END_TEST

/*
 * Lambda beside the shared-risk groups: core C; site A on three links to C, two of them in duct d
 * (lambda 3+, no group cuts it off); site B on two links to C, both in d (lambda 2, but duct d cuts
 * it off); a satellite gateway G on one link to C (infrastructure, not a site).
 */
static omv_net *ducts(void)
{
    omv__builder *b = NULL;
    omv_net *out = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "ducts");
    static const char *const NC[] = {"id", "kind", "population"};
    static const char *const N[][3] = {
        {"C", "core", "0"}, {"A", "site", "100"}, {"B", "site", "50"}, {"G", "satellite_gateway", "0"}};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 3, NC, NULL), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(omv__builder_row(b, i + 2, N[i], NULL), 0);
    static const char *const LC[] = {"id", "a", "b", "srlg", "length_km"};
    static const char *const L[][5] = {{"a1", "C", "A", "d", "1"}, {"a2", "C", "A", "d", "1"},
                                       {"a3", "C", "A", "", "1"},  {"b1", "C", "B", "d", "1"},
                                       {"b2", "C", "B", "d", "1"}, {"g1", "C", "G", "", "1"}};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 5, LC, NULL), 0);
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(omv__builder_row(b, i + 2, L[i], NULL), 0);
    if (omv__builder_finish(b, &out))
        ck_abort_msg("ducts: %s", omv_ctx_errmsg(ctx));
    omv__builder_free(b);
    return out;
}

START_TEST(lambda_beside_groups)
{
    ctx = omv_ctx_new();
    net = ducts();
    omv_spof *s = run(NULL);
    size_t A = (size_t)omv_net_node_find(net, "A"), B = (size_t)omv_net_node_find(net, "B");
    size_t G = (size_t)omv_net_node_find(net, "G");
    ck_assert_int_eq(omv_spof_lambda(s, A), 3);
    ck_assert_int_eq(omv_spof_lambda_capped(s), 1);
    ck_assert_int_eq(omv_spof_site_srlg_cut(s, A), 0);
    ck_assert_int_eq(omv_spof_lambda(s, B), 2);
    ck_assert_int_eq(omv_spof_site_srlg_cut(s, B), 1);
    /* The gateway is infrastructure: no lambda, not counted. */
    ck_assert_int_eq(omv_spof_lambda(s, G), -1);
    ck_assert_int_eq(omv_spof_site_srlg_cut(s, G), -1);
    size_t sites[4], gs[4];
    int64_t pop[4], gp[4];
    omv_spof_lambda_summary(s, sites, pop);
    ck_assert_uint_eq(sites[0] + sites[1] + sites[2] + sites[3], 2);
    ck_assert_int_eq(omv_spof_srlg_summary(s, gs, gp), 0);
    ck_assert_uint_eq(gs[2], 1);
    ck_assert_int_eq(gp[2], 50);
    ck_assert_uint_eq(gs[3], 0);
    /* The reports: "3+" in CSV, the capped flag and the group mark in JSON, a line in the text. */
    char dir[] = "/tmp/omvei-ducts-XXXXXX", path[64], line[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(omv_spof_write(ctx, dir, s, net), 0);
    snprintf(path, sizeof(path), "%s/spof_sites.csv", dir);
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "id,name,lat,lon,population,lambda,in_region,worst_item_rank,cut_by_one_group\n");
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "A,A,,,100,3+,true,1,false\n");
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "B,B,,,50,2,true,1,true\n");
    ck_assert_ptr_null(fgets(line, sizeof(line), fp)); /* no row for the gateway */
    fclose(fp);
    /* The map: g1 is a bridge though what it cuts off is no site (the gateway); a3 is neither. */
    ck_assert_int_eq(omv_spof_link_structure(s, (size_t)omv_net_link_find(net, "g1")), OMV_ITEM_BRIDGE);
    ck_assert_int_eq(omv_spof_link_structure(s, (size_t)omv_net_link_find(net, "b1")), OMV_ITEM_CUT_PAIR);
    ck_assert_int_eq(omv_spof_link_structure(s, (size_t)omv_net_link_find(net, "a3")), -1);
    snprintf(path, sizeof(path), "%s/map.geojson", dir);
    json_error_t jerr;
    json_t *map = json_load_file(path, 0, &jerr);
    ck_assert_ptr_nonnull(map);
    json_t *feats = json_object_get(map, "features");
    int seen = 0;
    for (size_t i = 0; i < json_array_size(feats); i++) {
        json_t *pr = json_object_get(json_array_get(feats, i), "properties");
        const char *id = json_string_value(json_object_get(pr, "id"));
        const char *role = json_string_value(json_object_get(pr, "role"));
        if (!id || !role || !json_object_get(pr, "medium"))
            continue;
        if (!strcmp(id, "g1") && ++seen)
            ck_assert_str_eq(role, "bridge");
        if (!strcmp(id, "b1") && ++seen)
            ck_assert_str_eq(role, "cut_pair");
        if (!strcmp(id, "a3") && ++seen)
            ck_assert_str_eq(role, "redundant");
    }
    ck_assert_int_eq(seen, 3);
    json_decref(map);
    static const char *const files[] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    char *text = NULL;
    ck_assert_int_eq(omv_spof_json(&text, ctx, s, net), 0);
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    ck_assert_ptr_nonnull(root);
    json_t *lam = json_object_get(root, "lambda");
    ck_assert_uint_eq(json_array_size(lam), 2);
    json_t *a = json_array_get(lam, 0), *bb = json_array_get(lam, 1);
    ck_assert_str_eq(json_string_value(json_object_get(a, "site")), "A");
    ck_assert_int_eq(json_integer_value(json_object_get(a, "lambda")), 3);
    ck_assert(json_is_true(json_object_get(a, "lambda_capped")));
    ck_assert(json_is_false(json_object_get(a, "cut_by_one_group")));
    ck_assert(json_is_false(json_object_get(bb, "lambda_capped")));
    ck_assert(json_is_true(json_object_get(bb, "cut_by_one_group")));
    json_t *sum = json_object_get(root, "summary");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(sum, "cut_by_one_group_sites_by_lambda"), "2")),
                     1);
    json_decref(root);
    free(text);
    ck_assert_int_eq(omv_spof_text(&text, ctx, s, net, 10), 0);
    ck_assert_ptr_nonnull(strstr(text, "Lambda counts link-disjoint paths, not shared-risk groups: 1 of the sites "
                                       "with lambda 2 or more (50 people) is cut off by a single shared-risk group."));
    free(text);
    omv_spof_free(s);
    /* Without the group class the mark is unknown. */
    omv_spof_options o = OMV_SPOF_OPTIONS_INIT;
    o.failures = OMV_FAIL_LINKS;
    s = run(&o);
    ck_assert_int_eq(omv_spof_site_srlg_cut(s, B), -1);
    ck_assert_int_eq(omv_spof_srlg_summary(s, gs, gp), OMV_EARG);
    omv_spof_free(s);
}
END_TEST

/*
 * Exact lambda on a mesh, where most sites have 3 or more paths and the flows of later sites run
 * towards earlier ones: a 12 x 12 grid with diagonal links in a seeded pattern (degrees 2 to 8), two
 * core nodes; every site's value against igraph's max-flow from a source joined to the core.
 */
START_TEST(exact_lambda_mesh)
{
    ctx = omv_ctx_new();
    omv_ctx_set_threads(ctx, 2);
    enum { SIDE = 12, N = SIDE * SIDE };
    omv__builder *b = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int fl = omv__builder_file(b, "mesh");
    static const char *const NC[] = {"id", "kind", "population"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, fl, 1, 3, NC, NULL), 0);
    char buf[5][32];
    const char *vals[5];
    for (int v = 0; v < N; v++) {
        snprintf(buf[0], 32, "n%d", v);
        snprintf(buf[1], 32, "%s", v == 5 * SIDE + 6 || v == 0 ? "core" : "site");
        snprintf(buf[2], 32, "10");
        for (int k = 0; k < 3; k++)
            vals[k] = buf[k];
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    static const char *const LC[] = {"id", "a", "b", "length_km"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, fl, 1, 4, LC, NULL), 0);
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 0);
    int m = 0;
    uint64_t x = 12345;
    for (int r = 0; r < SIDE; r++)
        for (int q = 0; q < SIDE; q++) {
            int v = r * SIDE + q, nb[3] = {q + 1 < SIDE ? v + 1 : -1, r + 1 < SIDE ? v + SIDE : -1, -1};
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            if (q + 1 < SIDE && r + 1 < SIDE && (x >> 33) % 3 == 0)
                nb[2] = v + SIDE + 1;
            for (int k = 0; k < 3; k++) {
                if (nb[k] < 0)
                    continue;
                snprintf(buf[0], 32, "l%d", m);
                snprintf(buf[1], 32, "n%d", v);
                snprintf(buf[2], 32, "n%d", nb[k]);
                snprintf(buf[3], 32, "1");
                for (int j = 0; j < 4; j++)
                    vals[j] = buf[j];
                ck_assert_int_eq(omv__builder_row(b, m + 2, vals, NULL), 0);
                igraph_vector_int_push_back(&ev, v);
                igraph_vector_int_push_back(&ev, nb[k]);
                m++;
            }
        }
    if (omv__builder_finish(b, &net))
        ck_abort_msg("mesh: %s", omv_ctx_errmsg(ctx));
    omv__builder_free(b);
    /* The super source N joined to both core nodes by links that never limit the flow. */
    igraph_vector_t cap;
    igraph_vector_init(&cap, m);
    igraph_vector_fill(&cap, 1);
    for (int c = 0; c < 2; c++) {
        igraph_vector_int_push_back(&ev, N);
        igraph_vector_int_push_back(&ev, c ? 5 * SIDE + 6 : 0);
        igraph_vector_push_back(&cap, 100);
    }
    igraph_t G;
    ck_assert_int_eq(igraph_create(&G, &ev, N + 1, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    omv_spof_options o = OMV_SPOF_OPTIONS_INIT;
    o.exact_lambda = 1;
    omv_spof *s = run(&o);
    ck_assert_int_eq(omv_spof_lambda_capped(s), 0);
    int above3 = 0;
    for (int v = 0; v < N; v++) {
        if (v == 0 || v == 5 * SIDE + 6) {
            ck_assert_int_eq(omv_spof_lambda(s, (size_t)v), -1);
            continue;
        }
        igraph_real_t want = -1;
        ck_assert_int_eq(igraph_maxflow_value(&G, &want, N, v, &cap, NULL), IGRAPH_SUCCESS);
        ck_assert_msg(omv_spof_lambda(s, (size_t)v) == (int)want, "n%d: lambda %d, max-flow %d", v,
                      omv_spof_lambda(s, (size_t)v), (int)want);
        above3 += want > 3;
    }
    ck_assert_int_gt(above3, 20);
    omv_spof_free(s);
    igraph_destroy(&G);
    igraph_vector_int_destroy(&ev);
    igraph_vector_destroy(&cap);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spof");
    TCase *tn = tcase_create("north");
    tcase_add_checked_fixture(tn, setup_north, teardown);
    tcase_add_test(tn, north_items);
    tcase_add_test(tn, north_lambda);
    tcase_add_test(tn, north_outages);
    tcase_add_test(tn, north_core_override_and_exact);
    tcase_add_test(tn, bad_options);
    tcase_add_test(tn, interrupt_stops_early);
    suite_add_tcase(s, tn);
    TCase *tg = tcase_create("groups");
    tcase_add_checked_fixture(tg, NULL, teardown);
    tcase_add_test(tg, lambda_beside_groups);
    tcase_add_test(tg, exact_lambda_mesh);
    suite_add_tcase(s, tg);

    TCase *tb = tcase_create("barbell");
    tcase_add_checked_fixture(tb, setup_barbell, teardown);
    tcase_add_test(tb, barbell_largest_component);
    suite_add_tcase(s, tb);
    TCase *tl = tcase_create("bounds");
    tcase_set_timeout(tl, 120);
    tcase_add_test(tl, long_ring_caps);
    tcase_add_test(tl, tiny_networks);
    suite_add_tcase(s, tl);
    TCase *tz = tcase_create("shared");
    tcase_add_test(tz, topology_zoo);
    suite_add_tcase(s, tz);
    return s;
}

int main(void)
{
    igraph_set_error_handler(igraph_error_handler_printignore);
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
