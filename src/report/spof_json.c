/*
 * spof_json.c — spof.json (schema omvei/spof/1): the parameters of the run, the summary counts,
 * every item that cuts off sites of the region in rank order, the power outages with their best
 * reserve-power upgrades, and lambda for each site of the region sorted by id. An item beyond the
 * prefix whose isolated sites the analysis keeps has "isolated": null.
 *
 * Written with the streaming writer so that key order and number precision are fixed: two runs on
 * the same input give byte-identical files whatever the thread count. The text goes out in chunks
 * (omv__spof_out), so a national network's hundreds of megabytes never sit in memory.
 */
#include "analyze/sort.h"
#include "report/jsonw.h"
#include "report/spof_report.h"

#include <stdlib.h>
#include <string.h>

/* Upgrades listed per outage: enough to plan with, few enough to keep the file small. */
#define JSON_UPGRADES 20

/* Sites sorted by id (strcmp order) for the lambda list: a radix sort on eight bytes at a time. Eight
 * bytes of an id read as a big-endian number (zeros past its end) order ids as strcmp does wherever
 * they differ; ids that share them are ordered by the next eight. A million ids sort in a fraction of
 * a second, in 16 MB. */
typedef struct {
    uint64_t key;
    int64_t node;
} id_key;

#define ID_LESS(x, y) ((x)->key < (y)->key || ((x)->key == (y)->key && (x)->node < (y)->node))
OMV__DEFINE_SORT(sort_ids, id_key, ID_LESS)

/* Bytes at..at+7 of id; 0 for those past its end. */
static uint64_t id_chunk(const char *id, size_t at)
{
    uint64_t k = 0;
    size_t i = 0;
    while (i < at && id[i])
        i++;
    size_t got = 0;
    if (i == at)
        for (; got < 8 && id[at + got]; got++)
            k = (k << 8) | (unsigned char)id[at + got];
    return got ? k << (8 * (8 - got)) : 0;
}

static void sort_by_id(id_key *a, size_t n, const omv_net *net, size_t at)
{
    sort_ids(a, n);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && a[j].key == a[i].key)
            j++;
        /* Equal eight bytes: unless the ids ended there, the next eight decide. */
        if (j - i > 1 && (a[i].key & 0xff)) {
            for (size_t x = i; x < j; x++)
                a[x].key = id_chunk(omv_net_node_id(net, (size_t)a[x].node), at + 8);
            sort_by_id(a + i, j - i, net, at + 8);
        }
        i = j;
    }
}

static void write_parameters(omv__jsonw *w, omv_ctx *ctx, const omv__spof_view *v)
{
    static const struct {
        unsigned bit;
        const char *name;
    } CLASSES[] = {{OMV_FAIL_LINKS, "links"}, {OMV_FAIL_NODES, "nodes"}, {OMV_FAIL_SRLG, "srlg"},
                   {OMV_FAIL_PAIRS, "pairs"}, {OMV_FAIL_POWER, "power"}};
    const omv_net *net = v->net;
    omv__jsonw_key(w, "parameters");
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "core");
    omv__jsonw_array(w, true);
    for (size_t k = 0; k < v->ncore; k++)
        omv__jsonw_string(w, omv_net_node_id(net, (size_t)v->core[k]));
    omv__jsonw_end(w);
    omv__jsonw_key(w, "region");
    omv__jsonw_string(w, v->region ? omv_region_spec(v->region) : NULL);
    omv__jsonw_key(w, "failures");
    omv__jsonw_array(w, true);
    for (size_t k = 0; k < sizeof(CLASSES) / sizeof(CLASSES[0]); k++)
        if (v->failures & CLASSES[k].bit)
            omv__jsonw_string(w, CLASSES[k].name);
    omv__jsonw_end(w);
    omv__jsonw_key(w, "power_outage");
    size_t nout = omv_spof_outage_count(v->s);
    if (v->failures & OMV_FAIL_POWER) {
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "region");
        omv__jsonw_string(w, v->outage_region ? omv_region_spec(v->outage_region) : NULL);
        omv__jsonw_key(w, "hours");
        omv__jsonw_array(w, true);
        for (size_t k = 0; k < nout; k++) {
            omv_spof_outage o;
            if (omv_spof_outage_get(v->s, k, &o) == 0)
                omv__jsonw_real(w, o.hours, OMV__SPOF_HOURS_DECIMALS);
        }
        omv__jsonw_end(w);
        omv__jsonw_end(w);
    } else {
        omv__jsonw_null(w);
    }
    omv__jsonw_key(w, "exact_lambda");
    omv__jsonw_bool(w, v->exact_lambda != 0);
    omv__jsonw_key(w, "seed");
    omv__jsonw_uint(w, omv_ctx_seed(ctx));
    omv__jsonw_end(w);
}

