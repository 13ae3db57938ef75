/*
 * augment.c — the network as it would be after the plan: the chosen candidate links and satellite
 * terminals are in service, and the upgraded nodes have the upgrade's reserve power. It is an overlay
 * on the loaded network (topo/net.h), so the failure analysis runs on it unchanged and independently
 * of the MILP, and every id and index means the same as in the network planned for.
 */
#include "plan/model.h"

#include <math.h>
#include <stdlib.h>

int omv__plan_augment(omv_net **out, omv_ctx *ctx, const omv__pinst *I, const uint8_t *sel)
{
    *out = NULL;
    const omv_net *net = I->net;
    double *power = malloc((I->n + 1) * sizeof(double));
    uint8_t *state = malloc(net->nlinks + 1);
    int rc = 0;
    if (!power || !state) {
        rc = OMV_NOMEM(ctx, "network after the plan");
        goto cleanup;
    }
    for (size_t v = 0; v < I->n; v++)
        power[v] = omv__node_power(net, v);
    for (size_t i = 0; i < net->nlinks; i++)
        state[i] = omv__link_exists(net, i) ? OMV__LS_EXISTING
                   : omv__link_candidate(net, i) ? OMV__LS_CANDIDATE : OMV__LS_OFF;
    for (size_t j = 0; j < I->nvar; j++) {
        if (!sel[j])
            continue;
        if (I->vkind[j] == OMV_INVEST_POWER) {
            /* A built upgrade shows as the node's reserve power, no longer as a candidate. */
            double *p = &power[I->vnode[j]];
            if (isnan(*p) || I->vhours[j] > *p)
                *p = I->vhours[j];
            state[I->vnet[j]] = OMV__LS_OFF;
        } else {
            state[I->vnet[j]] = OMV__LS_EXISTING;
        }
    }
    rc = omv__net_overlay(out, ctx, net, state, power);
cleanup:
    free(power);
    free(state);
    return rc;
}
