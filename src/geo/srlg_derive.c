/*
 * srlg_derive.c — shared-risk groups derived from route geometry and from shared infrastructure
 * (include/omvei/srlg_derive.h says what a derived group means).
 *
 * Route overlap: every routed link is sampled along its geodesic segments; a sample is "near" another
 * route when its geodesic distance to one of that route's segments is at most d. The distance to a
 * segment is a golden-section search along the segment's geodesic (PROJ's geod_inverseline and
 * geod_position): the distance from a point to the points of a short geodesic has one minimum.
 * Prefilters keep this cheap: a sweep over route bounding boxes (widened by d) gives the pairs that
 * may meet, and a sample is compared only with the segments whose widened box holds it.
 */
#include "topo/net.h"

#include <geodesic.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    const char *reason;
    double overlap_km;
    size_t *links;
    size_t n;
} dgroup;

struct omv_srlg_derived {
    dgroup *g;
    size_t n, cap;
    size_t routed;
};

void omv_srlg_derived_free(omv_srlg_derived *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->g[i].name);
        free(d->g[i].links);
    }
    free(d->g);
    free(d);
}

size_t omv_srlg_derived_count(const omv_srlg_derived *d) { return d ? d->n : 0; }
size_t omv_srlg_derived_routed(const omv_srlg_derived *d) { return d ? d->routed : 0; }
const char *omv_srlg_derived_name(const omv_srlg_derived *d, size_t g) { return g < d->n ? d->g[g].name : NULL; }
const char *omv_srlg_derived_reason(const omv_srlg_derived *d, size_t g) { return g < d->n ? d->g[g].reason : NULL; }
double omv_srlg_derived_overlap_km(const omv_srlg_derived *d, size_t g) { return g < d->n ? d->g[g].overlap_km : NAN; }
size_t omv_srlg_derived_link_count(const omv_srlg_derived *d, size_t g) { return g < d->n ? d->g[g].n : 0; }
size_t omv_srlg_derived_link(const omv_srlg_derived *d, size_t g, size_t k)
{
    return g < d->n && k < d->g[g].n ? d->g[g].links[k] : (size_t)-1;
}

/* ---- routes --------------------------------------------------------------------------------- */

typedef struct {
    size_t link;
    const double *pts; /* lon/lat pairs, borrowed from the network */
    size_t npts;
    double minlon, maxlon, minlat, maxlat; /* widened by the margin */
    double mlat, mlon;                     /* the margin in degrees */
    double *slat, *slon, *scum;            /* samples: position and distance along the route (m) */
    size_t ns;
} route;

/* The margin of d metres in degrees at latitudes up to maxabs. Generous on purpose: a prefilter. */
static void margins(double d_m, double maxabs, double *mlat, double *mlon)
{
    double c = cos(fmin(89.0, maxabs + 1.0) * M_PI / 180.0);
    *mlat = d_m / 110000.0 + 1e-6;
    *mlon = d_m / (111000.0 * fmax(c, 0.01)) + 1e-6;
}

static int sample_route(const struct geod_geodesic *g, route *r, double step)
{
    size_t cap = r->npts, n = 0;
    double cum = 0;
    r->slat = malloc(cap * sizeof(double));
    r->slon = malloc(cap * sizeof(double));
    r->scum = malloc(cap * sizeof(double));
    if (!r->slat || !r->slon || !r->scum)
        return OMV_ENOMEM;
    for (size_t k = 0; k + 1 < r->npts; k++) {
        const double *a = r->pts + 2 * k, *b = a + 2;
        struct geod_geodesicline gl;
        geod_inverseline(&gl, g, a[1], a[0], b[1], b[0], 0);
        double len = gl.s13;
        size_t parts = len > step ? (size_t)ceil(len / step) : 1;
        size_t need = n + parts + 1;
        if (need > cap) {
            cap = need * 2;
            double *x = realloc(r->slat, cap * sizeof(double)), *y = x ? realloc(r->slon, cap * sizeof(double)) : NULL;
            double *z = y ? realloc(r->scum, cap * sizeof(double)) : NULL;
            if (x)
                r->slat = x;
            if (y)
                r->slon = y;
            if (z)
                r->scum = z;
            if (!x || !y || !z)
                return OMV_ENOMEM;
        }
        for (size_t p = (k == 0 ? 0 : 1); p <= parts; p++) {
            double s = len * (double)p / (double)parts, lat, lon;
            geod_position(&gl, s, &lat, &lon, NULL);
            r->slat[n] = lat;
            r->slon[n] = lon;
            r->scum[n] = cum + s;
            n++;
        }
        cum += len;
    }
    r->ns = n;
    return 0;
}

