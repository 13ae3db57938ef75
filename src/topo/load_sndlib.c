/*
 * load_sndlib.c — SNDlib network files (Orlowski, Wessäly, Pióro, Tomaszewski, Networks 2010), in
 * the native text format and in XML: nodes with coordinates, links with a pre-installed capacity
 * and capacity modules, and demands.
 *
 * Mapping onto the contract (DESIGN.md §2):
 *  - Nodes keep their ids. Coordinates become lon/lat only when they are clearly decimal degrees
 *    (see is_geographic); otherwise the node has no position and keeps x and y as attributes.
 *  - Links are existing links. capacity_gbps is the pre-installed capacity, 0 included (a link
 *    without installed capacity carries nothing); empty (unlimited) only when an XML link has no
 *    <preInstalledModule>. The capacity modules are kept in the attribute "modules" as
 *    "capacity:cost;..." and the pre-installed, routing and setup costs as attributes when not zero.
 *    No analysis installs modules: a warning says so.
 *  - Demands go to the demands table (src, dst, gbps). Demand ids, routing units, path-length limits
 *    and admissible paths have no place in the contract and are not kept (a warning names the
 *    admissible paths, which omvei does not follow).
 *  - A file without nodes is an error: an empty network is a mistake, not a result.
 *  - Capacities and demand values are in the unit the file's META section names (MBITPERSEC in
 *    Abilene) and are scaled to Gbit/s; without a unit they are taken as Gbit/s.
 * Rows go through the builder, which checks ids, references and values.
 */
#include "topo/build.h"

#include "core/number.h"
#include "core/utf8.h"

#include <libxml/xmlreader.h>

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what both formats share ---------------------------------------------------------------- */

typedef struct {
    char *id; /* malloc'd */
    int line, col;
    char *x, *y; /* coordinate texts as written; NULL when the node has none */
    double xv, yv;
    int xline, xcol, yline, ycol;
} snode;

typedef struct {
    omv__builder *b;
    omv_ctx *ctx;
    const char *path;
    int file;
    double per_gbit; /* file units in one Gbit/s (1000 for MBITPERSEC) */
    int builder_tab; /* table of the last builder header, -1 */
    snode *nodes;    /* nodes of the section being read */
    size_t nnodes, capnodes;
    omv__strmap ids; /* every node id read so far (keys owned by 'names') */
    char **names;
    size_t nnames, capnames;
    /* What the file holds that omvei does not use: warned about once each, at its first place. */
    size_t nmodule_links;
    int module_line, module_col;
    int paths_line, paths_col; /* 0: no admissible paths */
} snd;

static int serr(snd *s, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int serr(snd *s, int line, int col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return OMV_ERR(s->ctx, OMV_EDATA, "%s:%d:%d: %s", s->path, line, col, msg);
}

static void snd_init(snd *s, omv__builder *b, const char *path)
{
    memset(s, 0, sizeof(*s));
    s->b = b;
    s->ctx = omv__builder_ctx(b);
    s->path = path;
    s->per_gbit = 1.0;
    s->builder_tab = -1;
    omv__strmap_init(&s->ids);
}

static void snd_clear_nodes(snd *s)
{
    for (size_t i = 0; i < s->nnodes; i++) {
        free(s->nodes[i].id);
        free(s->nodes[i].x);
        free(s->nodes[i].y);
    }
    s->nnodes = 0;
}

static void snd_free(snd *s)
{
    snd_clear_nodes(s);
    free(s->nodes);
    omv__strmap_free(&s->ids);
    for (size_t i = 0; i < s->nnames; i++)
        free(s->names[i]);
    free(s->names);
}

/* Parses a finite number in plain decimal notation; what names the field in the message. */
static int snd_num(snd *s, const char *text, int line, int col, const char *what, int nonneg, double *out)
{
    double v;
    int rc = omv__parse_decimal(text, &v);
    if (rc == OMV__NUM_NOMEM)
        return OMV_NOMEM(s->ctx, "number");
    if (rc == OMV__NUM_RANGE)
        return serr(s, line, col, "%s: not a finite number '%s'", what, text);
    if (rc)
        return serr(s, line, col, "%s: not a number '%s'%s", what, text,
                    omv__is_hex_word(text, strlen(text)) ? " (write it in decimal: hexadecimal is not read)" : "");
    if (nonneg && v < 0)
        return serr(s, line, col, "%s: must not be negative, got '%s'", what, text);
    *out = v;
    return 0;
}

/* Scale to Gbit/s of a META unit. Unknown units are warned about and taken as Gbit/s. */
static int snd_unit(snd *s, const char *unit, int line, int col)
{
    static const struct {
        const char *name;
        double per_gbit;
    } units[] = {{"BITPERSEC", 1e9},
                 {"KBITPERSEC", 1e6},
                 {"MBITPERSEC", 1e3},
                 {"GBITPERSEC", 1.0},
                 {"TBITPERSEC", 1e-3}};
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (strcmp(unit, units[i].name) == 0) {
            s->per_gbit = units[i].per_gbit;
            return 0;
        }
    }
    return omv__warn(s->ctx, "%s:%d:%d: warning: unknown unit '%s': capacities and demands taken as Gbit/s",
                     s->path, line, col, unit)
               ? OMV_NOMEM(s->ctx, "warning")
               : 0;
}

/* A capacity or demand in Gbit/s. Dividing by an exact power of ten (rather than multiplying by its
 * inexact inverse) keeps 1200.5 Mbit/s at 1.2005, not 1.2005000000000001. */
static double snd_gbps(const snd *s, double v)
{
    return s->per_gbit >= 1 ? v / s->per_gbit : v * (1 / s->per_gbit);
}

static int snd_header(snd *s, omv__tab tab, int line, size_t n, const char *const *names)
{
    s->builder_tab = (int)tab;
    return omv__builder_header(s->b, tab, s->file, line, n, names, NULL);
}

/*
 * SNDlib gives coordinates as decimal degrees, as degrees.minutes, or as drawing pixels, and the
 * native format does not say which. They are taken as lon/lat only when every node has them, every
 * value lies within [-180, 180] x [-90, 90], and some value has a fraction of .60 or more, which
 * degrees.minutes cannot have. Anything else keeps x and y as plain attributes: no position is better
 * than a wrong one.
 */
