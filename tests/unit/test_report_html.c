/*
 * test_report_html.c — report.html: escaping of every text from the inputs (a node named
 * "<script>alert(1)</script>" shows as text), a folder with only spof.json (its sections, and a note
 * for the absent ones), reroute.json and compare.json in their schemas, a result file that is not
 * JSON (file:line:col), a sub-folder and the page above it, the label placer, and the budget
 * chart's y-axis.
 */
#include "report/html.h"
#include "support_files.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EVIL "<script>alert(1)</script>"

static char *esc(const char *s)
{
    omv__buf b;
    omv__buf_init(&b);
    omv__html_esc(&b, s);
    return omv__buf_take(&b);
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s missing", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A spof.json of two failures; the worst cuts off a site whose name is a script. */
static const char SPOF[] =
    "{\"schema\":\"omvei/spof/1\",\"parameters\":{\"region\":\"north-of-trondheim\"},"
    "\"summary\":{\"sites_in_region\":3,\"population_in_region\":12345,\"bridges\":1,\"articulation_points\":1,"
    "\"srlg_cuts\":0,\"cut_pairs\":0,\"sites_by_lambda\":{\"0\":0,\"1\":2,\"2\":1,\"3+\":0},"
    "\"population_by_lambda\":{\"0\":0,\"1\":2345,\"2\":10000,\"3+\":0}},"
    "\"items\":[{\"rank\":1,\"kind\":\"bridge\",\"links\":[\"L1\"],\"nodes\":[],\"srlg\":null,"
    "\"label\":\"Bod\\u00f8\\u2013" EVIL "\",\"isolated_sites\":2,\"isolated_population\":2345,\"isolated\":[\"X\",\"Y\"]},"
    "{\"rank\":2,\"kind\":\"articulation_point\",\"links\":[],\"nodes\":[\"Y\"],\"srlg\":null,\"label\":\"Y\","
    "\"isolated_sites\":1,\"isolated_population\":345,\"isolated\":[\"X\"]}],\"outages\":[]}\n";

/* map.geojson: a core, two sites (one named EVIL), two links. */
static const char MAP[] =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[10.75,59.91]},\"properties\":"
    "{\"id\":\"OSL\",\"name\":\"Oslo\",\"kind\":\"core\",\"role\":\"core\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[14.4,67.28]},\"properties\":"
    "{\"id\":\"X\",\"name\":\"" EVIL "\",\"kind\":\"site\",\"population\":2000,\"lambda\":1,\"role\":\"site\","
    "\"in_region\":true}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[15.4,68.0]},\"properties\":"
    "{\"id\":\"Y\",\"name\":\"Why\",\"kind\":\"site\",\"population\":345,\"lambda\":1,\"role\":\"site\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[10.75,59.91],[15.4,68.0]]},"
    "\"properties\":{\"id\":\"L1\",\"a\":\"OSL\",\"b\":\"Y\",\"role\":\"bridge\",\"impact_population\":2345}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[15.4,68.0],[14.4,67.28]]},"
    "\"properties\":{\"id\":\"L2\",\"a\":\"Y\",\"b\":\"X\",\"role\":\"bridge\",\"impact_population\":2000}}]}\n";

