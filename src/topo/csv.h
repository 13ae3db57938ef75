/*
 * csv.h — a streaming RFC 4180 reader that knows where every field starts (line and column), so
 * that errors in the values can be reported compiler style. Blank lines are skipped; a UTF-8 byte
 * order mark and CRLF line ends are accepted.
 */
#ifndef OMV_CSV_H
#define OMV_CSV_H

#include "core/core.h"

#include <stdio.h>

typedef struct omv__csv omv__csv;

int omv__csv_open(omv__csv **out, omv_ctx *ctx, const char *path, const char *display);
void omv__csv_close(omv__csv *c);

/* Reads the next record. Returns 1 with a record, 0 at the end of the file, or a negative error
 * (malformed quoting) whose message reads file:line:col. The arrays stay valid until the next call:
 * fields[i] is NUL-terminated, cols[i] its 1-based column, *line the record's first line. */
int omv__csv_next(omv__csv *c, size_t *nfields, const char *const **fields, const int **cols, int *line);

/* Bytes of the file consumed so far. */
uint64_t omv__csv_offset(const omv__csv *c);

#endif
