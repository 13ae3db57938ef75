/*
 * html_summary.c — the summary of report.html: what the results say, in plain sentences, for a
 * reader who reads nothing else: who is one cut away from isolation, the worst failure, what the
 * cheapest protection costs and buys, what a budget buys, how the proposals compare, and what
 * rerouting leaves unserved.
 */
#include "report/html.h"

#include <math.h>
#include <string.h>

static const char *kind_words(const char *k)
{
    if (!k)
        return "failure";
    if (!strcmp(k, "bridge"))
        return "a single link";
    if (!strcmp(k, "articulation_point"))
        return "a single node";
    if (!strcmp(k, "srlg"))
        return "a shared-risk group";
    if (!strcmp(k, "cut_pair"))
        return "a pair of links";
    if (!strcmp(k, "power_outage"))
        return "a regional power outage";
    return k;
}

static void spof_sentences(omv__buf *b, const omv__html_folder *f)
{
    json_t *sum = json_object_get(f->spof, "summary"), *par = json_object_get(f->spof, "parameters");
    const char *region = omv__json_s(par, "region");
    omv__buf_puts(b, "<li>Region <b>");
    omv__html_esc(b, region ? region : "all");
    omv__buf_puts(b, "</b>: ");
    omv__html_int(b, omv__json_d(sum, "sites_in_region", NAN));
    omv__buf_puts(b, " sites with ");
    omv__html_int(b, omv__json_d(sum, "population_in_region", NAN));
    omv__buf_puts(b, " residents are counted.");
    json_t *sl = json_object_get(sum, "sites_by_lambda"), *pl = json_object_get(sum, "population_by_lambda");
    double s1 = omv__json_d(sl, "1", NAN), s0 = omv__json_d(sl, "0", 0);
    if (isfinite(s1)) {
        omv__buf_puts(b, " <b>");
        omv__html_int(b, s1);
        omv__buf_puts(b, s1 == 1 ? " site</b> (" : " sites</b> (");
        omv__html_int(b, omv__json_d(pl, "1", NAN));
        omv__buf_puts(b, " residents) have a single path to the core: one cut away from isolation.");
    }
    if (s0 > 0) {
        omv__buf_puts(b, " ");
        omv__html_int(b, s0);
        omv__buf_puts(b, " have no path at all.");
    }
    omv__buf_puts(b, "</li>\n");
    json_t *items = omv__json_a(f->spof, "items");
    json_t *worst = NULL, *it;
    size_t i;
    json_array_foreach(items, i, it)
    {
        if (!worst || omv__json_d(it, "isolated_population", 0) > omv__json_d(worst, "isolated_population", 0))
            worst = it;
    }
    if (worst) {
        omv__buf_puts(b, "<li>The failure that cuts off most people is ");
        omv__buf_puts(b, kind_words(omv__json_s(worst, "kind")));
        omv__buf_puts(b, ", <b>");
        omv__html_esc(b, omv__json_s(worst, "label"));
        omv__buf_puts(b, "</b>: it cuts off ");
        omv__html_int(b, omv__json_d(worst, "isolated_sites", NAN));
        omv__buf_puts(b, " sites and ");
        omv__html_int(b, omv__json_d(worst, "isolated_population", NAN));
        omv__buf_printf(b, " residents. In all, %zu failures cut off at least one site (",
                        json_array_size(items));
        omv__html_int(b, omv__json_d(sum, "bridges", NAN));
        omv__buf_puts(b, " bridges, ");
        omv__html_int(b, omv__json_d(sum, "articulation_points", NAN));
        omv__buf_puts(b, " articulation points, ");
        omv__html_int(b, omv__json_d(sum, "srlg_cuts", NAN));
        omv__buf_puts(b, " shared-risk groups and ");
        omv__html_int(b, omv__json_d(sum, "cut_pairs", NAN));
        omv__buf_puts(b, " link pairs in the whole network, before counting who they cut off).</li>\n");
    } else if (items)
        omv__buf_puts(b, "<li>No single failure of the classes analysed cuts off a site of the region.</li>\n");
}

