/*
 * analysis.c — the failure analysis (omv_spof_run) before and after the plan, and the verification
 * block: the analysis rerun on the augmented network (augment.c), independently of the MILP, says
 * for each target whether it is protected and, if not, which failure cuts it off.
 *
 * The analysis and the planner agree on what counts: a failed node does not cut itself off (except
 * in power outages, where a site without power is isolated), and a site with no path to the core at
 * all has lambda 0. The planner never counts the loss of a core node as a node failure, so such items
 * of the analysis are left out of the verification.
 */
#include "plan/result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(omv_plan_analysis *A, const omv_spof *s)
{
    memset(A, 0, sizeof(*A));
    omv_spof_lambda_summary(s, A->lambda_sites, A->lambda_population);
    size_t n = omv_spof_item_count(s);
    for (size_t i = 0; i < n; i++) {
        omv_spof_item it;
        if (omv_spof_item_get(s, i, &it) == 0 && (unsigned)it.kind < OMV_ITEM_KIND_COUNT_)
            A->items[it.kind]++;
    }
    A->isolating = n;
    for (int k = 0; k < OMV_ITEM_KIND_COUNT_; k++)
        A->structural[k] = omv_spof_count(s, (omv_item_kind)k);
}

/* The failure class an item of the analysis belongs to (0: none the planner protects against). */
static unsigned item_class(omv_item_kind k)
{
    switch (k) {
    case OMV_ITEM_BRIDGE:
        return OMV_FAIL_LINKS;
    case OMV_ITEM_ARTICULATION:
        return OMV_FAIL_NODES;
    case OMV_ITEM_SRLG:
        return OMV_FAIL_SRLG;
    case OMV_ITEM_POWER:
        return OMV_FAIL_POWER;
    default:
        return 0;
    }
}

static void describe_item(const omv_net *aug, const omv_spof_item *it, char *buf, size_t bufsz)
{
    switch (it->kind) {
    case OMV_ITEM_BRIDGE: {
        size_t l = (size_t)it->link[0];
        snprintf(buf, bufsz, "link %s (%s–%s)", omv_net_link_id(aug, l),
                 omv_net_node_name(aug, (size_t)omv_net_link_a(aug, l)),
                 omv_net_node_name(aug, (size_t)omv_net_link_b(aug, l)));
        break;
    }
    case OMV_ITEM_ARTICULATION: {
        const char *id = omv_net_node_id(aug, (size_t)it->node), *nm = omv_net_node_name(aug, (size_t)it->node);
        if (strcmp(id, nm))
            snprintf(buf, bufsz, "node %s (%s)", id, nm);
        else
            snprintf(buf, bufsz, "node %s", id);
        break;
    }
    case OMV_ITEM_SRLG:
        snprintf(buf, bufsz, "shared-risk group %s", omv_net_srlg_name(aug, (size_t)it->srlg));
        break;
    default: {
        char h[32];
        omv__fmt_double(h, sizeof(h), it->hours);
        snprintf(buf, bufsz, "power outage of %s h", h);
        break;
    }
    }
}

/* Verification from the analysis of the augmented network (every site counted). Returns 1 when
 * complete, 0 when some isolated lists were not kept (large networks) or the run was interrupted. */
/* The shortest analysed outage that leaves node v of the augmented network without power (read from
 * its power_h, upgrades included), or -1: independent of the planner's own power model. */
static double satellite_dark(const omv__pinst *I, const omv_spof *s, const omv_net *aug, int32_t v)
{
    if (!(I->classes & OMV_FAIL_POWER))
        return -1;
    const omv_region *reg = omv_spof_outage_region(s);
    if (reg && !omv_region_has(reg, aug, (size_t)v))
        return -1;
    double ph = omv_net_node_power_h(aug, (size_t)v);
    for (size_t k = 0; k < I->nout; k++)
        if (isnan(ph) || ph < I->hours[k])
            return I->hours[k];
    return -1;
}

