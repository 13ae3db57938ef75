/*
 * reroute_text.c — the plain-words summary of a rerouting run: what the intact network carries, the
 * scenarios worst first (most unserved demand, then most lost with a node, then the highest
 * utilisation, then scenario order), and the links whose worst case is highest.
 */
#include "report/jsonw.h"
#include "report/reroute_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void link_words(char *buf, size_t n, const omv_net *net, size_t l)
{
    const omv__link *lk = &net->links[l];
    snprintf(buf, n, "%s (%s-%s)", lk->id, net->nodes[lk->a].id, net->nodes[lk->b].id);
}

void omv__rr_scenario_label(char *buf, size_t bufsz, const omv_reroute *r, const omv_net *net, size_t i)
{
    omv_reroute_scenario s;
    char a[160], b[160], h[48];
    if (omv_reroute_scenario_get(r, i, &s)) {
        snprintf(buf, bufsz, "scenario %zu", i);
        return;
    }
    switch (s.kind) {
    case OMV_REROUTE_LINK:
        link_words(a, sizeof(a), net, (size_t)s.link[0]);
        snprintf(buf, bufsz, "link %s", a);
        break;
    case OMV_REROUTE_PAIR:
        link_words(a, sizeof(a), net, (size_t)s.link[0]);
        link_words(b, sizeof(b), net, (size_t)s.link[1]);
        snprintf(buf, bufsz, "links %s and %s", a, b);
        break;
    case OMV_REROUTE_NODE: {
        const char *nm = omv_net_node_name(net, (size_t)s.node);
        const char *id = omv_net_node_id(net, (size_t)s.node);
        if (nm && strcmp(nm, id) != 0)
            snprintf(buf, bufsz, "node %s (%s)", id, nm);
        else
            snprintf(buf, bufsz, "node %s", id);
        break;
    }
    case OMV_REROUTE_SRLG:
        snprintf(buf, bufsz, "the %s group", net->srlg_names[s.srlg]);
        break;
    default:
        omv__fmt_fixed(h, sizeof(h), s.hours, 2);
        snprintf(buf, bufsz, "power for %s h (%zu node%s down)", h, s.failed_nodes, s.failed_nodes == 1 ? "" : "s");
        break;
    }
}

typedef struct {
    size_t i;
    double uns, lost, maxu;
} rank_t;

