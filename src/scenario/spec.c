/*
 * spec.c — the scenario specification (omvei/scenario.h): one parser per parameter, shared by the
 * command line, scenario files and the manifest, so that a value means the same wherever it is
 * written. Each parameter keeps its canonical text for the manifest.
 */
#include "scenario/scenario_int.h"

#include "core/number.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int omv_parse_nok(const char *s, double *out)
{
    static const struct {
        const char *suffix;
        double mult;
    } SUF[] = {{"", 1},      {"nok", 1},    {"k", 1e3},    {"knok", 1e3},   {"k nok", 1e3}, {"m", 1e6},
               {"mnok", 1e6}, {"m nok", 1e6}, {"mill", 1e6}, {"g", 1e9},      {"bn", 1e9},    {"b", 1e9},
               {"mrd", 1e9}, {"bnok", 1e9},  {"bn nok", 1e9}};
    size_t len = strspn(s, "0123456789.eE+-");
    char num[64];
    if (len == 0 || len >= sizeof(num))
        return OMV_EARG;
    memcpy(num, s, len);
    num[len] = '\0';
    double v;
    if (omv__parse_decimal(num, &v) || v < 0)
        return OMV_EARG;
    const char *unit = s + len;
    while (*unit == ' ')
        unit++;
    for (size_t i = 0; i < sizeof(SUF) / sizeof(SUF[0]); i++) {
        const char *a = unit, *b = SUF[i].suffix;
        while (*a && *b && tolower((unsigned char)*a) == *b)
            a++, b++;
        if (*a || *b)
            continue;
        v *= SUF[i].mult;
        if (!(v <= OMV_MAX_NOK))
            return OMV_EARG;
        *out = v;
        return 0;
    }
    return OMV_EARG;
}

/* The parameters in the order the manifest lists them. */
static const char *const KEYS[SC_NKEYS] = {"failures", "power-outage", "region", "core", "border", "threads", "seed"};

static const struct {
    const char *name;
    unsigned cls;
} CLASSES[] = {{"links", OMV_FAIL_LINKS}, {"nodes", OMV_FAIL_NODES}, {"srlg", OMV_FAIL_SRLG},
               {"pairs", OMV_FAIL_PAIRS}, {"power", OMV_FAIL_POWER}};
#define NCLASSES (sizeof(CLASSES) / sizeof(CLASSES[0]))

int omv_scenario_new(omv_scenario **out, omv_ctx *ctx)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return OMV_NOMEM(ctx, "scenario");
    return 0;
}

static void clear_outage(omv_scenario *sc)
{
    omv_region_free(sc->outage_region);
    sc->outage_region = NULL;
    free(sc->outage_spec);
    sc->outage_spec = NULL;
    sc->nhours = 0;
}

void omv_scenario_free(omv_scenario *sc)
{
    if (!sc)
        return;
    clear_outage(sc);
    omv_region_free(sc->region);
    free(sc->core_store);
    free(sc->core);
    free(sc->transit);
    for (size_t k = 0; k < SC_NKEYS; k++)
        free(sc->text[k]);
    free(sc);
}

static int key_index(const char *key)
{
    if (!strcmp(key, "against"))
        return SC_FAILURES;
    for (int k = 0; k < SC_NKEYS; k++)
        if (!strcmp(key, KEYS[k]))
            return k;
    return -1;
}

int omv_scenario_is_key(const char *key) { return key && key_index(key) >= 0; }

