/*
 * test_load_sndlib.c — the SNDlib loaders, native and XML: nodes, coordinates (decimal degrees,
 * degrees.minutes, pixels), links with pre-installed capacity, modules and costs, demands, units,
 * the sections that are skipped, and errors placed at file:line:col.
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

#define DATA OMV_TEST_DATA "/sndlib/"

/* ---- helpers -------------------------------------------------------------------------------- */

static omv_net *load_ok(omv_ctx *ctx, const char *path)
{
    const char *paths[] = {path};
    omv_net *net = NULL;
    int rc = omv_net_load(&net, ctx, paths, 1);
    ck_assert_msg(rc == 0, "loading %s failed: %s", path, omv_ctx_errmsg(ctx));
    return net;
}

static char *write_tmp(const char *dir, const char *name, const char *text)
{
    char *path = omv__path_join(dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loads text written to dir/name and checks the failure's message holds path + where_and_what. */
static void expect_error(const char *dir, const char *name, const char *text, const char *where_and_what)
{
    char *path = write_tmp(dir, name, text);
    omv_ctx *ctx = omv_ctx_new();
    const char *paths[] = {path};
    omv_net *net = NULL;
    ck_assert_int_eq(omv_net_load(&net, ctx, paths, 1), OMV_EDATA);
    ck_assert_ptr_null(net);
    char want[2048];
    snprintf(want, sizeof(want), "%s%s", path, where_and_what);
    ck_assert_msg(strstr(omv_ctx_errmsg(ctx), want) != NULL, "expected '%s' in '%s'", want,
                  omv_ctx_errmsg(ctx));
    omv_ctx_free(ctx);
    free(path);
}

/* ---- the same network in both formats ------------------------------------------------------- */

/* modules_at and paths_at: the places the warnings about unused modules and paths name. */
static void check_nordic(const char *path, const char *modules_at, const char *paths_at)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert_uint_eq(omv_net_node_count(net), 4);
    ck_assert_uint_eq(omv_net_link_count(net), 4);
    ck_assert_uint_eq(omv_net_demand_count(net), 2);
    /* Decimal lon/lat (fractions of .60 and more): positions. */
    long tos = omv_test_node(net, "Tromso");
    ck_assert_double_eq(omv_net_node_lat(net, (size_t)tos), 69.6492);
    ck_assert_double_eq(omv_net_node_lon(net, (size_t)tos), 18.9553);
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[tos]));
    ck_assert_str_eq(omv_net_node_name(net, (size_t)tos), "Tromso");
    /* Mbit/s (META unit) in, Gbit/s out; a pre-installed capacity of 0 is a link that carries
     * nothing (it was read as unlimited once). */
    long ot = omv_test_link(net, "Oslo_Trondheim"), tt = omv_test_link(net, "Trondheim_Tromso");
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)ot), 40.0);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)tt), 0.0);
    ck_assert_int_eq(omv_net_link_status(net, (size_t)tt), OMV_STATUS_EXISTING);
    ck_assert_str_eq(omv_test_link_attr(net, "Oslo_Trondheim", "modules"), "100:500");
    ck_assert_str_eq(omv_test_link_attr(net, "Trondheim_Tromso", "modules"), "10:80;40:240");
    ck_assert_str_eq(omv_test_link_attr(net, "Trondheim_Tromso", "pre_installed_capacity_cost"), "12.5");
    ck_assert_str_eq(omv_test_link_attr(net, "Trondheim_Tromso", "routing_cost"), "0.75");
    ck_assert_str_eq(omv_test_link_attr(net, "Trondheim_Tromso", "setup_cost"), "300");
    /* Zero costs and an empty module list are not kept. */
    ck_assert_ptr_null(omv_test_link_attr(net, "Oslo_Trondheim", "setup_cost"));
    ck_assert_ptr_null(omv__link_attrs(&net->links[omv_test_link(net, "Oslo_Stockholm")]));
    /* Two links between Oslo and Stockholm, written in opposite directions, stay two links. */
    long os1 = omv_test_link(net, "Oslo_Stockholm"), os2 = omv_test_link(net, "Oslo_Stockholm_2");
    ck_assert_int_eq(omv_net_link_a(net, (size_t)os1), omv_net_link_b(net, (size_t)os2));
    ck_assert_int_eq(omv_net_link_b(net, (size_t)os1), omv_net_link_a(net, (size_t)os2));
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, (size_t)os2), 10.0);
    /* Lengths come from the positions. */
    ck_assert_double_eq_tol(
        omv_net_link_length_km(net, (size_t)ot),
        omv__geodesic_km(59.9139, 10.7522, 63.4305, 10.3951) * omv__route_factor(OMV_MEDIUM_FIBER), 1e-9);
    /* Demands, scaled like the capacities: 1200.5 Mbit/s is exactly 1.2005 Gbit/s. */
    const omv__demand *d0 = &net->demands[0], *d1 = &net->demands[1];
    ck_assert_str_eq(omv_net_node_id(net, (size_t)d0->src), "Oslo");
    ck_assert_str_eq(omv_net_node_id(net, (size_t)d0->dst), "Tromso");
    ck_assert_double_eq(d0->gbps, 2.5);
    ck_assert_str_eq(omv_net_node_id(net, (size_t)d1->src), "Stockholm");
    ck_assert_double_eq(d1->gbps, 1.2005);
    /* What omvei does not use is said, once each, at its first place. */
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 2);
    char want[512];
    snprintf(want, sizeof(want), "%s:%s: warning: 3 links have capacity modules (kept as the attribute 'modules'); "
             "no analysis installs them", path, modules_at);
    ck_assert_str_eq(omv_ctx_warning(ctx, 0), want);
    snprintf(want, sizeof(want), "%s:%s: warning: the admissible paths are not used", path, paths_at);
    ck_assert_ptr_nonnull(strstr(omv_ctx_warning(ctx, 1), want));
    omv_net_free(net);
    omv_ctx_free(ctx);
}

