/*
 * fuzz_csv.c — the CSV folder loader. The input is nodes.csv; a line reading exactly "--links.csv--",
 * "--candidates.csv--" or "--demands.csv--" starts that file. links.csv is always written (empty
 * when the input has none), the two optional files only when present.
 */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

static const char *const FILES[] = {"nodes.csv", "links.csv", "candidates.csv", "demands.csv"};
enum { NFILES = 4 };

/* The file a marker line names, or -1 when line[0..len) is not a marker. */
static int marker(const uint8_t *line, size_t len)
{
    char m[32];
    for (int f = 1; f < NFILES; f++) {
        size_t n = (size_t)snprintf(m, sizeof(m), "--%s--", FILES[f]);
        if (len == n && memcmp(line, m, n) == 0)
            return f;
    }
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t start[NFILES] = {0}, end[NFILES] = {0};
    int present[NFILES] = {1, 0, 0, 0};
    int cur = 0;
    size_t pos = 0;
    while (pos < size) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t eol = nl ? (size_t)(nl - data) : size;
        int f = marker(data + pos, eol - pos);
        if (f > 0) {
            end[cur] = pos;
            cur = f;
            present[f] = 1;
            start[f] = nl ? eol + 1 : size;
            end[f] = size;
        } else {
            end[cur] = nl ? eol + 1 : size;
        }
        pos = nl ? eol + 1 : size;
    }
    present[1] = 1;
    for (int f = 0; f < NFILES; f++) {
        if (present[f])
            fuzz_write(FILES[f], data + start[f], end[f] > start[f] ? end[f] - start[f] : 0);
        else
            fuzz_remove(FILES[f]);
    }
    fuzz_load(fuzz_dir());
    return 0;
}
