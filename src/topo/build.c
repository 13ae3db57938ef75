/*
 * build.c — the one place that decides what the input contract (DESIGN.md §2) means. Loaders hand
 * over rows of named text cells; this file parses and checks each value, interns ids, resolves node
 * references, and reports every problem as file:line:col with its own message.
 */
#include "topo/build.h"

#include "core/number.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Known columns. Anything else becomes an attribute kept for conversion. */
enum {
    F_ID = 0,
    F_NAME,
    F_LAT,
    F_LON,
    F_COUNTRY,
    F_KIND,
    F_POPULATION,
    F_ISLAND,
    F_POWER_H,
    F_MUNICIPALITY,
    F_A,
    F_B,
    F_MEDIUM,
    F_CAPACITY,
    F_LENGTH,
    F_OPERATOR,
    F_SRLG,
    F_STATUS,
    F_COST,
    F_SRC,
    F_DST,
    F_GBPS,
    F_METRIC,
    F_COUNT_
};

static const char *const FIELD_NAMES[F_COUNT_] = {
    "id",         "name", "lat", "lon",           "country",    "kind",     "population", "island",
    "power_h",    "municipality", "a", "b",       "medium",     "capacity_gbps", "length_km",
    "operator",   "srlg", "status", "cost_nok",   "src",        "dst",      "gbps",
    "metric",
};

/* Which fields each table knows. */
static bool field_in_table(int f, omv__tab tab)
{
    switch (tab) {
    case OMV__TAB_NODES:
        return f <= F_MUNICIPALITY;
    case OMV__TAB_LINKS:
    case OMV__TAB_CANDIDATES:
        return f == F_ID || (f >= F_A && f <= F_COST) || f == F_POWER_H || f == F_METRIC;
    case OMV__TAB_DEMANDS:
        return f >= F_SRC && f <= F_GBPS;
    default:
        return false;
    }
}

static const char *const TAB_FILE_NOUN[OMV__TAB_COUNT_] = {"node", "link", "candidate", "demand"};

/* A reference to a node that was not yet known when its row was read. */
typedef struct {
    char *id; /* malloc'd */
    int32_t owner; /* index of the link or demand that refers */
    int32_t line;
    int32_t col;
    uint16_t file;
    uint8_t what; /* 0 column a, 1 column b, 2 src, 3 dst */
} pending_ref;

/* An id insert that waits: the row's index, its key's hash and where the id stands. */
#define IDQ_LEN 16
typedef struct {
    int32_t idx;
    uint32_t h;
    int32_t col;
} idq_ent;
typedef struct {
    idq_ent e[IDQ_LEN];
    unsigned head, n;
} idq;

struct omv__builder {
    omv_ctx *ctx;
    omv_net *net;
    /* current table */
    omv__tab tab;
    int file;
    size_t ncols;
    int *fieldof;              /* per column: field or -1 (attribute) */
    const char **attr_name;    /* per column: arena name when attribute */
    int fieldcol[F_COUNT_];    /* column index of each field, -1 when absent */
    int has_table;
    /* deferred references */
    pending_ref *pend;
    size_t npend, cappend;
    /* municipality name (the network's arena) -> index into net->munis */
    omv__strmap munis;
    /* id inserts waiting a few rows for their prefetched slot (see idq_push) */
    idq nodeq, linkq;
    /* last link row, for geometry */
    long last_link;
    /* namespace of the current input ("NAME" of NAME=PATH): ids and group names read as NAME:id */
    char *ns;
    /* join tables (node pairs that are one place), applied when the build finishes */
    char **joins;
    size_t njoins, capjoins;
    /* merge mode (omv__builder_merge): candidate rows may name loaded items; link of every row read */
    bool merge, no_folder_candidates, defer_lengths;
    int32_t *named;
    size_t nnamed, capnamed;
    /* A part (omv__builder_part_new): its rows go to a window of the whole table's array, lent by the
     * builder `whole`, whose nodes its references name; ids are interned when the part is merged.
     * idcols holds the column of each row's id, allocated only once an id stands elsewhere than in
     * column 1 (it matters only for the message of a duplicate). */
    const omv__builder *whole;
    int32_t *idcols;
};

static int idq_flush(omv__builder *b, bool nodes);
static int idq_flush_all(omv__builder *b);

int omv__builder_new(omv__builder **out, omv_ctx *ctx, omv_net *net)
{
    (void)net;
    *out = NULL;
    omv__builder *b = calloc(1, sizeof(*b));
    omv_net *n = calloc(1, sizeof(*n));
    if (!b || !n) {
        free(b);
        free(n);
        return OMV_NOMEM(ctx, "network");
    }
    omv__arena_init(&n->arena);
    omv__idmap_init(&n->node_ids, omv__net_node_key);
    omv__idmap_init(&n->link_ids, omv__net_link_key);
    b->ctx = ctx;
    b->net = n;
    b->last_link = -1;
    *out = b;
    return 0;
}

void omv__builder_free(omv__builder *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->npend; i++)
        free(b->pend[i].id);
    free(b->pend);
    omv__strmap_free(&b->munis);
    free(b->fieldof);
    free(b->attr_name);
    free(b->ns);
    for (size_t i = 0; i < b->njoins; i++)
        free(b->joins[i]);
    free(b->joins);
    free(b->named);
    free(b->idcols);
    if (b->net && b->whole) {
        /* The window belongs to the whole table's array; the file list's names to its arena. */
        b->net->nodes = NULL;
        b->net->links = NULL;
    }
    if (b->net)
        omv_net_free(b->net);
    free(b);
}

omv_ctx *omv__builder_ctx(omv__builder *b) { return b->ctx; }

int omv__builder_namespace(omv__builder *b, const char *ns)
{
    free(b->ns);
    b->ns = NULL;
    if (ns && *ns && !(b->ns = strdup(ns)))
        return OMV_NOMEM(b->ctx, "namespace");
    return 0;
}

int omv__builder_join(omv__builder *b, const char *path)
{
    if (OMV_GROW(b->joins, b->capjoins, b->njoins + 1))
        return OMV_NOMEM(b->ctx, "join tables");
    if (!(b->joins[b->njoins] = strdup(path)))
        return OMV_NOMEM(b->ctx, "join tables");
    b->njoins++;
    return 0;
}

int omv__builder_file(omv__builder *b, const char *path)
{
    omv_net *net = b->net;
    if (net->nfiles >= UINT16_MAX)
        return OMV_ERR(b->ctx, OMV_EARG, "too many input files");
    if (OMV_GROW(net->files, net->capfiles, net->nfiles + 1))
        return OMV_NOMEM(b->ctx, "file list");
    const char *p = omv__arena_strdup(&net->arena, path);
    if (!p)
        return OMV_NOMEM(b->ctx, "file list");
    net->files[net->nfiles] = p;
    return (int)net->nfiles++;
}

static const char *fname(const omv__builder *b) { return omv__net_file(b->net, (uint16_t)b->file); }

const char *omv__builder_file_name(omv__builder *b, int f) { return omv__net_file(b->net, (uint16_t)f); }

/* Adds name to the writer's list of extra columns for nodes or links, once. */
static int note_attr_col(omv__builder *b, const char *name)
{
    omv_net *net = b->net;
    bool nodes = b->tab == OMV__TAB_NODES;
    const char ***cols = nodes ? &net->node_attr_cols : &net->link_attr_cols;
    size_t *n = nodes ? &net->nnode_attr_cols : &net->nlink_attr_cols;
    size_t *cap = nodes ? &net->capnode_attr_cols : &net->caplink_attr_cols;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*cols)[i], name) == 0)
            return 0;
    if (omv__grow((void **)cols, cap, *n + 1, sizeof(**cols)))
        return OMV_NOMEM(b->ctx, "columns");
    (*cols)[(*n)++] = name;
    return 0;
}

