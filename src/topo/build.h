/*
 * build.h — the builder every loader feeds. A loader turns its format into rows of named text cells
 * (the column names of DESIGN.md §2: nodes, links, candidates, demands) with their source positions;
 * the builder parses and checks every value, interns ids, and reports errors as file:line:col. It
 * resolves node references when the build finishes, so links may come before their nodes (GeoJSON).
 * Loaders never build omv__node / omv__link themselves: one place decides what the contract means.
 */
#ifndef OMV_BUILD_H
#define OMV_BUILD_H

#include "topo/net.h"

typedef enum {
    OMV__TAB_NODES = 0,
    OMV__TAB_LINKS,      /* status defaults to existing */
    OMV__TAB_CANDIDATES, /* status defaults to candidate; cost_nok required */
    OMV__TAB_DEMANDS,
    OMV__TAB_COUNT_
} omv__tab;

typedef struct omv__builder omv__builder;

/* Starts a build. With net != NULL the rows are added to that existing network (candidate files). */
int omv__builder_new(omv__builder **out, omv_ctx *ctx, omv_net *net);
/* Frees the builder and the network it holds, if it was not taken by finish. */
void omv__builder_free(omv__builder *b);

/* Registers a source file; returns its index (>= 0) or a negative error. All later rows and messages
 * refer to it. path is shown in messages as given. */
int omv__builder_file(omv__builder *b, const char *path);

/* Declares the columns of the following rows of table tab, read from file index f. Checks that the
 * required columns are present (message at line:col of the header) and that no column is repeated.
 * cols[i] are the 1-based text columns of each header cell (may be NULL: column 1). */
int omv__builder_header(omv__builder *b, omv__tab tab, int f, int line, size_t ncols,
                        const char *const *names, const int *cols);

/* Adds one row of the table declared last. vals[i] is the text of column i, NULL or "" when absent
 * (leading and trailing blanks are ignored). cols[i] are 1-based text columns for messages (NULL:
 * column 1 for all). */
int omv__builder_row(omv__builder *b, int line, const char *const *vals, const int *cols);

/* Makes room for about `rows` more rows of the table declared last (a hint from the file size; rows
 * beyond it still fit). Saves the copies and rehashes of growing one row at a time. */
int omv__builder_reserve(omv__builder *b, size_t rows);

/* Attaches a route geometry (lon/lat pairs) to the link or candidate added last. */
int omv__builder_geometry(omv__builder *b, const double *lonlat, size_t npts);

/* Sets the namespace of the rows that follow (NULL or "": none). In a namespace NAME, every node id,
 * link id, node reference and shared-risk group name reads as "NAME:value". */
int omv__builder_namespace(omv__builder *b, const char *ns);

/* Adds a join table (CSV a,b: node b is the same place as node a), applied when the build finishes,
 * after every reference is resolved: see join.c. */
int omv__builder_join(omv__builder *b, const char *path);

/* Applies the join table path (registered as source file index file) to a network whose references
 * are resolved and whose adjacency is not built yet. Time O(nodes + links + rows). */
int omv__net_join(omv_net *net, omv_ctx *ctx, const char *path, int file);

/* The display path of source file index f. */
const char *omv__builder_file_name(omv__builder *b, int f);

/* Attaches a route to the link or candidate with this id (read in the current namespace). Returns 1
 * when no such link was loaded yet, 0 when attached, or a negative error. */
int omv__builder_route(omv__builder *b, const char *id, const double *lonlat, size_t npts);

/* routes.geojson beside a CSV folder (load_routes.c): LineString features whose "id" names a link
 * give that link its route; the writer puts the routes of a network back there. */
int omv__load_routes(omv__builder *b, const char *path);
int omv__write_routes(const omv_net *net, omv_ctx *ctx, const char *dir);

/* Where loaders with implicit ids (GraphML edges without id) report their file. */
omv_ctx *omv__builder_ctx(omv__builder *b);

/* Merge mode, for proposal files: a candidate row whose id is already loaded names that same item
 * when its row is identical (it is not added again) and is an error naming the first differing
 * column otherwise. In merge mode every link row records the index of its link (new or named),
 * in row order; omv__builder_take_named hands the list over (malloc'd) and starts a new one. */
