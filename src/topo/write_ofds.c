/*
 * write_ofds.c — writes a network as one OFDS 0.3 GeoJSON file (omv_net_write to a path ending in
 * .ofds.geojson): node features, then span features, each with "featureType". What the readers keep
 * (ofds.h) comes back as it was read, so OFDS -> omvei -> OFDS gives the same properties:
 *   node  id, name, Point geometry (null without a position), every kept attribute, address with
 *         the node's country (an address {"country": CC} when none was kept);
 *   span  id, start and end (the kept objects with their node ids, else {"id": ...}), LineString
 *         route (null when none), capacity, fibreLength in metres (only when the length was given,
 *         not computed), physicalInfrastructureProvider (kept, else {"name": operator}), every
 *         kept attribute.
 * Values OFDS has no field for go into an "omvei" object that the reader maps back: a node's kind,
 * population, island, power_h and municipality, a link's medium (when no transmissionMedium or
 * deployment was kept), srlg, status, cost_nok and power_h, when they differ from the defaults.
 * Reserve-power upgrades (no second end) and demands have no OFDS form and are left out, with a
 * warning. Numbers are written as the shortest text that reads back to the same double.
 */
#include "topo/ofds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Appends a JSON value as compact text; -1 when jansson cannot (invalid UTF-8). */
static int put_json(omv__buf *o, json_t *v)
{
    char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
    if (!s)
        return -1;
    omv__buf_puts(o, s);
    free(s);
    return 0;
}

static int put_str(omv__buf *o, const char *s)
{
    json_t *v = json_string(s);
    int rc = put_json(o, v);
    json_decref(v);
    return rc;
}

static void put_num(omv__buf *o, double d)
{
    char buf[40];
    omv__fmt_double(buf, sizeof(buf), d);
    omv__buf_puts(o, buf);
}

/* A member "key": followed by its value from the caller; the comma before every member but the first. */
static int put_key(omv__buf *o, bool *first, const char *key)
{
    if (!*first)
        omv__buf_puts(o, ",");
    *first = false;
    if (put_str(o, key))
        return -1;
    omv__buf_puts(o, ":");
    return 0;
}

/* The attribute's OFDS name: without the "ofds:" prefix. */
static const char *ofds_name(const char *key)
{
    size_t k = strlen(OMV__OFDS_PREFIX);
    return strncmp(key, OMV__OFDS_PREFIX, k) ? key : key + k;
}

/* A node id as OFDS knows it: without the "<network id>:" prefix of a file of several networks. */
static const char *plain_id(const char *id, const omv__attrs *attrs)
{
    const char *net = omv__attrs_get(attrs, "network");
    if (!net)
        return id;
    json_t *n = omv__ofds_attr_decode(net);
    const char *nid = json_string_value(json_object_get(n, "id"));
    size_t k = nid ? strlen(nid) : 0;
    const char *out = id;
    if (k && !strncmp(id, nid, k) && id[k] == ':')
        out = id + k + 1;
    json_decref(n);
    return out;
}

/* Every kept attribute, except those in skip (NULL-terminated). */
static int put_attrs(omv__buf *o, bool *first, const omv__attrs *a, const char *const *skip)
{
    for (uint32_t i = 0; a && i < a->n; i++) {
        bool skipped = false;
        for (int s = 0; skip[s]; s++)
            skipped |= !strcmp(a->keys[i], skip[s]);
        if (skipped)
            continue;
        json_t *v = omv__ofds_attr_decode(a->vals[i]);
        int rc = put_key(o, first, ofds_name(a->keys[i])) || put_json(o, v);
        json_decref(v);
        if (rc)
            return -1;
    }
    return 0;
}

