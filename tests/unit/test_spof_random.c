/*
 * test_spof_random.c — the failure analysis against independent oracles on 1200 seeded random
 * networks of 1..60 nodes (multigraphs with parallel links, trees, cycles, complete graphs,
 * disconnected graphs with isolated nodes, rings of rings, ladders), with and without core nodes,
 * with regions and outage regions:
 *  - bridges and articulation points against igraph;
 *  - every item's isolated sites against removal + search (support_graphs.c), and every failure
 *    that cuts off region sites has its item (links, nodes, groups, pairs, outages);
 *  - the full set of cut pairs against all pairs of non-bridge links;
 *  - lambda against a matrix max-flow and igraph's max-flow from a super-source;
 *  - outages and reserve-power upgrades against removal + search.
 */
#include "analyze/dfs.h"
#include "analyze/spof_int.h"
#include "support_graphs.h"

#include <check.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSEEDS 1200
#define CHUNK 100
#define NHOURS 3

static const double HOURS[NHOURS] = {1, 5, 50};

typedef struct {
    tg_graph g;
    omv_ctx *ctx;
    omv_net *net;
    omv_spof *s;
    omv_region *reg, *oreg;
    uint8_t core[TG_MAXN], site[TG_MAXN], counted[TG_MAXN];
    int has_core;
    uint64_t seed;
} run_t;

static void igraph_of(igraph_t *G, const tg_graph *g)
{
    igraph_vector_int_t ev;
    igraph_vector_int_init(&ev, 2 * g->m);
    for (int e = 0; e < g->m; e++) {
        VECTOR(ev)[2 * e] = g->a[e];
        VECTOR(ev)[2 * e + 1] = g->b[e];
    }
    ck_assert_int_eq(igraph_create(G, &ev, g->n, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&ev);
}

static void setup_run(run_t *r, uint64_t seed)
{
    memset(r, 0, sizeof(*r));
    r->seed = seed;
    tg_random(&r->g, seed, 60);
    r->ctx = omv_ctx_new();
    omv_ctx_set_seed(r->ctx, seed * 7 + 1);
    omv_ctx_set_threads(r->ctx, 1 + (int)(seed % 2));
    r->net = tg_build(r->ctx, &r->g);
    ck_assert_msg(r->net != NULL, "seed %llu: build: %s", (unsigned long long)seed, omv_ctx_errmsg(r->ctx));
    static const char *const REGIONS[] = {NULL, "lat>64", "islands", "bbox:5,58,12,66"};
    const char *rs = REGIONS[seed % 4];
    if (rs)
        ck_assert_int_eq(omv_region_parse(&r->reg, r->ctx, rs), 0);
    if ((seed / 4) % 2)
        ck_assert_int_eq(omv_region_parse(&r->oreg, r->ctx, "lat<66"), 0);
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.failures |= OMV_FAIL_POWER;
    opt.outage_hours = HOURS;
    opt.noutage = NHOURS;
    opt.region = r->reg;
    opt.outage_region = r->oreg;
    opt.exact_lambda = (int)((seed / 32) % 2);
    char id1[16], id2[16];
    const char *ids[2] = {id1, id2};
    int cv = (int)((seed / 8) % 4);
    if (cv == 2) {
        snprintf(id1, sizeof(id1), "n%d", (int)(seed % (uint64_t)r->g.n));
        snprintf(id2, sizeof(id2), "n%d", (int)((seed / 3) % (uint64_t)r->g.n));
        opt.core_ids = ids;
        opt.ncore = 1 + (seed / 5) % 2;
    } else if (cv == 3) {
        opt.core_ids = ids; /* given, but empty: no core nodes */
        opt.ncore = 0;
    }
    int rc = omv_spof_run(&r->s, r->ctx, r->net, &opt);
    ck_assert_msg(rc == 0, "seed %llu: spof: %s", (unsigned long long)seed, omv_ctx_errmsg(r->ctx));
    const int32_t *core;
    size_t nc = omv_spof_core(r->s, &core);
    for (size_t i = 0; i < nc; i++)
        r->core[core[i]] = 1;
    r->has_core = nc > 0;
    for (int v = 0; v < r->g.n; v++) {
        r->site[v] = !r->core[v] && r->g.kind[v] != OMV_KIND_WAYPOINT;
        r->counted[v] = r->site[v] && (!r->reg || omv_region_has(r->reg, r->net, (size_t)v));
    }
}

static void teardown_run(run_t *r)
{
    omv_spof_free(r->s);
    omv_region_free(r->reg);
    omv_region_free(r->oreg);
    omv_net_free(r->net);
    omv_ctx_free(r->ctx);
}

/* ---- structure ------------------------------------------------------------------------------ */

static void check_structure(run_t *r)
{
    const tg_graph *g = &r->g;
    igraph_t G;
    igraph_of(&G, g);
    igraph_vector_int_t br, ap;
    igraph_vector_int_init(&br, 0);
    igraph_vector_int_init(&ap, 0);
    ck_assert_int_eq(igraph_bridges(&G, &br), IGRAPH_SUCCESS);
    ck_assert_int_eq(igraph_articulation_points(&G, &ap), IGRAPH_SUCCESS);
    ck_assert_uint_eq(omv_spof_count(r->s, OMV_ITEM_BRIDGE), (size_t)igraph_vector_int_size(&br));
    ck_assert_uint_eq(omv_spof_count(r->s, OMV_ITEM_ARTICULATION), (size_t)igraph_vector_int_size(&ap));
    /* The search itself: the same sets, not only the same counts. */
    omv__dfs d;
    ck_assert_int_eq(omv__dfs_run(&d, r->ctx, r->net), 0);
    uint8_t isbr[TG_MAXM] = {0}, isap[TG_MAXN] = {0};
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&br); i++)
        isbr[VECTOR(br)[i]] = 1;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&ap); i++)
        isap[VECTOR(ap)[i]] = 1;
    for (int e = 0; e < g->m; e++) {
        int32_t c = omv__dfs_link_child(&d, r->net, (size_t)e);
        int mine = c >= 0 && (d.pflag[c] & OMV__PF_BRIDGE);
        ck_assert_msg(mine == isbr[e], "seed %llu: link e%d bridge %d, igraph %d", (unsigned long long)r->seed, e,
                      mine, isbr[e]);
    }
    for (int v = 0; v < g->n; v++) {
        int mine = (d.pflag[d.pre[v]] & OMV__PF_AP) != 0;
        ck_assert_msg(mine == isap[v], "seed %llu: node n%d articulation %d, igraph %d", (unsigned long long)r->seed, v,
                      mine, isap[v]);
    }
    /* Every existing link is a tree link or a back edge. */
    ck_assert_uint_eq(d.nback + (size_t)g->n - d.ncc, (size_t)g->m);
    omv__dfs_free(&d);
    igraph_vector_int_destroy(&br);
    igraph_vector_int_destroy(&ap);
    igraph_destroy(&G);
}

