/*
 * html_text.c — text for report.html: HTML escaping of everything taken from the inputs (a node
 * named "<script>" must show as text, never run), numbers and money for people, and lenient
 * reading of JSON members, so a result file of another version never crashes the report.
 */
#include "report/html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at s (1..4), or 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n;
    unsigned min;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        n = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        n = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        n = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void esc_n(omv__buf *b, const char *s, size_t max)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    size_t cps = 0;
    while (*p) {
        if (cps == max) {
            omv__buf_puts(b, "\xE2\x80\xA6");
            return;
        }
        size_t n = utf8_seq(p);
        cps++;
        if (n == 0) {
            omv__buf_puts(b, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        if (n > 1) {
            char tmp[5];
            memcpy(tmp, p, n);
            tmp[n] = '\0';
            omv__buf_puts(b, tmp);
            p += n;
            continue;
        }
        switch (*p) {
        case '&':
            omv__buf_puts(b, "&amp;");
            break;
        case '<':
            omv__buf_puts(b, "&lt;");
            break;
        case '>':
            omv__buf_puts(b, "&gt;");
            break;
        case '"':
            omv__buf_puts(b, "&quot;");
            break;
        case '\'':
            omv__buf_puts(b, "&#39;");
            break;
        default:
            if (*p >= 0x20 || *p == '\t' || *p == '\n') {
                char c[2] = {(char)*p, '\0'};
                omv__buf_puts(b, c);
            }
        }
        p++;
    }
}

void omv__html_esc(omv__buf *b, const char *s)
{
    esc_n(b, s, SIZE_MAX);
}

void omv__html_esc_cut(omv__buf *b, const char *s, size_t max)
{
    esc_n(b, s, max);
}

size_t omv__html_utf8_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

void omv__html_int(omv__buf *b, double v)
{
    if (!isfinite(v)) {
        omv__buf_puts(b, "\xE2\x80\x93");
        return;
    }
    char digits[32], out[48];
    snprintf(digits, sizeof(digits), "%.0f", fabs(v));
    size_t n = strlen(digits), k = 0;
    if (v <= -0.5)
        out[k++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    omv__buf_puts(b, out);
}

void omv__html_money(omv__buf *b, double nok)
{
    if (!isfinite(nok)) {
        omv__buf_puts(b, "\xE2\x80\x93");
        return;
    }
    double a = fabs(nok);
    if (a >= 1e9)
        omv__buf_printf(b, "%.2f bn NOK", nok / 1e9);
    else if (a >= 1e8)
        omv__buf_printf(b, "%.0f MNOK", nok / 1e6);
    else if (a >= 1e6)
        omv__buf_printf(b, "%.1f MNOK", nok / 1e6);
    else {
        omv__html_int(b, nok);
        omv__buf_puts(b, " NOK");
    }
}

const char *omv__json_s(const json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

double omv__json_d(const json_t *o, const char *key, double dflt)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_number(v) ? json_number_value(v) : dflt;
}

json_t *omv__json_a(const json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_array(v) ? v : NULL;
}

void omv__html_section(omv__buf *b, const omv__html_folder *f, const char *id, const char *title)
{
    omv__buf_printf(b, "<section id=\"%s%s\"><h2>%s", f->idp, id, title);
    if (f->rel[0]) {
        omv__buf_puts(b, " <span class=\"where\">");
        omv__html_esc(b, f->rel);
        omv__buf_puts(b, "</span>");
    }
    omv__buf_puts(b, "</h2>\n");
}

void omv__html_classes(omv__buf *b, const char *against)
{
    if (!against || !*against) {
        omv__buf_puts(b, "the chosen");
        return;
    }
    static const struct {
        const char *key, *words;
    } W[] = {{"links", "single-link"}, {"nodes", "single-node"}, {"srlg", "shared-risk-group"},
             {"pairs", "link-pair"}, {"power", "power-outage"}};
    const char *p = against;
    int n = 0;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *words = NULL;
        for (size_t i = 0; i < sizeof(W) / sizeof(W[0]) && !words; i++)
            if (strlen(W[i].key) <= len && !strncmp(p, W[i].key, strlen(W[i].key)) &&
                (len == strlen(W[i].key) || p[strlen(W[i].key)] == ':'))
                words = W[i].words;
        omv__buf_puts(b, n++ ? (e ? ", " : " and ") : "");
        if (words)
            omv__buf_puts(b, words);
        else {
            char tmp[128];
            snprintf(tmp, sizeof(tmp), "%.*s", (int)(len < 120 ? len : 120), p);
            omv__html_esc(b, tmp);
        }
        p += len;
        if (*p == ',')
            p++;
    }
}
