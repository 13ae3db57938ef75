/*
 * shard.c — shards of a run: "K/N", the block of scenarios a shard takes, and the key that ties the
 * parts of one run together (omvei/shard.h).
 */
#include "core/core.h"
#include "core/sha256.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SHARDS 100000u

/* Plain decimal digits, no sign, no leading zero beyond a lone "0"; *v stays below 2^31. */
static bool whole(const char *s, size_t n, unsigned *v)
{
    if (n == 0 || n > 9 || (n > 1 && s[0] == '0'))
        return false;
    unsigned x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (unsigned)(s[i] - '0');
    }
    *v = x;
    return true;
}

int omv_shard_parse(omv_shard *s, omv_ctx *ctx, const char *text)
{
    s->k = s->n = 0;
    const char *slash = text ? strchr(text, '/') : NULL;
    unsigned k = 0, n = 0;
    if (!slash || !whole(text, (size_t)(slash - text), &k) || !whole(slash + 1, strlen(slash + 1), &n) || k < 1 ||
        n < 1 || k > n || n > MAX_SHARDS)
        return OMV_ERR(ctx, OMV_EARG, "shard: expected K/N with 1 <= K <= N <= %u, got '%s'", MAX_SHARDS,
                       text ? text : "");
    s->k = k;
    s->n = n;
    return 0;
}

void omv_shard_block(const omv_shard *s, size_t count, size_t *first, size_t *end)
{
    if (s && s->n > 0 && s->k == 0) {
        *first = *end = 0;
        return;
    }
    if (!s || s->n == 0 || s->k > s->n) {
        *first = 0;
        *end = count;
        return;
    }
    /* count * k fits: counts are far below 2^64 / 10^5. */
    *first = count * (size_t)(s->k - 1) / s->n;
    *end = count * (size_t)s->k / s->n;
}

static bool regular_file(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Hashes a file: its label, path and the SHA-256 of its contents. */
static int add_file(omv__sha256 *h, omv_ctx *ctx, const char *label, const char *path)
{
    char hex[65];
    uint64_t bytes = 0;
    int rc = omv__sha256_file(ctx, path, hex, &bytes);
    if (rc)
        return rc;
    omv__sha256_update(h, label, strlen(label) + 1);
    omv__sha256_update(h, path, strlen(path) + 1);
    omv__sha256_update(h, hex, 65);
    return 0;
}

int omv_shard_key(char key[65], omv_ctx *ctx, const char *command, const char *const *args, size_t nargs,
                  const omv_net *net)
{
    omv__sha256 h;
    omv__sha256_init(&h);
    static const char TAG[] = "omvei/part/1";
    omv__sha256_update(&h, TAG, sizeof(TAG));
    omv__sha256_update(&h, command, strlen(command) + 1);
    int rc = 0;
    for (size_t i = 0; i < nargs && !rc; i++) {
        const char *a = args[i];
        omv__sha256_update(&h, "arg", 4);
        omv__sha256_update(&h, a, strlen(a) + 1);
        const char *eq = strchr(a, '='), *colon = strrchr(a, ':');
        if (regular_file(a))
            rc = add_file(&h, ctx, "file", a);
        else if (eq && regular_file(eq + 1))
            rc = add_file(&h, ctx, "file", eq + 1);
        else if (colon && regular_file(colon + 1))
            rc = add_file(&h, ctx, "file", colon + 1);
    }
    for (size_t i = 0; net && i < omv_net_file_count(net) && !rc; i++)
        rc = add_file(&h, ctx, "input", omv_net_file(net, i));
    if (!rc)
        omv__sha256_hex(&h, key);
    return rc;
}
