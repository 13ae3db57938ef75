/*
 * mem.c — small containers: growable arrays, a string arena, an open-addressing string map and a
 * text buffer. The arena lets a network of a million nodes keep its ids without a million mallocs.
 */
/* madvise and MADV_HUGEPAGE are not in strict C11. */
#define _DEFAULT_SOURCE

#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BIG_BYTES ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

/* Asks for huge pages over the 2 MB-aligned inside of [p, p + bytes): the kernel places them on a
 * page's first touch, so this must come before the block is written. */
static void *hint_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    if (p && bytes >= BIG_BYTES) {
        uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
        uintptr_t hi = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);
        if (hi > lo)
            madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice only: its failure changes nothing */
    }
#endif
    return p;
}

void *omv__big_malloc(size_t bytes) { return hint_huge(malloc(bytes), bytes); }

void *omv__big_realloc(void *p, size_t bytes) { return hint_huge(realloc(p, bytes), bytes); }

void *omv__big_calloc(size_t n, size_t size)
{
    /* A large calloc maps fresh zero pages without touching them, so the advice is still in time. */
    return hint_huge(calloc(n, size), n * size);
}

/* Moves *arr to a block of ncap elements. */
static int resize(void **arr, size_t *cap, size_t ncap, size_t elsz)
{
    void *p;
    if (ncap * elsz >= BIG_BYTES) {
        /* A new block advised before the copy writes it: realloc would copy into pages already
         * faulted in at 4 KB. */
        if (!(p = omv__big_malloc(ncap * elsz)))
            return OMV_ENOMEM;
        if (*cap)
            memcpy(p, *arr, *cap * elsz);
        free(*arr);
    } else if (!(p = realloc(*arr, ncap * elsz))) {
        return OMV_ENOMEM;
    }
    *arr = p;
    *cap = ncap;
    return 0;
}

int omv__grow(void **arr, size_t *cap, size_t need, size_t elsz)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elsz)
            return OMV_ENOMEM;
        ncap *= 2;
    }
    return resize(arr, cap, ncap, elsz);
}

int omv__reserve(void **arr, size_t *cap, size_t need, size_t elsz)
{
    if (need <= *cap)
        return 0;
    return need > SIZE_MAX / elsz ? OMV_ENOMEM : resize(arr, cap, need, elsz);
}

/* ---- arena ---------------------------------------------------------------------------------- */

struct omv__arena_blk {
    omv__arena_blk *next;
    size_t size;
    max_align_t data[];
};

#define ARENA_BLOCK (256u * 1024u)
#define ARENA_BLOCK_MAX ((size_t)8 << 20)

void omv__arena_init(omv__arena *a) { memset(a, 0, sizeof(*a)); }

void omv__arena_free(omv__arena *a)
{
    omv__arena_blk *b = a->head;
    while (b) {
        omv__arena_blk *n = b->next;
        free(b);
        b = n;
    }
    memset(a, 0, sizeof(*a));
}

static int arena_new_block(omv__arena *a, size_t sz)
{
    omv__arena_blk *b = omv__big_malloc(sizeof(*b) + sz);
    if (!b)
        return -1;
    b->size = sz;
    b->next = a->head;
    a->head = b;
    a->used = 0;
    a->cap = sz;
    return 0;
}

/* Each new block is twice the last, up to ARENA_BLOCK_MAX: a small network keeps one small block,
 * and the ids of a million nodes sit in few large blocks that get huge pages (omv__big_malloc), so
 * that looking an id up does not also miss the TLB. */
static size_t arena_next_size(const omv__arena *a)
{
    size_t sz = a->head && a->cap >= ARENA_BLOCK ? 2 * a->cap : ARENA_BLOCK;
    return sz > ARENA_BLOCK_MAX ? ARENA_BLOCK_MAX : sz;
}

/* A piece larger than a quarter block gets a block of its own, linked behind the current one, so
 * the free space of the current block is not wasted. */
static void *arena_big(omv__arena *a, size_t n)
{
    if (n > SIZE_MAX - sizeof(omv__arena_blk))
        return NULL;
    omv__arena_blk *b = malloc(sizeof(*b) + n);
    if (!b)
        return NULL;
    b->size = n;
    if (a->head) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = NULL;
        a->head = b;
        a->used = a->cap = n;
    }
    return b->data;
}

