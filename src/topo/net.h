/*
 * net.h — the network model: nodes, links (existing and candidate), shared-risk groups, demands,
 * and the CSR adjacency of existing links. Built once by the builder (build.h); read-only after that,
 * so any number of threads may read it at once.
 */
#ifndef OMV_NET_H
#define OMV_NET_H

#include "core/core.h"

#include <math.h>

/* Extra columns that are not part of the contract, kept so that conversion loses nothing. */
typedef struct {
    uint32_t n;
    const char **keys; /* arena */
    const char **vals; /* arena */
} omv__attrs;

/* What few nodes carry: kept aside so that a million plain sites pay 8 bytes for it, not 16. */
typedef struct {
    const char *name;  /* arena; NULL when the name is the id */
    omv__attrs *attrs; /* NULL when none */
} omv__node_x;

typedef struct {
    const char *id; /* arena, unique */
    omv__node_x *x; /* arena; NULL when the node has no name or extra column */
    double lat, lon; /* NaN when no position */
    int64_t population;
    double power_h; /* NaN when unknown */
    int32_t muni;   /* index into net->munis; -1 when empty (4 bytes, not a pointer's 8: 64 bytes a node) */
    int32_t line;   /* source line, for messages */
    uint16_t file;  /* index into net->files */
    uint8_t kind;   /* omv_kind */
    uint8_t island;
    char country[4]; /* "" when unknown; upper case */
} omv__node;

/* Route geometry of a link (lon/lat pairs), kept from GeoJSON input for maps. */
typedef struct {
    uint32_t npts;
    double *lonlat; /* arena, 2*npts */
} omv__geom;

/* What candidates and a few links carry (operator, extra columns, cost, power_h, metric, route
 * geometry), kept aside like omv__node_x. */
typedef struct {
    const char *operator_; /* arena; NULL when empty */
    omv__attrs *attrs;     /* NULL when none */
    double cost_nok;       /* NaN when not given */
    double power_h;        /* power candidates: autonomy after the upgrade; NaN otherwise */
    double metric;         /* routing metric (> 0) from the metric column; NaN when not given */
    omv__geom *geom;       /* NULL when none */
} omv__link_x;

typedef struct {
    const char *id;       /* arena, unique across links and candidates */
    omv__link_x *x;       /* arena; NULL when the link has no operator, extra column, cost, power_h,
                           * metric or geometry */
    int32_t a, b;         /* node indices; b == -1 for a reserve-power candidate */
    double length_km;     /* given, or geodesic x route factor; NaN when neither is known */
    double capacity_gbps; /* NaN = unlimited */
    uint32_t srlg_off;    /* into net->link_srlg */
    int32_t line;
    uint16_t nsrlg;
    uint16_t file;
    uint8_t medium;       /* omv_medium */
    uint8_t status;       /* omv_status */
    uint8_t length_given; /* 1 when length_km came from the input */
} omv__link;

/* A million-node backbone holds 1.5 million links: 8 bytes more a node or a link is 8 or 12 MB more
 * at the peak. */
_Static_assert(sizeof(omv__node) <= 64, "omv__node grew: keep what few nodes carry in omv__node_x");
_Static_assert(sizeof(omv__link) <= 56, "omv__link grew: keep what few links carry in omv__link_x");

static inline const char *omv__node_name(const omv__node *n) { return n->x ? n->x->name : NULL; }
static inline const omv__attrs *omv__node_attrs(const omv__node *n) { return n->x ? n->x->attrs : NULL; }
static inline const char *omv__link_operator(const omv__link *l) { return l->x ? l->x->operator_ : NULL; }
static inline const omv__attrs *omv__link_attrs(const omv__link *l) { return l->x ? l->x->attrs : NULL; }
static inline double omv__link_cost(const omv__link *l) { return l->x ? l->x->cost_nok : (double)NAN; }
static inline double omv__link_power(const omv__link *l) { return l->x ? l->x->power_h : (double)NAN; }
static inline double omv__link_metric(const omv__link *l) { return l->x ? l->x->metric : (double)NAN; }
static inline const omv__geom *omv__link_geom(const omv__link *l) { return l->x ? l->x->geom : NULL; }

typedef struct {
    int32_t src, dst;
    double gbps;
    int32_t line;
    uint16_t file;
} omv__demand;

struct omv_net {
    omv__arena arena;
    omv__idmap node_ids; /* id -> node index */
    omv__idmap link_ids; /* id -> link index (existing and candidates) */
    omv__strmap srlg_ids; /* name -> group index */

    omv__node *nodes;
    size_t nnodes, capnodes;
    omv__link *links;
    size_t nlinks, caplinks;
    int32_t *link_srlg; /* group indices of all links, concatenated */
    size_t nlink_srlg, caplink_srlg;
    const char **srlg_names; /* arena */
    size_t nsrlg, capsrlg;
    omv__demand *demands;
    size_t ndemands, capdemands;

    /* Column order of extra attributes as first seen, for writers. */
    const char **node_attr_cols;
    size_t nnode_attr_cols, capnode_attr_cols;
    const char **link_attr_cols;
    size_t nlink_attr_cols, caplink_attr_cols;

    /* Distinct municipality names (arena), which nodes name by index. */
    const char **munis;
    size_t nmunis, capmunis;

    /* Input files: display paths (arena), for messages. */
    const char **files;
    size_t nfiles, capfiles;

