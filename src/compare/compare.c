/*
 * compare.c — every proposal measured as submitted against the same baseline (nothing built), with
 * the planner's own evaluation (plan/evaluate.h), and the best plan the same money would buy.
 */
#include "compare/compare_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void omv_compare_free(omv_compare *c)
{
    if (!c)
        return;
    for (size_t k = 0; k < c->n; k++)
        free(c->idle[k]);
    free(c->idle);
    free(c->nidle);
    free(c->res);
    free(c->worst_sc);
    free(c->border);
    free(c);
}

/* The identity of a failure, the same before and after (an overlay keeps every index). */
static int same_item(const omv_spof_item *a, const omv_spof_item *b)
{
    return a->kind == b->kind && a->link[0] == b->link[0] && a->link[1] == b->link[1] && a->node == b->node &&
           a->srlg == b->srlg && a->hours == b->hours;
}

/* Failures of the baseline that cut off no region site any more. */
static size_t removed(const omv_spof *before, const omv_spof *after)
{
    size_t nb = omv_spof_item_count(before), na = omv_spof_item_count(after), r = 0;
    for (size_t i = 0; i < nb; i++) {
        omv_spof_item x, y;
        omv_spof_item_get(before, i, &x);
        int found = 0;
        for (size_t j = 0; j < na && !found; j++) {
            omv_spof_item_get(after, j, &y);
            found = same_item(&x, &y);
        }
        r += !found;
    }
    return r;
}

static int best_at_cost(omv_compare_proposal *r, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                        int64_t baseline)
{
    omv_plan_options po = *opt;
    po.mode = OMV_PLAN_BUDGET;
    po.budget_nok = r->cost_nok;
    po.analyse = 0;
    omv_plan *plan = NULL;
    int rc = omv_plan_run(&plan, ctx, net, &po);
    if (rc)
        return rc;
    omv_plan_summary s;
    omv_plan_summary_get(plan, &s);
    r->has_optimal = s.has_plan;
    r->optimal_status = omv_plan_status_name(s.status);
    r->optimal_cost_nok = s.cost_nok;
    r->optimal_protected_sites = s.protected_sites;
    r->optimal_protected_population = s.protected_population;
    r->optimal_added_population = s.protected_population - baseline;
    omv_plan_free(plan);
    return 0;
}

int omv_compare_run(omv_compare **out, omv_ctx *ctx, const omv_net *net, const omv_proposals *props,
                    const omv_plan_options *opt, int optimal)
{
    return omv_compare_run_shard(out, ctx, net, props, opt, optimal, NULL);
}

int omv_compare_run_shard(omv_compare **out, omv_ctx *ctx, const omv_net *net, const omv_proposals *props,
                          const omv_plan_options *opt, int optimal, const omv_shard *shard)
{
    *out = NULL;
    if (!net || !props || !opt)
        return OMV_ERR(ctx, OMV_EARG, "omv_compare_run: missing argument");
    size_t n = omv_proposals_count(props);
    omv_compare *c = calloc(1, sizeof(*c));
    omv__plan_eval base, ev;
    memset(&base, 0, sizeof(base));
    memset(&ev, 0, sizeof(ev));
    int rc = 0;
    if (!c || !(c->res = calloc(n + 1, sizeof(*c->res))) || !(c->idle = calloc(n + 1, sizeof(int32_t *))) ||
        !(c->nidle = calloc(n + 1, sizeof(size_t))) || !(c->worst_sc = calloc(n + 1, sizeof(*c->worst_sc)))) {
        rc = OMV_NOMEM(ctx, "comparison");
        goto cleanup;
    }
    c->n = n;
    c->props = props;
    omv_shard_block(shard, n, &c->first, &c->end);
    if ((rc = omv__plan_evaluate(&base, ctx, net, opt, NULL, 0)))
        goto cleanup;
    c->base.targets = base.targets;
    c->base.target_population = base.target_population;
    c->base.protected_sites = base.protected_sites;
    c->base.protected_population = base.protected_population;
    c->base.failures = base.failures;
    for (size_t k = 0; k < n; k++) {
        c->res[k].name = omv_proposals_name(props, k);
        c->res[k].optimal_status = "";
    }
    for (size_t k = c->first; k < c->end; k++) {
        const int32_t *links;
        size_t m = omv_proposals_items(props, k, &links);
        if ((rc = omv__plan_evaluate(&ev, ctx, net, opt, links, m)))
            goto cleanup;
        omv_compare_proposal *r = &c->res[k];
        r->name = omv_proposals_name(props, k);
        r->items = m;
        r->cost_nok = ev.cost_nok;
        r->protected_sites = ev.protected_sites;
        r->protected_population = ev.protected_population;
        r->added_population = ev.protected_population - base.protected_population;
        r->added_sites = ev.protected_sites - base.protected_sites;
        r->nok_per_added_resident = r->added_population > 0 ? r->cost_nok / (double)r->added_population : NAN;
        r->failures_removed = removed(base.spof, ev.spof);
        r->failures_left = ev.failures;
        r->idle = ev.nidle;
        r->unusable = ev.unusable;
        r->optimal_status = "";
        c->idle[k] = ev.idle;
        c->nidle[k] = ev.nidle;
        ev.idle = NULL;
        omv__plan_eval_free(&ev);
        if (optimal && (rc = best_at_cost(r, ctx, net, opt, base.protected_population)))
            goto cleanup;
    }
    c->net = net;
cleanup:
    omv__plan_eval_free(&base);
    omv__plan_eval_free(&ev);
    if (rc)
        omv_compare_free(c);
    else
        *out = c;
    return rc;
}

void omv_compare_baseline_get(const omv_compare *c, omv_compare_baseline *out) { *out = c->base; }

size_t omv_compare_count(const omv_compare *c) { return c ? c->n : 0; }

int omv_compare_get(const omv_compare *c, size_t k, omv_compare_proposal *out)
{
    if (!c || k >= c->n)
        return OMV_EARG;
    *out = c->res[k];
    return 0;
}

size_t omv_compare_idle(const omv_compare *c, size_t k, const int32_t **links)
{
    if (!c || k >= c->n) {
        *links = NULL;
        return 0;
    }
    *links = c->idle[k];
    return c->nidle[k];
}

int omv_compare_set_border(omv_compare *c, omv_ctx *ctx, const char *border)
{
    char *copy = strdup(border ? border : "allow");
    if (!copy)
        return OMV_NOMEM(ctx, "comparison");
    free(c->border);
    c->border = copy;
    return 0;
}

const char *omv_compare_border(const omv_compare *c) { return c->border ? c->border : "allow"; }
