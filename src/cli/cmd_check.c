/*
 * cmd_check.c — omvei check: load, validate and summarise a topology.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_JSON = 'j', OPT_OUT = 'o', OPT_CAND = 'c' };

static const cli_opt OPTS[] = {
    {OPT_CAND, "candidates", "FILE", "also load candidate investments from FILE (candidates.csv format)"},
    {OPT_JSON, "json", NULL, "print the summary as JSON (schema omvei/check/1)"},
    {OPT_OUT, "output", "DIR", "also write check.json and manifest.json into the report folder DIR"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    bool json;
    const char *out;
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
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
    case OPT_CAND:
        return cli_opt_candidates(&CLI_CMD_CHECK, arg, o->cands, &o->ncands);
    default:
        return CLI_USAGE;
    }
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o = {0};
    char **pos = NULL;
    int npos = 0;
    bool done;
    int ec = cli_parse(&CLI_CMD_CHECK, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done) {
        free(pos);
        return ec;
    }
    if (npos == 0) {
        free(pos);
        return cli_usage_error(&CLI_CMD_CHECK, "no topology given");
    }
    omv_ctx *ctx = cli_ctx(&common);
    omv_net *net = NULL;
    omv_check *chk = NULL;
    char *text = NULL, *json = NULL;
    if (!ctx) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    if ((ec = cli_load(&net, ctx, &common, pos, npos, o.cands, o.ncands)))
        goto cleanup;
    int rc = omv_check_run(&chk, ctx, net);
    if (!rc)
        rc = omv_check_json(&json, ctx, chk);
    if (!rc && !o.json)
        rc = omv_check_text(&text, ctx, chk);
    if (!rc && o.out) {
        const char *outputs[] = {"check.json"};
        size_t n = strlen(json);
        char *jn = malloc(n + 2);
        if (!jn) {
            fprintf(stderr, "omvei: out of memory\n");
            ec = CLI_RUNTIME;
            goto cleanup;
        }
        memcpy(jn, json, n);
        memcpy(jn + n, "\n", 2);
        rc = omv_report_mkdir(ctx, o.out);
        if (!rc)
            rc = omv_report_write(ctx, o.out, "check.json", jn);
        free(jn);
        if (!rc)
            rc = omv_manifest_add_run(ctx, o.out, net, "check", (const char *const *)argv, (size_t)argc, outputs, 1);
    }
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    if (o.json)
        printf("%s\n", json);
    else
        fputs(text, stdout);
    ec = CLI_OK;
cleanup:
    free(text);
    free(json);
    omv_check_free(chk);
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_CHECK = {
    .name = "check",
    .usage = "TOPOLOGY... [options]",
    .summary = "validate a topology and summarise it",
    .details = "The summary counts nodes by kind and country, existing links and km by medium, candidates,\n"
               "demands and shared-risk groups; it lists the connected components, the nodes without a\n"
               "position and the warnings of the load. Errors in the input are reported as\n"
               "file:line:col: message and exit with code 3.",
    .opts = OPTS,
    .run = run,
};
