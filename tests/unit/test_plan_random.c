/*
 * test_plan_random.c — the planner's two forms against each other and against brute force, on
 * seeded random small networks: branch-and-cut with lazy max-flow rows (OMV_PLAN_BRANCH_AND_CUT),
 * the compact flow form of models/protect.mod (OMV_PLAN_MATHPROG), and an oracle written here, apart
 * from src/plan/, that tries every subset of the candidates (each has at most 10) and checks every
 * failure by a plain search. Min-cost and budget modes; links, nodes, shared-risk groups and power
 * outages; candidate links, satellite terminals and reserve-power upgrades.
 */
#include "topo/build.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 10
#define MAXL 24
#define MAXC 10

/* A random instance; candidates: kind 0 link (a, b), 1 satellite terminal (a = site, b = gateway),
 * 2 power upgrade of node a lasting 72 h. */
typedef struct {
    int n, m, nc, ngw;
    int kind[MAXN];      /* omv_kind */
    int64_t pop[MAXN];
    double power_h[MAXN]; /* NaN: unknown */
    int a[MAXL], b[MAXL];
    unsigned srlg[MAXL]; /* bit g: group "g<g>" */
    int ck[MAXC], ca[MAXC], cb[MAXC];
    unsigned csrlg[MAXC];
    double cost[MAXC];
} inst;

static void random_inst(inst *I, uint64_t seed)
{
    omv__rng r;
    omv__rng_seed(&r, seed);
    memset(I, 0, sizeof(*I));
    I->n = 5 + (int)omv__rng_below(&r, 5);
    int gw = omv__rng_below(&r, 2) ? I->n - 1 : -1;
    static const double PH[] = {NAN, 2, 8, 24, 72};
    for (int v = 0; v < I->n; v++) {
        I->kind[v] = OMV_KIND_SITE;
        I->pop[v] = (int64_t)omv__rng_below(&r, 1000);
        I->power_h[v] = PH[omv__rng_below(&r, 5)];
    }
    I->kind[0] = OMV_KIND_CORE;
    if (omv__rng_below(&r, 3) == 0)
        I->kind[1] = OMV_KIND_IXP;
    if (gw >= 0) {
        I->kind[gw] = OMV_KIND_SATELLITE_GATEWAY;
        I->pop[gw] = 0;
    }
    int last = gw >= 0 ? gw : I->n; /* gateways have no existing link */
    /* A random tree over 0..last-1, then a few extra links (parallel ones allowed). */
    for (int v = 1; v < last; v++) {
        I->a[I->m] = (int)omv__rng_below(&r, (uint64_t)v);
        I->b[I->m] = v;
        I->m++;
    }
    int extra = (int)omv__rng_below(&r, 3);
    for (int k = 0; k < extra; k++) {
        int x = (int)omv__rng_below(&r, (uint64_t)last), y = (int)omv__rng_below(&r, (uint64_t)last);
        if (x == y)
            continue;
        I->a[I->m] = x;
        I->b[I->m] = y;
        I->m++;
    }
    for (int e = 0; e < I->m; e++)
        I->srlg[e] = omv__rng_below(&r, 3) == 0 ? 1u << omv__rng_below(&r, 3) : 0;
    int nc = 3 + (int)omv__rng_below(&r, MAXC - 2);
    for (int k = 0; k < nc; k++) {
        int kind = (int)omv__rng_below(&r, 6);
        int x = 1 + (int)omv__rng_below(&r, (uint64_t)(last - 1));
        int c = I->nc;
        if (kind == 0 && gw >= 0) {
            I->ck[c] = 1;
            I->ca[c] = x;
            I->cb[c] = gw;
            I->cost[c] = (double)(5 + omv__rng_below(&r, 40)) * 1e6;
        } else if (kind == 1) {
            I->ck[c] = 2;
            I->ca[c] = x;
            I->cb[c] = -1;
            I->cost[c] = (double)(1 + omv__rng_below(&r, 10)) * 1e5;
        } else {
            int y = (int)omv__rng_below(&r, (uint64_t)last);
            if (y == x)
                continue;
            I->ck[c] = 0;
            I->ca[c] = x;
            I->cb[c] = y;
            I->csrlg[c] = omv__rng_below(&r, 4) == 0 ? 1u << omv__rng_below(&r, 3) : 0;
            I->cost[c] = (double)(10 + omv__rng_below(&r, 90)) * 1e6;
        }
        I->nc++;
    }
}

