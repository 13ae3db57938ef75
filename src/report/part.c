/*
 * part.c — part.json, the results of one shard (omvei/shard.h): written atomically through the
 * report-folder transaction, read back and checked by omvei merge.
 *
 *   {"schema": "omvei/part/1", "command": ..., "key": ..., "shard": {"k", "n"},
 *    "scenarios": {"count", "first", "end"}, "args": [...], "data": {...}}
 *
 * Numbers in data are written with 17 significant digits, so that a merge reads back the very
 * doubles the shard computed.
 */
#include "core/core.h"
#include "report/txn.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PART_SCHEMA "omvei/part/1"
#define PART_FILE "part.json"

struct omv_part {
    char *dir, *path;
    json_t *root;
    char *data;
    const char **args;
    omv_part_head head;
    size_t first, end;
};

int omv_part_write(omv_ctx *ctx, const char *dir, const omv_part_head *h, const char *data)
{
    json_error_t jerr;
    json_t *d = json_loads(data ? data : "{}", JSON_DECODE_ANY, &jerr);
    if (!d || !json_is_object(d)) {
        json_decref(d);
        return OMV_ERR(ctx, OMV_EINTERNAL, "part data is not a JSON object");
    }
    size_t first, end;
    omv_shard_block(&h->shard, h->count, &first, &end);
    json_t *root = json_object(), *args = json_array();
    json_object_set_new(root, "schema", json_string(PART_SCHEMA));
    json_object_set_new(root, "command", json_string(h->command));
    json_object_set_new(root, "key", json_string(h->key));
    json_object_set_new(root, "shard", json_pack("{s:I,s:I}", "k", (json_int_t)h->shard.k, "n", (json_int_t)h->shard.n));
    json_object_set_new(root, "scenarios", json_pack("{s:I,s:I,s:I}", "count", (json_int_t)h->count, "first",
                                                     (json_int_t)first, "end", (json_int_t)end));
    for (size_t i = 0; i < h->nargs; i++)
        json_array_append_new(args, json_string(h->args[i]));
    json_object_set_new(root, "args", args);
    json_object_set_new(root, "data", d);
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (!text)
        return OMV_NOMEM(ctx, "part.json");
    omv__report_txn *t = NULL;
    int rc = omv__report_txn_begin(&t, ctx, dir);
    if (!rc && !(rc = omv__report_txn_put(t, ctx, PART_FILE, text, strlen(text))))
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    free(text);
    return rc;
}

void omv_part_free(omv_part *p)
{
    if (!p)
        return;
    free(p->dir);
    free(p->path);
    free(p->data);
    free(p->args);
    json_decref(p->root);
    free(p);
}

static bool get_size(json_t *o, const char *key, size_t *v)
{
    json_t *x = json_object_get(o, key);
    if (!json_is_integer(x) || json_integer_value(x) < 0)
        return false;
    *v = (size_t)json_integer_value(x);
    return true;
}

int omv_part_read(omv_part **out, omv_ctx *ctx, const char *dir)
{
    *out = NULL;
    omv_part *p = calloc(1, sizeof(*p));
    if (!p || !(p->dir = strdup(dir)) || !(p->path = omv__path_join(dir, PART_FILE))) {
        omv_part_free(p);
        return OMV_NOMEM(ctx, "part");
    }
    if (!omv__file_exists(p->path)) {
        int rc = OMV_ERR(ctx, OMV_EDATA, "%s: no part.json: not the report folder of a shard (--shard K/N)", dir);
        omv_part_free(p);
        return rc;
    }
    char *text = NULL;
    size_t len = 0;
    int rc = omv__read_file(ctx, p->path, &text, &len);
    if (rc) {
        omv_part_free(p);
        return rc;
    }
    json_error_t jerr;
    p->root = json_loadb(text, len, 0, &jerr);
    free(text);
    if (!p->root) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: not valid JSON: %s", p->path, jerr.line, jerr.column, jerr.text);
        omv_part_free(p);
        return rc;
    }
    json_t *r = p->root, *sh = json_object_get(r, "shard"), *sn = json_object_get(r, "scenarios");
    json_t *args = json_object_get(r, "args"), *data = json_object_get(r, "data");
    size_t k = 0, n = 0;
    const char *what = NULL;
    if (!json_is_object(r) || !json_is_string(json_object_get(r, "schema")) ||
        strcmp(json_string_value(json_object_get(r, "schema")), PART_SCHEMA))
        what = "schema is not " PART_SCHEMA;
    else if (!json_is_string(json_object_get(r, "command")) || !json_is_string(json_object_get(r, "key")) ||
             strlen(json_string_value(json_object_get(r, "key"))) != 64)
        what = "command or key missing";
    else if (!get_size(sh, "k", &k) || !get_size(sh, "n", &n) || k < 1 || k > n)
        what = "shard is not k of n";
    else if (!get_size(sn, "count", &p->head.count) || !get_size(sn, "first", &p->first) ||
             !get_size(sn, "end", &p->end))
        what = "scenarios count, first or end missing";
    else if (!json_is_array(args) || !json_is_object(data))
        what = "args or data missing";
    if (!what) {
        p->head.command = json_string_value(json_object_get(r, "command"));
        p->head.key = json_string_value(json_object_get(r, "key"));
        p->head.shard.k = (unsigned)k;
        p->head.shard.n = (unsigned)n;
        size_t f, e;
        omv_shard_block(&p->head.shard, p->head.count, &f, &e);
        if (f != p->first || e != p->end)
            what = "its scenarios are not the block of its shard";
    }
    if (!what) {
        p->head.nargs = json_array_size(args);
        p->args = calloc(p->head.nargs + 1, sizeof(*p->args));
        if (!p->args) {
            omv_part_free(p);
            return OMV_NOMEM(ctx, "part");
        }
        for (size_t i = 0; i < p->head.nargs && !what; i++)
            if (!(p->args[i] = json_string_value(json_array_get(args, i))))
                what = "an argument is not a string";
        p->head.args = p->args;
    }
    if (what) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s: not a part of omvei: %s", p->path, what);
        omv_part_free(p);
        return rc;
    }
    if (!(p->data = json_dumps(data, JSON_COMPACT | JSON_REAL_PRECISION(17)))) {
        omv_part_free(p);
        return OMV_NOMEM(ctx, "part");
    }
    *out = p;
    return 0;
}

