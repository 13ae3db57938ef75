/*
 * test_spof_report.c — the reports of the failure analysis on the fixture tests/data/spof_report
 * (see its README.md for the expected failures): spof.json parsed back with jansson, map.geojson
 * properties and [lon, lat] order, the CSV tables, the plain-words sentences, the report folder
 * (written all or nothing), spof.json streamed to a file; and the JSON writer they are built on, its
 * streaming and its printf-free number formatting.
 */
#include "report/jsonw.h"
#include "report/spof_report.h"

#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURE OMV_TEST_DATA "/spof_report"
#define NORDLAND "bbox:10.5,65.0,18.5,69.4"

/* ---- the JSON writer ------------------------------------------------------------------------ */

static char *render(void (*fn)(omv__jsonw *), int *rc)
{
    omv_ctx *ctx = omv_ctx_new();
    omv__buf b;
    omv__buf_init(&b);
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    fn(&w);
    *rc = omv__jsonw_finish(&w, ctx);
    omv_ctx_free(ctx);
    return omv__buf_take(&b);
}

static void doc_nested(omv__jsonw *w)
{
    omv__jsonw_object(w, false);
    omv__jsonw_key(w, "s");
    omv__jsonw_string(w, "a\"b\\c\nd\x01" "\xc3\xb8" "\xff" "e");
    omv__jsonw_key(w, "n");
    omv__jsonw_array(w, true);
    omv__jsonw_real(w, 72.0, 3);
    omv__jsonw_real(w, 2.5, 3);
    omv__jsonw_real(w, -0.0000001, 6);
    omv__jsonw_real(w, 10.7522004, 6);
    omv__jsonw_real(w, NAN, 6);
    omv__jsonw_int(w, -42);
    omv__jsonw_uint(w, 18446744073709551615ull);
    omv__jsonw_end(w);
    omv__jsonw_key(w, "o");
    omv__jsonw_object(w, true);
    omv__jsonw_key(w, "t");
    omv__jsonw_bool(w, true);
    omv__jsonw_key(w, "z");
    omv__jsonw_null(w);
    omv__jsonw_end(w);
    omv__jsonw_key(w, "e");
    omv__jsonw_array(w, false);
    omv__jsonw_end(w);
    omv__jsonw_end(w);
}

START_TEST(test_jsonw_layout_and_escapes)
{
    int rc;
    char *s = render(doc_nested, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(s, "{\n"
                        "  \"s\": \"a\\\"b\\\\c\\nd\\u0001\xc3\xb8\\ufffde\",\n"
                        "  \"n\": [72, 2.5, 0, 10.7522, null, -42, 18446744073709551615],\n"
                        "  \"o\": {\"t\": true, \"z\": null},\n"
                        "  \"e\": []\n"
                        "}");
    free(s);
}
END_TEST

static void doc_value_without_key(omv__jsonw *w)
{
    omv__jsonw_object(w, false);
    omv__jsonw_int(w, 1);
    omv__jsonw_end(w);
}

static void doc_unclosed(omv__jsonw *w)
{
    omv__jsonw_array(w, false);
    omv__jsonw_int(w, 1);
}

static void doc_two_tops(omv__jsonw *w)
{
    omv__jsonw_int(w, 1);
    omv__jsonw_int(w, 2);
}

START_TEST(test_jsonw_misuse)
{
    int rc;
    free(render(doc_value_without_key, &rc));
    ck_assert_int_eq(rc, OMV_EINTERNAL);
    free(render(doc_unclosed, &rc));
    ck_assert_int_eq(rc, OMV_EINTERNAL);
    free(render(doc_two_tops, &rc));
    ck_assert_int_eq(rc, OMV_EINTERNAL);
}
END_TEST

/* The same document, handed out in chunks of at least 16 bytes: the chunks add up to the text. */
static void collect(void *user)
{
    omv__buf **bufs = user; /* [0]: the writer's buffer, [1]: what was handed out */
    omv__buf_printf(bufs[1], "%.*s", (int)bufs[0]->len, bufs[0]->s);
    bufs[0]->len = 0;
}

START_TEST(test_jsonw_stream)
{
    int rc;
    char *whole = render(doc_nested, &rc);
    ck_assert_int_eq(rc, 0);
    omv_ctx *ctx = omv_ctx_new();
    omv__buf b, got;
    omv__buf_init(&b);
    omv__buf_init(&got);
    omv__buf *bufs[2] = {&b, &got};
    omv__jsonw w;
    omv__jsonw_init(&w, &b);
    omv__jsonw_stream(&w, collect, bufs, 16);
    doc_nested(&w);
    ck_assert_int_eq(omv__jsonw_finish(&w, ctx), 0);
    ck_assert_uint_lt(b.len, 16 + 64); /* never much more than a chunk held back */
    collect(bufs);
    ck_assert_str_eq(got.s, whole);
    omv__buf_free(&b);
    omv__buf_free(&got);
    omv_ctx_free(ctx);
    free(whole);
}
END_TEST

/* omv__fmt_fixed formats most numbers without printf; its output must be printf's, trailing zeros
 * and point dropped, "-0" read as "0". */
static void fixed_reference(char *buf, size_t bufsz, double v, int decimals)
{
    snprintf(buf, bufsz, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, bufsz, "0");
}

START_TEST(test_fmt_fixed_matches_printf)
{
    static const double SPECIAL[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, -1e-7, 0.0000005,
                                     0.0000015, 59.91, 10.7522004, 63.4305, -179.9999995, 180.0, 1099511.627776,
                                     1099511627775.5, 1099511627776.0, 4.35, 2.675, 1.005, 123456789.123456789};
    char got[400], want[400];
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < 400000; i++) {
        double v;
        if (i < sizeof(SPECIAL) / sizeof(SPECIAL[0]) * 10) {
            v = SPECIAL[i / 10];
        } else {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            double unit = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
            switch (i % 4) {
            case 0: /* coordinates with up to 7 decimals, as read from input */
                v = round((unit * 360.0 - 180.0) * 1e7) / 1e7;
                break;
            case 1: /* any magnitude */
                v = (unit - 0.5) * pow(10.0, (double)(x % 25) - 12.0);
                break;
            case 2: /* halves and near-halves at the rounding digit */
                v = ((double)(x % 2000000) + 0.5 + ((x >> 40) % 3 - 1) * 1e-9) / pow(10.0, (double)(x % 7));
                break;
            default: /* whole numbers and hours */
                v = (double)(x % 100000) / 8.0;
                break;
            }
        }
        int dec = (int)(i % 10);
        omv__fmt_fixed(got, sizeof(got), v, dec);
        fixed_reference(want, sizeof(want), v, dec);
        ck_assert_msg(strcmp(got, want) == 0, "%.17g with %d decimals: got %s, printf gives %s", v, dec, got, want);
    }
}
END_TEST