int omv__builder_header(omv__builder *b, omv__tab tab, int f, int line, size_t ncols,
                        const char *const *names, const int *cols)
{
    int qrc = idq_flush_all(b);
    if (qrc)
        return qrc;
    omv_ctx *ctx = b->ctx;
    free(b->fieldof);
    free(b->attr_name);
    b->fieldof = calloc(ncols ? ncols : 1, sizeof(*b->fieldof));
    b->attr_name = calloc(ncols ? ncols : 1, sizeof(*b->attr_name));
    if (!b->fieldof || !b->attr_name)
        return OMV_NOMEM(ctx, "header");
    b->tab = tab;
    b->file = f;
    b->ncols = ncols;
    b->has_table = 1;
    for (int i = 0; i < F_COUNT_; i++)
        b->fieldcol[i] = -1;
    const char *fn = fname(b);
    for (size_t i = 0; i < ncols; i++) {
        int col = cols ? cols[i] : 1;
        char norm[128];
        size_t k = 0;
        for (const char *s = names[i] ? names[i] : ""; *s && k + 1 < sizeof(norm); s++)
            if (!isspace((unsigned char)*s))
                norm[k++] = (char)tolower((unsigned char)*s);
        norm[k] = '\0';
        if (k == 0)
            return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: empty column name in header", fn, line, col);
        int fld = -1;
        for (int j = 0; j < F_COUNT_; j++)
            if (strcmp(norm, FIELD_NAMES[j]) == 0 && field_in_table(j, tab))
                fld = j;
        b->fieldof[i] = fld;
        if (fld >= 0) {
            if (b->fieldcol[fld] >= 0)
                return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: column '%s' appears twice in the header", fn,
                               line, col, FIELD_NAMES[fld]);
            b->fieldcol[fld] = (int)i;
        } else {
            for (size_t j = 0; j < i; j++)
                if (b->attr_name[j] && strcmp(b->attr_name[j], names[i]) == 0)
                    return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: column '%s' appears twice in the header",
                                   fn, line, col, names[i]);
            b->attr_name[i] = omv__arena_strdup(&b->net->arena, names[i]);
            if (!b->attr_name[i])
                return OMV_NOMEM(ctx, "header");
            if (tab != OMV__TAB_DEMANDS && note_attr_col(b, b->attr_name[i]))
                return OMV_ENOMEM;
        }
    }
    static const int req_nodes[] = {F_ID, -1};
    static const int req_links[] = {F_ID, F_A, F_B, -1};
    static const int req_cand[] = {F_ID, F_A, F_COST, -1};
    static const int req_dem[] = {F_SRC, F_DST, F_GBPS, -1};
    const int *req = tab == OMV__TAB_NODES ? req_nodes
                     : tab == OMV__TAB_LINKS ? req_links
                     : tab == OMV__TAB_CANDIDATES ? req_cand
                                                   : req_dem;
    for (; *req >= 0; req++)
        if (b->fieldcol[*req] < 0)
            return OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: missing required column '%s' in the %s header", fn,
                           line, FIELD_NAMES[*req], TAB_FILE_NOUN[tab]);
    return 0;
}

/* ---- value parsing -------------------------------------------------------------------------- */

typedef struct {
    omv__builder *b;
    int line;
    const char *const *vals;
    const int *cols;
} rowctx;

static int colof(const rowctx *r, int fld)
{
    int i = r->b->fieldcol[fld];
    return (i >= 0 && r->cols) ? r->cols[i] : 1;
}

/* The value of field fld without leading and trailing blanks: *s points into the row, the length is
 * returned (0 when the column is absent or the value blank). */
static size_t trimmed(const rowctx *r, int fld, const char **s)
{
    int i = r->b->fieldcol[fld];
    const char *v = (i >= 0) ? r->vals[i] : NULL;
    if (!v)
        return 0;
    while (*v && isspace((unsigned char)*v))
        v++;
    size_t n = strlen(v);
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    *s = v;
    return n;
}

/* The trimmed value of a field in a malloc-free way: returns a pointer into a small buffer owned by
 * the caller, or NULL when the field is absent or blank. A value too long for buf is cut short (its
 * full length goes to *len_out), so that it still fails the checks of short values by name instead
 * of passing as blank. */
static const char *val(const rowctx *r, int fld, char *buf, size_t bufsz, size_t *len_out)
{
    const char *s;
    size_t n = trimmed(r, fld, &s);
    if (n == 0)
        return NULL;
    if (len_out)
        *len_out = n;
    size_t k = n < bufsz ? n : bufsz - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    return buf;
}

/* Trimmed value for free-text fields of any length, copied into the arena. */
static int textval(const rowctx *r, int fld, const char **out)
{
    *out = NULL;
    const char *s;
    size_t n = trimmed(r, fld, &s);
    if (n == 0)
        return 0;
    *out = omv__arena_strndup(&r->b->net->arena, s, n);
    return *out ? 0 : OMV_NOMEM(r->b->ctx, "text");
}

/* Raises a value error at the cell of field fld; the message names the column and the value. */
static int bad(const rowctx *r, int fld, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(const rowctx *r, int fld, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return OMV_ERR(r->b->ctx, OMV_EDATA, "%s:%d:%d: %s", fname(r->b), r->line, colof(r, fld), msg);
}

/* Parses a finite double. Empty -> NaN and *given = false. */
/* Plain decimals ("66.00797", "-12", "400") of at most 15 digits are the common case: their digits
 * and the power of ten are exact doubles, so one division is correctly rounded and gives exactly what
 * strtod would. Returns false for anything else (exponents, long mantissas, "nan"), left to strtod. */
static bool fast_decimal(const char *s, double *out)
{
    static const double P10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (++digits > 15)
                return false;
            m = m * 10 + (uint64_t)(*s - '0');
            if (frac >= 0)
                frac++;
        } else if (*s == '.' && frac < 0) {
            frac = 0;
        } else {
            return false;
        }
    }
    if (digits == 0)
        return false;
    double d = (double)m;
    if (frac > 0)
        d /= P10[frac];
    *out = neg ? -d : d;
    return true;
}

/* The largest value each numeric field takes. Beyond them a value is a mistake (1e308 NOK), and the
 * caps keep every total exact or finite and every printed figure short: with at most 2^31 nodes, the
 * population of a whole network stays below 2^63, and a billion links at the cap of length,
 * capacity or cost still sum to a modest double. Coordinates have ranges of their own. */
#define MAX_POPULATION 4000000000LL /* more than live in any country; the message spells it out */
static double field_cap(int fld, const char **text)
{
    switch (fld) {
    case F_LENGTH:
        *text = "1000000 km";
        return 1e6; /* a satellite hop is about 72,000 km */
    case F_CAPACITY:
    case F_GBPS:
        *text = "1000000000 Gbit/s";
        return 1e9;
    case F_COST:
        *text = "10^15 NOK";
        return 1e15;
    case F_POWER_H:
        *text = "1000000 hours";
        return 1e6;
    default:
        *text = "";
        return INFINITY;
    }
}

static int num(const rowctx *r, int fld, double *out, bool nonneg, bool *given)
{
    char buf[64];
    size_t len = 0;
    *out = NAN;
    if (given)
        *given = false;
    const char *v = val(r, fld, buf, sizeof(buf), &len);
    if (!v)
        return 0;
    if (len >= sizeof(buf))
        return bad(r, fld, "%s '%.20s...' is too long to be a number", FIELD_NAMES[fld], v);
    double d;
    if (!fast_decimal(v, &d)) {
        int prc = omv__parse_decimal(v, &d);
        if (prc == OMV__NUM_NOMEM)
            return OMV_NOMEM(r->b->ctx, "number");
        /* An underflow (1e-400) reads as the nearest double; an overflow is not finite. */
        if (prc == OMV__NUM_RANGE || (prc && omv__is_nonfinite_word(v, len)))
            return bad(r, fld, "%s '%s' is not a finite number", FIELD_NAMES[fld], v);
        if (prc)
            return bad(r, fld, "%s '%s' is not a number%s", FIELD_NAMES[fld], v,
                       strchr(v, ',')              ? " (use a decimal point, not a comma)"
                       : omv__is_hex_word(v, len) ? " (write it in decimal: hexadecimal is not read)"
                                                   : "");
    }
    if (nonneg && d < 0)
        return bad(r, fld, "%s must not be negative, got '%s'", FIELD_NAMES[fld], v);
    const char *cap_text;
    if (d > field_cap(fld, &cap_text))
        return bad(r, fld, "%s '%s' is above the cap of %s", FIELD_NAMES[fld], v, cap_text);
    *out = d;
    if (given)
        *given = true;
    return 0;
}

/* An id read in a namespace: "NAME:id", in buf when it fits, else in the arena. */
static int ns_text(const rowctx *r, const char *s, size_t n, const char **out, char *buf, size_t bufsz)
{
    const char *ns = r->b->ns;
    size_t k = strlen(ns);
    char *dst = (buf && k + 1 + n < bufsz) ? buf : omv__arena_alloc(&r->b->net->arena, k + n + 2);
    if (!dst)
        return OMV_NOMEM(r->b->ctx, "id");
    memcpy(dst, ns, k);
    dst[k] = ':';
    memcpy(dst + k + 1, s, n);
    dst[k + 1 + n] = '\0';
    *out = dst;
    return 0;
}

