/*
 * omvei/compare.h — funding proposals measured as submitted. Included by omvei.h; can also be included
 * alone.
 *
 * A proposal is a file in the candidates format listing what one proposer commits to build: items of
 * the network's own candidates (the same id and an identical row: the same item) or new ones. Every
 * item is built, nothing is re-optimised, and every proposal is measured against the same baseline:
 * nothing built. "Protected" means what the planner means (omvei/plan.h): a target keeps a path to
 * the core under every failure of the classes, or has a satellite terminal.
 */
#ifndef OMVEI_COMPARE_H
#define OMVEI_COMPARE_H

#include "omvei/common.h"
#include "omvei/plan.h"
#include "omvei/scenario.h"
#include "omvei/shard.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- proposals ------------------------------------------------------------------------------- */

typedef struct omv_proposals omv_proposals;

/*
 * Loads the topology paths with the candidate files (which replace the folders' candidates.csv, as in
 * omv_net_load_with) and then proposal k from files[k] under the name names[k]. A proposal row whose
 * id is already loaded (a candidate of the network, or an item of an earlier proposal) must be
 * identical to it and names that item; a row with the same id and another content is an input error
 * at file:line:col naming the first differing column. Names must be non-empty and distinct (OMV_EARG).
 * The proposal files are files of the network (omv_net_file), so the manifest hashes them.
 */
OMV_API int omv_proposals_load(omv_net **net, omv_proposals **props, omv_ctx *ctx, const char *const *paths,
                       size_t npaths, const char *const *candidates, size_t ncandidates, const char *const *names,
                       const char *const *files, size_t n);
OMV_API void omv_proposals_free(omv_proposals *p);
OMV_API size_t omv_proposals_count(const omv_proposals *p);
/* Borrowed; NULL when k is out of range. */
OMV_API const char *omv_proposals_name(const omv_proposals *p, size_t k);
OMV_API const char *omv_proposals_file(const omv_proposals *p, size_t k);
/* The items of proposal k as link indices of the network, ascending, each once. Borrowed. */
OMV_API size_t omv_proposals_items(const omv_proposals *p, size_t k, const int32_t **links);

/* ---- comparison ------------------------------------------------------------------------------ */

typedef struct omv_compare omv_compare;

/*
 * Measures every proposal on net (the loaded network or a border view of it: indices are shared) for
 * the targets, core, region and failure classes of opt (opt->mode and budget are ignored). With
 * optimal, also plans in budget mode with each proposal's cost over all candidates of net
 * (omv_plan_run, opt->time_limit_s applies to each): the best use of the same money. Cost per
 * proposal: the graph check and max-flow per target, one check per item for the idle items, and two
 * failure analyses; the optimal plans are MILPs. net and props must outlive the result.
 */
OMV_API int omv_compare_run(omv_compare **out, omv_ctx *ctx, const omv_net *net, const omv_proposals *props,
                    const omv_plan_options *opt, int optimal);
OMV_API void omv_compare_free(omv_compare *c);
/* Shards (omvei/shard.h): the proposals are the scenarios, in the order given. Evaluates only the
 * shard's block (NULL: all; {0, N}: none, to merge parts into); the baseline always. */
OMV_API int omv_compare_run_shard(omv_compare **out, omv_ctx *ctx, const omv_net *net, const omv_proposals *props,
                                  const omv_plan_options *opt, int optimal, const omv_shard *shard);
/* The block's figures of every view (border policy), as a JSON object for omv_part_write. */
OMV_API int omv_compare_part(char **json, omv_ctx *ctx, const omv_compare *const *views, size_t n);
/* Fills view number `view` of c, a comparison run on no proposal ({0, N}) with the same options,
 * from a part's data covering proposals [first, end); malformed data is OMV_EDATA. */
OMV_API int omv_compare_merge(omv_compare *c, omv_ctx *ctx, const char *data, size_t view, size_t first, size_t end);

/* A failure as the rerouting reports describe it (reroute.json): its kind and what fails. */
typedef struct {
    const char *kind;      /* "link", "node", "srlg", "pair", "power"; NULL: no failure (nothing unserved) */
    const char *failed[2]; /* borrowed ids: the link (link), both links (pair), the node, the group name;
                              NULL when unused */
    double hours;          /* power: the outage's duration; else 0 */
} omv_compare_failure;

