/*
 * verify.c — checks a finished plan once more, by max-flow and without the code the search used
 * (check.c): a plan GLPK accepted is only reported as protecting a site when this check agrees.
 *
 *  - links class: a target survives every single link failure exactly when it has two link-disjoint
 *    paths to the core (Menger), i.e. a max-flow of 2 with unit capacities; when the flow is 1, the
 *    one link of the minimum cut is the failure that cuts it off.
 *  - nodes, shared-risk groups, power outages: for each failure, the first phase of a max-flow from
 *    the core with limit 1 (a breadth-first search over the links left with capacity) answers every
 *    (target, failure) pair of that failure at once. Failures run in parallel; each target keeps the
 *    lowest failure index that cuts it, so the result does not depend on the thread count.
 */
#include "analyze/maxflow.h"
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* Targets not reached from the core over links of capacity > 0.5: best[t] = min(best[t], f). */
static void reach(const omv__pinst *I, const double *cap, int32_t f, uint8_t *seen, int32_t *q, int32_t *best)
{
    memset(seen, 0, I->n);
    size_t qh = 0, qt = 0;
    for (size_t v = 0; v < I->n; v++)
        if (I->is_core[v]) {
            seen[v] = 1;
            q[qt++] = (int32_t)v;
        }
    while (qh < qt) {
        int32_t u = q[qh++];
        for (int32_t k = I->off[u]; k < I->off[u + 1]; k++) {
            int32_t w = I->adj[k];
            if (seen[w] || cap[I->eid[k]] <= 0.5)
                continue;
            seen[w] = 1;
            q[qt++] = w;
        }
    }
    for (size_t t = 0; t < I->nt; t++)
        if (!seen[I->tnode[t]] && !omv__pinst_is_self(I, f, I->tnode[t]) && f < best[t])
            best[t] = f;
}

int omv__plan_verify_maxflow(const omv__pinst *I, omv_ctx *ctx, const uint8_t *sel, uint8_t *prot, int32_t *cut)
{
    int nth = omv__threads(ctx);
    double *xv = calloc(I->nvar + 1, sizeof(double));
    double *cap0 = malloc((I->m + 1) * sizeof(double));
    int32_t *best = malloc((size_t)nth * (I->nt + 1) * sizeof(int32_t));
    int rc = 0, failed = 0;
    if (!xv || !cap0 || !best) {
        rc = OMV_NOMEM(ctx, "verification");
        goto cleanup;
    }
    for (size_t j = 0; j < I->nvar; j++)
        xv[j] = sel[j] ? 1.0 : 0.0;
    omv__pinst_caps(I, xv, -1, cap0);
    for (size_t i = 0; i < (size_t)nth * (I->nt + 1); i++)
        best[i] = INT32_MAX;
    /* Per target: a path at all, and two link-disjoint ones for the links class. */
    int par = (double)I->nt * (double)(I->m + I->n) > OMV__PLAN_PAR_WORK;
#pragma omp parallel num_threads(nth) if (par)
    {
        omv__mf *mf = NULL;
        uint8_t *side = malloc(I->n + 1);
        if (omv__mf_new(&mf, I->n, I->m) || !side) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 8)
        for (long i = 0; i < (long)I->nt; i++) {
            if (!mf || !side)
                continue;
            int32_t tn = I->tnode[i];
            cut[i] = OMV__CUT_NONE;
            int links = (I->classes & OMV_FAIL_LINKS) != 0;
            double F = omv__mf_run(mf, I->n, I->off, I->adj, I->eid, cap0, I->is_core, tn, links ? 2.0 : 1.0, side);
            if (F < 0.5) {
                cut[i] = OMV__CUT_NOPATH;
            } else if (links && F < 1.5) {
                for (size_t u = 0; u < I->n && cut[i] == OMV__CUT_NONE; u++) {
                    if (side[u])
                        continue;
                    for (int32_t k = I->off[u]; k < I->off[u + 1]; k++)
                        if (side[I->adj[k]] && cap0[I->eid[k]] > 0.5) {
                            cut[i] = I->fof_link[I->eid[k]];
                            break;
                        }
                }
            }
        }
        omv__mf_free(mf);
        free(side);
    }
    if (failed) {
        rc = OMV_NOMEM(ctx, "verification");
        goto cleanup;
    }
    /* Per failure of the other classes: one search from the core. */
    size_t first = 0;
    while (first < I->nfail && I->fail[first].cls == OMV_FAIL_LINKS)
        first++;
    par = (double)(I->nfail - first) * (double)(I->m + I->n) > OMV__PLAN_PAR_WORK;
#pragma omp parallel num_threads(nth) if (par)
    {
        int th = 0;
#ifdef _OPENMP
        th = omp_get_thread_num();
#endif
        double *cap = malloc((I->m + 1) * sizeof(double));
        uint8_t *seen = malloc(I->n + 1);
        int32_t *q = malloc((I->n + 1) * sizeof(int32_t));
        if (!cap || !seen || !q) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 4)
        for (long f = (long)first; f < (long)I->nfail; f++) {
            if (!cap || !seen || !q)
                continue;
            omv__pinst_caps(I, xv, (int32_t)f, cap);
            reach(I, cap, (int32_t)f, seen, q, best + (size_t)th * (I->nt + 1));
        }
        free(cap);
        free(seen);
        free(q);
    }
    if (failed) {
        rc = OMV_NOMEM(ctx, "verification");
        goto cleanup;
    }
    for (size_t t = 0; t < I->nt; t++) {
        if (cut[t] == OMV__CUT_NONE) {
            int32_t b = INT32_MAX;
            for (int th = 0; th < nth; th++)
                if (best[(size_t)th * (I->nt + 1) + t] < b)
                    b = best[(size_t)th * (I->nt + 1) + t];
            if (b != INT32_MAX)
                cut[t] = b;
        }
        if (omv__pinst_sat(I, xv, I->tnode[t]) > 0.5 && omv__pinst_dark(I, xv, I->tnode[t]) == OMV__CUT_NONE)
            cut[t] = OMV__CUT_NONE;
        prot[t] = cut[t] == OMV__CUT_NONE;
    }
cleanup:
    free(xv);
    free(cap0);
    free(best);
    return rc;
}
