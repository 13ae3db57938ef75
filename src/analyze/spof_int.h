/*
 * spof_int.h — internals of the failure analysis (omv_spof_run), shared by its files:
 *   frame.c     the analysis frame: core, sites, region, the search tree and its preorder sums
 *   single.c    single links (bridge tree) and single nodes (block-cut tree), read off the tree
 *   cutpair.c   cut pairs from cycle-space labels, verified exactly
 *   dfs.c, reach.c, rangemin.c: the search tree, the search kernel, range minima
 *   scenario.c  one failure scenario (links and nodes down) evaluated by search, per thread
 *   srlg.c      shared-risk groups
 *   power.c     power outages and reserve-power upgrades
 *   lambda.c    lambda per site
 *   items.c     the result: items, their sorting, isolated lists, getters
 *
 * Semantics used everywhere: a site counts for a failure when it is in the region and was connected
 * to the core before the failure ("counted"); it is isolated when afterwards it has no path to a core
 * node that still works. Without core nodes, after each failure the largest remaining component plays
 * the core (ties: the component holding the lowest node index); before any failure that is the largest
 * component C0, and only failures that touch C0 can cut anything off.
 */
#ifndef OMV_SPOF_INT_H
#define OMV_SPOF_INT_H

#include "analyze/dfs.h"
#include "analyze/rangemin.h"
#include "analyze/reach.h"

/* One connected piece left after a failure, summed over its nodes. */
typedef struct {
    int64_t size; /* nodes */
    int64_t core; /* core nodes */
    int64_t rs;   /* counted sites */
    int64_t pop;  /* population of the counted sites */
    int64_t as;   /* sites connected before the failure, whatever the region */
    int32_t min;  /* lowest node index */
    int32_t cc;   /* component it belongs to */
} omv__part;

/* A range of preorder positions [lo, hi). */
typedef struct {
    int32_t lo, hi;
} omv__range;

typedef struct {
    omv_ctx *ctx;
    const omv_net *net;
    const omv_spof_options *opt;
    size_t n;
    int nthreads;
    int has_core;
    uint8_t *is_core;
    uint8_t *is_site;
    uint8_t *in_region; /* sites in the region */
    uint8_t *counted;   /* sites in the region connected to the core before any failure */
    uint8_t *based;     /* sites connected to the core before any failure */
    omv__dfs dfs;
    omv__part *cc; /* totals per component */
    int32_t c0, r; /* without core: best and second-best component (-1 when none) */
    int32_t *cc_rank; /* components, best first (size desc, lowest node asc) */
    /* prefix sums over preorder positions (n + 1 entries): core nodes, counted sites, their
     * population, sites connected before any failure; a subtree or a component is a range */
    int32_t *p_core, *p_rs, *p_as;
    int64_t *p_pop;
    int32_t *rs_order; /* counted sites in preorder: those of range [lo, hi) are rs_order[p_rs[lo] .. p_rs[hi]) */
    omv__rangemin rmq;  /* lowest node index over a preorder range (without core only) */
    int32_t *bycc, *bycc_at; /* nodes of component k, ascending: bycc[bycc_at[k] .. bycc_at[k + 1]) */
    size_t maxdeg;
    /* lambda marks: difference arrays over preorder positions (n + 1 entries): sites a single link
     * failure cuts off, sites a cut pair cuts off */
    int32_t *mark1, *mark2;
    /* cycle-space label of each link id (cutpair.c): 0 for bridges, candidates and absent links.
     * The labels of every edge cut XOR to exactly 0, so a set of links with independent labels
     * contains no cut: its failure disconnects nothing. */
    uint64_t *label;
    /* shared-risk groups: existing links of group g are srlg_links[srlg_at[g] .. srlg_at[g + 1]) */
    int32_t *srlg_links;
    size_t *srlg_at;
} omv__frame;

/* An item with what it takes to rebuild its list of isolated sites. */
typedef struct {
    omv_spof_item it;
    int32_t a, b, c; /* bridge: child end; node: node; pair: group, i, j; srlg: group; power: outage */
    size_t list_at, list_len;
    int has_list;
} omv__item;

struct omv_spof {
    size_t n;
    const omv_region *region, *outage_region; /* borrowed from the options */
    unsigned failures;
    int exact_lambda;
    omv__item *items;
    size_t nitems, capitems;
    int32_t *pool; /* isolated lists of the first items, concatenated */
    size_t npool;
    size_t counts[OMV_ITEM_KIND_COUNT_];
    int32_t *lambda;
    size_t lam_sites[4];
    int64_t lam_pop[4];
    omv_spof_outage *outages;
    size_t noutages;
    omv_spof_upgrade *upgrades;
    size_t *upg_at; /* noutages + 1 */
    int32_t *core;
    size_t ncore;
    /* Every cut-pair group: its links in cyclic order (every two of them form a cut pair) and, per
     * link, the child end when it is a tree link, else -1. */
    int32_t *grp_links, *grp_child;
    size_t *grp_at;
    size_t ngroups;
    int interrupted;
    size_t dropped;
};

