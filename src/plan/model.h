/*
 * model.h — the planner's instance and the pieces of src/plan/ that share it.
 *
 * The instance is the MILP of DESIGN.md §5 in index form, built once from the network and the
 * options, read-only afterwards (threads share it):
 *  - the planner graph: existing links and candidate links (not satellite terminals, not power
 *    upgrades), numbered locally 0..m-1, with a CSR in the layout of omv_net (off/adj/eid);
 *  - variables: one column per candidate (link, satellite terminal, power upgrade), then one per
 *    target (y_t). Column j < nvar is candidate j; column nvar + t is y_t;
 *  - failures: links, nodes, shared-risk groups, power outages, in that order, one list;
 *  - targets: the sites to protect, with their population and whether any plan can protect them.
 *
 * A point (LP or integer) is given as xv[nvar] (candidate values in [0,1]) and yv[nt].
 * Capacities under a failure f follow from a point: an existing link has 1, a candidate link x_e;
 * in a power outage a link also needs both its ends powered, and a failing node is powered to the
 * extent pw = min(1, sum of its upgrades lasting the outage).
 */
#ifndef OMV_PLAN_MODEL_H
#define OMV_PLAN_MODEL_H

#include "topo/net.h"

/* Values above this count as present (support graph); violations below it are ignored. */
#define OMV__PLAN_EPS 1e-6
/* A row is added only when violated by more than this: at 0/1 points violations are whole numbers,
 * and a smaller threshold could re-add rows that GLPK's own tolerances consider satisfied. */
#define OMV__PLAN_VIOL 1e-4
/* Parallel loops start threads only above this much work (items x graph size): below it, waking the
 * threads costs more than the loop. */
#define OMV__PLAN_PAR_WORK 2e5

/* Results of a protection check per target. */
enum { OMV__CUT_NONE = -1, OMV__CUT_NOPATH = -2 };

typedef struct {
    uint8_t cls; /* OMV_FAIL_LINKS, OMV_FAIL_NODES, OMV_FAIL_SRLG or OMV_FAIL_POWER */
    int32_t idx; /* local link, node, group, or outage number */
} omv__pfail;

typedef struct {
    const omv_net *net;
    size_t n; /* nodes (same numbering as the network) */
    uint8_t *is_core;
    int32_t root; /* lowest core node: all core nodes act as this one */

    /* planner graph */
    size_t m;
    int32_t *la, *lb;   /* ends */
    int32_t *lnet;      /* link index in the network */
    int32_t *lvar;      /* column of a candidate link, -1 for an existing link */
    int32_t *off, *adj, *eid;

    /* candidate variables */
    size_t nvar;
    int32_t *vnet;    /* link index in the network */
    uint8_t *vkind;   /* omv_invest_kind */
    double *vcost;    /* NOK */
    int32_t *vnode;   /* satellite: its site; power: its node; link: -1 */
    int32_t *vlink;   /* link: its local link; else -1 */
    double *vhours;   /* power: autonomy after the upgrade; else 0 */
    int32_t *sat_off, *sat_var; /* per node: its satellite terminals */
    int32_t *pow_off, *pow_var; /* per node: its power upgrades */

    /* targets, in node order */
    size_t nt;
    int32_t *tnode;
    int64_t *tpop;
    int32_t *tof; /* node -> target, -1 */
    uint8_t *tfeas;       /* 1 when some plan protects it (set by omv__pinst_feasibility) */
    const char **treason; /* arena; "" when feasible */

    /* failures */
    unsigned classes;
    size_t nfail;
    omv__pfail *fail;
    int32_t *fof_link; /* local link -> failure, -1 */
    int32_t *fof_node;
    size_t ng;         /* groups (network numbering) */
    int32_t *g_off, *g_link; /* group -> local links */
    int32_t *fof_group;
    size_t nout;
    double *hours;   /* outage durations */
    uint8_t *fails;  /* nout x n: node fails in outage k unless upgraded */

    /* text */
    const char *against, *region_spec, *target_spec;
    omv__arena arena;
} omv__pinst;

int omv__pinst_build(omv__pinst *I, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt);
void omv__pinst_free(omv__pinst *I);

/* The failure as words for reports: "link L7 (Bodø–Fauske)", "shared-risk group duct-3",
 * "power outage of 72 h", "no path to the core" (OMV__CUT_NOPATH). */
