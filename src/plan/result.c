/*
 * result.c — omv_plan_run: builds the instance, finds which targets can be protected at all,
 * solves (min-cost, or budget in two phases: most residents, then least cost for them), checks the
 * plan again by max-flow, values each investment, and keeps the result behind the public getters.
 */
#include "plan/result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const STATUS_NAMES[] = {"optimal", "time_limit", "interrupted", "infeasible", "gap_limit"};
static const char *const KIND_NAMES[] = {"link", "satellite", "power"};

const char *omv_plan_status_name(omv_plan_status s)
{
    return (unsigned)s < sizeof(STATUS_NAMES) / sizeof(STATUS_NAMES[0]) ? STATUS_NAMES[s] : NULL;
}

const char *omv_invest_kind_name(omv_invest_kind k)
{
    return (unsigned)k < OMV_INVEST_KIND_COUNT_ ? KIND_NAMES[k] : NULL;
}

void omv_plan_free(omv_plan *p)
{
    if (!p)
        return;
    if (p->owns_I && p->I) {
        omv__pinst_free(p->I);
        free(p->I);
    }
    free(p->sel);
    free(p->prot);
    free(p->cut);
    free(p->satellite);
    free(p->cut_text);
    free(p->inv);
    free(p->inv_off);
    free(p->inv_sites);
    free(p->vprot);
    free(p->vcut_text);
    omv__arena_free(&p->arena);
    free(p);
}

static double sel_cost(const omv__pinst *I, const uint8_t *sel)
{
    double c = 0;
    for (size_t j = 0; j < I->nvar; j++)
        if (sel[j])
            c += I->vcost[j];
    return c;
}

/* How long the start heuristic may prune: it is only the fall-back plan (the search finds better
 * ones from the relaxation), so a tenth of the time limit and at most a second. */
static double start_deadline(double t0, double limit)
{
    return t0 + (limit > 0 && 0.1 * limit < 1.0 ? 0.1 * limit : 1.0);
}

/* Solves in the mode of opt; *sel receives the plan (all zero when none was found). */
static int solve(omv_plan *p, omv_ctx *ctx, const omv_plan_options *opt, omv__plan_shared *sh, const uint8_t *start)
{
    omv__pinst *I = p->I;
    omv_plan_summary *S = &p->sum;
    double t0 = omv__plan_now();
    double deadline = opt->time_limit_s > 0 ? t0 + opt->time_limit_s : 0;
    uint8_t *st = malloc(I->nvar + 1);
    uint8_t *prot = malloc(I->nt + 1);
    int32_t *cut = malloc((I->nt + 1) * sizeof(int32_t));
    double *half = malloc((I->nvar + 1) * sizeof(double));
    int rc = 0;
    if (!st || !prot || !cut || !half) {
        rc = OMV_NOMEM(ctx, "plan");
        goto cleanup;
    }
    int budget_mode = opt->mode == OMV_PLAN_BUDGET;
    int mp = opt->method == OMV_PLAN_MATHPROG;
    omv__solve_params prm = {0};
    prm.deadline = deadline;
    prm.gap = opt->gap_rel;
    prm.heuristic = 1;
    prm.popmin = -1;
    omv__solve_result res;
    memset(&res, 0, sizeof(res));
    res.sel = p->sel;
    /* A plan to fall back on: every useful candidate (min-cost), or cheap ones within budget. */
    int64_t start_pop = 0;
    if (start) {
        memcpy(st, start, I->nvar);
    } else if (!budget_mode) {
        rc = omv__heur_cover(I, ctx, sh->chk, NULL, start_deadline(t0, opt->time_limit_s), st);
    } else {
        for (size_t j = 0; j < I->nvar; j++)
            half[j] = 0.5;
        rc = omv__heur_budget(I, ctx, sh->chk, half, opt->budget_nok, start_deadline(t0, opt->time_limit_s), st,
                              &start_pop);
    }
    if (rc)
        goto cleanup;
    if (budget_mode && sel_cost(I, st) > opt->budget_nok + 1e-6)
        memset(st, 0, I->nvar);
    if (!budget_mode) {
        prm.maximise_pop = 0;
        prm.budget = -1;
    } else {
        prm.maximise_pop = 1;
        prm.budget = opt->budget_nok;
    }
    prm.start = st;
    rc = mp ? omv__mp_solve(I, ctx, &prm, &res) : omv__bc_solve(I, ctx, sh->pool, sh->sep, sh->chk, &prm, &res);
    if (rc)
        goto cleanup;
    S->status = res.status;
    S->nodes = res.nodes;
    S->cuts = (long)res.rows;
    S->bound = res.bound;
    if (!res.has_sol && res.status != OMV_PLAN_INFEASIBLE) {
        memcpy(p->sel, st, I->nvar);
        res.has_sol = 1;
    }
    S->has_plan = res.has_sol;
    if (budget_mode && res.has_sol && res.status == OMV_PLAN_OPTIMAL) {
        /* Phase 2: the least cost that protects as many residents. */
        int64_t pop;
        if ((rc = omv__plan_protection(sh->chk, ctx, p->sel, prot, cut, &pop)))
            goto cleanup;
        double bound1 = res.bound;
        memcpy(st, p->sel, I->nvar);
        prm.maximise_pop = 0;
        prm.popmin = (double)pop;
        prm.start = st;
        rc = mp ? omv__mp_solve(I, ctx, &prm, &res) : omv__bc_solve(I, ctx, sh->pool, sh->sep, sh->chk, &prm, &res);
        if (rc)
            goto cleanup;
        if (!res.has_sol)
            memcpy(p->sel, st, I->nvar);
        S->status = res.status == OMV_PLAN_INFEASIBLE ? OMV_PLAN_OPTIMAL : res.status;
        S->nodes += res.nodes;
        S->cuts += (long)res.rows;
        S->bound = bound1;
    }
cleanup:
    S->solve_s = omv__plan_now() - t0;
    free(st);
    free(prot);
    free(cut);
    free(half);
    return rc;
}