/* Hours of an outage: finite numbers > 0, an optional 'h', separated by commas. */
static int parse_hours(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *s)
{
    sc->nhours = 0;
    const char *p = s;
    for (;;) {
        double h;
        size_t len = strcspn(p, ",");
        char buf[64];
        if (len == 0 || len >= sizeof(buf))
            return OMV_ERR(ctx, OMV_EARG, "%s: expected outage durations in hours (4,24,72), got '%s'", key, s);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (len > 1 && buf[len - 1] == 'h')
            buf[len - 1] = '\0';
        if (omv__parse_decimal(buf, &h) || !(h > 0))
            return OMV_ERR(ctx, OMV_EARG, "%s: an outage lasts a number of hours above 0, got '%.*s'", key, (int)len,
                           p);
        if (sc->nhours == SC_MAX_HOURS)
            return OMV_ERR(ctx, OMV_EARG, "%s: at most %d outage durations", key, SC_MAX_HOURS);
        for (size_t k = 0; k < sc->nhours; k++)
            if (sc->hours[k] == h)
                return OMV_ERR(ctx, OMV_EARG, "%s: the duration %.*s is given twice", key, (int)len, p);
        sc->hours[sc->nhours++] = h;
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

/* REGION:H[,H...]: the region is everything before the last ':', so that region specs holding colons
 * (country:NO, bbox:..., polygon:FILE) need no quoting. "all" is every node. */
static int parse_outage(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *s)
{
    if (sc->outage_spec)
        return OMV_ERR(ctx, OMV_EARG, "%s: a power outage is given twice; list every duration in one place", key);
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || !colon[1])
        return OMV_ERR(ctx, OMV_EARG, "%s: expected REGION:HOURS[,HOURS...] (north-of-trondheim:4,24,72), got '%s'",
                       key, s);
    int rc = parse_hours(sc, ctx, key, colon + 1);
    if (rc)
        return rc;
    sc->outage_spec = malloc((size_t)(colon - s) + 1);
    if (!sc->outage_spec)
        return OMV_NOMEM(ctx, "scenario");
    memcpy(sc->outage_spec, s, (size_t)(colon - s));
    sc->outage_spec[colon - s] = '\0';
    if (strcmp(sc->outage_spec, "all") && (rc = omv_region_parse(&sc->outage_region, ctx, sc->outage_spec))) {
        clear_outage(sc);
        return rc;
    }
    return 0;
}

static int parse_failures(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *s)
{
    unsigned cls = 0;
    int bare_power = 0, rc;
    const char *p = s;
    if (!*s)
        return OMV_ERR(ctx, OMV_EARG, "%s: no failure class given (links, nodes, srlg, pairs, power:REGION:H)", key);
    for (;;) {
        if (!strncmp(p, "power:", 6)) {
            /* power:REGION:H[,H...] takes the rest: REGION may hold commas (bbox). */
            if ((rc = parse_outage(sc, ctx, key, p + 6)))
                return rc;
            cls |= OMV_FAIL_POWER;
            sc->power_in_failures = 1;
            break;
        }
        size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < NCLASSES && !(strlen(CLASSES[k].name) == len && !strncmp(CLASSES[k].name, p, len)))
            k++;
        if (k == NCLASSES)
            return OMV_ERR(ctx, OMV_EARG, "%s: unknown failure class '%.*s' (links, nodes, srlg, pairs, power:REGION:H)",
                           key, (int)len, p);
        if (CLASSES[k].cls == OMV_FAIL_POWER)
            bare_power = 1;
        cls |= CLASSES[k].cls;
        if (!p[len])
            break;
        p += len + 1;
    }
    sc->classes = cls;
    sc->bare_power = bare_power;
    return 0;
}

static int parse_core(omv_scenario *sc, omv_ctx *ctx, const char *s)
{
    sc->core_set = 1;
    if (!strcmp(s, "none"))
        return 0;
    if (!*s)
        return OMV_ERR(ctx, OMV_EARG, "core: no node id given (ids separated by commas, or none)");
    size_t n = 1, len = strlen(s);
    for (const char *p = s; *p; p++)
        n += *p == ',';
    if (!(sc->core_store = malloc(len + 1)) || !(sc->core = calloc(n, sizeof(*sc->core))))
        return OMV_NOMEM(ctx, "scenario");
    memcpy(sc->core_store, s, len + 1);
    char *p = sc->core_store;
    for (size_t k = 0; k < n; k++) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p)
            return OMV_ERR(ctx, OMV_EARG, "core: '%s' holds an empty id", s);
        sc->core[sc->ncore++] = p;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return 0;
}

