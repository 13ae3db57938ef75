/*
 * version.c — versions of omvei and of the libraries it was built against, for --version and
 * manifests. igraph and PROJ report the headers' versions; GLPK reports the linked library's.
 */
#include "core/core.h"

#include <glpk.h>
#include <igraph.h>
#include <proj.h>

#define OMV_STR2(x) #x
#define OMV_STR(x) OMV_STR2(x)

const char *omv_version(void) { return OMV_VERSION_STRING; }
const char *omv_version_igraph(void) { return IGRAPH_VERSION; }
const char *omv_version_glpk(void) { return glp_version(); }
const char *omv_version_proj(void)
{
    return OMV_STR(PROJ_VERSION_MAJOR) "." OMV_STR(PROJ_VERSION_MINOR) "." OMV_STR(PROJ_VERSION_PATCH);
}
