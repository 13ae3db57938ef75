/*
 * cmd_spof.c — omvei spof: the single points of failure that cut sites off from the core, lambda
 * per site, and regional power outages; printed in plain words or as spof.json, and written with
 * the CSV tables and map.geojson into a report folder.
 */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPT_JSON = 'j',
    OPT_OUT = 'o',
    OPT_CAND = 'c',
    OPT_CORE = 256,
    OPT_REGION,
    OPT_FAILURES,
    OPT_POWER,
    OPT_EXACT,
    OPT_TOP,
    OPT_BORDER,
    OPT_AFTERMATH
};

static const cli_opt OPTS[] = {
    {OPT_CORE, "core", "IDS", "core nodes, ids separated by commas (default: kind core or ixp)"},
    {OPT_REGION, "region", "SPEC", "count the sites of this region only (default: every site)"},
    {OPT_FAILURES, "failures", "LIST", "classes from links,nodes,srlg,pairs,power (default: all but power)"},
    {OPT_POWER, "power-outage", "REGION:H", "outages of H[,H...] hours in REGION, e.g. country:NO:4,24,72"},
    {OPT_EXACT, "exact-lambda", NULL, "exact lambda by max-flow instead of capping it at 3+"},
    {OPT_AFTERMATH, "aftermath", NULL, "also list the shared-risk groups whose loss leaves sites with one path to "
                                       "the core, and the link that would then cut them off (text summary)"},
    {OPT_BORDER, "border", "POLICY", "allow (default) or deny: with deny, sites reach the core over their own "
                                    "country's links only (no transit abroad)"},
    {OPT_TOP, "top", "N", "items in the plain-words summary (default 10; 0: all)"},
    {OPT_CAND, "candidates", "FILE", "also load candidates from FILE (reserve-power upgrades)"},
    {OPT_JSON, "json", NULL, "print spof.json (schema omvei/spof/1) instead of the summary"},
    {OPT_OUT, "output", "DIR", "write spof.json, CSV tables, map.geojson, manifest.json into DIR"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    bool json;
    const char *out;
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
    char *core_buf;      /* --core, split in place */
    const char **core;   /* pointers into core_buf */
    size_t ncore;
    const char *region;
    unsigned failures;
    bool failures_set;
    char *outage_region; /* --power-outage before the last ':' */
    double *hours;
    size_t nhours;
    bool exact;
    bool deny;
    bool aftermath;
    size_t top;
} opts_t;

static void opts_free(opts_t *o)
{
    free(o->core_buf);
    free(o->core);
    free(o->outage_region);
    free(o->hours);
}

static int parse_core(opts_t *o, const char *arg)
{
    if (o->core_buf)
        return cli_usage_error(&CLI_CMD_SPOF, "--core given twice; list every core node in one --core");
    size_t n = 1;
    for (const char *p = arg; *p; p++)
        n += *p == ',';
    o->core_buf = strdup(arg);
    o->core = calloc(n, sizeof(*o->core));
    if (!o->core_buf || !o->core) {
        fprintf(stderr, "omvei: out of memory\n");
        return CLI_RUNTIME;
    }
    char *save = NULL;
    for (char *p = o->core_buf;; p = NULL) {
        char *tok = strtok_r(p, ",", &save);
        if (!tok)
            break;
        o->core[o->ncore++] = tok;
    }
    /* strtok_r skips empty fields; an empty id is a typo worth reporting. */
    if (o->ncore != n)
        return cli_usage_error(&CLI_CMD_SPOF, "--core '%s' holds an empty id", arg);
    return CLI_OK;
}

static int parse_failures(opts_t *o, const char *arg)
{
    static const struct {
        const char *name;
        unsigned cls;
    } CLASSES[] = {{"links", OMV_FAIL_LINKS}, {"nodes", OMV_FAIL_NODES}, {"srlg", OMV_FAIL_SRLG},
                   {"pairs", OMV_FAIL_PAIRS}, {"power", OMV_FAIL_POWER}};
    o->failures = 0;
    o->failures_set = true;
    const char *p = arg;
    for (;;) {
        size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < sizeof(CLASSES) / sizeof(CLASSES[0]) &&
               !(strlen(CLASSES[k].name) == len && strncmp(CLASSES[k].name, p, len) == 0))
            k++;
        if (k == sizeof(CLASSES) / sizeof(CLASSES[0]))
            return cli_usage_error(&CLI_CMD_SPOF, "--failures: unknown class '%.*s' (links, nodes, srlg, pairs, power)",
                                   (int)len, p);
        o->failures |= CLASSES[k].cls;
        if (!p[len])
            break;
        p += len + 1;
    }
    return CLI_OK;
}