/* The trimmed text of an id column. With buf (a reference to a node: needed only while the row is
 * read) short ids are copied there; otherwise, and for the row's own id, into the arena. */
static int id_text(const rowctx *r, int fld, const char **out, bool required, char *buf, size_t bufsz)
{
    *out = NULL;
    const char *s = NULL;
    size_t n = trimmed(r, fld, &s);
    if (n == 0) {
        if (required)
            return OMV_ERR(r->b->ctx, OMV_EDATA, "%s:%d:%d: missing value in column '%s'", fname(r->b),
                           r->line, colof(r, fld), FIELD_NAMES[fld]);
        return 0;
    }
    if (r->b->ns)
        return ns_text(r, s, n, out, buf, bufsz);
    if (buf && n < bufsz) {
        memcpy(buf, s, n);
        buf[n] = '\0';
        *out = buf;
        return 0;
    }
    *out = omv__arena_strndup(&r->b->net->arena, s, n);
    return *out ? 0 : OMV_NOMEM(r->b->ctx, "id");
}

static int id_field(const rowctx *r, int fld, const char **out, bool required)
{
    return id_text(r, fld, out, required, NULL, 0);
}

/* The index in net->munis of municipality name, added when new (a copy in the arena unless the name
 * lives there already, `kept`): *out, or a negative error code. */
static int muni_index(omv__builder *b, const char *name, bool kept, int32_t *out)
{
    omv_net *net = b->net;
    int32_t k = omv__strmap_get(&b->munis, name);
    if (k >= 0) {
        *out = k;
        return 0;
    }
    const char *copy = name;
    if (!kept && !(copy = omv__arena_strndup(&net->arena, name, strlen(name))))
        return OMV_NOMEM(b->ctx, "municipalities");
    if (net->nmunis >= INT32_MAX || OMV_GROW(net->munis, net->capmunis, net->nmunis + 1) ||
        omv__strmap_put(&b->munis, copy, (int32_t)net->nmunis) < 0)
        return OMV_NOMEM(b->ctx, "municipalities");
    net->munis[net->nmunis] = copy;
    *out = (int32_t)net->nmunis++;
    return 0;
}

/* Municipalities repeat across thousands of sites: one copy of each name, which nodes name by index. */
static int muni_text(const rowctx *r, int32_t *out)
{
    *out = -1;
    const char *s;
    size_t n = trimmed(r, F_MUNICIPALITY, &s);
    if (n == 0)
        return 0;
    char buf[256];
    if (n < sizeof(buf)) {
        memcpy(buf, s, n);
        buf[n] = '\0';
        return muni_index(r->b, buf, false, out);
    }
    const char *copy = omv__arena_strndup(&r->b->net->arena, s, n);
    return copy ? muni_index(r->b, copy, true, out) : OMV_NOMEM(r->b->ctx, "municipalities");
}

static int keep_attrs(const rowctx *r, omv__attrs **out)
{
    omv__builder *b = r->b;
    *out = NULL;
    uint32_t n = 0;
    for (size_t i = 0; i < b->ncols; i++)
        if (b->fieldof[i] < 0 && r->vals[i] && r->vals[i][0])
            n++;
    if (!n)
        return 0;
    omv__attrs *a = omv__arena_alloc(&b->net->arena, sizeof(*a));
    const char **k = omv__arena_alloc(&b->net->arena, n * sizeof(*k));
    const char **v = omv__arena_alloc(&b->net->arena, n * sizeof(*v));
    if (!a || !k || !v)
        return OMV_NOMEM(b->ctx, "attributes");
    a->n = 0;
    a->keys = k;
    a->vals = v;
    for (size_t i = 0; i < b->ncols; i++) {
        if (b->fieldof[i] >= 0 || !r->vals[i] || !r->vals[i][0])
            continue;
        k[a->n] = b->attr_name[i];
        v[a->n] = omv__arena_strdup(&b->net->arena, r->vals[i]);
        if (!v[a->n])
            return OMV_NOMEM(b->ctx, "attributes");
        a->n++;
    }
    *out = a;
    return 0;
}

/* The network whose nodes a row's references name: the whole table's for a part. */
static const omv_net *ref_net(const omv__builder *b) { return b->whole ? b->whole->net : b->net; }

/* Fetches ahead what looking up node id of hash h will read, one step per call: its slot (step 0),
 * then the node record the slot names (1), which holds the pointer to the id text. Each step reads
 * only what the one before fetched, so a row that parses its other fields between the steps and
 * looks up after them finds the cache misses of a lookup among a million nodes partly served. A
 * guess: a wrong one costs a wasted fetch, never a wrong result. */
static void ref_prefetch(const omv_net *nn, uint32_t h, int step)
{
    if (step == 0) {
        omv__idmap_prefetch(&nn->node_ids, h);
        return;
    }
    int32_t v = omv__idmap_peek(&nn->node_ids, h);
    if (v >= 0 && (size_t)v < nn->nnodes)
        __builtin_prefetch(&nn->nodes[v]);
}

/* Resolves a reference to node `id` (of hash h) now, or defers it to finish when the node is not known
 * yet. */
static int node_ref(const rowctx *r, int fld, const char *id, uint32_t h, int32_t *slot, uint8_t what)
{
    omv__builder *b = r->b;
    if (b->nodeq.n) {
        int rc = idq_flush(b, true); /* every node read so far must be findable */
        if (rc)
            return rc;
    }
    const omv_net *nodes = ref_net(b);
    int32_t v = omv__idmap_get_hashed(&nodes->node_ids, nodes, id, h);
    *slot = v;
    if (v >= 0)
        return 0;
    if (OMV_GROW(b->pend, b->cappend, b->npend + 1))
        return OMV_NOMEM(b->ctx, "references");
    pending_ref *p = &b->pend[b->npend];
    p->id = strdup(id);
    if (!p->id)
        return OMV_NOMEM(b->ctx, "references");
    p->owner = -1; /* set by the caller once the row's index is known */
    p->line = r->line;
    p->col = colof(r, fld);
    p->file = (uint16_t)b->file;
    p->what = what;
    b->npend++;
    return 0;
}

/* ---- rows ----------------------------------------------------------------------------------- */

/* Inserts one waiting id; a duplicate is reported at its own row. */
static int idq_insert(omv__builder *b, bool nodes, const idq_ent *e)
{
    omv_net *net = b->net;
    int32_t first = -1;
    int rc = omv__idmap_put_hashed(nodes ? &net->node_ids : &net->link_ids, net, e->idx, e->h, &first);
    if (rc < 0)
        return OMV_NOMEM(b->ctx, nodes ? "node ids" : "link ids");
    if (rc == 0)
        return 0;
    if (nodes) {
        const omv__node *n = &net->nodes[e->idx], *o = &net->nodes[first];
        return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: duplicate node id '%s' (first defined at %s:%d)",
                       omv__net_file(net, n->file), n->line, e->col, n->id, omv__net_file(net, o->file), o->line);
    }
    const omv__link *l = &net->links[e->idx], *o = &net->links[first];
    return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: duplicate link id '%s' (first defined at %s:%d%s)",
                   omv__net_file(net, l->file), l->line, e->col, l->id, omv__net_file(net, o->file), o->line,
                   o->status != l->status ? "; links and candidates share one set of ids" : "");
}

static int idq_flush(omv__builder *b, bool nodes)
{
    idq *q = nodes ? &b->nodeq : &b->linkq;
    int rc = 0;
    while (q->n && !rc) {
        idq_ent e = q->e[q->head];
        q->head = (q->head + 1) % IDQ_LEN;
        q->n--;
        rc = idq_insert(b, nodes, &e);
    }
    if (rc)
        q->n = 0; /* the load fails here: a later row must not report over this one */
    return rc;
}

/* Queues the id of the row just added: its slot is prefetched now and filled IDQ_LEN rows later, when
 * the memory has arrived. Inserts keep their order, so a duplicate still finds the first row. */
