/*
 * test_region.c — region specs: every preset, latitude thresholds, bounding boxes, GeoJSON polygons
 * (a hole, a MultiPolygon, clockwise outlines, features that are not areas), and bad specs and bad
 * polygon files with their messages. Fixtures: tests/data/spof/region/.
 */
#include "topo/net.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGION_DIR OMV_TEST_DATA "/spof/region"

/* Node order of tests/data/spof/region/nodes.csv. */
enum { INSIDE, HOLE, OUTSIDE, MULTI, TRIANGLE, NOPOS, TRONDHEIM, EDGE, NNODES };

static omv_ctx *ctx;
static omv_net *net;

static void setup(void)
{
    ctx = omv_ctx_new();
    const char *p = REGION_DIR;
    ck_assert_int_eq(omv_net_load(&net, ctx, &p, 1), 0);
    ck_assert_uint_eq(omv_net_node_count(net), NNODES);
}

static void teardown(void)
{
    omv_net_free(net);
    omv_ctx_free(ctx);
}

/* The members of a region as a bit mask over the fixture's nodes. */
static unsigned members(const char *spec)
{
    omv_region *r = NULL;
    int rc = omv_region_parse(&r, ctx, spec);
    ck_assert_msg(rc == 0, "%s: %s", spec, omv_ctx_errmsg(ctx));
    ck_assert_str_eq(omv_region_spec(r), spec);
    unsigned m = 0;
    for (size_t i = 0; i < NNODES; i++)
        if (omv_region_has(r, net, i))
            m |= 1u << i;
    omv_region_free(r);
    return m;
}

#define BIT(x) (1u << (x))

START_TEST(presets)
{
    ck_assert_uint_eq(members("all"), (1u << NNODES) - 1);
    ck_assert_uint_eq(members("islands"), BIT(HOLE) | BIT(NOPOS));
    ck_assert_uint_eq(members("country:NO"), BIT(INSIDE) | BIT(HOLE) | BIT(NOPOS) | BIT(TRONDHEIM) | BIT(EDGE));
    ck_assert_uint_eq(members("country:fi"), BIT(MULTI) | BIT(TRIANGLE));
    ck_assert_uint_eq(members("country:DK"), 0);
    /* Trondheim itself (63.43) is not north of Trondheim. */
    /* Norway's north only: the Swedish node as far north is not in it. */
    ck_assert_uint_eq(members("north-of-trondheim"), BIT(HOLE));
}
END_TEST

START_TEST(latitude_and_bbox)
{
    ck_assert_uint_eq(members("lat>63"), BIT(HOLE) | BIT(OUTSIDE) | BIT(TRONDHEIM));
    ck_assert_uint_eq(members("lat<60.5"), BIT(EDGE));
    ck_assert_uint_eq(members("lat>-90"), (1u << NNODES) - 1 - BIT(NOPOS)); /* no position: never */
    /* Inclusive edges: (12, 60) lies on the corner of the box. */
    ck_assert_uint_eq(members("bbox:12,60,20,70"), BIT(INSIDE) | BIT(HOLE) | BIT(EDGE));
    ck_assert_uint_eq(members("bbox:30,60,45,62"), BIT(MULTI) | BIT(TRIANGLE));
    /* Blanks around the numbers, signs and exponents are plain decimal notation. */
    ck_assert_uint_eq(members("bbox: 12, 60 ,+20, 7e1"), BIT(INSIDE) | BIT(HOLE) | BIT(EDGE));
    ck_assert_uint_eq(members("lat> 6.3e1 "), BIT(HOLE) | BIT(OUTSIDE) | BIT(TRONDHEIM));
}
END_TEST

START_TEST(polygon_with_hole)
{
    /* Outline runs clockwise; the hole excludes (15, 65); the MultiPolygon adds two islands; the
     * LineString and the null geometry are skipped; a node without a position is never inside. The
     * even-odd rule counts the lower edge of the outline (EDGE at lat 60) as inside. */
    ck_assert_uint_eq(members("polygon:" REGION_DIR "/holes.geojson"),
                      BIT(INSIDE) | BIT(MULTI) | BIT(TRIANGLE) | BIT(TRONDHEIM) | BIT(EDGE));
    /* The first feature's name labels the region in reports; other regions have none. */
    omv_region *r = NULL;
    ck_assert_int_eq(omv_region_parse(&r, ctx, "polygon:" REGION_DIR "/holes.geojson"), 0);
    ck_assert_str_eq(omv_region_label(r), "square with a hole, outline clockwise");
    omv_region_free(r);
    ck_assert_int_eq(omv_region_parse(&r, ctx, "islands"), 0);
    ck_assert_ptr_null(omv_region_label(r));
    omv_region_free(r);
}
END_TEST

