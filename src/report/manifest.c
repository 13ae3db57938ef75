/*
 * manifest.c — the report folder and its audit trail: manifest.json records, for every command that
 * wrote into the folder, what it read (SHA-256 of each input), with which versions and parameters,
 * and what it wrote. A reviewer can rerun any result from it. Single files written here go through
 * the report-folder transaction (txn.h) like every report.
 */
#include "core/core.h"
#include "core/sha256.h"
#include "report/txn.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int omv_report_mkdir(omv_ctx *ctx, const char *dir) { return omv__mkdir_p(ctx, dir); }

int omv_report_write(omv_ctx *ctx, const char *dir, const char *name, const char *text)
{
    omv__report_txn *t = NULL;
    int rc = omv__report_txn_begin(&t, ctx, dir);
    if (!rc && !(rc = omv__report_txn_put(t, ctx, name, text, strlen(text))))
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    return rc;
}

int omv_manifest_add_run(omv_ctx *ctx, const char *dir, const omv_net *net, const char *command,
                         const char *const *args, size_t nargs, const char *const *outputs, size_t noutputs)
{
    char *path = omv__path_join(dir, "manifest.json");
    if (!path)
        return OMV_NOMEM(ctx, "path");
    json_t *root = NULL;
    if (omv__file_exists(path)) {
        json_error_t jerr;
        root = json_load_file(path, 0, &jerr);
        if (root && (!json_is_object(root) || !json_is_array(json_object_get(root, "runs")))) {
            json_decref(root);
            root = NULL;
        }
    }
    if (!root) {
        root = json_object();
        json_object_set_new(root, "schema", json_string("omvei/manifest/1"));
        json_object_set_new(root, "runs", json_array());
    }
    json_t *versions = json_object();
    json_object_set_new(versions, "omvei", json_string(omv_version()));
    json_object_set_new(versions, "igraph", json_string(omv_version_igraph()));
    json_object_set_new(versions, "glpk", json_string(omv_version_glpk()));
    json_object_set_new(versions, "proj", json_string(omv_version_proj()));
    json_object_set(root, "versions", versions);
    json_decref(versions);

    json_t *run = json_object();
    json_object_set_new(run, "command", json_string(command));
    json_t *ja = json_array();
    for (size_t i = 0; i < nargs; i++)
        json_array_append_new(ja, json_string(args[i]));
    json_object_set_new(run, "args", ja);
    json_t *inputs = json_array();
    int rc = 0;
    for (size_t i = 0; net && i < omv_net_file_count(net); i++) {
        char hex[65];
        uint64_t bytes = 0;
        if ((rc = omv__sha256_file(ctx, omv_net_file(net, i), hex, &bytes)))
            break;
        json_t *in = json_object();
        json_object_set_new(in, "path", json_string(omv_net_file(net, i)));
        json_object_set_new(in, "sha256", json_string(hex));
        json_object_set_new(in, "bytes", json_integer((json_int_t)bytes));
        json_array_append_new(inputs, in);
    }
    json_object_set_new(run, "inputs", inputs);
    json_t *params = json_object();
    json_object_set_new(params, "threads", json_integer(omv__threads(ctx)));
    json_object_set_new(params, "seed", json_integer((json_int_t)omv_ctx_seed(ctx)));
    json_object_set_new(run, "parameters", params);
    json_object_set_new(run, "versions", json_deep_copy(json_object_get(root, "versions")));
    json_t *outs = json_array();
    for (size_t i = 0; i < noutputs; i++)
        json_array_append_new(outs, json_string(outputs[i]));
    json_object_set_new(run, "outputs", outs);
    char when[32];
    time_t now = time(NULL);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tmv);
    json_object_set_new(run, "finished_utc", json_string(when));

    json_t *runs = json_object_get(root, "runs");
    size_t idx;
    json_t *r;
    json_array_foreach(runs, idx, r)
    {
        if (json_equal(json_object_get(r, "command"), json_object_get(run, "command"))) {
            json_array_remove(runs, idx);
            break;
        }
    }
    json_array_append_new(runs, run);
    char *text = rc ? NULL : json_dumps(root, JSON_INDENT(2));
    if (!rc && !text)
        rc = OMV_NOMEM(ctx, "manifest");
    if (!rc) {
        size_t n = strlen(text);
        char *t2 = realloc(text, n + 2);
        if (t2) {
            text = t2;
            text[n] = '\n';
            text[n + 1] = '\0';
        }
        omv__report_txn *t = NULL;
        rc = omv__report_txn_begin(&t, ctx, dir);
        if (!rc && !(rc = omv__report_txn_put(t, ctx, "manifest.json", text, strlen(text))))
            rc = omv__report_txn_commit(t, ctx);
        omv__report_txn_free(t);
    }
    free(text);
    json_decref(root);
    free(path);
    /* Every command ends here: report.html follows whatever the folder now holds. */
    if (!rc)
        rc = omv_report_html(ctx, dir);
    return rc;
}

