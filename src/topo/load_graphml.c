/*
 * load_graphml.c — GraphML in and out.
 *
 * Reading follows the Internet Topology Zoo conventions: node keys named Latitude, Longitude, label
 * and Country feed lat, lon, name and country (country names become ISO codes). A key whose
 * attr.name is a contract column (DESIGN.md §2) feeds that column, which is how the writer's own
 * files read back; every other key is kept as an extra attribute under its attr.name. Node ids are
 * the id attributes (Zoo labels repeat), edge ends are source/target, an edge without an id is
 * "e<index>" (0-based, file order), and parallel edges stay separate links. Rows go through the
 * builder, which checks every value and reports unknown ends, duplicate ids and self-loops.
 *
 * XML comes through libxml2's xmlTextReader: no network, no DTD, no entity substitution, and a file
 * with a DOCTYPE is refused, so no entity can expand. libxml2's messages are captured, never printed.
 * libxml2 knows lines but not the column of a value, so the raw text is scanned alongside the
 * reader (struct rawpos) to place every attribute and every <data> value at its line and column.
 */
#include "topo/build.h"

#include <libxml/xmlreader.h>

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char GRAPHML_NS[] = "http://graphml.graphdrawing.org/xmlns";

/* ---- libxml2 messages ----------------------------------------------------------------------- */

/* The first error libxml2 raised while reading, kept instead of printed. */
typedef struct {
    int set;
    int line, col;
    char msg[400];
} xml_error;

static void on_xml_error(void *arg, xmlErrorPtr e)
{
    xml_error *x = arg;
    if (!e || x->set || e->level < XML_ERR_ERROR)
        return; /* warnings (namespace URIs and the like) do not stop a load */
    x->set = 1;
    x->line = e->line > 0 ? e->line : 1;
    x->col = e->int2 > 0 ? e->int2 : 1;
    snprintf(x->msg, sizeof(x->msg), "%s", e->message ? e->message : "malformed XML");
    size_t n = strlen(x->msg);
    while (n && isspace((unsigned char)x->msg[n - 1]))
        x->msg[--n] = '\0';
}

/* ---- positions in the raw text -------------------------------------------------------------- */

/*
 * The reader hands over elements in document order, so a cursor that looks for the next start tag in
 * the raw bytes (skipping comments, CDATA, processing instructions and end tags) always lands on the
 * element the reader reports. Positions are computed in increasing order, so lines and columns are
 * counted incrementally: O(file size) in total. Columns count characters, as in the CSV reader.
 */
typedef struct {
    const char *s;
    size_t n;
    size_t scan; /* just past the last start tag matched */
    size_t at;   /* offset 'at' lies on line 'line', which starts at offset 'bol' ... */
    size_t bol;
    int line;
    int col;  /* ... and column 'col' */
    int lost; /* the scan fell out of step: positions fall back to libxml2's line, column 1 */
} rawpos;

#define RAW_MAXATTR 12

typedef struct {
    const char *name;
    size_t len;
    int line, col; /* of the first character of the value */
} rawattr;

typedef struct {
    int line, col;   /* of '<' */
    int cline, ccol; /* of the first non-blank character after the start tag: the element's text */
    rawattr at[RAW_MAXATTR];
    int nat;
} rawtag;

static void raw_locate(rawpos *p, size_t off, int *line, int *col)
{
    if (off < p->at) {
        p->at = p->bol = 0;
        p->line = p->col = 1;
    }
    for (; p->at < off && p->at < p->n; p->at++) {
        unsigned char c = (unsigned char)p->s[p->at];
        if (c == '\n') {
            p->line++;
            p->col = 1;
            p->bol = p->at + 1;
        } else if ((c & 0xC0) != 0x80) {
            p->col++;
        }
    }
    *line = p->line;
    *col = p->col;
}

static int raw_starts(const rawpos *p, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i + k <= p->n && memcmp(p->s + i, lit, k) == 0;
}

/* Offset just past the first occurrence of lit at or after i (p->n when absent). */
static size_t raw_past(const rawpos *p, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    for (; i + k <= p->n; i++)
        if (memcmp(p->s + i, lit, k) == 0)
            return i + k;
    return p->n;
}

/* Offset just past a markup declaration "<!...>", honouring quotes and an internal subset. */
static size_t raw_past_decl(const rawpos *p, size_t i)
{
    int depth = 0;
    char quote = 0;
    for (i += 2; i < p->n; i++) {
        char c = p->s[i];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            return i + 1;
        }
    }
    return p->n;
}

static int raw_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Moves to the next start tag, which must be qname, and records where its attributes and its text
 * begin. Returns 0 when the raw text does not show the expected tag (the scan is then lost). */
static int raw_next_tag(rawpos *p, const char *qname, rawtag *t)
{
    size_t i = p->scan, ql = strlen(qname);
    memset(t, 0, sizeof(*t));
    while (i < p->n) {
        if (p->s[i] != '<') {
            i++;
        } else if (raw_starts(p, i, "<!--")) {
            i = raw_past(p, i + 4, "-->");
        } else if (raw_starts(p, i, "<![CDATA[")) {
            i = raw_past(p, i + 9, "]]>");
        } else if (raw_starts(p, i, "<?")) {
            i = raw_past(p, i + 2, "?>");
        } else if (raw_starts(p, i, "<!")) {
            i = raw_past_decl(p, i);
        } else if (raw_starts(p, i, "</")) {
            i = raw_past(p, i + 2, ">");
        } else {
            break;
        }
    }
    if (i >= p->n || i + 1 + ql > p->n || memcmp(p->s + i + 1, qname, ql) != 0)
        return 0;
    size_t j = i + 1 + ql;
    if (j < p->n && !raw_is_blank(p->s[j]) && p->s[j] != '>' && p->s[j] != '/')
        return 0;
    raw_locate(p, i, &t->line, &t->col);
    /* Attributes: name = "value" or 'value'. */
    for (;;) {
        while (j < p->n && raw_is_blank(p->s[j]))
            j++;
        if (j >= p->n)
            return 0;
        if (p->s[j] == '>' || p->s[j] == '/')
            break;
        size_t ns = j;
        while (j < p->n && !raw_is_blank(p->s[j]) && p->s[j] != '=' && p->s[j] != '>')
            j++;
        size_t ne = j;
        while (j < p->n && raw_is_blank(p->s[j]))
            j++;
        if (j >= p->n || p->s[j] != '=')
            return 0;
        j++;
        while (j < p->n && raw_is_blank(p->s[j]))
            j++;
        if (j >= p->n || (p->s[j] != '"' && p->s[j] != '\''))
            return 0;
        char q = p->s[j++];
        if (t->nat < RAW_MAXATTR) {
            rawattr *a = &t->at[t->nat++];
            a->name = p->s + ns;
            a->len = ne - ns;
            raw_locate(p, j, &a->line, &a->col);
        }
        while (j < p->n && p->s[j] != q)
            j++;
        j++;
    }
    while (j < p->n && p->s[j] != '>')
        j++;
    j = j < p->n ? j + 1 : p->n;
    p->scan = j;
    /* The element's text: skip blanks and an opening CDATA marker. */
    size_t k = j;
    while (k < p->n && raw_is_blank(p->s[k]))
        k++;
    if (raw_starts(p, k, "<![CDATA["))
        k += 9;
    raw_locate(p, k, &t->cline, &t->ccol);
    return 1;
}