    /* CSR adjacency over EXISTING links only (candidates and power rows excluded), built by
     * omv__net_build_csr. For node v, entries off[v] .. off[v+1]-1 give the neighbour adj[k] reached
     * through link eid[k]. Parallel links appear once each. Self-loops never exist. */
    int32_t *off; /* nnodes + 1 */
    int32_t *adj; /* 2 * n_existing */
    int32_t *eid; /* 2 * n_existing */
    size_t n_existing;

    /* An overlay (overlay.c) borrows every table above from base and owns only its CSR arrays and
     * the two masks below; base is NULL for a loaded network. */
    const omv_net *base;
    uint8_t *link_state; /* NULL: each link as loaded; else OMV__LS_OFF, _EXISTING or _CANDIDATE */
    double *power_h;     /* NULL: each node's own power_h; else the reserve power in force per node */
    /* 1 when the lengths not given were left out at loading (omv_load_opts.lengths == 0): then
     * links[e].length_km is NaN for them and omv__net_link_km computes each on request. */
    uint8_t lengths_deferred;
};

static inline const char *omv__node_municipality(const omv_net *net, const omv__node *n)
{
    return n->muni >= 0 ? net->munis[n->muni] : NULL;
}

/* What a link is in an overlay: left out (a failed link, a link closed by the border policy),
 * carrying traffic (an existing link or a built candidate), or a candidate not built. */
enum { OMV__LS_OFF = 0, OMV__LS_EXISTING = 1, OMV__LS_CANDIDATE = 2 };

/* 1 when link e is in service in net (existing, or a candidate an overlay built). */
static inline int omv__link_exists(const omv_net *net, size_t e)
{
    return net->link_state ? net->link_state[e] == OMV__LS_EXISTING
                           : net->links[e].status == OMV_STATUS_EXISTING;
}
/* 1 when link e is a candidate still open for investment in net. */
static inline int omv__link_candidate(const omv_net *net, size_t e)
{
    return net->link_state ? net->link_state[e] == OMV__LS_CANDIDATE
                           : net->links[e].status == OMV_STATUS_CANDIDATE;
}
/* Reserve power of node v in force in net (NaN: unknown). */
static inline double omv__node_power(const omv_net *net, size_t v)
{
    return net->power_h ? net->power_h[v] : net->nodes[v].power_h;
}

/*
 * An overlay on base: the same nodes, links, groups and demands (borrowed, indices unchanged), seen
 * with each link in the state given by state[e] (OMV__LS_*; NULL: as loaded) and the reserve power
 * power_h[v] per node (NULL: as loaded). Only the CSR adjacency of the links in service is built, so
 * an overlay costs O(nodes + links) integers, whatever the input's size in text. Both arrays are
 * copied. base must outlive the overlay; omv_net_free frees it. On an overlay, a mask not given is
 * the overlay's own, and the new overlay borrows the loaded network underneath.
 */
int omv__net_overlay(omv_net **out, omv_ctx *ctx, const omv_net *base, const uint8_t *state, const double *power_h);

/* Route factor per medium: how much longer than the geodesic a route of that medium is assumed to be
 * when length_km is not given. */
double omv__route_factor(omv_medium m);

/* Ellipsoidal (WGS84) distance in km between two positions, through PROJ's geodesic routines. */
double omv__geodesic_km(double lat1, double lon1, double lat2, double lon2);

/* Keys of the id maps: the id of node / link i of the network passed as owner. */
const char *omv__net_node_key(const void *net, int32_t i);
const char *omv__net_link_key(const void *net, int32_t i);

/* Builds net->off/adj/eid over existing links. Time and memory O(nodes + links). */
int omv__net_build_csr(omv_net *net, omv_ctx *ctx);

/* Fills missing lengths from positions and route factors, on nthreads threads. */
void omv__net_fill_lengths(omv_net *net, int nthreads);

/* The length of link e in km: as given, else the geodesic between its ends x its medium's route
 * factor (NaN without both positions). Equal to links[e].length_km once lengths are filled; computed
 * here when the network was loaded with lengths deferred. Any thread may call it. */
double omv__net_link_km(const omv_net *net, size_t e);

/* The value of a contract column of node i / link i as text, in the canonical spelling used by every
 * writer ("" when empty). buf must hold at least 4096 bytes (OMV__CELL_BUF); the result may point into buf or into the
 * net. Columns: see OMV__NODE_COLS and OMV__LINK_COLS. */
#define OMV__CELL_BUF 4096
extern const char *const OMV__NODE_COLS[];
extern const size_t OMV__NODE_NCOLS;
extern const char *const OMV__LINK_COLS[];
extern const size_t OMV__LINK_NCOLS;
const char *omv__node_cell(const omv_net *net, size_t i, size_t col, char *buf, size_t bufsz);
const char *omv__link_cell(const omv_net *net, size_t i, size_t col, char *buf, size_t bufsz);
/* Value of extra attribute key on a node/link, or NULL. */
const char *omv__attrs_get(const omv__attrs *a, const char *key);

/* Formats a double the shortest way that reads back to the same value ("12.5", "0.1"). */
void omv__fmt_double(char *buf, size_t bufsz, double v);

/* The display path of a source file index. */
static inline const char *omv__net_file(const omv_net *net, uint16_t f)
{
    return f < net->nfiles ? net->files[f] : "?";
}

#endif /* OMV_NET_H */
