/*
 * net.c — the network model after loading: getters of the public API, names of kinds and media,
 * the CSR adjacency, missing lengths, and the canonical text of every contract column for writers.
 */
#include "topo/net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const KIND_NAMES[OMV_KIND_COUNT_] = {
    "site", "core", "ixp", "datacenter", "exchange", "landing", "border", "waypoint", "satellite_gateway"};
static const char *const MEDIUM_NAMES[OMV_MEDIUM_COUNT_] = {"fiber",     "subsea", "aerial", "microwave",
                                                            "satellite", "leased", "power"};

const char *omv_kind_name(omv_kind k) { return (unsigned)k < OMV_KIND_COUNT_ ? KIND_NAMES[k] : NULL; }
const char *omv_medium_name(omv_medium m) { return (unsigned)m < OMV_MEDIUM_COUNT_ ? MEDIUM_NAMES[m] : NULL; }

/* Names are matched without regard to case: spreadsheets often hold "Core" or "Subsea". */
int omv_kind_parse(const char *s)
{
    for (int i = 0; i < OMV_KIND_COUNT_; i++)
        if (strcasecmp(s, KIND_NAMES[i]) == 0)
            return i;
    return -1;
}

int omv_medium_parse(const char *s)
{
    for (int i = 0; i < OMV_MEDIUM_COUNT_; i++)
        if (strcasecmp(s, MEDIUM_NAMES[i]) == 0)
            return i;
    if (strcasecmp(s, "fibre") == 0)
        return OMV_MEDIUM_FIBER;
    return -1;
}

void omv_net_free(omv_net *net)
{
    if (!net)
        return;
    if (net->base) {
        free(net->off);
        free(net->adj);
        free(net->eid);
        free(net->link_state);
        free(net->power_h);
        free(net);
        return;
    }
    omv__idmap_free(&net->node_ids);
    omv__idmap_free(&net->link_ids);
    omv__strmap_free(&net->srlg_ids);
    free(net->nodes);
    free(net->links);
    free(net->link_srlg);
    free(net->srlg_names);
    free(net->munis);
    free(net->demands);
    free(net->node_attr_cols);
    free(net->link_attr_cols);
    free(net->files);
    free(net->off);
    free(net->adj);
    free(net->eid);
    omv__arena_free(&net->arena);
    free(net);
}

size_t omv_net_node_count(const omv_net *net) { return net->nnodes; }
size_t omv_net_link_count(const omv_net *net) { return net->nlinks; }
size_t omv_net_demand_count(const omv_net *net) { return net->ndemands; }
size_t omv_net_srlg_count(const omv_net *net) { return net->nsrlg; }

const char *omv_net_node_id(const omv_net *net, size_t i) { return net->nodes[i].id; }
const char *omv_net_node_name(const omv_net *net, size_t i)
{
    return omv__node_name(&net->nodes[i]) ? omv__node_name(&net->nodes[i]) : net->nodes[i].id;
}
double omv_net_node_lat(const omv_net *net, size_t i) { return net->nodes[i].lat; }
double omv_net_node_lon(const omv_net *net, size_t i) { return net->nodes[i].lon; }
const char *omv_net_node_country(const omv_net *net, size_t i) { return net->nodes[i].country; }
omv_kind omv_net_node_kind(const omv_net *net, size_t i) { return (omv_kind)net->nodes[i].kind; }
int64_t omv_net_node_population(const omv_net *net, size_t i) { return net->nodes[i].population; }
int omv_net_node_island(const omv_net *net, size_t i) { return net->nodes[i].island; }
double omv_net_node_power_h(const omv_net *net, size_t i) { return omv__node_power(net, i); }
long omv_net_node_find(const omv_net *net, const char *id) { return omv__idmap_get(&net->node_ids, net, id); }

const char *omv_net_link_id(const omv_net *net, size_t i) { return net->links[i].id; }
long omv_net_link_a(const omv_net *net, size_t i) { return net->links[i].a; }
long omv_net_link_b(const omv_net *net, size_t i) { return net->links[i].b; }
omv_medium omv_net_link_medium(const omv_net *net, size_t i) { return (omv_medium)net->links[i].medium; }
omv_status omv_net_link_status(const omv_net *net, size_t i)
{
    if (net->link_state && net->link_state[i] != OMV__LS_OFF)
        return net->link_state[i] == OMV__LS_EXISTING ? OMV_STATUS_EXISTING : OMV_STATUS_CANDIDATE;
    return (omv_status)net->links[i].status;
}
double omv_net_link_length_km(const omv_net *net, size_t i) { return omv__net_link_km(net, i); }
double omv_net_link_capacity_gbps(const omv_net *net, size_t i) { return net->links[i].capacity_gbps; }
double omv_net_link_cost_nok(const omv_net *net, size_t i) { return omv__link_cost(&net->links[i]); }
size_t omv_net_link_srlg_count(const omv_net *net, size_t i) { return net->links[i].nsrlg; }
const char *omv_net_link_srlg(const omv_net *net, size_t i, size_t k)
{
    const omv__link *l = &net->links[i];
    return k < l->nsrlg ? net->srlg_names[net->link_srlg[l->srlg_off + k]] : NULL;
}
long omv_net_link_find(const omv_net *net, const char *id)
{
    for (size_t i = 0; i < net->nlinks; i++)
        if (strcmp(net->links[i].id, id) == 0)
            return (long)i;
    return -1;
}
const char *omv_net_srlg_name(const omv_net *net, size_t g) { return g < net->nsrlg ? net->srlg_names[g] : NULL; }

