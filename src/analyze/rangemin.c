/*
 * rangemin.c — block-decomposed range minimum (see rangemin.h).
 */
#include "analyze/rangemin.h"

#include <stdlib.h>

enum { BLK = 32 };

int omv__rangemin_init(omv__rangemin *r, omv_ctx *ctx, const int32_t *a, size_t n)
{
    r->a = a;
    r->n = n;
    r->nblk = (n + BLK - 1) / BLK;
    r->levels = 1;
    while (((size_t)1 << r->levels) <= r->nblk)
        r->levels++;
    r->tab = omv__big_malloc((r->levels * r->nblk + 1) * sizeof(*r->tab));
    if (!r->tab)
        return OMV_NOMEM(ctx, "range minimum");
    for (size_t b = 0; b < r->nblk; b++) {
        int32_t m = INT32_MAX;
        for (size_t i = b * BLK; i < n && i < (b + 1) * BLK; i++)
            m = a[i] < m ? a[i] : m;
        r->tab[b] = m;
    }
    for (size_t l = 1; l < r->levels; l++) {
        const int32_t *prev = r->tab + (l - 1) * r->nblk;
        int32_t *cur = r->tab + l * r->nblk;
        size_t half = (size_t)1 << (l - 1);
        for (size_t b = 0; b < r->nblk; b++)
            cur[b] = b + half < r->nblk && prev[b + half] < prev[b] ? prev[b + half] : prev[b];
    }
    return 0;
}

void omv__rangemin_free(omv__rangemin *r)
{
    free(r->tab);
    r->tab = NULL;
}

int32_t omv__rangemin_get(const omv__rangemin *r, size_t lo, size_t hi)
{
    int32_t m = INT32_MAX;
    if (hi > r->n)
        hi = r->n;
    if (lo >= hi)
        return m;
    size_t bl = (lo + BLK - 1) / BLK, bh = hi / BLK; /* whole blocks [bl, bh) */
    if (bl >= bh) {
        for (size_t i = lo; i < hi; i++)
            m = r->a[i] < m ? r->a[i] : m;
        return m;
    }
    for (size_t i = lo; i < bl * BLK; i++)
        m = r->a[i] < m ? r->a[i] : m;
    for (size_t i = bh * BLK; i < hi; i++)
        m = r->a[i] < m ? r->a[i] : m;
    size_t len = bh - bl, l = 0;
    while (((size_t)2 << l) <= len)
        l++;
    const int32_t *row = r->tab + l * r->nblk;
    int32_t x = row[bl], y = row[bh - ((size_t)1 << l)];
    x = y < x ? y : x;
    return x < m ? x : m;
}
