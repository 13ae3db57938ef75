/*
 * omvei/plan.h — the investment planner (DESIGN.md §5). Included by omvei.h; can also be included alone.
 *
 * The planner chooses candidate investments (candidates.csv: new links, satellite terminals and
 * reserve-power upgrades) so that target sites are *protected*: each keeps a path to the core under
 * every failure of the chosen classes, or has a satellite terminal. Two modes:
 *  - min-cost: protect every target that can be protected, at least cost;
 *  - budget: protect as many residents as possible within a budget (ties: the cheaper plan).
 * A budget sweep gives the cost versus protected population curve.
 *
 * Terms and conventions (beyond omvei/spof.h):
 *  - target: by default every site of the region. A site is defined as in the failure analysis
 *    (omvei/spof.h): a node that is neither core nor infrastructure (waypoint, satellite gateway),
 *    so the default targets of a region are exactly the region sites omv_spof_run counts.
 *    Infrastructure nodes are targets only when listed by id;
 *  - failures: OMV_FAIL_LINKS (every single link, new ones included), OMV_FAIL_NODES (every single
 *    node except the core and the target itself), OMV_FAIL_SRLG (every shared-risk group, new links
 *    included), OMV_FAIL_POWER (each outage duration H: nodes of the outage region whose power_h is
 *    below H, or unknown, fail unless upgraded by a power candidate lasting H; core nodes too, as in
 *    the failure analysis). Core nodes are never counted as node failures;
 *  - a satellite terminal is a candidate of medium satellite between a site and a node of kind
 *    satellite_gateway; it protects its site against every failure of the classes above, except a
 *    power outage that leaves the site itself without power: the terminal runs on the site's power.
 *    Under an outage of H hours a site counts as protected (by routes or by a terminal) only when it
 *    has power for H hours: its own power_h, or a reserve-power upgrade of the same plan. The
 *    gateway is taken to be powered and connected;
 *  - an infeasible target is one that no combination of candidates can protect. It is a result:
 *    it is listed with the reason and the plan covers the other targets.
 *
 * Results are borrowed from the plan object and live as long as it. Output does not depend on the
 * thread count: separation rows are added in target order and ties are broken by index.
 */
#ifndef OMVEI_PLAN_H
#define OMVEI_PLAN_H

#include "omvei/common.h"
#include "omvei/shard.h"
#include "omvei/spof.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    OMV_PLAN_MIN_COST = 0, /* protect every feasible target at least cost */
    OMV_PLAN_BUDGET = 1    /* maximise protected population within budget_nok */
} omv_plan_mode;

typedef enum {
    OMV_PLAN_BRANCH_AND_CUT = 0, /* cut form: lazy rows separated by max-flow (any size) */
    OMV_PLAN_MATHPROG = 1        /* compact flow form of models/protect.mod (small instances only) */
} omv_plan_method;

#define OMV_PLAN_OPTIONS_VERSION 1
typedef struct {
    int version;                  /* OMV_PLAN_OPTIONS_VERSION */
    const char *const *core_ids;  /* NULL: nodes of kind core or ixp; non-NULL: exactly these ids. As in
                                   * the failure analysis, non-NULL with ncore 0 names no core node;
                                   * the planner needs one, so that is OMV_EARG (as is a network
                                   * without core nodes when core_ids is NULL) */
    size_t ncore;
    const omv_region *region;     /* NULL: every site */
    const char *target;           /* NULL or "region": every site of the region; "pop>=N": sites of the
                                   * region with population >= N; "ids:A,B,C": those nodes */
    unsigned failures;            /* OR of OMV_FAIL_LINKS, OMV_FAIL_NODES, OMV_FAIL_SRLG, OMV_FAIL_POWER */
    const omv_region *outage_region; /* power: where nodes lose mains power (NULL: everywhere) */
    const double *outage_hours;   /* power: outage durations in hours */
    size_t noutage;
    omv_plan_mode mode;
    double budget_nok;            /* budget mode: the most that may be spent, NOK */
    double time_limit_s;          /* <= 0: none. The best plan found is returned with bound and gap */
    omv_plan_method method;
    int analyse;                  /* 1: failure analysis before and after, and the verification block */
    double gap_rel;               /* > 0: stop once the best plan is proven within this relative gap of the
                                   * optimum (0.0002 = 0.02 %); status OMV_PLAN_GAP_LIMIT */
} omv_plan_options;
#define OMV_PLAN_OPTIONS_INIT \
    {OMV_PLAN_OPTIONS_VERSION, NULL, 0, NULL, NULL, OMV_FAIL_LINKS, NULL, NULL, 0, OMV_PLAN_MIN_COST, 0.0, 0.0, \
     OMV_PLAN_BRANCH_AND_CUT, 1, 0.0}

