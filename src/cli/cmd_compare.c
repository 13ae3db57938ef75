/*
 * cmd_compare.c — omvei compare: funding proposals measured as submitted against the same baseline
 * (nothing built), side by side under one or more border policies; printed in plain words or as
 * compare.json, and written with compare.csv into a report folder.
 */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_CAND = 'c', OPT_JSON = 'j', OPT_OUT = 'o', OPT_PROPOSAL = 3001, OPT_BORDER, OPT_NO_OPTIMAL, OPT_TIME };

#define MAX_PROPOSALS 32
#define MAX_BORDERS 4

static const cli_opt OPTS[] = {
    {OPT_PROPOSAL, "proposal", "NAME=FILE", "a proposal: what one proposer commits to build, in the candidates "
                                            "format (repeat for each proposal)"},
    {OPT_CAND, "candidates", "FILE", "the candidates the best plan at the same cost may choose from; REPLACES the "
                                     "topology folder's candidates.csv (giving that file again is fine)"},
    {CLI_SC_CORE, "core", "IDS", "core node ids, comma-separated (default: nodes of kind core or ixp)"},
    {CLI_SC_REGION, "region", "SPEC", "region of the sites counted (default: all)"},
    {CLI_SC_AGAINST, "against", "LIST", "failure classes: links, nodes, srlg, power:REGION:HOURS[,HOURS...] "
                                        "(default: links)"},
    {CLI_SC_POWER, "power-outage", "REGION:H", "outages of H[,H...] hours in REGION, as in plan"},
    {OPT_BORDER, "border", "POLICY", "allow (default), deny or transit:CC,...; repeat to put the figures of several "
                                     "policies side by side (--border allow --border deny)"},
    {OPT_NO_OPTIMAL, "no-optimal", NULL, "skip the best plan at each proposal's cost"},
    {OPT_TIME, "time-limit", "S", "time limit of each best plan at the same cost"},
    {OPT_JSON, "json", NULL, "print compare.json (schema omvei/compare/1) instead of the summary"},
    {OPT_OUT, "output", "DIR", "write compare.json, compare.csv and manifest.json into DIR"},
    CLI_OPT_SHARD_ROW,
    {0, NULL, NULL, NULL},
};

typedef struct {
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
    char *names[MAX_PROPOSALS];
    const char *files[MAX_PROPOSALS];
    size_t nprop;
    const char *borders[MAX_BORDERS];
    size_t nborder;
    bool json, no_optimal;
    const char *out;
    double time_limit;
} opts_t;

static int on_opt(int id, const char *arg, void *user)
{
    opts_t *o = user;
    const cli_cmd *cmd = &CLI_CMD_COMPARE;
    switch (id) {
    case OPT_CAND:
        return cli_opt_candidates(cmd, arg, o->cands, &o->ncands);
    case OPT_PROPOSAL: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg || !eq[1])
            return cli_usage_error(cmd, "--proposal: expected NAME=FILE, got '%s'", arg);
        if (o->nprop == MAX_PROPOSALS)
            return cli_usage_error(cmd, "at most %d proposals", MAX_PROPOSALS);
        if (!(o->names[o->nprop] = strndup(arg, (size_t)(eq - arg))))
            return cli_usage_error(cmd, "out of memory");
        o->files[o->nprop++] = eq + 1;
        return CLI_OK;
    }
    case OPT_BORDER:
        if (o->nborder == MAX_BORDERS)
            return cli_usage_error(cmd, "at most %d --border policies", MAX_BORDERS);
        o->borders[o->nborder++] = arg;
        return CLI_OK;
    case OPT_NO_OPTIMAL:
        o->no_optimal = true;
        return CLI_OK;
    case OPT_TIME:
        return cli_opt_time_limit(cmd, arg, &o->time_limit);
    case OPT_JSON:
        o->json = true;
        return CLI_OK;
    case OPT_OUT:
        o->out = arg;
        return CLI_OK;
    default:
        return CLI_USAGE;
    }
}

