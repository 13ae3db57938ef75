/*
 * fuzz.c — the scratch folder of a fuzz target and the checks every loader target shares.
 */
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_dir[512];
static char g_path[1024];

static const char *const SCRATCH[] = {"nodes.csv", "links.csv", "candidates.csv", "demands.csv", "in.geojson",
                                      "in.graphml", "in.txt", "in.xml", "polygon.geojson"};

static void remove_dir(void)
{
    for (size_t i = 0; i < sizeof(SCRATCH) / sizeof(SCRATCH[0]); i++)
        fuzz_remove(SCRATCH[i]);
    rmdir(g_dir);
}

const char *fuzz_dir(void)
{
    if (!g_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(g_dir, sizeof(g_dir), "%s/omvei-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(g_dir))
            fuzz_fail("cannot create the scratch folder");
        atexit(remove_dir);
    }
    return g_dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    snprintf(g_path, sizeof(g_path), "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(g_path, "wb");
    if (!f)
        fuzz_fail("cannot write into the scratch folder");
    if ((size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        fuzz_fail("cannot write into the scratch folder");
    return g_path;
}

void fuzz_remove(const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
    unlink(path);
}

void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz: broken promise: %s\n", what);
    abort();
}

void fuzz_load(const char *path)
{
    omv_ctx *ctx = omv_ctx_new();
    if (!ctx)
        return;
    omv_ctx_set_threads(ctx, 1);
    omv_net *net = (omv_net *)1;
    const char *paths[1] = {path};
    int rc = omv_net_load(&net, ctx, paths, 1);
    if (rc) {
        if (net)
            fuzz_fail("a failed load left a network");
        if (rc > 0 || rc < OMV_EINTR)
            fuzz_fail("a return code outside OMV_E*");
        if (rc == OMV_EINTERNAL)
            fuzz_fail("an internal error (an invariant did not hold)");
        if (!omv_ctx_errmsg(ctx)[0])
            fuzz_fail("a failure without a message");
        omv_ctx_free(ctx);
        return;
    }
    if (!net)
        fuzz_fail("success without a network");
    size_t nn = omv_net_node_count(net), nl = omv_net_link_count(net);
    for (size_t i = 0; i < nn; i++) {
        const char *id = omv_net_node_id(net, i);
        if (!id || !id[0])
            fuzz_fail("a node without an id");
        if (omv_net_node_find(net, id) != (long)i)
            fuzz_fail("a node id that does not find its node");
        double lat = omv_net_node_lat(net, i), lon = omv_net_node_lon(net, i);
        if (!isnan(lat) && (lat < -90 || lat > 90))
            fuzz_fail("a latitude out of range");
        if (!isnan(lon) && (lon < -180 || lon > 180))
            fuzz_fail("a longitude out of range");
        if (omv_net_node_population(net, i) < 0)
            fuzz_fail("a negative population");
        if (!omv_kind_name(omv_net_node_kind(net, i)))
            fuzz_fail("a node kind out of range");
    }
    for (size_t i = 0; i < nl; i++) {
        long a = omv_net_link_a(net, i), b = omv_net_link_b(net, i);
        if (a < 0 || (size_t)a >= nn || b < -1 || (b >= 0 && (size_t)b >= nn))
            fuzz_fail("a link end out of range");
        if (!omv_net_link_id(net, i))
            fuzz_fail("a link without an id");
        if (!omv_medium_name(omv_net_link_medium(net, i)))
            fuzz_fail("a link medium out of range");
        for (size_t k = 0; k < omv_net_link_srlg_count(net, i); k++)
            if (!omv_net_link_srlg(net, i, k))
                fuzz_fail("a shared-risk group without a name");
    }
    omv_check *chk = NULL;
    if (omv_check_run(&chk, ctx, net) == 0) {
        char *text = NULL;
        if (omv_check_text(&text, ctx, chk) != 0 || !text)
            fuzz_fail("the check summary of a loaded network failed");
        free(text);
    }
    omv_check_free(chk);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
