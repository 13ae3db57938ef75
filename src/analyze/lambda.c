/*
 * lambda.c — link-disjoint paths from each site to the core: 0, 1, 2 or 3+, and exact values on
 * request.
 *
 * 0, 1, 2 and "3 or more" come from structure alone, in O(nodes + links): 0 when the site is not
 * connected; 1 when a bridge cuts it off (single.c marks those sides); 2 when a cut pair does
 * (cutpair.c marks those segments) or two bridges do. Nothing else can give 2: in a minimum cut of two
 * links holding a bridge, the other link must be a bridge too (a link on a cycle cannot separate the
 * side of the bridge that keeps a core node); two non-bridges whose joint failure separates the site
 * disconnect the network, so they are a cut pair. Two bridges cut a site off exactly when its
 * 2-edge-connected component holds no core node and only two of its branches in the bridge tree do.
 *
 * Exact values above 2 need a max-flow from the core to the site (unit capacities, Dinic), run in
 * parallel over those sites with one workspace per thread. The flow stops at the site's upper bound
 * (its links, and the core's links to the rest): a site with three links and no single or double
 * cut is exactly 3 without any flow, and a flow that meets the bound needs no last, failing search.
 *
 * Without core nodes there is no source to count paths from; lambda then follows the failure rule of
 * that mode (the largest remaining component plays the core): 1 when a single link failure cuts the
 * site off, 2 when a cut pair does, otherwise 3 (meaning 3 or more), also with exact_lambda.
 */
#include "analyze/maxflow.h"
#include "analyze/spof_int.h"

#include <math.h>
#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* A site's upper bound: its links (self-loops are no path), and the core's links to the rest. */
static double upper_bound(const omv_net *net, int32_t v, double core_cut)
{
    double b = net->off[v + 1] - net->off[v];
    for (int32_t k = net->off[v]; k < net->off[v + 1]; k++)
        b -= net->adj[k] == v;
    return core_cut < b ? core_cut : b;
}

/*
 * Exact values for the structural 3+ sites. With C_k the core and every node with at least k
 * disjoint paths to it, a site has k paths to the core exactly when it has k paths to C_k (a cut of
 * fewer than k links around the site cannot hold a node of C_k, so it separates the site from C_k
 * too). So the sites are taken in waves by hop distance from the core, each wave in parallel with
 * one workspace per thread, and a site's flow runs towards the core and the sites of earlier waves
 * known to have at least its bound b: it usually meets them one hop away. A flow that reaches b
 * proves lambda = b; one that stops below b is run again towards the core alone (same limit), which
 * gives the exact value. Levels are updated between waves only, so the result does not depend on
 * the thread count.
 */
