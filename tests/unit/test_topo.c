/*
 * test_topo.c — the CSV folder loader and the network model it builds: every parsed value and
 * default, shared-risk groups, extra columns, the CSR adjacency, computed lengths, references across
 * files, the CSV reader's positions, the CSV writer's round trip, and the check summary.
 *
 * Fixtures live in tests/data/csv/ (small/, quirks/, fwd_a/ + fwd_b/, oslo_tromso/).
 */
#include "topo/build.h"
#include "topo/csv.h"
#include "topo/net.h"

#include "support_files.h"

#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Geodesic distances in km on WGS84, computed once with PROJ's `geod -I +ellps=WGS84` (metres to the
 * millimetre), independent of omvei. */
#define KM_OSL_TRD 392.344444
#define KM_TRD_BOD 467.851444
#define KM_BOD_TOS 323.220238
#define KM_BOD_SVO 106.601802
#define KM_OSL_STO 417.789468
#define KM_SVO_SAT 236.633573
#define KM_OSL_TOS 1150.949917
#define KM_TRD_TOS 789.309477
#define KM_EQUATOR_1DEG 111.319491
#define KM_TOL 2e-6

/* ---- helpers -------------------------------------------------------------------------------- */

static omv_net *load_paths(omv_ctx *ctx, const char *const *rel, size_t n)
{
    char *paths[8];
    ck_assert_uint_le(n, 8);
    for (size_t i = 0; i < n; i++)
        paths[i] = omv__path_join(OMV_TEST_DATA, rel[i]);
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, (const char *const *)paths, n);
    ck_assert_msg(rc == 0, "load failed (%d): %s", rc, omv_ctx_errmsg(ctx));
    ck_assert_ptr_nonnull(net);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    return net;
}

static omv_net *load_one(omv_ctx *ctx, const char *rel) { return load_paths(ctx, &rel, 1); }

static void write_text(const char *dir, const char *name, const char *text)
{
    char *p = omv__path_join(dir, name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

static long node(const omv_net *net, const char *id)
{
    long v = omv_net_node_find(net, id);
    ck_assert_msg(v >= 0, "node '%s' not found", id);
    return v;
}

static long link_(const omv_net *net, const char *id)
{
    long e = omv_net_link_find(net, id);
    ck_assert_msg(e >= 0, "link '%s' not found", id);
    return e;
}

static const char *attr(const omv__attrs *a, const char *key) { return omv__attrs_get(a, key); }

/* Loads a folder written by the test and returns the error code; the message stays in ctx. */
static int load_dir_rc(omv_ctx *ctx, const char *dir)
{
    omv_net *net = (omv_net *)1;
    int rc = omv_net_load(&net, ctx, &dir, 1);
    if (rc) {
        ck_assert_ptr_null(net); /* nothing half-loaded */
    } else {
        omv_net_free(net);
    }
    return rc;
}

/* ---- names ---------------------------------------------------------------------------------- */

START_TEST(kind_medium_names)
{
    for (int k = 0; k < OMV_KIND_COUNT_; k++)
        ck_assert_int_eq(omv_kind_parse(omv_kind_name((omv_kind)k)), k);
    for (int m = 0; m < OMV_MEDIUM_COUNT_; m++)
        ck_assert_int_eq(omv_medium_parse(omv_medium_name((omv_medium)m)), m);
    ck_assert_str_eq(omv_kind_name(OMV_KIND_SATELLITE_GATEWAY), "satellite_gateway");
    ck_assert_str_eq(omv_medium_name(OMV_MEDIUM_SUBSEA), "subsea");
    ck_assert_ptr_null(omv_kind_name(OMV_KIND_COUNT_));
    ck_assert_ptr_null(omv_medium_name(OMV_MEDIUM_COUNT_));
    ck_assert_ptr_null(omv_kind_name((omv_kind)-1));
    ck_assert_int_eq(omv_medium_parse("fibre"), OMV_MEDIUM_FIBER);
    ck_assert_int_eq(omv_medium_parse("Subsea"), OMV_MEDIUM_SUBSEA);
    ck_assert_int_eq(omv_kind_parse("CORE"), OMV_KIND_CORE);
    ck_assert_int_eq(omv_kind_parse("hub"), -1);
    ck_assert_int_eq(omv_medium_parse("copper"), -1);
    ck_assert_int_eq(omv_medium_parse(""), -1);
}
END_TEST

START_TEST(route_factors)
{
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_FIBER), 1.4);
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_AERIAL), 1.4);
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_LEASED), 1.4);
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_SUBSEA), 1.2);
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_MICROWAVE), 1.0);
    ck_assert_double_eq(omv__route_factor(OMV_MEDIUM_SATELLITE), 1.0);
}
END_TEST

START_TEST(geodesic_distances)
{
    /* Oslo to Tromsø: PROJ gives 1150.949917 km on WGS84. */
    ck_assert_double_eq_tol(omv__geodesic_km(59.9139, 10.7522, 69.6492, 18.9553), KM_OSL_TOS, KM_TOL);
    ck_assert_double_eq_tol(omv__geodesic_km(69.6492, 18.9553, 59.9139, 10.7522), KM_OSL_TOS, KM_TOL);
    ck_assert_double_eq_tol(omv__geodesic_km(0, 0, 0, 1), KM_EQUATOR_1DEG, KM_TOL);
    ck_assert_double_eq_tol(omv__geodesic_km(59.9139, 10.7522, 63.4305, 10.3951), KM_OSL_TRD, KM_TOL);
    ck_assert_double_eq(omv__geodesic_km(63.0, 10.0, 63.0, 10.0), 0.0);
    /* Across the antimeridian the short way round is taken. */
    ck_assert_double_eq_tol(omv__geodesic_km(0, 179.5, 0, -179.5), KM_EQUATOR_1DEG, KM_TOL);
}
END_TEST

/* ---- the small fixture: values and defaults ------------------------------------------------- */

