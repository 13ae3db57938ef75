/*
 * build.c — the one place that decides what the input contract (DESIGN.md §2) means. Loaders hand
 * over rows of named text cells; this file parses and checks each value, interns ids, resolves node
 * references, and reports every problem as file:line:col with its own message.
 */
#include "topo/build.h"

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
    /* distinct municipality names (keys and values in the network's arena) */
    omv__strmap munis;
    const char **muni_names;
    size_t nmuni, capmuni;
    /* id inserts waiting a few rows for their prefetched slot (see idq_push) */
    idq nodeq, linkq;
    /* last link row, for geometry */
    long last_link;
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
    free(b->muni_names);
    free(b->fieldof);
    free(b->attr_name);
    if (b->net)
        omv_net_free(b->net);
    free(b);
}

omv_ctx *omv__builder_ctx(omv__builder *b) { return b->ctx; }

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
    char *end = (char *)v + len;
    double d;
    if (!fast_decimal(v, &d))
        d = strtod(v, &end);
    /* An underflow (1e-400) reads as the nearest double; an overflow is not finite. */
    if (end == v || *end != '\0')
        return bad(r, fld, "%s '%s' is not a number%s", FIELD_NAMES[fld], v,
                   strchr(v, ',') ? " (use a decimal point, not a comma)" : "");
    if (!isfinite(d))
        return bad(r, fld, "%s '%s' is not a finite number", FIELD_NAMES[fld], v);
    if (nonneg && d < 0)
        return bad(r, fld, "%s must not be negative, got '%s'", FIELD_NAMES[fld], v);
    *out = d;
    if (given)
        *given = true;
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

/* Municipalities repeat across thousands of sites: one copy of each name. */
static int muni_text(const rowctx *r, const char **out)
{
    *out = NULL;
    omv__builder *b = r->b;
    const char *s;
    size_t n = trimmed(r, F_MUNICIPALITY, &s);
    if (n == 0)
        return 0;
    char buf[256];
    if (n >= sizeof(buf))
        return textval(r, F_MUNICIPALITY, out);
    memcpy(buf, s, n);
    buf[n] = '\0';
    int32_t k = omv__strmap_get(&b->munis, buf);
    if (k >= 0) {
        *out = b->muni_names[k];
        return 0;
    }
    const char *copy = omv__arena_strndup(&b->net->arena, s, n);
    if (!copy || OMV_GROW(b->muni_names, b->capmuni, b->nmuni + 1) ||
        omv__strmap_put(&b->munis, copy, (int32_t)b->nmuni) < 0)
        return OMV_NOMEM(b->ctx, "municipalities");
    b->muni_names[b->nmuni++] = copy;
    *out = copy;
    return 0;
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

/* Resolves a node reference now, or defers it to finish when the node is not known yet. */
static int node_ref(const rowctx *r, int fld, const char *id, int32_t *slot, uint8_t what)
{
    omv__builder *b = r->b;
    if (b->nodeq.n) {
        int rc = idq_flush(b, true); /* every node read so far must be findable */
        if (rc)
            return rc;
    }
    int32_t v = omv__idmap_get(&b->net->node_ids, b->net, id);
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
    return rc;
}

/* Queues the id of the row just added: its slot is prefetched now and filled IDQ_LEN rows later, when
 * the memory has arrived. Inserts keep their order, so a duplicate still finds the first row. */
static int idq_push(omv__builder *b, bool nodes, int32_t idx, int col)
{
    omv_net *net = b->net;
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
        if (rc)
            return rc;
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
    if ((rc = textval(r, F_NAME, &nx.name)) || (rc = muni_text(r, &nd.municipality)))
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
        if (pop != floor(pop) || pop > 9e15)
            return bad(r, F_POPULATION, "population '%s' is not a whole number of people",
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
        if (n >= sizeof(name))
            return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d:%d: srlg: group name longer than %zu characters",
                           fname(b), r->line, colof(r, F_SRLG), sizeof(name) - 1);
        memcpy(name, s, n);
        name[n] = '\0';
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
                return OMV_ERR(b->ctx, OMV_EDATA, "%s:%d: too many groups on one link", fname(b), r->line);
            net->link_srlg[net->nlink_srlg++] = g;
            lk->nsrlg++;
        }
        s = e;
    }
    return 0;
}

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
    bool given;
    omv__link_x lx = {NULL, NULL, NAN, NAN, NAN};
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
    if ((rc = textval(r, F_OPERATOR, &lx.operator_)) || (rc = add_srlgs(b, r, &lk)) ||
        (rc = keep_attrs(r, &lx.attrs)))
        return rc;
    if (lx.operator_ || lx.attrs || !isnan(lx.cost_nok) || !isnan(lx.power_h) || !isnan(lx.metric)) {
        if (!(lk.x = omv__arena_alloc(&net->arena, sizeof(*lk.x))))
            return OMV_NOMEM(ctx, "links");
        *lk.x = lx;
    }
    int32_t idx = (int32_t)net->nlinks;
    int idcol = colof(r, F_ID);
    /* References: resolved now when the node is known; otherwise deferred (index of owner kept). */
    size_t before = b->npend;
    if ((rc = node_ref(r, F_A, aid, &lk.a, 0)))
        return rc;
    if (bid && (rc = node_ref(r, F_B, bid, &lk.b, 1)))
        return rc;
    for (size_t k = before; k < b->npend; k++)
        b->pend[k].owner = idx;
    net->links[net->nlinks++] = lk;
    b->last_link = idx;
    return idq_push(b, false, idx, idcol);
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
    if ((rc = node_ref(r, F_SRC, s, &d.src, 2)) || (rc = node_ref(r, F_DST, t, &d.dst, 3)))
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
    void *p = realloc(*arr, need * elsz);
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

int omv__builder_geometry(omv__builder *b, const double *lonlat, size_t npts)
{
    if (b->last_link < 0 || npts == 0)
        return 0;
    omv_net *net = b->net;
    omv__geom *g = omv__arena_alloc(&net->arena, sizeof(*g));
    double *p = omv__arena_alloc(&net->arena, 2 * npts * sizeof(double));
    if (!g || !p)
        return OMV_NOMEM(b->ctx, "geometry");
    memcpy(p, lonlat, 2 * npts * sizeof(double));
    g->npts = (uint32_t)npts;
    g->lonlat = p;
    net->links[b->last_link].geom = g;
    return 0;
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
    /* Link ids were unique: their index is not needed after loading (omv_net_link_find scans), and at
     * national scale it is 32 MB. */
    omv__idmap_free(&b->net->link_ids);
    omv__net_fill_lengths(b->net, omv__threads(b->ctx));
    if ((rc = omv__net_build_csr(b->net, b->ctx)))
        return rc;
    if ((rc = finish_warnings(b)))
        return rc;
    *out = b->net;
    b->net = NULL;
    return 0;
}
