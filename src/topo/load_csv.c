/*
 * load_csv.c — the CSV folder: nodes.csv and links.csv, optionally candidates.csv and demands.csv.
 */
#include "topo/build.h"
#include "topo/csv.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A row of blank fields only (",,,," as spreadsheets leave below the data) holds nothing. */
static int blank_row(size_t nf, const char *const *fields)
{
    for (size_t i = 0; i < nf; i++)
        for (const char *s = fields[i]; *s; s++)
            if (!isspace((unsigned char)*s))
                return 0;
    return 1;
}

/* Tables smaller than this are read on one thread: splitting them gains less than it costs. */
#define PART_MIN_BYTES ((uint64_t)4 << 20)

/* Reads the records of c into b up to its end, counting the rows in *rows. With size (the file's
 * size) and start (where the rows begin), the first rows tell about how many follow. */
static int read_rows(omv__builder *b, omv__csv *c, const char *path, size_t ncols, uint64_t size, uint64_t start,
                     size_t *rows)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    size_t nf;
    const char *const *fields;
    const int *cols;
    int line, rc;
    size_t nrows = 0, kept = 0;
    while ((rc = omv__csv_next(c, &nf, &fields, &cols, &line)) == 1) {
        /* After a sample of rows, the file size tells about how many follow: make room once. */
        if (++nrows == 4096 && size) {
            uint64_t used = omv__csv_offset(c) - start;
            if (used && (rc = omv__builder_reserve(b, (size_t)((double)(size - start) / (double)used * 4096.0 * 1.1))))
                return rc;
        }
        if (blank_row(nf, fields))
            continue;
        if (nf != ncols) {
            /* Too many fields: point at the first one the header has no column for. */
            return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: this row has %zu fields but the header has %zu%s", path, line,
                           nf > ncols ? cols[ncols] : 1, nf, ncols,
                           nf > ncols ? " (a field that holds a comma must be quoted)" : "");
        }
        if ((rc = omv__builder_row(b, line, fields, cols)))
            break;
        kept++;
    }
    /* Counted here, not through rows: the parts' counters sit side by side in one cache line. */
    *rows += kept;
    return rc;
}

/* Reads the rows of a large table on `threads` threads: the file is split where records begin
 * (omv__csv_split), each part is read into a part of the builder (build.h) with a reader and a
 * context of its own, and the parts are merged in file order. The rows, their order, every value and
 * the first error in the file are those of read_rows: a part's error stands after the rows the part
 * kept, and a part reports nothing that an earlier part or the merge reports first. */
static int load_parts(omv__builder *b, const char *path, size_t ncols, uint64_t start, int line, int threads,
                      size_t *rows)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    /* Four parts per thread, taken in turn: a thread that finishes early takes the next part instead
     * of waiting for the other half of the file. */
    size_t np = (size_t)threads * 4;
    uint64_t *off = malloc((np + 1) * sizeof(*off));
    int *lines = malloc(np * sizeof(*lines));
    size_t *maxrows = malloc(np * sizeof(*maxrows));
    omv__builder **parts = calloc(np, sizeof(*parts));
    omv_ctx **ctxs = calloc(np, sizeof(*ctxs));
    int *prc = calloc(np, sizeof(*prc));
    size_t *prows = calloc(np, sizeof(*prows));
    int rc = 0;
    if (!off || !lines || !maxrows || !parts || !ctxs || !prc || !prows) {
        rc = OMV_NOMEM(ctx, "table parts");
        goto cleanup;
    }
    rc = omv__csv_split(ctx, path, path, start, line, np, off, lines, maxrows);
    if (rc < 0)
        goto cleanup;
    np = (size_t)rc;
    rc = 0;
    size_t total = 0;
    for (size_t k = 0; k < np; k++)
        total += maxrows[k];
    if ((rc = omv__builder_reserve(b, total)))
        goto cleanup;
    for (size_t k = 0, base = 0; k < np; base += maxrows[k], k++) {
        if (!(ctxs[k] = omv_ctx_new())) {
            rc = OMV_NOMEM(ctx, "table parts");
            goto cleanup;
        }
        if ((rc = omv__builder_part_new(&parts[k], ctxs[k], b, base, maxrows[k])))
            goto cleanup;
    }
    /* The parts touch nothing shared: their readers, contexts and rows are their own, and the
     * whole builder is only read (the nodes that links name). */
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (size_t k = 0; k < np; k++) {
        omv__csv *c = NULL;
        int r = omv__csv_open_range(&c, ctxs[k], path, path, off[k], off[k + 1], lines[k]);
        if (!r)
            r = read_rows(parts[k], c, path, ncols, 0, 0, &prows[k]);
        omv__csv_close(c);
        omv__builder_part_done(parts[k]);
        prc[k] = r < 0 ? r : 0;
    }
    rc = omv__builder_parts_merge(b, parts, prc, np, threads);
    for (size_t k = 0; k < np; k++)
        *rows += prows[k];