START_TEST(escaping)
{
    char *s = esc(EVIL);
    ck_assert_str_eq(s, "&lt;script&gt;alert(1)&lt;/script&gt;");
    free(s);
    s = esc("a&b \"q\" 'r' Bod\xC3\xB8\x01");
    ck_assert_str_eq(s, "a&amp;b &quot;q&quot; &#39;r&#39; Bod\xC3\xB8");
    free(s);
    /* invalid UTF-8 (a lone continuation byte, an overlong '<') cannot smuggle a tag */
    s = esc("x\x80y\xC0\xBCz");
    ck_assert_ptr_null(strchr(s, '<'));
    ck_assert_ptr_nonnull(strstr(s, "\xEF\xBF\xBD"));
    free(s);
    s = esc(NULL);
    ck_assert_str_eq(s, "");
    free(s);
    omv__buf b;
    omv__buf_init(&b);
    omv__html_esc_cut(&b, "\xC3\xA6\xC3\xB8\xC3\xA5xyz", 3);
    s = omv__buf_take(&b);
    ck_assert_str_eq(s, "\xC3\xA6\xC3\xB8\xC3\xA5\xE2\x80\xA6");
    free(s);
    omv__buf_init(&b);
    omv__html_int(&b, 1234567);
    omv__buf_puts(&b, " ");
    omv__html_money(&b, 1402480000);
    omv__buf_puts(&b, " ");
    omv__html_money(&b, 45730000);
    omv__buf_puts(&b, " ");
    omv__html_money(&b, 460000);
    s = omv__buf_take(&b);
    ck_assert_str_eq(s, "1,234,567 1.40 bn NOK 45.7 MNOK 460,000 NOK");
    free(s);
}
END_TEST

