/*
 * cutpair.c — every pair of links, neither a bridge, whose joint failure disconnects the network.
 *
 * Cycle-space labels: every back edge (link outside the search tree) gets a random 64-bit label and
 * every tree link the XOR of the labels of the back edges that cover it (whose tree path passes over
 * it). Two non-bridge links form a cut pair exactly when they are covered by the same set of back
 * edges (a back edge b pairs with the tree links covered by b alone); equal sets give equal labels,
 * and different sets give equal labels with probability 2^-64. A back edge covers the tree link above
 * position p when exactly one of its ends lies in the subtree [p, p + sz[p]), so the label of that
 * tree link is the XOR of the labels at the nodes of the subtree: a difference of two prefix XORs over
 * preorder. Back-edge labels are hashes of the link id, and the number of back edges over each tree
 * link (its cover) comes from prefix sums the same way, so no per-link table is needed.
 *
 * Equal labels are grouped by a counting sort on their top bits, then a sort inside each bucket on the
 * next 32 bits.
 *
 * Verification is exact and near-linear, not a search per pair: in a group of equal labels the tree
 * links must lie on one root path c1 < c2 < ... (by preorder position, which on a root path is depth
 * order), and consecutive ones must have the same cover: cover(ci) = cover(ci+1) = number of back
 * edges leaving the subtree of ci+1 for a node above ci. Those counts come from one sweep over the
 * positions with a Fenwick tree: back edges enter by their upper end, a count is taken at ci. A group
 * that fails (a label collision) makes the labels be drawn again.
 *
 * A verified group of k links cuts its cycle into k segments X0..Xk-1, link Ei lying between Xi and
 * Xi+1: X0 holds the component's root, Xm = subtree(cm) - subtree(cm+1), and with a back edge the last
 * segment is subtree(ct). Failing Ei and Ej (i < j) separates A = Xi+1 .. Xj = subtree(child of Ei)
 * minus subtree(child of Ej) from the rest: two preorder ranges, summed in O(1). The group gives
 * k(k-1)/2 pairs, all counted; a long ring makes that quadratic, so per-pair items are kept only for
 * pairs that cut off region sites, and at most OMV_SPOF_MAX_PAIR_ITEMS of them (the first in item order).
 */
#include "analyze/sort.h"
#include "analyze/spof_int.h"

#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static void groups_free(omv__groups *g)
{
    free(g->link);
    free(g->child);
    free(g->at);
    memset(g, 0, sizeof(*g));
}

typedef struct {
    int32_t e, lo, hi; /* link, position of its lower and of its upper end */
} back_edge;

/* One sweep over the back edges, each seen from its lower end: with pc, the cover prefix sums
 * (pc[i] = back edges with a lower end before position i, minus those with an upper end before it);
 * with px, the prefix XOR of labels; with bk, the back edges. */
static void scan_back_edges(const omv__frame *f, int32_t *pc, uint64_t *px, uint64_t salt, back_edge *bk)
{
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    const int32_t *off = net->off, *adj = net->adj, *eid = net->eid, *pre = d->pre;
    size_t n = f->n, nb = 0;
    for (size_t p = 0; p < n; p++) {
        int32_t v = d->order[p], up = d->pe[p];
        for (int32_t k = off[v]; k < off[v + 1]; k++) {
            int32_t pw = pre[adj[k]], e = eid[k];
            if (pw >= (int32_t)p || e == up)
                continue;
            if (pc) {
                pc[p]++;
                pc[pw]--;
            }
            if (px) {
                uint64_t l = omv__label(salt, e);
                px[p] ^= l;
                px[pw] ^= l;
            }
            if (bk)
                bk[nb++] = (back_edge){e, (int32_t)p, pw};
        }
    }
    int32_t sum = 0;
    uint64_t x = 0;
    for (size_t i = 0; i <= n; i++) {
        if (pc) {
            int32_t t = pc[i];
            pc[i] = sum;
            sum += t;
        }
        if (px) {
            uint64_t t = px[i];
            px[i] = x;
            x ^= t;
        }
    }
}

/* An entry to group: the 32 label bits below the bucket's in the high half, the id in the low half
 * (position of a tree link's child end, or n + back-edge index). */
