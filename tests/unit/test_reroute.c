/*
 * test_reroute.c — rerouting on small networks worked out by hand: a ring that splits a demand and
 * then runs out of capacity, a bottleneck, a node failure whose demand is lost with the node, a
 * border policy that strands a domestic demand and a transit country that reopens the way, ECMP
 * splitting 50/50 and 1/3-2/3, a shared-risk group, the reuse of the intact result, warm and cold
 * solves agreeing on a grid, and the same result on 1 and 2 threads. The suite runs once with each
 * LP solver (GLPK, then CLP).
 */
#include "support_files.h"
#include "omvei.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* The LP solver of this pass of the suite (main). */
static omv_lp_solver solver = OMV_LP_GLPK;
static int reuse = 1; /* reuse_intact of the next run */

typedef struct {
    omv_ctx *ctx;
    omv_net *net;
    omv_scenario *sc;
    omv_reroute *rr;
    char *dir;
} fix;

/* Loads the three tables, sets the scenario from key=value pairs and runs. */
static void run(fix *f, const char *nodes, const char *links, const char *demands, const char *failures,
                const char *border, omv_routing routing, int threads, int warm)
{
    memset(f, 0, sizeof(*f));
    f->ctx = omv_ctx_new();
    omv_ctx_set_threads(f->ctx, threads);
    f->dir = omv_test_tmpdir("reroute");
    put(f->dir, "nodes.csv", nodes);
    put(f->dir, "links.csv", links);
    put(f->dir, "demands.csv", demands);
    const char *paths[] = {f->dir};
    ck_assert_msg(omv_net_load(&f->net, f->ctx, paths, 1) == 0, "%s", omv_ctx_errmsg(f->ctx));
    ck_assert_int_eq(omv_scenario_new(&f->sc, f->ctx), 0);
    ck_assert_msg(omv_scenario_set(f->sc, f->ctx, "failures", failures) == 0, "%s", omv_ctx_errmsg(f->ctx));
    if (border)
        ck_assert_msg(omv_scenario_set(f->sc, f->ctx, "border", border) == 0, "%s", omv_ctx_errmsg(f->ctx));
    ck_assert_msg(omv_scenario_bind(f->sc, f->ctx, f->net) == 0, "%s", omv_ctx_errmsg(f->ctx));
    omv_reroute_options opt = OMV_REROUTE_OPTIONS_INIT;
    opt.routing = routing;
    opt.warm_start = warm;
    opt.solver = solver;
    opt.reuse_intact = reuse;
    ck_assert_msg(omv_reroute_run(&f->rr, f->ctx, f->net, f->sc, &opt) == 0, "%s", omv_ctx_errmsg(f->ctx));
}

static void done(fix *f)
{
    omv_reroute_free(f->rr);
    omv_scenario_free(f->sc);
    omv_net_free(f->net);
    omv_ctx_free(f->ctx);
    omv_test_rmtree(f->dir);
    free(f->dir);
}

/* The scenario whose failed link is id. */
static size_t scen_of_link(const fix *f, const char *id)
{
    long l = omv_test_link(f->net, id);
    for (size_t i = 0; i < omv_reroute_scenario_count(f->rr); i++) {
        omv_reroute_scenario s;
        omv_reroute_scenario_get(f->rr, i, &s);
        if (s.kind == OMV_REROUTE_LINK && s.link[0] == l)
            return i;
    }
    ck_abort_msg("no scenario for link %s", id);
    return 0;
}

static double gbps_intact(const fix *f, const char *id)
{
    omv_reroute_link lk;
    ck_assert_int_eq(omv_reroute_link_get(f->rr, (size_t)omv_test_link(f->net, id), &lk), 0);
    return lk.gbps_intact;
}

static const char *RING_NODES = "id\nA\nB\nC\nD\n";
static const char *RING_LINKS = "id,a,b,capacity_gbps\nAB,A,B,10\nBC,B,C,10\nCD,C,D,10\nDA,D,A,10\n";

/* 15 Gbps from A to C over a ring of 10 Gbps links: intact, the two halves share it (at best 7.5
 * each, utilisation 0.75); without AB only the other half is left: 10 served, 5 unserved, full. */
