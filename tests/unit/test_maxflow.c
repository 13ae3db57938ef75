/*
 * test_maxflow.c — the Dinic kernel against igraph's max-flow on seeded random multigraphs, with
 * unit and fractional capacities, several core nodes, failed links (capacity 0), the early stop at a
 * limit, and the minimum-cut side.
 */
#include "analyze/maxflow.h"

#include <check.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
    int n, m;
    int32_t *a, *b;
    double *cap;
    int32_t *off, *adj, *eid;
} graph;

static void build_csr(graph *g)
{
    g->off = calloc((size_t)g->n + 2, sizeof(int32_t));
    g->adj = malloc(2 * (size_t)g->m * sizeof(int32_t) + 4);
    g->eid = malloc(2 * (size_t)g->m * sizeof(int32_t) + 4);
    for (int e = 0; e < g->m; e++) {
        g->off[g->a[e] + 2]++;
        g->off[g->b[e] + 2]++;
    }
    for (int v = 0; v < g->n; v++)
        g->off[v + 2] += g->off[v + 1];
    for (int e = 0; e < g->m; e++) {
        int32_t k = g->off[g->a[e] + 1]++;
        g->adj[k] = g->b[e];
        g->eid[k] = e;
        k = g->off[g->b[e] + 1]++;
        g->adj[k] = g->a[e];
        g->eid[k] = e;
    }
}

static void random_graph(graph *g, omv__rng *r, int n, int m, int fractional)
{
    g->n = n;
    g->m = 0;
    g->a = malloc(((size_t)m + 1) * sizeof(int32_t));
    g->b = malloc(((size_t)m + 1) * sizeof(int32_t));
    g->cap = malloc(((size_t)m + 1) * sizeof(double));
    for (int i = 0; i < m; i++) {
        int32_t x = (int32_t)omv__rng_below(r, (uint64_t)n), y = (int32_t)omv__rng_below(r, (uint64_t)n);
        if (x == y)
            continue;
        g->a[g->m] = x;
        g->b[g->m] = y;
        uint64_t c = omv__rng_below(r, 5);
        g->cap[g->m] = fractional ? (double)c / 4.0 : (c == 0 ? 0.0 : 1.0); /* 0 = a failed link */
        g->m++;
    }
    build_csr(g);
}

static void free_graph(graph *g)
{
    free(g->a);
    free(g->b);
    free(g->cap);
    free(g->off);
    free(g->adj);
    free(g->eid);
}

/* Reference value: igraph max-flow from a super-source joined to every core node. */
static double igraph_value(const graph *g, const uint8_t *is_src, int32_t t)
{
    igraph_vector_int_t edges;
    igraph_vector_t cap;
    igraph_vector_int_init(&edges, 0);
    igraph_vector_init(&cap, 0);
    for (int e = 0; e < g->m; e++) {
        igraph_vector_int_push_back(&edges, g->a[e]);
        igraph_vector_int_push_back(&edges, g->b[e]);
        igraph_vector_push_back(&cap, g->cap[e]);
    }
    int s = g->n;
    for (int v = 0; v < g->n; v++) {
        if (!is_src[v])
            continue;
        igraph_vector_int_push_back(&edges, s);
        igraph_vector_int_push_back(&edges, v);
        igraph_vector_push_back(&cap, 1e6);
    }
    igraph_t ig;
    igraph_create(&ig, &edges, g->n + 1, IGRAPH_UNDIRECTED);
    igraph_real_t value = 0;
    ck_assert_int_ne(s, t); /* igraph_maxflow loops forever when source == target */
    igraph_maxflow_value(&ig, &value, s, t, &cap, NULL);
    igraph_destroy(&ig);
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&cap);
    return value;
}

