/*
 * plan_csv.c — plan_investments.csv: one row per chosen investment, in candidate order, for
 * spreadsheets: what it is, where, what it costs, which sites lose protection without it alone,
 * and its cost per protected resident. RFC 4180 quoting; numbers with fixed decimals.
 */
#include "plan/report.h"
#include "topo/net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void cell(omv__buf *b, const char *s, int last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\r\n")) {
        omv__buf_puts(b, "\"");
        for (const char *c = s; *c; c++) {
            if (*c == '"')
                omv__buf_puts(b, "\"\"");
            else
                omv__buf_printf(b, "%c", *c);
        }
        omv__buf_puts(b, "\"");
    } else {
        omv__buf_puts(b, s);
    }
    omv__buf_puts(b, last ? "\n" : ",");
}

static void num(omv__buf *b, double v, int dec)
{
    char s[48];
    omv__fmt_fixed(s, sizeof(s), v, dec);
    cell(b, s, 0);
}

int omv_plan_investments_csv(char **csv, omv_ctx *ctx, const omv_plan *p, const omv_net *net)
{
    *csv = NULL;
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "id,kind,medium,a,b,cost_nok,length_km,power_h,sites_lost_without,population_lost_without,"
                      "cost_per_protected_resident_nok,sites_lost\n");
    for (size_t i = 0; i < omv_plan_investment_count(p); i++) {
        omv_plan_investment v;
        omv_plan_investment_get(p, i, &v);
        size_t l = (size_t)v.link;
        long a = omv_net_link_a(net, l), bb = omv_net_link_b(net, l);
        cell(&b, omv_net_link_id(net, l), 0);
        cell(&b, omv_invest_kind_name(v.kind), 0);
        cell(&b, omv_medium_name(omv_net_link_medium(net, l)), 0);
        cell(&b, omv_net_node_id(net, (size_t)a), 0);
        cell(&b, bb >= 0 ? omv_net_node_id(net, (size_t)bb) : "", 0);
        num(&b, v.cost_nok, OMV__PLAN_NOK_DECIMALS);
        num(&b, bb >= 0 ? omv_net_link_length_km(net, l) : NAN, OMV__PLAN_KM_DECIMALS);
        num(&b, v.kind == OMV_INVEST_POWER ? omv__link_power(&net->links[l]) : NAN, OMV__PLAN_KM_DECIMALS);
        omv__buf_printf(&b, "%zu,%lld,", v.sites_lost, (long long)v.population_lost);
        num(&b, v.cost_per_resident, OMV__PLAN_NOK_DECIMALS);
        omv__buf ids;
        omv__buf_init(&ids);
        const int32_t *nodes;
        size_t n = omv_plan_investment_sites(p, i, &nodes);
        for (size_t k = 0; k < n; k++)
            omv__buf_printf(&ids, "%s%s", k ? ";" : "", omv_net_node_id(net, (size_t)nodes[k]));
        char *s = omv__buf_take(&ids);
        if (!s) {
            omv__buf_free(&b);
            return OMV_NOMEM(ctx, "plan_investments.csv");
        }
        cell(&b, s, 1);
        free(s);
    }
    *csv = omv__buf_take(&b);
    return *csv ? 0 : OMV_NOMEM(ctx, "plan_investments.csv");
}
