/*
 * jsonw.h — a small streaming JSON writer on a text buffer, for reports too large or too
 * order-sensitive to build as a jansson tree first (map.geojson with every node and link, spof.json).
 *
 * The writer keeps key order as written, prints numbers with a fixed number of decimals (so the
 * output never depends on the platform's shortest-float choice), replaces invalid UTF-8 by U+FFFD,
 * and lays containers out either one member per line (indented by two) or all on one line, chosen
 * per container: a GeoJSON file reads best with one feature per line.
 *
 * Misuse (a value where a key is due, unbalanced ends, nesting deeper than OMV__JSONW_MAXDEPTH) is
 * recorded and reported by omv__jsonw_finish; so is an allocation failure of the buffer. The text
 * can be handed out in chunks while it is written (omv__jsonw_stream).
 */
#ifndef OMV_REPORT_JSONW_H
#define OMV_REPORT_JSONW_H

#include "core/core.h"

#define OMV__JSONW_MAXDEPTH 32

typedef struct {
    omv__buf *out;
    int depth;                 /* open containers */
    bool after_key;            /* a key was written; its value is due */
    bool top_written;          /* the one top-level value has begun */
    bool misuse;
    void (*on_full)(void *user); /* see omv__jsonw_stream */
    void *user;
    size_t full_at;
    bool is_obj[OMV__JSONW_MAXDEPTH];
    bool one_line[OMV__JSONW_MAXDEPTH];
    size_t members[OMV__JSONW_MAXDEPTH];
} omv__jsonw;

void omv__jsonw_init(omv__jsonw *w, omv__buf *out);

/* Streaming: after each call that leaves at least `at` bytes in the buffer, on_full(user) is called
 * to empty it (write it out and set its len to 0), so a document of any size needs a small buffer.
 * on_full may also leave the buffer as it is. */
void omv__jsonw_stream(omv__jsonw *w, void (*on_full)(void *user), void *user, size_t at);

/* Opens an object or array. one_line: members are separated by ", " on one line (and so are the
 * members of every container inside it); otherwise each member goes on its own indented line. */
void omv__jsonw_object(omv__jsonw *w, bool one_line);
void omv__jsonw_array(omv__jsonw *w, bool one_line);
/* Closes the innermost open container. */
void omv__jsonw_end(omv__jsonw *w);

/* The key of the next member of the open object. */
void omv__jsonw_key(omv__jsonw *w, const char *key);

/* Values. string(NULL) writes null; real() writes null for NaN and infinities. */
void omv__jsonw_string(omv__jsonw *w, const char *s);
void omv__jsonw_int(omv__jsonw *w, int64_t v);
void omv__jsonw_uint(omv__jsonw *w, uint64_t v);
void omv__jsonw_real(omv__jsonw *w, double v, int decimals);
void omv__jsonw_bool(omv__jsonw *w, bool v);
void omv__jsonw_null(omv__jsonw *w);

/* 0 when the document is complete and well formed, else OMV_ENOMEM (buffer) or OMV_EINTERNAL
 * (misuse), with the message in ctx. */
int omv__jsonw_finish(omv__jsonw *w, omv_ctx *ctx);

/* Formats v with at most `decimals` decimals, trailing zeros and a trailing point dropped
 * (72 -> "72", 2.50 -> "2.5", -0.0000001 -> "0"). buf should hold 40 bytes. Shared with the CSV
 * writers so that a number reads the same in every report. NaN and infinities give "". */
void omv__fmt_fixed(char *buf, size_t bufsz, double v, int decimals);

/* Writes v in decimal to buf (which should hold 24 bytes) and returns the length. */
size_t omv__fmt_int(char *buf, int64_t v);
size_t omv__fmt_uint(char *buf, uint64_t v);

#endif /* OMV_REPORT_JSONW_H */