/* Geodesic distance (m) from a point to the segment a-b (lon/lat pairs). */
static double seg_dist(const struct geod_geodesic *g, double lat, double lon, const double *a, const double *b)
{
    struct geod_geodesicline gl;
    geod_inverseline(&gl, g, a[1], a[0], b[1], b[0], 0);
    double len = gl.s13, d;
    if (len < 0.01) {
        geod_inverse(g, lat, lon, a[1], a[0], &d, NULL, NULL);
        return d;
    }
    const double phi = 0.6180339887498949;
    double lo = 0, hi = len;
    double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo), f1, f2, la, lo_;
    geod_position(&gl, x1, &la, &lo_, NULL);
    geod_inverse(g, lat, lon, la, lo_, &f1, NULL, NULL);
    geod_position(&gl, x2, &la, &lo_, NULL);
    geod_inverse(g, lat, lon, la, lo_, &f2, NULL, NULL);
    for (int it = 0; it < 48 && hi - lo > 0.05; it++) {
        if (f1 < f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - phi * (hi - lo);
            geod_position(&gl, x1, &la, &lo_, NULL);
            geod_inverse(g, lat, lon, la, lo_, &f1, NULL, NULL);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + phi * (hi - lo);
            geod_position(&gl, x2, &la, &lo_, NULL);
            geod_inverse(g, lat, lon, la, lo_, &f2, NULL, NULL);
        }
    }
    d = fmin(f1, f2);
    double da, db;
    geod_inverse(g, lat, lon, a[1], a[0], &da, NULL, NULL);
    geod_inverse(g, lat, lon, b[1], b[0], &db, NULL, NULL);
    return fmin(d, fmin(da, db));
}

static bool near_route(const struct geod_geodesic *g, double lat, double lon, const route *r, double d_m)
{
    if (lat < r->minlat || lat > r->maxlat || lon < r->minlon || lon > r->maxlon)
        return false;
    for (size_t k = 0; k + 1 < r->npts; k++) {
        const double *a = r->pts + 2 * k, *b = a + 2;
        if (lat < fmin(a[1], b[1]) - r->mlat || lat > fmax(a[1], b[1]) + r->mlat ||
            lon < fmin(a[0], b[0]) - r->mlon || lon > fmax(a[0], b[0]) + r->mlon)
            continue;
        if (seg_dist(g, lat, lon, a, b) <= d_m)
            return true;
    }
    return false;
}

/* Metres of route r lying within d of route o. */
static double overlap_m(const struct geod_geodesic *g, const route *r, const route *o, double d_m)
{
    double m = 0;
    bool prev = false;
    for (size_t k = 0; k < r->ns; k++) {
        bool in = near_route(g, r->slat[k], r->slon[k], o, d_m);
        if (in && prev)
            m += r->scum[k] - r->scum[k - 1];
        prev = in;
    }
    return m;
}

/* ---- groups --------------------------------------------------------------------------------- */

typedef struct {
    size_t a, b; /* route indices, a < b */
    double km;
} pair;

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    return p->a != q->a ? (p->a < q->a ? -1 : 1) : p->b != q->b ? (p->b < q->b ? -1 : 1) : 0;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static int add_group(omv_srlg_derived *d, const omv_net *net, const char *reason, const char *name,
                     const size_t *links, size_t n, double km)
{
    if (OMV_GROW(d->g, d->cap, d->n + 1))
        return OMV_ENOMEM;
    dgroup *g = &d->g[d->n];
    memset(g, 0, sizeof(*g));
    g->links = malloc(n * sizeof(size_t));
    if (!g->links)
        return OMV_ENOMEM;
    memcpy(g->links, links, n * sizeof(size_t));
    qsort(g->links, n, sizeof(size_t), cmp_size);
    g->n = n;
    g->reason = reason;
    g->overlap_km = km;
    omv__buf b;
    omv__buf_init(&b);
    if (name)
        omv__buf_puts(&b, name);
    else {
        omv__buf_puts(&b, "route:");
        for (size_t k = 0; k < n; k++)
            omv__buf_printf(&b, "%s%s", k ? "+" : "", net->links[g->links[k]].id);
    }
    g->name = omv__buf_take(&b);
    if (!g->name) {
        free(g->links);
        return OMV_ENOMEM;
    }
    d->n++;
    return 0;
}

