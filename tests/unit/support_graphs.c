/*
 * support_graphs.c — random networks and the brute-force oracle of support_graphs.h.
 */
#include "support_graphs.h"

#include "topo/build.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* splitmix64: the tests' own generator, independent of the library's. */
static uint64_t tg_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int tg_below(uint64_t *s, int n) { return n <= 0 ? 0 : (int)(tg_next(s) % (uint64_t)n); }

static void add_link(tg_graph *g, int a, int b)
{
    if (a == b || g->m >= TG_MAXM)
        return;
    g->a[g->m] = a;
    g->b[g->m] = b;
    g->m++;
}

void tg_random(tg_graph *g, uint64_t seed, int maxn)
{
    uint64_t s = seed * 0x2545f4914f6cdd1dull + 1;
    memset(g, 0, sizeof(*g));
    int shape = tg_below(&s, 8);
    int n = 1 + tg_below(&s, maxn < TG_MAXN ? maxn : TG_MAXN);
    g->n = n;
    switch (shape) {
    case 0: /* random multigraph, sparse to dense */
    case 1: {
        int m = tg_below(&s, 2 * n + 2);
        for (int i = 0; i < m; i++)
            add_link(g, tg_below(&s, n), tg_below(&s, n));
        break;
    }
    case 2: /* random tree, some links doubled */
        for (int v = 1; v < n; v++) {
            int p = tg_below(&s, v);
            add_link(g, p, v);
            if (tg_below(&s, 6) == 0)
                add_link(g, p, v);
        }
        break;
    case 3: /* cycle, with a chord now and then */
        for (int v = 0; v < n && n > 1; v++)
            add_link(g, v, (v + 1) % n);
        if (n > 3 && tg_below(&s, 2))
            add_link(g, 0, n / 2);
        break;
    case 4: { /* complete graph */
        int k = n < 12 ? n : 12;
        for (int u = 0; u < k; u++)
            for (int v = u + 1; v < k; v++)
                add_link(g, u, v);
        break;
    }
    case 5: { /* two random pieces and isolated nodes */
        int h = n / 2;
        for (int i = 0; i < n; i++) {
            int u = tg_below(&s, n), v = tg_below(&s, n);
            if ((u < h) == (v < h) && u < n - 2 && v < n - 2)
                add_link(g, u, v);
        }
        break;
    }
    case 6: { /* ring of rings: rings hanging off a main ring, some by a bridge */
        int v = 0;
        while (v < n) {
            int len = 2 + tg_below(&s, 5);
            int first = v;
            for (int k = 1; k < len && v + 1 < n; k++, v++)
                add_link(g, v, v + 1);
            if (v > first + 1)
                add_link(g, v, first);
            if (first > 0)
                add_link(g, first, tg_below(&s, first));
            v++;
        }
        break;
    }
    default: /* ladder */
        for (int v = 0; v + 2 < n; v += 2) {
            add_link(g, v, v + 2);
            add_link(g, v + 1, v + 3 < n ? v + 3 : v);
            if (tg_below(&s, 3))
                add_link(g, v, v + 1);
        }
        break;
    }
    int nocore = tg_below(&s, 4) == 0;
    for (int v = 0; v < n; v++) {
        int r = tg_below(&s, 10);
        g->kind[v] = (!nocore && r == 0) ? OMV_KIND_CORE : r == 1 ? OMV_KIND_WAYPOINT : OMV_KIND_SITE;
        if (!nocore && r == 2 && tg_below(&s, 2))
            g->kind[v] = OMV_KIND_IXP;
        g->pop[v] = tg_below(&s, 5) == 0 ? 0 : 1 + tg_below(&s, 1000);
        g->island[v] = tg_below(&s, 4) == 0;
        g->lat[v] = tg_below(&s, 8) == 0 ? NAN : 58.0 + tg_below(&s, 1300) / 100.0;
        int p = tg_below(&s, 6);
        g->power_h[v] = p == 0 ? NAN : p == 1 ? 0 : p == 2 ? 2 : p == 3 ? 6 : p == 4 ? 30 : 100;
        if (tg_below(&s, 4) == 0) {
            g->cand_h[v] = tg_below(&s, 2) ? 8 : 80;
            g->cand_cost[v] = 1000 + tg_below(&s, 5000);
        }
    }
    if (!nocore && tg_below(&s, 3) == 0)
        g->kind[tg_below(&s, n)] = OMV_KIND_CORE;
    for (int e = 0; e < g->m; e++)
        for (int k = 0; k < TG_MAXG; k++)
            if (tg_below(&s, 5) == 0)
                g->srlg[e] |= 1u << k;
}