static int exact(omv__frame *f, omv_spof *s)
{
    const omv_net *net = f->net;
    size_t n = f->n, nt = (size_t)f->nthreads, nsel = 0;
    int32_t *sel = omv__big_malloc((n + 1) * sizeof(*sel));
    int32_t *dist = omv__big_malloc((n + 1) * sizeof(*dist));
    int32_t *queue = omv__big_malloc((n + 1) * sizeof(*queue));
    uint8_t *lvl = omv__big_calloc(n + 1, 1);
    int32_t *res = omv__big_malloc((n + 1) * sizeof(*res));
    omv__mf **ws = calloc(nt, sizeof(*ws));
    int rc = 0;
    if (!sel || !dist || !queue || !lvl || !res || !ws) {
        rc = OMV_NOMEM(f->ctx, "lambda");
        goto cleanup;
    }
    double core_cut = 0;
    size_t qt = 0;
    for (size_t v = 0; v < n; v++) {
        dist[v] = -1;
        if (f->nflag[v] & OMV__NF_CORE) {
            lvl[v] = UINT8_MAX;
            dist[v] = 0;
            queue[qt++] = (int32_t)v;
            for (int32_t k = net->off[v]; k < net->off[v + 1]; k++)
                core_cut += !(f->nflag[net->adj[k]] & OMV__NF_CORE);
        }
    }
    for (size_t qh = 0; qh < qt; qh++) {
        int32_t u = queue[qh];
        for (int32_t k = net->off[u]; k < net->off[u + 1]; k++)
            if (dist[net->adj[k]] < 0) {
                dist[net->adj[k]] = dist[u] + 1;
                queue[qt++] = net->adj[k];
            }
    }
    /* Sites whose structural value is exact are levels already; the others, in order of distance
     * (the search order is by distance), are the work. A structural 3+ at its bound of 3 is 3. */
    for (size_t i = 0; i < qt; i++) {
        int32_t v = queue[i];
        int32_t lam = s->lambda[v];
        if (lam < 0 || (f->nflag[v] & OMV__NF_CORE))
            continue;
        if (lam == 3 && upper_bound(net, v, core_cut) > 3)
            sel[nsel++] = v;
        else
            lvl[v] = (uint8_t)lam;
    }
    for (size_t t = 0; t < nt && !rc; t++)
        if (omv__mf_new(&ws[t], n, net->nlinks))
            rc = OMV_NOMEM(f->ctx, "lambda");
    if (rc)
        goto cleanup;
    int stop = 0;
    const omv__frame *cf = f;
    const uint8_t *src = lvl;
    for (size_t lo = 0; lo < nsel && !stop;) {
        size_t hi = lo;
        while (hi < nsel && dist[sel[hi]] == dist[sel[lo]])
            hi++;
        size_t work = (hi - lo) * 64;
#pragma omp parallel num_threads(f->nthreads) if (hi - lo > 1 && omv__par(work))
        {
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            omv__mf *w = ws[tid];
#pragma omp for schedule(dynamic, 16)
            for (size_t i = lo; i < hi; i++) {
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
                int32_t v = sel[i];
                double b = upper_bound(net, v, core_cut);
                double flow = 0;
                if (b < UINT8_MAX)
                    flow = omv__mf_run_min(w, n, net->off, net->adj, net->eid, NULL, src, (uint8_t)b, v, b, NULL);
                if (flow < b)
                    flow = omv__mf_run_min(w, n, net->off, net->adj, net->eid, NULL, src, UINT8_MAX, v, b, NULL);
                res[i] = flow >= (double)INT32_MAX ? INT32_MAX : (int32_t)llround(flow);
            }
        }
        for (size_t i = lo; i < hi && !stop; i++) {
            s->lambda[sel[i]] = res[i];
            lvl[sel[i]] = res[i] >= UINT8_MAX ? UINT8_MAX - 1 : (uint8_t)res[i];
        }
        lo = hi;
    }
    if (stop)
        s->interrupted = 1;
cleanup:
    if (ws)
        for (size_t t = 0; t < nt; t++)
            omv__mf_free(ws[t]);
    free(ws);
    free(sel);
    free(dist);
    free(queue);
    free(lvl);
    free(res);
    return rc;
}

/* Sites that two bridges cut off (with core nodes), marked OMV__LAM_TWO: per 2-edge-connected
 * component (named by its top position in the search tree), whether it holds a core node and how
 * many branches of the bridge tree around it hold core nodes. The 2-edge-connected component of a
 * position is the innermost open subtree that hangs from a bridge (or the component's root), so two
 * preorder sweeps with a stack of those subtrees find it without a per-node table. */
