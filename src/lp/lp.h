/*
 * lp.h — the LP layer: a linear programme built once from arrays, copied per thread, solved many
 * times with changed bounds from a stored basis. Two back ends sit behind it, chosen when a model is
 * created: GLPK (lp_glpk.c) and COIN-OR CLP (lp_clp.c); no solver type crosses this header. lp.c
 * checks every call and hands it to the model's back end (lp_backend.h).
 *
 * Indices are 0-based. Bounds use -HUGE_VAL / HUGE_VAL for "none". Every call checks its indices
 * before the back end sees them (GLPK aborts on a bad index, CLP reads out of bounds).
 *
 * Return codes and results are kept apart, as in SCIP: a call returns 0 or a negative OMV_E* code
 * (OMV_ESOLVER when the solver itself failed: a singular basis it could not repair, an iteration
 * limit); what the solver found (optimal, infeasible, unbounded) is the result, never an error.
 *
 * Threads: a problem belongs to the thread that created or copied it. omv__lp_copy may be called
 * from a worker thread on a problem no thread is changing. A worker that used the LP layer calls
 * omv__lp_thread_done before it ends (GLPK keeps an environment per thread). Both back ends keep
 * all their state in the problem (CLP: one ClpSimplex each), so problems of different threads never
 * share anything.
 */
#ifndef OMV_LP_LP_H
#define OMV_LP_LP_H

#include "core/core.h"

typedef struct omv__lp omv__lp;

typedef enum {
    OMV__LP_OPTIMAL = 0,
    OMV__LP_INFEASIBLE, /* no primal solution */
    OMV__LP_UNBOUNDED   /* the objective has no bound */
} omv__lp_result;

/* The back ends; the numbers are those of the public omv_lp_solver. */
typedef enum { OMV__LP_GLPK = 0, OMV__LP_CLP = 1 } omv__lp_backend;
/* "glpk", "clp"; NULL when unknown. */
const char *omv__lp_backend_name(int backend);

typedef enum {
    OMV__LP_PRIMAL = 0, /* primal simplex: after changing the objective or relaxing bounds */
    OMV__LP_DUAL        /* dual simplex: after tightening bounds from an optimal basis */
} omv__lp_method;

/* A model as arrays. The matrix is given as triplets (row, col, value), duplicates not allowed. */
typedef struct {
    int nrows, ncols;
    const double *row_lo, *row_hi; /* nrows each */
    const double *col_lo, *col_hi; /* ncols each */
    const double *obj;             /* ncols; NULL: all zero */
    size_t nnz;
    const int *ia, *ja;            /* row and column of each entry */
    const double *ar;
    int backend;                   /* omv__lp_backend; 0 (GLPK) when left out */
} omv__lp_model;

/* Translates the model once for its back end. Time O(rows + cols + nnz log nnz). Errors: OMV_EARG
 * (an unknown back end, an index out of range, a duplicate entry, lo > hi, a NaN), OMV_ENOMEM. */
int omv__lp_new(omv__lp **out, omv_ctx *ctx, const omv__lp_model *m);
/* An independent copy with the same back end, bounds, objective and basis. */
int omv__lp_copy(omv__lp **out, omv_ctx *ctx, const omv__lp *src);
void omv__lp_free(omv__lp *lp);
/* Releases the calling thread's solver environment (every problem of that thread freed first). */
void omv__lp_thread_done(void);

int omv__lp_rows(const omv__lp *lp);
int omv__lp_cols(const omv__lp *lp);
int omv__lp_backend_of(const omv__lp *lp);

int omv__lp_set_col_bounds(omv__lp *lp, omv_ctx *ctx, int j, double lo, double hi);
int omv__lp_set_row_bounds(omv__lp *lp, omv_ctx *ctx, int i, double lo, double hi);
int omv__lp_set_obj(omv__lp *lp, omv_ctx *ctx, int j, double c);

/* Solves from the current basis (the last solution, or a restored one). cold: start from the
 * standard basis instead. *result receives what was found. */
int omv__lp_solve(omv__lp *lp, omv_ctx *ctx, omv__lp_method method, bool cold, omv__lp_result *result);
/* Simplex iterations of the last solve. */
long omv__lp_iterations(const omv__lp *lp);

/* The solution of the last solve that ended optimal. */
double omv__lp_obj_value(const omv__lp *lp);
double omv__lp_col_value(const omv__lp *lp, int j);
/* All column values into x (ncols). */
void omv__lp_col_values(const omv__lp *lp, double *x);

/* A basis: one status byte per row and per column, owned by the caller. */
typedef struct {
    int nrows, ncols;
    unsigned char *row_stat, *col_stat;
} omv__lp_basis;
/* Stores the current basis into b (allocated here; free with omv__lp_basis_free). */
int omv__lp_basis_get(const omv__lp *lp, omv_ctx *ctx, omv__lp_basis *b);
/* Restores b and factorises it afresh, so the next solve does not depend on what the problem
 * solved before: the same basis, bounds and objective give the same iterations on every thread.
 * A basis is read and restored by the same back end (the codes are common, the pivots are not). */
int omv__lp_basis_set(omv__lp *lp, omv_ctx *ctx, const omv__lp_basis *b);
void omv__lp_basis_free(omv__lp_basis *b);
/* Status codes of a basis: basic, nonbasic at lower, at upper, free, fixed. */
enum { OMV__LP_BS = 1, OMV__LP_NL, OMV__LP_NU, OMV__LP_NF, OMV__LP_NS };

#endif /* OMV_LP_LP_H */
