/*
 * load_ofds_csv.c — the CSV publication of the Open Fibre Data Standard 0.3: a folder of tables
 * (networks.csv, nodes.csv, spans.csv, and tables of array items such as nodes_networkProviders.csv
 * or contracts_documents.csv). Every table starts with the network's id and names its other columns by
 * flattened paths ("nodes/0/location", "spans/0/physicalInfrastructureProvider/name"). Rows are
 * unflattened into one JSON tree per network, where array items with the same "id" are one item
 * (the CSV form of the standard's JSON); then each node and span goes through the same mapping as
 * the GeoJSON publication (load_ofds.c), with the network embedded as it is there. The folder's own
 * links.csv holds the network's web links, not network links.
 *
 * Cells are text; the fields the standard types otherwise are typed back: numbers (capacity,
 * fibreLength, fibreCount, accuracy, amount), booleans (directed, darkFibre, accessPoint, power) and
 * arrays of codes separated by ';' (type, technologies, transmissionMedium, deployment, countries,
 * roles). WKT locations and routes become GeoJSON geometries. Errors read file:line:col.
 */
#include "topo/ofds.h"
#include "topo/csv.h"

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const NUMBERS[] = {"capacity", "fibreLength", "fibreCount", "accuracy", "amount", NULL};
static const char *const BOOLEANS[] = {"directed", "darkFibre", "accessPoint", "power", NULL};
static const char *const CODE_LISTS[] = {"type", "technologies", "transmissionMedium", "deployment", "countries",
                                         "roles", NULL};
/* Hidden members that remember where a node or span was read; removed before mapping. */
static const char LINE_KEY[] = "\001line";
static const char COL_KEY[] = "\001file";

static bool in(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], s))
            return true;
    return false;
}

/* ---- WKT ------------------------------------------------------------------------------------ */

static const char *skip(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* POINT (x y) or LINESTRING (x y, x y, ...) as a GeoJSON geometry; NULL when malformed. */
static json_t *wkt(const char *s, bool line)
{
    const char *kw = line ? "LINESTRING" : "POINT";
    s = skip(s);
    size_t k = strlen(kw);
    if (strncasecmp(s, kw, k))
        return NULL;
    s = skip(s + k);
    if (*s++ != '(')
        return NULL;
    json_t *coords = json_array();
    for (;;) {
        char *end;
        double x = strtod(skip(s), &end);
        if (end == skip(s))
            goto bad;
        s = end;
        double y = strtod(skip(s), &end);
        if (end == skip(s) || !isfinite(x) || !isfinite(y))
            goto bad;
        s = skip(end);
        json_t *p = json_pack("[ff]", x, y);
        if (line)
            json_array_append_new(coords, p);
        else {
            json_decref(coords);
            coords = p;
        }
        if (*s == ',' && line) {
            s++;
            continue;
        }
        if (*s != ')')
            goto bad;
        s = skip(s + 1);
        if (*s)
            goto bad;
        break;
    }
    return json_pack("{s:s,s:o}", "type", line ? "LineString" : "Point", "coordinates", coords);
bad:
    json_decref(coords);
    return NULL;
}

/* ---- unflattening --------------------------------------------------------------------------- */

typedef struct {
    omv_ctx *ctx;
    const char *disp;
    int line, col;
    const char *path; /* the column's path, for messages */
} cell;

static int cerr(const cell *c, const char *fmt, const char *v)
{
    char msg[600];
    snprintf(msg, sizeof(msg), fmt, v);
    return OMV_ERR(c->ctx, OMV_EDATA, "%s:%d:%d: column '%s': %s", c->disp, c->line, c->col, c->path, msg);
}

/* The typed value of a cell whose last path segment is name. */
static int typed(const cell *c, const char *name, const char *v, json_t **out)
{
    *out = NULL;
    if (!strcmp(name, "location") || !strcmp(name, "route")) {
        bool line = !strcmp(name, "route");
        if (!(*out = wkt(v, line)))
            return cerr(c, line ? "'%.200s' is not a WKT LINESTRING (x y, x y, ...)" : "'%.200s' is not a WKT POINT (x y)", v);
        return 0;
    }
    if (in(NUMBERS, name)) {
        char *end;
        double d = strtod(v, &end);
        if (end == v || *skip(end) || !isfinite(d))
            return cerr(c, "'%.200s' is not a number", v);
        *out = d == floor(d) && fabs(d) < 9e15 ? json_integer((json_int_t)d) : json_real(d);
        return 0;
    }
    if (in(BOOLEANS, name)) {
        if (!strcasecmp(v, "true"))
            *out = json_true();
        else if (!strcasecmp(v, "false"))
            *out = json_false();
        else
            return cerr(c, "'%.200s' is not True or False", v);
        return 0;
    }
    if (in(CODE_LISTS, name)) {
        *out = json_array();
        const char *s = v;
        while (*s) {
            const char *e = strchr(s, ';');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            while (n && isspace((unsigned char)*s)) {
                s++;
                n--;
            }
            while (n && isspace((unsigned char)s[n - 1]))
                n--;
            if (n)
                json_array_append_new(*out, json_stringn(s, n));
            s = e ? e + 1 : s + strlen(s);
        }
        return 0;
    }
    *out = json_string(v);
    return 0;
}

/* Sets the value at a flattened path ("nodes/0/address/country") in a row's tree. */
static int put_path(const cell *c, json_t *root, const char *path, const char *v)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", path);
    json_t *cur = root;
    char *seg = buf;
    for (;;) {
        char *slash = strchr(seg, '/');
        if (slash)
            *slash = '\0';
        if (!*seg || isdigit((unsigned char)*seg))
            return cerr(c, "%s: a path names fields, with array positions after them", path);
        if (!slash) {
            json_t *val;
            int rc = typed(c, seg, v, &val);
            if (rc)
                return rc;
            json_object_set_new(cur, seg, val);
            return 0;
        }
        char *next = slash + 1;
        bool arr = isdigit((unsigned char)*next);
        json_t *child = json_object_get(cur, seg);
        if (!child) {
            child = arr ? json_array() : json_object();
            json_object_set_new(cur, seg, child);
        }
        if (arr) {
            if (!json_is_array(child))
                return cerr(c, "%s: the same field is used as an object and as an array", path);
            char *end;
            long i = strtol(next, &end, 10);
            if (i < 0 || i > 1000 || (*end && *end != '/'))
                return cerr(c, "%s: bad array position", path);
            while ((long)json_array_size(child) <= i)
                json_array_append_new(child, json_object());
            cur = json_array_get(child, (size_t)i);
            if (!*end)
                return cerr(c, "%s: a path ends with a field name", path);
            seg = end + 1;
        } else {
            if (!json_is_object(child))
                return cerr(c, "%s: the same field is used as a value and as an object", path);
            cur = child;
            seg = next;
        }
    }
}

