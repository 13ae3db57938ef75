/* load_graphml.c — placeholder until the GraphML loader lands. */
#include "topo/build.h"
int omv__load_graphml(omv__builder *b, const char *path)
{
    return OMV_ERR(omv__builder_ctx(b), OMV_EARG, "%s: GraphML is not supported yet", path);
}
int omv__write_graphml(const omv_net *net, omv_ctx *ctx, const char *path)
{
    (void)net;
    return OMV_ERR(ctx, OMV_EARG, "%s: GraphML is not supported yet", path);
}
