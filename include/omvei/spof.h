/*
 * omvei/spof.h — regions, single points of failure, lambda to the core and black-sky power outages.
 * Included by omvei.h; can also be included alone.
 *
 * Terms (DESIGN.md §3):
 *  - core: the nodes every site must reach; by default every node of kind core or ixp. Several core
 *    nodes act as one source. Without any core node, after each failure the largest remaining
 *    component plays the core (ties: the component holding the lowest node index).
 *  - site: every node that is not in the core and is not infrastructure (a waypoint or a satellite
 *    gateway). Sites are what is counted; the planner (omvei/plan.h) uses the same definition, so
 *    both commands count the same sites of a region.
 *  - region: which sites are counted. A failure anywhere counts if it cuts off a site in the region.
 *  - isolated: a site that loses every path to the core. Only sites connected to the core before the
 *    failure count (a site that never had a path is not cut off by anything; its lambda is 0).
 *  - a failed node is not counted among the sites its own failure cuts off (it is down, not cut
 *    off), except in power outages, where a site without power counts as isolated.
 */
#ifndef OMVEI_SPOF_H
#define OMVEI_SPOF_H

#include <stdio.h>

#include "omvei/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- regions ------------------------------------------------------------------------------- */

typedef struct omv_region omv_region;

/*
 * Parses a region: "north-of-trondheim" (lat > 63.43, Norwegian nodes and nodes without a country),
 * "islands" (island=true), "country:XX",
 * "lat>X", "lat<X", "bbox:minlon,minlat,maxlon,maxlat", "polygon:FILE.geojson" (Polygon or
 * MultiPolygon features; a point is inside when inside any of them, holes respected), "all".
 * Polygons are tested with the even-odd rule on lon/lat, so ring orientation does not matter.
 * Errors: OMV_EARG for a bad spec, with a message naming it; OMV_EIO when the polygon file cannot be
 * read; OMV_EDATA when it is not valid JSON ("file:line:col: ...", from jansson) or holds no usable
 * polygon ("file: features[2].geometry.coordinates[0]: ...").
 */
OMV_API int omv_region_parse(omv_region **out, omv_ctx *ctx, const char *spec);
OMV_API void omv_region_free(omv_region *r);
/* The spec as given. Borrowed. */
OMV_API const char *omv_region_spec(const omv_region *r);
/* For a polygon region, the "name" property of the file's first feature that has one (so reports can
 * say "Nordland" rather than a file name); NULL otherwise. Borrowed. */
OMV_API const char *omv_region_label(const omv_region *r);
/* 1 when node i of net lies in the region (a node without a position is only in "all", "islands" and
 * "country:" regions), else 0. Thread-safe. */
OMV_API int omv_region_has(const omv_region *r, const omv_net *net, size_t i);

/* ---- failure analysis ---------------------------------------------------------------------- */

typedef enum {
    OMV_FAIL_LINKS = 1,  /* every single existing link */
    OMV_FAIL_NODES = 2,  /* every single node with its links */
    OMV_FAIL_SRLG = 4,   /* every shared-risk group: all its links at once */
    OMV_FAIL_PAIRS = 8,  /* every pair of links, neither a bridge, that cuts off sites */
    OMV_FAIL_POWER = 16  /* regional power outages (see outage_* options) */
} omv_failure_class;

#define OMV_SPOF_OPTIONS_VERSION 1
typedef struct {
    int version;                  /* OMV_SPOF_OPTIONS_VERSION */
    const char *const *core_ids;  /* NULL: nodes of kind core or ixp; non-NULL: exactly these ids, and
                                     with ncore 0 no core node at all (the largest component plays
                                     the core). The planner reads the same fields the same way. */
    size_t ncore;
    const omv_region *region;     /* NULL: every site */
    unsigned failures;            /* OR of omv_failure_class */
    const omv_region *outage_region; /* power outages: nodes in this region with power_h < hours fail
                                        (unknown power_h fails too); NULL: every node */
    const double *outage_hours;   /* durations, e.g. 2, 4, 8, 24, 72; used with OMV_FAIL_POWER, which
                                     needs at least one (finite, >= 0) */
    size_t noutage;
    int exact_lambda;             /* 0: lambda capped at 3 ("3+"); 1: exact values by max-flow (needs
                                     core nodes; without them lambda stays capped). Only 3+ sites
                                     with more than 3 links need a flow; each stops at the site's
                                     link count and runs towards sites nearer the core already known
                                     to reach that value, so it stays local (10^5-node mesh: seconds) */
} omv_spof_options;
#define OMV_SPOF_OPTIONS_INIT \
    {OMV_SPOF_OPTIONS_VERSION, NULL, 0, NULL, OMV_FAIL_LINKS | OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_PAIRS, NULL, NULL, 0, 0}

