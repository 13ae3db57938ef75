/*
 * site.h — what every command counts: the core and the sites. One definition, used by the failure
 * analysis (spof), the planner and their reports, so that they agree on which nodes are sites.
 *
 *  - core: the nodes named by id; without ids (NULL), every node of kind core or ixp. A list of
 *    ids with no entry names no core node at all (the failure analysis then lets the largest
 *    component play the core; the planner refuses it).
 *  - site: a node that is not in the core and is not infrastructure: neither a waypoint nor a
 *    satellite gateway. Sites are what is counted, protected and listed.
 */
#ifndef OMV_ANALYZE_SITE_H
#define OMV_ANALYZE_SITE_H

#include "topo/net.h"

/* Sets bit in flags[v] for every core node (flags has one byte per node). *count receives the number
 * of core nodes. Errors: OMV_EARG naming an unknown (or NULL) id. O(nodes + ids). */
int omv__core_mark(omv_ctx *ctx, const omv_net *net, const char *const *ids, size_t nids, uint8_t *flags, uint8_t bit,
                   size_t *count);

/* 1 when node v is a site, given whether it is a core node. */
int omv__node_is_site(const omv_net *net, size_t v, int is_core);

#endif /* OMV_ANALYZE_SITE_H */
