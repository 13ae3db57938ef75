/*
 * spof_report.h — what the reports of the failure analysis share (spof_json.c, spof_text.c,
 * spof_csv.c, spof_map.c, spof_write.c): a digest of one analysis result read through the public
 * getters, labels of items in words, the region phrased for sentences, and the output every report
 * is written to.
 *
 * A national network has a million items and nodes, so the digest copies no items (the getter
 * decodes one in a few nanoseconds) and builds its per-node and per-link tables only for the reports
 * that need them (omv__spof_view_ranks). Reports are streamed: they go to a file in chunks instead of
 * being built whole in memory.
 */
#ifndef OMV_REPORT_SPOF_REPORT_H
#define OMV_REPORT_SPOF_REPORT_H

#include "core/core.h"

#include <stdio.h>

/* The schema of spof.json. */
#define OMV__SPOF_SCHEMA "omvei/spof/1"

/* Decimals of numbers in the reports: hours, coordinates. */
#define OMV__SPOF_HOURS_DECIMALS 3
#define OMV__SPOF_COORD_DECIMALS 6

/* Per-node flags of the digest. */
enum {
    OMV__SV_CORE = 1,
    OMV__SV_SITE = 2,
    OMV__SV_IN_REGION = 4,
    OMV__SV_ARTICULATION = 8,
    OMV__SV_TOP_ISOLATED = 16 /* isolated by the item of rank 1 (set by omv__spof_view_ranks) */
};

/* What role a link plays in the map: the most severe kind of item it belongs to. */
typedef enum {
    OMV__LINK_REDUNDANT = 0,
    OMV__LINK_SRLG_CUT,
    OMV__LINK_CUT_PAIR,
    OMV__LINK_BRIDGE,
    OMV__LINK_CANDIDATE /* not an existing link: never in the map */
} omv__link_role;

typedef struct {
    const omv_spof *s;
    const omv_net *net;
    /* The run's parameters, as the analysis recorded them. */
    const omv_region *region;        /* NULL: every site counts */
    const omv_region *outage_region; /* NULL: a power outage takes in every node */
    unsigned failures;               /* OR of omv_failure_class */
    int exact_lambda;

    size_t nitems;       /* items in rank order (rank = index + 1): omv__spof_view_item */
    const int32_t *core; /* borrowed from s */
    size_t ncore;

    size_t nnodes, nlinks, nexisting, nsrlg;
    size_t nsites, nsites_region;
    int64_t pop_region;
    uint8_t *node_flags;  /* OMV__SV_* */
    size_t *srlg_off;     /* per group g: its existing links are srlg_link[srlg_off[g] .. srlg_off[g+1]) */
    int32_t *srlg_link;   /* ascending within a group */

    /* Filled by omv__spof_view_ranks (NULL before): */
    int32_t *worst_rank; /* per node: rank of the first item that isolates it, 0 when none */
    int32_t *art_rank;   /* per node: rank of its articulation item, 0 when none */
    uint8_t *link_role;  /* per link: omv__link_role */
    int32_t *link_rank;  /* per link: rank of the worst item holding it (the first), 0 when none */
} omv__spof_view;

/* Reads the result: counts, node flags, the links of each group. Time O(nodes + links). */
int omv__spof_view_init(omv__spof_view *v, omv_ctx *ctx, const omv_spof *s, const omv_net *net);
/* The per-node and per-link tables of the map and the sites table. Time O(nodes + links + items +
 * sum of isolated lists). */
int omv__spof_view_ranks(omv__spof_view *v, omv_ctx *ctx);
void omv__spof_view_free(omv__spof_view *v);

/* Item i in rank order. */
static inline omv_spof_item omv__spof_view_item(const omv__spof_view *v, size_t i)
{
    omv_spof_item it;
    if (omv_spof_item_get(v->s, i, &it))
        it = (omv_spof_item){OMV_ITEM_KIND_COUNT_, {-1, -1}, -1, -1, 0, 0, 0};
    return it;
}
/* Isolated population of the item of rank r (0 for r = 0): the impact shown on the map. */
int64_t omv__spof_view_rank_pop(const omv__spof_view *v, int32_t r);

/* True when node i fails in a power outage of `hours`: power outages were analysed, the node is in
 * the outage region (every node when there is none) and its reserve power is shorter or unknown. */
bool omv__spof_power_fails(const omv__spof_view *v, size_t i, double hours);
/* The outage of the analysis with these hours, or -1. */
long omv__spof_outage_find(const omv__spof_view *v, double hours);

/* "bridge", "articulation_point", "srlg", "cut_pair", "power_outage". */
const char *omv__spof_kind_name(omv_item_kind k);

/* Appends the label of item it: "Fauske–Mo i Rana" (bridge), "Trondheim" (node), "Saltfjellet"
 * (group), "A–B and C–D" (pair), "72-hour power outage in the area ..." (outage). */
void omv__spof_item_label(omv__buf *b, const omv__spof_view *v, const omv_spof_item *it);
/* Appends "Name of a–Name of b" for link l. */
void omv__spof_link_label(omv__buf *b, const omv_net *net, size_t l);

/* The region as words that can follow "people": "north of Trondheim", "on the islands", "in NO",
 * "north of latitude 65", "in the area lon 10.5–18.5, lat 65–69.4". "" for NULL or "all". */
void omv__spof_region_words(char *buf, size_t bufsz, const omv_region *r);

/* 185000 -> "185,000". */
void omv__fmt_thousands(char *buf, size_t bufsz, int64_t v);

/* ---- output --------------------------------------------------------------------------------- */

/* Where a report goes. Text is appended to buf; with a file, the buffer is handed to it whenever it
 * holds OMV__SPOF_OUT_CHUNK bytes (omv__spof_out_flush), so memory stays small whatever the size of
 * the report. Without a file the whole text stays in buf. */
#define OMV__SPOF_OUT_CHUNK ((size_t)1 << 18)
typedef struct {
    omv__buf buf;
    FILE *f;
    int err; /* errno of the first failed write, 0 when none */
} omv__spof_out;

void omv__spof_out_init(omv__spof_out *o, FILE *f);
void omv__spof_out_free(omv__spof_out *o);
/* Writes the buffer out when it holds a chunk (all: whatever it holds). Nothing without a file. */
void omv__spof_out_flush(omv__spof_out *o, bool all);
/* 0, or OMV_ENOMEM / OMV_EIO (naming `what`) when the buffer or a write failed. */
int omv__spof_out_status(const omv__spof_out *o, omv_ctx *ctx, const char *what);

/* The reports, rendered into o (spof.json without its final newline). */
int omv__spof_json_out(omv__spof_out *o, omv_ctx *ctx, const omv__spof_view *v);
int omv__spof_items_out(omv__spof_out *o, omv_ctx *ctx, const omv__spof_view *v);
/* These two build the view's ranks first (omv__spof_view_ranks). */
int omv__spof_sites_out(omv__spof_out *o, omv_ctx *ctx, omv__spof_view *v);
int omv__spof_map_out(omv__spof_out *o, omv_ctx *ctx, omv__spof_view *v);

/* The same reports as malloc'd text (NUL-terminated), for tests and small networks. */
int omv__spof_json_view(char **json, omv_ctx *ctx, const omv__spof_view *v);
int omv__spof_items_csv(char **csv, omv_ctx *ctx, omv__spof_view *v);
int omv__spof_sites_csv(char **csv, omv_ctx *ctx, omv__spof_view *v);
int omv__spof_map_geojson(char **geojson, omv_ctx *ctx, omv__spof_view *v);

#endif /* OMV_REPORT_SPOF_REPORT_H */
