/*
 * cmd_reroute.c — omvei reroute: where the demands go when links, nodes, shared-risk groups or
 * power fail, under a border policy; unserved demand per failure and the worst-case load of every
 * link, in plain words, as reroute.json, or as a report folder.
 *
 * The scenario options (--failures, --border, --core, --region) go to the library's scenario
 * parsers through cli_scenario, so their spelling and errors are the same in every command.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_JSON = 'j', OPT_OUT = 'o', OPT_ROUTING = 256, OPT_TOP };

static const cli_opt OPTS[] = {
    {CLI_SC_FAILURES, "failures", "LIST",
     "classes from links,nodes,srlg,pairs,power:REGION:H[,H...] (default: links,srlg)"},
    {CLI_SC_BORDER, "border", "POLICY",
     "allow (default), deny (a domestic demand keeps to its country's links) or transit:CC[,CC...] (it may also "
     "use links within or into the listed countries)"},
    {OPT_ROUTING, "routing", "MODE", "optimal (default: multi-commodity flow LP) or shortest (ECMP by link metric)"},
    {CLI_SC_CORE, "core", "IDS", "core node ids; accepted for scenarios shared with spof, no effect on routing"},
    {CLI_SC_REGION, "region", "SPEC", "also say how much of the unserved demand has an end in this region"},
    {OPT_TOP, "top", "N", "scenarios and links in the plain-words summary (default 10; 0: all)"},
    {OPT_JSON, "json", NULL, "print reroute.json (schema omvei/reroute/1) instead of the summary"},
    {OPT_OUT, "output", "DIR", "write reroute.json, reroute_scenarios.csv, reroute_links.csv, "
                               "reroute_map.geojson and manifest.json into DIR"},
    CLI_OPT_SHARD_ROW,
    CLI_OPT_JOIN_ROW,
    CLI_OPT_DERIVE_ROW,
    {0, NULL, NULL, NULL},
};

typedef struct {
    bool json;
    const char *out;
    int routing;
    size_t top;
} opts_t;

static int on_opt(int id, const char *arg, void *user)
{
    opts_t *o = user;
    switch (id) {
    case OPT_JSON:
        o->json = true;
        return CLI_OK;
    case OPT_OUT:
        o->out = arg;
        return CLI_OK;
    case OPT_ROUTING:
        if ((o->routing = omv_routing_parse(arg)) < 0)
            return cli_usage_error(&CLI_CMD_REROUTE, "--routing takes optimal or shortest, got '%s'", arg);
        return CLI_OK;
    case OPT_TOP:
        return cli_opt_top(&CLI_CMD_REROUTE, arg, &o->top);
    default:
        return CLI_USAGE;
    }
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o = {0};
    o.top = 10;
    o.routing = OMV_ROUTING_OPTIMAL;
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_net *net = NULL;
    omv_scenario *sc = NULL;
    omv_reroute *rr = NULL;
    char *text = NULL;
    int rc = 0;
    int ec = cli_parse(&CLI_CMD_REROUTE, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_REROUTE, "no topology given");
        goto cleanup;
    }
    if ((ec = cli_shard_usage(&CLI_CMD_REROUTE, &common, o.out, o.json)))
        goto cleanup;
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    /* The scenario first: a mistyped option is a usage error, reported before a long load. */
    static const char *const DEFAULTS[] = {"failures", "links,srlg", NULL};
    if ((ec = cli_scenario(&CLI_CMD_REROUTE, ctx, &common, DEFAULTS, &sc)))
        goto cleanup;
    if ((ec = cli_load(&net, ctx, &common, pos, npos, NULL, 0, NULL)))
        goto cleanup;
    cli_print_warnings(ctx, &common);
    omv_ctx_clear_warnings(ctx);
    if ((ec = cli_scenario_bind(&CLI_CMD_REROUTE, ctx, &common, sc, net)))
        goto cleanup;
    size_t nparts;
    omv_part *const *parts = cli_merge_parts(&nparts);
    if (parts && (ec = cli_merge_check(ctx, &common, "reroute", net)))
        goto cleanup;
    omv_reroute_options opt = OMV_REROUTE_OPTIONS_INIT;
    opt.routing = (omv_routing)o.routing;
    opt.shard = common.shard;
    opt.intact_only = parts != NULL;
    rc = omv_reroute_run(&rr, ctx, net, sc, &opt);
    cli_progress_end();
    for (size_t i = 0; !rc && i < nparts; i++) {
        size_t first, end;
        omv_part_block(parts[i], &first, &end);
        if ((rc = omv_reroute_merge(rr, ctx, omv_part_data(parts[i]), first, end)))
            fprintf(stderr, "omvei merge: in %s:\n", omv_part_dir(parts[i]));
    }
    if (rc)
        goto fail;
    cli_print_warnings(ctx, &common);
    if (common.shard.n) {
        /* A shard: its part, no result files (they need every scenario). */
        char *data = NULL;
        if (omv_reroute_interrupted(rr)) {
            fprintf(stderr, "omvei reroute: interrupted: no part written\n");
            ec = CLI_INTERRUPTED;
            goto cleanup;
        }
        if (!(rc = omv_reroute_part(&data, ctx, rr)))
            rc = cli_part_write(ctx, &common, "reroute", o.out, net, omv_reroute_scenario_count(rr), data, argc, argv);
        free(data);
        if (rc)
            goto fail;
        ec = CLI_OK;
        goto cleanup;
    }
    if (omv_reroute_interrupted(rr))
        fprintf(stderr, "omvei reroute: interrupted: some failures were not evaluated; the results are incomplete\n");
    if (!o.json && (rc = omv_reroute_text(&text, ctx, rr, net, sc, o.top)))
        goto fail;
    /* Interrupted: an earlier report in the folder is kept (cli.h). */
    bool to_dir = o.out && cli_report_allowed("reroute", o.out, "reroute.json");
    if (to_dir) {
        static const char *const outputs[] = {"reroute.json", "reroute_scenarios.csv", "reroute_links.csv",
                                              "reroute_map.geojson"};
        rc = omv_report_mkdir(ctx, o.out);
        if (!rc)
            rc = omv_reroute_write(ctx, o.out, rr, net, sc);
        if (!rc)
            rc = omv_manifest_add_run(ctx, o.out, net, "reroute", (const char *const *)argv, (size_t)argc, outputs,
                                      sizeof(outputs) / sizeof(outputs[0]));
        if (rc)
            goto fail;
    }
    if (o.json) {
        if (!(to_dir && cli_print_file(o.out, "reroute.json"))) {
            char *json = NULL;
            if ((rc = omv_reroute_json(&json, ctx, rr, net, sc)))
                goto fail;
            fputs(json, stdout);
            free(json);
        }
    } else {
        fputs(text, stdout);
    }
    ec = CLI_OK;
    goto cleanup;
fail:
    ec = cli_fail(ctx, rc, &common);
cleanup:
    free(text);
    omv_reroute_free(rr);
    omv_scenario_free(sc);
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(pos);
    return cli_finish("reroute", ec);
}

const cli_cmd CLI_CMD_REROUTE = {
    .name = "reroute",
    .usage = "TOPOLOGY... [options]",
    .summary = "route the demands under every failure: unserved demand and worst-case link loads",
    .details = "Routes demands.csv over the existing links, intact and under every failure of the chosen\n"
               "classes. A link carries capacity_gbps in each direction (empty: unlimited); demands are\n"
               "directed. --routing optimal minimises the unserved demand, then the largest utilisation;\n"
               "shortest splits every demand equally over the shortest paths by the link metric (column\n"
               "metric, else length_km, else 1 per hop). Demand to or from a failed node is reported as lost\n"
               "with the node. A bad option or an unknown transit country is a usage error (exit 2); errors\n"
               "in the input exit 3; a solver failure exits 1.",
    .opts = OPTS,
    .run = run,
};