static void plan_sentences(omv__buf *b, const omv__html_folder *f)
{
    json_t *p = f->plan, *t = json_object_get(p, "targets");
    const char *mode = omv__json_s(p, "mode");
    if (!json_is_true(json_object_get(p, "has_plan"))) {
        omv__buf_puts(b, "<li>The planner found no plan (status ");
        omv__html_esc(b, omv__json_s(p, "status"));
        omv__buf_puts(b, ").</li>\n");
        return;
    }
    omv__buf_puts(b, "<li>");
    if (mode && !strcmp(mode, "budget")) {
        omv__buf_puts(b, "Within a budget of ");
        omv__html_money(b, omv__json_d(p, "budget_nok", NAN));
        omv__buf_puts(b, ", the best plan");
    } else
        omv__buf_puts(b, "The cheapest plan that protects every site it can");
    omv__buf_puts(b, " against ");
    omv__html_classes(b, omv__json_s(p, "against"));
    omv__buf_puts(b, " failures costs <b>");
    omv__html_money(b, omv__json_d(p, "cost_nok", NAN));
    omv__buf_printf(b, "</b> in %zu investments. It protects ", json_array_size(omv__json_a(p, "investments")));
    omv__html_int(b, omv__json_d(t, "protected", NAN));
    omv__buf_puts(b, " of ");
    omv__html_int(b, omv__json_d(t, "count", NAN));
    omv__buf_puts(b, " target sites (");
    omv__html_int(b, omv__json_d(t, "protected_population", NAN));
    omv__buf_puts(b, " of ");
    omv__html_int(b, omv__json_d(t, "population", NAN));
    omv__buf_puts(b, " residents).");
    double inf = omv__json_d(t, "infeasible", 0);
    if (inf > 0) {
        omv__buf_puts(b, " ");
        omv__html_int(b, inf);
        omv__buf_puts(b, inf == 1 ? " site (" : " sites (");
        omv__html_int(b, omv__json_d(t, "infeasible_population", NAN));
        omv__buf_puts(b, " residents) cannot be protected by any candidate.");
    }
    json_t *bef = json_object_get(p, "before"), *aft = json_object_get(p, "after");
    if (bef && aft) {
        omv__buf_puts(b, " Failures that isolate a site: ");
        omv__html_int(b, omv__json_d(bef, "isolating_failures", NAN));
        omv__buf_puts(b, " before, ");
        omv__html_int(b, omv__json_d(aft, "isolating_failures", NAN));
        omv__buf_puts(b, " after.");
    }
    json_t *ver = json_object_get(p, "verification");
    if (json_is_true(json_object_get(ver, "all_protected_confirmed")))
        omv__buf_puts(b, " <span class=\"good\">An independent failure analysis of the network with the plan "
                         "built confirms every protected site.</span>");
    else if (ver)
        omv__buf_puts(b, " <span class=\"bad\">The independent check did not confirm every protected site.</span>");
    omv__buf_puts(b, "</li>\n");
}

static void sweep_sentences(omv__buf *b, const omv__html_folder *f)
{
    json_t *pts = omv__json_a(f->sweep, "points"), *pt;
    size_t i;
    int n = 0;
    omv__buf_puts(b, "<li>Budget curve (the Pareto front: the residents protected for at most that much money): ");
    json_array_foreach(pts, i, pt)
    {
        if (!json_is_true(json_object_get(pt, "pareto")) || !json_is_true(json_object_get(pt, "has_plan")))
            continue;
        omv__buf_puts(b, n++ ? "; " : "");
        omv__html_money(b, omv__json_d(pt, "cost_nok", NAN));
        omv__buf_puts(b, " protects ");
        omv__html_int(b, omv__json_d(json_object_get(pt, "targets"), "protected_population", NAN));
    }
    omv__buf_puts(b, n ? ".</li>\n" : "no budget gave a plan.</li>\n");
}