/* ---- items ---------------------------------------------------------------------------------- */

typedef struct {
    int kind;
    long key0, key1;
} item_key;

/* Compares the item's list and counts with the oracle's isolated set. */
static void expect_same(run_t *r, size_t i, const uint8_t *iso, int niso, const char *what)
{
    omv_spof_item it;
    ck_assert_int_eq(omv_spof_item_get(r->s, i, &it), 0);
    int64_t pop = 0;
    for (int v = 0; v < r->g.n; v++)
        pop += iso[v] ? r->g.pop[v] : 0;
    ck_assert_msg(it.isolated_sites == (size_t)niso && it.isolated_population == pop,
                  "seed %llu: %s: %zu sites / %lld people, oracle %d / %lld", (unsigned long long)r->seed, what,
                  it.isolated_sites, (long long)it.isolated_population, niso, (long long)pop);
    const int32_t *nodes;
    size_t k = omv_spof_item_isolated(r->s, i, &nodes);
    ck_assert_uint_eq(k, (size_t)niso);
    for (size_t j = 0; j < k; j++) {
        ck_assert_msg(iso[nodes[j]], "seed %llu: %s: n%d listed but not cut off", (unsigned long long)r->seed, what,
                      nodes[j]);
        if (j)
            ck_assert_int_lt(nodes[j - 1], nodes[j]);
    }
}

static void fail_group(const run_t *r, size_t grp, uint8_t *lfail)
{
    const char *name = omv_net_srlg_name(r->net, grp);
    int bit = name[1] - '0';
    for (int e = 0; e < r->g.m; e++)
        lfail[e] = (r->g.srlg[e] >> bit) & 1;
}