static int idq_push(omv__builder *b, bool nodes, int32_t idx, int col)
{
    omv_net *net = b->net;
    if (b->whole) {
        /* A part interns its ids when it is merged; it keeps only an unusual id column. */
        if (col != 1 && !b->idcols) {
            size_t cap = nodes ? net->capnodes : net->caplinks;
            if (!(b->idcols = malloc(cap * sizeof(*b->idcols))))
                return OMV_NOMEM(b->ctx, "ids");
            for (size_t i = 0; i < cap; i++)
                b->idcols[i] = 1;
        }
        if (b->idcols)
            b->idcols[idx] = col;
        return 0;
    }
    idq *q = nodes ? &b->nodeq : &b->linkq;
    omv__idmap *m = nodes ? &net->node_ids : &net->link_ids;
    const char *id = nodes ? net->nodes[idx].id : net->links[idx].id;
    idq_ent e = {idx, (uint32_t)omv__hash_str(id), col};
    omv__idmap_prefetch(m, e.h);
    if (q->n == IDQ_LEN) {
        idq_ent old = q->e[q->head];
        q->head = (q->head + 1) % IDQ_LEN;
        q->n--;
        int rc = idq_insert(b, nodes, &old);
        if (rc) {
            q->n = 0; /* the first error in the file: the rows still queued come after it */
            return rc;
        }
    }
    q->e[(q->head + q->n) % IDQ_LEN] = e;
    q->n++;
    return 0;
}

static int idq_flush_all(omv__builder *b)
{
    int rc = idq_flush(b, true);
    return rc ? rc : idq_flush(b, false);
}

static int row_node(const rowctx *r)
{
    omv__builder *b = r->b;
    omv_net *net = b->net;
    omv_ctx *ctx = b->ctx;
    if (net->nnodes >= INT32_MAX - 1)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: too many nodes", fname(b), r->line);
    if (OMV_GROW(net->nodes, net->capnodes, net->nnodes + 1))
        return OMV_NOMEM(ctx, "nodes");
    omv__node nd;
    memset(&nd, 0, sizeof(nd));
    nd.line = r->line;
    nd.file = (uint16_t)b->file;
    int rc;
    if ((rc = id_field(r, F_ID, &nd.id, true)))
        return rc;
    omv__node_x nx = {0};
    if ((rc = textval(r, F_NAME, &nx.name)) || (rc = muni_text(r, &nd.muni)))
        return rc;
    if (nx.name && strcmp(nx.name, nd.id) == 0)
        nx.name = NULL;
    bool has_lat, has_lon;
    if ((rc = num(r, F_LAT, &nd.lat, false, &has_lat)) || (rc = num(r, F_LON, &nd.lon, false, &has_lon)))
        return rc;
    char buf[64];
    if (has_lat && (nd.lat < -90 || nd.lat > 90))
        return bad(r, F_LAT, "lat %s is out of range: a latitude lies between -90 and 90",
                   val(r, F_LAT, buf, sizeof(buf), NULL));
    if (has_lon && (nd.lon < -180 || nd.lon > 180))
        return bad(r, F_LON, "lon %s is out of range: a longitude lies between -180 and 180",
                   val(r, F_LON, buf, sizeof(buf), NULL));
    if (has_lat != has_lon)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: node '%s' has %s but no %s", fname(b), r->line,
                       colof(r, has_lat ? F_LAT : F_LON), nd.id, has_lat ? "lat" : "lon",
                       has_lat ? "lon" : "lat");
    const char *v = val(r, F_COUNTRY, buf, sizeof(buf), NULL);
    if (v) {
        if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) || !isalpha((unsigned char)v[1]))
            return bad(r, F_COUNTRY, "country '%s' is not an ISO 3166-1 alpha-2 code (such as NO, SE, FI, DK)", v);
        nd.country[0] = (char)toupper((unsigned char)v[0]);
        nd.country[1] = (char)toupper((unsigned char)v[1]);
    }
    nd.kind = OMV_KIND_SITE;
    if ((v = val(r, F_KIND, buf, sizeof(buf), NULL))) {
        int k = omv_kind_parse(v);
        if (k < 0)
            return bad(r, F_KIND, "unknown kind '%s' (expected core, ixp, datacenter, exchange, site, landing, "
                                  "border, waypoint or satellite_gateway)",
                       v);
        nd.kind = (uint8_t)k;
    }
    double pop;
    if ((rc = num(r, F_POPULATION, &pop, true, NULL)))
        return rc;
    if (!isnan(pop)) {
        if (pop != floor(pop))
            return bad(r, F_POPULATION, "population '%s' is not a whole number of people",
                       val(r, F_POPULATION, buf, sizeof(buf), NULL));
        if (pop > (double)MAX_POPULATION)
            return bad(r, F_POPULATION, "population '%s' is above the cap of 4,000,000,000 people on one node",
                       val(r, F_POPULATION, buf, sizeof(buf), NULL));
        nd.population = (int64_t)pop;
    }
    if ((v = val(r, F_ISLAND, buf, sizeof(buf), NULL))) {
        for (char *p = buf; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes"))
            nd.island = 1;
        else if (!strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "no"))
            nd.island = 0;
        else
            return bad(r, F_ISLAND, "island must be true or false, got '%s'", v);
    }
    if ((rc = num(r, F_POWER_H, &nd.power_h, true, NULL)))
        return rc;
    if ((rc = keep_attrs(r, &nx.attrs)))
        return rc;
    if (nx.name || nx.attrs) {
        if (!(nd.x = omv__arena_alloc(&net->arena, sizeof(*nd.x))))
            return OMV_NOMEM(ctx, "nodes");
        *nd.x = nx;
    }
    int32_t idx = (int32_t)net->nnodes;
    net->nodes[net->nnodes++] = nd; /* a duplicate id fails the whole load, so the row may count now */
    return idq_push(b, true, idx, colof(r, F_ID));
}

static int add_srlgs(omv__builder *b, const rowctx *r, omv__link *lk)
{
    omv_net *net = b->net;
    int i = b->fieldcol[F_SRLG];
    lk->srlg_off = (uint32_t)net->nlink_srlg;
    lk->nsrlg = 0;
    if (i < 0 || !r->vals[i])
        return 0;
    const char *s = r->vals[i];
    while (*s) {
        while (*s == ';' || isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ';')
            e++;
        const char *t = e;
        while (t > s && isspace((unsigned char)t[-1]))
            t--;
        char name[256];
        size_t n = (size_t)(t - s);
        size_t nsl = b->ns ? strlen(b->ns) + 1 : 0;
        if (n + nsl >= sizeof(name))
            return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: srlg: group name longer than %zu characters",
                           fname(b), r->line, colof(r, F_SRLG), sizeof(name) - 1 - nsl);
        if (nsl)
            snprintf(name, sizeof(name), "%s:", b->ns);
        memcpy(name + nsl, s, n);
        name[nsl + n] = '\0';
        int32_t g = omv__strmap_get(&net->srlg_ids, name);
        if (g < 0) {
            if (OMV_GROW(net->srlg_names, net->capsrlg, net->nsrlg + 1))
                return OMV_NOMEM(b->ctx, "srlg");
            const char *nm = omv__arena_strdup(&net->arena, name);
            if (!nm)
                return OMV_NOMEM(b->ctx, "srlg");
            g = (int32_t)net->nsrlg;
            if (omv__strmap_put(&net->srlg_ids, nm, g) < 0)
                return OMV_NOMEM(b->ctx, "srlg");
            net->srlg_names[net->nsrlg++] = nm;
        }
        /* The same group named twice on one link counts once. */
        bool dup = false;
        for (uint32_t k = 0; k < lk->nsrlg; k++)
            dup |= net->link_srlg[lk->srlg_off + k] == g;
        if (!dup) {
            if (OMV_GROW(net->link_srlg, net->caplink_srlg, net->nlink_srlg + 1))
                return OMV_NOMEM(b->ctx, "srlg");
            if (lk->nsrlg == UINT16_MAX)
                return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: srlg: more than %d groups on one link", fname(b),
                               r->line, colof(r, F_SRLG), UINT16_MAX);
            net->link_srlg[net->nlink_srlg++] = g;
            lk->nsrlg++;
        }
        s = e;
    }
    return 0;
}

/* ---- merge mode: proposals naming items already loaded -------------------------------------- */

void omv__builder_merge(omv__builder *b, int on) { b->merge = on != 0; }

void omv__builder_skip_folder_candidates(omv__builder *b, int on) { b->no_folder_candidates = on != 0; }
void omv__builder_defer_lengths(omv__builder *b, int on) { b->defer_lengths = on != 0; }

int omv__builder_folder_candidates(const omv__builder *b) { return !b->no_folder_candidates; }

int omv__builder_take_named(omv__builder *b, int32_t **idx, size_t *n)
{
    *idx = b->named;
    *n = b->nnamed;
    b->named = NULL;
    b->nnamed = b->capnamed = 0;
    return 0;
}

