/*
 * html_spof.c — the single points of failure in report.html (from spof.json): sites by number of
 * disjoint paths to the core, the ranked failures with the people they cut off, and the black-sky
 * power outages with the reserve-power upgrades that would reconnect the most people.
 */
#include "report/html.h"

#include <math.h>
#include <string.h>

#define TOP_ITEMS 25 /* rows of the ranked table; the rest are in spof_items.csv */

static const char *kind_name(const char *k)
{
    if (!k)
        return "";
    if (!strcmp(k, "bridge"))
        return "link";
    if (!strcmp(k, "articulation_point"))
        return "node";
    if (!strcmp(k, "srlg"))
        return "shared-risk group";
    if (!strcmp(k, "cut_pair"))
        return "link pair";
    if (!strcmp(k, "power_outage"))
        return "power outage";
    return k;
}

/* Up to max names of the sites in array a, then "and N more". */
static void name_list(omv__buf *b, const omv__html_folder *f, json_t *a, size_t max)
{
    size_t n = json_array_size(a);
    for (size_t i = 0; i < n && i < max; i++) {
        omv__buf_puts(b, i ? ", " : "");
        omv__html_esc(b, omv__html_name(f, json_string_value(json_array_get(a, i))));
    }
    if (n > max)
        omv__buf_printf(b, " and %zu more", n - max);
}

static void id_list(omv__buf *b, json_t *a, size_t max)
{
    size_t n = json_array_size(a);
    for (size_t i = 0; i < n && i < max; i++) {
        omv__buf_puts(b, i ? ", " : "");
        omv__html_esc(b, json_string_value(json_array_get(a, i)));
    }
    if (n > max)
        omv__buf_printf(b, " +%zu", n - max);
}

static void lambda_table(omv__buf *b, const omv__html_folder *f)
{
    json_t *sum = json_object_get(f->spof, "summary");
    json_t *sl = json_object_get(sum, "sites_by_lambda"), *pl = json_object_get(sum, "population_by_lambda");
    if (!json_is_object(sl))
        return;
    static const char *const keys[] = {"0", "1", "2", "3+"};
    static const char *const words[] = {"none: already cut off", "one: a single cut isolates them",
                                        "two", "three or more"};
    omv__buf_puts(b, "<h3>Sites by number of link-disjoint paths to the core</h3>\n<table><thead><tr><th>paths "
                     "(lambda)</th><th class=\"n\">sites</th><th class=\"n\">residents</th></tr></thead><tbody>\n");
    for (int i = 0; i < 4; i++) {
        omv__buf_printf(b, "<tr><td>%s</td><td class=\"n\">", words[i]);
        omv__html_int(b, omv__json_d(sl, keys[i], NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(pl, keys[i], NAN));
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n");
}

static void items_table(omv__buf *b, const omv__html_folder *f)
{
    json_t *items = omv__json_a(f->spof, "items"), *it;
    size_t n = json_array_size(items), i;
    omv__buf_puts(b, "<h3>Failures that cut off sites, worst first</h3>\n");
    if (n == 0) {
        omv__buf_puts(b, "<p>No failure of the classes analysed cuts off a site of the region.</p>\n");
        return;
    }
    omv__buf_puts(b, "<table class=\"sortable\"><thead><tr><th class=\"n\">rank</th><th>failure</th><th>what "
                     "fails</th><th class=\"n\">sites cut off</th><th class=\"n\">residents cut off</th><th>elements"
                     "</th><th>sites cut off (names)</th></tr></thead><tbody>\n");
    json_array_foreach(items, i, it)
    {
        if (i >= TOP_ITEMS)
            break;
        omv__buf_puts(b, "<tr><td class=\"n\">");
        omv__html_int(b, omv__json_d(it, "rank", (double)i + 1));
        omv__buf_puts(b, "</td><td>");
        omv__html_esc(b, kind_name(omv__json_s(it, "kind")));
        omv__buf_puts(b, "</td><td>");
        omv__html_esc(b, omv__json_s(it, "label"));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(it, "isolated_sites", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(it, "isolated_population", NAN));
        omv__buf_puts(b, "</td><td>");
        const char *srlg = omv__json_s(it, "srlg");
        if (srlg) {
            omv__buf_puts(b, "group ");
            omv__html_esc(b, srlg);
        } else if (json_array_size(omv__json_a(it, "links")))
            id_list(b, omv__json_a(it, "links"), 4);
        else
            id_list(b, omv__json_a(it, "nodes"), 4);
        omv__buf_puts(b, "</td><td>");
        name_list(b, f, omv__json_a(it, "isolated"), 6);
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n");
    if (n > TOP_ITEMS)
        omv__buf_printf(b, "<p class=\"note\">The %d worst of %zu; every one is in %sspof_items.csv.</p>\n",
                        TOP_ITEMS, n, f->rel);
}

static void outage_table(omv__buf *b, const omv__html_folder *f)
{
    json_t *outs = omv__json_a(f->spof, "outages"), *o;
    if (!json_array_size(outs))
        return;
    json_t *po = json_object_get(json_object_get(f->spof, "parameters"), "power_outage");
    omv__buf_puts(b, "<h3>Black-sky power outages");
    if (omv__json_s(po, "region")) {
        omv__buf_puts(b, " in ");
        omv__html_esc(b, omv__json_s(po, "region"));
    }
    omv__buf_puts(b, "</h3>\n<p class=\"note\">Every node of the outage region whose reserve power lasts less than "
                     "the outage fails. The upgrades are the reserve-power candidates that reconnect the most "
                     "people.</p>\n<table><thead><tr><th class=\"n\">hours</th><th class=\"n\">nodes without "
                     "power</th><th class=\"n\">sites cut off</th><th class=\"n\">residents cut off</th><th>best "
                     "reserve-power upgrades (residents reconnected)</th></tr></thead><tbody>\n");
    size_t i;
    json_array_foreach(outs, i, o)
    {
        omv__buf_puts(b, "<tr><td class=\"n\">");
        omv__html_int(b, omv__json_d(o, "hours", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(o, "failed_nodes", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(o, "isolated_sites", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(o, "isolated_population", NAN));
        omv__buf_puts(b, "</td><td>");
        json_t *ups = omv__json_a(o, "upgrades"), *u;
        size_t k;
        json_array_foreach(ups, k, u)
        {
            if (k == 4) {
                omv__buf_printf(b, " and %zu more", json_array_size(ups) - 4);
                break;
            }
            omv__buf_puts(b, k ? "; " : "");
            omv__html_esc(b, omv__html_name(f, omv__json_s(u, "node")));
            omv__buf_puts(b, " (");
            omv__html_int(b, omv__json_d(u, "reconnected_population", NAN));
            omv__buf_puts(b, omv__json_s(u, "candidate") ? ")" : ", no candidate)");
        }
        if (!json_array_size(ups))
            omv__buf_puts(b, "none needed");
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n");
}

void omv__html_spof(omv__buf *b, const omv__html_folder *f)
{
    if (!f->spof)
        return;
    omv__html_section(b, f, "spof", "Single points of failure");
    omv__buf_puts(b, "<p class=\"note\">A failure counts when it cuts a site of the region off from every "
                     "core node; it may lie outside the region. Residents are those of the sites cut off.</p>\n");
    lambda_table(b, f);
    items_table(b, f);
    outage_table(b, f);
    omv__buf_puts(b, "</section>\n");
}
