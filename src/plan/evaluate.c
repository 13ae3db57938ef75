/*
 * evaluate.c — a selection of candidates measured as submitted (see evaluate.h). Nothing is chosen
 * or re-optimised: the selection is built, and the planner's checks say who is protected.
 */
#include "plan/evaluate.h"
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

void omv__plan_eval_free(omv__plan_eval *e)
{
    if (!e)
        return;
    free(e->idle);
    omv_spof_free(e->spof);
    memset(e, 0, sizeof(*e));
}

/* The failure analysis of the network with sel built, for the planner's classes and region. */
static int failures_after(omv__plan_eval *out, omv_ctx *ctx, const omv__pinst *I, const omv_plan_options *opt,
                          const uint8_t *sel)
{
    omv_spof_options so = OMV_SPOF_OPTIONS_INIT;
    so.core_ids = opt->core_ids && opt->ncore ? opt->core_ids : NULL;
    so.ncore = so.core_ids ? opt->ncore : 0;
    so.region = opt->region;
    so.failures = I->classes;
    so.outage_region = opt->outage_region;
    so.outage_hours = I->hours;
    so.noutage = I->nout;
    omv_net *aug = NULL;
    int rc = omv__plan_augment(&aug, ctx, I, sel);
    if (!rc)
        rc = omv_spof_run(&out->spof, ctx, aug, &so);
    omv_net_free(aug);
    if (!rc)
        out->failures = omv_spof_item_count(out->spof);
    return rc;
}

int omv__plan_evaluate(omv__plan_eval *out, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt,
                       const int32_t *links, size_t n)
{
    memset(out, 0, sizeof(*out));
    omv__pinst I;
    memset(&I, 0, sizeof(I));
    omv__pcheck *chk = NULL;
    int32_t *var_of = NULL, *cut = NULL;
    uint8_t *sel = NULL, *prot = NULL, *prot2 = NULL, *vprot = NULL, *seen = NULL;
    int rc = omv__pinst_build(&I, ctx, net, opt);
    if (rc)
        return rc;
    var_of = malloc((net->nlinks + 1) * sizeof(int32_t));
    seen = calloc(net->nlinks + 1, 1);
    sel = calloc(I.nvar + 1, 1);
    prot = calloc(I.nt + 1, 1);
    prot2 = calloc(I.nt + 1, 1);
    vprot = calloc(I.nt + 1, 1);
    cut = calloc(I.nt + 1, sizeof(int32_t));
    if (!var_of || !seen || !sel || !prot || !prot2 || !vprot || !cut) {
        rc = OMV_NOMEM(ctx, "evaluation");
        goto cleanup;
    }
    for (size_t e = 0; e < net->nlinks; e++)
        var_of[e] = -1;
    for (size_t j = 0; j < I.nvar; j++)
        var_of[I.vnet[j]] = (int32_t)j;
    for (size_t k = 0; k < n; k++) {
        if (links[k] < 0 || (size_t)links[k] >= net->nlinks) {
            rc = OMV_ERR(ctx, OMV_EARG, "evaluation: link index %ld out of range", (long)links[k]);
            goto cleanup;
        }
        if (seen[links[k]])
            continue;
        seen[links[k]] = 1;
        const omv__link *l = &net->links[links[k]];
        out->cost_nok += omv__link_cost(l) == omv__link_cost(l) ? omv__link_cost(l) : 0.0;
        int32_t j = var_of[links[k]];
        if (j < 0)
            out->unusable++;
        else
            sel[j] = 1;
    }
    if (omv__pcheck_new(&chk, &I, omv__threads(ctx))) {
        rc = OMV_NOMEM(ctx, "evaluation");
        goto cleanup;
    }
    if ((rc = omv__plan_protection(chk, ctx, sel, prot, cut, NULL)))
        goto cleanup;
    /* The graph check and max-flow must agree; a disagreement is a bug, not a result. */
    if ((rc = omv__plan_verify_maxflow(&I, ctx, sel, vprot, cut)))
        goto cleanup;
    out->targets = I.nt;
    for (size_t t = 0; t < I.nt; t++) {
        if (prot[t] != vprot[t]) {
            rc = OMV_ERR(ctx, OMV_EINTERNAL, "evaluation: the graph check and max-flow disagree on %s",
                         net->nodes[I.tnode[t]].id);
            goto cleanup;
        }
        out->target_population += I.tpop[t];
        if (prot[t]) {
            out->protected_sites++;
            out->protected_population += I.tpop[t];
        }
    }
    /* Idle items: dropping one leaves every target as protected as before. Items that are not
     * candidates of this view protect no one. */
    for (size_t e = 0; e < net->nlinks; e++) {
        if (!seen[e])
            continue;
        int32_t j = var_of[e];
        int idle = 1;
        if (j >= 0) {
            sel[j] = 0;
            rc = omv__plan_protection(chk, ctx, sel, prot2, cut, NULL);
            sel[j] = 1;
            if (rc)
                goto cleanup;
            for (size_t t = 0; t < I.nt && idle; t++)
                idle = !(prot[t] && !prot2[t]);
        }
        if (idle) {
            int32_t *grown = realloc(out->idle, (out->nidle + 1) * sizeof(int32_t));
            if (!grown) {
                rc = OMV_NOMEM(ctx, "evaluation");
                goto cleanup;
            }
            out->idle = grown;
            out->idle[out->nidle++] = (int32_t)e;
        }
    }
    rc = failures_after(out, ctx, &I, opt, sel);
cleanup:
    if (rc)
        omv__plan_eval_free(out);
    omv__pcheck_free(chk);
    omv__pinst_free(&I);
    free(var_of);
    free(seen);
    free(sel);
    free(prot);
    free(prot2);
    free(vprot);
    free(cut);
    return rc;
}
