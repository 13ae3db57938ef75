/*
 * srlg.c — shared-risk groups: every existing link of a group fails at once (a duct, a bridge, a
 * landing). Links of one group that run in parallel fail together, so a doubled link inside one duct
 * cuts like a single one. A group whose cycle-space labels are independent provably cuts nothing and
 * is settled in O(its size); the others are evaluated by search, in parallel with one workspace per
 * thread, and the results are stored by group index so that the thread count cannot change them.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

static int build_groups(omv__frame *f)
{
    const omv_net *net = f->net;
    size_t ng = net->nsrlg;
    f->srlg_at = calloc(ng + 2, sizeof(*f->srlg_at));
    if (!f->srlg_at)
        return OMV_NOMEM(f->ctx, "risk groups");
    for (size_t e = 0; e < net->nlinks; e++) {
        const omv__link *l = &net->links[e];
        if (l->status != OMV_STATUS_EXISTING)
            continue;
        for (uint32_t j = 0; j < l->nsrlg; j++)
            f->srlg_at[net->link_srlg[l->srlg_off + j] + 1]++;
    }
    for (size_t g = 0; g < ng; g++)
        f->srlg_at[g + 1] += f->srlg_at[g];
    f->srlg_links = malloc((f->srlg_at[ng] + 1) * sizeof(*f->srlg_links));
    size_t *cur = malloc((ng + 1) * sizeof(*cur));
    if (!f->srlg_links || !cur) {
        free(cur);
        return OMV_NOMEM(f->ctx, "risk groups");
    }
    for (size_t g = 0; g <= ng; g++)
        cur[g] = f->srlg_at[g];
    for (size_t e = 0; e < net->nlinks; e++) {
        const omv__link *l = &net->links[e];
        if (l->status != OMV_STATUS_EXISTING)
            continue;
        for (uint32_t j = 0; j < l->nsrlg; j++)
            f->srlg_links[cur[net->link_srlg[l->srlg_off + j]]++] = (int32_t)e;
    }
    free(cur);
    return 0;
}

/* 1 when the labels of the group's links are linearly dependent over GF(2) (some of them XOR to 0).
 * Independent labels prove that the group holds no cut, so its failure cuts nothing off and needs no
 * search; dependent ones (a bridge has label 0) are searched. */
static int may_cut(const omv__frame *f, size_t g)
{
    uint64_t basis[64] = {0};
    if (f->srlg_at[g + 1] - f->srlg_at[g] > 64)
        return 1;
    for (size_t x = f->srlg_at[g]; x < f->srlg_at[g + 1]; x++) {
        uint64_t v = f->label[f->srlg_links[x]];
        for (int b = 63; b >= 0 && v; b--) {
            if (!((v >> b) & 1))
                continue;
            if (!basis[b]) {
                basis[b] = v;
                break;
            }
            v ^= basis[b];
        }
        if (!v)
            return 1;
    }
    return 0;
}

int omv__srlg_eval(const omv__frame *f, omv__scen *w, size_t g)
{
    omv__reach_new_scenario(&w->r);
    w->ntouch = 0;
    for (size_t x = f->srlg_at[g]; x < f->srlg_at[g + 1]; x++) {
        int32_t e = f->srlg_links[x];
        omv__reach_fail_link(&w->r, e);
        if (omv__scen_touch(w, f->net->links[e].a) || omv__scen_touch(w, f->net->links[e].b))
            return OMV_ENOMEM;
    }
    return omv__scen_eval(w, f);
}

int omv__spof_srlg(omv__frame *f, omv_spof *s)
{
    int rc = build_groups(f);
    if (rc)
        return rc;
    size_t ng = f->net->nsrlg;
    int nt = f->nthreads;
    int64_t *res = calloc(3 * ng + 1, sizeof(*res)); /* rs, pop, as per group */
    omv__scen *ws = calloc((size_t)nt, sizeof(*ws));
    if (!res || !ws) {
        rc = OMV_NOMEM(f->ctx, "risk groups");
        goto cleanup;
    }
    for (int t = 0; t < nt && !rc; t++)
        rc = omv__scen_init(&ws[t], f);
    if (rc)
        goto cleanup;
    int failed = 0, stop = 0;
    const omv__frame *cf = f;
    size_t work = ng * (f->n + 2 * f->net->n_existing);
#pragma omp parallel num_threads(nt) if (omv__par(work))
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        omv__scen *w = &ws[tid];
#pragma omp for schedule(dynamic, 1)
        for (size_t g = 0; g < ng; g++) {
            int halt;
#pragma omp atomic read
            halt = stop;
            if (halt)
                continue;
            if (omv__interrupted(cf->ctx)) {
#pragma omp atomic write
                stop = 1;
                continue;
            }
            if (!may_cut(cf, g))
                continue; /* res stays 0 */
            if (omv__srlg_eval(cf, w, g)) {
#pragma omp atomic write
                failed = 1;
#pragma omp atomic write
                stop = 1;
                continue;
            }
            res[3 * g] = w->rs;
            res[3 * g + 1] = w->pop;
            res[3 * g + 2] = w->as;
        }
    }
    if (failed) {
        rc = OMV_NOMEM(f->ctx, "risk groups");
        goto cleanup;
    }
    if (stop)
        s->interrupted = 1;
    for (size_t g = 0; g < ng && !rc; g++) {
        s->counts[OMV_ITEM_SRLG] += res[3 * g + 2] > 0;
        if (res[3 * g] > 0) {
            omv__item it = {{OMV_ITEM_SRLG, {-1, -1}, -1, (long)g, 0, (size_t)res[3 * g], res[3 * g + 1]},
                            (int32_t)g, 0, 0, 0, 0, 0};
            rc = omv__spof_add_item(s, f->ctx, &it);
        }
    }
cleanup:
    if (ws)
        for (int t = 0; t < nt; t++)
            omv__scen_free(&ws[t]);
    free(ws);
    free(res);
    return rc;
}