static omv_net *build(omv_ctx *ctx, const inst *I)
{
    omv__builder *b = NULL;
    omv_net *net = NULL;
    char bufs[8][64];
    const char *vals[8];
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    int f = omv__builder_file(b, "random");
    static const char *const NC[] = {"id", "kind", "population", "power_h"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_NODES, f, 1, 4, NC, NULL), 0);
    for (int v = 0; v < I->n; v++) {
        snprintf(bufs[0], 64, "n%d", v);
        snprintf(bufs[1], 64, "%s", omv_kind_name((omv_kind)I->kind[v]));
        snprintf(bufs[2], 64, "%lld", (long long)I->pop[v]);
        if (isnan(I->power_h[v]))
            bufs[3][0] = '\0';
        else
            snprintf(bufs[3], 64, "%g", I->power_h[v]);
        for (int c = 0; c < 4; c++)
            vals[c] = bufs[c];
        ck_assert_int_eq(omv__builder_row(b, 2 + v, vals, NULL), 0);
    }
    static const char *const LC[] = {"id", "a", "b", "srlg", "length_km"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_LINKS, f, 1, 5, LC, NULL), 0);
    for (int e = 0; e < I->m; e++) {
        snprintf(bufs[0], 64, "e%d", e);
        snprintf(bufs[1], 64, "n%d", I->a[e]);
        snprintf(bufs[2], 64, "n%d", I->b[e]);
        bufs[3][0] = '\0';
        for (int g = 0; g < 3; g++)
            if (I->srlg[e] & (1u << g))
                snprintf(bufs[3], 64, "g%d", g);
        snprintf(bufs[4], 64, "10");
        for (int c = 0; c < 5; c++)
            vals[c] = bufs[c];
        ck_assert_int_eq(omv__builder_row(b, 2 + e, vals, NULL), 0);
    }
    static const char *const CC[] = {"id", "a", "b", "medium", "cost_nok", "power_h", "srlg", "length_km"};
    ck_assert_int_eq(omv__builder_header(b, OMV__TAB_CANDIDATES, f, 1, 8, CC, NULL), 0);
    for (int c = 0; c < I->nc; c++) {
        snprintf(bufs[0], 64, "c%d", c);
        snprintf(bufs[1], 64, "n%d", I->ca[c]);
        if (I->cb[c] >= 0)
            snprintf(bufs[2], 64, "n%d", I->cb[c]);
        else
            bufs[2][0] = '\0';
        snprintf(bufs[3], 64, "%s", I->ck[c] == 0 ? "fiber" : I->ck[c] == 1 ? "satellite" : "power");
        snprintf(bufs[4], 64, "%.0f", I->cost[c]);
        snprintf(bufs[5], 64, "%s", I->ck[c] == 2 ? "72" : "");
        bufs[6][0] = '\0';
        for (int g = 0; g < 3; g++)
            if (I->csrlg[c] & (1u << g))
                snprintf(bufs[6], 64, "g%d", g);
        snprintf(bufs[7], 64, "%s", I->ck[c] == 2 ? "" : "10");
        for (int k = 0; k < 8; k++)
            vals[k] = bufs[k];
        ck_assert_int_eq(omv__builder_row(b, 2 + c, vals, NULL), 0);
    }
    int rc = omv__builder_finish(b, &net);
    if (rc)
        ck_abort_msg("build: %s", omv_ctx_errmsg(ctx));
    omv__builder_free(b);
    return net;
}

/* ---- the oracle: every subset, every failure, plain searches ------------------------------------ */

#define OUTAGE_H 24.0