typedef struct omv_spof omv_spof;

/* Per-pair items kept at most (cut pairs that cut off region sites; the first in item order). A ring
 * of k links holds k(k-1)/2 cut pairs; omv_spof_count counts them all. */
#define OMV_SPOF_MAX_PAIR_ITEMS 100000
/* Isolated-site lists are kept for the first items only (see omv_spof_item_isolated). */
#define OMV_SPOF_LISTED_ITEMS 10000

/*
 * Runs the failure analysis. opt NULL: OMV_SPOF_OPTIONS_INIT. Single links and nodes come from the
 * bridge tree and the block-cut tree (linear time); cut pairs from random cycle-space labels seeded by
 * the context (near-linear, every group of equal labels verified exactly); shared-risk groups and
 * power outages in parallel on the project's CSR kernels: a group costs about the size of what it cuts
 * off times its number of links, an outage O(size of the components it touches); lambda from the same
 * structure (exact values by max-flow per site). Memory beyond the network, for a backbone of 1.5
 * links per node: about 50 bytes per node while it runs; the result keeps 16 bytes per item, 4 per
 * node, and the isolated lists.
 * The result does not depend on the thread count. The regions in opt must outlive the result.
 * Errors: OMV_EARG for bad options (an unknown core id is named), OMV_ENOMEM.
 * An interrupt (omv_ctx_set_interrupt_flag) stops the run early with what it found so far; see
 * omv_spof_interrupted.
 */
OMV_API int omv_spof_run(omv_spof **out, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt);
OMV_API void omv_spof_free(omv_spof *s);

typedef enum {
    OMV_ITEM_BRIDGE = 0,      /* one link */
    OMV_ITEM_ARTICULATION,    /* one node: an articulation point, or a core node whose loss leaves
                                 sites without any core */
    OMV_ITEM_SRLG,            /* one shared-risk group */
    OMV_ITEM_CUT_PAIR,        /* two links */
    OMV_ITEM_POWER,           /* one power outage duration */
    OMV_ITEM_KIND_COUNT_
} omv_item_kind;

typedef struct {
    omv_item_kind kind;
    long link[2];              /* bridge: link[0]; cut pair: link[0] < link[1]; else -1 */
    long node;                 /* articulation point; else -1 */
    long srlg;                 /* group index; else -1 */
    double hours;              /* power outage duration; else 0 */
    size_t isolated_sites;     /* sites in the region cut off from the core */
    int64_t isolated_population;
} omv_spof_item;

/* Items that cut off at least one site in the region, sorted by isolated population (descending),
 * then isolated sites (descending), then kind, then ids. */
OMV_API size_t omv_spof_item_count(const omv_spof *s);
OMV_API int omv_spof_item_get(const omv_spof *s, size_t i, omv_spof_item *out);
/* Node indices of the isolated sites of item i (region sites only), ascending. Borrowed.
 * To bound memory, lists are kept for a prefix of the items in order: at most OMV_SPOF_LISTED_ITEMS
 * items and at most 8 x node count + 2^20 node indices in all. Beyond that prefix this returns 0 and
 * sets *nodes to NULL; the counts in omv_spof_item are always complete. */
OMV_API size_t omv_spof_item_isolated(const omv_spof *s, size_t i, const int32_t **nodes);

/* Structural counts over the whole network, whatever the region: bridges, articulation points,
 * cut pairs (all of them, however many items were kept), shared-risk groups whose failure cuts off
 * sites, power outage durations that cut off sites (the last two only when that class ran). */
OMV_API size_t omv_spof_count(const omv_spof *s, omv_item_kind kind);

/* What existing link `link` is in the network as a whole, whatever the region and the classes
 * analysed: OMV_ITEM_BRIDGE (its loss alone splits the network), OMV_ITEM_CUT_PAIR (it forms a cut
 * pair with another link), or -1 (neither, or not an existing link). Reports use it for the role of
 * a link, so a bridge to a node outside the region is still shown as a bridge. */
OMV_API int omv_spof_link_structure(const omv_spof *s, size_t link);

/* Lambda: link-disjoint paths from a site to the core; capped at 3 unless exact_lambda. -1 for nodes
 * that are not sites (core nodes, waypoints, satellite gateways). Without core nodes: 0 outside the largest component,
 * 1 when a single link failure cuts the site off, 2 when a cut pair does, else 3 (3 or more). */