/* The plan again by max-flow, compared with the search's own exact check; then the summary. */
static int settle(omv_plan *p, omv_ctx *ctx, const omv_plan_options *opt, omv__plan_shared *sh)
{
    omv__pinst *I = p->I;
    omv_plan_summary *S = &p->sum;
    uint8_t *prot2 = malloc(I->nt + 1);
    int32_t *cut2 = malloc((I->nt + 1) * sizeof(int32_t));
    double *xv = calloc(I->nvar + 1, sizeof(double));
    int rc = 0;
    if (!prot2 || !cut2 || !xv) {
        rc = OMV_NOMEM(ctx, "plan");
        goto cleanup;
    }
    if ((rc = omv__plan_verify_maxflow(I, ctx, p->sel, p->prot, p->cut)) ||
        (rc = omv__plan_protection(sh->chk, ctx, p->sel, prot2, cut2, NULL)))
        goto cleanup;
    for (size_t j = 0; j < I->nvar; j++)
        xv[j] = p->sel[j];
    for (size_t t = 0; t < I->nt; t++) {
        if (p->prot[t] != prot2[t]) {
            rc = OMV_ERR(ctx, OMV_EINTERNAL, "the max-flow check and the graph search disagree on target '%s'",
                         I->net->nodes[I->tnode[t]].id);
            goto cleanup;
        }
        if (opt->mode == OMV_PLAN_MIN_COST && S->has_plan && I->tfeas[t] && !p->prot[t] &&
            S->status != OMV_PLAN_INFEASIBLE) {
            rc = OMV_ERR(ctx, OMV_EINTERNAL, "the plan leaves feasible target '%s' unprotected",
                         I->net->nodes[I->tnode[t]].id);
            goto cleanup;
        }
        /* A terminal protects only a site that keeps power through every outage. */
        p->satellite[t] = omv__pinst_sat(I, xv, I->tnode[t]) > 0.5 &&
                          omv__pinst_dark(I, xv, I->tnode[t]) == OMV__CUT_NONE;
        char buf[512];
        omv__pinst_describe(I, p->prot[t] ? OMV__CUT_NONE : p->cut[t], buf, sizeof(buf));
        if (!(p->cut_text[t] = omv__arena_strdup(&p->arena, buf))) {
            rc = OMV_NOMEM(ctx, "plan");
            goto cleanup;
        }
        S->targets++;
        S->target_population += I->tpop[t];
        if (!I->tfeas[t]) {
            S->infeasible++;
            S->infeasible_population += I->tpop[t];
        }
        if (p->prot[t]) {
            S->protected_sites++;
            S->protected_population += I->tpop[t];
        }
    }
    S->cost_nok = sel_cost(I, p->sel);
    if (!S->has_plan) {
        S->objective = NAN;
        S->gap = NAN;
    } else {
        S->objective = opt->mode == OMV_PLAN_BUDGET ? (double)S->protected_population : S->cost_nok;
        if (S->status == OMV_PLAN_OPTIMAL || S->status == OMV_PLAN_INFEASIBLE)
            S->bound = S->objective;
        /* Stopped before the relaxation was solved (GLPK reports an infinite bound then): the trivial
         * bounds, nothing spent or every feasible target protected, are still bounds. */
        double trivial = opt->mode == OMV_PLAN_BUDGET ? (double)(S->target_population - S->infeasible_population) : 0;
        if (!isfinite(S->bound) || (opt->mode == OMV_PLAN_BUDGET ? S->bound > trivial : S->bound < trivial))
            S->bound = trivial;
        if (isnan(S->bound)) {
            S->gap = NAN;
        } else {
            /* Rounding in the relaxation may put the bound a hair past the plan. */
            if (opt->mode == OMV_PLAN_BUDGET ? S->bound < S->objective : S->bound > S->objective)
                S->bound = S->objective;
            double d = fabs(S->objective - S->bound);
            S->gap = d == 0 ? 0 : d / (fabs(S->objective) > 1e-9 ? fabs(S->objective) : 1e-9);
        }
    }
cleanup:
    free(prot2);
    free(cut2);
    free(xv);
    return rc;
}

