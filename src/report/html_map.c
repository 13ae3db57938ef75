/*
 * html_map.c — the map of report.html: an inline SVG of the network projected with PROJ to UTM zone
 * 33N (EPSG:25833, the projection of Norwegian national mapping), over the Natural Earth coastlines
 * of data/geo. Links are styled by role (bridges, link pairs, shared-risk groups that cut) and by
 * the residents their failure cuts off; sites by their number of disjoint paths to the core. The
 * worst single points of failure carry their rank, the investments of plan_map.geojson are drawn
 * dashed, and both are labelled by the greedy placer of html_labels.c, which drops a label rather
 * than overlap another. A second form colours every link by its worst-case utilisation
 * (reroute.json).
 *
 * The view is the extent of the network's own geometry; coastline rings outside it are skipped and
 * points closer than a pixel to the previous one dropped, so the page stays small.
 */
#include "report/html.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

#ifndef OMV_GEO_DIR
#define OMV_GEO_DIR "data/geo"
#endif
#ifndef OMV_GEO_INSTALL_DIR
#define OMV_GEO_INSTALL_DIR "data/geo"
#endif

#define MAP_W 900.0 /* largest width and height in pixels */
#define MAP_H 1250.0
#define PAD 24.0
#define MAX_LINKS 20000 /* beyond this, links that cut off no one are not drawn */
#define MAX_NODES 5000  /* beyond this, only core nodes and sites one cut away are drawn */
#define SPOF_MARKERS 10
#define COAST_FILE "nordic-countries-50m.geojson"

typedef struct {
    PJ_CONTEXT *pc;
    PJ *pj;
    double minx, miny, maxx, maxy; /* projected extent of the network */
    double s, w, h;                /* pixels per metre, drawing size */
} view;

static bool project(const view *v, json_t *pos, double *x, double *y)
{
    if (!json_is_array(pos) || json_array_size(pos) < 2)
        return false;
    double lon = json_number_value(json_array_get(pos, 0)), lat = json_number_value(json_array_get(pos, 1));
    if (!json_is_number(json_array_get(pos, 0)) || !json_is_number(json_array_get(pos, 1)) || fabs(lat) > 90 ||
        fabs(lon) > 180)
        return false;
    PJ_COORD c = proj_trans(v->pj, PJ_FWD, proj_coord(lon, lat, 0, 0));
    if (!isfinite(c.xy.x) || !isfinite(c.xy.y) || fabs(c.xy.x) > 1e8)
        return false;
    *x = c.xy.x;
    *y = c.xy.y;
    return true;
}

static double px(const view *v, double x)
{
    return PAD + (x - v->minx) * v->s;
}

static double py(const view *v, double y)
{
    return PAD + (v->maxy - y) * v->s;
}

/* Pixel position of a GeoJSON position; false when it cannot be projected. */
static bool pix(const view *v, json_t *pos, double *X, double *Y)
{
    double x, y;
    if (!project(v, pos, &x, &y))
        return false;
    *X = px(v, x);
    *Y = py(v, y);
    return true;
}

static const char *geom_type(json_t *ft)
{
    const char *t = omv__json_s(json_object_get(ft, "geometry"), "type");
    return t ? t : "";
}

static json_t *coords(json_t *ft)
{
    return omv__json_a(json_object_get(ft, "geometry"), "coordinates");
}

static void extend(view *v, json_t *pos)
{
    double x, y;
    if (!project(v, pos, &x, &y))
        return;
    v->minx = fmin(v->minx, x), v->maxx = fmax(v->maxx, x);
    v->miny = fmin(v->miny, y), v->maxy = fmax(v->maxy, y);
}

/* ---- coastlines ---------------------------------------------------------------------------- */

static json_t *load_coast(void)
{
    const char *dirs[] = {getenv("OMVEI_GEO"), OMV_GEO_DIR, OMV_GEO_INSTALL_DIR};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        if (!dirs[i] || !dirs[i][0])
            continue;
        char *p = omv__path_join(dirs[i], COAST_FILE);
        json_t *j = p && omv__file_exists(p) ? json_load_file(p, 0, NULL) : NULL;
        free(p);
        if (j)
            return j;
    }
    return NULL;
}

