/*
 * run.c — the rerouting driver: lists the failure scenarios of the chosen classes, evaluates the
 * intact network and then every scenario in parallel (one LP copy or one scratch set per thread),
 * and keeps per scenario its figures and per link its worst case. Results are stored by scenario
 * number and the worst case is a maximum with ties to the lower number, so nothing depends on the
 * thread count or the order in which threads finish.
 */
#include "reroute/reroute_int.h"

#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif


const char *omv_routing_name(omv_routing r)
{
    return r == OMV_ROUTING_OPTIMAL ? "optimal" : r == OMV_ROUTING_SHORTEST ? "shortest" : NULL;
}

int omv_routing_parse(const char *s)
{
    if (s && !strcmp(s, "optimal"))
        return OMV_ROUTING_OPTIMAL;
    if (s && !strcmp(s, "shortest"))
        return OMV_ROUTING_SHORTEST;
    return -1;
}

const char *omv_reroute_kind_name(omv_reroute_kind k)
{
    static const char *const N[] = {"link", "node", "srlg", "pair", "power"};
    return (unsigned)k < 5 ? N[k] : NULL;
}

static void res_free(omv__rr_res *r)
{
    free(r->over);
    free(r->uns);
    r->over = NULL;
    r->uns = NULL;
}

void omv_reroute_free(omv_reroute *r)
{
    if (!r)
        return;
    res_free(&r->intact);
    for (size_t i = 0; i < r->nscen && r->res; i++)
        res_free(&r->res[i]);
    free(r->res);
    free(r->scen);
    free(r->hours);
    free(r->pw_off);
    free(r->pw_nodes);
    free(r->sg_off);
    free(r->sg_links);
    free(r->cap);
    free(r->existing);
    free(r->gbps_intact);
    free(r->gbps_worst);
    free(r->worst);
    free(r->bg);
    free(r->bi);
    free(r);
}

/* ---- scenarios ---- */

static int add_scen(omv_reroute *r, omv_ctx *ctx, size_t *cap, uint8_t kind, int32_t a, int32_t b)
{
    if (OMV_GROW(r->scen, *cap, r->nscen + 1))
        return OMV_NOMEM(ctx, "scenarios");
    r->scen[r->nscen++] = (omv__rr_scen){kind, a, b};
    return 0;
}

