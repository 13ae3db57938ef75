/*
 * core.h — internals shared by every module: the context, error raising, an arena for strings,
 * an id interning map, growable arrays, and a seeded random generator.
 */
#ifndef OMV_CORE_H
#define OMV_CORE_H

#include "omvei.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct omv_ctx {
    char errmsg[2048];
    char errsrc[160];
    char **warnings;
    size_t nwarnings, capwarnings;
    uint64_t seed;
    int threads;
    volatile int *interrupt;
    omv_progress_fn progress; /* progress.c */
    void *progress_user;
    double progress_last; /* monotonic seconds of the last report */
    const char *progress_phase;
};

/* Records an error in ctx and returns code. Use through OMV_ERR so the library location is kept. */
int omv__err(omv_ctx *ctx, int code, const char *src, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define OMV_ERR(ctx, code, ...) omv__err((ctx), (code), __FILE__, __LINE__, __VA_ARGS__)
/* Out of memory; the message says what was being allocated. */
#define OMV_NOMEM(ctx, what) omv__err((ctx), OMV_ENOMEM, __FILE__, __LINE__, "out of memory (%s)", (what))

/* Appends a warning ("file:line:col: warning: ..." by convention). Returns 0 or OMV_ENOMEM. */
int omv__warn(omv_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when the caller asked the run to stop (SIGINT). Safe to call from any thread. */
bool omv__interrupted(const omv_ctx *ctx);

/* Reports that phase has done `done` of `total` units (total 0: unknown) to the context's progress
 * function, at most five times a second and whenever the phase changes or completes. Call it from
 * one thread only: in a parallel loop, from thread 0 with a shared count. */
void omv__progress(omv_ctx *ctx, const char *phase, size_t done, size_t total);

/* Threads to use for a parallel loop (>= 1). */
int omv__threads(const omv_ctx *ctx);

/* ---- arena: many small strings freed at once ------------------------------------------------ */
typedef struct omv__arena_blk omv__arena_blk;
typedef struct {
    omv__arena_blk *head;
    size_t used, cap;
} omv__arena;
void omv__arena_init(omv__arena *a);
void omv__arena_free(omv__arena *a);
/* Returns NULL when out of memory; the piece is aligned for pointers, doubles and 64-bit integers. */
void *omv__arena_alloc(omv__arena *a, size_t n);
char *omv__arena_strdup(omv__arena *a, const char *s);
char *omv__arena_strndup(omv__arena *a, const char *s, size_t n);
/* Moves every block of src into dst (src is left empty): pieces from src stay valid and are freed
 * with dst. The current block of dst stays current, so its free space is still used. */
void omv__arena_adopt(omv__arena *dst, omv__arena *src);

/* ---- strmap: string -> index (open addressing; keys are borrowed) ---------------------------- */
typedef struct {
    const char **keys;
    int32_t *vals;
    size_t cap, len;
} omv__strmap;
void omv__strmap_init(omv__strmap *m);
void omv__strmap_free(omv__strmap *m);
/* Returns the value or -1. */
int32_t omv__strmap_get(const omv__strmap *m, const char *key);
/* Inserts key (must stay alive) -> val. Returns 0, 1 if key already present (value unchanged), or
 * OMV_ENOMEM. */
int omv__strmap_put(omv__strmap *m, const char *key, int32_t val);
uint64_t omv__hash_str(const char *s);

/* ---- idmap: id -> index, storing only indices -------------------------------------------------
 * The keys live in the owner's records (a node's id): a slot holds the index and 32 bits of the key's
 * hash, and the map asks key(owner, index) for the text only when the hash bits match. A network of a
 * million nodes pays 16 MB for its id index instead of the 24 MB of a map that keeps key pointers,
 * and a probe touches no record it does not need. The load factor stays at most 3/4: with the hash
 * bits in the slot, a longer probe costs little. */
typedef const char *(*omv__key_fn)(const void *owner, int32_t idx);
typedef struct {
    uint64_t *slots; /* 0 = empty; else (index + 1) << 32 | low 32 bits of the hash */
    size_t cap, len;
    omv__key_fn key;
} omv__idmap;
void omv__idmap_init(omv__idmap *m, omv__key_fn key);
void omv__idmap_free(omv__idmap *m);
/* The index stored under key, or -1. */
int32_t omv__idmap_get(const omv__idmap *m, const void *owner, const char *key);
/* The same with the key's hash already known (the low 32 bits of omv__hash_str). */
int32_t omv__idmap_get_hashed(const omv__idmap *m, const void *owner, const char *key, uint32_t h);
/* The index in the first slot along the probe of hash h whose hash bits match, or -1, without reading
 * any key: a guess of what omv__idmap_get will find, to fetch the record ahead. */
int32_t omv__idmap_peek(const omv__idmap *m, uint32_t h);
/* Stores idx under its own key (key(owner, idx) must already answer). Returns 0; 1 when the key is
 * already present (*existing receives its index, the map is unchanged); or OMV_ENOMEM. */
int omv__idmap_put(omv__idmap *m, const void *owner, int32_t idx, int32_t *existing);
/* The same with the key's hash already known (the low 32 bits of omv__hash_str). */
int omv__idmap_put_hashed(omv__idmap *m, const void *owner, int32_t idx, uint32_t h, int32_t *existing);
/* Asks the processor to fetch the slot where a key of hash h starts its probe: issued a few rows
 * before the insert, it hides the cache miss that dominates inserting a million ids. */
void omv__idmap_prefetch(const omv__idmap *m, uint32_t h);
/* Makes room for n entries in all, so that loading a known number of rows never rehashes. */
int omv__idmap_reserve(omv__idmap *m, size_t n);
/* Stores idx under its key while other threads do the same for other indices: the map must have room
 * for every entry stored so (omv__idmap_reserve), and the caller adds their number to len afterwards.
 * Returns 0, or 1 when the key is present already (stored by any thread; the map holds both then, so
 * the caller must drop the entries with omv__idmap_keep and store them again one by one). Lock-free:
 * one compare-and-swap per entry. */
int omv__idmap_put_shared(omv__idmap *m, const void *owner, int32_t idx, uint32_t h);
/* Keeps the entries whose index is below n and drops the others. Time O(cap). 0 or OMV_ENOMEM. */
int omv__idmap_keep(omv__idmap *m, int32_t n);

/* ---- growable arrays ------------------------------------------------------------------------ */
/* Ensures *arr has room for need elements of size elsz; grows geometrically. 0 or OMV_ENOMEM. */
int omv__grow(void **arr, size_t *cap, size_t need, size_t elsz);
/* Ensures room for need elements in a block of just that size, when the need is known: doubling would
 * hold the old and the new block at once, the new one up to twice too large. 0 or OMV_ENOMEM. */
int omv__reserve(void **arr, size_t *cap, size_t need, size_t elsz);

/* Large arrays: malloc / realloc / calloc that also ask the kernel to back the block with 2 MB pages
 * (transparent huge pages in madvise mode) when it is 4 MB or more. At a million nodes, faulting
 * 4 KB pages in one by one costs more than a quarter of the load. Free with free(). */
void *omv__big_malloc(size_t bytes);
void *omv__big_realloc(void *p, size_t bytes);
void *omv__big_calloc(size_t n, size_t size);
#define OMV_GROW(arr, cap, need) \
    ((size_t)(need) <= (cap) ? 0 : omv__grow((void **)&(arr), &(cap), (need), sizeof(*(arr))))

/* ---- text buffer ---------------------------------------------------------------------------- */
typedef struct {
    char *s;
    size_t len, cap;
    int failed; /* set when an allocation failed; further appends are ignored */
} omv__buf;
void omv__buf_init(omv__buf *b);
void omv__buf_free(omv__buf *b);
void omv__buf_printf(omv__buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void omv__buf_puts(omv__buf *b, const char *s);
/* Hands the string over (NUL-terminated, never NULL unless failed); the buffer is reset. */
char *omv__buf_take(omv__buf *b);

/* ---- random: splitmix64 / xoshiro256** seeded by the caller --------------------------------- */
typedef struct {
    uint64_t s[4];
} omv__rng;
void omv__rng_seed(omv__rng *r, uint64_t seed);
uint64_t omv__rng_next(omv__rng *r);
/* Uniform in [0, n). */
uint64_t omv__rng_below(omv__rng *r, uint64_t n);
double omv__rng_unit(omv__rng *r);

/* ---- files ---------------------------------------------------------------------------------- */
/* Reads a whole input file into a NUL-terminated malloc'd buffer. Opens it as omv__open_input does,
 * so every failure is OMV_EDATA naming the path and the cause. */
int omv__read_file(omv_ctx *ctx, const char *path, char **data, size_t *len);
/* Opens an input file for reading. It must exist, be a regular file (a folder, a pipe or a device
 * is refused before any read, so none can block or stream forever) and be readable. On failure
 * returns OMV_EDATA with "PATH: no such file", "PATH: is a folder", "PATH: not a regular file",
 * "PATH: permission denied" (or the system's reason). */
int omv__open_input(omv_ctx *ctx, const char *path, FILE **out);
/* Checks an input path that may be a folder or a regular file; *is_dir tells which. The same
 * OMV_EDATA messages as omv__open_input ("no such file or folder", "not a regular file"). */
int omv__stat_input(omv_ctx *ctx, const char *path, bool *is_dir);
/* Creates a folder and its missing parents (an output folder). An empty path is OMV_EARG. */
int omv__mkdir_p(omv_ctx *ctx, const char *dir);
/* Writes data to path via path.tmp + rename, so a reader never sees a half-written file. */
int omv__write_file_atomic(omv_ctx *ctx, const char *path, const char *data, size_t len);
/* Joins a folder and a file name into a malloc'd string. */
char *omv__path_join(const char *dir, const char *name);
bool omv__is_dir(const char *path);
bool omv__file_exists(const char *path);
/* The lower-case extension of path without the dot ("" when none). Borrowed from path. */
const char *omv__path_ext(const char *path, char *buf, size_t bufsz);

#endif /* OMV_CORE_H */
