/*
 * sweep.c — budget sweeps: the cost versus protected-population curve. The budgets, sorted and
 * without repeats, are the sweep's scenarios 0..n-1. They share the instance and its workspaces,
 * but each is solved as `plan --budget` solves it, from nothing: no protection rows and no start
 * carried over from another budget. So a point does not depend on which other budgets are in the
 * list, and a sweep split into shards (omvei/shard.h) gives the same plans as one process. The
 * Pareto front is read off the points: a point is on it when no other point protects at least as
 * many residents for less money.
 */
#include "plan/result.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct omv_plan_sweep {
    omv__pinst I;
    size_t n;        /* budgets of the whole sweep */
    size_t first, end; /* the points planned here (a shard's block): plans[first..end) */
    double *budget;
    omv_plan **plans;
    uint8_t *pareto;
};

void omv_plan_sweep_free(omv_plan_sweep *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->plans && i < s->n; i++)
        omv_plan_free(s->plans[i]);
    free(s->plans);
    free(s->budget);
    free(s->pareto);
    omv__pinst_free(&s->I);
    free(s);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int read_parts(omv__plan_found **found, omv_ctx *ctx, const omv_plan_sweep *s, omv_part *const *parts,
                      size_t nparts);
static void free_found(omv__plan_found *f, size_t n);

/* The sweep of the budgets in the shard's block of the sorted list (shard NULL: all); with parts,
 * every budget is taken from what the parts found instead of being solved. */
