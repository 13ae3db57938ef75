/*
 * compare_report.c — the comparison as compare.json (schema omvei/compare/1), compare.csv and a
 * summary in plain words for an analyst who receives the proposals.
 */
#include "compare/compare_int.h"
#include "plan/report.h"
#include "report/jsonw.h"
#include "report/txn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPARE_SCHEMA "omvei/compare/1"

static void key_uint(omv__jsonw *w, const char *k, uint64_t v)
{
    omv__jsonw_key(w, k);
    omv__jsonw_uint(w, v);
}

static void key_int(omv__jsonw *w, const char *k, int64_t v)
{
    omv__jsonw_key(w, k);
    omv__jsonw_int(w, v);
}

static void key_real(omv__jsonw *w, const char *k, double v, int decimals)
{
    omv__jsonw_key(w, k);
    omv__jsonw_real(w, v, decimals);
}

/* Gbps with the decimals of reroute.json, so that the two files can be compared figure by figure. */
#define GBPS_DECIMALS 6

/* A failure as reroute.json lists a scenario: {"kind", "failed": [ids, or the outage's hours]}; null
 * when no failure leaves demand unserved. */
static void failure_json(omv__jsonw *w, const omv_compare_failure *f)
{
    omv__jsonw_key(w, "worst_failure");
    if (!f->kind) {
        omv__jsonw_null(w);
        return;
    }
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "kind");
    omv__jsonw_string(w, f->kind);
    omv__jsonw_key(w, "failed");
    omv__jsonw_array(w, true);
    if (!strcmp(f->kind, "power"))
        omv__jsonw_real(w, f->hours, GBPS_DECIMALS);
    for (int i = 0; i < 2; i++)
        if (f->failed[i])
            omv__jsonw_string(w, f->failed[i]);
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

static void proposal_json(omv__jsonw *w, const omv_compare *c, size_t k, const omv_net *net)
{
    const omv_compare_proposal *r = &c->res[k];
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "name");
    omv__jsonw_string(w, r->name);
    omv__jsonw_key(w, "file");
    omv__jsonw_string(w, omv_proposals_file(c->props, k));
    const int32_t *links;
    size_t m = omv_proposals_items(c->props, k, &links);
    omv__jsonw_key(w, "items");
    omv__jsonw_array(w, true);
    for (size_t i = 0; i < m; i++)
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)links[i]));
    omv__jsonw_end(w);
    key_real(w, "cost_nok", r->cost_nok, 0);
    key_uint(w, "protected_sites", r->protected_sites);
    key_int(w, "protected_residents", r->protected_population);
    key_uint(w, "added_sites", r->added_sites);
    key_int(w, "added_residents", r->added_population);
    key_real(w, "nok_per_added_resident", r->nok_per_added_resident, 2);
    key_uint(w, "failures_removed", r->failures_removed);
    key_uint(w, "failures_left", r->failures_left);
    omv__jsonw_key(w, "idle_investments");
    omv__jsonw_array(w, true);
    for (size_t i = 0; i < c->nidle[k]; i++)
        omv__jsonw_string(w, omv_net_link_id(net, (size_t)c->idle[k][i]));
    omv__jsonw_end(w);
    key_uint(w, "items_closed_by_border", r->unusable);
    omv__jsonw_key(w, "optimal_at_same_cost");
    if (!r->has_optimal) {
        omv__jsonw_null(w);
    } else {
        omv__jsonw_object(w, false);
        omv__jsonw_key(w, "status");
        omv__jsonw_string(w, r->optimal_status);
        key_real(w, "budget_nok", r->cost_nok, 0);
        key_real(w, "cost_nok", r->optimal_cost_nok, 0);
        key_uint(w, "protected_sites", r->optimal_protected_sites);
        key_int(w, "protected_residents", r->optimal_protected_population);
        key_int(w, "added_residents", r->optimal_added_population);
        omv__jsonw_end(w);
    }
    if (r->has_traffic) {
        key_real(w, "unserved_gbps_worst_before", r->unserved_gbps_worst_before, GBPS_DECIMALS);
        key_real(w, "unserved_gbps_worst_after", r->unserved_gbps_worst_after, GBPS_DECIMALS);
        failure_json(w, &r->worst_after);
    }
    omv__jsonw_end(w);
}

