/*
 * test_plan.c — the investment planner on a hand-made coast (tests/data/plan/coast: a fibre chain in
 * one duct, islands behind subsea links, a site no candidate reaches, satellite terminals and
 * reserve-power upgrades), whose optima are worked out by hand in the comments; budget mode and
 * sweeps; infeasible targets; the time limit and the interrupt on a generated larger network; the
 * same result with one and two threads; the report files; bad options; the MathProg export.
 */
#include "topo/build.h"

#include <check.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static omv_ctx *ctx;
static omv_net *coast;

static void setup(void)
{
    ctx = omv_ctx_new();
    const char *paths[] = {OMV_TEST_DATA "/plan/coast"};
    if (omv_net_load(&coast, ctx, paths, 1))
        ck_abort_msg("load: %s", omv_ctx_errmsg(ctx));
}

static void teardown(void)
{
    omv_net_free(coast);
    omv_ctx_free(ctx);
    coast = NULL;
    ctx = NULL;
}

static omv_plan *plan(const omv_net *net, unsigned cls, omv_plan_mode mode, double budget, const char *target)
{
    static const double hours[] = {24};
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.failures = cls;
    o.outage_hours = hours;
    o.noutage = 1;
    o.mode = mode;
    o.budget_nok = budget;
    o.target = target;
    omv_plan *p = NULL;
    int rc = omv_plan_run(&p, ctx, net, &o);
    if (rc)
        ck_abort_msg("plan: %s", omv_ctx_errmsg(ctx));
    return p;
}

/* The chosen candidates' ids, comma-separated, in candidate order. */
static const char *chosen(const omv_plan *p, const omv_net *net)
{
    static char buf[512];
    buf[0] = '\0';
    for (size_t i = 0; i < omv_plan_investment_count(p); i++) {
        omv_plan_investment v;
        ck_assert_int_eq(omv_plan_investment_get(p, i, &v), 0);
        strcat(buf, i ? "," : "");
        strcat(buf, omv_net_link_id(net, (size_t)v.link));
    }
    return buf;
}

static int target_of(const omv_plan *p, const omv_net *net, const char *id, omv_plan_target *out)
{
    for (size_t i = 0; i < omv_plan_target_count(p); i++) {
        ck_assert_int_eq(omv_plan_target_get(p, i, out), 0);
        if (!strcmp(omv_net_node_id(net, (size_t)out->node), id))
            return 1;
    }
    return 0;
}

/*
 * Against single links: Steinkjer, Namsos and Mosjøen already have two routes; Svolvær and Røst hang
 * on Bodø by subsea links (a new subsea ring costs 300 MNOK, two satellite terminals 2.7 MNOK);
 * Kirkenes needs the leased route C7 (80 MNOK); Vardø hangs on one link no candidate bypasses.
 */