/* Position of attribute name's value, or of the tag when the raw scan did not record it. */
static void raw_attr_pos(const rawtag *t, const char *name, int *line, int *col)
{
    size_t k = strlen(name);
    *line = t->line;
    *col = t->col;
    for (int i = 0; i < t->nat; i++) {
        if (t->at[i].len == k && memcmp(t->at[i].name, name, k) == 0) {
            *line = t->at[i].line;
            *col = t->at[i].col;
            return;
        }
    }
}

/* ---- the contract, as seen from GraphML ----------------------------------------------------- */

enum { T_NODES = 0, T_EDGES = 1 };

/* Contract columns a key may feed, per table (the builder's own lists, less id and the ends). */
static const char *const NODE_FIELDS[] = {"name",       "lat",    "lon",     "country",      "kind",
                                          "population", "island", "power_h", "municipality", NULL};
static const char *const EDGE_FIELDS[] = {"medium", "capacity_gbps", "length_km", "operator", "srlg",
                                          "status", "cost_nok",      "power_h",   NULL};
/* Columns the element itself supplies; a key of that name is kept as "data_<name>". */
static const char *const NODE_OWN[] = {"id", NULL};
static const char *const EDGE_OWN[] = {"id", "a", "b", NULL};
static const char *const OWN_ATTR[] = {"data_id", "data_a", "data_b"};

/* Topology Zoo names of node columns, used when no key names the column itself. */
static const struct {
    const char *zoo, *field;
} NODE_ALIASES[] = {{"latitude", "lat"}, {"longitude", "lon"}, {"label", "name"}};

/* The extra attribute that keeps a Country value no ISO code was found for. */
static const char COUNTRY_NAME_ATTR[] = "country_name";

/* Country names of the Topology Zoo (Nordic and European files) and their ISO 3166-1 codes. */
static const struct {
    const char *name, *code;
} COUNTRIES[] = {
    {"Norway", "NO"},         {"Sweden", "SE"},          {"Finland", "FI"},        {"Denmark", "DK"},
    {"Iceland", "IS"},        {"Faroe Islands", "FO"},   {"Greenland", "GL"},      {"Aland Islands", "AX"},
    {"\xc3\x85land Islands", "AX"}, {"Estonia", "EE"},   {"Latvia", "LV"},         {"Lithuania", "LT"},
    {"Germany", "DE"},        {"Netherlands", "NL"},     {"Belgium", "BE"},        {"Luxembourg", "LU"},
    {"France", "FR"},         {"United Kingdom", "GB"},  {"UK", "GB"},             {"Great Britain", "GB"},
    {"England", "GB"},        {"Scotland", "GB"},        {"Ireland", "IE"},        {"Poland", "PL"},
    {"Czech Republic", "CZ"}, {"Czechia", "CZ"},         {"Slovakia", "SK"},       {"Austria", "AT"},
    {"Switzerland", "CH"},    {"Italy", "IT"},           {"Spain", "ES"},          {"Portugal", "PT"},
    {"Hungary", "HU"},        {"Slovenia", "SI"},        {"Croatia", "HR"},        {"Romania", "RO"},
    {"Bulgaria", "BG"},       {"Greece", "GR"},          {"Serbia", "RS"},         {"Russia", "RU"},
    {"Russian Federation", "RU"}, {"Belarus", "BY"},     {"Ukraine", "UA"},        {"Turkey", "TR"},
    {"Cyprus", "CY"},         {"Malta", "MT"},           {"United States", "US"},  {"USA", "US"},
    {"Canada", "CA"},
    /* Svalbard and Jan Mayen are Norwegian territory (ISO 3166-1 gives them the separate code SJ for
     * statistics): read as NO, so that the north-of-trondheim region, which counts Norwegian nodes,
     * counts them as data/nordic does (LYR, NYA, JMN carry country NO). */
    {"Svalbard", "NO"},       {"Jan Mayen", "NO"},       {"Svalbard and Jan Mayen", "NO"},
    {"Svalbard & Jan Mayen", "NO"},
};

/* Column-name comparison as the builder does it: blanks dropped, case folded. */
static void norm_name(const char *s, char *out, size_t outsz)
{
    size_t k = 0;
    for (; s && *s && k + 1 < outsz; s++)
        if (!isspace((unsigned char)*s))
            out[k++] = (char)tolower((unsigned char)*s);
    out[k] = '\0';
}

static int in_list(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}

static const char *trimmed(const char *s, size_t *len)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* ISO code of a country name, or NULL. */
static const char *country_code(const char *v)
{
    size_t n;
    const char *s = trimmed(v, &n);
    for (size_t i = 0; i < sizeof(COUNTRIES) / sizeof(COUNTRIES[0]); i++)
        if (strlen(COUNTRIES[i].name) == n && strncasecmp(COUNTRIES[i].name, s, n) == 0)
            return COUNTRIES[i].code;
    return NULL;
}

/* ---- loader state --------------------------------------------------------------------------- */

typedef struct {
    char *id, *name, *def; /* malloc'd; name NULL: the key has no usable attr.name and is skipped */
    int applies[2];        /* feeds nodes / edges */
    int col[2];            /* column in the node / edge table, -1 when none */
    int line, pcol;        /* where the key is declared */
    int dline, dcol;       /* where its default value starts */
} gkey;

/* One table's columns, and the values of the element being read. */
typedef struct {
    const char **names; /* header names, borrowed (static or from the keys) */
    size_t n, cap;
    int country, spill;  /* nodes: country and country_name columns, -1 when absent */
    int status, medium;  /* edges */
    int speed_raw, speed, speed_units, capacity; /* edges: Zoo LinkSpeed keys feeding capacity_gbps, -1 none */
    int own[3];          /* data_id / data_a / data_b: keys named id, a, b; -1 when absent */
    char **vals;         /* malloc'd, NULL when absent */
    int *vline, *vcol;   /* where each value starts */
    int *vkey;           /* key that gave the value, -1 for the element's own attributes */
    uint8_t *active;     /* column is in the builder's header; the synthetic ones join when first used */
    const char **hnames; /* scratch for the builder: active names, values and columns */
    const char **hvals;
    int *hcols;
    int *hidx; /* table column of each active column */
} gtable;

