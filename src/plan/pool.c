/*
 * pool.c — every protection row the planner has found. The rows are valid for any budget and any
 * branch, so a row found once is kept: GLPK drops lazy rows added below the root when it leaves
 * that subtree, and the pool gives them back cheaply (a scan instead of max-flows), seeds the second
 * phase of budget mode and the next budget of a sweep. Identical rows are stored once (hashed).
 */
#include "plan/model.h"

#include <stdlib.h>
#include <string.h>

void omv__pool_init(omv__pool *p) { memset(p, 0, sizeof(*p)); }

void omv__pool_free(omv__pool *p)
{
    free(p->start);
    free(p->col);
    free(p->val);
    free(p->rhs);
    free(p->slot);
    free(p->rowhash);
    memset(p, 0, sizeof(*p));
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    d += 0.0; /* -0.0 and 0.0 hash alike */
    memcpy(&u, &d, sizeof(u));
    return u;
}

static uint64_t row_hash(const int32_t *col, const double *val, size_t len, double rhs)
{
    uint64_t h = mix(0x1234567ull, dbits(rhs));
    for (size_t k = 0; k < len; k++)
        h = mix(mix(h, (uint64_t)(uint32_t)col[k]), dbits(val[k]));
    return h ? h : 1;
}

static int same_row(const omv__pool *p, size_t r, const int32_t *col, const double *val, size_t len, double rhs)
{
    size_t s = p->start[r];
    if (p->start[r + 1] - s != len || p->rhs[r] != rhs)
        return 0;
    return !memcmp(p->col + s, col, len * sizeof(*col)) && !memcmp(p->val + s, val, len * sizeof(*val));
}

static int rehash(omv__pool *p, size_t cap)
{
    size_t *slot = calloc(cap, sizeof(*slot));
    if (!slot)
        return OMV_ENOMEM;
    for (size_t r = 0; r < p->nrows; r++) {
        size_t i = (size_t)(p->rowhash[r] & (cap - 1));
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = r + 1;
    }
    free(p->slot);
    p->slot = slot;
    p->capslot = cap;
    return 0;
}

int omv__pool_add(omv__pool *p, omv_ctx *ctx, const int32_t *col, const double *val, size_t len, double rhs,
                  size_t *row, int *is_new)
{
    *is_new = 0;
    for (size_t k = 1; k < len; k++)
        if (col[k] <= col[k - 1])
            return OMV_ERR(ctx, OMV_EINTERNAL, "protection row with unsorted or repeated columns");
    uint64_t h = row_hash(col, val, len, rhs);
    if (p->capslot < 2 * (p->nrows + 1) && rehash(p, p->capslot ? 2 * p->capslot : 1024))
        return OMV_NOMEM(ctx, "protection rows");
    size_t i = (size_t)(h & (p->capslot - 1));
    while (p->slot[i]) {
        size_t r = p->slot[i] - 1;
        if (p->rowhash[r] == h && same_row(p, r, col, val, len, rhs)) {
            *row = r;
            return 0;
        }
        i = (i + 1) & (p->capslot - 1);
    }
    size_t nz = p->nrows ? p->start[p->nrows] : 0;
    if (p->nrows + 2 > p->caprows) {
        size_t cap = p->caprows ? 2 * p->caprows : 256;
        double *rhs_ = realloc(p->rhs, cap * sizeof(*rhs_));
        if (rhs_)
            p->rhs = rhs_;
        uint64_t *rh = realloc(p->rowhash, cap * sizeof(*rh));
        if (rh)
            p->rowhash = rh;
        size_t *st = realloc(p->start, cap * sizeof(*st));
        if (st)
            p->start = st;
        if (!rhs_ || !rh || !st)
            return OMV_NOMEM(ctx, "protection rows");
        p->caprows = cap;
    }
    if (nz + len + 1 > p->capnz) {
        size_t cap = p->capnz ? 2 * p->capnz : 4096;
        while (cap < nz + len + 1)
            cap *= 2;
        int32_t *c2 = realloc(p->col, cap * sizeof(*c2));
        if (c2)
            p->col = c2;
        double *v2 = realloc(p->val, cap * sizeof(*v2));
        if (v2)
            p->val = v2;
        if (!c2 || !v2)
            return OMV_NOMEM(ctx, "protection rows");
        p->capnz = cap;
    }
    if (p->nrows == 0)
        p->start[0] = 0;
    memcpy(p->col + nz, col, len * sizeof(*col));
    memcpy(p->val + nz, val, len * sizeof(*val));
    p->rhs[p->nrows] = rhs;
    p->rowhash[p->nrows] = h;
    p->start[p->nrows + 1] = nz + len;
    p->slot[i] = p->nrows + 1;
    *row = p->nrows++;
    *is_new = 1;
    return 0;
}

double omv__pool_violation(const omv__pool *p, size_t r, const double *xv, const double *yv, size_t nvar)
{
    double act = 0;
    for (size_t k = p->start[r]; k < p->start[r + 1]; k++) {
        int32_t j = p->col[k];
        act += p->val[k] * ((size_t)j < nvar ? xv[j] : yv[(size_t)j - nvar]);
    }
    return p->rhs[r] - act;
}
