/*
 * spof_csv.c — the failure analysis as spreadsheet tables (RFC 4180, header row, UTF-8):
 *  spof_items.csv  one row per item in rank order: rank, kind, ids, label, srlg, hours,
 *                  isolated_sites, isolated_population, isolated_site_ids (ids joined by ';');
 *  spof_sites.csv  one row per site in input order: id, name, lat, lon, population, lambda ("3+" when
 *                  it means 3 or more), in_region, worst_item_rank (the best-ranked item that isolates
 *                  it, empty if none), cut_by_one_group (true when a single shared-risk group cuts
 *                  the region site off; empty outside the region or without the group class).
 */
#include "report/jsonw.h"
#include "report/spof_report.h"

#include <stdio.h>
#include <string.h>

/* Appends one field, quoted when it holds a separator, a quote, a line break or edge spaces. */
static void field(omv__buf *out, const char *s, bool first)
{
    if (!first)
        omv__buf_puts(out, ",");
    size_t n = strlen(s);
    if (!strpbrk(s, ",\"\r\n") && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
        omv__buf_puts(out, s);
        return;
    }
    omv__buf_puts(out, "\"");
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '"');
        if (!q) {
            omv__buf_puts(out, p);
            break;
        }
        omv__buf_printf(out, "%.*s\"\"", (int)(q - p), p);
        p = q;
    }
    omv__buf_puts(out, "\"");
}

static void field_int(omv__buf *out, int64_t v)
{
    char num[32];
    num[0] = ',';
    omv__fmt_int(num + 1, v);
    omv__buf_puts(out, num);
}

/* Appends id to a list of ids joined by ';' (*n: ids so far). */
static void id_append(omv__buf *cell, size_t *n, const char *id)
{
    if ((*n)++)
        omv__buf_puts(cell, ";");
    omv__buf_puts(cell, id);
}

/* Fills cell with the ids of item i (links, node, the group's links or the nodes losing power). */
static void item_ids(omv__buf *cell, const omv__spof_view *v, const omv_spof_item *it)
{
    const omv_net *net = v->net;
    size_t n = 0;
    switch (it->kind) {
    case OMV_ITEM_BRIDGE:
    case OMV_ITEM_CUT_PAIR:
        for (int k = 0; k < (it->kind == OMV_ITEM_CUT_PAIR ? 2 : 1); k++)
            if (it->link[k] >= 0 && (size_t)it->link[k] < v->nlinks)
                id_append(cell, &n, omv_net_link_id(net, (size_t)it->link[k]));
        break;
    case OMV_ITEM_ARTICULATION:
        if (it->node >= 0 && (size_t)it->node < v->nnodes)
            omv__buf_puts(cell, omv_net_node_id(net, (size_t)it->node));
        break;
    case OMV_ITEM_SRLG:
        if (it->srlg >= 0 && (size_t)it->srlg < v->nsrlg)
            for (size_t k = v->srlg_off[it->srlg]; k < v->srlg_off[it->srlg + 1]; k++)
                id_append(cell, &n, omv_net_link_id(net, (size_t)v->srlg_link[k]));
        break;
    case OMV_ITEM_POWER:
        for (size_t node = 0; node < v->nnodes; node++)
            if (omv__spof_power_fails(v, node, it->hours))
                id_append(cell, &n, omv_net_node_id(net, node));
        break;
    default:
        break;
    }
}

static void cell_reset(omv__buf *cell)
{
    cell->len = 0;
    if (cell->s)
        cell->s[0] = '\0';
}

static const char *cell_text(const omv__buf *cell) { return cell->s && !cell->failed ? cell->s : ""; }

