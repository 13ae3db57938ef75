/*
 * sweep.c — budget sweeps: the cost versus protected-population curve. Budgets are solved in
 * ascending order on one instance; the protection rows found for one budget stay valid for the next
 * (they do not depend on the budget), and the plan of a smaller budget fits any larger one, so it
 * starts the next search. The Pareto front is read off the points: a point is on it when no other
 * point protects at least as many residents for less money.
 */
#include "plan/result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct omv_plan_sweep {
    omv__pinst I;
    size_t n;
    omv_plan **plans;
    uint8_t *pareto;
};

void omv_plan_sweep_free(omv_plan_sweep *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        omv_plan_free(s->plans[i]);
    free(s->plans);
    free(s->pareto);
    omv__pinst_free(&s->I);
    free(s);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int omv_plan_sweep_run(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                       const double *budgets, size_t nbudgets)
{
    *out = NULL;
    if (!nbudgets)
        return OMV_ERR(ctx, OMV_EARG, "sweep: no budget given");
    for (size_t i = 0; i < nbudgets; i++)
        if (!(budgets[i] >= 0) || !isfinite(budgets[i]))
            return OMV_ERR(ctx, OMV_EARG, "sweep: budgets must be numbers of NOK >= 0");
    omv_plan_sweep *s = calloc(1, sizeof(*s));
    double *b = malloc(nbudgets * sizeof(double));
    omv__pool pool;
    omv__pool_init(&pool);
    omv__plan_shared sh = {0};
    int rc = 0;
    if (!s || !b) {
        free(s);
        free(b);
        return OMV_NOMEM(ctx, "sweep");
    }
    memcpy(b, budgets, nbudgets * sizeof(double));
    if (nbudgets > 1) /* qsort must not see a NULL array */
        qsort(b, nbudgets, sizeof(double), cmp_double);
    size_t nb = 0;
    for (size_t i = 0; i < nbudgets; i++)
        if (!nb || b[i] != b[nb - 1])
            b[nb++] = b[i];
    s->plans = calloc(nb, sizeof(*s->plans));
    s->pareto = calloc(nb, 1);
    if (!s->plans || !s->pareto) {
        rc = OMV_NOMEM(ctx, "sweep");
        goto cleanup;
    }
    if ((rc = omv__pinst_build(&s->I, ctx, net, opt)))
        goto cleanup;
    int nth = omv__threads(ctx);
    sh.I = &s->I;
    sh.pool = &pool;
    if (omv__pcheck_new(&sh.chk, &s->I, nth)) {
        rc = OMV_NOMEM(ctx, "sweep");
        goto cleanup;
    }
    if ((rc = omv__pinst_feasibility(&s->I, ctx, sh.chk)))
        goto cleanup;
    if (opt->method == OMV_PLAN_BRANCH_AND_CUT && (rc = omv__psep_new(&sh.sep, ctx, &s->I, nth)))
        goto cleanup;
    omv_plan_options o = *opt;
    o.mode = OMV_PLAN_BUDGET;
    const uint8_t *start = NULL;
    for (size_t i = 0; i < nb; i++) {
        o.budget_nok = b[i];
        if ((rc = omv__plan_make(&s->plans[i], ctx, net, &o, &sh, start)))
            goto cleanup;
        s->n = i + 1;
        omv_plan_summary S;
        omv_plan_summary_get(s->plans[i], &S);
        start = S.has_plan ? s->plans[i]->sel : start;
        if (S.status == OMV_PLAN_INTERRUPTED)
            break;
    }
    /* Pareto: scanning by cost, a point counts when it protects more than every cheaper one. */
    for (size_t i = 0; i < s->n; i++) {
        omv_plan_summary A;
        omv_plan_summary_get(s->plans[i], &A);
        int dominated = !A.has_plan;
        for (size_t j = 0; j < s->n && !dominated; j++) {
            if (j == i)
                continue;
            omv_plan_summary B;
            omv_plan_summary_get(s->plans[j], &B);
            if (!B.has_plan)
                continue;
            int ge = B.protected_population >= A.protected_population && B.cost_nok <= A.cost_nok;
            int strict = B.protected_population > A.protected_population || B.cost_nok < A.cost_nok;
            /* Equal points: the one of the smaller budget represents them. */
            dominated = ge && (strict || j < i);
        }
        s->pareto[i] = !dominated;
    }
cleanup:
    omv__psep_free(sh.sep);
    omv__pcheck_free(sh.chk);
    omv__pool_free(&pool);
    free(b);
    if (rc) {
        omv_plan_sweep_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

size_t omv_plan_sweep_count(const omv_plan_sweep *s) { return s->n; }

const omv_plan *omv_plan_sweep_plan(const omv_plan_sweep *s, size_t i) { return i < s->n ? s->plans[i] : NULL; }

int omv_plan_sweep_pareto(const omv_plan_sweep *s, size_t i) { return i < s->n ? s->pareto[i] : 0; }
