/*
 * classes.c — the border policy as demand classes: under deny and transit, a demand whose two ends
 * lie in one country belongs to that country's class and may use only the links the scenario opens
 * to it; every other demand (and every demand under allow) is in the open class 0. Also the link
 * metric for shortest paths.
 */
#include "reroute/reroute_int.h"

#include <stdlib.h>
#include <string.h>

double omv__rr_metric(const omv_net *net, size_t l)
{
    const omv__link *lk = &net->links[l];
    double m = omv__link_metric(lk);
    if (!isnan(m))
        return m;
    double km = omv__net_link_km(net, l);
    if (isfinite(km) && km > 0)
        return km;
    return 1.0;
}

void omv__rr_classes_free(omv__rr_classes *c)
{
    free(c->dclass);
    free(c->open);
    free(c->country);
    memset(c, 0, sizeof(*c));
}

int omv__rr_classes_init(omv__rr_classes *c, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc)
{
    memset(c, 0, sizeof(*c));
    size_t nd = net->ndemands, L = net->nlinks;
    bool border = omv_scenario_border(sc) != OMV_BORDER_ALLOW;
    c->dclass = calloc(nd + 1, sizeof(*c->dclass));
    /* At most one class per distinct country, plus the open class. */
    c->country = calloc(nd + 2, sizeof(*c->country));
    if (!c->dclass || !c->country) {
        omv__rr_classes_free(c);
        return OMV_NOMEM(ctx, "demand classes");
    }
    c->nclass = 1;
    for (size_t d = 0; d < nd && border; d++) {
        const char *cs = net->nodes[net->demands[d].src].country, *ct = net->nodes[net->demands[d].dst].country;
        if (!cs[0] || strcmp(cs, ct) != 0)
            continue;
        size_t k = 1;
        while (k < c->nclass && strcmp(c->country[k], cs) != 0)
            k++;
        if (k == c->nclass)
            c->country[c->nclass++] = cs;
        c->dclass[d] = (int32_t)k;
    }
    c->open = malloc(c->nclass * L + 1);
    if (!c->open) {
        omv__rr_classes_free(c);
        return OMV_NOMEM(ctx, "demand classes");
    }
    for (size_t k = 0; k < c->nclass; k++)
        for (size_t l = 0; l < L; l++)
            c->open[k * L + l] = omv__link_exists(net, l) &&
                                 (k == 0 || omv_scenario_link_open(sc, net, l, c->country[k]));
    return 0;
}
