/*
 * cmd_run.c — omvei run: a scenario file (omvei/run.h) run step by step into one report folder. Each
 * step is executed by its own command's code, with the arguments the file gives it, so a step and the
 * same command typed by hand give the same files; the manifest records every step's effective
 * parameters and the SHA-256 of the files it read beyond the topology (the scenario file, region
 * polygons, proposals).
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_OUT = 'o' };

static const cli_opt OPTS[] = {
    {OPT_OUT, "output", "DIR", "the report folder (default: the file's top-level 'output')"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    const char *out;
} opts_t;

static int on_opt(int id, const char *arg, void *user)
{
    opts_t *o = user;
    if (id == OPT_OUT) {
        o->out = arg;
        return CLI_OK;
    }
    return CLI_USAGE;
}

static const cli_cmd *find_cmd(const char *name)
{
    for (const cli_cmd *const *c = CLI_COMMANDS; *c; c++)
        if (!strcmp((*c)->name, name) && strcmp(name, "run") != 0)
            return *c;
    return NULL;
}

static const cli_opt *find_opt(const cli_cmd *cmd, const char *name)
{
    for (const cli_opt *o = cmd->opts; o && o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    return NULL;
}

/* Keys that are not options of the step's command. */
static bool run_key(const char *key) { return !strcmp(key, "topology") || !strcmp(key, "output"); }

