/*
 * cutpair.c — every pair of links, neither a bridge, whose joint failure disconnects the network.
 *
 * Cycle-space labels: every back edge (link outside the search tree) gets a random 64-bit label and
 * every tree link the XOR of the labels of the back edges that cover it (whose tree path passes over
 * it), computed bottom-up in one sweep. Two non-bridge links form a cut pair exactly when they are
 * covered by the same set of back edges (a back edge b pairs with the tree links covered by b alone);
 * equal sets give equal labels, and different sets give equal labels with probability 2^-64.
 *
 * Verification is exact and near-linear, not a search per pair: in a group of equal labels the tree
 * links must lie on one root path c1 < c2 < ... (by depth), and consecutive ones must have the same
 * cover: cover(ci) = cover(ci+1) = number of back edges leaving the subtree of ci+1 above ci, counted
 * offline with a Fenwick tree. A group that fails (a label collision) makes the labels be drawn again.
 *
 * A verified group of k links cuts its cycle into k segments X0..Xk-1, link Ei lying between Xi and
 * Xi+1: X0 holds the component's root, Xm = subtree(cm) - subtree(cm+1), and with a back edge the last
 * segment is subtree(ct). Failing Ei and Ej (i < j) separates A = Xi+1 .. Xj = subtree(child of Ei)
 * minus subtree(child of Ej) from the rest: two preorder ranges, summed in O(1). The group gives
 * k(k-1)/2 pairs, all counted; a long ring makes that quadratic, so per-pair items are kept only for
 * pairs that cut off region sites, and at most OMV_SPOF_MAX_PAIR_ITEMS of them (the first in item order).
 */
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t label;
    int32_t kind; /* 0: tree link (id = child end), 1: back edge (id = back-edge index) */
    int32_t depth;
    int32_t id;
} entry;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->label != y->label)
        return x->label < y->label ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    if (x->depth != y->depth)
        return x->depth < y->depth ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Offline count of back edges whose lower end lies in a preorder range and whose upper end is above
 * a depth. */
typedef struct {
    int32_t thr, lo, hi;
    int32_t expect;
} query;

static int cmp_query(const void *a, const void *b)
{
    const query *x = a, *y = b;
    return (x->thr > y->thr) - (x->thr < y->thr);
}

typedef struct {
    int32_t depth, pos;
} backkey;

static int cmp_backkey(const void *a, const void *b)
{
    const backkey *x = a, *y = b;
    return (x->depth > y->depth) - (x->depth < y->depth);
}

static int64_t fen_sum(const int32_t *fen, int32_t i) /* sum of positions < i */
{
    int64_t s = 0;
    for (; i > 0; i -= i & -i)
        s += fen[i];
    return s;
}

/* Sets *ok to 1 when every query finds the count it expects. */
static int check_queries(const omv__frame *f, query *q, size_t nq, omv_ctx *ctx, int *ok)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    int32_t *fen = calloc(n + 2, sizeof(*fen));
    backkey *bk = malloc((d->nback + 1) * sizeof(*bk));
    if (!fen || !bk) {
        free(fen);
        free(bk);
        return OMV_NOMEM(ctx, "cut pairs");
    }
    for (size_t k = 0; k < d->nback; k++) {
        bk[k].depth = d->depth[d->bk_hi[k]];
        bk[k].pos = d->pre[d->bk_lo[k]];
    }
    qsort(bk, d->nback, sizeof(*bk), cmp_backkey);
    qsort(q, nq, sizeof(*q), cmp_query);
    size_t b = 0;
    *ok = 1;
    for (size_t i = 0; i < nq && *ok; i++) {
        while (b < d->nback && bk[b].depth < q[i].thr) {
            for (int32_t x = bk[b].pos + 1; x <= (int32_t)n; x += x & -x)
                fen[x]++;
            b++;
        }
        int64_t c = fen_sum(fen, q[i].hi) - fen_sum(fen, q[i].lo);
        if (c != q[i].expect)
            *ok = 0;
    }
    free(fen);
    free(bk);
    return 0;
}