static void ring_path(omv__buf *b, const view *v, json_t *ring)
{
    size_t n = json_array_size(ring);
    double bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY, by1 = -INFINITY;
    /* first the ring's box, to skip rings out of view */
    for (size_t i = 0; i < n; i++) {
        double X, Y;
        if (!pix(v, json_array_get(ring, i), &X, &Y))
            continue;
        bx0 = fmin(bx0, X), bx1 = fmax(bx1, X), by0 = fmin(by0, Y), by1 = fmax(by1, Y);
    }
    if (!(bx1 >= 0 && bx0 <= v->w && by1 >= 0 && by0 <= v->h) || (bx1 - bx0 < 1.5 && by1 - by0 < 1.5))
        return;
    double lx = NAN, ly = NAN;
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        double X, Y;
        if (!pix(v, json_array_get(ring, i), &X, &Y))
            continue;
        if (k && fabs(X - lx) < 1 && fabs(Y - ly) < 1 && i + 1 < n)
            continue;
        omv__buf_printf(b, "%c%.1f %.1f", k++ ? 'L' : 'M', X, Y);
        lx = X, ly = Y;
    }
    if (k)
        omv__buf_puts(b, "Z");
}

static void coastlines(omv__buf *b, const view *v, json_t *coast)
{
    json_t *ft;
    size_t i;
    json_array_foreach(omv__json_a(coast, "features"), i, ft)
    {
        const char *t = geom_type(ft);
        json_t *c = coords(ft), *poly, *ring;
        size_t k, r;
        omv__buf_puts(b, "<path class=\"land\" d=\"");
        if (!strcmp(t, "Polygon"))
            json_array_foreach(c, r, ring) ring_path(b, v, ring);
        else if (!strcmp(t, "MultiPolygon"))
            json_array_foreach(c, k, poly) json_array_foreach(poly, r, ring) ring_path(b, v, ring);
        omv__buf_puts(b, "\"><title>");
        omv__html_esc(b, omv__json_s(json_object_get(ft, "properties"), "name"));
        omv__buf_puts(b, "</title></path>\n");
    }
}

/* ---- network ------------------------------------------------------------------------------- */

typedef struct {
    const char *color, *dash;
    double width;
    int layer; /* drawing order: 0 below */
} style;

static style role_style(const char *role)
{
    if (!role)
        return (style){"#8a99a8", NULL, 1.0, 0};
    if (!strcmp(role, "bridge"))
        return (style){"#c0392b", NULL, 2.6, 4};
    if (!strcmp(role, "articulation_point"))
        return (style){"#d35400", NULL, 2.0, 3};
    if (!strcmp(role, "srlg_cut"))
        return (style){"#8e44ad", "5 3", 1.8, 2};
    if (!strcmp(role, "cut_pair"))
        return (style){"#e08a00", NULL, 1.5, 1};
    return (style){"#8a99a8", NULL, 1.0, 0};
}

static const char *util_color(double u)
{
    if (!isfinite(u))
        return "#b8c2cc";
    if (u >= 1)
        return "#c0392b";
    if (u >= 0.8)
        return "#e67e22";
    if (u >= 0.5)
        return "#f1c40f";
    return "#2e8b57";
}

static void line_path(omv__buf *b, const view *v, json_t *line)
{
    size_t n = json_array_size(line), k = 0;
    for (size_t i = 0; i < n; i++) {
        double X, Y;
        if (pix(v, json_array_get(line, i), &X, &Y))
            omv__buf_printf(b, "%c%.1f %.1f", k++ ? 'L' : 'M', X, Y);
    }
}

/* The middle of a line in pixels (its middle vertex, or the middle of its middle segment). */
static bool line_mid(const view *v, json_t *line, double *X, double *Y)
{
    size_t n = json_array_size(line);
    if (n == 0)
        return false;
    double x0, y0, x1, y1;
    if (!pix(v, json_array_get(line, (n - 1) / 2), &x0, &y0))
        return false;
    if (n % 2 == 0 && pix(v, json_array_get(line, n / 2), &x1, &y1))
        x0 = (x0 + x1) / 2, y0 = (y0 + y1) / 2;
    *X = x0;
    *Y = y0;
    return true;
}