#define OPEN_MAX 32

typedef struct {
    omv__builder *b;
    omv_ctx *ctx;
    const char *path;
    int file;
    xmlTextReaderPtr r;
    xml_error xerr;
    rawpos rp;

    gkey *keys;
    size_t nkeys, capkeys;
    omv__strmap keyidx;
    gtable tab[2];
    int builder_tab; /* table the builder's header was last declared for, -1 none */

    int graph_depth; /* -1 before <graph> */
    int graph_line, graph_col;
    size_t nnodes; /* nodes handed to the builder */
    int in_key; /* index of the <key> being read, -1 */
    int key_depth;
    int in_default; /* depth of <default>, -1 */
    int elem;       /* -1, T_NODES or T_EDGES: element being read */
    int elem_depth;
    int elem_line, elem_col;
    int data_key;   /* key of the <data> being read, -1 none */
    int data_depth; /* depth of the <data> (or of an ignored one), -1 none */
    int data_line, data_col;
    omv__buf text; /* text of the <data> or <default> being read */
    size_t nedges;
    /* Open elements by depth (as far as the reader got), for the message on a truncated file. */
    int nopen;
    int open_line[OPEN_MAX];
    char open_name[OPEN_MAX][24];
} gml;

#define FAKE_COL (INT_MAX / 2)

static void table_free(gtable *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->vals ? t->vals[i] : NULL);
    free(t->names);
    free(t->vals);
    free(t->vline);
    free(t->vcol);
    free(t->vkey);
    free(t->active);
    free(t->hnames);
    free(t->hvals);
    free(t->hcols);
    free(t->hidx);
}

static void table_clear_values(gtable *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->vals[i]);
        t->vals[i] = NULL;
        t->vkey[i] = -1;
        t->vline[i] = t->vcol[i] = 0;
    }
}

static int table_add(gml *g, gtable *t, const char *name)
{
    if (OMV_GROW(t->names, t->cap, t->n + 1))
        return OMV_NOMEM(g->ctx, "GraphML columns");
    t->names[t->n] = name;
    return (int)t->n++;
}

/* Index of the column named exactly name, or -1. */
static int table_find(const gtable *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    return -1;
}

static int table_alloc_values(gml *g, gtable *t)
{
    size_t n = t->n ? t->n : 1;
    t->vals = calloc(n, sizeof(*t->vals));
    t->vline = calloc(n, sizeof(*t->vline));
    t->vcol = calloc(n, sizeof(*t->vcol));
    t->vkey = calloc(n, sizeof(*t->vkey));
    t->active = calloc(n, sizeof(*t->active));
    t->hnames = calloc(n, sizeof(*t->hnames));
    t->hvals = calloc(n, sizeof(*t->hvals));
    t->hcols = calloc(n, sizeof(*t->hcols));
    t->hidx = calloc(n, sizeof(*t->hidx));
    if (!t->vals || !t->vline || !t->vcol || !t->vkey || !t->active || !t->hnames || !t->hvals || !t->hcols ||
        !t->hidx)
        return OMV_NOMEM(g->ctx, "GraphML values");
    for (size_t i = 0; i < t->n; i++)
        t->vkey[i] = -1;
    return 0;
}

static int set_value(gml *g, gtable *t, int col, const char *v, int line, int pcol, int key)
{
    char *s = strdup(v ? v : "");
    if (!s)
        return OMV_NOMEM(g->ctx, "GraphML values");
    free(t->vals[col]);
    t->vals[col] = s;
    t->vline[col] = line;
    t->vcol[col] = pcol;
    t->vkey[col] = key;
    return 0;
}

static void move_value(gtable *t, int from, int to)
{
    free(t->vals[to]);
    t->vals[to] = t->vals[from];
    t->vline[to] = t->vline[from];
    t->vcol[to] = t->vcol[from];
    t->vkey[to] = t->vkey[from];
    t->vals[from] = NULL;
    t->vkey[from] = -1;
}