void omv__pinst_describe(const omv__pinst *I, int32_t f, char *buf, size_t bufsz);

/* Capacity helpers at a point. */
double omv__pinst_base(const omv__pinst *I, const double *xv, int32_t e);
double omv__pinst_sat(const omv__pinst *I, const double *xv, int32_t v);
/* Power of node v in outage k (1 when it does not fail). */
double omv__pinst_pw(const omv__pinst *I, const double *xv, size_t k, int32_t v);
/* Fills cap[0..m) with the capacities under failure f (-1: none). */
void omv__pinst_caps(const omv__pinst *I, const double *xv, int32_t f, double *cap);
/* 1 when failure f is the loss of target node t itself (never counted against t). */
int omv__pinst_is_self(const omv__pinst *I, int32_t f, int32_t tnode);

/* ---- exact protection check by graph search (check.c) ------------------------------------------ */

typedef struct omv__pcheck omv__pcheck;
int omv__pcheck_new(omv__pcheck **out, const omv__pinst *I, int nthreads);
void omv__pcheck_free(omv__pcheck *c);
/*
 * For the graph of links and upgrades whose value exceeds thr: cut[t] = the first failure (in list
 * order) that leaves target t without a path to the core, OMV__CUT_NOPATH when it has none at all,
 * OMV__CUT_NONE when it is protected. Satellite terminals are not considered. Bridges and
 * articulation points of the graph with the core contracted give the link and node classes in one
 * depth-first search; groups and outages take one search each, in parallel.
 * Exact for 0/1 points; on a fractional point it finds the failures that leave no positive path.
 * classes restricts the failures looked at (I->classes: all); without links and nodes, targets
 * without any path are not looked for either.
 */
int omv__pcheck_run(omv__pcheck *c, omv_ctx *ctx, const double *xv, double thr, unsigned classes, int32_t *cut);

/* Protection of a 0/1 selection: prot[t] = 1 when graph-protected or a chosen satellite terminal
 * covers t; cut[t] as above (OMV__CUT_NONE when protected). Returns 0 or an error. Population of
 * protected targets in *pop when not NULL. */
int omv__plan_protection(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, uint8_t *prot, int32_t *cut,
                         int64_t *pop);
/* Searches only the failures whose mask entry is set (NULL: all) in the following runs. */
void omv__pcheck_only(omv__pcheck *c, const uint8_t *mask);
/* For each local link e, the shared-risk-group failures f such that e is a bridge of the graph of
 * selection sel without that group, with a target below it: dropping e can only change those
 * groups' results. fails[off[e] .. off[e + 1]); both malloc'd. */
int omv__pcheck_group_bridges(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, int32_t **off, int32_t **fails);
/* For the 0/1 point xv: which (target, failure) pairs cut the target off, as a target x failure
 * matrix (*cuts, malloc'd, nt rows of nfail bytes), and noway[t] = 1 for targets without any path.
 * Only these pairs can ever need protection: adding candidates to xv only adds paths. */
int omv__pcheck_cutting(omv__pcheck *c, omv_ctx *ctx, const double *xv, uint8_t **cuts, uint8_t *noway);
/* The same for the failures of classes only, without satellite terminals (graph protection). */
int omv__plan_graph_protection(omv__pcheck *c, omv_ctx *ctx, const uint8_t *sel, unsigned classes, int32_t *cut);

/* Which targets some plan can protect (every candidate built, every upgrade made): sets tfeas and
 * treason. */
int omv__pinst_feasibility(omv__pinst *I, omv_ctx *ctx, omv__pcheck *c);

/* ---- rows: the pool of protection rows (pool.c) ------------------------------------------------ */

/* A row reads sum val[k] * column col[k] >= rhs, columns as above (0-based). */
typedef struct {
    size_t nrows;
    size_t *start; /* nrows + 1 */
    int32_t *col;
    double *val;
    double *rhs;
    size_t caprows, capnz;
    size_t *slot;     /* open addressing over row hashes; a slot holds row + 1, 0 = empty */
    size_t capslot;
    uint64_t *rowhash;
} omv__pool;

