/*
 * omvei/srlg_derive.h — shared-risk groups derived from the data instead of typed by hand. Included
 * by omvei.h; can also be included alone.
 *
 * Two kinds of evidence make a derived group:
 *  - "route": links whose route geometries (GeoJSON LineStrings, OFDS routes) run within d_m metres of
 *    each other for more than l_km km: the same duct, bridge, tunnel or fjord crossing. Each pair of
 *    links is measured both ways (the length of one route lying within d_m of the other, sampled
 *    every min(d_m / 2, 100 m) with geodesic distances from PROJ); the overlap of a pair is the
 *    smaller of the two. A group is a maximal set of links that overlap pairwise (three cables in one
 *    duct make one group of three; A along B and B along C, with A far from C, make two groups).
 *    Its overlap_km is the smallest pairwise overlap among its links. Links without a route are not
 *    considered: a straight line between the ends says nothing about where the cable runs.
 *  - "codeployment" / "supportingInfrastructure" (OFDS 0.4 style, read from the extra attributes of
 *    that name): spans deployed with the same owner's infrastructure ({"type": "duct", "owner":
 *    {"name": "Bane NOR"}}) form one group per type and owner; an item without an owner counts by
 *    its own id or text. overlap_km is NaN for these.
 * Names: "route:<id>+<id>..." (link ids in network order), "codeployment:<type>:<owner>",
 * "supportingInfrastructure:<type>:<owner>".
 */
#ifndef OMVEI_SRLG_DERIVE_H
#define OMVEI_SRLG_DERIVE_H

#include "omvei/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct omv_srlg_derived omv_srlg_derived;

/* Derives the groups of net (existing links and candidates with two ends). d_m > 0, l_km >= 0.
 * Time: a sweep over route bounding boxes finds the pairs that may overlap; each such pair costs
 * O(samples x nearby segments) geodesic problems. Deterministic; no threads. */
OMV_API int omv_srlg_derive(omv_srlg_derived **out, omv_ctx *ctx, const omv_net *net, double d_m, double l_km);
OMV_API void omv_srlg_derived_free(omv_srlg_derived *d);

OMV_API size_t omv_srlg_derived_count(const omv_srlg_derived *d);
/* Links that had a route and were compared. */
OMV_API size_t omv_srlg_derived_routed(const omv_srlg_derived *d);
OMV_API const char *omv_srlg_derived_name(const omv_srlg_derived *d, size_t g);
/* "route", "codeployment" or "supportingInfrastructure". */
OMV_API const char *omv_srlg_derived_reason(const omv_srlg_derived *d, size_t g);
OMV_API double omv_srlg_derived_overlap_km(const omv_srlg_derived *d, size_t g);
OMV_API size_t omv_srlg_derived_link_count(const omv_srlg_derived *d, size_t g);
/* Link index (into net) of the k-th link of group g, in network order. */
OMV_API size_t omv_srlg_derived_link(const omv_srlg_derived *d, size_t g, size_t k);

/* Adds the derived groups to net's shared-risk groups (a group of the same name is reused), so that
 * every later analysis sees them. Call before any analysis runs on net: it changes the network that
 * analyses treat as read-only. Time O(links + group members). */
OMV_API int omv_net_add_srlgs(omv_net *net, omv_ctx *ctx, const omv_srlg_derived *d);

/* Derives and adds in one call; *ngroups (may be NULL) receives the number of groups added. */
OMV_API int omv_net_derive_srlg(omv_net *net, omv_ctx *ctx, double d_m, double l_km, size_t *ngroups);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_SRLG_DERIVE_H */
