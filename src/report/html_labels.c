/*
 * html_labels.c — greedy label placement for the map and the budget chart. Labels are placed in
 * the caller's order of importance; each takes the first of eight places around its point (then the
 * same eight at twice the distance) that overlaps no marker and no label placed before, or is
 * dropped. Text width is estimated from the number of code points (0.6 em each, generous for a sans
 * serif), so no font metrics are needed and the result is the same on every machine.
 */
#include "report/html.h"

#include <stdlib.h>

void omv__labels_init(omv__labels *L, double w, double h)
{
    L->box = NULL;
    L->n = L->cap = 0;
    L->w = w;
    L->h = h;
}

void omv__labels_free(omv__labels *L)
{
    free(L->box);
    L->box = NULL;
    L->n = L->cap = 0;
}

void omv__labels_block(omv__labels *L, double x0, double y0, double x1, double y1)
{
    /* Out of memory only loses an obstacle: labels may then overlap, nothing worse. */
    if (OMV_GROW(L->box, L->cap, L->n + 1))
        return;
    L->box[L->n++] = (omv__box){x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, x0 < x1 ? x1 : x0, y0 < y1 ? y1 : y0};
}

static bool free_at(const omv__labels *L, omv__box c)
{
    if (c.x0 < 1 || c.y0 < 1 || c.x1 > L->w - 1 || c.y1 > L->h - 1)
        return false;
    for (size_t i = 0; i < L->n; i++) {
        const omv__box *o = &L->box[i];
        if (c.x0 < o->x1 && o->x0 < c.x1 && c.y0 < o->y1 && o->y0 < c.y1)
            return false;
    }
    return true;
}

bool omv__labels_place(omv__labels *L, double x, double y, double r, size_t nchars, double fs, double *tx,
                       double *ty, const char **anchor)
{
    double w = 0.6 * fs * (double)nchars + 2, h = fs * 1.1;
    /* dx, dy: direction; a: 0 start, 1 end, 2 middle */
    static const struct {
        double dx, dy;
        int a;
    } dirs[] = {{1, 0, 0}, {-1, 0, 1}, {0, -1, 2}, {0, 1, 2}, {0.7, -0.7, 0}, {-0.7, -0.7, 1}, {0.7, 0.7, 0}, {-0.7, 0.7, 1}};
    for (int ring = 1; ring <= 2; ring++)
        for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
            double ax = x + dirs[d].dx * r * ring, ay = y + dirs[d].dy * r * ring;
            omv__box c;
            if (dirs[d].a == 0)
                c.x0 = ax, c.x1 = ax + w;
            else if (dirs[d].a == 1)
                c.x0 = ax - w, c.x1 = ax;
            else
                c.x0 = ax - w / 2, c.x1 = ax + w / 2;
            /* vertically: centred beside the point, above or below it otherwise */
            if (dirs[d].dy < 0)
                c.y0 = ay - h, c.y1 = ay;
            else if (dirs[d].dy > 0)
                c.y0 = ay, c.y1 = ay + h;
            else
                c.y0 = ay - h / 2, c.y1 = ay + h / 2;
            if (!free_at(L, c))
                continue;
            omv__labels_block(L, c.x0, c.y0, c.x1, c.y1);
            *tx = dirs[d].a == 0 ? c.x0 + 1 : dirs[d].a == 1 ? c.x1 - 1 : ax;
            *ty = c.y1 - 0.25 * fs;
            *anchor = dirs[d].a == 0 ? "start" : dirs[d].a == 1 ? "end" : "middle";
            return true;
        }
    return false;
}