static int is_geographic(const snd *s, char *why, size_t whysz)
{
    int decimal = 0;
    snprintf(why, whysz, "no node has coordinates");
    if (s->nnodes == 0)
        return 0;
    for (size_t i = 0; i < s->nnodes; i++) {
        const snode *n = &s->nodes[i];
        if (!n->x || !n->y) {
            snprintf(why, whysz, "node '%.100s' has none", n->id);
            return 0;
        }
        if (fabs(n->xv) > 180 || fabs(n->yv) > 90) {
            snprintf(why, whysz, "node '%.100s' at (%.100s %.100s) lies outside [-180, 180] x [-90, 90]", n->id,
                     n->x, n->y);
            return 0;
        }
        double fx = fabs(n->xv) - floor(fabs(n->xv)), fy = fabs(n->yv) - floor(fabs(n->yv));
        decimal |= fx >= 0.6 - 1e-9 || fy >= 0.6 - 1e-9;
    }
    snprintf(why, whysz, "no fraction reaches .60, so they may be degrees.minutes");
    return decimal;
}

/* Hands the nodes of one section to the builder. pixel: the file says the coordinates are not
 * geographic; geographical: it says they are (then a value out of range is an error). col: where the
 * section starts, for the warning when coordinates are dropped. */
static int snd_emit_nodes(snd *s, int line, int col, int pixel, int geographical)
{
    char why[400];
    int geo = !pixel && is_geographic(s, why, sizeof(why));
    int any_xy = 0;
    for (size_t i = 0; i < s->nnodes; i++)
        any_xy |= s->nodes[i].x != NULL;
    for (size_t i = 0; geographical && i < s->nnodes; i++) {
        const snode *n = &s->nodes[i];
        if (n->x && fabs(n->xv) > 180)
            return serr(s, n->xline, n->xcol, "node '%s': x coordinate %s is out of range: the file says "
                        "coordinatesType=\"geographical\", and a longitude lies between -180 and 180", n->id, n->x);
        if (n->y && fabs(n->yv) > 90)
            return serr(s, n->yline, n->ycol, "node '%s': y coordinate %s is out of range: the file says "
                        "coordinatesType=\"geographical\", and a latitude lies between -90 and 90", n->id, n->y);
    }
    if (any_xy && !geo &&
        omv__warn(s->ctx, "%s:%d:%d: warning: the node coordinates are not taken as positions (%s); they are "
                  "kept as the attributes x and y, and the nodes have no position (no map, no lengths from "
                  "coordinates)", s->path, line, col, pixel ? "the file says coordinatesType=\"pixel\"" : why))
        return OMV_NOMEM(s->ctx, "warning");
    static const char *const geo_cols[] = {"id", "lon", "lat"};
    static const char *const xy_cols[] = {"id", "x", "y"};
    size_t ncols = any_xy ? 3 : 1;
    int rc = snd_header(s, OMV__TAB_NODES, line, ncols, geo ? geo_cols : xy_cols);
    for (size_t i = 0; i < s->nnodes && !rc; i++) {
        const snode *n = &s->nodes[i];
        const char *vals[3] = {n->id, n->x, n->y};
        /* Values on other lines than the id (XML) are placed at the id: the builder knows one line
         * per row. */
        int cols[3] = {n->col, n->xline == n->line ? n->xcol : n->col, n->yline == n->line ? n->ycol : n->col};
        rc = omv__builder_row(s->b, n->line, vals, cols);
    }
    snd_clear_nodes(s);
    return rc;
}

/* An id must be UTF-8 text: a byte of another encoding is reported where it stands, not later as
 * an unknown node. col is the id's column. */
static int snd_check_text(snd *s, const char *text, int line, int col, const char *what)
{
    const unsigned char *bad = omv__utf8_invalid(text);
    if (!bad)
        return 0;
    for (const unsigned char *p = (const unsigned char *)text; p < bad; p++)
        col += (*p & 0xC0) != 0x80;
    return serr(s, line, col, "byte 0x%02X in %s is not UTF-8 text (save the file as UTF-8)", *bad, what);
}

/* The warnings about what the file holds and omvei leaves unused, and the check that it held a
 * network at all. */
static int snd_finish(snd *s, int nodes_line, int nodes_col, const char *nodes_what)
{
    if (s->nnames == 0)
        return serr(s, nodes_line, nodes_col, "no nodes in this file: %s", nodes_what);
    if (s->nmodule_links &&
        omv__warn(s->ctx, "%s:%d:%d: warning: %zu link%s capacity modules (kept as the attribute 'modules'); "
                  "no analysis installs them", s->path, s->module_line, s->module_col, s->nmodule_links,
                  s->nmodule_links == 1 ? " has" : "s have"))
        return OMV_NOMEM(s->ctx, "warning");
    if (s->paths_line &&
        omv__warn(s->ctx, "%s:%d:%d: warning: the admissible paths are not used: demands are routed on any "
                  "path of the network", s->path, s->paths_line, s->paths_col))
        return OMV_NOMEM(s->ctx, "warning");
    return 0;
}

static int snd_add_node(snd *s, const char *id, int line, int col)
{
    if (OMV_GROW(s->nodes, s->capnodes, s->nnodes + 1) || OMV_GROW(s->names, s->capnames, s->nnames + 1))
        return OMV_NOMEM(s->ctx, "SNDlib nodes");
    snode *n = &s->nodes[s->nnodes];
    memset(n, 0, sizeof(*n));
    n->id = strdup(id);
    char *name = strdup(id);
    if (!n->id || !name) {
        free(n->id);
        free(name);
        return OMV_NOMEM(s->ctx, "SNDlib nodes");
    }
    s->nnodes++;
    s->names[s->nnames++] = name;
    n->line = line;
    n->col = col;
    /* A repeated id is left to the builder, which names both places. */
    return omv__strmap_put(&s->ids, name, 0) < 0 ? OMV_NOMEM(s->ctx, "SNDlib nodes") : 0;
}

static int snd_set_coord(snd *s, int which, const char *text, int line, int col)
{
    snode *n = &s->nodes[s->nnodes - 1];
    double v;
    int rc = snd_num(s, text, line, col, which ? "y coordinate" : "x coordinate", 0, &v);
    if (rc)
        return rc;
    char *t = strdup(text);
    if (!t)
        return OMV_NOMEM(s->ctx, "SNDlib nodes");
    if (which) {
        free(n->y);
        n->y = t;
        n->yv = v;
        n->yline = line;
        n->ycol = col;
    } else {
        free(n->x);
        n->x = t;
        n->xv = v;
        n->xline = line;
        n->xcol = col;
    }
    return 0;
}

/* A link as read, before it goes to the builder. */
typedef struct {
    const char *id, *src, *dst;
    int line, col, scol, dcol;
    int has_cap; /* a pre-installed capacity was given (0 is a link that carries nothing) */
    double cap, cap_cost, routing, setup;
    omv__buf modules; /* "capacity:cost;..." in Gbit/s */
    int nmodules;
} slink;