START_TEST(native_nordic)
{
    check_nordic(DATA "nordic.txt", "28:3", "47:1");
}
END_TEST

START_TEST(xml_nordic)
{
    check_nordic(DATA "nordic.xml", "36:14", "99:4");
}
END_TEST

/* Native and XML give the same network, cell for cell. */
START_TEST(native_equals_xml)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *a = load_ok(ctx, DATA "nordic.txt"), *b = load_ok(ctx, DATA "nordic.xml");
    char ca[OMV__CELL_BUF], cb[OMV__CELL_BUF];
    ck_assert_uint_eq(a->nnode_attr_cols, b->nnode_attr_cols);
    ck_assert_uint_eq(a->nlink_attr_cols, b->nlink_attr_cols);
    for (size_t i = 0; i < a->nnodes; i++)
        for (size_t c = 0; c < OMV__NODE_NCOLS; c++)
            ck_assert_str_eq(omv__node_cell(a, i, c, ca, sizeof(ca)), omv__node_cell(b, i, c, cb, sizeof(cb)));
    for (size_t i = 0; i < a->nlinks; i++) {
        for (size_t c = 0; c < OMV__LINK_NCOLS; c++)
            ck_assert_str_eq(omv__link_cell(a, i, c, ca, sizeof(ca)), omv__link_cell(b, i, c, cb, sizeof(cb)));
        for (size_t c = 0; c < a->nlink_attr_cols; c++) {
            const char *va = omv__attrs_get(omv__link_attrs(&a->links[i]), a->link_attr_cols[c]);
            const char *vb = omv__attrs_get(omv__link_attrs(&b->links[i]), a->link_attr_cols[c]);
            ck_assert_str_eq(va ? va : "-", vb ? vb : "-");
        }
    }
    for (size_t k = 0; k < a->ndemands; k++) {
        ck_assert_int_eq(a->demands[k].src, b->demands[k].src);
        ck_assert_int_eq(a->demands[k].dst, b->demands[k].dst);
        ck_assert_double_eq(a->demands[k].gbps, b->demands[k].gbps);
    }
    omv_net_free(a);
    omv_net_free(b);
    omv_ctx_free(ctx);
}
END_TEST