/* A file named in a value that the network's file list does not hold: polygon regions and proposals. */
static const char *named_file(const char *key, const char *value, char *buf, size_t bufsz)
{
    if (!strcmp(key, "proposal")) {
        const char *eq = strchr(value, '=');
        return eq ? eq + 1 : NULL;
    }
    if (strcmp(key, "region") && strcmp(key, "power-outage") && strcmp(key, "failures") && strcmp(key, "against"))
        return NULL;
    const char *p = strstr(value, "polygon:");
    if (!p)
        return NULL;
    p += 8;
    size_t n = strcspn(p, ":");
    if (!strcmp(key, "region"))
        n = strlen(p);
    if (n + 1 > bufsz)
        return NULL;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

/* 1 when the option at line:col is a top-level one (it applies to the steps that take it). */
static bool is_top(const omv_runfile *rf, int line, int col)
{
    for (size_t i = 0; i < omv_runfile_option_count(rf, OMV_RUNFILE_TOP); i++) {
        const char *k, *v;
        int l, c;
        omv_runfile_option_get(rf, OMV_RUNFILE_TOP, i, &k, &v, &l, &c);
        if (l == line && c == col)
            return true;
    }
    return false;
}

static char *join_dir(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

/* Runs step s. Returns an exit code. */
static int run_step(const omv_runfile *rf, size_t s, const char *file, const char *out, omv_ctx *ctx,
                    const cli_common *common)
{
    const char *name = omv_runfile_step_command(rf, s);
    int line, col;
    omv_runfile_step_mark(rf, s, &line, &col);
    const cli_cmd *cmd = find_cmd(name);
    if (!cmd) {
        fprintf(stderr, "omvei: error: %s:%d:%d: unknown step '%s' (check, spof, plan, compare, reroute)\n", file,
                line, col, name);
        return CLI_USAGE;
    }
    size_t n = omv_runfile_option_count(rf, s);
    char **argv = calloc(2 * n + 8, sizeof(char *));
    char **allocs = calloc(n + 1, sizeof(char *));
    size_t nalloc = 0;
    const char **keys = calloc(n + 1, sizeof(char *)), **vals = calloc(n + 1, sizeof(char *));
    const char **files = calloc(n + 2, sizeof(char *));
    char (*fbuf)[512] = calloc(n + 1, sizeof(*fbuf));
    char *dir = NULL;
    omv_scenario *sc = NULL;
    int ec = CLI_OK, argc = 0, ntopo = 0;
    size_t nk = 0, nf = 0;
    const char *sub = NULL;
    if (!argv || !allocs || !keys || !vals || !files || !fbuf) {
        fprintf(stderr, "omvei: out of memory\n");
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    argv[argc++] = (char *)name;
    files[nf++] = file;
    for (size_t i = 0; i < n; i++) {
        const char *k, *v;
        int l, c;
        omv_runfile_option_get(rf, s, i, &k, &v, &l, &c);
        if (!strcmp(k, "topology")) {
            argv[argc++] = (char *)v;
            ntopo++;
        } else if (!strcmp(k, "output")) {
            if (!is_top(rf, l, c))
                sub = v;
        }
    }
    if (!ntopo) {
        fprintf(stderr, "omvei: error: %s:%d:%d: step '%s' has no topology\n", file, line, col, name);
        ec = CLI_USAGE;
        goto cleanup;
    }
    if (omv_scenario_new(&sc, ctx)) {
        ec = cli_fail(ctx, OMV_ENOMEM, common);
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        const char *k, *v;
        int l, c;
        omv_runfile_option_get(rf, s, i, &k, &v, &l, &c);
        if (run_key(k))
            continue;
        const cli_opt *o = find_opt(cmd, k);
        bool top = is_top(rf, l, c);
        if (!o || !strcmp(k, "output") || !strcmp(k, "json")) {
            if (top)
                continue;
            fprintf(stderr, "omvei: error: %s:%d:%d: step '%s' takes no option '%s'\n", file, l, c, name, k);
            ec = CLI_USAGE;
            goto cleanup;
        }
        size_t len = strlen(k) + 3;
        char *opt = malloc(len);
        if (!opt) {
            ec = CLI_RUNTIME;
            goto cleanup;
        }
        snprintf(opt, len, "--%s", k);
        allocs[nalloc++] = opt;
        argv[argc++] = opt;
        if (o->arg)
            argv[argc++] = (char *)v;
        else if (strcmp(v, "true") != 0) {
            fprintf(stderr, "omvei: error: %s:%d:%d: '%s' is a flag: true or false\n", file, l, c, k);
            ec = CLI_USAGE;
            goto cleanup;
        }
        keys[nk] = k;
        vals[nk++] = v;
        /* The manifest's parameters; a policy repeated (compare) keeps its first value there. */
        if (omv_scenario_is_key(k) && !omv_scenario_given(sc, k) && omv_scenario_set(sc, ctx, k, v)) {
            ec = cli_fail(ctx, OMV_EARG, common);
            goto cleanup;
        }
        const char *f = named_file(k, v, fbuf[nf], sizeof(fbuf[nf]));
        if (f)
            files[nf++] = f;
    }
    dir = sub ? join_dir(out, sub) : strdup(out);
    if (!dir) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    argv[argc++] = "-o";
    argv[argc++] = dir;
    if (common->quiet)
        argv[argc++] = "--quiet";
    printf("\n== step %zu: %s%s%s\n\n", s + 1, name, sub ? " -> " : "", sub ? sub : "");
    fflush(stdout);
    if ((ec = cmd->run(argc, argv)))
        goto cleanup;
    fflush(stdout);
    int rc = omv_manifest_add_step(ctx, out, s + 1, name, sub, sc, keys, vals, nk, files, nf);
    if (rc)
        ec = cli_fail(ctx, rc, common);
cleanup:
    for (size_t i = 0; i < nalloc; i++)
        free(allocs[i]);
    free(allocs);
    free(argv);
    free(keys);
    free(vals);
    free(files);
    free(fbuf);
    free(dir);
    omv_scenario_free(sc);
    return ec;
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o = {0};
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_runfile *rf = NULL;
    int ec = cli_parse(&CLI_CMD_RUN, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos != 1) {
        ec = cli_usage_error(&CLI_CMD_RUN, "expected one scenario file");
        goto cleanup;
    }
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    int rc = omv_runfile_load(&rf, ctx, pos[0]);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    const char *out = o.out;
    for (size_t i = 0; !out && i < omv_runfile_option_count(rf, OMV_RUNFILE_TOP); i++) {
        const char *k, *v;
        int l, c;
        omv_runfile_option_get(rf, OMV_RUNFILE_TOP, i, &k, &v, &l, &c);
        if (!strcmp(k, "output"))
            out = v;
    }
    if (!out) {
        ec = cli_usage_error(&CLI_CMD_RUN, "no report folder: give -o DIR or 'output: DIR' in the file");
        goto cleanup;
    }
    if ((rc = omv_report_mkdir(ctx, out))) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    for (size_t s = 0; s < omv_runfile_step_count(rf) && !ec; s++)
        ec = run_step(rf, s, pos[0], out, ctx, &common);
cleanup:
    omv_runfile_free(rf);
    omv_ctx_free(ctx);
    free(pos);
    return ec;
}

const cli_cmd CLI_CMD_RUN = {
    .name = "run",
    .usage = "SCENARIO.yaml [-o DIR]",
    .summary = "run a scenario file: its steps (check, spof, plan, compare, reroute) into one report folder",
    .details = "The file names the topology, the scenario (core, region, border, against, power-outage), and a\n"
               "list of steps, each a command with its options; keys are the long options without dashes, a\n"
               "list repeats an option, true/false give a flag. A step's 'output' is a subfolder of the report\n"
               "folder. Each step runs the command's own code; the manifest records every step's parameters\n"
               "and the SHA-256 of the files it read.",
    .opts = OPTS,
    .run = run,
};