START_TEST(small_nodes)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    ck_assert_uint_eq(omv_net_node_count(net), 9);
    static const char *const ids[] = {"OSL", "TRD", "BOD", "TOS", "SVO", "STO", "SAT", "MUN", "VAR"};
    for (size_t i = 0; i < 9; i++) {
        ck_assert_str_eq(omv_net_node_id(net, i), ids[i]); /* input order */
        ck_assert_int_eq(omv_net_node_find(net, ids[i]), (long)i);
        ck_assert_int_eq(net->nodes[i].line, (int)i + 2);
    }
    ck_assert_int_eq(omv_net_node_find(net, "osl"), -1);
    ck_assert_int_eq(omv_net_node_find(net, "R9"), -1);

    long v = node(net, "OSL");
    ck_assert_str_eq(omv_net_node_name(net, v), "Oslo");
    ck_assert_double_eq(omv_net_node_lat(net, v), 59.9139);
    ck_assert_double_eq(omv_net_node_lon(net, v), 10.7522);
    ck_assert_str_eq(omv_net_node_country(net, v), "NO");
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_CORE);
    ck_assert_int_eq(omv_net_node_population(net, v), 709000);
    ck_assert_int_eq(omv_net_node_island(net, v), 0);
    ck_assert_double_eq(omv_net_node_power_h(net, v), 72);
    ck_assert_str_eq(omv__node_municipality(net, &net->nodes[v]), "Oslo");
    ck_assert_uint_eq(omv__node_attrs(&net->nodes[v])->n, 2);
    ck_assert_str_eq(omv__node_attrs(&net->nodes[v])->keys[0], "region"); /* header order */
    ck_assert_str_eq(omv__node_attrs(&net->nodes[v])->vals[0], "Øst");
    ck_assert_str_eq(omv__node_attrs(&net->nodes[v])->keys[1], "site_code");
    ck_assert_str_eq(omv__node_attrs(&net->nodes[v])->vals[1], "N-001");

    v = node(net, "TRD");
    ck_assert_str_eq(omv_net_node_country(net, v), "NO"); /* "no" is upper-cased */
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_CORE);
    ck_assert_double_eq(omv_net_node_power_h(net, v), 48);

    v = node(net, "BOD");
    ck_assert_str_eq(omv_net_node_name(net, v), "Bodø");
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_EXCHANGE);
    ck_assert_uint_eq(omv__node_attrs(&net->nodes[v])->n, 1); /* empty site_code is not kept */
    ck_assert_str_eq(attr(omv__node_attrs(&net->nodes[v]), "region"), "Nord");
    ck_assert_ptr_null(attr(omv__node_attrs(&net->nodes[v]), "site_code"));

    v = node(net, "SVO");
    ck_assert_int_eq(omv_net_node_island(net, v), 1);
    ck_assert_double_eq(omv_net_node_power_h(net, v), 0); /* given 0, not unknown */
    ck_assert_str_eq(omv__node_municipality(net, &net->nodes[v]), "Vågan");

    v = node(net, "STO");
    ck_assert_str_eq(omv_net_node_country(net, v), "SE");
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_IXP);
    ck_assert_int_eq(omv_net_node_island(net, v), 0); /* "no" */
    ck_assert(isnan(omv_net_node_power_h(net, v)));
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[v]));

    v = node(net, "SAT");
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_SATELLITE_GATEWAY);
    ck_assert_int_eq(omv_net_node_population(net, v), 0);

    /* Every default at once: only the id is given. */
    v = node(net, "MUN");
    ck_assert_str_eq(omv_net_node_name(net, v), "MUN");
    ck_assert_ptr_null(omv__node_name(&net->nodes[v]));
    ck_assert(isnan(omv_net_node_lat(net, v)));
    ck_assert(isnan(omv_net_node_lon(net, v)));
    ck_assert_str_eq(omv_net_node_country(net, v), "");
    ck_assert_int_eq(omv_net_node_kind(net, v), OMV_KIND_SITE);
    ck_assert_int_eq(omv_net_node_population(net, v), 0);
    ck_assert_int_eq(omv_net_node_island(net, v), 0);
    ck_assert(isnan(omv_net_node_power_h(net, v)));
    ck_assert_ptr_null(omv__node_municipality(net, &net->nodes[v]));
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[v]));

    /* Extra columns in order of first appearance, for writers. */
    ck_assert_uint_eq(net->nnode_attr_cols, 2);
    ck_assert_str_eq(net->node_attr_cols[0], "region");
    ck_assert_str_eq(net->node_attr_cols[1], "site_code");

    /* Files in reading order. */
    ck_assert_uint_eq(omv_net_file_count(net), 4);
    static const char *const files[] = {"nodes.csv", "links.csv", "candidates.csv", "demands.csv"};
    for (size_t i = 0; i < 4; i++) {
        const char *f = omv_net_file(net, i);
        size_t fl = strlen(f), nl = strlen(files[i]);
        ck_assert(fl > nl && strcmp(f + fl - nl, files[i]) == 0 && f[fl - nl - 1] == '/');
    }
    ck_assert_ptr_null(omv_net_file(net, 4));
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_links)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    ck_assert_uint_eq(omv_net_link_count(net), 11);
    static const char *const ids[] = {"L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "C1", "C2", "P1"};
    for (size_t i = 0; i < 11; i++) {
        ck_assert_str_eq(omv_net_link_id(net, i), ids[i]);
        ck_assert_int_eq(omv_net_link_find(net, ids[i]), (long)i);
        ck_assert_int_eq(omv_net_link_status(net, i), i < 8 ? OMV_STATUS_EXISTING : OMV_STATUS_CANDIDATE);
    }
    ck_assert_int_eq(omv_net_link_find(net, "L9"), -1);

    long e = link_(net, "L1");
    ck_assert_int_eq(omv_net_link_a(net, e), node(net, "OSL"));
    ck_assert_int_eq(omv_net_link_b(net, e), node(net, "TRD"));
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_FIBER);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, e), 400);
    ck_assert(isnan(omv_net_link_cost_nok(net, e))); /* existing links have no cost */
    ck_assert_str_eq(omv__link_operator(&net->links[e]), "Telenor");
    ck_assert_str_eq(attr(omv__link_attrs(&net->links[e]), "ticket"), "T-11");
    ck_assert(isnan(omv__link_power(&net->links[e])));

    e = link_(net, "L4");
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_SUBSEA);
    ck_assert_int_eq(omv_net_link_status(net, e), OMV_STATUS_EXISTING); /* given explicitly */
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, e), 10);
    ck_assert_ptr_null(omv__link_attrs(&net->links[e]));

    e = link_(net, "L5");
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_LEASED);
    ck_assert_str_eq(omv__link_operator(&net->links[e]), "Arelion");

    e = link_(net, "L7");
    ck_assert_str_eq(omv__link_operator(&net->links[e]), "Lyse, Nord"); /* quoted comma */

    e = link_(net, "L8");
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_AERIAL);
    ck_assert(isnan(omv_net_link_capacity_gbps(net, e))); /* empty = unlimited */
    ck_assert_ptr_null(omv__link_operator(&net->links[e]));

    e = link_(net, "C1");
    ck_assert_int_eq(omv_net_link_status(net, e), OMV_STATUS_CANDIDATE); /* by file */
    ck_assert_double_eq(omv_net_link_cost_nok(net, e), 250000000.0);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, e), 100);
    ck_assert_str_eq(attr(omv__link_attrs(&net->links[e]), "note"), "new route, inland");

    e = link_(net, "C2");
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_SATELLITE);
    ck_assert_int_eq(omv_net_link_b(net, e), node(net, "SAT"));
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, e), 0.2);
    ck_assert_double_eq(omv_net_link_cost_nok(net, e), 1200000.0);

    e = link_(net, "P1");
    ck_assert_int_eq(omv_net_link_medium(net, e), OMV_MEDIUM_POWER);
    ck_assert_int_eq(omv_net_link_a(net, e), node(net, "SVO"));
    ck_assert_int_eq(omv_net_link_b(net, e), -1);
    ck_assert_double_eq(omv__link_power(&net->links[e]), 72);
    ck_assert_double_eq(omv_net_link_cost_nok(net, e), 350000.0);
    ck_assert(isnan(omv_net_link_length_km(net, e)));

    ck_assert_uint_eq(net->nlink_attr_cols, 2);
    ck_assert_str_eq(net->link_attr_cols[0], "ticket");
    ck_assert_str_eq(net->link_attr_cols[1], "note");

    /* Demands. */
    ck_assert_uint_eq(omv_net_demand_count(net), 2);
    ck_assert_int_eq(net->demands[0].src, node(net, "OSL"));
    ck_assert_int_eq(net->demands[0].dst, node(net, "TOS"));
    ck_assert_double_eq(net->demands[0].gbps, 20);
    ck_assert_int_eq(net->demands[1].src, node(net, "STO"));
    ck_assert_int_eq(net->demands[1].dst, node(net, "BOD"));
    ck_assert_double_eq(net->demands[1].gbps, 5.5);
    ck_assert_int_eq(net->demands[1].line, 3);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_srlg)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    /* Groups in order of first appearance; blanks around names are dropped. */
    ck_assert_uint_eq(omv_net_srlg_count(net), 5);
    static const char *const groups[] = {"dovre", "e6", "nordland", "vestfjord", "inland"};
    for (size_t g = 0; g < 5; g++)
        ck_assert_str_eq(omv_net_srlg_name(net, g), groups[g]);
    ck_assert_ptr_null(omv_net_srlg_name(net, 5));

    long e = link_(net, "L1"); /* "dovre; e6" */
    ck_assert_uint_eq(omv_net_link_srlg_count(net, e), 2);
    ck_assert_str_eq(omv_net_link_srlg(net, e, 0), "dovre");
    ck_assert_str_eq(omv_net_link_srlg(net, e, 1), "e6");
    ck_assert_ptr_null(omv_net_link_srlg(net, e, 2));
    e = link_(net, "L3"); /* "nordland; e6;nordland": the repeated group counts once */
    ck_assert_uint_eq(omv_net_link_srlg_count(net, e), 2);
    ck_assert_str_eq(omv_net_link_srlg(net, e, 0), "nordland");
    ck_assert_str_eq(omv_net_link_srlg(net, e, 1), "e6");
    e = link_(net, "L5");
    ck_assert_uint_eq(omv_net_link_srlg_count(net, e), 0);
    ck_assert_ptr_null(omv_net_link_srlg(net, e, 0));
    e = link_(net, "C1"); /* candidates carry groups too */
    ck_assert_uint_eq(omv_net_link_srlg_count(net, e), 1);
    ck_assert_str_eq(omv_net_link_srlg(net, e, 0), "inland");
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_csr)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    ck_assert_uint_eq(net->n_existing, 8);
    ck_assert_int_eq(net->off[0], 0);
    ck_assert_int_eq(net->off[net->nnodes], 16);
    static const struct {
        const char *id;
        int deg;
    } deg[] = {{"OSL", 3}, {"TRD", 3}, {"BOD", 3}, {"TOS", 2}, {"SVO", 2},
               {"STO", 1}, {"SAT", 0}, {"MUN", 2}, {"VAR", 0}};
    for (size_t i = 0; i < 9; i++) {
        long v = node(net, deg[i].id);
        ck_assert_msg(net->off[v + 1] - net->off[v] == deg[i].deg, "degree of %s: %d, expected %d", deg[i].id,
                      net->off[v + 1] - net->off[v], deg[i].deg);
    }
    /* Each existing link appears exactly twice, once from each end, pointing at the other end;
     * candidates and the power row never appear. */
    int seen[11] = {0};
    for (size_t v = 0; v < net->nnodes; v++) {
        ck_assert_int_le(net->off[v], net->off[v + 1]);
        for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
            int32_t e = net->eid[k];
            ck_assert(e >= 0 && e < 11);
            const omv__link *l = &net->links[e];
            ck_assert_int_eq(l->status, OMV_STATUS_EXISTING);
            ck_assert((l->a == (int32_t)v && l->b == net->adj[k]) || (l->b == (int32_t)v && l->a == net->adj[k]));
            seen[e]++;
        }
    }
    for (int e = 0; e < 8; e++)
        ck_assert_int_eq(seen[e], 2);
    for (int e = 8; e < 11; e++)
        ck_assert_int_eq(seen[e], 0);
    /* Parallel links OSL-TRD (L1 fiber, L6 microwave) are both kept, in link order. */
    long osl = node(net, "OSL"), trd = node(net, "TRD");
    int32_t k = net->off[osl];
    ck_assert_int_eq(net->adj[k], trd);
    ck_assert_int_eq(net->eid[k], link_(net, "L1"));
    ck_assert_int_eq(net->adj[k + 1], node(net, "STO"));
    ck_assert_int_eq(net->adj[k + 2], trd);
    ck_assert_int_eq(net->eid[k + 2], link_(net, "L6"));
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(small_lengths)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    static const struct {
        const char *id;
        double km;
    } want[] = {
        {"L1", KM_OSL_TRD * 1.4}, {"L2", KM_TRD_BOD * 1.4}, {"L3", KM_BOD_TOS * 1.4}, {"L4", KM_BOD_SVO * 1.2},
        {"L5", KM_OSL_STO * 1.4}, {"L6", KM_OSL_TRD * 1.0}, {"C1", KM_TRD_TOS * 1.4}, {"C2", KM_SVO_SAT * 1.0},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        long e = link_(net, want[i].id);
        ck_assert_msg(fabs(omv_net_link_length_km(net, e) - want[i].km) < 1e-5, "%s: %.6f km, expected %.6f",
                      want[i].id, omv_net_link_length_km(net, e), want[i].km);
        ck_assert_int_eq(net->links[e].length_given, 0);
    }
    long e = link_(net, "L7"); /* given: kept as is, although MUN has no position */
    ck_assert_double_eq(omv_net_link_length_km(net, e), 12.5);
    ck_assert_int_eq(net->links[e].length_given, 1);
    e = link_(net, "L8"); /* no length and an end without position */
    ck_assert(isnan(omv_net_link_length_km(net, e)));
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(lengths_by_medium)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/oslo_tromso");
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "F1")), KM_OSL_TOS * 1.4, 1e-5);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "S1")), KM_OSL_TOS * 1.2, 1e-5);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "M1")), KM_OSL_TOS, 1e-5);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "A1")), KM_OSL_TOS * 1.4, 1e-5);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "L1")), KM_OSL_TOS * 1.4, 1e-5);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "T1")), KM_OSL_TOS, 1e-5);
    ck_assert_double_eq(omv_net_link_length_km(net, link_(net, "G1")), 1700);
    /* A satellite link that reaches no satellite_gateway is allowed, with a warning. */
    int sat_warn = 0;
    for (size_t i = 0; i < omv_ctx_warning_count(ctx); i++)
        sat_warn += strstr(omv_ctx_warning(ctx, i), "links.csv:8:1: warning: satellite link 'T1' reaches no node of "
                                                     "kind satellite_gateway") != NULL;
    ck_assert_int_eq(sat_warn, 1);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- reader details ------------------------------------------------------------------------- */