static int verify(omv_plan *p, const omv_spof *s, const omv_net *aug, int *ok)
{
    const omv__pinst *I = p->I;
    int complete = !omv_spof_interrupted(s);
    size_t n = omv_spof_item_count(s);
    int32_t *first = malloc((I->nt + 1) * sizeof(int32_t));
    if (!first)
        return -1;
    for (size_t t = 0; t < I->nt; t++)
        first[t] = -1;
    for (size_t i = 0; i < n; i++) {
        omv_spof_item it;
        if (omv_spof_item_get(s, i, &it) || !(item_class(it.kind) & I->classes))
            continue;
        if (it.kind == OMV_ITEM_ARTICULATION && it.node >= 0 && I->is_core[it.node])
            continue;
        const int32_t *nodes;
        size_t k = omv_spof_item_isolated(s, i, &nodes);
        if (!nodes && it.isolated_sites > 0)
            complete = 0;
        for (size_t q = 0; q < k; q++) {
            int32_t v = nodes[q];
            if (v >= 0 && (size_t)v < I->n && I->tof[v] >= 0 && first[I->tof[v]] < 0)
                first[I->tof[v]] = (int32_t)i;
        }
    }
    *ok = 1;
    for (size_t t = 0; t < I->nt; t++) {
        char buf[512];
        buf[0] = '\0';
        int prot = 1;
        double dark = satellite_dark(I, s, aug, I->tnode[t]);
        if (p->satellite[t] && dark < 0) {
            prot = 1;
        } else if (p->satellite[t]) {
            /* The terminal runs on the site's power, which the augmented network says runs out. */
            char h[32];
            omv__fmt_double(h, sizeof(h), dark);
            prot = 0;
            snprintf(buf, sizeof(buf), "power outage of %s h (the site has no power for its terminal)", h);
        } else if (omv_spof_lambda(s, (size_t)I->tnode[t]) == 0) {
            prot = 0;
            snprintf(buf, sizeof(buf), "no path to the core");
        } else if (first[t] >= 0) {
            omv_spof_item it;
            omv_spof_item_get(s, (size_t)first[t], &it);
            prot = 0;
            describe_item(aug, &it, buf, sizeof(buf));
        }
        p->vprot[t] = (int8_t)prot;
        p->vcut_text[t] = omv__arena_strdup(&p->arena, buf);
        if (!p->vcut_text[t]) {
            free(first);
            return -1;
        }
        if (p->prot[t] && !prot)
            *ok = 0;
    }
    free(first);
    return complete;
}

int omv__plan_analyse(omv_plan *p, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt)
{
    const omv__pinst *I = p->I;
    omv_spof_options so = OMV_SPOF_OPTIONS_INIT;
    so.core_ids = opt->core_ids; /* the planner has refused an empty list already */
    so.ncore = opt->ncore;
    so.region = opt->region;
    so.failures = I->classes;
    so.outage_region = opt->outage_region;
    so.outage_hours = I->hours;
    so.noutage = I->nout;
    omv_spof *before = NULL, *after = NULL, *all = NULL;
    omv_net *aug = NULL;
    int rc;
    if ((rc = omv_spof_run(&before, ctx, net, &so)) || (rc = omv__plan_augment(&aug, ctx, I, p->sel)) ||
        (rc = omv_spof_run(&after, ctx, aug, &so)))
        goto cleanup;
    fill(&p->before, before);
    fill(&p->after, after);
    if (opt->region) {
        so.region = NULL;
        if ((rc = omv_spof_run(&all, ctx, aug, &so)))
            goto cleanup;
    }
    int ok = 0;
    int complete = verify(p, all ? all : after, aug, &ok);
    if (complete < 0) {
        rc = OMV_NOMEM(ctx, "verification");
        goto cleanup;
    }
    p->sum.verified = complete ? ok : (ok ? -1 : 0);
    p->analysed = 1;
cleanup:
    omv_spof_free(before);
    omv_spof_free(after);
    omv_spof_free(all);
    omv_net_free(aug);
    return rc;
}