typedef enum {
    OMV_PLAN_OPTIMAL = 0,     /* proven optimal */
    OMV_PLAN_TIME_LIMIT,      /* stopped by the time limit: best plan found, with bound and gap */
    OMV_PLAN_INTERRUPTED,     /* stopped by the interrupt flag: best plan found, with bound and gap */
    OMV_PLAN_INFEASIBLE,      /* there were targets and none of them can be protected */
    OMV_PLAN_GAP_LIMIT        /* stopped within the requested relative gap (gap_rel): best plan, bound, gap */
} omv_plan_status;

/* "optimal", "time_limit", "interrupted", "infeasible", "gap_limit". Borrowed, static; NULL when out of range. */
OMV_API const char *omv_plan_status_name(omv_plan_status s);

typedef struct omv_plan omv_plan;

/*
 * Chooses the investments. Errors (negative codes) are for bad options (OMV_EARG: unknown core or
 * target id, no core node, bad target spec, no failure class), the solver failing (OMV_ESOLVER) or memory; an
 * infeasible target, a time limit or an interrupt are results (see omv_plan_summary).
 * Branch-and-cut on GLPK: variables per candidate and per target, lazy protection rows separated by
 * max-flow in parallel over targets; every integer point is checked exactly. After the solve the plan
 * is checked again by max-flow for every target and failure, and (with analyse) by the failure
 * analysis on the augmented network. Worst-case time is exponential (a MILP); the separation costs
 * O(targets x failures x max-flow) per round at most. net must outlive the plan.
 */
OMV_API int omv_plan_run(omv_plan **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt);
OMV_API void omv_plan_free(omv_plan *p);

typedef struct {
    omv_plan_status status;
    omv_plan_mode mode;
    omv_plan_method method;
    double budget_nok;          /* NaN in min-cost mode */
    int has_plan;               /* 0 when stopped before any plan was found */
    double objective;           /* cost (min-cost) or protected population (budget); NaN without plan */
    double bound;               /* best bound on the objective; NaN when unknown */
    double gap;                 /* |objective - bound| / |objective|; 0 when optimal; NaN when unknown */
    double cost_nok;            /* total cost of the chosen investments */
    size_t targets;
    int64_t target_population;
    size_t infeasible;          /* targets that no candidate can protect */
    int64_t infeasible_population;
    size_t protected_sites;     /* targets protected by the plan (checked exactly after the solve) */
    int64_t protected_population;
    double solve_s;             /* wall time of the optimisation */
    long nodes;                 /* branch-and-bound nodes */
    long cuts;                  /* distinct lazy protection rows generated */
    int verified;               /* 1: the failure analysis confirms every protected target; 0: it does
                                 * not; -1: not run */
} omv_plan_summary;
OMV_API void omv_plan_summary_get(const omv_plan *p, omv_plan_summary *out);

typedef enum {
    OMV_INVEST_LINK = 0,   /* a new link (fiber, subsea, microwave, leased, ...) */
    OMV_INVEST_SATELLITE,  /* a satellite terminal at a site */
    OMV_INVEST_POWER,      /* a reserve-power upgrade at a node */
    OMV_INVEST_KIND_COUNT_
} omv_invest_kind;
/* "link", "satellite", "power". Borrowed, static; NULL when out of range. */
OMV_API const char *omv_invest_kind_name(omv_invest_kind k);