/* Pixels (XML says so) and degrees.minutes (no fraction reaches .60): no position, x and y kept. */
START_TEST(non_geographic)
{
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, DATA "pixel.xml");
    ck_assert_uint_eq(omv_net_node_count(net), 2);
    ck_assert_uint_eq(omv_net_link_count(net), 1);
    ck_assert(isnan(omv_net_node_lat(net, 0)) && isnan(omv_net_node_lon(net, 0)));
    ck_assert_str_eq(omv_test_node_attr(net, "N1", "x"), "12.75");
    ck_assert_str_eq(omv_test_node_attr(net, "N1", "y"), "40.5");
    ck_assert_str_eq(omv_test_node_attr(net, "N2", "x"), "310.0");
    ck_assert(isnan(omv_net_link_length_km(net, 0)));
    /* Dropped coordinates are said, with the reason (they were dropped without a word once). */
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 1);
    ck_assert_str_eq(omv_ctx_warning(ctx, 0), DATA "pixel.xml:4:3: warning: the node coordinates are not taken as "
                     "positions (the file says coordinatesType=\"pixel\"); they are kept as the attributes x and "
                     "y, and the nodes have no position (no map, no lengths from coordinates)");
    omv_net_free(net);
    omv_ctx_clear_warnings(ctx);
    net = load_ok(ctx, DATA "degmin.txt");
    ck_assert_uint_eq(omv_net_node_count(net), 3);
    ck_assert_uint_eq(omv_net_link_count(net), 2);
    for (size_t i = 0; i < 3; i++)
        ck_assert(isnan(omv_net_node_lat(net, i)));
    ck_assert_str_eq(omv_test_node_attr(net, "B", "x"), "10.23");
    ck_assert_str_eq(omv_test_node_attr(net, "B", "y"), "63.26");
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, 0), 0.0);
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 1);
    ck_assert_ptr_nonnull(strstr(omv_ctx_warning(ctx, 0), "degmin.txt:4:1: warning: the node coordinates are not taken "
                                 "as positions (no fraction reaches .60, so they may be degrees.minutes)"));
    omv_net_free(net);
    omv_ctx_free(ctx);
}
END_TEST

/* Decimal coordinates out of range are not positions either; without META the values are Gbit/s. */
START_TEST(native_out_of_range_and_no_unit)
{
    char *d = omv_test_tmpdir("sndlib");
    char *path = write_tmp(d, "big.txt",
                           "?SNDlib native format; type: network; version: 1.0\n"
                           "NODES (\n  a ( 250.75 80.5 )\n  b ( 12.5 40.25 )\n)\n"
                           "LINKS (\n  l ( a b ) 2.50 0.00 0.00 0.00 ( )\n)\n"
                           "DEMANDS (\n  d ( b a ) 1 0.75 UNLIMITED\n)\n");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert(isnan(omv_net_node_lat(net, 0)));
    ck_assert_str_eq(omv_test_node_attr(net, "a", "x"), "250.75");
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, 0), 2.5);
    ck_assert_double_eq(net->demands[0].gbps, 0.75);
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 1);
    ck_assert_ptr_nonnull(strstr(omv_ctx_warning(ctx, 0), "big.txt:2:1: warning: the node coordinates are not taken "
                                 "as positions (node 'a' at (250.75 80.5) lies outside [-180, 180] x [-90, 90])"));
    omv_net_free(net);
    omv_ctx_clear_warnings(ctx); /* the first file's missing-data warnings */
    /* An unknown unit is warned about, and the values are taken as Gbit/s. */
    char *p2 = write_tmp(d, "unit.txt",
                         "?SNDlib native format; type: network; version: 1.0\n"
                         "META (\n  unit = PIGEONS\n)\n"
                         "NODES (\n  a\n  b\n)\nLINKS (\n  l ( a b ) 3.00 0.00 0.00 0.00 ( )\n)\n");
    net = load_ok(ctx, p2);
    ck_assert(isnan(omv_net_node_lat(net, 0)));
    ck_assert_ptr_null(omv__node_attrs(&net->nodes[0]));
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, 0), 3.0);
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 1);
    ck_assert_ptr_nonnull(strstr(omv_ctx_warning(ctx, 0), "unit.txt:3:10: warning: unknown unit 'PIGEONS'"));
    omv_net_free(net);
    omv_ctx_free(ctx);
    omv_test_rmtree(d);
    free(path);
    free(p2);
    free(d);
}
END_TEST

