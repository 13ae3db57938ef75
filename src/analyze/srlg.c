/*
 * srlg.c — shared-risk groups: every existing link of a group fails at once (a duct, a bridge, a
 * landing). Links of one group that run in parallel fail together, so a doubled link inside one duct
 * cuts like a single one. A group whose cycle-space labels are independent provably cuts nothing and
 * is settled in O(its size); the others are evaluated by search (scenario.c, which stops once only
 * the rest of the component is left), in parallel with one workspace per thread, and the results are
 * stored by group index so that the thread count cannot change them.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

int omv__srlg_build(omv__frame *f)
{
    const omv_net *net = f->net;
    size_t ng = net->nsrlg;
    if (f->srlg_at)
        return 0;
    f->srlg_at = calloc(ng + 2, sizeof(*f->srlg_at));
    if (!f->srlg_at)
        return OMV_NOMEM(f->ctx, "risk groups");
    for (size_t e = 0; e < net->nlinks; e++) {
        const omv__link *l = &net->links[e];
        if (!omv__link_exists(net, e))
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
        if (!omv__link_exists(net, e))
            continue;
        for (uint32_t j = 0; j < l->nsrlg; j++)
            f->srlg_links[cur[net->link_srlg[l->srlg_off + j]]++] = (int32_t)e;
    }
    free(cur);
    return 0;
}

/* The cycle-space label of existing link e (0 for a bridge). */
static uint64_t link_label(const omv__frame *f, int32_t e)
{
    int32_t c = omv__dfs_link_child(&f->dfs, f->net, (size_t)e);
    if (c >= 0)
        return f->px[c] ^ f->px[c + f->dfs.sz[c]];
    return omv__label(f->salt, e);
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
        uint64_t v = link_label(f, f->srlg_links[x]);
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
    for (size_t x = f->srlg_at[g]; x < f->srlg_at[g + 1]; x++)
        if (omv__scen_fail_link(w, f, f->srlg_links[x]))
            return OMV_ENOMEM;
    return omv__scen_eval(w, f, 0);
}

int omv__spof_srlg(omv__frame *f, omv_spof *s)
{
    int rc = omv__srlg_build(f);
    if (rc)
        return rc;
    size_t ng = f->net->nsrlg, nsel = 0, work = 0;
    int32_t *sel = malloc((ng + 1) * sizeof(*sel));
    int64_t *res = calloc(3 * ng + 1, sizeof(*res)); /* rs, pop, as per group */
    omv__scen *ws = NULL;
    int nt = 0;
    if (!sel || !res) {
        rc = OMV_NOMEM(f->ctx, "risk groups");
        goto cleanup;
    }
    for (size_t g = 0; g < ng; g++) {
        if (may_cut(f, g)) {
            sel[nsel++] = (int32_t)g;
            work += 64 * (f->srlg_at[g + 1] - f->srlg_at[g]);
        }
    }
    /* Labels are only needed for the test above. */
    free(f->px);
    f->px = NULL;
    nt = nsel == 0 ? 0 : omv__par(work) ? f->nthreads : 1;
    ws = calloc((size_t)nt + 1, sizeof(*ws));
    if (!ws) {
        rc = OMV_NOMEM(f->ctx, "risk groups");
        goto cleanup;
    }
    for (int t = 0; t < nt && !rc; t++)
        rc = omv__scen_init(&ws[t], f);
    if (rc)
        goto cleanup;
    int failed = 0, stop = 0;
    size_t ndone = 0;
    const omv__frame *cf = f;
    if (nsel > 0) {
#pragma omp parallel num_threads(nt) if (nt > 1)
        {
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            omv__scen *w = &ws[tid];
#pragma omp for schedule(dynamic, 1)
            for (size_t i = 0; i < nsel; i++) {
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
                size_t g = (size_t)sel[i];
                if (omv__srlg_eval(cf, w, g)) {
#pragma omp atomic write
                    failed = 1;
#pragma omp atomic write
                    stop = 1;
                } else {
                    res[3 * g] = w->rs;
                    res[3 * g + 1] = w->pop;
                    res[3 * g + 2] = w->as;
                }
                omv__scen_reset(w);
                size_t d;
#pragma omp atomic capture
                d = ++ndone;
                if (tid == 0)
                    omv__progress(cf->ctx, "risk groups", d, nsel);
            }
        }
    }
    omv__progress(f->ctx, "risk groups", nsel, nsel);
    if (failed) {
        rc = OMV_NOMEM(f->ctx, "risk groups");
        goto cleanup;
    }
    if (stop)
        s->interrupted = 1;
    for (size_t g = 0; g < ng && !rc; g++) {
        s->counts[OMV_ITEM_SRLG] += res[3 * g + 2] > 0;
        if (res[3 * g] > 0)
            rc = omv__spof_add_item(s, f->ctx, OMV_ITEM_SRLG, (uint32_t)g, res[3 * g + 1], (size_t)res[3 * g]);
    }
cleanup:
    if (ws)
        for (int t = 0; t < nt; t++)
            omv__scen_free(&ws[t]);
    free(ws);
    free(sel);
    free(res);
    return rc;
}
