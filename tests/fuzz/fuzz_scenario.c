/*
 * fuzz_scenario.c — the scenario parser (omv_scenario_set), as the command line and scenario files
 * use it. Each input line "key=value" sets one parameter; then the effective parameters are listed
 * and the scenario is bound to a small network. Inputs naming a polygon file are skipped: the
 * region target covers polygons without reading paths chosen by the input.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

static const char NODES[] = "id,name,lat,lon,country,kind,population,island\n"
                            "OSL,Oslo,59.91,10.75,NO,core,709000,false\n"
                            "TOS,Tromso,69.65,18.96,NO,site,77000,false\n"
                            "STO,Stockholm,59.33,18.07,SE,ixp,975000,false\n"
                            "HEL,Helsinki,60.17,24.94,FI,site,650000,false\n";
static const char LINKS[] = "id,a,b,medium\nL1,OSL,TOS,fiber\nL2,OSL,STO,fiber\nL3,STO,HEL,subsea\nL4,TOS,HEL,fiber\n";

static omv_net *g_net;

static void setup(void)
{
    omv_ctx *ctx = omv_ctx_new();
    if (!ctx)
        fuzz_fail("no context");
    fuzz_write("nodes.csv", (const uint8_t *)NODES, strlen(NODES));
    fuzz_write("links.csv", (const uint8_t *)LINKS, strlen(LINKS));
    const char *paths[1] = {fuzz_dir()};
    if (omv_net_load(&g_net, ctx, paths, 1) != 0)
        fuzz_fail("the fixed network of the scenario target does not load");
    omv_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_net)
        setup();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (strlen(text) != size || strstr(text, "polygon:")) {
        free(text);
        return 0;
    }
    omv_ctx *ctx = omv_ctx_new();
    omv_scenario *sc = NULL;
    if (!ctx || omv_scenario_new(&sc, ctx) != 0) {
        omv_ctx_free(ctx);
        free(text);
        return 0;
    }
    int failed = 0;
    for (char *line = text, *next; line && !failed; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        int rc = omv_scenario_set(sc, ctx, line, eq + 1);
        if (rc) {
            if (!omv_ctx_errmsg(ctx)[0])
                fuzz_fail("a failure without a message");
            if (rc == OMV_EINTERNAL)
                fuzz_fail("an internal error");
            failed = 1;
        }
    }
    if (!failed) {
        for (size_t i = 0; i < omv_scenario_param_count(sc); i++)
            if (!omv_scenario_param_key(sc, i) || !omv_scenario_param_value(sc, i))
                fuzz_fail("an effective parameter without key or value");
        if (omv_scenario_bind(sc, ctx, g_net) == 0) {
            omv_spof_options so = OMV_SPOF_OPTIONS_INIT;
            omv_scenario_spof_options(sc, &so);
            omv_plan_options po = OMV_PLAN_OPTIONS_INIT;
            omv_scenario_plan_options(sc, &po);
            for (size_t l = 0; l < omv_net_link_count(g_net); l++) {
                int open = omv_scenario_link_open(sc, g_net, l, "NO");
                if (open != 0 && open != 1)
                    fuzz_fail("omv_scenario_link_open answered neither 0 nor 1");
            }
        }
    }
    omv_scenario_free(sc);
    omv_ctx_free(ctx);
    free(text);
    return 0;
}