const omv_part_head *omv_part_get_head(const omv_part *p) { return &p->head; }

void omv_part_block(const omv_part *p, size_t *first, size_t *end)
{
    *first = p->first;
    *end = p->end;
}

const char *omv_part_dir(const omv_part *p) { return p->dir; }

const char *omv_part_data(const omv_part *p) { return p->data; }

static bool same_args(const omv_part_head *a, const omv_part_head *b)
{
    if (a->nargs != b->nargs)
        return false;
    for (size_t i = 0; i < a->nargs; i++)
        if (strcmp(a->args[i], b->args[i]))
            return false;
    return true;
}

int omv_parts_check(omv_ctx *ctx, omv_part *const *parts, size_t n, char **missing)
{
    *missing = NULL;
    if (n == 0)
        return OMV_ERR(ctx, OMV_EARG, "merge: no parts given");
    const omv_part_head *h0 = &parts[0]->head;
    for (size_t i = 1; i < n; i++) {
        const omv_part_head *h = &parts[i]->head;
        if (strcmp(h->command, h0->command))
            return OMV_ERR(ctx, OMV_EDATA, "%s is a part of '%s', %s of '%s': parts of different runs",
                           parts[i]->dir, h->command, parts[0]->dir, h0->command);
        if (strcmp(h->key, h0->key) || !same_args(h, h0))
            return OMV_ERR(ctx, OMV_EDATA,
                           "%s and %s come from different inputs or options (keys %.12s and %.12s): parts of "
                           "different runs",
                           parts[0]->dir, parts[i]->dir, h0->key, h->key);
        if (h->shard.n != h0->shard.n || h->count != h0->count)
            return OMV_ERR(ctx, OMV_EDATA, "%s is shard %u of %u, %s of %u: parts of different splits",
                           parts[i]->dir, h->shard.k, h->shard.n, parts[0]->dir, h0->shard.n);
    }
    unsigned N = h0->shard.n;
    size_t *seen = calloc((size_t)N + 1, sizeof(*seen));
    if (!seen)
        return OMV_NOMEM(ctx, "merge");
    for (size_t i = 0; i < n; i++) {
        unsigned k = parts[i]->head.shard.k;
        if (seen[k]) {
            int rc = OMV_ERR(ctx, OMV_EDATA, "shard %u of %u is given twice: %s and %s", k, N,
                             parts[seen[k] - 1]->dir, parts[i]->dir);
            free(seen);
            return rc;
        }
        seen[k] = i + 1;
    }
    /* Missing shards, as a list for sbatch --array and as scenario numbers. */
    size_t nmiss = 0;
    for (unsigned k = 1; k <= N; k++)
        nmiss += !seen[k];
    if (!nmiss) {
        free(seen);
        return 0;
    }
    size_t cap = nmiss * 24 + 1, len = 0, scap = nmiss * 48 + 1, slen = 0;
    char *list = malloc(cap), *scen = malloc(scap);
    if (!list || !scen) {
        free(list);
        free(scen);
        free(seen);
        return OMV_NOMEM(ctx, "merge");
    }
    list[0] = scen[0] = '\0';
    for (unsigned k = 1; k <= N; k++) {
        if (seen[k])
            continue;
        omv_shard s = {k, N};
        size_t f, e;
        omv_shard_block(&s, h0->count, &f, &e);
        len += (size_t)snprintf(list + len, cap - len, "%s%u", len ? "," : "", k);
        if (e > f)
            slen += (size_t)snprintf(scen + slen, scap - slen, "%s%zu-%zu", slen ? ", " : "", f, e - 1);
    }
    int rc = OMV_ERR(ctx, OMV_EDATA, "%zu of %u shards missing: %s (scenarios %s of 0-%zu); rerun them with "
                                    "sbatch --array=%s",
                     nmiss, N, list, slen ? scen : "none", h0->count ? h0->count - 1 : 0, list);
    free(scen);
    free(seen);
    *missing = list;
    return rc;
}