void omv__pool_init(omv__pool *p);
void omv__pool_free(omv__pool *p);
/* Adds a row unless an identical one is there; *row receives its index. Columns must be distinct. */
int omv__pool_add(omv__pool *p, omv_ctx *ctx, const int32_t *col, const double *val, size_t len, double rhs,
                  size_t *row, int *is_new);
/* rhs - activity of row r at the point (> 0: violated). */
double omv__pool_violation(const omv__pool *p, size_t r, const double *xv, const double *yv, size_t nvar);

/* ---- separation (separate.c) --------------------------------------------------------------------- */

typedef struct omv__psep omv__psep;
int omv__psep_new(omv__psep **out, omv_ctx *ctx, const omv__pinst *I, int nthreads);
void omv__psep_free(omv__psep *s);
/*
 * Finds protection rows violated at the point and puts them into the pool. rows receives the pool
 * indices of the violated rows (at most max_rows, most violated first, ties by target), *nrows
 * their number. See separate.c for the exact procedure.
 */
int omv__psep_run(omv__psep *s, omv_ctx *ctx, omv__pool *pool, const double *xv, const double *yv, size_t max_rows,
                  size_t *rows, size_t *nrows);

/* ---- solvers (bc.c, mathprog.c) ------------------------------------------------------------------ */

typedef struct {
    int maximise_pop;      /* 1: maximise protected population (budget); 0: minimise cost */
    double budget;         /* NOK; <0 or NaN: no budget row */
    double popmin;         /* minimise cost subject to protected population >= popmin (<0: none) */
    double deadline;       /* monotonic seconds at which to stop; <= 0: none */
    double gap;            /* > 0: stop at this relative gap between the best plan and the bound */
    const uint8_t *start;  /* a feasible selection to start from, or NULL */
    int heuristic;         /* 1: run the primal heuristic */
} omv__solve_params;

typedef struct {
    omv_plan_status status;
    int has_sol;
    uint8_t *sel;   /* nvar, owned by the caller */
    double obj;     /* in model units: NOK or persons */
    double bound;   /* NaN when unknown */
    long nodes;
    size_t rows;    /* protection rows the solve generated (new to the pool) */
} omv__solve_result;

/* Branch-and-cut with lazy rows on GLPK. */
int omv__bc_solve(const omv__pinst *I, omv_ctx *ctx, omv__pool *pool, omv__psep *sep, omv__pcheck *chk,
                  const omv__solve_params *prm, omv__solve_result *res);
/* The compact flow form of models/protect.mod through MathProg. */
int omv__mp_solve(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm, omv__solve_result *res);
int omv__mp_export(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm, const char *data_path,
                   const char *mps_path);

/* ---- primal heuristic (heur.c) ------------------------------------------------------------------- */

/* Builds a feasible selection from a point: every candidate with value > thr (all of them when that
 * does not protect every feasible target), then drops the dearest candidates that are not needed,
 * until the deadline. Min-cost mode. */
int omv__heur_cover(const omv__pinst *I, omv_ctx *ctx, omv__pcheck *c, const double *xv, double deadline,
                    uint8_t *sel);
/* Budget mode: candidates by decreasing value (then by cost) while they fit the budget, then drops
 * those that protect nobody. *pop receives the protected population. */
int omv__heur_budget(const omv__pinst *I, omv_ctx *ctx, omv__pcheck *c, const double *xv, double budget,
                     double deadline, uint8_t *sel, int64_t *pop);

/* ---- the augmented network (augment.c) ------------------------------------------------------------ */

/* A copy of net in which the chosen candidates (sel over variables) are existing links and the
 * upgraded nodes have the upgrade's power_h. Built through the builder, so every invariant of a
 * loaded network holds. */
int omv__plan_augment(omv_net **out, omv_ctx *ctx, const omv__pinst *I, const uint8_t *sel);

/* ---- exact verification by max-flow (verify.c) -------------------------------------------------- */

/* For each target with a 0/1 selection: links class by max-flow with limit 2 (Menger), the other
 * classes by max-flow with limit 1 for every (target, failure) pair. prot/cut as in
 * omv__plan_protection. */
int omv__plan_verify_maxflow(const omv__pinst *I, omv_ctx *ctx, const uint8_t *sel, uint8_t *prot, int32_t *cut);

/* Monotonic wall clock in seconds. */
double omv__plan_now(void);

#endif /* OMV_PLAN_MODEL_H */