/* REGION:H[,H...] — the region is everything before the last ':', so that region specs holding
 * colons (country:NO, bbox:..., polygon:FILE) need no quoting. */
static int parse_outage(opts_t *o, const char *arg)
{
    if (o->outage_region)
        return cli_usage_error(&CLI_CMD_SPOF, "--power-outage given twice; list every duration in one option");
    const char *colon = strrchr(arg, ':');
    if (!colon || colon == arg || !colon[1])
        return cli_usage_error(&CLI_CMD_SPOF, "--power-outage takes REGION:HOURS[,HOURS...], got '%s'", arg);
    size_t n = 1;
    for (const char *p = colon + 1; *p; p++)
        n += *p == ',';
    o->hours = calloc(n, sizeof(*o->hours));
    o->outage_region = strndup(arg, (size_t)(colon - arg));
    if (!o->hours || !o->outage_region) {
        fprintf(stderr, "omvei: out of memory\n");
        return CLI_RUNTIME;
    }
    const char *p = colon + 1;
    for (size_t k = 0; k < n; k++) {
        char *end;
        errno = 0;
        double h = strtod(p, &end);
        if (end == p || (*end && *end != ',') || errno || !isfinite(h) || h <= 0)
            return cli_usage_error(&CLI_CMD_SPOF,
                                   "--power-outage '%s': hours must be positive numbers separated by commas", arg);
        o->hours[o->nhours++] = h;
        p = end + 1;
    }
    return CLI_OK;
}

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
        return cli_opt_candidates(&CLI_CMD_SPOF, arg, o->cands, &o->ncands);
    case OPT_CORE:
        return parse_core(o, arg);
    case OPT_REGION:
        o->region = arg;
        return CLI_OK;
    case OPT_FAILURES:
        return parse_failures(o, arg);
    case OPT_POWER:
        return parse_outage(o, arg);
    case OPT_EXACT:
        o->exact = true;
        return CLI_OK;
    case OPT_AFTERMATH:
        o->aftermath = true;
        return CLI_OK;
    case OPT_BORDER:
        return cli_opt_border(&CLI_CMD_SPOF, arg, &o->deny);
    case OPT_TOP: {
        char *end;
        errno = 0;
        unsigned long long t = strtoull(arg, &end, 10);
        if (!arg[0] || *end || errno || arg[0] == '-')
            return cli_usage_error(&CLI_CMD_SPOF, "--top takes a whole number, got '%s'", arg);
        o->top = (size_t)t;
        return CLI_OK;
    }
    default:
        return CLI_USAGE;
    }
}

/* Every --core id must name a node: a typo would silently change what "cut off" means. */
static int check_core(const opts_t *o, const omv_net *net)
{
    for (size_t k = 0; k < o->ncore; k++)
        if (omv_net_node_find(net, o->core[k]) < 0)
            return cli_usage_error(&CLI_CMD_SPOF, "--core: no node has the id '%s'", o->core[k]);
    return CLI_OK;
}

/* Prints the spof.json just written into dir instead of rendering it again; false when it cannot be
 * read (then it is rendered). */
static bool copy_json(const char *dir)
{
    size_t len = strlen(dir);
    char *path = malloc(len + 16);
    if (!path)
        return false;
    snprintf(path, len + 16, "%s%sspof.json", dir, len && dir[len - 1] == '/' ? "" : "/");
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f)
        return false;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(f);
    return true;
}

