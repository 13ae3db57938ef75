/*
 * scenario.c — one failure scenario with any links and nodes down (a shared-risk group, a power
 * outage), evaluated by search: the components the failures touch are split into their working
 * parts, and each part either still holds the core or has lost it. Untouched components cannot
 * change.
 *
 * Every part left after a failure holds a node next to it (an end of a failed link, a neighbour of a
 * failed node): the component was connected, so whatever leads out of the part is a failed link or a
 * failed node. The evaluation therefore starts one search at each such node. The searches of one
 * component grow in turns, one node each; two that meet merge (union-find) into one class. A class
 * whose searches have all run out is a complete part. Unless every part is wanted (`full`), the
 * turns stop when at most one class is still growing: that class is the rest of the component, and
 * its sums are the component's totals minus everything else. A shared-risk group that cuts off a
 * valley thus costs about the valley's size times the number of its links, not the country's size.
 * (Without core nodes the tie rule needs the rest's lowest node; when that node was cut off, the
 * turns simply go on to the end.)
 *
 * Used from parallel loops: a workspace belongs to one thread; the frame is only read. Marks are
 * undone node by node (omv__scen_reset), so a scenario costs what it visits.
 */
#include "analyze/sort.h"
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

#define I32_LESS(x, y) (*(x) < *(y))
OMV__DEFINE_SORT(sort_i32, int32_t, I32_LESS)

/* A start: a node next to the failures, with its component. */
typedef struct {
    int32_t cc, v;
} start;

int omv__scen_init(omv__scen *w, const omv__frame *f)
{
    memset(w, 0, sizeof(*w));
    w->n = f->n;
    w->nlinks = f->net->nlinks;
    w->owner = malloc((f->n + 1) * sizeof(*w->owner));
    w->lfail = calloc(w->nlinks + 1, 1);
    w->nfail = calloc(f->n + 1, 1);
    if (!w->owner || !w->lfail || !w->nfail) {
        omv__scen_free(w);
        return OMV_NOMEM(f->ctx, "failure scenario");
    }
    memset(w->owner, 0xff, (f->n + 1) * sizeof(*w->owner));
    w->winner = -1;
    return 0;
}

void omv__scen_free(omv__scen *w)
{
    free(w->owner);
    free(w->lfail);
    free(w->nfail);
    free(w->flinks);
    free(w->fnodes);
    free(w->starts);
    for (size_t i = 0; i < w->capsrch; i++)
        free(w->srch[i].q);
    free(w->srch);
    free(w->acc);
    free(w->active);
    free(w->parts);
    free(w->pidx);
    free(w->rest);
    free(w->touched);
    free(w->lost);
    memset(w, 0, sizeof(*w));
}

void omv__scen_reset(omv__scen *w)
{
    for (size_t s = 0; s < w->nsrch; s++) {
        omv__search *x = &w->srch[s];
        for (size_t i = 0; i < x->len; i++)
            w->owner[x->q[i]] = -1;
        if (x->cap > 4096) {
            /* A search that took a large part gives its memory back: the next scenario's large
             * part may fall to another search. */
            free(x->q);
            x->q = NULL;
            x->cap = 0;
        }
        x->len = x->head = 0;
    }
    for (size_t i = 0; i < w->nflinks; i++)
        w->lfail[w->flinks[i]] = 0;
    for (size_t i = 0; i < w->nfnodes; i++)
        w->nfail[w->fnodes[i]] = 0;
    w->nsrch = w->nflinks = w->nfnodes = w->nstarts = w->nparts = w->ntouched = 0;
    w->winner = -1;
    w->rs = w->pop = w->as = 0;
}

static int add_start(omv__scen *w, int32_t v)
{
    if (OMV_GROW(w->starts, w->capstarts, w->nstarts + 1))
        return OMV_ENOMEM;
    w->starts[w->nstarts++] = v;
    return 0;
}

int omv__scen_fail_link(omv__scen *w, const omv__frame *f, int32_t e)
{
    if (w->lfail[e])
        return 0;
    if (OMV_GROW(w->flinks, w->capflinks, w->nflinks + 1))
        return OMV_ENOMEM;
    w->lfail[e] = 1;
    w->flinks[w->nflinks++] = e;
    const omv__link *l = &f->net->links[e];
    if (add_start(w, l->a) || (l->b >= 0 && add_start(w, l->b)))
        return OMV_ENOMEM;
    return 0;
}

