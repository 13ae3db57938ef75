/*
 * aftermath.c — for each shared-risk group, the sites its loss leaves one cut from isolation and the
 * worst follow-up link. Built on the public pieces: the network without the group (an overlay, ids
 * and indices unchanged) and the single-link analysis of that overlay.
 */
#include "topo/net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_aftermath(const void *x, const void *y)
{
    const omv_aftermath *a = x, *b = y;
    if (a->weakened_population != b->weakened_population)
        return a->weakened_population > b->weakened_population ? -1 : 1;
    if (a->worst_population != b->worst_population)
        return a->worst_population > b->worst_population ? -1 : 1;
    return a->srlg < b->srlg ? -1 : a->srlg > b->srlg;
}

/* The worst link that the group's loss turns into a single point of failure (items come sorted,
 * worst first), as a link of net. Links that were bridges already are the single-failure list's. */
static void worst_bridge(const omv_spof *after, const uint8_t *was_bridge, omv_aftermath *a)
{
    a->worst_link = -1;
    for (size_t i = 0; i < omv_spof_item_count(after); i++) {
        omv_spof_item it;
        if (omv_spof_item_get(after, i, &it) || it.kind != OMV_ITEM_BRIDGE || it.link[0] < 0)
            continue;
        long l = it.link[0];
        if (was_bridge[l])
            continue;
        a->worst_link = l;
        a->worst_sites = it.isolated_sites;
        a->worst_population = it.isolated_population;
        return;
    }
}

int omv_aftermath_run(omv_aftermath **out, size_t *n, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt)
{
    *out = NULL;
    *n = 0;
    omv_spof_options o = OMV_SPOF_OPTIONS_INIT;
    if (opt) {
        o.core_ids = opt->core_ids;
        o.ncore = opt->ncore;
        o.region = opt->region;
    }
    o.failures = OMV_FAIL_LINKS; /* lambda and the bridges are all this needs */
    omv_spof *base = NULL;
    uint8_t *fate = malloc(net->nlinks + 1);
    uint8_t *was_bridge = calloc(net->nlinks + 1, 1);
    omv_aftermath *res = calloc(net->nsrlg + 1, sizeof(*res));
    size_t nres = 0;
    int rc = 0;
    if (!fate || !res || !was_bridge) {
        rc = OMV_NOMEM(ctx, "aftermath");
        goto cleanup;
    }
    if ((rc = omv_spof_run(&base, ctx, net, &o)))
        goto cleanup;
    for (size_t i = 0; i < omv_spof_item_count(base); i++) {
        omv_spof_item it;
        if (omv_spof_item_get(base, i, &it) == 0 && it.kind == OMV_ITEM_BRIDGE && it.link[0] >= 0)
            was_bridge[it.link[0]] = 1;
    }
    for (size_t g = 0; g < net->nsrlg && !omv__interrupted(ctx); g++) {
        omv_aftermath a = {.srlg = (long)g, .worst_link = -1};
        for (size_t i = 0; i < net->nlinks; i++) {
            const omv__link *l = &net->links[i];
            fate[i] = omv__link_exists(net, i) ? OMV__LS_EXISTING
                      : omv__link_candidate(net, i) ? OMV__LS_CANDIDATE : OMV__LS_OFF;
            if (fate[i] != OMV__LS_EXISTING)
                continue;
            for (uint32_t k = 0; k < l->nsrlg; k++)
                if (net->link_srlg[l->srlg_off + k] == (int32_t)g) {
                    fate[i] = OMV__LS_OFF;
                    a.links++;
                    break;
                }
        }
        if (!a.links)
            continue;
        omv_net *dnet = NULL;
        omv_spof *after = NULL;
        if ((rc = omv__net_overlay(&dnet, ctx, net, fate, NULL)) || (rc = omv_spof_run(&after, ctx, dnet, &o))) {
            omv_net_free(dnet);
            goto cleanup;
        }
        for (size_t v = 0; v < net->nnodes; v++) {
            if (omv_spof_lambda(base, v) < 2 || omv_spof_lambda(after, v) != 1)
                continue;
            if (o.region && !omv_region_has(o.region, net, v))
                continue;
            a.weakened_sites++;
            a.weakened_population += net->nodes[v].population;
        }
        worst_bridge(after, was_bridge, &a);
        omv_spof_free(after);
        omv_net_free(dnet);
        if (a.weakened_sites)
            res[nres++] = a;
    }
    if (nres > 1) /* qsort must not see a NULL array */
        qsort(res, nres, sizeof(*res), cmp_aftermath);
    *out = res;
    *n = nres;
    res = NULL;
cleanup:
    omv_spof_free(base);
    free(fate);
    free(was_bridge);
    free(res);
    return rc;
}

static void link_words(omv__buf *b, const omv_net *net, long l)
{
    long a = omv_net_link_a(net, (size_t)l), z = omv_net_link_b(net, (size_t)l);
    omv__buf_printf(b, "%s–%s", omv_net_node_name(net, (size_t)a), z >= 0 ? omv_net_node_name(net, (size_t)z) : "");
}

static void thousands(char *buf, size_t bufsz, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
    size_t len = strlen(tmp), k = 0;
    for (size_t i = 0; i < len && k + 2 < bufsz; i++) {
        buf[k++] = tmp[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len && tmp[i] != '-')
            buf[k++] = ',';
    }
    buf[k] = '\0';
}

int omv_aftermath_text(char **text, omv_ctx *ctx, const omv_aftermath *a, size_t n, const omv_net *net,
                       const omv_region *region, size_t top)
{
    omv__buf b;
    omv__buf_init(&b);
    char where[160] = "";
    if (region) {
        const char *spec = omv_region_spec(region), *label = omv_region_label(region);
        if (strcmp(spec, "north-of-trondheim") == 0)
            snprintf(where, sizeof(where), " north of Trondheim");
        else if (strcmp(spec, "all") != 0)
            snprintf(where, sizeof(where), " in %s", label ? label : spec);
    }
    size_t m = top && top < n ? top : n;
    if (m)
        omv__buf_printf(&b, "\nShared-risk groups that leave sites%s one cut from isolation:\n", where);
    for (size_t i = 0; i < m; i++) {
        char p[40], q[40];
        thousands(p, sizeof(p), a[i].weakened_population);
        omv__buf_printf(&b, "  Losing %s (%zu link%s) leaves %zu site%s and %s people%s with one path to the core",
                        omv_net_srlg_name(net, (size_t)a[i].srlg), a[i].links, a[i].links == 1 ? "" : "s",
                        a[i].weakened_sites, a[i].weakened_sites == 1 ? "" : "s", p, where);
        if (a[i].worst_link >= 0) {
            thousands(q, sizeof(q), a[i].worst_population);
            omv__buf_puts(&b, "; losing ");
            link_words(&b, net, a[i].worst_link);
            omv__buf_printf(&b, " as well would cut off %zu site%s and %s people", a[i].worst_sites,
                            a[i].worst_sites == 1 ? "" : "s", q);
        }
        omv__buf_puts(&b, ".\n");
    }
    *text = omv__buf_take(&b);
    return *text ? 0 : OMV_NOMEM(ctx, "text");
}

void omv_aftermath_free(omv_aftermath *a) { free(a); }
