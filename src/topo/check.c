/*
 * check.c — the summary a planner reads after loading: counts by kind, medium and country, km by
 * medium, connected components, nodes without a position and the warnings of the load.
 */
#include "topo/net.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char code[4];
    size_t n;
} country_count;

struct omv_check {
    size_t nodes, links, candidates, demands, srlgs;
    int64_t population;
    size_t islands;
    size_t by_kind[OMV_KIND_COUNT_];
    size_t links_by_medium[OMV_MEDIUM_COUNT_];
    size_t cand_by_medium[OMV_MEDIUM_COUNT_];
    double km_by_medium[OMV_MEDIUM_COUNT_];
    size_t unknown_length;
    country_count *countries; /* sorted by code; "" = unknown */
    size_t ncountries;
    size_t ncomponents;
    size_t *comp_sizes; /* descending */
    size_t *no_position; /* node indices, in input order */
    size_t nno_position;
    char **warnings;
    size_t nwarnings;
    const omv_net *net;
    /* missing data: nodes that serve people (not waypoints or satellite gateways), those of them
     * without population or power_h, and core nodes (kind core or ixp) */
    size_t served, no_population, no_power, core_nodes;
};

void omv_check_free(omv_check *chk)
{
    if (!chk)
        return;
    free(chk->countries);
    free(chk->comp_sizes);
    free(chk->no_position);
    for (size_t i = 0; i < chk->nwarnings; i++)
        free(chk->warnings[i]);
    free(chk->warnings);
    free(chk);
}

size_t omv_check_component_count(const omv_check *chk) { return chk->ncomponents; }

static int32_t uf_find(int32_t *p, int32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static int grow_sz(size_t **arr, size_t *cap, size_t need) { return OMV_GROW(*arr, *cap, need); }

static int cmp_size_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int cmp_country(const void *a, const void *b)
{
    return strcmp(((const country_count *)a)->code, ((const country_count *)b)->code);
}

int omv_check_run(omv_check **out, omv_ctx *ctx, const omv_net *net)
{
    *out = NULL;
    omv_check *c = calloc(1, sizeof(*c));
    int32_t *parent = malloc((net->nnodes + 1) * sizeof(*parent));
    size_t *size = calloc(net->nnodes + 1, sizeof(*size));
    if (!c || !parent || !size) {
        free(parent);
        free(size);
        omv_check_free(c);
        return OMV_NOMEM(ctx, "check");
    }
    size_t cap_nopos = 0;
    c->net = net;
    c->nodes = net->nnodes;
    c->srlgs = net->nsrlg;
    c->demands = net->ndemands;
    for (size_t v = 0; v < net->nnodes; v++) {
        const omv__node *n = &net->nodes[v];
        /* The loader caps each node's population so that no network's total can overflow; a
         * network made some other way still gets a checked sum, never a wrapped one. */
        if (n->population < 0 || __builtin_add_overflow(c->population, n->population, &c->population)) {
            free(parent);
            free(size);
            omv_check_free(c);
            return OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: node '%s': %s", omv__net_file(net, n->file), n->line, n->id,
                           n->population < 0 ? "population is negative"
                                             : "total population exceeds 9,223,372,036,854,775,807");
        }
        c->islands += n->island;
        c->by_kind[n->kind]++;
        c->core_nodes += n->kind == OMV_KIND_CORE || n->kind == OMV_KIND_IXP;
        if (n->kind != OMV_KIND_WAYPOINT && n->kind != OMV_KIND_SATELLITE_GATEWAY) {
            c->served++;
            c->no_population += n->population == 0;
            c->no_power += isnan(n->power_h);
        }
        parent[v] = (int32_t)v;
        if (isnan(n->lat)) {
            if (grow_sz(&c->no_position, &cap_nopos, c->nno_position + 1))
                goto nomem;
            c->no_position[c->nno_position++] = v;
        }
        size_t k = 0;
        while (k < c->ncountries && strcmp(c->countries[k].code, n->country) != 0)
            k++;
        if (k == c->ncountries) {
            country_count *nc = realloc(c->countries, (k + 1) * sizeof(*nc));
            if (!nc)
                goto nomem;
            c->countries = nc;
            memcpy(nc[k].code, n->country, sizeof(nc[k].code));
            nc[k].n = 0;
            c->ncountries++;
        }
        c->countries[k].n++;
    }
    if (c->ncountries > 1) /* qsort must not see the NULL array of an empty network */
        qsort(c->countries, c->ncountries, sizeof(*c->countries), cmp_country);
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        if (l->status == OMV_STATUS_CANDIDATE) {
            c->candidates++;
            c->cand_by_medium[l->medium]++;
            continue;
        }
        c->links++;
        c->links_by_medium[l->medium]++;
        double km = omv__net_link_km(net, i);
        if (isnan(km))
            c->unknown_length++;
        else
            c->km_by_medium[l->medium] += km;
        int32_t ra = uf_find(parent, l->a), rb = uf_find(parent, l->b);
        if (ra != rb)
            parent[ra] = rb;
    }
    for (size_t v = 0; v < net->nnodes; v++)
        size[uf_find(parent, (int32_t)v)]++;
    for (size_t v = 0; v < net->nnodes; v++)
        c->ncomponents += size[v] > 0;
    c->comp_sizes = malloc((c->ncomponents + 1) * sizeof(size_t));
    if (!c->comp_sizes)
        goto nomem;
    size_t k = 0;
    for (size_t v = 0; v < net->nnodes; v++)
        if (size[v])
            c->comp_sizes[k++] = size[v];
    if (c->ncomponents > 1)
        qsort(c->comp_sizes, c->ncomponents, sizeof(size_t), cmp_size_desc);
    size_t nw = omv_ctx_warning_count(ctx);
    c->warnings = calloc(nw + 1, sizeof(char *));
    if (!c->warnings)
        goto nomem;
    for (size_t i = 0; i < nw; i++) {
        c->warnings[i] = strdup(omv_ctx_warning(ctx, i));
        if (!c->warnings[i])
            goto nomem;
        c->nwarnings++;
    }
    free(parent);
    free(size);
    *out = c;
    return 0;