typedef struct {
    size_t targets;
    int64_t target_population;
    size_t protected_sites;
    int64_t protected_population;
    size_t failures;                /* failures of the classes that cut off region sites */
    /* Traffic (omv_compare_traffic): set only when the network has demands. */
    int has_traffic;
    double demand_gbps;             /* the demands' total */
    double unserved_gbps_worst;     /* the largest unserved demand over the failures, nothing built */
    omv_compare_failure worst;      /* the failure that leaves it (the first in scenario order) */
} omv_compare_baseline;
OMV_API void omv_compare_baseline_get(const omv_compare *c, omv_compare_baseline *out);

typedef struct {
    const char *name;               /* borrowed */
    size_t items;
    double cost_nok;
    size_t protected_sites;
    int64_t protected_population;
    int64_t added_population;       /* protected_population - the baseline's */
    size_t added_sites;
    double nok_per_added_resident;  /* cost_nok / added_population; NaN when no one is added */
    size_t failures_removed;        /* failures of the baseline that no longer cut off region sites */
    size_t failures_left;           /* failures that still (or newly) cut off region sites */
    size_t idle;                    /* items that protect no one beyond the rest of the proposal */
    size_t unusable;                /* items that are not candidates of the view (border policy) */
    int has_optimal;                /* 1 when the best plan at the same cost was computed */
    const char *optimal_status;     /* omv_plan_status_name; "" without it */
    double optimal_cost_nok;
    size_t optimal_protected_sites;
    int64_t optimal_protected_population;
    int64_t optimal_added_population;
    /* Traffic (omv_compare_traffic): set only when the network has demands. */
    int has_traffic;
    double unserved_gbps_worst_before; /* the baseline's unserved_gbps_worst */
    double unserved_gbps_worst_after;  /* the same with every item of the proposal built */
    omv_compare_failure worst_after;   /* the failure that leaves it */
} omv_compare_proposal;
OMV_API size_t omv_compare_count(const omv_compare *c);
OMV_API int omv_compare_get(const omv_compare *c, size_t k, omv_compare_proposal *out);
/* The idle items of proposal k (link indices, ascending). Borrowed. */
OMV_API size_t omv_compare_idle(const omv_compare *c, size_t k, const int32_t **links);

/*
 * Traffic under failures: when net has demands, routes them (omv_reroute_run, optimal routing) under
 * every failure of sc's classes, on net with nothing built and then with each proposal built, and
 * records the largest unserved demand and the failure that leaves it (the first in reroute's scenario
 * order on ties). A built link carries traffic like an existing one, up to its capacity_gbps in each
 * direction; an item without a capacity is unlimited, as every link without one is in rerouting. A
 * reserve-power item raises its node's power_h in the built network, but the rerouting engine's power
 * outages read each node's loaded power_h, so under power classes an upgrade does not yet change the
 * traffic figures. net is the loaded network (not a border view: the
 * policy applies per demand, through sc) and must be the one the comparison's proposals were loaded
 * with; sc must be bound to it (omv_scenario_bind). Without demands nothing is done: the figures stay
 * absent (has_traffic 0). Cost: 1 + proposals rerouting runs. Errors as omv_reroute_run; OMV_EINTR
 * when an interrupt stopped a run.
 */
OMV_API int omv_compare_traffic(omv_compare *c, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc);

/* The border policy the comparison was made under, for the reports ("allow", "deny", "transit:SE");
 * copied. Default "allow". Returns 0 or OMV_ENOMEM. */
OMV_API int omv_compare_set_border(omv_compare *c, omv_ctx *ctx, const char *border);
OMV_API const char *omv_compare_border(const omv_compare *c);

/* The reports take one comparison per border policy (views[0..n), n >= 1), all of the same proposals
 * on views of the same network, so that open and domestic figures stand side by side.
 * compare.json (schema omvei/compare/1): border, baseline and proposals of views[0] at the top, and
 * with n > 1 the list by_border holding every view; *json is malloc'd. After omv_compare_traffic on a
 * network with demands, the baseline also holds demand_gbps, unserved_gbps_worst and worst_failure,
 * and each proposal unserved_gbps_worst_before, unserved_gbps_worst_after and worst_failure
 * ({"kind", "failed": [ids, or the outage's hours]} as in reroute.json, or null); absent otherwise. */
OMV_API int omv_compare_json(char **json, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net);
/* compare.csv: one row per policy and proposal; the traffic columns are empty without demands. */
OMV_API int omv_compare_csv(char **csv, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net);
/* The plain-words summary for an analyst, one block per policy; no timings. */
OMV_API int omv_compare_text(char **text, omv_ctx *ctx, const omv_compare *const *views, size_t n, const omv_net *net);
/* Writes compare.json and compare.csv into dir, each atomically. */
OMV_API int omv_compare_write(omv_ctx *ctx, const char *dir, const omv_compare *const *views, size_t n,
                      const omv_net *net);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_COMPARE_H */
