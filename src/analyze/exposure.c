/*
 * exposure.c — per site, whether one shared-risk group cuts it off. Lambda counts link-disjoint
 * paths, and two paths through one duct are two paths to lambda; this mark says when a single
 * group failure isolates the site all the same, so that a report can put it beside lambda.
 *
 * Only the groups that cut off region sites (the group items) are evaluated again, in parallel with
 * one workspace and one list per thread; the marks are set afterwards in one thread, so the result
 * does not depend on the thread count. Cost: that of the group pass once more for those groups, plus
 * the size of their components for the lists.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

typedef struct {
    omv__scen scen;
    int32_t *out;
    size_t len, cap;
    int failed;
} marker;

int omv__spof_srlg_marks(omv__frame *f, omv_spof *s)
{
    s->srlg_cut = calloc(f->n + 1, 1);
    if (!s->srlg_cut)
        return OMV_NOMEM(f->ctx, "risk-group marks");
    for (size_t v = 0; v < f->n; v++)
        s->srlg_cut[v] = (f->nflag[v] & OMV__NF_REGION) ? 1 : 0;
    size_t ng = 0;
    int32_t *groups = malloc((s->nitems + 1) * sizeof(*groups));
    if (!groups)
        return OMV_NOMEM(f->ctx, "risk-group marks");
    for (size_t i = 0; i < s->nitems; i++) {
        uint32_t ref = omv__item_ref(&s->items[i]);
        if (ref >= s->base[OMV_ITEM_SRLG] && ref < s->base[OMV_ITEM_SRLG + 1])
            groups[ng++] = (int32_t)(ref - s->base[OMV_ITEM_SRLG]);
    }
    int nt = ng == 0 ? 0 : ng > 1 && omv__par(f->n) ? f->nthreads : 1;
    marker *ms = calloc((size_t)nt + 1, sizeof(*ms));
    int rc = ms ? 0 : OMV_NOMEM(f->ctx, "risk-group marks");
    for (int t = 0; t < nt && !rc; t++)
        rc = omv__scen_init(&ms[t].scen, f);
    if (rc)
        goto cleanup;
    const omv__frame *cf = f;
    if (ng > 0) {
#pragma omp parallel num_threads(nt) if (nt > 1)
        {
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            marker *m = &ms[tid];
#pragma omp for schedule(dynamic, 1)
            for (size_t i = 0; i < ng; i++) {
                if (m->failed)
                    continue;
                if (omv__srlg_eval(cf, &m->scen, (size_t)groups[i])) {
                    m->failed = 1;
                    continue;
                }
                size_t want = m->len + (size_t)m->scen.rs;
                if (OMV_GROW(m->out, m->cap, want + 1) ||
                    omv__scen_list(&m->scen, cf, m->out, &m->len, m->cap))
                    m->failed = 1;
                omv__scen_reset(&m->scen);
            }
        }
    }
    for (int t = 0; t < nt; t++) {
        if (ms[t].failed) {
            rc = OMV_NOMEM(f->ctx, "risk-group marks");
            goto cleanup;
        }
        for (size_t k = 0; k < ms[t].len; k++)
            s->srlg_cut[ms[t].out[k]] = 2;
    }
cleanup:
    if (ms)
        for (int t = 0; t < nt; t++) {
            omv__scen_free(&ms[t].scen);
            free(ms[t].out);
        }
    free(ms);
    free(groups);
    return rc;
}

int omv_spof_site_srlg_cut(const omv_spof *s, size_t node)
{
    if (!s->srlg_cut || node >= s->n || !s->srlg_cut[node])
        return -1;
    return s->srlg_cut[node] == 2;
}

int omv_spof_srlg_summary(const omv_spof *s, size_t sites[4], int64_t population[4])
{
    for (int k = 0; k < 4; k++) {
        sites[k] = s->grp_sites[k];
        population[k] = s->grp_pop[k];
    }
    return s->srlg_cut ? 0 : OMV_EARG;
}
