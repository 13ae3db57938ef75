/*
 * result.h — the plan object behind the public getters, shared by the files that fill it: the
 * solve (result.c), the failure analysis before and after (analysis.c) and the sweep (sweep.c).
 */
#ifndef OMV_PLAN_RESULT_H
#define OMV_PLAN_RESULT_H

#include "plan/model.h"

/* What the plans of one sweep share: the instance, the rows found so far, the workspaces. */
typedef struct {
    omv__pinst *I;
    omv__pool *pool;
    omv__psep *sep;
    omv__pcheck *chk;
} omv__plan_shared;

struct omv_plan {
    omv__pinst *I;
    int owns_I;
    omv_plan_summary sum;
    uint8_t *sel;          /* per candidate column */
    uint8_t *prot;         /* per target */
    int32_t *cut;          /* per target: failure that cuts it off, OMV__CUT_NONE */
    uint8_t *satellite;    /* per target: protected by a chosen terminal */
    const char **cut_text; /* per target, arena */
    /* investments, in candidate order */
    size_t ninv;
    omv_plan_investment *inv;
    size_t *inv_off;       /* ninv + 1 */
    int32_t *inv_sites;
    /* failure analysis */
    int analysed;
    omv_plan_analysis before, after;
    int8_t *vprot;          /* per target: verification, -1 not run */
    const char **vcut_text; /* per target, arena */
    omv__arena arena;
    double solve_bound; /* the bound as the solve left it (omv__plan_found) */
};

/* What a solve found: enough to build its plan again without solving (a shard's part of a sweep). */
typedef struct {
    omv_plan_status status;
    int has_plan;
    double bound; /* as the solve left it, before the plan is settled */
    long nodes, cuts;
    double solve_s;
    uint8_t *sel; /* per candidate column */
} omv__plan_found;

/* Plans with the shared pieces of sh (any of them NULL: made here and owned by the plan). start: a
 * selection known to be feasible to begin from, or NULL. found: not NULL, what an earlier solve
 * found, taken instead of solving. */
int omv__plan_make(omv_plan **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                   omv__plan_shared *sh, const uint8_t *start, const omv__plan_found *found);

/* Runs the failure analysis before and after the plan and fills the verification. */
int omv__plan_analyse(omv_plan *p, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt);

#endif /* OMV_PLAN_RESULT_H */
