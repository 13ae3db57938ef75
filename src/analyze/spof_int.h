/*
 * spof_int.h — internals of the failure analysis (omv_spof_run), shared by its files:
 *   frame.c     the analysis frame: core, sites, region, the search tree and its preorder sums
 *   single.c    single links (bridge tree) and single nodes (block-cut tree), read off the tree
 *   cutpair.c   cut pairs from cycle-space labels, verified exactly
 *   dfs.c, rangemin.c, sort.h: the search tree, range minima, in-place sorting
 *   scenario.c  one failure scenario (links and nodes down) evaluated by search, per thread
 *   srlg.c      shared-risk groups
 *   power.c     power outages and reserve-power upgrades
 *   lambda.c    lambda per site
 *   exposure.c  per site, whether a single shared-risk group cuts it off
 *   items.c     the result: items, their order, isolated lists, getters
 *
 * Semantics used everywhere: a site counts for a failure when it is in the region and was connected
 * to the core before the failure ("counted"); it is isolated when afterwards it has no path to a core
 * node that still works. Without core nodes, after each failure the largest remaining component plays
 * the core (ties: the component holding the lowest node index); before any failure that is the largest
 * component C0, and only failures that touch C0 can cut anything off.
 *
 * Memory at national scale is the design constraint next to time: per-node data is kept in arrays of
 * at most 4 bytes indexed by preorder position wherever a pass sweeps them, each phase frees its
 * scratch before the next begins, and an item is a 16-byte sort key.
 */
#ifndef OMV_SPOF_INT_H
#define OMV_SPOF_INT_H

#include "analyze/dfs.h"
#include "analyze/rangemin.h"

/* Per-node flags of the frame. */
enum {
    OMV__NF_CORE = 1,   /* a core node */
    OMV__NF_SITE = 2,   /* neither core nor waypoint */
    OMV__NF_REGION = 4, /* a site in the region */
    OMV__NF_BASED = 8,  /* a site connected to the core before any failure */
    OMV__NF_COUNTED = 16 /* based and in the region: the sites that are counted */
};

/* Structural role of a link in the result (omv_spof_link_structure). */
enum { OMV__LS_NONE = 0, OMV__LS_CUT_PAIR = 1, OMV__LS_BRIDGE = 2 };

/* Lambda marks per preorder position. */
enum {
    OMV__LAM_ONE = 1, /* some single link failure cuts the site off */
    OMV__LAM_TWO = 2  /* some cut pair cuts it off, or (with core nodes) two bridges do */
};

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

/* Cut-pair groups (cutpair.c): members' links and child positions (-1 for the back edge), group g
 * holding members at[g] .. at[g + 1]. */
typedef struct {
    int32_t *link, *child;
    size_t len, caplink, capchild;
    size_t *at;
    size_t ngroups, capat;
} omv__groups;

typedef struct {
    omv_ctx *ctx;
    const omv_net *net;
    const omv_spof_options *opt;
    size_t n;
    int nthreads;
    int has_core;
    uint8_t *nflag; /* per node: OMV__NF_* */
    omv__dfs dfs;
    omv__part *cc;    /* totals per component */
    int32_t c0, r;    /* without core: best and second-best component (-1 when none) */
    int32_t *cc_rank; /* components, best first (size desc, lowest node asc) */
    /* prefix sums over preorder positions (n + 1 entries): counted sites and their population (in
     * p_pop32, modulo 2^32, when the counted population stays below 2^32, else in p_pop); a subtree
     * or a component is a range */
    int32_t *p_rs;
    int64_t *p_pop;
    uint32_t *p_pop32;
    int32_t *core_pos; /* positions of the core nodes, ascending */
    size_t ncore_pos;
    omv__rangemin rmq; /* lowest node index over a preorder range (without core only) */
    uint8_t *lam;      /* per position: OMV__LAM_* */
    int32_t *diff;     /* difference array over positions (n + 1) while a class marks lambda */
    /* Cycle-space labels (cutpair.c), kept for the risk groups: px is the prefix XOR over positions
     * of the labels of the back edges at each node, so the label of the tree link above position p
     * is px[p] ^ px[p + sz[p]] (0 for a bridge); a back edge e has omv__label(salt, e). */
    uint64_t *px;
    uint64_t salt;
    omv__groups grp; /* the cut-pair groups, until the result takes their links */
    int32_t *pair_child; /* per kept pair (s->pairs): the child positions a, b of omv__pair_parts */
    /* shared-risk groups: existing links of group g are srlg_links[srlg_at[g] .. srlg_at[g + 1]) */
    int32_t *srlg_links;
    size_t *srlg_at;
} omv__frame;