START_TEST(quirks_folder)
{
    /* Byte order mark, CRLF, blank lines, header names in any case with blanks, quoted fields with
     * commas, doubled quotes and a line break, values with blanks around them, a file without a
     * final line end, names of kinds and media in any case, status given in links.csv. */
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/quirks");
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    long q1 = node(net, "Q1"), q2 = node(net, "Q2"), q3 = node(net, "Q3");
    ck_assert_str_eq(omv_net_node_name(net, q1), "Hammerfest, sentrum");
    ck_assert_int_eq(omv_net_node_kind(net, q1), OMV_KIND_CORE);
    ck_assert_int_eq(omv_net_node_island(net, q1), 1);
    ck_assert_int_eq(omv_net_node_population(net, q1), 10000);
    ck_assert_double_eq(omv_net_node_lat(net, q1), 70.6634);
    ck_assert_str_eq(attr(omv__node_attrs(&net->nodes[q1]), "Notes"), "said \"hi\"\r\nsecond line");
    ck_assert_str_eq(omv_net_node_name(net, q2), "Honningsvåg"); /* trimmed */
    ck_assert_int_eq(omv_net_node_island(net, q2), 0);
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[q2]));
    ck_assert_ptr_null(omv__node_name(&net->nodes[q3])); /* name equal to the id */
    ck_assert_str_eq(attr(omv__node_attrs(&net->nodes[q3]), "Notes"), "plain");
    /* Lines count from 1 at the header; a quoted line break moves the next record down. */
    ck_assert_int_eq(net->nodes[q1].line, 3);
    ck_assert_int_eq(net->nodes[q2].line, 5);
    ck_assert_int_eq(net->nodes[q3].line, 7);
    /* The rows of blank fields after Q3 hold nothing and are skipped. */

    long k1 = link_(net, "K1"), k2 = link_(net, "K2"), k3 = link_(net, "K3");
    ck_assert_int_eq(omv_net_link_medium(net, k1), OMV_MEDIUM_SUBSEA);
    ck_assert_uint_eq(omv_net_link_srlg_count(net, k1), 2); /* ";;a;; b ;" */
    ck_assert_str_eq(omv_net_link_srlg(net, k1, 0), "a");
    ck_assert_str_eq(omv_net_link_srlg(net, k1, 1), "b");
    ck_assert_int_eq(omv_net_link_medium(net, k2), OMV_MEDIUM_FIBER); /* "fibre" */
    ck_assert_int_eq(omv_net_link_status(net, k2), OMV_STATUS_CANDIDATE);
    ck_assert_double_eq(omv_net_link_cost_nok(net, k2), 5000);
    ck_assert_int_eq(omv_net_link_status(net, k3), OMV_STATUS_EXISTING);
    ck_assert_int_eq(omv_net_link_medium(net, k3), OMV_MEDIUM_MICROWAVE);
    ck_assert_int_eq(net->links[k3].line, 4);
    ck_assert_uint_eq(net->n_existing, 2);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(csv_reader_positions)
{
    omv_ctx *ctx = omv_ctx_new();
    char *dir = omv_test_tmpdir("topo");
    write_text(dir, "t.csv", "a,\"b,1\",c\n\n\"multi\nline\",\"\",Tromsø,x\r\n\"q\"\"q\",,\n");
    char *p = omv__path_join(dir, "t.csv");
    omv__csv *c = NULL;
    ck_assert_int_eq(omv__csv_open(&c, ctx, p, "t.csv"), 0);
    size_t nf;
    const char *const *f;
    const int *cols;
    int line;
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_uint_eq(nf, 3);
    ck_assert_int_eq(line, 1);
    ck_assert_str_eq(f[0], "a");
    ck_assert_str_eq(f[1], "b,1");
    ck_assert_str_eq(f[2], "c");
    ck_assert_int_eq(cols[0], 1);
    ck_assert_int_eq(cols[1], 3);
    ck_assert_int_eq(cols[2], 9);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(line, 3); /* the blank line is skipped */
    ck_assert_uint_eq(nf, 4);
    ck_assert_str_eq(f[0], "multi\nline");
    ck_assert_str_eq(f[1], "");
    ck_assert_str_eq(f[2], "Tromsø");
    ck_assert_str_eq(f[3], "x");
    ck_assert_int_eq(cols[1], 7); /* on line 4, after 'line",' */
    ck_assert_int_eq(cols[2], 10);
    ck_assert_int_eq(cols[3], 17); /* 'ø' is one column */
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(line, 5);
    ck_assert_uint_eq(nf, 3);
    ck_assert_str_eq(f[0], "q\"q");
    ck_assert_str_eq(f[1], "");
    ck_assert_str_eq(f[2], "");
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 0);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 0); /* stays at the end */
    omv__csv_close(c);
    omv__csv_close(NULL);
    /* Lone CR line ends count lines too. */
    write_text(dir, "mac.csv", "a,b\r\rc,\"d\re\"\rf,g");
    char *mac = omv__path_join(dir, "mac.csv");
    ck_assert_int_eq(omv__csv_open(&c, ctx, mac, "mac.csv"), 0);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(line, 3);
    ck_assert_str_eq(f[1], "d\re");
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(line, 5);
    ck_assert_str_eq(f[0], "f");
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 0);
    omv__csv_close(c);
    free(mac);
    /* Text that is not UTF-8 is refused at its character, inside a multi-line quoted field too. */
    write_text(dir, "latin1.csv", "id,name\nA,\"first line\nTroms\xf8\"\n");
    char *l1 = omv__path_join(dir, "latin1.csv");
    ck_assert_int_eq(omv__csv_open(&c, ctx, l1, "latin1.csv"), 0);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), OMV_EDATA);
    ck_assert_int_eq(strncmp(omv_ctx_errmsg(ctx), "latin1.csv:3:6: byte 0xF8 is not UTF-8 text", 43), 0);
    omv__csv_close(c);
    free(l1);
    /* Overlong forms and surrogates are not UTF-8 either; 4-byte characters are. */
    static const char *const bad_utf8[] = {"x,\xc0\xaf\n", "x,\xed\xa0\x80\n", "x,\xf4\x90\x80\x80\n", "x,\xe2\x82\n"};
    for (size_t i = 0; i < 4; i++) {
        write_text(dir, "u.csv", bad_utf8[i]);
        char *u = omv__path_join(dir, "u.csv");
        ck_assert_int_eq(omv__csv_open(&c, ctx, u, "u.csv"), 0);
        ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), OMV_EDATA);
        ck_assert_int_eq(strncmp(omv_ctx_errmsg(ctx), "u.csv:1:3: byte 0x", 18), 0);
        omv__csv_close(c);
        free(u);
    }
    write_text(dir, "u.csv", "x,\xf0\x9f\x93\xa1 mast\n");
    char *u = omv__path_join(dir, "u.csv");
    ck_assert_int_eq(omv__csv_open(&c, ctx, u, "u.csv"), 0);
    ck_assert_int_eq(omv__csv_next(c, &nf, &f, &cols, &line), 1);
    ck_assert_str_eq(f[1], "\xf0\x9f\x93\xa1 mast");
    omv__csv_close(c);
    free(u);
    /* A folder is refused when opened, never read as an empty file: an input error. */
    ck_assert_int_eq(omv__csv_open(&c, ctx, dir, "dir.csv"), OMV_EDATA);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), ": is a folder, not a file"));
    ck_assert_int_eq(omv__csv_open(&c, ctx, "/nonexistent/x.csv", "x.csv"), OMV_EDATA);
    ck_assert_str_eq(omv_ctx_errmsg(ctx), "/nonexistent/x.csv: no such file");
    ck_assert_ptr_null(c);
    free(p);
    omv_test_rmtree(dir);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- references across files ---------------------------------------------------------------- */

