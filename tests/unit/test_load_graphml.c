/*
 * test_load_graphml.c — the GraphML loader and writer: Topology Zoo conventions (ids, labels,
 * coordinates, country names, parallel edges, default edge ids), contract keys, defaults, candidates
 * and reserve-power edges, errors placed at file:line:col, refusal of DTDs and entities, libxml2
 * staying silent, and the write -> read round trip through the public API.
 */
#include "topo/build.h"

#include "support_files.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA OMV_TEST_DATA "/graphml/"

/* ---- helpers -------------------------------------------------------------------------------- */

static omv_net *load_ok(omv_ctx *ctx, const char *path)
{
    const char *paths[] = {path};
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, paths, 1);
    ck_assert_msg(rc == 0, "loading %s failed: %s", path, omv_ctx_errmsg(ctx));
    ck_assert_ptr_nonnull(net);
    return net;
}

/* Writes text to dir/name, loads it, and checks that loading fails with a message that holds
 * "dir/name" + where_and_what (":line:col: message"). */
static void expect_error(const char *dir, const char *name, const char *text, const char *where_and_what)
{
    char *path = omv__path_join(dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    omv_ctx *ctx = omv_ctx_new();
    const char *paths[] = {path};
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, paths, 1);
    ck_assert_int_eq(rc, OMV_EDATA);
    ck_assert_ptr_null(net);
    char want[2048];
    snprintf(want, sizeof(want), "%s%s", path, where_and_what);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), want) != NULL, "expected '%s' in '%s'", want,
                  omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
    free(path);
}

static int has_col(const char *const *cols, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cols[i], name))
            return 1;
    return 0;
}

