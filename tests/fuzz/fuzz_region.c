/*
 * fuzz_region.c — the region parser (omv_region_parse) and the test of a node against a region.
 * The first line of the input is the spec. A spec "polygon:..." reads its polygon from the rest of
 * the input (written to a scratch file), never from a path the input names.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A few nodes around the Nordic countries, with and without position, country and island flag. */
static const char NODES[] = "id,name,lat,lon,country,kind,population,island\n"
                            "OSL,Oslo,59.91,10.75,NO,core,709000,false\n"
                            "TOS,Tromso,69.65,18.96,NO,site,77000,false\n"
                            "SVO,Svolvaer,68.23,14.56,NO,site,4800,true\n"
                            "STO,Stockholm,59.33,18.07,SE,ixp,975000,false\n"
                            "ANT,Anti,-45,-179.9,,site,1,false\n"
                            "NOP,Nowhere,,,,site,10,false\n";
static const char LINKS[] = "id,a,b,medium\nL1,OSL,TOS,fiber\nL2,TOS,SVO,subsea\nL3,OSL,STO,fiber\nL4,STO,ANT,leased\n"
                            "L5,ANT,NOP,fiber\n";

static omv_net *g_net;
static omv_ctx *g_ctx;

static void setup(void)
{
    g_ctx = omv_ctx_new();
    if (!g_ctx)
        fuzz_fail("no context");
    fuzz_write("nodes.csv", (const uint8_t *)NODES, strlen(NODES));
    fuzz_write("links.csv", (const uint8_t *)LINKS, strlen(LINKS));
    const char *paths[1] = {fuzz_dir()};
    if (omv_net_load(&g_net, g_ctx, paths, 1) != 0)
        fuzz_fail("the fixed network of the region target does not load");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_net)
        setup();
    const uint8_t *nl = memchr(data, '\n', size);
    size_t len = nl ? (size_t)(nl - data) : size;
    char *spec;
    if (len >= 8 && memcmp(data, "polygon:", 8) == 0) {
        const char *path = fuzz_write("polygon.geojson", nl ? nl + 1 : data, nl ? size - len - 1 : 0);
        spec = malloc(strlen(path) + 9);
        if (spec)
            snprintf(spec, strlen(path) + 9, "polygon:%s", path);
    } else {
        spec = malloc(len + 1); /* a NUL byte in the line ends the spec, as it would in argv */
        if (spec) {
            memcpy(spec, data, len);
            spec[len] = '\0';
        }
    }
    if (!spec)
        return 0;
    omv_region *r = (omv_region *)1;
    int rc = omv_region_parse(&r, g_ctx, spec);
    if (rc) {
        if (r)
            fuzz_fail("a failed parse left a region");
        if (!omv_ctx_errmsg(g_ctx)[0])
            fuzz_fail("a failure without a message");
        if (rc == OMV_EINTERNAL)
            fuzz_fail("an internal error");
    } else {
        if (!r || !omv_region_spec(r))
            fuzz_fail("a parsed region without its spec");
        for (size_t i = 0; i < omv_net_node_count(g_net); i++) {
            int in = omv_region_has(r, g_net, i);
            if (in != 0 && in != 1)
                fuzz_fail("omv_region_has answered neither 0 nor 1");
        }
        omv_region_free(r);
    }
    free(spec);
    return 0;
}
