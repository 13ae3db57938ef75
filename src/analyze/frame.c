/*
 * frame.c — the analysis frame every failure class reads: the core (given ids, or kinds core and
 * ixp, or none), the sites and the region, one search tree of the network with prefix sums over its
 * preorder, and the rule that decides which pieces of a component lose the core after a failure.
 */
#include "analyze/site.h"
#include "analyze/sort.h"
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

void omv__frame_free(omv__frame *f)
{
    free(f->nflag);
    omv__dfs_free(&f->dfs);
    free(f->cc);
    free(f->cc_rank);
    free(f->p_rs);
    free(f->p_pop);
    free(f->p_pop32);
    free(f->core_pos);
    omv__rangemin_free(&f->rmq);
    free(f->lam);
    free(f->diff);
    free(f->px);
    free(f->srlg_links);
    free(f->srlg_at);
    free(f->grp.link);
    free(f->grp.child);
    free(f->grp.at);
    free(f->pair_child);
    memset(f, 0, sizeof(*f));
}

/* Components ranked best first for the role of the core: larger, then lower lowest node. */
typedef struct {
    int64_t size;
    int32_t min, k;
} rank_key;

#define RANK_LESS(x, y) ((x)->size > (y)->size || ((x)->size == (y)->size && (x)->min < (y)->min))
OMV__DEFINE_SORT(sort_ranks, rank_key, RANK_LESS)

static int resolve_core(omv__frame *f, omv_spof *s)
{
    size_t nc = 0;
    int rc = omv__core_mark(f->ctx, f->net, f->opt->core_ids, f->opt->ncore, f->nflag, OMV__NF_CORE, &nc);
    if (rc)
        return rc;
    s->core = omv__big_malloc((nc + 1) * sizeof(*s->core));
    if (!s->core)
        return OMV_NOMEM(f->ctx, "core");
    for (size_t v = 0; v < f->n; v++)
        if (f->nflag[v] & OMV__NF_CORE)
            s->core[s->ncore++] = (int32_t)v;
    f->has_core = nc > 0;
    return 0;
}

/* Component totals, their ranking and (without core) C0 and the runner-up. */
static int rank_components(omv__frame *f)
{
    const omv__dfs *d = &f->dfs;
    size_t ncc = d->ncc;
    f->cc = omv__big_calloc(ncc + 1, sizeof(*f->cc));
    f->cc_rank = omv__big_malloc((ncc + 1) * sizeof(*f->cc_rank));
    rank_key *keys = omv__big_malloc((ncc + 1) * sizeof(*keys));
    if (!f->cc || !f->cc_rank || !keys) {
        free(keys);
        return OMV_NOMEM(f->ctx, "components");
    }
    for (size_t k = 0; k < ncc; k++) {
        omv__part *c = &f->cc[k];
        int32_t lo = d->cc_start[k], hi = d->cc_start[k + 1];
        c->cc = (int32_t)k;
        c->size = hi - lo;
        c->min = d->order[lo];
        for (int32_t p = lo; p < hi; p++)
            c->core += f->nflag[d->order[p]] & OMV__NF_CORE;
        keys[k] = (rank_key){c->size, c->min, (int32_t)k};
    }
    sort_ranks(keys, ncc);
    for (size_t k = 0; k < ncc; k++)
        f->cc_rank[k] = keys[k].k;
    free(keys);
    if (!f->has_core && ncc > 0) {
        f->c0 = f->cc_rank[0];
        f->r = ncc > 1 ? f->cc_rank[1] : -1;
    }
    return 0;
}

int omv__frame_build(omv__frame *f, omv_ctx *ctx, const omv_net *net, const omv_spof_options *opt, omv_spof *s)
{
    memset(f, 0, sizeof(*f));
    f->ctx = ctx;
    f->net = net;
    f->opt = opt;
    f->n = net->nnodes;
    f->nthreads = omv__threads(ctx);
    f->c0 = f->r = -1;
    size_t n = f->n;
    int rc;
    f->nflag = omv__big_calloc(n + 1, 1);
    f->lam = omv__big_calloc(n + 1, 1);
    if (!f->nflag || !f->lam)
        return OMV_NOMEM(ctx, "failure analysis");
    if ((rc = resolve_core(f, s)))
        return rc;
    for (size_t v = 0; v < n; v++) {
        if (!omv__node_is_site(net, v, (f->nflag[v] & OMV__NF_CORE) != 0))
            continue;
        f->nflag[v] |= OMV__NF_SITE;
        if (!opt->region || omv_region_has(opt->region, net, v))
            f->nflag[v] |= OMV__NF_REGION;
    }
    if ((rc = omv__dfs_run(&f->dfs, ctx, net)) || (rc = rank_components(f)))
        return rc;
    return 0;
}

