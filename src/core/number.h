/*
 * number.h — the one reader of numbers in input text. strtod alone accepts far more than a data file
 * or an option means: hexadecimal ("0x10" reads as 16), "inf", "nan", and values that overflow to
 * infinity ("1e999"). Every number omvei reads from a file or an option goes through here instead.
 */
#ifndef OMV_NUMBER_H
#define OMV_NUMBER_H

#include <stddef.h>

enum {
    OMV__NUM_SYNTAX = -1, /* not plain decimal notation */
    OMV__NUM_RANGE = -2,  /* decimal, but too large for a double (would be infinite) */
    OMV__NUM_NOMEM = -3   /* out of memory (only for a number of more than 127 characters) */
};

/* Parses the whole string s as plain decimal notation: an optional sign, digits with an optional
 * decimal point (at least one digit), and an optional exponent (e or E, optional sign, digits).
 * No blanks, no hexadecimal, no inf or nan. A value too small for a double reads as the nearest
 * one (0 or a subnormal). Returns 0 and sets *out, or OMV__NUM_SYNTAX, OMV__NUM_RANGE or OMV__NUM_NOMEM
 * (*out is left alone). O(length). */
int omv__parse_decimal(const char *s, double *out);

/* The same for the first n bytes of s (s need not end there): lets a caller split off a suffix such
 * as a unit ("1.5bn"). */
int omv__parse_decimal_n(const char *s, size_t n, double *out);

/* Length of the longest prefix of s (at most n bytes) that omv__parse_decimal_n could accept as
 * far as the syntax goes; 0 when none. */
size_t omv__decimal_prefix(const char *s, size_t n);

/* True when s (n bytes) spells an infinity or a NaN the way strtod reads them ("inf", "-Infinity",
 * "nan", "NaN(1)"): for messages that say "not a finite number" rather than "not a number". */
int omv__is_nonfinite_word(const char *s, size_t n);

/* True when s (n bytes) starts like a hexadecimal number ("0x", "-0X"): for messages. */
int omv__is_hex_word(const char *s, size_t n);

#endif /* OMV_NUMBER_H */