static int gerr(gml *g, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Records "file:line:col: message" for a problem found in the GraphML structure itself. */
static int gerr(gml *g, int line, int col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: %s", g->path, line, col, msg);
}

/* ---- keys -> columns ------------------------------------------------------------------------ */

/*
 * Decides, once all keys are known (at <graph>), which column each key feeds. Contract names win;
 * the Zoo names (Latitude, ...) feed their column only when no key names it directly, otherwise they
 * stay extra attributes. Two keys feeding one column is an error at the second key. Columns follow the
 * order of the key declarations, so the writer's attribute order survives a round trip.
 */
static int map_keys(gml *g)
{
    for (int tb = 0; tb < 2; tb++) {
        gtable *t = &g->tab[tb];
        const char *const *fields = tb == T_NODES ? NODE_FIELDS : EDGE_FIELDS;
        const char *const *own = tb == T_NODES ? NODE_OWN : EDGE_OWN;
        int rc;
        t->country = t->spill = t->status = t->medium = -1;
        t->speed_raw = t->speed = t->speed_units = t->capacity = -1;
        t->own[0] = t->own[1] = t->own[2] = -1;
        for (int i = 0; own[i]; i++)
            if ((rc = table_add(g, t, own[i])) < 0)
                return rc;
        /* What each key feeds: a field name, an alias target, an own-column copy, or itself. */
        const char **target = calloc(g->nkeys + 1, sizeof(*target));
        if (!target)
            return OMV_NOMEM(g->ctx, "GraphML keys");
        rc = 0;
        for (size_t k = 0; k < g->nkeys && !rc; k++) {
            gkey *ky = &g->keys[k];
            ky->col[tb] = -1;
            if (!ky->name || !ky->applies[tb])
                continue;
            char nm[128];
            norm_name(ky->name, nm, sizeof(nm));
            int fi = in_list(fields, nm), oi = in_list(own, nm);
            if (fi >= 0)
                target[k] = fields[fi];
            else if (oi >= 0)
                target[k] = OWN_ATTR[oi];
        }
        if (tb == T_NODES) {
            for (size_t k = 0; k < g->nkeys; k++) {
                if (target[k] || !g->keys[k].name || !g->keys[k].applies[tb])
                    continue;
                char nm[128];
                norm_name(g->keys[k].name, nm, sizeof(nm));
                for (size_t a = 0; a < sizeof(NODE_ALIASES) / sizeof(NODE_ALIASES[0]); a++) {
                    if (strcmp(nm, NODE_ALIASES[a].zoo) != 0)
                        continue;
                    int taken = 0;
                    for (size_t j = 0; j < g->nkeys; j++)
                        taken |= target[j] && strcmp(target[j], NODE_ALIASES[a].field) == 0;
                    if (!taken)
                        target[k] = NODE_ALIASES[a].field;
                }
            }
        }
        for (size_t k = 0; k < g->nkeys && !rc; k++) {
            gkey *ky = &g->keys[k];
            if (!ky->name || !ky->applies[tb])
                continue;
            const char *name = target[k] ? target[k] : ky->name;
            int prev = table_find(t, name);
            if (prev >= 0) {
                /* The first key that fed this column, for the message. */
                const gkey *first = NULL;
                for (size_t j = 0; j < k; j++)
                    if (g->keys[j].col[tb] == prev)
                        first = &g->keys[j];
                if (first)
                    rc = gerr(g, ky->line, ky->pcol,
                              "key '%s' feeds column '%s' of the %s, like key '%s' at line %d", ky->id, name,
                              tb == T_NODES ? "nodes" : "edges", first->id, first->line);
                else
                    rc = gerr(g, ky->line, ky->pcol, "key '%s' feeds column '%s' of the %s, which is taken",
                              ky->id, name, tb == T_NODES ? "nodes" : "edges");
                break;
            }
            if ((rc = table_add(g, t, name)) < 0)
                break;
            ky->col[tb] = rc;
            for (int i = 0; own[i]; i++)
                if (target[k] == OWN_ATTR[i])
                    t->own[i] = rc;
            rc = 0;
        }
        free(target);
        if (rc)
            return rc;
        int lazy_spill = 0;
        if (tb == T_NODES) {
            t->country = table_find(t, "country");
            if (t->country >= 0) {
                t->spill = table_find(t, COUNTRY_NAME_ATTR);
                lazy_spill = t->spill < 0;
                if (t->spill < 0 && (t->spill = table_add(g, t, COUNTRY_NAME_ATTR)) < 0)
                    return t->spill;
            }
        } else {
            t->status = table_find(t, "status");
            t->medium = table_find(t, "medium");
            /* Zoo link speeds feed capacity_gbps when no key names it: LinkSpeedRaw is in bit/s,
             * LinkSpeed in LinkSpeedUnits (K, M, G, T). The keys stay extra attributes. */
            if (table_find(t, "capacity_gbps") < 0) {
                t->speed_raw = table_find(t, "LinkSpeedRaw");
                t->speed = table_find(t, "LinkSpeed");
                t->speed_units = table_find(t, "LinkSpeedUnits");
                if ((t->speed_raw >= 0 || t->speed >= 0) && (t->capacity = table_add(g, t, "capacity_gbps")) < 0)
                    return t->capacity;
            }
            /* The builder's candidate table needs the column even when no key feeds it: a candidate
             * without a cost is then reported at its own edge. */
            if (table_find(t, "cost_nok") < 0 && (rc = table_add(g, t, "cost_nok")) < 0)
                return rc;
        }
        if ((rc = table_alloc_values(g, t)))
            return rc;
        /* The synthetic columns (data_* copies of an id or end that differs from the element's own,
         * and a country_name no key declares) join the header when a value first needs them, so a
         * Zoo file leaves no always-empty columns behind. Declared columns keep their key order. */
        for (size_t i = 0; i < t->n; i++)
            t->active[i] = 1;
        for (int i = 0; i < 3; i++)
            if (t->own[i] >= 0)
                t->active[t->own[i]] = 0;
        if (lazy_spill)
            t->active[t->spill] = 0;
    }
    return 0;
}

/* ---- elements ------------------------------------------------------------------------------- */

/* An attribute of the current element (malloc'd by libxml2; release with xmlFree), or NULL. */
static char *attr(gml *g, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(g->r, (const xmlChar *)name);
}

static int on_key(gml *g, const rawtag *t, int empty)
{
    if (g->graph_line > 0)
        return gerr(g, t->line, t->col, "<key> after <graph>: GraphML declares its keys first");
    char *id = attr(g, "id"), *dom = attr(g, "for"), *name = attr(g, "attr.name");
    int rc = 0;
    if (!id) {
        rc = gerr(g, t->line, t->col, "<key> without an id attribute");
        goto cleanup;
    }
    if (OMV_GROW(g->keys, g->capkeys, g->nkeys + 1)) {
        rc = OMV_NOMEM(g->ctx, "GraphML keys");
        goto cleanup;
    }
    gkey *k = &g->keys[g->nkeys];
    memset(k, 0, sizeof(*k));
    k->col[0] = k->col[1] = -1;
    raw_attr_pos(t, "id", &k->line, &k->pcol);
    k->id = strdup(id);
    if (!k->id) {
        rc = OMV_NOMEM(g->ctx, "GraphML keys");
        goto cleanup;
    }
    g->nkeys++;
    rc = omv__strmap_put(&g->keyidx, k->id, (int32_t)(g->nkeys - 1));
    if (rc < 0) {
        rc = OMV_NOMEM(g->ctx, "GraphML keys");
        goto cleanup;
    }
    if (rc == 1) {
        rc = gerr(g, k->line, k->pcol, "duplicate key id '%s'", id);
        goto cleanup;
    }
    /* A key for graph, port or endpoint data, or one without a name (yEd's graphics), is skipped. */
    const char *d = dom ? dom : "all";
    k->applies[T_NODES] = !strcmp(d, "node") || !strcmp(d, "all");
    k->applies[T_EDGES] = !strcmp(d, "edge") || !strcmp(d, "all");
    char nm[128];
    norm_name(name, nm, sizeof(nm));
    if (name && nm[0] && !(k->name = strdup(name))) {
        rc = OMV_NOMEM(g->ctx, "GraphML keys");
        goto cleanup;
    }
    if (!empty) {
        g->in_key = (int)(g->nkeys - 1);
        g->key_depth = xmlTextReaderDepth(g->r);
    }
    rc = 0;
cleanup:
    xmlFree(id);
    xmlFree(dom);
    xmlFree(name);
    return rc;
}

static int on_element_start(gml *g, int tb, const rawtag *t)
{
    gtable *tab = &g->tab[tb];
    table_clear_values(tab);
    g->elem = tb;
    g->elem_depth = xmlTextReaderDepth(g->r);
    g->elem_line = t->line;
    g->elem_col = t->col;
    static const char *const node_attrs[] = {"id", NULL};
    static const char *const edge_attrs[] = {"id", "source", "target", NULL};
    const char *const *names = tb == T_NODES ? node_attrs : edge_attrs;
    for (int i = 0; names[i]; i++) {
        char *v = attr(g, names[i]);
        if (!v) {
            if (i == 0 && tb == T_EDGES)
                continue; /* an edge without id gets e<index> */
            return gerr(g, t->line, t->col, "<%s> without the attribute '%s'", tb == T_NODES ? "node" : "edge",
                        names[i]);
        }
        int line, col;
        raw_attr_pos(t, names[i], &line, &col);
        int rc = set_value(g, tab, i, v, line, col, -1);
        xmlFree(v);
        if (rc)
            return rc;
    }
    /* The row's line is that of the node id or the edge's source: the builder places unknown ends
     * only after the whole file is read, so the ends must sit on the row's line (see emit_row). */
    g->elem_line = tab->vline[tb == T_NODES ? 0 : 1];
    return 0;
}

static int on_data_start(gml *g, const rawtag *t)
{
    char *key = attr(g, "key");
    int rc = 0;
    int line, col;
    raw_attr_pos(t, "key", &line, &col);
    if (!key) {
        rc = gerr(g, t->line, t->col, "<data> without a key attribute");
        goto cleanup;
    }
    int32_t k = omv__strmap_get(&g->keyidx, key);
    if (k < 0) {
        rc = gerr(g, line, col, "<data> refers to undeclared key '%s'", key);
        goto cleanup;
    }
    const gkey *ky = &g->keys[k];
    const char *what = g->elem == T_NODES ? "node" : "edge";
    if (ky->name && !ky->applies[g->elem]) {
        rc = gerr(g, line, col, "key '%s' is not declared for %ss", key, what);
        goto cleanup;
    }
    gtable *tab = &g->tab[g->elem];
    int c = ky->col[g->elem];
    if (c >= 0 && tab->vkey[c] == k) {
        rc = gerr(g, line, col, "this %s already has a value for key '%s' (line %d)", what, key, tab->vline[c]);
        goto cleanup;
    }
    g->data_key = c >= 0 ? (int)k : -1;
    g->data_depth = xmlTextReaderDepth(g->r);
    g->data_line = t->cline;
    g->data_col = t->ccol;
    omv__buf_free(&g->text);
    omv__buf_init(&g->text);
cleanup:
    xmlFree(key);
    return rc;
}

static int on_data_end(gml *g)
{
    int k = g->data_key;
    g->data_key = -1;
    g->data_depth = -1;
    if (k < 0)
        return 0;
    if (g->text.failed)
        return OMV_NOMEM(g->ctx, "GraphML text");
    gtable *t = &g->tab[g->elem];
    return set_value(g, t, g->keys[k].col[g->elem], g->text.s ? g->text.s : "", g->data_line, g->data_col, k);
}

/* The builder reports a value's column on the row's line. A value on another line is given a
 * stand-in column past any real one; when the builder's message carries that stand-in, it is
 * rewritten to the value's own line and column. */
static void fix_position(gml *g, int line, const gtable *t, size_t n)
{
    char *msg = g->ctx->errmsg;
    for (size_t j = 0; j < n; j++) {
        if (t->hcols[j] < FAKE_COL)
            continue;
        int i = t->hidx[j];
        char want[1100];
        int k = snprintf(want, sizeof(want), "%s:%d:%d:", g->path, line, t->hcols[j]);
        if (k <= 0 || (size_t)k >= sizeof(want) || strncmp(msg, want, (size_t)k) != 0)
            continue;
        char fixed[sizeof(g->ctx->errmsg)];
        snprintf(fixed, sizeof(fixed), "%s:%d:%d:%s", g->path, t->vline[i], t->vcol[i], msg + k);
        memcpy(msg, fixed, sizeof(fixed));
        return;
    }
}

static int emit_row(gml *g, gtable *t, omv__tab tab)
{
    int rc;
    int grew = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->vals[i] && !t->active[i]) {
            t->active[i] = 1;
            grew = 1;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!t->active[i])
            continue;
        t->hidx[n] = (int)i;
        t->hnames[n++] = t->names[i];
    }
    if (g->builder_tab != (int)tab || grew) {
        /* Header columns are GraphML keys; their positions do not matter (map_keys checked them). */
        for (size_t j = 0; j < n; j++)
            t->hcols[j] = 1;
        if ((rc = omv__builder_header(g->b, tab, g->file, g->graph_line, n, t->hnames, t->hcols)))
            return rc;
        g->builder_tab = (int)tab;
    }
    for (size_t j = 0; j < n; j++) {
        int i = t->hidx[j];
        t->hvals[j] = t->vals[i];
        /* The element's own attributes keep their real column even on another line of a start tag
         * that spans lines: an unknown end is reported after loading, where no message can be
         * rewritten. */
        if (!t->vals[i])
            t->hcols[j] = g->elem_col;
        else if (t->vline[i] == g->elem_line || t->vkey[i] < 0)
            t->hcols[j] = t->vcol[i];
        else
            t->hcols[j] = FAKE_COL + i;
    }
    rc = omv__builder_row(g->b, g->elem_line, t->hvals, t->hcols);
    if (rc == OMV_EDATA)
        fix_position(g, g->elem_line, t, n);
    g->nnodes += !rc && tab == OMV__TAB_NODES;
    return rc;
}