int omv_manifest_add_timing(omv_ctx *ctx, const char *dir, const char *command, const char *key, double seconds)
{
    char *path = omv__path_join(dir, "manifest.json");
    if (!path)
        return OMV_NOMEM(ctx, "path");
    json_error_t jerr;
    json_t *root = omv__file_exists(path) ? json_load_file(path, 0, &jerr) : NULL, *run = NULL, *r;
    size_t idx;
    json_array_foreach(json_object_get(root, "runs"), idx, r)
    {
        const char *cmd = json_string_value(json_object_get(r, "command"));
        if (cmd && !strcmp(cmd, command))
            run = r;
    }
    int rc = 0;
    char *text = NULL;
    if (!run) {
        rc = OMV_ERR(ctx, OMV_EARG, "%s: no run of '%s' to record a timing for", path, command);
        goto cleanup;
    }
    json_t *timings = json_object_get(run, "timings");
    if (!json_is_object(timings)) {
        timings = json_object();
        json_object_set_new(run, "timings", timings);
    }
    /* Whole milliseconds: finer digits are noise, and an integer prints the same in every manifest rewrite. */
    json_object_set_new(timings, key, json_integer(isfinite(seconds) && seconds > 0 ? (json_int_t)llround(seconds * 1000.0) : 0));
    if (!(text = json_dumps(root, JSON_INDENT(2)))) {
        rc = OMV_NOMEM(ctx, "manifest");
        goto cleanup;
    }
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, text);
    omv__buf_puts(&b, "\n");
    char *t = omv__buf_take(&b);
    rc = t ? omv__write_file_atomic(ctx, path, t, strlen(t)) : OMV_NOMEM(ctx, "manifest");
    free(t);
cleanup:
    free(text);
    json_decref(root);
    free(path);
    return rc;
}

int omv_manifest_add_step(omv_ctx *ctx, const char *dir, size_t index, const char *command, const char *folder,
                          const omv_scenario *sc, const char *const *keys, const char *const *values, size_t nopts,
                          const char *const *files, size_t nfiles)
{
    char *path = omv__path_join(dir, "manifest.json");
    if (!path)
        return OMV_NOMEM(ctx, "path");
    json_t *root = NULL;
    if (omv__file_exists(path)) {
        json_error_t jerr;
        root = json_load_file(path, 0, &jerr);
        if (root && !json_is_object(root)) {
            json_decref(root);
            root = NULL;
        }
    }
    if (!root) {
        root = json_object();
        json_object_set_new(root, "schema", json_string("omvei/manifest/1"));
        json_object_set_new(root, "runs", json_array());
    }
    json_t *steps = json_object_get(root, "steps");
    if (!json_is_array(steps)) {
        steps = json_array();
        json_object_set_new(root, "steps", steps);
    }
    json_t *st = json_object();
    json_object_set_new(st, "index", json_integer((json_int_t)index));
    json_object_set_new(st, "command", json_string(command));
    json_object_set_new(st, "folder", json_string(folder ? folder : "."));
    json_t *params = json_object();
    for (size_t i = 0; sc && i < omv_scenario_param_count(sc); i++)
        json_object_set_new(params, omv_scenario_param_key(sc, i), json_string(omv_scenario_param_value(sc, i)));
    json_object_set_new(st, "scenario", params);
    json_t *opts = json_array();
    for (size_t i = 0; i < nopts; i++) {
        json_t *kv = json_array();
        json_array_append_new(kv, json_string(keys[i]));
        json_array_append_new(kv, json_string(values[i]));
        json_array_append_new(opts, kv);
    }
    json_object_set_new(st, "options", opts);
    json_t *inputs = json_array();
    int rc = 0;
    for (size_t i = 0; i < nfiles && !rc; i++) {
        char hex[65];
        uint64_t bytes = 0;
        if ((rc = omv__sha256_file(ctx, files[i], hex, &bytes)))
            break;
        json_t *in = json_object();
        json_object_set_new(in, "path", json_string(files[i]));
        json_object_set_new(in, "sha256", json_string(hex));
        json_object_set_new(in, "bytes", json_integer((json_int_t)bytes));
        json_array_append_new(inputs, in);
    }
    json_object_set_new(st, "inputs", inputs);
    size_t idx;
    json_t *r;
    json_array_foreach(steps, idx, r)
    {
        if (json_equal(json_object_get(r, "index"), json_object_get(st, "index"))) {
            json_array_remove(steps, idx);
            break;
        }
    }
    json_array_append_new(steps, st);
    char *text = rc ? NULL : json_dumps(root, JSON_INDENT(2));
    if (!rc && !text)
        rc = OMV_NOMEM(ctx, "manifest");
    if (!rc) {
        omv__buf b;
        omv__buf_init(&b);
        omv__buf_puts(&b, text);
        omv__buf_puts(&b, "\n");
        char *t = omv__buf_take(&b);
        rc = t ? omv__write_file_atomic(ctx, path, t, strlen(t)) : OMV_NOMEM(ctx, "manifest");
        free(t);
    }
    free(text);
    json_decref(root);
    free(path);
    return rc;
}
