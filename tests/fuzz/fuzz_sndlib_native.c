/*
 * fuzz_sndlib_native.c — the SNDlib native (.txt) loader: the input is the whole file.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(fuzz_write("in.txt", data, size));
    return 0;
}