typedef struct {
    long link;                 /* the candidate's index in the network (omv_net_link_*) */
    omv_invest_kind kind;
    double cost_nok;
    size_t sites_lost;         /* targets that lose protection when only this investment is dropped */
    int64_t population_lost;
    double cost_per_resident;  /* cost_nok / population_lost; NaN when population_lost is 0 */
} omv_plan_investment;

/* Chosen investments, in order of candidate index. */
OMV_API size_t omv_plan_investment_count(const omv_plan *p);
OMV_API int omv_plan_investment_get(const omv_plan *p, size_t i, omv_plan_investment *out);
/* Node indices of the sites that lose protection when investment i is dropped, ascending. Borrowed. */
OMV_API size_t omv_plan_investment_sites(const omv_plan *p, size_t i, const int32_t **nodes);

typedef struct {
    long node;
    int64_t population;
    int feasible;               /* 0: no combination of candidates protects it */
    const char *reason;         /* why it is infeasible; "" otherwise */
    int protected_;             /* 1: protected by the plan */
    int satellite;              /* 1: protected by a satellite terminal of the plan */
    const char *cut_by;         /* not protected: a failure that cuts it off; "" otherwise */
    int verified;               /* failure analysis of the augmented network: 1 protected, 0 not,
                                 * -1 not run */
    const char *verified_cut_by; /* verified == 0: the failure the analysis found; "" otherwise */
} omv_plan_target;

/* Targets, in order of node index. Strings are borrowed. */
OMV_API size_t omv_plan_target_count(const omv_plan *p);
OMV_API int omv_plan_target_get(const omv_plan *p, size_t i, omv_plan_target *out);

/* Failure analysis of the network before (after = 0) and after (after = 1) the plan, for the chosen
 * failure classes and the region. */
typedef struct {
    size_t lambda_sites[4];       /* region sites with lambda 0, 1, 2, 3+ */
    int64_t lambda_population[4];
    size_t items[OMV_ITEM_KIND_COUNT_];     /* failures that cut off region sites, by kind */
    size_t structural[OMV_ITEM_KIND_COUNT_]; /* omv_spof_count: bridges, articulation points, ... */
    size_t isolating;             /* failures (all kinds) that cut off at least one region site */
} omv_plan_analysis;
/* 0, or OMV_EARG when the analysis was not run (analyse = 0). */
OMV_API int omv_plan_analysis_get(const omv_plan *p, int after, omv_plan_analysis *out);

/* The options the plan was made with, as text for reports: "links,srlg", the region spec ("all"
 * without region), the target spec ("region" by default). Borrowed. */
OMV_API const char *omv_plan_against(const omv_plan *p);
OMV_API const char *omv_plan_region(const omv_plan *p);
OMV_API const char *omv_plan_target_spec(const omv_plan *p);

/* ---- budget sweep ---------------------------------------------------------------------------- */

typedef struct omv_plan_sweep omv_plan_sweep;

/*
 * Plans in budget mode for each budget (opt->mode and opt->budget_nok are ignored). The budgets,
 * sorted and without repeats, are the sweep's scenarios; each is solved from nothing, as
 * omv_plan_run solves it alone (the instance is built once), so a point does not depend on the
 * other budgets of the list. The time limit applies to each budget.
 */
OMV_API int omv_plan_sweep_run(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                       const double *budgets, size_t nbudgets);
/* Shards (omvei/shard.h): plans only the budgets of the shard's block; the sweep is then good for
 * omv_plan_sweep_part and nothing else (no Pareto front, no reports). */
OMV_API int omv_plan_sweep_run_shard(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net,
                                     const omv_plan_options *opt, const double *budgets, size_t nbudgets,
                                     const omv_shard *shard);