/* An item as its sort key: items ascend in (hi, lo). hi holds the isolated population (descending),
 * lo the isolated sites (descending, high half) and the reference (low half): base[kind] + the index
 * that orders items of one kind (link id, node, group, kept pair, outage rank), so equal impacts order
 * by kind, then ids. */
typedef struct {
    uint64_t hi, lo;
} omv__item;

static inline omv__item omv__item_make(int64_t pop, size_t sites, uint32_t ref)
{
    omv__item it;
    it.hi = ~((uint64_t)pop ^ ((uint64_t)1 << 63));
    it.lo = ((uint64_t)(UINT32_MAX - (uint32_t)sites) << 32) | ref;
    return it;
}
static inline int64_t omv__item_pop(const omv__item *it) { return (int64_t)(~it->hi ^ ((uint64_t)1 << 63)); }
static inline size_t omv__item_sites(const omv__item *it) { return UINT32_MAX - (uint32_t)(it->lo >> 32); }
static inline uint32_t omv__item_ref(const omv__item *it) { return (uint32_t)it->lo; }
static inline int omv__item_less(const omv__item *a, const omv__item *b)
{
    return a->hi < b->hi || (a->hi == b->hi && a->lo < b->lo);
}

struct omv_spof {
    size_t n;
    const omv_region *region, *outage_region; /* borrowed from the options */
    unsigned failures;
    int exact_lambda;
    omv__item *items;
    size_t nitems, capitems;
    uint32_t base[OMV_ITEM_KIND_COUNT_ + 1]; /* reference ranges of the kinds */
    uint64_t *pairs; /* kept cut pairs, link[0] << 32 | link[1], ascending */
    size_t npairs;
    int32_t *pow_rank; /* outage index of each power rank (hours ascending, then index) */
    /* isolated lists of the first nlisted items: item i's are pool[list_at[i] .. list_at[i + 1]) */
    size_t nlisted;
    size_t *list_at;
    int32_t *pool;
    size_t counts[OMV_ITEM_KIND_COUNT_];
    int32_t *lambda;
    size_t lam_sites[4];
    int64_t lam_pop[4];
    /* per node: 0 not a region site (or groups not analysed), 1 a region site no single group cuts
     * off, 2 one that some group cuts off; NULL without the group class */
    uint8_t *srlg_cut;
    /* per link: OMV__LS_* (structure of the whole network, whatever the region) */
    uint8_t *link_struct;
    size_t nlinks;
    size_t grp_sites[4];  /* region sites some group cuts off, by lambda class */
    int64_t grp_pop[4];
    omv_spof_outage *outages;
    size_t noutages;
    omv_spof_upgrade *upgrades;
    size_t *upg_at; /* noutages + 1 */
    int32_t *core;
    size_t ncore;
    /* Every cut-pair group: its links, every two of which form a cut pair (tree links from the top
     * down, then the back edge if any). */
    int32_t *grp_links;
    size_t *grp_at;
    size_t ngroups;
    int interrupted;
    size_t dropped;
};

/* Each parallel region costs a wake-up of every thread (milliseconds on a loaded machine); loops with
 * less work than this, in node and link visits, run in one thread. The results are the same either way. */
#define OMV__PAR_MIN_WORK 20000
static inline int omv__par(size_t work) { return work >= OMV__PAR_MIN_WORK; }

/* The cycle-space label of back edge e: a hash of the salt and the link id, so that labels need no
 * storage and do not depend on the order of the search. Never 0 (the label of a bridge). */
static inline uint64_t omv__label(uint64_t salt, int32_t e)
{
    uint64_t z = salt + (uint64_t)(uint32_t)e * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return z ? z : 1;
}

/* A node's population and kind, read in the sweeps over every node. */
static inline int64_t omv__node_pop(const omv_net *net, int32_t v) { return net->nodes[v].population; }
static inline omv_kind omv__node_kind(const omv_net *net, size_t v) { return (omv_kind)net->nodes[v].kind; }

/* frame.c: the core, sites, region, search tree and components; then (omv__frame_sums) the sites
 * connected before any failure and the prefix sums, which the later phases read. */