START_TEST(test_fmt_helpers)
{
    char b[64];
    omv__fmt_fixed(b, sizeof(b), 69.4, 6);
    ck_assert_str_eq(b, "69.4");
    omv__fmt_fixed(b, sizeof(b), 100.0, 3);
    ck_assert_str_eq(b, "100");
    omv__fmt_fixed(b, sizeof(b), NAN, 3);
    ck_assert_str_eq(b, "");
    omv__fmt_thousands(b, sizeof(b), 185000);
    ck_assert_str_eq(b, "185,000");
    omv__fmt_thousands(b, sizeof(b), 999);
    ck_assert_str_eq(b, "999");
    omv__fmt_thousands(b, sizeof(b), 1234567);
    ck_assert_str_eq(b, "1,234,567");
    omv__fmt_thousands(b, sizeof(b), -1000);
    ck_assert_str_eq(b, "-1,000");
}
END_TEST

START_TEST(test_region_words)
{
    static const char *const CASES[][2] = {
        {"north-of-trondheim", "north of Trondheim"},
        {"islands", "on the islands"},
        {"country:NO", "in NO"},
        {"lat>65.5", "north of latitude 65.5"},
        {"lat<60", "south of latitude 60"},
        {NORDLAND, "in the area lon 10.5\xe2\x80\x93" "18.5, lat 65\xe2\x80\x93" "69.4"},
        {"all", ""},
    };
    omv_ctx *ctx = omv_ctx_new();
    for (size_t k = 0; k < sizeof(CASES) / sizeof(CASES[0]); k++) {
        omv_region *r = NULL;
        ck_assert_msg(omv_region_parse(&r, ctx, CASES[k][0]) == 0, "%s: %s", CASES[k][0], omv_ctx_errmsg(ctx));
        char words[256];
        omv__spof_region_words(words, sizeof(words), r);
        ck_assert_str_eq(words, CASES[k][1]);
        omv_region_free(r);
    }
    /* A polygon is named by its file, without the folders. */
    omv_region *r = NULL;
    ck_assert_msg(omv_region_parse(&r, ctx, "polygon:" FIXTURE "/nordland.geojson") == 0, "%s", omv_ctx_errmsg(ctx));
    char pw[256];
    omv__spof_region_words(pw, sizeof(pw), r);
    ck_assert_str_eq(pw, "in Nordland (rough box)");
    omv_region_free(r);
    char words[16] = "x";
    omv__spof_region_words(words, sizeof(words), NULL);
    ck_assert_str_eq(words, "");
    omv_ctx_free(ctx);
}
END_TEST

/* ---- the fixture ---------------------------------------------------------------------------- */

typedef struct {
    omv_ctx *ctx;
    omv_net *net;
    omv_region *region, *outage;
    omv_spof *spof;
} run_t;

static const double HOURS[] = {2, 8, 72};

/* Loads the fixture and runs every failure class, with power outages of HOURS in outage_spec when
 * it is not NULL; region_spec NULL counts every site. */
static void run_fixture_in(run_t *r, const char *region_spec, const char *outage_spec)
{
    memset(r, 0, sizeof(*r));
    r->ctx = omv_ctx_new();
    ck_assert_ptr_nonnull(r->ctx);
    const char *paths[] = {FIXTURE};
    ck_assert_msg(omv_net_load(&r->net, r->ctx, paths, 1) == 0, "%s", omv_ctx_errmsg(r->ctx));
    omv_spof_options opt = OMV_SPOF_OPTIONS_INIT;
    if (region_spec) {
        ck_assert_int_eq(omv_region_parse(&r->region, r->ctx, region_spec), 0);
        opt.region = r->region;
    }
    if (outage_spec) {
        ck_assert_msg(omv_region_parse(&r->outage, r->ctx, outage_spec) == 0, "%s", omv_ctx_errmsg(r->ctx));
        opt.failures |= OMV_FAIL_POWER;
        opt.outage_region = r->outage;
        opt.outage_hours = HOURS;
        opt.noutage = 3;
    }
    ck_assert_msg(omv_spof_run(&r->spof, r->ctx, r->net, &opt) == 0, "%s", omv_ctx_errmsg(r->ctx));
}

