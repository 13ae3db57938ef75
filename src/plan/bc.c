/*
 * bc.c — branch-and-cut on GLPK with lazy protection rows (DESIGN.md §4 and §5).
 *
 * The problem holds one binary column per candidate and per target, the budget or population row
 * when the mode needs one, and every row of the pool. GLPK's callback does the rest:
 *  - GLP_IROWGEN: rows of the pool violated at the LP point are added back first (GLPK drops lazy
 *    rows added below the root when it leaves their subtree); when none is, separate.c runs. Rows
 *    are added with glp_add_rows on glp_ios_get_prob(tree): glp_ios_add_row aborts in this phase.
 *    When nothing is violated at an integer point, the point is feasible for the full model: that
 *    check is exact, so GLPK only ever accepts feasible plans.
 *  - GLP_IHEUR: the start plan, then the primal heuristic of heur.c now and then.
 *  - every call: the interrupt flag and the deadline stop the search (glp_ios_terminate); the best
 *    bound and the node count are recorded so that a stopped search reports its gap.
 * Presolve and GLPK's rounding, feasibility pump and proximity heuristics are off: they would work
 * on a model that lacks rows not generated yet. GLPK's messages go to a terminal hook that keeps
 * them off the terminal. Costs enter the model in millions of NOK and populations in thousands,
 * which keeps the simplex well scaled.
 */
#include "plan/model.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COST_SCALE 1e-6
#define POP_SCALE 1e-3

typedef struct {
    const omv__pinst *I;
    omv_ctx *ctx;
    omv__pool *pool;
    omv__psep *sep;
    omv__pcheck *chk;
    const omv__solve_params *prm;
    size_t ncols;
    double *x;        /* LP point over all columns */
    size_t *rows;
    size_t maxrows;
    int *ind;
    double *val;
    uint8_t *sel;
    uint8_t *prot;
    int32_t *cut;
    double *hsol;     /* 1-based solution for glp_ios_heur_sol */
    int err;
    omv_plan_status stopped; /* OMV_PLAN_OPTIMAL while running */
    double bound;
    long nodes;
    size_t new_rows;
    long heur_calls;
    int start_used;
} bcstate;

static int term_hook(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* swallow: the library never prints */
}

/* Adds pool rows rows[0..n) to P. Columns are validated: GLPK aborts on a bad index. */
static int add_rows(bcstate *st, glp_prob *P, const size_t *rows, size_t n)
{
    if (!n)
        return 0;
    const omv__pool *pool = st->pool;
    int ncols = glp_get_num_cols(P);
    if (ncols < 0 || (size_t)ncols != st->ncols)
        return OMV_ERR(st->ctx, OMV_EINTERNAL, "planner problem has %d columns, expected %zu", ncols, st->ncols);
    if (n > (size_t)INT_MAX - (size_t)glp_get_num_rows(P))
        return OMV_ERR(st->ctx, OMV_EINTERNAL, "too many protection rows");
    int i0 = glp_add_rows(P, (int)n);
    for (size_t k = 0; k < n; k++) {
        size_t r = rows[k];
        if (r >= pool->nrows)
            return OMV_ERR(st->ctx, OMV_EINTERNAL, "protection row %zu out of range", r);
        size_t len = pool->start[r + 1] - pool->start[r];
        if (len > st->ncols)
            return OMV_ERR(st->ctx, OMV_EINTERNAL, "protection row longer than the column count");
        int prev = 0;
        for (size_t q = 0; q < len; q++) {
            int32_t c = pool->col[pool->start[r] + q];
            if (c < 0 || (size_t)c >= st->ncols || c + 1 <= prev)
                return OMV_ERR(st->ctx, OMV_EINTERNAL, "protection row with a bad column %d", (int)c);
            st->ind[q + 1] = c + 1;
            st->val[q + 1] = pool->val[pool->start[r] + q];
            prev = c + 1;
        }
        glp_set_mat_row(P, i0 + (int)k, (int)len, st->ind, st->val);
        glp_set_row_bnds(P, i0 + (int)k, GLP_LO, pool->rhs[r], 0.0);
    }
    return 0;
}