/* Draws labels, groups equal labels and verifies the groups. On success the groups are stored in s
 * (*ok = 1); after a collision *ok = 0 and nothing is stored. */
static int find_groups(omv__frame *f, omv_spof *s, omv__rng *rng, const int32_t *cover, int *ok)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    uint64_t *acc = calloc(n + 1, sizeof(*acc));
    uint64_t *bl = malloc((d->nback + 1) * sizeof(*bl));
    entry *ent = malloc((n + d->nback + 1) * sizeof(*ent));
    query *q = malloc((n + 1) * sizeof(*q));
    int rc = 0;
    *ok = 0;
    if (!acc || !bl || !ent || !q) {
        rc = OMV_NOMEM(f->ctx, "cut pairs");
        goto cleanup;
    }
    for (size_t k = 0; k < d->nback; k++) {
        bl[k] = omv__rng_next(rng);
        acc[d->bk_lo[k]] ^= bl[k];
        acc[d->bk_hi[k]] ^= bl[k];
    }
    for (size_t p = n; p-- > 1;) {
        int32_t v = d->order[p];
        if (d->parent[v] >= 0)
            acc[d->parent[v]] ^= acc[v];
    }
    size_t ne = 0;
    for (size_t v = 0; v < n; v++)
        if (d->parent[v] >= 0 && cover[v] > 0)
            ent[ne++] = (entry){acc[v], 0, d->depth[v], (int32_t)v};
    for (size_t k = 0; k < d->nback; k++)
        ent[ne++] = (entry){bl[k], 1, 0, (int32_t)k};
    qsort(ent, ne, sizeof(*ent), cmp_entry);
    /* Structure of each group, and the cover queries. */
    size_t nq = 0, ngroups = 0, nlinks = 0;
    int good = 1;
    for (size_t i = 0; i < ne && good;) {
        size_t j = i;
        while (j < ne && ent[j].label == ent[i].label)
            j++;
        if (j - i >= 2) {
            size_t t = 0;
            while (i + t < j && ent[i + t].kind == 0)
                t++;
            size_t nbk = j - i - t;
            if (nbk > 1 || t == 0)
                good = 0;
            for (size_t x = i; x + 1 < i + t && good; x++) {
                int32_t a = ent[x].id, b = ent[x + 1].id;
                if (d->depth[b] <= d->depth[a] || !omv__dfs_in_subtree(d, a, b) || cover[a] != cover[b])
                    good = 0;
                else
                    q[nq++] = (query){d->depth[a], d->pre[b], d->pre[b] + d->sz[b], cover[a]};
            }
            if (good && nbk == 1) {
                int32_t c1 = ent[i].id, k = ent[i + t].id;
                if (cover[c1] != 1 || !omv__dfs_in_subtree(d, c1, d->bk_lo[k]) ||
                    d->depth[d->bk_hi[k]] >= d->depth[c1])
                    good = 0;
            }
            ngroups++;
            nlinks += j - i;
        }
        i = j;
    }
    if (good && (rc = check_queries(f, q, nq, f->ctx, &good)))
        goto cleanup;
    if (!good)
        goto cleanup;
    s->grp_links = malloc((nlinks + 1) * sizeof(int32_t));
    s->grp_child = malloc((nlinks + 1) * sizeof(int32_t));
    s->grp_at = malloc((ngroups + 1) * sizeof(size_t));
    if (!s->grp_links || !s->grp_child || !s->grp_at) {
        rc = OMV_NOMEM(f->ctx, "cut pairs");
        goto cleanup;
    }
    s->ngroups = 0;
    size_t at = 0;
    for (size_t i = 0; i < ne;) {
        size_t j = i;
        while (j < ne && ent[j].label == ent[i].label)
            j++;
        if (j - i >= 2) {
            s->grp_at[s->ngroups++] = at;
            for (size_t x = i; x < j; x++) {
                if (ent[x].kind == 0) {
                    s->grp_links[at] = d->pe[ent[x].id];
                    s->grp_child[at] = ent[x].id;
                } else {
                    s->grp_links[at] = d->bk_eid[ent[x].id];
                    s->grp_child[at] = -1;
                }
                at++;
            }
        }
        i = j;
    }
    s->grp_at[s->ngroups] = at;
    f->label = calloc(f->net->nlinks + 1, sizeof(*f->label));
    if (!f->label) {
        rc = OMV_NOMEM(f->ctx, "cut pairs");
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++)
        if (d->parent[v] >= 0)
            f->label[d->pe[v]] = acc[v];
    for (size_t k = 0; k < d->nback; k++)
        f->label[d->bk_eid[k]] = bl[k];
    *ok = 1;