static int list_scenarios(omv_reroute *r, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc)
{
    unsigned cls = omv_scenario_failures(sc);
    size_t cap = 0, L = net->nlinks, ng = net->nsrlg;
    int rc = 0;
    /* Groups: existing links per group, as a CSR. */
    r->sg_off = calloc(ng + 2, sizeof(*r->sg_off));
    if (!r->sg_off)
        return OMV_NOMEM(ctx, "scenarios");
    for (size_t l = 0; l < L; l++)
        if (omv__link_exists(net, l))
            for (uint32_t j = 0; j < net->links[l].nsrlg; j++)
                r->sg_off[net->link_srlg[net->links[l].srlg_off + j] + 1]++;
    for (size_t g = 0; g < ng; g++)
        r->sg_off[g + 1] += r->sg_off[g];
    r->sg_links = malloc(((size_t)r->sg_off[ng] + 1) * sizeof(*r->sg_links));
    int32_t *cur = malloc((ng + 1) * sizeof(*cur));
    if (!r->sg_links || !cur) {
        free(cur);
        return OMV_NOMEM(ctx, "scenarios");
    }
    memcpy(cur, r->sg_off, (ng + 1) * sizeof(*cur));
    for (size_t l = 0; l < L; l++)
        if (omv__link_exists(net, l))
            for (uint32_t j = 0; j < net->links[l].nsrlg; j++)
                r->sg_links[cur[net->link_srlg[net->links[l].srlg_off + j]]++] = (int32_t)l;
    free(cur);
    if (cls & OMV_FAIL_LINKS)
        for (size_t l = 0; l < L && !rc; l++)
            if (omv__link_exists(net, l))
                rc = add_scen(r, ctx, &cap, OMV_REROUTE_LINK, (int32_t)l, -1);
    if (cls & OMV_FAIL_NODES)
        for (size_t v = 0; v < net->nnodes && !rc; v++)
            rc = add_scen(r, ctx, &cap, OMV_REROUTE_NODE, (int32_t)v, -1);
    if (cls & OMV_FAIL_SRLG)
        for (size_t g = 0; g < ng && !rc; g++)
            if (r->sg_off[g + 1] > r->sg_off[g])
                rc = add_scen(r, ctx, &cap, OMV_REROUTE_SRLG, (int32_t)g, -1);
    if (cls & OMV_FAIL_PAIRS)
        for (size_t i = 0; i < L && !rc; i++)
            if (omv__link_exists(net, i))
                for (size_t j = i + 1; j < L && !rc; j++)
                    if (omv__link_exists(net, j))
                        rc = add_scen(r, ctx, &cap, OMV_REROUTE_PAIR, (int32_t)i, (int32_t)j);
    if (rc)
        return rc;
    const double *hours = NULL;
    size_t nh = (cls & OMV_FAIL_POWER) ? omv_scenario_outage_hours(sc, &hours) : 0;
    const omv_region *reg = omv_scenario_outage_region(sc);
    r->hours = malloc((nh + 1) * sizeof(*r->hours));
    r->pw_off = calloc(nh + 2, sizeof(*r->pw_off));
    size_t cnt = 0;
    for (size_t h = 0; h < nh; h++)
        for (size_t v = 0; v < net->nnodes; v++)
            cnt += (!reg || omv_region_has(reg, net, v)) && !(omv__node_power(net, v) >= hours[h]);
    r->pw_nodes = malloc((cnt + 1) * sizeof(*r->pw_nodes));
    if (!r->hours || !r->pw_off || !r->pw_nodes)
        return OMV_NOMEM(ctx, "scenarios");
    cnt = 0;
    for (size_t h = 0; h < nh && !rc; h++) {
        r->hours[h] = hours[h];
        /* power_h below the outage, or unknown (NaN compares false), fails. */
        for (size_t v = 0; v < net->nnodes; v++)
            if ((!reg || omv_region_has(reg, net, v)) && !(omv__node_power(net, v) >= hours[h]))
                r->pw_nodes[cnt++] = (int32_t)v;
        r->pw_off[h + 1] = (int32_t)cnt;
        rc = add_scen(r, ctx, &cap, OMV_REROUTE_POWER, (int32_t)h, -1);
    }
    return rc;
}

/* Marks scenario i's failures; returns how many nodes it fails. The masks must be clear. */
static uint32_t mark(const omv_reroute *r, const omv_net *net, size_t i, uint8_t *ldead, uint8_t *ndead, bool set)
{
    const omv__rr_scen *s = &r->scen[i];
    uint8_t v = set ? 1 : 0;
    switch (s->kind) {
    case OMV_REROUTE_LINK:
        ldead[s->a] = v;
        return 0;
    case OMV_REROUTE_PAIR:
        ldead[s->a] = ldead[s->b] = v;
        return 0;
    case OMV_REROUTE_SRLG:
        for (int32_t k = r->sg_off[s->a]; k < r->sg_off[s->a + 1]; k++)
            ldead[r->sg_links[k]] = v;
        return 0;
    case OMV_REROUTE_NODE:
        ndead[s->a] = v;
        return 1;
    default:
        for (int32_t k = r->pw_off[s->a]; k < r->pw_off[s->a + 1]; k++)
            ndead[r->pw_nodes[k]] = v;
        (void)net;
        return (uint32_t)(r->pw_off[s->a + 1] - r->pw_off[s->a]);
    }
}

static bool link_down(const omv_net *net, size_t l, const uint8_t *ldead, const uint8_t *ndead)
{
    const omv__link *lk = &net->links[l];
    return !omv__link_exists(net, l) || ldead[l] || ndead[lk->a] || ndead[lk->b];
}

/* Rounded as printed, so that the worst case is chosen on the figures the reports show. */
static double rnd6(double x) { return round(x * 1e6) / 1e6; }

