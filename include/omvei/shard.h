/*
 * omvei/shard.h — one run split over many processes. Included by omvei.h; can also be included alone.
 *
 * A command that runs a list of independent scenarios (rerouting's failures, a plan's sweep budgets,
 * compare's proposals) numbers them deterministically, 0 to count-1. Shard k of n (1 <= k <= n) takes
 * the contiguous block [floor((k-1) count / n), floor(k count / n)). Each shard writes a part
 * (part.json in its report folder): the results of its block, the command and its arguments, and a
 * key, the SHA-256 of the command, its arguments (without the shard, output and thread options) and
 * the contents of every file it read. omvei merge reads the parts, checks that they share the key and
 * cover every scenario exactly once, and lets the command write the result files one process would
 * have written.
 */
#ifndef OMVEI_SHARD_H
#define OMVEI_SHARD_H

#include "omvei/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    unsigned k, n; /* shard k of n; n == 0: not sharded (every scenario); k == 0 < n: no scenario (a
                      run that only prepares what the parts of shards are merged into) */
} omv_shard;

/* "K/N" with 1 <= K <= N <= 100000 (plain decimal digits); anything else is OMV_EARG. */
OMV_API int omv_shard_parse(omv_shard *s, omv_ctx *ctx, const char *text);
/* The shard's block of count scenarios: [*first, *end). Not sharded: [0, count). */
OMV_API void omv_shard_block(const omv_shard *s, size_t count, size_t *first, size_t *end);

/* The key of a run: SHA-256 (64 hex digits) of the command, args (the arguments that decide the
 * results, in order) and the contents of the network's files and of every other argument that names
 * a file (also after '=' or the last ':' of an argument, as in NAME=FILE or polygon:FILE). net may
 * be NULL. */
OMV_API int omv_shard_key(char key[65], omv_ctx *ctx, const char *command, const char *const *args, size_t nargs,
                          const omv_net *net);

/* ---- parts ----------------------------------------------------------------------------------- */

typedef struct {
    const char *command;     /* "reroute", "plan-sweep", "compare" */
    const char *key;         /* omv_shard_key */
    omv_shard shard;
    size_t count;            /* scenarios of the whole run */
    const char *const *args; /* the command's arguments without the shard and output options */
    size_t nargs;
} omv_part_head;

/* Writes dir/part.json atomically: the head, this shard's block and data, a JSON object (the
 * command's results for its block, from omv_reroute_part and the like). */
OMV_API int omv_part_write(omv_ctx *ctx, const char *dir, const omv_part_head *head, const char *data);

typedef struct omv_part omv_part;
/* Reads dir/part.json; a missing or malformed file is OMV_EDATA (OMV_EIO when unreadable). */
OMV_API int omv_part_read(omv_part **out, omv_ctx *ctx, const char *dir);
OMV_API void omv_part_free(omv_part *p);
/* Borrowed from the part. */
OMV_API const omv_part_head *omv_part_get_head(const omv_part *p);
OMV_API void omv_part_block(const omv_part *p, size_t *first, size_t *end);
OMV_API const char *omv_part_dir(const omv_part *p);
/* The data object as JSON text. */
OMV_API const char *omv_part_data(const omv_part *p);

/* Checks that the parts belong to one run (command, key, shard count and scenario count equal:
 * otherwise OMV_EDATA naming the first part that differs) and cover every shard exactly once (a
 * shard given twice is OMV_EDATA). When shards are missing, the error is OMV_EDATA and *missing
 * receives their numbers as "2,5,7" (malloc'd; ready for sbatch --array), else NULL. */
OMV_API int omv_parts_check(omv_ctx *ctx, omv_part *const *parts, size_t n, char **missing);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_SHARD_H */
