/*
 * spof_text.c — the failure analysis in plain words, for a planner's terminal or an e-mail:
 * a short header (network, core, region, counts), the top items as sentences
 * ("1. Link Fauske–Mo i Rana (Saltfjellet): its loss cuts off 5 sites and 148,500 people north of
 * Trondheim."), how many sites are one cut away from isolation, and for power outages the reserve-
 * power upgrades that reconnect the most people.
 */
#include "report/jsonw.h"
#include "report/spof_report.h"

#include <stdlib.h>
#include <string.h>

/* Core nodes named in the header before "and N more". */
#define TEXT_CORE_NAMES 6
/* Upgrades shown per outage. */
#define TEXT_UPGRADES 3

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

/* True when a number written in digits takes "an": "an 8-hour", "an 11-hour", "an 18-hour",
 * but "a 72-hour". */
static bool takes_an(const char *num)
{
    size_t digits = strspn(num, "0123456789");
    if (num[0] == '8')
        return true;
    /* eleven, eighteen; eleven thousand, eighteen thousand, ... */
    return digits % 3 == 2 && num[0] == '1' && (num[1] == '1' || num[1] == '8');
}

/* A count with thousands separators, usable inside one printf call: num(n).s. */
typedef struct {
    char s[32];
} num_text;

static num_text num(size_t v)
{
    num_text t;
    omv__fmt_thousands(t.s, sizeof(t.s), (int64_t)v);
    return t;
}

/* Appends "41 sites and 185,000 people". */
static void sites_people(omv__buf *b, size_t sites, int64_t people)
{
    char p[40];
    omv__fmt_thousands(p, sizeof(p), people);
    omv__buf_printf(b, "%s %s and %s %s", num(sites).s, plural(sites, "site", "sites"), p,
                    people == 1 ? "person" : "people");
}

static void header(omv__buf *b, const omv__spof_view *v, const char *region_words)
{
    const omv_net *net = v->net;
    char p[40];
    omv__buf_printf(b, "Network: %s %s, %s existing %s, %s %s.\n", num(v->nnodes).s, plural(v->nnodes, "node", "nodes"),
                    num(v->nexisting).s, plural(v->nexisting, "link", "links"), num(v->nsites).s,
                    plural(v->nsites, "site", "sites"));
    if (v->ncore == 0) {
        omv__buf_puts(b, "Core: no core node; after each failure the largest remaining part plays the core.\n");
    } else {
        omv__buf_puts(b, "Core: ");
        for (size_t k = 0; k < v->ncore && k < TEXT_CORE_NAMES; k++)
            omv__buf_printf(b, "%s%s", k ? ", " : "", omv_net_node_name(net, (size_t)v->core[k]));
        if (v->ncore > TEXT_CORE_NAMES)
            omv__buf_printf(b, " and %s more", num(v->ncore - TEXT_CORE_NAMES).s);
        omv__buf_puts(b, ".\n");
    }
    omv__fmt_thousands(p, sizeof(p), v->pop_region);
    omv__buf_printf(b, "Region: %s (%s %s, %s %s).\n", region_words[0] ? region_words : "the whole network",
                    num(v->nsites_region).s, plural(v->nsites_region, "site", "sites"), p,
                    v->pop_region == 1 ? "person" : "people");

    /* Structural counts, for the failure classes that were analysed. */
    static const struct {
        unsigned cls;
        omv_item_kind kind;
        const char *one, *many;
    } COUNTS[] = {
        {OMV_FAIL_LINKS, OMV_ITEM_BRIDGE, "bridge", "bridges"},
        {OMV_FAIL_NODES, OMV_ITEM_ARTICULATION, "articulation point", "articulation points"},
        {OMV_FAIL_PAIRS, OMV_ITEM_CUT_PAIR, "cut pair", "cut pairs"},
        {OMV_FAIL_SRLG, OMV_ITEM_SRLG, "shared-risk group that cuts off sites",
         "shared-risk groups that cut off sites"},
    };
    size_t shown = 0;
    for (size_t k = 0; k < sizeof(COUNTS) / sizeof(COUNTS[0]); k++) {
        if (!(v->failures & COUNTS[k].cls))
            continue;
        size_t n = omv_spof_count(v->s, COUNTS[k].kind);
        omv__buf_printf(b, "%s%s %s", shown ? ", " : "Structure: ", num(n).s, plural(n, COUNTS[k].one, COUNTS[k].many));
        shown++;
    }
    if (shown)
        omv__buf_puts(b, ".\n");
    size_t dropped = omv_spof_dropped_pairs(v->s);
    if (dropped)
        omv__buf_printf(b, "Not listed: %s further cut %s that cut off sites.\n", num(dropped).s,
                        plural(dropped, "pair", "pairs"));
    if (omv_spof_interrupted(v->s))
        omv__buf_puts(b, "Interrupted: some failures were not evaluated; the lists below are incomplete.\n");
}

