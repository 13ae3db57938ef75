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
};

#endif /* OMV_COMPARE_INT_H */
