/*
 * plan_svg.c — plan_sweep.svg: the cost versus protected-population curve of a budget sweep as a
 * plain SVG chart (no fonts or scripts needed). Each budget is a point at (money spent, residents
 * protected); points on the Pareto front are filled and joined by a step line (the residents one
 * can protect for at most that much money), the others are hollow. Coordinates are written with
 * fixed decimals, so the file is reproducible.
 */
#include "plan/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define W 760.0
#define H 460.0
#define ML 90.0 /* margins: left, right, top, bottom */
#define MR 30.0
#define MT 50.0
#define MB 60.0

/* A round step for about five ticks over [0, hi]. */
static double tick_step(double hi)
{
    if (!(hi > 0))
        return 1;
    double raw = hi / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * mag;
}

typedef struct {
    double cost, pop, budget;
    int pareto;
} pt;

static int cmp_pt(const void *a, const void *b)
{
    const pt *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return (x->pop > y->pop) - (x->pop < y->pop);
}

int omv_plan_sweep_svg(char **svg, omv_ctx *ctx, const omv_plan_sweep *s)
{
    *svg = NULL;
    size_t n = omv_plan_sweep_count(s);
    pt *P = malloc((n + 1) * sizeof(*P));
    if (!P)
        return OMV_NOMEM(ctx, "plan_sweep.svg");
    double xmax = 0, ymax = 0, total = 0;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        omv_plan_summary S;
        omv_plan_summary_get(omv_plan_sweep_plan(s, i), &S);
        if (!S.has_plan)
            continue;
        P[np++] = (pt){S.cost_nok / 1e6, (double)S.protected_population, S.budget_nok / 1e6,
                       omv_plan_sweep_pareto(s, i)};
        if (S.cost_nok / 1e6 > xmax)
            xmax = S.cost_nok / 1e6;
        if ((double)S.protected_population > ymax)
            ymax = (double)S.protected_population;
        total = (double)S.target_population;
    }
    qsort(P, np, sizeof(*P), cmp_pt);
    double xs = tick_step(xmax), ys = tick_step(ymax > 0 ? ymax : total);
    double ytop = ymax > 0 ? ymax : (total > 0 ? total : 1);
    double xhi = xs * ceil((xmax > 0 ? xmax : 1) / xs), yhi = ys * ceil(ytop / ys);
    if (xhi <= 0)
        xhi = xs;
    if (yhi <= 0)
        yhi = ys;
    double pw = W - ML - MR, ph = H - MT - MB;
#define X(v) (ML + (v) / xhi * pw)
#define Y(v) (MT + ph - (v) / yhi * ph)
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_printf(&b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" "
                    "font-family=\"sans-serif\" font-size=\"12\">\n"
                    "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                    "<text x=\"%.1f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">Protected residents by money "
                    "spent (budget sweep)</text>\n",
                    W, H, W, H, W / 2);
    /* grid and ticks */
    for (double v = 0; v <= xhi + xs / 2; v += xs)
        omv__buf_printf(&b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                        X(v), MT, X(v), MT + ph, X(v), MT + ph + 18, v);
    for (double v = 0; v <= yhi + ys / 2; v += ys)
        omv__buf_printf(&b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n",
                        ML, Y(v), ML + pw, Y(v), ML - 8, Y(v) + 4, v);
    omv__buf_printf(&b,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">money spent (MNOK)</text>\n"
                    "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 20 %.1f)\">protected "
                    "residents</text>\n",
                    ML, MT, pw, ph, ML + pw / 2, H - 15, MT + ph / 2, MT + ph / 2);
    if (total > 0 && total <= yhi)
        omv__buf_printf(&b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                        "stroke-dasharray=\"4 4\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">all target residents</text>\n",
                        ML, Y(total), ML + pw, Y(total), ML + pw - 4, Y(total) - 4);
    /* the Pareto front as a step line */
    omv__buf_puts(&b, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
    double lastpop = 0;
    int any = 0;
    for (size_t i = 0; i < np; i++) {
        if (!P[i].pareto)
            continue;
        if (any)
            omv__buf_printf(&b, "%.1f,%.1f ", X(P[i].cost), Y(lastpop));
        omv__buf_printf(&b, "%.1f,%.1f ", X(P[i].cost), Y(P[i].pop));
        lastpop = P[i].pop;
        any = 1;
    }
    if (any)
        omv__buf_printf(&b, "%.1f,%.1f", X(xhi), Y(lastpop));
    omv__buf_puts(&b, "\"/>\n");
    /* Hollow points first, so that a Pareto point at the same place stays visible. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < np; i++) {
            if (P[i].pareto != pass)
                continue;
            omv__buf_printf(&b,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" stroke=\"#1f77b4\" stroke-width=\"2\" fill=\"%s\">"
                            "<title>budget %g MNOK: spent %.1f MNOK, %.0f residents protected</title></circle>\n",
                            X(P[i].cost), Y(P[i].pop), pass ? "#1f77b4" : "white", P[i].budget, P[i].cost, P[i].pop);
            if (pass)
                omv__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\">%g</text>\n",
                                X(P[i].cost) + 7, Y(P[i].pop) + 14, P[i].budget);
        }
    omv__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\" text-anchor=\"end\">labels: budget "
                        "(MNOK) of the Pareto points (filled)</text>\n</svg>\n",
                    ML + pw, MT - 8);
#undef X
#undef Y
    free(P);
    *svg = omv__buf_take(&b);
    return *svg ? 0 : OMV_NOMEM(ctx, "plan_sweep.svg");
}