START_TEST(min_cost_links)
{
    omv_plan *p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_MIN_COST, 0, NULL);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
    ck_assert_str_eq(omv_plan_status_name(S.status), "optimal");
    ck_assert_double_eq_tol(S.cost_nok, 82.7e6, 0.5);
    ck_assert_double_eq_tol(S.objective, 82.7e6, 0.5);
    ck_assert_double_eq_tol(S.gap, 0, 1e-9);
    ck_assert_str_eq(chosen(p, coast), "C5,C6,C7");
    ck_assert_uint_eq(S.targets, 7);
    ck_assert_uint_eq(S.infeasible, 1);
    ck_assert_int_eq(S.infeasible_population, 2000);
    ck_assert_uint_eq(S.protected_sites, 6);
    ck_assert_int_eq(S.protected_population, 43800);
    ck_assert_int_eq(S.verified, 1);
    omv_plan_target t;
    ck_assert(target_of(p, coast, "VAR", &t));
    ck_assert_int_eq(t.feasible, 0);
    ck_assert_str_eq(t.reason, "link L8 (Kirkenes–Vardø) cuts it off and no candidate bypasses it");
    ck_assert_str_eq(t.cut_by, "link L8 (Kirkenes–Vardø)");
    ck_assert_int_eq(t.verified, 0);
    ck_assert_str_eq(t.verified_cut_by, "link L8 (Kirkenes–Vardø)");
    ck_assert(target_of(p, coast, "SVO", &t));
    ck_assert_int_eq(t.protected_, 1);
    ck_assert_int_eq(t.satellite, 1);
    ck_assert_int_eq(t.verified, 1);
    /* Each investment alone keeps one site protected. */
    omv_plan_investment v;
    ck_assert_int_eq(omv_plan_investment_get(p, 2, &v), 0);
    ck_assert_int_eq(v.kind, OMV_INVEST_LINK);
    ck_assert_uint_eq(v.sites_lost, 1);
    ck_assert_int_eq(v.population_lost, 3500);
    ck_assert_double_eq_tol(v.cost_per_resident, 80e6 / 3500, 1e-6);
    const int32_t *nodes;
    ck_assert_uint_eq(omv_plan_investment_sites(p, 2, &nodes), 1);
    ck_assert_str_eq(omv_net_node_id(coast, (size_t)nodes[0]), "KIR");
    ck_assert_int_eq(omv_plan_investment_get(p, 0, &v), 0);
    ck_assert_int_eq(v.kind, OMV_INVEST_SATELLITE);
    ck_assert_int_eq(v.population_lost, 4800);
    /* Before and after: Kirkenes, Svolvær, Røst... cut off by single links before; after the plan,
     * only the links to Vardø and the terminal links to the gateway remain bridges. */
    omv_plan_analysis A, B;
    ck_assert_int_eq(omv_plan_analysis_get(p, 0, &A), 0);
    ck_assert_int_eq(omv_plan_analysis_get(p, 1, &B), 0);
    ck_assert_uint_eq(A.items[OMV_ITEM_BRIDGE], 4);
    ck_assert_uint_eq(B.items[OMV_ITEM_BRIDGE], 2);
    omv_plan_free(p);
}
END_TEST

/* With the duct e6 as a failure too: Steinkjer needs C2 (both its links are in the duct) and
 * Mosjøen C1 (C3 lies in the same duct and does not help). */
START_TEST(min_cost_links_srlg)
{
    omv_plan *p = plan(coast, OMV_FAIL_LINKS | OMV_FAIL_SRLG, OMV_PLAN_MIN_COST, 0, NULL);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
    ck_assert_double_eq_tol(S.cost_nok, 137.7e6, 0.5);
    ck_assert_str_eq(chosen(p, coast), "C1,C2,C5,C6,C7");
    omv_plan_investment v;
    ck_assert_int_eq(omv_plan_investment_get(p, 1, &v), 0);
    ck_assert_str_eq(omv_net_link_id(coast, (size_t)v.link), "C2");
    ck_assert_uint_eq(v.sites_lost, 1);
    ck_assert_double_eq_tol(v.cost_per_resident, 15e6 / 12000, 1e-6);
    ck_assert_int_eq(S.verified, 1);
    ck_assert_str_eq(omv_plan_against(p), "links,srlg");
    omv_plan_free(p);
}
END_TEST

/* 50 MNOK buys the two terminals (2.7 MNOK) but not C7: 35,000 residents were protected already,
 * 5,300 more on the islands. The cheapest plan for them, not just any plan within budget. */
START_TEST(budget_mode)
{
    omv_plan *p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_BUDGET, 50e6, NULL);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
    ck_assert_int_eq(S.mode, OMV_PLAN_BUDGET);
    ck_assert_int_eq(S.protected_population, 40300);
    ck_assert_double_eq_tol(S.objective, 40300, 1e-6);
    ck_assert_double_eq_tol(S.cost_nok, 2.7e6, 0.5);
    ck_assert_str_eq(chosen(p, coast), "C5,C6");
    omv_plan_target t;
    ck_assert(target_of(p, coast, "KIR", &t));
    ck_assert_int_eq(t.feasible, 1);
    ck_assert_int_eq(t.protected_, 0);
    ck_assert_str_eq(t.cut_by, "link L9 (Bodø–Kirkenes)");
    omv_plan_free(p);
    /* The same with the compact MathProg form. */
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.mode = OMV_PLAN_BUDGET;
    o.budget_nok = 50e6;
    o.method = OMV_PLAN_MATHPROG;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), 0);
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.protected_population, 40300);
    ck_assert_double_eq_tol(S.cost_nok, 2.7e6, 0.5);
    omv_plan_free(p);
}
END_TEST