static void merge(json_t *dst, json_t *src);

static void merge_arrays(json_t *dst, json_t *src)
{
    size_t i;
    json_t *it;
    json_array_foreach(src, i, it)
    {
        json_t *id = json_object_get(it, "id");
        json_t *same = NULL;
        if (id) {
            size_t j;
            json_t *d;
            json_array_foreach(dst, j, d)
                if (json_equal(json_object_get(d, "id"), id))
                    same = d;
        }
        if (same && json_is_object(same) && json_is_object(it))
            merge(same, it);
        else
            json_array_append(dst, it);
    }
}

/* Merges a row's tree into the network's: objects member by member, array items by "id". */
static void merge(json_t *dst, json_t *src)
{
    const char *k;
    json_t *v;
    json_object_foreach(src, k, v)
    {
        json_t *d = json_object_get(dst, k);
        if (json_is_object(d) && json_is_object(v))
            merge(d, v);
        else if (json_is_array(d) && json_is_array(v))
            merge_arrays(d, v);
        else if (!d || (k[0] != '\001'))
            json_object_set(dst, k, v);
    }
}

/* Marks the nodes and spans of a row with where they were read (the first row of an item wins). */
static void mark(json_t *row, int line, int file)
{
    static const char *const items[] = {"nodes", "spans"};
    for (int i = 0; i < 2; i++) {
        size_t j;
        json_t *it;
        json_array_foreach(json_object_get(row, items[i]), j, it)
        {
            json_object_set_new(it, LINE_KEY, json_integer(line));
            json_object_set_new(it, COL_KEY, json_integer(file));
        }
    }
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Reads one table into the networks (an object: network id -> tree). */
static int read_table(omv__builder *b, const char *dir, const char *name, json_t *nets)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    char *path = omv__path_join(dir, name);
    if (!path)
        return OMV_NOMEM(ctx, "OFDS");
    int f = omv__builder_file(b, path);
    omv__csv *c = NULL;
    int rc = f < 0 ? f : omv__csv_open(&c, ctx, path, path);
    if (rc) {
        free(path);
        return rc;
    }
    size_t nf, ncols = 0;
    const char *const *fields;
    const int *cols;
    int line;
    char **hdr = NULL;
    rc = omv__csv_next(c, &nf, &fields, &cols, &line);
    if (rc == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: empty file: a header line is required", path);
    if (rc < 0)
        goto cleanup;
    ncols = nf;
    hdr = calloc(nf + 1, sizeof(*hdr));
    int idcol = -1;
    for (size_t i = 0; hdr && i < nf; i++) {
        if (!(hdr[i] = strdup(fields[i])))
            break;
        if (!strcmp(fields[i], "id"))
            idcol = (int)i;
    }
    if (!hdr || (nf && !hdr[nf - 1])) {
        rc = OMV_NOMEM(ctx, "OFDS");
        goto cleanup;
    }
    if (idcol < 0) {
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:1: missing required column 'id' (the network's id) in the header", path, line);
        goto cleanup;
    }
    while ((rc = omv__csv_next(c, &nf, &fields, &cols, &line)) == 1) {
        if (nf != ncols) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: this row has %zu fields but the header has %zu", path, line,
                         nf > ncols ? cols[ncols] : 1, nf, ncols);
            goto cleanup;
        }
        const char *nid = fields[idcol];
        if (!*nid) {
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: missing value in column 'id' (the network's id)", path, line,
                         cols[idcol]);
            goto cleanup;
        }
        json_t *rowobj = json_object();
        json_object_set_new(rowobj, "id", json_string(nid));
        rc = 0;
        for (size_t i = 0; i < nf && !rc; i++) {
            if ((int)i == idcol || !*fields[i])
                continue;
            cell cl = {ctx, path, line, cols[i], hdr[i]};
            rc = put_path(&cl, rowobj, hdr[i], fields[i]);
        }
        if (!rc) {
            mark(rowobj, line, f);
            json_t *net = json_object_get(nets, nid);
            if (net)
                merge(net, rowobj);
            else
                json_object_set(nets, nid, rowobj);
        }
        json_decref(rowobj);
        if (rc)
            goto cleanup;
    }
cleanup:
    for (size_t i = 0; hdr && i < ncols; i++)
        free(hdr[i]);
    free(hdr);
    omv__csv_close(c);
    free(path);
    return rc < 0 ? rc : 0;
}

