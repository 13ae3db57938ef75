/*
 * spof_view.c — the digest every report of the failure analysis reads: which nodes are core, sites
 * and in the region, the links of each group, and (for the map and the sites table) the first item
 * that isolates each site and the role and worst item of each link; plus labels and region words for
 * sentences.
 */
#include "report/spof_report.h"
#include "report/jsonw.h"
#include "topo/net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EN_DASH "\xe2\x80\x93"

void omv__spof_view_free(omv__spof_view *v)
{
    if (!v)
        return;
    free(v->node_flags);
    free(v->srlg_off);
    free(v->srlg_link);
    free(v->worst_rank);
    free(v->art_rank);
    free(v->link_role);
    free(v->link_rank);
    memset(v, 0, sizeof(*v));
}

int omv__spof_view_init(omv__spof_view *v, omv_ctx *ctx, const omv_spof *s, const omv_net *net)
{
    memset(v, 0, sizeof(*v));
    v->s = s;
    v->net = net;
    v->region = omv_spof_region(s);
    v->outage_region = omv_spof_outage_region(s);
    v->failures = omv_spof_failures(s);
    v->exact_lambda = omv_spof_exact_lambda(s);

    v->nnodes = omv_net_node_count(net);
    v->nlinks = omv_net_link_count(net);
    v->nsrlg = omv_net_srlg_count(net);
    v->nitems = omv_spof_item_count(s);
    v->ncore = omv_spof_core(s, &v->core);
    int rc = 0;
    v->node_flags = calloc(v->nnodes + 1, sizeof(*v->node_flags));
    v->srlg_off = calloc(v->nsrlg + 2, sizeof(*v->srlg_off));
    if (!v->node_flags || !v->srlg_off) {
        rc = OMV_NOMEM(ctx, "report of the failure analysis");
        goto cleanup;
    }
    for (size_t k = 0; k < v->ncore; k++) {
        if (v->core[k] < 0 || (size_t)v->core[k] >= v->nnodes) {
            rc = OMV_ERR(ctx, OMV_EINTERNAL, "core node index %ld out of range", (long)v->core[k]);
            goto cleanup;
        }
        v->node_flags[v->core[k]] |= OMV__SV_CORE;
    }
    for (size_t i = 0; i < v->nnodes; i++) {
        if ((v->node_flags[i] & OMV__SV_CORE) || omv_net_node_kind(net, i) == OMV_KIND_WAYPOINT)
            continue;
        v->node_flags[i] |= OMV__SV_SITE;
        v->nsites++;
        if (!v->region || omv_region_has(v->region, net, i)) {
            v->node_flags[i] |= OMV__SV_IN_REGION;
            v->nsites_region++;
            v->pop_region += omv_net_node_population(net, i);
        }
    }
    for (size_t l = 0; l < v->nlinks; l++) {
        const omv__link *lk = &net->links[l];
        if (!omv__link_exists(net, l))
            continue;
        v->nexisting++;
        for (size_t k = 0; k < lk->nsrlg; k++)
            v->srlg_off[net->link_srlg[lk->srlg_off + k] + 2]++;
    }
    /* Group lists by counting sort: off[g + 2] counted above, prefix sums, then fill through
     * off[g + 1] as the cursor, which ends equal to the start of group g + 1. */
    for (size_t g = 0; g < v->nsrlg; g++)
        v->srlg_off[g + 2] += v->srlg_off[g + 1];
    v->srlg_link = malloc((v->srlg_off[v->nsrlg + 1] + 1) * sizeof(*v->srlg_link));
    if (!v->srlg_link) {
        rc = OMV_NOMEM(ctx, "report of the failure analysis");
        goto cleanup;
    }
    for (size_t l = 0; l < v->nlinks; l++) {
        const omv__link *lk = &net->links[l];
        if (!omv__link_exists(net, l))
            continue;
        for (size_t k = 0; k < lk->nsrlg; k++)
            v->srlg_link[v->srlg_off[net->link_srlg[lk->srlg_off + k] + 1]++] = (int32_t)l;
    }
cleanup:
    if (rc)
        omv__spof_view_free(v);
    return rc;
}

/* The most severe role and the first (worst) item rank of link l. */
static void link_mark(omv__spof_view *v, long l, omv__link_role role, int32_t rank)
{
    if (l < 0 || (size_t)l >= v->nlinks || v->link_role[l] == OMV__LINK_CANDIDATE)
        return;
    if (role > v->link_role[l])
        v->link_role[l] = (uint8_t)role;
    if (!v->link_rank[l] || rank < v->link_rank[l])
        v->link_rank[l] = rank;
}