static int note_named(omv__builder *b, int32_t idx)
{
    if (OMV_GROW(b->named, b->capnamed, b->nnamed + 1))
        return OMV_NOMEM(b->ctx, "proposal items");
    b->named[b->nnamed++] = idx;
    return 0;
}

static bool same_num(double x, double y) { return (isnan(x) && isnan(y)) || x == y; }

static bool same_text(const char *x, const char *y) { return (!x && !y) || (x && y && strcmp(x, y) == 0); }

/* The first field in which link o and the row just parsed (lk) differ, or -1 when they are the same
 * item. Extra columns count too: a name of such a column is returned through *attr. */
static int first_difference(const omv_net *net, const omv__link *o, const omv__link *lk, const char *aid,
                            const char *bid, size_t srlg_before, const char **attr)
{
    *attr = NULL;
    if (o->a < 0 || strcmp(net->nodes[o->a].id, aid) != 0)
        return F_A;
    if ((o->b < 0) != (bid == NULL) || (bid && strcmp(net->nodes[o->b].id, bid) != 0))
        return F_B;
    if (o->medium != lk->medium)
        return F_MEDIUM;
    if (o->status != lk->status)
        return F_STATUS;
    if (!same_num(o->capacity_gbps, lk->capacity_gbps))
        return F_CAPACITY;
    if (o->length_given != lk->length_given || (lk->length_given && o->length_km != lk->length_km))
        return F_LENGTH;
    if (!same_num(omv__link_cost(o), omv__link_cost(lk)))
        return F_COST;
    if (!same_num(omv__link_power(o), omv__link_power(lk)))
        return F_POWER_H;
    if (!same_num(omv__link_metric(o), omv__link_metric(lk)))
        return F_METRIC;
    if (!same_text(omv__link_operator(o), omv__link_operator(lk)))
        return F_OPERATOR;
    if (o->nsrlg != net->nlink_srlg - srlg_before ||
        memcmp(net->link_srlg + o->srlg_off, net->link_srlg + srlg_before, o->nsrlg * sizeof(int32_t)) != 0)
        return F_SRLG;
    const omv__attrs *x = omv__link_attrs(o), *y = omv__link_attrs(lk);
    for (int pass = 0; pass < 2; pass++) {
        const omv__attrs *p = pass ? y : x, *q = pass ? x : y;
        for (uint32_t i = 0; p && i < p->n; i++) {
            if (!same_text(p->vals[i], omv__attrs_get(q, p->keys[i]))) {
                *attr = p->keys[i];
                return F_COUNT_;
            }
        }
    }
    return -1;
}

/* Merge mode: when a link of the row's id is loaded already, the row must describe that same item:
 * then nothing is added (*same receives its index) and what the row queued is taken back; a row that
 * differs is an error at the first differing cell. */
static int merge_row(const rowctx *r, omv__link *lk, const char *aid, const char *bid, size_t srlg_before,
                     size_t pend_before, int32_t *same)
{
    omv__builder *b = r->b;
    omv_net *net = b->net;
    *same = -1;
    int rc = idq_flush(b, false); /* every link read so far must be findable */
    if (rc)
        return rc;
    int32_t o = omv__idmap_get(&net->link_ids, net, lk->id);
    if (o < 0)
        return 0;
    const omv__link *ol = &net->links[o];
    const char *attr;
    int f = first_difference(net, ol, lk, aid, bid, srlg_before, &attr);
    if (f >= 0) {
        int col = 1;
        if (f < F_COUNT_)
            col = colof(r, f);
        else
            for (size_t i = 0; i < b->ncols; i++)
                if (b->attr_name[i] && strcmp(b->attr_name[i], attr) == 0 && r->cols)
                    col = r->cols[i];
        return OMV_ERR(b->ctx, OMV_EDATA,
                       "%s:%d:%d: '%s' differs in column '%s' from the item of the same id at %s:%d (a proposal "
                       "may name a candidate already loaded only with an identical row)",
                       fname(b), r->line, col, lk->id, f < F_COUNT_ ? FIELD_NAMES[f] : attr,
                       omv__net_file(net, ol->file), ol->line);
    }
    for (size_t k = pend_before; k < b->npend; k++)
        free(b->pend[k].id);
    b->npend = pend_before;
    net->nlink_srlg = srlg_before;
    b->last_link = -1;
    *same = o;
    return note_named(b, o);
}

/* A link's side data when it has none: what the accessors answer for a link without x. */
static const omv__link_x LINK_X_NONE = {NULL, NULL, NAN, NAN, NAN, NULL};

static int row_link(const rowctx *r)
{
    omv__builder *b = r->b;
    omv_net *net = b->net;
    omv_ctx *ctx = b->ctx;
    char buf[64];
    if (net->nlinks >= INT32_MAX - 1)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: too many links", fname(b), r->line);
    if (OMV_GROW(net->links, net->caplinks, net->nlinks + 1))
        return OMV_NOMEM(ctx, "links");
    omv__link lk;
    memset(&lk, 0, sizeof(lk));
    lk.line = r->line;
    lk.file = (uint16_t)b->file;
    lk.a = lk.b = -1;
    int rc;
    if ((rc = id_field(r, F_ID, &lk.id, true)))
        return rc;
    const char *v;
    lk.medium = OMV_MEDIUM_FIBER;
    if ((v = val(r, F_MEDIUM, buf, sizeof(buf), NULL))) {
        int m = omv_medium_parse(v);
        if (m < 0)
            return bad(r, F_MEDIUM, "unknown medium '%s' (expected fiber, subsea, aerial, microwave, satellite, "
                                    "leased or power)",
                       v);
        lk.medium = (uint8_t)m;
    }
    lk.status = b->tab == OMV__TAB_CANDIDATES ? OMV_STATUS_CANDIDATE : OMV_STATUS_EXISTING;
    if ((v = val(r, F_STATUS, buf, sizeof(buf), NULL))) {
        if (!strcasecmp(v, "existing"))
            lk.status = OMV_STATUS_EXISTING;
        else if (!strcasecmp(v, "candidate"))
            lk.status = OMV_STATUS_CANDIDATE;
        else
            return bad(r, F_STATUS, "status must be existing or candidate, got '%s'", v);
    }
    bool power = lk.medium == OMV_MEDIUM_POWER;
    if (power && lk.status != OMV_STATUS_CANDIDATE)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: medium 'power' is a reserve-power upgrade and belongs in "
                       "the candidates", fname(b), r->line, colof(r, F_MEDIUM));
    const char *aid, *bid;
    char abuf[128], bbuf[128];
    if ((rc = id_text(r, F_A, &aid, true, abuf, sizeof(abuf))) || (rc = id_text(r, F_B, &bid, !power, bbuf, sizeof(bbuf))))
        return rc;
    if (power && bid)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: reserve-power upgrade '%s' must leave column b empty",
                       fname(b), r->line, colof(r, F_B), lk.id);
    if (bid && strcmp(aid, bid) == 0)
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: self-loop: link '%s' has both ends at node '%s'", fname(b),
                       r->line, colof(r, F_B), lk.id, aid);
    const omv_net *nn = ref_net(b);
    uint32_t ha = (uint32_t)omv__hash_str(aid), hb = bid ? (uint32_t)omv__hash_str(bid) : 0;
    ref_prefetch(nn, ha, 0);
    if (bid)
        ref_prefetch(nn, hb, 0);
    bool given;
    omv__link_x lx = LINK_X_NONE;
    if ((rc = num(r, F_CAPACITY, &lk.capacity_gbps, true, NULL)) ||
        (rc = num(r, F_LENGTH, &lk.length_km, true, &given)) || (rc = num(r, F_COST, &lx.cost_nok, true, NULL)) ||
        (rc = num(r, F_POWER_H, &lx.power_h, true, NULL)) || (rc = num(r, F_METRIC, &lx.metric, false, NULL)))
        return rc;
    /* A routing metric of zero would make shortest paths loop through equal-cost detours. */
    if (!isnan(lx.metric) && !(lx.metric > 0))
        return bad(r, F_METRIC, "metric must be greater than 0, got '%g'", lx.metric);
    lk.length_given = given;
    if (lk.status == OMV_STATUS_CANDIDATE && isnan(lx.cost_nok))
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: candidate '%s' has no cost_nok (required for candidates)",
                       fname(b), r->line, colof(r, F_COST), lk.id);
    if (power && isnan(lx.power_h))
        return OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: reserve-power upgrade '%s' needs power_h (autonomy after "
                       "the upgrade)", fname(b), r->line, colof(r, F_POWER_H), lk.id);
    size_t srlg_before = net->nlink_srlg;
    if ((rc = textval(r, F_OPERATOR, &lx.operator_)) || (rc = add_srlgs(b, r, &lk)) ||
        (rc = keep_attrs(r, &lx.attrs)))
        return rc;
    ref_prefetch(nn, ha, 1);
    if (bid)
        ref_prefetch(nn, hb, 1);
    if (lx.operator_ || lx.attrs || !isnan(lx.cost_nok) || !isnan(lx.power_h) || !isnan(lx.metric)) {
        if (!(lk.x = omv__arena_alloc(&net->arena, sizeof(*lk.x))))
            return OMV_NOMEM(ctx, "links");
        *lk.x = lx;
    }
    int32_t idx = (int32_t)net->nlinks;
    int idcol = colof(r, F_ID);
    /* References: resolved now when the node is known; otherwise deferred (index of owner kept). */
    size_t before = b->npend;
    if ((rc = node_ref(r, F_A, aid, ha, &lk.a, 0)))
        return rc;
    if (bid && (rc = node_ref(r, F_B, bid, hb, &lk.b, 1)))
        return rc;
    if (b->merge) {
        int32_t same = -1;
        if ((rc = merge_row(r, &lk, aid, bid, srlg_before, before, &same)))
            return rc;
        if (same >= 0)
            return 0;
    }
    for (size_t k = before; k < b->npend; k++)
        b->pend[k].owner = idx;
    net->links[net->nlinks++] = lk;
    b->last_link = idx;
    if ((rc = idq_push(b, false, idx, idcol)))
        return rc;
    return b->merge ? note_named(b, idx) : 0;
}