static double pair_km(const pair *pairs, size_t np, size_t a, size_t b)
{
    pair key = {a < b ? a : b, a < b ? b : a, 0};
    const pair *p = bsearch(&key, pairs, np, sizeof(pair), cmp_pair);
    return p ? p->km : NAN;
}

/* Bron-Kerbosch with a pivot over the overlap graph of one component (adjacency matrix adj, c x c):
 * every maximal clique of at least two links becomes a group. */
typedef struct {
    omv_srlg_derived *d;
    const omv_net *net;
    const route *routes;
    const size_t *comp; /* component vertex -> route index */
    const unsigned char *adj;
    size_t c;
    const pair *pairs;
    size_t np;
    int rc;
} bk;

static void bk_run(bk *s, size_t *R, size_t nr, size_t *P, size_t np, size_t *X, size_t nx)
{
    if (s->rc)
        return;
    if (np == 0 && nx == 0) {
        if (nr < 2)
            return;
        size_t links[nr];
        double km = INFINITY;
        for (size_t i = 0; i < nr; i++) {
            links[i] = s->routes[s->comp[R[i]]].link;
            for (size_t j = i + 1; j < nr; j++)
                km = fmin(km, pair_km(s->pairs, s->np, s->comp[R[i]], s->comp[R[j]]));
        }
        s->rc = add_group(s->d, s->net, "route", NULL, links, nr, km);
        return;
    }
    /* Pivot: the vertex of P u X with the most neighbours in P. */
    size_t pivot = np ? P[0] : X[0], best = 0;
    for (size_t i = 0; i < np + nx; i++) {
        size_t u = i < np ? P[i] : X[i - np], cnt = 0;
        for (size_t j = 0; j < np; j++)
            cnt += s->adj[u * s->c + P[j]];
        if (cnt >= best) {
            best = cnt;
            pivot = u;
        }
    }
    size_t *cand = malloc((np + 1) * sizeof(size_t)), *P2 = malloc((np + 1) * sizeof(size_t)),
           *X2 = malloc((np + nx + 1) * sizeof(size_t));
    if (!cand || !P2 || !X2) {
        s->rc = OMV_ENOMEM;
        goto out;
    }
    size_t nc = 0;
    for (size_t j = 0; j < np; j++)
        if (!s->adj[pivot * s->c + P[j]])
            cand[nc++] = P[j];
    for (size_t k = 0; k < nc && !s->rc; k++) {
        size_t v = cand[k];
        size_t np2 = 0, nx2 = 0;
        for (size_t j = 0; j < np; j++)
            if (s->adj[v * s->c + P[j]])
                P2[np2++] = P[j];
        for (size_t j = 0; j < nx; j++)
            if (s->adj[v * s->c + X[j]])
                X2[nx2++] = X[j];
        R[nr] = v;
        bk_run(s, R, nr + 1, P2, np2, X2, nx2);
        /* P -= v; X += v */
        for (size_t j = 0; j < np; j++)
            if (P[j] == v) {
                P[j] = P[--np];
                break;
            }
        X[nx++] = v;
    }
out:
    free(cand);
    free(P2);
    free(X2);
}

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* Components of the overlap graph, each enumerated for its maximal cliques. */
static int route_groups(omv_srlg_derived *d, const omv_net *net, const route *routes, size_t nr, pair *pairs,
                        size_t np)
{
    qsort(pairs, np, sizeof(pair), cmp_pair);
    size_t *p = malloc((nr + 1) * sizeof(size_t)), *comp = malloc((nr + 1) * sizeof(size_t));
    size_t *R = malloc((nr + 1) * sizeof(size_t)), *P = malloc((nr + 1) * sizeof(size_t));
    size_t *X = malloc((nr + 1) * sizeof(size_t));
    unsigned char *done = calloc(nr + 1, 1);
    int rc = 0;
    if (!p || !comp || !R || !P || !X || !done) {
        rc = OMV_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < nr; i++)
        p[i] = i;
    for (size_t k = 0; k < np; k++) {
        size_t a = uf_find(p, pairs[k].a), b = uf_find(p, pairs[k].b);
        if (a != b)
            p[b] = a;
    }
    for (size_t k = 0; k < np && !rc; k++) {
        size_t root = uf_find(p, pairs[k].a);
        if (done[root])
            continue;
        done[root] = 1;
        size_t c = 0;
        for (size_t i = 0; i < nr; i++)
            if (uf_find(p, i) == root)
                comp[c++] = i;
        unsigned char *adj = calloc(c * c, 1);
        if (!adj) {
            rc = OMV_ENOMEM;
            break;
        }
        for (size_t i = 0; i < c; i++)
            for (size_t j = 0; j < c; j++)
                adj[i * c + j] = i != j && !isnan(pair_km(pairs, np, comp[i], comp[j]));
        for (size_t i = 0; i < c; i++)
            P[i] = i;
        bk s = {d, net, routes, comp, adj, c, pairs, np, 0};
        bk_run(&s, R, 0, P, c, X, 0);
        rc = s.rc;
        free(adj);
    }
out:
    free(p);
    free(comp);
    free(R);
    free(P);
    free(X);
    free(done);
    return rc;
}