static int cmp_rank(const void *x, const void *y)
{
    const rank_t *a = x, *b = y;
    if (a->uns != b->uns)
        return a->uns > b->uns ? -1 : 1;
    if (a->lost != b->lost)
        return a->lost > b->lost ? -1 : 1;
    if (a->maxu != b->maxu)
        return a->maxu > b->maxu ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static double r6(double v) { return round(v * 1e6) / 1e6; }

int omv_reroute_text(char **text, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc,
                     size_t top)
{
    *text = NULL;
    omv__buf b;
    omv__buf_init(&b);
    char t1[48], t2[48], t3[48], w[512];
    double total = omv_reroute_demand_total(r);
    omv__fmt_fixed(t1, sizeof(t1), total, 3);
    const char *border = omv__rr_border_text(sc);
    bool open = !strcmp(border, "allow");
    const char *how = open ? "with every route open" : !strcmp(border, "deny") ? "domestically (border deny)" : NULL;
    char howbuf[128];
    if (!how) {
        snprintf(howbuf, sizeof(howbuf), "under border %s", border);
        how = howbuf;
    }
    size_t nlinks = 0;
    for (size_t l = 0; l < net->nlinks; l++)
        nlinks += omv__link_exists(net, l);
    omv__buf_printf(&b, "Rerouting %zu demand%s, %s Gbps in all, over %zu links (%s routing, border %s).\n",
                    net->ndemands, net->ndemands == 1 ? "" : "s", t1, nlinks,
                    omv_routing_name(omv_reroute_routing(r)), border);
    size_t unl = omv_reroute_unlimited_links(r);
    if (unl)
        omv__buf_printf(&b, "%zu link%s without capacity_gbps count as unlimited.\n", unl, unl == 1 ? "" : "s");
    omv_reroute_scenario in;
    omv_reroute_intact(r, &in);
    omv__fmt_fixed(t2, sizeof(t2), in.unserved_gbps, 3);
    omv__fmt_fixed(t3, sizeof(t3), 100 * in.max_utilisation, 1);
    omv__buf_printf(&b, "Intact network: %s of %s Gbps unserved %s", t2, t1, how);
    if (in.busiest_link >= 0) {
        char lw[200];
        link_words(lw, sizeof(lw), net, (size_t)in.busiest_link);
        omv__buf_printf(&b, "; the busiest link is %s at %s%%", lw, t3);
    }
    omv__buf_puts(&b, ".\n");
    size_t ns = omv_reroute_scenario_count(r);
    rank_t *rk = malloc((ns + 1) * sizeof(*rk));
    if (!rk) {
        omv__buf_free(&b);
        return OMV_NOMEM(ctx, "summary");
    }
    size_t with_uns = 0, with_over = 0;
    for (size_t i = 0; i < ns; i++) {
        omv_reroute_scenario s;
        omv_reroute_scenario_get(r, i, &s);
        rk[i] = (rank_t){i, r6(s.unserved_gbps), r6(s.lost_with_node_gbps), r6(s.max_utilisation)};
        with_uns += rk[i].uns > 0;
        const int32_t *ov;
        with_over += omv_reroute_overloaded(r, i, &ov) > 0;
    }
    qsort(rk, ns, sizeof(*rk), cmp_rank);
    omv__buf_printf(&b, "%zu failure scenario%s: %zu leave demand unserved", ns, ns == 1 ? "" : "s", with_uns);
    if (omv_reroute_routing(r) == OMV_ROUTING_SHORTEST)
        omv__buf_printf(&b, ", %zu overload a link", with_over);
    omv__buf_puts(&b, ".\n");
    if (omv_reroute_interrupted(r))
        omv__buf_puts(&b, "Interrupted: some scenarios were not evaluated.\n");
    size_t shown = top && top < ns ? top : ns;
    if (shown)
        omv__buf_puts(&b, "\nWorst first:\n");
    for (size_t k = 0; k < shown; k++) {
        omv_reroute_scenario s;
        omv_reroute_scenario_get(r, rk[k].i, &s);
        omv__rr_scenario_label(w, sizeof(w), r, net, rk[k].i);
        omv__fmt_fixed(t2, sizeof(t2), s.unserved_gbps, 3);
        omv__buf_printf(&b, "  %zu. Losing %s leaves %s of %s Gbps unserved %s", k + 1, w, t2, t1, how);
        const omv_region *reg = omv_scenario_region(sc);
        if (reg && s.unserved_gbps > 0) {
            const omv_reroute_unserved *u;
            size_t nu = omv_reroute_unserved_list(r, rk[k].i, &u);
            double in_reg = 0;
            for (size_t q = 0; q < nu; q++) {
                const omv__demand *dm = &net->demands[u[q].demand];
                if (omv_region_has(reg, net, (size_t)dm->src) || omv_region_has(reg, net, (size_t)dm->dst))
                    in_reg += u[q].gbps;
            }
            omv__fmt_fixed(t3, sizeof(t3), in_reg, 3);
            if (in_reg > 0)
                omv__buf_printf(&b, ", %s Gbps of it to or from %s", t3, omv_region_spec(reg));
            else
                omv__buf_printf(&b, ", none of it to or from %s", omv_region_spec(reg));
        }
        if (s.lost_with_node_gbps > 0) {
            omv__fmt_fixed(t3, sizeof(t3), s.lost_with_node_gbps, 3);
            omv__buf_printf(&b, " (and %s Gbps to or from the failed node%s is lost with it)", t3,
                            s.failed_nodes == 1 ? "" : "s");
        }
        omv__fmt_fixed(t3, sizeof(t3), 100 * s.max_utilisation, 1);
        long bl = s.busiest_link;
        if (bl >= 0) {
            char lw[200];
            link_words(lw, sizeof(lw), net, (size_t)bl);
            omv__buf_printf(&b, "; the worst-loaded link is then %s at %s%%", lw, t3);
        } else {
            omv__buf_puts(&b, "; no link with a capacity carries traffic");
        }
        const int32_t *ov;
        size_t nov = omv_reroute_overloaded(r, rk[k].i, &ov);
        if (nov)
            omv__buf_printf(&b, ", %zu link%s overloaded", nov, nov == 1 ? "" : "s");
        omv__buf_puts(&b, ".\n");
    }
    free(rk);
    /* Links whose worst case is highest. */
    size_t nl = 0;
    rank_t *lr = malloc((net->nlinks + 1) * sizeof(*lr));
    if (!lr) {
        omv__buf_free(&b);
        return OMV_NOMEM(ctx, "summary");
    }
    for (size_t l = 0; l < net->nlinks; l++) {
        omv_reroute_link lk;
        if (omv_reroute_link_get(r, l, &lk) || lk.worst_failure < 0 || isnan(lk.utilisation_worst))
            continue;
        lr[nl++] = (rank_t){l, 0, 0, r6(lk.utilisation_worst)};
    }
    qsort(lr, nl, sizeof(*lr), cmp_rank);
    size_t lshown = top && top < nl ? top : nl;
    if (lshown)
        omv__buf_puts(&b, "\nMost loaded links in their worst failure:\n");
    for (size_t k = 0; k < lshown; k++) {
        omv_reroute_link lk;
        omv_reroute_link_get(r, lr[k].i, &lk);
        char lw[200];
        link_words(lw, sizeof(lw), net, lr[k].i);
        omv__rr_scenario_label(w, sizeof(w), r, net, (size_t)lk.worst_failure);
        omv__fmt_fixed(t2, sizeof(t2), 100 * lk.utilisation_intact, 1);
        omv__fmt_fixed(t3, sizeof(t3), 100 * lk.utilisation_worst, 1);
        omv__buf_printf(&b, "  %s: %s%% intact, %s%% when %s fails.\n", lw, t2, t3, w);
    }
    free(lr);
    if (b.failed) {
        omv__buf_free(&b);
        return OMV_NOMEM(ctx, "summary");
    }
    *text = omv__buf_take(&b);
    return 0;
}
