/*
 * spof_write.c — where the reports of the failure analysis go: the chunked output every renderer
 * writes to, spof.json streamed to an open file, and the report folder (spof.json, spof_items.csv,
 * spof_sites.csv, map.geojson).
 *
 * The folder is written all or nothing: each file is streamed to a temporary name beside its final
 * one, and only when all four are complete are they renamed into place. A failure while rendering or
 * writing removes every temporary file of the run and leaves the folder as it was; an interrupted
 * run never leaves a half-written report under its real name.
 */
#include "report/spof_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void omv__spof_out_init(omv__spof_out *o, FILE *f)
{
    memset(o, 0, sizeof(*o));
    omv__buf_init(&o->buf);
    o->f = f;
}

void omv__spof_out_free(omv__spof_out *o) { omv__buf_free(&o->buf); }

void omv__spof_out_flush(omv__spof_out *o, bool all)
{
    omv__buf *b = &o->buf;
    if (!o->f || b->failed || b->len == 0 || (!all && b->len < OMV__SPOF_OUT_CHUNK))
        return;
    if (!o->err && fwrite(b->s, 1, b->len, o->f) != b->len)
        o->err = errno ? errno : EIO;
    b->len = 0;
    b->s[0] = '\0';
}

int omv__spof_out_status(const omv__spof_out *o, omv_ctx *ctx, const char *what)
{
    if (o->buf.failed)
        return OMV_NOMEM(ctx, what);
    if (o->err)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", what, strerror(o->err));
    return 0;
}

int omv_spof_json_write(omv_ctx *ctx, FILE *to, const omv_spof *s, const omv_net *net)
{
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    omv__spof_out o;
    omv__spof_out_init(&o, to);
    errno = 0;
    if (!(rc = omv__spof_json_out(&o, ctx, &v))) {
        omv__buf_puts(&o.buf, "\n");
        omv__spof_out_flush(&o, true);
        if (!o.err && fflush(to) != 0)
            o.err = errno ? errno : EIO;
        rc = omv__spof_out_status(&o, ctx, "spof.json");
    }
    omv__spof_out_free(&o);
    omv__spof_view_free(&v);
    return rc;
}

enum { F_JSON, F_ITEMS, F_SITES, F_MAP, F_COUNT };

static const char *const NAMES[F_COUNT] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};

/* Streams report f of the view into the file at tmp (*created when it was made); errors name path. */
static int write_one(omv_ctx *ctx, omv__spof_view *v, int f, const char *path, const char *tmp, bool *created)
{
    FILE *fp = fopen(tmp, "wb");
    if (!fp)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", path, strerror(errno));
    *created = true;
    omv__spof_out o;
    omv__spof_out_init(&o, fp);
    errno = 0;
    int rc;
    switch (f) {
    case F_JSON:
        if (!(rc = omv__spof_json_out(&o, ctx, v)))
            omv__buf_puts(&o.buf, "\n");
        break;
    case F_ITEMS:
        rc = omv__spof_items_out(&o, ctx, v);
        break;
    case F_SITES:
        rc = omv__spof_sites_out(&o, ctx, v);
        break;
    default:
        rc = omv__spof_map_out(&o, ctx, v);
        break;
    }
    omv__spof_out_flush(&o, true);
    /* Every step runs, fclose above all, whatever failed before it. */
    if (!o.err && fflush(fp) != 0)
        o.err = errno ? errno : EIO;
    if (fclose(fp) != 0 && !o.err)
        o.err = errno ? errno : EIO;
    if (!rc)
        rc = omv__spof_out_status(&o, ctx, path);
    omv__spof_out_free(&o);
    return rc;
}

int omv_spof_write(omv_ctx *ctx, const char *dir, const omv_spof *s, const omv_net *net)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    char *path[F_COUNT] = {NULL}, *tmp[F_COUNT] = {NULL};
    bool created[F_COUNT] = {false}; /* only what this run created is removed */
    for (int f = 0; f < F_COUNT && !rc; f++) {
        path[f] = omv__path_join(dir, NAMES[f]);
        size_t len = path[f] ? strlen(path[f]) + 32 : 0;
        tmp[f] = path[f] ? malloc(len) : NULL;
        if (!tmp[f]) {
            rc = OMV_NOMEM(ctx, "path");
            break;
        }
        snprintf(tmp[f], len, "%s.tmp.%ld", path[f], (long)getpid());
        rc = write_one(ctx, &v, f, path[f], tmp[f], &created[f]);
    }
    for (int f = 0; f < F_COUNT && !rc; f++) {
        if (rename(tmp[f], path[f]) != 0) {
            rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", path[f], strerror(errno));
        } else {
            created[f] = false;
        }
    }
    for (int f = 0; f < F_COUNT; f++) {
        if (created[f])
            remove(tmp[f]);
        free(tmp[f]);
        free(path[f]);
    }
    omv__spof_view_free(&v);
    return rc;
}
