/*
 * join.c — join tables: node pairs of different inputs that are one place. A join table is a CSV
 * file with a header naming columns a and b (other columns, such as a note, are ignored); each row
 * says that node b is node a. The merged node keeps the attributes of a (the first of its chain);
 * the links and demands of b are rewired to it. Joins chain: rows a,b and b,c make one node a.
 * A link between two nodes that become one has no length left and is dropped with a warning, as is
 * a demand whose two ends become one. Applied by the builder after every node reference is resolved
 * and before lengths and the adjacency are computed, so the merged network is built like any other.
 */
#include "topo/build.h"
#include "topo/csv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int32_t uf_root(int32_t *p, int32_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* The index of column name in a header (trimmed, any case), or -1. */
static int header_col(size_t nf, const char *const *fields, const char *name)
{
    for (size_t i = 0; i < nf; i++) {
        const char *s = fields[i];
        while (isspace((unsigned char)*s))
            s++;
        size_t n = strlen(s);
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        if (n == strlen(name) && strncasecmp(s, name, n) == 0)
            return (int)i;
    }
    return -1;
}

/* Trims a field in place (the reader's buffer is ours until the next record). */
static const char *trim(const char *s, char *buf, size_t bufsz)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= bufsz)
        n = bufsz - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* Reads the pairs of path into the union-find p. */
static int read_pairs(omv_net *net, omv_ctx *ctx, const char *path, const char *disp, int32_t *p, size_t *npairs)
{
    omv__csv *c = NULL;
    int rc = omv__csv_open(&c, ctx, path, disp);
    if (rc)
        return rc;
    size_t nf;
    const char *const *fields;
    const int *cols;
    int line;
    rc = omv__csv_next(c, &nf, &fields, &cols, &line);
    if (rc == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: empty join table: a header line 'a,b' is required", disp);
    if (rc < 0)
        goto cleanup;
    int ca = header_col(nf, fields, "a"), cb = header_col(nf, fields, "b");
    if (ca < 0 || cb < 0) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: missing required column '%s' in the join header (columns a,b: "
                     "node b is the same place as node a)", disp, line, ca < 0 ? "a" : "b");
        goto cleanup;
    }
    size_t ncols = nf;
    while ((rc = omv__csv_next(c, &nf, &fields, &cols, &line)) == 1) {
        if (nf != ncols) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: this row has %zu fields but the header has %zu", disp, line,
                         nf > ncols ? cols[ncols] : 1, nf, ncols);
            goto cleanup;
        }
        char abuf[512], bbuf[512];
        const char *ida = trim(fields[ca], abuf, sizeof(abuf)), *idb = trim(fields[cb], bbuf, sizeof(bbuf));
        int32_t va = omv__idmap_get(&net->node_ids, net, ida), vb = omv__idmap_get(&net->node_ids, net, idb);
        if (!*ida || !*idb) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: missing value in column '%s'", disp, line,
                         cols[*ida ? cb : ca], *ida ? "b" : "a");
            goto cleanup;
        }
        if (va < 0 || vb < 0) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: unknown node '%s' in column %s%s", disp, line,
                         cols[va < 0 ? ca : cb], va < 0 ? ida : idb, va < 0 ? "a" : "b",
                         strchr(va < 0 ? ida : idb, ':') ? "" : " (ids of a NAME=PATH input read as NAME:id)");
            goto cleanup;
        }
        if (va == vb) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: node '%s' is joined with itself", disp, line, cols[cb], idb);
            goto cleanup;
        }
        int32_t ra = uf_root(p, va), rb = uf_root(p, vb);
        if (ra != rb)
            p[rb] = ra; /* the first node of the chain keeps its attributes */
        (*npairs)++;
    }
cleanup:
    omv__csv_close(c);
    return rc < 0 ? rc : 0;
}

int omv__net_join(omv_net *net, omv_ctx *ctx, const char *path, int file)
{
    const char *disp = omv__net_file(net, (uint16_t)file);
    int32_t *p = malloc((net->nnodes + 1) * sizeof(*p));
    int32_t *nidx = malloc((net->nnodes + 1) * sizeof(*nidx));
    int rc = 0;
    if (!p || !nidx) {
        rc = OMV_NOMEM(ctx, "join");
        goto cleanup;
    }
    for (size_t v = 0; v < net->nnodes; v++)
        p[v] = (int32_t)v;
    size_t npairs = 0;
    if ((rc = read_pairs(net, ctx, path, disp, p, &npairs)))
        goto cleanup;
    /* Kept nodes in input order; a merged node takes the new index of its root. */
    size_t k = 0;
    for (size_t v = 0; v < net->nnodes; v++)
        if (uf_root(p, (int32_t)v) == (int32_t)v) {
            nidx[v] = (int32_t)k;
            net->nodes[k++] = net->nodes[v];
        }
    for (size_t v = 0; v < net->nnodes; v++)
        nidx[v] = nidx[uf_root(p, (int32_t)v)];
    size_t nn = k;
    k = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        omv__link l = net->links[i];
        l.a = nidx[l.a];
        if (l.b >= 0)
            l.b = nidx[l.b];
        if (l.a == l.b) {
            if (omv__warn(ctx, "%s:%d:1: warning: link '%s' joins two nodes that %s makes one ('%s'); dropped",
                          omv__net_file(net, l.file), l.line, l.id, disp, net->nodes[l.a].id)) {
                rc = OMV_ENOMEM;
                goto cleanup;
            }
            continue;
        }
        net->links[k++] = l;
    }
    net->nlinks = k;
    k = 0;
    for (size_t i = 0; i < net->ndemands; i++) {
        omv__demand d = net->demands[i];
        d.src = nidx[d.src];
        d.dst = nidx[d.dst];
        if (d.src == d.dst) {
            if (omv__warn(ctx, "%s:%d:1: warning: demand between two nodes that %s makes one ('%s'); dropped",
                          omv__net_file(net, d.file), d.line, disp, net->nodes[d.src].id)) {
                rc = OMV_ENOMEM;
                goto cleanup;
            }
            continue;
        }
        net->demands[k++] = d;
    }
    net->ndemands = k;
    net->nnodes = nn;
    /* The id index names the kept nodes only: the id of a merged node is no longer found. */
    omv__idmap_free(&net->node_ids);
    omv__idmap_init(&net->node_ids, omv__net_node_key);
    if (omv__idmap_reserve(&net->node_ids, nn)) {
        rc = OMV_NOMEM(ctx, "node ids");
        goto cleanup;
    }
    for (size_t v = 0; v < nn; v++)
        if (omv__idmap_put(&net->node_ids, net, (int32_t)v, NULL) < 0) {
            rc = OMV_NOMEM(ctx, "node ids");
            goto cleanup;
        }
    /* The link index is rebuilt by nobody after loading; keep it consistent while it lives. */
    omv__idmap_free(&net->link_ids);
    omv__idmap_init(&net->link_ids, omv__net_link_key);
cleanup:
    free(p);
    free(nidx);
    return rc;
}