int omv__frame_sums(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    size_t nb = f->n + 1;
    f->core_pos = omv__big_malloc((s->ncore + 1) * sizeof(int32_t));
    if (!f->core_pos)
        return OMV_NOMEM(f->ctx, "failure analysis");
    /* Sites connected before any failure, and the counted ones. */
    uint64_t total = 0;
    int narrow = 1;
    for (size_t k = 0; k < d->ncc; k++) {
        omv__part *c = &f->cc[k];
        int rel = omv__frame_relevant(f, (int32_t)k);
        for (int32_t p = d->cc_start[k]; p < d->cc_start[k + 1]; p++) {
            int32_t v = d->order[p];
            uint8_t fl = f->nflag[v];
            if (fl & OMV__NF_CORE)
                f->core_pos[f->ncore_pos++] = p;
            if (!rel || !(fl & OMV__NF_SITE))
                continue;
            fl |= OMV__NF_BASED;
            c->as++;
            if (fl & OMV__NF_REGION) {
                int64_t pop = omv__node_pop(net, v);
                fl |= OMV__NF_COUNTED;
                c->rs++;
                c->pop += pop;
                narrow &= pop >= 0;
                total += pop >= 0 ? (uint64_t)pop : 0;
            }
            f->nflag[v] = fl;
        }
    }
    /* Prefix sums over preorder. While the counted population stays below 2^32, every range sum
     * does too, and 32-bit prefix sums taken modulo 2^32 give it exactly: 4 MB saved per million. */
    narrow &= total < ((uint64_t)1 << 32);
    f->p_rs = omv__big_malloc(nb * sizeof(int32_t));
    if (narrow)
        f->p_pop32 = omv__big_malloc(nb * sizeof(uint32_t));
    else
        f->p_pop = omv__big_malloc(nb * sizeof(int64_t));
    if (!f->p_rs || (!f->p_pop32 && !f->p_pop))
        return OMV_NOMEM(f->ctx, "failure analysis");
    int32_t rs = 0;
    uint64_t pop = 0;
    for (size_t p = 0; p < f->n; p++) {
        int32_t v = d->order[p];
        f->p_rs[p] = rs;
        if (narrow)
            f->p_pop32[p] = (uint32_t)pop;
        else
            f->p_pop[p] = (int64_t)pop;
        if (f->nflag[v] & OMV__NF_COUNTED) {
            rs++;
            pop += (uint64_t)omv__node_pop(net, v);
        }
    }
    f->p_rs[f->n] = rs;
    if (narrow)
        f->p_pop32[f->n] = (uint32_t)pop;
    else
        f->p_pop[f->n] = (int64_t)pop;
    if (!f->has_core)
        return omv__rangemin_init(&f->rmq, f->ctx, d->order, f->n);
    return 0;
}

/* Core nodes among positions [lo, hi). */
static int64_t core_in(const omv__frame *f, int32_t lo, int32_t hi)
{
    const int32_t *a = f->core_pos;
    size_t l = 0, h = f->ncore_pos;
    while (l < h) { /* first >= lo */
        size_t m = (l + h) / 2;
        if (a[m] < lo)
            l = m + 1;
        else
            h = m;
    }
    size_t first = l;
    h = f->ncore_pos;
    while (l < h) { /* first >= hi */
        size_t m = (l + h) / 2;
        if (a[m] < hi)
            l = m + 1;
        else
            h = m;
    }
    return (int64_t)(l - first);
}

void omv__frame_range_part(const omv__frame *f, int32_t k, const omv__range *rg, size_t nr, omv__part *out)
{
    memset(out, 0, sizeof(*out));
    out->cc = k;
    out->min = INT32_MAX;
    for (size_t i = 0; i < nr; i++) {
        int32_t lo = rg[i].lo, hi = rg[i].hi;
        if (lo >= hi)
            continue;
        out->size += hi - lo;
        out->rs += f->p_rs[hi] - f->p_rs[lo];
        out->pop += omv__frame_pop(f, lo, hi);
        if (f->has_core) {
            out->core += core_in(f, lo, hi);
        } else {
            int32_t m = omv__rangemin_get(&f->rmq, (size_t)lo, (size_t)hi);
            out->min = m < out->min ? m : out->min;
        }
    }
}

void omv__frame_decide(const omv__frame *f, int32_t k, const omv__part *parts, size_t np, uint8_t *lost)
{
    if (f->has_core) {
        int any = f->cc[k].core > 0;
        for (size_t i = 0; i < np; i++)
            lost[i] = any && parts[i].core == 0;
        return;
    }
    if (k != f->c0) {
        memset(lost, 0, np);
        return;
    }
    size_t best = np;
    for (size_t i = 0; i < np; i++)
        if (parts[i].size > 0 && (best == np || omv__part_better(&parts[i], &parts[best])))
            best = i;
    /* The runner-up component is untouched and may now be the largest. */
    int r_wins = f->r >= 0 && (best == np || omv__part_better(&f->cc[f->r], &parts[best]));
    for (size_t i = 0; i < np; i++)
        lost[i] = r_wins || i != best;
}

int omv__frame_emit(const omv__frame *f, const omv__range *rg, size_t nr, int32_t *out, size_t *len, size_t cap)
{
    const int32_t *order = f->dfs.order;
    for (size_t i = 0; i < nr; i++) {
        int32_t lo = rg[i].lo, hi = rg[i].hi;
        if (lo >= hi || f->p_rs[lo] == f->p_rs[hi])
            continue;
        if (*len + (size_t)(f->p_rs[hi] - f->p_rs[lo]) > cap)
            return 1;
        for (int32_t p = lo; p < hi; p++) {
            int32_t v = order[p];
            if (f->nflag[v] & OMV__NF_COUNTED)
                out[(*len)++] = v;
        }
    }
    return 0;
}

int omv__frame_marks_begin(omv__frame *f)
{
    free(f->diff);
    f->diff = omv__big_calloc(f->n + 2, sizeof(*f->diff));
    return f->diff ? 0 : OMV_NOMEM(f->ctx, "lambda marks");
}

void omv__frame_marks_end(omv__frame *f, uint8_t bit)
{
    int32_t run = 0;
    for (size_t p = 0; p < f->n; p++) {
        run += f->diff[p];
        if (run > 0)
            f->lam[p] |= bit;
    }
    free(f->diff);
    f->diff = NULL;
}