static void expect_error(const char *spec, int code, const char *text)
{
    omv_region *r = (omv_region *)&r; /* must be reset to NULL */
    int rc = omv_region_parse(&r, ctx, spec);
    ck_assert_msg(rc == code, "%s: code %d, expected %d (%s)", spec, rc, code, omv_ctx_errmsg(ctx));
    ck_assert_ptr_null(r);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), text) != NULL, "%s: message '%s' lacks '%s'", spec,
                  omv_ctx_errmsg(ctx), text);
}

START_TEST(bad_specs)
{
    expect_error("north", OMV_EARG, "unknown region 'north' (north-of-trondheim, islands, country:XX");
    expect_error("", OMV_EARG, "unknown region ''");
    expect_error("lat>", OMV_EARG, "region 'lat>': expected a latitude in degrees after 'lat>'");
    expect_error("lat<abc", OMV_EARG, "region 'lat<abc': expected a latitude");
    expect_error("lat>95", OMV_EARG, "region 'lat>95': latitude out of range [-90, 90]");
    expect_error("bbox:1,2,3", OMV_EARG, "region 'bbox:1,2,3': expected bbox:minlon,minlat,maxlon,maxlat");
    expect_error("bbox:1,2,3,4,5", OMV_EARG, "four numbers");
    expect_error("bbox:1,2,x,4", OMV_EARG, "four numbers");
    expect_error("bbox:20,60,10,70", OMV_EARG, "region 'bbox:20,60,10,70': bbox minimum above maximum");
    expect_error("bbox:-200,60,10,70", OMV_EARG, "bbox out of range");
    expect_error("country:NOR", OMV_EARG, "region 'country:NOR': expected country:XX with a two-letter");
    expect_error("country:", OMV_EARG, "expected country:XX");
    expect_error("polygon:", OMV_EARG, "region 'polygon:': expected polygon:FILE.geojson");
    /* Plain decimals only: strtod read "0x40" as 64 and "inf" as a latitude above every node. */
    expect_error("lat>0x40", OMV_EARG, "region 'lat>0x40': expected a latitude in degrees");
    expect_error("lat<-0X10", OMV_EARG, "expected a latitude in degrees");
    expect_error("lat>inf", OMV_EARG, "expected a latitude in degrees");
    expect_error("lat>nan", OMV_EARG, "expected a latitude in degrees");
    expect_error("lat>1e999", OMV_EARG, "expected a latitude in degrees");
    expect_error("bbox:0x5,60,10,70", OMV_EARG, "region 'bbox:0x5,60,10,70': expected bbox:minlon,minlat,maxlon,maxlat");
    expect_error("bbox:5,60,10,nan", OMV_EARG, "four numbers");
}
END_TEST

START_TEST(bad_polygon_files)
{
    /* A polygon file that is not there, or not a file, is an input error that says what is wrong. */
    expect_error("polygon:" REGION_DIR "/absent.geojson", OMV_EDATA, "absent.geojson: no such file");
    expect_error("polygon:" REGION_DIR, OMV_EDATA, "region: is a folder, not a file");
    expect_error("polygon:/dev/null", OMV_EDATA, "/dev/null: not a regular file");
    /* jansson reports the token after the missing comma: line 4, column 33. */
    expect_error("polygon:" REGION_DIR "/bad_syntax.geojson", OMV_EDATA, "bad_syntax.geojson:4:33: '}' expected near '\"geometry\"'");
    expect_error("polygon:" REGION_DIR "/short_ring.geojson", OMV_EDATA,
                 "short_ring.geojson:3:71: features[1].geometry.coordinates[0]: a ring needs at least 4 positions");
    expect_error("polygon:" REGION_DIR "/points_only.geojson", OMV_EDATA,
                 "points_only.geojson:1:1: no Polygon or MultiPolygon geometry found");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("region");
    TCase *tc = tcase_create("region");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, presets);
    tcase_add_test(tc, latitude_and_bbox);
    tcase_add_test(tc, polygon_with_hole);
    tcase_add_test(tc, bad_specs);
    tcase_add_test(tc, bad_polygon_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
