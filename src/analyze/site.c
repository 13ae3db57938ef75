/*
 * site.c — the core and the sites (site.h): the one place that says which nodes each command
 * counts. Satellite gateways are infrastructure, like waypoints: a terminal reaches the core
 * through them, but nobody lives there to be cut off.
 */
#include "analyze/site.h"

int omv__core_mark(omv_ctx *ctx, const omv_net *net, const char *const *ids, size_t nids, uint8_t *flags, uint8_t bit,
                   size_t *count)
{
    size_t n = omv_net_node_count(net), nc = 0;
    if (ids) {
        for (size_t i = 0; i < nids; i++) {
            long v = ids[i] ? omv_net_node_find(net, ids[i]) : -1;
            if (v < 0)
                return OMV_ERR(ctx, OMV_EARG, "unknown core node '%s'", ids[i] ? ids[i] : "(null)");
            nc += !(flags[v] & bit);
            flags[v] |= bit;
        }
    } else {
        for (size_t v = 0; v < n; v++) {
            omv_kind k = omv_net_node_kind(net, v);
            if (k == OMV_KIND_CORE || k == OMV_KIND_IXP) {
                nc += !(flags[v] & bit);
                flags[v] |= bit;
            }
        }
    }
    *count = nc;
    return 0;
}

int omv__node_is_site(const omv_net *net, size_t v, int is_core)
{
    omv_kind k = omv_net_node_kind(net, v);
    return !is_core && k != OMV_KIND_WAYPOINT && k != OMV_KIND_SATELLITE_GATEWAY;
}