/* ---- shared infrastructure ------------------------------------------------------------------ */

typedef struct {
    char *key;
    size_t link;
} infra;

static int cmp_infra(const void *x, const void *y)
{
    const infra *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->link < b->link ? -1 : a->link > b->link);
}

static const char *text_of(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v)) {
        const char *s = json_string_value(json_object_get(v, "name"));
        return s ? s : json_string_value(json_object_get(v, "id"));
    }
    return NULL;
}

static int add_infra(infra **arr, size_t *n, size_t *cap, const char *field, json_t *item, size_t link)
{
    const char *type = json_is_object(item) ? json_string_value(json_object_get(item, "type")) : NULL;
    const char *owner = json_is_object(item) ? text_of(json_object_get(item, "owner")) : NULL;
    const char *self = owner ? NULL : (json_is_string(item) ? json_string_value(item) : text_of(item));
    if (!owner && !self)
        return 0;
    char buf[512];
    snprintf(buf, sizeof(buf), "%s:%s%s%s", field, type ? type : "", type ? ":" : "", owner ? owner : self);
    if (OMV_GROW(*arr, *cap, *n + 1))
        return OMV_ENOMEM;
    if (!((*arr)[*n].key = strdup(buf)))
        return OMV_ENOMEM;
    (*arr)[*n].link = link;
    (*n)++;
    return 0;
}

static int infra_groups(omv_srlg_derived *d, const omv_net *net)
{
    static const char *const FIELDS[] = {"codeployment", "supportingInfrastructure"};
    infra *arr = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < net->nlinks && !rc; i++) {
        const omv__attrs *a = omv__link_attrs(&net->links[i]);
        if (!a || net->links[i].b < 0)
            continue;
        for (int f = 0; f < 2 && !rc; f++) {
            const char *v = omv__attrs_get(a, FIELDS[f]);
            if (!v)
                continue;
            json_error_t err;
            json_t *j = json_loads(v, JSON_DECODE_ANY, &err);
            if (!j)
                j = json_string(v);
            if (json_is_array(j)) {
                size_t k;
                json_t *it;
                json_array_foreach(j, k, it)
                    if (!rc)
                        rc = add_infra(&arr, &n, &cap, FIELDS[f], it, i);
            } else {
                rc = add_infra(&arr, &n, &cap, FIELDS[f], j, i);
            }
            json_decref(j);
        }
    }
    if (!rc && n)
        qsort(arr, n, sizeof(*arr), cmp_infra);
    size_t *links = malloc((n + 1) * sizeof(size_t));
    if (!links)
        rc = OMV_ENOMEM;
    for (size_t s = 0; s < n && !rc;) {
        size_t e = s, m = 0;
        while (e < n && !strcmp(arr[e].key, arr[s].key)) {
            if (!m || links[m - 1] != arr[e].link)
                links[m++] = arr[e].link;
            e++;
        }
        if (m >= 2) {
            const char *reason = !strncmp(arr[s].key, "codeployment:", 13) ? "codeployment" : "supportingInfrastructure";
            rc = add_group(d, net, reason, arr[s].key, links, m, NAN);
        }
        s = e;
    }
    free(links);
    for (size_t k = 0; k < n; k++)
        free(arr[k].key);
    free(arr);
    return rc;
}

