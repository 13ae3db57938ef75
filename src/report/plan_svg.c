/*
 * plan_svg.c — the cost versus protected-residents chart of a budget sweep, as plain SVG (no fonts
 * or scripts needed): plan_sweep.svg, and the same chart inside report.html. Each budget is a point at
 * (money spent, residents protected); points on the Pareto front are filled and joined by a step line
 * (the residents one can protect for at most that much money), the others are hollow.
 *
 * The y-axis shows the change: it runs between round values just below and above the data, not from
 * zero, because a sweep typically moves a few per cent of a large population (from zero the curve is
 * a flat line). The x-axis turns logarithmic when the costs spread over more than a factor 20 (the
 * cheap investments protect most), with spending 0 drawn apart at its left. Point labels are placed
 * by html_labels.c and dropped rather than overlapped. Coordinates have fixed decimals, so the file
 * is reproducible.
 */
#include "plan/report.h"
#include "report/html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define W 760.0
#define H 460.0
#define ML 90.0 /* margins: left, right, top, bottom */
#define MR 30.0
#define MT 50.0
#define MB 60.0
#define ZERO_GAP 44.0 /* room at the left of a logarithmic axis for spending 0 */

/* A round step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks over span. */
static double tick_step(double span)
{
    if (!(span > 0))
        return 1;
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * mag;
}

/* The 1-2-5 value (times a power of ten) just below v, or just above it when up. */
static double nice125(double v, bool up)
{
    double mag = pow(10, floor(log10(v))), f = v / mag;
    if (up)
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * mag;
}

static int cmp_pt(const void *a, const void *b)
{
    const omv__chart_pt *x = a, *y = b;
    if (x->cost_mnok != y->cost_mnok)
        return x->cost_mnok < y->cost_mnok ? -1 : 1;
    if (x->pop != y->pop)
        return x->pop < y->pop ? -1 : 1;
    return (x->budget_mnok > y->budget_mnok) - (x->budget_mnok < y->budget_mnok);
}

typedef struct {
    bool log;
    double lo, hi;     /* data range of the axis (log: decades as powers of ten) */
    double px0, px1;   /* pixels */
} xaxis;

static double xpos(const xaxis *a, double v)
{
    if (a->log) {
        if (v <= 0)
            return ML + ZERO_GAP / 2;
        return a->px0 + (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo)) * (a->px1 - a->px0);
    }
    return a->px0 + (v - a->lo) / (a->hi - a->lo) * (a->px1 - a->px0);
}

static void fmt_tick(char *buf, size_t n, double v)
{
    if (v >= 1000)
        snprintf(buf, n, "%g bn", v / 1000);
    else
        snprintf(buf, n, "%g", v);
}

void omv__sweep_chart(omv__buf *b, omv__chart_pt *P, size_t np, double total)
{
    if (np > 1) /* qsort must not see a NULL array */
        qsort(P, np, sizeof(*P), cmp_pt);
    double xmax = 0, pmin = INFINITY, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < np; i++) {
        xmax = fmax(xmax, P[i].cost_mnok);
        if (P[i].cost_mnok > 0)
            pmin = fmin(pmin, P[i].cost_mnok);
        lo = fmin(lo, P[i].pop);
        hi = fmax(hi, P[i].pop);
    }
    if (np == 0)
        lo = 0, hi = total > 0 ? total : 1;
    /* The dashed line of all target residents joins the axis when it is not far above the data. */
    double span = hi - lo;
    bool show_total = total > 0 && total >= hi && total - hi <= 1.5 * (span > 0 ? span : hi * 0.05 + 1);
    if (show_total)
        hi = total;
    span = hi - lo;
    if (!(span > 0)) {
        double pad = fmax(1, fabs(hi) * 0.05);
        lo -= pad, hi += pad, span = hi - lo;
    }
    double ys = tick_step(span);
    double y0 = floor((lo - 0.04 * span) / ys) * ys, y1 = ceil((hi + 0.06 * span) / ys) * ys;
    if (y0 < 0 || (lo >= 0 && lo - 0.04 * span < 0))
        y0 = fmax(0, y0);
    if (y1 <= y0)
        y1 = y0 + ys;

    double pw = W - ML - MR, ph = H - MT - MB;
    xaxis xa = {false, 0, 1, ML, ML + pw};
    int npos = 0;
    for (size_t i = 0; i < np; i++)
        npos += P[i].cost_mnok > 0;
    if (npos >= 2 && xmax / pmin > 20) {
        xa.log = true;
        xa.lo = nice125(pmin, false);
        xa.hi = nice125(xmax, true);
        xa.px0 = ML + ZERO_GAP;
    } else {
        double xs = tick_step(xmax > 0 ? xmax : 1);
        xa.hi = xs * ceil((xmax > 0 ? xmax : 1) / xs);
    }
