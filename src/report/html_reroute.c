/*
 * html_reroute.c — the rerouting worst cases in report.html (from reroute.json): the failures that
 * leave the most demand unserved or load a link the most, and the links that run hottest under
 * their worst failure. (The map of worst-case utilisation is drawn by html_map.c.)
 */
#include "report/html.h"

#include <math.h>
#include <stdlib.h>

#define TOP 15

typedef struct {
    json_t *j;
    double k1, k2;
    size_t idx;
} ranked;

/* Larger k1 first, then larger k2, then file order. */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->k1 != y->k1)
        return x->k1 > y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 > y->k2 ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static ranked *rank_by(json_t *arr, const char *k1, const char *k2, size_t *n)
{
    *n = json_array_size(arr);
    ranked *r = *n ? malloc(*n * sizeof(*r)) : NULL;
    if (!r) {
        *n = 0;
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *x = json_array_get(arr, i);
        double a = omv__json_d(x, k1, 0), c = omv__json_d(x, k2, 0);
        r[i] = (ranked){x, isfinite(a) ? a : 0, isfinite(c) ? c : 0, i};
    }
    qsort(r, *n, sizeof(*r), cmp_ranked);
    return r;
}

/* Strings as they are; objects by their id, or src→dst with Gbps. */
static void list(omv__buf *b, json_t *a, size_t max)
{
    size_t n = json_array_size(a);
    for (size_t i = 0; i < n && i < max; i++) {
        json_t *x = json_array_get(a, i);
        omv__buf_puts(b, i ? ", " : "");
        if (json_is_string(x))
            omv__html_esc(b, json_string_value(x));
        else if (omv__json_s(x, "id"))
            omv__html_esc(b, omv__json_s(x, "id"));
        else if (omv__json_s(x, "src")) {
            omv__html_esc(b, omv__json_s(x, "src"));
            omv__buf_puts(b, "\xE2\x86\x92");
            omv__html_esc(b, omv__json_s(x, "dst"));
            double g = omv__json_d(x, "gbps", NAN);
            if (isfinite(g))
                omv__buf_printf(b, " %.1f", g);
        }
    }
    if (n > max)
        omv__buf_printf(b, " and %zu more", n - max);
}

static void pct(omv__buf *b, double u)
{
    if (isfinite(u))
        omv__buf_printf(b, "%.0f %%", 100 * u);
    else
        omv__buf_puts(b, "\xE2\x80\x93");
}

void omv__html_reroute(omv__buf *b, const omv__html_folder *f)
{
    json_t *r = f->reroute, *in = json_object_get(r, "intact");
    omv__html_section(b, f, "reroute", "Rerouting under failures");
    omv__buf_printf(b, "<p>Demand: %.1f Gbps. Intact network: %.1f Gbps unserved, busiest link at ",
                    omv__json_d(r, "demand_total_gbps", NAN), omv__json_d(in, "unserved_gbps", NAN));
    pct(b, omv__json_d(in, "max_utilisation", NAN));
    omv__buf_puts(b, ".</p>\n");
    size_t n;
    ranked *sc = rank_by(omv__json_a(r, "scenarios"), "unserved_gbps", "max_utilisation", &n);
    omv__buf_puts(b, "<h3>Worst failures</h3>\n");
    if (n) {
        omv__buf_puts(b, "<table class=\"sortable\"><thead><tr><th class=\"n\">scenario</th><th>failure</th>"
                         "<th>what fails</th><th class=\"n\">unserved Gbps</th><th class=\"n\">of which lost with the "
                         "failed node</th><th class=\"n\">busiest link</th><th>overloaded links</th><th>unserved "
                         "demands</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n && i < TOP; i++) {
            json_t *s = sc[i].j;
            omv__buf_puts(b, "<tr><td class=\"n\">");
            omv__html_int(b, omv__json_d(s, "index", (double)sc[i].idx));
            omv__buf_puts(b, "</td><td>");
            omv__html_esc(b, omv__json_s(s, "kind"));
            omv__buf_puts(b, "</td><td>");
            list(b, omv__json_a(s, "failed"), 4);
            omv__buf_printf(b, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">",
                            omv__json_d(s, "unserved_gbps", NAN), omv__json_d(s, "lost_with_node_gbps", 0));
            pct(b, omv__json_d(s, "max_utilisation", NAN));
            omv__buf_puts(b, "</td><td>");
            list(b, omv__json_a(s, "overloaded_links"), 5);
            omv__buf_puts(b, "</td><td>");
            list(b, omv__json_a(s, "unserved"), 4);
            omv__buf_puts(b, "</td></tr>\n");
        }
        omv__buf_puts(b, "</tbody></table>\n");
        if (n > TOP)
            omv__buf_printf(b, "<p class=\"note\">The %d worst of %zu scenarios, by unserved demand and then by the "
                               "busiest link; all are in %sreroute.json.</p>\n",
                            TOP, n, f->rel);
    } else
        omv__buf_puts(b, "<p>reroute.json lists no failure scenario.</p>\n");
    free(sc);
    ranked *lk = rank_by(omv__json_a(r, "links"), "utilisation_worst", "gbps_worst", &n);
    if (n) {
        omv__buf_puts(b, "<h3>Links under their worst failure</h3>\n<table class=\"sortable\"><thead><tr><th>link"
                         "</th><th class=\"n\">capacity Gbps</th><th class=\"n\">intact</th><th class=\"n\">worst"
                         "</th><th class=\"n\">Gbps at worst</th><th>worst failure</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n && i < TOP; i++) {
            json_t *l = lk[i].j, *wf = json_object_get(l, "worst_failure");
            omv__buf_puts(b, "<tr><td>");
            omv__html_esc(b, omv__json_s(l, "id"));
            omv__buf_printf(b, "</td><td class=\"n\">%.1f</td><td class=\"n\">", omv__json_d(l, "capacity_gbps", NAN));
            pct(b, omv__json_d(l, "utilisation_intact", NAN));
            omv__buf_puts(b, "</td><td class=\"n\">");
            pct(b, omv__json_d(l, "utilisation_worst", NAN));
            omv__buf_printf(b, "</td><td class=\"n\">%.1f</td><td>", omv__json_d(l, "gbps_worst", NAN));
            if (json_is_string(wf))
                omv__html_esc(b, json_string_value(wf));
            else if (json_is_array(wf))
                list(b, wf, 4);
            else if (json_is_number(wf)) {
                /* a scenario number: name what fails in it */
                json_t *hit = NULL, *s;
                size_t k;
                json_array_foreach(omv__json_a(r, "scenarios"), k, s)
                    if (omv__json_d(s, "index", -1) == json_number_value(wf))
                        hit = s;
                omv__buf_printf(b, "scenario %.0f", json_number_value(wf));
                if (hit) {
                    omv__buf_puts(b, ": ");
                    list(b, omv__json_a(hit, "failed"), 4);
                }
            }
            else if (json_is_object(wf)) {
                omv__html_esc(b, omv__json_s(wf, "kind"));
                omv__buf_puts(b, " ");
                list(b, omv__json_a(wf, "failed"), 4);
            } else
                omv__buf_puts(b, "none");
            omv__buf_puts(b, "</td></tr>\n");
        }
        omv__buf_puts(b, "</tbody></table>\n");
    }
    free(lk);
    omv__buf_puts(b, "</section>\n");
}