#define KEY_LESS(x, y) (*(x) < *(y))
OMV__DEFINE_SORT(sort_keys, uint64_t, KEY_LESS)

typedef struct {
    const omv__frame *f;
    const int32_t *pc;
    const back_edge *bk;
    const uint64_t *px;
    uint64_t salt;
} labels;

static inline int32_t cover_of(const labels *L, int32_t p)
{
    return L->pc[p + L->f->dfs.sz[p]] - L->pc[p];
}

static inline uint64_t label_of(const labels *L, uint32_t id)
{
    size_t n = L->f->n;
    if (id < n)
        return L->px[id] ^ L->px[id + (uint32_t)L->f->dfs.sz[id]];
    return omv__label(L->salt, L->bk[id - n].e);
}

/* Checks the structure of one run of equal labels and appends it as a group. *good = 0 when it
 * cannot be a group (a collision). */
static int add_group(const labels *L, const uint64_t *run, size_t len, omv__groups *g, int *good)
{
    const omv__frame *f = L->f;
    const omv__dfs *d = &f->dfs;
    size_t n = f->n, t = 0;
    while (t < len && (uint32_t)run[t] < n)
        t++;
    if (t == 0 || len - t > 1) {
        *good = 0;
        return 0;
    }
    for (size_t x = 0; x + 1 < t; x++) {
        int32_t a = (int32_t)(uint32_t)run[x], b = (int32_t)(uint32_t)run[x + 1];
        if (b >= a + d->sz[a] || cover_of(L, a) != cover_of(L, b)) {
            *good = 0;
            return 0;
        }
    }
    if (t < len) {
        int32_t c1 = (int32_t)(uint32_t)run[0];
        int32_t lo = L->bk[(uint32_t)run[t] - n].lo, hi = L->bk[(uint32_t)run[t] - n].hi;
        if (cover_of(L, c1) != 1 || lo < c1 || lo >= c1 + d->sz[c1] || hi >= c1) {
            *good = 0;
            return 0;
        }
    }
    if (OMV_GROW(g->link, g->caplink, g->len + len) || OMV_GROW(g->child, g->capchild, g->len + len) ||
        OMV_GROW(g->at, g->capat, g->ngroups + 2))
        return OMV_ENOMEM;
    g->at[g->ngroups++] = g->len;
    for (size_t x = 0; x < len; x++) {
        uint32_t id = (uint32_t)run[x];
        g->child[g->len] = id < n ? (int32_t)id : -1;
        g->link[g->len] = id < n ? d->pe[id] : L->bk[id - n].e;
        g->len++;
    }
    g->at[g->ngroups] = g->len;
    return 0;
}

/* Groups the entries by label: a counting sort on the top bits into buckets of keys that carry the
 * next 32 bits, then each bucket sorted in place. Entries whose labels agree in all those bits form a
 * run; two different labels that agree that far are a collision like any other, which the checks of
 * add_group and verify catch. Labels are computed in id order, where reading them is sequential. */