/* The members of one view: border, baseline, proposals. */
static void view_json(omv__jsonw *w, const omv_compare *c, const omv_net *net)
{
    omv__jsonw_key(w, "border");
    omv__jsonw_string(w, omv_compare_border(c));
    omv__jsonw_key(w, "baseline");
    omv__jsonw_object(w, false);
    key_uint(w, "targets", c->base.targets);
    key_int(w, "target_residents", c->base.target_population);
    key_uint(w, "protected_sites", c->base.protected_sites);
    key_int(w, "protected_residents", c->base.protected_population);
    key_uint(w, "failures", c->base.failures);
    if (c->base.has_traffic) {
        key_real(w, "demand_gbps", c->base.demand_gbps, GBPS_DECIMALS);
        key_real(w, "unserved_gbps_worst", c->base.unserved_gbps_worst, GBPS_DECIMALS);
        failure_json(w, &c->base.worst);
    }
    omv__jsonw_end(w);
    omv__jsonw_key(w, "proposals");
    omv__jsonw_array(w, false);
    for (size_t k = 0; k < c->n; k++)
        proposal_json(w, c, k, net);
    omv__jsonw_end(w);
}

int omv_compare_json(char **json, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net)
{
    *json = NULL;
    if (n == 0)
        return OMV_ERR(ctx, OMV_EARG, "omv_compare_json: no comparison");
    omv__buf b;
    omv__buf_init(&b);
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "schema");
    omv__jsonw_string(&w, COMPARE_SCHEMA);
    view_json(&w, views[0], net);
    if (n > 1) {
        omv__jsonw_key(&w, "by_border");
        omv__jsonw_array(&w, false);
        for (size_t v = 0; v < n; v++) {
            omv__jsonw_object(&w, false);
            view_json(&w, views[v], net);
            omv__jsonw_end(&w);
        }
        omv__jsonw_end(&w);
    }
    omv__jsonw_end(&w);
    int rc = omv__jsonw_finish(&w, ctx);
    if (rc) {
        omv__buf_free(&b);
        return rc;
    }
    omv__buf_puts(&b, "\n");
    *json = omv__buf_take(&b);
    return *json ? 0 : OMV_NOMEM(ctx, "compare.json");
}

/* A CSV cell: quoted when it holds a comma, a quote or a line break. */
static void csv_cell(omv__buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        omv__buf_puts(b, s);
        return;
    }
    omv__buf_puts(b, "\"");
    for (; *s; s++)
        omv__buf_printf(b, "%s%c", *s == '"' ? "\"" : "", *s);
    omv__buf_puts(b, "\"");
}

/* A failure in one cell: "srlg:trondheim-area", "pair:L001+L002", "power:24"; "" when none. */
static void failure_id(char *buf, size_t n, const omv_compare_failure *f)
{
    if (!f->kind)
        snprintf(buf, n, "%s", "");
    else if (!strcmp(f->kind, "power"))
        snprintf(buf, n, "power:%g", f->hours);
    else if (f->failed[1])
        snprintf(buf, n, "%s:%s+%s", f->kind, f->failed[0], f->failed[1]);
    else
        snprintf(buf, n, "%s:%s", f->kind, f->failed[0] ? f->failed[0] : "");
}