/* META's free text may hold anything, parentheses included; only the unit is read from it. */
START_TEST(native_meta_free_text)
{
    char *d = omv_test_tmpdir("sndlib");
    char *path = write_tmp(d, "meta.txt",
                           "?SNDlib native format; type: network; version: 1.0\n"
                           "META (\n  origin = a sketch (first draft, see ( notes\n  unit = KBITPERSEC\n)\n"
                           "NODES (\n  a\n  b\n)\nLINKS (\n  l ( a b ) 2500000 0 0 0 ( 10000000 7 )\n)\n");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, 0), 2.5);
    ck_assert_str_eq(omv_test_link_attr(net, "l", "modules"), "10:7");
    ck_assert_uint_eq(omv_test_warnings_besides_missing_data(ctx), 1);
    ck_assert_ptr_nonnull(strstr(omv_ctx_warning(ctx, 0), "meta.txt:11:3: warning: 1 link has capacity modules"));
    omv_net_free(net);
    omv_ctx_free(ctx);
    expect_error(d, "cutmeta.txt",
                 "?SNDlib native format; type: network; version: 1.0\nMETA (\n  unit = MBITPERSEC\n",
                 ":4:1: unexpected end of file in section META (opened at line 2): missing ')'");
    omv_test_rmtree(d);
    free(path);
    free(d);
}
END_TEST

/* ---- hostile files ------------------------------------------------------------------------- */

#define NAT_HEAD "?SNDlib native format; type: network; version: 1.0\n"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define XML_NODES                                                                                      \
    " <networkStructure>\n  <nodes coordinatesType=\"geographical\">\n"                                   \
    "   <node id=\"a\"><coordinates><x>10.75</x><y>59.91</y></coordinates></node>\n"                      \
    "   <node id=\"b\"><coordinates><x>10.39</x><y>63.43</y></coordinates></node>\n  </nodes>\n"

/* What the native format once accepted: coordinates without parentheses read as two more nodes,
 * hexadecimal numbers, a file without any section as an empty network, an id in Latin-1. */
START_TEST(native_hostile)
{
    char *d = omv_test_tmpdir("sndlib");
    expect_error(d, "noparen.txt", NAT_HEAD "NODES (\n  a ( 1.5 2.5 )\n  b 3.5 4.5\n)\n",
                 ":4:5: expected '(' before the coordinates of node 'b', found '3.5' (write the node as: b ( x y ))");
    expect_error(d, "hex.txt", NAT_HEAD "NODES (\n  a ( 0x1 2.5 )\n)\n",
                 ":3:7: x coordinate: not a number '0x1' (write it in decimal: hexadecimal is not read)");
    expect_error(d, "hexcap.txt", NAT_HEAD "NODES (\n  a\n  b\n)\nLINKS (\n  l ( a b ) 0x10 0 0 0 ( )\n)\n",
                 ":7:13: pre_installed_capacity: not a number '0x10'");
    expect_error(d, "inf.txt", NAT_HEAD "NODES (\n  a\n  b\n)\nLINKS (\n  l ( a b ) 1e999 0 0 0 ( )\n)\n",
                 ":7:13: pre_installed_capacity: not a finite number '1e999'");
    expect_error(d, "nothing.txt", NAT_HEAD "# no sections\n", ":1:1: no nodes in this file: no NODES section");
    expect_error(d, "empty.txt", NAT_HEAD "META (\n  unit = MBITPERSEC\n)\nNODES (\n)\n",
                 ":5:1: no nodes in this file: the section NODES is empty");
    expect_error(d, "latin1.txt", NAT_HEAD "NODES (\n  Bod\xf8 ( 1.5 2.5 )\n)\n",
                 ":3:6: byte 0xF8 in this word is not UTF-8 text");
    expect_error(d, "latin1ref.txt", NAT_HEAD "NODES (\n  a\n  b\n)\nLINKS (\n  l\xe6ng ( a b ) 1 0 0 0 ( )\n)\n",
                 ":7:4: byte 0xE6 in this word is not UTF-8 text");
    /* Ids on lines of their own that look like numbers are still ids (no coordinates given). */
    char *path = write_tmp(d, "numeric.txt", NAT_HEAD "NODES (\n  1\n  2\n)\nLINKS (\n  l ( 1 2 ) 0 0 0 0 ( )\n)\n");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert_uint_eq(omv_net_node_count(net), 2);
    ck_assert_double_eq(omv_net_link_capacity_gbps(net, 0), 0.0); /* capacity 0 carries nothing */
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(path);
    omv_test_rmtree(d);
    free(d);
}
END_TEST