/*
 * For each chosen investment: the targets that lose protection without it alone. A satellite
 * terminal only matters to its site; a power upgrade only to power outages; a link is checked
 * against every class, but only against the shared-risk groups without which it is a bridge above
 * some target (for the others, the graph without the group keeps every target connected without it).
 */
static int value_investments(omv_plan *p, omv_ctx *ctx, omv__plan_shared *sh)
{
    omv__pinst *I = p->I;
    size_t ninv = 0;
    for (size_t j = 0; j < I->nvar; j++)
        ninv += p->sel[j] != 0;
    p->ninv = ninv;
    p->inv = calloc(ninv + 1, sizeof(*p->inv));
    p->inv_off = calloc(ninv + 2, sizeof(size_t));
    uint8_t *sel = malloc(I->nvar + 1);
    uint8_t *prot = malloc(I->nt + 1);
    uint8_t *lost = malloc(I->nt + 1);
    int32_t *cut = malloc((I->nt + 1) * sizeof(int32_t));
    int32_t *gcut = malloc((I->nt + 1) * sizeof(int32_t));
    int32_t *nsat = calloc(I->nt + 1, sizeof(int32_t));
    uint8_t *mask = calloc(I->nfail + 1, 1);
    double *xv = calloc(I->nvar + 1, sizeof(double));
    int32_t *gb_off = NULL, *gb_fail = NULL;
    size_t cap = 0, n = 0;
    int rc = 0;
    if (!p->inv || !p->inv_off || !sel || !prot || !lost || !cut || !gcut || !nsat || !mask || !xv) {
        rc = OMV_NOMEM(ctx, "investments");
        goto cleanup;
    }
    memcpy(sel, p->sel, I->nvar);
    for (size_t j = 0; j < I->nvar; j++)
        if (sel[j] && I->vkind[j] == OMV_INVEST_SATELLITE && I->tof[I->vnode[j]] >= 0)
            nsat[I->tof[I->vnode[j]]]++;
    if (ninv && (rc = omv__plan_graph_protection(sh->chk, ctx, sel, I->classes, gcut)))
        goto cleanup;
    if (ninv && (I->classes & OMV_FAIL_SRLG) && (rc = omv__pcheck_group_bridges(sh->chk, ctx, sel, &gb_off, &gb_fail)))
        goto cleanup;
    for (size_t f = 0; f < I->nfail; f++)
        mask[f] = I->fail[f].cls != OMV_FAIL_SRLG;
    size_t i = 0;
    for (size_t j = 0; j < I->nvar; j++) {
        if (!p->sel[j])
            continue;
        memset(lost, 0, I->nt);
        if (I->vkind[j] == OMV_INVEST_SATELLITE) {
            int32_t t = I->tof[I->vnode[j]];
            if (t >= 0 && p->prot[t] && nsat[t] == 1 && gcut[t] != OMV__CUT_NONE)
                lost[t] = 1;
        } else if (I->vkind[j] == OMV_INVEST_POWER) {
            if (I->classes & OMV_FAIL_POWER) {
                sel[j] = 0;
                rc = omv__plan_graph_protection(sh->chk, ctx, sel, OMV_FAIL_POWER, cut);
                sel[j] = 1;
                if (rc)
                    goto cleanup;
                /* A terminal keeps a site protected through an outage only while the site has power:
                 * the upgrade of a site with a terminal matters when it is the site's last power. */
                int32_t u = I->tof[I->vnode[j]];
                for (size_t t = 0; t < I->nt; t++)
                    lost[t] = p->prot[t] && !nsat[t] && cut[t] != OMV__CUT_NONE;
                if (u >= 0 && p->prot[u] && nsat[u]) {
                    for (size_t q = 0; q < I->nvar; q++)
                        xv[q] = sel[q] && q != j ? 1.0 : 0.0;
                    lost[u] = omv__pinst_dark(I, xv, I->vnode[j]) != OMV__CUT_NONE;
                }
            }
        } else {
            int32_t e = I->vlink[j];
            if (gb_off)
                for (int32_t k = gb_off[e]; k < gb_off[e + 1]; k++)
                    mask[gb_fail[k]] = 1;
            sel[j] = 0;
            omv__pcheck_only(sh->chk, gb_off ? mask : NULL);
            rc = omv__plan_protection(sh->chk, ctx, sel, prot, cut, NULL);
            omv__pcheck_only(sh->chk, NULL);
            sel[j] = 1;
            if (gb_off)
                for (int32_t k = gb_off[e]; k < gb_off[e + 1]; k++)
                    mask[gb_fail[k]] = 0;
            if (rc)
                goto cleanup;
            for (size_t t = 0; t < I->nt; t++)
                lost[t] = p->prot[t] && !prot[t];
        }
        omv_plan_investment *v = &p->inv[i];
        v->link = I->vnet[j];
        v->kind = (omv_invest_kind)I->vkind[j];
        v->cost_nok = I->vcost[j];
        p->inv_off[i] = n;
        for (size_t t = 0; t < I->nt; t++) {
            if (!lost[t])
                continue;
            if (OMV_GROW(p->inv_sites, cap, n + 1)) {
                rc = OMV_NOMEM(ctx, "investments");
                goto cleanup;
            }
            p->inv_sites[n++] = I->tnode[t];
            v->sites_lost++;
            v->population_lost += I->tpop[t];
        }
        v->cost_per_resident = v->population_lost > 0 ? v->cost_nok / (double)v->population_lost : NAN;
        i++;
    }
    p->inv_off[ninv] = n;
cleanup:
    free(sel);
    free(prot);
    free(lost);
    free(cut);
    free(gcut);
    free(nsat);
    free(mask);
    free(xv);
    free(gb_off);
    free(gb_fail);
    return rc;
}