START_TEST(forward_references)
{
    /* fwd_a's links name B1 and B2, which only fwd_b defines; fwd_b links back to fwd_a. A lone
     * candidates file comes last. */
    omv_ctx *ctx = omv_ctx_new();
    char *paths[3] = {omv__path_join(OMV_TEST_DATA, "csv/fwd_a"), omv__path_join(OMV_TEST_DATA, "csv/fwd_b"),
                      omv__path_join(OMV_TEST_DATA, "csv/fwd_candidates.csv")};
    omv_net *net = NULL;
    int rc = omv_net_load_with(&net, ctx, (const char *const *)paths, 2, (const char *const *)paths + 2, 1);
    ck_assert_msg(rc == 0, "%s", omv_ctx_errmsg(ctx));
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_uint_eq(omv_net_link_count(net), 5);
    long a1 = node(net, "A1"), b1 = node(net, "B1"), b2 = node(net, "B2");
    long x1 = link_(net, "X1"), x2 = link_(net, "X2"), y1 = link_(net, "Y1");
    ck_assert_int_eq(omv_net_link_a(net, x1), a1);
    ck_assert_int_eq(omv_net_link_b(net, x1), b1);
    ck_assert_int_eq(omv_net_link_a(net, x2), b1);
    ck_assert_int_eq(omv_net_link_b(net, x2), b2);
    ck_assert_int_eq(omv_net_link_a(net, y1), b2);
    ck_assert_int_eq(omv_net_link_b(net, y1), a1);
    /* Lengths of forward links are computed once the positions are known. */
    ck_assert_double_eq_tol(omv_net_link_length_km(net, x1), omv__geodesic_km(60, 10, 61, 11) * 1.4, 1e-9);
    long z1 = link_(net, "Z1"), z2 = link_(net, "Z2");
    ck_assert_int_eq(omv_net_link_status(net, z1), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_b(net, z1), b2);
    ck_assert_int_eq(omv_net_link_medium(net, z2), OMV_MEDIUM_POWER);
    ck_assert_int_eq(omv_net_link_b(net, z2), -1);
    ck_assert_uint_eq(net->n_existing, 3);
    ck_assert_uint_eq(omv_net_file_count(net), 5);
    /* Messages name a node of the second folder by its own file. */
    ck_assert_int_eq(net->nodes[b2].file, 2);
    ck_assert_int_eq(net->nodes[b2].line, 3);
    omv_net_free(net);
    for (int i = 0; i < 3; i++)
        free(paths[i]);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- errors through the API ----------------------------------------------------------------- */

START_TEST(load_errors)
{
    omv_ctx *ctx = omv_ctx_new();
    char *dir = omv_test_tmpdir("topo");
    omv_net *net = (omv_net *)1;
    ck_assert_int_eq(omv_net_load(&net, ctx, NULL, 0), OMV_EARG);
    ck_assert_ptr_null(net);

    /* A folder without nodes.csv. */
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "nodes.csv: no such file: a topology folder needs nodes.csv and "
                                                      "links.csv"));
    write_text(dir, "nodes.csv", "id,lat,lon\nA,60,10\nB,61,11\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "links.csv: no such file"));

    /* An unknown reference is reported at its cell, after every file was read. */
    write_text(dir, "links.csv", "id,a,b\nE1,A,B\nE2,B,C9\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "/links.csv:3:6: unknown node 'C9' in column b"));

    /* A reference to a later path resolves: C9 comes from a second folder. */
    char *dir2 = omv_test_tmpdir("topo");
    write_text(dir2, "nodes.csv", "id\nC9\nC10\n");
    write_text(dir2, "links.csv", "id,a,b\nE3,C9,C10\n");
    const char *both[] = {dir, dir2};
    net = NULL;
    ck_assert_int_eq(omv_net_load(&net, ctx, both, 2), 0);
    ck_assert_int_eq(omv_net_link_b(net, link_(net, "E2")), node(net, "C9"));
    /* E2 has one end without a position, E3 two: their lengths are unknown. E1 is computed. */
    ck_assert(isnan(omv_net_link_length_km(net, link_(net, "E2"))));
    ck_assert(isnan(omv_net_link_length_km(net, link_(net, "E3"))));
    ck_assert_double_eq_tol(omv_net_link_length_km(net, link_(net, "E1")), omv__geodesic_km(60, 10, 61, 11) * 1.4, 1e-9);
    omv_net_free(net);

    /* A header only file is an empty table, not an error. */
    write_text(dir, "links.csv", "id,a,b\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), 0);
    /* An empty network is an input error at the header (it loaded with a warning once). */
    write_text(dir, "nodes.csv", "id,lat,lon\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "/nodes.csv:1:1: no nodes in nodes.csv: the header has no rows"));
    write_text(dir, "nodes.csv", "id,lat,lon\nA,60,10\nB,61,11\n");

    /* Numbers: too long, overflow, underflow, exponent, hex. */
    write_text(dir, "links.csv",
               "id,a,b,capacity_gbps\nE1,A,B,1234567890123456789012345678901234567890123456789012345678901234567\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "links.csv:2:8: capacity_gbps '12345678901234567890...' is "
                                                      "too long to be a number"));
    write_text(dir, "links.csv", "id,a,b,capacity_gbps\nE1,A,B,1e400\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "links.csv:2:8: capacity_gbps '1e400' is not a finite number"));
    write_text(dir, "links.csv", "id,a,b,capacity_gbps,length_km\nE1,A,B,1e-400,2.5e2\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), 0);
    write_text(dir, "links.csv", "id,a,b,capacity_gbps\nE1,A,B,inf\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "capacity_gbps 'inf' is not a finite number"));

    /* A long enumeration value is an error, not silently a blank. */
    char longkind[200];
    memset(longkind, 'k', 150);
    longkind[150] = '\0';
    char text[512];
    snprintf(text, sizeof(text), "id,kind\nA,%s\nB,core\n", longkind);
    write_text(dir, "nodes.csv", text);
    write_text(dir, "links.csv", "id,a,b\nE1,A,B\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "nodes.csv:2:3: unknown kind 'kkkk"));
    snprintf(text, sizeof(text), "id,country\nA,%s\nB,NO\n", longkind);
    write_text(dir, "nodes.csv", text);
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "nodes.csv:2:3: country 'kkkk"));

    /* A demand from a node to itself, and one without gbps. */
    write_text(dir, "nodes.csv", "id\nA\nB\n");
    write_text(dir, "demands.csv", "src,dst,gbps\nA,A,1\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "demands.csv:2:3: demand from 'A' to itself"));
    write_text(dir, "demands.csv", "src,dst,gbps\nA,B,\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "demands.csv:2:5: missing value in column 'gbps'"));
    write_text(dir, "demands.csv", "src,dst\nA,B\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "demands.csv:1:1: missing required column 'gbps'"));

    /* Not a topology at all. */
    char *odd = omv__path_join(dir, "net.yaml");
    write_text(dir, "net.yaml", "x: 1\n");
    const char *one[] = {odd};
    ck_assert_int_eq(omv_net_load(&net, ctx, one, 1), OMV_EARG);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "net.yaml: unknown topology format"));
    free(odd);
    omv_test_rmtree(dir);
    omv_test_rmtree(dir2);
    free(dir);
    free(dir2);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- writer round trip ---------------------------------------------------------------------- */

static void assert_same_network(const omv_net *x, const omv_net *y)
{
    char b1[OMV__CELL_BUF], b2[OMV__CELL_BUF];
    ck_assert_uint_eq(omv_net_node_count(x), omv_net_node_count(y));
    ck_assert_uint_eq(omv_net_link_count(x), omv_net_link_count(y));
    ck_assert_uint_eq(omv_net_demand_count(x), omv_net_demand_count(y));
    ck_assert_uint_eq(omv_net_srlg_count(x), omv_net_srlg_count(y));
    ck_assert_uint_eq(x->nnode_attr_cols, y->nnode_attr_cols);
    for (size_t i = 0; i < omv_net_node_count(x); i++) {
        long j = node(y, omv_net_node_id(x, i));
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            ck_assert_msg(!strcmp(omv__node_cell(x, i, c, b1, sizeof(b1)), omv__node_cell(y, (size_t)j, c, b2, sizeof(b2))),
                          "node %s column %s: '%s' became '%s'", omv_net_node_id(x, i), OMV__NODE_COLS[c], b1, b2);
        for (size_t k = 0; k < x->nnode_attr_cols; k++) {
            const char *u = attr(omv__node_attrs(&x->nodes[i]), x->node_attr_cols[k]);
            const char *w = attr(omv__node_attrs(&y->nodes[j]), x->node_attr_cols[k]);
            ck_assert_msg((!u && !w) || (u && w && !strcmp(u, w)), "node %s attribute %s differs",
                          omv_net_node_id(x, i), x->node_attr_cols[k]);
        }
    }
    for (size_t i = 0; i < omv_net_link_count(x); i++) {
        long j = link_(y, omv_net_link_id(x, i));
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
            ck_assert_msg(!strcmp(omv__link_cell(x, i, c, b1, sizeof(b1)), omv__link_cell(y, (size_t)j, c, b2, sizeof(b2))),
                          "link %s column %s: '%s' became '%s'", omv_net_link_id(x, i), OMV__LINK_COLS[c], b1, b2);
        double lx = omv_net_link_length_km(x, i), ly = omv_net_link_length_km(y, (size_t)j);
        ck_assert((isnan(lx) && isnan(ly)) || lx == ly);
        for (size_t k = 0; k < x->nlink_attr_cols; k++) {
            const char *u = attr(omv__link_attrs(&x->links[i]), x->link_attr_cols[k]);
            const char *w = attr(omv__link_attrs(&y->links[j]), x->link_attr_cols[k]);
            ck_assert_msg((!u && !w) || (u && w && !strcmp(u, w)), "link %s attribute %s differs",
                          omv_net_link_id(x, i), x->link_attr_cols[k]);
        }
    }
    for (size_t d = 0; d < omv_net_demand_count(x); d++) {
        ck_assert_str_eq(omv_net_node_id(x, (size_t)x->demands[d].src), omv_net_node_id(y, (size_t)y->demands[d].src));
        ck_assert_str_eq(omv_net_node_id(x, (size_t)x->demands[d].dst), omv_net_node_id(y, (size_t)y->demands[d].dst));
        ck_assert(x->demands[d].gbps == y->demands[d].gbps);
    }
}

static void round_trip(const char *rel, size_t nfiles)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, rel);
    char *dir = omv_test_tmpdir("topo");
    char *out = omv__path_join(dir, "out");
    ck_assert_int_eq(omv_net_write(net, ctx, out), 0);
    omv_ctx_clear_warnings(ctx);
    omv_net *back = NULL;
    const char *p = out;
    ck_assert_msg(omv_net_load(&back, ctx, &p, 1) == 0, "%s", omv_ctx_errmsg(ctx));
    ck_assert_uint_eq(omv_net_file_count(back), nfiles);
    assert_same_network(net, back);
    /* Writing what was read gives the same bytes: the writer is a fixed point. */
    char *out2 = omv__path_join(dir, "out2");
    ck_assert_int_eq(omv_net_write(back, ctx, out2), 0);
    static const char *const names[] = {"nodes.csv", "links.csv", "candidates.csv", "demands.csv"};
    for (size_t i = 0; i < 4; i++) {
        char *f1 = omv__path_join(out, names[i]), *f2 = omv__path_join(out2, names[i]);
        ck_assert_int_eq(omv__file_exists(f1), omv__file_exists(f2));
        if (omv__file_exists(f1)) {
            char *d1, *d2;
            size_t n1, n2;
            ck_assert_int_eq(omv__read_file(ctx, f1, &d1, &n1), 0);
            ck_assert_int_eq(omv__read_file(ctx, f2, &d2, &n2), 0);
            ck_assert_str_eq(d1, d2);
            free(d1);
            free(d2);
        }
        free(f1);
        free(f2);
    }
    omv_net_free(back);
    omv_net_free(net);
    omv_test_rmtree(dir);
    free(out);
    free(out2);
    free(dir);
    omv_ctx_free(ctx);
}

START_TEST(write_read_small) { round_trip("csv/small", 4); }
END_TEST

START_TEST(write_read_quirks) { round_trip("csv/quirks", 3); }
END_TEST

START_TEST(write_csv_text)
{
    /* The canonical column order, quoting only where needed, empty cells for unknown numbers. */
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    char *dir = omv_test_tmpdir("topo");
    char *out = omv__path_join(dir, "out");
    ck_assert_int_eq(omv_net_write(net, ctx, out), 0);
    char *p = omv__path_join(out, "links.csv");
    char *data;
    size_t len;
    ck_assert_int_eq(omv__read_file(ctx, p, &data, &len), 0);
    const char *want = "id,a,b,medium,capacity_gbps,length_km,operator,srlg,status,cost_nok,power_h,ticket,note\n"
                       "L1,OSL,TRD,fiber,400,,Telenor,dovre;e6,existing,,,T-11,\n";
    ck_assert_int_eq(strncmp(data, want, strlen(want)), 0);
    ck_assert_ptr_nonnull(strstr(data, "\nL7,TOS,MUN,fiber,1,12.5,\"Lyse, Nord\",,existing,,,,\n"));
    ck_assert_ptr_null(strstr(data, "C1")); /* candidates go to their own file */
    free(data);
    free(p);
    p = omv__path_join(out, "candidates.csv");
    ck_assert_int_eq(omv__read_file(ctx, p, &data, &len), 0);
    ck_assert_ptr_nonnull(strstr(data, "\nP1,SVO,,power,,,,,candidate,350000,72,,\n"));
    ck_assert_ptr_nonnull(strstr(data, "\nC1,TRD,TOS,fiber,100,,,inland,candidate,250000000,,,\"new route, inland\"\n"));
    free(data);
    free(p);
    p = omv__path_join(out, "nodes.csv");
    ck_assert_int_eq(omv__read_file(ctx, p, &data, &len), 0);
    ck_assert_ptr_nonnull(strstr(data, "id,name,lat,lon,country,kind,population,island,power_h,municipality,region,"
                                       "site_code\n"));
    ck_assert_ptr_nonnull(strstr(data, "\nMUN,,,,,site,0,false,,,,\n"));
    ck_assert_ptr_nonnull(strstr(data, "\nOSL,Oslo,59.9139,10.7522,NO,core,709000,false,72,Oslo,Øst,N-001\n"));
    free(data);
    free(p);
    /* No temporary file is left behind. */
    DIR *dh = opendir(out);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dh)))
        if (e->d_name[0] != '.') {
            ck_assert_ptr_null(strstr(e->d_name, ".tmp"));
            n++;
        }
    closedir(dh);
    ck_assert_int_eq(n, 4);
    /* A folder cannot be created inside a file. */
    char *bad = omv__path_join(p = omv__path_join(out, "nodes.csv"), "sub");
    ck_assert_int_eq(omv_net_write(net, ctx, bad), OMV_EIO);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "nodes.csv/sub: cannot create folder"));
    free(bad);
    free(p);
    omv_net_free(net);
    omv_test_rmtree(dir);
    free(out);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(write_replaces_topology)
{
    /* Writing a network into a folder that holds another replaces it entirely: candidates.csv and
     * demands.csv of the earlier network must not be read back as part of the new one. */
    omv_ctx *ctx = omv_ctx_new();
    omv_net *small = load_one(ctx, "csv/small");
    omv_net *plain = load_one(ctx, "csv/oslo_tromso");
    char *dir = omv_test_tmpdir("topo");
    char *out = omv__path_join(dir, "out");
    ck_assert_int_eq(omv_net_write(small, ctx, out), 0);
    ck_assert_int_eq(omv_net_write(plain, ctx, out), 0);
    char *cand = omv__path_join(out, "candidates.csv"), *dem = omv__path_join(out, "demands.csv");
    ck_assert(!omv__file_exists(cand));
    ck_assert(!omv__file_exists(dem));
    omv_net *back = NULL;
    const char *p = out;
    ck_assert_int_eq(omv_net_load(&back, ctx, &p, 1), 0);
    assert_same_network(plain, back);
    ck_assert_uint_eq(omv_net_file_count(back), 2);
    omv_net_free(back);
    free(cand);
    free(dem);
    omv_net_free(small);
    omv_net_free(plain);
    omv_test_rmtree(dir);
    free(out);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- check summary -------------------------------------------------------------------------- */

static json_int_t jint(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_integer(v), "'%s' is not an integer", key);
    return json_integer_value(v);
}

