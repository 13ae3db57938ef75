/*
 * csv.c — streaming RFC 4180 reader with line and column of every field.
 */
#include "topo/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct omv__csv {
    omv_ctx *ctx;
    FILE *f;
    const char *display;
    unsigned char rbuf[65536];
    size_t rpos, rlen;
    int line, col; /* position of the next character */
    int eof;
    char *text; /* all fields of the record, each NUL-terminated */
    size_t tlen, tcap;
    size_t *starts;
    int *cols;
    const char **fields;
    size_t nf, capf, capfields, capcols;
};

int omv__csv_open(omv__csv **out, omv_ctx *ctx, const char *path, const char *display)
{
    *out = NULL;
    omv__csv *c = calloc(1, sizeof(*c));
    if (!c)
        return OMV_NOMEM(ctx, "csv reader");
    c->f = fopen(path, "rb");
    if (!c->f) {
        int e = errno;
        free(c);
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot open: %s", display, strerror(e));
    }
    c->ctx = ctx;
    c->display = display;
    c->line = 1;
    c->col = 1;
    *out = c;
    return 0;
}

void omv__csv_close(omv__csv *c)
{
    if (!c)
        return;
    if (c->f)
        fclose(c->f);
    free(c->text);
    free(c->starts);
    free(c->cols);
    free(c->fields);
    free(c);
}

/* Next byte or -1 at the end; advances line and column. */
static int peekc(omv__csv *c)
{
    if (c->rpos == c->rlen) {
        if (c->eof)
            return -1;
        c->rlen = fread(c->rbuf, 1, sizeof(c->rbuf), c->f);
        c->rpos = 0;
        if (c->rlen == 0) {
            c->eof = 1;
            return -1;
        }
    }
    return c->rbuf[c->rpos];
}

static int getc_(omv__csv *c)
{
    int ch = peekc(c);
    if (ch < 0)
        return ch;
    c->rpos++;
    if (ch == '\n') {
        c->line++;
        c->col = 1;
    } else {
        c->col++;
    }
    return ch;
}

static int put(omv__csv *c, char ch)
{
    if (OMV_GROW(c->text, c->tcap, c->tlen + 1))
        return OMV_NOMEM(c->ctx, "csv field");
    c->text[c->tlen++] = ch;
    return 0;
}

static int start_field(omv__csv *c)
{
    if (OMV_GROW(c->starts, c->capf, c->nf + 1) || OMV_GROW(c->cols, c->capcols, c->nf + 1))
        return OMV_NOMEM(c->ctx, "csv fields");
    c->starts[c->nf] = c->tlen;
    c->cols[c->nf] = c->col;
    c->nf++;
    return 0;
}

int omv__csv_next(omv__csv *c, size_t *nfields, const char *const **fields, const int **cols, int *line)
{
    int rc;
    /* Byte order mark at the very start. */
    if (c->line == 1 && c->col == 1 && peekc(c) == 0xEF) {
        if (c->rlen - c->rpos >= 3 && c->rbuf[c->rpos + 1] == 0xBB && c->rbuf[c->rpos + 2] == 0xBF)
            c->rpos += 3;
    }
    /* Skip blank lines. */
    for (;;) {
        int ch = peekc(c);
        if (ch == '\n' || ch == '\r')
            getc_(c);
        else
            break;
    }
    if (peekc(c) < 0)
        return 0;
    c->tlen = 0;
    c->nf = 0;
    *line = c->line;
    if ((rc = start_field(c)))
        return rc;
    for (;;) {
        int ch = peekc(c);
        if (ch == '"' && c->tlen == c->starts[c->nf - 1]) {
            /* Quoted field. */
            int qline = c->line, qcol = c->col;
            getc_(c);
            for (;;) {
                ch = getc_(c);
                if (ch < 0)
                    return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: unterminated quoted field (the file ends inside it)",
                                   c->display, qline, qcol);
                if (ch == '"') {
                    if (peekc(c) == '"') {
                        getc_(c);
                        if ((rc = put(c, '"')))
                            return rc;
                        continue;
                    }
                    break;
                }
                if ((rc = put(c, (char)ch)))
                    return rc;
            }
            ch = peekc(c);
            if (ch != ',' && ch != '\n' && ch != '\r' && ch >= 0)
                return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: text after the closing quote of a field", c->display,
                               c->line, c->col);
            continue;
        }
        if (ch < 0 || ch == '\n' || ch == '\r') {
            if (ch == '\r') {
                getc_(c);
                if (peekc(c) == '\n')
                    getc_(c);
            } else if (ch == '\n') {
                getc_(c);
            }
            break;
        }
        getc_(c);
        if (ch == ',') {
            if ((rc = put(c, '\0')) || (rc = start_field(c)))
                return rc;
            continue;
        }
        if (ch == '"')
            return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: quote inside an unquoted field (quote the whole field and "
                           "double the quote)", c->display, c->line, c->col - 1);
        if (ch == 0)
            return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: NUL byte in a text file", c->display, c->line, c->col - 1);
        if ((rc = put(c, (char)ch)))
            return rc;
    }
    if ((rc = put(c, '\0')))
        return rc;
    if (OMV_GROW(c->fields, c->capfields, c->nf))
        return OMV_NOMEM(c->ctx, "csv fields");
    for (size_t i = 0; i < c->nf; i++)
        c->fields[i] = c->text + c->starts[i];
    *nfields = c->nf;
    *fields = c->fields;
    *cols = c->cols;
    return 1;
}
