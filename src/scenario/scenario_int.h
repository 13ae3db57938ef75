/*
 * scenario_int.h — the scenario specification's record, shared by its parser (spec.c) and the
 * border policy (border.c).
 */
#ifndef OMV_SCENARIO_INT_H
#define OMV_SCENARIO_INT_H

#include "topo/net.h"

enum { SC_FAILURES = 0, SC_POWER, SC_REGION, SC_CORE, SC_BORDER, SC_THREADS, SC_SEED, SC_NKEYS };
#define SC_MAX_HOURS 64

struct omv_scenario {
    int given[SC_NKEYS];
    char *text[SC_NKEYS]; /* canonical value of each parameter given (power-outage inside failures) */

    unsigned classes;      /* from failures, without the power outage given apart */
    int bare_power;        /* "power" named without region and hours */
    int power_in_failures; /* the outage came with failures (a restatement replaces it) */
    char *outage_spec;     /* NULL: no power outage */
    omv_region *outage_region; /* NULL with outage_spec "all": every node */
    double hours[SC_MAX_HOURS];
    size_t nhours;

    omv_region *region; /* NULL: every site */

    int core_set;
    char *core_store; /* the ids, split in place */
    char **core;
    size_t ncore;

    omv_border_mode border;
    struct {
        char cc[3];
    } *transit;
    size_t ntransit;

    int threads;
    uint64_t seed;
};

/* The border view for mode (sc may be NULL under allow and deny). */
int omv__border_view(omv_net **out, omv_ctx *ctx, const omv_scenario *sc, omv_border_mode mode, const omv_net *net,
                     size_t *closed_links, size_t *closed_candidates);

#endif /* OMV_SCENARIO_INT_H */
