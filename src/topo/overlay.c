/*
 * overlay.c — a loaded network seen differently without copying it: some links left out (a failure,
 * the border policy), some candidates built, some nodes' reserve power changed (the network after a
 * plan). The overlay shares every node, link, group and demand with the network underneath, so
 * indices, ids and positions mean the same in both; it owns only its masks and the CSR adjacency of
 * the links in service, which is what the analysis kernels read.
 */
#include "topo/net.h"

#include <stdlib.h>
#include <string.h>

int omv__net_overlay(omv_net **out, omv_ctx *ctx, const omv_net *base, const uint8_t *state, const double *power_h)
{
    *out = NULL;
    /* What is not given is inherited from an overlay passed as base. */
    if (!state)
        state = base->link_state;
    if (!power_h)
        power_h = base->power_h;
    while (base->base)
        base = base->base;
    omv_net *ov = malloc(sizeof(*ov));
    if (!ov)
        return OMV_NOMEM(ctx, "network overlay");
    memcpy(ov, base, sizeof(*ov));
    ov->base = base;
    ov->off = ov->adj = ov->eid = NULL;
    ov->n_existing = 0;
    ov->link_state = NULL;
    ov->power_h = NULL;
    int rc = 0;
    if (state) {
        if (!(ov->link_state = malloc(base->nlinks + 1))) {
            rc = OMV_NOMEM(ctx, "network overlay");
            goto fail;
        }
        memcpy(ov->link_state, state, base->nlinks);
    }
    if (power_h) {
        if (!(ov->power_h = malloc((base->nnodes + 1) * sizeof(double)))) {
            rc = OMV_NOMEM(ctx, "network overlay");
            goto fail;
        }
        memcpy(ov->power_h, power_h, base->nnodes * sizeof(double));
    }
    if ((rc = omv__net_build_csr(ov, ctx)))
        goto fail;
    *out = ov;
    return 0;
fail:
    omv_net_free(ov);
    return rc;
}