START_TEST(test_against_igraph)
{
    igraph_set_error_handler(igraph_error_handler_printignore);
    omv__rng r;
    omv__rng_seed(&r, 4242);
    int checked = 0;
    for (int round = 0; round < 600; round++) {
        graph g;
        int n = 2 + (int)omv__rng_below(&r, 30);
        int m = (int)omv__rng_below(&r, (uint64_t)(3 * n + 1));
        int fractional = round % 2;
        random_graph(&g, &r, n, m, fractional);
        uint8_t *is_src = calloc((size_t)n, 1);
        int ncore = 1 + (int)omv__rng_below(&r, 3);
        for (int i = 0; i < ncore; i++)
            is_src[omv__rng_below(&r, (uint64_t)n)] = 1;
        omv__mf *w = NULL;
        ck_assert_int_eq(omv__mf_new(&w, (size_t)n, (size_t)g.m), 0);
        uint8_t *side = malloc((size_t)n);
        for (int t = 0; t < n; t++) {
            if (is_src[t]) {
                ck_assert(isinf(omv__mf_run(w, (size_t)n, g.off, g.adj, g.eid, g.cap, is_src, t, INFINITY, NULL)));
                continue;
            }
            double want = igraph_value(&g, is_src, t);
            double got = omv__mf_run(w, (size_t)n, g.off, g.adj, g.eid, g.cap, is_src, t, INFINITY, side);
            ck_assert_msg(fabs(got - want) < 1e-6, "round %d t %d: got %g want %g", round, t, got, want);
            /* The cut: sources on the S side, t outside, and the capacity across equals the flow. */
            double across = 0;
            for (int e = 0; e < g.m; e++)
                if (side[g.a[e]] != side[g.b[e]])
                    across += g.cap[e];
            ck_assert(!side[t]);
            for (int v = 0; v < n; v++)
                if (is_src[v])
                    ck_assert(side[v]);
            ck_assert_msg(fabs(across - want) < 1e-6, "cut %g flow %g", across, want);
            /* The early stop returns at least min(limit, value) and never more than the value. */
            double lim = omv__mf_run(w, (size_t)n, g.off, g.adj, g.eid, g.cap, is_src, t, 1.5, NULL);
            ck_assert(lim >= fmin(1.5, want) - 1e-9 && lim <= want + 1e-9);
            /* Unit capacities (cap = NULL) count link-disjoint paths. */
            checked++;
        }
        free(side);
        free(is_src);
        omv__mf_free(w);
        free_graph(&g);
    }
    ck_assert_int_gt(checked, 5000);
}
END_TEST

START_TEST(test_unit_capacity_paths)
{
    /* Two parallel links and a detour: three link-disjoint paths from 0 to 3. */
    graph g = {0};
    int32_t a[] = {0, 0, 0, 1, 2, 1};
    int32_t b[] = {1, 1, 2, 3, 3, 3};
    g.n = 4;
    g.m = 6;
    g.a = a;
    g.b = b;
    build_csr(&g);
    uint8_t src[4] = {1, 0, 0, 0};
    omv__mf *w = NULL;
    ck_assert_int_eq(omv__mf_new(&w, 4, 6), 0);
    ck_assert(fabs(omv__mf_run(w, 4, g.off, g.adj, g.eid, NULL, src, 3, INFINITY, NULL) - 3.0) < 1e-12);
    ck_assert(fabs(omv__mf_run(w, 4, g.off, g.adj, g.eid, NULL, src, 2, INFINITY, NULL) - 2.0) < 1e-12);
    /* Repeated calls give the same answer: the workspace is reset. */
    ck_assert(fabs(omv__mf_run(w, 4, g.off, g.adj, g.eid, NULL, src, 3, 2.0, NULL) - 2.0) < 1e-12);
    ck_assert(fabs(omv__mf_run(w, 4, g.off, g.adj, g.eid, NULL, src, 3, INFINITY, NULL) - 3.0) < 1e-12);
    omv__mf_free(w);
    free(g.off);
    free(g.adj);
    free(g.eid);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("maxflow");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_against_igraph);
    tcase_add_test(tc, test_unit_capacity_paths);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
