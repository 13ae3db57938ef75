/*
 * cmd_convert.c — omvei convert: read a topology in one format and write it in another.
 */
#include "cli/cli.h"

#include <stdlib.h>

enum { OPT_CAND = 'c' };

static const cli_opt OPTS[] = {
    {OPT_CAND, "candidates", "FILE", "also load candidate investments from FILE (candidates.csv format)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
} opts_t;

static int on_opt(int id, const char *arg, void *user)
{
    opts_t *o = user;
    if (id != OPT_CAND)
        return CLI_USAGE;
    return cli_opt_candidates(&CLI_CMD_CONVERT, arg, o->cands, &o->ncands);
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o = {0};
    char **pos = NULL;
    int npos = 0;
    bool done;
    int ec = cli_parse(&CLI_CMD_CONVERT, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done) {
        free(pos);
        return ec;
    }
    if (npos < 2) {
        free(pos);
        return cli_usage_error(&CLI_CMD_CONVERT, "expected IN... OUT");
    }
    omv_ctx *ctx = cli_ctx(&common);
    omv_net *net = NULL;
    if (!ctx) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    if ((ec = cli_load(&net, ctx, &common, pos, npos - 1, o.cands, o.ncands, NULL)))
        goto cleanup;
    cli_print_warnings(ctx, &common);
    int rc = omv_net_write(net, ctx, pos[npos - 1]);
    ec = rc ? cli_fail(ctx, rc, &common) : CLI_OK;
cleanup:
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_CONVERT = {
    .name = "convert",
    .usage = "IN... OUT [options]",
    .summary = "convert a topology to another format",
    .details = "OUT is a folder (written as CSV), a .geojson or a .graphml file. Every contract column and\n"
               "every extra column survives the conversion. SNDlib is read only.",
    .opts = OPTS,
    .run = run,
};