nomem:
    free(parent);
    free(size);
    omv_check_free(c);
    return OMV_NOMEM(ctx, "check");
}

static double round3(double x) { return round(x * 1000.0) / 1000.0; }

int omv_check_json(char **json, omv_ctx *ctx, const omv_check *c)
{
    *json = NULL;
    const omv_net *net = c->net;
    json_t *o = json_object();
    json_object_set_new(o, "schema", json_string("omvei/check/1"));
    json_object_set_new(o, "nodes", json_integer((json_int_t)c->nodes));
    json_object_set_new(o, "links", json_integer((json_int_t)c->links));
    json_object_set_new(o, "candidates", json_integer((json_int_t)c->candidates));
    json_object_set_new(o, "demands", json_integer((json_int_t)c->demands));
    json_object_set_new(o, "srlgs", json_integer((json_int_t)c->srlgs));
    json_object_set_new(o, "population", json_integer((json_int_t)c->population));
    json_object_set_new(o, "islands", json_integer((json_int_t)c->islands));
    json_t *kinds = json_object();
    for (int k = 0; k < OMV_KIND_COUNT_; k++)
        if (c->by_kind[k])
            json_object_set_new(kinds, omv_kind_name((omv_kind)k), json_integer((json_int_t)c->by_kind[k]));
    json_object_set_new(o, "nodes_by_kind", kinds);
    json_t *countries = json_object();
    for (size_t k = 0; k < c->ncountries; k++)
        json_object_set_new(countries, c->countries[k].code[0] ? c->countries[k].code : "unknown",
                            json_integer((json_int_t)c->countries[k].n));
    json_object_set_new(o, "nodes_by_country", countries);
    json_t *lm = json_object(), *cm = json_object(), *km = json_object();
    for (int m = 0; m < OMV_MEDIUM_COUNT_; m++) {
        const char *name = omv_medium_name((omv_medium)m);
        if (c->links_by_medium[m]) {
            json_object_set_new(lm, name, json_integer((json_int_t)c->links_by_medium[m]));
            json_object_set_new(km, name, json_real(round3(c->km_by_medium[m])));
        }
        if (c->cand_by_medium[m])
            json_object_set_new(cm, name, json_integer((json_int_t)c->cand_by_medium[m]));
    }
    json_object_set_new(o, "links_by_medium", lm);
    json_object_set_new(o, "candidates_by_medium", cm);
    json_object_set_new(o, "km_by_medium", km);
    json_object_set_new(o, "links_without_length", json_integer((json_int_t)c->unknown_length));
    json_t *comp = json_object();
    json_object_set_new(comp, "count", json_integer((json_int_t)c->ncomponents));
    json_t *sizes = json_array();
    for (size_t k = 0; k < c->ncomponents; k++)
        json_array_append_new(sizes, json_integer((json_int_t)c->comp_sizes[k]));
    json_object_set_new(comp, "sizes", sizes);
    json_object_set_new(o, "components", comp);
    json_t *nopos = json_array();
    for (size_t k = 0; k < c->nno_position; k++)
        json_array_append_new(nopos, json_string(net->nodes[c->no_position[k]].id));
    json_object_set_new(o, "nodes_without_position", nopos);
    json_t *md = json_object();
    json_object_set_new(md, "nodes", json_integer((json_int_t)c->served));
    json_object_set_new(md, "without_population", json_integer((json_int_t)c->no_population));
    json_object_set_new(md, "without_power_h", json_integer((json_int_t)c->no_power));
    json_object_set_new(md, "core_nodes", json_integer((json_int_t)c->core_nodes));
    json_object_set_new(o, "missing_data", md);
    json_t *warn = json_array();
    for (size_t k = 0; k < c->nwarnings; k++)
        json_array_append_new(warn, json_string(c->warnings[k]));
    json_object_set_new(o, "warnings", warn);
    *json = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(o);
    return *json ? 0 : OMV_NOMEM(ctx, "json");
}