START_TEST(check_summary_json)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/small");
    omv_check *chk = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    ck_assert_uint_eq(omv_check_component_count(chk), 3);
    char *text = NULL;
    ck_assert_int_eq(omv_check_json(&text, ctx, chk), 0);
    json_error_t err;
    json_t *o = json_loads(text, 0, &err);
    ck_assert_msg(o != NULL, "check JSON does not parse: %s at %d:%d", err.text, err.line, err.column);
    ck_assert_str_eq(json_string_value(json_object_get(o, "schema")), "omvei/check/1");
    ck_assert_int_eq(jint(o, "nodes"), 9);
    ck_assert_int_eq(jint(o, "links"), 8);
    ck_assert_int_eq(jint(o, "candidates"), 3);
    ck_assert_int_eq(jint(o, "demands"), 2);
    ck_assert_int_eq(jint(o, "srlgs"), 5);
    ck_assert_int_eq(jint(o, "population"), 709000 + 212000 + 53000 + 77000 + 4800 + 975000 + 2000);
    ck_assert_int_eq(jint(o, "islands"), 1);

    json_t *kinds = json_object_get(o, "nodes_by_kind");
    ck_assert_uint_eq(json_object_size(kinds), 5);
    ck_assert_int_eq(jint(kinds, "site"), 4);
    ck_assert_int_eq(jint(kinds, "core"), 2);
    ck_assert_int_eq(jint(kinds, "ixp"), 1);
    ck_assert_int_eq(jint(kinds, "exchange"), 1);
    ck_assert_int_eq(jint(kinds, "satellite_gateway"), 1);
    json_t *countries = json_object_get(o, "nodes_by_country");
    ck_assert_uint_eq(json_object_size(countries), 3);
    ck_assert_int_eq(jint(countries, "NO"), 7);
    ck_assert_int_eq(jint(countries, "SE"), 1);
    ck_assert_int_eq(jint(countries, "unknown"), 1);

    json_t *lm = json_object_get(o, "links_by_medium");
    ck_assert_uint_eq(json_object_size(lm), 5);
    ck_assert_int_eq(jint(lm, "fiber"), 4);
    ck_assert_int_eq(jint(lm, "subsea"), 1);
    ck_assert_int_eq(jint(lm, "aerial"), 1);
    ck_assert_int_eq(jint(lm, "microwave"), 1);
    ck_assert_int_eq(jint(lm, "leased"), 1);
    json_t *cm = json_object_get(o, "candidates_by_medium");
    ck_assert_uint_eq(json_object_size(cm), 3);
    ck_assert_int_eq(jint(cm, "fiber"), 1);
    ck_assert_int_eq(jint(cm, "satellite"), 1);
    ck_assert_int_eq(jint(cm, "power"), 1);
    /* km by medium, rounded to metres: the existing links only, unknown lengths left out. */
    json_t *km = json_object_get(o, "km_by_medium");
    double fiber = (KM_OSL_TRD + KM_TRD_BOD + KM_BOD_TOS) * 1.4 + 12.5;
    ck_assert_double_eq_tol(json_real_value(json_object_get(km, "fiber")), fiber, 1.5e-3);
    ck_assert_double_eq_tol(json_real_value(json_object_get(km, "subsea")), KM_BOD_SVO * 1.2, 1.5e-3);
    ck_assert_double_eq_tol(json_real_value(json_object_get(km, "microwave")), KM_OSL_TRD, 1.5e-3);
    ck_assert_double_eq_tol(json_real_value(json_object_get(km, "leased")), KM_OSL_STO * 1.4, 1.5e-3);
    ck_assert_double_eq(json_real_value(json_object_get(km, "aerial")), 0.0);
    ck_assert_ptr_null(json_object_get(km, "satellite"));
    ck_assert_int_eq(jint(o, "links_without_length"), 1);

    json_t *comp = json_object_get(o, "components");
    ck_assert_int_eq(jint(comp, "count"), 3);
    json_t *sizes = json_object_get(comp, "sizes");
    ck_assert_uint_eq(json_array_size(sizes), 3);
    ck_assert_int_eq(json_integer_value(json_array_get(sizes, 0)), 7);
    ck_assert_int_eq(json_integer_value(json_array_get(sizes, 1)), 1);
    ck_assert_int_eq(json_integer_value(json_array_get(sizes, 2)), 1);
    json_t *nopos = json_object_get(o, "nodes_without_position");
    ck_assert_uint_eq(json_array_size(nopos), 1);
    ck_assert_str_eq(json_string_value(json_array_get(nopos, 0)), "MUN");
    /* Warnings: VAR has no existing link; SAT neither, but a satellite gateway needs none. */
    json_t *warn = json_object_get(o, "warnings");
    ck_assert_uint_eq(json_array_size(warn), 1);
    const char *w = json_string_value(json_array_get(warn, 0));
    ck_assert_ptr_nonnull(strstr(w, "csv/small/nodes.csv:10:1: warning: node 'VAR' has no existing link"));
    json_decref(o);
    free(text);

    ck_assert_int_eq(omv_check_text(&text, ctx, chk), 0);
    const char *head = "Network: 9 nodes, 8 links, 3 candidates, 2 demands, 5 shared-risk groups\n"
                       "People served: 2,032,800 (1 island node)\n";
    ck_assert_int_eq(strncmp(text, head, strlen(head)), 0);
    ck_assert_ptr_nonnull(strstr(text, "\n  fiber                            4      1669.3\n"));
    ck_assert_ptr_nonnull(strstr(text, "\n  (1 link without a length: no positions and no length_km)\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nComponents: 3 (sizes 7 1 1)\nNodes without a position: 1 (MUN)\nWarnings: 1\n"));
    free(text);
    omv_check_free(chk);
    omv_check_free(NULL);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(check_connected)
{
    /* One component, every node placed, nothing to warn about. */
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_one(ctx, "csv/oslo_tromso");
    omv_ctx_clear_warnings(ctx);
    omv_check *chk = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    ck_assert_uint_eq(omv_check_component_count(chk), 1);
    char *text = NULL;
    ck_assert_int_eq(omv_check_text(&text, ctx, chk), 0);
    ck_assert_ptr_nonnull(strstr(text, "\nComponents: 1\nNodes without a position: 0\nWarnings: 0\n"));
    ck_assert_ptr_null(strstr(text, "Candidates by medium"));
    ck_assert_ptr_nonnull(strstr(text, "People served: 0 (0 island nodes)\n"));
    free(text);
    omv_check_free(chk);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- hostile input --------------------------------------------------------------------------- */

/* Loads dir and expects an input error whose message holds want. */
static void expect_load_error(omv_ctx *ctx, const char *dir, const char *want)
{
    ck_assert_int_eq(load_dir_rc(ctx, dir), OMV_EDATA);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), want) != NULL, "expected '%s' in '%s'", want, omv_ctx_errmsg(ctx));
}