static int snd_add_module(snd *s, slink *l, double cap, double cost)
{
    char c[64], k[64];
    omv__fmt_double(c, sizeof(c), snd_gbps(s, cap));
    omv__fmt_double(k, sizeof(k), cost);
    omv__buf_printf(&l->modules, "%s%s:%s", l->nmodules ? ";" : "", c, k);
    l->nmodules++;
    return l->modules.failed ? OMV_NOMEM(s->ctx, "SNDlib modules") : 0;
}

static int snd_emit_link(snd *s, const slink *l, int header_line)
{
    static const char *const cols[] = {
        "id",           "a",         "b", "capacity_gbps", "modules", "pre_installed_capacity_cost",
        "routing_cost", "setup_cost"};
    int rc;
    if (s->builder_tab != OMV__TAB_LINKS && (rc = snd_header(s, OMV__TAB_LINKS, header_line, 8, cols)))
        return rc;
    char cap[64] = "", pc[64] = "", rt[64] = "", su[64] = "";
    if (l->has_cap)
        omv__fmt_double(cap, sizeof(cap), snd_gbps(s, l->cap));
    if (l->nmodules && !s->nmodule_links++) {
        s->module_line = l->line;
        s->module_col = l->col;
    }
    if (l->cap_cost != 0)
        omv__fmt_double(pc, sizeof(pc), l->cap_cost);
    if (l->routing != 0)
        omv__fmt_double(rt, sizeof(rt), l->routing);
    if (l->setup != 0)
        omv__fmt_double(su, sizeof(su), l->setup);
    const char *vals[8] = {l->id, l->src, l->dst, cap, l->modules.s ? l->modules.s : "", pc, rt, su};
    int pos[8] = {l->col, l->scol, l->dcol, l->col, l->col, l->col, l->col, l->col};
    return omv__builder_row(s->b, l->line, vals, pos);
}

static int snd_emit_demand(snd *s, int line, const char *src, int scol, const char *dst, int dcol, double value,
                           int vcol, int header_line)
{
    static const char *const cols[] = {"src", "dst", "gbps"};
    int rc;
    if (s->builder_tab != OMV__TAB_DEMANDS && (rc = snd_header(s, OMV__TAB_DEMANDS, header_line, 3, cols)))
        return rc;
    char g[64];
    omv__fmt_double(g, sizeof(g), snd_gbps(s, value));
    const char *vals[3] = {src, dst, g};
    int pos[3] = {scol, dcol, vcol};
    return omv__builder_row(s->b, line, vals, pos);
}

/* ---- native format -------------------------------------------------------------------------- */

/* Tokens: "(", ")" and words (anything else between blanks); '#' starts a comment to the line end. */
typedef struct {
    const char *s;
    size_t n, i;
    int line, col;   /* of s[i] */
    int eline, ecol; /* just past the last token: where the end of the file is reported */
} lexer;

typedef struct {
    char kind; /* '(' ')' 'w' word, 0 end of file */
    char text[1024];
    int line, col;
} token;

static void lex_adv(lexer *x)
{
    unsigned char c = (unsigned char)x->s[x->i++];
    if (c == '\n') {
        x->line++;
        x->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        x->col++;
    }
}

static int lex_next(snd *s, lexer *x, token *t)
{
    for (;;) {
        while (x->i < x->n && isspace((unsigned char)x->s[x->i]))
            lex_adv(x);
        if (x->i < x->n && x->s[x->i] == '#') {
            while (x->i < x->n && x->s[x->i] != '\n')
                lex_adv(x);
            continue;
        }
        break;
    }
    t->line = x->line;
    t->col = x->col;
    t->text[0] = '\0';
    if (x->i >= x->n) {
        t->kind = 0;
        t->line = x->eline;
        t->col = x->ecol;
        return 0;
    }
    char c = x->s[x->i];
    if (c == '(' || c == ')') {
        t->kind = c;
        t->text[0] = c;
        t->text[1] = '\0';
        lex_adv(x);
        x->eline = x->line;
        x->ecol = x->col;
        return 0;
    }
    if (c == '\0')
        return serr(s, t->line, t->col, "NUL byte in a text file");
    size_t k = 0;
    while (x->i < x->n && !isspace((unsigned char)x->s[x->i]) && x->s[x->i] != '(' && x->s[x->i] != ')' &&
           x->s[x->i] != '\0') {
        if (k + 1 >= sizeof(t->text))
            return serr(s, t->line, t->col, "word longer than %zu characters", sizeof(t->text) - 1);
        t->text[k++] = x->s[x->i];
        lex_adv(x);
    }
    t->text[k] = '\0';
    t->kind = 'w';
    x->eline = x->line;
    x->ecol = x->col;
    return snd_check_text(s, t->text, t->line, t->col, "this word");
}

/* Reads the next token and requires its kind. what describes the place for the message. */
static int lex_expect(snd *s, lexer *x, token *t, char kind, const char *what, const char *section, int sline)
{
    int rc = lex_next(s, x, t);
    if (rc)
        return rc;
    if (t->kind == kind)
        return 0;
    if (t->kind == 0)
        return serr(s, t->line, t->col, "unexpected end of file in section %s (opened at line %d): expected %s",
                    section, sline, what);
    return serr(s, t->line, t->col, "expected %s, found '%s'", what, t->text);
}

static int lex_number(snd *s, lexer *x, token *t, const char *what, const char *section, int sline, double *v)
{
    int rc = lex_expect(s, x, t, 'w', what, section, sline);
    return rc ? rc : snd_num(s, t->text, t->line, t->col, what, 1, v);
}

/* Skips a section body up to its closing parenthesis (ADMISSIBLE_PATHS: ids and parentheses). */
static int native_skip(snd *s, lexer *x, const char *section, int sline)
{
    int depth = 1;
    token t;
    while (depth > 0) {
        int rc = lex_next(s, x, &t);
        if (rc)
            return rc;
        if (t.kind == 0)
            return serr(s, t.line, t.col,
                        "unexpected end of file in section %s (opened at line %d): missing ')'", section,
                        sline);
        depth += t.kind == '(' ? 1 : t.kind == ')' ? -1 : 0;
    }
    return 0;
}

/* META holds one "attribute = free text" per line (the text may hold anything, parentheses too) and
 * ends at a line holding only ')'. Only the unit is read. */