static int is_core(const inst *I, int v) { return I->kind[v] == OMV_KIND_CORE || I->kind[v] == OMV_KIND_IXP; }

static int is_target(const inst *I, int v)
{
    return !is_core(I, v) && I->kind[v] != OMV_KIND_SATELLITE_GATEWAY;
}

/* Links present: existing ones and the chosen candidate links, with their groups. */
typedef struct {
    int m, a[MAXL + MAXC], b[MAXL + MAXC];
    unsigned g[MAXL + MAXC];
} linkset;

static void links_of(const inst *I, unsigned S, linkset *L)
{
    L->m = 0;
    for (int e = 0; e < I->m; e++) {
        L->a[L->m] = I->a[e];
        L->b[L->m] = I->b[e];
        L->g[L->m++] = I->srlg[e];
    }
    for (int c = 0; c < I->nc; c++)
        if ((S >> c & 1u) && I->ck[c] == 0) {
            L->a[L->m] = I->ca[c];
            L->b[L->m] = I->cb[c];
            L->g[L->m++] = I->csrlg[c];
        }
}

/* Does t reach a working core node when link dead_link, group dead_group, node dead_node and (with
 * outage) the nodes without power are down? */
static int reaches(const inst *I, const linkset *L, unsigned S, int t, int dead_link, int dead_group, int dead_node,
                   int outage)
{
    int alive[MAXN], seen[MAXN] = {0}, q[MAXN], qh = 0, qt = 0;
    for (int v = 0; v < I->n; v++) {
        alive[v] = v != dead_node;
        if (outage && (isnan(I->power_h[v]) || I->power_h[v] < OUTAGE_H)) {
            int up = 0;
            for (int c = 0; c < I->nc; c++)
                up |= (S >> c & 1u) && I->ck[c] == 2 && I->ca[c] == v;
            alive[v] = alive[v] && up;
        }
    }
    for (int v = 0; v < I->n; v++)
        if (is_core(I, v) && alive[v]) {
            seen[v] = 1;
            q[qt++] = v;
        }
    while (qh < qt) {
        int u = q[qh++];
        for (int e = 0; e < L->m; e++) {
            if (e == dead_link || (dead_group >= 0 && (L->g[e] >> dead_group & 1u)))
                continue;
            int w = L->a[e] == u ? L->b[e] : L->b[e] == u ? L->a[e] : -1;
            if (w < 0 || seen[w] || !alive[w])
                continue;
            seen[w] = 1;
            q[qt++] = w;
        }
    }
    return seen[t];
}

/* Does node v keep its power through the outage (its own power_h, or a chosen upgrade)? */
static int powered(const inst *I, unsigned S, int v)
{
    if (!isnan(I->power_h[v]) && I->power_h[v] >= OUTAGE_H)
        return 1;
    for (int c = 0; c < I->nc; c++)
        if ((S >> c & 1u) && I->ck[c] == 2 && I->ca[c] == v)
            return 1;
    return 0;
}

static int protected_by(const inst *I, unsigned S, unsigned cls, int t)
{
    /* A site without power is down: its terminal runs on that power too. */
    if ((cls & OMV_FAIL_POWER) && !powered(I, S, t))
        return 0;
    for (int c = 0; c < I->nc; c++)
        if ((S >> c & 1u) && I->ck[c] == 1 && I->ca[c] == t)
            return 1;
    linkset L;
    links_of(I, S, &L);
    if (!reaches(I, &L, S, t, -1, -1, -1, 0))
        return 0;
    if (cls & OMV_FAIL_LINKS)
        for (int e = 0; e < L.m; e++)
            if (!reaches(I, &L, S, t, e, -1, -1, 0))
                return 0;
    if (cls & OMV_FAIL_NODES)
        for (int v = 0; v < I->n; v++)
            if (v != t && !is_core(I, v) && !reaches(I, &L, S, t, -1, -1, v, 0))
                return 0;
    if (cls & OMV_FAIL_SRLG)
        for (int g = 0; g < 3; g++)
            if (!reaches(I, &L, S, t, -1, g, -1, 0))
                return 0;
    if (cls & OMV_FAIL_POWER)
        if (!reaches(I, &L, S, t, -1, -1, -1, 1))
            return 0;
    return 1;
}

