/*
 * rangemin.h — minimum of an int32 array over index ranges, for the tie rule of the largest
 * component ("lowest node index") over preorder ranges. Blocks of 32 values with a sparse table over
 * the block minima: O(n / 32 · log n) memory, O(32) per query.
 */
#ifndef OMV_RANGEMIN_H
#define OMV_RANGEMIN_H

#include "core/core.h"

typedef struct {
    const int32_t *a; /* borrowed */
    size_t n, nblk, levels;
    int32_t *tab; /* levels x nblk: minimum of blocks [j, j + 2^level) */
} omv__rangemin;

/* a must outlive the structure. */
int omv__rangemin_init(omv__rangemin *r, omv_ctx *ctx, const int32_t *a, size_t n);
void omv__rangemin_free(omv__rangemin *r);
/* Minimum of a[lo .. hi); INT32_MAX when the range is empty. */
int32_t omv__rangemin_get(const omv__rangemin *r, size_t lo, size_t hi);

#endif