static int two_bridges(omv__frame *f)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n, sp = 0, cap = 0;
    uint8_t *ecore = omv__big_calloc(n + 1, 1);
    uint8_t *branches = omv__big_calloc(n + 1, 1); /* saturates at 3: only "exactly 2" matters */
    int32_t *stack = NULL;
    int rc = 0;
    if (!ecore || !branches) {
        rc = OMV_NOMEM(f->ctx, "lambda");
        goto cleanup;
    }
    for (int sweep = 0; sweep < 2; sweep++) {
        for (size_t k = 0; k < d->ncc; k++) {
            int64_t all = f->cc[k].core;
            sp = 0;
            for (int32_t p = d->cc_start[k]; p < d->cc_start[k + 1]; p++) {
                while (sp && omv__dfs_end(d, stack[sp - 1]) <= p)
                    sp--;
                int top = sp == 0 || (d->pflag[p] & OMV__PF_BRIDGE);
                int32_t outer = sp ? stack[sp - 1] : -1; /* the parent's 2-edge-connected component */
                int32_t ecc = top ? p : outer;
                if (sweep == 0) {
                    if (f->nflag[d->order[p]] & OMV__NF_CORE)
                        ecore[ecc] = 1;
                    if (outer >= 0 && top) {
                        omv__range rg = {p, omv__dfs_end(d, p)};
                        omv__part below;
                        omv__frame_range_part(f, (int32_t)k, &rg, 1, &below);
                        if (below.core > 0 && branches[outer] < 3)
                            branches[outer]++;
                        if (all - below.core > 0 && branches[p] < 3)
                            branches[p]++;
                    }
                } else if ((f->nflag[d->order[p]] & OMV__NF_BASED) && !ecore[ecc] && branches[ecc] == 2) {
                    f->lam[p] |= OMV__LAM_TWO;
                }
                if (top) {
                    if (OMV_GROW(stack, cap, sp + 1)) {
                        rc = OMV_NOMEM(f->ctx, "lambda");
                        goto cleanup;
                    }
                    stack[sp++] = p;
                }
            }
        }
    }
cleanup:
    free(stack);
    free(ecore);
    free(branches);
    return rc;
}

/* Lambda of every node from the marks of its position. */
static int fill(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    s->lambda = omv__big_malloc((f->n + 1) * sizeof(*s->lambda));
    if (!s->lambda)
        return OMV_NOMEM(f->ctx, "lambda");
    for (size_t p = 0; p < f->n; p++) {
        int32_t v = d->order[p];
        uint8_t fl = f->nflag[v], lm = f->lam[p];
        s->lambda[v] = !(fl & OMV__NF_SITE) ? -1 : !(fl & OMV__NF_BASED) ? 0 : (lm & OMV__LAM_ONE) ? 1
                                                                         : (lm & OMV__LAM_TWO) ? 2 : 3;
    }
    return 0;
}

int omv__spof_lambda(omv__frame *f, omv_spof *s)
{
    int rc;
    if (f->has_core && (rc = two_bridges(f)))
        return rc;
    /* Exact values need the per-node array now; otherwise it is filled at the end, when the rest of
     * the frame is gone (omv__spof_lambda_store). */
    if (f->opt->exact_lambda && f->has_core && ((rc = fill(f, s)) || (rc = exact(f, s))))
        return rc;
    return 0;
}

int omv__spof_lambda_store(omv__frame *f, omv_spof *s)
{
    omv__dfs *d = &f->dfs;
    free(d->pre);
    free(d->sz);
    free(d->pe);
    free(d->pflag);
    free(f->p_rs);
    free(f->p_pop);
    free(f->p_pop32);
    d->pre = d->sz = d->pe = NULL;
    d->pflag = NULL;
    f->p_rs = NULL;
    f->p_pop = NULL;
    f->p_pop32 = NULL;
    int rc;
    if (!s->lambda && (rc = fill(f, s)))
        return rc;
    for (size_t v = 0; v < f->n; v++) {
        if (!(f->nflag[v] & OMV__NF_REGION))
            continue;
        int b = s->lambda[v] > 3 ? 3 : s->lambda[v];
        s->lam_sites[b]++;
        s->lam_pop[b] += omv__node_pop(f->net, (int32_t)v);
        if (s->srlg_cut && s->srlg_cut[v] == 2) {
            s->grp_sites[b]++;
            s->grp_pop[b] += omv__node_pop(f->net, (int32_t)v);
        }
    }
    return 0;
}

/* Exact values need core nodes; without them lambda stays capped whatever was asked. */
int omv_spof_lambda_capped(const omv_spof *s) { return !(s->exact_lambda && s->ncore > 0); }
