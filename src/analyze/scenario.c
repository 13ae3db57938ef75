/*
 * scenario.c — one failure scenario with any links and nodes down (a shared-risk group, a power
 * outage), evaluated by search on the project's kernel: the components the failures touch are split
 * into their working parts, and each part either still holds the core or has lost it. Untouched
 * components cannot change, so the cost is the size of the touched components.
 *
 * Used from parallel loops: a workspace belongs to one thread; the frame is only read.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

int omv__scen_init(omv__scen *w, const omv__frame *f)
{
    memset(w, 0, sizeof(*w));
    int rc = omv__reach_init(&w->r, f->ctx, f->n, f->net->nlinks);
    if (rc)
        return rc;
    w->comp = malloc((f->n + 1) * sizeof(*w->comp));
    w->ccmark = calloc(f->dfs.ncc + 1, sizeof(*w->ccmark));
    w->touched = malloc((f->dfs.ncc + 1) * sizeof(*w->touched));
    if (!w->comp || !w->ccmark || !w->touched) {
        omv__scen_free(w);
        return OMV_NOMEM(f->ctx, "failure scenario");
    }
    w->winner = -1;
    return 0;
}

void omv__scen_free(omv__scen *w)
{
    omv__reach_free(&w->r);
    free(w->comp);
    free(w->parts);
    free(w->ccmark);
    free(w->touched);
    free(w->touch);
    memset(w, 0, sizeof(*w));
}

int omv__scen_touch(omv__scen *w, int32_t v)
{
    if (OMV_GROW(w->touch, w->captouch, w->ntouch + 1))
        return OMV_ENOMEM;
    w->touch[w->ntouch++] = v;
    return 0;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int omv__scen_eval(omv__scen *w, const omv__frame *f)
{
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    if (w->ccstamp == UINT32_MAX) {
        memset(w->ccmark, 0, (d->ncc + 1) * sizeof(*w->ccmark));
        w->ccstamp = 0;
    }
    w->ccstamp++;
    w->ntouched = 0;
    for (size_t i = 0; i < w->ntouch; i++) {
        int32_t k = d->cc[w->touch[i]];
        if (w->ccmark[k] != w->ccstamp) {
            w->ccmark[k] = w->ccstamp;
            w->touched[w->ntouched++] = k;
        }
    }
    qsort(w->touched, w->ntouched, sizeof(*w->touched), cmp_i32);
    omv__reach_clear(&w->r);
    w->nparts = 0;
    w->rs = w->pop = w->as = 0;
    w->winner = -1;
    memset(&w->outside, 0, sizeof(w->outside));
    if (!f->has_core && (f->c0 < 0 || w->ccmark[f->c0] != w->ccstamp))
        return 0; /* the largest component is intact and stays the core */
    for (size_t t = 0; t < w->ntouched; t++) {
        int32_t k = w->touched[t];
        if (f->has_core && f->cc[k].core == 0)
            continue; /* nothing there was connected */
        for (int32_t x = f->bycc_at[k]; x < f->bycc_at[k + 1]; x++) {
            int32_t v = f->bycc[x];
            if (omv__reach_seen(&w->r, v) || omv__reach_node_failed(&w->r, v))
                continue;
            if (OMV_GROW(w->parts, w->capparts, w->nparts + 1))
                return OMV_ENOMEM;
            int32_t p = (int32_t)w->nparts++;
            omv__part *pt = &w->parts[p];
            memset(pt, 0, sizeof(*pt));
            pt->min = v; /* the scan is in index order */
            pt->cc = k;
            size_t first = w->r.qlen;
            omv__reach_bfs(&w->r, net, v);
            for (size_t q = first; q < w->r.qlen; q++) {
                int32_t u = w->r.queue[q];
                w->comp[u] = p;
                pt->size++;
                pt->core += f->is_core[u];
                pt->as += f->based[u];
                if (f->counted[u]) {
                    pt->rs++;
                    pt->pop += net->nodes[u].population;
                }
            }
        }
    }
    if (f->has_core) {
        for (size_t t = 0; t < w->ntouched; t++) {
            const omv__part *c = &f->cc[w->touched[t]];
            if (c->core > 0) {
                w->rs += c->rs;
                w->pop += c->pop;
                w->as += c->as;
            }
        }
        for (size_t p = 0; p < w->nparts; p++) {
            if (w->parts[p].core > 0) {
                w->rs -= w->parts[p].rs;
                w->pop -= w->parts[p].pop;
                w->as -= w->parts[p].as;
            }
        }
        return 0;
    }
    for (size_t p = 0; p < w->nparts; p++)
        if (w->winner < 0 || omv__part_better(&w->parts[p], &w->parts[w->winner]))
            w->winner = (int32_t)p;
    for (size_t r = 0; r < d->ncc; r++) {
        int32_t k = f->cc_rank[r];
        if (w->ccmark[k] != w->ccstamp) {
            w->outside = f->cc[k];
            break;
        }
    }
    if (w->winner >= 0 && omv__part_better(&w->outside, &w->parts[w->winner]))
        w->winner = -1;
    const omv__part *c0 = &f->cc[f->c0];
    w->rs = c0->rs;
    w->pop = c0->pop;
    w->as = c0->as;
    if (w->winner >= 0) {
        /* Parts outside C0 hold no counted site, so this is right wherever the winner lies. */
        w->rs -= w->parts[w->winner].rs;
        w->pop -= w->parts[w->winner].pop;
        w->as -= w->parts[w->winner].as;
    }
    return 0;
}

int omv__scen_lost(const omv__scen *w, const omv__frame *f, int32_t p)
{
    return f->has_core ? w->parts[p].core == 0 : p != w->winner;
}

int omv__scen_list(const omv__scen *w, const omv__frame *f, int32_t **out, size_t *len, size_t *cap)
{
    if (!f->has_core && (f->c0 < 0 || w->ccmark[f->c0] != w->ccstamp))
        return 0;
    for (size_t t = 0; t < w->ntouched; t++) {
        int32_t k = w->touched[t];
        if (f->has_core ? f->cc[k].core == 0 : k != f->c0)
            continue;
        for (int32_t x = f->bycc_at[k]; x < f->bycc_at[k + 1]; x++) {
            int32_t v = f->bycc[x];
            if (!f->counted[v])
                continue;
            if (omv__reach_seen(&w->r, v) && !omv__scen_lost(w, f, w->comp[v]))
                continue;
            if (OMV_GROW(*out, *cap, *len + 1))
                return OMV_ENOMEM;
            (*out)[(*len)++] = v;
        }
    }
    return 0;
}
