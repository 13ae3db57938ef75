/*
 * fuzz_graphml.c — the GraphML loader: the input is the whole file.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(fuzz_write("in.graphml", data, size));
    return 0;
}