static void fmt_int(char *buf, size_t n, int64_t v)
{
    /* 185000 -> "185,000": easier to read in a summary. */
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "%lld", (long long)(v < 0 ? -v : v));
    size_t len = strlen(tmp), k = 0;
    if (v < 0 && k + 1 < n)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        buf[k++] = tmp[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len)
            buf[k++] = ',';
    }
    buf[k] = '\0';
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

int omv_check_text(char **text, omv_ctx *ctx, const omv_check *c)
{
    const omv_net *net = c->net;
    omv__buf b;
    omv__buf_init(&b);
    char p[32];
    fmt_int(p, sizeof(p), c->population);
    omv__buf_printf(&b, "Network: %zu node%s, %zu link%s, %zu candidate%s, %zu demand%s, %zu shared-risk group%s\n",
                    c->nodes, plural(c->nodes), c->links, plural(c->links), c->candidates, plural(c->candidates),
                    c->demands, plural(c->demands), c->srlgs, plural(c->srlgs));
    omv__buf_printf(&b, "People served: %s (%zu island node%s)\n", p, c->islands, plural(c->islands));
    omv__buf_puts(&b, "\nNodes by kind:\n");
    for (int k = 0; k < OMV_KIND_COUNT_; k++)
        if (c->by_kind[k])
            omv__buf_printf(&b, "  %-18s %8zu\n", omv_kind_name((omv_kind)k), c->by_kind[k]);
    omv__buf_puts(&b, "\nNodes by country:\n");
    for (size_t k = 0; k < c->ncountries; k++)
        omv__buf_printf(&b, "  %-18s %8zu\n", c->countries[k].code[0] ? c->countries[k].code : "(unknown)",
                        c->countries[k].n);
    omv__buf_puts(&b, "\nExisting links by medium:      links          km\n");
    for (int m = 0; m < OMV_MEDIUM_COUNT_; m++)
        if (c->links_by_medium[m])
            omv__buf_printf(&b, "  %-18s %15zu %11.1f\n", omv_medium_name((omv_medium)m), c->links_by_medium[m],
                            c->km_by_medium[m]);
    if (c->unknown_length)
        omv__buf_printf(&b, "  (%zu link%s without a length: no positions and no length_km)\n", c->unknown_length,
                        plural(c->unknown_length));
    if (c->candidates) {
        omv__buf_puts(&b, "\nCandidates by medium:\n");
        for (int m = 0; m < OMV_MEDIUM_COUNT_; m++)
            if (c->cand_by_medium[m])
                omv__buf_printf(&b, "  %-18s %8zu\n", omv_medium_name((omv_medium)m), c->cand_by_medium[m]);
    }
    omv__buf_printf(&b, "\nComponents: %zu", c->ncomponents);
    if (c->ncomponents > 1) {
        omv__buf_puts(&b, " (sizes");
        for (size_t k = 0; k < c->ncomponents && k < 10; k++)
            omv__buf_printf(&b, " %zu", c->comp_sizes[k]);
        omv__buf_puts(&b, c->ncomponents > 10 ? " ...)" : ")");
    }
    omv__buf_puts(&b, "\n");
    omv__buf_printf(&b, "Nodes without a position: %zu", c->nno_position);
    for (size_t k = 0; k < c->nno_position && k < 10; k++)
        omv__buf_printf(&b, "%s%s", k ? ", " : " (", net->nodes[c->no_position[k]].id);
    if (c->nno_position)
        omv__buf_puts(&b, c->nno_position > 10 ? ", ...)" : ")");
    omv__buf_puts(&b, "\n");
    omv__buf_printf(&b, "Warnings: %zu\n", c->nwarnings);
    for (size_t k = 0; k < c->nwarnings; k++)
        omv__buf_printf(&b, "  %s\n", c->warnings[k]);
    omv__buf_printf(&b, "Missing data: %zu of %zu node%s without population, %zu without power_h; %zu core node%s\n",
                    c->no_population, c->served, plural(c->served), c->no_power, c->core_nodes, plural(c->core_nodes));
    *text = omv__buf_take(&b);
    return *text ? 0 : OMV_NOMEM(ctx, "text");
}
