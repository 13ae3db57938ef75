/*
 * load.c — picks the loader or writer for a path by its form: a folder is CSV, otherwise the file
 * extension decides (.geojson/.json, .graphml, .txt for SNDlib native, .xml for SNDlib XML, .csv for
 * a lone candidates file).
 */
#include "topo/build.h"

#include <string.h>

static int load_one(omv__builder *b, const char *path, int as_candidates)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    char ext[16];
    if (omv__is_dir(path))
        return as_candidates ? OMV_ERR(ctx, OMV_EARG, "%s: expected a candidates .csv file", path)
                             : omv__load_csv_dir(b, path);
    if (!omv__file_exists(path))
        return OMV_ERR(ctx, OMV_EIO, "%s: no such file or folder", path);
    omv__path_ext(path, ext, sizeof(ext));
    if (as_candidates || !strcmp(ext, "csv"))
        return omv__load_csv_file(b, path, OMV__TAB_CANDIDATES);
    if (!strcmp(ext, "geojson") || !strcmp(ext, "json"))
        return omv__load_geojson(b, path);
    if (!strcmp(ext, "graphml"))
        return omv__load_graphml(b, path);
    if (!strcmp(ext, "txt"))
        return omv__load_sndlib_native(b, path);
    if (!strcmp(ext, "xml"))
        return omv__load_sndlib_xml(b, path);
    return OMV_ERR(ctx, OMV_EARG,
                   "%s: unknown topology format (expected a folder with nodes.csv and links.csv, .geojson, "
                   ".graphml, or SNDlib .txt/.xml)",
                   path);
}

int omv__load_paths(omv__builder *b, const char *const *paths, size_t npaths, const char *const *candidates,
                    size_t ncandidates)
{
    int rc = 0;
    omv__builder_skip_folder_candidates(b, ncandidates > 0);
    for (size_t i = 0; i < npaths && !rc; i++)
        rc = load_one(b, paths[i], 0);
    for (size_t i = 0; i < ncandidates && !rc; i++)
        rc = load_one(b, candidates[i], 1);
    return rc;
}

int omv_net_load_with(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths,
                      const char *const *candidates, size_t ncandidates)
{
    *out = NULL;
    if (npaths == 0)
        return OMV_ERR(ctx, OMV_EARG, "no topology given");
    omv__builder *b = NULL;
    int rc = omv__builder_new(&b, ctx, NULL);
    if (rc)
        return rc;
    rc = omv__load_paths(b, paths, npaths, candidates, ncandidates);
    if (!rc)
        rc = omv__builder_finish(b, out);
    omv__builder_free(b);
    return rc;
}

int omv_net_load(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths)
{
    return omv_net_load_with(out, ctx, paths, npaths, NULL, 0);
}

int omv_net_write(const omv_net *net, omv_ctx *ctx, const char *path)
{
    char ext[16];
    omv__path_ext(path, ext, sizeof(ext));
    if (!strcmp(ext, "geojson") || !strcmp(ext, "json"))
        return omv__write_geojson(net, ctx, path);
    if (!strcmp(ext, "graphml"))
        return omv__write_graphml(net, ctx, path);
    if (!strcmp(ext, "txt") || !strcmp(ext, "xml") || !strcmp(ext, "csv") || omv__file_exists(path))
        return OMV_ERR(ctx, OMV_EARG,
                       "%s: cannot write this format (write a folder for CSV, a .geojson or a .graphml file; "
                       "SNDlib is read only)",
                       path);
    /* Anything else names a folder, dots included ("out.v2"). */
    return omv__write_csv_dir(net, ctx, path);
}
