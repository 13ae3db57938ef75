/*
 * cmd_check.c — omvei check: load, validate and summarise a topology.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_JSON = 'j', OPT_OUT = 'o', OPT_CAND = 'c' };

static const cli_opt OPTS[] = {
    {OPT_CAND, "candidates", "FILE", "also load candidate investments from FILE (candidates.csv format)"},
    {OPT_JSON, "json", NULL, "print the summary as JSON (schema omvei/check/1)"},
    {OPT_OUT, "output", "DIR", "also write check.json and manifest.json into the report folder DIR"},
    CLI_OPT_JOIN_ROW,
    CLI_OPT_DERIVE_ROW,
    {0, NULL, NULL, NULL},
};

typedef struct {
    bool json;
    const char *out;
    const char *cands[CLI_MAX_CANDIDATES];
    size_t ncands;
} opts_t;

/* The derived groups as lines of text, or as the JSON member "derived_srlgs" of the summary. */
static void print_derived(const omv_srlg_derived *d, const omv_net *net, const cli_common *o)
{
    size_t n = omv_srlg_derived_count(d);
    printf("\nDerived shared-risk groups (routes within %g m for more than %g km; %zu routed link%s): %zu\n", o->derive_m,
           o->derive_km, omv_srlg_derived_routed(d), omv_srlg_derived_routed(d) == 1 ? "" : "s", n);
    for (size_t g = 0; g < n; g++) {
        printf("  %s", omv_srlg_derived_name(d, g));
        double km = omv_srlg_derived_overlap_km(d, g);
        if (!isnan(km))
            printf("  (overlap %.1f km)", km);
        printf(":");
        for (size_t k = 0; k < omv_srlg_derived_link_count(d, g); k++)
            printf("%s%s", k ? ", " : " ", omv_net_link_id(net, omv_srlg_derived_link(d, g, k)));
        printf("\n");
    }
}

static char *json_with_derived(const char *json, const omv_srlg_derived *d, const omv_net *net,
                               const cli_common *o)
{
    json_error_t err;
    json_t *root = json_loads(json, 0, &err);
    if (!root)
        return NULL;
    json_t *dj = json_object(), *groups = json_array();
    json_object_set_new(dj, "d_m", json_real(o->derive_m));
    json_object_set_new(dj, "l_km", json_real(o->derive_km));
    json_object_set_new(dj, "routed_links", json_integer((json_int_t)omv_srlg_derived_routed(d)));
    for (size_t g = 0; g < omv_srlg_derived_count(d); g++) {
        json_t *gj = json_object(), *links = json_array();
        json_object_set_new(gj, "name", json_string(omv_srlg_derived_name(d, g)));
        json_object_set_new(gj, "reason", json_string(omv_srlg_derived_reason(d, g)));
        double km = omv_srlg_derived_overlap_km(d, g);
        json_object_set_new(gj, "overlap_km", isnan(km) ? json_null() : json_real(round(km * 1000.0) / 1000.0));
        for (size_t k = 0; k < omv_srlg_derived_link_count(d, g); k++)
            json_array_append_new(links, json_string(omv_net_link_id(net, omv_srlg_derived_link(d, g, k))));
        json_object_set_new(gj, "links", links);
        json_array_append_new(groups, gj);
    }
    json_object_set_new(dj, "groups", groups);
    json_object_set_new(root, "derived_srlgs", dj);
    char *out = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(root);
    return out;
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
    omv_srlg_derived *derived = NULL;
    char *text = NULL, *json = NULL;
    if (!ctx) {
        ec = CLI_RUNTIME;
        goto cleanup;
    }
    /* Derived groups join the network (cli_load) before the summary counts its groups. */
    if ((ec = cli_load(&net, ctx, &common, pos, npos, o.cands, o.ncands, &derived)))
        goto cleanup;
    int rc = omv_check_run(&chk, ctx, net);
    if (!rc)
        rc = omv_check_json(&json, ctx, chk);
    if (!rc && derived) {
        char *jd = json_with_derived(json, derived, net, &common);
        if (!jd) {
            fprintf(stderr, "omvei: out of memory\n");
            ec = CLI_RUNTIME;
            goto cleanup;
        }
        free(json);
        json = jd;
    }
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
    else {
        fputs(text, stdout);
        if (derived)
            print_derived(derived, net, &common);
    }
    ec = CLI_OK;
cleanup:
    omv_srlg_derived_free(derived);
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
               "file:line:col: message and exit with code 3.\n"
               "A TOPOLOGY written NAME=PATH reads its ids as NAME:id, so that files numbering their nodes\n"
               "alike load together; --join FILE then ties nodes of different files that are one place.\n"
               "--derive-srlg D,L lists the shared-risk groups derived from route geometry and shared\n"
               "infrastructure and adds them to the groups counted.",
    .opts = OPTS,
    .run = run,
};
