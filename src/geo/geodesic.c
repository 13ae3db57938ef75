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

double omv__geodesic_km(double lat1, double lon1, double lat2, double lon2)
{
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    double s12 = 0;
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
    return s12 / 1000.0;
}