static char *slurp(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    omv_ctx *ctx = omv_ctx_new();
    ck_assert_msg(omv__read_file(ctx, path, &data, &len) == 0, "%s", omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
    return data;
}

/* Every node and link cell, every extra attribute and every demand of a and b are equal. */
static void assert_same_network(const omv_net *a, const omv_net *b)
{
    char ca[OMV__CELL_BUF], cb[OMV__CELL_BUF];
    ck_assert_uint_eq(omv_net_node_count(a), omv_net_node_count(b));
    ck_assert_uint_eq(omv_net_link_count(a), omv_net_link_count(b));
    ck_assert_uint_eq(omv_net_demand_count(a), omv_net_demand_count(b));
    ck_assert_uint_eq(omv_net_srlg_count(a), omv_net_srlg_count(b));
    ck_assert_uint_eq(a->nnode_attr_cols, b->nnode_attr_cols);
    ck_assert_uint_eq(a->nlink_attr_cols, b->nlink_attr_cols);
    for (size_t c = 0; c < a->nnode_attr_cols; c++)
        ck_assert_str_eq(a->node_attr_cols[c], b->node_attr_cols[c]);
    for (size_t c = 0; c < a->nlink_attr_cols; c++)
        ck_assert_str_eq(a->link_attr_cols[c], b->link_attr_cols[c]);
    for (size_t i = 0; i < a->nnodes; i++) {
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            ck_assert_str_eq(omv__node_cell(a, i, c, ca, sizeof(ca)), omv__node_cell(b, i, c, cb, sizeof(cb)));
        for (size_t c = 0; c < a->nnode_attr_cols; c++) {
            const char *va = omv__attrs_get(omv__node_attrs(&a->nodes[i]), a->node_attr_cols[c]);
            const char *vb = omv__attrs_get(omv__node_attrs(&b->nodes[i]), a->node_attr_cols[c]);
            ck_assert_str_eq(va ? va : "(none)", vb ? vb : "(none)");
        }
    }
    for (size_t i = 0; i < a->nlinks; i++) {
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
            ck_assert_str_eq(omv__link_cell(a, i, c, ca, sizeof(ca)), omv__link_cell(b, i, c, cb, sizeof(cb)));
        ck_assert(isnan(a->links[i].length_km) ? isnan(b->links[i].length_km)
                                               : a->links[i].length_km == b->links[i].length_km);
        for (size_t c = 0; c < a->nlink_attr_cols; c++) {
            const char *va = omv__attrs_get(omv__link_attrs(&a->links[i]), a->link_attr_cols[c]);
            const char *vb = omv__attrs_get(omv__link_attrs(&b->links[i]), a->link_attr_cols[c]);
            ck_assert_str_eq(va ? va : "(none)", vb ? vb : "(none)");
        }
    }
}

static char *check_json(omv_ctx *ctx, const omv_net *net)
{
    omv_check *chk = NULL;
    char *json = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    ck_assert_int_eq(omv_check_json(&json, ctx, chk), 0);
    omv_check_free(chk);
    return json;
}

/* ---- Topology Zoo conventions --------------------------------------------------------------- */

START_TEST(zoo_nodes)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "zoo_nordic.graphml");
    ck_assert_uint_eq(omv_net_node_count(net), 7);
    /* Ids are the GraphML ids; labels give names and repeat (two "Stockholm"). */
    long oslo = omv_test_node(net, "0");
    ck_assert_str_eq(omv_net_node_name(net, (size_t)oslo), "Oslo");
    ck_assert_double_eq(omv_net_node_lat(net, (size_t)oslo), 59.9139);
    ck_assert_double_eq(omv_net_node_lon(net, (size_t)oslo), 10.7522);
    ck_assert_str_eq(omv_net_node_country(net, (size_t)oslo), "NO");
    ck_assert_str_eq(omv_net_node_name(net, (size_t)omv_test_node(net, "1")), "Stockholm");
    ck_assert_str_eq(omv_net_node_name(net, (size_t)omv_test_node(net, "3")), "Stockholm");
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_test_node(net, "1")), "SE");
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_test_node(net, "2")), "FI");
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_test_node(net, "5")), "FO");
    ck_assert_double_eq(omv_net_node_lon(net, (size_t)omv_test_node(net, "5")), -6.7909);
    /* A node without coordinates has no position and no country. */
    long peer = omv_test_node(net, "4");
    ck_assert(isnan(omv_net_node_lat(net, (size_t)peer)) && isnan(omv_net_node_lon(net, (size_t)peer)));
    ck_assert_str_eq(omv_net_node_country(net, (size_t)peer), "");
    /* An unknown country name leaves the country empty and is kept as country_name. */
    ck_assert_str_eq(omv_net_node_country(net, (size_t)omv_test_node(net, "6")), "");
    ck_assert_str_eq(omv_test_node_attr(net, "6", "country_name"), "Atlantis");
    ck_assert_ptr_null(omv_test_node_attr(net, "0", "country_name"));
    /* Other keys are kept under their attr.name; graph keys are not node attributes. */
    ck_assert_str_eq(omv_test_node_attr(net, "0", "Internal"), "1");
    ck_assert_str_eq(omv_test_node_attr(net, "4", "Internal"), "0");
    ck_assert(has_col(net->node_attr_cols, net->nnode_attr_cols, "Internal"));
    ck_assert(!has_col(net->node_attr_cols, net->nnode_attr_cols, "Network"));
    /* The Zoo's "id" key repeats the node id: no column is left behind for it. */
    ck_assert(!has_col(net->node_attr_cols, net->nnode_attr_cols, "data_id"));
    ck_assert(!has_col(net->node_attr_cols, net->nnode_attr_cols, "id"));
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 0);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

