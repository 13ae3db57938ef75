/* sha256.h — SHA-256 of buffers and files (hex digests for manifests). */
#ifndef OMV_SHA256_H
#define OMV_SHA256_H

#include "core/core.h"

typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
} omv__sha256;

void omv__sha256_init(omv__sha256 *s);
void omv__sha256_update(omv__sha256 *s, const void *data, size_t n);
/* Finishes and writes 64 hex digits and a NUL. */
void omv__sha256_hex(omv__sha256 *s, char out[65]);
int omv__sha256_file(omv_ctx *ctx, const char *path, char out[65], uint64_t *bytes);

#endif
