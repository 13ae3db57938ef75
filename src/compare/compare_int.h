/*
 * compare_int.h — the comparison object shared by compare.c and its reports.
 */
#ifndef OMV_COMPARE_INT_H
#define OMV_COMPARE_INT_H

#include "plan/evaluate.h"

struct omv_compare {
    const omv_net *net;
    const omv_proposals *props;
    size_t n;
    omv_compare_baseline base;
    omv_compare_proposal *res;
    int32_t **idle;
    size_t *nidle;
    char *border; /* NULL: allow */
    size_t first, end;              /* the proposals evaluated here (a shard's block) */
    omv_reroute_scenario *worst_sc; /* per proposal: the failure behind worst_after (traffic) */
};

/* A rerouting scenario as the comparison reports it. */
void omv__compare_describe(omv_compare_failure *f, const omv_net *net, const omv_reroute_scenario *s);

#endif /* OMV_COMPARE_INT_H */