START_TEST(zoo_edges)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "zoo_nordic.graphml");
    ck_assert_uint_eq(omv_net_link_count(net), 7);
    /* Edges without an id are e<index> in file order; the parallel pair stays two links. */
    static const char *const ends[7][2] = {{"0", "1"}, {"0", "1"}, {"1", "2"}, {"1", "3"},
                                           {"3", "4"}, {"0", "5"}, {"5", "6"}};
    for (size_t i = 0; i < 7; i++) {
        char id[8];
        snprintf(id, sizeof(id), "e%zu", i);
        ck_assert_str_eq(omv_net_link_id(net, i), id);
        ck_assert_str_eq(omv_net_node_id(net, (size_t)omv_net_link_a(net, i)), ends[i][0]);
        ck_assert_str_eq(omv_net_node_id(net, (size_t)omv_net_link_b(net, i)), ends[i][1]);
        ck_assert_int_eq(omv_net_link_status(net, i), OMV_STATUS_EXISTING);
        ck_assert_int_eq(omv_net_link_medium(net, i), OMV_MEDIUM_FIBER);
    }
    ck_assert_str_eq(omv_test_link_attr(net, "e0", "LinkLabel"), "10G");
    ck_assert_str_eq(omv_test_link_attr(net, "e1", "LinkLabel"), "10G");
    /* A Zoo "id" key that differs from the edge's own id is kept, under data_id. */
    ck_assert_str_eq(omv_test_link_attr(net, "e2", "data_id"), "e17");
    ck_assert_ptr_null(omv_test_link_attr(net, "e3", "data_id"));
    /* Lengths come from the positions; an end without a position leaves the length unknown. */
    double km = omv__geodesic_km(59.9139, 10.7522, 59.3293, 18.0686) * omv__route_factor(OMV_MEDIUM_FIBER);
    ck_assert_double_eq_tol(omv_net_link_length_km(net, 0), km, 1e-9);
    ck_assert(km > 400);
    ck_assert(isnan(omv_net_link_length_km(net, (size_t)omv_test_link(net, "e4"))));
    omv_check *chk = NULL;
    ck_assert_int_eq(omv_check_run(&chk, ctx, net), 0);
    ck_assert_uint_eq(omv_check_component_count(chk), 1);
    omv_check_free(chk);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* ---- contract keys, defaults, candidates ---------------------------------------------------- */

START_TEST(features)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "features.graphml");
    ck_assert_uint_eq(omv_net_node_count(net), 4);
    ck_assert_uint_eq(omv_net_link_count(net), 5);
    long osl = omv_test_node(net, "OSL"), trd = omv_test_node(net, "TRD"), bod = omv_test_node(net, "BOD"),
         sat = omv_test_node(net, "SAT");
    ck_assert_int_eq(omv_net_node_kind(net, (size_t)osl), OMV_KIND_CORE);
    ck_assert_int_eq(omv_net_node_kind(net, (size_t)trd), OMV_KIND_SITE); /* <default> */
    ck_assert_int_eq(omv_net_node_kind(net, (size_t)sat), OMV_KIND_SATELLITE_GATEWAY);
    ck_assert_int_eq(omv_net_node_population(net, (size_t)osl), 709000);
    ck_assert_int_eq(omv_net_node_population(net, (size_t)trd), 1000); /* default over two lines */
    ck_assert_int_eq(omv_net_node_population(net, (size_t)sat), 0);
    ck_assert_str_eq(omv_net_node_name(net, (size_t)osl), "Oslo & omegn");
    ck_assert_str_eq(omv_net_node_name(net, (size_t)trd), "Trondheim <S\xc3\xb8r-Tr\xc3\xb8ndelag>");
    /* yEd graphics (a key without attr.name) are skipped; the node gets its id as name. */
    ck_assert_str_eq(omv_net_node_name(net, (size_t)bod), "BOD");
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[bod]));
    /* A key for="all" named like a link column feeds it on edges and is an attribute on nodes. */
    ck_assert_str_eq(omv_test_node_attr(net, "TRD", "operator"), "kept as an extra node attribute");
    char cell[OMV__CELL_BUF];
    long l1 = omv_test_link(net, "L1"), l2 = omv_test_link(net, "L2"), c1 = omv_test_link(net, "C1"), p1 = omv_test_link(net, "P1");
    ck_assert_str_eq(omv__link_cell(net, (size_t)l1, 6, cell, sizeof(cell)), "Telenor");
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)l1), OMV_MEDIUM_FIBER); /* <default> */
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)l2), OMV_MEDIUM_MICROWAVE);
    ck_assert_int_eq(omv_net_link_status(net, (size_t)l1), OMV_STATUS_EXISTING);
    ck_assert_int_eq(omv_net_link_status(net, (size_t)c1), OMV_STATUS_CANDIDATE);
    ck_assert_double_eq(omv_net_link_cost_nok(net, (size_t)c1), 120000000.0);
    /* A power edge from a site to itself is a reserve-power upgrade: no b. */
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)p1), OMV_MEDIUM_POWER);
    ck_assert_int_eq(omv_net_link_status(net, (size_t)p1), OMV_STATUS_CANDIDATE);
    ck_assert_int_eq(omv_net_link_a(net, (size_t)p1), bod);
    ck_assert_int_eq(omv_net_link_b(net, (size_t)p1), -1);
    ck_assert_double_eq(omv__link_power(&net->links[p1]), 72.0);
    /* The fifth edge has no id: e4, counted over all edges. */
    long e4 = omv_test_link(net, "e4");
    ck_assert_int_eq(e4, 4);
    ck_assert_int_eq(omv_net_link_medium(net, (size_t)e4), OMV_MEDIUM_SATELLITE);
    ck_assert_int_eq(omv_net_link_b(net, (size_t)e4), sat);
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 0);
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* A contract key wins over the Zoo name of the same column, which is then kept as an attribute. */
START_TEST(contract_key_beats_zoo_name)
{
    char *dir = omv_test_tmpdir("graphml");
    char *path = omv__path_join(dir, "both.graphml");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "<key id=\"a\" for=\"node\" attr.name=\"Latitude\"/><key id=\"b\" for=\"node\" attr.name=\"lat\"/>\n"
        "<key id=\"c\" for=\"node\" attr.name=\"lon\"/><key id=\"d\" for=\"node\" attr.name=\"Country\"/>\n"
        "<graph><node id=\"x\"><data key=\"a\">1.5</data><data key=\"b\">60.5</data><data key=\"c\">5.25</data>"
        "<data key=\"d\">no</data></node>\n"
        "<node id=\"y\"><data key=\"b\">61</data><data key=\"c\">6</data><data key=\"d\">Danmark</data></node>"
        "<edge source=\"x\" target=\"y\"/></graph></graphml>\n",
        f);
    fclose(f);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert_double_eq(omv_net_node_lat(net, 0), 60.5);
    ck_assert_str_eq(omv_test_node_attr(net, "x", "Latitude"), "1.5");
    /* A two-letter country passes as a code (upper-cased by the builder). */
    ck_assert_str_eq(omv_net_node_country(net, 0), "NO");
    ck_assert_str_eq(omv_net_node_country(net, 1), "");
    ck_assert_str_eq(omv_test_node_attr(net, "y", "country_name"), "Danmark");
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(path);
    free(dir);
}
END_TEST