START_TEST(test_ring_split_and_shortfall)
{
    fix f;
    run(&f, RING_NODES, RING_LINKS, "src,dst,gbps\nA,C,15\n", "links", NULL, OMV_ROUTING_OPTIMAL, 1, 1);
    omv_reroute_scenario s;
    omv_reroute_intact(f.rr, &s);
    ck_assert_double_eq_tol(s.unserved_gbps, 0, 1e-7);
    ck_assert_double_eq_tol(s.max_utilisation, 0.75, 1e-6);
    ck_assert_double_eq_tol(gbps_intact(&f, "AB"), 7.5, 1e-6);
    ck_assert_double_eq_tol(gbps_intact(&f, "DA"), 7.5, 1e-6);
    ck_assert_uint_eq(omv_reroute_scenario_count(f.rr), 4);
    ck_assert_int_eq(omv_reroute_scenario_get(f.rr, scen_of_link(&f, "AB"), &s), 0);
    ck_assert_double_eq_tol(s.unserved_gbps, 5, 1e-6);
    ck_assert_double_eq_tol(s.max_utilisation, 1, 1e-6);
    ck_assert_double_eq(s.lost_with_node_gbps, 0);
    const omv_reroute_unserved *u;
    ck_assert_uint_eq(omv_reroute_unserved_list(f.rr, scen_of_link(&f, "AB"), &u), 1);
    ck_assert_double_eq_tol(u[0].gbps, 5, 1e-6);
    /* The worst case of DA is the failure of AB (or BC: the lower scenario number wins). */
    omv_reroute_link lk;
    omv_reroute_link_get(f.rr, (size_t)omv_test_link(f.net, "DA"), &lk);
    ck_assert_int_eq(lk.worst_failure, (long)scen_of_link(&f, "AB"));
    ck_assert_double_eq_tol(lk.gbps_worst, 10, 1e-6);
    ck_assert_double_eq_tol(lk.utilisation_worst, 1, 1e-6);
    done(&f);
}
END_TEST

/* One 5 Gbps link for 8 Gbps: 3 unserved intact; a link without capacity is unlimited and counted. */
START_TEST(test_bottleneck_and_unlimited)
{
    fix f;
    run(&f, "id\nA\nB\nC\n", "id,a,b,capacity_gbps\nAB,A,B,5\nBC,B,C,\n", "src,dst,gbps\nA,B,8\nB,C,50\n", "links",
        NULL, OMV_ROUTING_OPTIMAL, 1, 1);
    omv_reroute_scenario s;
    omv_reroute_intact(f.rr, &s);
    ck_assert_double_eq_tol(s.unserved_gbps, 3, 1e-6);
    ck_assert_double_eq_tol(s.max_utilisation, 1, 1e-6);
    ck_assert_uint_eq(omv_reroute_unlimited_links(f.rr), 1);
    ck_assert_double_eq_tol(gbps_intact(&f, "BC"), 50, 1e-6);
    omv_reroute_link lk;
    omv_reroute_link_get(f.rr, (size_t)omv_test_link(f.net, "BC"), &lk);
    ck_assert(isnan(lk.capacity_gbps));
    ck_assert(isnan(lk.utilisation_intact));
    done(&f);
}
END_TEST

/* Triangle A-B-C; B fails: B->C's 2 Gbps is lost with the node, A->C's 4 Gbps goes direct. */
START_TEST(test_node_failure_loses_its_demand)
{
    fix f;
    run(&f, "id\nA\nB\nC\n", "id,a,b,capacity_gbps\nAB,A,B,10\nBC,B,C,10\nAC,A,C,3\n",
        "src,dst,gbps\nA,C,4\nB,C,2\n", "nodes", NULL, OMV_ROUTING_OPTIMAL, 1, 1);
    omv_reroute_scenario s;
    omv_reroute_intact(f.rr, &s);
    ck_assert_double_eq_tol(s.unserved_gbps, 0, 1e-7);
    ck_assert_uint_eq(omv_reroute_scenario_count(f.rr), 3);
    ck_assert_int_eq(omv_reroute_scenario_get(f.rr, 1, &s), 0); /* node B */
    ck_assert_int_eq(s.kind, OMV_REROUTE_NODE);
    ck_assert_int_eq(s.node, omv_test_node(f.net, "B"));
    ck_assert_double_eq_tol(s.lost_with_node_gbps, 2, 1e-9);
    ck_assert_double_eq_tol(s.unserved_gbps, 1, 1e-6); /* AC holds 3 of the 4 */
    ck_assert_double_eq_tol(s.max_utilisation, 1, 1e-6);
    ck_assert_int_eq(omv_reroute_scenario_get(f.rr, 2, &s), 0); /* node C: everything lost, nothing unserved */
    ck_assert_double_eq_tol(s.lost_with_node_gbps, 6, 1e-9);
    ck_assert_double_eq_tol(s.unserved_gbps, 0, 1e-9);
    done(&f);
}
END_TEST

