/*
 * plan_sweep.c — the reports of a budget sweep in numbers: plan_sweep.csv (one row per budget:
 * what it buys and protects, whether the point is on the Pareto front), plan_sweep.json (schema
 * omvei/plan-sweep/1, every point with its whole plan as in plan.json) and the text table.
 */
#include "plan/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int omv_plan_sweep_csv(char **csv, omv_ctx *ctx, const omv_plan_sweep *s)
{
    *csv = NULL;
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "budget_nok,cost_nok,investments,protected_sites,protected_population,target_population,status,"
                      "gap,pareto\n");
    for (size_t i = 0; i < omv_plan_sweep_count(s); i++) {
        const omv_plan *p = omv_plan_sweep_plan(s, i);
        omv_plan_summary S;
        omv_plan_summary_get(p, &S);
        char bud[48], cost[48], gap[48];
        omv__fmt_fixed(bud, sizeof(bud), S.budget_nok, OMV__PLAN_NOK_DECIMALS);
        omv__fmt_fixed(cost, sizeof(cost), S.cost_nok, OMV__PLAN_NOK_DECIMALS);
        omv__fmt_fixed(gap, sizeof(gap), S.gap, OMV__PLAN_GAP_DECIMALS);
        omv__buf_printf(&b, "%s,%s,%zu,%zu,%lld,%lld,%s,%s,%s\n", bud, cost, omv_plan_investment_count(p),
                        S.protected_sites, (long long)S.protected_population, (long long)S.target_population,
                        omv_plan_status_name(S.status), gap, omv_plan_sweep_pareto(s, i) ? "true" : "false");
    }
    *csv = omv__buf_take(&b);
    return *csv ? 0 : OMV_NOMEM(ctx, "plan_sweep.csv");
}

int omv_plan_sweep_json(char **json, omv_ctx *ctx, const omv_plan_sweep *s, const omv_net *net)
{
    *json = NULL;
    omv__buf b;
    omv__buf_init(&b);
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "schema");
    omv__jsonw_string(&w, OMV__PLAN_SWEEP_SCHEMA);
    omv__jsonw_key(&w, "points");
    omv__jsonw_array(&w, false);
    for (size_t i = 0; i < omv_plan_sweep_count(s); i++) {
        omv__jsonw_object(&w, false);
        omv__jsonw_key(&w, "pareto");
        omv__jsonw_bool(&w, omv_plan_sweep_pareto(s, i) != 0);
        omv__plan_json_members(&w, omv_plan_sweep_plan(s, i), net);
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    omv__jsonw_end(&w);
    int rc = omv__jsonw_finish(&w, ctx);
    if (rc) {
        omv__buf_free(&b);
        return rc;
    }
    *json = omv__buf_take(&b);
    return *json ? 0 : OMV_NOMEM(ctx, "plan_sweep.json");
}

int omv_plan_sweep_text(char **text, omv_ctx *ctx, const omv_plan_sweep *s, const omv_net *net)
{
    (void)net;
    *text = NULL;
    omv__buf b;
    omv__buf_init(&b);
    size_t n = omv_plan_sweep_count(s);
    if (n) {
        const omv_plan *p0 = omv_plan_sweep_plan(s, 0);
        omv_plan_summary S;
        omv_plan_summary_get(p0, &S);
        char pop[32];
        omv__plan_fmt_thousands(pop, sizeof(pop), S.target_population);
        omv__buf_printf(&b, "Budget sweep against %s failures; region %s, targets: %s (%zu sites, %s residents",
                        omv_plan_against(p0), omv_plan_region(p0), omv_plan_target_spec(p0), S.targets, pop);
        if (S.infeasible)
            omv__buf_printf(&b, "; %zu cannot be protected by any candidate", S.infeasible);
        omv__buf_puts(&b, ").\n\n");
    }
    omv__buf_printf(&b, "%14s  %14s  %5s  %6s  %12s  %-11s  %s\n", "budget", "spent", "inv.", "sites", "residents",
                    "status", "Pareto");
    for (size_t i = 0; i < n; i++) {
        const omv_plan *p = omv_plan_sweep_plan(s, i);
        omv_plan_summary S;
        omv_plan_summary_get(p, &S);
        char bud[48], cost[48], pop[32];
        omv__plan_fmt_money(bud, sizeof(bud), S.budget_nok);
        omv__plan_fmt_money(cost, sizeof(cost), S.cost_nok);
        omv__plan_fmt_thousands(pop, sizeof(pop), S.protected_population);
        omv__buf_printf(&b, "%14s  %14s  %5zu  %6zu  %12s  %-11s  %s\n", bud, cost, omv_plan_investment_count(p),
                        S.protected_sites, pop, omv_plan_status_name(S.status),
                        omv_plan_sweep_pareto(s, i) ? "yes" : "-");
    }
    *text = omv__buf_take(&b);
    return *text ? 0 : OMV_NOMEM(ctx, "sweep summary");
}