/* ---- errors at file:line:col ---------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
#define KEYS                                                                                                   \
    "  <key id=\"la\" for=\"node\" attr.name=\"Latitude\"/>\n  <key id=\"lo\" for=\"node\" "                   \
    "attr.name=\"Longitude\"/>\n"

START_TEST(errors_structure)
{
    char *d = omv_test_tmpdir("graphml");
    /* libxml2's own errors, and truncation named as such. */
    expect_error(d, "mal.graphml", HEAD "<graph><node id=\"a\"></nod></graph></graphml>\n",
                 ":3:27: malformed XML: Opening and ending tag mismatch");
    expect_error(
        d, "cut.graphml", HEAD "<graph>\n<node id=\"a\"/>\n<node id=\"b",
        ":5:12: unexpected end of file: the document is cut short (<graphml> opened at line 2 is never "
        "closed)");
    expect_error(d, "empty.graphml", "\n  \n", ":1:1: empty file");
    expect_error(d, "root.graphml", "<?xml version=\"1.0\"?>\n  <network/>\n",
                 ":2:3: not a GraphML file: the root element is <network>");
    expect_error(d, "nograph.graphml", HEAD "</graphml>\n", ":1:1: no <graph> element");
    expect_error(d, "two.graphml", HEAD "<graph/>\n <graph/></graphml>\n", ":4:2: a second <graph>");
    expect_error(d, "nested.graphml", HEAD "<graph><node id=\"a\">\n   <graph/></node></graph></graphml>\n",
                 ":4:4: nested graphs");
    expect_error(d, "hyper.graphml", HEAD "<graph><hyperedge/></graph></graphml>\n",
                 ":3:8: hyperedges are not supported");
    expect_error(d, "latekey.graphml", HEAD "<graph/><key id=\"k\"/></graphml>\n", ":3:9: <key> after <graph>");
    expect_error(d, "noid.graphml", HEAD "<graph><node/></graph></graphml>\n",
                 ":3:8: <node> without the attribute 'id'");
    expect_error(d, "notarget.graphml", HEAD "<graph><node id=\"a\"/><edge source=\"a\"/></graph></graphml>\n",
                 ":3:22: <edge> without the attribute 'target'");
    expect_error(d, "outside.graphml", HEAD "<node id=\"a\"/><graph/></graphml>\n",
                 ":3:1: <node> outside a <graph>");
    expect_error(d, "dupkey.graphml", HEAD "<key id=\"k\"/>\n<key id=\"k\"/><graph/></graphml>\n",
                 ":4:10: duplicate key id 'k'");
    expect_error(d, "undeclared.graphml",
                 HEAD "<graph><node id=\"a\"><data key=\"zz\">1</data></node></graph></graphml>\n",
                 ":3:32: <data> refers to undeclared key 'zz'");
    expect_error(d, "wrongfor.graphml",
                 HEAD "<key id=\"w\" for=\"edge\" attr.name=\"medium\"/><graph><node id=\"a\">"
                      "<data key=\"w\">x</data></node></graph></graphml>\n",
                 ":3:75: key 'w' is not declared for nodes");
    expect_error(d, "twice.graphml",
                 HEAD KEYS
                 "<graph><node id=\"a\">\n<data key=\"la\">1</data>\n<data key=\"la\">2</data></node></graph>"
                 "</graphml>\n",
                 ":7:12: this node already has a value for key 'la' (line 6)");
    expect_error(d, "samecol.graphml",
                 HEAD "<key id=\"a\" for=\"node\" attr.name=\"lat\"/>\n"
                      "  <key id=\"b\" for=\"node\" attr.name=\" LAT\"/><graph/></graphml>\n",
                 ":4:12: key 'b' feeds column 'lat' of the nodes, like key 'a' at line 3");
    omv_test_rmtree(d);
    free(d);
}
END_TEST

