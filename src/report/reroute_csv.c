/*
 * reroute_csv.c — the rerouting tables for spreadsheets: reroute_scenarios.csv (one row per
 * scenario, in scenario order) and reroute_links.csv (one row per existing link, in link order).
 * Numbers read as in reroute.json; an empty cell is "none" (unlimited capacity, no worst failure).
 */
#include "report/jsonw.h"
#include "report/reroute_report.h"

#include <stdlib.h>
#include <string.h>

/* RFC 4180: quoted when the text holds a comma, a quote or a line break. */
static void cell(omv__buf *b, const char *s, bool first)
{
    if (!first)
        omv__buf_puts(b, ",");
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        omv__buf_puts(b, s);
        return;
    }
    omv__buf_puts(b, "\"");
    for (const char *p = s; *p; p++)
        omv__buf_puts(b, *p == '"' ? "\"\"" : (char[2]){*p, 0});
    omv__buf_puts(b, "\"");
}

static void num(omv__buf *b, double v)
{
    char t[48];
    omv__fmt_fixed(t, sizeof(t), v, OMV__RR_DECIMALS);
    cell(b, t, false);
}

int omv__rr_scenarios_csv(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net)
{
    omv__buf_puts(out, "index,kind,failed,unserved_gbps,lost_with_node_gbps,max_utilisation,overloaded_links,"
                       "unserved_demands\n");
    omv__buf f;
    omv__buf_init(&f);
    for (size_t i = 0; i < omv_reroute_scenario_count(r); i++) {
        omv_reroute_scenario s;
        omv_reroute_scenario_get(r, i, &s);
        char idx[24];
        omv__fmt_uint(idx, i);
        cell(out, idx, true);
        cell(out, omv_reroute_kind_name(s.kind), false);
        f.len = 0;
        if (f.s)
            f.s[0] = '\0';
        switch (s.kind) {
        case OMV_REROUTE_LINK:
            omv__buf_puts(&f, net->links[s.link[0]].id);
            break;
        case OMV_REROUTE_PAIR:
            omv__buf_printf(&f, "%s;%s", net->links[s.link[0]].id, net->links[s.link[1]].id);
            break;
        case OMV_REROUTE_NODE:
            omv__buf_puts(&f, net->nodes[s.node].id);
            break;
        case OMV_REROUTE_SRLG:
            omv__buf_puts(&f, net->srlg_names[s.srlg]);
            break;
        default: {
            char h[48];
            omv__fmt_fixed(h, sizeof(h), s.hours, OMV__RR_DECIMALS);
            omv__buf_puts(&f, h);
            break;
        }
        }
        cell(out, f.s ? f.s : "", false);
        num(out, s.unserved_gbps);
        num(out, s.lost_with_node_gbps);
        num(out, s.max_utilisation);
        const int32_t *ov;
        size_t nov = omv_reroute_overloaded(r, i, &ov);
        f.len = 0;
        if (f.s)
            f.s[0] = '\0';
        for (size_t k = 0; k < nov; k++)
            omv__buf_printf(&f, "%s%s", k ? ";" : "", net->links[ov[k]].id);
        cell(out, f.s ? f.s : "", false);
        const omv_reroute_unserved *u;
        size_t nu = omv_reroute_unserved_list(r, i, &u);
        char cnt[24];
        omv__fmt_uint(cnt, nu);
        cell(out, cnt, false);
        omv__buf_puts(out, "\n");
    }
    bool failed = f.failed;
    omv__buf_free(&f);
    if (failed || out->failed)
        return OMV_NOMEM(ctx, "reroute_scenarios.csv");
    return 0;
}

int omv__rr_links_csv(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net)
{
    omv__buf_puts(out, "id,a,b,capacity_gbps,gbps_intact,utilisation_intact,worst_failure,worst_label,"
                       "gbps_worst,utilisation_worst\n");
    for (size_t l = 0; l < net->nlinks; l++) {
        omv_reroute_link lk;
        if (omv_reroute_link_get(r, l, &lk))
            continue;
        cell(out, net->links[l].id, true);
        cell(out, net->nodes[net->links[l].a].id, false);
        cell(out, net->nodes[net->links[l].b].id, false);
        num(out, lk.capacity_gbps);
        num(out, lk.gbps_intact);
        num(out, lk.utilisation_intact);
        char idx[24] = "", label[256] = "";
        if (lk.worst_failure >= 0) {
            omv__fmt_uint(idx, (uint64_t)lk.worst_failure);
            omv__rr_scenario_label(label, sizeof(label), r, net, (size_t)lk.worst_failure);
        }
        cell(out, idx, false);
        cell(out, label, false);
        num(out, lk.gbps_worst);
        num(out, lk.utilisation_worst);
        omv__buf_puts(out, "\n");
    }
    if (out->failed)
        return OMV_NOMEM(ctx, "reroute_links.csv");
    return 0;
}
