/*
 * cmd_plan.c — omvei plan: the cheapest investments that protect target sites against failures
 * (min-cost), the most residents protected within a budget, or a budget sweep (the cost versus
 * protected-population curve).
 */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    OPT_CAND = 'c',
    OPT_JSON = 'j',
    OPT_OUT = 'o',
    OPT_TARGET = 2001,
    OPT_BUDGET,
    OPT_SWEEP,
    OPT_TIME,
    OPT_METHOD,
    OPT_DATA,
    OPT_MPS,
    OPT_NO_ANALYSIS,
    OPT_GAP
};

static const cli_opt OPTS[] = {
    {OPT_CAND, "candidates", "FILE", "candidate investments (candidates.csv format); REPLACES a topology "
                                     "folder's candidates.csv (giving that file again is fine)"},
    {CLI_SC_CORE, "core", "IDS", "core node ids, comma-separated (default: nodes of kind core or ixp)"},
    {CLI_SC_REGION, "region", "SPEC", "region of the target sites: north-of-trondheim, islands, country:XX, lat>X, "
                                      "bbox:..., polygon:FILE (default: all)"},
    {OPT_TARGET, "target", "SPEC", "region (every site of the region, default), pop>=N, or ids:A,B,C"},
    {CLI_SC_AGAINST, "against", "LIST", "failure classes: links, nodes, srlg, power:REGION:HOURS[,HOURS...] "
                                        "(comma-separated, power last; default: links)"},
    {OPT_BUDGET, "budget", "NOK", "protect the most residents within this budget (400M, 2.4bn, 1.5e8)"},
    {OPT_SWEEP, "sweep", "NOK,...", "solve several budgets: the cost versus protected-population curve"},
    {CLI_SC_BORDER, "border", "POLICY", "allow (default), deny or transit:CC,...: with deny, protection counts only "
                                        "paths over the site's own country's links, and cross-border candidates are "
                                        "left out; transit also opens links within or into the listed countries"},
    {OPT_TIME, "time-limit", "S", "stop after S seconds with the best plan found, its bound and gap"},
    {OPT_GAP, "gap", "REL", "stop once the plan is proven within this relative gap of the optimum (0.0002 or "
                            "0.02%), with its bound and gap"},
    {OPT_METHOD, "method", "M", "cuts (branch-and-cut, default) or mathprog (compact flow form, small inputs)"},
    {OPT_JSON, "json", NULL, "print plan.json (plan_sweep.json for a sweep) instead of the summary"},
    {OPT_OUT, "output", "DIR", "write plan.json, plan_investments.csv, plan_map.geojson (a sweep: "
                               "plan_sweep.csv, .svg, .json) and manifest.json into the report folder DIR"},
    {OPT_DATA, "write-data", "FILE", "only write the data section of models/protect.mod for this instance"},
    {OPT_MPS, "write-mps", "FILE", "only write the translated model as free MPS (with --write-data or alone)"},
    {OPT_NO_ANALYSIS, "no-analysis", NULL, "skip the failure analysis before/after and the verification block"},
    CLI_OPT_SHARD_ROW,
    CLI_OPT_JOIN_ROW,
    CLI_OPT_DERIVE_ROW,
    {0, NULL, NULL, NULL},
};

typedef struct {
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
    const char *target, *out, *data, *mps;
    bool json, budget_set, no_analysis;
    double budget, time_limit, gap;
    double *sweep;
    size_t nsweep;
    omv_plan_method method;
} opts_t;

