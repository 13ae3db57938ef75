/*
 * fuzz.h — shared by the fuzz targets of omvei: each target is one LLVMFuzzerTestOneInput, built
 * with libFuzzer (clang, make fuzz) or with replay.c (any compiler, make test), which feeds it every
 * file of a corpus. The loaders read paths, so inputs are written to a private scratch folder first.
 */
#ifndef OMV_FUZZ_H
#define OMV_FUZZ_H

#include "omvei.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A scratch folder private to this process (created on first use, removed at exit). */
const char *fuzz_dir(void);
/* Writes size bytes to fuzz_dir()/name and returns the path (static storage, valid until the next
 * call); aborts when the scratch folder cannot be written, since nothing could be tested. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);
/* Removes fuzz_dir()/name if it exists. */
void fuzz_remove(const char *name);

/* Loads path with omv_net_load and checks what a loader promises: on failure no network and a
 * message; on success every getter answers within range. Runs the check summary on the network.
 * A broken promise aborts (a finding). */
void fuzz_load(const char *path);

/* Aborts with a message naming the broken promise. */
void fuzz_fail(const char *what);

#endif /* OMV_FUZZ_H */
