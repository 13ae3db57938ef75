/*
 * border.c — the border policy as a link mask (DESIGN.md §6). Rerouting asks it per demand; the
 * failure analysis and the planner, which reason about sites rather than demands, see the network
 * through one overlay that leaves out the links closed to every domestic site.
 */
#include "scenario/scenario_int.h"

#include <stdlib.h>
#include <string.h>

static int is_transit(const omv_scenario *sc, const char *cc)
{
    for (size_t k = 0; k < sc->ntransit; k++)
        if (!strcmp(sc->transit[k].cc, cc))
            return 1;
    return 0;
}

/* An end without a country counts as inside every country. */
static int inside(const char *end, const char *home) { return !end[0] || !strcmp(end, home); }

static int open_to(const omv_scenario *sc, const char *ca, const char *cb, const char *home)
{
    if (sc->border == OMV_BORDER_ALLOW || !home || !home[0])
        return 1;
    if (inside(ca, home) && inside(cb, home))
        return 1;
    return sc->border == OMV_BORDER_TRANSIT && ((ca[0] && is_transit(sc, ca)) || (cb[0] && is_transit(sc, cb)));
}

int omv_scenario_link_open(const omv_scenario *sc, const omv_net *net, size_t link, const char *home)
{
    const omv__link *l = &net->links[link];
    const char *ca = net->nodes[l->a].country, *cb = l->b >= 0 ? net->nodes[l->b].country : "";
    return open_to(sc, ca, cb, home);
}

/* Closed to every domestic site: the two ends lie in different countries and, under transit, neither
 * end lies in a listed country. */
static int closed_to_all(const omv_border_mode mode, const omv_scenario *sc, const char *ca, const char *cb)
{
    if (mode == OMV_BORDER_ALLOW || !ca[0] || !cb[0] || !strcmp(ca, cb))
        return 0;
    return !(mode == OMV_BORDER_TRANSIT && (is_transit(sc, ca) || is_transit(sc, cb)));
}

int omv__border_view(omv_net **out, omv_ctx *ctx, const omv_scenario *sc, omv_border_mode mode, const omv_net *net,
                     size_t *closed_links, size_t *closed_candidates)
{
    *out = NULL;
    size_t nl = 0, nc = 0;
    if (closed_links)
        *closed_links = 0;
    if (closed_candidates)
        *closed_candidates = 0;
    if (mode == OMV_BORDER_ALLOW)
        return 0;
    uint8_t *state = malloc(net->nlinks + 1);
    if (!state)
        return OMV_NOMEM(ctx, "border view");
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        int ex = omv__link_exists(net, i), cand = omv__link_candidate(net, i);
        state[i] = ex ? OMV__LS_EXISTING : cand ? OMV__LS_CANDIDATE : OMV__LS_OFF;
        if (state[i] == OMV__LS_OFF)
            continue;
        const char *ca = net->nodes[l->a].country, *cb = l->b >= 0 ? net->nodes[l->b].country : "";
        if (closed_to_all(mode, sc, ca, cb)) {
            state[i] = OMV__LS_OFF;
            nl += ex;
            nc += cand;
        }
    }
    int rc = omv__net_overlay(out, ctx, net, state, NULL);
    free(state);
    if (!rc) {
        if (closed_links)
            *closed_links = nl;
        if (closed_candidates)
            *closed_candidates = nc;
    }
    return rc;
}

int omv_scenario_border_view(omv_net **out, omv_ctx *ctx, const omv_scenario *sc, const omv_net *net,
                             size_t *closed_links, size_t *closed_candidates)
{
    return omv__border_view(out, ctx, sc, sc->border, net, closed_links, closed_candidates);
}

int omv_net_domestic(omv_net **out, omv_ctx *ctx, const omv_net *net, size_t *dropped)
{
    size_t nl = 0, nc = 0;
    int rc = omv__border_view(out, ctx, NULL, OMV_BORDER_DENY, net, &nl, &nc);
    if (dropped)
        *dropped = nl + nc;
    return rc;
}