int omv__scen_fail_node(omv__scen *w, int32_t v)
{
    if (OMV_GROW(w->fnodes, w->capfnodes, w->nfnodes + 1))
        return OMV_ENOMEM;
    w->nfail[v] = 1;
    w->fnodes[w->nfnodes++] = v;
    return 0;
}

static void add_node(omv__part *p, const omv__frame *f, int32_t v)
{
    uint8_t fl = f->nflag[v];
    p->size++;
    p->core += (fl & OMV__NF_CORE) != 0;
    p->as += (fl & OMV__NF_BASED) != 0;
    if (fl & OMV__NF_COUNTED) {
        p->rs++;
        p->pop += omv__node_pop(f->net, v);
    }
    if (v < p->min)
        p->min = v;
}

static void part_add(omv__part *to, const omv__part *x, int sign)
{
    to->size += sign * x->size;
    to->core += sign * x->core;
    to->rs += sign * x->rs;
    to->pop += sign * x->pop;
    to->as += sign * x->as;
}

static int32_t find(omv__search *s, int32_t x)
{
    while (s[x].uf != x) {
        s[x].uf = s[s[x].uf].uf;
        x = s[x].uf;
    }
    return x;
}

static int new_search(omv__scen *w, const omv__frame *f, int32_t v)
{
    if (w->nsrch == w->capsrch) {
        size_t old = w->capsrch;
        if (OMV_GROW(w->srch, w->capsrch, w->nsrch + 1))
            return OMV_ENOMEM;
        memset(w->srch + old, 0, (w->capsrch - old) * sizeof(*w->srch));
    }
    if (OMV_GROW(w->acc, w->capacc, w->nsrch + 1) || OMV_GROW(w->active, w->capactive, w->nsrch + 1))
        return OMV_ENOMEM;
    int32_t id = (int32_t)w->nsrch++;
    omv__search *s = &w->srch[id];
    s->len = s->head = 0;
    if (OMV_GROW(s->q, s->cap, 1))
        return OMV_ENOMEM;
    s->q[s->len++] = v;
    s->uf = id;
    s->pending = 1;
    w->owner[v] = id;
    omv__part *a = &w->acc[id];
    memset(a, 0, sizeof(*a));
    a->min = INT32_MAX;
    add_node(a, f, v);
    return 0;
}

/* Grows the searches [first, nsrch) of component k in turns until at most `until` classes are still
 * growing. *unfinished is the number of growing classes, kept across calls. */
static int grow(omv__scen *w, const omv__frame *f, size_t first, size_t *unfinished, size_t until)
{
    const omv_net *net = f->net;
    size_t nact = 0;
    for (size_t s = first; s < w->nsrch; s++)
        if (w->srch[s].head < w->srch[s].len)
            w->active[nact++] = (int32_t)s;
    while (*unfinished > until && nact > 0) {
        for (size_t i = 0; i < nact && *unfinished > until;) {
            int32_t sid = w->active[i];
            omv__search *s = &w->srch[sid];
            int32_t u = s->q[s->head++];
            for (int32_t k = net->off[u]; k < net->off[u + 1]; k++) {
                int32_t x = net->adj[k];
                if (w->lfail[net->eid[k]] || w->nfail[x])
                    continue;
                int32_t o = w->owner[x];
                if (o < 0) {
                    if (OMV_GROW(s->q, s->cap, s->len + 1))
                        return OMV_ENOMEM;
                    s->q[s->len++] = x;
                    w->owner[x] = sid;
                    add_node(&w->acc[sid], f, x);
                    continue;
                }
                int32_t a = find(w->srch, o), b = find(w->srch, sid);
                if (a == b)
                    continue;
                /* Two growing classes meet (a finished class has no unclaimed or foreign neighbour). */
                int32_t lo = a < b ? a : b, hi = a < b ? b : a;
                w->srch[hi].uf = lo;
                w->srch[lo].pending += w->srch[hi].pending;
                (*unfinished)--;
            }
            if (s->head == s->len) {
                int32_t r = find(w->srch, sid);
                if (--w->srch[r].pending == 0)
                    (*unfinished)--;
                w->active[i] = w->active[--nact];
            } else {
                i++;
            }
        }
    }
    return 0;
}