/* Sorted budgets without repeats: the number of scenarios a shard splits. */
OMV_API size_t omv_plan_sweep_scenarios(const omv_plan_sweep *s);
/* 1 when an interrupt stopped a budget. */
OMV_API int omv_plan_sweep_interrupted(const omv_plan_sweep *s);
/* What the budgets of a shard's sweep found, as a JSON object for omv_part_write; malloc'd. */
OMV_API int omv_plan_sweep_part(char **json, omv_ctx *ctx, const omv_plan_sweep *s);
/* The whole sweep from the parts of its shards (omv_parts_check has passed), the same as one process
 * gives: every budget's plan is rebuilt from its choice, without solving. Malformed parts: OMV_EDATA. */
OMV_API int omv_plan_sweep_merge(omv_plan_sweep **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                                 const double *budgets, size_t nbudgets, omv_part *const *parts, size_t nparts);
OMV_API void omv_plan_sweep_free(omv_plan_sweep *s);
/* Points in ascending budget order (duplicate budgets once). */
OMV_API size_t omv_plan_sweep_count(const omv_plan_sweep *s);
OMV_API const omv_plan *omv_plan_sweep_plan(const omv_plan_sweep *s, size_t i);
/* 1 when point i is on the Pareto front: no other point protects as many residents for less. */
OMV_API int omv_plan_sweep_pareto(const omv_plan_sweep *s, size_t i);

/* ---- reports of the planner ------------------------------------------------------------------ */

/* plan.json (schema omvei/plan/1); *json is malloc'd. */
OMV_API int omv_plan_json(char **json, omv_ctx *ctx, const omv_plan *p, const omv_net *net);
/* The plain-words summary; *text is malloc'd. Holds no timings, so it is reproducible. */
OMV_API int omv_plan_text(char **text, omv_ctx *ctx, const omv_plan *p, const omv_net *net);
/* plan_investments.csv: one row per chosen investment. */
OMV_API int omv_plan_investments_csv(char **csv, omv_ctx *ctx, const omv_plan *p, const omv_net *net);
/* plan_map.geojson: the chosen investments, the targets styled by result, and the existing links. */
OMV_API int omv_plan_geojson(char **geojson, omv_ctx *ctx, const omv_plan *p, const omv_net *net);
/* Writes plan.json, plan_investments.csv and plan_map.geojson into dir, each atomically. */
OMV_API int omv_plan_write(omv_ctx *ctx, const char *dir, const omv_plan *p, const omv_net *net);

/* plan_sweep.csv (budget, cost, protected sites and population, status, gap, pareto). */
OMV_API int omv_plan_sweep_csv(char **csv, omv_ctx *ctx, const omv_plan_sweep *s);
/* plan_sweep.svg: protected population against cost, the Pareto front as a step line. */
OMV_API int omv_plan_sweep_svg(char **svg, omv_ctx *ctx, const omv_plan_sweep *s);
/* plan_sweep.json (schema omvei/plan-sweep/1): every point with its plan. */
OMV_API int omv_plan_sweep_json(char **json, omv_ctx *ctx, const omv_plan_sweep *s, const omv_net *net);
OMV_API int omv_plan_sweep_text(char **text, omv_ctx *ctx, const omv_plan_sweep *s, const omv_net *net);
/* Writes plan_sweep.csv, plan_sweep.svg and plan_sweep.json into dir, each atomically. */
OMV_API int omv_plan_sweep_write(omv_ctx *ctx, const char *dir, const omv_plan_sweep *s, const omv_net *net);

/*
 * For benchmarks and reviewers: writes the data section of models/protect.mod for this instance to
 * data_path (when not NULL) and the translated model as free MPS to mps_path (when not NULL), so that
 * glpsol and other MILP solvers can solve exactly the model omvei solves.
 */
OMV_API int omv_plan_export(omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt, const char *data_path,
                    const char *mps_path);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_PLAN_H */