static void link_title(omv__buf *b, const omv__html_folder *f, json_t *pr, json_t *util)
{
    omv__buf_puts(b, "<title>");
    omv__html_esc(b, omv__json_s(pr, "id"));
    omv__buf_puts(b, ": ");
    omv__html_esc(b, omv__html_name(f, omv__json_s(pr, "a")));
    omv__buf_puts(b, " \xE2\x80\x93 ");
    omv__html_esc(b, omv__html_name(f, omv__json_s(pr, "b")));
    if (omv__json_s(pr, "medium")) {
        omv__buf_puts(b, ", ");
        omv__html_esc(b, omv__json_s(pr, "medium"));
    }
    if (util) {
        omv__buf_printf(b, "; worst-case utilisation %.0f %%", 100 * omv__json_d(util, "utilisation_worst", NAN));
    } else {
        double imp = omv__json_d(pr, "impact_population", 0);
        if (omv__json_s(pr, "role")) {
            omv__buf_puts(b, "; ");
            omv__html_esc(b, omv__json_s(pr, "role"));
        }
        if (imp > 0) {
            omv__buf_puts(b, "; its failure cuts off ");
            omv__html_int(b, imp);
            omv__buf_puts(b, " residents");
        }
    }
    omv__buf_puts(b, "</title>");
}

static void links(omv__buf *b, const view *v, const omv__html_folder *f, json_t *base, json_t *util_by_id,
                  bool reroute, size_t nlinks)
{
    double maximp = 1;
    json_t *ft;
    size_t i;
    json_array_foreach(omv__json_a(base, "features"), i, ft)
        maximp = fmax(maximp, omv__json_d(json_object_get(ft, "properties"), "impact_population", 0));
    for (int layer = 0; layer <= 4; layer++) {
        json_array_foreach(omv__json_a(base, "features"), i, ft)
        {
            if (strcmp(geom_type(ft), "LineString"))
                continue;
            json_t *pr = json_object_get(ft, "properties");
            const char *role = omv__json_s(pr, "role");
            if (role && !strcmp(role, "candidate"))
                continue; /* not built */
            json_t *util = reroute ? json_object_get(util_by_id, omv__json_s(pr, "id") ? omv__json_s(pr, "id") : "")
                                   : NULL;
            style st = role_style(role);
            const char *color = st.color, *dash = st.dash;
            double width = st.width, imp = omv__json_d(pr, "impact_population", 0);
            if (reroute) {
                double u = omv__json_d(util, "utilisation_worst", NAN);
                st.layer = !isfinite(u) ? 0 : u >= 1 ? 4 : u >= 0.8 ? 3 : u >= 0.5 ? 2 : 1;
                color = util_color(u);
                dash = NULL;
                width = isfinite(u) ? 1.2 + 2.5 * fmin(u, 1.5) : 0.8;
            } else {
                if (st.layer == 0 && nlinks > MAX_LINKS)
                    continue;
                if (imp > 0)
                    width += 2.5 * sqrt(imp / maximp);
            }
            if (st.layer != layer)
                continue;
            omv__buf_printf(b, "<path d=\"");
            line_path(b, v, coords(ft));
            omv__buf_printf(b, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s stroke-linecap=\"round\">",
                            color, width, dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
            link_title(b, f, pr, util);
            omv__buf_puts(b, "</path>\n");
        }
    }
}

static const char *lambda_color(json_t *pr)
{
    json_t *l = json_object_get(pr, "lambda");
    if (!json_is_integer(l))
        return "#95a5a6";
    json_int_t v = json_integer_value(l);
    return v <= 0 ? "#2c3e50" : v == 1 ? "#c0392b" : v == 2 ? "#f39c12" : "#27ae60";
}

static bool is_core(const char *kind)
{
    return kind && (!strcmp(kind, "core") || !strcmp(kind, "ixp"));
}

static void nodes(omv__buf *b, const view *v, json_t *base, omv__labels *L, size_t nnodes)
{
    json_t *ft;
    size_t i;
    json_array_foreach(omv__json_a(base, "features"), i, ft)
    {
        if (strcmp(geom_type(ft), "Point"))
            continue;
        json_t *pr = json_object_get(ft, "properties");
        const char *kind = omv__json_s(pr, "kind"), *role = omv__json_s(pr, "role");
        if ((kind && !strcmp(kind, "waypoint")) || (role && !strcmp(role, "investment")))
            continue;
        /* A large network shows its core and the sites one cut away (or cut off) only. */
        json_t *lam = json_object_get(pr, "lambda");
        if (nnodes > MAX_NODES && !is_core(kind) && !(json_is_integer(lam) && json_integer_value(lam) <= 1))
            continue;
        double X, Y;
        if (!pix(v, coords(ft), &X, &Y))
            continue;
        if (is_core(kind) || (role && !strcmp(role, "core"))) {
            omv__buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#111\" stroke=\"#fff\" "
                               "stroke-width=\"0.8\">",
                            X - 3.5, Y - 3.5);
            omv__labels_block(L, X - 4, Y - 4, X + 4, Y + 4);
        } else
            omv__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.8\" fill=\"%s\" stroke=\"#fff\" "
                               "stroke-width=\"0.6\">",
                            X, Y, lambda_color(pr));
        omv__buf_puts(b, "<title>");
        omv__html_esc(b, omv__json_s(pr, "name") ? omv__json_s(pr, "name") : omv__json_s(pr, "id"));
        omv__buf_puts(b, " (");
        omv__html_esc(b, omv__json_s(pr, "id"));
        omv__buf_puts(b, ", ");
        omv__html_esc(b, kind ? kind : role);
        double pop = omv__json_d(pr, "population", 0);
        if (pop > 0) {
            omv__buf_puts(b, ", ");
            omv__html_int(b, pop);
            omv__buf_puts(b, " residents");
        }
        if (json_is_integer(json_object_get(pr, "lambda")))
            omv__buf_printf(b, ", %lld disjoint path(s) to the core",
                            (long long)json_integer_value(json_object_get(pr, "lambda")));
        omv__buf_puts(b, ")</title>");
        omv__buf_puts(b, is_core(kind) || (role && !strcmp(role, "core")) ? "</rect>\n" : "</circle>\n");
    }
}

