/*
 * heur.c — the planner's primal heuristic: turns a point of the LP relaxation into a plan that is
 * feasible for the full model (checked exactly by check.c), so that GLPK has an incumbent early and
 * a time limit always has a plan to return. GLPK's own rounding, feasibility pump and proximity
 * heuristics are off: they cannot see the protection rows that are not generated yet.
 */
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    double k1, k2; /* sort keys, ascending */
    int32_t j;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* Sorts idx[0..n) by (k1, k2, index) ascending; k1/k2 from the candidate's cost and LP value. */
static int sort_by(const omv__pinst *I, const double *xv, int32_t *idx, size_t n, int dear_first)
{
    keyed *k = malloc((n ? n : 1) * sizeof(*k));
    if (!k)
        return OMV_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int32_t j = idx[i];
        double x = xv ? xv[j] : 0;
        /* dear first: cost descending, then LP value ascending; else LP value descending, then cost */
        k[i] = dear_first ? (keyed){-I->vcost[j], x, j} : (keyed){-x, I->vcost[j], j};
    }
    if (n > 1) /* qsort must not see a NULL array */
        qsort(k, n, sizeof(*k), cmp_keyed);
    for (size_t i = 0; i < n; i++)
        idx[i] = k[i].j;
    free(k);
    return 0;
}

/* 1 when sel protects every feasible target. */
static int covers(const omv__pinst *I, omv_ctx *ctx, omv__pcheck *c, const uint8_t *sel, uint8_t *prot, int32_t *cut,
                  int *rc)
{
    *rc = omv__plan_protection(c, ctx, sel, prot, cut, NULL);
    if (*rc)
        return 0;
    for (size_t t = 0; t < I->nt; t++)
        if (I->tfeas[t] && !prot[t])
            return 0;
    return 1;
}

int omv__heur_cover(const omv__pinst *I, omv_ctx *ctx, omv__pcheck *c, const double *xv, double deadline,
                    uint8_t *sel)
{
    uint8_t *prot = malloc(I->nt + 1);
    int32_t *cut = malloc((I->nt + 1) * sizeof(int32_t));
    int32_t *idx = malloc((I->nvar + 1) * sizeof(int32_t));
    int rc = 0;
    if (!prot || !cut || !idx) {
        rc = OMV_NOMEM(ctx, "heuristic");
        goto cleanup;
    }
    static const double thr[] = {0.5, OMV__PLAN_EPS, -1.0};
    int ok = 0;
    for (size_t k = 0; k < 3 && !ok; k++) {
        for (size_t j = 0; j < I->nvar; j++)
            sel[j] = !xv || xv[j] > thr[k];
        ok = covers(I, ctx, c, sel, prot, cut, &rc);
        if (rc)
            goto cleanup;
    }
    if (!ok) {
        rc = OMV_ERR(ctx, OMV_EINTERNAL, "every candidate built leaves a feasible target unprotected");
        goto cleanup;
    }
    size_t n = 0;
    for (size_t j = 0; j < I->nvar; j++)
        if (sel[j])
            idx[n++] = (int32_t)j;
    if (sort_by(I, xv, idx, n, 1)) {
        rc = OMV_NOMEM(ctx, "heuristic");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        if (deadline > 0 && omv__plan_now() > deadline)
            break;
        sel[idx[i]] = 0;
        if (!covers(I, ctx, c, sel, prot, cut, &rc))
            sel[idx[i]] = 1;
        if (rc)
            goto cleanup;
    }
cleanup:
    free(prot);
    free(cut);
    free(idx);
    return rc;
}

int omv__heur_budget(const omv__pinst *I, omv_ctx *ctx, omv__pcheck *c, const double *xv, double budget,
                     double deadline, uint8_t *sel, int64_t *pop)
{
    uint8_t *prot = malloc(I->nt + 1);
    int32_t *cut = malloc((I->nt + 1) * sizeof(int32_t));
    int32_t *idx = malloc((I->nvar + 1) * sizeof(int32_t));
    int rc = 0;
    if (!prot || !cut || !idx) {
        rc = OMV_NOMEM(ctx, "heuristic");
        goto cleanup;
    }
    /* By decreasing LP value, then cheapest first. */
    size_t n = 0;
    for (size_t j = 0; j < I->nvar; j++) {
        sel[j] = 0;
        if (xv[j] > OMV__PLAN_EPS)
            idx[n++] = (int32_t)j;
    }
    if (sort_by(I, xv, idx, n, 0)) {
        rc = OMV_NOMEM(ctx, "heuristic");
        goto cleanup;
    }
    double spent = 0;
    for (size_t i = 0; i < n; i++)
        if (spent + I->vcost[idx[i]] <= budget + 1e-6) {
            sel[idx[i]] = 1;
            spent += I->vcost[idx[i]];
        }
    int64_t best;
    if ((rc = omv__plan_protection(c, ctx, sel, prot, cut, &best)))
        goto cleanup;
    /* Drop what protects nobody, dearest first. */
    n = 0;
    for (size_t j = 0; j < I->nvar; j++)
        if (sel[j])
            idx[n++] = (int32_t)j;
    if (sort_by(I, xv, idx, n, 1)) {
        rc = OMV_NOMEM(ctx, "heuristic");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        if (deadline > 0 && omv__plan_now() > deadline)
            break;
        sel[idx[i]] = 0;
        int64_t p;
        if ((rc = omv__plan_protection(c, ctx, sel, prot, cut, &p)))
            goto cleanup;
        if (p < best)
            sel[idx[i]] = 1;
    }
    *pop = best;
cleanup:
    free(prot);
    free(cut);
    free(idx);
    return rc;
}