/* strtod read hexadecimal ("0x10" as 16) in every numeric column; a cost of 1e308 loaded and was
 * printed as a 47-digit number. Now each is an error at its cell. */
START_TEST(hostile_numbers)
{
    omv_ctx *ctx = omv_ctx_new();
    char *dir = omv_test_tmpdir("topo");
    static const char NODES[] = "id,lat,lon,population,power_h\nA,60,10,100,24\nB,61,11,200,\n";
    static const char LINKS[] = "id,a,b,length_km,capacity_gbps\nE1,A,B,12,100\n";
    write_text(dir, "links.csv", LINKS);
    static const struct {
        const char *nodes, *want;
    } node_cases[] = {
        {"id,lat,lon\nA,0x3C,10\nB,61,11\n", "nodes.csv:2:3: lat '0x3C' is not a number (write it in decimal: hexadecimal"},
        {"id,lat,lon\nA,60,0xA\nB,61,11\n", "nodes.csv:2:6: lon '0xA' is not a number"},
        {"id,population\nA,0x10\nB,1\n", "nodes.csv:2:3: population '0x10' is not a number"},
        {"id,power_h\nA,0x48\nB,1\n", "nodes.csv:2:3: power_h '0x48' is not a number"},
        {"id,power_h\nA,1e999\nB,1\n", "nodes.csv:2:3: power_h '1e999' is not a finite number"},
        {"id,power_h\nA,Infinity\nB,1\n", "nodes.csv:2:3: power_h 'Infinity' is not a finite number"},
        {"id,power_h\nA,2e6\nB,1\n", "nodes.csv:2:3: power_h '2e6' is above the cap of 1000000 hours"},
    };
    for (size_t i = 0; i < sizeof(node_cases) / sizeof(node_cases[0]); i++) {
        write_text(dir, "nodes.csv", node_cases[i].nodes);
        expect_load_error(ctx, dir, node_cases[i].want);
    }
    write_text(dir, "nodes.csv", NODES);
    static const struct {
        const char *links, *want;
    } link_cases[] = {
        {"id,a,b,length_km\nE1,A,B,0x10\n", "links.csv:2:8: length_km '0x10' is not a number"},
        {"id,a,b,capacity_gbps\nE1,A,B,0X64\n", "links.csv:2:8: capacity_gbps '0X64' is not a number"},
        {"id,a,b,capacity_gbps\nE1,A,B,2e9\n", "links.csv:2:8: capacity_gbps '2e9' is above the cap of 1000000000 Gbit/s"},
        {"id,a,b,length_km\nE1,A,B,1e7\n", "links.csv:2:8: length_km '1e7' is above the cap of 1000000 km"},
    };
    for (size_t i = 0; i < sizeof(link_cases) / sizeof(link_cases[0]); i++) {
        write_text(dir, "links.csv", link_cases[i].links);
        expect_load_error(ctx, dir, link_cases[i].want);
    }
    write_text(dir, "links.csv", LINKS);
    write_text(dir, "candidates.csv", "id,a,b,cost_nok\nC1,A,B,0x100\n");
    expect_load_error(ctx, dir, "candidates.csv:2:8: cost_nok '0x100' is not a number");
    write_text(dir, "candidates.csv", "id,a,b,cost_nok\nC1,A,B,1e308\n");
    expect_load_error(ctx, dir, "candidates.csv:2:8: cost_nok '1e308' is above the cap of 10^15 NOK");
    write_text(dir, "demands.csv", "src,dst,gbps\nA,B,0x1\n");
    write_text(dir, "candidates.csv", "id,a,b,cost_nok\nC1,A,B,1e15\n");
    expect_load_error(ctx, dir, "demands.csv:2:5: gbps '0x1' is not a number");
    /* At the caps, everything loads. */
    write_text(dir, "demands.csv", "src,dst,gbps\nA,B,1e9\n");
    write_text(dir, "links.csv", "id,a,b,length_km,capacity_gbps\nE1,A,B,1e6,1e9\n");
    ck_assert_int_eq(load_dir_rc(ctx, dir), 0);
    omv_test_rmtree(dir);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

static json_int_t check_population(omv_ctx *ctx, const omv_net *net)
{
    omv_check *chk = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    char *text = NULL;
    ck_assert_int_eq(omv_check_json(&text, ctx, chk), 0);
    json_t *o = json_loads(text, 0, NULL);
    json_int_t pop = jint(o, "population");
    json_decref(o);
    free(text);
    omv_check_free(chk);
    return pop;
}

/* Populations sum in 64 bits. 1,025 nodes of 9e15 people once loaded, and check printed
 * "People served: -8,546,744,073,709,551,616": each node is now capped so that no network's total can
 * overflow, and check's sum is checked besides. */
START_TEST(population_sums)
{
    omv_ctx *ctx = omv_ctx_new();
    char *dir = omv_test_tmpdir("topo");
    write_text(dir, "links.csv", "id,a,b\nE1,N0,N1\n");
    /* Beyond 32 bits, at the cap: exact. */
    write_text(dir, "nodes.csv", "id,population\nN0,4000000000\nN1,4000000000\nN2,4000000000\n");
    omv_net *net = NULL;
    ck_assert_int_eq(omv_net_load(&net, ctx, (const char *const *)&dir, 1), 0);
    ck_assert_int_eq(check_population(ctx, net), (json_int_t)12000000000);
    /* A network made without the loader (here: edited) still gets a checked sum, never a wrapped one. */
    net->nodes[1].population = INT64_MAX;
    omv_check *chk = (omv_check *)1;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), OMV_EDATA);
    ck_assert_ptr_null(chk);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "nodes.csv:3:1: node 'N1': total population exceeds "
                                                      "9,223,372,036,854,775,807"));
    omv_net_free(net);
    /* Whole, but above the cap: the message says so, not "not a whole number". */
    write_text(dir, "nodes.csv", "id,population\nN0,4000000001\nN1,1\n");
    expect_load_error(ctx, dir, "nodes.csv:2:4: population '4000000001' is above the cap of 4,000,000,000 people on "
                                "one node");
    /* The network that overflowed. */
    size_t n = 1025;
    char *text = malloc(32 * (n + 1));
    size_t len = (size_t)sprintf(text, "id,population\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "N%zu,9000000000000000\n", i);
    write_text(dir, "nodes.csv", text);
    free(text);
    expect_load_error(ctx, dir, "nodes.csv:2:4: population '9000000000000000' is above the cap");
    omv_test_rmtree(dir);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

/* check on a network without nodes sorts nothing: qsort was handed NULL (undefined behaviour that
 * only a sanitizer shows). The loaders refuse such a network; the library API still takes one. */
START_TEST(check_empty_network)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__builder *b = NULL;
    ck_assert_int_eq(omv__builder_new(&b, ctx, NULL), 0);
    omv_net *net = NULL;
    ck_assert_int_eq(omv__builder_finish(b, &net), 0);
    omv__builder_free(b);
    omv_check *chk = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    ck_assert_uint_eq(omv_check_component_count(chk), 0);
    char *text = NULL;
    ck_assert_int_eq(omv_check_text(&text, ctx, chk), 0);
    ck_assert_ptr_nonnull(strstr(text, "Network: 0 nodes, 0 links"));
    free(text);
    omv_check_free(chk);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* The limit of groups on one link is reported at its cell (the message had no column). */
START_TEST(too_many_groups)
{
    omv_ctx *ctx = omv_ctx_new();
    char *dir = omv_test_tmpdir("topo");
    write_text(dir, "nodes.csv", "id\nA\nB\n");
    size_t n = 65536;
    char *text = malloc(8 * n + 64);
    size_t len = (size_t)sprintf(text, "id,a,b,srlg\nE1,A,B,");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "%s%zx", i ? ";" : "", i);
    sprintf(text + len, "\n");
    write_text(dir, "links.csv", text);
    free(text);
    expect_load_error(ctx, dir, "links.csv:2:8: srlg: more than 65535 groups on one link");
    omv_test_rmtree(dir);
    free(dir);
    omv_ctx_free(ctx);
}
END_TEST