void omv__builder_merge(omv__builder *b, int on);
int omv__builder_take_named(omv__builder *b, int32_t **idx, size_t *n);
/* With on, topology folders are read without their candidates.csv (candidate files replace it). */
void omv__builder_skip_folder_candidates(omv__builder *b, int on);
/* With on, omv__builder_finish leaves the lengths not given to be computed on request
 * (omv__net_link_km) instead of filling them all. */
void omv__builder_defer_lengths(omv__builder *b, int on);
int omv__builder_folder_candidates(const omv__builder *b);

/* Adds the topology paths and then the candidate files (which replace the folders' candidates.csv
 * when there are any), as omv_net_load_with does, without finishing the build. */
int omv__load_paths(omv__builder *b, const char *const *paths, size_t npaths, const char *const *candidates,
                    size_t ncandidates);

/* Parts: a large table read on several threads at once (load_csv.c). After the header and
 * omv__builder_reserve(b, rows of all parts), each part gets a builder of its own with
 * omv__builder_part_new: the same header, its own context ctx for its messages, and the window of
 * maxrows rows that starts `base` rows past the rows b holds; references name the nodes b holds.
 * Parts may then take rows (omv__builder_row) on separate threads while nothing touches b. Back on
 * one thread, omv__builder_parts_merge hands the np parts to b in file order, with prc[k], the result
 * of part k's rows: it appends the rows, interns their ids and groups, and returns the first error in
 * file order, a duplicate id among the rows (an id of an earlier part included) before prc[k] (whose
 * message it copies to b's context). When every part read cleanly, the ids are interned on up to
 * `threads` threads, and only a duplicate sends them through one thread again. Free every part with
 * omv__builder_free, merged or not. Nodes, links and candidates only, not in merge mode. Time O(rows)
 * for the merge. */
bool omv__builder_parts_ok(const omv__builder *b); /* the table declared last may be read in parts */
int omv__builder_part_new(omv__builder **out, omv_ctx *ctx, omv__builder *b, size_t base, size_t maxrows);
int omv__builder_parts_merge(omv__builder *b, omv__builder **parts, const int *prc, size_t np, int threads);
/* Frees what a part needs only while it takes rows (name lookups); call when its rows are read. */
void omv__builder_part_done(omv__builder *part);

/* Checks the references, computes missing lengths, builds the CSR, and hands the network over.
 * On error nothing is handed over and the builder still owns (and frees) everything. */
int omv__builder_finish(omv__builder *b, omv_net **out);

/* Loaders. Each adds to the builder the content of one input path. */
int omv__load_csv_dir(omv__builder *b, const char *dir);
int omv__load_csv_file(omv__builder *b, const char *path, omv__tab tab);
int omv__load_geojson(omv__builder *b, const char *path);
int omv__load_graphml(omv__builder *b, const char *path);
int omv__load_sndlib_native(omv__builder *b, const char *path);
int omv__load_sndlib_xml(omv__builder *b, const char *path);
/* Open Fibre Data Standard 0.3 (load_ofds.c): a CSV publication folder (networks.csv, nodes.csv,
 * spans.csv, ...), a GeoJSON publication folder (nodes.geojson, spans.geojson) or one GeoJSON file
 * with node and span features. */
int omv__load_ofds(omv__builder *b, const char *path); /* any of the forms below */
int omv__load_ofds_csv(omv__builder *b, const char *dir);
int omv__load_ofds_geojson(omv__builder *b, const char *path);
/* True when path is an OFDS publication: a folder holding spans.csv or spans.geojson, a file named
 * *.ofds.geojson, or a .geojson file whose features carry OFDS's "featureType". */
bool omv__ofds_is(const char *path);

/* Writers, used by omv_net_write. Each writes through temporary names and renames. */
int omv__write_csv_dir(const omv_net *net, omv_ctx *ctx, const char *dir);
int omv__write_geojson(const omv_net *net, omv_ctx *ctx, const char *path);
int omv__write_graphml(const omv_net *net, omv_ctx *ctx, const char *path);
int omv__write_ofds(const omv_net *net, omv_ctx *ctx, const char *path);

#endif /* OMV_BUILD_H */