static int on_opt(int id, const char *arg, void *user)
{
    opts_t *o = user;
    const cli_cmd *cmd = &CLI_CMD_PLAN;
    switch (id) {
    case OPT_CAND:
        return cli_opt_candidates(cmd, arg, o->cands, &o->ncands);
    case OPT_TARGET:
        o->target = arg;
        return CLI_OK;
    case OPT_JSON:
        o->json = true;
        return CLI_OK;
    case OPT_OUT:
        o->out = arg;
        return CLI_OK;
    case OPT_DATA:
        o->data = arg;
        return CLI_OK;
    case OPT_MPS:
        o->mps = arg;
        return CLI_OK;
    case OPT_NO_ANALYSIS:
        o->no_analysis = true;
        return CLI_OK;
    case OPT_BUDGET:
        if (omv_parse_nok(arg, &o->budget))
            return cli_usage_error(cmd, "--budget: expected an amount of NOK such as 400M or 2.4bn, got '%s'", arg);
        o->budget_set = true;
        return CLI_OK;
    case OPT_SWEEP: {
        free(o->sweep);
        o->sweep = NULL;
        o->nsweep = 0;
        char *copy = strdup(arg);
        size_t n = 1;
        for (const char *c = arg; *c; c++)
            n += *c == ',';
        o->sweep = calloc(n, sizeof(double));
        if (!copy || !o->sweep) {
            free(copy);
            return cli_usage_error(cmd, "out of memory");
        }
        int bad = 0;
        for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !bad; tok = strtok_r(NULL, ",", &save))
            bad = omv_parse_nok(tok, &o->sweep[o->nsweep++]);
        free(copy);
        if (bad || !o->nsweep)
            return cli_usage_error(cmd, "--sweep: expected amounts of NOK separated by commas (100M,400M,2.4bn), "
                                        "got '%s'", arg);
        return CLI_OK;
    }
    case OPT_TIME:
        return cli_opt_time_limit(cmd, arg, &o->time_limit);
    case OPT_GAP: {
        char *end;
        errno = 0;
        double g = strtod(arg, &end);
        if (end != arg && *end == '%' && !end[1])
            g /= 100, end++;
        if (end == arg || *end || errno || !isfinite(g) || g <= 0 || g >= 1 || strpbrk(arg, "xXnN"))
            return cli_usage_error(cmd, "--gap: expected a relative gap above 0 and below 1 (0.0002 or 0.02%%), "
                                        "got '%s'", arg);
        o->gap = g;
        return CLI_OK;
    }
    case OPT_METHOD:
        if (!strcmp(arg, "cuts") || !strcmp(arg, "branch-and-cut"))
            o->method = OMV_PLAN_BRANCH_AND_CUT;
        else if (!strcmp(arg, "mathprog") || !strcmp(arg, "flow"))
            o->method = OMV_PLAN_MATHPROG;
        else
            return cli_usage_error(cmd, "--method: expected cuts or mathprog, got '%s'", arg);
        return CLI_OK;
    default:
        return CLI_USAGE;
    }
}

/* The reports describe the network analysed (an, the domestic view under --border deny); the manifest
 * hashes the input files the network was read from. */
static int write_out(omv_ctx *ctx, const opts_t *o, const omv_net *net, const omv_net *an, const omv_plan *plan,
                     const omv_plan_sweep *sweep, int argc, char **argv)
{
    int rc;
    if (sweep) {
        static const char *const outs[] = {"plan_sweep.csv", "plan_sweep.svg", "plan_sweep.json"};
        /* Its own name in the manifest, so that a sweep and a single plan in one folder both stay. */
        if (!(rc = omv_plan_sweep_write(ctx, o->out, sweep, an)))
            rc = omv_manifest_add_run(ctx, o->out, net, "plan-sweep", (const char *const *)argv, (size_t)argc, outs,
                                      3);
    } else {
        static const char *const outs[] = {"plan.json", "plan_investments.csv", "plan_map.geojson"};
        if (!(rc = omv_plan_write(ctx, o->out, plan, an)))
            rc = omv_manifest_add_run(ctx, o->out, net, "plan", (const char *const *)argv, (size_t)argc, outs, 3);
        if (!rc) {
            omv_plan_summary S;
            omv_plan_summary_get(plan, &S);
            rc = omv_manifest_add_timing(ctx, o->out, "plan", "solve_ms", S.solve_s);
        }
    }
    return rc;
}