/* Two Norwegian nodes joined only through Sweden: allow serves the domestic demand, deny strands it,
 * transit:SE reopens the way; the cross-border demand is never held back. */
static const char *BORDER_NODES = "id,country\nA,NO\nS,SE\nC,NO\nF,FI\n";
static const char *BORDER_LINKS = "id,a,b,capacity_gbps\nAS,A,S,100\nSC,S,C,100\nSF,S,F,100\n";
static const char *BORDER_DEMANDS = "src,dst,gbps\nA,C,5\nA,F,7\n";

START_TEST(test_border_deny_and_transit)
{
    const char *policy[] = {"allow", "deny", "transit:SE", "transit:FI"};
    const double unserved[] = {0, 5, 0, 5};
    for (int p = 0; p < 4; p++) {
        fix f;
        run(&f, BORDER_NODES, BORDER_LINKS, BORDER_DEMANDS, "links", policy[p], OMV_ROUTING_OPTIMAL, 1, 1);
        omv_reroute_scenario s;
        omv_reroute_intact(f.rr, &s);
        ck_assert_msg(fabs(s.unserved_gbps - unserved[p]) < 1e-6, "%s: %g unserved", policy[p], s.unserved_gbps);
        const omv_reroute_unserved *u;
        size_t nu = omv_reroute_unserved_list(f.rr, (size_t)-1, &u);
        ck_assert_uint_eq(nu, unserved[p] > 0);
        if (nu)
            ck_assert_int_eq(u[0].demand, 0);
        done(&f);
        /* Shortest routing honours the same mask. */
        run(&f, BORDER_NODES, BORDER_LINKS, BORDER_DEMANDS, "links", policy[p], OMV_ROUTING_SHORTEST, 1, 1);
        omv_reroute_intact(f.rr, &s);
        ck_assert_double_eq_tol(s.unserved_gbps, unserved[p], 1e-9);
        done(&f);
    }
}
END_TEST

/* ECMP: A to D over two equal two-hop paths splits 50/50; over three equal three-hop paths whose
 * first two merge, the last hops carry 2/3 and 1/3. Capacity does not bend shortest paths. */
START_TEST(test_ecmp_splits)
{
    fix f;
    run(&f, "id\nA\nB\nC\nD\n", "id,a,b,capacity_gbps,metric\nAB,A,B,1,1\nBD,B,D,1,1\nAC,A,C,1,1\nCD,C,D,1,1\n",
        "src,dst,gbps\nA,D,10\n", "links", NULL, OMV_ROUTING_SHORTEST, 1, 1);
    ck_assert_double_eq_tol(gbps_intact(&f, "AB"), 5, 1e-9);
    ck_assert_double_eq_tol(gbps_intact(&f, "CD"), 5, 1e-9);
    omv_reroute_scenario s;
    omv_reroute_intact(f.rr, &s);
    ck_assert_double_eq_tol(s.max_utilisation, 5, 1e-9); /* loads may exceed capacity */
    const int32_t *ov;
    ck_assert_uint_eq(omv_reroute_overloaded(f.rr, (size_t)-1, &ov), 4);
    /* Without AB everything takes A-C-D. */
    omv_reroute_scenario_get(f.rr, scen_of_link(&f, "AB"), &s);
    ck_assert_double_eq_tol(s.max_utilisation, 10, 1e-9);
    done(&f);
    run(&f, "id\nA\nB\nC\nE\nX\nY\nD\n",
        "id,a,b,capacity_gbps,length_km\nAB,A,B,100,5\nAC,A,C,100,5\nAE,A,E,100,5\nBX,B,X,100,5\nCX,C,X,100,5\n"
        "XD,X,D,100,5\nEY,E,Y,100,5\nYD,Y,D,100,5\nAD,A,D,100,16\n",
        "src,dst,gbps\nA,D,9\n", "links", NULL, OMV_ROUTING_SHORTEST, 1, 1);
    ck_assert_double_eq_tol(gbps_intact(&f, "AB"), 3, 1e-9);
    ck_assert_double_eq_tol(gbps_intact(&f, "XD"), 6, 1e-9);
    ck_assert_double_eq_tol(gbps_intact(&f, "YD"), 3, 1e-9);
    ck_assert_double_eq_tol(gbps_intact(&f, "AD"), 0, 1e-9); /* 16 > 15 */
    done(&f);
}
END_TEST