/* ---- entry points --------------------------------------------------------------------------- */

static int cmp_route_minlon(const void *x, const void *y)
{
    const route *a = x, *b = y;
    return a->minlon < b->minlon ? -1 : a->minlon > b->minlon ? 1 : (a->link < b->link ? -1 : a->link > b->link);
}

static int cmp_group(const void *x, const void *y)
{
    const dgroup *a = x, *b = y;
    int c = strcmp(a->reason, b->reason);
    if (c)
        return c;
    if (a->links[0] != b->links[0])
        return a->links[0] < b->links[0] ? -1 : 1;
    return strcmp(a->name, b->name);
}

int omv_srlg_derive(omv_srlg_derived **out, omv_ctx *ctx, const omv_net *net, double d_m, double l_km)
{
    *out = NULL;
    if (!(d_m > 0) || !isfinite(d_m) || !(l_km >= 0) || !isfinite(l_km))
        return OMV_ERR(ctx, OMV_EARG, "derived risk groups need a distance D > 0 metres and a length L >= 0 km "
                       "(got %g, %g)", d_m, l_km);
    omv_srlg_derived *d = calloc(1, sizeof(*d));
    route *routes = calloc(net->nlinks + 1, sizeof(*routes));
    pair *pairs = NULL;
    size_t nr = 0, np = 0, cappairs = 0;
    int rc = 0;
    if (!d || !routes) {
        rc = OMV_ENOMEM;
        goto done;
    }
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    double step = fmax(1.0, fmin(d_m / 2.0, 100.0));
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        const omv__geom *lg = omv__link_geom(l);
        if (!lg || lg->npts < 2 || l->b < 0)
            continue;
        route *r = &routes[nr++];
        r->link = i;
        r->pts = lg->lonlat;
        r->npts = lg->npts;
        r->minlon = r->minlat = INFINITY;
        r->maxlon = r->maxlat = -INFINITY;
        for (size_t k = 0; k < r->npts; k++) {
            r->minlon = fmin(r->minlon, r->pts[2 * k]);
            r->maxlon = fmax(r->maxlon, r->pts[2 * k]);
            r->minlat = fmin(r->minlat, r->pts[2 * k + 1]);
            r->maxlat = fmax(r->maxlat, r->pts[2 * k + 1]);
        }
        margins(d_m, fmax(fabs(r->minlat), fabs(r->maxlat)), &r->mlat, &r->mlon);
        r->minlon -= r->mlon;
        r->maxlon += r->mlon;
        r->minlat -= r->mlat;
        r->maxlat += r->mlat;
        if ((rc = sample_route(&g, r, step)))
            goto done;
    }
    d->routed = nr;
    /* Sweep by western edge: only routes whose widened boxes meet are compared. */
    qsort(routes, nr, sizeof(*routes), cmp_route_minlon);
    for (size_t i = 0; i < nr && !rc; i++) {
        if (omv__interrupted(ctx))
            break;
        for (size_t j = i + 1; j < nr && routes[j].minlon <= routes[i].maxlon; j++) {
            const route *a = &routes[i], *b = &routes[j];
            if (b->minlat > a->maxlat || b->maxlat < a->minlat)
                continue;
            double ab = overlap_m(&g, a, b, d_m);
            if (ab / 1000.0 <= l_km)
                continue;
            double ba = overlap_m(&g, b, a, d_m);
            double km = fmin(ab, ba) / 1000.0;
            if (km <= l_km)
                continue;
            if (OMV_GROW(pairs, cappairs, np + 1)) {
                rc = OMV_ENOMEM;
                break;
            }
            pairs[np++] = (pair){i < j ? i : j, i < j ? j : i, km};
        }
    }
    if (!rc && np)
        rc = route_groups(d, net, routes, nr, pairs, np);
    if (!rc)
        rc = infra_groups(d, net);
    if (!rc && d->n)
        qsort(d->g, d->n, sizeof(*d->g), cmp_group);
