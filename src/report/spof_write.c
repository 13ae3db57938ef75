/*
 * spof_write.c — writes the report files of the failure analysis into a report folder: spof.json,
 * spof_items.csv, spof_sites.csv and map.geojson.
 *
 * Every file is rendered before the first one is written, so a failure while rendering leaves the
 * folder as it was; each file is then written under a temporary name and renamed.
 */
#include "report/spof_report.h"

#include <stdlib.h>
#include <string.h>

enum { F_JSON, F_ITEMS, F_SITES, F_MAP, F_COUNT };

static const char *const NAMES[F_COUNT] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};

/* Appends a final newline to a malloc'd text (spof.json is rendered without one). */
static int add_newline(omv_ctx *ctx, char **text)
{
    size_t n = strlen(*text);
    char *t = realloc(*text, n + 2);
    if (!t)
        return OMV_NOMEM(ctx, "spof.json");
    t[n] = '\n';
    t[n + 1] = '\0';
    *text = t;
    return 0;
}

int omv_spof_write(omv_ctx *ctx, const char *dir, const omv_spof *s, const omv_net *net)
{
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    omv__spof_view v;
    int rc = omv__spof_view_init(&v, ctx, s, net);
    if (rc)
        return rc;
    char *text[F_COUNT] = {NULL};
    if (!(rc = omv__spof_json_view(&text[F_JSON], ctx, &v)) && !(rc = add_newline(ctx, &text[F_JSON])) &&
        !(rc = omv__spof_items_csv(&text[F_ITEMS], ctx, &v)) && !(rc = omv__spof_sites_csv(&text[F_SITES], ctx, &v)))
        rc = omv__spof_map_geojson(&text[F_MAP], ctx, &v);
    for (int f = 0; !rc && f < F_COUNT; f++)
        rc = omv_report_write(ctx, dir, NAMES[f], text[f]);
    for (int f = 0; f < F_COUNT; f++)
        free(text[f]);
    omv__spof_view_free(&v);
    return rc;
}