/* A group fails both halves of the ring at once: A to C is cut; a link failure carrying nothing
 * keeps the intact result without a solve. */
START_TEST(test_srlg_and_reuse)
{
    fix f;
    run(&f, "id\nA\nB\nC\nD\nE\n",
        "id,a,b,capacity_gbps,srlg\nAB,A,B,10,duct\nBC,B,C,10,\nCD,C,D,10,\nDA,D,A,10,duct\nBD,B,D,1,\nCE,C,E,10,\n",
        "src,dst,gbps\nA,B,4\n", "links,srlg", NULL, OMV_ROUTING_OPTIMAL, 1, 1);
    size_t n = omv_reroute_scenario_count(f.rr);
    ck_assert_uint_eq(n, 7);
    omv_reroute_scenario s;
    /* Intact, the least largest utilisation spreads the demand: 2 on AB, 2 through D. */
    omv_reroute_intact(f.rr, &s);
    ck_assert_double_eq_tol(s.max_utilisation, 0.2, 1e-6);
    omv_reroute_scenario_get(f.rr, 6, &s);
    ck_assert_int_eq(s.kind, OMV_REROUTE_SRLG);
    ck_assert_double_eq_tol(s.unserved_gbps, 4, 1e-6);
    /* CE carries nothing intact (no demand goes near E): its failure reuses the intact result. */
    omv_reroute_scenario_get(f.rr, scen_of_link(&f, "CE"), &s);
    ck_assert_int_eq(s.solved, 0);
    ck_assert_double_eq_tol(s.unserved_gbps, 0, 1e-9);
    omv_reroute_scenario_get(f.rr, scen_of_link(&f, "AB"), &s);
    ck_assert_int_eq(s.solved, 1);
    ck_assert_double_eq_tol(s.unserved_gbps, 0, 1e-6);
    ck_assert_double_eq_tol(s.max_utilisation, 0.4, 1e-6); /* all 4 through D, over DA */
    done(&f);
}
END_TEST

/* A 5 x 5 grid with uneven capacities and demands: warm and cold solves, and 1 and 2 threads, give
 * the same figures for every scenario. */
static void grid(char *nodes, char *links, char *demands)
{
    strcpy(nodes, "id\n");
    strcpy(links, "id,a,b,capacity_gbps\n");
    strcpy(demands, "src,dst,gbps\n");
    int e = 0;
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 5; c++) {
            sprintf(nodes + strlen(nodes), "n%d%d\n", r, c);
            if (c < 4)
                sprintf(links + strlen(links), "e%d,n%d%d,n%d%d,%d\n", e++, r, c, r, c + 1, 3 + (r * 7 + c) % 5);
            if (r < 4)
                sprintf(links + strlen(links), "e%d,n%d%d,n%d%d,%d\n", e++, r, c, r + 1, c, 2 + (r + c * 3) % 4);
        }
    for (int k = 0; k < 12; k++)
        sprintf(demands + strlen(demands), "n%d%d,n%d%d,%d\n", k % 5, (k * 3) % 5, (k * 2 + 1) % 5, (k + 4) % 5,
                1 + k % 4);
}

static void same(const fix *a, const fix *b)
{
    ck_assert_uint_eq(omv_reroute_scenario_count(a->rr), omv_reroute_scenario_count(b->rr));
    for (size_t i = 0; i < omv_reroute_scenario_count(a->rr); i++) {
        omv_reroute_scenario x, y;
        omv_reroute_scenario_get(a->rr, i, &x);
        omv_reroute_scenario_get(b->rr, i, &y);
        ck_assert_msg(fabs(x.unserved_gbps - y.unserved_gbps) < 1e-6, "scenario %zu: %g vs %g", i, x.unserved_gbps,
                      y.unserved_gbps);
        ck_assert_msg(fabs(x.max_utilisation - y.max_utilisation) < 1e-6, "scenario %zu: %g vs %g", i,
                      x.max_utilisation, y.max_utilisation);
        ck_assert_double_eq_tol(x.lost_with_node_gbps, y.lost_with_node_gbps, 1e-9);
    }
}