static void run_fixture(run_t *r, const char *region_spec, bool power)
{
    run_fixture_in(r, region_spec, power ? NORDLAND : NULL);
}

static void run_free(run_t *r)
{
    omv_spof_free(r->spof);
    omv_region_free(r->region);
    omv_region_free(r->outage);
    omv_net_free(r->net);
    omv_ctx_free(r->ctx);
}

static json_t *parse_json(const char *text)
{
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    ck_assert_msg(j != NULL, "invalid JSON at %d:%d: %s", err.line, err.column, err.text);
    return j;
}

static json_int_t geti(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_integer(v), "'%s' is not an integer", key);
    return json_integer_value(v);
}

static const char *gets_(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_string(v), "'%s' is not a string", key);
    return json_string_value(v);
}

/* The array of strings a joined by ',' (for compact assertions). */
static const char *joined(const json_t *a)
{
    static char buf[1024];
    buf[0] = '\0';
    ck_assert_msg(json_is_array(a), "not an array");
    size_t i;
    const json_t *v;
    json_array_foreach(a, i, v)
    {
        if (i)
            strcat(buf, ",");
        strcat(buf, json_is_string(v) ? json_string_value(v) : "?");
    }
    return buf;
}

/* The item of spof.json with this kind whose "links" (or "nodes", or "hours") match. */
static const json_t *find_item(const json_t *root, const char *kind, const char *links, const char *nodes,
                               double hours)
{
    size_t i;
    const json_t *it;
    json_array_foreach(json_object_get(root, "items"), i, it)
    {
        if (strcmp(gets_(it, "kind"), kind) != 0)
            continue;
        if (links && strcmp(joined(json_object_get(it, "links")), links) != 0)
            continue;
        if (nodes && strcmp(joined(json_object_get(it, "nodes")), nodes) != 0)
            continue;
        if (hours > 0 && json_number_value(json_object_get(it, "hours")) != hours)
            continue;
        ck_assert_int_eq(geti(it, "rank"), (json_int_t)i + 1);
        return it;
    }
    ck_abort_msg("no %s item %s %s %g", kind, links ? links : "", nodes ? nodes : "", hours);
    return NULL;
}

static void assert_item(const json_t *it, const char *label, json_int_t sites, json_int_t pop, const char *isolated)
{
    ck_assert_str_eq(gets_(it, "label"), label);
    ck_assert_int_eq(geti(it, "isolated_sites"), sites);
    ck_assert_int_eq(geti(it, "isolated_population"), pop);
    ck_assert_str_eq(joined(json_object_get(it, "isolated")), isolated);
}

