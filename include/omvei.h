/*
 * omvei.h — public API of libomvei, the redundancy planner for telecom backbones.
 *
 * Conventions (see README.md, "Library"):
 *  - Types are opaque. Every object is created by an omv_*_new / omv_*_load call and released by the
 *    matching omv_*_free; passing NULL to a _free function does nothing.
 *  - Every call that can fail returns int: 0 on success, a negative OMV_E* code on failure. The
 *    message is kept in the context (omv_ctx_errmsg) until the next failing call.
 *  - Output parameters come first.
 *  - Getters return borrowed pointers that live as long as the object they came from.
 *  - The library never prints and never exits.
 */
#ifndef OMVEI_H
#define OMVEI_H

#include <stddef.h>
#include <stdint.h>

#include "omvei/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OMV_VERSION_MAJOR 0
#define OMV_VERSION_MINOR 1
#define OMV_VERSION_PATCH 0
#define OMV_VERSION_STRING "0.1.0"

/* Return codes. */
enum {
    OMV_OK = 0,
    OMV_ENOMEM = -1,   /* out of memory */
    OMV_EIO = -2,      /* a file could not be read or written */
    OMV_EDATA = -3,    /* input data is invalid; the message reads file:line:col: ... */
    OMV_EARG = -4,     /* an argument to the call is invalid (usage) */
    OMV_ESOLVER = -5,  /* the LP/MILP solver failed (not: the model is infeasible) */
    OMV_EINTERNAL = -6, /* a bug: an invariant did not hold */
    OMV_EINTR = -7      /* an interrupt (omv_ctx_set_interrupt_flag) stopped a report write; nothing
                           was written */
};

/* A short English description of a return code ("out of memory", "invalid input data"); "unknown
 * error" for a code that is not one of the above. Borrowed, static. */
OMV_API const char *omv_strerror(int code);

/* ---- context ------------------------------------------------------------------------------- */

/* Creates a context: error state, warnings, seed, thread count. Returns NULL when out of memory. */
OMV_API omv_ctx *omv_ctx_new(void);
OMV_API void omv_ctx_free(omv_ctx *ctx);

/* The message of the last failure ("" when none). Borrowed; valid until the next failing call. */
OMV_API const char *omv_ctx_errmsg(const omv_ctx *ctx);
/* Where in the library the last failure was raised ("src/topo/load_csv.c:120"), for -v. */
OMV_API const char *omv_ctx_errsrc(const omv_ctx *ctx);

/* Warnings collected since the context was created (or last cleared), in the order raised. */
OMV_API size_t omv_ctx_warning_count(const omv_ctx *ctx);
OMV_API const char *omv_ctx_warning(const omv_ctx *ctx, size_t i);
OMV_API void omv_ctx_clear_warnings(omv_ctx *ctx);

/* Seed for every randomised algorithm (cycle-space labels, generators). Default 20140101. */
OMV_API void omv_ctx_set_seed(omv_ctx *ctx, uint64_t seed);
OMV_API uint64_t omv_ctx_seed(const omv_ctx *ctx);

/* Threads for parallel loops; 0 means OpenMP's default. */
OMV_API void omv_ctx_set_threads(omv_ctx *ctx, int threads);
OMV_API int omv_ctx_threads(const omv_ctx *ctx);

/* Optional cooperative interrupt: long runs poll *flag and stop early, returning their best result. */
OMV_API void omv_ctx_set_interrupt_flag(omv_ctx *ctx, volatile int *flag);

/* Optional progress of long runs: fn(user, phase, fraction) with a phase name ("risk groups",
 * "branch-and-cut") and the fraction done in [0, 1], or -1 when it cannot be told. Called from the
 * thread that called the library, a few times a second at most, and with 1 when a phase completes. */
typedef void (*omv_progress_fn)(void *user, const char *phase, double fraction);
OMV_API void omv_ctx_set_progress(omv_ctx *ctx, omv_progress_fn fn, void *user);

/* Versions of omvei and the libraries it was built against, e.g. "igraph 0.10.2". Borrowed, static. */
OMV_API const char *omv_version(void);
OMV_API const char *omv_version_igraph(void);
OMV_API const char *omv_version_glpk(void);
OMV_API const char *omv_version_proj(void);

/* ---- network ------------------------------------------------------------------------------- */

typedef enum {
    OMV_KIND_SITE = 0,
    OMV_KIND_CORE,
    OMV_KIND_IXP,
    OMV_KIND_DATACENTER,
    OMV_KIND_EXCHANGE,
    OMV_KIND_LANDING,
    OMV_KIND_BORDER,
    OMV_KIND_WAYPOINT,
    OMV_KIND_SATELLITE_GATEWAY,
    OMV_KIND_COUNT_
} omv_kind;