done:
    for (size_t i = 0; routes && i < nr; i++) {
        free(routes[i].slat);
        free(routes[i].slon);
        free(routes[i].scum);
    }
    free(routes);
    free(pairs);
    if (rc) {
        omv_srlg_derived_free(d);
        return rc == OMV_ENOMEM ? OMV_NOMEM(ctx, "derived risk groups") : rc;
    }
    *out = d;
    return 0;
}

int omv_net_add_srlgs(omv_net *net, omv_ctx *ctx, const omv_srlg_derived *d)
{
    if (!d || !d->n)
        return 0;
    int32_t *gid = malloc(d->n * sizeof(*gid));
    size_t *extra = calloc(net->nlinks + 1, sizeof(size_t));
    int32_t *nl = NULL;
    int rc = 0;
    if (!gid || !extra)
        goto nomem;
    for (size_t k = 0; k < d->n; k++) {
        int32_t g = omv__strmap_get(&net->srlg_ids, d->g[k].name);
        if (g < 0) {
            const char *nm = omv__arena_strdup(&net->arena, d->g[k].name);
            if (!nm || OMV_GROW(net->srlg_names, net->capsrlg, net->nsrlg + 1))
                goto nomem;
            g = (int32_t)net->nsrlg;
            if (omv__strmap_put(&net->srlg_ids, nm, g) < 0)
                goto nomem;
            net->srlg_names[net->nsrlg++] = nm;
        }
        gid[k] = g;
        for (size_t m = 0; m < d->g[k].n; m++)
            extra[d->g[k].links[m]]++;
    }
    size_t total = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        total += net->links[i].nsrlg + extra[i];
        if (net->links[i].nsrlg + extra[i] > UINT16_MAX) {
            rc = OMV_ERR(ctx, OMV_EDATA, "link '%s' would be in more than %d shared-risk groups", net->links[i].id,
                         UINT16_MAX);
            goto out;
        }
    }
    nl = malloc((total + 1) * sizeof(*nl));
    if (!nl)
        goto nomem;
    /* New layout: each link's own groups, then room for its derived ones. */
    size_t pos = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        omv__link *l = &net->links[i];
        if (l->nsrlg) /* a network without groups has no group array at all */
            memcpy(nl + pos, net->link_srlg + l->srlg_off, l->nsrlg * sizeof(*nl));
        l->srlg_off = (uint32_t)pos;
        pos += l->nsrlg + extra[i];
    }
    for (size_t k = 0; k < d->n; k++)
        for (size_t m = 0; m < d->g[k].n; m++) {
            omv__link *l = &net->links[d->g[k].links[m]];
            bool dup = false;
            for (uint16_t j = 0; j < l->nsrlg; j++)
                dup |= nl[l->srlg_off + j] == gid[k];
            if (!dup)
                nl[l->srlg_off + l->nsrlg++] = gid[k];
        }
    free(net->link_srlg);
    net->link_srlg = nl;
    net->nlink_srlg = total;
    net->caplink_srlg = total + 1;
    nl = NULL;
    goto out;
nomem:
    rc = OMV_NOMEM(ctx, "derived risk groups");
out:
    free(gid);
    free(extra);
    free(nl);
    return rc;
}

int omv_net_derive_srlg(omv_net *net, omv_ctx *ctx, double d_m, double l_km, size_t *ngroups)
{
    omv_srlg_derived *d = NULL;
    int rc = omv_srlg_derive(&d, ctx, net, d_m, l_km);
    if (!rc)
        rc = omv_net_add_srlgs(net, ctx, d);
    if (ngroups)
        *ngroups = rc ? 0 : omv_srlg_derived_count(d);
    omv_srlg_derived_free(d);
    return rc;
}