int omv__frame_build(omv__frame *f, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt, omv_spof *s);
int omv__frame_sums(omv__frame *f, omv_spof *s);
void omv__frame_free(omv__frame *f);
/* 1 when part a beats part b for the role of the core (larger, then lower node index). */
static inline int omv__part_better(const omv__part *a, const omv__part *b)
{
    return a->size > b->size || (a->size == b->size && a->min < b->min);
}
/* 1 when component k holds what a failure can cut off: a core node, or (without core) it is C0. */
static inline int omv__frame_relevant(const omv__frame *f, int32_t k)
{
    return f->has_core ? f->cc[k].core > 0 : k == f->c0;
}
/* Population of the counted sites at positions [lo, hi). */
static inline int64_t omv__frame_pop(const omv__frame *f, int32_t lo, int32_t hi)
{
    return f->p_pop32 ? (int64_t)(uint32_t)(f->p_pop32[hi] - f->p_pop32[lo]) : f->p_pop[hi] - f->p_pop[lo];
}
/* Which of the parts left of component k after a failure lose the core (lost[i] = 1). The parts
 * must be every piece of k that still works. */
void omv__frame_decide(const omv__frame *f, int32_t k, const omv__part *parts, size_t np, uint8_t *lost);
/* Sums of the nodes in preorder ranges (min only without core; as is not filled). */
void omv__frame_range_part(const omv__frame *f, int32_t k, const omv__range *rg, size_t nr, omv__part *out);
/* Writes the counted sites in preorder ranges to out[*len ...], at most cap in all (unsorted); 1 when
 * they did not fit. */
int omv__frame_emit(const omv__frame *f, const omv__range *rg, size_t nr, int32_t *out, size_t *len, size_t cap);
/* Starts a difference array over positions (f->diff, zeroed) and folds it into f->lam as `bit`. */
int omv__frame_marks_begin(omv__frame *f);
void omv__frame_marks_end(omv__frame *f, uint8_t bit);
/* Marks the positions of range rg in a difference array; with `shared`, other threads mark the same
 * array at once. */
static inline void omv__diff_mark(int32_t *diff, const omv__range *rg, int shared)
{
    if (rg->lo >= rg->hi)
        return;
    if (shared) {
        __atomic_fetch_add(&diff[rg->lo], 1, __ATOMIC_RELAXED);
        __atomic_fetch_sub(&diff[rg->hi], 1, __ATOMIC_RELAXED);
    } else {
        diff[rg->lo]++;
        diff[rg->hi]--;
    }
}
static inline void omv__frame_mark(omv__frame *f, const omv__range *rg) { omv__diff_mark(f->diff, rg, 0); }

/* Parts of the component after a failure: sets of preorder ranges. The rebuild of item lists uses
 * the same decomposition as the counting, so both agree by construction. Return the number of parts;
 * rg receives the ranges of each part, rat[i] the first range of part i, rat[np] the total. */
/* single.c: the bridge above position c (2 parts, 3 ranges); node at position pv (at most
 * maxkids + 1 parts and maxkids + 2 ranges). */
int omv__spof_single(omv__frame *f, omv_spof *s);
size_t omv__bridge_parts(const omv__frame *f, int32_t c, omv__part *parts, omv__range *rg, size_t *rat);
size_t omv__node_parts(const omv__frame *f, int32_t pv, omv__part *parts, omv__range *rg, size_t *rat);

/* cutpair.c: omv__pairs_find groups the cut pairs (it needs only the search tree), omv__pairs_use
 * marks them for lambda, counts them and lists those that cut off sites (it needs the sums).
 * omv__pair_parts: the pair of group links with child positions a (the upper tree link) and b (a lower
 * tree link, or -1 for the group's back edge): 2 parts, at most 5 ranges. */
int omv__pairs_find(omv__frame *f);
int omv__pairs_use(omv__frame *f, omv_spof *s);
size_t omv__pair_parts(const omv__frame *f, int32_t a, int32_t b, omv__part *parts, omv__range *rg, size_t *rat);

/* scenario.c: one failure scenario (links and nodes down) in a per-thread workspace. Fail links and
 * nodes with omv__scen_fail_*, then evaluate; omv__scen_reset undoes everything for the next one.
 *
 * The evaluation searches from the nodes next to the failures. With `full` 0 the searches of one
 * component run in turns and stop when at most one of them is still growing: that one is the rest
 * of the component, summed from the component's totals, so a failure that cuts off a small piece
 * costs about the size of that piece times the number of failed links. With `full` 1 every part is
 * searched to the end (power outages, which also need the part of every node). */
