/*
 * cmd_spof.c — omvei spof: the single points of failure that cut sites off from the core, lambda
 * per site, and regional power outages; printed in plain words or as spof.json, and written with
 * the CSV tables and map.geojson into a report folder.
 */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_JSON = 'j', OPT_OUT = 'o', OPT_CAND = 'c', OPT_EXACT = 256, OPT_TOP, OPT_AFTERMATH };

static const cli_opt OPTS[] = {
    {CLI_SC_CORE, "core", "IDS", "core nodes, ids separated by commas, or none (default: kind core or ixp)"},
    {CLI_SC_REGION, "region", "SPEC", "count the sites of this region only (default: every site)"},
    {CLI_SC_FAILURES, "failures", "LIST", "classes from links,nodes,srlg,pairs,power:REGION:H[,H...] (default: "
                                          "links,nodes,srlg,pairs)"},
    {CLI_SC_POWER, "power-outage", "REGION:H", "outages of H[,H...] hours in REGION, e.g. country:NO:4,24,72"},
    {OPT_EXACT, "exact-lambda", NULL, "exact lambda by max-flow instead of capping it at 3+"},
    {OPT_AFTERMATH, "aftermath", NULL, "also list the shared-risk groups whose loss leaves sites with one path to "
                                       "the core, and the link that would then cut them off (text summary)"},
    {CLI_SC_BORDER, "border", "POLICY", "allow (default), deny or transit:CC,...: with deny, sites reach the core "
                                        "over their own country's links only; transit also opens links within or "
                                        "into the listed countries"},
    {OPT_TOP, "top", "N", "items in the plain-words summary (default 10; 0: all)"},
    {OPT_CAND, "candidates", "FILE", "candidates (reserve-power upgrades) from FILE; REPLACES a topology folder's "
                                     "candidates.csv"},
    {OPT_JSON, "json", NULL, "print spof.json (schema omvei/spof/1) instead of the summary"},
    {OPT_OUT, "output", "DIR", "write spof.json, CSV tables, map.geojson, manifest.json into DIR"},
    CLI_OPT_JOIN_ROW,
    CLI_OPT_DERIVE_ROW,
    {0, NULL, NULL, NULL},
};

typedef struct {
    bool json;
    const char *out;
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
    bool exact;
    bool aftermath;
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
    case OPT_CAND:
        return cli_opt_candidates(&CLI_CMD_SPOF, arg, o->cands, &o->ncands);
    case OPT_EXACT:
        o->exact = true;
        return CLI_OK;
    case OPT_AFTERMATH:
        o->aftermath = true;
        return CLI_OK;
    case OPT_TOP:
        return cli_opt_top(&CLI_CMD_SPOF, arg, &o->top);
    default:
        return CLI_USAGE;
    }
}

static int run(int argc, char **argv)
{
    static const char *const DEFAULTS[] = {"failures", "links,nodes,srlg,pairs", NULL};
    cli_common common;
    opts_t o = {0};
    o.top = 10;
    char **pos = NULL;
    int npos = 0;
    bool done;
    omv_ctx *ctx = NULL;
    omv_net *net = NULL, *view = NULL;
    omv_scenario *sc = NULL;
    omv_spof *spof = NULL;
    char *text = NULL;
    const omv_net *an = NULL;
    int ec = cli_parse(&CLI_CMD_SPOF, argc, argv, &common, on_opt, &o, &pos, &npos, &done);
    if (ec || done)
        goto cleanup;
    if (npos == 0) {
        ec = cli_usage_error(&CLI_CMD_SPOF, "no topology given");
        goto cleanup;
    }
    if (!(ctx = cli_ctx(&common))) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    /* The scenario first: a mistyped region is reported before a long load. */
    if ((ec = cli_scenario(&CLI_CMD_SPOF, ctx, &common, DEFAULTS, &sc)))
        goto cleanup;
    common.no_lengths = true; /* the inventory counts sites and people, never kilometres */
    if ((ec = cli_load(&net, ctx, &common, pos, npos, o.cands, o.ncands, NULL)))
        goto cleanup;
    cli_print_warnings(ctx, &common);
    omv_ctx_clear_warnings(ctx);
    if ((ec = cli_scenario_bind(&CLI_CMD_SPOF, ctx, &common, sc, net)))
        goto cleanup;
    /* The analysis and its reports see the border view; the manifest hashes the real inputs. The
     * border line is printed before the summary. */
    size_t closed[2];
    if ((ec = cli_border_view(ctx, &common, sc, net, &view, &an, closed)))
        goto cleanup;

    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    omv_scenario_spof_options(sc, &opt);
    opt.exact_lambda = o.exact;
    int rc = omv_spof_run(&spof, ctx, an, &opt);
    cli_progress_end();
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
            rc = omv_aftermath_text(&more, ctx, am, nam, an, omv_scenario_region(sc), o.top);
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
        rc = to_dir && cli_print_file(o.out, "spof.json") ? 0 : omv_spof_json_write(ctx, stdout, spof, an);
    if (rc) {
        ec = cli_fail(ctx, rc, &common);
        goto cleanup;
    }
    if (!o.json) {
        cli_border_line(sc, closed, false);
        fputs(text, stdout);
    }
    ec = CLI_OK;
cleanup:
    free(text);
    omv_spof_free(spof);
    omv_net_free(view);
    omv_net_free(net);
    omv_scenario_free(sc);
    omv_ctx_free(ctx);
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