static Suite *topo_suite(void)
{
    Suite *s = suite_create("topo");
    TCase *t = tcase_create("model");
    tcase_add_test(t, kind_medium_names);
    tcase_add_test(t, route_factors);
    tcase_add_test(t, geodesic_distances);
    tcase_add_test(t, small_nodes);
    tcase_add_test(t, small_links);
    tcase_add_test(t, small_srlg);
    tcase_add_test(t, small_csr);
    tcase_add_test(t, small_lengths);
    tcase_add_test(t, lengths_by_medium);
    suite_add_tcase(s, t);
    t = tcase_create("reader");
    tcase_add_test(t, quirks_folder);
    tcase_add_test(t, csv_reader_positions);
    tcase_add_test(t, forward_references);
    tcase_add_test(t, load_errors);
    suite_add_tcase(s, t);
    t = tcase_create("writer");
    tcase_add_test(t, write_read_small);
    tcase_add_test(t, write_read_quirks);
    tcase_add_test(t, write_csv_text);
    tcase_add_test(t, write_replaces_topology);
    suite_add_tcase(s, t);
    t = tcase_create("check");
    tcase_add_test(t, check_summary_json);
    tcase_add_test(t, check_connected);
    tcase_add_test(t, check_empty_network);
    suite_add_tcase(s, t);
    t = tcase_create("hostile");
    tcase_add_test(t, hostile_numbers);
    tcase_add_test(t, population_sums);
    tcase_add_test(t, too_many_groups);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(topo_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