START_TEST(errors_values)
{
    char *d = omv_test_tmpdir("graphml");
    /* A value on its own line is reported at that line, not at its node's. */
    expect_error(d, "lat.graphml",
                 HEAD KEYS "  <graph>\n    <node id=\"a\">\n      <data key=\"la\">91.5</data>\n"
                           "      <data key=\"lo\">10</data>\n    </node>\n  </graph>\n</graphml>\n",
                 ":7:22: ");
    expect_error(d, "nan.graphml",
                 HEAD KEYS
                 "  <graph>\n    <node id=\"a\">\n      <data key=\"lo\">10</data>\n"
                 "      <data key=\"la\">\n        sixty</data>\n    </node>\n  </graph>\n</graphml>\n",
                 ":9:9: lat 'sixty' is not a number");
    /* Compact markup: every value on one line, each at its own column. */
    expect_error(d, "compact.graphml",
                 "<graphml><key id=\"la\" for=\"node\" attr.name=\"Latitude\"/><key id=\"lo\" for=\"node\" "
                 "attr.name=\"Longitude\"/><graph><node id=\"a\"><data key=\"la\">60</data><data key=\"lo\">"
                 "200</data></node></graph></graphml>",
                 ":1:162: lon 200 is out of range");
    expect_error(d, "unknown.graphml",
                 HEAD
                 "  <graph>\n    <node id=\"a\"/>\n    <edge id=\"x\"\n          source=\"a\" target=\"b\"/>\n"
                 "  </graph>\n</graphml>\n",
                 ":6:30: unknown node 'b' in column b");
    expect_error(d, "dup.graphml",
                 HEAD
                 "  <graph>\n    <node id=\"a\"/>\n    <node id=\"b\"/>\n    <node  id=\"a\"/>\n  </graph>\n"
                 "</graphml>\n",
                 ":6:16: duplicate node id 'a' (first defined at ");
    expect_error(d, "loop.graphml",
                 HEAD
                 "  <graph>\n    <node id=\"a\"/>\n    <edge id=\"L\" source=\"a\" target=\"a\"/>\n  </graph>\n"
                 "</graphml>\n",
                 ":5:37: self-loop: link 'L' has both ends at node 'a'");
    expect_error(
        d, "cand.graphml",
        HEAD
        "<key id=\"s\" for=\"edge\" attr.name=\"status\"/>\n  <graph>\n    <node id=\"a\"/><node id=\"b\"/>"
        "\n    <edge id=\"C\" source=\"a\" target=\"b\"><data key=\"s\">candidate</data></edge>\n"
        "  </graph>\n</graphml>\n",
        ":6:5: candidate 'C' has no cost_nok");
    /* An explicit id may collide with a later default one. */
    expect_error(
        d, "eid.graphml",
        HEAD
        "  <graph>\n    <node id=\"a\"/><node id=\"b\"/>\n    <edge id=\"e1\" source=\"a\" target=\"b\"/>\n"
        "    <edge source=\"a\" target=\"b\"/>\n  </graph>\n</graphml>\n",
        ":6:5: duplicate link id 'e1' (first defined at ");
    omv_test_rmtree(d);
    free(d);
}
END_TEST