START_TEST(sweep_monotonic)
{
    const double budgets[] = {1e9, 0, 2e6, 50e6, 90e6, 2.7e6, 400e6, 50e6};
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.failures = OMV_FAIL_LINKS | OMV_FAIL_SRLG;
    omv_plan_sweep *s = NULL;
    ck_assert_int_eq(omv_plan_sweep_run(&s, ctx, coast, &o, budgets, 8), 0);
    ck_assert_uint_eq(omv_plan_sweep_count(s), 7); /* 50 MNOK once */
    double last_budget = -1;
    int64_t last_pop = -1;
    for (size_t i = 0; i < omv_plan_sweep_count(s); i++) {
        omv_plan_summary S;
        omv_plan_summary_get(omv_plan_sweep_plan(s, i), &S);
        ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
        ck_assert(S.budget_nok > last_budget);
        ck_assert(S.cost_nok <= S.budget_nok + 0.5);
        ck_assert_int_ge(S.protected_population, last_pop);
        last_budget = S.budget_nok;
        last_pop = S.protected_population;
    }
    omv_plan_summary S;
    omv_plan_summary_get(omv_plan_sweep_plan(s, 0), &S);
    ck_assert_int_eq(S.protected_population, 13000); /* nothing bought: only Namsos survives e6 */
    omv_plan_summary_get(omv_plan_sweep_plan(s, 6), &S);
    ck_assert_int_eq(S.protected_population, 43800); /* 1 bn: everything feasible */
    ck_assert_double_eq_tol(S.cost_nok, 137.7e6, 0.5);
    /* 2 MNOK buys one terminal (Svolvær, 4,800), 2.7 MNOK both: both on the front. */
    omv_plan_summary_get(omv_plan_sweep_plan(s, 1), &S);
    ck_assert_int_eq(S.protected_population, 13000 + 4800);
    ck_assert_int_eq(omv_plan_sweep_pareto(s, 1), 1);
    ck_assert_int_eq(omv_plan_sweep_pareto(s, 2), 1);
    /* 400 MNOK spends what 1 bn spends: the larger budget adds nothing to the front. */
    ck_assert_int_eq(omv_plan_sweep_pareto(s, 5), 1);
    ck_assert_int_eq(omv_plan_sweep_pareto(s, 6), 0);
    char *csv = NULL;
    ck_assert_int_eq(omv_plan_sweep_csv(&csv, ctx, s), 0);
    ck_assert_ptr_nonnull(strstr(csv, "\n2700000,2700000,2,"));
    free(csv);
    char *svg = NULL;
    ck_assert_int_eq(omv_plan_sweep_svg(&svg, ctx, s), 0);
    ck_assert_ptr_nonnull(strstr(svg, "<svg"));
    ck_assert_ptr_nonnull(strstr(svg, "<polyline"));
    free(svg);
    omv_plan_sweep_free(s);
}
END_TEST

/* A target no candidate can protect is a result: the plan covers the others; when no target can be
 * protected at all, the status says so and nothing is bought. */
START_TEST(infeasible_targets)
{
    omv_plan *p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_MIN_COST, 0, "ids:VAR,KIR");
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
    ck_assert_str_eq(chosen(p, coast), "C7");
    ck_assert_uint_eq(S.infeasible, 1);
    omv_plan_free(p);
    p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_MIN_COST, 0, "ids:VAR");
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_INFEASIBLE);
    ck_assert_int_eq(S.has_plan, 1);
    ck_assert_uint_eq(omv_plan_investment_count(p), 0);
    ck_assert_double_eq_tol(S.cost_nok, 0, 1e-9);
    omv_plan_target t;
    ck_assert(target_of(p, coast, "VAR", &t));
    ck_assert_int_eq(t.feasible, 0);
    omv_plan_free(p);
    /* An island no candidate reaches at all. */
    p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_MIN_COST, 0, "pop>=4000");
    omv_plan_summary_get(p, &S);
    ck_assert_uint_eq(S.targets, 4); /* Steinkjer, Namsos, Mosjøen, Svolvær */
    ck_assert_str_eq(chosen(p, coast), "C5");
    omv_plan_free(p);
}
END_TEST

