/*
 * geodesic.c — link lengths: ellipsoidal distances from PROJ's geodesic routines, and the route
 * factor by which a real route of each medium is assumed longer than the geodesic.
 */
#include "topo/net.h"

#include <geodesic.h>
#include <math.h>

double omv__route_factor(omv_medium m)
{
    /* Calibrated on public routes: open-sea subsea cables run 5-15 % over the great circle, Arctic
     * and deep ones 30-40 %, terrestrial routes along Norwegian roads and fjords 30-60 %. Microwave
     * hops are line of sight. */
    switch (m) {
    case OMV_MEDIUM_FIBER:
    case OMV_MEDIUM_AERIAL:
    case OMV_MEDIUM_LEASED:
        return 1.4;
    case OMV_MEDIUM_SUBSEA:
        return 1.2;
    default:
        return 1.0;
    }
}

static void wgs84(struct geod_geodesic *g) { geod_init(g, 6378137.0, 1.0 / 298.257223563); }

double omv__geodesic_km(double lat1, double lon1, double lat2, double lon2)
{
    struct geod_geodesic g;
    wgs84(&g);
    double s12 = 0;
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
    return s12 / 1000.0;
}

/* The geodesic length of link l x its route factor; NaN when an end has no position. */
static double link_km(const struct geod_geodesic *g, const omv_net *net, const omv__link *l)
{
    const omv__node *a = &net->nodes[l->a], *b = &net->nodes[l->b];
    if (isnan(a->lat) || isnan(b->lat))
        return NAN;
    double s12 = 0;
    geod_inverse(g, a->lat, a->lon, b->lat, b->lon, &s12, NULL, NULL);
    return s12 / 1000.0 * omv__route_factor((omv_medium)l->medium);
}

double omv__net_link_km(const omv_net *net, size_t e)
{
    const omv__link *l = &net->links[e];
    if (l->length_given || l->b < 0 || !net->lengths_deferred) /* an overlay copies the flag */
        return l->length_km;
    struct geod_geodesic g;
    wgs84(&g);
    return link_km(&g, net, l);
}

void omv__net_fill_lengths(omv_net *net, int nthreads)
{
    /* One ellipsoid for all links (geod_init costs as much as a short inverse problem), read by every
     * thread; each link's length is its own, so the split does not change any value. */
    struct geod_geodesic g;
    wgs84(&g);
    long n = (long)net->nlinks;
#pragma omp parallel for schedule(static) num_threads(nthreads) if (n > 50000)
    for (long i = 0; i < n; i++) {
        omv__link *l = &net->links[i];
        if (!l->length_given && l->b >= 0)
            l->length_km = link_km(&g, net, l);
    }
    net->lengths_deferred = 0;
}