static void read_point(bcstate *st, glp_prob *P)
{
    for (size_t j = 0; j < st->ncols; j++) {
        double v = glp_get_col_prim(P, (int)j + 1);
        st->x[j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
}

static void rowgen(bcstate *st, glp_tree *T)
{
    glp_prob *P = glp_ios_get_prob(T);
    const omv__pinst *I = st->I;
    read_point(st, P);
    const double *xv = st->x, *yv = st->x + I->nvar;
    size_t n = 0;
    for (size_t r = 0; r < st->pool->nrows && n < st->maxrows; r++)
        if (omv__pool_violation(st->pool, r, xv, yv, I->nvar) > OMV__PLAN_VIOL)
            st->rows[n++] = r;
    if (!n) {
        size_t before = st->pool->nrows;
        int rc = omv__psep_run(st->sep, st->ctx, st->pool, xv, yv, st->maxrows, st->rows, &n);
        st->new_rows += st->pool->nrows - before;
        if (rc) {
            st->err = rc;
            glp_ios_terminate(T);
            return;
        }
    }
    int rc = add_rows(st, P, st->rows, n);
    if (rc) {
        st->err = rc;
        glp_ios_terminate(T);
    }
}

/* Hands a 0/1 selection to GLPK as a heuristic solution; y follows from the exact check. */
static void offer(bcstate *st, glp_tree *T, const uint8_t *sel)
{
    const omv__pinst *I = st->I;
    int rc = omv__plan_protection(st->chk, st->ctx, sel, st->prot, st->cut, NULL);
    if (rc) {
        st->err = rc;
        glp_ios_terminate(T);
        return;
    }
    glp_prob *P = glp_ios_get_prob(T);
    for (size_t j = 0; j < I->nvar; j++)
        st->hsol[j + 1] = sel[j] ? 1.0 : 0.0;
    for (size_t t = 0; t < I->nt; t++) {
        int col = (int)(I->nvar + t) + 1;
        int type = glp_get_col_type(P, col);
        if (type == GLP_FX)
            st->hsol[col] = glp_get_col_lb(P, col);
        else
            st->hsol[col] = st->prot[t] && I->tfeas[t] ? 1.0 : 0.0;
        /* A fixed y = 1 that the selection does not protect: not a solution. */
        if (st->hsol[col] > 0.5 && !st->prot[t])
            return;
    }
    if (st->prm->popmin >= 0) {
        double pop = 0;
        for (size_t t = 0; t < I->nt; t++)
            pop += st->hsol[I->nvar + t + 1] * (double)I->tpop[t];
        if (pop < st->prm->popmin - 0.5)
            return;
    }
    if (st->prm->budget >= 0) {
        double spent = 0;
        for (size_t j = 0; j < I->nvar; j++)
            spent += sel[j] ? I->vcost[j] : 0;
        if (spent > st->prm->budget + 1e-6)
            return;
    }
    glp_ios_heur_sol(T, st->hsol);
}

static void heuristic(bcstate *st, glp_tree *T)
{
    const omv__pinst *I = st->I;
    if (st->prm->start && !st->start_used) {
        st->start_used = 1;
        offer(st, T, st->prm->start);
        if (st->err)
            return;
    }
    if (!st->prm->heuristic || st->prm->popmin >= 0)
        return;
    long k = st->heur_calls++;
    if (k > 64 ? k % 64 != 0 : (k & (k - 1)) != 0)
        return;
    read_point(st, glp_ios_get_prob(T));
    double deadline = omv__plan_now() + 2.0;
    if (st->prm->deadline > 0 && deadline > st->prm->deadline)
        deadline = st->prm->deadline;
    int rc;
    if (st->prm->maximise_pop) {
        int64_t pop;
        rc = omv__heur_budget(I, st->ctx, st->chk, st->x, st->prm->budget, deadline, st->sel, &pop);
    } else {
        rc = omv__heur_cover(I, st->ctx, st->chk, st->x, deadline, st->sel);
    }
    if (rc) {
        st->err = rc;
        glp_ios_terminate(T);
        return;
    }
    offer(st, T, st->sel);
}

static void callback(glp_tree *T, void *info)
{
    bcstate *st = info;
    if (st->err) {
        glp_ios_terminate(T);
        return;
    }
    int a, nn, tot;
    glp_ios_tree_size(T, &a, &nn, &tot);
    st->nodes = tot;
    omv__progress(st->ctx, "branch-and-cut", 0, 0);
    int best = glp_ios_best_node(T);
    if (best)
        st->bound = glp_ios_node_bound(T, best);
    if (omv__interrupted(st->ctx)) {
        st->stopped = OMV_PLAN_INTERRUPTED;
        glp_ios_terminate(T);
        return;
    }
    if (st->prm->deadline > 0 && omv__plan_now() >= st->prm->deadline) {
        st->stopped = OMV_PLAN_TIME_LIMIT;
        glp_ios_terminate(T);
        return;
    }
    switch (glp_ios_reason(T)) {
    case GLP_IROWGEN:
        rowgen(st, T);
        break;
    case GLP_IHEUR:
        heuristic(st, T);
        break;
    default:
        break;
    }
}

static glp_prob *build(const omv__pinst *I, const omv__solve_params *prm, bcstate *st)
{
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, prm->maximise_pop ? GLP_MAX : GLP_MIN);
    glp_add_cols(P, (int)st->ncols);
    for (size_t j = 0; j < I->nvar; j++) {
        glp_set_col_kind(P, (int)j + 1, GLP_BV);
        glp_set_obj_coef(P, (int)j + 1, prm->maximise_pop ? 0.0 : I->vcost[j] * COST_SCALE);
    }
    int fixed_y = !prm->maximise_pop && prm->popmin < 0;
    for (size_t t = 0; t < I->nt; t++) {
        int col = (int)(I->nvar + t) + 1;
        glp_set_col_kind(P, col, GLP_BV);
        if (!I->tfeas[t])
            glp_set_col_bnds(P, col, GLP_FX, 0.0, 0.0);
        else if (fixed_y)
            glp_set_col_bnds(P, col, GLP_FX, 1.0, 1.0);
        glp_set_obj_coef(P, col, prm->maximise_pop ? (double)I->tpop[t] * POP_SCALE : 0.0);
    }
    if (prm->budget >= 0 && I->nvar) {
        int r = glp_add_rows(P, 1);
        size_t len = 0;
        for (size_t j = 0; j < I->nvar; j++) {
            st->ind[len + 1] = (int)j + 1;
            st->val[len + 1] = I->vcost[j] * COST_SCALE;
            len++;
        }
        glp_set_mat_row(P, r, (int)len, st->ind, st->val);
        glp_set_row_bnds(P, r, GLP_UP, 0.0, prm->budget * COST_SCALE);
    }
    if (prm->popmin >= 0 && I->nt) {
        int r = glp_add_rows(P, 1);
        for (size_t t = 0; t < I->nt; t++) {
            st->ind[t + 1] = (int)(I->nvar + t) + 1;
            st->val[t + 1] = (double)I->tpop[t] * POP_SCALE;
        }
        glp_set_mat_row(P, r, (int)I->nt, st->ind, st->val);
        glp_set_row_bnds(P, r, GLP_LO, (prm->popmin - 0.5) * POP_SCALE, 0.0);
    }
    return P;
}

static int remaining_ms(double deadline)
{
    if (deadline <= 0)
        return INT_MAX;
    double ms = (deadline - omv__plan_now()) * 1000.0;
    if (ms < 1)
        return 1;
    return ms > (double)(INT_MAX - 1) ? INT_MAX - 1 : (int)ms;
}

int omv__bc_solve(const omv__pinst *I, omv_ctx *ctx, omv__pool *pool, omv__psep *sep, omv__pcheck *chk,
                  const omv__solve_params *prm, omv__solve_result *res)
{
    bcstate st;
    memset(&st, 0, sizeof(st));
    st.I = I;
    st.ctx = ctx;
    st.pool = pool;
    st.sep = sep;
    st.chk = chk;
    st.prm = prm;
    st.ncols = I->nvar + I->nt;
    st.maxrows = I->nt > 500 ? 2 * I->nt : 1000;
    st.stopped = OMV_PLAN_OPTIMAL;
    st.bound = NAN;
    res->status = OMV_PLAN_OPTIMAL;
    res->has_sol = 0;
    res->obj = NAN;
    res->bound = NAN;
    res->nodes = 0;
    res->rows = 0;
    if (st.ncols > (size_t)INT_MAX / 2)
        return OMV_ERR(ctx, OMV_EDATA, "too many candidates and targets for GLPK");
    st.x = calloc(st.ncols + 1, sizeof(double));
    st.rows = malloc((st.maxrows + pool->nrows + 1) * sizeof(size_t));
    st.ind = malloc((st.ncols + 2) * sizeof(int));
    st.val = malloc((st.ncols + 2) * sizeof(double));
    st.sel = malloc(I->nvar + 1);
    st.prot = malloc(I->nt + 1);
    st.cut = malloc((I->nt + 1) * sizeof(int32_t));
    st.hsol = calloc(st.ncols + 2, sizeof(double));
    glp_prob *P = NULL;
    int rc = 0;
    if (!st.x || !st.rows || !st.ind || !st.val || !st.sel || !st.prot || !st.cut || !st.hsol) {
        rc = OMV_NOMEM(ctx, "branch-and-cut");
        goto cleanup;
    }
    glp_term_hook(term_hook, NULL);
    P = build(I, prm, &st);
    /* Every row found so far is valid here too. */
    for (size_t r = 0; r < pool->nrows; r++)
        st.rows[r] = r;
    if ((rc = add_rows(&st, P, st.rows, pool->nrows)))
        goto cleanup;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    sm.tm_lim = remaining_ms(prm->deadline);
    int sret = glp_simplex(P, &sm);
    if (sret == GLP_ETMLIM) {
        res->status = OMV_PLAN_TIME_LIMIT;
        goto fallback;
    }
    if (sret != 0) {
        rc = OMV_ERR(ctx, OMV_ESOLVER, "GLPK simplex failed on the planner's relaxation (code %d)", sret);
        goto cleanup;
    }
    if (glp_get_status(P) == GLP_NOFEAS) {
        res->status = OMV_PLAN_INFEASIBLE;
        goto cleanup;
    }
    if (glp_get_status(P) != GLP_OPT) {
        rc = OMV_ERR(ctx, OMV_ESOLVER, "GLPK found no optimal solution of the planner's relaxation (status %d)",
                     glp_get_status(P));
        goto cleanup;
    }
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.fp_heur = GLP_OFF;
    io.ps_heur = GLP_OFF;
    io.sr_heur = GLP_OFF;
    io.binarize = GLP_OFF;
    io.mir_cuts = GLP_OFF;
    io.gmi_cuts = GLP_OFF;
    io.cov_cuts = GLP_OFF;
    io.clq_cuts = GLP_OFF;
    io.br_tech = GLP_BR_PCH;
    io.bt_tech = GLP_BT_BLB;
    io.tm_lim = remaining_ms(prm->deadline);
    if (prm->gap > 0)
        io.mip_gap = prm->gap;
    io.cb_func = callback;
    io.cb_info = &st;
    int ret = glp_intopt(P, &io);
    res->nodes = st.nodes;
    res->rows = st.new_rows;
    if (st.err) {
        rc = st.err;
        goto cleanup;
    }
    if (ret == GLP_ETMLIM)
        res->status = OMV_PLAN_TIME_LIMIT;
    else if (ret == GLP_EMIPGAP)
        res->status = OMV_PLAN_GAP_LIMIT;
    else if (ret == GLP_ESTOP)
        res->status = st.stopped != OMV_PLAN_OPTIMAL ? st.stopped : OMV_PLAN_INTERRUPTED;
    else if (ret != 0) {
        rc = OMV_ERR(ctx, OMV_ESOLVER, "GLPK branch-and-cut failed (code %d)", ret);
        goto cleanup;
    }
    int ms = glp_mip_status(P);
    if (ret == 0 && ms == GLP_NOFEAS) {
        res->status = OMV_PLAN_INFEASIBLE;
        goto cleanup;
    }
    double scale = prm->maximise_pop ? POP_SCALE : COST_SCALE;
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        res->has_sol = 1;
        for (size_t j = 0; j < I->nvar; j++)
            res->sel[j] = glp_mip_col_val(P, (int)j + 1) > 0.5;
        res->obj = glp_mip_obj_val(P) / scale;
    }
    if (res->status == OMV_PLAN_OPTIMAL) {
        res->bound = res->obj;
        goto cleanup;
    }
    res->bound = st.bound / scale;
fallback:
    if (!res->has_sol && prm->start) {
        res->has_sol = 1;
        memcpy(res->sel, prm->start, I->nvar);
        res->obj = NAN; /* the caller evaluates the start plan */
    }
cleanup:
    if (P)
        glp_delete_prob(P);
    glp_term_hook(NULL, NULL);
    free(st.x);
    free(st.rows);
    free(st.ind);
    free(st.val);
    free(st.sel);
    free(st.prot);
    free(st.cut);
    free(st.hsol);
    return rc;
}
