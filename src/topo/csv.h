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
/* Opens a reader of the bytes [start, end) of path only, whose first byte stands at line `line`,
 * column 1: a part of a file split by omv__csv_split. The part reads as the whole file would read
 * there, its end counting as the end of the file. */
int omv__csv_open_range(omv__csv **out, omv_ctx *ctx, const char *path, const char *display, uint64_t start,
                        uint64_t end, int line);
void omv__csv_close(omv__csv *c);

/* Reads the next record. Returns 1 with a record, 0 at the end of the file, or a negative error
 * (malformed quoting) whose message reads file:line:col. The arrays stay valid until the next call:
 * fields[i] is NUL-terminated, cols[i] its 1-based column, *line the record's first line. */
int omv__csv_next(omv__csv *c, size_t *nfields, const char *const **fields, const int **cols, int *line);

/* Bytes of the file consumed so far. */
uint64_t omv__csv_offset(const omv__csv *c);
/* Line of the next character. */
int omv__csv_line(const omv__csv *c);

/* Splits the rest of path, from byte start (at line `line`, column 1) to its end, into at most
 * nparts parts of about equal size that begin where records begin: after a line end outside quotes.
 * One pass that counts quotes and line ends. Quote parity tells the reader's state exactly up to the
 * first malformed quote, and the reader stops there, so every part before it starts where the reader
 * would start a record. Part k is [off[k], off[k+1]), starts at line[k] and holds at most maxrows[k]
 * records. Returns the number of parts (>= 1; fewer than nparts when records are long) or a
 * negative error. off has room for nparts + 1 entries, line and maxrows for nparts. */
int omv__csv_split(omv_ctx *ctx, const char *path, const char *display, uint64_t start, int line, size_t nparts,
                   uint64_t *off, int *lines, size_t *maxrows);

#endif
