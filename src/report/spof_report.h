/*
 * spof_report.h — what the reports of the failure analysis share (spof_json.c, spof_text.c,
 * spof_csv.c, spof_map.c, spof_write.c): a digest of one analysis result read once through the
 * public getters, labels of items in words, and the region phrased for sentences.
 */
#ifndef OMV_REPORT_SPOF_REPORT_H
#define OMV_REPORT_SPOF_REPORT_H

#include "core/core.h"

/* The schema of spof.json. */
#define OMV__SPOF_SCHEMA "omvei/spof/1"

/* Decimals of numbers in the reports: hours, coordinates. */
#define OMV__SPOF_HOURS_DECIMALS 3
#define OMV__SPOF_COORD_DECIMALS 6

/* Per-node flags of the digest. */
enum { OMV__SV_CORE = 1, OMV__SV_SITE = 2, OMV__SV_IN_REGION = 4, OMV__SV_ARTICULATION = 8 };

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

    size_t nitems;
    omv_spof_item *items; /* in rank order (rank = index + 1) */
    const int32_t *core;  /* borrowed from s */
    size_t ncore;

    size_t nnodes, nlinks, nexisting, nsrlg;
    size_t nsites, nsites_region;
    int64_t pop_region;
    uint8_t *node_flags;     /* OMV__SV_* */
    int32_t *worst_rank;     /* per node: rank of the first item that isolates it, 0 when none */
    int64_t *node_impact;    /* per node: isolated population of its articulation item, 0 when none */
    uint8_t *link_role;      /* per link: omv__link_role */
    int64_t *link_impact;    /* per link: largest isolated population of an item holding it, 0 */
    size_t *srlg_off;        /* per group g: its existing links are srlg_link[srlg_off[g] .. srlg_off[g+1]) */
    int32_t *srlg_link;      /* ascending within a group */
    bool *top_isolated;      /* per node: isolated by the item of rank 1 */
} omv__spof_view;

/* Reads the result once. Time O(nodes + links + sum of isolated lists). */
int omv__spof_view_init(omv__spof_view *v, omv_ctx *ctx, const omv_spof *s, const omv_net *net);
void omv__spof_view_free(omv__spof_view *v);

/* True when node i fails in a power outage of `hours`: power outages were analysed, the node is in
 * the outage region (every node when there is none) and its reserve power is shorter or unknown. */
bool omv__spof_power_fails(const omv__spof_view *v, size_t i, double hours);
/* The outage of the analysis with these hours, or -1. */
long omv__spof_outage_find(const omv__spof_view *v, double hours);

/* "bridge", "articulation_point", "srlg", "cut_pair", "power_outage". */
const char *omv__spof_kind_name(omv_item_kind k);

/* Appends the label of item i: "Fauske–Mo i Rana" (bridge), "Trondheim" (node), "Saltfjellet"
 * (group), "A–B and C–D" (pair), "72-hour power outage in the area ..." (outage). */
void omv__spof_item_label(omv__buf *b, const omv__spof_view *v, size_t i);
/* Appends "Name of a–Name of b" for link l. */
void omv__spof_link_label(omv__buf *b, const omv_net *net, size_t l);

/* The region as words that can follow "people": "north of Trondheim", "on the islands", "in NO",
 * "north of latitude 65", "in the area lon 10.5–18.5, lat 65–69.4". "" for NULL or "all". */
void omv__spof_region_words(char *buf, size_t bufsz, const omv_region *r);

/* 185000 -> "185,000". */
void omv__fmt_thousands(char *buf, size_t bufsz, int64_t v);

/* The reports as text (malloc'd, NUL-terminated). */
int omv__spof_items_csv(char **csv, omv_ctx *ctx, const omv__spof_view *v);
int omv__spof_sites_csv(char **csv, omv_ctx *ctx, const omv__spof_view *v);
int omv__spof_map_geojson(char **geojson, omv_ctx *ctx, const omv__spof_view *v);
int omv__spof_json_view(char **json, omv_ctx *ctx, const omv__spof_view *v);

#endif /* OMV_REPORT_SPOF_REPORT_H */
