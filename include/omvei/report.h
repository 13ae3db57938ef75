/*
 * omvei/report.h — report.html, the one page of a report folder that a committee reads. Included by
 * omvei.h; can also be included alone.
 */
#ifndef OMVEI_REPORT_H
#define OMVEI_REPORT_H

#include "omvei/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes dir/report.html (through a temporary name and a rename) from the result files the folder
 * holds: manifest.json, spof.json, map.geojson, plan.json, plan_map.geojson, plan_sweep.json,
 * reroute.json, compare.json, and the same files of its sub-folders (domestic/, ...). The page is
 * self-contained: inline CSS and SVG, one small inline script, no network access (a Content Security
 * Policy forbids it). It holds a summary in plain words, a map projected to UTM zone 33N
 * (EPSG:25833) with coastlines, ranked tables of single points of failure, the investments, the
 * budget curve, before and after, the proposals side by side, the rerouting worst cases and the
 * manifest. Sections whose file is absent are left out; the page says which. Every text taken from
 * the inputs is escaped. When the folder above dir holds a report.html and a manifest.json (dir is
 * its sub-folder, such as domestic/), that page is written again too; its failure is a warning.
 *
 * The coastlines come from nordic-countries-50m.geojson, looked up in $OMVEI_GEO, the source tree's
 * data/geo, then the installed share/omvei/geo; without it the map has no coastlines.
 *
 * Errors: OMV_EARG when dir is not a folder; OMV_EDATA (file:line:col) when a result file is not
 * valid JSON; OMV_EIO when report.html cannot be written. Linear in the size of the files read.
 */
OMV_API int omv_report_html(omv_ctx *ctx, const char *dir);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_REPORT_H */
