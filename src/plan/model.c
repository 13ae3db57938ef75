/*
 * model.c — builds the planner's instance (model.h) from a network and the options: the core, the
 * targets, the planner graph of existing and candidate links, the candidate columns, and the
 * failure list. Also the capacities of a point under a failure, and failures in words.
 */
#include "plan/model.h"

#include "analyze/site.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void omv__pinst_free(omv__pinst *I)
{
    if (!I)
        return;
    free(I->is_core);
    free(I->la);
    free(I->lb);
    free(I->lnet);
    free(I->lvar);
    free(I->off);
    free(I->adj);
    free(I->eid);
    free(I->vnet);
    free(I->vkind);
    free(I->vcost);
    free(I->vnode);
    free(I->vlink);
    free(I->vhours);
    free(I->sat_off);
    free(I->sat_var);
    free(I->pow_off);
    free(I->pow_var);
    free(I->tnode);
    free(I->tpop);
    free(I->tof);
    free(I->tfeas);
    free(I->treason);
    free(I->fail);
    free(I->fof_link);
    free(I->fof_node);
    free(I->g_off);
    free(I->g_link);
    free(I->fof_group);
    free(I->hours);
    free(I->fails);
    omv__arena_free(&I->arena);
    memset(I, 0, sizeof(*I));
}

/* A satellite terminal: a satellite candidate between a gateway and a node that is not one. */
static int terminal_site(const omv_net *net, const omv__link *l)
{
    if (l->medium != OMV_MEDIUM_SATELLITE || l->b < 0)
        return -1;
    int ga = net->nodes[l->a].kind == OMV_KIND_SATELLITE_GATEWAY;
    int gb = net->nodes[l->b].kind == OMV_KIND_SATELLITE_GATEWAY;
    if (ga == gb)
        return -1;
    return ga ? l->b : l->a;
}

static int set_core(omv__pinst *I, omv_ctx *ctx, const omv_plan_options *opt)
{
    const omv_net *net = I->net;
    I->is_core = calloc(I->n ? I->n : 1, 1);
    if (!I->is_core)
        return OMV_NOMEM(ctx, "core");
    size_t nc = 0;
    int rc = omv__core_mark(ctx, net, opt->core_ids, opt->ncore, I->is_core, 1, &nc);
    if (rc)
        return rc;
    if (nc == 0 && opt->core_ids)
        return OMV_ERR(ctx, OMV_EARG, "no core node: the core list is empty, and the planner needs core nodes to "
                                      "protect sites against");
    if (nc == 0)
        return OMV_ERR(ctx, OMV_EARG, "no core node: the network has no node of kind core or ixp; name the core "
                                      "with --core");
    I->root = -1;
    for (size_t v = 0; v < I->n && I->root < 0; v++)
        if (I->is_core[v])
            I->root = (int32_t)v;
    return 0;
}

/* A target by default is a site (analyze/site.h: the same definition as the failure analysis). */
static int is_default_site(const omv__pinst *I, size_t v) { return omv__node_is_site(I->net, v, I->is_core[v]); }