static int row_demand(const rowctx *r)
{
    omv__builder *b = r->b;
    omv_net *net = b->net;
    if (OMV_GROW(net->demands, net->capdemands, net->ndemands + 1))
        return OMV_NOMEM(b->ctx, "demands");
    omv__demand d;
    memset(&d, 0, sizeof(d));
    d.line = r->line;
    d.file = (uint16_t)b->file;
    const char *s, *t;
    int rc;
    char sbuf[128], tbuf[128];
    if ((rc = id_text(r, F_SRC, &s, true, sbuf, sizeof(sbuf))) || (rc = id_text(r, F_DST, &t, true, tbuf, sizeof(tbuf))))
        return rc;
    if (strcmp(s, t) == 0)
        return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: demand from '%s' to itself", fname(b), r->line,
                       colof(r, F_DST), s);
    bool given;
    if ((rc = num(r, F_GBPS, &d.gbps, true, &given)))
        return rc;
    if (!given)
        return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: missing value in column 'gbps'", fname(b), r->line,
                       colof(r, F_GBPS));
    size_t before = b->npend;
    int32_t idx = (int32_t)net->ndemands;
    if ((rc = node_ref(r, F_SRC, s, (uint32_t)omv__hash_str(s), &d.src, 2)) ||
        (rc = node_ref(r, F_DST, t, (uint32_t)omv__hash_str(t), &d.dst, 3)))
        return rc;
    for (size_t k = before; k < b->npend; k++)
        b->pend[k].owner = idx;
    net->demands[net->ndemands++] = d;
    return 0;
}

int omv__builder_row(omv__builder *b, int line, const char *const *vals, const int *cols)
{
    if (!b->has_table)
        return OMV_ERR(b->ctx, OMV_EINTERNAL, "row before header");
    rowctx r = {.b = b, .line = line, .vals = vals, .cols = cols};
    int rc;
    /* A part's window holds as many rows as its part of the file has line ends outside quotes; more
     * rows can only come from a part split inside a quoted field, after a malformed quote that an
     * earlier part reports. */
    if (b->whole && (b->tab == OMV__TAB_NODES ? b->net->nnodes == b->net->capnodes
                                               : b->net->nlinks == b->net->caplinks))
        return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:1: more rows than line ends in this part of the file", fname(b),
                       line);
    switch (b->tab) {
    case OMV__TAB_NODES:
        rc = row_node(&r);
        break;
    case OMV__TAB_LINKS:
    case OMV__TAB_CANDIDATES:
        rc = row_link(&r);
        break;
    case OMV__TAB_DEMANDS:
        rc = row_demand(&r);
        break;
    default:
        return OMV_ERR(b->ctx, OMV_EINTERNAL, "bad table");
    }
    /* A duplicate id among the rows still queued came first in the file: it is the error to report. */
    if (rc && rc != OMV_ENOMEM) {
        int qrc = idq_flush_all(b);
        if (qrc)
            return qrc;
    }
    return rc;
}

/* Grows an array to exactly need elements: a reservation from the file size is close already, and
 * rounding it up to a power of two could double the array. */
static int grow_exact(void **arr, size_t *cap, size_t need, size_t elsz)
{
    if (need <= *cap)
        return 0;
    void *p = omv__big_realloc(*arr, need * elsz);
    if (!p)
        return OMV_ENOMEM;
    *arr = p;
    *cap = need;
    return 0;
}

int omv__builder_reserve(omv__builder *b, size_t rows)
{
    omv_net *net = b->net;
    int rc = 0;
    if (b->whole)
        return 0; /* a part's window is sized already, and is not its own to move */
    switch (b->tab) {
    case OMV__TAB_NODES:
        if (grow_exact((void **)&net->nodes, &net->capnodes, net->nnodes + rows, sizeof(*net->nodes)) ||
            omv__idmap_reserve(&net->node_ids, net->nnodes + rows))
            rc = OMV_NOMEM(b->ctx, "nodes");
        break;
    case OMV__TAB_LINKS:
    case OMV__TAB_CANDIDATES:
        if (grow_exact((void **)&net->links, &net->caplinks, net->nlinks + rows, sizeof(*net->links)) ||
            omv__idmap_reserve(&net->link_ids, net->nlinks + rows))
            rc = OMV_NOMEM(b->ctx, "links");
        break;
    default:
        break;
    }
    return rc;
}

/* Link e's side data, made (empty: the link reads as it did without) when it has none; NULL when
 * out of memory. */
static omv__link_x *link_x_of(omv__builder *b, size_t e)
{
    omv__link *l = &b->net->links[e];
    if (!l->x && (l->x = omv__arena_alloc(&b->net->arena, sizeof(*l->x))))
        *l->x = LINK_X_NONE;
    return l->x;
}

int omv__builder_geometry(omv__builder *b, const double *lonlat, size_t npts)
{
    if (b->last_link < 0 || npts == 0)
        return 0;
    omv_net *net = b->net;
    omv__geom *g = omv__arena_alloc(&net->arena, sizeof(*g));
    double *p = omv__arena_alloc(&net->arena, 2 * npts * sizeof(double));
    omv__link_x *x = g && p ? link_x_of(b, (size_t)b->last_link) : NULL;
    if (!x)
        return OMV_NOMEM(b->ctx, "geometry");
    memcpy(p, lonlat, 2 * npts * sizeof(double));
    g->npts = (uint32_t)npts;
    g->lonlat = p;
    x->geom = g;
    return 0;
}

int omv__builder_route(omv__builder *b, const char *id, const double *lonlat, size_t npts)
{
    int rc = idq_flush_all(b);
    if (rc)
        return rc;
    char buf[512];
    if (b->ns) {
        snprintf(buf, sizeof(buf), "%s:%s", b->ns, id);
        id = buf;
    }
    int32_t i = omv__idmap_get(&b->net->link_ids, b->net, id);
    if (i < 0)
        return 1;
    long keep = b->last_link;
    b->last_link = i;
    rc = omv__builder_geometry(b, lonlat, npts);
    b->last_link = keep;
    return rc;
}

/* ---- finish --------------------------------------------------------------------------------- */

static const char *const WHAT_COL[] = {"a", "b", "src", "dst"};

static int resolve_pending(omv__builder *b)
{
    omv_net *net = b->net;
    for (size_t k = 0; k < b->npend; k++) {
        pending_ref *p = &b->pend[k];
        int32_t v = omv__idmap_get(&net->node_ids, net, p->id);
        if (v < 0)
            return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: unknown node '%s' in column %s",
                           omv__net_file(net, p->file), p->line, p->col, p->id, WHAT_COL[p->what]);
        size_t owner = (size_t)p->owner;
        switch (p->what) {
        case 0:
            net->links[owner].a = v;
            break;
        case 1:
            net->links[owner].b = v;
            break;
        case 2:
            net->demands[owner].src = v;
            break;
        default:
            net->demands[owner].dst = v;
            break;
        }
    }
    return 0;
}