/* Each parallel region costs a wake-up of every thread (milliseconds on a loaded machine); loops with
 * less work than this, in node and link visits, run in one thread. The results are the same either way. */
#define OMV__PAR_MIN_WORK 20000
static inline int omv__par(size_t work) { return work >= OMV__PAR_MIN_WORK; }

/* frame.c */
int omv__frame_build(omv__frame *f, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt, omv_spof *s);
void omv__frame_free(omv__frame *f);
/* 1 when part a beats part b for the role of the core (larger, then lower node index). */
static inline int omv__part_better(const omv__part *a, const omv__part *b)
{
    return a->size > b->size || (a->size == b->size && a->min < b->min);
}
/* Which of the parts left of component k after a failure lose the core (lost[i] = 1). The parts
 * must be every piece of k that still works. */
void omv__frame_decide(const omv__frame *f, int32_t k, const omv__part *parts, size_t np, uint8_t *lost);
/* Sums of the nodes in preorder ranges (min only without core). */
void omv__frame_range_part(const omv__frame *f, int32_t k, const omv__range *rg, size_t nr, omv__part *out);
/* Adds the counted sites in preorder ranges to out (unsorted). */
int omv__frame_emit(const omv__frame *f, const omv__range *rg, size_t nr, int32_t **out, size_t *len, size_t *cap);

/* single.c */
int omv__spof_single(omv__frame *f, omv_spof *s);
/* Parts of the component after a failure: sets of preorder ranges. The rebuild of item lists uses
 * the same decomposition as the counting, so both agree by construction. Return the number of parts;
 * rg receives the ranges of each part (at most 3 per part, except the rest of a node failure, which
 * holds up to degree + 2), rat[i] the first range of part i, rat[np] the total. */
size_t omv__bridge_parts(const omv__frame *f, int32_t c, omv__part *parts, omv__range *rg, size_t *rat);
size_t omv__node_parts(const omv__frame *f, int32_t v, omv__part *parts, omv__range *rg, size_t *rat);

/* cutpair.c */
int omv__spof_pairs(omv__frame *f, omv_spof *s);
size_t omv__pair_parts(const omv__frame *f, const omv_spof *s, size_t g, size_t i, size_t j, omv__part *parts,
                       omv__range *rg, size_t *rat);

/* scenario.c: one failure scenario in a per-thread workspace. Mark the failures in w->r (after
 * omv__reach_new_scenario), list the nodes they touch (link ends, failed nodes) in w->touch, then
 * evaluate. */
typedef struct {
    omv__reach r;
    int32_t *comp; /* part of each visited node */
    omv__part *parts;
    size_t nparts, capparts;
    uint32_t *ccmark;
    uint32_t ccstamp;
    int32_t *touched; /* components touched by the failures, ascending */
    size_t ntouched;
    int32_t *touch; /* input: nodes the failures touch */
    size_t ntouch, captouch;
    int32_t winner;      /* without core: the winning part, -1 when it lies outside the touched components */
    omv__part outside;   /* without core: the best untouched component */
    int64_t rs, pop, as; /* isolated: counted sites, their population, all sites */
} omv__scen;
int omv__scen_init(omv__scen *w, const omv__frame *f);
void omv__scen_free(omv__scen *w);
int omv__scen_touch(omv__scen *w, int32_t v);
int omv__scen_eval(omv__scen *w, const omv__frame *f);
/* 1 when part p of the last evaluation has lost the core. */
int omv__scen_lost(const omv__scen *w, const omv__frame *f, int32_t p);
/* The isolated counted sites of the last evaluation (ascending within each component). */
int omv__scen_list(const omv__scen *w, const omv__frame *f, int32_t **out, size_t *len, size_t *cap);

/* srlg.c */
int omv__spof_srlg(omv__frame *f, omv_spof *s);
/* Evaluates the failure of group g in w. */
int omv__srlg_eval(const omv__frame *f, omv__scen *w, size_t g);

/* power.c */
int omv__spof_power(omv__frame *f, omv_spof *s);
/* Evaluates an outage of the given duration in w; the failed nodes are left in w->touch. */
int omv__power_eval(const omv__frame *f, omv__scen *w, double hours);

/* lambda.c */
int omv__spof_lambda(omv__frame *f, omv_spof *s);

/* items.c */
int omv__spof_add_item(omv_spof *s, omv_ctx *ctx, const omv__item *it);
int omv__item_cmp(const void *a, const void *b);
/* Sorts the items and rebuilds the isolated lists of the first ones. */
int omv__spof_finish(omv__frame *f, omv_spof *s);

#endif