START_TEST(test_json_values)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    char *text = NULL;
    ck_assert_int_eq(omv_spof_json(&text, r.ctx, r.spof, r.net), 0);
    json_t *root = parse_json(text);
    ck_assert_str_eq(gets_(root, "schema"), "omvei/spof/1");

    const json_t *p = json_object_get(root, "parameters");
    ck_assert_str_eq(joined(json_object_get(p, "core")), "OSL,BGO");
    ck_assert_str_eq(gets_(p, "region"), "north-of-trondheim");
    ck_assert_str_eq(joined(json_object_get(p, "failures")), "links,nodes,srlg,pairs,power");
    const json_t *po = json_object_get(p, "power_outage");
    ck_assert_str_eq(gets_(po, "region"), NORDLAND);
    ck_assert_int_eq(json_array_size(json_object_get(po, "hours")), 3);
    ck_assert(json_number_value(json_array_get(json_object_get(po, "hours"), 2)) == 72.0);
    ck_assert(json_is_false(json_object_get(p, "exact_lambda")));
    ck_assert_int_eq(geti(p, "seed"), 20140101);

    const json_t *sm = json_object_get(root, "summary");
    ck_assert_int_eq(geti(sm, "nodes"), 12);
    ck_assert_int_eq(geti(sm, "links"), 17);
    ck_assert_int_eq(geti(sm, "bridges"), 3);
    ck_assert_int_eq(geti(sm, "articulation_points"), 4);
    ck_assert_int_eq(geti(sm, "cut_pairs"), 6);
    ck_assert_int_eq(geti(sm, "srlg_cuts"), 2);
    ck_assert_int_eq(geti(sm, "sites"), 10);
    ck_assert_int_eq(geti(sm, "sites_in_region"), 9);
    ck_assert_int_eq(geti(sm, "population_in_region"), 423500);
    const json_t *sl = json_object_get(sm, "sites_by_lambda"), *pl = json_object_get(sm, "population_by_lambda");
    ck_assert_int_eq(geti(sl, "0"), 0);
    ck_assert_int_eq(geti(sl, "1"), 5);
    ck_assert_int_eq(geti(sl, "2"), 3);
    ck_assert_int_eq(geti(sl, "3+"), 1);
    ck_assert_int_eq(geti(pl, "1"), 148500);
    ck_assert_int_eq(geti(pl, "2"), 65000);
    ck_assert_int_eq(geti(pl, "3+"), 210000);

    /* Rank 1: the Dovrefjell group cuts off every site of the region. */
    const json_t *items = json_object_get(root, "items");
    const json_t *first = json_array_get(items, 0);
    ck_assert_str_eq(gets_(first, "kind"), "srlg");
    ck_assert_str_eq(gets_(first, "srlg"), "Dovrefjell");
    ck_assert_str_eq(joined(json_object_get(first, "links")), "E1,E2,E3");
    assert_item(first, "Dovrefjell", 9, 423500, "TRD,STK,NAM,MOR,FAU,BOO,SVO,LKN,TOS");
    ck_assert(json_is_null(json_object_get(first, "hours")));

    const json_t *it = find_item(root, "bridge", "E9", NULL, 0);
    assert_item(it, "Fauske\xe2\x80\x93Mo i Rana", 5, 148500, "FAU,BOO,SVO,LKN,TOS");
    ck_assert(json_is_null(json_object_get(it, "srlg")));
    it = find_item(root, "bridge", "E11", NULL, 0);
    assert_item(it, "Fauske\xe2\x80\x93Troms\xc3\xb8", 1, 77000, "TOS");
    it = find_item(root, "articulation_point", "", "MOR", 0);
    assert_item(it, "Mo i Rana", 5, 148500, "FAU,BOO,SVO,LKN,TOS");
    it = find_item(root, "cut_pair", "E4,E5", NULL, 0);
    assert_item(it, "Trondheim\xe2\x80\x93Steinkjer and Trondheim\xe2\x80\x93Namsos", 8, 213500,
                "STK,NAM,MOR,FAU,BOO,SVO,LKN,TOS");
    it = find_item(root, "cut_pair", "E12,E14", NULL, 0);
    assert_item(it, "Bod\xc3\xb8\xe2\x80\x93Svolv\xc3\xa6r and Svolv\xc3\xa6r\xe2\x80\x93Leknes", 1, 5000, "SVO");
    it = find_item(root, "srlg", "E9", NULL, 0);
    assert_item(it, "Saltfjellet", 5, 148500, "FAU,BOO,SVO,LKN,TOS");
    it = find_item(root, "power_outage", "", NULL, 8);
    ck_assert_str_eq(joined(json_object_get(it, "nodes")), "FAU,SVO,LKN");
    assert_item(it, "8-hour power outage in the area lon 10.5\xe2\x80\x93" "18.5, lat 65\xe2\x80\x93" "69.4", 5, 148500,
                "FAU,BOO,SVO,LKN,TOS");
    /* Items in rank order: population never grows down the list. */
    json_int_t prev = INT64_MAX;
    size_t i;
    json_array_foreach(items, i, it)
    {
        ck_assert_int_le(geti(it, "isolated_population"), prev);
        prev = geti(it, "isolated_population");
    }

    const json_t *outs = json_object_get(root, "outages");
    ck_assert_int_eq(json_array_size(outs), 3);
    static const json_int_t FAILED[3] = {1, 3, 5}, SITES[3] = {1, 5, 6}, POP[3] = {3500, 148500, 174500};
    for (size_t k = 0; k < 3; k++) {
        const json_t *o = json_array_get(outs, k);
        ck_assert(json_number_value(json_object_get(o, "hours")) == HOURS[k]);
        ck_assert_int_eq(geti(o, "failed_nodes"), FAILED[k]);
        ck_assert_int_eq(geti(o, "isolated_sites"), SITES[k]);
        ck_assert_int_eq(geti(o, "isolated_population"), POP[k]);
    }
    /* After 8 hours, reserve power at Fauske (candidate P1, 72 h) brings back Fauske, Bodø, Tromsø. */
    const json_t *up = json_array_get(json_object_get(json_array_get(outs, 1), "upgrades"), 0);
    ck_assert_str_eq(gets_(up, "node"), "FAU");
    ck_assert_str_eq(gets_(up, "candidate"), "P1");
    ck_assert_int_eq(geti(up, "reconnected_sites"), 3);
    ck_assert_int_eq(geti(up, "reconnected_population"), 140000);

    /* Lambda of the region's sites, sorted by id. */
    const json_t *lam = json_object_get(root, "lambda");
    static const char *const IDS[] = {"BOO", "FAU", "LKN", "MOR", "NAM", "STK", "SVO", "TOS", "TRD"};
    static const int LAMBDA[] = {1, 1, 1, 2, 2, 2, 1, 1, 3};
    ck_assert_int_eq(json_array_size(lam), 9);
    for (size_t k = 0; k < 9; k++) {
        ck_assert_str_eq(gets_(json_array_get(lam, k), "site"), IDS[k]);
        ck_assert_int_eq(geti(json_array_get(lam, k), "lambda"), LAMBDA[k]);
    }

    /* A second rendering is byte-identical. */
    char *again = NULL;
    ck_assert_int_eq(omv_spof_json(&again, r.ctx, r.spof, r.net), 0);
    ck_assert_str_eq(text, again);
    free(again);
    json_decref(root);
    free(text);
    run_free(&r);
}
END_TEST

