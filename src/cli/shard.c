/*
 * shard.c — --shard K/N and omvei merge on the command line: a shard writes a part (part.json) into
 * its report folder; merge checks the parts and runs their command again over them, so that the
 * result files are written by the same code as in one process.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static struct {
    omv_part *const *parts;
    size_t n;
} g_merge;

omv_part *const *cli_merge_parts(size_t *n)
{
    *n = g_merge.n;
    return g_merge.n ? g_merge.parts : NULL;
}

int cli_shard_usage(const cli_cmd *cmd, const cli_common *common, const char *out, bool json)
{
    if (common->shard.n == 0)
        return CLI_OK;
    if (!out)
        return cli_usage_error(cmd, "--shard writes a part for 'omvei merge' into a report folder: give -o DIR");
    if (json)
        return cli_usage_error(cmd, "--shard writes a part, not a result: --json is for one process or the merge");
    return CLI_OK;
}

int cli_merge_check(omv_ctx *ctx, const cli_common *common, const char *command, const omv_net *net)
{
    size_t n;
    omv_part *const *parts = cli_merge_parts(&n);
    const omv_part_head *h = omv_part_get_head(parts[0]);
    if (strcmp(h->command, command)) {
        fprintf(stderr, "omvei merge: the parts are of '%s', not of '%s'\n", h->command, command);
        return CLI_DATA;
    }
    char key[65];
    int rc = omv_shard_key(key, ctx, command, common->key_args, common->nkey_args, net);
    if (rc)
        return cli_fail(ctx, rc, common);
    if (strcmp(key, h->key)) {
        fprintf(stderr,
                "omvei merge: the inputs changed since the shards ran (key %.12s now, %.12s in %s): "
                "a file they read differs; run the shards again\n",
                key, h->key, omv_part_dir(parts[0]));
        return CLI_DATA;
    }
    return CLI_OK;
}

int cli_part_write(omv_ctx *ctx, const cli_common *common, const char *command, const char *dir, const omv_net *net,
                   size_t count, const char *data, int argc, char **argv)
{
    char key[65];
    int rc = omv_shard_key(key, ctx, command, common->key_args, common->nkey_args, net);
    if (rc)
        return rc;
    omv_part_head h = {command, key, common->shard, count, common->key_args, common->nkey_args};
    static const char *const outputs[] = {"part.json"};
    if ((rc = omv_report_mkdir(ctx, dir)) || (rc = omv_part_write(ctx, dir, &h, data)) ||
        (rc = omv_manifest_add_run(ctx, dir, net, command, (const char *const *)argv, (size_t)argc, outputs, 1)))
        return rc;
    if (!common->quiet) {
        size_t first, end;
        omv_shard_block(&common->shard, count, &first, &end);
        if (end > first)
            printf("%s: shard %u of %u: scenarios %zu-%zu of %zu written to %s/part.json\n", command, common->shard.k,
                   common->shard.n, first, end - 1, count, dir);
        else
            printf("%s: shard %u of %u: no scenario (the run has %zu) written to %s/part.json\n", command,
                   common->shard.k, common->shard.n, count, dir);
    }
    return 0;
}

/* ---- omvei merge ---- */

enum { OPT_OUT = 'o' };

static const cli_opt OPTS[] = {
    {OPT_OUT, "output", "DIR", "the report folder of the merged result (required)"},
    {0, NULL, NULL, NULL},
};

static int on_opt(int id, const char *arg, void *user)
{
    if (id != OPT_OUT)
        return CLI_USAGE;
    *(const char **)user = arg;
    return CLI_OK;
}

/* The command a part names: plan's sweep is "plan-sweep". */
static const cli_cmd *command_of(const char *name)
{
    if (!strcmp(name, "reroute"))
        return &CLI_CMD_REROUTE;
    if (!strcmp(name, "plan-sweep"))
        return &CLI_CMD_PLAN;
    if (!strcmp(name, "compare"))
        return &CLI_CMD_COMPARE;
    return NULL;
}

static int run(int argc, char **argv)
{
    cli_common common;
    const char *out = NULL;
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_part **parts = NULL;
    char **args = NULL;
    char *missing = NULL;
    int ec = cli_parse(&CLI_CMD_MERGE, argc, argv, &common, on_opt, &out, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_MERGE, "no part folders given");
        goto cleanup;
    }
    if (!out) {
        ec = cli_usage_error(&CLI_CMD_MERGE, "give the folder of the merged result with -o DIR");
        goto cleanup;
    }
    if (!(ctx = cli_ctx(&common)) || !(parts = calloc((size_t)npos, sizeof(*parts)))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    for (int i = 0; i < npos; i++) {
        int rc = omv_part_read(&parts[i], ctx, pos[i]);
        if (rc) {
            ec = cli_fail(ctx, rc, &common);
            goto cleanup;
        }
    }
    int rc = omv_parts_check(ctx, parts, (size_t)npos, &missing);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        if (missing)
            fprintf(stderr, "missing shards: %s\nnothing written to %s\n", missing, out);
        goto cleanup;
    }
    const omv_part_head *h = omv_part_get_head(parts[0]);
    const cli_cmd *cmd = command_of(h->command);
    if (!cmd) {
        fprintf(stderr, "omvei merge: %s: parts of '%s' cannot be merged\n", omv_part_dir(parts[0]), h->command);
        ec = CLI_DATA;
        goto cleanup;
    }
    /* The command again: its name, the parts' arguments, -o OUT and this run's threads and quiet. */
    size_t na = 0;
    if (!(args = calloc(h->nargs + 8, sizeof(*args)))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    args[na++] = (char *)cmd->name;
    for (size_t i = 0; i < h->nargs; i++)
        args[na++] = (char *)h->args[i];
    args[na++] = "-o";
    args[na++] = (char *)out;
    if (common.threads_arg) {
        args[na++] = "--threads";
        args[na++] = (char *)common.threads_arg;
    }
    if (common.quiet)
        args[na++] = "--quiet";
    g_merge.parts = parts;
    g_merge.n = (size_t)npos;
    ec = cmd->run((int)na, args);
    g_merge.parts = NULL;
    g_merge.n = 0;
cleanup:
    for (int i = 0; parts && i < npos; i++)
        omv_part_free(parts[i]);
    free(parts);
    free(args);
    free(missing);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_MERGE = {
    .name = "merge",
    .usage = "PART_DIR... -o DIR",
    .summary = "join the parts of a run split with --shard K/N into the result of one process",
    .details = "Each PART_DIR is the report folder of one shard (it holds part.json). The parts must come\n"
               "from the same command, options and input files (the key in part.json), and together\n"
               "hold every shard exactly once. The command runs again from the same working folder with\n"
               "the parts' arguments: it reads the input files again, checks that they have not changed,\n"
               "and writes into DIR the result files one process would have written. A missing shard is\n"
               "an error (exit 3) that lists the missing shard numbers (for sbatch --array) and their\n"
               "scenario numbers; nothing is written then. Parts of different runs: exit 3.",
    .opts = OPTS,
    .run = run,
};