/* Fills res from an evaluation. */
static int collect(omv__rr_res *res, omv_ctx *ctx, const omv_net *net, const omv__rr_eval *ev)
{
    double uns = 0, lost = 0, maxu = 0;
    size_t nover = 0, nuns = 0;
    int32_t busiest = -1;
    for (size_t d = 0; d < net->ndemands; d++) {
        uns += ev->unserved[d];
        lost += ev->lost[d];
        nuns += ev->unserved[d] > OMV__RR_EPS;
    }
    for (size_t l = 0; l < net->nlinks; l++) {
        const omv__link *lk = &net->links[l];
        if (!omv__link_exists(net, l) || isnan(lk->capacity_gbps))
            continue;
        double g = fmax(ev->load[2 * l], ev->load[2 * l + 1]);
        if (lk->capacity_gbps > 0 && g > OMV__RR_EPS && g / lk->capacity_gbps > maxu) {
            maxu = g / lk->capacity_gbps;
            busiest = (int32_t)l;
        }
        nover += lk->capacity_gbps > 0 ? g > lk->capacity_gbps * (1 + 1e-7) + OMV__RR_EPS : g > 1e-7;
    }
    res->unserved = uns;
    res->lost = lost;
    res->maxu = maxu;
    res->busiest = busiest;
    res->over = nover ? malloc(nover * sizeof(*res->over)) : NULL;
    res->uns = nuns ? malloc(nuns * sizeof(*res->uns)) : NULL;
    if ((nover && !res->over) || (nuns && !res->uns))
        return OMV_NOMEM(ctx, "scenario results");
    for (size_t l = 0; l < net->nlinks; l++) {
        const omv__link *lk = &net->links[l];
        if (!omv__link_exists(net, l) || isnan(lk->capacity_gbps))
            continue;
        double g = fmax(ev->load[2 * l], ev->load[2 * l + 1]);
        if (lk->capacity_gbps > 0 ? g > lk->capacity_gbps * (1 + 1e-7) + OMV__RR_EPS : g > 1e-7)
            res->over[res->nover++] = (int32_t)l;
    }
    for (size_t d = 0; d < net->ndemands; d++)
        if (ev->unserved[d] > OMV__RR_EPS)
            res->uns[res->nuns++] = (omv_reroute_unserved){(int32_t)d, ev->unserved[d]};
    res->done = 1;
    return 0;
}

static int copy_res(omv__rr_res *dst, omv_ctx *ctx, const omv__rr_res *src)
{
    *dst = *src;
    dst->over = NULL;
    dst->uns = NULL;
    if (src->nover && !(dst->over = malloc(src->nover * sizeof(*dst->over))))
        return OMV_NOMEM(ctx, "scenario results");
    if (src->nuns && !(dst->uns = malloc(src->nuns * sizeof(*dst->uns))))
        return OMV_NOMEM(ctx, "scenario results");
    if (src->nover)
        memcpy(dst->over, src->over, src->nover * sizeof(*dst->over));
    if (src->nuns)
        memcpy(dst->uns, src->uns, src->nuns * sizeof(*dst->uns));
    return 0;
}

/* Per-thread state. */
typedef struct {
    omv_ctx *ctx; /* the thread's own, for messages; copied to the caller's on failure */
    uint8_t *ldead, *ndead;
    double *load, *unserved, *lost;
    double *wg;   /* worst load per link seen by this thread */
    long *wi;     /* and its scenario */
    omv__rr_mcf_worker *mw;
    size_t solved;
    long iters;
    int rc;
} tstate;

static void tstate_free(tstate *t)
{
    omv__rr_mcf_worker_free(t->mw);
    free(t->ldead);
    free(t->ndead);
    free(t->load);
    free(t->unserved);
    free(t->lost);
    free(t->wg);
    free(t->wi);
    omv_ctx_free(t->ctx);
}