typedef enum {
    OMV_MEDIUM_FIBER = 0,
    OMV_MEDIUM_SUBSEA,
    OMV_MEDIUM_AERIAL,
    OMV_MEDIUM_MICROWAVE,
    OMV_MEDIUM_SATELLITE,
    OMV_MEDIUM_LEASED,
    OMV_MEDIUM_POWER, /* reserve-power upgrade; candidates only */
    OMV_MEDIUM_COUNT_
} omv_medium;

typedef enum { OMV_STATUS_EXISTING = 0, OMV_STATUS_CANDIDATE = 1 } omv_status;

/* Names as used in the input files ("core", "subsea", ...). Borrowed, static. NULL when out of range. */
OMV_API const char *omv_kind_name(omv_kind k);
OMV_API const char *omv_medium_name(omv_medium m);
/* Parses a name; returns -1 when unknown. */
OMV_API int omv_kind_parse(const char *s);
OMV_API int omv_medium_parse(const char *s);

/*
 * Loads a topology from one or more paths and merges them into one network. Each path is a folder
 * holding nodes.csv and links.csv (optional candidates.csv, demands.csv), a .geojson file, a .graphml
 * file, or an SNDlib .txt (native) or .xml file. Later paths may add links between nodes of earlier
 * ones. On failure *out is NULL, nothing is half-loaded, and the message reads "file:line:col: ...".
 * Time O(total input size); memory O(nodes + links).
 */
OMV_API int omv_net_load(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths);

/* As omv_net_load, then adds the candidates of each path in candidates (candidates.csv format).
 * Candidate files given REPLACE the candidates.csv of every topology folder (giving a folder's own
 * candidates.csv again is therefore not an error); with none, the folders' candidates.csv are read.
 * Candidates of other formats (GeoJSON, GraphML) are always kept. */
OMV_API int omv_net_load_with(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths,
                      const char *const *candidates, size_t ncandidates);

/* Options of omv_net_load_opts; start from OMV_LOAD_OPTS_INIT so that later fields keep defaults. */
typedef struct {
    unsigned version;              /* OMV_LOAD_OPTS_VERSION */
    const char *const *candidates; /* candidates.csv files added after the topologies */
    size_t ncandidates;
    /* Join tables: CSV files with a header naming columns a and b; each row says node b is the same
     * place as node a (nodes of different inputs, e.g. "nordu:11,uninett:3"). The merged node keeps
     * the attributes of a; the links and demands of b move to it; a link between two merged nodes is
     * dropped with a warning. Unknown ids are errors at file:line:col. */
    const char *const *joins;
    size_t njoins;
    /* (version 2) 1, the default: every link without length_km gets its geodesic length x route
     * factor while loading. 0: those lengths are computed when omv_net_link_length_km asks for one,
     * which saves a second of CPU at a million links for analyses that never read them. */
    int lengths;
} omv_load_opts;
#define OMV_LOAD_OPTS_VERSION 2
#define OMV_LOAD_OPTS_INIT {OMV_LOAD_OPTS_VERSION, NULL, 0, NULL, 0, 1}

/* As omv_net_load with options (opts may be NULL). A path written NAME=PATH (NAME of letters, digits,
 * '_', '-' or '.'; the whole text is a path when such a file exists) gives that input its own id
 * namespace: its node, link and shared-risk group ids read as "NAME:id", so that two files that both
 * number their nodes from 0 load together. Time O(total input size). */
OMV_API int omv_net_load_opts(omv_net **out, omv_ctx *ctx, const char *const *paths, size_t npaths,
                      const omv_load_opts *opts);

OMV_API void omv_net_free(omv_net *net);

/* Writes the network to path in the format chosen by its form: a folder (CSV, with routes.geojson
 * beside it when links have routes), .geojson, .graphml, or *.ofds.geojson (Open Fibre Data Standard
 * 0.3 GeoJSON: nodes and spans in one file). Every contract column and every extra attribute survives
 * the round trip. Files are written under a temporary name and renamed. */
OMV_API int omv_net_write(const omv_net *net, omv_ctx *ctx, const char *path);

/* The domestic view: net without the links and candidates whose two ends lie in different countries
 * (ends without a country count as any). Under it a site reaches the core only through its own
 * country's links: the border policy "deny". It is an overlay that borrows everything from net (ids
 * and indices unchanged; net must outlive it). *dropped (may be NULL) receives the number of links
 * and candidates left out. Time O(nodes + links). See also omv_scenario_border_view. */
OMV_API int omv_net_domestic(omv_net **out, omv_ctx *ctx, const omv_net *net, size_t *dropped);

OMV_API size_t omv_net_node_count(const omv_net *net);
/* Existing links and candidates together; see omv_net_link_status. */
OMV_API size_t omv_net_link_count(const omv_net *net);
OMV_API size_t omv_net_demand_count(const omv_net *net);
OMV_API size_t omv_net_srlg_count(const omv_net *net);