/* One comparison under border policy `border` (NULL: allow). The scenario is rebuilt from the options
 * with the policy added, so that every view is checked as `--border` would be. */
static int compare_view(omv_compare **out, omv_ctx *ctx, const cli_common *common, const char *border,
                        const omv_net *net, const omv_proposals *props, const opts_t *o, const omv_shard *shard)
{
    static const char *const DEFAULTS[] = {"against", "links", NULL};
    cli_common c2 = *common;
    omv_scenario *sc = NULL;
    omv_net *view = NULL;
    const omv_net *an = NULL;
    size_t closed[2];
    int ec;
    if (border) {
        if (c2.nsc == CLI_MAX_SC)
            return cli_usage_error(&CLI_CMD_COMPARE, "too many scenario options");
        c2.sc_key[c2.nsc] = "border";
        c2.sc_val[c2.nsc++] = border;
    }
    if ((ec = cli_scenario(&CLI_CMD_COMPARE, ctx, &c2, DEFAULTS, &sc)) ||
        (ec = cli_scenario_bind(&CLI_CMD_COMPARE, ctx, &c2, sc, net)) ||
        (ec = cli_border_view(ctx, &c2, sc, net, &view, &an, closed)))
        goto cleanup;
    omv_plan_options po = OMV_PLAN_OPTIONS_INIT;
    omv_scenario_plan_options(sc, &po);
    po.time_limit_s = o->time_limit;
    int rc = omv_compare_run_shard(out, ctx, an, props, &po, !o->no_optimal, shard);
    if (!rc)
        rc = omv_compare_set_border(*out, ctx, border ? border : "allow");
    /* Traffic on the whole network: the policy applies per demand, through the scenario. */
    if (!rc)
        rc = omv_compare_traffic(*out, ctx, net, sc);
    if (rc) {
        omv_compare_free(*out);
        *out = NULL;
        ec = cli_fail(ctx, rc, common);
    }
cleanup:
    omv_net_free(view);
    omv_scenario_free(sc);
    return ec;
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o;
    memset(&o, 0, sizeof(o));
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_net *net = NULL;
    omv_proposals *props = NULL;
    omv_compare *views[MAX_BORDERS] = {NULL};
    size_t nviews = 0;
    char *text = NULL;
    omv_scenario *check = NULL;
    int ec = cli_parse(&CLI_CMD_COMPARE, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_COMPARE, "no topology given");
        goto cleanup;
    }
    if (o.nprop == 0) {
        ec = cli_usage_error(&CLI_CMD_COMPARE, "no proposal given (--proposal NAME=FILE)");
        goto cleanup;
    }
    if ((ec = cli_shard_usage(&CLI_CMD_COMPARE, &common, o.out, o.json)))
        goto cleanup;
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    /* The scenario first: a mistyped region or policy is reported before a long load. */
    if ((ec = cli_scenario(&CLI_CMD_COMPARE, ctx, &common, NULL, &check)))
        goto cleanup;
    for (size_t k = 0; k < o.nborder; k++) {
        omv_scenario *one = NULL;
        int brc = omv_scenario_new(&one, ctx);
        if (!brc)
            brc = omv_scenario_set(one, ctx, "border", o.borders[k]);
        omv_scenario_free(one);
        if (brc) {
            ec = brc == OMV_EARG ? cli_usage_error(&CLI_CMD_COMPARE, "%s", omv_ctx_errmsg(ctx))
                                 : cli_fail(ctx, brc, &common);
            goto cleanup;
        }
    }
    int rc = omv_proposals_load(&net, &props, ctx, (const char *const *)pos, (size_t)npos, o.cands, o.ncands,
                                (const char *const *)o.names, o.files, o.nprop);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    cli_print_warnings(ctx, &common);
    omv_ctx_clear_warnings(ctx);
    size_t nparts;
    omv_part *const *parts = cli_merge_parts(&nparts);
    if (parts && (ec = cli_merge_check(ctx, &common, "compare", net)))
        goto cleanup;
    /* Merging: every view is prepared on no proposal and filled from the parts. */
    omv_shard none = {0, 1}, *shard = parts ? &none : common.shard.n ? &common.shard : NULL;
    size_t nb = o.nborder ? o.nborder : 1;
    for (size_t k = 0; k < nb; k++) {
        if ((ec = compare_view(&views[k], ctx, &common, o.nborder ? o.borders[k] : NULL, net, props, &o, shard)))
            goto cleanup;
        nviews++;
        for (size_t i = 0; i < nparts && !rc; i++) {
            size_t first, end;
            omv_part_block(parts[i], &first, &end);
            if ((rc = omv_compare_merge(views[k], ctx, omv_part_data(parts[i]), k, first, end)))
                fprintf(stderr, "omvei merge: in %s:\n", omv_part_dir(parts[i]));
        }
        if (rc) {
            ec = cli_fail(ctx, rc, &common);
            goto cleanup;
        }
    }
    const omv_compare *const *cv = (const omv_compare *const *)views;
    if (common.shard.n) {
        /* A shard: its part, no result files (they need every proposal). */
        char *data = NULL;
        if (cli_interrupted()) {
            fprintf(stderr, "omvei compare: interrupted: no part written\n");
            ec = CLI_INTERRUPTED;
            goto cleanup;
        }
        if (!(rc = omv_compare_part(&data, ctx, cv, nviews)))
            rc = cli_part_write(ctx, &common, "compare", o.out, net, omv_proposals_count(props), data, argc, argv);
        free(data);
        ec = rc ? cli_fail(ctx, rc, &common) : CLI_OK;
        goto cleanup;
    }
    rc = o.json ? omv_compare_json(&text, ctx, cv, nviews, net) : omv_compare_text(&text, ctx, cv, nviews, net);
    if (!rc && o.out) {
        static const char *const outputs[] = {"compare.json", "compare.csv"};
        rc = omv_report_mkdir(ctx, o.out);
        if (!rc)
            rc = omv_compare_write(ctx, o.out, cv, nviews, net);
        if (!rc)
            rc = omv_manifest_add_run(ctx, o.out, net, "compare", (const char *const *)argv, (size_t)argc, outputs, 2);
    }
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    fputs(text, stdout);
    if (o.out && !common.quiet)
        fprintf(stderr, "omvei compare: report written to %s/\n", o.out);
    ec = CLI_OK;