static int parse_border(omv_scenario *sc, omv_ctx *ctx, const char *s)
{
    if (!strcmp(s, "allow")) {
        sc->border = OMV_BORDER_ALLOW;
        return 0;
    }
    if (!strcmp(s, "deny")) {
        sc->border = OMV_BORDER_DENY;
        return 0;
    }
    if (strncmp(s, "transit:", 8))
        return OMV_ERR(ctx, OMV_EARG, "border: expected allow, deny or transit:CC[,CC...], got '%s'", s);
    const char *p = s + 8;
    size_t n = 1;
    for (const char *q = p; *q; q++)
        n += *q == ',';
    if (!(sc->transit = calloc(n, sizeof(*sc->transit))))
        return OMV_NOMEM(ctx, "scenario");
    for (;;) {
        size_t len = strcspn(p, ",");
        if (len != 2 || !isalpha((unsigned char)p[0]) || !isalpha((unsigned char)p[1]))
            return OMV_ERR(ctx, OMV_EARG, "border: transit countries are two-letter ISO codes (SE,FI), got '%.*s'",
                           (int)len, p);
        char cc[3] = {(char)toupper((unsigned char)p[0]), (char)toupper((unsigned char)p[1]), '\0'};
        int dup = 0;
        for (size_t k = 0; k < sc->ntransit; k++)
            dup |= !strcmp(sc->transit[k].cc, cc);
        if (!dup)
            memcpy(sc->transit[sc->ntransit++].cc, cc, 3);
        if (!p[len])
            break;
        p += len + 1;
    }
    sc->border = OMV_BORDER_TRANSIT;
    return 0;
}

static int parse_whole(omv_ctx *ctx, const char *key, const char *s, unsigned long long max, unsigned long long *out)
{
    unsigned long long v = 0;
    if (!*s)
        return OMV_ERR(ctx, OMV_EARG, "%s: expected a whole number, got ''", key);
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (max - (unsigned)(*p - '0')) / 10)
            return OMV_ERR(ctx, OMV_EARG, "%s: expected a whole number from 0 to %llu, got '%s'", key, max, s);
        v = v * 10 + (unsigned)(*p - '0');
    }
    *out = v;
    return 0;
}

/* The canonical text of parameter k, after a successful set. */
static int remember(omv_scenario *sc, omv_ctx *ctx, int k)
{
    omv__buf b;
    omv__buf_init(&b);
    switch (k) {
    case SC_FAILURES:
    case SC_POWER: {
        /* Both keys end in the failure set; the manifest shows it once, outages included. */
        const char *sep = "";
        for (size_t c = 0; c < NCLASSES; c++)
            if ((sc->classes & CLASSES[c].cls) && CLASSES[c].cls != OMV_FAIL_POWER) {
                omv__buf_printf(&b, "%s%s", sep, CLASSES[c].name);
                sep = ",";
            }
        if (sc->outage_spec) {
            omv__buf_printf(&b, "%spower:%s:", sep, sc->outage_spec);
            for (size_t h = 0; h < sc->nhours; h++) {
                char num[40];
                omv__fmt_double(num, sizeof(num), sc->hours[h]);
                omv__buf_printf(&b, "%s%s", h ? "," : "", num);
            }
        } else if (sc->classes & OMV_FAIL_POWER) {
            omv__buf_printf(&b, "%spower", sep);
        }
        k = SC_FAILURES;
        break;
    }
    case SC_CORE:
        if (sc->core_set && !sc->ncore)
            omv__buf_puts(&b, "none");
        for (size_t i = 0; i < sc->ncore; i++)
            omv__buf_printf(&b, "%s%s", i ? "," : "", sc->core[i]);
        break;
    case SC_BORDER:
        omv__buf_puts(&b, sc->border == OMV_BORDER_ALLOW ? "allow" : sc->border == OMV_BORDER_DENY ? "deny" : "transit:");
        for (size_t i = 0; sc->border == OMV_BORDER_TRANSIT && i < sc->ntransit; i++)
            omv__buf_printf(&b, "%s%s", i ? "," : "", sc->transit[i].cc);
        break;
    case SC_REGION:
        omv__buf_puts(&b, sc->region ? omv_region_spec(sc->region) : "all");
        break;
    case SC_THREADS:
        omv__buf_printf(&b, "%d", sc->threads);
        break;
    case SC_SEED:
        omv__buf_printf(&b, "%llu", (unsigned long long)sc->seed);
        break;
    default:
        break;
    }
    char *t = omv__buf_take(&b);
    if (!t)
        return OMV_NOMEM(ctx, "scenario");
    free(sc->text[k]);
    sc->text[k] = t;
    return 0;
}