void *omv__arena_alloc(omv__arena *a, size_t n)
{
    /* Pointers and doubles are all the arena holds: 8-byte alignment, not max_align_t's 16. */
    const size_t al = 8;
    if (n > SIZE_MAX - al) /* rounding up would wrap to a tiny size */
        return NULL;
    n = (n + al - 1) & ~(al - 1);
    if (n > ARENA_BLOCK / 4)
        return arena_big(a, n);
    size_t start = (a->used + al - 1) & ~(al - 1);
    if (!a->head || start + n > a->cap) {
        if (arena_new_block(a, arena_next_size(a)))
            return NULL;
        start = 0;
    }
    a->used = start + n;
    return (char *)a->head->data + start;
}

char *omv__arena_strndup(omv__arena *a, const char *s, size_t n)
{
    char *p;
    if (n == SIZE_MAX)
        return NULL;
    /* Strings need no alignment: they cost their length + 1. */
    if (n + 1 > ARENA_BLOCK / 4) {
        p = arena_big(a, n + 1);
    } else {
        if (!a->head || a->used + n + 1 > a->cap) {
            if (arena_new_block(a, arena_next_size(a)))
                return NULL;
        }
        p = (char *)a->head->data + a->used;
        a->used += n + 1;
    }
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *omv__arena_strdup(omv__arena *a, const char *s) { return omv__arena_strndup(a, s, strlen(s)); }

void omv__arena_adopt(omv__arena *dst, omv__arena *src)
{
    if (!src->head)
        return;
    if (!dst->head) {
        *dst = *src;
    } else {
        omv__arena_blk *last = src->head;
        while (last->next)
            last = last->next;
        last->next = dst->head->next;
        dst->head->next = src->head;
    }
    memset(src, 0, sizeof(*src));
}

/* ---- strmap --------------------------------------------------------------------------------- */

uint64_t omv__hash_str(const char *s)
{
    /* FNV-1a, then a final mix so that the low bits used for slots are well spread. */
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

void omv__strmap_init(omv__strmap *m) { memset(m, 0, sizeof(*m)); }

void omv__strmap_free(omv__strmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

int32_t omv__strmap_get(const omv__strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = omv__hash_str(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

static int strmap_rehash(omv__strmap *m, size_t ncap)
{
    const char **nk = calloc(ncap, sizeof(*nk));
    int32_t *nv = malloc(ncap * sizeof(*nv));
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return OMV_ENOMEM;
    }
    size_t mask = ncap - 1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = omv__hash_str(m->keys[i]) & mask;
        while (nk[j])
            j = (j + 1) & mask;
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return 0;
}

int omv__strmap_put(omv__strmap *m, const char *key, int32_t val)
{
    if ((m->len + 1) * 4 >= m->cap * 3) {
        if (strmap_rehash(m, m->cap ? m->cap * 2 : 64))
            return OMV_ENOMEM;
    }
    size_t mask = m->cap - 1;
    size_t i = omv__hash_str(key) & mask;
    for (; m->keys[i]; i = (i + 1) & mask) {
        if (strcmp(m->keys[i], key) == 0)
            return 1;
    }
    m->keys[i] = key;
    m->vals[i] = val;
    m->len++;
    return 0;
}

/* ---- idmap ---------------------------------------------------------------------------------- */

void omv__idmap_init(omv__idmap *m, omv__key_fn key)
{
    memset(m, 0, sizeof(*m));
    m->key = key;
}

void omv__idmap_free(omv__idmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->len = 0;
}

int32_t omv__idmap_get(const omv__idmap *m, const void *owner, const char *key)
{
    return m->cap ? omv__idmap_get_hashed(m, owner, key, (uint32_t)omv__hash_str(key)) : -1;
}

/* The probe shared by lookups: the first entry of hash h whose key is `key`, or with key NULL the first
 * entry of hash h, whatever its key. */
static inline int32_t idmap_find(const omv__idmap *m, const void *owner, const char *key, uint32_t h)
{
    if (!m->cap)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t v = m->slots[i];
        if (!v)
            return -1;
        int32_t idx = (int32_t)((v >> 32) - 1);
        if ((uint32_t)v == h && (!key || strcmp(m->key(owner, idx), key) == 0))
            return idx;
    }
}

int32_t omv__idmap_get_hashed(const omv__idmap *m, const void *owner, const char *key, uint32_t h)
{
    return idmap_find(m, owner, key, h);
}

int32_t omv__idmap_peek(const omv__idmap *m, uint32_t h) { return idmap_find(m, NULL, NULL, h); }

/* Moves the entries whose index is below `below` to a table of ncap slots. */
static int idmap_rehash(omv__idmap *m, size_t ncap, int64_t below)
{
    /* A table probed at random sits on 2 MB pages where the kernel offers them, so that a probe
     * costs one cache miss and not also a page-table walk; its pages are cleared on first touch, by
     * whichever thread touches them. */
    uint64_t *ns = omv__big_calloc(ncap, sizeof(*ns));
    if (!ns)
        return OMV_ENOMEM;
    size_t mask = ncap - 1, len = 0;
    /* The stored hash bits place every entry again without reading a single key. */
    for (size_t i = 0; i < m->cap; i++) {
        uint64_t v = m->slots[i];
        if (!v || (int64_t)(v >> 32) - 1 >= below)
            continue;
        size_t j = (uint32_t)v & mask;
        while (ns[j])
            j = (j + 1) & mask;
        ns[j] = v;
        len++;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    m->len = len;
    return 0;
}

int omv__idmap_reserve(omv__idmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 64;
    while (cap * 3 < n * 4 && cap < ((size_t)1 << 32))
        cap *= 2;
    return cap > m->cap ? idmap_rehash(m, cap, INT64_MAX) : 0;
}

int omv__idmap_put_shared(omv__idmap *m, const void *owner, int32_t idx, uint32_t h)
{
    const char *key = m->key(owner, idx);
    uint64_t mine = ((uint64_t)(idx + 1) << 32) | h;
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t v = __atomic_load_n(&m->slots[i], __ATOMIC_ACQUIRE);
        /* On a lost race v becomes the winner's entry, which may hold this very key. */
        if (!v && __atomic_compare_exchange_n(&m->slots[i], &v, mine, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return 0;
        if ((uint32_t)v == h && strcmp(m->key(owner, (int32_t)((v >> 32) - 1)), key) == 0)
            return 1;
    }
}

int omv__idmap_keep(omv__idmap *m, int32_t n)
{
    return m->cap ? idmap_rehash(m, m->cap, n) : 0;
}

void omv__idmap_prefetch(const omv__idmap *m, uint32_t h)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[h & (m->cap - 1)], 1);
}

int omv__idmap_put(omv__idmap *m, const void *owner, int32_t idx, int32_t *existing)
{
    return omv__idmap_put_hashed(m, owner, idx, (uint32_t)omv__hash_str(m->key(owner, idx)), existing);
}

int omv__idmap_put_hashed(omv__idmap *m, const void *owner, int32_t idx, uint32_t h, int32_t *existing)
{
    if (idx < 0 || (uint64_t)idx >= UINT32_MAX)
        return OMV_ENOMEM;
    /* 32 hash bits address at most 2^32 slots: beyond that the map cannot grow. */
    if ((m->len + 1) * 4 > m->cap * 3 &&
        (m->cap >= ((size_t)1 << 32) || idmap_rehash(m, m->cap ? m->cap * 2 : 64, INT64_MAX)))
        return OMV_ENOMEM;
    const char *key = m->key(owner, idx);
    size_t mask = m->cap - 1;
    size_t i = h & mask;
    for (; m->slots[i]; i = (i + 1) & mask) {
        uint64_t v = m->slots[i];
        int32_t other = (int32_t)((v >> 32) - 1);
        if ((uint32_t)v == h && strcmp(m->key(owner, other), key) == 0) {
            if (existing)
                *existing = other;
            return 1;
        }
    }
    m->slots[i] = ((uint64_t)(idx + 1) << 32) | h;
    m->len++;
    return 0;
}

/* ---- text buffer ---------------------------------------------------------------------------- */

void omv__buf_init(omv__buf *b) { memset(b, 0, sizeof(*b)); }
void omv__buf_free(omv__buf *b)
{
    free(b->s);
    memset(b, 0, sizeof(*b));
}

static int buf_reserve(omv__buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (OMV_GROW(b->s, b->cap, b->len + extra + 1)) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

void omv__buf_puts(omv__buf *b, const char *s)
{
    size_t n = strlen(s);
    if (buf_reserve(b, n))
        return;
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void omv__buf_printf(omv__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *omv__buf_take(omv__buf *b)
{
    if (b->failed) {
        omv__buf_free(b);
        return NULL;
    }
    if (!b->s && buf_reserve(b, 0))
        return NULL;
    if (b->len == 0)
        b->s[0] = '\0';
    char *s = b->s;
    memset(b, 0, sizeof(*b));
    return s;
}

/* ---- random --------------------------------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void omv__rng_seed(omv__rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t omv__rng_next(omv__rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t omv__rng_below(omv__rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Rejection keeps the draw unbiased. */
    uint64_t lim = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = omv__rng_next(r);
    while (x >= lim);
    return x % n;
}

double omv__rng_unit(omv__rng *r) { return (double)(omv__rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
