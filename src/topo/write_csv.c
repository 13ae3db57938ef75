/*
 * write_csv.c — writes a network as a CSV folder (nodes.csv, links.csv, candidates.csv when there
 * are candidates, demands.csv when there are demands), quoting per RFC 4180 where needed. Writing
 * into a folder that already holds a topology replaces it: a candidates.csv or demands.csv left by an
 * earlier network is removed, or it would be read back as part of this one.
 */
#include "topo/build.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void csv_field(omv__buf *out, const char *s, int first)
{
    if (!first)
        omv__buf_puts(out, ",");
    if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!s[0] || s[strlen(s) - 1] != ' ')) {
        omv__buf_puts(out, s);
        return;
    }
    omv__buf_puts(out, "\"");
    for (const char *p = s; *p; p++) {
        char c[2] = {*p, 0};
        omv__buf_puts(out, *p == '"' ? "\"\"" : c);
    }
    omv__buf_puts(out, "\"");
}

static int write_table(const omv_net *net, omv_ctx *ctx, const char *dir, const char *name, int links,
                       int status)
{
    omv__buf out;
    omv__buf_init(&out);
    char cell[OMV__CELL_BUF];
    const char *const *cols = links ? OMV__LINK_COLS : OMV__NODE_COLS;
    size_t ncols = links ? OMV__LINK_NCOLS : OMV__NODE_NCOLS;
    const char *const *extra = links ? net->link_attr_cols : net->node_attr_cols;
    size_t nextra = links ? net->nlink_attr_cols : net->nnode_attr_cols;
    /* The routing metric is the last link column and rarely given: written only when some link has
     * one, so that tables without it read as before. */
    if (links) {
        bool any = false;
        for (size_t i = 0; i < net->nlinks && !any; i++)
            any = !isnan(omv__link_metric(&net->links[i]));
        if (!any && ncols > 0 && strcmp(cols[ncols - 1], "metric") == 0)
            ncols--;
    }
    for (size_t c = 0; c < ncols; c++)
        csv_field(&out, cols[c], c == 0);
    for (size_t c = 0; c < nextra; c++)
        csv_field(&out, extra[c], 0);
    omv__buf_puts(&out, "\n");
    size_t n = links ? net->nlinks : net->nnodes;
    for (size_t i = 0; i < n; i++) {
        if (links && net->links[i].status != status)
            continue;
        for (size_t c = 0; c < ncols; c++)
            csv_field(&out, links ? omv__link_cell(net, i, c, cell, sizeof(cell))
                                  : omv__node_cell(net, i, c, cell, sizeof(cell)),
                      c == 0);
        const omv__attrs *a = links ? omv__link_attrs(&net->links[i]) : omv__node_attrs(&net->nodes[i]);
        for (size_t c = 0; c < nextra; c++) {
            const char *v = omv__attrs_get(a, extra[c]);
            csv_field(&out, v ? v : "", 0);
        }
        omv__buf_puts(&out, "\n");
    }
    char *text = omv__buf_take(&out);
    if (!text)
        return OMV_NOMEM(ctx, name);
    char *path = omv__path_join(dir, name);
    int rc = path ? omv__write_file_atomic(ctx, path, text, strlen(text)) : OMV_NOMEM(ctx, name);
    free(path);
    free(text);
    return rc;
}

/* Removes dir/name when it is a file: the network written has no rows for it. */
static int drop_stale(omv_ctx *ctx, const char *dir, const char *name)
{
    char *path = omv__path_join(dir, name);
    if (!path)
        return OMV_NOMEM(ctx, name);
    int rc = 0;
    if (omv__file_exists(path) && unlink(path) != 0)
        rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot remove the stale file: %s", path, strerror(errno));
    free(path);
    return rc;
}

static int write_demands(const omv_net *net, omv_ctx *ctx, const char *dir)
{
    omv__buf out;
    omv__buf_init(&out);
    char g[64];
    omv__buf_puts(&out, "src,dst,gbps\n");
    for (size_t d = 0; d < net->ndemands; d++) {
        const omv__demand *dm = &net->demands[d];
        omv__fmt_double(g, sizeof(g), dm->gbps);
        csv_field(&out, net->nodes[dm->src].id, 1);
        csv_field(&out, net->nodes[dm->dst].id, 0);
        csv_field(&out, g, 0);
        omv__buf_puts(&out, "\n");
    }
    char *text = omv__buf_take(&out);
    char *path = omv__path_join(dir, "demands.csv");
    int rc = (text && path) ? omv__write_file_atomic(ctx, path, text, strlen(text)) : OMV_NOMEM(ctx, "demands");
    free(text);
    free(path);
    return rc;
}

int omv__write_csv_dir(const omv_net *net, omv_ctx *ctx, const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot create folder: %s", dir, strerror(errno));
    if (!omv__is_dir(dir))
        return OMV_ERR(ctx, OMV_EIO, "%s: exists and is not a folder", dir);
    int rc;
    if ((rc = write_table(net, ctx, dir, "nodes.csv", 0, 0)) ||
        (rc = write_table(net, ctx, dir, "links.csv", 1, OMV_STATUS_EXISTING)))
        return rc;
    size_t ncand = 0;
    for (size_t i = 0; i < net->nlinks; i++)
        ncand += net->links[i].status == OMV_STATUS_CANDIDATE;
    rc = ncand ? write_table(net, ctx, dir, "candidates.csv", 1, OMV_STATUS_CANDIDATE)
               : drop_stale(ctx, dir, "candidates.csv");
    if (rc)
        return rc;
    return net->ndemands ? write_demands(net, ctx, dir) : drop_stale(ctx, dir, "demands.csv");
}