static int set_targets(omv__pinst *I, omv_ctx *ctx, const omv_plan_options *opt)
{
    const omv_net *net = I->net;
    uint8_t *want = calloc(I->n ? I->n : 1, 1);
    char *ids = NULL;
    int rc = 0;
    if (!want)
        return OMV_NOMEM(ctx, "targets");
    const char *spec = opt->target;
    if (!spec || !spec[0] || !strcmp(spec, "region")) {
        for (size_t v = 0; v < I->n; v++)
            want[v] = is_default_site(I, v) && (!opt->region || omv_region_has(opt->region, net, v));
    } else if (!strncmp(spec, "pop>=", 5)) {
        char *end;
        errno = 0;
        double th = strtod(spec + 5, &end);
        if (end == spec + 5 || *end || errno || !isfinite(th) || th < 0) {
            rc = OMV_ERR(ctx, OMV_EARG, "target '%s': expected pop>=N with N a number >= 0", spec);
            goto cleanup;
        }
        for (size_t v = 0; v < I->n; v++)
            want[v] = is_default_site(I, v) && (!opt->region || omv_region_has(opt->region, net, v)) &&
                      (double)net->nodes[v].population >= th;
    } else if (!strncmp(spec, "ids:", 4)) {
        ids = strdup(spec + 4);
        if (!ids) {
            rc = OMV_NOMEM(ctx, "targets");
            goto cleanup;
        }
        size_t count = 0;
        for (char *save = NULL, *tok = strtok_r(ids, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            while (isspace((unsigned char)*tok))
                tok++;
            size_t l = strlen(tok);
            while (l && isspace((unsigned char)tok[l - 1]))
                tok[--l] = '\0';
            if (!l)
                continue;
            long v = omv_net_node_find(net, tok);
            if (v < 0) {
                rc = OMV_ERR(ctx, OMV_EARG, "target: unknown node '%s'", tok);
                goto cleanup;
            }
            if (I->is_core[v]) {
                rc = OMV_ERR(ctx, OMV_EARG, "target: node '%s' is part of the core", tok);
                goto cleanup;
            }
            want[v] = 1;
            count++;
        }
        if (!count) {
            rc = OMV_ERR(ctx, OMV_EARG, "target '%s': no node ids after 'ids:'", spec);
            goto cleanup;
        }
    } else {
        rc = OMV_ERR(ctx, OMV_EARG, "target '%s': expected 'region', 'pop>=N' or 'ids:A,B,C'", spec);
        goto cleanup;
    }
    size_t nt = 0;
    for (size_t v = 0; v < I->n; v++)
        nt += want[v];
    I->nt = nt;
    I->tnode = malloc((nt ? nt : 1) * sizeof(*I->tnode));
    I->tpop = malloc((nt ? nt : 1) * sizeof(*I->tpop));
    I->tof = malloc((I->n ? I->n : 1) * sizeof(*I->tof));
    I->tfeas = calloc(nt ? nt : 1, 1);
    I->treason = calloc(nt ? nt : 1, sizeof(*I->treason));
    if (!I->tnode || !I->tpop || !I->tof || !I->tfeas || !I->treason) {
        rc = OMV_NOMEM(ctx, "targets");
        goto cleanup;
    }
    nt = 0;
    for (size_t v = 0; v < I->n; v++) {
        I->tof[v] = -1;
        if (!want[v])
            continue;
        I->tof[v] = (int32_t)nt;
        I->tnode[nt] = (int32_t)v;
        I->tpop[nt] = net->nodes[v].population;
        I->treason[nt] = "";
        nt++;
    }
cleanup:
    free(ids);
    free(want);
    return rc;
}

/* Candidate columns and the planner graph. */
static int set_graph(omv__pinst *I, omv_ctx *ctx)
{
    const omv_net *net = I->net;
    size_t m = 0, nv = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        int cand = omv__link_candidate(net, i);
        if (!cand && !omv__link_exists(net, i))
            continue; /* left out of this view of the network (border policy) */
        nv += cand;
        if (l->b >= 0 && (!cand || terminal_site(net, l) < 0))
            m++;
    }
    if (m > INT32_MAX / 2 || nv > INT32_MAX / 2)
        return OMV_ERR(ctx, OMV_EDATA, "too many links for the planner");
    I->m = m;
    I->nvar = nv;
    size_t mm = m ? m : 1, vv = nv ? nv : 1, nn = I->n + 1;
    I->la = malloc(mm * sizeof(int32_t));
    I->lb = malloc(mm * sizeof(int32_t));
    I->lnet = malloc(mm * sizeof(int32_t));
    I->lvar = malloc(mm * sizeof(int32_t));
    I->vnet = malloc(vv * sizeof(int32_t));
    I->vkind = malloc(vv);
    I->vcost = malloc(vv * sizeof(double));
    I->vnode = malloc(vv * sizeof(int32_t));
    I->vlink = malloc(vv * sizeof(int32_t));
    I->vhours = malloc(vv * sizeof(double));
    I->off = calloc(nn + 1, sizeof(int32_t));
    I->adj = malloc(2 * mm * sizeof(int32_t));
    I->eid = malloc(2 * mm * sizeof(int32_t));
    I->sat_off = calloc(nn + 1, sizeof(int32_t));
    I->pow_off = calloc(nn + 1, sizeof(int32_t));
    I->sat_var = malloc(vv * sizeof(int32_t));
    I->pow_var = malloc(vv * sizeof(int32_t));
    if (!I->la || !I->lb || !I->lnet || !I->lvar || !I->vnet || !I->vkind || !I->vcost || !I->vnode || !I->vlink ||
        !I->vhours || !I->off || !I->adj || !I->eid || !I->sat_off || !I->pow_off || !I->sat_var || !I->pow_var)
        return OMV_NOMEM(ctx, "planner graph");
    size_t e = 0, j = 0;
    for (size_t i = 0; i < net->nlinks; i++) {
        const omv__link *l = &net->links[i];
        int32_t var = -1;
        int cand = omv__link_candidate(net, i);
        if (!cand && !omv__link_exists(net, i))
            continue;
        if (cand) {
            var = (int32_t)j++;
            I->vnet[var] = (int32_t)i;
            I->vcost[var] = isnan(omv__link_cost(l)) ? 0 : omv__link_cost(l);
            I->vnode[var] = -1;
            I->vlink[var] = -1;
            I->vhours[var] = 0;
            int site = terminal_site(net, l);
            if (l->medium == OMV_MEDIUM_POWER) {
                I->vkind[var] = OMV_INVEST_POWER;
                I->vnode[var] = l->a;
                I->vhours[var] = isnan(omv__link_power(l)) ? 0 : omv__link_power(l);
                I->pow_off[l->a + 1]++;
                continue;
            }
            if (site >= 0) {
                I->vkind[var] = OMV_INVEST_SATELLITE;
                I->vnode[var] = site;
                I->sat_off[site + 1]++;
                continue;
            }
            I->vkind[var] = OMV_INVEST_LINK;
            I->vlink[var] = (int32_t)e;
        }
        if (l->b < 0)
            continue;
        I->la[e] = l->a;
        I->lb[e] = l->b;
        I->lnet[e] = (int32_t)i;
        I->lvar[e] = var;
        I->off[l->a + 1]++;
        I->off[l->b + 1]++;
        e++;
    }
    for (size_t v = 0; v < I->n; v++) {
        I->off[v + 1] += I->off[v];
        I->sat_off[v + 1] += I->sat_off[v];
        I->pow_off[v + 1] += I->pow_off[v];
    }
    /* Fill with cursors, then restore the offsets. */
    int32_t *cur = malloc(nn * sizeof(int32_t));
    if (!cur)
        return OMV_NOMEM(ctx, "planner graph");
    memcpy(cur, I->off, I->n * sizeof(int32_t));
    for (size_t k = 0; k < m; k++) {
        int32_t a = I->la[k], b = I->lb[k];
        I->adj[cur[a]] = b;
        I->eid[cur[a]++] = (int32_t)k;
        I->adj[cur[b]] = a;
        I->eid[cur[b]++] = (int32_t)k;
    }
    memcpy(cur, I->sat_off, I->n * sizeof(int32_t));
    for (size_t k = 0; k < nv; k++)
        if (I->vkind[k] == OMV_INVEST_SATELLITE)
            I->sat_var[cur[I->vnode[k]]++] = (int32_t)k;
    memcpy(cur, I->pow_off, I->n * sizeof(int32_t));
    for (size_t k = 0; k < nv; k++)
        if (I->vkind[k] == OMV_INVEST_POWER)
            I->pow_var[cur[I->vnode[k]]++] = (int32_t)k;
    free(cur);
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int set_failures(omv__pinst *I, omv_ctx *ctx, const omv_plan_options *opt)
{
    const omv_net *net = I->net;
    unsigned known = OMV_FAIL_LINKS | OMV_FAIL_NODES | OMV_FAIL_SRLG | OMV_FAIL_POWER;
    if (opt->failures & ~known)
        return OMV_ERR(ctx, OMV_EARG, "the planner protects against links, nodes, srlg and power failures only");
    if (!(opt->failures & known))
        return OMV_ERR(ctx, OMV_EARG, "no failure class to protect against");
    I->classes = opt->failures & known;
    if ((I->classes & OMV_FAIL_POWER) && (!opt->outage_hours || !opt->noutage))
        return OMV_ERR(ctx, OMV_EARG, "power: no outage duration given");
    I->ng = net->nsrlg;
    size_t nn = I->n ? I->n : 1;
    I->fof_link = malloc((I->m ? I->m : 1) * sizeof(int32_t));
    I->fof_node = malloc(nn * sizeof(int32_t));
    I->fof_group = malloc((I->ng ? I->ng : 1) * sizeof(int32_t));
    I->g_off = calloc(I->ng + 2, sizeof(int32_t));
    if (!I->fof_link || !I->fof_node || !I->fof_group || !I->g_off)
        return OMV_NOMEM(ctx, "failures");
    /* Group -> local links. */
    size_t tot = 0;
    for (size_t e = 0; e < I->m; e++) {
        const omv__link *l = &net->links[I->lnet[e]];
        for (uint32_t k = 0; k < l->nsrlg; k++)
            I->g_off[net->link_srlg[l->srlg_off + k] + 1]++;
        tot += l->nsrlg;
    }
    for (size_t g = 0; g < I->ng; g++)
        I->g_off[g + 1] += I->g_off[g];
    I->g_link = malloc((tot ? tot : 1) * sizeof(int32_t));
    int32_t *cur = malloc((I->ng + 1) * sizeof(int32_t));
    if (!I->g_link || !cur) {
        free(cur);
        return OMV_NOMEM(ctx, "failures");
    }
    memcpy(cur, I->g_off, (I->ng + 1) * sizeof(int32_t));
    for (size_t e = 0; e < I->m; e++) {
        const omv__link *l = &net->links[I->lnet[e]];
        for (uint32_t k = 0; k < l->nsrlg; k++)
            I->g_link[cur[net->link_srlg[l->srlg_off + k]]++] = (int32_t)e;
    }
    free(cur);
    /* Outages: sorted, duplicates once. */
    if (I->classes & OMV_FAIL_POWER) {
        I->hours = malloc(opt->noutage * sizeof(double));
        if (!I->hours)
            return OMV_NOMEM(ctx, "outages");
        for (size_t k = 0; k < opt->noutage; k++) {
            if (!(opt->outage_hours[k] >= 0) || !isfinite(opt->outage_hours[k]))
                return OMV_ERR(ctx, OMV_EARG, "power: outage duration must be a number of hours >= 0");
            I->hours[k] = opt->outage_hours[k];
        }
        if (opt->noutage > 1) /* qsort must not see a NULL array */
            qsort(I->hours, opt->noutage, sizeof(double), cmp_double);
        size_t u = 0;
        for (size_t k = 0; k < opt->noutage; k++)
            if (!u || I->hours[k] != I->hours[u - 1])
                I->hours[u++] = I->hours[k];
        I->nout = u;
        I->fails = calloc(I->nout * nn, 1);
        if (!I->fails)
            return OMV_NOMEM(ctx, "outages");
        for (size_t k = 0; k < I->nout; k++)
            for (size_t v = 0; v < I->n; v++) {
                double ph = omv__node_power(net, v);
                I->fails[k * I->n + v] = (!opt->outage_region || omv_region_has(opt->outage_region, net, v)) &&
                                         (isnan(ph) || ph < I->hours[k]);
            }
    }
    size_t nf = 0;
    if (I->classes & OMV_FAIL_LINKS)
        nf += I->m;
    if (I->classes & OMV_FAIL_NODES)
        nf += I->n;
    if (I->classes & OMV_FAIL_SRLG)
        nf += I->ng;
    nf += I->nout;
    I->fail = malloc((nf ? nf : 1) * sizeof(*I->fail));
    if (!I->fail)
        return OMV_NOMEM(ctx, "failures");
    nf = 0;
    for (size_t e = 0; e < I->m; e++) {
        I->fof_link[e] = -1;
        if (I->classes & OMV_FAIL_LINKS) {
            I->fof_link[e] = (int32_t)nf;
            I->fail[nf++] = (omv__pfail){OMV_FAIL_LINKS, (int32_t)e};
        }
    }
    for (size_t v = 0; v < I->n; v++) {
        I->fof_node[v] = -1;
        /* The core never fails; a node without links cuts nobody off. */
        if ((I->classes & OMV_FAIL_NODES) && !I->is_core[v] && I->off[v + 1] > I->off[v]) {
            I->fof_node[v] = (int32_t)nf;
            I->fail[nf++] = (omv__pfail){OMV_FAIL_NODES, (int32_t)v};
        }
    }
    for (size_t g = 0; g < I->ng; g++) {
        I->fof_group[g] = -1;
        if ((I->classes & OMV_FAIL_SRLG) && I->g_off[g + 1] > I->g_off[g]) {
            I->fof_group[g] = (int32_t)nf;
            I->fail[nf++] = (omv__pfail){OMV_FAIL_SRLG, (int32_t)g};
        }
    }
    for (size_t k = 0; k < I->nout; k++)
        I->fail[nf++] = (omv__pfail){OMV_FAIL_POWER, (int32_t)k};
    I->nfail = nf;
    return 0;
}

static int set_texts(omv__pinst *I, omv_ctx *ctx, const omv_plan_options *opt)
{
    char buf[512];
    size_t k = 0;
    buf[0] = '\0';
    static const struct {
        unsigned cls;
        const char *name;
    } names[] = {{OMV_FAIL_LINKS, "links"}, {OMV_FAIL_NODES, "nodes"}, {OMV_FAIL_SRLG, "srlg"}};
    for (size_t i = 0; i < 3; i++)
        if (I->classes & names[i].cls)
            k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", k ? "," : "", names[i].name);
    if (I->classes & OMV_FAIL_POWER) {
        k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%spower:%s:", k ? "," : "",
                              opt->outage_region ? omv_region_spec(opt->outage_region) : "all");
        for (size_t h = 0; h < I->nout && k < sizeof(buf) - 32; h++) {
            char num[32];
            omv__fmt_double(num, sizeof(num), I->hours[h]);
            k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", h ? "," : "", num);
        }
    }
    I->against = omv__arena_strdup(&I->arena, buf);
    I->region_spec = omv__arena_strdup(&I->arena, opt->region ? omv_region_spec(opt->region) : "all");
    I->target_spec = omv__arena_strdup(&I->arena, opt->target && opt->target[0] ? opt->target : "region");
    if (!I->against || !I->region_spec || !I->target_spec)
        return OMV_NOMEM(ctx, "plan");
    return 0;
}