/* What the XML format once accepted: a foreign namespace, a network without a structure, latitudes
 * beyond the poles in a file that says its coordinates are geographical, hexadecimal numbers. */
START_TEST(xml_hostile)
{
    char *d = omv_test_tmpdir("sndlib");
    expect_error(d, "ns.xml", XML_HEAD "<network xmlns=\"urn:x-other\">\n" XML_NODES " </networkStructure>\n</network>\n",
                 ":2:1: not an SNDlib network file: <network> is in the namespace 'urn:x-other', not "
                 "'http://sndlib.zib.de/network'");
    expect_error(d, "bare.xml", XML_HEAD "<network xmlns=\"http://sndlib.zib.de/network\">\n <meta/>\n</network>\n",
                 ":2:1: no nodes in this file: no <networkStructure> with <nodes>");
    expect_error(d, "nonodes.xml",
                 XML_HEAD "<network>\n <networkStructure>\n  <nodes coordinatesType=\"geographical\">\n  </nodes>\n"
                 " </networkStructure>\n</network>\n",
                 ":4:3: no nodes in this file: <nodes> is empty");
    expect_error(d, "pole.xml",
                 XML_HEAD "<network>\n <networkStructure>\n  <nodes coordinatesType=\"geographical\">\n"
                 "   <node id=\"a\"><coordinates><x>10.75</x><y>95.5</y></coordinates></node>\n"
                 "  </nodes>\n </networkStructure>\n</network>\n",
                 ":5:45: node 'a': y coordinate 95.5 is out of range: the file says coordinatesType=\"geographical\"");
    expect_error(d, "hex.xml",
                 XML_HEAD "<network>\n" XML_NODES "  <links>\n   <link id=\"l\"><source>a</source><target>b</target>"
                 "<preInstalledModule><capacity>0x10</capacity><cost>0</cost></preInstalledModule></link>\n"
                 "  </links>\n </networkStructure>\n</network>\n",
                 ":9:83: preInstalledModule capacity: not a number '0x10'");
    /* Elements of another namespace inside an SNDlib file are not SNDlib's: their nodes are not read. */
    char *path = write_tmp(d, "mixed.xml",
                           XML_HEAD "<network xmlns=\"http://sndlib.zib.de/network\" xmlns:o=\"urn:x-other\">\n" XML_NODES
                           "  <o:nodes><o:node id=\"c\"/></o:nodes>\n"
                           "  <links>\n   <link id=\"l\"><source>a</source><target>b</target></link>\n  </links>\n"
                           " </networkStructure>\n</network>\n");
    omv_ctx *ctx = omv_ctx_new();
    omv_net *net = load_ok(ctx, path);
    ck_assert_uint_eq(omv_net_node_count(net), 2);
    /* No <preInstalledModule>: the capacity is unknown (unlimited), unlike a capacity of 0. */
    ck_assert(isnan(omv_net_link_capacity_gbps(net, 0)));
    ck_assert_double_eq(omv_net_node_lat(net, 1), 63.43);
    omv_net_free(net);
    omv_ctx_free(ctx);
    free(path);
    omv_test_rmtree(d);
    free(d);
}
END_TEST

/* ---- errors --------------------------------------------------------------------------------- */

#define MAGIC "?SNDlib native format; type: network; version: 1.0\n"
#define NODES "NODES (\n  A ( 10.75 59.91 )\n  B ( 10.39 63.43 )\n)\n"

