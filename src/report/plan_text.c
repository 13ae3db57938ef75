/*
 * plan_text.c — the plan in plain words for the terminal: what was asked, what the solver proved,
 * each investment with the sites that depend on it and its cost per protected resident, the sites no
 * candidate can protect and why, the change in single points of failure, and the verification.
 * It holds no timings, so the same input gives the same text.
 */
#include "plan/report.h"
#include "topo/net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Investments and sites listed before "and N more". */
#define TEXT_LIST 25

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

void omv__plan_fmt_thousands(char *buf, size_t bufsz, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "%lld", (long long)(v < 0 ? -v : v));
    size_t n = strlen(tmp), k = 0;
    if (v < 0 && k + 1 < bufsz)
        buf[k++] = '-';
    for (size_t i = 0; i < n && k + 2 < bufsz; i++) {
        if (i && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = tmp[i];
    }
    buf[k] = '\0';
}

void omv__plan_fmt_money(char *buf, size_t bufsz, double nok)
{
    if (isnan(nok)) {
        snprintf(buf, bufsz, "-");
    } else if (fabs(nok) >= 1e9) {
        snprintf(buf, bufsz, "%.2f bn NOK", nok / 1e9);
    } else if (fabs(nok) >= 1e6) {
        snprintf(buf, bufsz, "%.1f MNOK", nok / 1e6);
    } else {
        char t[32];
        omv__plan_fmt_thousands(t, sizeof(t), (int64_t)llround(nok));
        snprintf(buf, bufsz, "%s NOK", t);
    }
}

void omv__plan_describe_investment(char *buf, size_t bufsz, const omv_net *net, const omv_plan_investment *v)
{
    size_t l = (size_t)v->link;
    const char *id = omv_net_link_id(net, l);
    long a = omv_net_link_a(net, l), b = omv_net_link_b(net, l);
    switch (v->kind) {
    case OMV_INVEST_SATELLITE: {
        long site = omv_net_node_kind(net, (size_t)a) == OMV_KIND_SATELLITE_GATEWAY ? b : a;
        snprintf(buf, bufsz, "satellite terminal %s at %s", id, omv_net_node_name(net, (size_t)site));
        break;
    }
    case OMV_INVEST_POWER: {
        char h[32];
        omv__fmt_double(h, sizeof(h), omv__link_power(&net->links[l]));
        snprintf(buf, bufsz, "reserve power for %s h at %s (%s)", h, omv_net_node_name(net, (size_t)a), id);
        break;
    }
    default:
        snprintf(buf, bufsz, "%s %s %s–%s", omv_medium_name(omv_net_link_medium(net, l)), id,
                 omv_net_node_name(net, (size_t)a), omv_net_node_name(net, (size_t)b));
        break;
    }
}

static void head(omv__buf *b, const omv_plan *p, const omv_plan_summary *S)
{
    char pop[32], money[48];
    omv__buf_printf(b, "Investment plan (%s", omv__plan_mode_name(S->mode));
    if (S->mode == OMV_PLAN_BUDGET) {
        omv__plan_fmt_money(money, sizeof(money), S->budget_nok);
        omv__buf_printf(b, ", budget %s", money);
    }
    omv__buf_printf(b, ") against %s failures; region %s, targets: %s.\n", omv_plan_against(p), omv_plan_region(p),
                    omv_plan_target_spec(p));
    omv__plan_fmt_thousands(pop, sizeof(pop), S->target_population);
    omv__buf_printf(b, "Targets: %zu %s, %s residents", S->targets, plural(S->targets, "site", "sites"), pop);
    if (S->infeasible) {
        omv__plan_fmt_thousands(pop, sizeof(pop), S->infeasible_population);
        omv__buf_printf(b, "; %zu cannot be protected by any candidate (%s residents)", S->infeasible, pop);
    }
    omv__buf_puts(b, ".\n");
    switch (S->status) {
    case OMV_PLAN_OPTIMAL:
        omv__buf_puts(b, "Result: proven optimal.\n");
        break;
    case OMV_PLAN_INFEASIBLE:
        omv__buf_puts(b, "Result: no target can be protected; nothing to build.\n");
        break;
    default: {
        const char *why = S->status == OMV_PLAN_TIME_LIMIT  ? "stopped by the time limit"
                          : S->status == OMV_PLAN_GAP_LIMIT ? "stopped within the requested gap"
                                                            : "interrupted";
        if (!S->has_plan) {
            omv__buf_printf(b, "Result: %s before any plan was found.\n", why);
            break;
        }
        char bound[48];
        if (S->mode == OMV_PLAN_BUDGET)
            omv__plan_fmt_thousands(bound, sizeof(bound), (int64_t)floor(S->bound + 1e-6));
        else
            omv__plan_fmt_money(bound, sizeof(bound), S->bound);
        if (isnan(S->bound))
            omv__buf_printf(b, "Result: %s; best plan found, no bound yet.\n", why);
        else
            omv__buf_printf(b, "Result: %s; best plan found, %s %s %s (gap %.2f%%).\n", why,
                            S->mode == OMV_PLAN_BUDGET ? "at most" : "no plan costs less than",
                            bound, S->mode == OMV_PLAN_BUDGET ? "residents can be protected" : "",
                            100.0 * S->gap);
        break;
    }
    }
    omv__plan_fmt_money(money, sizeof(money), S->cost_nok);
    omv__plan_fmt_thousands(pop, sizeof(pop), S->protected_population);
    size_t ninv = omv_plan_investment_count(p);
    omv__buf_printf(b, "Plan: %zu %s for %s; %zu %s and %s residents are protected.\n", ninv,
                    plural(ninv, "investment", "investments"), money, S->protected_sites,
                    plural(S->protected_sites, "site", "sites"), pop);
}