static int tstate_init(tstate *t, const omv_net *net)
{
    memset(t, 0, sizeof(*t));
    t->ctx = omv_ctx_new();
    t->ldead = calloc(net->nlinks + 1, 1);
    t->ndead = calloc(net->nnodes + 1, 1);
    t->load = malloc((2 * net->nlinks + 1) * sizeof(*t->load));
    t->unserved = malloc((net->ndemands + 1) * sizeof(*t->unserved));
    t->lost = malloc((net->ndemands + 1) * sizeof(*t->lost));
    t->wg = malloc((net->nlinks + 1) * sizeof(*t->wg));
    t->wi = malloc((net->nlinks + 1) * sizeof(*t->wi));
    if (!t->ctx || !t->ldead || !t->ndead || !t->load || !t->unserved || !t->lost || !t->wg || !t->wi)
        return OMV_ENOMEM;
    for (size_t l = 0; l < net->nlinks; l++) {
        t->wg[l] = -1;
        t->wi[l] = -1;
    }
    return 0;
}


typedef struct {
    const omv_net *net;
    const omv_reroute_options *opt;
    omv__rr_mcf *mcf;
    omv__rr_ecmp *ecmp;
} engine;

static int evaluate(const engine *E, omv_reroute *r, tstate *t, size_t i)
{
    const omv_net *net = E->net;
    uint32_t fn = mark(r, net, i, t->ldead, t->ndead, true);
    omv__rr_eval ev = {t->ldead, t->ndead, t->load, t->unserved, t->lost};
    omv__rr_res *res = &r->res[i];
    int rc = 0;
    /* Reuse: nothing lost with a node, and every link down carried nothing intact. */
    bool reuse = E->mcf && E->opt->reuse_intact;
    for (size_t d = 0; d < net->ndemands && reuse; d++)
        reuse = !t->ndead[net->demands[d].src] && !t->ndead[net->demands[d].dst];
    for (size_t l = 0; l < net->nlinks && reuse; l++)
        if (omv__link_exists(net, l) && link_down(net, l, t->ldead, t->ndead))
            reuse = r->gbps_intact[l] <= OMV__RR_EPS;
    if (reuse) {
        rc = copy_res(res, t->ctx, &r->intact);
        res->solved = 0;
    } else {
        if (E->mcf) {
            long it = 0;
            rc = omv__rr_mcf_eval(t->mw, t->ctx, &ev, &it);
            t->iters += it;
        } else {
            rc = omv__rr_ecmp_eval(E->ecmp, t->ctx, &ev);
        }
        if (!rc)
            rc = collect(res, t->ctx, net, &ev);
        res->solved = 1;
        t->solved += E->mcf != NULL;
        for (size_t l = 0; l < net->nlinks && !rc; l++) {
            if (link_down(net, l, t->ldead, t->ndead))
                continue;
            double g = rnd6(fmax(t->load[2 * l], t->load[2 * l + 1]));
            if (omv__rr_beats(g, (long)i, t->wg[l], t->wi[l])) {
                t->wg[l] = g;
                t->wi[l] = (long)i;
            }
        }
    }
    res->failed_nodes = fn;
    res->done = 1;
    mark(r, net, i, t->ldead, t->ndead, false);
    return rc;
}