/* A label of text beside (X, Y), placed or dropped. */
static void label(omv__buf *b, omv__labels *L, double X, double Y, double r, const char *text, size_t max,
                  const char *cls)
{
    size_t n = omv__html_utf8_len(text);
    if (n > max)
        n = max + 1;
    double tx, ty;
    const char *anchor;
    if (!omv__labels_place(L, X, Y, r, n, 11, &tx, &ty, &anchor))
        return;
    omv__buf_printf(b, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", cls, tx, ty, anchor);
    omv__html_esc_cut(b, text, max);
    omv__buf_puts(b, "</text>\n");
}

typedef struct {
    double x, y;
    json_t *item;
    size_t rank;
} marker;

static const char *str_or_empty(json_t *s)
{
    return json_is_string(s) ? json_string_value(s) : "";
}

/* The top single points of failure and where to mark them. */
static size_t spof_markers(const view *v, const omv__html_folder *f, json_t *link_by_id, json_t *node_by_id,
                           marker *m)
{
    size_t n = 0, i;
    json_t *it;
    json_array_foreach(omv__json_a(f->spof, "items"), i, it)
    {
        if (n == SPOF_MARKERS)
            break;
        json_t *links = omv__json_a(it, "links"), *nds = omv__json_a(it, "nodes");
        const char *kind = omv__json_s(it, "kind");
        if (kind && !strcmp(kind, "power_outage"))
            continue;
        double X, Y;
        bool ok = false;
        if (json_array_size(links)) {
            json_t *ft = json_object_get(link_by_id, str_or_empty(json_array_get(links, 0)));
            ok = ft && line_mid(v, coords(ft), &X, &Y);
        } else if (json_array_size(nds)) {
            json_t *ft = json_object_get(node_by_id, str_or_empty(json_array_get(nds, 0)));
            ok = ft && pix(v, coords(ft), &X, &Y);
        }
        if (!ok)
            continue;
        /* Failures at the same place (two pairs sharing a link) get markers side by side. */
        for (size_t k = 0; k < n; k++)
            if (fabs(m[k].x - X) < 15 && fabs(m[k].y - Y) < 15)
                X = m[k].x + 16, Y = m[k].y, k = (size_t)-1;
        m[n++] = (marker){X, Y, it, (size_t)omv__json_d(it, "rank", (double)i + 1)};
    }
    return n;
}

/* Names of the sites of the region with a single path to the core, most residents first. */
static void label_one_path_sites(omv__buf *b, const view *v, json_t *base, omv__labels *L)
{
    json_t *feat = omv__json_a(base, "features");
    size_t n = json_array_size(feat), done = 0;
    bool *used = calloc(n + 1, 1);
    if (!used)
        return;
    while (done < 16) {
        json_t *best = NULL;
        size_t bi = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *ft = json_array_get(feat, i), *pr = json_object_get(ft, "properties");
            json_t *l = json_object_get(pr, "lambda");
            if (used[i] || strcmp(geom_type(ft), "Point") || !json_is_integer(l) || json_integer_value(l) != 1 ||
                json_is_false(json_object_get(pr, "in_region")))
                continue;
            if (!best || omv__json_d(pr, "population", 0) >
                             omv__json_d(json_object_get(best, "properties"), "population", 0))
                best = ft, bi = i;
        }
        if (!best)
            break;
        used[bi] = true;
        done++;
        json_t *pr = json_object_get(best, "properties");
        const char *name = omv__json_s(pr, "name") ? omv__json_s(pr, "name") : omv__json_s(pr, "id");
        double X, Y;
        if (name && pix(v, coords(best), &X, &Y))
            label(b, L, X, Y, 5, name, 24, "one");
    }
    free(used);
}