START_TEST(test_json_every_site)
{
    run_t r;
    run_fixture(&r, NULL, false);
    char *text = NULL;
    ck_assert_int_eq(omv_spof_json(&text, r.ctx, r.spof, r.net), 0);
    json_t *root = parse_json(text);
    const json_t *p = json_object_get(root, "parameters");
    ck_assert(json_is_null(json_object_get(p, "region")));
    ck_assert(json_is_null(json_object_get(p, "power_outage")));
    ck_assert_str_eq(joined(json_object_get(p, "failures")), "links,nodes,srlg,pairs");
    const json_t *sm = json_object_get(root, "summary");
    ck_assert_int_eq(geti(sm, "sites_in_region"), 10);
    ck_assert_int_eq(geti(sm, "population_in_region"), 423500);
    ck_assert_int_eq(json_array_size(json_object_get(root, "outages")), 0);
    /* The datacenter without a position counts now: Oslo and Bergen links E15 + E16 cut it off. */
    const json_t *it = find_item(root, "cut_pair", "E15,E16", NULL, 0);
    assert_item(it,
                "Oslo\xe2\x80\x93" "Datasenter \xc3\x98st, Oslo and "
                "Bergen\xe2\x80\x93" "Datasenter \xc3\x98st, Oslo",
                1, 0, "DC1");
    ck_assert_int_eq(json_array_size(json_object_get(root, "lambda")), 10);
    json_decref(root);
    free(text);
    run_free(&r);
}
END_TEST

/* ---- map.geojson ---------------------------------------------------------------------------- */

static const json_t *feature(const json_t *fc, const char *id)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(fc, "features"), i, f)
    {
        if (strcmp(gets_(json_object_get(f, "properties"), "id"), id) == 0)
            return f;
    }
    ck_abort_msg("no feature %s", id);
    return NULL;
}

static void assert_position(const json_t *pos, double lon, double lat)
{
    ck_assert_int_eq(json_array_size(pos), 2);
    ck_assert_double_eq_tol(json_number_value(json_array_get(pos, 0)), lon, 1e-9);
    ck_assert_double_eq_tol(json_number_value(json_array_get(pos, 1)), lat, 1e-9);
}

START_TEST(test_map_geojson)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    omv__spof_view v;
    ck_assert_int_eq(omv__spof_view_init(&v, r.ctx, r.spof, r.net), 0);
    char *text = NULL;
    ck_assert_int_eq(omv__spof_map_geojson(&text, r.ctx, &v), 0);
    json_t *fc = parse_json(text);
    ck_assert_str_eq(gets_(fc, "type"), "FeatureCollection");
    /* Every node and every existing link; the four candidates are not on the map. */
    ck_assert_int_eq(json_array_size(json_object_get(fc, "features")), 12 + 17);
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(fc, "features"), i, f)
    {
        ck_assert_str_eq(gets_(f, "type"), "Feature");
        ck_assert(json_is_object(json_object_get(f, "properties")));
        const json_t *g = json_object_get(f, "geometry");
        ck_assert(json_is_null(g) || json_is_object(g));
    }

    const json_t *osl = feature(fc, "OSL");
    ck_assert_str_eq(gets_(json_object_get(osl, "geometry"), "type"), "Point");
    assert_position(json_object_get(json_object_get(osl, "geometry"), "coordinates"), 10.7522, 59.9139);
    const json_t *pr = json_object_get(osl, "properties");
    ck_assert_str_eq(gets_(pr, "role"), "core");
    ck_assert_str_eq(gets_(pr, "kind"), "core");
    ck_assert(json_is_null(json_object_get(pr, "lambda")));
    ck_assert(json_is_false(json_object_get(pr, "isolated_by_top_item")));

    pr = json_object_get(feature(fc, "TRD"), "properties");
    ck_assert_str_eq(gets_(pr, "name"), "Trondheim");
    ck_assert_str_eq(gets_(pr, "role"), "articulation_point");
    ck_assert_int_eq(geti(pr, "impact_population"), 213500);
    ck_assert_int_eq(geti(pr, "lambda"), 3);
    ck_assert_int_eq(geti(pr, "population"), 210000);
    ck_assert(json_is_true(json_object_get(pr, "isolated_by_top_item")));
    ck_assert_int_eq(geti(pr, "worst_item_rank"), 1);

    pr = json_object_get(feature(fc, "LKN"), "properties");
    ck_assert_str_eq(gets_(pr, "role"), "site");
    ck_assert_int_eq(geti(pr, "impact_population"), 0);
    ck_assert_int_eq(geti(pr, "lambda"), 1);

    const json_t *dc = feature(fc, "DC1");
    ck_assert(json_is_null(json_object_get(dc, "geometry")));
    pr = json_object_get(dc, "properties");
    ck_assert_str_eq(gets_(pr, "name"), "Datasenter \xc3\x98st, Oslo");
    ck_assert(json_is_false(json_object_get(pr, "in_region")));
    ck_assert(json_is_false(json_object_get(pr, "isolated_by_top_item")));
    ck_assert(json_is_null(json_object_get(pr, "worst_item_rank")));

    /* Links: [lon, lat] from end a to end b. */
    const json_t *e9 = feature(fc, "E9");
    const json_t *g = json_object_get(e9, "geometry");
    ck_assert_str_eq(gets_(g, "type"), "LineString");
    ck_assert_int_eq(json_array_size(json_object_get(g, "coordinates")), 2);
    assert_position(json_array_get(json_object_get(g, "coordinates"), 0), 15.3918, 67.259);
    assert_position(json_array_get(json_object_get(g, "coordinates"), 1), 14.1428, 66.3128);
    pr = json_object_get(e9, "properties");
    ck_assert_str_eq(gets_(pr, "a"), "FAU");
    ck_assert_str_eq(gets_(pr, "b"), "MOR");
    ck_assert_str_eq(gets_(pr, "medium"), "fiber");
    ck_assert_str_eq(gets_(pr, "role"), "bridge");
    ck_assert_int_eq(geti(pr, "impact_population"), 148500);
    ck_assert_str_eq(gets_(pr, "srlg"), "Saltfjellet");

    pr = json_object_get(feature(fc, "E4"), "properties");
    ck_assert_str_eq(gets_(pr, "role"), "cut_pair");
    ck_assert_int_eq(geti(pr, "impact_population"), 213500);
    ck_assert(json_is_null(json_object_get(pr, "srlg")));
    pr = json_object_get(feature(fc, "E3"), "properties");
    ck_assert_str_eq(gets_(pr, "role"), "srlg_cut");
    ck_assert_str_eq(gets_(pr, "medium"), "leased");
    ck_assert_int_eq(geti(pr, "impact_population"), 423500);
    pr = json_object_get(feature(fc, "E0"), "properties");
    ck_assert_str_eq(gets_(pr, "role"), "redundant");
    ck_assert_int_eq(geti(pr, "impact_population"), 0);
    /* A link to a node without a position has no geometry. */
    ck_assert(json_is_null(json_object_get(feature(fc, "E15"), "geometry")));

    json_decref(fc);
    free(text);
    omv__spof_view_free(&v);
    run_free(&r);
}
END_TEST