OMV_API int omv_spof_lambda(const omv_spof *s, size_t node);
/* Sites and population of the region by lambda 0, 1, 2, 3+ (index 3 = 3 or more). */
OMV_API void omv_spof_lambda_summary(const omv_spof *s, size_t sites[4], int64_t population[4]);
/* 1 when `3` from omv_spof_lambda means "3 or more" (lambda was not computed exactly), else 0. */
OMV_API int omv_spof_lambda_capped(const omv_spof *s);

/* Lambda counts link-disjoint paths only: two paths through one duct are two paths. Beside it, with
 * the shared-risk group class (OMV_FAIL_SRLG): 1 when the failure of a single group cuts the region
 * site `node` off from the core, 0 when none does; -1 when the class did not run (or was
 * interrupted) or node is not a region site. */
OMV_API int omv_spof_site_srlg_cut(const omv_spof *s, size_t node);
/* Region sites (and their population) that a single group cuts off, by their lambda class 0, 1, 2,
 * 3+: index 2 and 3 count the sites whose lambda overstates their safety. OMV_EARG (and zeros) when
 * the group class did not run. */
OMV_API int omv_spof_srlg_summary(const omv_spof *s, size_t sites[4], int64_t population[4]);

/* Power outages: one entry per duration, in the order given. */
typedef struct {
    double hours;
    size_t failed_nodes;        /* nodes in the outage region whose power_h < hours (unknown = fails) */
    size_t isolated_sites;      /* region sites cut off or without power */
    int64_t isolated_population;
} omv_spof_outage;
OMV_API size_t omv_spof_outage_count(const omv_spof *s);
OMV_API int omv_spof_outage_get(const omv_spof *s, size_t k, omv_spof_outage *out);

/* Reserve-power upgrades ranked for outage k: keeping node `node` powered reconnects this many
 * people (alone, others unchanged). candidate is the matching power candidate (medium=power, a=node,
 * power_h >= hours; the cheapest, then the lowest index), or -1 when the network has none. Only nodes
 * that reconnect at least one region site are listed. Sorted by reconnected population desc, then
 * sites desc, then node index. */
typedef struct {
    long node;
    long candidate;
    size_t reconnected_sites;
    int64_t reconnected_population;
} omv_spof_upgrade;
OMV_API size_t omv_spof_upgrade_count(const omv_spof *s, size_t k);
OMV_API int omv_spof_upgrade_get(const omv_spof *s, size_t k, size_t j, omv_spof_upgrade *out);

/* The core node indices used, ascending (empty when the largest component plays the core). Borrowed. */
OMV_API size_t omv_spof_core(const omv_spof *s, const int32_t **nodes);

/* The parameters of the run, as passed in the options (regions borrowed from the caller). */
OMV_API const omv_region *omv_spof_region(const omv_spof *s);        /* NULL: every site */
OMV_API const omv_region *omv_spof_outage_region(const omv_spof *s); /* NULL: every node */
OMV_API unsigned omv_spof_failures(const omv_spof *s);
OMV_API int omv_spof_exact_lambda(const omv_spof *s);

/* 1 when an interrupt stopped the run early: some failures were not evaluated. */
OMV_API int omv_spof_interrupted(const omv_spof *s);
/* Cut pairs that cut off region sites but were not kept as items (beyond OMV_SPOF_MAX_PAIR_ITEMS). */
OMV_API size_t omv_spof_dropped_pairs(const omv_spof *s);

/* ---- reports of the failure analysis --------------------------------------------------------- */

/* spof.json (schema omvei/spof/1); *json is malloc'd. */
OMV_API int omv_spof_json(char **json, omv_ctx *ctx, const omv_spof *s, const omv_net *net);
/* The same text followed by a newline, streamed to an open file (standard output, for instance) in
 * chunks, so memory stays small whatever the size of the network. Errors: OMV_EIO when writing fails
 * (what was written may be incomplete), OMV_ENOMEM. */
OMV_API int omv_spof_json_write(omv_ctx *ctx, FILE *to, const omv_spof *s, const omv_net *net);
/* The plain-words summary ("Link Fauske–Mo i Rana (Saltfjellet): its loss cuts off ..."), top items. */
OMV_API int omv_spof_text(char **text, omv_ctx *ctx, const omv_spof *s, const omv_net *net, size_t top);
/* Writes spof.json, spof_items.csv, spof_sites.csv (lambda per site) and map.geojson into dir, all or
 * nothing: each is streamed to a temporary file in dir and the four are renamed into place only when
 * all are complete; on an error the temporary files are removed and dir is left as it was. */
OMV_API int omv_spof_write(omv_ctx *ctx, const char *dir, const omv_spof *s, const omv_net *net);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_SPOF_H */
