/*
 * omvei/aftermath.h — what a shared-risk group leaves behind. Included by omvei.h; can also be
 * included alone.
 *
 * A corridor whose loss cuts nothing off can still leave whole regions one cut from isolation: the
 * Saltfjellet crossing, with the coastal cable still up, is the classic case. For each risk group
 * this answers: which region sites that had two or more link-disjoint paths to the core keep only
 * one once the group is down, and which single further link would then cut off the most people.
 */
#ifndef OMVEI_AFTERMATH_H
#define OMVEI_AFTERMATH_H

#include "omvei/common.h"
#include "omvei/spof.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    long srlg;                  /* group index */
    size_t links;               /* existing links in the group */
    size_t weakened_sites;      /* region sites down from lambda >= 2 to lambda 1 by the group's loss */
    int64_t weakened_population;
    long worst_link;            /* the link, no single point of failure before, that lost as well cuts off
                                 * the most people; -1 when none */
    size_t worst_sites;         /* region sites the group and worst_link together cut off */
    int64_t worst_population;
} omv_aftermath;

/*
 * Evaluates every shared-risk group of net with the options' core and region (the failure classes
 * and outages of opt are ignored). *out receives one entry per group that weakens at least one site,
 * sorted by weakened population (descending), then group index; free it with omv_aftermath_free.
 * Each group costs one copy of the network and one failure analysis, O(groups x (nodes + links)):
 * meant for national backbones with tens or hundreds of groups, not for millions of access links.
 */
OMV_API int omv_aftermath_run(omv_aftermath **out, size_t *n, omv_ctx *ctx, const omv_net *net,
                              const omv_spof_options *opt);
/* Frees the entries of omv_aftermath_run; NULL does nothing. (The entries are one block, so free()
 * works as well; this is the matching call the conventions of omvei.h promise.) */
OMV_API void omv_aftermath_free(omv_aftermath *a);

/* The plain-words lines for the first `top` entries (all when top is 0); *text is malloc'd. */
OMV_API int omv_aftermath_text(char **text, omv_ctx *ctx, const omv_aftermath *a, size_t n, const omv_net *net,
                       const omv_region *region, size_t top);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_AFTERMATH_H */
