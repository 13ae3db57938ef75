/*
 * proposals.c — loading funding proposals: the topology, its candidates, then each proposal file in
 * the builder's merge mode, so that a proposal may name the network's own candidates (identical rows)
 * and two proposals may share an item only when they describe it identically.
 */
#include "topo/build.h"

#include <stdlib.h>
#include <string.h>

struct omv_proposals {
    size_t n;
    char **names, **files;
    int32_t **items;
    size_t *nitems;
};

void omv_proposals_free(omv_proposals *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n; k++) {
        free(p->names[k]);
        free(p->files[k]);
        free(p->items[k]);
    }
    free(p->names);
    free(p->files);
    free(p->items);
    free(p->nitems);
    free(p);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts the items and keeps each once. */
static size_t unique(int32_t *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof(*v), cmp_i32);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

int omv_proposals_load(omv_net **net, omv_proposals **props, omv_ctx *ctx, const char *const *paths,
                       size_t npaths, const char *const *candidates, size_t ncandidates, const char *const *names,
                       const char *const *files, size_t n)
{
    *net = NULL;
    *props = NULL;
    if (npaths == 0)
        return OMV_ERR(ctx, OMV_EARG, "no topology given");
    for (size_t k = 0; k < n; k++) {
        if (!names[k] || !names[k][0])
            return OMV_ERR(ctx, OMV_EARG, "proposal %zu has no name", k + 1);
        for (size_t j = 0; j < k; j++)
            if (strcmp(names[j], names[k]) == 0)
                return OMV_ERR(ctx, OMV_EARG, "two proposals are named '%s'", names[k]);
    }
    omv_proposals *p = calloc(1, sizeof(*p));
    omv__builder *b = NULL;
    int rc = 0;
    if (!p || !(p->names = calloc(n + 1, sizeof(char *))) || !(p->files = calloc(n + 1, sizeof(char *))) ||
        !(p->items = calloc(n + 1, sizeof(int32_t *))) || !(p->nitems = calloc(n + 1, sizeof(size_t)))) {
        rc = OMV_NOMEM(ctx, "proposals");
        goto cleanup;
    }
    p->n = n;
    for (size_t k = 0; k < n; k++)
        if (!(p->names[k] = strdup(names[k])) || !(p->files[k] = strdup(files[k]))) {
            rc = OMV_NOMEM(ctx, "proposals");
            goto cleanup;
        }
    if ((rc = omv__builder_new(&b, ctx, NULL)) || (rc = omv__load_paths(b, paths, npaths, candidates, ncandidates)))
        goto cleanup;
    omv__builder_merge(b, 1);
    for (size_t k = 0; k < n && !rc; k++) {
        if (omv__is_dir(files[k]))
            rc = OMV_ERR(ctx, OMV_EARG, "%s: a proposal is a .csv file in the candidates format", files[k]);
        else if (!omv__file_exists(files[k]))
            rc = OMV_ERR(ctx, OMV_EIO, "%s: no such file", files[k]);
        if (!rc)
            rc = omv__load_csv_file(b, files[k], OMV__TAB_CANDIDATES);
        if (!rc) {
            omv__builder_take_named(b, &p->items[k], &p->nitems[k]);
            p->nitems[k] = unique(p->items[k], p->nitems[k]);
        }
    }
    if (!rc)
        rc = omv__builder_finish(b, net);
cleanup:
    omv__builder_free(b);
    if (rc)
        omv_proposals_free(p);
    else
        *props = p;
    return rc;
}

size_t omv_proposals_count(const omv_proposals *p) { return p ? p->n : 0; }

const char *omv_proposals_name(const omv_proposals *p, size_t k) { return p && k < p->n ? p->names[k] : NULL; }

const char *omv_proposals_file(const omv_proposals *p, size_t k) { return p && k < p->n ? p->files[k] : NULL; }

size_t omv_proposals_items(const omv_proposals *p, size_t k, const int32_t **links)
{
    if (!p || k >= p->n) {
        *links = NULL;
        return 0;
    }
    *links = p->items[k];
    return p->nitems[k];
}