int omv_reroute_run(omv_reroute **out, omv_ctx *ctx, const omv_net *net, const omv_scenario *sc,
                    const omv_reroute_options *opt)
{
    *out = NULL;
    omv_reroute_options defaults = OMV_REROUTE_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    if (opt->version != OMV_REROUTE_OPTIONS_VERSION)
        return OMV_ERR(ctx, OMV_EARG, "reroute options: version %d, expected %d", opt->version,
                       OMV_REROUTE_OPTIONS_VERSION);
    if (opt->routing != OMV_ROUTING_OPTIMAL && opt->routing != OMV_ROUTING_SHORTEST)
        return OMV_ERR(ctx, OMV_EARG, "reroute options: unknown routing %d", (int)opt->routing);
    if (!sc)
        return OMV_ERR(ctx, OMV_EARG, "rerouting needs a scenario");
    if (net->ndemands == 0)
        return OMV_ERR(ctx, OMV_EDATA, "the network has no demands to route (demands.csv)");
    if (!net->off)
        return OMV_ERR(ctx, OMV_EINTERNAL, "network without adjacency");
    omv_reroute *r = calloc(1, sizeof(*r));
    if (!r)
        return OMV_NOMEM(ctx, "rerouting");
    r->routing = opt->routing;
    r->nlinks = net->nlinks;
    r->nnodes = net->nnodes;
    r->ndemands = net->ndemands;
    for (size_t d = 0; d < net->ndemands; d++)
        r->demand_total += net->demands[d].gbps;
    for (size_t l = 0; l < net->nlinks; l++)
        r->unlimited += omv__link_exists(net, l) && isnan(net->links[l].capacity_gbps);
    omv__rr_classes cls = {0};
    engine E = {net, opt, NULL, NULL};
    tstate *ts = NULL;
    int nt = omv__threads(ctx);
    int rc;
    if ((rc = list_scenarios(r, ctx, net, sc)) || (rc = omv__rr_classes_init(&cls, ctx, net, sc)))
        goto cleanup;
    r->res = calloc(r->nscen + 1, sizeof(*r->res));
    r->gbps_intact = calloc(net->nlinks + 1, sizeof(*r->gbps_intact));
    r->gbps_worst = calloc(net->nlinks + 1, sizeof(*r->gbps_worst));
    r->worst = malloc((net->nlinks + 1) * sizeof(*r->worst));
    r->bg = malloc((net->nlinks + 1) * sizeof(*r->bg));
    r->bi = malloc((net->nlinks + 1) * sizeof(*r->bi));
    r->cap = malloc((net->nlinks + 1) * sizeof(*r->cap));
    r->existing = malloc(net->nlinks + 1);
    ts = calloc((size_t)nt, sizeof(*ts));
    if (!r->cap || !r->existing || !r->res || !r->gbps_intact || !r->gbps_worst || !r->worst || !r->bg || !r->bi ||
        !ts) {
        rc = OMV_NOMEM(ctx, "rerouting");
        goto cleanup;
    }
    for (size_t l = 0; l < net->nlinks; l++) {
        r->cap[l] = net->links[l].capacity_gbps;
        r->existing[l] = omv__link_exists(net, l);
    }
    for (int k = 0; k < nt; k++)
        if (tstate_init(&ts[k], net)) {
            nt = k + 1;
            rc = OMV_NOMEM(ctx, "rerouting");
            goto cleanup;
        }
    /* The intact network, in this thread. */
    omv__progress(ctx, "intact network", 0, 0);
    {
        omv__rr_eval ev = {ts[0].ldead, ts[0].ndead, ts[0].load, ts[0].unserved, ts[0].lost};
        for (size_t d = 0; d < net->ndemands; d++)
            ev.lost[d] = 0;
        if (opt->routing == OMV_ROUTING_OPTIMAL) {
            rc = omv__rr_mcf_new(&E.mcf, ctx, net, &cls, &ev, opt->warm_start, (int)opt->solver);
            if (!rc)
                r->ncommodities = omv__rr_mcf_commodities(E.mcf);
        } else {
            rc = omv__rr_ecmp_new(&E.ecmp, ctx, net, &cls);
            if (!rc)
                rc = opt->reuse_intact ? omv__rr_ecmp_keep_intact(E.ecmp, ctx, &ev)
                                       : omv__rr_ecmp_eval(E.ecmp, ctx, &ev);
        }
        if (!rc)
            rc = collect(&r->intact, ctx, net, &ev);
        if (rc)
            goto cleanup;
        for (size_t l = 0; l < net->nlinks; l++)
            r->gbps_intact[l] = omv__link_exists(net, l) ? fmax(ev.load[2 * l], ev.load[2 * l + 1]) : 0;
    }
    int stop = 0;
    size_t ndone = 0, first = 0, end = 0;
    if (!opt->intact_only)
        omv_shard_block(&opt->shard, r->nscen, &first, &end);
    r->first = first;
    r->end = end;
    if (end > first) {
#pragma omp parallel num_threads(nt) if (nt > 1)
        {
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            tstate *t = &ts[tid];
            if (E.mcf)
                t->rc = omv__rr_mcf_worker_new(&t->mw, t->ctx, E.mcf);
            if (t->rc) {
#pragma omp atomic write
                stop = 1;
            }
#pragma omp for schedule(dynamic, 1)
            for (size_t i = first; i < end; i++) {
                int halt;
#pragma omp atomic read
                halt = stop;
                if (halt || t->rc)
                    continue;
                if (omv__interrupted(ctx)) {
#pragma omp atomic write
                    stop = 2;
                    continue;
                }
                t->rc = evaluate(&E, r, t, i);
                if (t->rc) {
#pragma omp atomic write
                    stop = 1;
                }
                size_t d;
#pragma omp atomic capture
                d = ++ndone;
                if (tid == 0)
                    omv__progress(ctx, "failure scenarios", d, end - first);
            }
            /* GLPK keeps an environment per thread: a worker frees its own before it ends. */
            omv__rr_mcf_worker_free(t->mw);
            t->mw = NULL;
            if (tid != 0 && E.mcf)
                omv__lp_thread_done();
        }
    }
    omv__progress(ctx, "failure scenarios", ndone, end - first);
    for (int k = 0; k < nt && !rc; k++)
        if (ts[k].rc) {
            rc = OMV_ERR(ctx, ts[k].rc, "%s", omv_ctx_errmsg(ts[k].ctx));
        }
    if (rc)
        goto cleanup;
    r->interrupted = stop == 2;
    for (int k = 0; k < nt; k++) {
        r->nsolved += ts[k].solved;
        r->iterations += ts[k].iters;
    }
    /* Worst case per link: the best of the threads', then against the intact load. */
    for (size_t l = 0; l < net->nlinks; l++) {
        double g = -1;
        long w = -1;
        for (int k = 0; k < nt; k++)
            if (ts[k].wi[l] >= 0 && omv__rr_beats(ts[k].wg[l], ts[k].wi[l], g, w)) {
                g = ts[k].wg[l];
                w = ts[k].wi[l];
            }
        r->bg[l] = g;
        r->bi[l] = w;
    }
    omv__rr_finish_worst(r);
    *out = r;
    r = NULL;
cleanup:
    if (ts)
        for (int k = 0; k < nt; k++)
            tstate_free(&ts[k]);
    free(ts);
    omv__rr_mcf_free(E.mcf);
    omv__rr_ecmp_free(E.ecmp);
    omv__rr_classes_free(&cls);
    omv_reroute_free(r);
    return rc;
}

