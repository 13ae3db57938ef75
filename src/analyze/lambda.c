/*
 * lambda.c — link-disjoint paths from each site to the core: 0, 1, 2 or 3+, and exact values on
 * request.
 *
 * 0, 1, 2 and "3 or more" come from structure alone, in O(nodes + links): 0 when the site is not
 * connected; 1 when a bridge cuts it off (single.c marks those sides); 2 when a cut pair does
 * (cutpair.c marks those segments) or two bridges do. Nothing else can give 2: in a minimum cut of two
 * links holding a bridge, the other link must be a bridge too (a link on a cycle cannot separate the
 * side of the bridge that keeps a core node); two non-bridges whose joint failure separates the site
 * disconnect the network, so they are a cut pair. Two bridges cut a site off exactly when its
 * 2-edge-connected component holds no core node and only two of its branches in the bridge tree do.
 *
 * Exact values above 2 need a max-flow from the core to the site (unit capacities, Dinic), run in
 * parallel over those sites with one workspace per thread.
 *
 * Without core nodes there is no source to count paths from; lambda then follows the failure rule of
 * that mode (the largest remaining component plays the core): 1 when a single link failure cuts the
 * site off, 2 when a cut pair does, otherwise 3 (meaning 3 or more), also with exact_lambda.
 */
#include "analyze/maxflow.h"
#include "analyze/spof_int.h"

#include <math.h>
#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

static int exact(omv__frame *f, omv_spof *s)
{
    const omv_net *net = f->net;
    size_t n = f->n, nt = (size_t)f->nthreads, nsel = 0;
    int32_t *sel = malloc((n + 1) * sizeof(*sel));
    omv__mf **ws = calloc(nt, sizeof(*ws));
    int rc = 0;
    if (!sel || !ws) {
        rc = OMV_NOMEM(f->ctx, "lambda");
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++)
        if (s->lambda[v] == 3)
            sel[nsel++] = (int32_t)v;
    for (size_t t = 0; t < nt && !rc; t++)
        if (omv__mf_new(&ws[t], n, net->nlinks))
            rc = OMV_NOMEM(f->ctx, "lambda");
    if (rc)
        goto cleanup;
    int stop = 0;
    const omv__frame *cf = f;
    int32_t *lam = s->lambda;
#pragma omp parallel num_threads(f->nthreads) if (omv__par(nsel * (n + 2 * net->n_existing)))
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        omv__mf *w = ws[tid];
#pragma omp for schedule(dynamic, 16)
        for (size_t i = 0; i < nsel; i++) {
            int halt;
#pragma omp atomic read
            halt = stop;
            if (halt)
                continue;
            if (omv__interrupted(cf->ctx)) {
#pragma omp atomic write
                stop = 1;
                continue;
            }
            double flow = omv__mf_run(w, n, net->off, net->adj, net->eid, NULL, cf->is_core, sel[i], INFINITY, NULL);
            lam[sel[i]] = flow >= (double)INT32_MAX ? INT32_MAX : (int32_t)llround(flow);
        }
    }
    if (stop)
        s->interrupted = 1;
cleanup:
    if (ws)
        for (size_t t = 0; t < nt; t++)
            omv__mf_free(ws[t]);
    free(ws);
    free(sel);
    return rc;
}

/* Sites that two bridges cut off (with core nodes): per 2-edge-connected component (named by its
 * top node in the search tree), its core nodes and the branches of the bridge tree around it that hold
 * core nodes. */
static int two_bridges(omv__frame *f, uint8_t *two)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    int32_t *ecc = malloc((n + 1) * sizeof(*ecc));
    int32_t *ecore = calloc(n + 1, sizeof(*ecore));
    int32_t *branches = calloc(n + 1, sizeof(*branches));
    if (!ecc || !ecore || !branches) {
        free(ecc);
        free(ecore);
        free(branches);
        return OMV_NOMEM(f->ctx, "lambda");
    }
    for (size_t p = 0; p < n; p++) {
        int32_t v = d->order[p];
        ecc[v] = d->parent[v] < 0 || omv__dfs_bridge_child(d, v) ? v : ecc[d->parent[v]];
        ecore[ecc[v]] += f->is_core[v];
    }
    for (size_t c = 0; c < n; c++) {
        if (!omv__dfs_bridge_child(d, (int32_t)c))
            continue;
        int32_t lo = d->pre[c], hi = lo + d->sz[c];
        int64_t below = f->p_core[hi] - f->p_core[lo], all = f->cc[d->cc[c]].core;
        branches[ecc[d->parent[c]]] += below > 0;
        branches[c] += all - below > 0;
    }
    for (size_t v = 0; v < n; v++)
        two[v] = f->based[v] && ecore[ecc[v]] == 0 && branches[ecc[v]] == 2;
    free(ecc);
    free(ecore);
    free(branches);
    return 0;
}

int omv__spof_lambda(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    int rc;
    s->lambda = malloc((n + 1) * sizeof(*s->lambda));
    uint8_t *two = calloc(n + 1, 1);
    if (!s->lambda || !two) {
        free(two);
        return OMV_NOMEM(f->ctx, "lambda");
    }
    if (f->has_core && (rc = two_bridges(f, two))) {
        free(two);
        return rc;
    }
    int32_t c1 = 0, c2 = 0;
    for (size_t p = 0; p < n; p++) {
        int32_t v = d->order[p];
        c1 += f->mark1[p];
        c2 += f->mark2[p];
        s->lambda[v] = !f->is_site[v] ? -1 : !f->based[v] ? 0 : c1 > 0 ? 1 : (c2 > 0 || two[v]) ? 2 : 3;
    }
    free(two);
    if (f->opt->exact_lambda && f->has_core && (rc = exact(f, s)))
        return rc;
    for (size_t v = 0; v < n; v++) {
        if (!f->in_region[v])
            continue;
        int b = s->lambda[v] > 3 ? 3 : s->lambda[v];
        s->lam_sites[b]++;
        s->lam_pop[b] += f->net->nodes[v].population;
    }
    return 0;
}