static int put_node(omv__buf *o, const omv_net *net, size_t v)
{
    const omv__node *n = &net->nodes[v];
    const omv__attrs *a = omv__node_attrs(n);
    omv__buf_puts(o, "{\"type\":\"Feature\",\"geometry\":");
    if (isnan(n->lat))
        omv__buf_puts(o, "null");
    else {
        omv__buf_puts(o, "{\"type\":\"Point\",\"coordinates\":[");
        put_num(o, n->lon);
        omv__buf_puts(o, ",");
        put_num(o, n->lat);
        omv__buf_puts(o, "]}");
    }
    omv__buf_puts(o, ",\"properties\":{");
    bool first = true;
    if (put_key(o, &first, "id") || put_str(o, plain_id(n->id, a)))
        return -1;
    if (omv__node_name(n) && (put_key(o, &first, "name") || put_str(o, omv__node_name(n))))
        return -1;
    static const char *const skip[] = {"address", NULL};
    if (put_attrs(o, &first, a, skip))
        return -1;
    const char *addr = omv__attrs_get(a, "address");
    if (addr || n->country[0]) {
        json_t *ad = addr ? omv__ofds_attr_decode(addr) : json_object();
        if (n->country[0] && json_is_object(ad))
            json_object_set_new(ad, "country", json_string(n->country));
        int rc = put_key(o, &first, "address") || put_json(o, ad);
        json_decref(ad);
        if (rc)
            return -1;
    }
    /* omvei's own columns, when not at their defaults. */
    char buf[OMV__CELL_BUF];
    bool ofirst = true;
    omv__buf ob;
    omv__buf_init(&ob);
    int rc = 0;
    if (n->kind != OMV_KIND_SITE)
        rc |= put_key(&ob, &ofirst, "kind") || put_str(&ob, omv_kind_name((omv_kind)n->kind));
    if (n->population) {
        rc |= put_key(&ob, &ofirst, "population");
        omv__buf_puts(&ob, omv__node_cell(net, v, 6, buf, sizeof(buf)));
    }
    if (n->island) {
        rc |= put_key(&ob, &ofirst, "island");
        omv__buf_puts(&ob, "true");
    }
    if (!isnan(n->power_h)) {
        rc |= put_key(&ob, &ofirst, "power_h");
        put_num(&ob, n->power_h);
    }
    if (omv__node_municipality(net, n))
        rc |= put_key(&ob, &ofirst, "municipality") || put_str(&ob, omv__node_municipality(net, n));
    if (!ofirst) {
        rc |= put_key(o, &first, "omvei");
        omv__buf_printf(o, "{%s}", ob.s ? ob.s : "");
    }
    omv__buf_free(&ob);
    if (rc)
        return -1;
    put_key(o, &first, "featureType");
    omv__buf_puts(o, "\"node\"}}");
    return 0;
}

/* start or end: the kept object with the node's id, else {"id": ...}. */
static int put_end(omv__buf *o, bool *first, const char *key, const omv__attrs *a, const omv__node *n)
{
    const char *kept = omv__attrs_get(a, key);
    json_t *v = kept ? omv__ofds_attr_decode(kept) : NULL;
    if (!json_is_object(v)) {
        json_decref(v);
        v = json_object();
    }
    json_object_set_new(v, "id", json_string(plain_id(n->id, omv__node_attrs(n))));
    int rc = put_key(o, first, key) || put_json(o, v);
    json_decref(v);
    return rc;
}