/* A 24-hour outage: Namsos and Mosjøen need their upgrades. Steinkjer, Kirkenes and Vardø have no
 * upgrade that lasts; nor have the islands (2 h of reserve power), whose satellite terminals would
 * run on that same power, so a terminal does not protect them. */
START_TEST(power_outage)
{
    omv_plan *p = plan(coast, OMV_FAIL_POWER, OMV_PLAN_MIN_COST, 0, NULL);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
    ck_assert_double_eq_tol(S.cost_nok, 0.7e6, 0.5);
    ck_assert_str_eq(chosen(p, coast), "P1,P2");
    ck_assert_uint_eq(S.infeasible, 5);
    omv_plan_target t;
    ck_assert(target_of(p, coast, "STJ", &t));
    ck_assert_str_eq(t.reason, "its reserve power does not last 24 h and no upgrade does");
    ck_assert(target_of(p, coast, "SVO", &t));
    ck_assert_int_eq(t.feasible, 0);
    ck_assert_int_eq(t.protected_, 0);
    ck_assert_int_eq(t.satellite, 0);
    ck_assert_str_eq(t.reason, "its reserve power does not last 24 h and no upgrade does");
    omv_plan_investment v;
    ck_assert_int_eq(omv_plan_investment_get(p, 0, &v), 0);
    ck_assert_int_eq(v.kind, OMV_INVEST_POWER);
    ck_assert_int_eq(v.population_lost, 13000);
    ck_assert_int_eq(S.verified, 1);
    omv_plan_free(p);
    /* The same with single links too: the islands stay unprotected, whatever the budget. */
    p = plan(coast, OMV_FAIL_LINKS | OMV_FAIL_POWER, OMV_PLAN_BUDGET, 1e9, "ids:SVO,RST");
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_INFEASIBLE);
    ck_assert_uint_eq(S.protected_sites, 0);
    ck_assert_uint_eq(omv_plan_investment_count(p), 0);
    omv_plan_free(p);
}
END_TEST

/*
 * A terminal needs its site's power: core C, islands I1 (100 residents) and I2 (50), each on one
 * link from C and with 2 h of reserve power, a gateway GW. Candidates: terminals S1 (I1, 1 MNOK) and
 * S2 (I2, 1 MNOK), a 72-hour upgrade P1 at I1 (0.2 MNOK). Against single links and a 24-hour outage
 * I1 needs both S1 and P1 (1.2 MNOK); I2 has no upgrade, so S2 alone would not protect it.
 */
static omv_net *islands(void)
{
    omv__builder *b = NULL;
    omv_net *net = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "islands");
    static const char *const NC[] = {"id", "kind", "population", "power_h"};
    static const char *const N[][4] = {{"C", "core", "0", "72"},
                                       {"I1", "site", "100", "2"},
                                       {"I2", "site", "50", "2"},
                                       {"GW", "satellite_gateway", "0", "72"}};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 4, NC, NULL), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(omv__builder_row(b, i + 2, N[i], NULL), 0);
    static const char *const LC[] = {"id", "a", "b", "length_km"};
    static const char *const L[][4] = {{"L1", "C", "I1", "10"}, {"L2", "C", "I2", "10"}};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 4, LC, NULL), 0);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(omv__builder_row(b, i + 2, L[i], NULL), 0);
    static const char *const CC[] = {"id", "a", "b", "medium", "power_h", "cost_nok"};
    static const char *const K[][6] = {{"S1", "I1", "GW", "satellite", "", "1000000"},
                                       {"S2", "I2", "GW", "satellite", "", "1000000"},
                                       {"P1", "I1", "", "power", "72", "200000"}};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_CANDIDATES, f, 1, 6, CC, NULL), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(omv__builder_row(b, i + 2, K[i], NULL), 0);
    if (omv__builder_finish(b, &net))
        ck_abort_msg("islands: %s", omv_ctx_errmsg(ctx));
    omv__builder_free(b);
    return net;
}

