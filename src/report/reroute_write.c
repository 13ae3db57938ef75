/*
 * reroute_write.c — the report folder of a rerouting run: reroute.json, reroute_scenarios.csv,
 * reroute_links.csv and reroute_map.geojson. Every file is rendered in memory first, then the four
 * are written in one report-folder transaction (txn.h): all appear together, or none does.
 */
#include "report/reroute_report.h"
#include "report/txn.h"

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
    /* One transaction: the four files appear together or not at all. */
    omv__report_txn *t = NULL;
    if (!rc)
        rc = omv__report_txn_begin(&t, ctx, dir);
    for (int f = 0; f < F_COUNT && !rc; f++)
        rc = omv__report_txn_put(t, ctx, NAMES[f], b[f].s ? b[f].s : "", b[f].s ? b[f].len : 0);
    if (!rc)
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    for (int f = 0; f < F_COUNT; f++)
        omv__buf_free(&b[f]);
    return rc;
}
