/*
 * gen_topology.c — omvei_gen: writes a seeded synthetic national backbone as a CSV topology folder
 * (nodes.csv, links.csv, candidates.csv; DESIGN.md §2) for benchmarks and scale tests.
 *
 * The structure follows how Norwegian networks are built, so that every failure class of the
 * analyses has realistic work to do:
 *  - a core of twelve city nodes along the coast and the E6 with chords, three border nodes whose
 *    leased links run through Sweden and Finland, and two satellite gateways;
 *  - regions placed by county weight along the country (about a quarter north of Trondheim), each a
 *    fibre ring hung on its two nearest core nodes, sometimes through one shared duct;
 *  - below the regional nodes: access trees and spurs (bridges and articulation points), access
 *    rings with exactly two links out (cut pairs), dual-homed meshes (redundant), and island groups
 *    behind a landing, attached by one subsea cable or two that share the landing;
 *  - doubled links, sometimes in one duct; corridors shared by neighbouring ring links;
 *  - heavy-tailed populations, reserve power of 2-4 h typical with some 72 h sites;
 *  - candidates for every single-homed site: a backup route to another node of its regional ring,
 *    a satellite terminal, a reserve-power upgrade, priced from per-km figures (bench/README.md).
 *
 * With --demands D it also writes demands.csv: D distinct directed pairs, each end drawn by
 * population (gravity-like) or uniformly, the Gbps of a pair growing with the square root of the
 * product of the two populations, scaled to a national total and capped at a quarter of the
 * smaller capacity that reaches either end, so that rerouting has work under failures without
 * every small site being overloaded from the start (bench/README.md).
 *
 * Everything is drawn from one seeded stream in a fixed order, so a seed gives identical files.
 * Regions are written one at a time: memory is bounded by the largest region, not by N (with
 * demands: plus two numbers per node).
 */
#include "core/core.h"
#include "topo/net.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Norway's bounding box (mainland), in degrees. */
#define LAT_MIN 57.98
#define LAT_MAX 71.15
#define LON_MIN 4.65
#define LON_MAX 31.05

#define MIN_NODES 100

/* ---- cost figures (NOK), see bench/README.md --------------------------------------------------- */
#define COST_FIBER_FIXED 250e3   /* terminal equipment at both ends */
#define COST_FIBER_KM 600e3      /* buried rural fibre, 300-800 NOK per metre */
#define COST_AERIAL_FIXED 150e3
#define COST_AERIAL_KM 250e3     /* fibre strung on power poles */
#define COST_MW_FIXED 350e3      /* one microwave hop: radios, antennas, mast work */
#define COST_MW_KM 10e3
#define COST_SUBSEA_FIXED 3e6    /* two landings */
#define COST_SUBSEA_KM 1.5e6
#define COST_SAT 150e3           /* satellite terminal, installation and ten years of service */
#define COST_POWER 250e3         /* battery bank or generator for 72 h */
#define MW_MAX_KM 25.0

/* ---- fixed national skeleton ------------------------------------------------------------------- */

typedef struct {
    const char *name;
    double lat, lon;
    omv_kind kind;
    long pop;
} fixed_node;

enum { C_OSLO, C_KRS, C_STAV, C_BERGEN, C_AALESUND, C_TRD, C_HAMAR, C_BODO, C_NARVIK, C_TROMSO, C_ALTA,
       C_KIRKENES, NCORE, G_SOUTH = NCORE, G_NORTH, B_KONGSVINGER, B_MERAKER, B_BJORNFJELL, NFIXED };

/* Town centres; populations of the municipality, rounded (public figures, approximate). */
static const fixed_node FIXED[NFIXED] = {
    {"Oslo", 59.91, 10.75, OMV_KIND_IXP, 710000},
    {"Kristiansand", 58.15, 8.00, OMV_KIND_CORE, 117000},
    {"Stavanger", 58.97, 5.73, OMV_KIND_IXP, 148000},
    {"Bergen", 60.39, 5.32, OMV_KIND_IXP, 290000},
    {"Ålesund", 62.47, 6.15, OMV_KIND_CORE, 68000},
    {"Trondheim", 63.43, 10.40, OMV_KIND_IXP, 214000},
    {"Hamar", 60.79, 11.07, OMV_KIND_CORE, 33000},
    {"Bodø", 67.28, 14.40, OMV_KIND_CORE, 53000},
    {"Narvik", 68.44, 17.43, OMV_KIND_CORE, 21800},
    {"Tromsø", 69.65, 18.96, OMV_KIND_IXP, 78000},
    {"Alta", 69.97, 23.27, OMV_KIND_CORE, 21500},
    {"Kirkenes", 69.73, 30.05, OMV_KIND_CORE, 10000},
    {"Teleport south", 60.06, 10.87, OMV_KIND_SATELLITE_GATEWAY, 0},
    {"Teleport north", 69.66, 18.94, OMV_KIND_SATELLITE_GATEWAY, 0},
    {"Kongsvinger", 60.19, 12.00, OMV_KIND_BORDER, 18000},
    {"Meråker", 63.42, 11.75, OMV_KIND_BORDER, 2400},
    {"Bjørnfjell", 68.44, 18.08, OMV_KIND_BORDER, 0},
};

typedef struct {
    int a, b;
    omv_medium medium;
    int srlg; /* 0: none; otherwise a shared corridor number (k1, k2) */
} fixed_link;