typedef struct {
    const char *kind, *color, *dash, *text;
} legend_row;

static void legend(omv__buf *b, bool reroute, bool has_spof, bool has_inv, bool coast, omv__labels *L)
{
    legend_row rows[16];
    int n = 0;
    if (reroute) {
        rows[n++] = (legend_row){"line", "#2e8b57", NULL, "below 50 % under its worst failure"};
        rows[n++] = (legend_row){"line", "#f1c40f", NULL, "50\xE2\x80\x93" "80 %"};
        rows[n++] = (legend_row){"line", "#e67e22", NULL, "80\xE2\x80\x93" "100 %"};
        rows[n++] = (legend_row){"line", "#c0392b", NULL, "overloaded (100 % or more)"};
        rows[n++] = (legend_row){"line", "#b8c2cc", NULL, "no rerouting data"};
    } else {
        if (has_spof) {
            rows[n++] = (legend_row){"line", "#c0392b", NULL, "link whose failure cuts off sites"};
            rows[n++] = (legend_row){"line", "#e08a00", NULL, "link of a pair that cuts off sites"};
            rows[n++] = (legend_row){"line", "#8e44ad", "5 3", "shared-risk group that cuts off sites"};
        }
        rows[n++] = (legend_row){"line", "#8a99a8", NULL, "other link"};
        if (has_inv)
            rows[n++] = (legend_row){"line", "#1a7f37", "7 4", "investment (new link, terminal, power)"};
        if (has_spof) {
            rows[n++] = (legend_row){"dot", "#c0392b", NULL, "site with one path to the core"};
            rows[n++] = (legend_row){"dot", "#f39c12", NULL, "site with two paths"};
            rows[n++] = (legend_row){"dot", "#27ae60", NULL, "site with three or more"};
            rows[n++] = (legend_row){"dot", "#2c3e50", NULL, "site with no path (cut off already)"};
            rows[n++] = (legend_row){"rank", "#c0392b", NULL, "rank of a single point of failure"};
        }
        rows[n++] = (legend_row){"core", "#111", NULL, "core node"};
    }
    double w = 252, h = 26 + 17.0 * n;
    omv__buf_printf(b, "<g class=\"legend\"><rect x=\"8\" y=\"8\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" "
                       "fill-opacity=\"0.92\" stroke=\"#bbb\"/><text x=\"16\" y=\"25\" font-weight=\"bold\">%s</text>\n",
                    w, h, reroute ? "Link utilisation, worst failure" : "Legend");
    for (int i = 0; i < n; i++) {
        double y = 42 + 17.0 * i;
        if (!strcmp(rows[i].kind, "line"))
            omv__buf_printf(b, "<line x1=\"16\" y1=\"%.0f\" x2=\"40\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"3\"%s%s%s/>",
                            y - 4, y - 4, rows[i].color, rows[i].dash ? " stroke-dasharray=\"" : "",
                            rows[i].dash ? rows[i].dash : "", rows[i].dash ? "\"" : "");
        else if (!strcmp(rows[i].kind, "dot"))
            omv__buf_printf(b, "<circle cx=\"28\" cy=\"%.0f\" r=\"3.5\" fill=\"%s\"/>", y - 4, rows[i].color);
        else if (!strcmp(rows[i].kind, "rank"))
            omv__buf_printf(b, "<circle cx=\"28\" cy=\"%.0f\" r=\"7\" fill=\"%s\"/><text x=\"28\" y=\"%.0f\" "
                               "class=\"rank\" text-anchor=\"middle\">1</text>",
                            y - 4, rows[i].color, y - 0.5);
        else
            omv__buf_printf(b, "<rect x=\"24.5\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"%s\"/>", y - 7.5, rows[i].color);
        omv__buf_printf(b, "<text x=\"48\" y=\"%.0f\">%s</text>\n", y, rows[i].text);
    }
    omv__buf_puts(b, "</g>\n");
    omv__labels_block(L, 0, 0, w + 14, h + 14);
    (void)coast;
}