static int sweep_make(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                      const double *budgets, size_t nbudgets, const omv_shard *shard, omv_part *const *parts,
                      size_t nparts)
{
    omv__plan_found *found = NULL;
    size_t nb = 0;
    *out = NULL;
    if (!nbudgets)
        return OMV_ERR(ctx, OMV_EARG, "sweep: no budget given");
    for (size_t i = 0; i < nbudgets; i++)
        if (!(budgets[i] >= 0) || !isfinite(budgets[i]))
            return OMV_ERR(ctx, OMV_EARG, "sweep: budgets must be numbers of NOK >= 0");
    omv_plan_sweep *s = calloc(1, sizeof(*s));
    double *b = malloc(nbudgets * sizeof(double));
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
    for (size_t i = 0; i < nbudgets; i++)
        if (!nb || b[i] != b[nb - 1])
            b[nb++] = b[i];
    s->plans = calloc(nb, sizeof(*s->plans));
    s->pareto = calloc(nb, 1);
    s->budget = b;
    b = NULL;
    s->n = nb;
    omv_shard_block(shard, nb, &s->first, &s->end);
    if (!s->plans || !s->pareto) {
        rc = OMV_NOMEM(ctx, "sweep");
        goto cleanup;
    }
    if ((rc = omv__pinst_build(&s->I, ctx, net, opt)))
        goto cleanup;
    int nth = omv__threads(ctx);
    sh.I = &s->I;
    if (omv__pcheck_new(&sh.chk, &s->I, nth)) {
        rc = OMV_NOMEM(ctx, "sweep");
        goto cleanup;
    }
    if ((rc = omv__pinst_feasibility(&s->I, ctx, sh.chk)))
        goto cleanup;
    if (opt->method == OMV_PLAN_BRANCH_AND_CUT && (rc = omv__psep_new(&sh.sep, ctx, &s->I, nth)))
        goto cleanup;
    if (parts && (rc = read_parts(&found, ctx, s, parts, nparts)))
        goto cleanup;
    omv_plan_options o = *opt;
    o.mode = OMV_PLAN_BUDGET;
    for (size_t i = s->first; i < s->end; i++) {
        o.budget_nok = s->budget[i];
        /* Each budget from nothing: sh.pool stays NULL (omv__plan_make's own pool), no start. */
        if ((rc = omv__plan_make(&s->plans[i], ctx, net, &o, &sh, NULL, found ? &found[i] : NULL)))
            goto cleanup;
        omv_plan_summary S;
        omv_plan_summary_get(s->plans[i], &S);
        if (S.status == OMV_PLAN_INTERRUPTED) {
            /* One process keeps the points so far; a shard's part is not written (the caller). */
            s->end = i + 1;
            if (s->first == 0 && (!shard || shard->n <= 1))
                s->n = s->end;
            break;
        }
    }
    if (s->first != 0 || s->end != s->n)
        goto cleanup; /* a shard: no front without every point */
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
    free_found(found, nb);
    omv__psep_free(sh.sep);
    omv__pcheck_free(sh.chk);
    free(b);
    if (rc) {
        omv_plan_sweep_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int omv_plan_sweep_run(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                       const double *budgets, size_t nbudgets)
{
    return sweep_make(out, ctx, net, opt, budgets, nbudgets, NULL, NULL, 0);
}

int omv_plan_sweep_run_shard(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                             const double *budgets, size_t nbudgets, const omv_shard *shard)
{
    return sweep_make(out, ctx, net, opt, budgets, nbudgets, shard, NULL, 0);
}

/* Points stopped by an interrupt, or not planned here, make an incomplete sweep. */
int omv_plan_sweep_interrupted(const omv_plan_sweep *s)
{
    for (size_t i = s->first; i < s->end; i++) {
        omv_plan_summary S;
        omv_plan_summary_get(s->plans[i], &S);
        if (S.status == OMV_PLAN_INTERRUPTED)
            return 1;
    }
    return 0;
}

size_t omv_plan_sweep_scenarios(const omv_plan_sweep *s) { return s->n; }

/* ---- parts ----
 * data: {"points": [[budget, status, has_plan, bound, nodes, cuts, solve_s, [chosen columns...]], ...]}
 * one entry per budget of the shard's block, in order. */

int omv_plan_sweep_part(char **json, omv_ctx *ctx, const omv_plan_sweep *s)
{
    *json = NULL;
    json_t *root = json_object(), *pts = json_array();
    for (size_t i = s->first; i < s->end; i++) {
        const omv_plan *p = s->plans[i];
        json_t *sel = json_array();
        for (size_t j = 0; j < s->I.nvar; j++)
            if (p->sel[j])
                json_array_append_new(sel, json_integer((json_int_t)j));
        json_t *bound = isfinite(p->solve_bound) ? json_real(p->solve_bound) : json_null();
        json_array_append_new(pts, json_pack("[f,i,i,o,I,I,f,o]", s->budget[i], (int)p->sum.status, p->sum.has_plan,
                                             bound, (json_int_t)p->sum.nodes, (json_int_t)p->sum.cuts, p->sum.solve_s,
                                             sel));
    }
    json_object_set_new(root, "points", pts);
    *json = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
    json_decref(root);
    return *json ? 0 : OMV_NOMEM(ctx, "part");
}

/* Reads one point of a part into f (f->sel: nvar bytes, allocated); NULL or what is wrong. */
static const char *read_point(omv__plan_found *f, json_t *e, double budget, size_t nvar)
{
    json_t *b = json_array_get(e, 0), *bd = json_array_get(e, 3), *sel = json_array_get(e, 7);
    if (!json_is_array(e) || json_array_size(e) != 8 || !json_is_number(b) || !json_is_integer(json_array_get(e, 1)) ||
        !json_is_integer(json_array_get(e, 2)) || !(json_is_number(bd) || json_is_null(bd)) ||
        !json_is_integer(json_array_get(e, 4)) || !json_is_integer(json_array_get(e, 5)) ||
        !json_is_number(json_array_get(e, 6)) || !json_is_array(sel))
        return "a point is not [budget, status, has_plan, bound, nodes, cuts, solve_s, [...]]";
    if (json_number_value(b) != budget)
        return "its budgets are not those of this sweep";
    json_int_t st = json_integer_value(json_array_get(e, 1));
    if (st < 0 || st > OMV_PLAN_GAP_LIMIT || !omv_plan_status_name((omv_plan_status)st))
        return "a status is out of range";
    f->status = (omv_plan_status)st;
    f->has_plan = json_integer_value(json_array_get(e, 2)) != 0;
    f->bound = json_is_null(bd) ? NAN : json_number_value(bd);
    f->nodes = (long)json_integer_value(json_array_get(e, 4));
    f->cuts = (long)json_integer_value(json_array_get(e, 5));
    f->solve_s = json_number_value(json_array_get(e, 6));
    if (!(f->sel = calloc(nvar + 1, 1)))
        return "out of memory";
    for (size_t k = 0; k < json_array_size(sel); k++) {
        json_t *x = json_array_get(sel, k);
        if (!json_is_integer(x) || json_integer_value(x) < 0 || (size_t)json_integer_value(x) >= nvar)
            return "a chosen column is out of range";
        f->sel[json_integer_value(x)] = 1;
    }
    return NULL;
}

static void free_found(omv__plan_found *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++)
        free(f[i].sel);
    free(f);
}

static int read_parts(omv__plan_found **found, omv_ctx *ctx, const omv_plan_sweep *s, omv_part *const *parts,
                      size_t nparts)
{
    omv__plan_found *f = calloc(s->n + 1, sizeof(*f));
    if (!f)
        return OMV_NOMEM(ctx, "sweep");
    *found = f;
    for (size_t k = 0; k < nparts; k++) {
        size_t first, end;
        omv_part_block(parts[k], &first, &end);
        json_error_t jerr;
        json_t *root = json_loads(omv_part_data(parts[k]), 0, &jerr);
        json_t *pts = json_object_get(root, "points");
        const char *what = NULL;
        if (end > s->n || first > end)
            what = "its block is not in the sweep";
        else if (!json_is_array(pts) || json_array_size(pts) != end - first)
            what = "the number of points differs from its block";
        for (size_t i = first; i < end && !what; i++)
            what = f[i].sel ? "a budget is given twice"
                            : read_point(&f[i], json_array_get(pts, i - first), s->budget[i], s->I.nvar);
        json_decref(root);
        if (what)
            return OMV_ERR(ctx, OMV_EDATA, "%s: sweep part: %s", omv_part_dir(parts[k]), what);
    }
    for (size_t i = 0; i < s->n; i++)
        if (!f[i].sel)
            return OMV_ERR(ctx, OMV_EDATA, "sweep: no part holds budget %zu", i);
    return 0;
}

int omv_plan_sweep_merge(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                         const double *budgets, size_t nbudgets, omv_part *const *parts, size_t nparts)
{
    return sweep_make(out, ctx, net, opt, budgets, nbudgets, NULL, parts, nparts);
}

size_t omv_plan_sweep_count(const omv_plan_sweep *s) { return s->n; }

const omv_plan *omv_plan_sweep_plan(const omv_plan_sweep *s, size_t i) { return i < s->n ? s->plans[i] : NULL; }

int omv_plan_sweep_pareto(const omv_plan_sweep *s, size_t i) { return i < s->n ? s->pareto[i] : 0; }
