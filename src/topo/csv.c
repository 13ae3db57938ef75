/*
 * csv.c — streaming RFC 4180 reader with line and column of every field. Lines end in LF, CRLF or a
 * lone CR (the "CSV (Macintosh)" of spreadsheets); text must be UTF-8, checked field by field so
 * that a file saved in another encoding is refused with its place instead of loading garbled names.
 */
#include "topo/csv.h"

#include "core/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct omv__csv {
    omv_ctx *ctx;
    FILE *f;
    const char *display;
    unsigned char rbuf[65536];
    size_t rpos, rlen;
    uint64_t before; /* bytes of the file before rbuf */
    uint64_t end;    /* offset where the reader's part ends (UINT64_MAX: the end of the file) */
    int line, col; /* position of the next character */
    int eof;
    int ioerr; /* errno of a failed read, 0 when none */
    char *text; /* all fields of the record, each NUL-terminated */
    size_t tlen, tcap;
    size_t *starts;
    int *cols;
    int *lines;             /* line where each field starts */
    unsigned char *quoted;  /* 1 when the field was quoted */
    const char **fields;
    size_t nf, capf, capfields, capcols, caplines, capquoted;
};

int omv__csv_open(omv__csv **out, omv_ctx *ctx, const char *path, const char *display)
{
    *out = NULL;
    omv__csv *c = calloc(1, sizeof(*c));
    if (!c)
        return OMV_NOMEM(ctx, "csv reader");
    int rc = omv__open_input(ctx, path, &c->f);
    if (rc) {
        free(c);
        return rc;
    }
    c->ctx = ctx;
    c->display = display;
    c->line = 1;
    c->col = 1;
    c->end = UINT64_MAX;
    *out = c;
    return 0;
}

int omv__csv_open_range(omv__csv **out, omv_ctx *ctx, const char *path, const char *display, uint64_t start,
                        uint64_t end, int line)
{
    int rc = omv__csv_open(out, ctx, path, display);
    if (rc)
        return rc;
    omv__csv *c = *out;
    if (start > (uint64_t)INT64_MAX || fseeko(c->f, (off_t)start, SEEK_SET)) {
        omv__csv_close(c);
        *out = NULL;
        return OMV_ERR(ctx, OMV_EDATA, "%s: read error: %s", display, strerror(errno ? errno : EIO));
    }
    c->before = start;
    c->end = end;
    c->line = line;
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
    free(c->lines);
    free(c->quoted);
    free(c->fields);
    free(c);
}

uint64_t omv__csv_offset(const omv__csv *c) { return c->before + c->rpos; }

int omv__csv_line(const omv__csv *c) { return c->line; }

