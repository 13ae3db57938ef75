/*
 * fuzz_sndlib_xml.c — the SNDlib XML loader: the input is the whole file.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(fuzz_write("in.xml", data, size));
    return 0;
}