/* ---- CSV ------------------------------------------------------------------------------------ */

/* The line of text that starts with prefix, copied into buf. */
static const char *line_starting(const char *text, const char *prefix, char *buf, size_t n)
{
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (strncmp(p, prefix, strlen(prefix)) == 0 && len < n) {
            memcpy(buf, p, len);
            buf[len] = '\0';
            return buf;
        }
        p = e ? e + 1 : NULL;
    }
    ck_abort_msg("no line starts with '%s'", prefix);
    return NULL;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

START_TEST(test_csv_tables)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    omv__spof_view v;
    ck_assert_int_eq(omv__spof_view_init(&v, r.ctx, r.spof, r.net), 0);
    char *items = NULL, *sites = NULL, line[512];
    ck_assert_int_eq(omv__spof_items_csv(&items, r.ctx, &v), 0);
    ck_assert_int_eq(omv__spof_sites_csv(&sites, r.ctx, &v), 0);

    ck_assert_int_eq(count_lines(items), 1 + omv_spof_item_count(r.spof));
    ck_assert_str_eq(line_starting(items, "rank,", line, sizeof(line)),
                     "rank,kind,ids,label,srlg,hours,isolated_sites,isolated_population,isolated_site_ids");
    ck_assert_str_eq(line_starting(items, "1,", line, sizeof(line)),
                     "1,srlg,E1;E2;E3,Dovrefjell,Dovrefjell,,9,423500,TRD;STK;NAM;MOR;FAU;BOO;SVO;LKN;TOS");
    /* Find the E9 bridge row whatever its rank. */
    const char *e9 = strstr(items, ",bridge,E9,");
    ck_assert_ptr_nonnull(e9);
    static const char want_e9[] = ",bridge,E9,Fauske\xe2\x80\x93Mo i Rana,,,5,148500,FAU;BOO;SVO;LKN;TOS\n";
    ck_assert(strncmp(e9, want_e9, strlen(want_e9)) == 0);
    const char *p72 = strstr(items, ",power_outage,MOR;FAU;BOO;SVO;LKN,");
    ck_assert_ptr_nonnull(p72);
    ck_assert_ptr_nonnull(strstr(p72, ",,72,6,174500,MOR;FAU;BOO;SVO;LKN;TOS\n"));

    ck_assert_int_eq(count_lines(sites), 1 + 10);
    ck_assert_str_eq(line_starting(sites, "id,", line, sizeof(line)),
                     "id,name,lat,lon,population,lambda,in_region,worst_item_rank");
    ck_assert_str_eq(line_starting(sites, "TRD,", line, sizeof(line)), "TRD,Trondheim,63.4305,10.3951,210000,3,true,1");
    ck_assert_str_eq(line_starting(sites, "BOO,", line, sizeof(line)),
                     "BOO,Bod\xc3\xb8,67.2804,14.4049,53000,1,true,1");
    ck_assert_str_eq(line_starting(sites, "DC1,", line, sizeof(line)),
                     "DC1,\"Datasenter \xc3\x98st, Oslo\",,,0,2,false,");
    ck_assert(strstr(sites, "\nOSL,") == NULL); /* core nodes are not sites */
    free(items);
    free(sites);
    omv__spof_view_free(&v);
    run_free(&r);
}
END_TEST

/* ---- plain words ---------------------------------------------------------------------------- */

static void assert_has(const char *text, const char *want)
{
    ck_assert_msg(strstr(text, want) != NULL, "missing: %s\n--- text ---\n%s", want, text);
}