typedef struct {
    double mincost;      /* least cost protecting every feasible target */
    int64_t best_pop;    /* budget mode: most residents protected */
    double best_pop_cost; /* and the least cost for them */
} oracle;

static void brute(const inst *I, unsigned cls, double budget, oracle *o)
{
    unsigned all = (1u << I->nc) - 1;
    int feas[MAXN];
    for (int t = 0; t < I->n; t++)
        feas[t] = is_target(I, t) && protected_by(I, all, cls, t);
    o->mincost = INFINITY;
    o->best_pop = -1;
    o->best_pop_cost = INFINITY;
    for (unsigned S = 0; S <= all; S++) {
        double cost = 0;
        for (int c = 0; c < I->nc; c++)
            if (S >> c & 1u)
                cost += I->cost[c];
        int ok = 1;
        int64_t pop = 0;
        for (int t = 0; t < I->n; t++) {
            if (!is_target(I, t))
                continue;
            int p = protected_by(I, S, cls, t);
            if (feas[t] && !p)
                ok = 0;
            if (p)
                pop += I->pop[t];
        }
        if (ok && cost < o->mincost)
            o->mincost = cost;
        if (cost <= budget + 1e-6 && (pop > o->best_pop || (pop == o->best_pop && cost < o->best_pop_cost))) {
            o->best_pop = pop;
            o->best_pop_cost = cost;
        }
    }
}

static omv_plan_summary solve(omv_ctx *ctx, const omv_net *net, unsigned cls, omv_plan_mode mode, double budget,
                              omv_plan_method method)
{
    omv_plan_options o = OMV_PLAN_OPTIONS_INIT;
    double hours[] = {OUTAGE_H};
    o.failures = cls;
    o.outage_hours = hours;
    o.noutage = 1;
    o.mode = mode;
    o.budget_nok = budget;
    o.method = method;
    o.analyse = 0;
    omv_plan *p = NULL;
    int rc = omv_plan_run(&p, ctx, net, &o);
    if (rc)
        ck_abort_msg("plan (method %d, classes %u): %s", (int)method, cls, omv_ctx_errmsg(ctx));
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    omv_plan_free(p);
    return S;
}

static const unsigned CLASSES[] = {OMV_FAIL_LINKS,
                                   OMV_FAIL_SRLG,
                                   OMV_FAIL_NODES,
                                   OMV_FAIL_LINKS | OMV_FAIL_SRLG,
                                   OMV_FAIL_LINKS | OMV_FAIL_POWER,
                                   OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_POWER};
#define NCLASSES (sizeof(CLASSES) / sizeof(CLASSES[0]))

/* 36 seeded instances: every class combination six times, min-cost and budget, both forms and brute
 * force agree on the optimum. */
