/*
 * utf8.h — UTF-8 validation of input text (strict: no overlong forms, no surrogates, nothing past
 * U+10FFFF).
 */
#ifndef OMV_UTF8_H
#define OMV_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid UTF-8. s is
 * NUL-terminated: a sequence cut short by the end is invalid. */
size_t omv__utf8_len(const unsigned char *s);

/* The first byte of the NUL-terminated s that is not valid UTF-8, or NULL when s is all UTF-8. */
const unsigned char *omv__utf8_invalid(const char *s);

#endif /* OMV_UTF8_H */