START_TEST(native_errors)
{
    char *d = omv_test_tmpdir("sndlib");
    expect_error(d, "magic.txt", "NODES (\n)\n", ":1:1: not an SNDlib native file");
    expect_error(d, "type.txt", "?SNDlib native format; type: solution; version: 1.0\n",
                 ":1:30: not an SNDlib network file (type 'solution')");
    expect_error(d, "cut.txt", MAGIC NODES "LINKS (\n  L ( A B ) 1 0 0 0 ( 10 5 )\n",
                 ":7:29: unexpected end of file in section LINKS (opened at line 6): missing ')'");
    expect_error(
        d, "cutnodes.txt", MAGIC "NODES (\n  A ( 10.75",
        ":3:12: unexpected end of file in section NODES (opened at line 2): expected the y coordinate");
    expect_error(d, "paren.txt", MAGIC NODES "LINKS (\n  L A B ) 1 0 0 0 ( )\n)\n",
                 ":7:5: expected '(' before the link's end nodes, found 'A'");
    expect_error(d, "paren2.txt", MAGIC NODES "LINKS (\n  L ( A B 1 0 0 0 ( )\n)\n",
                 ":7:11: expected ')' after the link's end nodes, found '1'");
    expect_error(d, "nan.txt", MAGIC NODES "LINKS (\n  L ( A B ) 1 zero 0 0 ( )\n)\n",
                 ":7:15: pre_installed_capacity_cost: not a number 'zero'");
    expect_error(d, "neg.txt", MAGIC NODES "LINKS (\n  L ( A B ) -1 0 0 0 ( )\n)\n",
                 ":7:13: pre_installed_capacity: must not be negative, got '-1'");
    expect_error(d, "coord.txt", MAGIC "NODES (\n  A ( 10,75 59.91 )\n)\n",
                 ":3:7: x coordinate: not a number '10,75'");
    expect_error(d, "module.txt", MAGIC NODES "LINKS (\n  L ( A B ) 1 0 0 0 ( 10 )\n)\n",
                 ":7:26: expected module_cost, found ')'");
    expect_error(d, "module2.txt", MAGIC NODES "LINKS (\n  L ( A B ) 1 0 0 0 ( 10 5 40 )\n)\n",
                 ":7:31: expected module_cost, found ')'");
    expect_error(d, "section.txt", MAGIC NODES "LINKZ (\n)\n", ":6:1: unknown section 'LINKZ'");
    expect_error(d, "open.txt", MAGIC "NODES\n  A\n)\n", ":3:3: expected '(' after NODES, found 'A'");
    expect_error(d, "unknown.txt", MAGIC NODES "LINKS (\n  L ( A C ) 1 0 0 0 ( )\n)\n",
                 ":7:9: unknown node 'C' in column b");
    expect_error(d, "dup.txt", MAGIC "NODES (\n  A\n  A\n)\n", ":4:3: duplicate node id 'A'");
    expect_error(d, "loop.txt", MAGIC NODES "LINKS (\n  L ( A A ) 1 0 0 0 ( )\n)\n",
                 ":7:9: self-loop: link 'L' has both ends at node 'A'");
    expect_error(d, "demand.txt", MAGIC NODES "DEMANDS (\n  D ( A B ) 1 lots UNLIMITED\n)\n",
                 ":7:15: demand_value: not a number 'lots'");
    expect_error(d, "demand2.txt", MAGIC NODES "DEMANDS (\n  D ( A Z ) 1 5 UNLIMITED\n)\n",
                 ":7:9: unknown node 'Z' in column dst");
    expect_error(d, "mpl.txt", MAGIC NODES "DEMANDS (\n  D ( A B ) 1 5 ALWAYS\n)\n",
                 ":7:17: max_path_length: expected a number or UNLIMITED, found 'ALWAYS'");
    expect_error(d, "paths.txt", MAGIC NODES "ADMISSIBLE_PATHS (\n  D ( P ( L )\n)\n",
                 ":8:2: unexpected end of file in section ADMISSIBLE_PATHS (opened at line 6): missing ')'");
    omv_test_rmtree(d);
    free(d);
}
END_TEST

#define XHEAD                                                                                                  \
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<network xmlns=\"http://sndlib.zib.de/network\">\n"
#define XNODES                                                                                                 \
    " <networkStructure>\n  <nodes coordinatesType=\"geographical\">\n"                                        \
    "   <node id=\"A\"><coordinates><x>10.75</x><y>59.91</y></coordinates></node>\n"                           \
    "   <node id=\"B\"><coordinates><x>10.39</x><y>63.43</y></coordinates></node>\n  </nodes>\n"

