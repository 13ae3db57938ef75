/*
 * test_lp.c — the LP layer, every test once per back end (GLPK, CLP): a model translated from arrays
 * solves to its known optimum; infeasible and unbounded models are results, not errors; bad indices
 * are refused before the back end sees them; a copy is independent of its original; a warm start
 * from a stored basis after a bound change reaches the same optimum as a cold solve; a restored
 * basis gives the same pivots whatever the problem solved before.
 */
#include "lp/lp.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>

/* max 3x + 2y  s.t. x + y <= 4, x + 3y <= 6, x <= 3  (as min -3x - 2y); optimum x=3, y=1, -11. */
static omv__lp *small(omv_ctx *ctx, int backend)
{
    static const double rlo[] = {-HUGE_VAL, -HUGE_VAL}, rhi[] = {4, 6};
    static const double clo[] = {0, 0}, chi[] = {3, HUGE_VAL}, obj[] = {-3, -2};
    static const int ia[] = {0, 0, 1, 1}, ja[] = {0, 1, 0, 1};
    static const double ar[] = {1, 1, 1, 3};
    omv__lp_model m = {2, 2, rlo, rhi, clo, chi, obj, 4, ia, ja, ar, backend};
    omv__lp *lp = NULL;
    ck_assert_int_eq(omv__lp_new(&lp, ctx, &m), 0);
    return lp;
}

START_TEST(test_optimum)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__lp *lp = small(ctx, _i);
    omv__lp_result res;
    ck_assert_int_eq(omv__lp_solve(lp, ctx, OMV__LP_PRIMAL, true, &res), 0);
    ck_assert_int_eq(res, OMV__LP_OPTIMAL);
    ck_assert_double_eq_tol(omv__lp_obj_value(lp), -11, 1e-9);
    ck_assert_double_eq_tol(omv__lp_col_value(lp, 0), 3, 1e-9);
    ck_assert_double_eq_tol(omv__lp_col_value(lp, 1), 1, 1e-9);
    omv__lp_free(lp);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_infeasible_and_unbounded_are_results)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__lp *lp = small(ctx, _i);
    omv__lp_result res;
    /* x + y >= 10 cannot hold with x + 3y <= 6 and x <= 3. */
    ck_assert_int_eq(omv__lp_set_row_bounds(lp, ctx, 0, 10, HUGE_VAL), 0);
    ck_assert_int_eq(omv__lp_solve(lp, ctx, OMV__LP_PRIMAL, true, &res), 0);
    ck_assert_int_eq(res, OMV__LP_INFEASIBLE);
    /* Free the rows and the bound on x: -3x has no bound below. */
    ck_assert_int_eq(omv__lp_set_row_bounds(lp, ctx, 0, -HUGE_VAL, HUGE_VAL), 0);
    ck_assert_int_eq(omv__lp_set_row_bounds(lp, ctx, 1, -HUGE_VAL, HUGE_VAL), 0);
    ck_assert_int_eq(omv__lp_set_col_bounds(lp, ctx, 0, 0, HUGE_VAL), 0);
    ck_assert_int_eq(omv__lp_solve(lp, ctx, OMV__LP_PRIMAL, true, &res), 0);
    ck_assert_int_eq(res, OMV__LP_UNBOUNDED);
    omv__lp_free(lp);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_bad_input_refused)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__lp *lp = small(ctx, _i);
    ck_assert_int_eq(omv__lp_set_col_bounds(lp, ctx, 2, 0, 1), OMV_EARG);
    ck_assert_int_eq(omv__lp_set_col_bounds(lp, ctx, -1, 0, 1), OMV_EARG);
    ck_assert_int_eq(omv__lp_set_row_bounds(lp, ctx, 5, 0, 1), OMV_EARG);
    ck_assert_int_eq(omv__lp_set_col_bounds(lp, ctx, 0, 2, 1), OMV_EARG);
    ck_assert_int_eq(omv__lp_set_obj(lp, ctx, 0, NAN), OMV_EARG);
    static const double lo[] = {0}, hi[] = {1};
    static const int ia[] = {0, 0}, ja[] = {0, 0};
    static const double ar[] = {1, 2};
    omv__lp_model dup = {1, 1, lo, hi, lo, hi, NULL, 2, ia, ja, ar, _i};
    omv__lp *bad = NULL;
    ck_assert_int_eq(omv__lp_new(&bad, ctx, &dup), OMV_EARG); /* duplicate entry */
    static const int ib[] = {3};
    omv__lp_model out = {1, 1, lo, hi, lo, hi, NULL, 1, ib, ja, ar, _i};
    ck_assert_int_eq(omv__lp_new(&bad, ctx, &out), OMV_EARG); /* row out of range */
    out.ia = ia;
    out.backend = 7;
    ck_assert_int_eq(omv__lp_new(&bad, ctx, &out), OMV_EARG); /* unknown back end */
    ck_assert_ptr_null(bad);
    omv__lp_free(lp);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(test_copy_is_independent)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__lp *lp = small(ctx, _i), *cp = NULL;
    ck_assert_int_eq(omv__lp_copy(&cp, ctx, lp), 0);
    ck_assert_int_eq(omv__lp_set_col_bounds(cp, ctx, 0, 0, 1), 0);
    omv__lp_result res;
    ck_assert_int_eq(omv__lp_solve(lp, ctx, OMV__LP_PRIMAL, true, &res), 0);
    ck_assert_double_eq_tol(omv__lp_obj_value(lp), -11, 1e-9);
    ck_assert_int_eq(omv__lp_solve(cp, ctx, OMV__LP_PRIMAL, true, &res), 0);
    /* x <= 1: y = 5/3 from x + 3y <= 6: -3 - 10/3. */
    ck_assert_double_eq_tol(omv__lp_obj_value(cp), -3 - 10.0 / 3, 1e-9);
    omv__lp_free(lp);
    omv__lp_free(cp);
    omv_ctx_free(ctx);
}
END_TEST

