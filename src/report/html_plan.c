/*
 * html_plan.c — the investments of report.html (from plan.json): what to build, what each costs and
 * whom it protects, the sites no candidate can protect, and the network before and after the plan.
 */
#include "report/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void investment_what(omv__buf *b, const omv__html_folder *f, json_t *v)
{
    const char *kind = omv__json_s(v, "kind"), *medium = omv__json_s(v, "medium");
    const char *a = omv__json_s(v, "a"), *bb = omv__json_s(v, "b");
    if (kind && !strcmp(kind, "satellite")) {
        omv__buf_puts(b, "satellite terminal at ");
        omv__html_esc(b, omv__html_name(f, a));
    } else if (kind && !strcmp(kind, "power")) {
        omv__buf_puts(b, "reserve power");
        double h = omv__json_d(v, "power_h", NAN);
        if (isfinite(h))
            omv__buf_printf(b, " for %g h", h);
        omv__buf_puts(b, " at ");
        omv__html_esc(b, omv__html_name(f, a));
    } else {
        omv__html_esc(b, medium ? medium : "link");
        omv__buf_puts(b, " ");
        omv__html_esc(b, omv__html_name(f, a));
        omv__buf_puts(b, " \xE2\x80\x93 ");
        omv__html_esc(b, omv__html_name(f, bb));
        double km = omv__json_d(v, "length_km", NAN);
        if (isfinite(km))
            omv__buf_printf(b, " (%.0f km)", km);
    }
}