int omv__pinst_build(omv__pinst *I, omv_ctx *ctx, const omv_net *net, const omv_plan_options *opt)
{
    memset(I, 0, sizeof(*I));
    omv__arena_init(&I->arena);
    I->net = net;
    I->n = net->nnodes;
    if (!opt || opt->version != OMV_PLAN_OPTIONS_VERSION)
        return OMV_ERR(ctx, OMV_EARG, "plan options: version %d, expected %d", opt ? opt->version : -1,
                       OMV_PLAN_OPTIONS_VERSION);
    int rc;
    if ((rc = set_core(I, ctx, opt)) || (rc = set_targets(I, ctx, opt)) || (rc = set_graph(I, ctx)) ||
        (rc = set_failures(I, ctx, opt)) || (rc = set_texts(I, ctx, opt)))
        return rc;
    return 0;
}

/* ---- capacities at a point ------------------------------------------------------------------- */

double omv__pinst_base(const omv__pinst *I, const double *xv, int32_t e)
{
    int32_t v = I->lvar[e];
    return v < 0 ? 1.0 : xv[v];
}

double omv__pinst_sat(const omv__pinst *I, const double *xv, int32_t v)
{
    double s = 0;
    for (int32_t k = I->sat_off[v]; k < I->sat_off[v + 1]; k++)
        s += xv[I->sat_var[k]];
    return s;
}