static int find_groups(const labels *L, omv__groups *g, int *good)
{
    const omv__frame *f = L->f;
    const omv__dfs *d = &f->dfs;
    size_t n = f->n, nbk = d->nback, nent = nbk;
    /* An upper bound of the entries (every tree link and back edge; bridges are left out below)
     * sets the number of buckets. */
    for (size_t k = 0; k < d->ncc; k++)
        nent += (size_t)(d->cc_start[k + 1] - d->cc_start[k] - 1);
    int bits = 1; /* about four entries per bucket */
    while (bits < 22 && ((size_t)1 << (bits + 3)) <= nent)
        bits++;
    size_t nbuckets = (size_t)1 << bits;
    uint32_t *cnt = omv__big_calloc(nbuckets + 1, sizeof(*cnt));
    uint64_t *key = NULL;
    int rc = 0;
    *good = 1;
    if (!cnt) {
        rc = OMV_ENOMEM;
        goto cleanup;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t id = 0; id < n + nbk; id++) {
            if (id < n && ((d->pflag[id] & OMV__PF_ROOT) || cover_of(L, (int32_t)id) == 0))
                continue;
            uint64_t label = label_of(L, id);
            size_t b = (size_t)(label >> (64 - bits));
            if (pass == 0)
                cnt[b + 1]++;
            else
                key[cnt[b]++] = (uint64_t)(uint32_t)(label >> (32 - bits)) << 32 | id;
        }
        if (pass == 0) {
            for (size_t b = 0; b < nbuckets; b++)
                cnt[b + 1] += cnt[b];
            if (!(key = omv__big_malloc((cnt[nbuckets] + 1) * sizeof(*key)))) {
                rc = OMV_ENOMEM;
                goto cleanup;
            }
        }
    }
    /* Now bucket b is key[b ? cnt[b - 1] : 0 .. cnt[b]). */
    for (size_t b = 0; b < nbuckets && *good && !rc; b++) {
        size_t lo = b ? cnt[b - 1] : 0, len = cnt[b] - lo;
        if (len < 2)
            continue;
        uint64_t *run = key + lo;
        sort_keys(run, len);
        for (size_t i = 0; i < len && *good && !rc;) {
            size_t j = i + 1;
            while (j < len && run[j] >> 32 == run[i] >> 32)
                j++;
            if (j - i >= 2)
                rc = add_group(L, run + i, j - i, g, good);
            i = j;
        }
    }
cleanup:
    free(cnt);
    free(key);
    return rc;
}

/* The exact check of the cover sets (see the top of the file). */
static int verify(const labels *L, const omv__groups *g, int *good)
{
    const omv__frame *f = L->f;
    const omv__dfs *d = &f->dfs;
    const omv_net *net = f->net;
    size_t n = f->n;
    int32_t *next = omv__big_malloc((n + 1) * sizeof(*next));
    int32_t *fen = omv__big_calloc(n + 2, sizeof(*fen));
    if (!next || !fen) {
        free(next);
        free(fen);
        return OMV_ENOMEM;
    }
    memset(next, 0xff, (n + 1) * sizeof(*next));
    for (size_t k = 0; k < g->ngroups; k++)
        for (size_t x = g->at[k]; x + 1 < g->at[k + 1]; x++)
            if (g->child[x + 1] >= 0)
                next[g->child[x]] = g->child[x + 1];
    *good = 1;
    for (int32_t p = 0; p < (int32_t)n && *good; p++) {
        int32_t b = next[p];
        if (b >= 0) {
            int64_t c = 0;
            for (int32_t i = b + d->sz[b]; i > 0; i -= i & -i)
                c += fen[i];
            for (int32_t i = b; i > 0; i -= i & -i)
                c -= fen[i];
            if (c != cover_of(L, p))
                *good = 0;
        }
        int32_t v = d->order[p];
        for (int32_t k = net->off[v]; k < net->off[v + 1]; k++) {
            int32_t pw = d->pre[net->adj[k]];
            if (pw <= p || net->eid[k] == d->pe[pw])
                continue;
            for (int32_t i = pw + 1; i <= (int32_t)n; i += i & -i)
                fen[i]++;
        }
    }
    free(next);
    free(fen);
    return 0;
}