/* One numbered sentence for item i. */
static void item_sentence(omv__buf *b, const omv__spof_view *v, size_t i, const char *region_words)
{
    const omv_spof_item item = omv__spof_view_item(v, i), *it = &item;
    const omv_net *net = v->net;
    omv__buf_printf(b, "%zu. ", i + 1);
    switch (it->kind) {
    case OMV_ITEM_BRIDGE: {
        size_t l = (size_t)it->link[0];
        omv__buf_puts(b, "Link ");
        omv__spof_item_label(b, v, it);
        size_t ng = l < v->nlinks ? omv_net_link_srlg_count(net, l) : 0;
        for (size_t k = 0; k < ng; k++)
            omv__buf_printf(b, "%s%s", k ? ", " : " (", omv_net_link_srlg(net, l, k));
        omv__buf_printf(b, "%s: its loss cuts off ", ng ? ")" : "");
        break;
    }
    case OMV_ITEM_ARTICULATION:
        omv__buf_puts(b, "Node ");
        omv__spof_item_label(b, v, it);
        omv__buf_puts(b, ": its loss cuts off ");
        break;
    case OMV_ITEM_SRLG: {
        size_t n = it->srlg >= 0 && (size_t)it->srlg < v->nsrlg ? v->srlg_off[it->srlg + 1] - v->srlg_off[it->srlg] : 0;
        omv__buf_puts(b, "Shared-risk group ");
        omv__spof_item_label(b, v, it);
        omv__buf_printf(b, " (%s %s): %s cuts off ", num(n).s, plural(n, "link", "links"),
                        n == 1 ? "its loss" : "losing them at once");
        break;
    }
    case OMV_ITEM_CUT_PAIR:
        omv__buf_puts(b, "Links ");
        omv__spof_item_label(b, v, it);
        omv__buf_puts(b, " together: their loss cuts off ");
        break;
    case OMV_ITEM_POWER: {
        char h[48], words[512];
        omv__fmt_fixed(h, sizeof(h), it->hours, OMV__SPOF_HOURS_DECIMALS);
        omv__spof_region_words(words, sizeof(words), v->outage_region);
        size_t failed = 0;
        long k = omv__spof_outage_find(v, it->hours);
        omv_spof_outage o;
        if (k >= 0 && omv_spof_outage_get(v->s, (size_t)k, &o) == 0)
            failed = o.failed_nodes;
        omv__buf_printf(b, "%s %s-hour power outage%s%s: %s %s power, ", takes_an(h) ? "An" : "A", h,
                        words[0] ? " " : "", words, num(failed).s,
                        plural(failed, "node loses", "nodes lose"));
        sites_people(b, it->isolated_sites, it->isolated_population);
        omv__buf_printf(b, "%s%s are cut off.\n", region_words[0] ? " " : "", region_words);
        return;
    }
    default:
        omv__buf_puts(b, "A failure cuts off ");
        break;
    }
    sites_people(b, it->isolated_sites, it->isolated_population);
    omv__buf_printf(b, "%s%s.\n", region_words[0] ? " " : "", region_words);
}

/* Shared-risk groups are few, and each one is a decision of its own (a second duct, another landing,
 * a route off a bridge): every group that cuts off sites is listed, also those below the top N. */
static void srlg_section(omv__buf *b, const omv__spof_view *v, size_t shown, size_t top, const char *region_words)
{
    size_t more = 0, listed = 0;
    if (!(v->failures & OMV_FAIL_SRLG))
        return; /* no group items to look for among a million others */
    for (size_t i = shown; i < v->nitems; i++)
        more += omv__spof_view_item(v, i).kind == OMV_ITEM_SRLG;
    if (!more)
        return;
    omv__buf_printf(b, "\nRanked lower, %s also %s off sites:\n",
                    more == 1 ? "this shared-risk group" : "these shared-risk groups", more == 1 ? "cuts" : "cut");
    /* --top caps this list too: at national scale it can run to thousands of groups. */
    for (size_t i = shown; i < v->nitems && (top == 0 || listed < top); i++)
        if (omv__spof_view_item(v, i).kind == OMV_ITEM_SRLG) {
            item_sentence(b, v, i, region_words);
            listed++;
        }
    if (listed < more)
        omv__buf_printf(b, "  ... and %s more (all of them in spof_items.csv and spof.json).\n", num(more - listed).s);
}