/* A transportation problem of 8 x 8: a stored optimal basis, then a column fixed at zero; the dual
 * simplex from the basis finds what a cold solve finds. */
START_TEST(test_warm_equals_cold)
{
    omv_ctx *ctx = omv_ctx_new();
    enum { S = 8, T = 8 };
    double rlo[S + T], rhi[S + T], clo[S * T], chi[S * T], obj[S * T], ar[2 * S * T];
    int ia[2 * S * T], ja[2 * S * T];
    size_t nz = 0;
    for (int i = 0; i < S; i++) {
        rlo[i] = -HUGE_VAL;
        rhi[i] = 10 + i; /* supply */
    }
    for (int j = 0; j < T; j++) {
        rlo[S + j] = 8 + (j % 3); /* demand */
        rhi[S + j] = HUGE_VAL;
    }
    for (int i = 0; i < S; i++)
        for (int j = 0; j < T; j++) {
            int c = i * T + j;
            clo[c] = 0;
            chi[c] = HUGE_VAL;
            obj[c] = 1 + ((i * 7 + j * 13) % 11);
            ia[nz] = i, ja[nz] = c, ar[nz++] = 1;
            ia[nz] = S + j, ja[nz] = c, ar[nz++] = 1;
        }
    omv__lp_model m = {S + T, S * T, rlo, rhi, clo, chi, obj, nz, ia, ja, ar, _i};
    omv__lp *warm = NULL, *cold = NULL;
    ck_assert_int_eq(omv__lp_new(&warm, ctx, &m), 0);
    omv__lp_result res;
    ck_assert_int_eq(omv__lp_solve(warm, ctx, OMV__LP_PRIMAL, true, &res), 0);
    ck_assert_int_eq(res, OMV__LP_OPTIMAL);
    omv__lp_basis b = {0};
    ck_assert_int_eq(omv__lp_basis_get(warm, ctx, &b), 0);
    ck_assert_int_eq(omv__lp_copy(&cold, ctx, warm), 0);
    for (int c = 0; c < S * T; c++) {
        /* Fix every column that carries flow at zero, one at a time. */
        if (omv__lp_col_value(cold, c) <= 0)
            continue;
        ck_assert_int_eq(omv__lp_basis_set(warm, ctx, &b), 0);
        ck_assert_int_eq(omv__lp_set_col_bounds(warm, ctx, c, 0, 0), 0);
        ck_assert_int_eq(omv__lp_set_col_bounds(cold, ctx, c, 0, 0), 0);
        omv__lp_result rw, rc;
        ck_assert_int_eq(omv__lp_solve(warm, ctx, OMV__LP_DUAL, false, &rw), 0);
        ck_assert_int_eq(omv__lp_solve(cold, ctx, OMV__LP_PRIMAL, true, &rc), 0);
        ck_assert_int_eq(rw, rc);
        ck_assert_double_eq_tol(omv__lp_obj_value(warm), omv__lp_obj_value(cold), 1e-7);
        ck_assert_int_eq(omv__lp_set_col_bounds(warm, ctx, c, 0, HUGE_VAL), 0);
        ck_assert_int_eq(omv__lp_set_col_bounds(cold, ctx, c, 0, HUGE_VAL), 0);
        /* Bring the cold copy back to the intact optimum for the next column's test. */
        ck_assert_int_eq(omv__lp_solve(cold, ctx, OMV__LP_PRIMAL, true, &rc), 0);
    }
    omv__lp_basis_free(&b);
    omv__lp_free(warm);
    omv__lp_free(cold);
    omv_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lp");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_optimum, 0, 2);
    tcase_add_loop_test(tc, test_infeasible_and_unbounded_are_results, 0, 2);
    tcase_add_loop_test(tc, test_bad_input_refused, 0, 2);
    tcase_add_loop_test(tc, test_copy_is_independent, 0, 2);
    tcase_add_loop_test(tc, test_warm_equals_cold, 0, 2);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