START_TEST(only_spof)
{
    char *dir = omv_test_tmpdir("report-spof");
    put(dir, "spof.json", SPOF);
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_msg(omv_report_html(ctx, dir) == 0, "%s", omv_ctx_errmsg(ctx));
    char *html = slurp(dir, "report.html");
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"spof\">"));
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"summary\">"));
    ck_assert_ptr_null(strstr(html, "<section id=\"plan\">"));
    ck_assert_ptr_null(strstr(html, "<section id=\"reroute\">"));
    ck_assert_ptr_null(strstr(html, "<svg")); /* no map.geojson: no map */
    ck_assert_ptr_nonnull(strstr(html, "Not in this folder, so left out: investments (omvei plan) (plan.json)"));
    /* the script in the label is text; the page's only script element is its own */
    ck_assert_ptr_nonnull(strstr(html, "Bod\xC3\xB8\xE2\x80\x93&lt;script&gt;alert(1)&lt;/script&gt;"));
    ck_assert_ptr_null(strstr(html, EVIL));
    ck_assert_uint_eq(count(html, "<script"), 1);
    /* the ranked table: both failures, worst first, numbers with separators */
    char *r1 = strstr(html, "2,345"), *r2 = strstr(html, "<td class=\"n\">345</td>");
    ck_assert_ptr_nonnull(r1);
    ck_assert_ptr_nonnull(r2);
    ck_assert_ptr_nonnull(strstr(html, "<b>2 sites</b> (2,345 residents) have a single path"));
    /* self-contained: no address outside the page */
    ck_assert_ptr_null(strstr(html, "src=\""));
    ck_assert_ptr_null(strstr(html, "href=\"http"));
    ck_assert_ptr_nonnull(strstr(html, "default-src 'none'"));
    free(html);

    /* With the map: the node named as a script is escaped in the SVG too. */
    put(dir, "map.geojson", MAP);
    ck_assert_int_eq(omv_report_html(ctx, dir), 0);
    html = slurp(dir, "report.html");
    ck_assert_ptr_nonnull(strstr(html, "<svg"));
    ck_assert_ptr_nonnull(strstr(html, "id=\"map-network\""));
    ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; (X, site"));
    ck_assert_ptr_null(strstr(html, EVIL));
    ck_assert_uint_eq(count(html, "<script"), 1);
    ck_assert_uint_ge(count(html, "<path d=\"M"), 2); /* the two links */
    free(html);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(reroute_and_compare)
{
    char *dir = omv_test_tmpdir("report-rc");
    put(dir, "reroute.json",
        "{\"schema\":\"omvei/reroute/1\",\"demand_total_gbps\":120.5,\"intact\":{\"unserved_gbps\":0,"
        "\"max_utilisation\":0.42},\"scenarios\":["
        "{\"index\":0,\"kind\":\"link\",\"failed\":[\"L1\"],\"unserved_gbps\":0,\"lost_with_node_gbps\":0,"
        "\"max_utilisation\":0.9,\"overloaded_links\":[],\"unserved\":[]},"
        "{\"index\":1,\"kind\":\"link\",\"failed\":[\"L2\"],\"unserved_gbps\":12.5,\"lost_with_node_gbps\":0,"
        "\"max_utilisation\":1.3,\"overloaded_links\":[\"L7\"],\"unserved\":[{\"src\":\"A\",\"dst\":\"B\",\"gbps\":12.5}]}],"
        "\"links\":[{\"id\":\"L7\",\"capacity_gbps\":100,\"gbps_intact\":40,\"utilisation_intact\":0.4,"
        "\"worst_failure\":1,\"utilisation_worst\":1.3,\"gbps_worst\":130}]}\n");
    put(dir, "compare.json",
        "{\"schema\":\"omvei/compare/1\",\"baseline\":{\"protected_sites\":70,\"protected_residents\":540000},"
        "\"proposals\":[{\"name\":\"fibre " EVIL "\",\"cost_nok\":250000000,\"protected_sites\":80,"
        "\"protected_residents\":569000,\"added_residents\":29000,\"nok_per_added_resident\":8620.69,"
        "\"failures_removed\":9,\"failures_left\":6,\"idle_investments\":[\"C9\"],\"optimal_at_same_cost\":570628},"
        "{\"name\":\"satellite\",\"cost_nok\":3000000,\"protected_sites\":74,\"protected_residents\":543000,"
        "\"added_residents\":3000,\"nok_per_added_resident\":1000,\"failures_removed\":0,\"failures_left\":15,"
        "\"idle_investments\":[],\"optimal_at_same_cost\":545000}]}\n");
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_msg(omv_report_html(ctx, dir) == 0, "%s", omv_ctx_errmsg(ctx));
    char *html = slurp(dir, "report.html");
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"reroute\">"));
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"compare\">"));
    /* the worst scenario (12.5 Gbps unserved) comes first, before the one that serves everything */
    char *w = strstr(html, "<td class=\"n\">12.5</td>"), *z = strstr(html, "<td class=\"n\">0.0</td>");
    ck_assert_ptr_nonnull(w);
    ck_assert_ptr_nonnull(z);
    ck_assert(w < z);
    ck_assert_ptr_nonnull(strstr(html, "130 %"));
    ck_assert_ptr_nonnull(strstr(html, "A\xE2\x86\x92" "B 12.5"));
    ck_assert_ptr_nonnull(strstr(html, "leaves <b>12.5 Gbps</b> unserved"));
    /* proposals side by side: both names as column headings, the proposal's script escaped */
    ck_assert_ptr_nonnull(strstr(html, "<th class=\"n\">fibre &lt;script&gt;alert(1)&lt;/script&gt;</th>"));
    ck_assert_ptr_nonnull(strstr(html, "<th class=\"n\">satellite</th>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">250 MNOK</td><td class=\"n\">3.0 MNOK</td>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">29,000</td><td class=\"n\">3,000</td>"));
    ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">570,628</td><td class=\"n\">545,000</td>"));
    ck_assert_ptr_null(strstr(html, EVIL));
    free(html);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(bad_json)
{
    char *dir = omv_test_tmpdir("report-bad");
    put(dir, "plan.json", "{\"schema\": \"omvei/plan/1\",\n  \"mode\": }\n");
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_int_eq(omv_report_html(ctx, dir), OMV_EDATA);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "plan.json:2:"));
    char path[1024];
    snprintf(path, sizeof(path), "%s/report.html", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_null(f); /* nothing half-written */
    ck_assert_int_eq(omv_report_html(ctx, "/nonexistent/omvei-report"), OMV_EARG);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

/* A sub-folder shows on the page above it, and a run into it refreshes that page. */
START_TEST(sub_folder)
{
    char *dir = omv_test_tmpdir("report-sub");
    char sub[1024];
    snprintf(sub, sizeof(sub), "%s/domestic", dir);
    ck_assert_int_eq(mkdir(sub, 0777), 0);
    put(dir, "manifest.json", "{\"schema\":\"omvei/manifest/1\",\"runs\":[]}\n");
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_int_eq(omv_report_html(ctx, dir), 0);
    char *html = slurp(dir, "report.html");
    ck_assert_ptr_null(strstr(html, "id=\"domestic-summary\""));
    free(html);
    put(sub, "spof.json", SPOF);
    ck_assert_int_eq(omv_report_html(ctx, sub), 0);
    html = slurp(sub, "report.html");
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"spof\">"));
    free(html);
    html = slurp(dir, "report.html"); /* refreshed by the run into domestic/ */
    ck_assert_ptr_nonnull(strstr(html, "<section id=\"domestic-spof\">"));
    ck_assert_ptr_nonnull(strstr(html, "<a href=\"#domestic-summary\">domestic/</a>"));
    free(html);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(labels)
{
    omv__labels L;
    omv__labels_init(&L, 200, 100);
    double x1, y1, x2, y2;
    const char *a1, *a2;
    ck_assert(omv__labels_place(&L, 100, 50, 5, 10, 10, &x1, &y1, &a1));
    ck_assert_str_eq(a1, "start"); /* first choice: to the right */
    ck_assert(omv__labels_place(&L, 100, 50, 5, 10, 10, &x2, &y2, &a2));
    ck_assert_str_eq(a2, "end"); /* the same point again: to the left */
    /* the two placed boxes do not overlap */
    ck_assert(L.n == 2);
    ck_assert(L.box[0].x0 >= L.box[1].x1 || L.box[1].x0 >= L.box[0].x1 || L.box[0].y0 >= L.box[1].y1 ||
              L.box[1].y0 >= L.box[0].y1);
    /* nowhere left: dropped */
    omv__labels_block(&L, 0, 0, 200, 100);
    ck_assert(!omv__labels_place(&L, 100, 50, 5, 10, 10, &x1, &y1, &a1));
    omv__labels_free(&L);
}
END_TEST