static int same_text(const char *a, const char *b)
{
    size_t na, nb;
    a = trimmed(a, &na);
    b = trimmed(b, &nb);
    return na == nb && memcmp(a, b, na) == 0;
}

/* A medium or status word, compared as the builder does: trimmed, any case. */
static int is_word(const char *v, const char *word)
{
    size_t n;
    v = trimmed(v, &n);
    return n == strlen(word) && strncasecmp(v, word, n) == 0;
}

/* capacity_gbps of an edge from the Zoo's LinkSpeedRaw (bit/s), else LinkSpeed x LinkSpeedUnits. */
static int link_speed(gml *g, gtable *t)
{
    int c = t->speed_raw >= 0 && t->vals[t->speed_raw] && *t->vals[t->speed_raw] ? t->speed_raw : t->speed;
    if (c < 0 || !t->vals[c] || !*t->vals[c])
        return 0;
    char *end;
    double v = strtod(t->vals[c], &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == t->vals[c] || *end || !isfinite(v) || v < 0)
        return gerr(g, t->vline[c], t->vcol[c], "%s '%s' is not a speed (a number, at least 0)", t->names[c], t->vals[c]);
    double gbps;
    if (c == t->speed_raw) {
        gbps = v / 1e9;
    } else {
        const char *u = t->speed_units >= 0 && t->vals[t->speed_units] ? t->vals[t->speed_units] : "";
        size_t n;
        u = trimmed(u, &n);
        char unit = n ? (char)toupper((unsigned char)u[0]) : '?';
        double f = unit == 'K' ? 1e-6 : unit == 'M' ? 1e-3 : unit == 'G' ? 1.0 : unit == 'T' ? 1e3 : -1;
        if (f < 0)
            return 0; /* a speed without a unit says nothing sure: left as an attribute */
        gbps = v * f;
    }
    char buf[40];
    omv__fmt_double(buf, sizeof(buf), gbps);
    return set_value(g, t, t->capacity, buf, t->vline[c], t->vcol[c], t->vkey[c]);
}