static int put_span(omv__buf *o, const omv_net *net, size_t i)
{
    const omv__link *l = &net->links[i];
    const omv__attrs *a = omv__link_attrs(l);
    const omv__geom *g = omv__link_geom(l);
    omv__buf_puts(o, "{\"type\":\"Feature\",\"geometry\":");
    if (!g)
        omv__buf_puts(o, "null");
    else {
        omv__buf_puts(o, "{\"type\":\"LineString\",\"coordinates\":[");
        for (uint32_t k = 0; k < g->npts; k++) {
            omv__buf_puts(o, k ? ",[" : "[");
            put_num(o, g->lonlat[2 * k]);
            omv__buf_puts(o, ",");
            put_num(o, g->lonlat[2 * k + 1]);
            omv__buf_puts(o, "]");
        }
        omv__buf_puts(o, "]}");
    }
    omv__buf_puts(o, ",\"properties\":{");
    bool first = true;
    if (put_key(o, &first, "id") || put_str(o, plain_id(l->id, a)))
        return -1;
    static const char *const skip[] = {"start", "end", "physicalInfrastructureProvider", NULL};
    if (put_attrs(o, &first, a, skip) || put_end(o, &first, "start", a, &net->nodes[l->a]) ||
        put_end(o, &first, "end", a, &net->nodes[l->b]))
        return -1;
    if (!isnan(l->capacity_gbps)) {
        if (put_key(o, &first, "capacity"))
            return -1;
        put_num(o, l->capacity_gbps);
    }
    if (l->length_given) {
        if (put_key(o, &first, "fibreLength"))
            return -1;
        /* Metres to the millimetre: km -> m is not exact in binary, the millimetre is. */
        put_num(o, round(l->length_km * 1e6) / 1e3);
    }
    const char *pip = omv__attrs_get(a, "physicalInfrastructureProvider");
    if (pip || omv__link_operator(l)) {
        json_t *p = pip ? omv__ofds_attr_decode(pip) : json_object();
        if (omv__link_operator(l) && json_is_object(p))
            json_object_set_new(p, "name", json_string(omv__link_operator(l)));
        int rc = put_key(o, &first, "physicalInfrastructureProvider") || put_json(o, p);
        json_decref(p);
        if (rc)
            return -1;
    }
    char buf[OMV__CELL_BUF];
    bool ofirst = true;
    omv__buf ob;
    omv__buf_init(&ob);
    int rc = 0;
    bool medium_kept = omv__attrs_get(a, "transmissionMedium") || omv__attrs_get(a, "deployment");
    if (l->medium != OMV_MEDIUM_FIBER && !medium_kept)
        rc |= put_key(&ob, &ofirst, "medium") || put_str(&ob, omv_medium_name((omv_medium)l->medium));
    if (l->nsrlg)
        rc |= put_key(&ob, &ofirst, "srlg") || put_str(&ob, omv__link_cell(net, i, 7, buf, sizeof(buf)));
    if (l->status == OMV_STATUS_CANDIDATE)
        rc |= put_key(&ob, &ofirst, "status") || put_str(&ob, "candidate");
    if (!isnan(omv__link_cost(l))) {
        rc |= put_key(&ob, &ofirst, "cost_nok");
        put_num(&ob, omv__link_cost(l));
    }
    if (!isnan(omv__link_power(l))) {
        rc |= put_key(&ob, &ofirst, "power_h");
        put_num(&ob, omv__link_power(l));
    }
    if (!ofirst) {
        rc |= put_key(o, &first, "omvei");
        omv__buf_printf(o, "{%s}", ob.s ? ob.s : "");
    }
    omv__buf_free(&ob);
    if (rc)
        return -1;
    put_key(o, &first, "featureType");
    omv__buf_puts(o, "\"span\"}}");
    return 0;
}

int omv__write_ofds(const omv_net *net, omv_ctx *ctx, const char *path)
{
    omv__buf o;
    omv__buf_init(&o);
    omv__buf_puts(&o, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    bool any = false;
    size_t skipped = 0;
    for (size_t v = 0; v < net->nnodes; v++) {
        if (any)
            omv__buf_puts(&o, ",\n");
        any = true;
        if (put_node(&o, net, v)) {
            omv__buf_free(&o);
            return OMV_ERR(ctx, OMV_EDATA, "%s: node '%s' holds text that is not UTF-8", path, net->nodes[v].id);
        }
    }
    for (size_t i = 0; i < net->nlinks; i++) {
        if (net->links[i].b < 0) {
            skipped++;
            continue;
        }
        if (any)
            omv__buf_puts(&o, ",\n");
        any = true;
        if (put_span(&o, net, i)) {
            omv__buf_free(&o);
            return OMV_ERR(ctx, OMV_EDATA, "%s: link '%s' holds text that is not UTF-8", path, net->links[i].id);
        }
    }
    omv__buf_puts(&o, "\n]}\n");
    if (o.failed) {
        omv__buf_free(&o);
        return OMV_NOMEM(ctx, "OFDS");
    }
    if ((skipped && omv__warn(ctx, "%s: warning: %zu reserve-power upgrade%s left out: OFDS has no form for them",
                              path, skipped, skipped == 1 ? "" : "s")) ||
        (net->ndemands && omv__warn(ctx, "%s: warning: %zu demand%s left out: OFDS has no form for them", path,
                                    net->ndemands, net->ndemands == 1 ? "" : "s"))) {
        omv__buf_free(&o);
        return OMV_ENOMEM;
    }
    int rc = omv__write_file_atomic(ctx, path, o.s, o.len);
    omv__buf_free(&o);
    return rc;
}