static void compare_sentences(omv__buf *b, const omv__html_folder *f)
{
    json_t *props = omv__json_a(f->compare, "proposals"), *p;
    size_t i;
    json_array_foreach(props, i, p)
    {
        omv__buf_puts(b, "<li>Proposal <b>");
        omv__html_esc(b, omv__json_s(p, "name"));
        omv__buf_puts(b, "</b> costs ");
        omv__html_money(b, omv__json_d(p, "cost_nok", NAN));
        omv__buf_puts(b, " and protects ");
        omv__html_int(b, omv__json_d(p, "added_residents", NAN));
        omv__buf_puts(b, " residents beyond today (");
        double per = omv__json_d(p, "nok_per_added_resident", NAN);
        if (isfinite(per)) {
            omv__html_money(b, per);
            omv__buf_puts(b, " per resident");
        } else
            omv__buf_puts(b, "no resident added");
        omv__buf_puts(b, "); it removes ");
        omv__html_int(b, omv__json_d(p, "failures_removed", NAN));
        omv__buf_puts(b, " isolating failures and leaves ");
        omv__html_int(b, omv__json_d(p, "failures_left", NAN));
        size_t idle = json_array_size(omv__json_a(p, "idle_investments"));
        if (idle)
            omv__buf_printf(b, "; %zu of its items protect no one beyond the rest", idle);
        omv__buf_puts(b, ".</li>\n");
    }
}

static void reroute_sentences(omv__buf *b, const omv__html_folder *f)
{
    json_t *r = f->reroute, *in = json_object_get(r, "intact"), *sc = omv__json_a(r, "scenarios"), *s, *worst = NULL;
    size_t i;
    json_array_foreach(sc, i, s)
    {
        if (!worst || omv__json_d(s, "unserved_gbps", 0) > omv__json_d(worst, "unserved_gbps", 0) ||
            (omv__json_d(s, "unserved_gbps", 0) == omv__json_d(worst, "unserved_gbps", 0) &&
             omv__json_d(s, "max_utilisation", 0) > omv__json_d(worst, "max_utilisation", 0)))
            worst = s;
    }
    omv__buf_printf(b, "<li>Rerouting of %.1f Gbps of demand: intact, %.1f Gbps unserved and the busiest link at "
                       "%.0f %%.",
                    omv__json_d(r, "demand_total_gbps", NAN), omv__json_d(in, "unserved_gbps", NAN),
                    100 * omv__json_d(in, "max_utilisation", NAN));
    if (worst) {
        omv__buf_printf(b, " Of %zu failure scenarios, the worst (", json_array_size(sc));
        json_t *fl = omv__json_a(worst, "failed"), *x;
        size_t k;
        json_array_foreach(fl, k, x)
        {
            omv__buf_puts(b, k ? ", " : "");
            omv__html_esc(b, json_string_value(x));
        }
        omv__buf_printf(b, ") leaves <b>%.1f Gbps</b> unserved with the busiest link at %.0f %%.",
                        omv__json_d(worst, "unserved_gbps", NAN), 100 * omv__json_d(worst, "max_utilisation", NAN));
    }
    omv__buf_puts(b, "</li>\n");
}

void omv__html_summary(omv__buf *b, const omv__html_folder *f)
{
    omv__html_section(b, f, "summary", "Summary");
    omv__buf_puts(b, "<ul class=\"summary\">\n");
    int any = 0;
    if (f->spof)
        spof_sentences(b, f), any = 1;
    if (f->plan)
        plan_sentences(b, f), any = 1;
    if (f->sweep)
        sweep_sentences(b, f), any = 1;
    if (f->compare)
        compare_sentences(b, f), any = 1;
    if (f->reroute)
        reroute_sentences(b, f), any = 1;
    if (!any)
        omv__buf_puts(b, "<li>This folder holds no analysis results yet (run omvei spof, plan, reroute or "
                         "compare with -o into it).</li>\n");
    omv__buf_puts(b, "</ul>\n</section>\n");
}