int omv_scenario_set(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *value)
{
    int k = key ? key_index(key) : -1;
    if (k < 0)
        return OMV_ERR(ctx, OMV_EARG, "unknown scenario parameter '%s'", key ? key : "");
    if (!value)
        return OMV_ERR(ctx, OMV_EARG, "%s: no value given", key);
    /* The failure set may be restated (a command's default, then the user's choice); every other
     * parameter is given once, so that a scenario file cannot say two things. */
    if (k != SC_FAILURES && sc->given[k])
        return OMV_ERR(ctx, OMV_EARG, "%s is given twice", KEYS[k]);
    int rc = 0;
    switch (k) {
    case SC_FAILURES: {
        /* A restatement replaces the classes and an outage given with them (not one given apart). */
        if (sc->power_in_failures) {
            clear_outage(sc);
            sc->power_in_failures = 0;
        }
        rc = parse_failures(sc, ctx, key, value);
        break;
    }
    case SC_POWER:
        rc = parse_outage(sc, ctx, key, value);
        break;
    case SC_REGION:
        if (strcmp(value, "all"))
            rc = omv_region_parse(&sc->region, ctx, value);
        break;
    case SC_CORE:
        rc = parse_core(sc, ctx, value);
        break;
    case SC_BORDER:
        rc = parse_border(sc, ctx, value);
        break;
    case SC_THREADS: {
        unsigned long long t = 0;
        if (!(rc = parse_whole(ctx, key, value, 1024, &t)) && t < 1)
            rc = OMV_ERR(ctx, OMV_EARG, "threads: expected a whole number from 1 to 1024, got '%s'", value);
        sc->threads = (int)t;
        break;
    }
    case SC_SEED: {
        unsigned long long s = 0;
        rc = parse_whole(ctx, key, value, UINT64_MAX, &s);
        sc->seed = s;
        break;
    }
    default:
        break;
    }
    if (rc)
        return rc;
    sc->given[k] = 1;
    return remember(sc, ctx, k);
}

int omv_scenario_default(omv_scenario *sc, omv_ctx *ctx, const char *key, const char *value)
{
    int k = key ? key_index(key) : -1;
    if (k < 0)
        return OMV_ERR(ctx, OMV_EARG, "unknown scenario parameter '%s'", key ? key : "");
    if (sc->given[k])
        return 0;
    return omv_scenario_set(sc, ctx, key, value);
}

int omv_scenario_check(const omv_scenario *sc, omv_ctx *ctx)
{
    if (sc->bare_power && !sc->outage_spec)
        return OMV_ERR(ctx, OMV_EARG, "the failure class power needs a region and durations: power:REGION:HOURS "
                                      "(or power-outage REGION:HOURS)");
    return 0;
}

int omv_scenario_bind(omv_scenario *sc, omv_ctx *ctx, const omv_net *net)
{
    int rc = omv_scenario_check(sc, ctx);
    if (rc)
        return rc;
    /* A mistyped core id would silently change what "cut off" means. */
    for (size_t k = 0; k < sc->ncore; k++)
        if (omv_net_node_find(net, sc->core[k]) < 0)
            return OMV_ERR(ctx, OMV_EARG, "core: no node has the id '%s'", sc->core[k]);
    for (size_t k = 0; k < sc->ntransit; k++) {
        size_t v = 0, n = omv_net_node_count(net);
        while (v < n && strcmp(omv_net_node_country(net, v), sc->transit[k].cc))
            v++;
        if (v == n)
            return OMV_ERR(ctx, OMV_EARG, "border: transit country '%s' is the country of no node in the network",
                           sc->transit[k].cc);
    }
    return 0;
}

