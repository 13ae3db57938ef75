/*
 * ofds.h — what the Open Fibre Data Standard readers (load_ofds.c, load_ofds_csv.c) and the writer
 * (write_ofds.c) share: how an OFDS node or span maps onto omvei's columns and back.
 *
 * The mapping (OFDS 0.3):
 *   node  id -> id, name -> name, Point geometry (CSV: WKT location) -> lon/lat,
 *         address.country -> country;
 *   span  id -> id, start.id / end.id (CSV: start / end) -> a / b, LineString geometry (CSV: WKT
 *         route) -> route, capacity (Gbps) -> capacity_gbps, fibreLength (m) -> length_km,
 *         physicalInfrastructureProvider.name -> operator, transmissionMedium / deployment -> medium.
 *   Members of an "omvei" object (written by omvei for values OFDS has no field for: kind,
 *   population, power_h, srlg, ...) feed the contract column of their name.
 *   Every other property, the mapped objects included (address, start, end, the provider, the
 *   embedded network), is kept whole as an extra attribute under its own name, so that the writer
 *   gives back every field. A property whose name is an omvei column of the table (a span's
 *   "status") is kept as "ofds:<name>".
 * Attribute values: a JSON string is kept as its text, unless that text would itself read as JSON
 * (the string "24", "true", ""): then, like every other value (numbers, booleans, null, objects,
 * arrays), it is kept as compact JSON text. ofds_attr_decode reverses this exactly.
 */
#ifndef OMV_OFDS_H
#define OMV_OFDS_H

#include "topo/build.h"

#include <jansson.h>

enum { OMV__OFDS_NODE = 0, OMV__OFDS_SPAN = 1 };

/* Prefix of extra attributes whose OFDS name is an omvei column. */
#define OMV__OFDS_PREFIX "ofds:"

/* Adds one OFDS node or span to the builder. props is the feature's properties, geom its geometry
 * (NULL or JSON null: none). disp:line:col is where the feature starts and label names it in
 * messages ("feature 3"). netpfx (NULL: none) prefixes its ids, for files that hold several networks. */
int omv__ofds_emit(omv__builder *b, int file, const char *disp, int line, int col, const char *label, int what,
                   json_t *props, json_t *geom, const char *netpfx);

/* The value an extra attribute keeps (see above); malloc'd. */
char *omv__ofds_attr_encode(json_t *v);
/* The JSON value of a kept attribute text (new reference), never NULL unless out of memory. */
json_t *omv__ofds_attr_decode(const char *text);

/* Line and column where each element of a FeatureCollection's top-level "features" array starts
 * (malloc'd, *n entries; NULL when out of memory). jansson keeps no positions; this scan does. */
typedef struct {
    int line, col;
} omv__json_pos;
omv__json_pos *omv__feature_starts(const char *text, size_t *n);

#endif /* OMV_OFDS_H */
