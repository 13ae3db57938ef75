/*
 * number.c — plain decimal numbers from input text (see number.h for why strtod alone is not enough).
 * The syntax is checked here; the conversion itself is strtod's, which rounds correctly. The library
 * never changes the locale, so strtod's decimal point is '.'.
 */
#include "core/number.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

size_t omv__decimal_prefix(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && is_digit(s[i])) {
        i++;
        digits++;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_digit(s[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    /* An exponent counts only when digits follow it: "2e" is the number 2 and a stray 'e'. */
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < n && is_digit(s[j])) {
            while (j < n && is_digit(s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

int omv__parse_decimal_n(const char *s, size_t n, double *out)
{
    if (n == 0 || omv__decimal_prefix(s, n) != n)
        return OMV__NUM_SYNTAX;
    char small[128], *copy = small;
    if (n >= sizeof(small) && !(copy = malloc(n + 1)))
        return OMV__NUM_NOMEM;
    memcpy(copy, s, n);
    copy[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(copy, &end);
    int whole = end == copy + n;
    if (copy != small)
        free(copy);
    if (!whole)
        return OMV__NUM_SYNTAX;
    if (!isfinite(v))
        return OMV__NUM_RANGE;
    *out = v;
    return 0;
}

int omv__parse_decimal(const char *s, double *out) { return omv__parse_decimal_n(s, strlen(s), out); }

int omv__is_nonfinite_word(const char *s, size_t n)
{
    if (n && (*s == '+' || *s == '-')) {
        s++;
        n--;
    }
    return (n >= 3 && (strncasecmp(s, "inf", 3) == 0 || strncasecmp(s, "nan", 3) == 0));
}

int omv__is_hex_word(const char *s, size_t n)
{
    if (n && (*s == '+' || *s == '-')) {
        s++;
        n--;
    }
    return n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}