static int native_meta(snd *s, lexer *x, int sline)
{
    for (;;) {
        /* The rest of the current line, trimmed: [b, t). */
        size_t b = x->i, e = x->i;
        while (e < x->n && x->s[e] != '\n')
            e++;
        while (b < e && isspace((unsigned char)x->s[b]))
            b++;
        size_t t = e;
        while (t > b && isspace((unsigned char)x->s[t - 1]))
            t--;
        if (t == b + 1 && x->s[b] == ')') {
            while (x->i <= b)
                lex_adv(x);
            x->eline = x->line;
            x->ecol = x->col;
            return 0;
        }
        if (t - b > 4 && !memcmp(x->s + b, "unit", 4) &&
            (isspace((unsigned char)x->s[b + 4]) || x->s[b + 4] == '=')) {
            size_t v = b + 4;
            while (v < t && (isspace((unsigned char)x->s[v]) || x->s[v] == '='))
                v++;
            char unit[64];
            size_t n = t - v < sizeof(unit) - 1 ? t - v : sizeof(unit) - 1;
            memcpy(unit, x->s + v, n);
            unit[n] = '\0';
            lexer at = *x;
            while (at.i < v)
                lex_adv(&at);
            int rc = snd_unit(s, unit, at.line, at.col);
            if (rc)
                return rc;
        }
        while (x->i < e)
            lex_adv(x);
        if (x->i >= x->n)
            return serr(s, x->line, x->col,
                        "unexpected end of file in section META (opened at line %d): missing ')'", sline);
        lex_adv(x); /* the line end */
    }
}

static int native_nodes(snd *s, lexer *x, int sline, int scol)
{
    token t;
    int rc;
    for (;;) {
        if ((rc = lex_next(s, x, &t)))
            return rc;
        if (t.kind == ')')
            return snd_emit_nodes(s, sline, scol, 0, 0);
        if (t.kind == 0)
            return serr(s, t.line, t.col,
                        "unexpected end of file in section NODES (opened at line %d): missing ')'", sline);
        if (t.kind != 'w')
            return serr(s, t.line, t.col, "expected a node id, found '%s'", t.text);
        if ((rc = snd_add_node(s, t.text, t.line, t.col)))
            return rc;
        /* The coordinates "( x y )" are optional: look ahead one token. A number on the id's own line
         * is a coordinate without its parentheses, not the id of another node. */
        int id_line = t.line;
        char id[sizeof(t.text)];
        memcpy(id, t.text, sizeof(id));
        lexer save = *x;
        if ((rc = lex_next(s, x, &t)))
            return rc;
        double v;
        if (t.kind == 'w' && t.line == id_line && omv__parse_decimal(t.text, &v) == 0)
            return serr(s, t.line, t.col, "expected '(' before the coordinates of node '%s', found '%s' "
                        "(write the node as: %s ( x y ))", id, t.text, id);
        if (t.kind != '(') {
            *x = save;
            continue;
        }
        for (int k = 0; k < 2; k++) {
            if ((rc = lex_expect(s, x, &t, 'w', k ? "the y coordinate" : "the x coordinate", "NODES", sline)) ||
                (rc = snd_set_coord(s, k, t.text, t.line, t.col)))
                return rc;
        }
        if ((rc = lex_expect(s, x, &t, ')', "')' after the coordinates", "NODES", sline)))
            return rc;
    }
}

/* id ( src dst ) pre_installed_capacity pre_installed_capacity_cost routing_cost setup_cost
 * ( {module_capacity module_cost}* ) */
static int native_link(snd *s, lexer *x, const token *idt, int sline)
{
    static const char SEC[] = "LINKS";
    slink l;
    memset(&l, 0, sizeof(l));
    omv__buf_init(&l.modules);
    token t, a, b;
    int rc;
    l.id = idt->text;
    l.line = idt->line;
    l.col = idt->col;
    l.has_cap = 1; /* the native format always gives it */
    if ((rc = lex_expect(s, x, &t, '(', "'(' before the link's end nodes", SEC, sline)) ||
        (rc = lex_expect(s, x, &a, 'w', "the link's source node", SEC, sline)) ||
        (rc = lex_expect(s, x, &b, 'w', "the link's target node", SEC, sline)) ||
        (rc = lex_expect(s, x, &t, ')', "')' after the link's end nodes", SEC, sline)) ||
        (rc = lex_number(s, x, &t, "pre_installed_capacity", SEC, sline, &l.cap)) ||
        (rc = lex_number(s, x, &t, "pre_installed_capacity_cost", SEC, sline, &l.cap_cost)) ||
        (rc = lex_number(s, x, &t, "routing_cost", SEC, sline, &l.routing)) ||
        (rc = lex_number(s, x, &t, "setup_cost", SEC, sline, &l.setup)) ||
        (rc = lex_expect(s, x, &t, '(', "'(' before the capacity modules", SEC, sline)))
        goto cleanup;
    for (;;) {
        double cap, cost;
        if ((rc = lex_next(s, x, &t)))
            goto cleanup;
        if (t.kind == ')')
            break;
        if (t.kind != 'w') {
            rc = t.kind == 0 ? serr(s, t.line, t.col,
                                    "unexpected end of file in section %s (opened at line %d): "
                                    "missing ')' after the capacity modules",
                                    SEC, sline)
                             : serr(s, t.line, t.col, "expected a module capacity or ')', found '%s'", t.text);
            goto cleanup;
        }
        if ((rc = snd_num(s, t.text, t.line, t.col, "module_capacity", 1, &cap)) ||
            (rc = lex_number(s, x, &t, "module_cost", SEC, sline, &cost)) ||
            (rc = snd_add_module(s, &l, cap, cost)))
            goto cleanup;
    }
    l.src = a.text;
    l.dst = b.text;
    l.scol = a.col;
    l.dcol = b.col;
    /* The end nodes share the link's line in this format, so the builder places every message. */
    if (a.line != l.line || b.line != l.line)
        l.scol = l.dcol = l.col;
    rc = snd_emit_link(s, &l, sline);
cleanup:
    omv__buf_free(&l.modules);
    return rc;
}

/* id ( src dst ) routing_unit demand_value max_path_length */
static int native_demand(snd *s, lexer *x, const token *idt, int sline)
{
    static const char SEC[] = "DEMANDS";
    token t, a, b, v;
    double unit, value;
    int rc;
    if ((rc = lex_expect(s, x, &t, '(', "'(' before the demand's end nodes", SEC, sline)) ||
        (rc = lex_expect(s, x, &a, 'w', "the demand's source node", SEC, sline)) ||
        (rc = lex_expect(s, x, &b, 'w', "the demand's target node", SEC, sline)) ||
        (rc = lex_expect(s, x, &t, ')', "')' after the demand's end nodes", SEC, sline)) ||
        (rc = lex_number(s, x, &t, "routing_unit", SEC, sline, &unit)) ||
        (rc = lex_number(s, x, &v, "demand_value", SEC, sline, &value)) ||
        (rc = lex_expect(s, x, &t, 'w', "max_path_length", SEC, sline)))
        return rc;
    double mpl;
    if (strcmp(t.text, "UNLIMITED") != 0 && snd_num(s, t.text, t.line, t.col, "max_path_length", 1, &mpl))
        return serr(s, t.line, t.col, "max_path_length: expected a number or UNLIMITED, found '%s'", t.text);
    int line = idt->line;
    int scol = a.line == line ? a.col : idt->col, dcol = b.line == line ? b.col : idt->col;
    int vcol = v.line == line ? v.col : idt->col;
    return snd_emit_demand(s, line, a.text, scol, b.text, dcol, value, vcol, sline);
}