double omv__pinst_pw(const omv__pinst *I, const double *xv, size_t k, int32_t v)
{
    if (!I->fails[k * I->n + (size_t)v])
        return 1.0;
    double s = 0;
    for (int32_t q = I->pow_off[v]; q < I->pow_off[v + 1]; q++)
        if (I->vhours[I->pow_var[q]] >= I->hours[k])
            s += xv[I->pow_var[q]];
    return s < 1.0 ? s : 1.0;
}

int32_t omv__pinst_dark(const omv__pinst *I, const double *xv, int32_t v)
{
    /* Power failures close the failure list, one per outage in order. */
    for (size_t k = 0; k < I->nout; k++)
        if (omv__pinst_pw(I, xv, k, v) < 0.5)
            return (int32_t)(I->nfail - I->nout + k);
    return OMV__CUT_NONE;
}

void omv__pinst_caps(const omv__pinst *I, const double *xv, int32_t f, double *cap)
{
    for (size_t e = 0; e < I->m; e++)
        cap[e] = omv__pinst_base(I, xv, (int32_t)e);
    if (f < 0)
        return;
    const omv__pfail *F = &I->fail[f];
    switch (F->cls) {
    case OMV_FAIL_LINKS:
        cap[F->idx] = 0;
        break;
    case OMV_FAIL_NODES:
        for (int32_t k = I->off[F->idx]; k < I->off[F->idx + 1]; k++)
            cap[I->eid[k]] = 0;
        break;
    case OMV_FAIL_SRLG:
        for (int32_t k = I->g_off[F->idx]; k < I->g_off[F->idx + 1]; k++)
            cap[I->g_link[k]] = 0;
        break;
    default: {
        size_t o = (size_t)F->idx;
        for (size_t e = 0; e < I->m; e++) {
            double pa = omv__pinst_pw(I, xv, o, I->la[e]), pb = omv__pinst_pw(I, xv, o, I->lb[e]);
            if (pa < cap[e])
                cap[e] = pa;
            if (pb < cap[e])
                cap[e] = pb;
        }
        break;
    }
    }
}

