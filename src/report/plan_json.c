/*
 * plan_json.c — plan.json (schema omvei/plan/1): what was asked, what the solver proved (status,
 * objective, bound, gap, effort), the chosen investments with what each one protects, the targets no
 * candidate can protect and why, the failure analysis before and after, and the verification block.
 *
 * Keys come in a fixed order, numbers with fixed decimals, lists sorted by index: the file is the
 * same whatever the thread count. It holds no wall-clock time, so the same scenario gives the same
 * bytes; the solve time goes to the manifest (omv_manifest_add_timing).
 */
#include "plan/report.h"
#include "topo/net.h"

#include <math.h>
#include <stdlib.h>

const char *omv__plan_mode_name(omv_plan_mode m) { return m == OMV_PLAN_BUDGET ? "budget" : "min-cost"; }
const char *omv__plan_method_name(omv_plan_method m)
{
    return m == OMV_PLAN_MATHPROG ? "mathprog" : "branch-and-cut";
}

static void key_real(omv__jsonw *w, const char *key, double v, int dec)
{
    omv__jsonw_key(w, key);
    omv__jsonw_real(w, v, dec);
}

static void key_int(omv__jsonw *w, const char *key, int64_t v)
{
    omv__jsonw_key(w, key);
    omv__jsonw_int(w, v);
}

static void key_str(omv__jsonw *w, const char *key, const char *s)
{
    omv__jsonw_key(w, key);
    omv__jsonw_string(w, s);
}