void omv__rr_finish_worst(omv_reroute *r)
{
    for (size_t l = 0; l < r->nlinks; l++) {
        double gi = rnd6(r->gbps_intact[l]);
        if (r->bi[l] >= 0 && r->bg[l] > gi) {
            r->worst[l] = r->bi[l];
            r->gbps_worst[l] = r->bg[l];
        } else {
            r->worst[l] = -1;
            r->gbps_worst[l] = r->gbps_intact[l];
        }
    }
}

/* ---- getters ---- */

static void fill(const omv_reroute *r, const omv__rr_scen *s, const omv__rr_res *res, omv_reroute_scenario *o)
{
    memset(o, 0, sizeof(*o));
    o->link[0] = o->link[1] = -1;
    o->node = o->srlg = -1;
    if (s) {
        o->kind = (omv_reroute_kind)s->kind;
        switch (s->kind) {
        case OMV_REROUTE_LINK:
            o->link[0] = s->a;
            break;
        case OMV_REROUTE_PAIR:
            o->link[0] = s->a;
            o->link[1] = s->b;
            break;
        case OMV_REROUTE_NODE:
            o->node = s->a;
            break;
        case OMV_REROUTE_SRLG:
            o->srlg = s->a;
            break;
        default:
            o->hours = r->hours[s->a];
            break;
        }
    }
    o->failed_nodes = res->failed_nodes;
    o->unserved_gbps = res->unserved;
    o->lost_with_node_gbps = res->lost;
    o->max_utilisation = res->maxu;
    o->busiest_link = res->busiest;
    o->solved = res->solved;
}