static int native_rows(snd *s, lexer *x, const char *section, int sline,
                       int (*row)(snd *, lexer *, const token *, int))
{
    token t;
    int rc;
    for (;;) {
        if ((rc = lex_next(s, x, &t)))
            return rc;
        if (t.kind == ')')
            return 0;
        if (t.kind == 0)
            return serr(s, t.line, t.col,
                        "unexpected end of file in section %s (opened at line %d): missing ')'", section,
                        sline);
        if (t.kind != 'w')
            return serr(s, t.line, t.col, "expected an id in section %s, found '%s'", section, t.text);
        if ((rc = row(s, x, &t, sline)))
            return rc;
    }
}

int omv__load_sndlib_native(omv__builder *b, const char *path)
{
    static const char MAGIC[] = "?SNDlib native format";
    snd s;
    snd_init(&s, b, path);
    char *data = NULL;
    size_t len = 0;
    int rc = omv__builder_file(b, path);
    if (rc < 0)
        goto cleanup;
    s.file = rc;
    if ((rc = omv__read_file(s.ctx, path, &data, &len)))
        goto cleanup;
    lexer x = {data, len, 0, 1, 1, 1, 1};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        x.i = 3;
    if (len - x.i < sizeof(MAGIC) - 1 || memcmp(data + x.i, MAGIC, sizeof(MAGIC) - 1) != 0) {
        rc = serr(&s, 1, 1, "not an SNDlib native file: the first line must read '%s; type: network; ...'",
                  MAGIC);
        goto cleanup;
    }
    size_t eol = x.i;
    while (eol < len && data[eol] != '\n')
        eol++;
    const char *type = strstr(data + x.i, "type:");
    if (type && type < data + eol) {
        type += 5;
        while (*type == ' ')
            type++;
        if (strncmp(type, "network", 7) != 0) {
            rc = serr(&s, 1, (int)(type - data - x.i) + 1, "not an SNDlib network file (type '%.*s')",
                      (int)strcspn(type, ";\r\n"), type);
            goto cleanup;
        }
    }
    while (x.i < eol)
        lex_adv(&x);
    x.eline = x.line;
    x.ecol = x.col;
    token t;
    int nodes_line = 0, nodes_col = 1;
    for (;;) {
        if ((rc = lex_next(&s, &x, &t)))
            goto cleanup;
        if (t.kind == 0) {
            rc = nodes_line ? snd_finish(&s, nodes_line, nodes_col, "the section NODES is empty")
                            : snd_finish(&s, 1, 1, "no NODES section");
            break;
        }
        if (t.kind != 'w') {
            rc = serr(&s, t.line, t.col, "expected a section name (NODES, LINKS, DEMANDS, ...), found '%s'",
                      t.text);
            goto cleanup;
        }
        token sec = t;
        char what[300];
        snprintf(what, sizeof(what), "'(' after %.200s", sec.text);
        if ((rc = lex_expect(&s, &x, &t, '(', what, sec.text, sec.line)))
            goto cleanup;
        if (!strcmp(sec.text, "NODES")) {
            if (!nodes_line) {
                nodes_line = sec.line;
                nodes_col = sec.col;
            }
            rc = native_nodes(&s, &x, sec.line, sec.col);
        }
        else if (!strcmp(sec.text, "LINKS"))
            rc = native_rows(&s, &x, sec.text, sec.line, native_link);
        else if (!strcmp(sec.text, "DEMANDS"))
            rc = native_rows(&s, &x, sec.text, sec.line, native_demand);
        else if (!strcmp(sec.text, "META"))
            rc = native_meta(&s, &x, sec.line);
        else if (!strcmp(sec.text, "ADMISSIBLE_PATHS")) {
            lexer at = x;
            token first;
            rc = lex_next(&s, &at, &first);
            if (!rc && first.kind != ')' && !s.paths_line) {
                s.paths_line = sec.line;
                s.paths_col = sec.col;
            }
            if (!rc)
                rc = native_skip(&s, &x, sec.text, sec.line);
        }
        else
            rc = serr(&s, sec.line, sec.col,
                      "unknown section '%s' (expected META, NODES, LINKS, DEMANDS or ADMISSIBLE_PATHS)",
                      sec.text);
        if (rc)
            goto cleanup;
    }
cleanup:
    snd_free(&s);
    free(data);
    return rc < 0 ? rc : 0;
}

/* ---- XML format ----------------------------------------------------------------------------- */

/*
 * The XML reader keeps a stack of element names and the text of the innermost element; values are
 * handled when their element ends. libxml2 gives each element's line; the column is found by looking
 * for the tag on that line of the raw text (SNDlib writes one element per line).
 */
#define SX_DEPTH 16
#define SX_PATH 512

/* The places SNDlib's values live; anything elsewhere is not read. */
#define P_NODES "network/networkStructure/nodes"
#define P_NODE P_NODES "/node"
#define P_X P_NODE "/coordinates/x"
#define P_Y P_NODE "/coordinates/y"
#define P_LINKS "network/networkStructure/links"
#define P_LINK P_LINKS "/link"
#define P_LINK_SRC P_LINK "/source"
#define P_LINK_DST P_LINK "/target"
#define P_PRE_CAP P_LINK "/preInstalledModule/capacity"
#define P_PRE_COST P_LINK "/preInstalledModule/cost"
#define P_ROUTING P_LINK "/routingCost"
#define P_SETUP P_LINK "/setupCost"
#define P_MODULE P_LINK "/additionalModules/addModule"
#define P_MOD_CAP P_MODULE "/capacity"
#define P_MOD_COST P_MODULE "/cost"
#define P_DEMANDS "network/demands"
#define P_DEMAND P_DEMANDS "/demand"
#define P_DEM_SRC P_DEMAND "/source"
#define P_DEM_DST P_DEMAND "/target"
#define P_DEM_VALUE P_DEMAND "/demandValue"
#define P_PATHS P_DEMAND "/admissiblePaths"
#define P_UNIT "network/meta/unit"

/* SNDlib's namespace. A file may leave it out (hand-written); any other namespace is another
 * vocabulary that happens to use the same names. */
