/*
 * evaluate.h — a selection of candidates measured as submitted: which targets it protects, which of
 * its items protect no one beyond the rest, and the failures that still cut off region sites. The
 * planner's own instance and checks, so "protected" means what it means for omv_plan_run.
 */
#ifndef OMV_PLAN_EVALUATE_H
#define OMV_PLAN_EVALUATE_H

#include "topo/net.h"

typedef struct {
    size_t targets;
    int64_t target_population;
    size_t protected_sites;
    int64_t protected_population;
    double cost_nok;         /* sum of the costs of the items given (each once) */
    int32_t *idle;           /* malloc'd: items (network link indices, ascending) whose removal leaves
                              * every target as protected as before */
    size_t nidle;
    size_t unusable;         /* items that are not candidates of net (left out by a border view) */
    size_t failures;         /* failures of the classes that cut off region sites with the items built */
    omv_spof *spof;          /* the failure analysis with the items built; owned */
} omv__plan_eval;

/*
 * Builds the items links[0..n) (network link indices of candidates; duplicates count once) on net
 * and measures them for the targets and failure classes of opt (as omv_plan_run would, without
 * choosing anything). Protection by the planner's graph check, confirmed target by target by
 * max-flow; idle items by dropping each in turn; the failures by omv_spof_run on the overlay with
 * the items built (the planner's classes). Free with omv__plan_eval_free.
 */
int omv__plan_evaluate(omv__plan_eval *out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                       const int32_t *links, size_t n);
void omv__plan_eval_free(omv__plan_eval *e);

#endif /* OMV_PLAN_EVALUATE_H */