void omv_reroute_intact(const omv_reroute *r, omv_reroute_scenario *out) { fill(r, NULL, &r->intact, out); }

size_t omv_reroute_scenario_count(const omv_reroute *r) { return r->nscen; }

int omv_reroute_scenario_get(const omv_reroute *r, size_t i, omv_reroute_scenario *out)
{
    if (i >= r->nscen)
        return OMV_EARG;
    fill(r, &r->scen[i], &r->res[i], out);
    return 0;
}

int omv_reroute_scenario_failed(const omv_reroute *r, omv_ctx *ctx, size_t i, long **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (i >= r->nscen)
        return OMV_ERR(ctx, OMV_EARG, "scenario %zu out of range", i);
    const omv__rr_scen *s = &r->scen[i];
    const int32_t *src = NULL;
    int32_t one[2] = {s->a, s->b};
    size_t cnt;
    switch (s->kind) {
    case OMV_REROUTE_LINK:
    case OMV_REROUTE_NODE:
        src = one;
        cnt = 1;
        break;
    case OMV_REROUTE_PAIR:
        src = one;
        cnt = 2;
        break;
    case OMV_REROUTE_SRLG:
        src = r->sg_links + r->sg_off[s->a];
        cnt = (size_t)(r->sg_off[s->a + 1] - r->sg_off[s->a]);
        break;
    default:
        src = r->pw_nodes + r->pw_off[s->a];
        cnt = (size_t)(r->pw_off[s->a + 1] - r->pw_off[s->a]);
        break;
    }
    if (cnt == 0)
        return 0;
    if (!(*out = malloc(cnt * sizeof(**out))))
        return OMV_NOMEM(ctx, "failed list");
    for (size_t k = 0; k < cnt; k++)
        (*out)[k] = src[k];
    *n = cnt;
    return 0;
}

static const omv__rr_res *res_at(const omv_reroute *r, size_t i)
{
    if (i == (size_t)-1)
        return &r->intact;
    return i < r->nscen ? &r->res[i] : NULL;
}

size_t omv_reroute_overloaded(const omv_reroute *r, size_t i, const int32_t **links)
{
    const omv__rr_res *res = res_at(r, i);
    *links = res ? res->over : NULL;
    return res ? res->nover : 0;
}

size_t omv_reroute_unserved_list(const omv_reroute *r, size_t i, const omv_reroute_unserved **list)
{
    const omv__rr_res *res = res_at(r, i);
    *list = res ? res->uns : NULL;
    return res ? res->nuns : 0;
}

int omv_reroute_link_get(const omv_reroute *r, size_t i, omv_reroute_link *out)
{
    if (i >= r->nlinks || !r->existing[i])
        return OMV_EARG;
    double c = r->cap[i];
    out->capacity_gbps = c;
    out->gbps_intact = r->gbps_intact[i];
    out->utilisation_intact = c > 0 ? r->gbps_intact[i] / c : NAN;
    out->worst_failure = r->worst[i];
    out->gbps_worst = r->gbps_worst[i];
    out->utilisation_worst = c > 0 ? r->gbps_worst[i] / c : NAN;
    return 0;
}

omv_routing omv_reroute_routing(const omv_reroute *r) { return r->routing; }
double omv_reroute_demand_total(const omv_reroute *r) { return r->demand_total; }
size_t omv_reroute_unlimited_links(const omv_reroute *r) { return r->unlimited; }
size_t omv_reroute_commodity_count(const omv_reroute *r) { return r->ncommodities; }
size_t omv_reroute_solved_count(const omv_reroute *r) { return r->nsolved; }
long omv_reroute_iterations(const omv_reroute *r) { return r->iterations; }
int omv_reroute_interrupted(const omv_reroute *r) { return r->interrupted; }