/* Next byte or -1 at the end; advances line and column. */
static int peekc(omv__csv *c)
{
    if (c->rpos == c->rlen) {
        if (c->eof)
            return -1;
        c->before += c->rlen;
        size_t want = sizeof(c->rbuf);
        if (c->end - c->before < want)
            want = (size_t)(c->end - c->before);
        c->rlen = want ? fread(c->rbuf, 1, want, c->f) : 0;
        c->rpos = 0;
        if (c->rlen == 0) {
            /* A failed read must not pass for the end of the file: that would half-load it. */
            if (want && ferror(c->f))
                c->ioerr = errno ? errno : EIO;
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
    /* Columns count characters, not bytes: a UTF-8 continuation byte (Tromsø, Vågan) adds none. A CR
     * not followed by LF ends a line by itself. */
    if (ch == '\n' || (ch == '\r' && peekc(c) != '\n')) {
        c->line++;
        c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
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
    if (OMV_GROW(c->starts, c->capf, c->nf + 1) || OMV_GROW(c->cols, c->capcols, c->nf + 1) ||
        OMV_GROW(c->lines, c->caplines, c->nf + 1) || OMV_GROW(c->quoted, c->capquoted, c->nf + 1))
        return OMV_NOMEM(c->ctx, "csv fields");
    c->starts[c->nf] = c->tlen;
    c->cols[c->nf] = c->col;
    c->lines[c->nf] = c->line;
    c->quoted[c->nf] = 0;
    c->nf++;
    return 0;
}

static int read_error(omv__csv *c)
{
    return OMV_ERR(c->ctx, OMV_EDATA, "%s: read error: %s", c->display, strerror(c->ioerr));
}

/* Checks that field i is UTF-8; the message points at the offending character. */
static int check_utf8(omv__csv *c, size_t i)
{
    const unsigned char *s = (const unsigned char *)c->text + c->starts[i];
    int line = c->lines[i];
    int col = c->cols[i] + c->quoted[i]; /* the text of a quoted field starts after the quote */
    while (*s) {
        size_t n = omv__utf8_len(s);
        if (n == 0)
            return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: byte 0x%02X is not UTF-8 text (save the file as UTF-8; "
                           "spreadsheets often write Latin-1 or Windows-1252)", c->display, line, col, *s);
        bool eol = *s == '\n' || (*s == '\r' && s[1] != '\n');
        line += eol;
        col = eol ? 1 : col + 1;
        s += n;
    }
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
        return c->ioerr ? read_error(c) : 0;
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
            c->quoted[c->nf - 1] = 1;
            getc_(c);
            for (;;) {
                ch = getc_(c);
                if (ch < 0 && c->ioerr)
                    return read_error(c);
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
        if (ch != ',' && ch != '"' && ch != 0) {
            /* A run of ordinary bytes is copied from the read buffer at once: nothing in it changes
             * the line, and its columns are its characters. */
            const unsigned char *p = c->rbuf + c->rpos, *end = c->rbuf + c->rlen, *q = p;
            int ncols = 0;
            while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"' && *q != 0) {
                ncols += (*q & 0xC0) != 0x80;
                q++;
            }
            size_t n = (size_t)(q - p);
            if (OMV_GROW(c->text, c->tcap, c->tlen + n + 1))
                return OMV_NOMEM(c->ctx, "csv field");
            memcpy(c->text + c->tlen, p, n);
            c->tlen += n;
            c->rpos += n;
            c->col += ncols;
            continue;
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
            return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: NUL byte in a text file (is it UTF-16? save it as UTF-8)",
                           c->display, c->line, c->col - 1);
        if ((rc = put(c, (char)ch)))
            return rc;
    }
    if ((rc = put(c, '\0')))
        return rc;
    if (c->ioerr)
        return read_error(c);
    /* Most records are plain ASCII, which is UTF-8: one pass over the record's bytes settles them. */
    unsigned char high = 0;
    for (size_t i = 0; i < c->tlen; i++)
        high |= (unsigned char)c->text[i];
    for (size_t i = 0; high >= 0x80 && i < c->nf; i++)
        if ((rc = check_utf8(c, i)))
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

/* ---- splitting a file into parts that begin with a record ------------------------------------- */

typedef struct {
    uint64_t *off;
    int *lines;
    size_t *maxrows;
    size_t nparts, np; /* parts asked for; boundaries found so far (part np-1 is open) */
    uint64_t start, span;
    size_t ends; /* record ends in the open part */
} split_state;

/* A record ends just before byte p, at line `line`: close the open part there when p has reached
 * the next part's share of the file. */
static void split_record_end(split_state *s, uint64_t p, int line)
{
    s->ends++;
    if (s->np == s->nparts)
        return;
    uint64_t target = s->start + (uint64_t)((double)s->span * (double)s->np / (double)s->nparts);
    if (p < target)
        return;
    s->maxrows[s->np - 1] = s->ends;
    s->off[s->np] = p;
    s->lines[s->np] = line;
    s->np++;
    s->ends = 0;
}

int omv__csv_split(omv_ctx *ctx, const char *path, const char *display, uint64_t start, int line, size_t nparts,
                   uint64_t *off, int *lines, size_t *maxrows)
{
    FILE *f = NULL;
    int rc = omv__open_input(ctx, path, &f);
    if (rc)
        return rc;
    unsigned char *buf = malloc((size_t)1 << 20);
    if (!buf) {
        fclose(f);
        return OMV_NOMEM(ctx, "csv split");
    }
    struct stat st;
    uint64_t size = fstat(fileno(f), &st) == 0 && st.st_size > 0 ? (uint64_t)st.st_size : 0;
    split_state s = {off, lines, maxrows, nparts ? nparts : 1, 1, start, size > start ? size - start : 0, 0};
    off[0] = start;
    lines[0] = line;
    if (start > (uint64_t)INT64_MAX || fseeko(f, (off_t)start, SEEK_SET)) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s: read error: %s", display, strerror(errno ? errno : EIO));
        goto cleanup;
    }
    uint64_t pos = start; /* offset of buf[0] */
    bool inq = false, cr = false; /* inside quotes; the byte before buf[0] was a CR */
    size_t n;
    while ((n = fread(buf, 1, (size_t)1 << 20, f)) > 0) {
        size_t i = 0;
        if (cr) {
            /* A CR that ended the last read: a line end by itself unless an LF follows. */
            cr = false;
            if (buf[0] != '\n') {
                line++;
                if (!inq)
                    split_record_end(&s, pos, line);
            }
        }
        if (!inq && !memchr(buf, '"', n) && !memchr(buf, '\r', n)) {
            /* The common case: plain LF lines without quotes. */
            for (const unsigned char *p = buf, *e = buf + n; (p = memchr(p, '\n', (size_t)(e - p))); ) {
                p++;
                line++;
                split_record_end(&s, pos + (uint64_t)(p - buf), line);
            }
        } else {
            for (; i < n; i++) {
                unsigned char ch = buf[i];
                if (ch == '"') {
                    inq = !inq;
                } else if (ch == '\n') {
                    line++;
                    if (!inq)
                        split_record_end(&s, pos + i + 1, line);
                } else if (ch == '\r') {
                    if (i + 1 == n) {
                        cr = true;
                    } else if (buf[i + 1] != '\n') {
                        line++;
                        if (!inq)
                            split_record_end(&s, pos + i + 1, line);
                    }
                }
            }
        }
        pos += n;
    }
    if (ferror(f)) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s: read error: %s", display, strerror(errno ? errno : EIO));
        goto cleanup;
    }
    /* A boundary at the very end of the file would leave an empty last part. */
    while (s.np > 1 && off[s.np - 1] >= pos) {
        s.np--;
        s.ends += s.maxrows[s.np - 1];
    }
    /* The last record may end without a line end. */
    s.maxrows[s.np - 1] = s.ends + 1;
    off[s.np] = pos;
    rc = (int)s.np;
cleanup:
    free(buf);
    fclose(f);
    return rc;
}
