/*
 * cmd_report.c — omvei report DIR: writes DIR/report.html again from the result files the folder
 * holds (every command that writes into a folder already does this at its end).
 */
#include "cli/cli.h"

#include <stdlib.h>

static const cli_opt OPTS[] = {
    {0, NULL, NULL, NULL},
};

static int on_opt(int id, const char *arg, void *user)
{
    (void)id, (void)arg, (void)user;
    return CLI_USAGE;
}

static int run(int argc, char **argv)
{
    cli_common common;
    char **pos = NULL;
    int npos = 0;
    bool done;
    int ec = cli_parse(&CLI_CMD_REPORT, argc, argv, &common, on_opt, NULL, &pos, &npos, &done);
    if (ec || done) {
        free(pos);
        return ec;
    }
    if (npos != 1) {
        free(pos);
        return cli_usage_error(&CLI_CMD_REPORT, npos ? "give one report folder" : "no report folder given");
    }
    omv_ctx *ctx = cli_ctx(&common);
    if (!ctx) {
        free(pos);
        return CLI_RUNTIME;
    }
    int rc = omv_report_html(ctx, pos[0]);
    if (rc)
        ec = cli_fail(ctx, rc, &common);
    else if (!common.quiet)
        printf("wrote %s/report.html\n", pos[0]);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_REPORT = {
    .name = "report",
    .usage = "DIR [options]",
    .summary = "write DIR/report.html again from the results in the report folder",
    .details = "report.html is one self-contained page (no network access): a summary in plain words, a map\n"
               "in UTM zone 33N, the single points of failure, the investments, the budget curve, before\n"
               "and after, the proposals side by side, the rerouting worst cases and the manifest, from\n"
               "whichever of spof.json, plan.json, plan_sweep.json, compare.json, reroute.json,\n"
               "map.geojson, plan_map.geojson and manifest.json the folder and its sub-folders hold.\n"
               "Every command run with -o DIR already writes it; this command refreshes it. A result file\n"
               "that is not valid JSON is an input error (exit 3, file:line:col).",
    .opts = OPTS,
    .run = run,
};
