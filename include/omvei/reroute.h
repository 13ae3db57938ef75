/*
 * omvei/reroute.h — where the traffic goes when links fail: demands routed over the existing links
 * under every failure of the scenario's classes, with its border policy. Included by omvei.h; do
 * not include it alone.
 *
 * Semantics (DESIGN.md §6):
 *  - A link carries up to capacity_gbps in each direction (full duplex); a link without a capacity
 *    is unlimited. Demands (src, dst, gbps) are directed. Only existing links carry traffic.
 *  - OMV_ROUTING_OPTIMAL: a splittable multi-commodity flow. First the total unserved demand is
 *    minimised; then, with the unserved demand held at that minimum, the largest utilisation of a
 *    link with a positive capacity; then, with both held, the total flow over all links (Gbps x
 *    hops), which removes detours and cycles that would not change the first two figures. What is
 *    still tied after that is settled by the simplex method from the intact basis, the same way on
 *    every thread.
 *  - OMV_ROUTING_SHORTEST: every demand follows the shortest paths by the link metric (the metric
 *    column, else length_km, else 1 per hop), split equally over the equal-cost next links at every
 *    node (ECMP). Loads may exceed the capacity. Unserved is the demand with no allowed path.
 *  - Border policy: a demand whose two ends lie in one country is, under deny or transit, kept on the
 *    links omv_scenario_link_open allows for that country; every other demand may use any link.
 *  - A failed node takes its links with it; demand that starts or ends there is lost with the node,
 *    counted apart from the unserved demand.
 *  - A link's load is the larger of its two directions' flows; its utilisation is load / capacity
 *    (links with a positive capacity only).
 */
#ifndef OMVEI_REROUTE_H
#define OMVEI_REROUTE_H

#include "omvei/common.h"
#include "omvei/scenario.h"
#include "omvei/shard.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { OMV_ROUTING_OPTIMAL = 0, OMV_ROUTING_SHORTEST = 1 } omv_routing;

/* Names "optimal" and "shortest"; parse returns -1 when unknown. */
OMV_API const char *omv_routing_name(omv_routing r);
OMV_API int omv_routing_parse(const char *s);

#define OMV_REROUTE_OPTIONS_VERSION 2
typedef struct {
    int version;         /* OMV_REROUTE_OPTIONS_VERSION */
    omv_routing routing; /* default OMV_ROUTING_OPTIMAL */
    int warm_start;      /* 1 (default): every failure starts from the intact optimal basis; 0: from
                            scratch (for comparisons; the figures are the same) */
    int reuse_intact;    /* 1 (default): a failure of links that carry nothing in the intact optimum,
                            and that loses no demand with a node, keeps the intact result unsolved
                            (it stays feasible, and removing links cannot improve any of the three
                            objectives) */
    omv_shard shard;     /* evaluate only this shard's block of the scenarios ({0, 0}: all of them) */
    int intact_only;     /* 1: list the scenarios and route the intact network only, to merge the
                            parts of shards into (omv_reroute_merge) */
} omv_reroute_options;
#define OMV_REROUTE_OPTIONS_INIT {OMV_REROUTE_OPTIONS_VERSION, OMV_ROUTING_OPTIMAL, 1, 1, {0, 0}, 0}

typedef struct omv_reroute omv_reroute;

/*
 * Routes the network's demands intact and under every failure the scenario names. Scenarios are
 * numbered in this order: single links (link order), single nodes (node order), shared-risk groups
 * with at least one existing link (group order), pairs of links (i < j, lexicographic), power
 * outages (hours in the order given; a node in the outage region fails when its power_h is below the
 * hours or unknown). The scenario must be bound to net (omv_scenario_bind). The results do not
 * depend on the thread count.
 * Complexity (optimal): one LP with K x 2L flow columns, K commodities (demand classes x distinct
 * sources or destinations, whichever is fewer), L existing links; one warm-started dual simplex per
 * scenario, in parallel with one LP copy per thread. Memory O(K x (N + L)) per thread, plus per
 * scenario its unserved demands. Shortest: O(G x (L log N)) per scenario for G classes x
 * destinations.
 * Errors: OMV_EARG (bad options), OMV_EDATA (no demands), OMV_ESOLVER, OMV_ENOMEM. An interrupt stops early:
 * see omv_reroute_interrupted.
 */
OMV_API int omv_reroute_run(omv_reroute **out, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc,
                    const omv_reroute_options *opt);
OMV_API void omv_reroute_free(omv_reroute *r);

typedef enum {
    OMV_REROUTE_LINK = 0,
    OMV_REROUTE_NODE,
    OMV_REROUTE_SRLG,
    OMV_REROUTE_PAIR,
    OMV_REROUTE_POWER
} omv_reroute_kind;
/* "link", "node", "srlg", "pair", "power". */
OMV_API const char *omv_reroute_kind_name(omv_reroute_kind k);