/* Node getters; i < node count. Strings are borrowed. Missing numbers are NaN. */
OMV_API const char *omv_net_node_id(const omv_net *net, size_t i);
OMV_API const char *omv_net_node_name(const omv_net *net, size_t i);
OMV_API double omv_net_node_lat(const omv_net *net, size_t i);
OMV_API double omv_net_node_lon(const omv_net *net, size_t i);
OMV_API const char *omv_net_node_country(const omv_net *net, size_t i); /* "" when unknown */
OMV_API omv_kind omv_net_node_kind(const omv_net *net, size_t i);
OMV_API int64_t omv_net_node_population(const omv_net *net, size_t i);
OMV_API int omv_net_node_island(const omv_net *net, size_t i);
OMV_API double omv_net_node_power_h(const omv_net *net, size_t i);
/* Finds a node by id; returns -1 when absent. O(1) expected. */
OMV_API long omv_net_node_find(const omv_net *net, const char *id);

/* Link getters; i < link count. b is -1 for a reserve-power candidate. */
OMV_API const char *omv_net_link_id(const omv_net *net, size_t i);
OMV_API long omv_net_link_a(const omv_net *net, size_t i);
OMV_API long omv_net_link_b(const omv_net *net, size_t i);
OMV_API omv_medium omv_net_link_medium(const omv_net *net, size_t i);
OMV_API omv_status omv_net_link_status(const omv_net *net, size_t i);
OMV_API double omv_net_link_length_km(const omv_net *net, size_t i);
OMV_API double omv_net_link_capacity_gbps(const omv_net *net, size_t i); /* NaN = unlimited */
OMV_API double omv_net_link_cost_nok(const omv_net *net, size_t i);      /* NaN for existing links */
OMV_API size_t omv_net_link_srlg_count(const omv_net *net, size_t i);
OMV_API const char *omv_net_link_srlg(const omv_net *net, size_t i, size_t k);
/* Finds a link or candidate by id; returns -1 when absent. O(links): for occasional look-ups. */
OMV_API long omv_net_link_find(const omv_net *net, const char *id);

OMV_API const char *omv_net_srlg_name(const omv_net *net, size_t g);

/* ---- check: validation summary ------------------------------------------------------------- */

typedef struct omv_check omv_check;

/* Summarises a loaded network: counts by kind, medium and country, km by medium, components,
 * nodes without a position, warnings of the context. Time O(nodes + links). */
OMV_API int omv_check_run(omv_check **out, omv_ctx *ctx, const omv_net *net);
OMV_API void omv_check_free(omv_check *chk);
/* Renders the summary; *text is malloc'd and freed by the caller with free(). */
OMV_API int omv_check_text(char **text, omv_ctx *ctx, const omv_check *chk);
OMV_API int omv_check_json(char **json, omv_ctx *ctx, const omv_check *chk);
OMV_API size_t omv_check_component_count(const omv_check *chk);

/* ---- report folder ------------------------------------------------------------------------- */

/* Creates a report folder and its parents (like mkdir -p). */
OMV_API int omv_report_mkdir(omv_ctx *ctx, const char *dir);
/* Writes text to dir/name through a temporary name and a rename: never half-written. */
OMV_API int omv_report_write(omv_ctx *ctx, const char *dir, const char *name, const char *text);

/*
 * Adds one run to dir/manifest.json (created when absent; a run of the same command is replaced):
 * the command and its arguments, the SHA-256 and size of every input file the network was read from,
 * the versions of omvei, igraph, GLPK and PROJ, the thread count, the seed, and the files written.
 */
OMV_API int omv_manifest_add_run(omv_ctx *ctx, const char *dir, const omv_net *net, const char *command,
                         const char *const *args, size_t nargs, const char *const *outputs,
                         size_t noutputs);
/*
 * Records a wall-clock time given in seconds, as whole milliseconds, under key ("solve_ms") in the
 * "timings" object of the run of command in dir/manifest.json (added by omv_manifest_add_run;
 * OMV_EARG when there is none). Timings live only in the manifest, so that every other file of a
 * report folder is the same on a rerun.
 */
OMV_API int omv_manifest_add_timing(omv_ctx *ctx, const char *dir, const char *command, const char *key,
                                    double seconds);

/* Files the network was read from, in reading order. */
OMV_API size_t omv_net_file_count(const omv_net *net);
OMV_API const char *omv_net_file(const omv_net *net, size_t i);

#include "omvei/spof.h"
#include "omvei/aftermath.h"
#include "omvei/plan.h"
#include "omvei/scenario.h"
#include "omvei/report.h"
#include "omvei/srlg_derive.h"
#include "omvei/compare.h"
#include "omvei/shard.h"
#include "omvei/run.h"
#include "omvei/reroute.h"

#ifdef __cplusplus
}
#endif
#endif /* OMVEI_H */