typedef struct {
    int32_t *q; /* nodes it reached, in order */
    size_t len, cap, head;
    int32_t uf;      /* union-find parent among searches */
    int32_t pending; /* at a class root: searches of the class still growing */
} omv__search;

typedef struct {
    size_t n, nlinks;
    int32_t *owner;  /* per node: the search that reached it, -1 */
    uint8_t *lfail;  /* per link */
    uint8_t *nfail;  /* per node */
    int32_t *flinks; /* failed links */
    size_t nflinks, capflinks;
    int32_t *fnodes; /* failed nodes, ascending */
    size_t nfnodes, capfnodes;
    int32_t *starts; /* nodes next to the failures */
    size_t nstarts, capstarts;
    omv__search *srch;
    size_t nsrch, capsrch;
    omv__part *acc; /* per search: its sums (valid at class roots) */
    size_t capacc;
    int32_t *active;
    size_t capactive;
    /* result of the last evaluation */
    omv__part *parts; /* every working part of the touched components that was searched out, then
                         the rest of each component whose searches stopped early */
    size_t nparts, capparts;
    int32_t *pidx;   /* per search: its part */
    size_t cappidx;
    int32_t *rest;   /* per touched component (same order as touched): its rest part, -1 */
    size_t caprest;
    int32_t *touched; /* touched components, ascending */
    size_t ntouched, captouched;
    uint8_t *lost; /* per part */
    size_t caplost;
    int32_t winner;      /* without core: the winning part, -1 when it lies outside the touched components */
    omv__part outside;   /* without core: the best untouched component */
    int64_t rs, pop, as; /* isolated: counted sites, their population, all sites */
} omv__scen;
int omv__scen_init(omv__scen *w, const omv__frame *f);
void omv__scen_free(omv__scen *w);
int omv__scen_fail_link(omv__scen *w, const omv__frame *f, int32_t e);
int omv__scen_fail_node(omv__scen *w, int32_t v); /* in ascending order */
int omv__scen_eval(omv__scen *w, const omv__frame *f, int full);
void omv__scen_reset(omv__scen *w);
/* The part of node v after the last evaluation, -1 for a failed node or a node of an untouched
 * component. */
int32_t omv__scen_part_of(const omv__scen *w, const omv__frame *f, int32_t v);
/* Writes the isolated counted sites of the last evaluation to out[*len ...] (at most cap; 1 when they
 * did not fit), unsorted. */
int omv__scen_list(const omv__scen *w, const omv__frame *f, int32_t *out, size_t *len, size_t cap);

/* srlg.c */
int omv__spof_srlg(omv__frame *f, omv_spof *s);
int omv__srlg_build(omv__frame *f);
/* Evaluates the failure of group g in w (reset it afterwards). */
int omv__srlg_eval(const omv__frame *f, omv__scen *w, size_t g);

/* exposure.c: s->srlg_cut from the group items (after omv__spof_srlg). */
int omv__spof_srlg_marks(omv__frame *f, omv_spof *s);

/* power.c */
int omv__spof_power(omv__frame *f, omv_spof *s);
/* Evaluates an outage of the given duration in w (reset it afterwards); the failed nodes are in
 * w->fnodes. */
int omv__power_eval(const omv__frame *f, omv__scen *w, double hours);

/* lambda.c: the marks of two bridges (and exact values when asked), then, at the very end, lambda
 * per node and its summary, after the frame's sums are given back. */
int omv__spof_lambda(omv__frame *f, omv_spof *s);
int omv__spof_lambda_store(omv__frame *f, omv_spof *s);

/* items.c */
int omv__spof_add_item(omv_spof *s, omv_ctx *ctx, omv_item_kind kind, uint32_t id, int64_t pop, size_t sites);
/* Sets the reference ranges of the kinds; OMV_EARG when the network is too large for them. */
int omv__spof_bases(omv_spof *s, omv_ctx *ctx, const omv_net *net, size_t noutage);
/* Sorts the items and rebuilds the isolated lists of the first ones. */
int omv__spof_finish(omv__frame *f, omv_spof *s);

#endif