int omv__net_build_csr(omv_net *net, omv_ctx *ctx)
{
    size_t n = net->nnodes;
    size_t m = 0;
    for (size_t i = 0; i < net->nlinks; i++)
        m += omv__link_exists(net, i) && net->links[i].b >= 0;
    free(net->off);
    free(net->adj);
    free(net->eid);
    net->off = omv__big_calloc(n + 2, sizeof(int32_t));
    net->adj = omv__big_malloc((2 * m + 1) * sizeof(int32_t));
    net->eid = omv__big_malloc((2 * m + 1) * sizeof(int32_t));
    if (!net->off || !net->adj || !net->eid)
        return OMV_NOMEM(ctx, "adjacency");
    if (2 * m > INT32_MAX)
        return OMV_ERR(ctx, OMV_EDATA, "too many links for the adjacency arrays");
    int32_t *off = net->off;
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        if (!omv__link_exists(net, i) || l->b < 0)
            continue;
        off[l->a + 2]++;
        off[l->b + 2]++;
    }
    for (size_t v = 0; v < n; v++)
        off[v + 2] += off[v + 1];
    /* off[v+1] is now the insertion cursor of v; after the fill it is the end of v = start of v+1. */
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        if (!omv__link_exists(net, i) || l->b < 0)
            continue;
        int32_t k = off[l->a + 1]++;
        net->adj[k] = l->b;
        net->eid[k] = (int32_t)i;
        k = off[l->b + 1]++;
        net->adj[k] = l->a;
        net->eid[k] = (int32_t)i;
    }
    net->n_existing = m;
    return 0;
}

const char *omv__net_node_key(const void *net, int32_t i) { return ((const omv_net *)net)->nodes[i].id; }
const char *omv__net_link_key(const void *net, int32_t i) { return ((const omv_net *)net)->links[i].id; }

void omv__fmt_double(char *buf, size_t bufsz, double v)
{
    if (isnan(v)) {
        buf[0] = '\0';
        return;
    }
    /* The shortest of %.15g..%.17g that reads back exactly: no noise digits in files. */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, bufsz, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

const char *const OMV__NODE_COLS[] = {"id",         "name",   "lat",     "lon",         "country",
                                      "kind",       "population", "island", "power_h", "municipality"};
const size_t OMV__NODE_NCOLS = sizeof(OMV__NODE_COLS) / sizeof(OMV__NODE_COLS[0]);
const char *const OMV__LINK_COLS[] = {"id",       "a",    "b",      "medium",   "capacity_gbps", "length_km",
                                      "operator", "srlg", "status", "cost_nok", "power_h", "metric"};
const size_t OMV__LINK_NCOLS = sizeof(OMV__LINK_COLS) / sizeof(OMV__LINK_COLS[0]);

const char *omv__node_cell(const omv_net *net, size_t i, size_t col, char *buf, size_t bufsz)
{
    const omv__node *n = &net->nodes[i];
    buf[0] = '\0';
    switch (col) {
    case 0:
        return n->id;
    case 1:
        return omv__node_name(n) ? omv__node_name(n) : "";
    case 2:
        omv__fmt_double(buf, bufsz, n->lat);
        return buf;
    case 3:
        omv__fmt_double(buf, bufsz, n->lon);
        return buf;
    case 4:
        return n->country;
    case 5:
        return KIND_NAMES[n->kind];
    case 6:
        snprintf(buf, bufsz, "%lld", (long long)n->population);
        return buf;
    case 7:
        return n->island ? "true" : "false";
    case 8:
        omv__fmt_double(buf, bufsz, n->power_h);
        return buf;
    case 9:
        return omv__node_municipality(net, n) ? omv__node_municipality(net, n) : "";
    default:
        return "";
    }
}

const char *omv__link_cell(const omv_net *net, size_t i, size_t col, char *buf, size_t bufsz)
{
    const omv__link *l = &net->links[i];
    buf[0] = '\0';
    switch (col) {
    case 0:
        return l->id;
    case 1:
        return net->nodes[l->a].id;
    case 2:
        return l->b >= 0 ? net->nodes[l->b].id : "";
    case 3:
        return MEDIUM_NAMES[l->medium];
    case 4:
        omv__fmt_double(buf, bufsz, l->capacity_gbps);
        return buf;
    case 5:
        if (l->length_given)
            omv__fmt_double(buf, bufsz, l->length_km);
        return buf;
    case 6:
        return omv__link_operator(l) ? omv__link_operator(l) : "";
    case 7: {
        size_t k = 0;
        for (uint32_t j = 0; j < l->nsrlg; j++) {
            const char *g = net->srlg_names[net->link_srlg[l->srlg_off + j]];
            int w = snprintf(buf + k, bufsz - k, "%s%s", j ? ";" : "", g);
            if (w < 0 || (size_t)w >= bufsz - k)
                break;
            k += (size_t)w;
        }
        return buf;
    }
    case 8:
        return l->status == OMV_STATUS_CANDIDATE ? "candidate" : "existing";
    case 9:
        omv__fmt_double(buf, bufsz, omv__link_cost(l));
        return buf;
    case 10:
        omv__fmt_double(buf, bufsz, omv__link_power(l));
        return buf;
    case 11:
        omv__fmt_double(buf, bufsz, omv__link_metric(l));
        return buf;
    default:
        return "";
    }
}

const char *omv__attrs_get(const omv__attrs *a, const char *key)
{
    if (!a)
        return NULL;
    for (uint32_t i = 0; i < a->n; i++)
        if (strcmp(a->keys[i], key) == 0)
            return a->vals[i];
    return NULL;
}

size_t omv_net_file_count(const omv_net *net) { return net->nfiles; }
const char *omv_net_file(const omv_net *net, size_t i) { return i < net->nfiles ? net->files[i] : NULL; }
