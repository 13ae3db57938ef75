/*
 * reroute_write.c — the report folder of a rerouting run: reroute.json, reroute_scenarios.csv,
 * reroute_links.csv and reroute_map.geojson. Every file is rendered in memory first; each is then
 * written under a temporary name and renamed, so a failed run leaves no half-written report.
 */
#include "report/reroute_report.h"

#include <stdlib.h>
#include <string.h>

enum { F_JSON, F_SCEN, F_LINKS, F_MAP, F_COUNT };

static const char *const NAMES[F_COUNT] = {"reroute.json", "reroute_scenarios.csv", "reroute_links.csv",
                                           "reroute_map.geojson"};

int omv_reroute_write(omv_ctx *ctx, const char *dir, const omv_reroute *r, const omv_net *net,
                      const omv_scenario *sc)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    omv__buf b[F_COUNT];
    for (int f = 0; f < F_COUNT; f++)
        omv__buf_init(&b[f]);
    /* Everything rendered before anything is written. */
    int rc = omv__rr_json(&b[F_JSON], ctx, r, net, sc);
    if (!rc)
        rc = omv__rr_scenarios_csv(&b[F_SCEN], ctx, r, net);
    if (!rc)
        rc = omv__rr_links_csv(&b[F_LINKS], ctx, r, net);
    if (!rc)
        rc = omv__rr_map(&b[F_MAP], ctx, r, net);
    for (int f = 0; f < F_COUNT && !rc; f++)
        rc = omv_report_write(ctx, dir, NAMES[f], b[f].s ? b[f].s : "");
    for (int f = 0; f < F_COUNT; f++)
        omv__buf_free(&b[f]);
    return rc;
}