static const char SNDLIB_NS[] = "http://sndlib.zib.de/network";

typedef struct {
    snd s;
    xmlTextReaderPtr r;
    const char *data;
    size_t len;
    size_t *bol; /* offset where each line begins; bol[0] is line 1 */
    size_t nlines;
    size_t cursor; /* where the last tag was found, so equal tags on one line are told apart */
    struct {
        int line, err_col;
        char msg[400];
        int set;
    } xerr;
    /* The open elements as a path of local names ("network/networkStructure/nodes/..."), the
     * length of the path before each was added, and where each starts. */
    char path[SX_PATH];
    size_t plen[SX_DEPTH];
    int stack_line[SX_DEPTH], stack_col[SX_DEPTH];
    char root[32];
    int root_line, root_col;
    char *root_ns; /* namespace of the root element (malloc'd), NULL when none */
    int depth;
    int beyond; /* open elements past SX_DEPTH or past the path buffer */
    omv__buf text;
    int text_line, text_col;
    int pixel;        /* <nodes coordinatesType="pixel"> (or anything but "geographical") */
    int geographical; /* <nodes coordinatesType="geographical"> */
    int nodes_line, nodes_col; /* of <nodes>, for the header; 0 before any */
    int links_line, demands_line;
    /* the link or demand being read */
    char id[256], src[256], dst[256];
    int id_line, id_col, val_line, val_col;
    int have_src, have_dst, have_value;
    slink link;
    double value, mod_cap, mod_cost;
    int have_mod_cap, have_mod_cost;
} sxml;

static void sx_on_error(void *arg, xmlErrorPtr e)
{
    sxml *x = arg;
    if (!e || x->xerr.set || e->level < XML_ERR_ERROR)
        return;
    x->xerr.set = 1;
    x->xerr.line = e->line > 0 ? e->line : 1;
    x->xerr.err_col = e->int2 > 0 ? e->int2 : 1;
    snprintf(x->xerr.msg, sizeof(x->xerr.msg), "%s", e->message ? e->message : "malformed XML");
    size_t n = strlen(x->xerr.msg);
    while (n && isspace((unsigned char)x->xerr.msg[n - 1]))
        x->xerr.msg[--n] = '\0';
}

static int sx_lines(sxml *x)
{
    size_t n = 1;
    for (size_t i = 0; i < x->len; i++)
        n += x->data[i] == '\n';
    x->bol = malloc(n * sizeof(*x->bol));
    if (!x->bol)
        return OMV_NOMEM(x->s.ctx, "line index");
    x->bol[0] = 0;
    x->nlines = 1;
    for (size_t i = 0; i < x->len; i++)
        if (x->data[i] == '\n')
            x->bol[x->nlines++] = i + 1;
    return 0;
}

/* Column (in characters) of offset off on line 'line'. */
static int sx_col(const sxml *x, int line, size_t off)
{
    int col = 1;
    for (size_t i = x->bol[line - 1]; i < off; i++)
        col += ((unsigned char)x->data[i] & 0xC0) != 0x80;
    return col;
}

/* Finds "<qname" on line 'line' (after the previous find when on the same line). Sets the column of
 * the tag, of the attribute attr's value (when attr is given), and of the element's text. Without a
 * match everything is column 1. */
static void sx_find(sxml *x, int line, const char *qname, const char *attr, int *tag_col, int *attr_col,
                    int *text_col)
{
    *tag_col = 1;
    if (attr_col)
        *attr_col = 1;
    if (text_col)
        *text_col = 1;
    if (line < 1 || (size_t)line > x->nlines)
        return;
    size_t start = x->bol[line - 1];
    size_t end = (size_t)line < x->nlines ? x->bol[line] : x->len;
    if (x->cursor > start && x->cursor < end)
        start = x->cursor;
    size_t ql = strlen(qname);
    for (size_t i = start; i + ql + 1 <= end; i++) {
        if (x->data[i] != '<' || memcmp(x->data + i + 1, qname, ql) != 0)
            continue;
        char c = i + 1 + ql < x->len ? x->data[i + 1 + ql] : '>';
        if (!isspace((unsigned char)c) && c != '>' && c != '/')
            continue;
        x->cursor = i + 1;
        *tag_col = sx_col(x, line, i);
        size_t j = i + 1 + ql;
        char quote = 0;
        for (; j < end && (quote || x->data[j] != '>'); j++) {
            char d = x->data[j];
            if (quote) {
                quote = d == quote ? 0 : quote;
            } else if (d == '"' || d == '\'') {
                quote = d;
                size_t al = attr ? strlen(attr) : 0;
                /* attr="value": the name ends just before '=' (blanks allowed around it). */
                size_t k = j;
                while (k > i && (x->data[k - 1] == '=' || isspace((unsigned char)x->data[k - 1])))
                    k--;
                if (attr && attr_col && k > al && memcmp(x->data + k - al, attr, al) == 0 &&
                    isspace((unsigned char)x->data[k - al - 1]))
                    *attr_col = sx_col(x, line, j + 1);
            }
        }
        if (text_col && j < end) {
            size_t k = j + 1;
            while (k < end && isspace((unsigned char)x->data[k]))
                k++;
            *text_col = sx_col(x, line, k);
        }
        return;
    }
}

static int sx_line(sxml *x)
{
    xmlNodePtr nd = xmlTextReaderCurrentNode(x->r);
    long ln = nd ? xmlGetLineNo(nd) : -1;
    return ln > 0 && ln < INT_MAX ? (int)ln : 1;
}

/* True when the open elements end with the given names (innermost last). */
/* True when the open elements are exactly path (local names, from the root). */
static int sx_at(const sxml *x, const char *path)
{
    return !x->beyond && strcmp(x->path, path) == 0;
}

static void sx_push(sxml *x, const char *local, int line, int col)
{
    size_t len = strlen(x->path), add = strlen(local) + (len ? 1 : 0);
    if (x->beyond || x->depth >= SX_DEPTH || len + add >= sizeof(x->path)) {
        x->beyond++;
        return;
    }
    x->plen[x->depth] = len;
    x->stack_line[x->depth] = line;
    x->stack_col[x->depth] = col;
    snprintf(x->path + len, sizeof(x->path) - len, "%s%s", len ? "/" : "", local);
    x->depth++;
}

static void sx_pop(sxml *x)
{
    if (x->beyond) {
        x->beyond--;
    } else if (x->depth > 0) {
        x->depth--;
        x->path[x->plen[x->depth]] = '\0';
    }
}