START_TEST(test_text_sentences)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    char *text = NULL;
    ck_assert_int_eq(omv_spof_text(&text, r.ctx, r.spof, r.net, 0), 0);
    assert_has(text, "Network: 12 nodes, 17 existing links, 10 sites.\n");
    assert_has(text, "Core: Oslo, Bergen.\n");
    assert_has(text, "Region: north of Trondheim (9 sites, 423,500 people).\n");
    assert_has(text, "Structure: 3 bridges, 4 articulation points, 6 cut pairs, 2 shared-risk groups that cut off "
                     "sites.\n");
    assert_has(text, "1. Shared-risk group Dovrefjell (3 links): losing them at once cuts off 9 sites and 423,500 "
                     "people north of Trondheim.\n");
    assert_has(text, ". Link Fauske\xe2\x80\x93Mo i Rana (Saltfjellet): its loss cuts off 5 sites and 148,500 people "
                     "north of Trondheim.\n");
    assert_has(text, ". Link Fauske\xe2\x80\x93Troms\xc3\xb8: its loss cuts off 1 site and 77,000 people north of "
                     "Trondheim.\n");
    assert_has(text, ". Node Mo i Rana: its loss cuts off 5 sites and 148,500 people north of Trondheim.\n");
    assert_has(text, ". Shared-risk group Saltfjellet (1 link): its loss cuts off 5 sites and 148,500 people north "
                     "of Trondheim.\n");
    assert_has(text, ". Links Trondheim\xe2\x80\x93Steinkjer and Trondheim\xe2\x80\x93Namsos together: their loss cuts "
                     "off 8 sites and 213,500 people north of Trondheim.\n");
    assert_has(text, ". A 72-hour power outage in the area lon 10.5\xe2\x80\x93" "18.5, lat 65\xe2\x80\x93" "69.4: 5 "
                     "nodes lose power, 6 sites and 174,500 people north of Trondheim are cut off.\n");
    assert_has(text, "  5 sites (148,500 people) are one cut away from isolation (lambda 1).\n");
    assert_has(text, "  3 sites (65,000 people) are two cuts away from isolation (lambda 2).\n");
    assert_has(text, "  1 site (210,000 people) has three or more disjoint paths (lambda 3+).\n");
    assert_has(text, "  8 hours: 3 nodes lose power; 5 sites and 148,500 people north of Trondheim are cut off or "
                     "without power.\n");
    assert_has(text, "    Reserve power at Fauske would reconnect 3 sites and 140,000 people (candidate P1).\n");
    assert_has(text, "  2 hours: 1 node loses power; 1 site and 3,500 people north of Trondheim are cut off or "
                     "without power.\n");
    ck_assert(strstr(text, "lambda 0") == NULL); /* no site is cut off already */
    free(text);

    /* --top 3: three numbered sentences. */
    ck_assert_int_eq(omv_spof_text(&text, r.ctx, r.spof, r.net, 3), 0);
    assert_has(text, "\n3. ");
    ck_assert(strstr(text, "\n4. ") == NULL);
    assert_has(text, "The 3 worst of ");
    free(text);
    run_free(&r);
}
END_TEST

START_TEST(test_text_outage_regions)
{
    /* The Nordland polygon gives the same outages as the Nordland box. */
    run_t r;
    run_fixture_in(&r, "north-of-trondheim", "polygon:" FIXTURE "/nordland.geojson");
    char *text = NULL;
    ck_assert_int_eq(omv_spof_text(&text, r.ctx, r.spof, r.net, 0), 0);
    assert_has(text, ". A 72-hour power outage in Nordland (rough box): 5 nodes lose power, 6 sites and "
                     "174,500 people north of Trondheim are cut off.\n");
    assert_has(text, "\nPower outages in Nordland (rough box) (");
    free(text);
    run_free(&r);
    /* South of 60 only Oslo has a position, with a week of reserve power: nothing fails. */
    run_fixture_in(&r, "north-of-trondheim", "lat<60");
    ck_assert_int_eq(omv_spof_text(&text, r.ctx, r.spof, r.net, 0), 0);
    assert_has(text, "\nPower outages south of latitude 60 (nodes without reserve power for the whole outage "
                     "fail):\n  2 hours: no node runs out of reserve power.\n  8 hours: no node runs out of reserve "
                     "power.\n  72 hours: no node runs out of reserve power.\n");
    ck_assert(strstr(text, "-hour power outage") == NULL); /* no outage cuts anything off: no item */
    free(text);
    run_free(&r);
}
END_TEST

START_TEST(test_text_nothing_cut_off)
{
    run_t r;
    run_fixture(&r, "lat<60", false); /* no site south of 60: Oslo is core, DC1 has no position */
    char *text = NULL;
    ck_assert_int_eq(omv_spof_text(&text, r.ctx, r.spof, r.net, 10), 0);
    assert_has(text, "Region: south of latitude 60 (0 sites, 0 people).\n");
    /* An empty region is said to be empty, not declared safe. */
    assert_has(text, "There is no site south of latitude 60, so no failure can cut one off: check the region.\n");
    ck_assert(strstr(text, "No single failure") == NULL);
    ck_assert(strstr(text, "Power outages") == NULL);
    free(text);
    run_free(&r);
}
END_TEST

/* ---- the report folder ---------------------------------------------------------------------- */