START_TEST(satellite_needs_power)
{
    omv_net *net = islands();
    static const double hours[] = {24};
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.failures = OMV_FAIL_LINKS | OMV_FAIL_POWER;
    o.outage_hours = hours;
    o.noutage = 1;
    for (int method = 0; method < 2; method++) {
        o.method = method ? OMV_PLAN_MATHPROG : OMV_PLAN_BRANCH_AND_CUT;
        omv_plan *p = NULL;
        if (omv_plan_run(&p, ctx, net, &o))
            ck_abort_msg("plan: %s", omv_ctx_errmsg(ctx));
        omv_plan_summary S;
        omv_plan_summary_get(p, &S);
        ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
        ck_assert_str_eq(chosen(p, net), "S1,P1");
        ck_assert_double_eq_tol(S.cost_nok, 1.2e6, 0.5);
        ck_assert_uint_eq(S.infeasible, 1);
        ck_assert_int_eq(S.protected_population, 100);
        omv_plan_target t;
        ck_assert(target_of(p, net, "I1", &t));
        ck_assert_int_eq(t.protected_, 1);
        ck_assert_int_eq(t.satellite, 1);
        ck_assert_int_eq(t.verified, 1);
        ck_assert(target_of(p, net, "I2", &t));
        ck_assert_int_eq(t.feasible, 0);
        ck_assert_str_eq(t.reason, "its reserve power does not last 24 h and no upgrade does");
        /* Either investment alone leaves I1 unprotected. */
        for (size_t i = 0; i < 2; i++) {
            omv_plan_investment v;
            ck_assert_int_eq(omv_plan_investment_get(p, i, &v), 0);
            ck_assert_int_eq(v.population_lost, 100);
        }
        ck_assert_int_eq(S.verified, 1);
        omv_plan_free(p);
    }
    /* A budget of 1 MNOK buys a terminal, which protects nobody without power; 1.2 MNOK protects I1. */
    o.method = OMV_PLAN_BRANCH_AND_CUT;
    static const double budgets[] = {1e6, 1.2e6, 3e6};
    omv_plan_sweep *sw = NULL;
    if (omv_plan_sweep_run(&sw, ctx, net, &o, budgets, 3))
        ck_abort_msg("sweep: %s", omv_ctx_errmsg(ctx));
    ck_assert_uint_eq(omv_plan_sweep_count(sw), 3);
    static const int64_t want[] = {0, 100, 100};
    for (size_t i = 0; i < 3; i++) {
        omv_plan_summary S;
        omv_plan_summary_get(omv_plan_sweep_plan(sw, i), &S);
        ck_assert_int_eq(S.protected_population, want[i]);
    }
    omv_plan_sweep_free(sw);
    /* Against the outage alone, the upgrade is enough: the link to C then keeps working. */
    o.failures = OMV_FAIL_POWER;
    omv_plan *p = NULL;
    if (omv_plan_run(&p, ctx, net, &o))
        ck_abort_msg("plan: %s", omv_ctx_errmsg(ctx));
    ck_assert_str_eq(chosen(p, net), "P1");
    omv_plan_free(p);
    omv_net_free(net);
}
END_TEST

/* ---- a generated larger network -------------------------------------------------------------------- */

/* Core node 0; `chains` chains of `len` sites hung on the core by their first node; candidate links
 * between random sites of neighbouring chains and back to the core, with random costs. */