omv_net *tg_build(omv_ctx *ctx, const tg_graph *g)
{
    omv__builder *b = NULL;
    omv_net *net = NULL;
    if (omv__builder_new(&b, ctx, NULL))
        return NULL;
    int f = omv__builder_file(b, "random");
    static const char *const ncols[] = {"id", "kind", "population", "island", "lat", "lon", "power_h"};
    static const char *const lcols[] = {"id", "a", "b", "srlg"};
    static const char *const ccols[] = {"id", "a", "medium", "power_h", "cost_nok"};
    char c[8][64];
    const char *vals[8];
    for (int i = 0; i < 8; i++)
        vals[i] = c[i];
    int rc = omv__builder_header(b, OMV__TAB_NODES, f, 1, 7, ncols, NULL);
    for (int v = 0; v < g->n && !rc; v++) {
        snprintf(c[0], 64, "n%d", v);
        snprintf(c[1], 64, "%s", omv_kind_name((omv_kind)g->kind[v]));
        snprintf(c[2], 64, "%lld", (long long)g->pop[v]);
        snprintf(c[3], 64, "%s", g->island[v] ? "true" : "false");
        if (isnan(g->lat[v]))
            c[4][0] = c[5][0] = '\0';
        else {
            snprintf(c[4], 64, "%.2f", g->lat[v]);
            snprintf(c[5], 64, "%.2f", 5.0 + (g->lat[v] - 58.0));
        }
        if (isnan(g->power_h[v]))
            c[6][0] = '\0';
        else
            snprintf(c[6], 64, "%g", g->power_h[v]);
        rc = omv__builder_row(b, 2 + v, vals, NULL);
    }
    if (!rc)
        rc = omv__builder_header(b, OMV__TAB_LINKS, f, 1, 4, lcols, NULL);
    for (int e = 0; e < g->m && !rc; e++) {
        snprintf(c[0], 64, "e%d", e);
        snprintf(c[1], 64, "n%d", g->a[e]);
        snprintf(c[2], 64, "n%d", g->b[e]);
        c[3][0] = '\0';
        for (int k = 0; k < TG_MAXG; k++) {
            if (g->srlg[e] & (1u << k)) {
                size_t l = strlen(c[3]);
                snprintf(c[3] + l, 64 - l, "%sg%d", l ? ";" : "", k);
            }
        }
        rc = omv__builder_row(b, 2 + e, vals, NULL);
    }
    if (!rc)
        rc = omv__builder_header(b, OMV__TAB_CANDIDATES, f, 1, 5, ccols, NULL);
    for (int v = 0; v < g->n && !rc; v++) {
        if (!(g->cand_h[v] > 0))
            continue;
        snprintf(c[0], 64, "p%d", v);
        snprintf(c[1], 64, "n%d", v);
        snprintf(c[2], 64, "power");
        snprintf(c[3], 64, "%g", g->cand_h[v]);
        snprintf(c[4], 64, "%g", g->cand_cost[v]);
        rc = omv__builder_row(b, 2 + v, vals, NULL);
    }
    if (!rc)
        rc = omv__builder_finish(b, &net);
    omv__builder_free(b);
    return rc ? NULL : net;
}

/* Labels the components of the graph without the failed links and nodes (numbered by their lowest
 * node); returns their number. */
