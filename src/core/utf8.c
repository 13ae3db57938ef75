/*
 * utf8.c — checks that input text is UTF-8, so that a file saved in another encoding is refused at
 * the offending byte instead of loading garbled names that match nothing later.
 */
#include "core/utf8.h"

#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid UTF-8. */
size_t omv__utf8_len(const unsigned char *s)
{
    unsigned char b = s[0];
    size_t n;
    uint32_t cp;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
        cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        cp = b & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

const unsigned char *omv__utf8_invalid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = omv__utf8_len(p);
        if (n == 0)
            return p;
        p += n;
    }
    return NULL;
}
