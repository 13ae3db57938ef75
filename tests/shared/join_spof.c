/*
 * join_spof.c — test driver for tests/cli/shared_zoo_join.sh: loads topologies (NAME=PATH allowed)
 * with one join table through omv_net_load_opts, runs the failure analysis, and prints the merged
 * network's structural counts as "nodes=N links=M bridges=B articulation_points=A cut_pairs=C".
 * Usage: join_spof JOIN.csv TOPOLOGY...
 */
#include "omvei.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: join_spof JOIN.csv TOPOLOGY...\n");
        return 2;
    }
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = NULL;
    omv_spof *s = NULL;
    const char *joins[] = {argv[1]};
    omv_load_opts lo = OMV_LOAD_OPTS_INIT;
    lo.joins = joins;
    lo.njoins = 1;
    int rc = omv_net_load_opts(&net, ctx, (const char *const *)argv + 2, (size_t)argc - 2, &lo);
    /* No core in the Zoo: the largest component plays it; the counts are structural anyway. */
    const char *none[] = {NULL};
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    opt.core_ids = none;
    opt.ncore = 0;
    if (!rc)
        rc = omv_spof_run(&s, ctx, net, &opt);
    if (rc) {
        fprintf(stderr, "join_spof: %s\n", omv_ctx_errmsg(ctx));
        omv_net_free(net);
        omv_ctx_free(ctx);
        return 1;
    }
    size_t links = 0;
    for (size_t i = 0; i < omv_net_link_count(net); i++)
        links += omv_net_link_status(net, i) == OMV_STATUS_EXISTING;
    printf("nodes=%zu links=%zu bridges=%zu articulation_points=%zu cut_pairs=%zu\n", omv_net_node_count(net), links,
           omv_spof_count(s, OMV_ITEM_BRIDGE), omv_spof_count(s, OMV_ITEM_ARTICULATION),
           omv_spof_count(s, OMV_ITEM_CUT_PAIR));
    omv_spof_free(s);
    omv_net_free(net);
    omv_ctx_free(ctx);
    return 0;
}