static int on_element_end(gml *g)
{
    int tb = g->elem;
    gtable *t = &g->tab[tb];
    g->elem = -1;
    int rc;
    /* Defaults of keys the element gave no value for. */
    for (size_t k = 0; k < g->nkeys; k++) {
        const gkey *ky = &g->keys[k];
        int c = ky->col[tb];
        if (c >= 0 && ky->def && !t->vals[c] && (rc = set_value(g, t, c, ky->def, ky->dline, ky->dcol, (int)k)))
            return rc;
    }
    if (tb == T_EDGES && !t->vals[0]) {
        char id[32];
        snprintf(id, sizeof(id), "e%zu", g->nedges);
        if ((rc = set_value(g, t, 0, id, g->elem_line, g->elem_col, -1)))
            return rc;
    }
    if (tb == T_EDGES)
        g->nedges++;
    /* A key named like the element's own id or ends is dropped when it repeats them, else kept. */
    for (int i = 0; i < 3; i++) {
        int c = t->own[i];
        if (c >= 0 && t->vals[c] && t->vals[i] && same_text(t->vals[c], t->vals[i])) {
            free(t->vals[c]);
            t->vals[c] = NULL;
        }
    }
    omv__tab tab = OMV__TAB_NODES;
    if (tb == T_NODES && t->country >= 0 && t->vals[t->country]) {
        size_t n;
        const char *v = trimmed(t->vals[t->country], &n);
        const char *code = country_code(v);
        if (code) {
            if ((rc = set_value(g, t, t->country, code, t->vline[t->country], t->vcol[t->country],
                                t->vkey[t->country])))
                return rc;
        } else if (n > 2 && !t->vals[t->spill]) {
            move_value(t, t->country, t->spill);
        }
    }
    if (tb == T_EDGES && t->capacity >= 0 && (rc = link_speed(g, t)))
        return rc;
    if (tb == T_EDGES) {
        /* The writer stores a reserve-power upgrade (no b) as an edge from the site to itself. */
        if (t->medium >= 0 && t->vals[t->medium] && is_word(t->vals[t->medium], "power") &&
            same_text(t->vals[1], t->vals[2])) {
            free(t->vals[2]);
            t->vals[2] = NULL;
        }
        int cand = t->status >= 0 && t->vals[t->status] && is_word(t->vals[t->status], "candidate");
        tab = cand ? OMV__TAB_CANDIDATES : OMV__TAB_LINKS;
    }
    return emit_row(g, t, tab);
}

/* ---- reading -------------------------------------------------------------------------------- */

static int is_graphml_ns(gml *g)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(g->r);
    return !ns || strcmp(ns, GRAPHML_NS) == 0;
}

static int on_start(gml *g)
{
    const char *qname = (const char *)xmlTextReaderConstName(g->r);
    const char *local = (const char *)xmlTextReaderConstLocalName(g->r);
    int depth = xmlTextReaderDepth(g->r);
    int empty = xmlTextReaderIsEmptyElement(g->r) == 1;
    rawtag t;
    if (g->rp.lost || !raw_next_tag(&g->rp, qname ? qname : "", &t)) {
        /* Out of step with the raw text (an encoding other than an ASCII superset): lines only. */
        g->rp.lost = 1;
        memset(&t, 0, sizeof(t));
        xmlNodePtr nd = xmlTextReaderCurrentNode(g->r);
        long ln = nd ? xmlGetLineNo(nd) : -1;
        t.line = t.cline = ln > 0 && ln < INT_MAX ? (int)ln : 1;
        t.col = t.ccol = 1;
    }
    if (!empty && depth >= 0) {
        g->nopen = depth + 1;
        if (depth < OPEN_MAX) {
            g->open_line[depth] = t.line;
            snprintf(g->open_name[depth], sizeof(g->open_name[depth]), "%s", qname ? qname : "?");
        }
    }
    if (!local)
        return 0;
    if (g->data_depth >= 0)
        return 0; /* markup inside a <data> value (yEd graphics): not ours */
    if (depth == 0) {
        if (strcmp(local, "graphml") != 0)
            return gerr(g, t.line, t.col, "not a GraphML file: the root element is <%s>, not <graphml>", qname);
        return 0;
    }
    if (!is_graphml_ns(g))
        return 0;
    if (g->in_key >= 0) {
        if (!strcmp(local, "default") && depth == g->key_depth + 1) {
            gkey *k = &g->keys[g->in_key];
            k->dline = t.cline;
            k->dcol = t.ccol;
            omv__buf_free(&g->text);
            omv__buf_init(&g->text);
            if (empty) {
                free(k->def);
                k->def = strdup("");
                return k->def ? 0 : OMV_NOMEM(g->ctx, "GraphML default");
            }
            g->in_default = depth;
        }
        return 0;
    }
    if (!strcmp(local, "key"))
        return on_key(g, &t, empty);
    if (!strcmp(local, "hyperedge"))
        return gerr(g, t.line, t.col, "hyperedges are not supported: give each link as an <edge>");
    if (!strcmp(local, "graph")) {
        if (g->elem >= 0)
            return gerr(g, t.line, t.col, "nested graphs (a <graph> inside a node or edge) are not supported");
        if (g->graph_depth >= 0 || g->graph_line > 0)
            return gerr(g, t.line, t.col, "a second <graph>: give one graph per GraphML file");
        g->graph_line = t.line;
        g->graph_col = t.col;
        int rc = map_keys(g);
        if (rc)
            return rc;
        if (!empty)
            g->graph_depth = depth;
        return 0;
    }
    if (!strcmp(local, "node") || !strcmp(local, "edge")) {
        int tb = local[0] == 'n' ? T_NODES : T_EDGES;
        if (g->elem >= 0)
            return gerr(g, t.line, t.col, "<%s> inside a%s is not supported", local,
                        g->elem == T_NODES ? " node" : "n edge");
        if (g->graph_depth < 0 || depth != g->graph_depth + 1)
            return gerr(g, t.line, t.col, "<%s> outside a <graph>", local);
        int rc = on_element_start(g, tb, &t);
        if (!rc && empty)
            rc = on_element_end(g);
        return rc;
    }
    if (!strcmp(local, "data") && g->elem >= 0 && depth == g->elem_depth + 1) {
        int rc = on_data_start(g, &t);
        if (!rc && empty)
            rc = on_data_end(g);
        return rc;
    }
    if (!strcmp(local, "data") && !empty) {
        g->data_key = -1; /* data of the graph or the file: skipped */
        g->data_depth = depth;
    }
    return 0;
}