/* Data whose absence changes every answer: people (impacts count sites, not residents), reserve
 * power (every outage fails the node at once) and a core (nothing to be cut off from). Raised when
 * most of the nodes that serve people (all but waypoints and satellite gateways) lack it. */
static int missing_data_warnings(omv__builder *b)
{
    omv_net *net = b->net;
    size_t n = 0, nopop = 0, nopower = 0, core = 0;
    for (size_t v = 0; v < net->nnodes; v++) {
        const omv__node *nd = &net->nodes[v];
        core += nd->kind == OMV_KIND_CORE || nd->kind == OMV_KIND_IXP;
        if (nd->kind == OMV_KIND_WAYPOINT || nd->kind == OMV_KIND_SATELLITE_GATEWAY)
            continue;
        n++;
        nopop += nd->population == 0;
        nopower += isnan(nd->power_h);
    }
    if (!n)
        return 0;
    const char *f = omv__net_file(net, 0);
    if (2 * nopop > n && omv__warn(b->ctx, "%s: warning: %zu of %zu nodes have no population (empty or 0): impacts "
                                   "count sites, not people", f, nopop, n))
        return OMV_ENOMEM;
    if (2 * nopower > n && omv__warn(b->ctx, "%s: warning: %zu of %zu nodes have no power_h: their reserve power is "
                                     "unknown, and a power outage fails them at once", f, nopower, n))
        return OMV_ENOMEM;
    if (!core && omv__warn(b->ctx, "%s: warning: no node of kind core or ixp: name the core with --core, or "
                           "the largest component plays it", f))
        return OMV_ENOMEM;
    return 0;
}

static int finish_warnings(omv__builder *b)
{
    omv_net *net = b->net;
    omv_ctx *ctx = b->ctx;
    /* A header without rows loads, but an empty network is almost always a mistake. */
    if (net->nnodes == 0 && net->nfiles > 0 &&
        omv__warn(ctx, "%s:1:1: warning: the topology has no nodes", omv__net_file(net, 0)))
        return OMV_ENOMEM;
    /* Nodes that no existing link touches. */
    for (size_t v = 0; v < net->nnodes; v++) {
        if (net->off[v + 1] == net->off[v] && net->nodes[v].kind != OMV_KIND_SATELLITE_GATEWAY) {
            const omv__node *n = &net->nodes[v];
            if (omv__warn(ctx, "%s:%d:1: warning: node '%s' has no existing link", omv__net_file(net, n->file),
                          n->line, n->id))
                return OMV_ENOMEM;
        }
    }
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        if (l->medium != OMV_MEDIUM_SATELLITE || l->b < 0)
            continue;
        if (net->nodes[l->a].kind != OMV_KIND_SATELLITE_GATEWAY &&
            net->nodes[l->b].kind != OMV_KIND_SATELLITE_GATEWAY) {
            if (omv__warn(ctx, "%s:%d:1: warning: satellite link '%s' reaches no node of kind satellite_gateway",
                          omv__net_file(net, l->file), l->line, l->id))
                return OMV_ENOMEM;
        }
    }
    return 0;
}

int omv__builder_finish(omv__builder *b, omv_net **out)
{
    *out = NULL;
    int rc;
    if ((rc = idq_flush_all(b)))
        return rc;
    if ((rc = resolve_pending(b)))
        return rc;
    for (size_t i = 0; i < b->njoins; i++) {
        int f = omv__builder_file(b, b->joins[i]);
        if (f < 0)
            return f;
        if ((rc = omv__net_join(b->net, b->ctx, b->joins[i], f)))
            return rc;
    }
    /* Link ids were unique: their index is not needed after loading (omv_net_link_find scans), and at
     * national scale it is 32 MB. */
    omv__idmap_free(&b->net->link_ids);
    if (b->defer_lengths)
        b->net->lengths_deferred = 1;
    else
        omv__net_fill_lengths(b->net, omv__threads(b->ctx));
    if ((rc = omv__net_build_csr(b->net, b->ctx)))
        return rc;
    if ((rc = finish_warnings(b)) || (rc = missing_data_warnings(b)))
        return rc;
    *out = b->net;
    b->net = NULL;
    return 0;
}

/* ---- parts: one table read on several threads ----------------------------------------------- */

bool omv__builder_parts_ok(const omv__builder *b)
{
    return b->has_table && !b->merge && !b->whole &&
           (b->tab == OMV__TAB_NODES || b->tab == OMV__TAB_LINKS || b->tab == OMV__TAB_CANDIDATES);
}

int omv__builder_part_new(omv__builder **out, omv_ctx *ctx, omv__builder *b, size_t base, size_t maxrows)
{
    *out = NULL;
    bool nodes = b->tab == OMV__TAB_NODES;
    if (!omv__builder_parts_ok(b))
        return OMV_ERR(b->ctx, OMV_EINTERNAL, "this table cannot be read in parts");
    int rc = idq_flush_all(b); /* the nodes read so far must be findable from every part */
    if (rc)
        return rc;
    omv_net *net = b->net;
    size_t have = nodes ? net->nnodes : net->nlinks, cap = nodes ? net->capnodes : net->caplinks;
    if (base > cap || have > cap - base || maxrows > cap - have - base)
        return OMV_ERR(b->ctx, OMV_EINTERNAL, "no room reserved for a part of the table");
    omv__builder *p = NULL;
    if ((rc = omv__builder_new(&p, ctx, NULL)))
        return OMV_NOMEM(b->ctx, "table part");
    omv_net *pn = p->net;
    p->whole = b;
    if (nodes) {
        pn->nodes = net->nodes + have + base;
        pn->capnodes = maxrows;
    } else {
        pn->links = net->links + have + base;
        pn->caplinks = maxrows;
    }
    /* The same files (names borrowed from the whole's arena) and the same header. */
    size_t ncols = b->ncols ? b->ncols : 1;
    if (OMV_GROW(pn->files, pn->capfiles, net->nfiles) || !(p->fieldof = malloc(ncols * sizeof(*p->fieldof))) ||
        !(p->attr_name = malloc(ncols * sizeof(*p->attr_name))) || (b->ns && !(p->ns = strdup(b->ns)))) {
        omv__builder_free(p);
        return OMV_NOMEM(b->ctx, "table part");
    }
    if (net->nfiles)
        memcpy(pn->files, net->files, net->nfiles * sizeof(*pn->files));
    pn->nfiles = net->nfiles;
    memcpy(p->fieldof, b->fieldof, ncols * sizeof(*p->fieldof));
    memcpy(p->attr_name, b->attr_name, ncols * sizeof(*p->attr_name));
    memcpy(p->fieldcol, b->fieldcol, sizeof(p->fieldcol));
    p->tab = b->tab;
    p->file = b->file;
    p->ncols = b->ncols;
    p->has_table = 1;
    *out = p;
    return 0;
}

void omv__builder_part_done(omv__builder *p)
{
    /* The name lookups serve only while rows are read: the merge needs the names in order alone. */
    omv__strmap_free(&p->net->srlg_ids);
    omv__strmap_free(&p->munis); /* the names stay, in p->net->munis, for the merge */
}

/* Shared-risk groups of the part's links: each name takes the whole's index (a new group gets the
 * next one, so groups keep the order in which the file names them first). */
/* Municipalities of the part's nodes: each name takes the whole's index (a new one the next). The
 * names stay in the part's arena, which the whole adopts. */
static int merge_part_munis(omv__builder *b, omv__builder *p, size_t have, size_t n)
{
    omv_net *net = b->net, *pn = p->net;
    if (!pn->nmunis)
        return 0;
    int32_t *remap = malloc(pn->nmunis * sizeof(*remap));
    if (!remap)
        return OMV_NOMEM(b->ctx, "municipalities");
    int rc = 0;
    for (size_t g = 0; g < pn->nmunis && !rc; g++)
        rc = muni_index(b, pn->munis[g], true, &remap[g]);
    for (size_t i = 0; i < n && !rc; i++)
        if (net->nodes[have + i].muni >= 0)
            net->nodes[have + i].muni = remap[net->nodes[have + i].muni];
    free(remap);
    return rc;
}