static void lambda_section(omv__buf *b, const omv__spof_view *v, const char *region_words)
{
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(v->s, sites, pop);
    omv__buf_printf(b, "\nLink-disjoint paths to the core (lambda) of the %s %s%s%s:\n", num(v->nsites_region).s,
                    plural(v->nsites_region, "site", "sites"), region_words[0] ? " " : "", region_words);
    static const char *const ONE[4] = {"has no path to the core", "is one cut away from isolation",
                                       "is two cuts away from isolation", "has three or more disjoint paths"};
    static const char *const MANY[4] = {"have no path to the core", "are one cut away from isolation",
                                        "are two cuts away from isolation", "have three or more disjoint paths"};
    static const char *const LAMBDA[4] = {"0", "1", "2", "3+"};
    for (int k = 0; k < 4; k++) {
        if (k == 0 && sites[0] == 0)
            continue; /* only worth a line when some site is already cut off */
        char p[40];
        omv__fmt_thousands(p, sizeof(p), pop[k]);
        omv__buf_printf(b, "  %s %s (%s %s) %s (lambda %s).\n", num(sites[k]).s, plural(sites[k], "site", "sites"), p,
                        pop[k] == 1 ? "person" : "people", sites[k] == 1 ? ONE[k] : MANY[k], LAMBDA[k]);
    }
}

static void outage_section(omv__buf *b, const omv__spof_view *v, const char *region_words)
{
    const omv_net *net = v->net;
    size_t nout = omv_spof_outage_count(v->s);
    if (nout == 0)
        return;
    char words[512];
    omv__spof_region_words(words, sizeof(words), v->outage_region);
    omv__buf_printf(b, "\nPower outages%s%s (nodes without reserve power for the whole outage fail):\n",
                    words[0] ? " " : "", words);
    for (size_t k = 0; k < nout; k++) {
        omv_spof_outage o;
        if (omv_spof_outage_get(v->s, k, &o))
            continue;
        char h[48];
        omv__fmt_fixed(h, sizeof(h), o.hours, OMV__SPOF_HOURS_DECIMALS);
        omv__buf_printf(b, "  %s %s: ", h, o.hours == 1 ? "hour" : "hours");
        if (o.failed_nodes == 0) {
            omv__buf_puts(b, "no node runs out of reserve power.\n");
        } else if (o.isolated_sites == 0) {
            omv__buf_printf(b, "%s %s power; no site%s%s is cut off.\n", num(o.failed_nodes).s,
                            plural(o.failed_nodes, "node loses", "nodes lose"), region_words[0] ? " " : "",
                            region_words);
        } else {
            omv__buf_printf(b, "%s %s power; ", num(o.failed_nodes).s,
                            plural(o.failed_nodes, "node loses", "nodes lose"));
            sites_people(b, o.isolated_sites, o.isolated_population);
            omv__buf_printf(b, "%s%s are cut off or without power.\n", region_words[0] ? " " : "", region_words);
        }
        size_t nup = omv_spof_upgrade_count(v->s, k);
        for (size_t j = 0; j < nup && j < TEXT_UPGRADES; j++) {
            omv_spof_upgrade u;
            if (omv_spof_upgrade_get(v->s, k, j, &u) || u.node < 0 || (size_t)u.node >= v->nnodes)
                continue;
            omv__buf_printf(b, "    Reserve power at %s would reconnect ", omv_net_node_name(net, (size_t)u.node));
            sites_people(b, u.reconnected_sites, u.reconnected_population);
            if (u.candidate >= 0 && (size_t)u.candidate < v->nlinks)
                omv__buf_printf(b, " (candidate %s).\n", omv_net_link_id(net, (size_t)u.candidate));
            else
                omv__buf_puts(b, " (no reserve-power candidate in the data).\n");
        }
    }
}

int omv_spof_text(char **text, omv_ctx *ctx, const omv_spof *s, const omv_net *net, size_t top)
{
    *text = NULL;
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    char region_words[512];
    omv__spof_region_words(region_words, sizeof(region_words), v.region);
    omv__buf b;
    omv__buf_init(&b);
    header(&b, &v, region_words);
    size_t n = top == 0 || top > v.nitems ? v.nitems : top;
    if (v.nsites_region == 0) {
        omv__buf_printf(&b, "\nThere is no site%s%s, so no failure can cut one off: check the region.\n",
                        region_words[0] ? " " : "", region_words);
    } else if (v.nitems == 0) {
        omv__buf_printf(&b, "\nNo single failure of the kinds analysed cuts off a site%s%s.\n",
                        region_words[0] ? " " : "", region_words);
    } else {
        const char *sp = region_words[0] ? " " : "";
        if (v.nitems == 1)
            omv__buf_printf(&b, "\nThe one failure that cuts off sites%s%s:\n", sp, region_words);
        else if (n == v.nitems)
            omv__buf_printf(&b, "\nThe %s failures that cut off sites%s%s, worst first:\n", num(n).s, sp, region_words);
        else
            omv__buf_printf(&b, "\nThe %s worst of %s failures that cut off sites%s%s:\n", num(n).s,
                            num(v.nitems).s, sp, region_words);
        for (size_t i = 0; i < n; i++)
            item_sentence(&b, &v, i, region_words);
        srlg_section(&b, &v, n, top, region_words);
    }
    lambda_section(&b, &v, region_words);
    outage_section(&b, &v, region_words);
    *text = omv__buf_take(&b);
    omv__spof_view_free(&v);
    return *text ? 0 : OMV_NOMEM(ctx, "text");
}