typedef struct {
    omv_reroute_kind kind;
    long link[2];        /* link: link[0]; pair: link[0] < link[1]; else -1 */
    long node;           /* node failure; else -1 */
    long srlg;           /* group index; else -1 */
    double hours;        /* power outage; else 0 */
    size_t failed_nodes; /* nodes down (node: 1; power: those without power) */
    double unserved_gbps;
    double lost_with_node_gbps;
    double max_utilisation; /* over links with a positive capacity; 0 when none carries traffic */
    long busiest_link;   /* the link at max_utilisation (the lowest index on ties); -1 when none */
    int solved;          /* 0 when the intact result was reused (see reuse_intact) or not reached */
} omv_reroute_scenario;

/* The intact network: kind OMV_REROUTE_LINK with no link, lost 0. */
OMV_API void omv_reroute_intact(const omv_reroute *r, omv_reroute_scenario *out);
OMV_API size_t omv_reroute_scenario_count(const omv_reroute *r);
OMV_API int omv_reroute_scenario_get(const omv_reroute *r, size_t i, omv_reroute_scenario *out);
/* Scenario i's failed links (link, pair, srlg) or failed nodes (node, power), ascending. *out is
 * malloc'd (free()) and may be NULL when the count is 0. */
OMV_API int omv_reroute_scenario_failed(const omv_reroute *r, omv_ctx *ctx, size_t i, long **out, size_t *n);

/* Overloaded links (load above capacity; a zero-capacity link carrying traffic) of scenario i, or
 * of the intact network with i == (size_t)-1, ascending. Borrowed. */
OMV_API size_t omv_reroute_overloaded(const omv_reroute *r, size_t i, const int32_t **links);
/* Unserved demand of scenario i (or intact, i == (size_t)-1) per demand, in demand order, only
 * demands with some unserved Gbps. Borrowed. */
typedef struct {
    int32_t demand; /* index into the network's demands */
    double gbps;
} omv_reroute_unserved;
OMV_API size_t omv_reroute_unserved_list(const omv_reroute *r, size_t i, const omv_reroute_unserved **list);

/* A link's intact load and its worst case over the scenarios in which it survives. */
typedef struct {
    double capacity_gbps;   /* NaN: unlimited */
    double gbps_intact;
    double utilisation_intact; /* NaN: no positive capacity */
    long worst_failure;     /* scenario with the highest load, ties to the lower index; -1 when no
                               failure raises the load above the intact one */
    double gbps_worst;
    double utilisation_worst;
} omv_reroute_link;
/* i indexes the network's links; candidates give OMV_EARG. */
OMV_API int omv_reroute_link_get(const omv_reroute *r, size_t i, omv_reroute_link *out);

OMV_API omv_routing omv_reroute_routing(const omv_reroute *r);
OMV_API double omv_reroute_demand_total(const omv_reroute *r);
/* Existing links without a capacity. */
OMV_API size_t omv_reroute_unlimited_links(const omv_reroute *r);
/* Demand classes and commodities of the optimal model (0 for shortest). */
OMV_API size_t omv_reroute_commodity_count(const omv_reroute *r);
/* Scenarios solved by the LP and simplex iterations summed over them (optimal only). */
OMV_API size_t omv_reroute_solved_count(const omv_reroute *r);
OMV_API long omv_reroute_iterations(const omv_reroute *r);
/* 1 when an interrupt stopped the run before every scenario was evaluated. */
OMV_API int omv_reroute_interrupted(const omv_reroute *r);

/* Shards (omvei/shard.h). The results of the scenarios this run evaluated (its shard's block) as a
 * JSON object for omv_part_write; *json malloc'd (free()). */
OMV_API int omv_reroute_part(char **json, omv_ctx *ctx, const omv_reroute *r);
/* Adds the data of a part (omv_part_data) covering scenarios [first, end) to r, a run with
 * intact_only on the same network and scenario; malformed data is OMV_EDATA. Once every part is
 * in, r reports as one process that evaluated every scenario would. */
OMV_API int omv_reroute_merge(omv_reroute *r, omv_ctx *ctx, const char *data, size_t first, size_t end);

/* Reports. The border text ("allow", "deny", "transit:SE,FI") comes from the scenario. */
/* reroute.json (schema omvei/reroute/1) into *json (malloc'd, free()). */
OMV_API int omv_reroute_json(char **json, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc);
/* Plain words, worst scenario first, top items (0: all); *text malloc'd. */
OMV_API int omv_reroute_text(char **text, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc,
                     size_t top);
/* Writes reroute.json, reroute_scenarios.csv, reroute_links.csv and reroute_map.geojson into dir,
 * each under a temporary name and renamed. */
OMV_API int omv_reroute_write(omv_ctx *ctx, const char *dir, const omv_reroute *r, const omv_net *net,
                      const omv_scenario *sc);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_REROUTE_H */
