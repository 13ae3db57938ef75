/*
 * lp_backend.h — what a back end of the LP layer provides (lp_glpk.c, lp_clp.c) and the problem
 * record lp.c keeps around it. lp.c has checked every index, bound and value before a back end is
 * called, so the back ends do no checking of their own.
 */
#ifndef OMV_LP_BACKEND_H
#define OMV_LP_BACKEND_H

#include "lp/lp.h"

typedef struct {
    const char *name;
    /* A problem from a checked model (no duplicate entries, bounds in order). */
    int (*load)(void **p, omv_ctx *ctx, const omv__lp_model *m);
    /* An independent copy: bounds, objective, basis. src is only read. */
    int (*copy)(void **p, omv_ctx *ctx, void *src);
    void (*free)(void *p);
    void (*thread_done)(void);
    void (*set_col_bounds)(void *p, int j, double lo, double hi);
    void (*set_row_bounds)(void *p, int i, double lo, double hi);
    void (*set_obj)(void *p, int j, double c);
    /* As omv__lp_solve; *iters and, when optimal, *obj receive the figures of this solve. */
    int (*solve)(void *p, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result, long *iters,
                 double *obj);
    void (*col_values)(void *p, double *x);
    double (*col_value)(void *p, int j);
    /* Status codes OMV__LP_BS ... OMV__LP_NS. */
    void (*basis_get)(void *p, unsigned char *row_stat, unsigned char *col_stat);
    int (*basis_set)(void *p, omv_ctx *ctx, const unsigned char *row_stat, const unsigned char *col_stat);
} omv__lp_ops;

extern const omv__lp_ops omv__lp_glpk_ops;
extern const omv__lp_ops omv__lp_clp_ops;

#endif /* OMV_LP_BACKEND_H */