int omv__spof_view_ranks(omv__spof_view *v, omv_ctx *ctx)
{
    if (v->worst_rank)
        return 0;
    const omv_net *net = v->net;
    size_t nn = v->nnodes + 1, nl = v->nlinks + 1;
    v->worst_rank = calloc(nn, sizeof(*v->worst_rank));
    v->art_rank = calloc(nn, sizeof(*v->art_rank));
    v->link_role = calloc(nl, sizeof(*v->link_role));
    v->link_rank = calloc(nl, sizeof(*v->link_rank));
    int32_t *srlg_rank = calloc(v->nsrlg + 1, sizeof(*srlg_rank)); /* 0: no item for the group */
    int rc = 0;
    if (!v->worst_rank || !v->art_rank || !v->link_role || !v->link_rank || !srlg_rank) {
        rc = OMV_NOMEM(ctx, "report of the failure analysis");
        goto cleanup;
    }
    for (size_t l = 0; l < v->nlinks; l++)
        if (!omv__link_exists(net, l))
            v->link_role[l] = OMV__LINK_CANDIDATE;
    for (size_t i = 0; i < v->nitems; i++) {
        omv_spof_item it;
        if (omv_spof_item_get(v->s, i, &it)) {
            rc = OMV_ERR(ctx, OMV_EINTERNAL, "item %zu of %zu cannot be read", i, v->nitems);
            goto cleanup;
        }
        int32_t rank = (int32_t)(i + 1);
        const int32_t *iso = NULL;
        size_t niso = omv_spof_item_isolated(v->s, i, &iso);
        for (size_t k = 0; k < niso; k++) {
            if (iso[k] < 0 || (size_t)iso[k] >= v->nnodes) {
                rc = OMV_ERR(ctx, OMV_EINTERNAL, "isolated node index %ld out of range", (long)iso[k]);
                goto cleanup;
            }
            if (!v->worst_rank[iso[k]])
                v->worst_rank[iso[k]] = rank;
            if (i == 0)
                v->node_flags[iso[k]] |= OMV__SV_TOP_ISOLATED;
        }
        switch (it.kind) {
        case OMV_ITEM_BRIDGE:
            link_mark(v, it.link[0], OMV__LINK_BRIDGE, rank);
            break;
        case OMV_ITEM_CUT_PAIR:
            link_mark(v, it.link[0], OMV__LINK_CUT_PAIR, rank);
            link_mark(v, it.link[1], OMV__LINK_CUT_PAIR, rank);
            break;
        case OMV_ITEM_ARTICULATION:
            if (it.node >= 0 && (size_t)it.node < v->nnodes) {
                v->node_flags[it.node] |= OMV__SV_ARTICULATION;
                if (!v->art_rank[it.node])
                    v->art_rank[it.node] = rank;
            }
            break;
        case OMV_ITEM_SRLG:
            if (it.srlg >= 0 && (size_t)it.srlg < v->nsrlg && !srlg_rank[it.srlg])
                srlg_rank[it.srlg] = rank;
            break;
        default:
            break;
        }
    }
    /* Links of a group whose failure cuts off sites. */
    for (size_t l = 0; l < v->nlinks; l++) {
        if (v->link_role[l] == OMV__LINK_CANDIDATE)
            continue;
        const omv__link *lk = &net->links[l];
        for (size_t k = 0; k < lk->nsrlg; k++) {
            int32_t g = net->link_srlg[lk->srlg_off + k];
            if (srlg_rank[g])
                link_mark(v, (long)l, OMV__LINK_SRLG_CUT, srlg_rank[g]);
        }
    }
cleanup:
    free(srlg_rank);
    if (rc) {
        free(v->worst_rank);
        free(v->art_rank);
        free(v->link_role);
        free(v->link_rank);
        v->worst_rank = v->art_rank = v->link_rank = NULL;
        v->link_role = NULL;
    }
    return rc;
}

int64_t omv__spof_view_rank_pop(const omv__spof_view *v, int32_t r)
{
    if (r <= 0)
        return 0;
    omv_spof_item it = omv__spof_view_item(v, (size_t)r - 1);
    return it.isolated_population > 0 ? it.isolated_population : 0;
}

bool omv__spof_power_fails(const omv__spof_view *v, size_t i, double hours)
{
    /* Without an outage region every node is in the outage. */
    if (!(v->failures & OMV_FAIL_POWER) || (v->outage_region && !omv_region_has(v->outage_region, v->net, i)))
        return false;
    double h = omv_net_node_power_h(v->net, i);
    return isnan(h) || h < hours;
}

long omv__spof_outage_find(const omv__spof_view *v, double hours)
{
    size_t n = omv_spof_outage_count(v->s);
    for (size_t k = 0; k < n; k++) {
        omv_spof_outage o;
        if (omv_spof_outage_get(v->s, k, &o) == 0 && o.hours == hours)
            return (long)k;
    }
    return -1;
}

const char *omv__spof_kind_name(omv_item_kind k)
{
    static const char *const NAMES[OMV_ITEM_KIND_COUNT_] = {"bridge", "articulation_point", "srlg", "cut_pair",
                                                            "power_outage"};
    return (unsigned)k < OMV_ITEM_KIND_COUNT_ ? NAMES[k] : "unknown";
}