size_t omv__pair_parts(const omv__frame *f, int32_t a, int32_t b, omv__part *parts, omv__range *rg, size_t *rat)
{
    const omv__dfs *d = &f->dfs;
    int32_t k = omv__dfs_cc(d, a), ccs = d->cc_start[k], cce = d->cc_start[k + 1];
    int32_t pa = a, ea = a + d->sz[a];
    size_t nr = 0;
    rat[0] = 0;
    if (b >= 0) {
        int32_t pb = b, eb = b + d->sz[b];
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

/* Marks the sites some pair of group g cuts off, for lambda, in the difference array diff (shared by
 * the threads when `shared`): the union of the sides that lose the core is the union of the segments
 * that lose it alone, and segment m is cut off alone by the pair around it. */
static void mark_group(const omv__frame *f, const omv__groups *g, size_t k, int32_t *diff, int shared)
{
    const int32_t *child = g->child + g->at[k];
    size_t len = g->at[k + 1] - g->at[k];
    omv__part parts[2];
    omv__range rg[5];
    size_t rat[3];
    uint8_t lost[2];
    for (size_t m = 1; m <= len; m++) {
        size_t i = m < len ? m - 1 : 0, j = m < len ? m : len - 1;
        omv__pair_parts(f, child[i], child[j], parts, rg, rat);
        omv__frame_decide(f, parts[0].cc, parts, 2, lost);
        for (size_t p = 0; p < 2; p++)
            if (lost[p])
                for (size_t x = rat[p]; x < rat[p + 1]; x++)
                    omv__diff_mark(diff, &rg[x], shared);
    }
}

/* A pair that cuts off region sites, as a sort key in item order, with the child positions of its
 * two links in the group (for omv__pair_parts). */
typedef struct {
    uint64_t hi;     /* population, as in omv__item */
    uint64_t links;  /* link[0] << 32 | link[1] */
    uint32_t nsites; /* UINT32_MAX - sites */
    int32_t a, b;
} pair_key;

#define PAIR_LESS(x, y)                                                                                    \
    ((x)->hi < (y)->hi ||                                                                                  \
     ((x)->hi == (y)->hi && ((x)->nsites < (y)->nsites || ((x)->nsites == (y)->nsites && (x)->links < (y)->links))))
OMV__DEFINE_SORT(sort_pairs, pair_key, PAIR_LESS)
#define LINKS_LESS(x, y) ((x)->links < (y)->links)
OMV__DEFINE_SORT(sort_pair_links, pair_key, LINKS_LESS)

/* One thread's share of the pair pass: the best pairs it has seen (item order is a total order, so
 * the best of the union of the shares is the best of all pairs, whichever thread saw which) and the
 * number it dropped. */
typedef struct {
    pair_key *buf, worst;
    size_t nbuf, cap, dropped, tick;
    int have_worst, rc;
} pair_share;

/* Keeps the best OMV_SPOF_MAX_PAIR_ITEMS of the share (item order); worst becomes the last one kept. */
static void trim_pairs(pair_share *sh)
{
    if (sh->nbuf <= OMV_SPOF_MAX_PAIR_ITEMS)
        return;
    sort_pairs_select(sh->buf, sh->nbuf, OMV_SPOF_MAX_PAIR_ITEMS);
    sh->dropped += sh->nbuf - OMV_SPOF_MAX_PAIR_ITEMS;
    sh->nbuf = OMV_SPOF_MAX_PAIR_ITEMS;
    sh->worst = sh->buf[0];
    for (size_t i = 1; i < sh->nbuf; i++)
        if (PAIR_LESS(&sh->worst, &sh->buf[i]))
            sh->worst = sh->buf[i];
    sh->have_worst = 1;
}

static int keep_pair(pair_share *sh, const pair_key *pk)
{
    if (sh->have_worst && !PAIR_LESS(pk, &sh->worst)) {
        sh->dropped++; /* below every pair kept so far */
        return 0;
    }
    /* A quarter more than is kept before trimming: the buffer stays one power of two (4 MB), per
     * thread. */
    if (sh->nbuf == (size_t)OMV_SPOF_MAX_PAIR_ITEMS + OMV_SPOF_MAX_PAIR_ITEMS / 4)
        trim_pairs(sh);
    if (OMV_GROW(sh->buf, sh->cap, sh->nbuf + 1))
        return OMV_ENOMEM;
    sh->buf[sh->nbuf++] = *pk;
    return 0;
}

/* Every pair of group k that cuts off region sites, offered to the share; 1 when interrupted. */
static int list_group(const omv__frame *f, const omv__groups *g, size_t k, pair_share *sh, const int *stop)
{
    size_t at = g->at[k], len = g->at[k + 1] - at;
    int32_t cc = omv__dfs_cc(&f->dfs, g->child[at]);
    if (!omv__frame_relevant(f, cc))
        return 0;
    for (size_t i = 0; i + 1 < len; i++) {
        for (size_t j = i + 1; j < len; j++) {
            if ((++sh->tick & 0xffff) == 0) {
                int halt;
#pragma omp atomic read
                halt = *stop;
                if (halt || omv__interrupted(f->ctx))
                    return 1;
            }
            omv__part parts[2];
            omv__range rg[5];
            size_t rat[3];
            uint8_t lost[2];
            omv__pair_parts(f, g->child[at + i], g->child[at + j], parts, rg, rat);
            omv__frame_decide(f, cc, parts, 2, lost);
            int64_t rs = (lost[0] ? parts[0].rs : 0) + (lost[1] ? parts[1].rs : 0);
            if (rs == 0)
                continue;
            int64_t pop = (lost[0] ? parts[0].pop : 0) + (lost[1] ? parts[1].pop : 0);
            uint32_t l0 = (uint32_t)g->link[at + i], l1 = (uint32_t)g->link[at + j];
            omv__item key = omv__item_make(pop, (size_t)rs, 0);
            pair_key pk = {key.hi, l0 < l1 ? (uint64_t)l0 << 32 | l1 : (uint64_t)l1 << 32 | l0,
                           (uint32_t)(key.lo >> 32), g->child[at + i], g->child[at + j]};
            if ((sh->rc = keep_pair(sh, &pk)))
                return 1;
        }
    }
    return 0;
}

/* The best OMV_SPOF_MAX_PAIR_ITEMS of several shares, each trimmed and sorted in item order: a merge
 * into a new array of just that size, so that no buffer of the sum of the shares is ever held. */
static pair_key *merge_shares(pair_share *sh, size_t nsh, size_t keep)
{
    pair_key *out = omv__big_malloc((keep + 1) * sizeof(*out));
    if (!out)
        return NULL;
    size_t *at = calloc(nsh, sizeof(*at));
    if (!at) {
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < keep; i++) {
        size_t best = nsh;
        for (size_t t = 0; t < nsh; t++)
            if (at[t] < sh[t].nbuf && (best == nsh || PAIR_LESS(&sh[t].buf[at[t]], &sh[best].buf[at[best]])))
                best = t;
        out[i] = sh[best].buf[at[best]++];
    }
    free(at);
    return out;
}

/* The kept pairs of all shares become the cut-pair items, in link order: the index of a pair then
 * orders the items of equal impact. */
static int store_pairs(omv__frame *f, omv_spof *s, pair_share *sh, size_t nsh)
{
    size_t total = 0;
    for (size_t t = 0; t < nsh; t++) {
        trim_pairs(&sh[t]);
        s->dropped += sh[t].dropped;
        total += sh[t].nbuf;
    }
    size_t nbuf = total;
    pair_key *kept = sh[0].buf;
    if (nsh > 1) {
        nbuf = total < OMV_SPOF_MAX_PAIR_ITEMS ? total : OMV_SPOF_MAX_PAIR_ITEMS;
        s->dropped += total - nbuf;
        for (size_t t = 0; t < nsh; t++)
            sort_pairs(sh[t].buf, sh[t].nbuf);
        if (!(kept = merge_shares(sh, nsh, nbuf)))
            return OMV_NOMEM(f->ctx, "cut pairs");
        for (size_t t = 0; t < nsh; t++) {
            free(sh[t].buf);
            sh[t].buf = NULL;
        }
        sh[0].buf = kept; /* freed by the caller */
    }
    sort_pair_links(kept, nbuf);
    s->pairs = omv__big_malloc((nbuf + 1) * sizeof(*s->pairs));
    f->pair_child = omv__big_malloc((2 * nbuf + 1) * sizeof(*f->pair_child));
    if (!s->pairs || !f->pair_child)
        return OMV_NOMEM(f->ctx, "cut pairs");
    int rc = 0;
    for (size_t i = 0; i < nbuf && !rc; i++) {
        const pair_key *pk = &kept[i];
        s->pairs[i] = pk->links;
        f->pair_child[2 * i] = pk->a;
        f->pair_child[2 * i + 1] = pk->b;
        omv__item it = {pk->hi, 0};
        rc = omv__spof_add_item(s, f->ctx, OMV_ITEM_CUT_PAIR, (uint32_t)i, omv__item_pop(&it), UINT32_MAX - pk->nsites);
    }
    s->npairs = nbuf;
    return rc;
}

int omv__pairs_find(omv__frame *f)
{
    const omv__dfs *d = &f->dfs;
    size_t n = f->n;
    int keep_labels = (f->opt->failures & OMV_FAIL_SRLG) != 0;
    int32_t *pc = NULL;
    back_edge *bk = NULL;
    uint64_t *px = NULL;
    omv__groups *g = &f->grp;
    int rc = 0, good = 0;
    for (int attempt = 0; attempt < 8 && !good; attempt++) {
        groups_free(g);
        free(pc);
        free(bk);
        free(px);
        pc = omv__big_calloc(n + 1, sizeof(*pc));
        bk = omv__big_malloc((d->nback + 1) * sizeof(*bk));
        px = omv__big_calloc(n + 1, sizeof(*px));
        if (!pc || !bk || !px) {
            rc = OMV_NOMEM(f->ctx, "cut pairs");
            goto cleanup;
        }
        labels L = {f, pc, bk, px, omv__label(omv_ctx_seed(f->ctx), attempt)};
        scan_back_edges(f, pc, px, L.salt, bk);
        if (find_groups(&L, g, &good)) {
            rc = OMV_NOMEM(f->ctx, "cut pairs");
            goto cleanup;
        }
        /* The check below needs only the covers: give the rest back first. */
        free(bk);
        bk = NULL;
        L.bk = NULL;
        if (!keep_labels) {
            free(px);
            px = NULL;
            L.px = NULL;
        }
        if (good && verify(&L, g, &good)) {
            rc = OMV_NOMEM(f->ctx, "cut pairs");
            goto cleanup;
        }
        f->salt = L.salt;
    }
    if (!good) {
        rc = OMV_ERR(f->ctx, OMV_EINTERNAL, "cut pairs: cycle-space labels failed verification 8 times");
        goto cleanup;
    }
    f->px = px;
    px = NULL;
cleanup:
    free(pc);
    free(bk);
    free(px);
    return rc;
}

/* One pass over the groups, on every thread: each group marks lambda (in f->diff, shared) and, with
 * pairs among the failures, offers its pairs to the thread's share; the shares are merged in
 * store_pairs. */
int omv__pairs_use(omv__frame *f, omv_spof *s)
{
    omv__groups *g = &f->grp;
    size_t total = 0;
    int list = (f->opt->failures & OMV_FAIL_PAIRS) != 0;
    int rc = omv__frame_marks_begin(f);
    if (rc)
        return rc;
    for (size_t k = 0; k < g->ngroups; k++) {
        size_t len = g->at[k + 1] - g->at[k];
        total += len * (len - 1) / 2;
    }
    int nt = f->nthreads > 1 && omv__par(total + g->len) ? f->nthreads : 1;
    pair_share *sh = calloc((size_t)nt, sizeof(*sh));
    if (!sh)
        return OMV_NOMEM(f->ctx, "cut pairs");
    int stop = 0;
    const omv__frame *cf = f;
    int32_t *diff = f->diff;
#pragma omp parallel num_threads(nt) if (nt > 1)
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        pair_share *my = &sh[tid];
#pragma omp for schedule(dynamic, 64)
        for (size_t k = 0; k < g->ngroups; k++) {
            mark_group(cf, g, k, diff, nt > 1);
            int halt;
#pragma omp atomic read
            halt = stop;
            if (list && !halt && list_group(cf, g, k, my, &stop)) {
#pragma omp atomic write
                stop = 1;
            }
        }
    }
    for (int t = 0; t < nt && !rc; t++)
        if (sh[t].rc)
            rc = OMV_NOMEM(f->ctx, "cut pairs");
    if (!rc) {
        omv__frame_marks_end(f, OMV__LAM_TWO);
        s->counts[OMV_ITEM_CUT_PAIR] = total;
        if (stop)
            s->interrupted = 1;
        if (list)
            rc = store_pairs(f, s, sh, (size_t)nt);
    }
    for (int t = 0; t < nt; t++)
        free(sh[t].buf);
    free(sh);
    if (rc)
        return rc;
    /* The groups stay with the result (their links); child positions belong to this search. */
    s->grp_links = g->link;
    s->grp_at = g->at ? g->at : calloc(1, sizeof(*s->grp_at));
    s->ngroups = g->ngroups;
    g->link = NULL;
    g->at = NULL;
    groups_free(g);
    return s->grp_at ? 0 : OMV_NOMEM(f->ctx, "cut pairs");
}