/* A DOCTYPE is refused before libxml2 reads it: the entity bomb in the fixture never expands. */
START_TEST(entities_refused)
{
    omv_ctx *ctx = omv_ctx_new();
    const char *paths[] = {DATA "entities.graphml"};
    omv_net *net = NULL;
    ck_assert_int_eq(omv_net_load(&net, ctx, paths, 1), OMV_EDATA);
    ck_assert_ptr_null(net);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), "entities.graphml:2:1: DOCTYPE declarations are not accepted"),
                  "%s", omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
    /* An entity used without a declaration is an XML error, not an expansion. */
    char *d = omv_test_tmpdir("graphml");
    expect_error(d, "ent.graphml",
                 HEAD "<key id=\"l\" for=\"node\" attr.name=\"label\"/>\n<graph><node id=\"a\"><data key=\"l\">"
                      "&bomb;</data></node></graph></graphml>\n",
                 ":4:41: malformed XML: Entity 'bomb' not defined");
    omv_test_rmtree(d);
    free(d);
}
END_TEST

/* libxml2 reports through the loader only: nothing reaches stderr. */
START_TEST(libxml2_silent)
{
    char *d = omv_test_tmpdir("graphml");
    char *errpath = omv__path_join(d, "stderr.txt");
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    expect_error(d, "a.graphml", HEAD "<graph><node id=\"a\"></graph></graphml>\n", ":3:");
    expect_error(d, "b.graphml", HEAD "<graph><node id=\"a\" id=\"b\"/></graph></graphml>\n", ":3:");
    expect_error(d, "c.graphml", "\x01\x02garbage<<<", ":1:");
    expect_error(d, "d.graphml", HEAD "<graph xmlns:q=\"\"><q:x/></graph></graphml>\n", ":3:");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat st;
    ck_assert_int_eq(stat(errpath, &st), 0);
    ck_assert_int_eq((int)st.st_size, 0);
    omv_test_rmtree(d);
    free(errpath);
    free(d);
}
END_TEST

/* ---- writer --------------------------------------------------------------------------------- */

/* CSV -> GraphML -> network: every cell, attribute, length and the check summary survive; written
 * back as CSV the files are byte for byte those written from the original. */
START_TEST(round_trip_csv)
{
    char *d = omv_test_tmpdir("graphml");
    char *gml = omv__path_join(d, "net.graphml"), *csv1 = omv__path_join(d, "from_csv"),
         *csv2 = omv__path_join(d, "from_graphml");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, DATA "roundtrip");
    ck_assert_uint_eq(omv_net_node_count(a), 6);
    ck_assert_uint_eq(omv_net_link_count(a), 9);
    ck_assert_int_eq(omv_net_write(a, ctx, gml), 0);
    omv_net *b = load_ok(ctx, gml);
    assert_same_network(a, b);
    ck_assert_uint_eq(omv_ctx_warning_count(ctx), 0);
    char *ja = check_json(ctx, a), *jb = check_json(ctx, b);
    ck_assert_str_eq(ja, jb);
    ck_assert_int_eq(omv_net_write(a, ctx, csv1), 0);
    ck_assert_int_eq(omv_net_write(b, ctx, csv2), 0);
    static const char *const files[] = {"nodes.csv", "links.csv", "candidates.csv"};
    for (size_t i = 0; i < 3; i++) {
        char *p1 = omv__path_join(csv1, files[i]), *p2 = omv__path_join(csv2, files[i]);
        char *t1 = slurp(p1), *t2 = slurp(p2);
        ck_assert_str_eq(t1, t2);
        free(t1);
        free(t2);
        free(p1);
        free(p2);
    }
    /* Markup in values is escaped; the reserve-power candidate is an edge from its site to itself. */
    char *text = slurp(gml);
    ck_assert_ptr_nonnull(strstr(text, ">Statnett &amp; Co</data>"));
    ck_assert_ptr_nonnull(strstr(text, ">&lt;main&gt; hub</data>"));
    ck_assert_ptr_nonnull(strstr(text, "<edge id=\"C3\" source=\"TOS\" target=\"TOS\">"));
    ck_assert_ptr_nonnull(strstr(text, "attr.name=\"population\" attr.type=\"long\""));
    /* Written through a temporary name: nothing else is left in the folder. */
    DIR *dh = opendir(d);
    struct dirent *e;
    while ((e = readdir(dh)))
        ck_assert_msg(!strstr(e->d_name, ".tmp"), "left behind: %s", e->d_name);
    closedir(dh);
    free(text);
    free(ja);
    free(jb);
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
    omv_test_rmtree(d);
    free(gml);
    free(csv1);
    free(csv2);
    free(d);
}
END_TEST

