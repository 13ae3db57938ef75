/*
 * reroute_int.h — internals of the rerouting engine shared by its files: failure scenarios, demand
 * classes (the border policy as per-class link masks), the evaluation of one scenario by the LP
 * (mcf.c) or by ECMP shortest paths (ecmp.c), and the result record.
 */
#ifndef OMV_REROUTE_INT_H
#define OMV_REROUTE_INT_H

#include "topo/net.h"

/* Loads and unserved demand closer to zero than this are zero (Gbps). */
#define OMV__RR_EPS 1e-9

/* One failure scenario. link/pair: a, b links (b -1 for link); node: a; srlg: a group; power: a the
 * index into the outage hours. */
typedef struct {
    uint8_t kind; /* omv_reroute_kind */
    int32_t a, b;
} omv__rr_scen;

/* What a scenario leaves behind. */
typedef struct {
    double unserved, lost, maxu;
    int32_t *over; /* malloc'd */
    omv_reroute_unserved *uns; /* malloc'd */
    int32_t busiest; /* link of the highest utilisation (lowest index on ties), -1 when none */
    uint32_t nover, nuns, failed_nodes;
    uint8_t solved, done;
} omv__rr_res;

/* Demand classes: class 0 is "open" (cross-border demand, or any demand under allow); class c > 0
 * is the domestic demand of one country and may use the links open[c * nlinks + l] allows. */
typedef struct {
    size_t nclass;
    int32_t *dclass;    /* per demand */
    uint8_t *open;      /* nclass x net->nlinks; candidates never open */
    const char **country; /* per class; NULL for class 0 (borrowed from the nodes) */
} omv__rr_classes;

int omv__rr_classes_init(omv__rr_classes *c, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc);
void omv__rr_classes_free(omv__rr_classes *c);

/* One evaluation: the failure masks in, loads and per-demand figures out. */
typedef struct {
    const uint8_t *link_dead; /* per link of the network */
    const uint8_t *node_dead; /* per node */
    double *load;             /* 2 x nlinks: [2l] from a to b, [2l+1] from b to a */
    double *unserved;         /* per demand */
    double *lost;             /* per demand: lost with a failed end */
} omv__rr_eval;

/* The metric of link l for shortest paths: metric column, else length_km, else 1. */
double omv__rr_metric(const omv_net *net, size_t l);

/* ---- optimal: the multi-commodity flow LP (mcf.c) ---- */
typedef struct omv__rr_mcf omv__rr_mcf;
typedef struct omv__rr_mcf_worker omv__rr_mcf_worker;
/* Builds the model for the LP solver (omv_lp_solver) and solves the intact network (eval with no
 * failure), keeping its basis. */
int omv__rr_mcf_new(omv__rr_mcf **out, omv_ctx *ctx, const omv_net *net, const omv__rr_classes *cls,
                    omv__rr_eval *intact, int warm, int solver);
void omv__rr_mcf_free(omv__rr_mcf *m);
size_t omv__rr_mcf_commodities(const omv__rr_mcf *m);
/* A thread's own copy. */
int omv__rr_mcf_worker_new(omv__rr_mcf_worker **out, omv_ctx *ctx, const omv__rr_mcf *m);
void omv__rr_mcf_worker_free(omv__rr_mcf_worker *w);
/* Solves one scenario; *iters receives the simplex iterations. */
int omv__rr_mcf_eval(omv__rr_mcf_worker *w, omv_ctx *ctx, omv__rr_eval *ev, long *iters);

/* ---- shortest: ECMP (ecmp.c) ---- */
typedef struct omv__rr_ecmp omv__rr_ecmp;
int omv__rr_ecmp_new(omv__rr_ecmp **out, omv_ctx *ctx, const omv_net *net, const omv__rr_classes *cls);
void omv__rr_ecmp_free(omv__rr_ecmp *e);
/* Thread-safe: scratch is allocated per call. */
int omv__rr_ecmp_eval(const omv__rr_ecmp *e, omv_ctx *ctx, omv__rr_eval *ev);
/* Evaluates the intact network (no failure in ev) and keeps each group's part, so that later
 * evaluations route only the groups a failure touches; the figures do not change. Call before any
 * other thread evaluates. */
int omv__rr_ecmp_keep_intact(omv__rr_ecmp *e, omv_ctx *ctx, omv__rr_eval *ev);

/* ---- the result (run.c; parts of shards: part.c) ---- */
struct omv_reroute {
    omv_routing routing;
    size_t nlinks, nnodes, ndemands;
    double demand_total;
    size_t unlimited;
    size_t ncommodities, nsolved;
    long iterations;
    int interrupted;
    omv__rr_res intact;
    omv__rr_scen *scen;
    omv__rr_res *res;
    size_t nscen;
    size_t first, end;        /* the scenarios evaluated here: [first, end) */
    double *hours;            /* outage hours */
    int32_t *pw_off, *pw_nodes; /* failed nodes of outage h: pw_nodes[pw_off[h] .. pw_off[h+1]-1] */
    int32_t *sg_off, *sg_links; /* existing links of group g */
    double *cap;              /* per link: capacity, NaN unlimited */
    uint8_t *existing;        /* per link */
    double *gbps_intact;      /* per link */
    double *gbps_worst;
    long *worst;
    double *bg;               /* per link: the highest load over the scenarios evaluated here or merged */
    long *bi;                 /* and its scenario (ties to the lower number), -1 when none */
};

/* (g, i) beats (bg, bi): a higher load, or the same load in a lower-numbered scenario. */
static inline bool omv__rr_beats(double g, long i, double bg, long bi)
{
    return g > bg || (g == bg && bi >= 0 && i < bi);
}

/* Sets every link's worst case from bg/bi and the intact loads. */
void omv__rr_finish_worst(omv_reroute *r);

#endif /* OMV_REROUTE_INT_H */