int omv_compare_csv(char **csv, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net)
{
    *csv = NULL;
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "border,name,items,cost_nok,protected_sites,protected_residents,added_sites,added_residents,"
                      "nok_per_added_resident,failures_removed,failures_left,idle_investments,"
                      "optimal_cost_nok,optimal_protected_residents,optimal_added_residents,"
                      "unserved_gbps_worst_before,unserved_gbps_worst_after,worst_failure\n");
    for (size_t v = 0; v < n; v++) {
    const omv_compare *c = views[v];
    for (size_t k = 0; k < c->n; k++) {
        const omv_compare_proposal *r = &c->res[k];
        char per[64], oc[64];
        csv_cell(&b, omv_compare_border(c));
        omv__buf_puts(&b, ",");
        omv__fmt_fixed(per, sizeof(per), r->nok_per_added_resident, 2);
        omv__fmt_fixed(oc, sizeof(oc), r->has_optimal ? r->optimal_cost_nok : NAN, 0);
        csv_cell(&b, r->name);
        omv__buf_printf(&b, ",%zu,%.0f,%zu,%lld,%zu,%lld,%s,%zu,%zu,", r->items, r->cost_nok, r->protected_sites,
                        (long long)r->protected_population, r->added_sites, (long long)r->added_population, per,
                        r->failures_removed, r->failures_left);
        omv__buf b2;
        omv__buf_init(&b2);
        for (size_t i = 0; i < c->nidle[k]; i++)
            omv__buf_printf(&b2, "%s%s", i ? " " : "", omv_net_link_id(net, (size_t)c->idle[k][i]));
        char *idle = omv__buf_take(&b2);
        csv_cell(&b, idle ? idle : "");
        free(idle);
        if (r->has_optimal)
            omv__buf_printf(&b, ",%s,%lld,%lld", oc, (long long)r->optimal_protected_population,
                            (long long)r->optimal_added_population);
        else
            omv__buf_puts(&b, ",,,");
        if (r->has_traffic) {
            char before[64], after[64], what[512];
            omv__fmt_fixed(before, sizeof(before), r->unserved_gbps_worst_before, GBPS_DECIMALS);
            omv__fmt_fixed(after, sizeof(after), r->unserved_gbps_worst_after, GBPS_DECIMALS);
            failure_id(what, sizeof(what), &r->worst_after);
            omv__buf_printf(&b, ",%s,%s,", before, after);
            csv_cell(&b, what);
            omv__buf_puts(&b, "\n");
        } else {
            omv__buf_puts(&b, ",,,\n");
        }
    }
    }
    *csv = omv__buf_take(&b);
    return *csv ? 0 : OMV_NOMEM(ctx, "compare.csv");
}

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

/* "C017 (microwave Ramsund–Lødingen, 750,000 NOK)" */
static void describe_item(omv__buf *b, const omv_net *net, int32_t e)
{
    const omv__link *l = &net->links[e];
    char money[64];
    omv__plan_fmt_money(money, sizeof(money), omv__link_cost(l));
    const char *a = omv_net_node_name(net, (size_t)l->a);
    if (l->medium == OMV_MEDIUM_POWER) {
        omv__buf_printf(b, "%s (reserve power at %s, %s)", l->id, a, money);
    } else {
        const char *bn = omv_net_node_name(net, (size_t)l->b);
        omv__buf_printf(b, "%s (%s %s–%s, %s)", l->id, omv_medium_name((omv_medium)l->medium), a, bn, money);
    }
}

