/*
 * html.h — what the files of report.html share (src/report/html*.c): the result files of one report
 * folder as read, escaping and number formats, the section writers, the label placer used by the
 * map and the budget chart, and the budget chart itself (also behind plan_sweep.svg).
 */
#ifndef OMV_REPORT_HTML_H
#define OMV_REPORT_HTML_H

#include "core/core.h"

#include <jansson.h>

/* The result files of one folder; a member is NULL when its file is absent. */
typedef struct {
    const char *rel;    /* the folder relative to the report ("" for the report's own folder) */
    const char *idp;    /* prefix of element ids, so sub-folders do not clash ("" or "domestic-") */
    json_t *manifest, *spof, *map, *plan, *plan_map, *sweep, *reroute, *reroute_map, *compare;
    json_t *names;     /* node id -> display name, from the point features of the maps */
    char skipped[256]; /* result files too large for the page, comma-separated */
} omv__html_folder;

/* A result file larger than this is not read into the page (its section says so). */
#define OMV__HTML_MAX_FILE (64L << 20)

/* The display name of a node ("Bodø"), or the id itself when unknown. Borrowed. */
const char *omv__html_name(const omv__html_folder *f, const char *id);

/* ---- text ------------------------------------------------------------------------------------ */

/* Appends s with & < > " ' escaped, valid in text and in quoted attribute values. Invalid UTF-8
 * bytes become U+FFFD; control characters other than tab and newline are dropped. NULL appends "". */
void omv__html_esc(omv__buf *b, const char *s);
/* Appends at most max code points of s, escaped, with "…" when cut. */
void omv__html_esc_cut(omv__buf *b, const char *s, size_t max);
/* Code points of a UTF-8 string (for label widths). */
size_t omv__html_utf8_len(const char *s);
/* 595669 -> "595,669"; rounds to a whole number; NaN -> "–". */
void omv__html_int(omv__buf *b, double v);
/* Money for people: "1.40 bn NOK", "45.7 MNOK", "460,000 NOK". */
void omv__html_money(omv__buf *b, double nok);

/* The failure classes of --against in words: "links,srlg" -> "single-link and shared-risk-group". */
void omv__html_classes(omv__buf *b, const char *against);

/* Opens <section id="<idp><id>"> with its <h2> title (and the sub-folder, when not the top). */
void omv__html_section(omv__buf *b, const omv__html_folder *f, const char *id, const char *title);

/* Members read leniently: a missing or mistyped member gives the default. */
const char *omv__json_s(const json_t *o, const char *key); /* NULL when absent */
double omv__json_d(const json_t *o, const char *key, double dflt);
json_t *omv__json_a(const json_t *o, const char *key); /* an array or NULL */

/* ---- sections (html_spof.c, html_plan.c, html_compare.c, html_reroute.c, html_manifest.c) ---- */

void omv__html_summary(omv__buf *b, const omv__html_folder *f);
void omv__html_spof(omv__buf *b, const omv__html_folder *f);
void omv__html_plan(omv__buf *b, const omv__html_folder *f);
void omv__html_sweep(omv__buf *b, const omv__html_folder *f);
void omv__html_compare(omv__buf *b, const omv__html_folder *f);
void omv__html_reroute(omv__buf *b, const omv__html_folder *f);
void omv__html_manifest(omv__buf *b, const omv__html_folder *f);

/* The map (html_map.c): an inline <svg> of the network in UTM 33N with coastlines, the single points
 * of failure and the investments labelled; with reroute = true, the links coloured by their
 * worst-case utilisation instead. Appends nothing and returns 0 when the folder has no geometry.
 * A failure of PROJ is written into the page as a note, not returned: the rest of the report
 * stands without the map. */
void omv__html_map(omv__buf *b, omv_ctx *ctx, const omv__html_folder *f, bool reroute);

/* ---- label placement (html_labels.c) ------------------------------------------------------ */

typedef struct {
    double x0, y0, x1, y1;
} omv__box;

typedef struct {
    omv__box *box;
    size_t n, cap;
    double w, h; /* the drawing; labels stay inside it */
} omv__labels;

void omv__labels_init(omv__labels *L, double w, double h);
void omv__labels_free(omv__labels *L);
/* Marks a region labels must not cover (a marker, the legend). */
void omv__labels_block(omv__labels *L, double x0, double y0, double x1, double y1);
/* Finds a place for a label of nchars code points at font size fs beside the point (x, y), at gap
 * r from it: tries right, left, above, below and the diagonals, then twice as far. On success
 * stores the text's baseline origin and anchor ("start", "end" or "middle"), blocks the place and
 * returns true; returns false when every place overlaps (the caller drops the label). */
bool omv__labels_place(omv__labels *L, double x, double y, double r, size_t nchars, double fs, double *tx,
                       double *ty, const char **anchor);

/* ---- the budget chart (plan_svg.c) ---------------------------------------------------------- */

typedef struct {
    double cost_mnok, pop, budget_mnok;
    int pareto;
} omv__chart_pt;

/* Appends the <svg> element (no XML prolog) of the cost versus protected-residents chart. The
 * y-axis runs from a round value below the data to a round value above it, with round ticks; the
 * x-axis is logarithmic when the costs spread over more than a factor 20. Points are sorted in
 * place. total_pop is the residents of every target (a dashed line when it fits the axis). */
void omv__sweep_chart(omv__buf *b, omv__chart_pt *pts, size_t n, double total_pop);

#endif /* OMV_REPORT_HTML_H */