static void write_by_lambda_sites(omv__jsonw *w, const size_t n[4])
{
    static const char *const KEYS[4] = {"0", "1", "2", "3+"};
    omv__jsonw_object(w, true);
    for (int k = 0; k < 4; k++) {
        omv__jsonw_key(w, KEYS[k]);
        omv__jsonw_int(w, (int64_t)n[k]);
    }
    omv__jsonw_end(w);
}

static void write_by_lambda_pop(omv__jsonw *w, const int64_t p[4])
{
    static const char *const KEYS[4] = {"0", "1", "2", "3+"};
    omv__jsonw_object(w, true);
    for (int k = 0; k < 4; k++) {
        omv__jsonw_key(w, KEYS[k]);
        omv__jsonw_int(w, p[k]);
    }
    omv__jsonw_end(w);
}

static void write_summary(omv__jsonw *w, const omv__spof_view *v)
{
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(v->s, sites, pop);
    omv__jsonw_key(w, "summary");
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "nodes");
    omv__jsonw_int(w, (int64_t)v->nnodes);
    omv__jsonw_key(w, "links");
    omv__jsonw_int(w, (int64_t)v->nexisting);
    omv__jsonw_key(w, "bridges");
    omv__jsonw_int(w, (int64_t)omv_spof_count(v->s, OMV_ITEM_BRIDGE));
    omv__jsonw_key(w, "articulation_points");
    omv__jsonw_int(w, (int64_t)omv_spof_count(v->s, OMV_ITEM_ARTICULATION));
    omv__jsonw_key(w, "cut_pairs");
    omv__jsonw_int(w, (int64_t)omv_spof_count(v->s, OMV_ITEM_CUT_PAIR));
    omv__jsonw_key(w, "srlg_cuts");
    omv__jsonw_int(w, (int64_t)omv_spof_count(v->s, OMV_ITEM_SRLG));
    omv__jsonw_key(w, "dropped_pairs");
    omv__jsonw_int(w, (int64_t)omv_spof_dropped_pairs(v->s));
    omv__jsonw_key(w, "interrupted");
    omv__jsonw_bool(w, omv_spof_interrupted(v->s) != 0);
    omv__jsonw_key(w, "sites");
    omv__jsonw_int(w, (int64_t)v->nsites);
    omv__jsonw_key(w, "sites_in_region");
    omv__jsonw_int(w, (int64_t)v->nsites_region);
    omv__jsonw_key(w, "population_in_region");
    omv__jsonw_int(w, v->pop_region);
    omv__jsonw_key(w, "sites_by_lambda");
    write_by_lambda_sites(w, sites);
    omv__jsonw_key(w, "population_by_lambda");
    write_by_lambda_pop(w, pop);
    /* Lambda counts links only: the region sites a single shared-risk group cuts off, by lambda
     * (null without the group class). */
    omv__jsonw_key(w, "lambda_counts");
    omv__jsonw_string(w, "link-disjoint paths; shared-risk groups not counted");
    if (omv_spof_srlg_summary(v->s, sites, pop) == 0) {
        omv__jsonw_key(w, "cut_by_one_group_sites_by_lambda");
        write_by_lambda_sites(w, sites);
        omv__jsonw_key(w, "cut_by_one_group_population_by_lambda");
        write_by_lambda_pop(w, pop);
    } else {
        omv__jsonw_key(w, "cut_by_one_group_sites_by_lambda");
        omv__jsonw_null(w);
        omv__jsonw_key(w, "cut_by_one_group_population_by_lambda");
        omv__jsonw_null(w);
    }
    omv__jsonw_end(w);
}