/* A Zoo file written and read again keeps its attributes, the synthetic ones included. */
START_TEST(round_trip_zoo)
{
    char *d = omv_test_tmpdir("graphml");
    char *gml = omv__path_join(d, "zoo.graphml");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, DATA "zoo_nordic.graphml");
    ck_assert_int_eq(omv_net_write(a, ctx, gml), 0);
    omv_net *b = load_ok(ctx, gml);
    assert_same_network(a, b);
    ck_assert_str_eq(omv_test_node_attr(b, "6", "country_name"), "Atlantis");
    ck_assert_str_eq(omv_test_link_attr(b, "e2", "data_id"), "e17");
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
    omv_test_rmtree(d);
    free(gml);
    free(d);
}
END_TEST

START_TEST(write_refuses_demands)
{
    char *d = omv_test_tmpdir("graphml");
    char *gml = omv__path_join(d, "x.graphml");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, OMV_TEST_DATA "/sndlib/nordic.txt");
    ck_assert_uint_eq(omv_net_demand_count(net), 2);
    ck_assert_int_eq(omv_net_write(net, ctx, gml), OMV_EARG);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "GraphML cannot hold demands"));
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "CSV folder or GeoJSON"));
    ck_assert(!omv__file_exists(gml));
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(d);
    free(gml);
    free(d);
}
END_TEST

/* XML 1.0 cannot hold most control characters: the writer says so instead of writing a broken file. */
START_TEST(write_refuses_control_characters)
{
    char *d = omv_test_tmpdir("graphml");
    char *nodes = omv__path_join(d, "nodes.csv"), *links = omv__path_join(d, "links.csv");
    char *gml = omv__path_join(d, "x.graphml");
    FILE *f = fopen(nodes, "wb");
    fputs("id,name\nA,bell\x07\nB,ok\n", f);
    fclose(f);
    f = fopen(links, "wb");
    fputs("id,a,b\nL,A,B\n", f);
    fclose(f);
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, d);
    ck_assert_int_eq(omv_net_write(net, ctx, gml), OMV_EARG);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), "column 'name' of node 'A'"), "%s", omv_ctx_errmsg(ctx));
    ck_assert(!omv__file_exists(gml));
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(d);
    free(nodes);
    free(links);
    free(gml);
    free(d);
}
END_TEST

static Suite *graphml_suite(void)
{
    Suite *s = suite_create("load_graphml");
    TCase *tc = tcase_create("zoo");
    tcase_add_test(tc, zoo_nodes);
    tcase_add_test(tc, zoo_edges);
    tcase_add_test(tc, features);
    tcase_add_test(tc, contract_key_beats_zoo_name);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, errors_structure);
    tcase_add_test(tc, errors_values);
    tcase_add_test(tc, entities_refused);
    tcase_add_test(tc, libxml2_silent);
    suite_add_tcase(s, tc);
    tc = tcase_create("writer");
    tcase_add_test(tc, round_trip_csv);
    tcase_add_test(tc, round_trip_zoo);
    tcase_add_test(tc, write_refuses_demands);
    tcase_add_test(tc, write_refuses_control_characters);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(graphml_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