static int label(const tg_graph *g, const uint8_t *lfail, const uint8_t *nfail, int *comp)
{
    int deg[TG_MAXN + 1] = {0}, nb[2 * TG_MAXM], q[TG_MAXN], nc = 0;
    for (int e = 0; e < g->m; e++) {
        deg[g->a[e] + 1]++;
        deg[g->b[e] + 1]++;
    }
    for (int v = 0; v < g->n; v++)
        deg[v + 1] += deg[v];
    int at[TG_MAXN + 1];
    memcpy(at, deg, sizeof(at));
    for (int e = 0; e < g->m; e++) {
        if (lfail && lfail[e]) {
            nb[at[g->a[e]]++] = -1;
            nb[at[g->b[e]]++] = -1;
            continue;
        }
        nb[at[g->a[e]]++] = g->b[e];
        nb[at[g->b[e]]++] = g->a[e];
    }
    for (int v = 0; v < g->n; v++)
        comp[v] = -1;
    for (int r = 0; r < g->n; r++) {
        if (comp[r] >= 0 || (nfail && nfail[r]))
            continue;
        int qh = 0, qt = 0;
        comp[r] = nc;
        q[qt++] = r;
        while (qh < qt) {
            int u = q[qh++];
            for (int k = deg[u]; k < deg[u + 1]; k++) {
                int w = nb[k];
                if (w < 0 || comp[w] >= 0 || (nfail && nfail[w]))
                    continue;
                comp[w] = nc;
                q[qt++] = w;
            }
        }
        nc++;
    }
    return nc;
}

int tg_components(const tg_graph *g, const uint8_t *lfail)
{
    int comp[TG_MAXN];
    return label(g, lfail, NULL, comp);
}

void tg_connected(const tg_graph *g, const uint8_t *core, const uint8_t *lfail, const uint8_t *nfail,
                      uint8_t *ok)
{
    int comp[TG_MAXN], size[TG_MAXN] = {0}, hascore[TG_MAXN] = {0};
    int nc = label(g, lfail, nfail, comp), anycore = 0;
    for (int v = 0; v < g->n; v++)
        anycore |= core[v];
    for (int v = 0; v < g->n; v++) {
        if (comp[v] < 0)
            continue;
        size[comp[v]]++;
        hascore[comp[v]] |= core[v];
    }
    int best = -1; /* components are numbered by their lowest node: the first of a size wins */
    for (int k = 0; k < nc; k++)
        if (best < 0 || size[k] > size[best])
            best = k;
    for (int v = 0; v < g->n; v++)
        ok[v] = comp[v] >= 0 && (anycore ? hascore[comp[v]] : comp[v] == best);
}

int tg_isolated(const tg_graph *g, const uint8_t *core, const uint8_t *counted, const uint8_t *lfail,
                const uint8_t *nfail, int failed_count, uint8_t *iso)
{
    uint8_t before[TG_MAXN], after[TG_MAXN];
    tg_connected(g, core, NULL, NULL, before);
    tg_connected(g, core, lfail, nfail, after);
    int k = 0;
    for (int v = 0; v < g->n; v++) {
        int failed = nfail && nfail[v];
        iso[v] = counted[v] && before[v] && (failed ? failed_count : !after[v]);
        k += iso[v];
    }
    return k;
}

int tg_maxflow(const tg_graph *g, const uint8_t *core, int t)
{
    static const int BIG = 1 << 20;
    int n = g->n + 1, src = g->n;
    int cap[TG_MAXN + 1][TG_MAXN + 1];
    memset(cap, 0, sizeof(cap));
    for (int e = 0; e < g->m; e++) {
        cap[g->a[e]][g->b[e]]++;
        cap[g->b[e]][g->a[e]]++;
    }
    for (int v = 0; v < g->n; v++)
        if (core[v])
            cap[src][v] = BIG;
    int flow = 0;
    for (;;) {
        int prev[TG_MAXN + 1], q[TG_MAXN + 1], qh = 0, qt = 0;
        for (int v = 0; v < n; v++)
            prev[v] = -1;
        prev[src] = src;
        q[qt++] = src;
        while (qh < qt && prev[t] < 0) {
            int u = q[qh++];
            for (int v = 0; v < n; v++)
                if (prev[v] < 0 && cap[u][v] > 0) {
                    prev[v] = u;
                    q[qt++] = v;
                }
        }
        if (prev[t] < 0)
            return flow;
        for (int v = t; v != src; v = prev[v]) {
            cap[prev[v]][v]--;
            cap[v][prev[v]]++;
        }
        flow++;
    }
}