int omv__spof_items_out(omv__spof_out *o, omv_ctx *ctx, const omv__spof_view *v)
{
    const omv_net *net = v->net;
    omv__buf *out = &o->buf, cell;
    omv__buf_init(&cell);
    omv__buf_puts(out, "rank,kind,ids,label,srlg,hours,isolated_sites,isolated_population,isolated_site_ids\n");
    for (size_t i = 0; i < v->nitems; i++) {
        const omv_spof_item item = omv__spof_view_item(v, i), *it = &item;
        char rank[24];
        omv__fmt_uint(rank, (uint64_t)i + 1);
        omv__buf_puts(out, rank);
        field(out, omv__spof_kind_name(it->kind), false);
        cell_reset(&cell);
        item_ids(&cell, v, it);
        field(out, cell_text(&cell), false);
        cell_reset(&cell);
        omv__spof_item_label(&cell, v, it);
        field(out, cell_text(&cell), false);
        field(out, it->kind == OMV_ITEM_SRLG && it->srlg >= 0 ? omv_net_srlg_name(net, (size_t)it->srlg) : "", false);
        char h[48] = "";
        if (it->kind == OMV_ITEM_POWER)
            omv__fmt_fixed(h, sizeof(h), it->hours, OMV__SPOF_HOURS_DECIMALS);
        field(out, h, false);
        field_int(out, (int64_t)it->isolated_sites);
        field_int(out, it->isolated_population);
        cell_reset(&cell);
        const int32_t *iso = NULL;
        size_t niso = omv_spof_item_isolated(v->s, i, &iso);
        for (size_t k = 0; k < niso; k++) {
            if (k)
                omv__buf_puts(&cell, ";");
            omv__buf_puts(&cell, omv_net_node_id(net, (size_t)iso[k]));
        }
        field(out, cell_text(&cell), false);
        omv__buf_puts(out, "\n");
        omv__spof_out_flush(o, false);
    }
    int rc = cell.failed ? OMV_NOMEM(ctx, "spof_items.csv") : 0;
    omv__buf_free(&cell);
    return rc;
}

int omv__spof_sites_out(omv__spof_out *o, omv_ctx *ctx, omv__spof_view *v)
{
    const omv_net *net = v->net;
    omv__buf *out = &o->buf;
    int rc = omv__spof_view_ranks(v, ctx);
    if (rc)
        return rc;
    omv__buf_puts(out, "id,name,lat,lon,population,lambda,in_region,worst_item_rank,cut_by_one_group\n");
    int capped = omv_spof_lambda_capped(v->s);
    for (size_t i = 0; i < v->nnodes; i++) {
        if (!(v->node_flags[i] & OMV__SV_SITE))
            continue;
        char lat[48], lon[48];
        omv__fmt_fixed(lat, sizeof(lat), omv_net_node_lat(net, i), OMV__SPOF_COORD_DECIMALS);
        omv__fmt_fixed(lon, sizeof(lon), omv_net_node_lon(net, i), OMV__SPOF_COORD_DECIMALS);
        field(out, omv_net_node_id(net, i), true);
        field(out, omv_net_node_name(net, i), false);
        field(out, lat, false);
        field(out, lon, false);
        field_int(out, omv_net_node_population(net, i));
        int lam = omv_spof_lambda(v->s, i);
        if (lam == 3 && capped)
            omv__buf_puts(out, ",3+"); /* 3 or more: not computed exactly */
        else if (lam >= 0)
            field_int(out, lam);
        else
            omv__buf_puts(out, ",");
        omv__buf_puts(out, (v->node_flags[i] & OMV__SV_IN_REGION) ? ",true" : ",false");
        if (v->worst_rank[i])
            field_int(out, v->worst_rank[i]);
        else
            omv__buf_puts(out, ",");
        int g = omv_spof_site_srlg_cut(v->s, i);
        omv__buf_puts(out, g < 0 ? "," : g ? ",true" : ",false");
        omv__buf_puts(out, "\n");
        omv__spof_out_flush(o, false);
    }
    return 0;
}

/* Renders into memory through one of the functions above. */
static int to_text(char **text, omv_ctx *ctx, omv__spof_view *v, const char *what, int which)
{
    *text = NULL;
    omv__spof_out o;
    omv__spof_out_init(&o, NULL);
    int rc = which ? omv__spof_sites_out(&o, ctx, v) : omv__spof_items_out(&o, ctx, v);
    if (!rc && (o.buf.failed || !(*text = omv__buf_take(&o.buf))))
        rc = OMV_NOMEM(ctx, what);
    omv__spof_out_free(&o);
    return rc;
}

int omv__spof_items_csv(char **csv, omv_ctx *ctx, omv__spof_view *v)
{
    return to_text(csv, ctx, v, "spof_items.csv", 0);
}

int omv__spof_sites_csv(char **csv, omv_ctx *ctx, omv__spof_view *v)
{
    return to_text(csv, ctx, v, "spof_sites.csv", 1);
}