cleanup:
    for (size_t k = 0; parts && k < np; k++)
        omv__builder_free(parts[k]);
    for (size_t k = 0; ctxs && k < np; k++)
        omv_ctx_free(ctxs[k]);
    free(off);
    free(lines);
    free(maxrows);
    free(parts);
    free(ctxs);
    free(prc);
    free(prows);
    return rc;
}

/* Loads one table; *rows receives the number of data rows and *header_line the header's line. */
static int load_table(omv__builder *b, const char *path, omv__tab tab, size_t *rows, int *header_line)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    int f = omv__builder_file(b, path);
    if (f < 0)
        return f;
    omv__csv *c = NULL;
    int rc = omv__csv_open(&c, ctx, path, path);
    if (rc)
        return rc;
    size_t nf, ncols = 0;
    const char *const *fields;
    const int *cols;
    int line;
    rc = omv__csv_next(c, &nf, &fields, &cols, &line);
    if (rc == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: empty file: a header line is required", path);
    if (rc < 0)
        goto cleanup;
    ncols = nf;
    *header_line = line;
    if ((rc = omv__builder_header(b, tab, f, line, nf, fields, cols)))
        goto cleanup;
    struct stat st;
    uint64_t size = stat(path, &st) == 0 && st.st_size > 0 ? (uint64_t)st.st_size : 0;
    uint64_t start = omv__csv_offset(c);
    int threads = omv__threads(ctx);
    if (threads > 1 && size > start && size - start > PART_MIN_BYTES &&
        (tab == OMV__TAB_NODES || tab == OMV__TAB_LINKS) && omv__builder_parts_ok(b)) {
        rc = load_parts(b, path, ncols, start, omv__csv_line(c), threads, rows);
        goto cleanup;
    }
    rc = read_rows(b, c, path, ncols, size, start, rows);
cleanup:
    omv__csv_close(c);
    return rc < 0 ? rc : 0;
}

int omv__load_csv_file(omv__builder *b, const char *path, omv__tab tab)
{
    size_t rows = 0;
    int line = 1;
    return load_table(b, path, tab, &rows, &line);
}

int omv__load_csv_dir(omv__builder *b, const char *dir)
{
    static const struct {
        const char *name;
        omv__tab tab;
        int required;
    } files[] = {
        {"nodes.csv", OMV__TAB_NODES, 1},
        {"links.csv", OMV__TAB_LINKS, 1},
        {"candidates.csv", OMV__TAB_CANDIDATES, 0},
        {"demands.csv", OMV__TAB_DEMANDS, 0},
    };
    omv_ctx *ctx = omv__builder_ctx(b);
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *p = omv__path_join(dir, files[i].name);
        if (!p)
            return OMV_NOMEM(ctx, "path");
        int rc = 0;
        struct stat st;
        /* An optional file may be absent; anything else that is not a readable file is an error. */
        size_t rows = 0;
        int line = 1;
        if (files[i].tab == OMV__TAB_CANDIDATES && !omv__builder_folder_candidates(b)) {
            /* replaced by the candidate files given */
        } else if (stat(p, &st) == 0 || errno != ENOENT) {
            rc = load_table(b, p, files[i].tab, &rows, &line);
            /* A header without rows: an empty network is a mistake, not a result. */
            if (!rc && files[i].tab == OMV__TAB_NODES && rows == 0)
                rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: no nodes in %s: the header has no rows below it", p, line,
                             files[i].name);
        } else if (files[i].required)
            rc = OMV_ERR(ctx, OMV_EDATA, "%s: no such file: a topology folder needs nodes.csv and links.csv", p);
        free(p);
        if (rc)
            return rc;
    }
    return 0;
}