static void fail_power(const run_t *r, double h, uint8_t *nfail)
{
    for (int v = 0; v < r->g.n; v++) {
        double p = r->g.power_h[v];
        nfail[v] = (!r->oreg || omv_region_has(r->oreg, r->net, (size_t)v)) && (isnan(p) || p < h);
    }
}

static void check_items(run_t *r, const uint8_t *isbridge)
{
    const tg_graph *g = &r->g;
    int n = g->n, m = g->m;
    size_t ni = omv_spof_item_count(r->s), ng = omv_net_srlg_count(r->net);
    long *bridge_it = malloc(TG_MAXM * sizeof(long)), *node_it = malloc(TG_MAXN * sizeof(long));
    long *pair_it = malloc((size_t)TG_MAXM * TG_MAXM * sizeof(long)), srlg_it[TG_MAXG], power_it[NHOURS];
    for (int x = 0; x < TG_MAXM; x++)
        bridge_it[x] = -1;
    for (int x = 0; x < TG_MAXN; x++)
        node_it[x] = -1;
    for (int x = 0; x < TG_MAXM * TG_MAXM; x++)
        pair_it[x] = -1;
    for (int x = 0; x < TG_MAXG; x++)
        srlg_it[x] = -1;
    for (int x = 0; x < NHOURS; x++)
        power_it[x] = -1;
    omv_spof_item prev;
    for (size_t i = 0; i < ni; i++) {
        omv_spof_item it;
        ck_assert_int_eq(omv_spof_item_get(r->s, i, &it), 0);
        ck_assert_uint_gt(it.isolated_sites, 0);
        if (i) { /* item order: population, sites (both descending), kind */
            ck_assert(prev.isolated_population >= it.isolated_population);
            if (prev.isolated_population == it.isolated_population) {
                ck_assert(prev.isolated_sites >= it.isolated_sites);
                if (prev.isolated_sites == it.isolated_sites)
                    ck_assert(prev.kind <= it.kind);
            }
        }
        prev = it;
        long *slot = NULL;
        switch (it.kind) {
        case OMV_ITEM_BRIDGE:
            slot = &bridge_it[it.link[0]];
            break;
        case OMV_ITEM_ARTICULATION:
            slot = &node_it[it.node];
            break;
        case OMV_ITEM_SRLG:
            slot = &srlg_it[it.srlg];
            break;
        case OMV_ITEM_CUT_PAIR:
            ck_assert_int_lt(it.link[0], it.link[1]);
            slot = &pair_it[it.link[0] * TG_MAXM + it.link[1]];
            break;
        default:
            for (int k = 0; k < NHOURS; k++)
                if (HOURS[k] == it.hours)
                    slot = &power_it[k];
            break;
        }
        ck_assert_ptr_nonnull(slot);
        ck_assert_msg(*slot < 0, "seed %llu: item %zu repeated", (unsigned long long)r->seed, i);
        *slot = (long)i;
    }
    uint8_t lfail[TG_MAXM], nfail[TG_MAXN], iso[TG_MAXN], allsites[TG_MAXN];
    memcpy(allsites, r->site, sizeof(allsites));
    char what[96];
    /* every single link */
    for (int e = 0; e < m; e++) {
        memset(lfail, 0, sizeof(lfail));
        lfail[e] = 1;
        int k = tg_isolated(g, r->core, r->counted, lfail, NULL, 0, iso);
        snprintf(what, sizeof(what), "link e%d", e);
        ck_assert_msg((k > 0) == (bridge_it[e] >= 0), "seed %llu: %s cuts off %d, item %ld", (unsigned long long)r->seed,
                      what, k, bridge_it[e]);
        if (k > 0) {
            ck_assert(isbridge[e]);
            expect_same(r, (size_t)bridge_it[e], iso, k, what);
        }
    }
    /* every single node */
    for (int v = 0; v < n; v++) {
        memset(nfail, 0, sizeof(nfail));
        nfail[v] = 1;
        int k = tg_isolated(g, r->core, r->counted, NULL, nfail, 0, iso);
        snprintf(what, sizeof(what), "node n%d", v);
        ck_assert_msg((k > 0) == (node_it[v] >= 0), "seed %llu: %s cuts off %d, item %ld", (unsigned long long)r->seed,
                      what, k, node_it[v]);
        if (k > 0)
            expect_same(r, (size_t)node_it[v], iso, k, what);
    }
    /* every group */
    size_t gcount = 0;
    for (size_t grp = 0; grp < ng; grp++) {
        fail_group(r, grp, lfail);
        int k = tg_isolated(g, r->core, r->counted, lfail, NULL, 0, iso);
        snprintf(what, sizeof(what), "group %s", omv_net_srlg_name(r->net, grp));
        ck_assert_msg((k > 0) == (srlg_it[grp] >= 0), "seed %llu: %s cuts off %d", (unsigned long long)r->seed, what, k);
        if (k > 0)
            expect_same(r, (size_t)srlg_it[grp], iso, k, what);
        gcount += tg_isolated(g, r->core, allsites, lfail, NULL, 0, iso) > 0;
    }
    ck_assert_uint_eq(omv_spof_count(r->s, OMV_ITEM_SRLG), gcount);
    /* every pair of links */
    int base = tg_components(g, NULL);
    size_t npairs = 0;
    uint8_t *inset = calloc((size_t)TG_MAXM * TG_MAXM, 1);
    for (size_t grp = 0; grp < r->s->ngroups; grp++) {
        for (size_t i = r->s->grp_at[grp]; i < r->s->grp_at[grp + 1]; i++) {
            for (size_t j = i + 1; j < r->s->grp_at[grp + 1]; j++) {
                int a = r->s->grp_links[i], b = r->s->grp_links[j];
                int lo = a < b ? a : b, hi = a < b ? b : a;
                ck_assert(!inset[lo * TG_MAXM + hi]);
                inset[lo * TG_MAXM + hi] = 1;
            }
        }
    }
    for (int e = 0; e < m; e++) {
        for (int f = e + 1; f < m; f++) {
            if (isbridge[e] || isbridge[f]) {
                ck_assert(!inset[e * TG_MAXM + f]);
                continue;
            }
            memset(lfail, 0, sizeof(lfail));
            lfail[e] = lfail[f] = 1;
            int cut = tg_components(g, lfail) > base;
            ck_assert_msg(cut == inset[e * TG_MAXM + f], "seed %llu: pair e%d e%d cut %d, found %d",
                          (unsigned long long)r->seed, e, f, cut, inset[e * TG_MAXM + f]);
            npairs += cut;
            int k = tg_isolated(g, r->core, r->counted, lfail, NULL, 0, iso);
            snprintf(what, sizeof(what), "pair e%d e%d", e, f);
            ck_assert_msg((k > 0) == (pair_it[e * TG_MAXM + f] >= 0), "seed %llu: %s cuts off %d",
                          (unsigned long long)r->seed, what, k);
            if (k > 0)
                expect_same(r, (size_t)pair_it[e * TG_MAXM + f], iso, k, what);
        }
    }
    ck_assert_uint_eq(omv_spof_count(r->s, OMV_ITEM_CUT_PAIR), npairs);
    free(inset);
    /* outages and upgrades */
    ck_assert_uint_eq(omv_spof_outage_count(r->s), NHOURS);
    size_t pcount = 0;
    for (int h = 0; h < NHOURS; h++) {
        fail_power(r, HOURS[h], nfail);
        int nf = 0;
        for (int v = 0; v < n; v++)
            nf += nfail[v];
        int k = tg_isolated(g, r->core, r->counted, NULL, nfail, 1, iso);
        int64_t pop = 0;
        for (int v = 0; v < n; v++)
            pop += iso[v] ? g->pop[v] : 0;
        omv_spof_outage o;
        ck_assert_int_eq(omv_spof_outage_get(r->s, (size_t)h, &o), 0);
        ck_assert(o.hours == HOURS[h]);
        ck_assert_uint_eq(o.failed_nodes, (size_t)nf);
        ck_assert_msg(o.isolated_sites == (size_t)k && o.isolated_population == pop,
                      "seed %llu: outage %g: %zu / %lld, oracle %d / %lld", (unsigned long long)r->seed, HOURS[h],
                      o.isolated_sites, (long long)o.isolated_population, k, (long long)pop);
        snprintf(what, sizeof(what), "outage %g h", HOURS[h]);
        ck_assert((k > 0) == (power_it[h] >= 0));
        if (k > 0)
            expect_same(r, (size_t)power_it[h], iso, k, what);
        pcount += tg_isolated(g, r->core, allsites, NULL, nfail, 1, iso) > 0;
        /* upgrades: v alone keeps power */
        size_t nu = omv_spof_upgrade_count(r->s, (size_t)h), seen = 0;
        int64_t lastpop = INT64_MAX;
        for (int v = 0; v < n; v++) {
            if (!nfail[v])
                continue;
            nfail[v] = 0;
            uint8_t iso2[TG_MAXN];
            int k2 = tg_isolated(g, r->core, r->counted, NULL, nfail, 1, iso2);
            nfail[v] = 1;
            int64_t pop2 = 0;
            for (int x = 0; x < n; x++)
                pop2 += iso2[x] ? g->pop[x] : 0;
            long found = -1;
            for (size_t j = 0; j < nu; j++) {
                omv_spof_upgrade u;
                ck_assert_int_eq(omv_spof_upgrade_get(r->s, (size_t)h, j, &u), 0);
                if (u.node == v)
                    found = (long)j;
            }
            ck_assert_msg((k - k2 > 0) == (found >= 0), "seed %llu: outage %g: upgrade n%d gains %d, listed %ld",
                          (unsigned long long)r->seed, HOURS[h], v, k - k2, found);
            if (found < 0)
                continue;
            seen++;
            omv_spof_upgrade u;
            omv_spof_upgrade_get(r->s, (size_t)h, (size_t)found, &u);
            ck_assert_uint_eq(u.reconnected_sites, (size_t)(k - k2));
            ck_assert_int_eq(u.reconnected_population, pop - pop2);
            char cid[16];
            snprintf(cid, sizeof(cid), "p%d", v);
            long cand = g->cand_h[v] >= HOURS[h] ? omv_net_link_find(r->net, cid) : -1;
            ck_assert_int_eq(u.candidate, cand);
        }
        ck_assert_uint_eq(seen, nu);
        for (size_t j = 0; j < nu; j++) {
            omv_spof_upgrade u;
            omv_spof_upgrade_get(r->s, (size_t)h, j, &u);
            ck_assert(u.reconnected_population <= lastpop);
            lastpop = u.reconnected_population;
        }
    }
    ck_assert_uint_eq(omv_spof_count(r->s, OMV_ITEM_POWER), pcount);
    free(bridge_it);
    free(node_it);
    free(pair_it);
}

