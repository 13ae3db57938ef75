/*
 * load.c — picks the loader or writer for a path by its form: a folder is CSV, otherwise the file
 * extension decides (.geojson/.json, .graphml, .txt for SNDlib native, .xml for SNDlib XML, .csv for
 * a lone candidates file). An OFDS publication (load_ofds.c) is recognised before the CSV contract.
 * A path written NAME=PATH loads PATH in the id namespace NAME (see omv_net_load_opts).
 */
#include "topo/build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int load_one(omv__builder *b, const char *path, int as_candidates)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    char ext[16];
    bool is_dir;
    int rc = omv__stat_input(ctx, path, &is_dir);
    if (rc)
        return rc;
    if (!as_candidates && omv__ofds_is(path))
        return omv__load_ofds(b, path);
    if (is_dir) {
        if (as_candidates)
            return OMV_ERR(ctx, OMV_EDATA, "%s: is a folder: expected a candidates .csv file", path);
        rc = omv__load_csv_dir(b, path);
        char *routes = rc ? NULL : omv__path_join(path, "routes.geojson");
        if (routes && omv__file_exists(routes))
            rc = omv__load_routes(b, routes);
        free(routes);
        return rc;
    }
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

/* Splits "NAME=PATH" into its namespace and path; a text that names an existing file is a path. */
static const char *split_namespace(const char *arg, char *ns, size_t nssz)
{
    ns[0] = '\0';
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= nssz || omv__file_exists(arg) || omv__is_dir(arg))
        return arg;
    for (const char *s = arg; s < eq; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
            return arg;
    memcpy(ns, arg, (size_t)(eq - arg));
    ns[eq - arg] = '\0';
    return eq + 1;
}

static int load_ns(omv__builder *b, const char *arg, int as_candidates)
{
    char ns[128];
    const char *path = split_namespace(arg, ns, sizeof(ns));
    int rc = omv__builder_namespace(b, ns);
    if (!rc)
        rc = load_one(b, path, as_candidates);
    int rc2 = omv__builder_namespace(b, NULL);
    return rc ? rc : rc2;
}

int omv__load_paths(omv__builder *b, const char *const *paths, size_t npaths, const char *const *candidates,
                    size_t ncandidates)
{
    int rc = 0;
    omv__builder_skip_folder_candidates(b, ncandidates > 0);
    for (size_t i = 0; i < npaths && !rc; i++)
        rc = load_ns(b, paths[i], 0);
    for (size_t i = 0; i < ncandidates && !rc; i++)
        rc = load_ns(b, candidates[i], 1);
    return rc;
}

int omv_net_load_opts(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths,
                      const omv_load_opts *opts)
{
    *out = NULL;
    if (npaths == 0)
        return OMV_ERR(ctx, OMV_EARG, "no topology given");
    /* Version 1 callers built a struct without the lengths field. */
    if (opts && (opts->version < 1 || opts->version > OMV_LOAD_OPTS_VERSION))
        return OMV_ERR(ctx, OMV_EARG, "omv_load_opts version %u is not 1 to %u", opts->version,
                       OMV_LOAD_OPTS_VERSION);
    omv__builder *b = NULL;
    int rc = omv__builder_new(&b, ctx, NULL);
    if (rc)
        return rc;
    omv__builder_defer_lengths(b, opts && opts->version >= 2 && !opts->lengths);
    rc = omv__load_paths(b, paths, npaths, opts ? opts->candidates : NULL, opts ? opts->ncandidates : 0);
    for (size_t i = 0; opts && i < opts->njoins && !rc; i++) {
        if (!omv__file_exists(opts->joins[i]) || omv__is_dir(opts->joins[i]))
            rc = OMV_ERR(ctx, OMV_EDATA, "%s: no such join table", opts->joins[i]);
        else
            rc = omv__builder_join(b, opts->joins[i]);
    }
    if (!rc)
        rc = omv__builder_finish(b, out);
    omv__builder_free(b);
    return rc;
}

int omv_net_load_with(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths,
                      const char *const *candidates, size_t ncandidates)
{
    omv_load_opts o = OMV_LOAD_OPTS_INIT;
    o.candidates = candidates;
    o.ncandidates = ncandidates;
    return omv_net_load_opts(out, ctx, paths, npaths, &o);
}

int omv_net_load(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths)
{
    return omv_net_load_with(out, ctx, paths, npaths, NULL, 0);
}

int omv_net_write(const omv_net *net, omv_ctx *ctx, const char *path)
{
    char ext[16];
    omv__path_ext(path, ext, sizeof(ext));
    size_t n = strlen(path);
    if (n > 13 && !strcmp(path + n - 13, ".ofds.geojson"))
        return omv__write_ofds(net, ctx, path);
    if (!strcmp(ext, "geojson") || !strcmp(ext, "json"))
        return omv__write_geojson(net, ctx, path);
    if (!strcmp(ext, "graphml"))
        return omv__write_graphml(net, ctx, path);
    if (!strcmp(ext, "txt") || !strcmp(ext, "xml") || !strcmp(ext, "csv") || omv__file_exists(path))
        return OMV_ERR(ctx, OMV_EARG,
                       "%s: cannot write this format (write a folder for CSV, a .geojson or a .graphml file; "
                       "SNDlib is read only)",
                       path);
    /* Anything else names a folder, dots included ("out.v2"); routes go beside it. */
    int rc = omv__write_csv_dir(net, ctx, path);
    return rc ? rc : omv__write_routes(net, ctx, path);
}
