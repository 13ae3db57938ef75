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
    size_t nrows = 0;
    uint64_t start = omv__csv_offset(c);
    while ((rc = omv__csv_next(c, &nf, &fields, &cols, &line)) == 1) {
        /* After a sample of rows, the file size tells about how many follow: make room once. */
        if (++nrows == 4096 && size) {
            uint64_t used = omv__csv_offset(c) - start;
            if (used && (rc = omv__builder_reserve(b, (size_t)((double)(size - start) / (double)used * 4096.0 * 1.1))))
                goto cleanup;
        }
        if (blank_row(nf, fields))
            continue;
        if (nf != ncols) {
            /* Too many fields: point at the first one the header has no column for. */
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: this row has %zu fields but the header has %zu%s", path, line,
                         nf > ncols ? cols[ncols] : 1, nf, ncols,
                         nf > ncols ? " (a field that holds a comma must be quoted)" : "");
            goto cleanup;
        }
        if ((rc = omv__builder_row(b, line, fields, cols)))
            goto cleanup;
        ++*rows;
    }
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