static int on_end(gml *g)
{
    int depth = xmlTextReaderDepth(g->r);
    g->nopen = depth;
    if (g->data_depth >= 0) {
        if (depth == g->data_depth)
            return on_data_end(g);
        return 0;
    }
    if (g->in_default >= 0 && depth == g->in_default) {
        g->in_default = -1;
        if (g->text.failed)
            return OMV_NOMEM(g->ctx, "GraphML default");
        gkey *k = &g->keys[g->in_key];
        free(k->def);
        k->def = strdup(g->text.s ? g->text.s : "");
        return k->def ? 0 : OMV_NOMEM(g->ctx, "GraphML default");
    }
    if (g->in_key >= 0 && depth == g->key_depth) {
        g->in_key = -1;
        return 0;
    }
    if (g->elem >= 0 && depth == g->elem_depth)
        return on_element_end(g);
    if (g->graph_depth >= 0 && depth == g->graph_depth)
        g->graph_depth = -1;
    return 0;
}

static void on_text(gml *g)
{
    if ((g->data_depth >= 0 && g->data_key >= 0) || g->in_default >= 0) {
        const char *v = (const char *)xmlTextReaderConstValue(g->r);
        if (v)
            omv__buf_puts(&g->text, v);
    }
}

/* Turns a libxml2 failure into file:line:col. A file that stops inside an element is named as
 * truncated: libxml2 itself then often speaks of "extra content" or an attribute value. */
static int xml_fail(gml *g)
{
    int lines = 1;
    int blank = 1;
    for (size_t i = 0; i < g->rp.n; i++) {
        lines += g->rp.s[i] == '\n' && i + 1 < g->rp.n;
        blank &= raw_is_blank(g->rp.s[i]);
    }
    if (blank)
        return OMV_ERR(g->ctx, OMV_EDATA, "%s:1:1: empty file: expected a GraphML document", g->path);
    int line = g->xerr.set ? g->xerr.line : xmlTextReaderGetParserLineNumber(g->r);
    int col = g->xerr.set ? g->xerr.col : 1;
    if (line < 1)
        line = 1;
    if (g->nopen > 0 && line >= lines)
        return OMV_ERR(g->ctx, OMV_EDATA,
                       "%s:%d:%d: unexpected end of file: the document is cut short (<%s> opened at line %d is "
                       "never closed)",
                       g->path, line, col, g->open_name[0], g->open_line[0]);
    if (g->xerr.set)
        return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:%d: malformed XML: %s", g->path, line, col, g->xerr.msg);
    return OMV_ERR(g->ctx, OMV_EDATA, "%s:%d:1: malformed XML", g->path, line);
}

/* Offset of a DOCTYPE in the prolog, or -1. Refused before libxml2 sees it: no DTD, no entities. */
static long raw_doctype(const rawpos *p)
{
    size_t i = p->at;
    for (;;) {
        while (i < p->n && raw_is_blank(p->s[i]))
            i++;
        if (raw_starts(p, i, "<?"))
            i = raw_past(p, i + 2, "?>");
        else if (raw_starts(p, i, "<!--"))
            i = raw_past(p, i + 4, "-->");
        else
            return raw_starts(p, i, "<!DOCTYPE") ? (long)i : -1;
    }
}

int omv__load_graphml(omv__builder *b, const char *path)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    gml g;
    memset(&g, 0, sizeof(g));
    g.b = b;
    g.ctx = ctx;
    g.path = path;
    g.builder_tab = -1;
    g.graph_depth = g.in_key = g.in_default = g.elem = g.data_key = g.data_depth = -1;
    omv__strmap_init(&g.keyidx);
    omv__buf_init(&g.text);
    char *data = NULL;
    size_t len = 0;
    int rc = omv__builder_file(b, path);
    if (rc < 0)
        return rc;
    g.file = rc;
    if ((rc = omv__read_file(ctx, path, &data, &len)))
        goto cleanup;
    if (len > INT_MAX) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s: file too large for the XML reader", path);
        goto cleanup;
    }
    g.rp.s = data;
    g.rp.n = len;
    g.rp.line = g.rp.col = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        g.rp.at = g.rp.bol = 3; /* a byte order mark takes no column */
    long dt = raw_doctype(&g.rp);
    if (dt >= 0) {
        int line, col;
        raw_locate(&g.rp, (size_t)dt, &line, &col);
        rc = gerr(&g, line, col,
                  "DOCTYPE declarations are not accepted in GraphML (no DTD is read and no "
                  "entity expanded)");
        goto cleanup;
    }
    xmlInitParser();
    /* No XML_PARSE_NOENT (no entity substitution), no DTD loading or defaults, no network. */
    g.r = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!g.r) {
        rc = OMV_NOMEM(ctx, "XML reader");
        goto cleanup;
    }
    xmlTextReaderSetStructuredErrorHandler(g.r, on_xml_error, &g.xerr);
    int rd;
    while ((rd = xmlTextReaderRead(g.r)) == 1 && !g.xerr.set) {
        switch (xmlTextReaderNodeType(g.r)) {
        case XML_READER_TYPE_ELEMENT:
            rc = on_start(&g);
            break;
        case XML_READER_TYPE_END_ELEMENT:
            rc = on_end(&g);
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            on_text(&g);
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE: {
            int line = xmlTextReaderGetParserLineNumber(g.r);
            rc = gerr(&g, line > 0 ? line : 1, 1,
                      "DOCTYPE and entity declarations are not accepted in GraphML (no entity is expanded)");
            break;
        }
        default:
            break;
        }
        if (rc)
            goto cleanup;
    }
    if (rd < 0 || g.xerr.set) {
        rc = xml_fail(&g);
        goto cleanup;
    }
    if (g.graph_line == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: no <graph> element: not a GraphML topology", path);
    else if (g.nnodes == 0)
        rc = gerr(&g, g.graph_line, g.graph_col, "no nodes in this <graph>: an empty network is not a topology");
cleanup:
    if (g.r)
        xmlFreeTextReader(g.r);
    for (size_t k = 0; k < g.nkeys; k++) {
        free(g.keys[k].id);
        free(g.keys[k].name);
        free(g.keys[k].def);
    }
    free(g.keys);
    omv__strmap_free(&g.keyidx);
    table_free(&g.tab[0]);
    table_free(&g.tab[1]);
    omv__buf_free(&g.text);
    free(data);
    return rc;
}