static void investment(omv__jsonw *w, const omv_plan *p, const omv_net *net, size_t i)
{
    omv_plan_investment v;
    omv_plan_investment_get(p, i, &v);
    size_t l = (size_t)v.link;
    long a = omv_net_link_a(net, l), b = omv_net_link_b(net, l);
    omv__jsonw_object(w, false);
    key_str(w, "id", omv_net_link_id(net, l));
    key_str(w, "kind", omv_invest_kind_name(v.kind));
    key_str(w, "medium", omv_medium_name(omv_net_link_medium(net, l)));
    key_str(w, "a", omv_net_node_id(net, (size_t)a));
    key_str(w, "b", b >= 0 ? omv_net_node_id(net, (size_t)b) : NULL);
    key_real(w, "cost_nok", v.cost_nok, OMV__PLAN_NOK_DECIMALS);
    key_real(w, "length_km", b >= 0 ? omv_net_link_length_km(net, l) : NAN, OMV__PLAN_KM_DECIMALS);
    key_real(w, "power_h", v.kind == OMV_INVEST_POWER ? omv__link_power(&net->links[l]) : NAN, OMV__PLAN_KM_DECIMALS);
    key_int(w, "sites_lost_without", (int64_t)v.sites_lost);
    key_int(w, "population_lost_without", v.population_lost);
    key_real(w, "cost_per_protected_resident_nok", v.cost_per_resident, OMV__PLAN_NOK_DECIMALS);
    omv__jsonw_key(w, "sites_lost");
    omv__jsonw_array(w, true);
    const int32_t *nodes;
    size_t n = omv_plan_investment_sites(p, i, &nodes);
    for (size_t k = 0; k < n; k++)
        omv__jsonw_string(w, omv_net_node_id(net, (size_t)nodes[k]));
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

static void analysis(omv__jsonw *w, const omv_plan_analysis *A)
{
    static const char *const LAMBDA[4] = {"0", "1", "2", "3+"};
    static const char *const KINDS[OMV_ITEM_KIND_COUNT_] = {"bridge", "articulation_point", "srlg", "cut_pair",
                                                             "power_outage"};
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "lambda");
    omv__jsonw_object(w, false);
    for (int k = 0; k < 4; k++) {
        omv__jsonw_key(w, LAMBDA[k]);
        omv__jsonw_object(w, true);
        key_int(w, "sites", (int64_t)A->lambda_sites[k]);
        key_int(w, "population", A->lambda_population[k]);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
    key_int(w, "isolating_failures", (int64_t)A->isolating);
    omv__jsonw_key(w, "isolating_by_kind");
    omv__jsonw_object(w, true);
    for (int k = 0; k < OMV_ITEM_KIND_COUNT_; k++)
        key_int(w, KINDS[k], (int64_t)A->items[k]);
    omv__jsonw_end(w);
    omv__jsonw_key(w, "structural");
    omv__jsonw_object(w, true);
    for (int k = 0; k < OMV_ITEM_KIND_COUNT_; k++)
        key_int(w, KINDS[k], (int64_t)A->structural[k]);
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

void omv__plan_json_members(omv__jsonw *w, const omv_plan *p, const omv_net *net)
{
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    key_str(w, "mode", omv__plan_mode_name(S.mode));
    key_str(w, "method", omv__plan_method_name(S.method));
    key_real(w, "budget_nok", S.budget_nok, OMV__PLAN_NOK_DECIMALS);
    key_str(w, "against", omv_plan_against(p));
    key_str(w, "region", omv_plan_region(p));
    key_str(w, "target", omv_plan_target_spec(p));
    key_str(w, "status", omv_plan_status_name(S.status));
    omv__jsonw_key(w, "has_plan");
    omv__jsonw_bool(w, S.has_plan != 0);
    key_str(w, "objective_unit", S.mode == OMV_PLAN_BUDGET ? "residents" : "NOK");
    key_real(w, "objective", S.objective, OMV__PLAN_NOK_DECIMALS);
    key_real(w, "bound", S.bound, OMV__PLAN_NOK_DECIMALS);
    key_real(w, "gap", S.gap, OMV__PLAN_GAP_DECIMALS);
    key_int(w, "nodes", S.nodes);
    key_int(w, "cuts_added", S.cuts);
    key_real(w, "cost_nok", S.cost_nok, OMV__PLAN_NOK_DECIMALS);
    omv__jsonw_key(w, "targets");
    omv__jsonw_object(w, true);
    key_int(w, "count", (int64_t)S.targets);
    key_int(w, "population", S.target_population);
    key_int(w, "protected", (int64_t)S.protected_sites);
    key_int(w, "protected_population", S.protected_population);
    key_int(w, "infeasible", (int64_t)S.infeasible);
    key_int(w, "infeasible_population", S.infeasible_population);
    omv__jsonw_end(w);

    omv__jsonw_key(w, "investments");
    omv__jsonw_array(w, false);
    for (size_t i = 0; i < omv_plan_investment_count(p); i++)
        investment(w, p, net, i);
    omv__jsonw_end(w);

    size_t nt = omv_plan_target_count(p);
    omv__jsonw_key(w, "infeasible");
    omv__jsonw_array(w, false);
    for (size_t i = 0; i < nt; i++) {
        omv_plan_target t;
        omv_plan_target_get(p, i, &t);
        if (t.feasible)
            continue;
        omv__jsonw_object(w, true);
        key_str(w, "id", omv_net_node_id(net, (size_t)t.node));
        key_str(w, "name", omv_net_node_name(net, (size_t)t.node));
        key_int(w, "population", t.population);
        key_str(w, "reason", t.reason);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);

    omv__jsonw_key(w, "unprotected");
    omv__jsonw_array(w, false);
    for (size_t i = 0; i < nt; i++) {
        omv_plan_target t;
        omv_plan_target_get(p, i, &t);
        if (!t.feasible || t.protected_)
            continue;
        omv__jsonw_object(w, true);
        key_str(w, "id", omv_net_node_id(net, (size_t)t.node));
        key_int(w, "population", t.population);
        key_str(w, "cut_by", t.cut_by);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);

    omv_plan_analysis before, after;
    int analysed = omv_plan_analysis_get(p, 0, &before) == 0 && omv_plan_analysis_get(p, 1, &after) == 0;
    omv__jsonw_key(w, "before");
    if (analysed)
        analysis(w, &before);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "after");
    if (analysed)
        analysis(w, &after);
    else
        omv__jsonw_null(w);

    omv__jsonw_key(w, "verification");
    if (!analysed) {
        omv__jsonw_null(w);
        return;
    }
    omv__jsonw_object(w, false);
    key_str(w, "method", "failure analysis (omv_spof_run) of the network with the plan built, independent of the MILP");
    omv__jsonw_key(w, "all_protected_confirmed");
    if (S.verified < 0)
        omv__jsonw_null(w);
    else
        omv__jsonw_bool(w, S.verified == 1);
    omv__jsonw_key(w, "targets");
    omv__jsonw_array(w, false);
    for (size_t i = 0; i < nt; i++) {
        omv_plan_target t;
        omv_plan_target_get(p, i, &t);
        omv__jsonw_object(w, true);
        key_str(w, "id", omv_net_node_id(net, (size_t)t.node));
        omv__jsonw_key(w, "planned");
        omv__jsonw_bool(w, t.protected_ != 0);
        omv__jsonw_key(w, "protected");
        if (t.verified < 0)
            omv__jsonw_null(w);
        else
            omv__jsonw_bool(w, t.verified == 1);
        omv__jsonw_key(w, "by_satellite");
        omv__jsonw_bool(w, t.satellite != 0);
        key_str(w, "cut_by", t.verified == 0 ? t.verified_cut_by : NULL);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

int omv_plan_json(char **json, omv_ctx *ctx, const omv_plan *p, const omv_net *net)
{
    *json = NULL;
    omv__buf b;
    omv__buf_init(&b);
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    omv__jsonw_object(&w, false);
    key_str(&w, "schema", OMV__PLAN_SCHEMA);
    omv__plan_json_members(&w, p, net);
    omv__jsonw_end(&w);
    int rc = omv__jsonw_finish(&w, ctx);
    if (rc) {
        omv__buf_free(&b);
        return rc;
    }
    *json = omv__buf_take(&b);
    return *json ? 0 : OMV_NOMEM(ctx, "plan.json");
}