static omv_net *generated(int chains, int len, uint64_t seed)
{
    omv__rng r;
    omv__rng_seed(&r, seed);
    omv__builder *b = NULL;
    omv_net *net = NULL;
    char buf[4][32];
    const char *vals[4];
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "generated");
    static const char *const NC[] = {"id", "kind", "population"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 3, NC, NULL), 0);
    int n = 1 + chains * len;
    for (int v = 0; v < n; v++) {
        snprintf(buf[0], 32, "n%d", v);
        snprintf(buf[1], 32, "%s", v ? "site" : "core");
        snprintf(buf[2], 32, "%llu", (unsigned long long)(v ? 100 + omv__rng_below(&r, 5000) : 0));
        for (int k = 0; k < 3; k++)
            vals[k] = buf[k];
        ck_assert_int_eq(omv__builder_row(b, v + 2, vals, NULL), 0);
    }
    static const char *const LC[] = {"id", "a", "b", "length_km"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 4, LC, NULL), 0);
    int line = 2;
    for (int c = 0; c < chains; c++)
        for (int i = 0; i < len; i++) {
            int v = 1 + c * len + i, u = i ? v - 1 : 0;
            snprintf(buf[0], 32, "l%d", v);
            snprintf(buf[1], 32, "n%d", u);
            snprintf(buf[2], 32, "n%d", v);
            snprintf(buf[3], 32, "10");
            for (int k = 0; k < 4; k++)
                vals[k] = buf[k];
            ck_assert_int_eq(omv__builder_row(b, line++, vals, NULL), 0);
        }
    static const char *const CC[] = {"id", "a", "b", "cost_nok"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_CANDIDATES, f, 1, 4, CC, NULL), 0);
    for (int k = 0; k < 3 * chains * len; k++) {
        int c = (int)omv__rng_below(&r, (uint64_t)chains), i = (int)omv__rng_below(&r, (uint64_t)len);
        int v = 1 + c * len + i;
        int u = omv__rng_below(&r, 4) == 0 ? 0
                                           : 1 + ((c + 1) % chains) * len + (int)omv__rng_below(&r, (uint64_t)len);
        if (u == v)
            continue;
        snprintf(buf[0], 32, "c%d", k);
        snprintf(buf[1], 32, "n%d", v);
        snprintf(buf[2], 32, "n%d", u);
        snprintf(buf[3], 32, "%llu", (unsigned long long)(1000000 + omv__rng_below(&r, 50) * 1000000));
        for (int q = 0; q < 4; q++)
            vals[q] = buf[q];
        ck_assert_int_eq(omv__builder_row(b, line++, vals, NULL), 0);
    }
    if (omv__builder_finish(b, &net))
        ck_abort_msg("generated: %s", omv_ctx_errmsg(ctx));
    omv__builder_free(b);
    return net;
}

/* A very small time limit stops the search at once: the best plan found (here the fall-back plan)
 * comes back with a bound and a gap, and it protects every feasible target. */
START_TEST(time_limit)
{
    omv_net *net = generated(40, 40, 7);
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.time_limit_s = 0.001;
    o.analyse = 0;
    omv_plan *p = NULL;
    ck_assert_int_eq(omv_plan_run(&p, ctx, net, &o), 0);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_TIME_LIMIT);
    ck_assert_str_eq(omv_plan_status_name(S.status), "time_limit");
    ck_assert_int_eq(S.has_plan, 1);
    ck_assert(isfinite(S.bound));
    ck_assert(S.bound <= S.objective);
    ck_assert(isfinite(S.gap) && S.gap > 0);
    ck_assert_uint_eq(S.protected_sites, S.targets - S.infeasible);
    char *json = NULL;
    ck_assert_int_eq(omv_plan_json(&json, ctx, p, net), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"status\": \"time_limit\""));
    free(json);
    omv_plan_free(p);
    omv_net_free(net);
}
END_TEST

/* An interrupt stops the search the same way. */
START_TEST(interrupted)
{
    omv_net *net = generated(20, 30, 11);
    volatile int flag = 1;
    omv_ctx_set_interrupt_flag(ctx, &flag);
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.analyse = 0;
    omv_plan *p = NULL;
    ck_assert_int_eq(omv_plan_run(&p, ctx, net, &o), 0);
    omv_ctx_set_interrupt_flag(ctx, NULL);
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    ck_assert_int_eq(S.status, OMV_PLAN_INTERRUPTED);
    ck_assert_int_eq(S.has_plan, 1);
    ck_assert_uint_eq(S.protected_sites, S.targets - S.infeasible);
    omv_plan_free(p);
    omv_net_free(net);
}
END_TEST

/* One thread or two: the same plan, the same words. */
START_TEST(threads_same_result)
{
    omv_net *net = generated(12, 25, 3);
    char *text[2];
    for (int k = 0; k < 2; k++) {
        omv_ctx_set_threads(ctx, k + 1);
        omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
        o.failures = OMV_FAIL_LINKS | OMV_FAIL_NODES;
        omv_plan *p = NULL;
        ck_assert_int_eq(omv_plan_run(&p, ctx, net, &o), 0);
        omv_plan_summary S;
        omv_plan_summary_get(p, &S);
        ck_assert_int_eq(S.status, OMV_PLAN_OPTIMAL);
        ck_assert_int_eq(omv_plan_text(&text[k], ctx, p, net), 0);
        omv_plan_free(p);
    }
    ck_assert_str_eq(text[0], text[1]);
    free(text[0]);
    free(text[1]);
    omv_net_free(net);
}
END_TEST