START_TEST(test_write_folder)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    char dir[] = "/tmp/omv_spof_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(omv_spof_write(r.ctx, dir, r.spof, r.net), 0);
    static const char *const FILES[] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};
    char path[512];
    for (size_t k = 0; k < 4; k++) {
        snprintf(path, sizeof(path), "%s/%s", dir, FILES[k]);
        FILE *f = fopen(path, "rb");
        ck_assert_msg(f != NULL, "%s not written", FILES[k]);
        fclose(f);
    }
    /* spof.json holds exactly what omv_spof_json renders, plus a final newline. */
    char *json = NULL;
    ck_assert_int_eq(omv_spof_json(&json, r.ctx, r.spof, r.net), 0);
    snprintf(path, sizeof(path), "%s/spof.json", dir);
    FILE *f = fopen(path, "rb");
    char *file = calloc(1, strlen(json) + 16);
    size_t n = fread(file, 1, strlen(json) + 8, f);
    fclose(f);
    ck_assert_uint_eq(n, strlen(json) + 1);
    ck_assert(memcmp(file, json, strlen(json)) == 0 && file[n - 1] == '\n');
    free(file);
    free(json);
    /* map.geojson parses as GeoJSON. */
    snprintf(path, sizeof(path), "%s/map.geojson", dir);
    json_error_t err;
    json_t *map = json_load_file(path, 0, &err);
    ck_assert_msg(map != NULL, "map.geojson: %s", err.text);
    json_decref(map);
    /* Nothing but the four files: no temporary leftovers. */
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t nfiles = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        nfiles++;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        remove(path);
    }
    closedir(d);
    rmdir(dir);
    ck_assert_uint_eq(nfiles, 4);
    /* A folder that does not exist is an I/O error with the path in the message. */
    ck_assert_int_eq(omv_spof_write(r.ctx, "/nonexistent-omvei-folder/x", r.spof, r.net), OMV_EIO);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(r.ctx), "/nonexistent-omvei-folder/x/spof.json"));
    run_free(&r);
}
END_TEST

/* spof.json streamed to an open file is what omv_spof_json renders, plus a final newline. */
START_TEST(test_json_stream_to_file)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    char *json = NULL;
    ck_assert_int_eq(omv_spof_json(&json, r.ctx, r.spof, r.net), 0);
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(omv_spof_json_write(r.ctx, f, r.spof, r.net), 0);
    long n = ftell(f);
    ck_assert_int_eq(n, (long)strlen(json) + 1);
    rewind(f);
    char *file = calloc(1, (size_t)n + 1);
    ck_assert_uint_eq(fread(file, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    ck_assert(memcmp(file, json, strlen(json)) == 0 && file[n - 1] == '\n');
    free(file);
    free(json);
    run_free(&r);
}
END_TEST

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* A failure while writing the folder leaves it as it was: the files of an earlier run stay, and no
 * temporary file of this run is left behind. */
START_TEST(test_write_folder_all_or_nothing)
{
    run_t r;
    run_fixture(&r, "north-of-trondheim", true);
    char dir[] = "/tmp/omv_spof_atomic_XXXXXX", path[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char *const FILES[] = {"spof.json", "spof_items.csv", "spof_sites.csv", "map.geojson"};
    for (size_t k = 0; k < 4; k++) {
        snprintf(path, sizeof(path), "%s/%s", dir, FILES[k]);
        FILE *f = fopen(path, "wb");
        fputs("earlier run\n", f);
        fclose(f);
    }
    /* The last file cannot be written: its temporary name is taken by a folder. */
    char block[512];
    snprintf(block, sizeof(block), "%s/map.geojson.tmp.%ld", dir, (long)getpid());
    ck_assert_int_eq(mkdir(block, 0700), 0);
    ck_assert_int_eq(omv_spof_write(r.ctx, dir, r.spof, r.net), OMV_EIO);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(r.ctx), "map.geojson"));
    for (size_t k = 0; k < 4; k++) {
        snprintf(path, sizeof(path), "%s/%s", dir, FILES[k]);
        char *text = slurp(path);
        ck_assert_ptr_nonnull(text);
        ck_assert_str_eq(text, "earlier run\n");
        free(text);
    }
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t nfiles = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        nfiles++;
        ck_assert_msg(strstr(e->d_name, ".tmp.") == NULL || strcmp(e->d_name, strrchr(block, '/') + 1) == 0,
                      "left behind: %s", e->d_name);
    }
    closedir(d);
    ck_assert_uint_eq(nfiles, 5);
    /* Once the way is free the run succeeds and replaces all four. */
    rmdir(block);
    ck_assert_int_eq(omv_spof_write(r.ctx, dir, r.spof, r.net), 0);
    for (size_t k = 0; k < 4; k++) {
        snprintf(path, sizeof(path), "%s/%s", dir, FILES[k]);
        char *text = slurp(path);
        ck_assert_ptr_nonnull(text);
        ck_assert_str_ne(text, "earlier run\n");
        free(text);
        remove(path);
    }
    rmdir(dir);
    run_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("spof_report");
    TCase *tw = tcase_create("jsonw");
    tcase_add_test(tw, test_jsonw_layout_and_escapes);
    tcase_add_test(tw, test_jsonw_misuse);
    tcase_add_test(tw, test_jsonw_stream);
    tcase_add_test(tw, test_fmt_fixed_matches_printf);
    tcase_add_test(tw, test_fmt_helpers);
    tcase_add_test(tw, test_region_words);
    suite_add_tcase(s, tw);
    TCase *tr = tcase_create("reports");
    tcase_set_timeout(tr, 60);
    tcase_add_test(tr, test_json_values);
    tcase_add_test(tr, test_json_every_site);
    tcase_add_test(tr, test_map_geojson);
    tcase_add_test(tr, test_csv_tables);
    tcase_add_test(tr, test_text_sentences);
    tcase_add_test(tr, test_text_outage_regions);
    tcase_add_test(tr, test_text_nothing_cut_off);
    tcase_add_test(tr, test_write_folder);
    tcase_add_test(tr, test_json_stream_to_file);
    tcase_add_test(tr, test_write_folder_all_or_nothing);
    suite_add_tcase(s, tr);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