static int new_part(omv__scen *w, int32_t k)
{
    if (OMV_GROW(w->parts, w->capparts, w->nparts + 1))
        return -1;
    omv__part *p = &w->parts[w->nparts];
    memset(p, 0, sizeof(*p));
    p->min = INT32_MAX;
    p->cc = k;
    return (int32_t)w->nparts++;
}

/* Searches component k (touched index t) from its starts and records its parts. */
static int search_component(omv__scen *w, const omv__frame *f, size_t t, const start *st, size_t nst, int full)
{
    int32_t k = w->touched[t];
    size_t first = w->nsrch, unfinished = 0;
    w->rest[t] = -1;
    for (size_t i = 0; i < nst; i++) {
        int32_t v = st[i].v;
        if (w->nfail[v] || w->owner[v] >= 0)
            continue;
        if (new_search(w, f, v))
            return OMV_ENOMEM;
        unfinished++;
    }
    if (grow(w, f, first, &unfinished, full ? 0 : 1))
        return OMV_ENOMEM;
    if (unfinished == 1 && !f->has_core) {
        /* The rest's lowest node is the component's unless that one failed or was cut off. */
        int32_t m = f->cc[k].min, o = w->owner[m];
        int known = !w->nfail[m] && (o < 0 || w->srch[find(w->srch, o)].pending > 0);
        if (!known && grow(w, f, first, &unfinished, 0))
            return OMV_ENOMEM;
    }
    if (OMV_GROW(w->pidx, w->cappidx, w->nsrch + 1))
        return OMV_ENOMEM;
    int32_t rest = -1;
    for (size_t s = first; s < w->nsrch; s++) {
        int32_t r = find(w->srch, (int32_t)s);
        if (w->srch[r].pending > 0) {
            if (rest < 0 && (rest = new_part(w, k)) < 0)
                return OMV_ENOMEM;
            w->pidx[s] = rest;
            continue;
        }
        if ((size_t)r == s && (w->pidx[s] = new_part(w, k)) < 0)
            return OMV_ENOMEM;
        int32_t p = w->pidx[r];
        w->pidx[s] = p;
        part_add(&w->parts[p], &w->acc[s], 1);
        if (w->acc[s].min < w->parts[p].min)
            w->parts[p].min = w->acc[s].min;
    }
    if (rest >= 0) {
        omv__part *rp = &w->parts[rest];
        part_add(rp, &f->cc[k], 1);
        rp->min = f->cc[k].min;
        for (size_t p = 0; p < w->nparts; p++)
            if (w->parts[p].cc == k && (int32_t)p != rest)
                part_add(rp, &w->parts[p], -1);
        omv__part down = {0, 0, 0, 0, 0, INT32_MAX, k};
        for (size_t i = 0; i < w->nfnodes; i++)
            if (omv__dfs_cc(&f->dfs, f->dfs.pre[w->fnodes[i]]) == k)
                add_node(&down, f, w->fnodes[i]);
        part_add(rp, &down, -1);
        w->rest[t] = rest;
    }
    return 0;
}

static int touched_index(const omv__scen *w, int32_t k)
{
    size_t lo = 0, hi = w->ntouched;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (w->touched[m] < k)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < w->ntouched && w->touched[lo] == k ? (int)lo : -1;
}

#define START_LESS(x, y) ((x)->cc < (y)->cc || ((x)->cc == (y)->cc && (x)->v < (y)->v))
OMV__DEFINE_SORT(sort_starts, start, START_LESS)