/* ---- lambda --------------------------------------------------------------------------------- */

static igraph_real_t igraph_lambda(const tg_graph *g, const uint8_t *core, int t)
{
    igraph_vector_int_t ev;
    igraph_vector_t cap;
    int nc = 0;
    for (int v = 0; v < g->n; v++)
        nc += core[v];
    igraph_vector_int_init(&ev, 2 * (g->m + nc));
    igraph_vector_init(&cap, g->m + nc);
    for (int e = 0; e < g->m; e++) {
        VECTOR(ev)[2 * e] = g->a[e];
        VECTOR(ev)[2 * e + 1] = g->b[e];
        VECTOR(cap)[e] = 1;
    }
    int k = g->m;
    for (int v = 0; v < g->n; v++) {
        if (!core[v])
            continue;
        VECTOR(ev)[2 * k] = g->n; /* the super-source */
        VECTOR(ev)[2 * k + 1] = v;
        VECTOR(cap)[k] = g->m + 1;
        k++;
    }
    igraph_t G;
    ck_assert_int_eq(igraph_create(&G, &ev, g->n + 1, IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
    igraph_real_t val = -1;
    ck_assert_int_ne(t, g->n); /* igraph_maxflow never returns when source == target */
    ck_assert_int_eq(igraph_maxflow_value(&G, &val, g->n, t, &cap, NULL), IGRAPH_SUCCESS);
    igraph_destroy(&G);
    igraph_vector_int_destroy(&ev);
    igraph_vector_destroy(&cap);
    return val;
}

static void check_lambda(run_t *r, const uint8_t *isbridge)
{
    const tg_graph *g = &r->g;
    int n = g->n, m = g->m, exact = (int)((r->seed / 32) % 2);
    size_t sites[4] = {0}, got_sites[4];
    int64_t pop[4] = {0}, got_pop[4];
    uint8_t ok[TG_MAXN], lfail[TG_MAXM], iso[TG_MAXN], one[TG_MAXN] = {0}, two[TG_MAXN] = {0};
    tg_connected(g, r->core, NULL, NULL, ok);
    if (!r->has_core) {
        for (int e = 0; e < m; e++) {
            memset(lfail, 0, sizeof(lfail));
            lfail[e] = 1;
            tg_isolated(g, r->core, r->site, lfail, NULL, 0, iso);
            for (int v = 0; v < n; v++)
                one[v] |= iso[v];
        }
        for (int e = 0; e < m; e++) {
            for (int f = e + 1; f < m; f++) {
                if (isbridge[e] || isbridge[f])
                    continue;
                memset(lfail, 0, sizeof(lfail));
                lfail[e] = lfail[f] = 1;
                tg_isolated(g, r->core, r->site, lfail, NULL, 0, iso);
                for (int v = 0; v < n; v++)
                    two[v] |= iso[v];
            }
        }
    }
    for (int v = 0; v < n; v++) {
        int want;
        if (!r->site[v])
            want = -1;
        else if (r->has_core) {
            want = tg_maxflow(g, r->core, v);
            ck_assert_int_eq((igraph_integer_t)igraph_lambda(g, r->core, v), want);
            if (!exact && want > 3)
                want = 3;
        } else
            want = !ok[v] ? 0 : one[v] ? 1 : two[v] ? 2 : 3;
        ck_assert_msg(omv_spof_lambda(r->s, (size_t)v) == want, "seed %llu: lambda of n%d = %d, oracle %d",
                      (unsigned long long)r->seed, v, omv_spof_lambda(r->s, (size_t)v), want);
        if (want >= 0 && (!r->reg || omv_region_has(r->reg, r->net, (size_t)v))) {
            sites[want > 3 ? 3 : want]++;
            pop[want > 3 ? 3 : want] += g->pop[v];
        }
    }
    omv_spof_lambda_summary(r->s, got_sites, got_pop);
    for (int b = 0; b < 4; b++) {
        ck_assert_uint_eq(got_sites[b], sites[b]);
        ck_assert_int_eq(got_pop[b], pop[b]);
    }
}

START_TEST(random_networks)
{
    igraph_set_error_handler(igraph_error_handler_printignore);
    for (uint64_t seed = (uint64_t)_i * CHUNK; seed < (uint64_t)(_i + 1) * CHUNK; seed++) {
        run_t *r = malloc(sizeof(*r));
        setup_run(r, seed);
        ck_assert(!omv_spof_interrupted(r->s));
        ck_assert_uint_eq(omv_spof_dropped_pairs(r->s), 0);
        uint8_t isbridge[TG_MAXM];
        int base = tg_components(&r->g, NULL);
        for (int e = 0; e < r->g.m; e++) {
            uint8_t lfail[TG_MAXM] = {0};
            lfail[e] = 1;
            isbridge[e] = tg_components(&r->g, lfail) > base;
        }
        check_structure(r);
        check_items(r, isbridge);
        check_lambda(r, isbridge);
        teardown_run(r);
        free(r);
    }
}
END_TEST

/* The shapes the generator promises do occur, so the differential test covers them. */
START_TEST(generator_covers_shapes)
{
    int parallel = 0, disconnected = 0, nocore = 0, trees = 0, isolated = 0;
    for (uint64_t seed = 0; seed < NSEEDS; seed++) {
        tg_graph g;
        tg_random(&g, seed, 60);
        int deg[TG_MAXN] = {0}, anycore = 0;
        for (int e = 0; e < g.m; e++) {
            deg[g.a[e]]++;
            deg[g.b[e]]++;
            for (int f = 0; f < e; f++)
                parallel += (g.a[e] == g.a[f] && g.b[e] == g.b[f]) || (g.a[e] == g.b[f] && g.b[e] == g.a[f]);
        }
        for (int v = 0; v < g.n; v++) {
            isolated += deg[v] == 0 && g.n > 1;
            anycore |= g.kind[v] == OMV_KIND_CORE || g.kind[v] == OMV_KIND_IXP;
        }
        int c = tg_components(&g, NULL);
        disconnected += c > 1;
        trees += c == 1 && g.m == g.n - 1 && g.n > 2;
        nocore += !anycore;
    }
    ck_assert_int_gt(parallel, 100);
    ck_assert_int_gt(disconnected, 100);
    ck_assert_int_gt(nocore, 100);
    ck_assert_int_gt(trees, 10);
    ck_assert_int_gt(isolated, 100);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spof_random");
    TCase *tc = tcase_create("differential");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, random_networks, 0, NSEEDS / CHUNK);
    tcase_add_test(tc, generator_covers_shapes);
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