cleanup:
    free(acc);
    free(bl);
    free(ent);
    free(q);
    return rc;
}

size_t omv__pair_parts(const omv__frame *f, const omv_spof *s, size_t g, size_t i, size_t j, omv__part *parts,
                       omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    size_t at = s->grp_at[g];
    int32_t a = s->grp_child[at + i], b = s->grp_child[at + j];
    int32_t k = d->cc[a], ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t pa = d->pre[a], ea = pa + d->sz[a];
    size_t nr = 0;
    rat[0] = 0;
    if (b >= 0) {
        int32_t pb = d->pre[b], eb = pb + d->sz[b];
        rg[nr++] = (omv__range){pa, pb};
        rg[nr++] = (omv__range){eb, ea};
        rat[1] = nr;
        rg[nr++] = (omv__range){ccs, pa};
        rg[nr++] = (omv__range){pb, eb};
        rg[nr++] = (omv__range){ea, cce};
    } else {
        rg[nr++] = (omv__range){pa, ea};
        rat[1] = nr;
        rg[nr++] = (omv__range){ccs, pa};
        rg[nr++] = (omv__range){ea, cce};
    }
    rat[2] = nr;
    omv__frame_range_part(f, k, rg, rat[1], &parts[0]);
    omv__frame_range_part(f, k, rg + rat[1], nr - rat[1], &parts[1]);
    return 2;
}

/* Marks the sites some pair of group g cuts off, for lambda: the union of the sides that lose the
 * core is the union of the segments that lose it alone, and segment m is cut off alone by the pair
 * around it. */
static void mark_group(omv__frame *f, const omv_spof *s, size_t g)
{
    size_t k = s->grp_at[g + 1] - s->grp_at[g];
    omv__part parts[2];
    omv__range rg[5];
    size_t rat[3];
    uint8_t lost[2];
    for (size_t m = 1; m <= k; m++) {
        size_t i = m < k ? m - 1 : 0, j = m < k ? m : k - 1;
        omv__pair_parts(f, s, g, i, j, parts, rg, rat);
        omv__frame_decide(f, parts[0].cc, parts, 2, lost);
        for (size_t p = 0; p < 2; p++) {
            if (!lost[p])
                continue;
            for (size_t x = rat[p]; x < rat[p + 1]; x++) {
                f->mark2[rg[x].lo]++;
                f->mark2[rg[x].hi]--;
            }
        }
    }
}

/* Keeps the best OMV_SPOF_MAX_PAIR_ITEMS of buf (item order). */
static void trim_pairs(omv_spof *s, omv__item *buf, size_t *nbuf)
{
    if (*nbuf <= OMV_SPOF_MAX_PAIR_ITEMS)
        return;
    qsort(buf, *nbuf, sizeof(*buf), omv__item_cmp);
    s->dropped += *nbuf - OMV_SPOF_MAX_PAIR_ITEMS;
    *nbuf = OMV_SPOF_MAX_PAIR_ITEMS;
}