int omv__pinst_is_self(const omv__pinst *I, int32_t f, int32_t tnode)
{
    return f >= 0 && I->fail[f].cls == OMV_FAIL_NODES && I->fail[f].idx == tnode;
}

void omv__pinst_describe(const omv__pinst *I, int32_t f, char *buf, size_t bufsz)
{
    const omv_net *net = I->net;
    if (f < 0) {
        snprintf(buf, bufsz, "%s", f == OMV__CUT_NOPATH ? "no path to the core" : "");
        return;
    }
    const omv__pfail *F = &I->fail[f];
    switch (F->cls) {
    case OMV_FAIL_LINKS: {
        const omv__link *l = &net->links[I->lnet[F->idx]];
        snprintf(buf, bufsz, "link %s (%s–%s)", l->id, omv_net_node_name(net, (size_t)l->a),
                 omv_net_node_name(net, (size_t)l->b));
        break;
    }
    case OMV_FAIL_NODES: {
        const omv__node *nd = &net->nodes[F->idx];
        if (omv__node_name(nd))
            snprintf(buf, bufsz, "node %s (%s)", nd->id, omv__node_name(nd));
        else
            snprintf(buf, bufsz, "node %s", nd->id);
        break;
    }
    case OMV_FAIL_SRLG:
        snprintf(buf, bufsz, "shared-risk group %s", net->srlg_names[F->idx]);
        break;
    default: {
        char h[32];
        omv__fmt_double(h, sizeof(h), I->hours[F->idx]);
        snprintf(buf, bufsz, "power outage of %s h", h);
        break;
    }
    }
}

double omv__plan_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