int omv__plan_make(omv_plan **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                   omv__plan_shared *shared, const uint8_t *start, const omv__plan_found *found)
{
    *out = NULL;
    omv__plan_shared sh = {0};
    if (shared)
        sh = *shared;
    omv__pool pool_own;
    omv__pool_init(&pool_own);
    int own_sep = 0, own_chk = 0, rc = 0;
    omv_plan *p = calloc(1, sizeof(*p));
    if (!p)
        return OMV_NOMEM(ctx, "plan");
    omv__arena_init(&p->arena);
    if (sh.I) {
        p->I = sh.I;
    } else {
        p->I = calloc(1, sizeof(*p->I));
        p->owns_I = 1;
        if (!p->I) {
            rc = OMV_NOMEM(ctx, "plan");
            goto fail;
        }
        if ((rc = omv__pinst_build(p->I, ctx, net, opt)))
            goto fail;
    }
    omv__pinst *I = p->I;
    int nth = omv__threads(ctx);
    if (!sh.chk) {
        if (omv__pcheck_new(&sh.chk, I, nth)) {
            rc = OMV_NOMEM(ctx, "plan");
            goto fail;
        }
        own_chk = 1;
    }
    if (!sh.I && (rc = omv__pinst_feasibility(I, ctx, sh.chk)))
        goto fail;
    if (!sh.sep && opt->method == OMV_PLAN_BRANCH_AND_CUT) {
        if ((rc = omv__psep_new(&sh.sep, ctx, I, nth)))
            goto fail;
        own_sep = 1;
    }
    if (!sh.pool)
        sh.pool = &pool_own;
    if (opt->mode == OMV_PLAN_BUDGET && !(opt->budget_nok >= 0)) {
        rc = OMV_ERR(ctx, OMV_EARG, "budget mode needs a budget of 0 NOK or more");
        goto fail;
    }
    if (opt->method != OMV_PLAN_BRANCH_AND_CUT && opt->method != OMV_PLAN_MATHPROG) {
        rc = OMV_ERR(ctx, OMV_EARG, "unknown planning method %d", (int)opt->method);
        goto fail;
    }
    p->sel = calloc(I->nvar + 1, 1);
    p->prot = calloc(I->nt + 1, 1);
    p->cut = calloc(I->nt + 1, sizeof(int32_t));
    p->satellite = calloc(I->nt + 1, 1);
    p->cut_text = calloc(I->nt + 1, sizeof(*p->cut_text));
    p->vprot = malloc(I->nt + 1);
    p->vcut_text = calloc(I->nt + 1, sizeof(*p->vcut_text));
    if (!p->sel || !p->prot || !p->cut || !p->satellite || !p->cut_text || !p->vprot || !p->vcut_text) {
        rc = OMV_NOMEM(ctx, "plan");
        goto fail;
    }
    for (size_t t = 0; t < I->nt; t++) {
        p->vprot[t] = -1;
        p->vcut_text[t] = "";
    }
    omv_plan_summary *S = &p->sum;
    S->mode = opt->mode;
    S->method = opt->method;
    S->budget_nok = opt->mode == OMV_PLAN_BUDGET ? opt->budget_nok : NAN;
    S->bound = NAN;
    S->verified = -1;
    size_t nfeas = 0;
    for (size_t t = 0; t < I->nt; t++)
        nfeas += I->tfeas[t];
    if (I->nt && !nfeas) {
        /* Nothing can be protected: an empty plan is the answer. */
        S->status = OMV_PLAN_INFEASIBLE;
        S->has_plan = 1;
    } else if (I->nvar + I->nt == 0) {
        S->status = OMV_PLAN_OPTIMAL;
        S->has_plan = 1;
    } else if (found) {
        S->status = found->status;
        S->has_plan = found->has_plan;
        S->bound = found->bound;
        S->nodes = found->nodes;
        S->cuts = found->cuts;
        S->solve_s = found->solve_s;
        memcpy(p->sel, found->sel, I->nvar);
    } else if ((rc = solve(p, ctx, opt, &sh, start))) {
        goto fail;
    }
    p->solve_bound = S->bound;
    if ((rc = settle(p, ctx, opt, &sh)) || (rc = value_investments(p, ctx, &sh)))
        goto fail;
    if (opt->analyse && (rc = omv__plan_analyse(p, ctx, net, opt)))
        goto fail;
    if (own_sep)
        omv__psep_free(sh.sep);
    if (own_chk)
        omv__pcheck_free(sh.chk);
    omv__pool_free(&pool_own);
    *out = p;
    return 0;
fail:
    if (own_sep)
        omv__psep_free(sh.sep);
    if (own_chk)
        omv__pcheck_free(sh.chk);
    omv__pool_free(&pool_own);
    omv_plan_free(p);
    return rc;
}