void omv_scenario_apply(const omv_scenario *sc, omv_ctx *ctx)
{
    if (sc->given[SC_THREADS])
        omv_ctx_set_threads(ctx, sc->threads);
    if (sc->given[SC_SEED])
        omv_ctx_set_seed(ctx, sc->seed);
}

unsigned omv_scenario_failures(const omv_scenario *sc)
{
    return sc->classes | (sc->outage_spec ? (unsigned)OMV_FAIL_POWER : 0u);
}
int omv_scenario_given(const omv_scenario *sc, const char *key)
{
    int k = key ? key_index(key) : -1;
    return k >= 0 && sc->given[k];
}
const omv_region *omv_scenario_region(const omv_scenario *sc) { return sc->region; }
const omv_region *omv_scenario_outage_region(const omv_scenario *sc) { return sc->outage_region; }
size_t omv_scenario_outage_hours(const omv_scenario *sc, const double **hours)
{
    *hours = sc->nhours ? sc->hours : NULL;
    return sc->nhours;
}
size_t omv_scenario_core_ids(const omv_scenario *sc, const char *const **ids, int *set)
{
    *ids = (const char *const *)sc->core;
    if (set)
        *set = sc->core_set;
    return sc->ncore;
}
omv_border_mode omv_scenario_border(const omv_scenario *sc) { return sc->border; }
const char *omv_scenario_transit_country(const omv_scenario *sc, size_t i)
{
    return i < sc->ntransit ? sc->transit[i].cc : NULL;
}
size_t omv_scenario_transit_count(const omv_scenario *sc) { return sc->ntransit; }

void omv_scenario_spof_options(const omv_scenario *sc, omv_spof_options *opt)
{
    if (sc->core_set) {
        opt->core_ids = (const char *const *)sc->core;
        opt->ncore = sc->ncore;
        if (!opt->core_ids) {
            /* "none": a non-NULL list of no ids. */
            static const char *const NONE[1] = {NULL};
            opt->core_ids = NONE;
        }
    }
    opt->region = sc->region;
    if (omv_scenario_failures(sc))
        opt->failures = omv_scenario_failures(sc);
    opt->outage_region = sc->outage_region;
    opt->outage_hours = sc->nhours ? sc->hours : NULL;
    opt->noutage = sc->nhours;
}

void omv_scenario_plan_options(const omv_scenario *sc, omv_plan_options *opt)
{
    if (sc->core_set) {
        static const char *const NONE[1] = {NULL};
        opt->core_ids = sc->core ? (const char *const *)sc->core : NONE;
        opt->ncore = sc->ncore;
    }
    opt->region = sc->region;
    if (omv_scenario_failures(sc))
        opt->failures = omv_scenario_failures(sc);
    opt->outage_region = sc->outage_region;
    opt->outage_hours = sc->nhours ? sc->hours : NULL;
    opt->noutage = sc->nhours;
}

size_t omv_scenario_param_count(const omv_scenario *sc)
{
    (void)sc;
    return SC_NKEYS - 1; /* power-outage is listed inside failures */
}

static int param_key(size_t i) { return i == 0 ? SC_FAILURES : (int)i + 1; }

const char *omv_scenario_param_key(const omv_scenario *sc, size_t i)
{
    (void)sc;
    return i < SC_NKEYS - 1 ? KEYS[param_key(i)] : NULL;
}

const char *omv_scenario_param_value(const omv_scenario *sc, size_t i)
{
    if (i >= SC_NKEYS - 1)
        return NULL;
    int k = param_key(i);
    if (sc->text[k])
        return sc->text[k];
    switch (k) {
    case SC_REGION:
        return "all";
    case SC_CORE:
        return "";
    case SC_BORDER:
        return "allow";
    default:
        return "";
    }
}
