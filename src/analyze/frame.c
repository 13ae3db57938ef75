/*
 * frame.c — the analysis frame every failure class reads: the core (given ids, or kinds core and
 * ixp, or none), the sites and the region, one search tree of the network with prefix sums over its
 * preorder, and the rule that decides which pieces of a component lose the core after a failure.
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

void omv__frame_free(omv__frame *f)
{
    free(f->is_core);
    free(f->is_site);
    free(f->in_region);
    free(f->counted);
    free(f->based);
    omv__dfs_free(&f->dfs);
    free(f->cc);
    free(f->cc_rank);
    free(f->p_core);
    free(f->p_rs);
    free(f->p_as);
    free(f->p_pop);
    free(f->rs_order);
    omv__rangemin_free(&f->rmq);
    free(f->bycc);
    free(f->bycc_at);
    free(f->mark1);
    free(f->mark2);
    free(f->label);
    free(f->srlg_links);
    free(f->srlg_at);
    memset(f, 0, sizeof(*f));
}

/* Components ranked best first for the role of the core: larger, then lower lowest node. */
typedef struct {
    int64_t size;
    int32_t min, k;
} rank_key;

static int cmp_rank(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->min > y->min) - (x->min < y->min);
}

static int resolve_core(omv__frame *f, omv_spof *s)
{
    const omv_net *net = f->net;
    const omv_spof_options *opt = f->opt;
    if (opt->core_ids) {
        for (size_t i = 0; i < opt->ncore; i++) {
            const char *id = opt->core_ids[i];
            long v = id ? omv_net_node_find(net, id) : -1;
            if (v < 0)
                return OMV_ERR(f->ctx, OMV_EARG, "unknown core node '%s'", id ? id : "(null)");
            f->is_core[v] = 1;
        }
    } else {
        for (size_t v = 0; v < f->n; v++)
            f->is_core[v] = net->nodes[v].kind == OMV_KIND_CORE || net->nodes[v].kind == OMV_KIND_IXP;
    }
    size_t nc = 0;
    for (size_t v = 0; v < f->n; v++)
        nc += f->is_core[v];
    s->core = malloc((nc + 1) * sizeof(*s->core));
    if (!s->core)
        return OMV_NOMEM(f->ctx, "core");
    for (size_t v = 0; v < f->n; v++)
        if (f->is_core[v])
            s->core[s->ncore++] = (int32_t)v;
    f->has_core = nc > 0;
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
    size_t n = f->n, nb = n + 1;
    int rc;
    f->is_core = calloc(nb, 1);
    f->is_site = calloc(nb, 1);
    f->in_region = calloc(nb, 1);
    f->counted = calloc(nb, 1);
    f->based = calloc(nb, 1);
    f->mark1 = calloc(nb + 1, sizeof(int32_t));
    f->mark2 = calloc(nb + 1, sizeof(int32_t));
    if (!f->is_core || !f->is_site || !f->in_region || !f->counted || !f->based || !f->mark1 || !f->mark2)
        return OMV_NOMEM(ctx, "failure analysis");
    if ((rc = resolve_core(f, s)))
        return rc;
    for (size_t v = 0; v < n; v++) {
        f->is_site[v] = !f->is_core[v] && net->nodes[v].kind != OMV_KIND_WAYPOINT;
        f->in_region[v] = f->is_site[v] && (!opt->region || omv_region_has(opt->region, net, v));
        size_t deg = (size_t)(net->off[v + 1] - net->off[v]);
        f->maxdeg = deg > f->maxdeg ? deg : f->maxdeg;
    }
    if ((rc = omv__dfs_run(&f->dfs, ctx, net)))
        return rc;
    const omv__dfs *d = &f->dfs;
    size_t ncc = d->ncc;
    f->cc = calloc(ncc + 1, sizeof(*f->cc));
    f->cc_rank = malloc((ncc + 1) * sizeof(*f->cc_rank));
    rank_key *keys = malloc((ncc + 1) * sizeof(*keys));
    if (!f->cc || !f->cc_rank || !keys) {
        free(keys);
        return OMV_NOMEM(ctx, "components");
    }
    for (size_t k = 0; k < ncc; k++) {
        omv__part *c = &f->cc[k];
        c->cc = (int32_t)k;
        c->size = d->cc_start[k + 1] - d->cc_start[k];
        c->min = d->order[d->cc_start[k]];
        keys[k].size = c->size;
        keys[k].min = c->min;
        keys[k].k = (int32_t)k;
    }
    for (size_t v = 0; v < n; v++)
        f->cc[d->cc[v]].core += f->is_core[v];
    qsort(keys, ncc, sizeof(*keys), cmp_rank);
    for (size_t k = 0; k < ncc; k++)
        f->cc_rank[k] = keys[k].k;
    free(keys);
    if (!f->has_core && ncc > 0) {
        f->c0 = f->cc_rank[0];
        f->r = ncc > 1 ? f->cc_rank[1] : -1;
    }
    for (size_t v = 0; v < n; v++) {
        int32_t k = d->cc[v];
        f->based[v] = f->is_site[v] && (f->has_core ? f->cc[k].core > 0 : k == f->c0);
        f->counted[v] = f->based[v] && f->in_region[v];
        f->cc[k].rs += f->counted[v];
        f->cc[k].pop += f->counted[v] ? net->nodes[v].population : 0;
        f->cc[k].as += f->based[v];
    }
    /* Prefix sums over preorder. */
    f->p_core = malloc((nb + 1) * sizeof(int32_t));
    f->p_rs = malloc((nb + 1) * sizeof(int32_t));
    f->p_as = malloc((nb + 1) * sizeof(int32_t));
    f->p_pop = malloc((nb + 1) * sizeof(int64_t));
    f->rs_order = malloc(nb * sizeof(int32_t));
    f->bycc = malloc(nb * sizeof(int32_t));
    f->bycc_at = calloc(ncc + 2, sizeof(int32_t));
    if (!f->p_core || !f->p_rs || !f->p_as || !f->p_pop || !f->rs_order || !f->bycc || !f->bycc_at)
        return OMV_NOMEM(ctx, "failure analysis");
    f->p_core[0] = f->p_rs[0] = f->p_as[0] = 0;
    f->p_pop[0] = 0;
    for (size_t p = 0; p < n; p++) {
        int32_t v = d->order[p];
        f->p_core[p + 1] = f->p_core[p] + f->is_core[v];
        f->p_rs[p + 1] = f->p_rs[p] + f->counted[v];
        f->p_as[p + 1] = f->p_as[p] + f->based[v];
        f->p_pop[p + 1] = f->p_pop[p] + (f->counted[v] ? net->nodes[v].population : 0);
        if (f->counted[v])
            f->rs_order[f->p_rs[p]] = v;
    }
    /* Nodes by component, ascending within each (a counting sort keeps index order). */
    for (size_t v = 0; v < n; v++)
        f->bycc_at[d->cc[v] + 1]++;
    for (size_t k = 0; k < ncc; k++)
        f->bycc_at[k + 1] += f->bycc_at[k];
    {
        int32_t *cur = malloc((ncc + 1) * sizeof(*cur));
        if (!cur)
            return OMV_NOMEM(ctx, "components");
        memcpy(cur, f->bycc_at, (ncc + 1) * sizeof(*cur));
        for (size_t v = 0; v < n; v++)
            f->bycc[cur[d->cc[v]]++] = (int32_t)v;
        free(cur);
    }
    if (!f->has_core && (rc = omv__rangemin_init(&f->rmq, ctx, d->order, n)))
        return rc;
    return 0;
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
        out->core += f->p_core[hi] - f->p_core[lo];
        out->rs += f->p_rs[hi] - f->p_rs[lo];
        out->as += f->p_as[hi] - f->p_as[lo];
        out->pop += f->p_pop[hi] - f->p_pop[lo];
        if (!f->has_core) {
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

int omv__frame_emit(const omv__frame *f, const omv__range *rg, size_t nr, int32_t **out, size_t *len, size_t *cap)
{
    for (size_t i = 0; i < nr; i++) {
        if (rg[i].lo >= rg[i].hi)
            continue;
        int32_t a = f->p_rs[rg[i].lo], b = f->p_rs[rg[i].hi];
        if (a == b)
            continue;
        if (OMV_GROW(*out, *cap, *len + (size_t)(b - a)))
            return OMV_ENOMEM;
        memcpy(*out + *len, f->rs_order + a, (size_t)(b - a) * sizeof(int32_t));
        *len += (size_t)(b - a);
    }
    return 0;
}