START_TEST(test_warm_cold_and_threads_agree)
{
    char nodes[4096], links[8192], demands[4096];
    grid(nodes, links, demands);
    fix warm1, cold1, warm2;
    run(&warm1, nodes, links, demands, "links,nodes", NULL, OMV_ROUTING_OPTIMAL, 1, 1);
    run(&cold1, nodes, links, demands, "links,nodes", NULL, OMV_ROUTING_OPTIMAL, 1, 0);
    run(&warm2, nodes, links, demands, "links,nodes", NULL, OMV_ROUTING_OPTIMAL, 2, 1);
    same(&warm1, &cold1);
    same(&warm1, &warm2);
    /* With the same basis on every thread, the reports are the same bytes. */
    char *j1 = NULL, *j2 = NULL;
    ck_assert_int_eq(omv_reroute_json(&j1, warm1.ctx, warm1.rr, warm1.net, warm1.sc), 0);
    ck_assert_int_eq(omv_reroute_json(&j2, warm2.ctx, warm2.rr, warm2.net, warm2.sc), 0);
    ck_assert_str_eq(j1, j2);
    ck_assert_ptr_nonnull(strstr(j1, "\"schema\": \"omvei/reroute/1\""));
    free(j1);
    free(j2);
    done(&warm1);
    done(&cold1);
    done(&warm2);
}
END_TEST

/* Shortest-path routing keeps each destination group's intact part and routes again only the groups
 * a failure touches: the same bytes as routing every group for every failure, on a grid whose equal
 * hop counts split at almost every node, for link, node and pair failures. */
START_TEST(test_ecmp_kept_parts_agree)
{
    char nodes[4096], links[8192], demands[4096];
    grid(nodes, links, demands);
    fix kept, fresh;
    reuse = 1;
    run(&kept, nodes, links, demands, "links,nodes,pairs", NULL, OMV_ROUTING_SHORTEST, 2, 1);
    reuse = 0;
    run(&fresh, nodes, links, demands, "links,nodes,pairs", NULL, OMV_ROUTING_SHORTEST, 1, 1);
    reuse = 1;
    same(&kept, &fresh);
    char *j1 = NULL, *j2 = NULL;
    ck_assert_int_eq(omv_reroute_json(&j1, kept.ctx, kept.rr, kept.net, kept.sc), 0);
    ck_assert_int_eq(omv_reroute_json(&j2, fresh.ctx, fresh.rr, fresh.net, fresh.sc), 0);
    ck_assert_str_eq(j1, j2);
    free(j1);
    free(j2);
    done(&kept);
    done(&fresh);
}
END_TEST

int main(void)
{
    int failed = 0;
    static const omv_lp_solver solvers[] = {OMV_LP_GLPK, OMV_LP_CLP};
    for (size_t k = 0; k < sizeof(solvers) / sizeof(solvers[0]); k++) {
        solver = solvers[k]; /* before the fork of every test, which inherits it */
        Suite *s = suite_create(solver == OMV_LP_GLPK ? "reroute (GLPK)" : "reroute (CLP)");
        TCase *tc = tcase_create("core");
        tcase_set_timeout(tc, 300);
        tcase_add_test(tc, test_ring_split_and_shortfall);
        tcase_add_test(tc, test_bottleneck_and_unlimited);
        tcase_add_test(tc, test_node_failure_loses_its_demand);
        tcase_add_test(tc, test_border_deny_and_transit);
        tcase_add_test(tc, test_ecmp_splits);
        tcase_add_test(tc, test_srlg_and_reuse);
        tcase_add_test(tc, test_warm_cold_and_threads_agree);
        tcase_add_test(tc, test_ecmp_kept_parts_agree);
        suite_add_tcase(s, tc);
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed += srunner_ntests_failed(sr);
        srunner_free(sr);
    }
    return failed ? 1 : 0;
}