/* Coast and E6 ring with chords; the north closes through Sweden and Finland over leased links. */
static const fixed_link FIXED_LINKS[] = {
    {C_OSLO, C_KRS, OMV_MEDIUM_FIBER, 0},          {C_KRS, C_STAV, OMV_MEDIUM_FIBER, 0},
    {C_STAV, C_BERGEN, OMV_MEDIUM_FIBER, 0},       {C_BERGEN, C_AALESUND, OMV_MEDIUM_FIBER, 0},
    {C_AALESUND, C_TRD, OMV_MEDIUM_FIBER, 0},      {C_TRD, C_HAMAR, OMV_MEDIUM_FIBER, 0},
    {C_HAMAR, C_OSLO, OMV_MEDIUM_FIBER, 1},        {C_OSLO, C_BERGEN, OMV_MEDIUM_FIBER, 0},
    {C_OSLO, C_STAV, OMV_MEDIUM_FIBER, 0},         {C_TRD, C_BODO, OMV_MEDIUM_SUBSEA, 0},
    {C_TRD, C_NARVIK, OMV_MEDIUM_FIBER, 2},        {C_BODO, C_NARVIK, OMV_MEDIUM_FIBER, 2},
    {C_NARVIK, C_TROMSO, OMV_MEDIUM_FIBER, 0},     {C_TROMSO, C_ALTA, OMV_MEDIUM_FIBER, 0},
    {C_NARVIK, C_ALTA, OMV_MEDIUM_FIBER, 0},       {C_ALTA, C_KIRKENES, OMV_MEDIUM_FIBER, 0},
    {C_ALTA, C_KIRKENES, OMV_MEDIUM_FIBER, 0},     {C_KIRKENES, B_BJORNFJELL, OMV_MEDIUM_LEASED, 0},
    {B_BJORNFJELL, C_NARVIK, OMV_MEDIUM_FIBER, 0}, {B_BJORNFJELL, B_MERAKER, OMV_MEDIUM_LEASED, 0},
    {B_MERAKER, C_TRD, OMV_MEDIUM_FIBER, 0},       {B_MERAKER, B_KONGSVINGER, OMV_MEDIUM_LEASED, 0},
    {B_KONGSVINGER, C_OSLO, OMV_MEDIUM_FIBER, 1},  {B_KONGSVINGER, C_HAMAR, OMV_MEDIUM_FIBER, 0},
    {G_SOUTH, C_OSLO, OMV_MEDIUM_FIBER, 0},        {G_SOUTH, C_HAMAR, OMV_MEDIUM_FIBER, 0},
    {G_NORTH, C_TROMSO, OMV_MEDIUM_FIBER, 3},      {G_NORTH, C_TROMSO, OMV_MEDIUM_FIBER, 3},
};
#define NFIXED_SRLG 3

/* County-like areas where regions are placed: centre, spread and share of the regions. */
typedef struct {
    double lat, lon, sdlat, sdlon, weight;
} area;

static const area AREAS[] = {
    {59.80, 10.60, 0.45, 0.80, 20}, /* Oslo and Viken */
    {59.30, 9.20, 0.40, 0.70, 8},   /* Vestfold and Telemark */
    {58.50, 7.60, 0.35, 0.90, 6},   /* Agder */
    {59.00, 6.00, 0.40, 0.50, 8},   /* Rogaland */
    {60.90, 6.00, 0.60, 0.60, 11},  /* Vestland */
    {61.30, 10.30, 0.60, 0.80, 9},  /* Innlandet */
    {62.60, 7.30, 0.30, 0.80, 6},   /* Møre og Romsdal */
    {63.10, 10.20, 0.35, 0.80, 6},  /* Trøndelag south */
    {64.30, 11.80, 0.40, 0.60, 4},  /* Trøndelag north */
    {65.90, 13.20, 0.40, 0.50, 4},  /* Helgeland */
    {67.90, 15.00, 0.50, 0.80, 5},  /* Salten, Lofoten, Ofoten */
    {69.20, 18.80, 0.40, 1.00, 5},  /* Troms */
    {70.20, 23.80, 0.35, 1.20, 3},  /* West Finnmark */
    {70.10, 28.50, 0.30, 1.00, 2},  /* East Finnmark */
};
#define NAREAS (sizeof(AREAS) / sizeof(AREAS[0]))

/* ---- generator state --------------------------------------------------------------------------- */

typedef struct {
    FILE *nodes, *links, *cands;
    omv__rng rng;  /* the network */
    omv__rng crng; /* the candidates: their number does not change the network */
    uint64_t nnodes, nlinks, ncands, nsrlg;
    int per_site;             /* candidates per single-homed site */
    double site_scale, town_scale; /* population scale factors */
    /* Demands (only with --demands): their own stream, so that the network does not depend on them. */
    omv__rng drng;
    uint64_t ndemands;        /* asked for; 0: no demands.csv */
    double demand_total;      /* Gbps before the caps */
    double *pop, *reach;      /* per global node: population, total capacity of its links */
    size_t ntracked, tcap;
    int oom;                  /* tracking ran out of memory */
} gen;

/* Role of a node of the current region, for the candidates written after the region. */
enum { ROLE_RING = 0, ROLE_SINGLE, ROLE_OTHER };

/* The region being written: its nodes occupy global ids base .. base+n-1. */
typedef struct {
    uint64_t base;
    size_t n, cap;
    double *lat, *lon;
    uint8_t *role;
    uint8_t *island;
    uint16_t *ring_of; /* index of the regional ring node the node hangs below */
    size_t q;          /* ring size: local indices 0 .. q-1 */
} region;

static double unit(gen *g) { return omv__rng_unit(&g->rng); }
static size_t below(gen *g, size_t n) { return (size_t)omv__rng_below(&g->rng, n); }
static double cunit(gen *g) { return omv__rng_unit(&g->crng); }
static size_t cbelow(gen *g, size_t n) { return (size_t)omv__rng_below(&g->crng, n); }