static void investments(omv__buf *b, const omv_plan *p, const omv_net *net)
{
    size_t n = omv_plan_investment_count(p);
    if (!n)
        return;
    omv__buf_puts(b, "\nInvestments:\n");
    for (size_t i = 0; i < n && i < TEXT_LIST; i++) {
        omv_plan_investment v;
        omv_plan_investment_get(p, i, &v);
        char what[512], money[48], pop[32];
        omv__plan_describe_investment(what, sizeof(what), net, &v);
        omv__plan_fmt_money(money, sizeof(money), v.cost_nok);
        omv__buf_printf(b, "  %s, %s: ", what, money);
        if (!v.sites_lost) {
            omv__buf_puts(b, "no site depends on it alone.\n");
            continue;
        }
        omv__plan_fmt_thousands(pop, sizeof(pop), v.population_lost);
        omv__buf_printf(b, "without it %zu %s (%s residents) %s protection", v.sites_lost,
                        plural(v.sites_lost, "site", "sites"), pop, plural(v.sites_lost, "loses", "lose"));
        if (!isnan(v.cost_per_resident)) {
            omv__plan_fmt_money(money, sizeof(money), v.cost_per_resident);
            omv__buf_printf(b, "; %s per protected resident", money);
        }
        omv__buf_puts(b, ".\n");
    }
    if (n > TEXT_LIST)
        omv__buf_printf(b, "  ... and %zu more (see plan_investments.csv).\n", n - TEXT_LIST);
}

static void sites(omv__buf *b, const omv_plan *p, const omv_net *net, int feasible)
{
    size_t nt = omv_plan_target_count(p), shown = 0, total = 0;
    for (size_t i = 0; i < nt; i++) {
        omv_plan_target t;
        omv_plan_target_get(p, i, &t);
        if (feasible ? (!t.feasible || t.protected_) : t.feasible)
            continue;
        if (!total++)
            omv__buf_puts(b, feasible ? "\nNot protected by this plan:\n" : "\nNo candidate can protect:\n");
        if (shown++ >= TEXT_LIST)
            continue;
        char pop[32];
        omv__plan_fmt_thousands(pop, sizeof(pop), t.population);
        omv__buf_printf(b, "  %s (%s residents): %s.\n", omv_net_node_name(net, (size_t)t.node), pop,
                        feasible ? t.cut_by : t.reason);
    }
    if (total > TEXT_LIST)
        omv__buf_printf(b, "  ... and %zu more (see plan.json).\n", total - TEXT_LIST);
}

static void analysis(omv__buf *b, const omv_plan *p, const omv_plan_summary *S)
{
    omv_plan_analysis A, B;
    if (omv_plan_analysis_get(p, 0, &A) || omv_plan_analysis_get(p, 1, &B))
        return;
    omv__buf_puts(b, "\nBefore -> after the plan (region sites):\n");
    omv__buf_printf(b, "  one cut away from isolation (lambda 1): %zu -> %zu sites; without any path: %zu -> %zu.\n",
                    A.lambda_sites[1], B.lambda_sites[1], A.lambda_sites[0], B.lambda_sites[0]);
    omv__buf_printf(b, "  failures that cut off region sites: %zu -> %zu", A.isolating, B.isolating);
    static const struct {
        omv_item_kind k;
        const char *name;
    } KINDS[] = {{OMV_ITEM_BRIDGE, "links"},
                 {OMV_ITEM_ARTICULATION, "nodes"},
                 {OMV_ITEM_SRLG, "shared-risk groups"},
                 {OMV_ITEM_POWER, "power outages"}};
    int first = 1;
    for (size_t i = 0; i < sizeof(KINDS) / sizeof(KINDS[0]); i++) {
        if (!A.items[KINDS[i].k] && !B.items[KINDS[i].k])
            continue;
        omv__buf_printf(b, "%s%s %zu -> %zu", first ? " (" : ", ", KINDS[i].name, A.items[KINDS[i].k],
                        B.items[KINDS[i].k]);
        first = 0;
    }
    omv__buf_puts(b, first ? ".\n" : ").\n");
    if (S->verified == 1 && S->protected_sites == 0)
        omv__buf_puts(b, "Verification: the plan protects no site; nothing to confirm.\n");
    else if (S->verified == 1 && S->protected_sites == 1)
        omv__buf_puts(b, "Verification: the failure analysis of the network with the plan built confirms the "
                         "protected site.\n");
    else if (S->verified == 1)
        omv__buf_printf(b, "Verification: the failure analysis of the network with the plan built confirms all %zu "
                           "protected sites.\n",
                        S->protected_sites);
    else if (S->verified == 0)
        omv__buf_puts(b, "Verification: the failure analysis of the network with the plan built does NOT confirm "
                         "every protected site (see plan.json, verification).\n");
    else
        omv__buf_puts(b, "Verification: incomplete (the failure analysis was interrupted or truncated).\n");
}

int omv_plan_text(char **text, omv_ctx *ctx, const omv_plan *p, const omv_net *net)
{
    *text = NULL;
    omv_plan_summary S;
    omv_plan_summary_get(p, &S);
    omv__buf b;
    omv__buf_init(&b);
    head(&b, p, &S);
    investments(&b, p, net);
    sites(&b, p, net, 0);
    sites(&b, p, net, 1);
    analysis(&b, p, &S);
    *text = omv__buf_take(&b);
    return *text ? 0 : OMV_NOMEM(ctx, "plan summary");
}
