/*
 * augment.c — the network as it would be after the plan: the chosen candidate links and satellite
 * terminals become existing links, and the upgraded nodes get the upgrade's reserve power. The copy
 * goes through the builder (topo/build.h) like any loaded network, so the failure analysis runs on
 * it unchanged and independently of the MILP.
 */
#include "plan/model.h"
#include "topo/build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int omv__plan_augment(omv_net **out, omv_ctx *ctx, const omv__pinst *I, const uint8_t *sel)
{
    *out = NULL;
    const omv_net *net = I->net;
    /* The builder's warnings (nodes without links, ...) belong to the input, which was already
     * reported: they go to a context of their own. */
    omv_ctx *quiet = omv_ctx_new();
    size_t ncols = OMV__LINK_NCOLS > OMV__NODE_NCOLS ? OMV__LINK_NCOLS : OMV__NODE_NCOLS;
    char *bufs = malloc(ncols * OMV__CELL_BUF);
    const char **vals = calloc(ncols, sizeof(*vals));
    double *power = malloc((I->n + 1) * sizeof(double));
    uint8_t *built = calloc(net->nlinks + 1, 1);
    omv__builder *b = NULL;
    int rc = 0;
    if (!quiet || !bufs || !vals || !power || !built) {
        rc = OMV_NOMEM(ctx, "augmented network");
        goto cleanup;
    }
    for (size_t v = 0; v < I->n; v++)
        power[v] = net->nodes[v].power_h;
    for (size_t j = 0; j < I->nvar; j++)
        built[I->vnet[j]] = sel[j] != 0;
    for (size_t j = 0; j < I->nvar; j++)
        if (sel[j] && I->vkind[j] == OMV_INVEST_POWER) {
            double *p = &power[I->vnode[j]];
            if (isnan(*p) || I->vhours[j] > *p)
                *p = I->vhours[j];
        }
    if ((rc = omv__builder_new(&b, quiet, NULL)))
        goto fail;
    int f = omv__builder_file(b, "(network after the plan)");
    if (f < 0) {
        rc = f;
        goto fail;
    }
    if ((rc = omv__builder_header(b, OMV__TAB_NODES, f, 1, OMV__NODE_NCOLS, OMV__NODE_COLS, NULL)))
        goto fail;
    for (size_t v = 0; v < I->n; v++) {
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            vals[c] = omv__node_cell(net, v, c, bufs + c * OMV__CELL_BUF, OMV__CELL_BUF);
        /* power_h is column 8 of OMV__NODE_COLS */
        omv__fmt_double(bufs + 8 * OMV__CELL_BUF, OMV__CELL_BUF, power[v]);
        vals[8] = bufs + 8 * OMV__CELL_BUF;
        if ((rc = omv__builder_row(b, (int)v + 2, vals, NULL)))
            goto fail;
    }
    if ((rc = omv__builder_header(b, OMV__TAB_LINKS, f, 1, OMV__LINK_NCOLS, OMV__LINK_COLS, NULL)))
        goto fail;
    int line = 2;
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        if (l->b < 0)
            continue;
        if (l->status == OMV_STATUS_CANDIDATE && !built[i])
            continue;
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
            vals[c] = omv__link_cell(net, i, c, bufs + c * OMV__CELL_BUF, OMV__CELL_BUF);
        vals[8] = "existing"; /* status */
        vals[10] = "";        /* power_h: links have none */
        if ((rc = omv__builder_row(b, line++, vals, NULL)))
            goto fail;
    }
    if ((rc = omv__builder_finish(b, out)))
        goto fail;
    goto cleanup;
fail:
    rc = OMV_ERR(ctx, rc ? rc : OMV_EINTERNAL, "building the network after the plan: %s", omv_ctx_errmsg(quiet));
cleanup:
    omv__builder_free(b);
    omv_ctx_free(quiet);
    free(bufs);
    free(vals);
    free(power);
    free(built);
    return rc;
}
