/*
 * derive.c — networks derived from a loaded one: some links left out (the domestic view that
 * forbids transit through another country), candidates built, reserve power changed (the network
 * after a plan). The copy goes through the builder like any loaded network, so every analysis runs
 * on it unchanged, and node indices stay the same as in the original.
 */
#include "topo/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Emits the header of a table: the contract columns, then the extra attribute columns. */
static int header(omv__builder *b, omv__tab tab, int f, const char *const *cols, size_t ncols,
                  const char *const *extra, size_t nextra, const char **names)
{
    for (size_t c = 0; c < ncols; c++)
        names[c] = cols[c];
    for (size_t c = 0; c < nextra; c++)
        names[ncols + c] = extra[c];
    return omv__builder_header(b, tab, f, 1, ncols + nextra, names, NULL);
}

int omv__net_derive(omv_net **out, omv_ctx *ctx, const omv_net *net, const uint8_t *fate, const double *power_h,
                    const char *label)
{
    *out = NULL;
    /* The builder's warnings belong to the input, which was already reported: a context of its own. */
    omv_ctx *quiet = omv_ctx_new();
    size_t nextra = net->nnode_attr_cols > net->nlink_attr_cols ? net->nnode_attr_cols : net->nlink_attr_cols;
    size_t ncols = (OMV__LINK_NCOLS > OMV__NODE_NCOLS ? OMV__LINK_NCOLS : OMV__NODE_NCOLS) + nextra;
    char *bufs = malloc(ncols * OMV__CELL_BUF);
    const char **vals = calloc(ncols, sizeof(*vals));
    const char **names = calloc(ncols, sizeof(*names));
    omv__builder *b = NULL;
    int rc = 0;
    if (!quiet || !bufs || !vals || !names) {
        rc = OMV_NOMEM(ctx, "derived network");
        goto cleanup;
    }
    if ((rc = omv__builder_new(&b, quiet, NULL)))
        goto fail;
    int f = omv__builder_file(b, label);
    if (f < 0) {
        rc = f;
        goto fail;
    }
    if ((rc = header(b, OMV__TAB_NODES, f, OMV__NODE_COLS, OMV__NODE_NCOLS, net->node_attr_cols,
                     net->nnode_attr_cols, names)))
        goto fail;
    for (size_t v = 0; v < net->nnodes; v++) {
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            vals[c] = omv__node_cell(net, v, c, bufs + c * OMV__CELL_BUF, OMV__CELL_BUF);
        if (power_h) {
            omv__fmt_double(bufs + 8 * OMV__CELL_BUF, OMV__CELL_BUF, power_h[v]); /* column 8: power_h */
            vals[8] = bufs + 8 * OMV__CELL_BUF;
        }
        for (size_t c = 0; c < net->nnode_attr_cols; c++)
            vals[OMV__NODE_NCOLS + c] = omv__attrs_get(omv__node_attrs(&net->nodes[v]), net->node_attr_cols[c]);
        if ((rc = omv__builder_row(b, (int)v + 2, vals, NULL)))
            goto fail;
    }
    /* Links, then candidates: each keeps its status unless built. */
    for (int pass = 0; pass < 2; pass++) {
        omv__tab tab = pass == 0 ? OMV__TAB_LINKS : OMV__TAB_CANDIDATES;
        if ((rc = header(b, tab, f, OMV__LINK_COLS, OMV__LINK_NCOLS, net->link_attr_cols, net->nlink_attr_cols, names)))
            goto fail;
        int line = 2;
        for (size_t i = 0; i < net->nlinks; i++) {
            const omv__link *l = &net->links[i];
            int fa = fate ? fate[i] : OMV__DERIVE_KEEP;
            if (fa == OMV__DERIVE_DROP)
                continue;
            int existing = l->status == OMV_STATUS_EXISTING || fa == OMV__DERIVE_BUILD;
            if (existing != (pass == 0))
                continue;
            if (fa == OMV__DERIVE_BUILD && l->b < 0)
                continue; /* a built power upgrade shows as the node's power_h, not as a link */
            for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
                vals[c] = omv__link_cell(net, i, c, bufs + c * OMV__CELL_BUF, OMV__CELL_BUF);
            if (fa == OMV__DERIVE_BUILD) {
                vals[8] = "existing"; /* status */
                vals[10] = "";        /* power_h belongs to power upgrades only */
            }
            for (size_t c = 0; c < net->nlink_attr_cols; c++)
                vals[OMV__LINK_NCOLS + c] = omv__attrs_get(omv__link_attrs(l), net->link_attr_cols[c]);
            if ((rc = omv__builder_row(b, line++, vals, NULL)))
                goto fail;
            if (l->geom && (rc = omv__builder_geometry(b, l->geom->lonlat, l->geom->npts)))
                goto fail;
        }
    }
    if (net->ndemands) {
        static const char *const dcols[] = {"src", "dst", "gbps"};
        if ((rc = omv__builder_header(b, OMV__TAB_DEMANDS, f, 1, 3, dcols, NULL)))
            goto fail;
        for (size_t d = 0; d < net->ndemands; d++) {
            const omv__demand *dm = &net->demands[d];
            omv__fmt_double(bufs, OMV__CELL_BUF, dm->gbps);
            const char *dv[3] = {net->nodes[dm->src].id, net->nodes[dm->dst].id, bufs};
            if ((rc = omv__builder_row(b, (int)d + 2, dv, NULL)))
                goto fail;
        }
    }
    if ((rc = omv__builder_finish(b, out)))
        goto fail;
    goto cleanup;
fail:
    rc = OMV_ERR(ctx, rc ? rc : OMV_EINTERNAL, "building %s: %s", label, omv_ctx_errmsg(quiet));
cleanup:
    omv__builder_free(b);
    omv_ctx_free(quiet);
    free(bufs);
    free(vals);
    free(names);
    return rc;
}

int omv_net_domestic(omv_net **out, omv_ctx *ctx, const omv_net *net, size_t *dropped)
{
    *out = NULL;
    uint8_t *fate = malloc(net->nlinks + 1);
    if (!fate)
        return OMV_NOMEM(ctx, "domestic network");
    size_t n = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        const char *ca = net->nodes[l->a].country, *cb = l->b >= 0 ? net->nodes[l->b].country : "";
        int cross = ca[0] && cb[0] && strcmp(ca, cb) != 0;
        fate[i] = cross ? OMV__DERIVE_DROP : OMV__DERIVE_KEEP;
        n += cross;
    }
    int rc = omv__net_derive(out, ctx, net, fate, NULL, "(domestic links only)");
    free(fate);
    if (dropped)
        *dropped = rc ? 0 : n;
    return rc;
}