static int sx_copy(sxml *x, char *dst, size_t dstsz, const char *src, int line, int col, const char *what)
{
    if (strlen(src) >= dstsz)
        return serr(&x->s, line, col, "%s longer than %zu characters", what, dstsz - 1);
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

/* Trimmed text of the element that just ended. */
static const char *sx_text(sxml *x)
{
    char *s = x->text.s ? x->text.s : (char *)"";
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static int sx_start(sxml *x)
{
    const char *qname = (const char *)xmlTextReaderConstName(x->r);
    const char *local = (const char *)xmlTextReaderConstLocalName(x->r);
    int line = sx_line(x);
    int tag_col, id_col, text_col;
    sx_find(x, line, qname ? qname : "", "id", &tag_col, &id_col, &text_col);
    if (!local)
        local = "";
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(x->r);
    if (x->depth == 0 && !x->beyond) {
        if (strcmp(local, "network") != 0)
            return serr(&x->s, line, tag_col,
                        "not an SNDlib network file: the root element is <%s>, not <network>",
                        qname ? qname : "?");
        if (ns && strcmp(ns, SNDLIB_NS) != 0)
            return serr(&x->s, line, tag_col,
                        "not an SNDlib network file: <%s> is in the namespace '%.200s', not '%s'",
                        qname ? qname : local, ns, SNDLIB_NS);
        snprintf(x->root, sizeof(x->root), "%s", qname ? qname : local);
        x->root_line = line;
        x->root_col = tag_col;
        if (ns && !(x->root_ns = strdup(ns)))
            return OMV_NOMEM(x->s.ctx, "XML namespace");
    } else if ((ns == NULL) != (x->root_ns == NULL) || (ns && strcmp(ns, x->root_ns) != 0)) {
        /* An element of another vocabulary is not SNDlib's, whatever its name: none of its content
         * is read. */
        local = "(foreign)";
    }
    sx_push(x, local, line, tag_col);
    omv__buf_free(&x->text);
    omv__buf_init(&x->text);
    x->text_line = line;
    x->text_col = text_col;
    int rc = 0;
    char *id = NULL;
    if (sx_at(x, P_NODES)) {
        char *ct = (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)"coordinatesType");
        x->pixel = ct && strcmp(ct, "geographical") != 0;
        x->geographical = ct && !x->pixel;
        xmlFree(ct);
        if (!x->nodes_line) {
            x->nodes_line = line;
            x->nodes_col = tag_col;
        }
    } else if (sx_at(x, P_PATHS)) {
        if (!x->s.paths_line) {
            x->s.paths_line = line;
            x->s.paths_col = tag_col;
        }
    } else if (sx_at(x, P_LINKS)) {
        x->links_line = line;
    } else if (sx_at(x, P_DEMANDS)) {
        x->demands_line = line;
    } else if (sx_at(x, P_NODE) || sx_at(x, P_LINK) || sx_at(x, P_DEMAND)) {
        id = (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)"id");
        if (!id) {
            rc = serr(&x->s, line, tag_col, "<%s> without an id attribute", local);
            goto cleanup;
        }
        if ((rc = snd_check_text(&x->s, id, line, id_col, "this id")))
            goto cleanup;
        if (sx_at(x, P_NODE)) {
            rc = snd_add_node(&x->s, id, line, id_col);
        } else {
            if ((rc = sx_copy(x, x->id, sizeof(x->id), id, line, id_col, "id")))
                goto cleanup;
            x->id_line = line;
            x->id_col = id_col;
            x->have_src = x->have_dst = x->have_value = 0;
            omv__buf_free(&x->link.modules);
            memset(&x->link, 0, sizeof(x->link));
            omv__buf_init(&x->link.modules);
        }
    } else if (sx_at(x, P_MODULE)) {
        x->have_mod_cap = x->have_mod_cost = 0;
    }
cleanup:
    xmlFree(id);
    return rc;
}

/* A link's or demand's end node: must be a node read before (SNDlib lists the nodes first). */
static int sx_end_node(sxml *x, int is_src)
{
    const char *v = sx_text(x);
    const char *owner = sx_at(x, P_LINK_SRC) || sx_at(x, P_LINK_DST) ? "link" : "demand";
    if (!v[0])
        return serr(&x->s, x->text_line, x->text_col, "%s '%s' has an empty <%s>", owner, x->id,
                    is_src ? "source" : "target");
    if (omv__strmap_get(&x->s.ids, v) < 0)
        return serr(&x->s, x->text_line, x->text_col, "unknown node '%s' as %s of %s '%s'", v,
                    is_src ? "source" : "target", owner, x->id);
    int rc = sx_copy(x, is_src ? x->src : x->dst, sizeof(x->src), v, x->text_line, x->text_col, "node id");
    if (rc)
        return rc;
    if (is_src)
        x->have_src = 1;
    else
        x->have_dst = 1;
    return 0;
}

static int sx_value(sxml *x, const char *what, int nonneg, double *out)
{
    const char *v = sx_text(x);
    return snd_num(&x->s, v, x->text_line, x->text_col, what, nonneg, out);
}

