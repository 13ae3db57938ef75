/*
 * plan_write.c — writes the planner's files into a report folder: plan.json, plan_investments.csv
 * and plan_map.geojson for one plan; plan_sweep.csv, plan_sweep.svg and plan_sweep.json for a sweep.
 * Every file is rendered before the first is written; the files of a call are one report-folder
 * transaction (txn.h): all are renamed into place together once all are written, so a failed or
 * interrupted run leaves the folder as it was.
 */
#include "plan/report.h"
#include "report/txn.h"

#include <stdlib.h>
#include <string.h>

/* Appends the final newline that the JSON renderers leave out. */
static int newline(omv_ctx *ctx, char **text, const char *what)
{
    size_t n = strlen(*text);
    if (n && (*text)[n - 1] == '\n')
        return 0;
    char *t = realloc(*text, n + 2);
    if (!t)
        return OMV_NOMEM(ctx, what);
    t[n] = '\n';
    t[n + 1] = '\0';
    *text = t;
    return 0;
}

static int write_all(omv_ctx *ctx, const char *dir, const char *const *names, char **text, size_t n)
{
    omv__report_txn *t = NULL;
    int rc = omv_report_mkdir(ctx, dir);
    if (!rc)
        rc = omv__report_txn_begin(&t, ctx, dir);
    for (size_t f = 0; !rc && f < n; f++)
        rc = omv__report_txn_put(t, ctx, names[f], text[f], strlen(text[f]));
    if (!rc)
        rc = omv__report_txn_commit(t, ctx);
    omv__report_txn_free(t);
    return rc;
}

int omv_plan_write(omv_ctx *ctx, const char *dir, const omv_plan *p, const omv_net *net)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    static const char *const NAMES[] = {"plan.json", "plan_investments.csv", "plan_map.geojson"};
    char *text[3] = {NULL, NULL, NULL};
    int rc;
    if (!(rc = omv_plan_json(&text[0], ctx, p, net)) && !(rc = newline(ctx, &text[0], "plan.json")) &&
        !(rc = omv_plan_investments_csv(&text[1], ctx, p, net)))
        rc = omv_plan_geojson(&text[2], ctx, p, net);
    if (!rc)
        rc = write_all(ctx, dir, NAMES, text, 3);
    for (int f = 0; f < 3; f++)
        free(text[f]);
    return rc;
}

int omv_plan_sweep_write(omv_ctx *ctx, const char *dir, const omv_plan_sweep *s, const omv_net *net)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    static const char *const NAMES[] = {"plan_sweep.csv", "plan_sweep.svg", "plan_sweep.json"};
    char *text[3] = {NULL, NULL, NULL};
    int rc;
    if (!(rc = omv_plan_sweep_csv(&text[0], ctx, s)) && !(rc = omv_plan_sweep_svg(&text[1], ctx, s)) &&
        !(rc = omv_plan_sweep_json(&text[2], ctx, s, net)))
        rc = newline(ctx, &text[2], "plan_sweep.json");
    if (!rc)
        rc = write_all(ctx, dir, NAMES, text, 3);
    for (int f = 0; f < 3; f++)
        free(text[f]);
    return rc;
}
