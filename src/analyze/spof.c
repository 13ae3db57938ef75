/*
 * spof.c — omv_spof_run: checks the options, builds the analysis frame and runs the failure classes
 * in turn (cut pairs, single links and nodes, shared-risk groups, power outages), then lambda, then
 * sorts the items and keeps the lists of the first ones.
 */
#include "analyze/spof_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int check_options(omv_ctx *ctx, const omv_spof_options *opt)
{
    if (opt->version != OMV_SPOF_OPTIONS_VERSION)
        return OMV_ERR(ctx, OMV_EARG, "failure analysis: options version %d, this library knows %d "
                       "(initialise with OMV_SPOF_OPTIONS_INIT)", opt->version, OMV_SPOF_OPTIONS_VERSION);
    unsigned all = OMV_FAIL_LINKS | OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_PAIRS | OMV_FAIL_POWER;
    if (opt->failures & ~all)
        return OMV_ERR(ctx, OMV_EARG, "failure analysis: unknown failure class bits 0x%x", opt->failures & ~all);
    if (opt->ncore > 0 && !opt->core_ids)
        return OMV_ERR(ctx, OMV_EARG, "failure analysis: %zu core ids announced but none given", opt->ncore);
    if (!(opt->failures & OMV_FAIL_POWER))
        return 0;
    if (opt->noutage == 0 || !opt->outage_hours)
        return OMV_ERR(ctx, OMV_EARG, "power outages need at least one duration in hours");
    for (size_t k = 0; k < opt->noutage; k++)
        if (!isfinite(opt->outage_hours[k]) || opt->outage_hours[k] < 0)
            return OMV_ERR(ctx, OMV_EARG, "power outage duration %g: expected a number of hours >= 0",
                           opt->outage_hours[k]);
    return 0;
}

int omv_spof_run(omv_spof **out, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt)
{
    *out = NULL;
    static const omv_spof_options defaults = OMV_SPOF_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    if (!net)
        return OMV_ERR(ctx, OMV_EARG, "failure analysis: no network");
    int rc = check_options(ctx, opt);
    if (rc)
        return rc;
    omv_spof *s = calloc(1, sizeof(*s));
    if (!s)
        return OMV_NOMEM(ctx, "failure analysis");
    s->n = net->nnodes;
    s->region = opt->region;
    s->outage_region = opt->outage_region;
    s->failures = opt->failures;
    s->exact_lambda = opt->exact_lambda;
    omv__frame f;
    memset(&f, 0, sizeof(f));
    /* The order keeps the peak low: the cut-pair groups are found while only the search tree
     * exists, their scratch is gone before the prefix sums are built, and the items grow after. */
    omv__progress(ctx, "structure", 0, 0);
    if ((rc = omv__spof_bases(s, ctx, net, opt->noutage)) || (rc = omv__frame_build(&f, ctx, net, opt, s)) ||
        (rc = omv__pairs_find(&f)) || (rc = omv__frame_sums(&f, s)) || (rc = omv__pairs_use(&f, s)) ||
        (rc = omv__spof_single(&f, s)))
        goto cleanup;
    if ((opt->failures & OMV_FAIL_SRLG) && !s->interrupted && (rc = omv__spof_srlg(&f, s)))
        goto cleanup;
    /* Tree links by position were needed up to here (item ids, cycle-space labels). */
    free(f.dfs.pe);
    f.dfs.pe = NULL;
    omv__progress(ctx, "power outages", 0, 0);
    if ((opt->failures & OMV_FAIL_POWER) && !s->interrupted && (rc = omv__spof_power(&f, s)))
        goto cleanup;
    omv__progress(ctx, "lambda", 0, 0);
    if ((rc = omv__spof_lambda(&f, s)) || (rc = omv__spof_finish(&f, s)))
        goto cleanup;
    rc = omv__spof_lambda_store(&f, s);
cleanup:
    omv__frame_free(&f);
    if (rc) {
        omv_spof_free(s);
        return rc;
    }
    /* A region that holds no site makes every figure zero: worth a word, not a clean bill of health. */
    size_t sites[4];
    int64_t pop[4];
    omv_spof_lambda_summary(s, sites, pop);
    if (opt->region && !(sites[0] + sites[1] + sites[2] + sites[3]) &&
        (rc = omv__warn(ctx, "warning: the region %s holds no site: there is nothing to count",
                        omv_region_spec(opt->region)))) {
        omv_spof_free(s);
        return rc;
    }
    *out = s;
    return 0;
}