int omv_plan_run(omv_plan **out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt)
{
    if (!out || !net || !opt) {
        if (out)
            *out = NULL;
        return OMV_ERR(ctx, OMV_EARG, "omv_plan_run: missing argument");
    }
    int rc = omv__plan_make(out, ctx, net, opt, NULL, NULL, NULL);
    if (!rc && !(*out)->sum.targets &&
        (rc = omv__warn(ctx, "warning: no target site (region %s, targets %s): there is nothing to protect",
                        opt->region ? omv_region_spec(opt->region) : "all", opt->target ? opt->target : "region"))) {
        omv_plan_free(*out);
        *out = NULL;
    }
    return rc;
}

int omv_plan_export(omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt, const char *data_path,
                    const char *mps_path)
{
    omv__pinst I;
    omv__pcheck *chk = NULL;
    int rc = omv__pinst_build(&I, ctx, net, opt);
    if (!rc && omv__pcheck_new(&chk, &I, omv__threads(ctx)))
        rc = OMV_NOMEM(ctx, "plan");
    if (!rc)
        rc = omv__pinst_feasibility(&I, ctx, chk);
    if (!rc) {
        omv__solve_params prm = {0};
        prm.maximise_pop = opt->mode == OMV_PLAN_BUDGET;
        prm.budget = opt->mode == OMV_PLAN_BUDGET ? opt->budget_nok : -1;
        prm.popmin = -1;
        rc = omv__mp_export(&I, ctx, &prm, data_path, mps_path);
    }
    omv__pcheck_free(chk);
    omv__pinst_free(&I);
    return rc;
}