static int merge_part_srlgs(omv__builder *b, omv__builder *p, size_t have, size_t n)
{
    omv_net *net = b->net, *pn = p->net;
    int32_t *remap = malloc((pn->nsrlg ? pn->nsrlg : 1) * sizeof(*remap));
    size_t nl = pn->nlink_srlg;
    const int32_t *from = pn->link_srlg;
    if (remap && !net->link_srlg) {
        /* The first part's list becomes the whole's (renumbered in place below). */
        net->link_srlg = pn->link_srlg;
        net->caplink_srlg = pn->caplink_srlg;
        pn->link_srlg = NULL;
        pn->caplink_srlg = 0;
    }
    if (!remap || OMV_GROW(net->link_srlg, net->caplink_srlg, net->nlink_srlg + nl)) {
        free(remap);
        return OMV_NOMEM(b->ctx, "srlg");
    }
    for (size_t g = 0; g < pn->nsrlg; g++) {
        const char *nm = pn->srlg_names[g];
        int32_t k = omv__strmap_get(&net->srlg_ids, nm);
        if (k < 0) {
            k = (int32_t)net->nsrlg;
            if (OMV_GROW(net->srlg_names, net->capsrlg, net->nsrlg + 1) || omv__strmap_put(&net->srlg_ids, nm, k) < 0) {
                free(remap);
                return OMV_NOMEM(b->ctx, "srlg");
            }
            net->srlg_names[net->nsrlg++] = nm; /* in the part's arena, which the whole adopts */
        }
        remap[g] = k;
    }
    if (!pn->link_srlg)
        from = net->link_srlg; /* taken over: renumbered where it stands */
    for (size_t i = 0; i < nl; i++)
        net->link_srlg[net->nlink_srlg + i] = remap[from[i]];
    for (size_t i = 0; i < n; i++)
        net->links[have + i].srlg_off += (uint32_t)net->nlink_srlg;
    net->nlink_srlg += nl;
    free(remap);
    /* The part's lists are copied: give their memory back before the next part grows the whole's. */
    free(pn->link_srlg);
    pn->link_srlg = NULL;
    pn->nlink_srlg = pn->caplink_srlg = 0;
    return 0;
}

/* Appends part p's rows (and its groups, its references to nodes not known yet and its arena) after
 * the rows b holds, without interning their ids; *first receives the index of its first row. */
static int part_rows(omv__builder *b, omv__builder *p, size_t *first)
{
    omv_net *net = b->net, *pn = p->net;
    bool nodes = p->tab == OMV__TAB_NODES;
    size_t have = nodes ? net->nnodes : net->nlinks;
    size_t n = nodes ? pn->nnodes : pn->nlinks;
    int rc = 0;
    *first = have;
    if (n && have + n > INT32_MAX - 1) {
        size_t i = (have < INT32_MAX - 1 ? INT32_MAX - 1 : have) - have; /* the first row past the cap */
        return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:1: too many %s", fname(b),
                       nodes ? pn->nodes[i].line : pn->links[i].line, nodes ? "nodes" : "links");
    }
    /* The rows move down over the unused end of the parts before them. */
    if (nodes && n && pn->nodes != net->nodes + have)
        memmove(net->nodes + have, pn->nodes, n * sizeof(*net->nodes));
    if (!nodes && n && pn->links != net->links + have)
        memmove(net->links + have, pn->links, n * sizeof(*net->links));
    if (!nodes && (rc = merge_part_srlgs(b, p, have, n)))
        return rc;
    if (nodes && (rc = merge_part_munis(b, p, have, n)))
        return rc;
    /* References to nodes not known yet wait for finish, in file order. */
    if (p->npend) {
        if (OMV_GROW(b->pend, b->cappend, b->npend + p->npend))
            return OMV_NOMEM(b->ctx, "references");
        for (size_t k = 0; k < p->npend; k++) {
            b->pend[b->npend] = p->pend[k];
            b->pend[b->npend++].owner += (int32_t)have;
        }
        p->npend = 0;
    }
    omv__arena_adopt(&net->arena, &pn->arena);
    if (nodes)
        net->nnodes = have + n;
    else
        net->nlinks = have + n;
    if (!nodes && n)
        b->last_link = (long)(have + n - 1);
    return 0;
}

/* The hash of the id of row j, with its probe's first slot asked for ahead of the insert. */
static uint32_t id_hash_ahead(const omv_net *net, bool nodes, const omv__idmap *m, size_t j)
{
    uint32_t h = (uint32_t)omv__hash_str(nodes ? net->nodes[j].id : net->links[j].id);
    omv__idmap_prefetch(m, h);
    return h;
}

enum { IDS_AHEAD = 8 }; /* inserts in flight: enough to hide a cache miss behind the hashing */

/* Interns the ids of the n rows of part p from row first on; *added receives the number stored.
 * On one thread (shared false) in file order: a duplicate, even of a row of an earlier part, is
 * reported at its own row. With shared, on several threads at once, each on rows of its own: 1 when
 * an id was met twice, reported by nobody (the map then holds both). */
static int part_ids(omv__builder *b, const omv__builder *p, size_t first, size_t n, bool shared, size_t *added)
{
    omv_net *net = b->net;
    bool nodes = p->tab == OMV__TAB_NODES;
    omv__idmap *m = nodes ? &net->node_ids : &net->link_ids;
    uint32_t hs[IDS_AHEAD];
    *added = 0;
    for (size_t i = 0; i < n && i < IDS_AHEAD; i++)
        hs[i] = id_hash_ahead(net, nodes, m, first + i);
    for (size_t i = 0; i < n; i++) {
        idq_ent e = {(int32_t)(first + i), hs[i % IDS_AHEAD], p->idcols ? p->idcols[i] : 1};
        if (i + IDS_AHEAD < n)
            hs[i % IDS_AHEAD] = id_hash_ahead(net, nodes, m, first + i + IDS_AHEAD);
        int rc = shared ? omv__idmap_put_shared(m, net, e.idx, e.h) : idq_insert(b, nodes, &e);
        if (rc)
            return rc;
        (*added)++;
    }
    return 0;
}

/* Hands over prc, the error part p met in its rows, with its message and its place in the library. */
static int part_error(omv__builder *b, const omv__builder *p, int prc)
{
    if (prc) {
        memcpy(b->ctx->errmsg, p->ctx->errmsg, sizeof(b->ctx->errmsg));
        memcpy(b->ctx->errsrc, p->ctx->errsrc, sizeof(b->ctx->errsrc));
    }
    return prc;
}

int omv__builder_parts_merge(omv__builder *b, omv__builder **parts, const int *prc, size_t np, int threads)
{
    bool clean = np > 1 && threads > 1;
    for (size_t k = 0; k < np && clean; k++)
        clean = prc[k] == 0;
    /* A part's own error stands after every row it kept: a duplicate among them comes first. */
    for (size_t k = 0; k < np && !clean; k++) {
        size_t at, got;
        int rc = part_rows(b, parts[k], &at);
        size_t end = parts[k]->tab == OMV__TAB_NODES ? b->net->nnodes : b->net->nlinks;
        if (rc || (rc = part_ids(b, parts[k], at, end - at, false, &got)) || (rc = part_error(b, parts[k], prc[k])))
            return rc;
    }
    if (!clean)
        return 0;
    /* Every part read cleanly: all rows go in first, and then each thread interns the ids of its
     * parts. Should an id come twice, the map drops this table's ids and takes them again in file
     * order, which reports the first duplicate at its own row as reading on one thread does. */
    omv_net *net = b->net;
    bool nodes = parts[0]->tab == OMV__TAB_NODES;
    omv__idmap *m = nodes ? &net->node_ids : &net->link_ids;
    size_t *first = malloc((np + 1) * sizeof(*first));
    if (!first)
        return OMV_NOMEM(b->ctx, "table parts");
    int rc = 0, dup = 0;
    size_t added = 0;
    for (size_t k = 0; k < np && !rc; k++)
        rc = part_rows(b, parts[k], &first[k]);
    first[np] = nodes ? net->nnodes : net->nlinks;
    if (!rc && omv__idmap_reserve(m, m->len + (first[np] - first[0])))
        rc = OMV_NOMEM(b->ctx, nodes ? "node ids" : "link ids");
    if (rc)
        goto cleanup;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(| : dup) reduction(+ : added)
    for (size_t k = 0; k < np; k++) {
        size_t got = 0;
        dup |= part_ids(b, parts[k], first[k], first[k + 1] - first[k], true, &got);
        added += got;
    }
    m->len += added;
    if (dup) {
        if (omv__idmap_keep(m, (int32_t)first[0])) {
            rc = OMV_NOMEM(b->ctx, nodes ? "node ids" : "link ids");
            goto cleanup;
        }
        for (size_t k = 0, got; k < np && !rc; k++)
            rc = part_ids(b, parts[k], first[k], first[k + 1] - first[k], false, &got);
    }
cleanup:
    free(first);
    return rc;
}
