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

/* Where loaders with implicit ids (GraphML edges without id) report their file. */
omv_ctx *omv__builder_ctx(omv__builder *b);

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

/* Writers, used by omv_net_write. Each writes through temporary names and renames. */
int omv__write_csv_dir(const omv_net *net, omv_ctx *ctx, const char *dir);
int omv__write_geojson(const omv_net *net, omv_ctx *ctx, const char *path);
int omv__write_graphml(const omv_net *net, omv_ctx *ctx, const char *path);

#endif /* OMV_BUILD_H */