static void investments(omv__buf *b, const omv__html_folder *f)
{
    json_t *inv = omv__json_a(f->plan, "investments"), *v;
    size_t i;
    omv__buf_puts(b, "<h3>What to build</h3>\n");
    if (!json_array_size(inv)) {
        omv__buf_puts(b, "<p>Nothing: the plan buys no investment.</p>\n");
        return;
    }
    omv__buf_puts(b, "<table class=\"sortable\"><thead><tr><th>id</th><th>investment</th><th class=\"n\">cost</th>"
                     "<th class=\"n\">sites lost without it</th><th class=\"n\">residents lost without it</th>"
                     "<th class=\"n\">cost per protected resident</th></tr></thead><tbody>\n");
    json_array_foreach(inv, i, v)
    {
        omv__buf_puts(b, "<tr><td>");
        omv__html_esc(b, omv__json_s(v, "id"));
        omv__buf_puts(b, "</td><td>");
        investment_what(b, f, v);
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_money(b, omv__json_d(v, "cost_nok", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(v, "sites_lost_without", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(v, "population_lost_without", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_money(b, omv__json_d(v, "cost_per_protected_resident_nok", NAN));
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n<p class=\"note\">\"Lost without it\": the sites the plan protects only "
                     "thanks to this investment, and their residents.</p>\n");
}

static void infeasible(omv__buf *b, const omv__html_folder *f)
{
    json_t *inf = omv__json_a(f->plan, "infeasible"), *s;
    size_t i;
    if (!json_array_size(inf))
        return;
    omv__buf_puts(b, "<h3>Sites no candidate can protect</h3>\n<table><thead><tr><th>site</th><th class=\"n\">"
                     "residents</th><th>why</th></tr></thead><tbody>\n");
    json_array_foreach(inf, i, s)
    {
        omv__buf_puts(b, "<tr><td>");
        omv__html_esc(b, omv__json_s(s, "name") ? omv__json_s(s, "name") : omv__json_s(s, "id"));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(s, "population", NAN));
        omv__buf_puts(b, "</td><td>");
        omv__html_esc(b, omv__json_s(s, "reason"));
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n");
}

static void before_after_row(omv__buf *b, const char *what, double x, double y)
{
    omv__buf_printf(b, "<tr><td>%s</td><td class=\"n\">", what);
    omv__html_int(b, x);
    omv__buf_puts(b, "</td><td class=\"n\">");
    omv__html_int(b, y);
    omv__buf_puts(b, "</td><td class=\"n\">");
    if (isfinite(x) && isfinite(y)) {
        if (y > x)
            omv__buf_puts(b, "+");
        omv__html_int(b, y - x);
    }
    omv__buf_puts(b, "</td></tr>\n");
}

static void before_after(omv__buf *b, const omv__html_folder *f)
{
    json_t *bef = json_object_get(f->plan, "before"), *aft = json_object_get(f->plan, "after");
    if (!json_is_object(bef) || !json_is_object(aft))
        return;
    omv__buf_puts(b, "<h3>Before and after</h3>\n<table><thead><tr><th>the region</th><th class=\"n\">before</th>"
                     "<th class=\"n\">after</th><th class=\"n\">change</th></tr></thead><tbody>\n");
    json_t *lb = json_object_get(bef, "lambda"), *la = json_object_get(aft, "lambda");
    static const char *const keys[] = {"0", "1", "2", "3+"};
    static const char *const words[] = {"no path to the core", "one path (a single cut isolates)", "two paths",
                                        "three or more paths"};
    char what[96];
    for (int i = 0; i < 4; i++) {
        snprintf(what, sizeof(what), "sites with %s", words[i]);
        before_after_row(b, what, omv__json_d(json_object_get(lb, keys[i]), "sites", NAN),
                         omv__json_d(json_object_get(la, keys[i]), "sites", NAN));
        snprintf(what, sizeof(what), "residents with %s", words[i]);
        before_after_row(b, what, omv__json_d(json_object_get(lb, keys[i]), "population", NAN),
                         omv__json_d(json_object_get(la, keys[i]), "population", NAN));
    }
    before_after_row(b, "failures that isolate a site (of the planned classes)",
                     omv__json_d(bef, "isolating_failures", NAN), omv__json_d(aft, "isolating_failures", NAN));
    json_t *kb = json_object_get(bef, "isolating_by_kind"), *ka = json_object_get(aft, "isolating_by_kind");
    static const char *const kinds[] = {"bridge", "articulation_point", "srlg", "cut_pair", "power_outage"};
    static const char *const kw[] = {"&nbsp;&nbsp;of which single links", "&nbsp;&nbsp;of which single nodes",
                                     "&nbsp;&nbsp;of which shared-risk groups", "&nbsp;&nbsp;of which link pairs",
                                     "&nbsp;&nbsp;of which power outages"};
    for (int i = 0; i < 5; i++)
        if (omv__json_d(kb, kinds[i], 0) > 0 || omv__json_d(ka, kinds[i], 0) > 0)
            before_after_row(b, kw[i], omv__json_d(kb, kinds[i], NAN), omv__json_d(ka, kinds[i], NAN));
    omv__buf_puts(b, "</tbody></table>\n");
}

void omv__html_plan(omv__buf *b, const omv__html_folder *f)
{
    if (!f->plan)
        return;
    omv__html_section(b, f, "plan", "Investments");
    json_t *p = f->plan;
    omv__buf_puts(b, "<p class=\"note\">");
    const char *mode = omv__json_s(p, "mode");
    if (mode && !strcmp(mode, "budget")) {
        omv__buf_puts(b, "Most residents protected within ");
        omv__html_money(b, omv__json_d(p, "budget_nok", NAN));
    } else
        omv__buf_puts(b, "The cheapest investments that protect every target site that can be protected");
    omv__buf_puts(b, ", against ");
    omv__html_classes(b, omv__json_s(p, "against"));
    omv__buf_puts(b, " failures (");
    omv__html_esc(b, omv__json_s(p, "against"));
    omv__buf_puts(b, ")");
    omv__buf_puts(b, "; region ");
    omv__html_esc(b, omv__json_s(p, "region"));
    omv__buf_puts(b, ". Solver status: ");
    omv__html_esc(b, omv__json_s(p, "status"));
    double gap = omv__json_d(p, "gap", NAN);
    if (isfinite(gap))
        omv__buf_printf(b, " (gap %.4g %%)", 100 * gap);
    omv__buf_puts(b, ". A site is protected when it keeps a path to the core under every such failure, or has a "
                     "satellite terminal.</p>\n");
    if (json_is_true(json_object_get(p, "has_plan")))
        investments(b, f);
    else
        omv__buf_puts(b, "<p>No plan was found.</p>\n");
    infeasible(b, f);
    before_after(b, f);
    omv__buf_puts(b, "</section>\n");
}

void omv__html_sweep(omv__buf *b, const omv__html_folder *f)
{
    json_t *pts = omv__json_a(f->sweep, "points"), *pt;
    if (!f->sweep)
        return;
    omv__html_section(b, f, "sweep", "Budget curve");
    size_t n = json_array_size(pts), i, np = 0;
    omv__chart_pt *P = n ? calloc(n, sizeof(*P)) : NULL;
    double total = 0;
    json_array_foreach(pts, i, pt)
    {
        json_t *t = json_object_get(pt, "targets");
        total = omv__json_d(t, "population", total);
        if (!P || !json_is_true(json_object_get(pt, "has_plan")))
            continue;
        P[np++] = (omv__chart_pt){omv__json_d(pt, "cost_nok", 0) / 1e6, omv__json_d(t, "protected_population", 0),
                                  omv__json_d(pt, "budget_nok", 0) / 1e6, json_is_true(json_object_get(pt, "pareto"))};
    }
    if (np) {
        omv__buf_puts(b, "<div>");
        omv__sweep_chart(b, P, np, total);
        omv__buf_puts(b, "</div>\n");
    }
    free(P);
    omv__buf_puts(b, "<table><thead><tr><th class=\"n\">budget</th><th class=\"n\">spent</th><th class=\"n\">"
                     "residents protected</th><th class=\"n\">investments</th><th>on the Pareto front</th>"
                     "<th>status</th></tr></thead><tbody>\n");
    json_array_foreach(pts, i, pt)
    {
        omv__buf_puts(b, "<tr><td class=\"n\">");
        omv__html_money(b, omv__json_d(pt, "budget_nok", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_money(b, omv__json_d(pt, "cost_nok", NAN));
        omv__buf_puts(b, "</td><td class=\"n\">");
        omv__html_int(b, omv__json_d(json_object_get(pt, "targets"), "protected_population", NAN));
        omv__buf_printf(b, "</td><td class=\"n\">%zu</td><td>%s</td><td>",
                        json_array_size(omv__json_a(pt, "investments")),
                        json_is_true(json_object_get(pt, "pareto")) ? "yes" : "no: a smaller budget buys as much");
        omv__html_esc(b, omv__json_s(pt, "status"));
        omv__buf_puts(b, "</td></tr>\n");
    }
    omv__buf_puts(b, "</tbody></table>\n</section>\n");
}