static double normal(gen *g)
{
    /* Box-Muller; one draw of the pair is enough here. */
    double u = unit(g), v = unit(g);
    return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

/* Pareto with minimum 1 and shape alpha, capped: few towns, many small sites. */
static double pareto(gen *g, double alpha, double cap)
{
    double x = pow(1.0 - unit(g), -1.0 / alpha);
    return x < cap ? x : cap;
}

/* Mean of the capped Pareto above, to scale populations to a national total. */
static double pareto_mean(double alpha, double cap)
{
    return alpha / (alpha - 1.0) * (1.0 - pow(cap, 1.0 - alpha)) + pow(cap, 1.0 - alpha);
}

static double clampd(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

static const char *power_h_text(gen *g, omv_kind kind)
{
    double u = unit(g);
    switch (kind) {
    case OMV_KIND_CORE:
    case OMV_KIND_IXP:
    case OMV_KIND_DATACENTER:
    case OMV_KIND_SATELLITE_GATEWAY:
        return "72";
    case OMV_KIND_EXCHANGE:
    case OMV_KIND_LANDING:
        return u < 0.5 ? "8" : u < 0.75 ? "12" : u < 0.9 ? "24" : "72";
    default:
        /* Sites: the 2 h / 4 h rules in practice, a few strengthened 72 h sites, a few unknown. */
        return u < 0.35 ? "2" : u < 0.50 ? "3" : u < 0.85 ? "4" : u < 0.93 ? "8" : u < 0.95 ? "24"
               : u < 0.99 ? "72" : "";
    }
}

/* Records a node's population and the capacity of its links, for the demands. Returns -1 when out
 * of memory. Without demands it records nothing. */
static int track(gen *g, uint64_t v, double pop, double gbps)
{
    if (!g->ndemands)
        return 0;
    if (v >= g->tcap) {
        size_t cap = g->tcap ? 2 * g->tcap : 1024;
        while (cap <= v)
            cap *= 2;
        double *p = realloc(g->pop, cap * sizeof(*p));
        if (p)
            g->pop = p;
        double *r = realloc(g->reach, cap * sizeof(*r));
        if (r)
            g->reach = r;
        if (!p || !r)
            return -1;
        memset(g->pop + g->tcap, 0, (cap - g->tcap) * sizeof(*p));
        memset(g->reach + g->tcap, 0, (cap - g->tcap) * sizeof(*r));
        g->tcap = cap;
    }
    g->pop[v] += pop;
    g->reach[v] += gbps;
    if (v >= g->ntracked)
        g->ntracked = v + 1;
    return 0;
}

static int region_grow(region *r)
{
    if (r->n < r->cap)
        return 0;
    size_t cap = r->cap ? 2 * r->cap : 256;
    double *lat = realloc(r->lat, cap * sizeof(*lat));
    if (lat)
        r->lat = lat;
    double *lon = realloc(r->lon, cap * sizeof(*lon));
    if (lon)
        r->lon = lon;
    uint8_t *role = realloc(r->role, cap);
    if (role)
        r->role = role;
    uint8_t *isl = realloc(r->island, cap);
    if (isl)
        r->island = isl;
    uint16_t *ro = realloc(r->ring_of, cap * sizeof(*ro));
    if (ro)
        r->ring_of = ro;
    if (!lat || !lon || !role || !isl || !ro)
        return -1;
    r->cap = cap;
    return 0;
}

/* Writes one node of the region and returns its local index (or -1 when out of memory). */
static long add_node(gen *g, region *r, int municipality, omv_kind kind, double lat, double lon, int island,
                     uint8_t role, size_t ring_of)
{
    if (region_grow(r))
        return -1;
    lat = clampd(lat, LAT_MIN, LAT_MAX);
    lon = clampd(lon, LON_MIN, LON_MAX);
    size_t i = r->n++;
    r->lat[i] = lat;
    r->lon[i] = lon;
    r->role[i] = role;
    r->island[i] = (uint8_t)island;
    r->ring_of[i] = (uint16_t)ring_of;
    long pop;
    if (kind == OMV_KIND_EXCHANGE || kind == OMV_KIND_DATACENTER)
        pop = lround(g->town_scale * pareto(g, 1.3, 60.0));
    else if (kind == OMV_KIND_LANDING)
        pop = 0;
    else
        pop = unit(g) < 0.08 ? 0 : lround(g->site_scale * pareto(g, 1.2, 1000.0));
    const char *ph = power_h_text(g, kind);
    if (track(g, r->base + i, (double)pop, 0))
        return -1;
    fprintf(g->nodes, "n%llu,,%s,%.5f,%.5f,NO,%ld,%s,%s,m%d\n", (unsigned long long)(r->base + i),
            omv_kind_name(kind), lat, lon, pop, island ? "true" : "false", ph, municipality);
    g->nnodes++;
    return (long)i;
}

static uint64_t new_srlg(gen *g) { return ++g->nsrlg; }


/* Writes one existing link between global node ids. srlg_prefix/srlg: a group name or 0. */
static void add_link(gen *g, uint64_t a, uint64_t b, omv_medium m, int gbps, char srlg_prefix, uint64_t srlg)
{
    if (track(g, a, 0, gbps) || track(g, b, 0, gbps))
        g->oom = 1; /* reported after the regions */
    fprintf(g->links, "l%llu,n%llu,n%llu,%s,%d,", (unsigned long long)g->nlinks, (unsigned long long)a,
            (unsigned long long)b, omv_medium_name(m), gbps);
    if (srlg)
        fprintf(g->links, "%c%llu", srlg_prefix, (unsigned long long)srlg);
    fputc('\n', g->links);
    g->nlinks++;
}

static omv_medium access_medium(gen *g)
{
    double u = unit(g);
    return u < 0.45 ? OMV_MEDIUM_MICROWAVE : u < 0.85 ? OMV_MEDIUM_FIBER : OMV_MEDIUM_AERIAL;
}

static int medium_gbps(omv_medium m) { return m == OMV_MEDIUM_MICROWAVE ? 1 : 10; }

/* An access link, sometimes doubled (parallel links), and then half the time in one duct. */
static void add_access_link(gen *g, const region *r, size_t a, size_t b, omv_medium m)
{
    uint64_t ga = r->base + a, gb = r->base + b;
    if (unit(g) < 0.06) {
        uint64_t duct = unit(g) < 0.5 ? new_srlg(g) : 0;
        add_link(g, ga, gb, m, medium_gbps(m), 'd', duct);
        add_link(g, ga, gb, m, medium_gbps(m), 'd', duct);
        return;
    }
    add_link(g, ga, gb, m, medium_gbps(m), 0, 0);
}

/* A position near local node p: d degrees of latitude away at most, in a random direction. */
static void near(gen *g, const region *r, size_t p, double dmin, double dmax, double *lat, double *lon)
{
    double d = dmin + (dmax - dmin) * unit(g), t = 2.0 * M_PI * unit(g);
    *lat = r->lat[p] + d * sin(t);
    *lon = r->lon[p] + d * cos(t) / cos(r->lat[p] * M_PI / 180.0);
}

/* ---- access structures below regional ring node p (p2 is its ring neighbour) ------------------- */

/* A tree (chain when chain != 0): every node is single-homed; bridges and articulation points. */
static int build_tree(gen *g, region *r, int mun, size_t p, size_t k, int chain)
{
    size_t first = r->n;
    for (size_t i = 0; i < k; i++) {
        size_t par;
        if (i == 0)
            par = p;
        else if (chain || unit(g) < 0.4)
            par = r->n - 1;
        else {
            size_t j = below(g, i + 1);
            par = j == i ? p : first + j;
        }
        double lat, lon;
        near(g, r, par, 0.01, 0.06, &lat, &lon);
        long v = add_node(g, r, mun, OMV_KIND_SITE, lat, lon, 0, ROLE_SINGLE, p);
        if (v < 0)
            return -1;
        add_access_link(g, r, par, (size_t)v, chain ? (unit(g) < 0.7 ? OMV_MEDIUM_MICROWAVE : OMV_MEDIUM_AERIAL)
                                                   : access_medium(g));
    }
    return 0;
}

/* A ring of access nodes with exactly two links out: every pair of its links is a cut pair. */
static int build_access_ring(gen *g, region *r, int mun, size_t p, size_t p2, size_t k)
{
    size_t prev = p;
    for (size_t i = 0; i < k; i++) {
        double lat, lon;
        near(g, r, prev, 0.01, 0.05, &lat, &lon);
        long v = add_node(g, r, mun, OMV_KIND_SITE, lat, lon, 0, ROLE_OTHER, p);
        if (v < 0)
            return -1;
        add_link(g, r->base + prev, r->base + (size_t)v, OMV_MEDIUM_FIBER, 10, 0, 0);
        prev = (size_t)v;
    }
    /* Closing back to p makes p an articulation point for the ring; to p2 it does not. */
    size_t end = unit(g) < 0.5 ? p : p2;
    add_link(g, r->base + prev, r->base + end, OMV_MEDIUM_FIBER, 10, 0, 0);
    return 0;
}

/* Dual-homed access: every node has two links to distinct earlier nodes, so no single link or node
 * cuts it off (an ear decomposition). A few nodes get a third link. */
static int build_mesh(gen *g, region *r, int mun, size_t p, size_t p2, size_t k)
{
    size_t first = r->n;
    for (size_t i = 0; i < k; i++) {
        size_t a, b;
        if (i == 0) {
            a = p;
            b = p2;
        } else {
            /* Choose among p, p2 and the cluster so far; prefer the newest node (local chains). */
            size_t pool = i + 2;
            size_t ia = unit(g) < 0.5 ? pool - 1 : below(g, pool);
            size_t ib = below(g, pool - 1);
            if (ib >= ia)
                ib++;
            a = ia == 0 ? p : ia == 1 ? p2 : first + ia - 2;
            b = ib == 0 ? p : ib == 1 ? p2 : first + ib - 2;
        }
        double lat, lon;
        near(g, r, a, 0.01, 0.05, &lat, &lon);
        long v = add_node(g, r, mun, OMV_KIND_SITE, lat, lon, 0, ROLE_OTHER, p);
        if (v < 0)
            return -1;
        omv_medium m = unit(g) < 0.8 ? OMV_MEDIUM_FIBER : OMV_MEDIUM_AERIAL;
        add_link(g, r->base + a, r->base + (size_t)v, m, 10, 0, 0);
        add_link(g, r->base + b, r->base + (size_t)v, m, 10, 0, 0);
        if (i >= 2 && unit(g) < 0.3) {
            size_t c = first + below(g, i);
            if (c != a && c != b)
                add_link(g, r->base + c, r->base + (size_t)v, OMV_MEDIUM_FIBER, 10, 0, 0);
        }
    }
    return 0;
}

/* A landing on the mainland and k-1 island nodes behind it. The first island node hangs on one subsea
 * cable (a bridge), on two cables through the same landing (one shared-risk group), or on a second
 * cable to another regional node (redundant). */
static int build_islands(gen *g, region *r, int mun, size_t p, size_t p2, size_t k)
{
    double lat, lon;
    near(g, r, p, 0.02, 0.06, &lat, &lon);
    long land = add_node(g, r, mun, OMV_KIND_LANDING, lat, lon - 0.05, 0, ROLE_OTHER, p);
    if (land < 0)
        return -1;
    add_link(g, r->base + p, r->base + (size_t)land, OMV_MEDIUM_FIBER, 100, 0, 0);
    if (unit(g) < 0.5)
        add_link(g, r->base + p2, r->base + (size_t)land, OMV_MEDIUM_FIBER, 100, 0, 0);
    if (k < 2)
        return 0;
    /* Islands lie off the coast: westwards, and northwards in Finnmark. */
    double d = 0.08 + 0.25 * unit(g);
    double ilat = r->lat[land] + (r->lat[land] > 69.8 ? d * 0.5 : (unit(g) - 0.5) * d * 0.5);
    double ilon = r->lon[land] - d / cos(r->lat[land] * M_PI / 180.0);
    long first = add_node(g, r, mun, OMV_KIND_SITE, ilat, ilon, 1, ROLE_SINGLE, p);
    if (first < 0)
        return -1;
    uint64_t gl = r->base + (size_t)land, gf = r->base + (size_t)first;
    double u = unit(g);
    if (u < 0.5) {
        add_link(g, gl, gf, OMV_MEDIUM_SUBSEA, 10, 0, 0);
    } else if (u < 0.8) {
        uint64_t grp = new_srlg(g);
        add_link(g, gl, gf, OMV_MEDIUM_SUBSEA, 10, 'g', grp);
        add_link(g, gl, gf, OMV_MEDIUM_SUBSEA, 10, 'g', grp);
    } else {
        add_link(g, gl, gf, OMV_MEDIUM_SUBSEA, 10, 0, 0);
        add_link(g, r->base + p2, gf, OMV_MEDIUM_SUBSEA, 10, 0, 0);
    }
    for (size_t i = 2; i < k; i++) {
        size_t par = (size_t)first + below(g, i - 1);
        near(g, r, par, 0.01, 0.04, &lat, &lon);
        long v = add_node(g, r, mun, OMV_KIND_SITE, lat, lon, 1, ROLE_SINGLE, p);
        if (v < 0)
            return -1;
        add_access_link(g, r, par, (size_t)v, unit(g) < 0.5 ? OMV_MEDIUM_MICROWAVE : OMV_MEDIUM_FIBER);
    }
    return 0;
}

/* ---- candidates -------------------------------------------------------------------------------- */

static double round_cost(double nok) { return 1000.0 * round(nok / 1000.0); }

static void write_route_candidate(gen *g, const region *r, size_t t)
{
    /* A second route: to another node of the regional ring than the one the site hangs below. */
    size_t j = r->ring_of[t];
    size_t b = (j + 1 + cbelow(g, r->q - 1)) % r->q;
    double geo = omv__geodesic_km(r->lat[t], r->lon[t], r->lat[b], r->lon[b]);
    omv_medium m;
    double cost;
    if (r->island[t]) {
        m = OMV_MEDIUM_SUBSEA;
        cost = COST_SUBSEA_FIXED + COST_SUBSEA_KM * geo * omv__route_factor(m);
    } else if (geo < MW_MAX_KM && cunit(g) < 0.5) {
        m = OMV_MEDIUM_MICROWAVE;
        cost = COST_MW_FIXED + COST_MW_KM * geo;
    } else if (cunit(g) < 0.3) {
        m = OMV_MEDIUM_AERIAL;
        cost = COST_AERIAL_FIXED + COST_AERIAL_KM * geo * omv__route_factor(m);
    } else {
        m = OMV_MEDIUM_FIBER;
        cost = COST_FIBER_FIXED + COST_FIBER_KM * geo * omv__route_factor(m);
    }
    fprintf(g->cands, "c%llu,n%llu,n%llu,%s,%.2f,%d,,%.0f\n", (unsigned long long)g->ncands,
            (unsigned long long)(r->base + t), (unsigned long long)(r->base + b), omv_medium_name(m),
            geo * omv__route_factor(m), medium_gbps(m), round_cost(cost));
    g->ncands++;
}

static void write_candidates(gen *g, const region *r)
{
    for (size_t t = 0; t < r->n; t++) {
        if (r->role[t] != ROLE_SINGLE)
            continue;
        for (int c = 0; c < g->per_site; c++) {
            if (c == 0) {
                write_route_candidate(g, r, t);
                continue;
            }
            double jitter = 0.7 + 0.6 * cunit(g);
            if (cunit(g) < 0.5) {
                /* The northern gateway serves sites north of Bodø's latitude band. */
                int gw = r->lat[t] > 66.0 ? G_NORTH : G_SOUTH;
                fprintf(g->cands, "c%llu,n%llu,n%d,satellite,,0.1,,%.0f\n", (unsigned long long)g->ncands,
                        (unsigned long long)(r->base + t), gw, round_cost(COST_SAT * jitter));
            } else {
                fprintf(g->cands, "c%llu,n%llu,,power,,,72,%.0f\n", (unsigned long long)g->ncands,
                        (unsigned long long)(r->base + t), round_cost(COST_POWER * jitter));
            }
            g->ncands++;
        }
    }
}

/* ---- regions ----------------------------------------------------------------------------------- */

static double core_dist2(int c, double lat, double lon)
{
    /* Only ranks core nodes by nearness; an equirectangular metric is enough for that. */
    double dl = FIXED[c].lat - lat, dm = (FIXED[c].lon - lon) * cos(lat * M_PI / 180.0);
    return dl * dl + dm * dm;
}

static int build_region(gen *g, region *r, int mun, size_t size)
{
    r->n = 0;
    r->base = g->nnodes;
    /* Centre: an area chosen by weight, spread around its centre. */
    double tw = 0;
    for (size_t i = 0; i < NAREAS; i++)
        tw += AREAS[i].weight;
    double pick = unit(g) * tw;
    size_t ai = 0;
    while (ai + 1 < NAREAS && pick >= AREAS[ai].weight) {
        pick -= AREAS[ai].weight;
        ai++;
    }
    double clat = clampd(AREAS[ai].lat + AREAS[ai].sdlat * normal(g), LAT_MIN + 0.3, LAT_MAX - 0.3);
    double clon = clampd(AREAS[ai].lon + AREAS[ai].sdlon * normal(g), LON_MIN + 0.5, LON_MAX - 0.5);

    /* The regional ring. */
    size_t q = 3 + below(g, 8);
    if (q > size)
        q = size;
    r->q = q;
    int dc = unit(g) < 0.1;
    double rad = 0.08 + 0.2 * unit(g);
    for (size_t j = 0; j < q; j++) {
        double t = 2.0 * M_PI * ((double)j + 0.3 * unit(g)) / (double)q;
        double lat = clat + rad * sin(t), lon = clon + rad * cos(t) / cos(clat * M_PI / 180.0);
        if (add_node(g, r, mun, j == 0 && dc ? OMV_KIND_DATACENTER : OMV_KIND_EXCHANGE, lat, lon, 0, ROLE_RING,
                     j) < 0)
            return -1;
    }
    /* Two neighbouring ring links sometimes share a corridor (one road along one valley). */
    size_t corr_at = unit(g) < 0.25 ? below(g, q) : q;
    uint64_t corr = corr_at < q ? new_srlg(g) : 0;
    for (size_t j = 0; j < q; j++) {
        size_t k = (j + 1) % q;
        int in_corr = corr && (j == corr_at || k == corr_at);
        add_link(g, r->base + j, r->base + k, OMV_MEDIUM_FIBER, 100, 'k', in_corr ? corr : 0);
    }
    if (q >= 6 && unit(g) < 0.4)
        add_link(g, r->base, r->base + q / 2, OMV_MEDIUM_FIBER, 100, 0, 0);

    /* Two links to the two nearest core nodes, a quarter of them through one shared duct. */
    int c1 = 0, c2 = 1;
    if (core_dist2(c2, clat, clon) < core_dist2(c1, clat, clon))
        c1 = 1, c2 = 0;
    for (int c = 2; c < NCORE; c++) {
        double d = core_dist2(c, clat, clon);
        if (d < core_dist2(c1, clat, clon))
            c2 = c1, c1 = c;
        else if (d < core_dist2(c2, clat, clon))
            c2 = c;
    }
    if (unit(g) < 0.15)
        c2 = c1;
    uint64_t duct = unit(g) < 0.25 ? new_srlg(g) : 0;
    add_link(g, r->base, (uint64_t)c1, OMV_MEDIUM_FIBER, 100, 'd', duct);
    add_link(g, r->base + q / 2, (uint64_t)c2, OMV_MEDIUM_FIBER, 100, 'd', duct);

    /* Access below the ring nodes until the region has its size. */
    while (r->n < size) {
        size_t left = size - r->n;
        size_t p = below(g, q), p2 = (p + 1) % q;
        double u = unit(g);
        size_t k;
        int rc;
        if (u < 0.265) {
            k = 2 + below(g, 24);
            rc = build_tree(g, r, mun, p, k < left ? k : left, 0);
        } else if (u < 0.39) {
            k = 1 + below(g, 5);
            rc = build_tree(g, r, mun, p, k < left ? k : left, 1);
        } else if (u < 0.58) {
            k = 3 + below(g, 8);
            rc = build_access_ring(g, r, mun, p, p2, k < left ? k : left);
        } else if (u < 0.875) {
            k = 4 + below(g, 16);
            rc = build_mesh(g, r, mun, p, p2, k < left ? k : left);
        } else {
            k = 2 + below(g, 6);
            rc = build_islands(g, r, mun, p, p2, k < left ? k : left);
        }
        if (rc)
            return rc;
    }
    if (g->cands)
        write_candidates(g, r);
    return 0;
}

static void write_fixed(gen *g)
{
    for (int i = 0; i < NFIXED; i++)
        if (track(g, (uint64_t)i, (double)FIXED[i].pop, 0))
            g->oom = 1;
    for (int i = 0; i < NFIXED; i++)
        fprintf(g->nodes, "n%d,%s,%s,%.5f,%.5f,NO,%ld,false,%s,m0\n", i, FIXED[i].name,
                omv_kind_name(FIXED[i].kind), FIXED[i].lat, FIXED[i].lon, FIXED[i].pop,
                FIXED[i].kind == OMV_KIND_BORDER ? "24" : "72");
    g->nnodes = NFIXED;
    for (size_t i = 0; i < sizeof(FIXED_LINKS) / sizeof(FIXED_LINKS[0]); i++) {
        const fixed_link *l = &FIXED_LINKS[i];
        add_link(g, (uint64_t)l->a, (uint64_t)l->b, l->medium, l->medium == OMV_MEDIUM_LEASED ? 100 : 400, 'k',
                 (uint64_t)l->srlg);
    }
    g->nsrlg = NFIXED_SRLG;
}

/* Region sizes: three nodes each, the rest shared by log-normal weights; exact total. */
static size_t *region_sizes(gen *g, size_t total, size_t m)
{
    size_t *s = malloc(m * sizeof(*s));
    double *w = malloc(m * sizeof(*w));
    if (!s || !w) {
        free(s);
        free(w);
        return NULL;
    }
    double tw = 0;
    for (size_t i = 0; i < m; i++)
        tw += (w[i] = exp(0.6 * normal(g)));
    size_t rest = total - 3 * m, used = 0;
    for (size_t i = 0; i < m; i++) {
        s[i] = 3 + (size_t)floor((double)rest * w[i] / tw);
        used += s[i] - 3;
    }
    for (size_t i = 0; used < rest; i = (i + 1) % m, used++)
        s[i]++;
    free(w);
    return s;
}

/* ---- demands ----------------------------------------------------------------------------------- */

/* One end of a demand: half the draws uniform over the nodes, half by population (cum holds the
 * running sums of population + 1). */
static uint64_t draw_end(gen *g, const double *cum, uint64_t n)
{
    if (omv__rng_unit(&g->drng) < 0.5)
        return omv__rng_below(&g->drng, n);
    double x = omv__rng_unit(&g->drng) * cum[n - 1];
    uint64_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Inserts key (> 0) into the open-addressing set; returns 1 when it was new. */
static int set_insert(uint64_t *set, uint64_t mask, uint64_t key)
{
    uint64_t h = (key * 0x9e3779b97f4a7c15ULL) >> 20;
    for (;; h++) {
        uint64_t *slot = &set[h & mask];
        if (*slot == key)
            return 0;
        if (!*slot) {
            *slot = key;
            return 1;
        }
    }
}

/* D distinct directed pairs, Gbps by a softened gravity model scaled to demand_total and capped at a
 * quarter of the smaller capacity reaching either end. Returns the total written (Gbps), or -1. */
static double write_demands(gen *g, FILE *f)
{
    uint64_t n = g->ntracked, nd = g->ndemands;
    uint64_t cap = 1024;
    while (cap < 4 * nd)
        cap *= 2;
    double *cum = malloc(n * sizeof(*cum));
    uint64_t *set = calloc(cap, sizeof(*set));
    uint64_t *src = malloc(nd * sizeof(*src)), *dst = malloc(nd * sizeof(*dst));
    double *raw = malloc(nd * sizeof(*raw));
    double total = -1;
    if (!cum || !set || !src || !dst || !raw)
        goto done;
    for (uint64_t v = 0; v < n; v++)
        cum[v] = (v ? cum[v - 1] : 0) + g->pop[v] + 1.0;
    double sum = 0;
    for (uint64_t k = 0; k < nd;) {
        uint64_t s = draw_end(g, cum, n), d = draw_end(g, cum, n);
        if (s == d || !set_insert(set, cap - 1, s * n + d + 1))
            continue;
        src[k] = s;
        dst[k] = d;
        raw[k] = sqrt((g->pop[s] + 1.0) * (g->pop[d] + 1.0));
        sum += raw[k];
        k++;
    }
    fputs("src,dst,gbps\n", f);
    total = 0;
    for (uint64_t k = 0; k < nd; k++) {
        double reach = g->reach[src[k]] < g->reach[dst[k]] ? g->reach[src[k]] : g->reach[dst[k]];
        double gbps = raw[k] / sum * g->demand_total;
        if (gbps > 0.25 * reach)
            gbps = 0.25 * reach;
        gbps = round(gbps * 1000.0) / 1000.0;
        if (gbps < 0.001)
            gbps = 0.001;
        total += gbps;
        fprintf(f, "n%llu,n%llu,%.3f\n", (unsigned long long)src[k], (unsigned long long)dst[k], gbps);
    }
done:
    free(cum);
    free(set);
    free(src);
    free(dst);
    free(raw);
    return total;
}

/* ---- files ------------------------------------------------------------------------------------- */

static FILE *open_tmp(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s.tmp", dir, name);
    FILE *f = fopen(path, "w");
    if (f)
        setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static int close_rename(FILE *f, const char *dir, const char *name)
{
    char tmp[4096], dst[4096];
    snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name);
    snprintf(dst, sizeof(dst), "%s/%s", dir, name);
    int bad = ferror(f);
    if (fclose(f) || bad) {
        fprintf(stderr, "omvei_gen: %s: write failed: %s\n", tmp, strerror(errno));
        return -1;
    }
    if (rename(tmp, dst)) {
        fprintf(stderr, "omvei_gen: %s: %s\n", dst, strerror(errno));
        return -1;
    }
    return 0;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: omvei_gen --nodes N --seed S --out DIR [--candidates-per-site K] [--demands D]\n"
                "                 [--demand-gbps T]\n"
                "\n"
                "Writes a synthetic national backbone of exactly N nodes (N >= %d) as a CSV topology\n"
                "folder: DIR/nodes.csv, DIR/links.csv and, when K > 0, DIR/candidates.csv.\n"
                "The same N, S and K give byte-identical files.\n"
                "\n"
                "  --nodes N                 number of nodes\n"
                "  --seed S                  seed of the random stream (default 1)\n"
                "  --out DIR                 output folder (created if missing)\n"
                "  --candidates-per-site K   candidates per single-homed site (default 2)\n"
                "  --demands D               also write DIR/demands.csv with D distinct directed pairs\n"
                "                            (gravity-like; default 0: no demands.csv)\n"
                "  --demand-gbps T           total demand before the per-pair caps (default 5 x N)\n",
            MIN_NODES);
}

static int parse_u64(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!s || *s == '-')
        return -1;
    *out = strtoull(s, &end, 10);
    return (end == s || *end || errno) ? -1 : 0;
}

int main(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"nodes", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"out", required_argument, NULL, 'o'},   {"candidates-per-site", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},        {"demands", required_argument, NULL, 'd'},
        {"demand-gbps", required_argument, NULL, 'g'}, {NULL, 0, NULL, 0},
    };
    unsigned long long nodes = 0, seed = 1, k = 2, ndem = 0;
    double dtotal = -1;
    const char *out = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "n:s:o:k:d:g:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (parse_u64(optarg, &nodes) || nodes < MIN_NODES || nodes > 100000000ULL) {
                fprintf(stderr, "omvei_gen: --nodes: expected a whole number from %d to 100000000, got '%s'\n",
                        MIN_NODES, optarg);
                return 2;
            }
            break;
        case 's':
            if (parse_u64(optarg, &seed)) {
                fprintf(stderr, "omvei_gen: --seed: expected a whole number, got '%s'\n", optarg);
                return 2;
            }
            break;
        case 'o':
            out = optarg;
            break;
        case 'k':
            if (parse_u64(optarg, &k) || k > 16) {
                fprintf(stderr, "omvei_gen: --candidates-per-site: expected 0 to 16, got '%s'\n", optarg);
                return 2;
            }
            break;
        case 'd':
            if (parse_u64(optarg, &ndem)) {
                fprintf(stderr, "omvei_gen: --demands: expected a whole number, got '%s'\n", optarg);
                return 2;
            }
            break;
        case 'g': {
            char *end;
            errno = 0;
            dtotal = strtod(optarg, &end);
            if (end == optarg || *end || errno || !(dtotal > 0) || !isfinite(dtotal)) {
                fprintf(stderr, "omvei_gen: --demand-gbps: expected a positive number, got '%s'\n", optarg);
                return 2;
            }
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc || !nodes || !out) {
        if (optind < argc)
            fprintf(stderr, "omvei_gen: unexpected argument '%s'\n", argv[optind]);
        else
            fprintf(stderr, "omvei_gen: --nodes and --out are required\n");
        usage(stderr);
        return 2;
    }
    if (ndem > nodes * (nodes - 1) / 4) {
        fprintf(stderr, "omvei_gen: --demands: at most N(N-1)/4 = %llu pairs for %llu nodes, got %llu\n",
                nodes * (nodes - 1) / 4, nodes, ndem);
        return 2;
    }
    if (mkdir(out, 0777) && errno != EEXIST) {
        fprintf(stderr, "omvei_gen: %s: %s\n", out, strerror(errno));
        return 1;
    }

    gen g;
    memset(&g, 0, sizeof(g));
    omv__rng_seed(&g.rng, seed);
    omv__rng_seed(&g.crng, seed ^ 0x9e3779b97f4a7c15ULL);
    g.per_site = (int)k;
    omv__rng_seed(&g.drng, seed ^ 0xd1b54a32d192ed03ULL);
    g.ndemands = ndem;
    g.demand_total = dtotal > 0 ? dtotal : 5.0 * (double)nodes;
    char path[4096];
    int ec = 1;
    region r;
    memset(&r, 0, sizeof(r));
    size_t *sizes = NULL;
    if (ndem == 0) {
        /* No demands asked for: a demands.csv left from an earlier run must not be read. */
        snprintf(path, sizeof(path), "%s/demands.csv", out);
        if (remove(path) && errno != ENOENT) {
            fprintf(stderr, "omvei_gen: %s: %s\n", path, strerror(errno));
            goto cleanup;
        }
    }
    if (k == 0) {
        /* No candidates asked for: a candidates.csv left from an earlier run must not be read. */
        snprintf(path, sizeof(path), "%s/candidates.csv", out);
        if (remove(path) && errno != ENOENT) {
            fprintf(stderr, "omvei_gen: %s: %s\n", path, strerror(errno));
            goto cleanup;
        }
    }
    g.nodes = open_tmp(out, "nodes.csv", path, sizeof(path));
    if (g.nodes)
        g.links = open_tmp(out, "links.csv", path, sizeof(path));
    if (g.links && k > 0)
        g.cands = open_tmp(out, "candidates.csv", path, sizeof(path));
    if (!g.nodes || !g.links || (k > 0 && !g.cands)) {
        fprintf(stderr, "omvei_gen: %s: %s\n", path, strerror(errno));
        goto cleanup;
    }
    fputs("id,name,kind,lat,lon,country,population,island,power_h,municipality\n", g.nodes);
    fputs("id,a,b,medium,capacity_gbps,srlg\n", g.links);
    if (g.cands)
        fputs("id,a,b,medium,length_km,capacity_gbps,power_h,cost_nok\n", g.cands);

    /* About sqrt(N) regions of about sqrt(N) nodes. Populations add up to about 5.8 million people:
     * 1.8 million in the core cities, 1 million in regional towns, 3 million across the sites. */
    size_t rest = (size_t)nodes - NFIXED;
    size_t m = (size_t)floor(sqrt((double)rest));
    size_t towns = m * 6;
    g.town_scale = 1.0e6 / (double)towns / pareto_mean(1.3, 60.0);
    g.site_scale = 3.0e6 / (double)(rest - (towns < rest ? towns : 0)) / (0.92 * pareto_mean(1.2, 1000.0));
    write_fixed(&g);
    sizes = region_sizes(&g, rest, m);
    if (!sizes) {
        fprintf(stderr, "omvei_gen: out of memory\n");
        goto cleanup;
    }
    for (size_t i = 0; i < m; i++) {
        if (build_region(&g, &r, (int)i + 1, sizes[i])) {
            fprintf(stderr, "omvei_gen: out of memory\n");
            goto cleanup;
        }
    }
    if (close_rename(g.nodes, out, "nodes.csv") | close_rename(g.links, out, "links.csv") |
        (g.cands ? close_rename(g.cands, out, "candidates.csv") : 0)) {
        g.nodes = g.links = g.cands = NULL;
        goto cleanup;
    }
    g.nodes = g.links = g.cands = NULL;
    double dsum = 0;
    if (ndem) {
        FILE *df = g.oom ? NULL : open_tmp(out, "demands.csv", path, sizeof(path));
        if (!df || (dsum = write_demands(&g, df)) < 0) {
            fprintf(stderr, "omvei_gen: %s\n", df ? "out of memory" : g.oom ? "out of memory" : strerror(errno));
            if (df)
                fclose(df);
            goto cleanup;
        }
        if (close_rename(df, out, "demands.csv"))
            goto cleanup;
    }
    printf("omvei_gen: %llu nodes, %llu links, %llu candidates, %llu shared-risk groups, seed %llu -> %s\n",
           (unsigned long long)g.nnodes, (unsigned long long)g.nlinks, (unsigned long long)g.ncands,
           (unsigned long long)g.nsrlg, seed, out);
    if (ndem)
        printf("omvei_gen: %llu demands, %.3f Gbps in total\n", ndem, dsum);
    ec = 0;
cleanup:
    if (g.nodes)
        fclose(g.nodes);
    if (g.links)
        fclose(g.links);
    if (g.cands)
        fclose(g.cands);
    free(sizes);
    free(r.lat);
    free(r.lon);
    free(r.role);
    free(r.island);
    free(r.ring_of);
    free(g.pop);
    free(g.reach);
    return ec;
}