/* ---- writing -------------------------------------------------------------------------------- */

/* Checks that s is UTF-8 without the control characters XML 1.0 cannot hold. */
static int xml_text_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
        if (n < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (n == 1 && c < 0xC2))
            return 0;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

static void xml_escape(omv__buf *out, const char *s, int in_attr)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = in_attr ? "&quot;" : NULL;
            break;
        case '\r':
            rep = "&#13;"; /* a raw CR would be folded into a line end */
            break;
        case '\n':
            rep = in_attr ? "&#10;" : NULL;
            break;
        case '\t':
            rep = in_attr ? "&#9;" : NULL;
            break;
        default:
            break;
        }
        if (!rep)
            continue;
        omv__buf_printf(out, "%.*s%s", (int)(s - run), run, rep);
        run = s + 1;
    }
    omv__buf_puts(out, run);
}

static const char *attr_type(const char *col)
{
    static const char *const doubles[] = {"lat",       "lon",      "power_h", "capacity_gbps",
                                          "length_km", "cost_nok", NULL};
    if (in_list(doubles, col) >= 0)
        return "double";
    if (!strcmp(col, "population"))
        return "long";
    if (!strcmp(col, "island"))
        return "boolean";
    return "string";
}

/* The key ids of one element kind: contract columns (less the element's own) then extra columns. */
typedef struct {
    const char *const *cols;
    size_t ncols;
    const char *const *extra;
    size_t nextra;
    size_t first_id; /* key ids are d<first_id + i> over cols then extra */
} wkeys;

static int check_text(omv_ctx *ctx, const char *path, const char *v, const char *what, const char *id,
                      const char *col)
{
    if (xml_text_ok(v))
        return 0;
    return OMV_ERR(ctx, OMV_EARG,
                   "%s: column '%s' of %s '%s' is not UTF-8 text without control characters, which XML "
                   "cannot hold",
                   path, col, what, id);
}

int omv__write_graphml(const omv_net *net, omv_ctx *ctx, const char *path)
{
    if (net->ndemands)
        return OMV_ERR(ctx, OMV_EARG,
                       "%s: GraphML cannot hold demands (this network has %zu): write a CSV folder or GeoJSON "
                       "instead",
                       path, net->ndemands);
    omv__buf out;
    omv__buf_init(&out);
    char cell[OMV__CELL_BUF];
    int rc = 0;
    /* Own columns: the node id is the id attribute; the link id and ends are attributes too. */
    const size_t node_skip = 1, link_skip = 3;
    wkeys wk[2] = {
        {OMV__NODE_COLS + node_skip, OMV__NODE_NCOLS - node_skip, net->node_attr_cols, net->nnode_attr_cols, 0},
        {OMV__LINK_COLS + link_skip, OMV__LINK_NCOLS - link_skip, net->link_attr_cols, net->nlink_attr_cols, 0},
    };
    wk[1].first_id = wk[0].ncols + wk[0].nextra;
    omv__buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (int e = 0; e < 2; e++) {
        for (size_t i = 0; i < wk[e].ncols + wk[e].nextra; i++) {
            int contract = i < wk[e].ncols;
            const char *name = contract ? wk[e].cols[i] : wk[e].extra[i - wk[e].ncols];
            if (!xml_text_ok(name)) {
                rc = OMV_ERR(ctx, OMV_EARG, "%s: column name '%s' cannot be written to XML", path, name);
                goto cleanup;
            }
            omv__buf_printf(&out, "  <key id=\"d%zu\" for=\"%s\" attr.name=\"", wk[e].first_id + i,
                            e ? "edge" : "node");
            xml_escape(&out, name, 1);
            omv__buf_printf(&out, "\" attr.type=\"%s\"/>\n", contract ? attr_type(name) : "string");
        }
    }
    omv__buf_puts(&out, "  <graph id=\"G\" edgedefault=\"undirected\">\n");
    for (size_t e = 0; e < 2; e++) {
        size_t n = e ? net->nlinks : net->nnodes;
        const char *what = e ? "link" : "node";
        for (size_t i = 0; i < n && !rc; i++) {
            const char *id = e ? net->links[i].id : net->nodes[i].id;
            if ((rc = check_text(ctx, path, id, what, id, "id")))
                goto cleanup;
            omv__buf_printf(&out, "    <%s id=\"", e ? "edge" : "node");
            xml_escape(&out, id, 1);
            if (e) {
                const char *a = omv__link_cell(net, i, 1, cell, sizeof(cell));
                omv__buf_puts(&out, "\" source=\"");
                xml_escape(&out, a, 1);
                /* A reserve-power upgrade has no b: it is written as an edge from the site to itself. */
                const char *bb = omv__link_cell(net, i, 2, cell, sizeof(cell));
                omv__buf_puts(&out, "\" target=\"");
                xml_escape(&out, bb[0] ? bb : net->nodes[net->links[i].a].id, 1);
            }
            omv__buf_puts(&out, "\">\n");
            const omv__attrs *at = e ? omv__link_attrs(&net->links[i]) : omv__node_attrs(&net->nodes[i]);
            for (size_t c = 0; c < wk[e].ncols + wk[e].nextra; c++) {
                const char *v;
                const char *col;
                if (c < wk[e].ncols) {
                    size_t cc = c + (e ? link_skip : node_skip);
                    col = wk[e].cols[c];
                    v = e ? omv__link_cell(net, i, cc, cell, sizeof(cell))
                          : omv__node_cell(net, i, cc, cell, sizeof(cell));
                } else {
                    col = wk[e].extra[c - wk[e].ncols];
                    v = omv__attrs_get(at, col);
                }
                if (!v || !v[0])
                    continue;
                if ((rc = check_text(ctx, path, v, what, id, col)))
                    goto cleanup;
                omv__buf_printf(&out, "      <data key=\"d%zu\">", wk[e].first_id + c);
                xml_escape(&out, v, 0);
                omv__buf_puts(&out, "</data>\n");
            }
            omv__buf_printf(&out, "    </%s>\n", e ? "edge" : "node");
        }
    }
    omv__buf_puts(&out, "  </graph>\n</graphml>\n");
    char *text = omv__buf_take(&out);
    if (!text) {
        rc = OMV_NOMEM(ctx, "GraphML");
        goto cleanup;
    }
    rc = omv__write_file_atomic(ctx, path, text, strlen(text));
    free(text);
cleanup:
    omv__buf_free(&out);
    return rc;
}