static int run(int argc, char **argv)
{
    static const char *const DEFAULTS[] = {"against", "links", NULL};
    cli_common common;
    opts_t o;
    memset(&o, 0, sizeof(o));
    o.method = OMV_PLAN_BRANCH_AND_CUT;
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_net *net = NULL, *view = NULL;
    omv_scenario *sc = NULL;
    omv_plan *plan = NULL;
    omv_plan_sweep *sweep = NULL;
    char *text = NULL;
    int ec = cli_parse(&CLI_CMD_PLAN, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_PLAN, "no topology given");
        goto cleanup;
    }
    if (o.budget_set && o.nsweep) {
        ec = cli_usage_error(&CLI_CMD_PLAN, "--budget and --sweep exclude each other");
        goto cleanup;
    }
    if (common.shard.n && !o.nsweep) {
        ec = cli_usage_error(&CLI_CMD_PLAN, "--shard splits the budgets of a --sweep; a single plan is one scenario");
        goto cleanup;
    }
    if ((ec = cli_shard_usage(&CLI_CMD_PLAN, &common, o.out, o.json)))
        goto cleanup;
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    if ((ec = cli_scenario(&CLI_CMD_PLAN, ctx, &common, DEFAULTS, &sc)))
        goto cleanup;
    if ((ec = cli_load(&net, ctx, &common, pos, npos, o.cands, o.ncands, NULL)))
        goto cleanup;
    cli_print_warnings(ctx, &common);
    omv_ctx_clear_warnings(ctx);
    if ((ec = cli_scenario_bind(&CLI_CMD_PLAN, ctx, &common, sc, net)))
        goto cleanup;
    int rc;
    const omv_net *an = NULL;
    size_t closed[2];
    if ((ec = cli_border_view(ctx, &common, sc, net, &view, &an, closed)))
        goto cleanup;
    omv_plan_options po = OMV_PLAN_OPTIONS_INIT;
    omv_scenario_plan_options(sc, &po);
    po.target = o.target;
    po.mode = o.budget_set ? OMV_PLAN_BUDGET : OMV_PLAN_MIN_COST;
    po.budget_nok = o.budget;
    po.time_limit_s = o.time_limit;
    po.gap_rel = o.gap;
    po.method = o.method;
    po.analyse = !o.no_analysis;
    if (o.data || o.mps) {
        if ((rc = omv_plan_export(ctx, an, &po, o.data, o.mps))) {
            ec = cli_fail(ctx, rc, &common);
            goto cleanup;
        }
        if (!common.quiet)
            fprintf(stderr, "omvei plan: wrote%s%s%s%s\n", o.data ? " " : "", o.data ? o.data : "",
                    o.mps ? " " : "", o.mps ? o.mps : "");
        ec = CLI_OK;
        goto cleanup;
    }
    size_t nparts;
    omv_part *const *parts = cli_merge_parts(&nparts);
    if (parts && (ec = cli_merge_check(ctx, &common, "plan-sweep", net)))
        goto cleanup;
    if (common.shard.n) {
        /* A shard of the sweep: its part, no result files (they need every budget). */
        char *data = NULL;
        if (!(rc = omv_plan_sweep_run_shard(&sweep, ctx, an, &po, o.sweep, o.nsweep, &common.shard))) {
            cli_progress_end();
            if (omv_plan_sweep_interrupted(sweep)) {
                fprintf(stderr, "omvei plan: interrupted: no part written\n");
                ec = CLI_INTERRUPTED;
                goto cleanup;
            }
            if (!(rc = omv_plan_sweep_part(&data, ctx, sweep)))
                rc = cli_part_write(ctx, &common, "plan-sweep", o.out, net, omv_plan_sweep_scenarios(sweep), data,
                                    argc, argv);
        }
        free(data);
        ec = rc ? cli_fail(ctx, rc, &common) : CLI_OK;
        goto cleanup;
    }
    if (o.nsweep) {
        rc = parts ? omv_plan_sweep_merge(&sweep, ctx, an, &po, o.sweep, o.nsweep, parts, nparts)
                   : omv_plan_sweep_run(&sweep, ctx, an, &po, o.sweep, o.nsweep);
        if (!rc)
            rc = o.json ? omv_plan_sweep_json(&text, ctx, sweep, an) : omv_plan_sweep_text(&text, ctx, sweep, an);
    } else {
        rc = omv_plan_run(&plan, ctx, an, &po);
        if (!rc)
            rc = o.json ? omv_plan_json(&text, ctx, plan, an) : omv_plan_text(&text, ctx, plan, an);
    }
    if (!rc)
        cli_print_warnings(ctx, &common);
    /* Interrupted: an earlier report in the folder is kept (cli.h). */
    bool to_dir = o.out && cli_report_allowed("plan", o.out, sweep ? "plan_sweep.json" : "plan.json");
    if (!rc && to_dir)
        rc = write_out(ctx, &o, net, an, plan, sweep, argc, argv);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    cli_progress_end();
    if (!o.json)
        cli_border_line(sc, closed, true);
    fputs(text, stdout);
    if (o.json)
        fputs("\n", stdout);
    if (to_dir && !common.quiet)
        fprintf(stderr, "omvei plan: report written to %s/\n", o.out);
    ec = CLI_OK;
cleanup:
    free(text);
    omv_plan_free(plan);
    omv_plan_sweep_free(sweep);
    omv_net_free(view);
    omv_net_free(net);
    omv_scenario_free(sc);
    free(o.sweep);
    omv_ctx_free(ctx);
    free(pos);
    return cli_finish("plan", ec);
}

const cli_cmd CLI_CMD_PLAN = {
    .name = "plan",
    .usage = "TOPOLOGY... [--candidates FILE] [--core IDS] [--region SPEC] [--target SPEC] [--against LIST] "
             "[--budget NOK | --sweep NOK,NOK,...] [--time-limit S] [-o DIR] [--json]",
    .summary = "choose the cheapest backup routes, satellite terminals and reserve power that protect sites",
    .details = "A site is protected when it keeps a path to the core under every failure of the --against classes, "
               "or has a satellite terminal. Sites no candidate can protect are reported with the reason and the "
               "plan covers the others (exit 0). Branch-and-cut on GLPK; each plan is verified by max-flow and by "
               "the failure analysis of the network with the plan built. On --time-limit or ^C the best plan found "
               "is returned with its bound and gap.",
    .opts = OPTS,
    .run = run,
};
