/*
 * jsonw.c — the streaming JSON writer of jsonw.h: separators and indentation, string escaping with
 * UTF-8 repair, fixed-decimal numbers.
 */
#include "report/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Appends n bytes. omv__buf_printf formats twice (size, then text); a map of a national network
 * writes millions of short pieces, so plain copies matter. */
static void append(omv__buf *b, const char *p, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap && OMV_GROW(b->s, b->cap, b->len + n + 1)) {
        b->failed = 1;
        return;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void append_str(omv__buf *b, const char *s) { append(b, s, strlen(s)); }

void omv__jsonw_init(omv__jsonw *w, omv__buf *out)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
}

void omv__jsonw_stream(omv__jsonw *w, void (*on_full)(void *user), void *user, size_t at)
{
    w->on_full = on_full;
    w->user = user;
    w->full_at = at;
}

/* Called at the end of every public call: hands a full buffer to the stream. */
static void check_full(omv__jsonw *w)
{
    if (w->on_full && w->out->len >= w->full_at)
        w->on_full(w->user);
}

static void newline_indent(omv__jsonw *w, int depth)
{
    static const char spaces[] = "                                                                ";
    append(w->out, "\n", 1);
    size_t n = 2 * (size_t)depth;
    while (n > 0) {
        size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
        append(w->out, spaces, k);
        n -= k;
    }
}

/* Writes what goes before a member of the open container: the comma and the line break or space. */
static void separate(omv__jsonw *w)
{
    int d = w->depth - 1;
    if (w->one_line[d]) {
        if (w->members[d])
            append(w->out, ", ", 2);
    } else {
        if (w->members[d])
            append(w->out, ",", 1);
        newline_indent(w, w->depth);
    }
    w->members[d]++;
}

/* Called before every value: checks that a value may come here and writes its separator. */
static void begin_value(omv__jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0) {
        /* One top-level value only. */
        if (w->top_written)
            w->misuse = true;
        w->top_written = true;
        return;
    }
    if (w->is_obj[w->depth - 1]) {
        w->misuse = true; /* a value where a key is due */
        return;
    }
    separate(w);
}

static void open_container(omv__jsonw *w, bool obj, bool one_line)
{
    begin_value(w);
    if (w->depth == OMV__JSONW_MAXDEPTH) {
        w->misuse = true;
        return;
    }
    bool parent_one_line = w->depth > 0 && w->one_line[w->depth - 1];
    w->is_obj[w->depth] = obj;
    w->one_line[w->depth] = one_line || parent_one_line;
    w->members[w->depth] = 0;
    w->depth++;
    append(w->out, obj ? "{" : "[", 1);
}

void omv__jsonw_object(omv__jsonw *w, bool one_line)
{
    open_container(w, true, one_line);
    check_full(w);
}

void omv__jsonw_array(omv__jsonw *w, bool one_line)
{
    open_container(w, false, one_line);
    check_full(w);
}

void omv__jsonw_end(omv__jsonw *w)
{
    if (w->depth == 0 || w->after_key) {
        w->misuse = true;
        check_full(w);
        return;
    }
    w->depth--;
    if (w->members[w->depth] && !w->one_line[w->depth])
        newline_indent(w, w->depth);
    append(w->out, w->is_obj[w->depth] ? "}" : "]", 1);
    check_full(w);
}

/* Length of the valid UTF-8 sequence at s, or 0 when the bytes there are not valid UTF-8
 * (overlong forms, surrogates and values above U+10FFFF included). */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    unsigned v;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    return n;
}

static void put_string(omv__buf *out, const char *s)
{
    append(out, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p; /* start of bytes copied verbatim */
    for (;;) {
        /* Plain printable ASCII goes straight through. */
        while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (!*p)
            break;
        const char *esc = NULL;
        char ubuf[8];
        size_t n = 1;
        switch (*p) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            if (*p < 0x20) {
                snprintf(ubuf, sizeof(ubuf), "\\u%04x", *p);
                esc = ubuf;
            } else if (*p >= 0x80) {
                n = utf8_len(p);
                if (n == 0) {
                    /* A JSON reader rejects invalid UTF-8; show the replacement character. */
                    esc = "\\ufffd";
                    n = 1;
                }
            }
        }
        if (esc) {
            append(out, (const char *)run, (size_t)(p - run));
            append_str(out, esc);
            p += n;
            run = p;
        } else {
            p += n;
        }
    }
    append(out, (const char *)run, (size_t)(p - run));
    append(out, "\"", 1);
}