/* Gbps for people: at most two decimals, no trailing zeros ("112.5", "0.2", "240"). */
static void fmt_gbps(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* "shared-risk group trondheim-area", "links L001 and L002", "a 24 h power outage". */
static void describe_failure(omv__buf *b, const omv_compare_failure *f)
{
    if (!strcmp(f->kind, "power")) {
        char h[32];
        fmt_gbps(h, sizeof(h), f->hours);
        omv__buf_printf(b, "a %s h power outage", h);
    } else if (!strcmp(f->kind, "pair")) {
        omv__buf_printf(b, "links %s and %s", f->failed[0], f->failed[1]);
    } else {
        omv__buf_printf(b, "%s %s", !strcmp(f->kind, "srlg") ? "shared-risk group" : f->kind, f->failed[0]);
    }
}

static void traffic_text(omv__buf *b, const omv_compare_proposal *r)
{
    char after[32], before[32];
    fmt_gbps(after, sizeof(after), r->unserved_gbps_worst_after);
    fmt_gbps(before, sizeof(before), r->unserved_gbps_worst_before);
    omv__buf_printf(b, "  Worst failure leaves %s Gbps unserved (was %s)", after, before);
    if (r->worst_after.kind) {
        omv__buf_puts(b, ": ");
        describe_failure(b, &r->worst_after);
    }
    omv__buf_puts(b, ".\n");
}

static void view_text(omv__buf *b, const omv_compare *c, const omv_net *net, int heading)
{
    if (heading)
        omv__buf_printf(b, "%s== Border policy %s\n\n", b->len ? "\n" : "", omv_compare_border(c));
    char pop[32], tpop[32], money[64], per[64];
    omv__plan_fmt_thousands(pop, sizeof(pop), c->base.protected_population);
    omv__plan_fmt_thousands(tpop, sizeof(tpop), c->base.target_population);
    omv__buf_printf(b, "Today (nothing built): %zu of %zu sites and %s of %s residents are protected; %zu "
                        "single %s cut off sites.\n",
                    c->base.protected_sites, c->base.targets, pop, tpop, c->base.failures,
                    plural(c->base.failures, "failure", "failures"));
    if (c->base.has_traffic) {
        char worst[32], total[32];
        fmt_gbps(worst, sizeof(worst), c->base.unserved_gbps_worst);
        fmt_gbps(total, sizeof(total), c->base.demand_gbps);
        if (c->base.worst.kind) {
            omv__buf_printf(b, "Traffic today: the worst failure, ");
            describe_failure(b, &c->base.worst);
            omv__buf_printf(b, ", leaves %s of %s Gbps of demand unserved.\n", worst, total);
        } else {
            omv__buf_printf(b, "Traffic today: every failure leaves all %s Gbps of demand served.\n", total);
        }
    }
    for (size_t k = 0; k < c->n; k++) {
        const omv_compare_proposal *r = &c->res[k];
        omv__plan_fmt_money(money, sizeof(money), r->cost_nok);
        omv__plan_fmt_thousands(pop, sizeof(pop), r->added_population);
        omv__buf_printf(b, "\nProposal %s (%zu %s, %s): ", r->name, r->items, plural(r->items, "item", "items"),
                        money);
        if (r->added_population > 0) {
            omv__plan_fmt_thousands(per, sizeof(per), (int64_t)llround(r->nok_per_added_resident));
            omv__buf_printf(b, "protects %s more residents than today (%zu more %s): %s NOK per added "
                                "resident.\n",
                            pop, r->added_sites, plural(r->added_sites, "site", "sites"), per);
        } else if (r->added_sites > 0) {
            omv__buf_printf(b, "protects %zu more %s than today, with no residents.\n", r->added_sites,
                            plural(r->added_sites, "site", "sites"));
        } else {
            omv__buf_printf(b, "protects no one beyond today.\n");
        }
        omv__buf_printf(b, "  It removes %zu of %zu single %s that cut off sites; %zu %s.\n", r->failures_removed,
                        c->base.failures, plural(c->base.failures, "failure", "failures"), r->failures_left,
                        r->failures_left == 1 ? "remains" : "remain");
        if (c->nidle[k]) {
            omv__buf_printf(b, "  %zu %s protect%s no one beyond the rest of the proposal: ", c->nidle[k],
                            plural(c->nidle[k], "item", "items"), c->nidle[k] == 1 ? "s" : "");
            for (size_t i = 0; i < c->nidle[k]; i++) {
                if (i == 10) {
                    omv__buf_printf(b, ", and %zu more", c->nidle[k] - 10);
                    break;
                }
                if (i)
                    omv__buf_puts(b, ", ");
                describe_item(b, net, c->idle[k][i]);
            }
            omv__buf_puts(b, ".\n");
        }
        if (r->has_traffic)
            traffic_text(b, r);
        if (r->unusable)
            omv__buf_printf(b, "  %zu %s closed by the border policy.\n", r->unusable,
                            r->unusable == 1 ? "item is" : "items are");
        if (r->has_optimal) {
            char om[64];
            omv__plan_fmt_money(om, sizeof(om), r->optimal_cost_nok);
            omv__plan_fmt_thousands(pop, sizeof(pop), r->optimal_added_population);
            omv__buf_printf(b, "  The best use of %s would protect %s more residents (a plan of %s%s).\n", money,
                            pop, om, strcmp(r->optimal_status, "optimal") ? ", not proven optimal" : "");
        }
    }
}

int omv_compare_text(char **text, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net)
{
    *text = NULL;
    omv__buf b;
    omv__buf_init(&b);
    for (size_t v = 0; v < n; v++)
        view_text(&b, views[v], net, n > 1);
    *text = omv__buf_take(&b);
    return *text ? 0 : OMV_NOMEM(ctx, "summary");
}

int omv_compare_write(omv_ctx *ctx, const char *dir, const omv_compare *const *views, size_t n,
                      const omv_net *net)
{
    char *json = NULL, *csv = NULL;
    int rc = omv_compare_json(&json, ctx, views, n, net);
    if (!rc)
        rc = omv_compare_csv(&csv, ctx, views, n, net);
    /* One transaction: both files appear together, or neither does. */
    omv__report_txn *t = NULL;
    if (!rc)
        rc = omv__report_txn_begin(&t, ctx, dir);
    if (!rc)
        rc = omv__report_txn_put(t, ctx, "compare.json", json, strlen(json));
    if (!rc)
        rc = omv__report_txn_put(t, ctx, "compare.csv", csv, strlen(csv));
    if (!rc)
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    free(json);
    free(csv);
    return rc;
}
