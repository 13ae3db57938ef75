/* load_geojson.c — placeholder until the GeoJSON loader lands. */
#include "topo/build.h"
int omv__load_geojson(omv__builder *b, const char *path)
{
    return OMV_ERR(omv__builder_ctx(b), OMV_EARG, "%s: GeoJSON is not supported yet", path);
}
int omv__write_geojson(const omv_net *net, omv_ctx *ctx, const char *path)
{
    (void)net;
    return OMV_ERR(ctx, OMV_EARG, "%s: GeoJSON is not supported yet", path);
}
