/* load_sndlib.c — placeholder until the SNDlib loaders land. */
#include "topo/build.h"
int omv__load_sndlib_native(omv__builder *b, const char *path)
{
    return OMV_ERR(omv__builder_ctx(b), OMV_EARG, "%s: SNDlib is not supported yet", path);
}
int omv__load_sndlib_xml(omv__builder *b, const char *path)
{
    return OMV_ERR(omv__builder_ctx(b), OMV_EARG, "%s: SNDlib is not supported yet", path);
}