void omv__spof_link_label(omv__buf *b, const omv_net *net, size_t l)
{
    long a = omv_net_link_a(net, l), bb = omv_net_link_b(net, l);
    omv__buf_puts(b, a >= 0 ? omv_net_node_name(net, (size_t)a) : "?");
    omv__buf_puts(b, EN_DASH);
    omv__buf_puts(b, bb >= 0 ? omv_net_node_name(net, (size_t)bb) : "?");
}

void omv__spof_item_label(omv__buf *b, const omv__spof_view *v, const omv_spof_item *it)
{
    const omv_net *net = v->net;
    switch (it->kind) {
    case OMV_ITEM_BRIDGE:
        if (it->link[0] >= 0 && (size_t)it->link[0] < v->nlinks)
            omv__spof_link_label(b, net, (size_t)it->link[0]);
        break;
    case OMV_ITEM_CUT_PAIR:
        if (it->link[0] >= 0 && (size_t)it->link[0] < v->nlinks && it->link[1] >= 0 &&
            (size_t)it->link[1] < v->nlinks) {
            omv__spof_link_label(b, net, (size_t)it->link[0]);
            omv__buf_puts(b, " and ");
            omv__spof_link_label(b, net, (size_t)it->link[1]);
        }
        break;
    case OMV_ITEM_ARTICULATION:
        if (it->node >= 0 && (size_t)it->node < v->nnodes)
            omv__buf_puts(b, omv_net_node_name(net, (size_t)it->node));
        break;
    case OMV_ITEM_SRLG:
        if (it->srlg >= 0 && (size_t)it->srlg < v->nsrlg)
            omv__buf_puts(b, omv_net_srlg_name(net, (size_t)it->srlg));
        break;
    case OMV_ITEM_POWER: {
        char h[48], words[512];
        omv__fmt_fixed(h, sizeof(h), it->hours, OMV__SPOF_HOURS_DECIMALS);
        omv__spof_region_words(words, sizeof(words), v->outage_region);
        omv__buf_printf(b, "%s-hour power outage%s%s", h, words[0] ? " " : "", words);
        break;
    }
    default:
        break;
    }
}

void omv__spof_region_words(char *buf, size_t bufsz, const omv_region *r)
{
    if (bufsz == 0)
        return;
    buf[0] = '\0';
    const char *spec = r ? omv_region_spec(r) : NULL;
    if (!spec || !spec[0] || strcasecmp(spec, "all") == 0)
        return;
    double x[4];
    char n[4][48];
    if (strcasecmp(spec, "north-of-trondheim") == 0) {
        snprintf(buf, bufsz, "north of Trondheim");
    } else if (strcasecmp(spec, "islands") == 0) {
        snprintf(buf, bufsz, "on the islands");
    } else if (strncasecmp(spec, "country:", 8) == 0) {
        snprintf(buf, bufsz, "in %s", spec + 8);
    } else if ((strncasecmp(spec, "lat>", 4) == 0 || strncasecmp(spec, "lat<", 4) == 0) &&
               sscanf(spec + 4, "%lf", &x[0]) == 1) {
        omv__fmt_fixed(n[0], sizeof(n[0]), x[0], OMV__SPOF_COORD_DECIMALS);
        snprintf(buf, bufsz, "%s of latitude %s", spec[3] == '>' ? "north" : "south", n[0]);
    } else if (strncasecmp(spec, "bbox:", 5) == 0 &&
               sscanf(spec + 5, "%lf,%lf,%lf,%lf", &x[0], &x[1], &x[2], &x[3]) == 4) {
        for (int k = 0; k < 4; k++)
            omv__fmt_fixed(n[k], sizeof(n[k]), x[k], OMV__SPOF_COORD_DECIMALS);
        snprintf(buf, bufsz, "in the area lon %s" EN_DASH "%s, lat %s" EN_DASH "%s", n[0], n[2], n[1], n[3]);
    } else if (strncasecmp(spec, "polygon:", 8) == 0 && omv_region_label(r)) {
        /* The area's own name, from the file ("in Nordland"). */
        snprintf(buf, bufsz, "in %s", omv_region_label(r));
    } else if (strncasecmp(spec, "polygon:", 8) == 0) {
        /* The file's base name: the folder it sits in says nothing to a reader. */
        const char *base = strrchr(spec + 8, '/');
        snprintf(buf, bufsz, "in the area of %s", base ? base + 1 : spec + 8);
    } else {
        snprintf(buf, bufsz, "in %s", spec);
    }
}

void omv__fmt_thousands(char *buf, size_t bufsz, int64_t v)
{
    char digits[32];
    snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(v < 0 ? -(uint64_t)v : (uint64_t)v));
    size_t len = strlen(digits), k = 0;
    if (bufsz == 0)
        return;
    if (v < 0 && k + 1 < bufsz)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 1 < bufsz; i++) {
        buf[k++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len && k + 1 < bufsz)
            buf[k++] = ',';
    }
    buf[k] = '\0';
}