START_TEST(xml_errors)
{
    char *d = omv_test_tmpdir("sndlib");
    expect_error(
        d, "cut.xml", XHEAD XNODES "  <links>\n   <link id=\"L\">\n    <source>A</sou",
        ":10:19: unexpected end of file: the document is cut short (<network> opened at line 2 is never "
        "closed)");
    expect_error(d, "unknown.xml",
                 XHEAD XNODES "  <links>\n   <link id=\"L\">\n    <source>A</source>\n    <target>Q</target>\n"
                              "   </link>\n  </links>\n </networkStructure>\n</network>\n",
                 ":11:13: unknown node 'Q' as target of link 'L'");
    expect_error(d, "unknown2.xml",
                 XHEAD XNODES
                 " </networkStructure>\n <demands>\n  <demand id=\"D\">\n   <source>X</source>\n"
                 "   <target>B</target>\n   <demandValue>1</demandValue>\n  </demand>\n </demands>\n"
                 "</network>\n",
                 ":11:12: unknown node 'X' as source of demand 'D'");
    expect_error(d, "value.xml",
                 XHEAD XNODES
                 " </networkStructure>\n <demands>\n  <demand id=\"D\">\n   <source>A</source>\n"
                 "   <target>B</target>\n   <demandValue>1,5</demandValue>\n  </demand>\n </demands>\n"
                 "</network>\n",
                 ":13:17: demandValue: not a number '1,5'");
    expect_error(
        d, "coord.xml",
        XHEAD " <networkStructure>\n  <nodes>\n   <node id=\"A\">\n    <coordinates>\n     <x>east</x>\n"
              "     <y>60</y>\n    </coordinates>\n   </node>\n  </nodes>\n </networkStructure>\n</network>\n",
        ":7:9: x coordinate: not a number 'east'");
    expect_error(d, "module.xml",
                 XHEAD XNODES "  <links>\n   <link id=\"L\">\n    <source>A</source>\n    <target>B</target>\n"
                              "    <additionalModules>\n     <addModule>\n      <capacity>10</capacity>\n"
                              "     </addModule>\n",
                 ":13:6: <addModule> of link 'L' needs a <capacity> and a <cost>");
    expect_error(d, "noend.xml",
                 XHEAD XNODES "  <links>\n   <link id=\"L\">\n    <source>A</source>\n   </link>\n",
                 ":9:14: link 'L' needs a <source> and a <target>");
    expect_error(d, "noid.xml", XHEAD " <networkStructure>\n  <nodes>\n   <node>\n",
                 ":5:4: <node> without an id attribute");
    expect_error(d, "root.xml", "<?xml version=\"1.0\"?>\n<graphml/>\n",
                 ":2:1: not an SNDlib network file: the root element is <graphml>");
    expect_error(d, "dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE network [<!ENTITY a \"b\">]>\n<network/>\n",
                 ":2:1: DOCTYPE declarations are not accepted");
    expect_error(d, "mal.xml", XHEAD " <meta><unit>MBITPERSEC</meta>\n</network>\n", ":3:31: malformed XML:");
    expect_error(d, "empty.xml", "", ":1:1: empty file");
    omv_test_rmtree(d);
    free(d);
}
END_TEST

/* libxml2 reports through the loader only: nothing reaches stderr. */
START_TEST(xml_silent)
{
    char *d = omv_test_tmpdir("sndlib");
    char *errpath = omv__path_join(d, "stderr.txt");
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    expect_error(d, "a.xml", XHEAD " <meta><unit>MBITPERSEC</meta>\n</network>\n", ":3:");
    expect_error(d, "b.xml", "\x01\x02 not xml at all <<<", ":1:");
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

static Suite *sndlib_suite(void)
{
    Suite *s = suite_create("load_sndlib");
    TCase *tc = tcase_create("read");
    tcase_add_test(tc, native_nordic);
    tcase_add_test(tc, xml_nordic);
    tcase_add_test(tc, native_equals_xml);
    tcase_add_test(tc, non_geographic);
    tcase_add_test(tc, native_out_of_range_and_no_unit);
    tcase_add_test(tc, native_meta_free_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, native_errors);
    tcase_add_test(tc, xml_errors);
    tcase_add_test(tc, xml_silent);
    tcase_add_test(tc, native_hostile);
    tcase_add_test(tc, xml_hostile);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sndlib_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