static void write_item(omv__jsonw *w, omv__buf *scratch, const omv__spof_view *v, size_t i)
{
    const omv_spof_item item = omv__spof_view_item(v, i), *it = &item;
    const omv_net *net = v->net;
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "rank");
    omv__jsonw_int(w, (int64_t)(i + 1));
    omv__jsonw_key(w, "kind");
    omv__jsonw_string(w, omv__spof_kind_name(it->kind));

    omv__jsonw_key(w, "links");
    omv__jsonw_array(w, true);
    if (it->kind == OMV_ITEM_BRIDGE || it->kind == OMV_ITEM_CUT_PAIR) {
        for (int k = 0; k < (it->kind == OMV_ITEM_CUT_PAIR ? 2 : 1); k++)
            if (it->link[k] >= 0 && (size_t)it->link[k] < v->nlinks)
                omv__jsonw_string(w, omv_net_link_id(net, (size_t)it->link[k]));
    } else if (it->kind == OMV_ITEM_SRLG && it->srlg >= 0) {
        /* The existing links of the group, in link order: what a planner has to reroute. */
        for (size_t k = v->srlg_off[it->srlg]; k < v->srlg_off[it->srlg + 1]; k++)
            omv__jsonw_string(w, omv_net_link_id(net, (size_t)v->srlg_link[k]));
    }
    omv__jsonw_end(w);

    omv__jsonw_key(w, "nodes");
    omv__jsonw_array(w, true);
    if (it->kind == OMV_ITEM_ARTICULATION && it->node >= 0 && (size_t)it->node < v->nnodes) {
        omv__jsonw_string(w, omv_net_node_id(net, (size_t)it->node));
    } else if (it->kind == OMV_ITEM_POWER) {
        /* The nodes that lose power. */
        for (size_t n = 0; n < v->nnodes; n++)
            if (omv__spof_power_fails(v, n, it->hours))
                omv__jsonw_string(w, omv_net_node_id(net, n));
    }
    omv__jsonw_end(w);

    omv__jsonw_key(w, "srlg");
    omv__jsonw_string(w, it->kind == OMV_ITEM_SRLG && it->srlg >= 0 ? omv_net_srlg_name(net, (size_t)it->srlg)
                                                                     : NULL);
    omv__jsonw_key(w, "hours");
    if (it->kind == OMV_ITEM_POWER)
        omv__jsonw_real(w, it->hours, OMV__SPOF_HOURS_DECIMALS);
    else
        omv__jsonw_null(w);
    omv__jsonw_key(w, "label");
    scratch->len = 0;
    if (scratch->s)
        scratch->s[0] = '\0';
    omv__spof_item_label(scratch, v, it);
    omv__jsonw_string(w, scratch->failed ? "" : (scratch->s ? scratch->s : ""));
    omv__jsonw_key(w, "isolated_sites");
    omv__jsonw_int(w, (int64_t)it->isolated_sites);
    omv__jsonw_key(w, "isolated_population");
    omv__jsonw_int(w, it->isolated_population);
    omv__jsonw_key(w, "isolated");
    const int32_t *iso = NULL;
    size_t niso = omv_spof_item_isolated(v->s, i, &iso);
    if (niso == 0 && it->isolated_sites > 0) {
        /* Lists are kept for the first items only (OMV_SPOF_LISTED_ITEMS): null says "not listed". */
        omv__jsonw_null(w);
    } else {
        omv__jsonw_array(w, true);
        for (size_t k = 0; k < niso; k++)
            omv__jsonw_string(w, omv_net_node_id(net, (size_t)iso[k]));
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
}

