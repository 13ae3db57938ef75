/*
 * html_compare.c — the proposals side by side in report.html (from compare.json): one column per
 * proposal, every one measured the same way against the same baseline (nothing built); with
 * demands, the unserved traffic of the worst failure too.
 */
#include "report/html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef enum { F_MONEY, F_INT, F_COUNT } fmt;

static void row(omv__buf *b, json_t *props, const char *label, const char *key, fmt k, double base)
{
    omv__buf_printf(b, "<tr><th>%s</th><td class=\"n\">", label);
    if (isfinite(base))
        omv__html_int(b, base);
    omv__buf_puts(b, "</td>");
    json_t *p;
    size_t i;
    json_array_foreach(props, i, p)
    {
        omv__buf_puts(b, "<td class=\"n\">");
        if (k == F_MONEY)
            omv__html_money(b, omv__json_d(p, key, NAN));
        else if (k == F_INT)
            omv__html_int(b, omv__json_d(p, key, NAN));
        else
            omv__buf_printf(b, "%zu", json_array_size(omv__json_a(p, key)));
        omv__buf_puts(b, "</td>");
    }
    omv__buf_puts(b, "</tr>\n");
}

/* Gbps with at most two decimals and no trailing zeros; NaN (absent) gives "–". */
static void gbps(omv__buf *b, double v)
{
    if (!isfinite(v)) {
        omv__buf_puts(b, "–");
        return;
    }
    char t[64];
    snprintf(t, sizeof(t), "%.2f", fabs(v) < 0.005 ? 0.0 : v);
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 0 && t[n - 1] == '.')
        t[--n] = '\0';
    omv__buf_puts(b, t);
}

/* A worst_failure object ({"kind", "failed"}) in words; null: none leaves demand unserved. */
static void failure(omv__buf *b, const json_t *w)
{
    const char *kind = omv__json_s(w, "kind");
    if (!kind) {
        omv__buf_puts(b, "none");
        return;
    }
    omv__html_esc(b, !strcmp(kind, "srlg") ? "shared-risk group" : !strcmp(kind, "power") ? "power outage (h)" : kind);
    json_t *x;
    size_t k;
    json_array_foreach(omv__json_a(w, "failed"), k, x)
    {
        omv__buf_puts(b, k ? " + " : " ");
        if (json_is_number(x))
            gbps(b, json_number_value(x));
        else
            omv__html_esc(b, json_string_value(x));
    }
}

/* With demands: the unserved demand of the worst failure, today and with each proposal built. */
static void traffic_rows(omv__buf *b, json_t *props, json_t *base)
{
    if (!json_is_number(json_object_get(base, "unserved_gbps_worst")))
        return;
    json_t *p;
    size_t i;
    omv__buf_puts(b, "<tr><th>unserved Gbps under the worst failure</th><td class=\"n\">");
    gbps(b, omv__json_d(base, "unserved_gbps_worst", NAN));
    omv__buf_puts(b, "</td>");
    json_array_foreach(props, i, p)
    {
        omv__buf_puts(b, "<td class=\"n\">");
        gbps(b, omv__json_d(p, "unserved_gbps_worst_after", NAN));
        omv__buf_puts(b, "</td>");
    }
    omv__buf_puts(b, "</tr>\n<tr><th>worst failure for the traffic</th><td>");
    failure(b, json_object_get(base, "worst_failure"));
    omv__buf_puts(b, "</td>");
    json_array_foreach(props, i, p)
    {
        omv__buf_puts(b, "<td>");
        failure(b, json_object_get(p, "worst_failure"));
        omv__buf_puts(b, "</td>");
    }
    omv__buf_puts(b, "</tr>\n");
}

void omv__html_compare(omv__buf *b, const omv__html_folder *f)
{
    if (!f->compare)
        return;
    omv__html_section(b, f, "compare", "Proposals side by side");
    json_t *props = omv__json_a(f->compare, "proposals"), *base = json_object_get(f->compare, "baseline"), *p;
    size_t i;
    omv__buf_puts(b, "<p class=\"note\">Each proposal is evaluated as submitted: every item built, nothing "
                     "re-optimised, against the same baseline (nothing built). \"Best use of the same money\" is what "
                     "the planner protects with the proposal's cost over all candidates.</p>\n");
    if (!json_array_size(props)) {
        omv__buf_puts(b, "<p>compare.json lists no proposal.</p>\n</section>\n");
        return;
    }
    omv__buf_puts(b, "<table><thead><tr><th></th><th class=\"n\">today (baseline)</th>");
    json_array_foreach(props, i, p)
    {
        omv__buf_puts(b, "<th class=\"n\">");
        omv__html_esc(b, omv__json_s(p, "name"));
        omv__buf_puts(b, "</th>");
    }
    omv__buf_puts(b, "</tr></thead><tbody>\n");
    row(b, props, "cost", "cost_nok", F_MONEY, NAN);
    row(b, props, "protected sites", "protected_sites", F_INT, omv__json_d(base, "protected_sites", NAN));
    row(b, props, "protected residents", "protected_residents", F_INT, omv__json_d(base, "protected_residents", NAN));
    row(b, props, "residents protected beyond today", "added_residents", F_INT, NAN);
    row(b, props, "cost per added resident", "nok_per_added_resident", F_MONEY, NAN);
    row(b, props, "isolating failures removed", "failures_removed", F_INT, NAN);
    row(b, props, "isolating failures left", "failures_left", F_INT, NAN);
    row(b, props, "items that protect no one beyond the rest", "idle_investments", F_COUNT, NAN);
    /* optimal_at_same_cost: a number of residents, or an object holding it */
    omv__buf_puts(b, "<tr><th>best use of the same money (residents protected)</th><td></td>");
    json_array_foreach(props, i, p)
    {
        json_t *o = json_object_get(p, "optimal_at_same_cost");
        double v = json_is_number(o) ? json_number_value(o) : omv__json_d(o, "protected_residents", NAN);
        omv__buf_puts(b, "<td class=\"n\">");
        omv__html_int(b, v);
        omv__buf_puts(b, "</td>");
    }
    omv__buf_puts(b, "</tr>\n");
    traffic_rows(b, props, base);
    omv__buf_puts(b, "</tbody></table>\n");
    json_array_foreach(props, i, p)
    {
        json_t *idle = omv__json_a(p, "idle_investments"), *x;
        size_t k;
        if (!json_array_size(idle))
            continue;
        omv__buf_puts(b, "<p class=\"note\">Idle items of ");
        omv__html_esc(b, omv__json_s(p, "name"));
        omv__buf_puts(b, ": ");
        json_array_foreach(idle, k, x)
        {
            omv__buf_puts(b, k ? ", " : "");
            omv__html_esc(b, json_is_string(x) ? json_string_value(x) : omv__json_s(x, "id"));
        }
        omv__buf_puts(b, ".</p>\n");
    }
    omv__buf_puts(b, "</section>\n");
}
