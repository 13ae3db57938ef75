/*
 * spof_write.c — where the reports of the failure analysis go: the chunked output every renderer
 * writes to, spof.json streamed to an open file, and the report folder (spof.json, spof_items.csv,
 * spof_sites.csv, map.geojson).
 *
 * The folder is written all or nothing, as one report-folder transaction (txn.h): each file is
 * streamed to a temporary name beside its final one, and only when all four are complete are they
 * renamed into place. A failure while rendering or writing, or an interrupt, removes every temporary
 * file of the run and leaves the folder as it was.
 */
#include "report/spof_report.h"
#include "report/txn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

/* Streams report f of the view into the next file of the transaction. */
static int write_one(omv_ctx *ctx, omv__spof_view *v, int f, omv__report_txn *t)
{
    FILE *fp;
    int rc = omv__report_txn_open(t, ctx, NAMES[f], &fp);
    if (rc)
        return rc;
    omv__spof_out o;
    omv__spof_out_init(&o, fp);
    errno = 0;
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
    if (!rc && o.buf.failed)
        rc = OMV_NOMEM(ctx, NAMES[f]);
    int crc = omv__report_txn_close(t, ctx, fp, o.err);
    omv__spof_out_free(&o);
    return rc ? rc : crc;
}

int omv_spof_write(omv_ctx *ctx, const char *dir, const omv_spof *s, const omv_net *net)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    omv__report_txn *t = NULL;
    rc = omv__report_txn_begin(&t, ctx, dir);
    for (int f = 0; f < F_COUNT && !rc; f++)
        rc = write_one(ctx, &v, f, t);
    if (!rc)
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    omv__spof_view_free(&v);
    return rc;
}