static void scale_bar(omv__buf *b, const view *v, omv__labels *L)
{
    double km = 100, len = km * 1000 * v->s;
    if (len < 60)
        km = 500, len = km * 1000 * v->s;
    if (len > 240)
        km = 50, len = km * 1000 * v->s;
    double x1 = v->w - 16, x0 = x1 - len, y = v->h - 14;
    omv__buf_printf(b, "<g class=\"scale\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" "
                       "stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f km (UTM 33N, "
                       "EPSG:25833)</text></g>\n",
                    x0, y, x1, y, (x0 + x1) / 2, y - 6, km);
    omv__labels_block(L, x0 - 90, y - 20, v->w, v->h);
}

void omv__html_map(omv__buf *b, omv_ctx *ctx, const omv__html_folder *f, bool reroute)
{
    json_t *base = f->map ? f->map : f->reroute_map ? f->reroute_map : f->plan_map;
    if (reroute && !f->map && f->reroute_map)
        base = f->reroute_map;
    if (!base)
        return;
    view v = {0};
    json_t *coast = NULL, *link_by_id = json_object(), *node_by_id = json_object(), *util_by_id = json_object();
    omv__labels L;
    omv__labels_init(&L, 0, 0);
    v.pc = proj_context_create();
    v.pj = v.pc ? proj_create_crs_to_crs(v.pc, "EPSG:4326", "EPSG:25833", NULL) : NULL;
    if (v.pj) {
        PJ *norm = proj_normalize_for_visualization(v.pc, v.pj);
        proj_destroy(v.pj);
        v.pj = norm;
    }
    if (!v.pj || !link_by_id || !node_by_id || !util_by_id) {
        omv__buf_puts(b, "<p class=\"note\">The map could not be drawn: PROJ found no transformation from WGS84 to "
                         "UTM 33N (EPSG:25833). Is proj-data installed?</p>\n");
        goto cleanup;
    }
    v.minx = v.miny = INFINITY;
    v.maxx = v.maxy = -INFINITY;
    json_t *ft;
    size_t i, nlinks = 0, nnodes = 0;
    json_array_foreach(omv__json_a(base, "features"), i, ft)
    {
        const char *t = geom_type(ft), *id = omv__json_s(json_object_get(ft, "properties"), "id");
        json_t *c = coords(ft), *pos;
        size_t k;
        if (!strcmp(t, "Point")) {
            extend(&v, c);
            nnodes++;
            if (id)
                json_object_set(node_by_id, id, ft);
        } else if (!strcmp(t, "LineString")) {
            json_array_foreach(c, k, pos) extend(&v, pos);
            if (id)
                json_object_set(link_by_id, id, ft);
            nlinks++;
        }
    }
    if (!(v.maxx > v.minx) && !(v.maxy > v.miny)) {
        omv__buf_puts(b, "<p class=\"note\">No map: the network has no positions (lat/lon).</p>\n");
        goto cleanup;
    }
    double dx = fmax(v.maxx - v.minx, 1000), dy = fmax(v.maxy - v.miny, 1000);
    v.s = fmin((MAP_W - 2 * PAD) / dx, (MAP_H - 2 * PAD) / dy);
    v.w = dx * v.s + 2 * PAD;
    v.h = dy * v.s + 2 * PAD;
    if (v.w < 560) { /* room for the legend beside a tall network */
        double extra = (560 - v.w) / v.s / 2;
        v.minx -= extra;
        v.w = 560;
    }
    omv__labels_init(&L, v.w, v.h);
    json_t *lk;
    json_array_foreach(omv__json_a(f->reroute, "links"), i, lk)
        if (omv__json_s(lk, "id"))
            json_object_set(util_by_id, omv__json_s(lk, "id"), lk);

    omv__buf_printf(b, "<div class=\"mapbox\"><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s%s\" class=\"map\" "
                       "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" "
                       "font-size=\"11\">\n<style>.land{fill:#f3f0e6;stroke:#b9b3a3;stroke-width:0.6}"
                       ".lab{fill:#1d2329;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
                       ".inv{fill:#14632b;paint-order:stroke;stroke:#fff;stroke-width:3px;font-weight:bold}"
                       ".rank{fill:#fff;font-size:9px;font-weight:bold}"
                       ".one{fill:#9b2c20;font-style:italic;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>\n"
                       "<rect width=\"100%%\" height=\"100%%\" fill=\"#e6eff7\"/>\n",
                    f->idp, reroute ? "map-utilisation" : "map-network", v.w, v.h, v.w, v.h);
    coast = load_coast();
    if (coast)
        coastlines(b, &v, coast);
    links(b, &v, f, base, util_by_id, reroute, nlinks);
    legend(b, reroute, f->spof != NULL, f->plan_map != NULL, coast != NULL, &L);
    scale_bar(b, &v, &L);
    /* investments */
    json_t *invs[64];
    size_t ninv = 0;
    if (!reroute)
        json_array_foreach(omv__json_a(f->plan_map, "features"), i, ft)
        {
            json_t *pr = json_object_get(ft, "properties");
            const char *role = omv__json_s(pr, "role");
            if (!role || strcmp(role, "investment"))
                continue;
            double X, Y;
            if (!strcmp(geom_type(ft), "LineString")) {
                omv__buf_puts(b, "<path d=\"");
                line_path(b, &v, coords(ft));
                omv__buf_puts(b, "\" fill=\"none\" stroke=\"#1a7f37\" stroke-width=\"3.2\" stroke-dasharray=\"7 4\">");
            } else if (!strcmp(geom_type(ft), "Point") && pix(&v, coords(ft), &X, &Y)) {
                omv__buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#1a7f37\" stroke=\"#fff\">", X,
                                Y - 7, X + 6, Y + 4, X - 6, Y + 4);
                omv__labels_block(&L, X - 6, Y - 7, X + 6, Y + 4);
            } else
                continue;
            omv__buf_puts(b, "<title>investment ");
            omv__html_esc(b, omv__json_s(pr, "id"));
            omv__buf_puts(b, ": ");
            omv__html_esc(b, omv__json_s(pr, "kind"));
            omv__buf_puts(b, " at ");
            omv__html_esc(b, omv__html_name(f, omv__json_s(pr, "a")));
            omv__buf_puts(b, ", ");
            omv__html_money(b, omv__json_d(pr, "cost_nok", NAN));
            omv__buf_puts(b, "</title></path>\n");
            if (ninv < sizeof(invs) / sizeof(invs[0]))
                invs[ninv++] = ft;
        }
    nodes(b, &v, base, &L, nnodes);
    /* single points of failure: numbered markers first (they block labels), then their labels */
    marker m[SPOF_MARKERS];
    size_t nm = reroute || !f->spof ? 0 : spof_markers(&v, f, link_by_id, node_by_id, m);
    for (size_t k = nm; k-- > 0;) {
        omv__buf_printf(b, "<g><circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"#c0392b\" stroke=\"#fff\" "
                           "stroke-width=\"1.2\"/><text class=\"rank\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu"
                           "</text><title>",
                        m[k].x, m[k].y, m[k].x, m[k].y + 3, m[k].rank);
        omv__html_esc(b, omv__json_s(m[k].item, "label"));
        omv__buf_puts(b, "</title></g>\n");
        omv__labels_block(&L, m[k].x - 8, m[k].y - 8, m[k].x + 8, m[k].y + 8);
    }
    for (size_t k = 0; k < nm; k++) {
        omv__buf buf;
        omv__buf_init(&buf);
        omv__buf_printf(&buf, "%zu. %s", m[k].rank, omv__json_s(m[k].item, "label") ? omv__json_s(m[k].item, "label") : "");
        char *s = omv__buf_take(&buf);
        if (s)
            label(b, &L, m[k].x, m[k].y, 10, s, 44, "lab");
        free(s);
    }
    for (size_t k = 0; k < ninv; k++) {
        json_t *pr = json_object_get(invs[k], "properties");
        double X, Y;
        bool ok = !strcmp(geom_type(invs[k]), "LineString") ? line_mid(&v, coords(invs[k]), &X, &Y)
                                                            : pix(&v, coords(invs[k]), &X, &Y);
        if (!ok)
            continue;
        omv__buf buf;
        omv__buf_init(&buf);
        const char *kind = omv__json_s(pr, "kind");
        omv__buf_printf(&buf, "%s %s%s", omv__json_s(pr, "id") ? omv__json_s(pr, "id") : "",
                        kind && !strcmp(kind, "link") ? "" : kind ? kind : "", kind && !strcmp(kind, "link") ? "" : " ");
        omv__buf_puts(&buf, omv__html_name(f, omv__json_s(pr, "a")));
        if (kind && !strcmp(kind, "link")) {
            omv__buf_puts(&buf, "\xE2\x80\x93");
            omv__buf_puts(&buf, omv__html_name(f, omv__json_s(pr, "b")));
        }
        char *s = omv__buf_take(&buf);
        if (s)
            label(b, &L, X, Y, 8, s, 36, "inv");
        free(s);
    }
    /* core nodes by name, where room is left */
    json_array_foreach(omv__json_a(base, "features"), i, ft)
    {
        json_t *pr = json_object_get(ft, "properties");
        double X, Y;
        if (strcmp(geom_type(ft), "Point") || !is_core(omv__json_s(pr, "kind")) || !pix(&v, coords(ft), &X, &Y))
            continue;
        const char *name = omv__json_s(pr, "name") ? omv__json_s(pr, "name") : omv__json_s(pr, "id");
        if (name)
            label(b, &L, X, Y, 6, name, 24, "lab");
    }
    if (!reroute)
        label_one_path_sites(b, &v, base, &L);
    omv__buf_puts(b, "</svg></div>\n");
    if (!reroute) {
        omv__buf_printf(b, "<p class=\"note\">Numbered: the %zu worst single points of failure that have a place "
                           "(regional power outages have none), numbered by their rank in the table below.", nm);
        omv__buf_puts(b, " Line width grows with the "
                         "residents a link's failure cuts off. Hover over a link or a site for its details. A label "
                         "that would overlap another is left out.");
        if (nlinks > MAX_LINKS)
            omv__buf_printf(b, " With %zu links, only those whose failure cuts off sites are drawn.", nlinks);
        if (nnodes > MAX_NODES)
            omv__buf_printf(b, " With %zu nodes, only the core and the sites with at most one path are drawn.", nnodes);
        if (!coast)
            omv__buf_puts(b, " Coastlines are missing: " COAST_FILE " was not found (set OMVEI_GEO to the folder "
                             "holding it).");
        omv__buf_puts(b, "</p>\n");
    }
cleanup:
    (void)ctx;
    omv__labels_free(&L);
    json_decref(coast);
    json_decref(link_by_id);
    json_decref(node_by_id);
    json_decref(util_by_id);
    if (v.pj)
        proj_destroy(v.pj);
    if (v.pc)
        proj_context_destroy(v.pc);
}