int omv__scen_eval(omv__scen *w, const omv__frame *f, int full)
{
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    /* Starts: ends of failed links and working neighbours of failed nodes. */
    for (size_t i = 0; i < w->nfnodes; i++) {
        int32_t v = w->fnodes[i];
        for (int32_t k = net->off[v]; k < net->off[v + 1]; k++)
            if (!w->nfail[net->adj[k]] && add_start(w, net->adj[k]))
                return OMV_ENOMEM;
    }
    size_t nst = w->nstarts;
    start *st = malloc((nst + w->nfnodes + 1) * sizeof(*st));
    if (!st)
        return OMV_ENOMEM;
    for (size_t i = 0; i < nst; i++)
        st[i] = (start){omv__dfs_cc(d, d->pre[w->starts[i]]), w->starts[i]};
    sort_starts(st, nst);
    /* Touched components: those of the starts and of the failed nodes. */
    w->ntouched = 0;
    int rc = 0;
    if (OMV_GROW(w->touched, w->captouched, nst + w->nfnodes + 1)) {
        rc = OMV_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < nst; i++)
        w->touched[w->ntouched++] = st[i].cc;
    for (size_t i = 0; i < w->nfnodes; i++)
        w->touched[w->ntouched++] = omv__dfs_cc(d, d->pre[w->fnodes[i]]);
    sort_i32(w->touched, w->ntouched);
    size_t nt = 0;
    for (size_t i = 0; i < w->ntouched; i++)
        if (nt == 0 || w->touched[i] != w->touched[nt - 1])
            w->touched[nt++] = w->touched[i];
    w->ntouched = nt;
    if (OMV_GROW(w->rest, w->caprest, nt + 1)) {
        rc = OMV_ENOMEM;
        goto cleanup;
    }
    w->nparts = 0;
    w->rs = w->pop = w->as = 0;
    w->winner = -1;
    memset(&w->outside, 0, sizeof(w->outside));
    if (!f->has_core && (f->c0 < 0 || touched_index(w, f->c0) < 0)) {
        for (size_t t = 0; t < nt; t++)
            w->rest[t] = -1;
        goto cleanup; /* the largest component is intact and stays the core */
    }
    for (size_t t = 0, i = 0; t < nt; t++) {
        int32_t k = w->touched[t];
        size_t j = i;
        while (j < nst && st[j].cc == k)
            j++;
        w->rest[t] = -1;
        if (!f->has_core || f->cc[k].core > 0) /* else nothing there was connected */
            if ((rc = search_component(w, f, t, st + i, j - i, full)))
                goto cleanup;
        i = j;
    }
    if (OMV_GROW(w->lost, w->caplost, w->nparts + 1)) {
        rc = OMV_ENOMEM;
        goto cleanup;
    }
    if (f->has_core) {
        for (size_t t = 0; t < nt; t++) {
            const omv__part *c = &f->cc[w->touched[t]];
            if (c->core > 0) {
                w->rs += c->rs;
                w->pop += c->pop;
                w->as += c->as;
            }
        }
        for (size_t p = 0; p < w->nparts; p++) {
            w->lost[p] = w->parts[p].core == 0;
            if (!w->lost[p]) {
                w->rs -= w->parts[p].rs;
                w->pop -= w->parts[p].pop;
                w->as -= w->parts[p].as;
            }
        }
        goto cleanup;
    }
    for (size_t p = 0; p < w->nparts; p++)
        if (w->winner < 0 || omv__part_better(&w->parts[p], &w->parts[w->winner]))
            w->winner = (int32_t)p;
    for (size_t r = 0; r < d->ncc; r++) {
        int32_t k = f->cc_rank[r];
        if (touched_index(w, k) < 0) {
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
    for (size_t p = 0; p < w->nparts; p++)
        w->lost[p] = (int32_t)p != w->winner;
cleanup:
    free(st);
    return rc;
}

int32_t omv__scen_part_of(const omv__scen *w, const omv__frame *f, int32_t v)
{
    if (w->nfail[v])
        return -1;
    if (w->owner[v] >= 0)
        return w->pidx[w->owner[v]];
    int t = touched_index(w, omv__dfs_cc(&f->dfs, f->dfs.pre[v]));
    return t < 0 ? -1 : w->rest[t];
}

int omv__scen_list(const omv__scen *w, const omv__frame *f, int32_t *out, size_t *len, size_t cap)
{
    const omv__dfs *d = &f->dfs;
    for (size_t t = 0; t < w->ntouched; t++) {
        int32_t k = w->touched[t];
        if (!omv__frame_relevant(f, k))
            continue;
        for (int32_t p = d->cc_start[k]; p < d->cc_start[k + 1]; p++) {
            int32_t v = d->order[p];
            if (!(f->nflag[v] & OMV__NF_COUNTED))
                continue;
            int lost;
            if (w->nfail[v]) {
                lost = 1; /* without power */
            } else {
                int32_t part = w->owner[v] >= 0 ? w->pidx[w->owner[v]] : w->rest[t];
                lost = part >= 0 && w->lost[part];
            }
            if (!lost)
                continue;
            if (*len == cap)
                return 1;
            out[(*len)++] = v;
        }
    }
    return 0;
}