cleanup:
    free(text);
    for (size_t k = 0; k < nviews; k++)
        omv_compare_free(views[k]);
    omv_proposals_free(props);
    omv_net_free(net);
    omv_scenario_free(check);
    for (size_t k = 0; k < o.nprop; k++)
        free(o.names[k]);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_COMPARE = {
    .name = "compare",
    .usage = "TOPOLOGY... --proposal NAME=FILE [--proposal NAME=FILE ...] [--core IDS] [--region SPEC] "
             "[--against LIST] [--border POLICY ...] [--candidates FILE] [-o DIR] [--json]",
    .summary = "measure funding proposals as submitted: residents protected, NOK per added resident, failures "
               "removed",
    .details = "Each proposal file is in the candidates format: items of the network's candidates (the same id "
               "with an identical row) or new ones. Every item is built, nothing is re-optimised, and all proposals "
               "are measured against the same baseline (nothing built). A site is protected as in plan: it keeps a "
               "path to the core under every failure of the --against classes, or has a satellite terminal. For "
               "each proposal: protected sites and residents, added residents, NOK per added resident, failures "
               "removed and left, items that protect no one beyond the rest of the proposal, and what plan "
               "--budget achieves with the same money over all candidates. With demands (demands.csv), the unserved "
               "demand under the worst failure of the classes, before and after, routed as reroute --routing "
               "optimal does under the same border policy; a built item without capacity_gbps is unlimited.",
    .opts = OPTS,
    .run = run,
};