static int run(int argc, char **argv)
{
    cli_common common;
    opts_t o = {0};
    o.failures = OMV_FAIL_LINKS | OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_PAIRS;
    o.top = 10;
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_net *net = NULL, *domestic = NULL;
    size_t dropped = 0;
    omv_region *region = NULL, *outage_region = NULL;
    omv_spof *spof = NULL;
    char *text = NULL;
    int ec = cli_parse(&CLI_CMD_SPOF, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_SPOF, "no topology given");
        goto cleanup;
    }
    if (o.outage_region)
        o.failures |= OMV_FAIL_POWER;
    else if (o.failures & OMV_FAIL_POWER) {
        ec = cli_usage_error(&CLI_CMD_SPOF, "the failure class 'power' needs --power-outage REGION:HOURS");
        goto cleanup;
    }
    if (!o.failures) {
        ec = cli_usage_error(&CLI_CMD_SPOF, "--failures names no failure class");
        goto cleanup;
    }
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    /* Regions first: a mistyped region is a usage error, reported before a long load. */
    int rc = 0;
    if (o.region)
        rc = omv_region_parse(&region, ctx, o.region);
    if (!rc && o.outage_region)
        rc = omv_region_parse(&outage_region, ctx, o.outage_region);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    if ((ec = cli_load(&net, ctx, &common, pos, npos, o.cands, o.ncands)))
        goto cleanup;
    cli_print_warnings(ctx, &common);
    omv_ctx_clear_warnings(ctx);
    if ((ec = check_core(&o, net)))
        goto cleanup;
    if (o.deny && (rc = omv_net_domestic(&domestic, ctx, net, &dropped))) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    /* The analysis and its reports see the domestic view; the manifest hashes the real inputs. */
    const omv_net *an = domestic ? domestic : net;

    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.core_ids = o.ncore ? o.core : NULL;
    opt.ncore = o.ncore;
    opt.region = region;
    opt.failures = o.failures;
    opt.outage_region = outage_region;
    opt.outage_hours = o.hours;
    opt.noutage = o.nhours;
    opt.exact_lambda = o.exact;
    rc = omv_spof_run(&spof, ctx, an, &opt);
    if (!rc) {
        cli_print_warnings(ctx, &common);
        if (omv_spof_interrupted(spof))
            fprintf(stderr, "omvei spof: interrupted: some failures were not evaluated; the results are incomplete\n");
    }
    /* The summary is small and rendered first. spof.json is streamed, to the folder and then to
     * standard output (a copy of the file just written, when there is one), so an error in the
     * analysis or in the folder prints nothing. */
    if (!rc && !o.json)
        rc = omv_spof_text(&text, ctx, spof, an, o.top);
    if (!rc && !o.json && o.aftermath) {
        omv_aftermath *am = NULL;
        size_t nam = 0;
        char *more = NULL;
        rc = omv_aftermath_run(&am, &nam, ctx, an, &opt);
        if (!rc)
            rc = omv_aftermath_text(&more, ctx, am, nam, an, region, o.top);
        if (!rc) {
            size_t a = strlen(text), b = strlen(more);
            char *both = realloc(text, a + b + 1);
            if (both) {
                memcpy(both + a, more, b + 1);
                text = both;
            } else {
                fprintf(stderr, "omvei: out of memory\n");
                ec = CLI_RUNTIME;
            }
        }
        free(more);
        free(am);
        if (ec)
            goto cleanup;
    }
    /* Interrupted: an earlier report in the folder is kept (cli.h). */
    bool to_dir = o.out && cli_report_allowed("spof", o.out, "spof.json");
    if (!rc && to_dir) {
        static const char *const outputs[] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};
        rc = omv_report_mkdir(ctx, o.out);
        if (!rc)
            rc = omv_spof_write(ctx, o.out, spof, an);
        if (!rc)
            rc = omv_manifest_add_run(ctx, o.out, net, "spof", (const char *const *)argv, (size_t)argc, outputs,
                                      sizeof(outputs) / sizeof(outputs[0]));
    }
    if (!rc && o.json)
        rc = to_dir && copy_json(o.out) ? 0 : omv_spof_json_write(ctx, stdout, spof, an);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    if (!o.json) {
        if (o.deny)
            printf("Border policy deny: %zu cross-border link%s left out; every site must reach the core over its "
                   "own country's links.\n",
                   dropped, dropped == 1 ? "" : "s");
        fputs(text, stdout);
    }
    ec = CLI_OK;
cleanup:
    free(text);
    omv_spof_free(spof);
    omv_region_free(region);
    omv_region_free(outage_region);
    omv_net_free(domestic);
    omv_net_free(net);
    omv_ctx_free(ctx);
    opts_free(&o);
    free(pos);
    return cli_finish("spof", ec);
}

const cli_cmd CLI_CMD_SPOF = {
    .name = "spof",
    .usage = "TOPOLOGY... [options]",
    .summary = "find the single points of failure that cut sites off from the core",
    .details = "Analyses single links (bridges), single nodes (articulation points), shared-risk groups, pairs\n"
               "of links and regional power outages, ranks them by the people they cut off in the region, and\n"
               "gives lambda (link-disjoint paths to the core) per site.\n"
               "Regions (--region, --power-outage): north-of-trondheim, islands, country:XX, lat>X, lat<X,\n"
               "bbox:MINLON,MINLAT,MAXLON,MAXLAT, polygon:FILE.geojson, all. In --power-outage the region is\n"
               "everything before the last ':' (bbox:10.5,65,18.5,69.4:4,24,72); a node in it fails when its\n"
               "reserve power (power_h) is shorter than the outage or unknown; --power-outage adds the class\n"
               "power to --failures.\n"
               "A bad region or an unknown --core id is a usage error (exit 2); errors in the input exit 3.",
    .opts = OPTS,
    .run = run,
};