static int list_pairs(omv__frame *f, omv_spof *s)
{
    omv__item *buf = NULL;
    size_t nbuf = 0, cap = 0, tick = 0;
    int rc = 0;
    for (size_t g = 0; g < s->ngroups && !s->interrupted; g++) {
        size_t at = s->grp_at[g], k = s->grp_at[g + 1] - at;
        int32_t cc = f->dfs.cc[s->grp_child[at]];
        if (f->has_core ? f->cc[cc].core == 0 : cc != f->c0)
            continue;
        for (size_t i = 0; i + 1 < k && !s->interrupted; i++) {
            for (size_t j = i + 1; j < k; j++) {
                if ((++tick & 0xffff) == 0 && omv__interrupted(f->ctx)) {
                    s->interrupted = 1;
                    break;
                }
                omv__part parts[2];
                omv__range rg[5];
                size_t rat[3];
                uint8_t lost[2];
                omv__pair_parts(f, s, g, i, j, parts, rg, rat);
                omv__frame_decide(f, cc, parts, 2, lost);
                int64_t rs = (lost[0] ? parts[0].rs : 0) + (lost[1] ? parts[1].rs : 0);
                if (rs == 0)
                    continue;
                int64_t pop = (lost[0] ? parts[0].pop : 0) + (lost[1] ? parts[1].pop : 0);
                long l0 = s->grp_links[at + i], l1 = s->grp_links[at + j];
                if (l0 > l1) {
                    long t = l0;
                    l0 = l1;
                    l1 = t;
                }
                if (nbuf == 2 * (size_t)OMV_SPOF_MAX_PAIR_ITEMS)
                    trim_pairs(s, buf, &nbuf);
                if (OMV_GROW(buf, cap, nbuf + 1)) {
                    rc = OMV_NOMEM(f->ctx, "cut pairs");
                    goto cleanup;
                }
                buf[nbuf++] = (omv__item){{OMV_ITEM_CUT_PAIR, {l0, l1}, -1, -1, 0, (size_t)rs, pop},
                                          (int32_t)g, (int32_t)i, (int32_t)j, 0, 0, 0};
            }
        }
    }
    trim_pairs(s, buf, &nbuf);
    for (size_t i = 0; i < nbuf && !rc; i++)
        rc = omv__spof_add_item(s, f->ctx, &buf[i]);
cleanup:
    free(buf);
    return rc;
}

int omv__spof_pairs(omv__frame *f, omv_spof *s)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    /* cover[c]: back edges over the tree link of c = lower ends in the subtree minus upper ends in it. */
    int32_t *cover = calloc(n + 1, sizeof(*cover));
    if (!cover)
        return OMV_NOMEM(f->ctx, "cut pairs");
    for (size_t k = 0; k < d->nback; k++) {
        cover[d->bk_lo[k]]++;
        cover[d->bk_hi[k]]--;
    }
    for (size_t p = n; p-- > 1;) {
        int32_t v = d->order[p];
        if (d->parent[v] >= 0)
            cover[d->parent[v]] += cover[v];
    }
    omv__rng rng;
    omv__rng_seed(&rng, omv_ctx_seed(f->ctx));
    int ok = 0, rc = 0;
    for (int attempt = 0; attempt < 8 && !ok && !rc; attempt++)
        rc = find_groups(f, s, &rng, cover, &ok);
    free(cover);
    if (rc)
        return rc;
    if (!ok)
        return OMV_ERR(f->ctx, OMV_EINTERNAL, "cut pairs: cycle-space labels failed verification 8 times");
    size_t total = 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        size_t k = s->grp_at[g + 1] - s->grp_at[g];
        total += k * (k - 1) / 2;
        mark_group(f, s, g);
    }
    s->counts[OMV_ITEM_CUT_PAIR] = total;
    if (f->opt->failures & OMV_FAIL_PAIRS)
        return list_pairs(f, s);
    return 0;
}