START_TEST(chart_axis)
{
    /* the main job's sweep: 541,720 to 570,646 residents */
    omv__chart_pt P[] = {{0, 541720, 0, 1},         {45.73, 569628, 50, 1},   {52.52, 570628, 100, 1},
                         {52.52, 570628, 200, 0},   {1402.48, 570646, 1600, 1}, {1402.48, 570646, 2400, 0}};
    omv__buf b;
    omv__buf_init(&b);
    omv__sweep_chart(&b, P, sizeof(P) / sizeof(P[0]), 595669);
    char *svg = omv__buf_take(&b);
    /* the y-axis starts below the data at a round value, not at 0 */
    ck_assert_ptr_nonnull(strstr(svg, "(axis from 520,000)"));
    ck_assert_ptr_null(strstr(svg, "text-anchor=\"end\">0</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">540,000</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">600,000</text>"));
    /* costs over a factor 30: logarithmic x-axis, ending at 2 bn */
    ck_assert_ptr_nonnull(strstr(svg, "logarithmic"));
    ck_assert_ptr_nonnull(strstr(svg, ">2 bn</text>"));
    /* every Pareto point labelled */
    ck_assert_uint_eq(count(svg, "\">budget "), 4);
    free(svg);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("report_html");
    TCase *tc = tcase_create("html");
    tcase_add_test(tc, escaping);
    tcase_add_test(tc, only_spof);
    tcase_add_test(tc, reroute_and_compare);
    tcase_add_test(tc, bad_json);
    tcase_add_test(tc, sub_folder);
    tcase_add_test(tc, labels);
    tcase_add_test(tc, chart_axis);
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