#define Y(v) (MT + ph - ((v) - y0) / (y1 - y0) * ph)
    omv__buf_printf(b,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                    "font-family=\"sans-serif\" font-size=\"12\" class=\"chart\">\n"
                    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                    "<text x=\"%.1f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">Protected residents by money "
                    "spent (budget sweep)</text>\n",
                    W, H, W, H, W / 2);
    omv__labels L;
    omv__labels_init(&L, W, H);
    /* x grid and ticks */
    char t[48];
    if (xa.log) {
        static const double mult[] = {1, 2, 5};
        for (double dec = pow(10, floor(log10(xa.lo) + 1e-9)); dec <= xa.hi * 1.0001; dec *= 10)
            for (int m = 0; m < 3; m++) {
                double v = dec * mult[m];
                if (v > xa.hi * 1.0001)
                    break;
                if (v < xa.lo * 0.9999)
                    continue;
                fmt_tick(t, sizeof(t), v);
                omv__buf_printf(b,
                                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                                xpos(&xa, v), MT, xpos(&xa, v), MT + ph, m == 0 ? "#ccc" : "#eee", xpos(&xa, v),
                                MT + ph + 18, t);
            }
        omv__buf_printf(b,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">0</text>"
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-dasharray=\"2 3\"/>\n",
                        xpos(&xa, 0), MT + ph + 18, ML + ZERO_GAP - 6, MT, ML + ZERO_GAP - 6, MT + ph);
    } else {
        double xs = tick_step(xa.hi);
        for (double v = 0; v <= xa.hi + xs / 2; v += xs) {
            fmt_tick(t, sizeof(t), v);
            omv__buf_printf(b,
                            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                            xpos(&xa, v), MT, xpos(&xa, v), MT + ph, xpos(&xa, v), MT + ph + 18, t);
        }
    }
    /* y grid and ticks */
    for (double v = y0; v <= y1 + ys / 2; v += ys) {
        omv__buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                        ML, Y(v), ML + pw, Y(v), ML - 8, Y(v) + 4);
        omv__html_int(b, v);
        omv__buf_puts(b, "</text>\n");
    }
    omv__buf_printf(b,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">money spent (MNOK%s)</text>\n"
                    "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">protected "
                    "residents",
                    ML, MT, pw, ph, ML + pw / 2, H - 15, xa.log ? ", logarithmic scale" : "", MT + ph / 2, MT + ph / 2);
    if (y0 > 0) {
        omv__buf_puts(b, " (axis from ");
        omv__html_int(b, y0);
        omv__buf_puts(b, ")");
    }
    omv__buf_puts(b, "</text>\n");
    if (show_total) {
        omv__buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">all target residents (",
                        ML, Y(total), ML + pw, Y(total), ML + pw - 4, Y(total) - 4);
        omv__html_int(b, total);
        omv__buf_puts(b, ")</text>\n");
        omv__labels_block(&L, ML + pw - 260, Y(total) - 16, ML + pw, Y(total));
    }
    /* Labels stay inside the plot. */
    omv__labels_block(&L, 0, 0, W, MT + 1);
    omv__labels_block(&L, 0, 0, ML + 1, H);
    omv__labels_block(&L, 0, MT + ph - 1, W, H);
    omv__labels_block(&L, ML + pw - 1, 0, W, H);
    /* the Pareto front as a step line */
    omv__buf_puts(b, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
    double lastpop = 0, lastx = 0;
    int any = 0;
    for (size_t i = 0; i < np; i++) {
        if (!P[i].pareto)
            continue;
        double x = xpos(&xa, P[i].cost_mnok);
        if (any) {
            omv__buf_printf(b, "%.1f,%.1f ", x, Y(lastpop));
            /* the line is an obstacle for the labels too */
            omv__labels_block(&L, lastx, Y(lastpop) - 2, x, Y(lastpop) + 2);
            omv__labels_block(&L, x - 2, Y(lastpop), x + 2, Y(P[i].pop));
        }
        omv__buf_printf(b, "%.1f,%.1f ", x, Y(P[i].pop));
        lastpop = P[i].pop, lastx = x, any = 1;
    }
    if (any && lastx < ML + pw) {
        omv__buf_printf(b, "%.1f,%.1f", ML + pw, Y(lastpop));
        omv__labels_block(&L, lastx, Y(lastpop) - 2, ML + pw, Y(lastpop) + 2);
    }
    omv__buf_puts(b, "\"/>\n");
    for (size_t i = 0; i < np; i++)
        omv__labels_block(&L, xpos(&xa, P[i].cost_mnok) - 6, Y(P[i].pop) - 6, xpos(&xa, P[i].cost_mnok) + 6,
                          Y(P[i].pop) + 6);
    /* Hollow points first, so that a Pareto point at the same place stays visible. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < np; i++) {
            if (P[i].pareto != pass)
                continue;
            double x = xpos(&xa, P[i].cost_mnok), y = Y(P[i].pop);
            omv__buf_printf(b,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" stroke=\"#1f77b4\" stroke-width=\"2\" fill=\"%s\">"
                            "<title>budget %g MNOK: spent %.1f MNOK, ",
                            x, y, pass ? "#1f77b4" : "white", P[i].budget_mnok, P[i].cost_mnok);
            omv__html_int(b, P[i].pop);
            omv__buf_puts(b, " residents protected</title></circle>\n");
            if (!pass)
                continue;
            fmt_tick(t, sizeof(t), P[i].budget_mnok);
            char lab[64];
            snprintf(lab, sizeof(lab), "budget %s", t);
            double tx, ty;
            const char *anchor;
            if (omv__labels_place(&L, x, y, 9, omv__html_utf8_len(lab), 10, &tx, &ty, &anchor))
                omv__buf_printf(b,
                                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\" text-anchor=\"%s\">%s</text>\n",
                                tx, ty, anchor, lab);
        }
    omv__buf_printf(b,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\" text-anchor=\"end\">filled: Pareto "
                    "front, labelled with its budget (MNOK); hollow: budgets that buy nothing more</text>\n</svg>\n",
                    ML + pw, MT - 8);
#undef Y
    omv__labels_free(&L);
}

int omv_plan_sweep_svg(char **svg, omv_ctx *ctx, const omv_plan_sweep *s)
{
    *svg = NULL;
    size_t n = omv_plan_sweep_count(s);
    omv__chart_pt *P = malloc((n + 1) * sizeof(*P));
    if (!P)
        return OMV_NOMEM(ctx, "plan_sweep.svg");
    double total = 0;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        omv_plan_summary S;
        omv_plan_summary_get(omv_plan_sweep_plan(s, i), &S);
        total = (double)S.target_population;
        if (!S.has_plan)
            continue;
        P[np++] = (omv__chart_pt){S.cost_nok / 1e6, (double)S.protected_population, S.budget_nok / 1e6,
                                  omv_plan_sweep_pareto(s, i)};
    }
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    omv__sweep_chart(&b, P, np, total);
    free(P);
    *svg = omv__buf_take(&b);
    return *svg ? 0 : OMV_NOMEM(ctx, "plan_sweep.svg");
}