/* ---- reports ----------------------------------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_int_eq((long)fread(s, 1, (size_t)n, fp), n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

START_TEST(report_files)
{
    omv_plan *p = plan(coast, OMV_FAIL_LINKS | OMV_FAIL_SRLG, OMV_PLAN_MIN_COST, 0, NULL);
    char dir[] = "/tmp/omvei-plan-test-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(omv_plan_write(ctx, dir, p, coast), 0);
    char path[256];
    snprintf(path, sizeof(path), "%s/plan.json", dir);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "schema")), "omvei/plan/1");
    ck_assert_str_eq(json_string_value(json_object_get(root, "status")), "optimal");
    ck_assert_str_eq(json_string_value(json_object_get(root, "mode")), "min-cost");
    ck_assert_double_eq_tol(json_number_value(json_object_get(root, "objective")), 137.7e6, 0.5);
    ck_assert_double_eq_tol(json_number_value(json_object_get(root, "gap")), 0, 1e-9);
    json_t *inv = json_object_get(root, "investments");
    ck_assert_uint_eq(json_array_size(inv), 5);
    json_t *c1 = json_array_get(inv, 0);
    ck_assert_str_eq(json_string_value(json_object_get(c1, "id")), "C1");
    ck_assert_str_eq(json_string_value(json_object_get(c1, "kind")), "link");
    ck_assert_str_eq(json_string_value(json_object_get(c1, "medium")), "microwave");
    ck_assert_str_eq(json_string_value(json_object_get(c1, "a")), "MOS");
    ck_assert_double_eq_tol(json_number_value(json_object_get(c1, "length_km")), 200, 1e-9);
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(c1, "sites_lost"), 0)), "MOS");
    json_t *infeas = json_object_get(root, "infeasible");
    ck_assert_uint_eq(json_array_size(infeas), 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(infeas, 0), "id")), "VAR");
    json_t *ver = json_object_get(root, "verification");
    ck_assert(json_is_true(json_object_get(ver, "all_protected_confirmed")));
    ck_assert_uint_eq(json_array_size(json_object_get(ver, "targets")), 7);
    json_t *before = json_object_get(root, "before"), *after = json_object_get(root, "after");
    ck_assert(json_integer_value(json_object_get(json_object_get(json_object_get(before, "lambda"), "1"), "sites")) >
              0);
    ck_assert(json_is_object(after));
    json_decref(root);
    snprintf(path, sizeof(path), "%s/plan_investments.csv", dir);
    char *csv = slurp(path);
    ck_assert(!strncmp(csv, "id,kind,medium,a,b,cost_nok,", 27));
    ck_assert_ptr_nonnull(strstr(csv, "\nC2,link,aerial,STJ,TRD,15000000,125,,1,12000,1250,STJ\n"));
    free(csv);
    snprintf(path, sizeof(path), "%s/plan_map.geojson", dir);
    root = json_load_file(path, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "type")), "FeatureCollection");
    size_t investments = 0, targets = 0;
    json_t *feats = json_object_get(root, "features");
    for (size_t i = 0; i < json_array_size(feats); i++) {
        json_t *props = json_object_get(json_array_get(feats, i), "properties");
        const char *role = json_string_value(json_object_get(props, "role"));
        investments += !strcmp(role, "investment");
        targets += !strcmp(role, "target");
    }
    ck_assert_uint_eq(investments, 5);
    ck_assert_uint_eq(targets, 7);
    json_decref(root);
    char *text = NULL;
    ck_assert_int_eq(omv_plan_text(&text, ctx, p, coast), 0);
    ck_assert_ptr_nonnull(strstr(text, "Result: proven optimal."));
    ck_assert_ptr_nonnull(strstr(text, "Vardø (2,000 residents): link L8 (Kirkenes–Vardø) cuts it off"));
    free(text);
    const char *names[] = {"plan.json", "plan_investments.csv", "plan_map.geojson"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    omv_plan_free(p);
}
END_TEST

/* The planner's default targets are the failure analysis's sites: the satellite gateway is
 * infrastructure in both (7 sites on the coast: 10 nodes, 2 core nodes, 1 gateway). */