static void write_outages(omv__jsonw *w, const omv__spof_view *v)
{
    const omv_net *net = v->net;
    omv__jsonw_key(w, "outages");
    omv__jsonw_array(w, false);
    size_t nout = omv_spof_outage_count(v->s);
    for (size_t k = 0; k < nout; k++) {
        omv_spof_outage o;
        if (omv_spof_outage_get(v->s, k, &o))
            continue;
        omv__jsonw_object(w, false);
        omv__jsonw_key(w, "hours");
        omv__jsonw_real(w, o.hours, OMV__SPOF_HOURS_DECIMALS);
        omv__jsonw_key(w, "failed_nodes");
        omv__jsonw_int(w, (int64_t)o.failed_nodes);
        omv__jsonw_key(w, "isolated_sites");
        omv__jsonw_int(w, (int64_t)o.isolated_sites);
        omv__jsonw_key(w, "isolated_population");
        omv__jsonw_int(w, o.isolated_population);
        omv__jsonw_key(w, "upgrades");
        omv__jsonw_array(w, false);
        size_t nup = omv_spof_upgrade_count(v->s, k);
        for (size_t j = 0; j < nup && j < JSON_UPGRADES; j++) {
            omv_spof_upgrade u;
            if (omv_spof_upgrade_get(v->s, k, j, &u) || u.node < 0 || (size_t)u.node >= v->nnodes)
                continue;
            omv__jsonw_object(w, true);
            omv__jsonw_key(w, "node");
            omv__jsonw_string(w, omv_net_node_id(net, (size_t)u.node));
            omv__jsonw_key(w, "candidate");
            omv__jsonw_string(w, u.candidate >= 0 && (size_t)u.candidate < v->nlinks
                                     ? omv_net_link_id(net, (size_t)u.candidate)
                                     : NULL);
            omv__jsonw_key(w, "reconnected_sites");
            omv__jsonw_int(w, (int64_t)u.reconnected_sites);
            omv__jsonw_key(w, "reconnected_population");
            omv__jsonw_int(w, u.reconnected_population);
            omv__jsonw_end(w);
        }
        omv__jsonw_end(w);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
}

static int write_lambda(omv__jsonw *w, omv_ctx *ctx, const omv__spof_view *v)
{
    id_key *sites = malloc((v->nsites_region + 1) * sizeof(*sites));
    if (!sites)
        return OMV_NOMEM(ctx, "lambda list");
    size_t n = 0;
    for (size_t i = 0; i < v->nnodes && n < v->nsites_region; i++)
        if (v->node_flags[i] & OMV__SV_IN_REGION)
            sites[n++] = (id_key){id_chunk(omv_net_node_id(v->net, i), 0), (int64_t)i};
    sort_by_id(sites, n, v->net, 0);
    int capped = omv_spof_lambda_capped(v->s);
    omv__jsonw_key(w, "lambda");
    omv__jsonw_array(w, false);
    for (size_t k = 0; k < n; k++) {
        int lam = omv_spof_lambda(v->s, (size_t)sites[k].node);
        omv__jsonw_object(w, true);
        omv__jsonw_key(w, "site");
        omv__jsonw_string(w, omv_net_node_id(v->net, (size_t)sites[k].node));
        omv__jsonw_key(w, "lambda");
        if (lam >= 0)
            omv__jsonw_int(w, lam);
        else
            omv__jsonw_null(w);
        /* true when the 3 above means "3 or more" */
        omv__jsonw_key(w, "lambda_capped");
        omv__jsonw_bool(w, lam == 3 && capped);
        omv__jsonw_key(w, "cut_by_one_group");
        int g = omv_spof_site_srlg_cut(v->s, (size_t)sites[k].node);
        if (g >= 0)
            omv__jsonw_bool(w, g == 1);
        else
            omv__jsonw_null(w);
        omv__jsonw_end(w);
    }
    omv__jsonw_end(w);
    free(sites);
    return 0;
}

static void on_full(void *user) { omv__spof_out_flush(user, false); }

int omv__spof_json_out(omv__spof_out *o, omv_ctx *ctx, const omv__spof_view *v)
{
    omv__buf scratch;
    omv__buf_init(&scratch);
    omv__jsonw w;
    omv__jsonw_init(&w, &o->buf);
    if (o->f)
        omv__jsonw_stream(&w, on_full, o, OMV__SPOF_OUT_CHUNK);
    omv__jsonw_object(&w, false);
    omv__jsonw_key(&w, "schema");
    omv__jsonw_string(&w, OMV__SPOF_SCHEMA);
    write_parameters(&w, ctx, v);
    write_summary(&w, v);
    omv__jsonw_key(&w, "items");
    omv__jsonw_array(&w, false);
    for (size_t i = 0; i < v->nitems; i++)
        write_item(&w, &scratch, v, i);
    omv__jsonw_end(&w);
    write_outages(&w, v);
    int rc = write_lambda(&w, ctx, v);
    omv__jsonw_end(&w);
    if (!rc && scratch.failed)
        rc = OMV_NOMEM(ctx, "labels");
    if (!rc)
        rc = omv__jsonw_finish(&w, ctx);
    omv__buf_free(&scratch);
    return rc;
}

int omv__spof_json_view(char **json, omv_ctx *ctx, const omv__spof_view *v)
{
    *json = NULL;
    omv__spof_out o;
    omv__spof_out_init(&o, NULL);
    int rc = omv__spof_json_out(&o, ctx, v);
    if (!rc && !(*json = omv__buf_take(&o.buf)))
        rc = OMV_NOMEM(ctx, "JSON text");
    omv__spof_out_free(&o);
    return rc;
}

int omv_spof_json(char **json, omv_ctx *ctx, const omv_spof *s, const omv_net *net)
{
    *json = NULL;
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    rc = omv__spof_json_view(json, ctx, &v);
    omv__spof_view_free(&v);
    return rc;
}