void omv__jsonw_key(omv__jsonw *w, const char *key)
{
    if (w->depth == 0 || !w->is_obj[w->depth - 1] || w->after_key) {
        w->misuse = true;
        check_full(w);
        return;
    }
    separate(w);
    put_string(w->out, key);
    append(w->out, ": ", 2);
    w->after_key = true;
    check_full(w);
}

void omv__jsonw_string(omv__jsonw *w, const char *s)
{
    begin_value(w);
    if (s)
        put_string(w->out, s);
    else
        append(w->out, "null", 4);
    check_full(w);
}

size_t omv__fmt_uint(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

size_t omv__fmt_int(char *buf, int64_t v)
{
    if (v >= 0)
        return omv__fmt_uint(buf, (uint64_t)v);
    buf[0] = '-';
    return 1 + omv__fmt_uint(buf + 1, -(uint64_t)v);
}

void omv__jsonw_int(omv__jsonw *w, int64_t v)
{
    begin_value(w);
    char num[24];
    size_t n = omv__fmt_int(num, v);
    append(w->out, num, n);
    check_full(w);
}

void omv__jsonw_uint(omv__jsonw *w, uint64_t v)
{
    begin_value(w);
    char num[24];
    size_t n = omv__fmt_uint(num, v);
    append(w->out, num, n);
    check_full(w);
}

/* The common case of omv__fmt_fixed without printf: v * 10^decimals is rounded to an integer N, and
 * N is exactly what printf's correct rounding gives unless the product lies near a half, where the
 * error of the multiplication could decide; then (and for large values) this returns 0 and printf
 * does the work. A map of a national network holds millions of coordinates. */
static int fixed_fast(char *buf, size_t bufsz, double v, int decimals)
{
    static const double P10[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals > 9 || bufsz < 32)
        return 0;
    double x = fabs(v) * P10[decimals];
    if (!(x < 1099511627776.0)) /* 2^40: the product is then exact to within 2^-13 */
        return 0;
    double fl = floor(x), frac = x - fl;
    if (fabs(frac - 0.5) < 1.0 / 4096)
        return 0;
    uint64_t q = (uint64_t)fl + (frac > 0.5), p = (uint64_t)P10[decimals];
    uint64_t ip = q / p, fp = q % p;
    size_t n = 0;
    if (v < 0 && q)
        buf[n++] = '-';
    n += omv__fmt_uint(buf + n, ip);
    if (fp) {
        int d = decimals;
        while (fp % 10 == 0) { /* trailing zeros dropped */
            fp /= 10;
            d--;
        }
        buf[n++] = '.';
        for (int i = d - 1; i >= 0; i--) {
            buf[n + (size_t)i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        n += (size_t)d;
        buf[n] = '\0';
    }
    return 1;
}

void omv__fmt_fixed(char *buf, size_t bufsz, double v, int decimals)
{
    if (bufsz == 0)
        return;
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 17)
        decimals = 17;
    if (fixed_fast(buf, bufsz, v, decimals))
        return;
    snprintf(buf, bufsz, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, bufsz, "0");
}

void omv__jsonw_real(omv__jsonw *w, double v, int decimals)
{
    begin_value(w);
    if (!isfinite(v)) {
        append(w->out, "null", 4);
        check_full(w);
        return;
    }
    char num[400];
    omv__fmt_fixed(num, sizeof(num), v, decimals);
    append_str(w->out, num);
    check_full(w);
}

void omv__jsonw_bool(omv__jsonw *w, bool v)
{
    begin_value(w);
    append_str(w->out, v ? "true" : "false");
    check_full(w);
}

void omv__jsonw_null(omv__jsonw *w)
{
    begin_value(w);
    append(w->out, "null", 4);
    check_full(w);
}

int omv__jsonw_finish(omv__jsonw *w, omv_ctx *ctx)
{
    if (w->out->failed)
        return OMV_NOMEM(ctx, "JSON text");
    if (w->misuse || w->depth != 0 || w->after_key || !w->top_written)
        return OMV_ERR(ctx, OMV_EINTERNAL, "malformed JSON document (writer misuse)");
    return 0;
}