static int sx_end(sxml *x)
{
    int rc = 0;
    if (x->depth == 0 && !x->beyond)
        return 0;
    int line = x->depth > 0 ? x->stack_line[x->depth - 1] : 1;
    int col = x->depth > 0 ? x->stack_col[x->depth - 1] : 1;
    if (x->text.failed)
        return OMV_NOMEM(x->s.ctx, "XML text");
    if (sx_at(x, P_UNIT)) {
        rc = snd_unit(&x->s, sx_text(x), x->text_line, x->text_col);
    } else if (sx_at(x, P_X) || sx_at(x, P_Y)) {
        rc = snd_set_coord(&x->s, sx_at(x, P_Y), sx_text(x), x->text_line, x->text_col);
    } else if (sx_at(x, P_NODES)) {
        rc = snd_emit_nodes(&x->s, x->nodes_line, x->nodes_col, x->pixel, x->geographical);
    } else if (sx_at(x, P_LINK_SRC) || sx_at(x, P_DEM_SRC)) {
        rc = sx_end_node(x, 1);
    } else if (sx_at(x, P_LINK_DST) || sx_at(x, P_DEM_DST)) {
        rc = sx_end_node(x, 0);
    } else if (sx_at(x, P_PRE_CAP)) {
        rc = sx_value(x, "preInstalledModule capacity", 1, &x->link.cap);
        x->link.has_cap = 1;
    } else if (sx_at(x, P_PRE_COST)) {
        rc = sx_value(x, "preInstalledModule cost", 1, &x->link.cap_cost);
    } else if (sx_at(x, P_ROUTING)) {
        rc = sx_value(x, "routingCost", 1, &x->link.routing);
    } else if (sx_at(x, P_SETUP)) {
        rc = sx_value(x, "setupCost", 1, &x->link.setup);
    } else if (sx_at(x, P_MOD_CAP)) {
        rc = sx_value(x, "addModule capacity", 1, &x->mod_cap);
        x->have_mod_cap = 1;
    } else if (sx_at(x, P_MOD_COST)) {
        rc = sx_value(x, "addModule cost", 1, &x->mod_cost);
        x->have_mod_cost = 1;
    } else if (sx_at(x, P_MODULE)) {
        if (!x->have_mod_cap || !x->have_mod_cost)
            rc = serr(&x->s, line, col, "<addModule> of link '%s' needs a <capacity> and a <cost>", x->id);
        else
            rc = snd_add_module(&x->s, &x->link, x->mod_cap, x->mod_cost);
    } else if (sx_at(x, P_DEM_VALUE)) {
        rc = sx_value(x, "demandValue", 1, &x->value);
        x->have_value = 1;
        x->val_line = x->text_line;
        x->val_col = x->text_col;
    } else if (sx_at(x, P_LINK) || sx_at(x, P_DEMAND)) {
        int is_link = sx_at(x, P_LINK);
        if (!x->have_src || !x->have_dst)
            rc = serr(&x->s, x->id_line, x->id_col, "%s '%s' needs a <source> and a <target>",
                      is_link ? "link" : "demand", x->id);
        else if (!is_link && !x->have_value)
            rc = serr(&x->s, x->id_line, x->id_col, "demand '%s' has no <demandValue>", x->id);
        else if (is_link) {
            /* The builder knows one line per row: the ends (on their own lines) are placed at the id. */
            x->link.id = x->id;
            x->link.src = x->src;
            x->link.dst = x->dst;
            x->link.line = x->id_line;
            x->link.col = x->link.scol = x->link.dcol = x->id_col;
            rc = snd_emit_link(&x->s, &x->link, x->links_line);
        } else {
            rc = snd_emit_demand(&x->s, x->id_line, x->src, x->id_col, x->dst, x->id_col, x->value,
                                 x->val_line == x->id_line ? x->val_col : x->id_col, x->demands_line);
        }
    }
    sx_pop(x);
    omv__buf_free(&x->text);
    omv__buf_init(&x->text);
    return rc;
}

static int sx_fail(sxml *x)
{
    int blank = 1;
    for (size_t i = 0; i < x->len && blank; i++)
        blank = isspace((unsigned char)x->data[i]);
    if (blank)
        return serr(&x->s, 1, 1, "empty file: expected an SNDlib XML network");
    int line = x->xerr.set ? x->xerr.line : xmlTextReaderGetParserLineNumber(x->r);
    int col = x->xerr.set ? x->xerr.err_col : 1;
    if (line < 1)
        line = 1;
    int last = (int)x->nlines - (x->len && x->data[x->len - 1] == '\n');
    if (x->depth > 0 && line >= last)
        return serr(&x->s, line, col,
                    "unexpected end of file: the document is cut short (<%s> opened at line %d "
                    "is never closed)",
                    x->root, x->stack_line[0]);
    return serr(&x->s, line, col, "malformed XML: %s", x->xerr.set ? x->xerr.msg : "unreadable");
}

/* Offset of a DOCTYPE before the root element, or -1: refused, so no DTD is read, no entity expanded. */
static long sx_doctype(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (;;) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        const char *end = NULL;
        if (i + 2 <= n && !memcmp(s + i, "<?", 2))
            end = strstr(s + i, "?>");
        else if (i + 4 <= n && !memcmp(s + i, "<!--", 4))
            end = strstr(s + i, "-->");
        else
            return i + 9 <= n && !memcmp(s + i, "<!DOCTYPE", 9) ? (long)i : -1;
        if (!end)
            return -1;
        i = (size_t)(end - s) + 2;
    }
}

int omv__load_sndlib_xml(omv__builder *b, const char *path)
{
    sxml x;
    memset(&x, 0, sizeof(x));
    snd_init(&x.s, b, path);
    omv__buf_init(&x.text);
    omv__buf_init(&x.link.modules);
    char *data = NULL;
    int rc = omv__builder_file(b, path);
    if (rc < 0)
        goto cleanup;
    x.s.file = rc;
    if ((rc = omv__read_file(x.s.ctx, path, &data, &x.len)))
        goto cleanup;
    x.data = data;
    if (x.len > INT_MAX) {
        rc = serr(&x.s, 1, 1, "file too large for the XML reader");
        goto cleanup;
    }
    if ((rc = sx_lines(&x)))
        goto cleanup;
    long dt = sx_doctype(data, x.len);
    if (dt >= 0) {
        int line = 1;
        while ((size_t)line < x.nlines && x.bol[line] <= (size_t)dt)
            line++;
        rc = serr(&x.s, line, sx_col(&x, line, (size_t)dt),
                  "DOCTYPE declarations are not accepted (no DTD is read and no entity expanded)");
        goto cleanup;
    }
    xmlInitParser();
    /* No XML_PARSE_NOENT (no entity substitution), no DTD loading, no network. */
    x.r = xmlReaderForMemory(data, (int)x.len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!x.r) {
        rc = OMV_NOMEM(x.s.ctx, "XML reader");
        goto cleanup;
    }
    xmlTextReaderSetStructuredErrorHandler(x.r, sx_on_error, &x);
    int rd;
    while ((rd = xmlTextReaderRead(x.r)) == 1 && !x.xerr.set) {
        int type = xmlTextReaderNodeType(x.r);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(x.r) == 1;
            rc = sx_start(&x);
            if (!rc && empty)
                rc = sx_end(&x);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            rc = sx_end(&x);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const char *v = (const char *)xmlTextReaderConstValue(x.r);
            omv__buf_puts(&x.text, v ? v : "");
        } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            rc = serr(&x.s, sx_line(&x), 1, "entity references are not accepted");
        }
        if (rc)
            goto cleanup;
    }
    if (rd < 0 || x.xerr.set) {
        rc = sx_fail(&x);
        goto cleanup;
    }
    if (x.nodes_line)
        rc = snd_finish(&x.s, x.nodes_line, x.nodes_col, "<nodes> is empty");
    else if (x.root_line)
        rc = snd_finish(&x.s, x.root_line, x.root_col, "no <networkStructure> with <nodes>");
    else
        rc = snd_finish(&x.s, 1, 1, "no <network> element");
cleanup:
    free(x.root_ns);
    if (x.r)
        xmlFreeTextReader(x.r);
    omv__buf_free(&x.text);
    omv__buf_free(&x.link.modules);
    free(x.bol);
    snd_free(&x.s);
    free(data);
    return rc < 0 ? rc : 0;
}
