/*
 * omvei/scenario.h — one scenario specification for every command: which failures, which region,
 * which core, which border policy, threads and seed. Included by omvei.h; do not include it alone.
 *
 * The command line, a scenario file (omvei run) and the manifest all go through the same parsers
 * and the same names: a parameter is set by its key, which is the long option's name without the
 * dashes ("failures", "region", "core", "border", "threads", "seed", ...), with the value as the
 * option would take it. omv_scenario_param lists the effective parameters back in canonical text,
 * in a fixed order, for the manifest.
 *
 * Keys and values:
 *  - "failures" (alias "against"): classes separated by commas from links, nodes, srlg, pairs and
 *    power:REGION:H[,H...]. power takes the rest of the value, so REGION may hold commas and colons
 *    (power:bbox:10.5,65,18.5,69.4:4,24,72); hours are finite and > 0. Default: links,nodes,srlg,pairs.
 *  - "power-outage": REGION:H[,H...], the same as adding power:REGION:H[,H...] to the failures.
 *  - "region": a region spec (omv_region_parse). Default: every site ("all").
 *  - "core": node ids separated by commas (no empty id), or "none": no core nodes (the largest
 *    component plays the core where the analysis allows it). Default: nodes of kind core or ixp.
 *  - "border": allow, deny, or transit:CC[,CC...] (ISO 3166-1 alpha-2 codes). Under deny a demand (or
 *    a site) whose ends lie in one country keeps to that country's links; transit also opens links
 *    within or into the listed countries. Default: allow.
 *  - "threads": 1..1024; "seed": a whole number.
 * Errors: OMV_EARG with a message that names the key and what is wrong; a region's own errors as
 * omv_region_parse returns them (a polygon file that cannot be read is OMV_EDATA).
 */
#ifndef OMVEI_SCENARIO_H
#define OMVEI_SCENARIO_H

typedef enum {
    OMV_BORDER_ALLOW = 0,  /* any demand or site may use any link */
    OMV_BORDER_DENY = 1,   /* domestic demands and sites keep to their own country's links */
    OMV_BORDER_TRANSIT = 2 /* as deny, and links within or into the listed countries are open too */
} omv_border_mode;

typedef struct omv_scenario omv_scenario;

/* A scenario holding the defaults. Returns OMV_ENOMEM or 0. */
int omv_scenario_new(omv_scenario **out, omv_ctx *ctx);
void omv_scenario_free(omv_scenario *sc);

/* Sets a parameter from its text. A key given twice is a usage error, except "failures"/"against",
 * whose last value counts. Returns 0, OMV_EARG, OMV_EDATA (region file), OMV_ENOMEM. */
int omv_scenario_set(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *value);
/* Sets a command's default: as omv_scenario_set when key has not been given, else nothing. */
int omv_scenario_default(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *value);
/* 1 when key names a scenario parameter; omv_scenario_given: 1 when it has been set. */
int omv_scenario_is_key(const char *key);
int omv_scenario_given(const omv_scenario *sc, const char *key);
/* Checks what does not need the network (the class power without an outage region and durations).
 * Returns 0 or OMV_EARG. omv_scenario_bind calls it too. */
int omv_scenario_check(const omv_scenario *sc, omv_ctx *ctx);

/* Checks the scenario against a loaded network: every core id names a node, every transit country
 * is the country of some node. Must be called before the getters below that need the network
 * (omv_scenario_core_nodes). Returns 0 or OMV_EARG. */
int omv_scenario_bind(omv_scenario *sc, omv_ctx *ctx, const omv_net *net);

/* Applies threads and seed (when set) to the context. */
void omv_scenario_apply(const omv_scenario *sc, omv_ctx *ctx);

/* Getters. Borrowed pointers live as long as the scenario. */
/* OR of omv_failure_class; 0 when no class was given (the command's default applies). */
unsigned omv_scenario_failures(const omv_scenario *sc);
const omv_region *omv_scenario_region(const omv_scenario *sc);   /* NULL: every site */
const omv_region *omv_scenario_outage_region(const omv_scenario *sc); /* NULL: every node */
size_t omv_scenario_outage_hours(const omv_scenario *sc, const double **hours);
/* Core ids as given: *set is 0 when "core" was not given (the defaults apply); with "none", *set is 1
 * and the count 0. */
size_t omv_scenario_core_ids(const omv_scenario *sc, const char *const **ids, int *set);
omv_border_mode omv_scenario_border(const omv_scenario *sc);
/* Transit countries ("SE", "FI"), upper case, in the order given, each once. */
size_t omv_scenario_transit_count(const omv_scenario *sc);
const char *omv_scenario_transit_country(const omv_scenario *sc, size_t i);

/* Fills the options of the failure analysis and of the planner from the scenario (the fields the
 * scenario does not know keep their values). */
void omv_scenario_spof_options(const omv_scenario *sc, omv_spof_options *opt);
void omv_scenario_plan_options(const omv_scenario *sc, omv_plan_options *opt);

/* The effective parameters, i = 0 .. count-1, in a fixed order: key and canonical value (defaults
 * included). Borrowed. */
size_t omv_scenario_param_count(const omv_scenario *sc);
const char *omv_scenario_param_key(const omv_scenario *sc, size_t i);
const char *omv_scenario_param_value(const omv_scenario *sc, size_t i);

/* ---- border policy as a link mask -------------------------------------------------------------
 * Under the scenario's border policy, may a demand (or site) from country `home` ("" or NULL: no
 * country, or a cross-border demand) use link i? Links without a country at an end count as inside
 * every country. Always 1 under allow. Thread-safe. */
int omv_scenario_link_open(const omv_scenario *sc, const omv_net *net, size_t link, const char *home);

/* The border view of a network for analyses that do not route demands (spof, plan): the network
 * with the links closed to every domestic site left out (a link stays when its two ends share a
 * country, or, under transit, when an end lies in a listed country). Built as an overlay on net (no
 * copy of nodes or links; indices unchanged); net must outlive it. *closed_links and
 * *closed_candidates (may be NULL) receive how many existing links and candidates were left out.
 * Under allow *out is NULL and nothing is left out. */
int omv_scenario_border_view(omv_net **out, omv_ctx *ctx, const omv_scenario *sc, const omv_net *net,
                             size_t *closed_links, size_t *closed_candidates);

/* ---- amounts of money ------------------------------------------------------------------------ */

/* The largest amount omvei accepts, in NOK (a thousand trillion): sums of many such amounts stay
 * exact enough in a double and far from overflow. */
#define OMV_MAX_NOK 1e15
/* Parses an amount of NOK: a plain decimal number (no hexadecimal, inf or nan) with an optional unit:
 * nok, k, m, mnok, mill, bn, b, g, mrd, bnok (any case; "12 MNOK", "2.4bn", "400M", "1.5e8"). Returns 0,
 * or OMV_EARG when s is not such an amount or exceeds OMV_MAX_NOK. */
int omv_parse_nok(const char *s, double *out);

#endif /* OMVEI_SCENARIO_H */