/* Maps the nodes (what 0) or spans (1) of one network through the common mapping. */
static int emit_items(omv__builder *b, json_t *net, int what, bool several)
{
    json_t *embedded = json_deep_copy(net);
    json_object_del(embedded, "nodes");
    json_object_del(embedded, "spans");
    const char *nid = json_string_value(json_object_get(net, "id"));
    size_t i;
    json_t *it;
    int rc = 0;
    json_array_foreach(json_object_get(net, what == OMV__OFDS_NODE ? "nodes" : "spans"), i, it)
    {
        json_t *props = json_deep_copy(it);
        int line = (int)json_integer_value(json_object_get(props, LINE_KEY));
        int file = (int)json_integer_value(json_object_get(props, COL_KEY));
        json_object_del(props, LINE_KEY);
        json_object_del(props, COL_KEY);
        const char *gkey = what == OMV__OFDS_NODE ? "location" : "route";
        json_t *geom = json_incref(json_object_get(props, gkey));
        json_object_del(props, gkey);
        json_object_set(props, "network", embedded);
        char label[160];
        const char *id = json_string_value(json_object_get(props, "id"));
        snprintf(label, sizeof(label), "%s '%.100s'", what == OMV__OFDS_NODE ? "node" : "span", id ? id : "?");
        rc = omv__ofds_emit(b, file, omv__builder_file_name(b, file), line > 0 ? line : 1, 1, label, what, props,
                            geom, several ? nid : NULL);
        json_decref(geom);
        json_decref(props);
        if (rc)
            break;
    }
    json_decref(embedded);
    return rc;
}

int omv__load_ofds_csv(omv__builder *b, const char *dir)
{
    omv_ctx *ctx = omv__builder_ctx(b);
    DIR *d = opendir(dir);
    if (!d)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot read the folder", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv"))
            continue;
        if (OMV_GROW(names, cap, n + 1) || !(names[n] = strdup(e->d_name))) {
            rc = OMV_NOMEM(ctx, "OFDS");
            break;
        }
        n++;
    }
    closedir(d);
    json_t *nets = json_object();
    if (!rc) {
        qsort(names, n, sizeof(*names), cmp_name);
        /* networks.csv first: the network's own fields come before its items. */
        for (size_t i = 0; i < n && !rc; i++)
            if (!strcmp(names[i], "networks.csv"))
                rc = read_table(b, dir, names[i], nets);
        for (size_t i = 0; i < n && !rc; i++)
            if (strcmp(names[i], "networks.csv"))
                rc = read_table(b, dir, names[i], nets);
    }
    bool several = json_object_size(nets) > 1;
    for (int what = 0; what < 2 && !rc; what++) {
        const char *k;
        json_t *net;
        json_object_foreach(nets, k, net)
            if (!rc)
                rc = emit_items(b, net, what, several);
    }
    json_decref(nets);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}