START_TEST(forms_agree_with_brute_force)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_ctx_set_threads(ctx, 2);
    int instances = 0, with_sat = 0, with_power = 0, bought_sat = 0, bought_power = 0;
    for (uint64_t seed = 1; seed <= 36; seed++) {
        inst I;
        random_inst(&I, seed * 7919u);
        unsigned cls = CLASSES[seed % NCLASSES];
        omv_net *net = build(ctx, &I);
        oracle o;
        double budget = 60e6;
        brute(&I, cls, budget, &o);
        omv_plan_summary a = solve(ctx, net, cls, OMV_PLAN_MIN_COST, 0, OMV_PLAN_BRANCH_AND_CUT);
        omv_plan_summary b = solve(ctx, net, cls, OMV_PLAN_MIN_COST, 0, OMV_PLAN_MATHPROG);
        ck_assert_int_eq(a.status == OMV_PLAN_OPTIMAL || a.status == OMV_PLAN_INFEASIBLE, 1);
        ck_assert_msg(fabs(a.cost_nok - o.mincost) < 0.5, "seed %llu classes %u: cuts %.0f, brute force %.0f",
                      (unsigned long long)seed, cls, a.cost_nok, o.mincost);
        ck_assert_msg(fabs(b.cost_nok - o.mincost) < 0.5, "seed %llu classes %u: mathprog %.0f, brute force %.0f",
                      (unsigned long long)seed, cls, b.cost_nok, o.mincost);
        omv_plan_summary c = solve(ctx, net, cls, OMV_PLAN_BUDGET, budget, OMV_PLAN_BRANCH_AND_CUT);
        omv_plan_summary d = solve(ctx, net, cls, OMV_PLAN_BUDGET, budget, OMV_PLAN_MATHPROG);
        ck_assert_msg(c.protected_population == o.best_pop && fabs(c.cost_nok - o.best_pop_cost) < 0.5,
                      "seed %llu classes %u budget: cuts %lld at %.0f, brute force %lld at %.0f",
                      (unsigned long long)seed, cls, (long long)c.protected_population, c.cost_nok,
                      (long long)o.best_pop, o.best_pop_cost);
        ck_assert_msg(d.protected_population == o.best_pop && fabs(d.cost_nok - o.best_pop_cost) < 0.5,
                      "seed %llu classes %u budget: mathprog %lld at %.0f, brute force %lld at %.0f",
                      (unsigned long long)seed, cls, (long long)d.protected_population, d.cost_nok,
                      (long long)o.best_pop, o.best_pop_cost);
        ck_assert_int_le((long long)c.cost_nok, (long long)budget);
        instances++;
        for (int k = 0; k < I.nc; k++) {
            with_sat |= I.ck[k] == 1;
            with_power |= I.ck[k] == 2 && (cls & OMV_FAIL_POWER);
        }
        /* Did an optimum buy a terminal or an upgrade? (brute force over the same instance) */
        omv_plan_options po = OMV_PLAN_OPTIONS_INIT;
        double hours[] = {OUTAGE_H};
        po.failures = cls;
        po.outage_hours = hours;
        po.noutage = 1;
        po.analyse = 0;
        omv_plan *p = NULL;
        ck_assert_int_eq(omv_plan_run(&p, ctx, net, &po), 0);
        unsigned S = 0;
        for (size_t i = 0; i < omv_plan_investment_count(p); i++) {
            omv_plan_investment v;
            omv_plan_investment_get(p, i, &v);
            S |= 1u << atoi(omv_net_link_id(net, (size_t)v.link) + 1);
        }
        for (size_t i = 0; i < omv_plan_investment_count(p); i++) {
            omv_plan_investment v;
            omv_plan_investment_get(p, i, &v);
            bought_sat |= v.kind == OMV_INVEST_SATELLITE;
            bought_power |= v.kind == OMV_INVEST_POWER;
            /* What is lost without it, against the oracle. */
            int k = atoi(omv_net_link_id(net, (size_t)v.link) + 1);
            size_t lost = 0;
            int64_t lost_pop = 0;
            for (int t = 0; t < I.n; t++)
                if (is_target(&I, t) && protected_by(&I, S, cls, t) && !protected_by(&I, S & ~(1u << k), cls, t)) {
                    lost++;
                    lost_pop += I.pop[t];
                }
            ck_assert_msg(v.sites_lost == lost && v.population_lost == lost_pop,
                          "seed %llu: investment c%d loses %zu sites, oracle %zu", (unsigned long long)seed, k,
                          v.sites_lost, lost);
        }
        omv_plan_free(p);
        omv_net_free(net);
    }
    ck_assert_int_ge(instances, 20);
    ck_assert_int_eq(with_sat, 1);
    ck_assert_int_eq(with_power, 1);
    ck_assert_int_eq(bought_sat, 1);
    ck_assert_int_eq(bought_power, 1);
    omv_ctx_free(ctx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("plan_random");
    TCase *tc = tcase_create("forms");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, forms_agree_with_brute_force);
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