START_TEST(sites_agree_with_spof)
{
    omv_spof *s = NULL;
    ck_assert_int_eq(omv_spof_run(&s, ctx, coast, NULL), 0);
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(s, sites, pop);
    ck_assert_uint_eq(sites[0] + sites[1] + sites[2] + sites[3], 7);
    ck_assert_int_eq(omv_spof_lambda(s, (size_t)omv_net_node_find(coast, "GW")), -1);
    omv_spof_free(s);
    omv_plan *p = plan(coast, OMV_FAIL_LINKS, OMV_PLAN_MIN_COST, 0, NULL);
    ck_assert_uint_eq(omv_plan_target_count(p), 7);
    omv_plan_free(p);
}
END_TEST

START_TEST(bad_options)
{
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    omv_plan *p = (omv_plan *)&o;
    o.target = "ids:VAR,NOPE";
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_ptr_null(p);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "target: unknown node 'NOPE'");
    o.target = "people>10";
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "target 'people>10': expected 'region', 'pop>=N' or 'ids:A,B,C'");
    o.target = "ids:TRD";
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "target: node 'TRD' is part of the core");
    o.target = NULL;
    const char *core[] = {"OSLO"};
    o.core_ids = core;
    o.ncore = 1;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "unknown core node 'OSLO'");
    /* A list with no entry names no core node (as in the failure analysis), which the planner
     * cannot work with; it does not mean the default core. */
    o.ncore = 0;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "no core node: the core list is empty, and the planner needs core nodes to "
                                          "protect sites against");
    o.core_ids = NULL;
    o.ncore = 0;
    o.failures = 0;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "no failure class to protect against");
    o.failures = OMV_FAIL_POWER;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "power: no outage duration given");
    o.failures = OMV_FAIL_LINKS;
    o.mode = OMV_PLAN_BUDGET;
    o.budget_nok = -1;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
    o.version = 99;
    ck_assert_int_eq(omv_plan_run(&p, ctx, coast, &o), OMV_EARG);
}
END_TEST

/* The data section and the MPS file other solvers read: the same instance as the coast plan. */
START_TEST(export_model)
{
    char dir[] = "/tmp/omvei-plan-test-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char dat[256], mps[256];
    snprintf(dat, sizeof(dat), "%s/coast.dat", dir);
    snprintf(mps, sizeof(mps), "%s/coast.mps", dir);
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    o.failures = OMV_FAIL_LINKS | OMV_FAIL_SRLG;
    ck_assert_int_eq(omv_plan_export(ctx, coast, &o, dat, mps), 0);
    char *d = slurp(dat), *m = slurp(mps);
    ck_assert_ptr_nonnull(strstr(d, "\ndata;\n"));
    ck_assert_ptr_nonnull(strstr(d, "param : K : cost :="));
    ck_assert_ptr_nonnull(strstr(d, "\nend;\n"));
    /* Vardø (node 8) is infeasible: it is not a target of the model. */
    ck_assert_ptr_null(strstr(d, "  n8 2000"));
    ck_assert_ptr_nonnull(strstr(m, "ROWS"));
    ck_assert_ptr_nonnull(strstr(m, "x[k0]"));
    free(d);
    free(m);
    unlink(dat);
    unlink(mps);
    rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("coast");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, min_cost_links);
    tcase_add_test(tc, min_cost_links_srlg);
    tcase_add_test(tc, budget_mode);
    tcase_add_test(tc, sweep_monotonic);
    tcase_add_test(tc, infeasible_targets);
    tcase_add_test(tc, power_outage);
    tcase_add_test(tc, satellite_needs_power);
    tcase_add_test(tc, time_limit);
    tcase_add_test(tc, interrupted);
    tcase_add_test(tc, threads_same_result);
    tcase_add_test(tc, report_files);
    tcase_add_test(tc, sites_agree_with_spof);
    tcase_add_test(tc, bad_options);
    tcase_add_test(tc, export_model);
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