/* ---- getters ------------------------------------------------------------------------------------ */

void omv_plan_summary_get(const omv_plan *p, omv_plan_summary *out) { *out = p->sum; }

size_t omv_plan_investment_count(const omv_plan *p) { return p->ninv; }

int omv_plan_investment_get(const omv_plan *p, size_t i, omv_plan_investment *out)
{
    if (i >= p->ninv)
        return OMV_EARG;
    *out = p->inv[i];
    return 0;
}

size_t omv_plan_investment_sites(const omv_plan *p, size_t i, const int32_t **nodes)
{
    if (i >= p->ninv) {
        *nodes = NULL;
        return 0;
    }
    *nodes = p->inv_sites ? p->inv_sites + p->inv_off[i] : NULL;
    return p->inv_off[i + 1] - p->inv_off[i];
}

size_t omv_plan_target_count(const omv_plan *p) { return p->I->nt; }

int omv_plan_target_get(const omv_plan *p, size_t i, omv_plan_target *out)
{
    const omv__pinst *I = p->I;
    if (i >= I->nt)
        return OMV_EARG;
    out->node = I->tnode[i];
    out->population = I->tpop[i];
    out->feasible = I->tfeas[i];
    out->reason = I->treason[i];
    out->protected_ = p->prot[i];
    out->satellite = p->satellite[i];
    out->cut_by = p->cut_text[i] ? p->cut_text[i] : "";
    out->verified = p->vprot[i];
    out->verified_cut_by = p->vcut_text[i] ? p->vcut_text[i] : "";
    return 0;
}

int omv_plan_analysis_get(const omv_plan *p, int after, omv_plan_analysis *out)
{
    if (!p->analysed)
        return OMV_EARG;
    *out = after ? p->after : p->before;
    return 0;
}

const char *omv_plan_against(const omv_plan *p) { return p->I->against; }
const char *omv_plan_region(const omv_plan *p) { return p->I->region_spec; }
const char *omv_plan_target_spec(const omv_plan *p) { return p->I->target_spec; }
