/*
 * omvei/run.h — scenario files (omvei run): one YAML file names the topology, the scenario (core,
 * region, border, failure classes, outages), budgets, proposals and the steps to run. Included by
 * omvei.h; can also be included alone.
 *
 *   topology: data/nordic            # or a list
 *   region: north-of-trondheim       # scenario keys (omvei/scenario.h) apply to every step
 *   against: links,srlg
 *   steps:
 *     - check
 *     - spof: {power-outage: "polygon:data/regions/nordland.geojson:2,4,8", aftermath: true}
 *     - plan: {border: deny, output: domestic}
 *     - compare: {proposal: [a=data/a.csv, b=data/b.csv]}
 *
 * Keys are the command-line long options without dashes. A scalar is the option's value; a list
 * repeats the option; true gives a flag, false leaves it out. A key of a step replaces the top-level
 * key of the same name. Scenario keys are checked here by omv_scenario_set (the same parser as the
 * command line); every error names file:line:col.
 */
#ifndef OMVEI_RUN_H
#define OMVEI_RUN_H

#include "omvei/common.h"
#include "omvei/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct omv_runfile omv_runfile;

/* Reads and checks a scenario file. Errors: OMV_EIO (cannot read), OMV_EDATA (not YAML, or not of
 * the shape above, or a bad scenario value: file:line:col), OMV_ENOMEM. Relative paths in values are
 * kept as written (relative to the working directory). */
OMV_API int omv_runfile_load(omv_runfile **out, omv_ctx *ctx, const char *path);
OMV_API void omv_runfile_free(omv_runfile *rf);

/* The steps, in file order. */
OMV_API size_t omv_runfile_step_count(const omv_runfile *rf);
OMV_API const char *omv_runfile_step_command(const omv_runfile *rf, size_t step);
/* Where step begins in the file (1-based line and column). */
OMV_API void omv_runfile_step_mark(const omv_runfile *rf, size_t step, int *line, int *col);

/* The options of a step, top-level ones first (those the step does not set itself), then its own, in
 * file order; a list gives one option per item. step = OMV_RUNFILE_TOP: the top-level keys only.
 * Borrowed strings. Flags have the value "true". */
#define OMV_RUNFILE_TOP ((size_t)-1)
OMV_API size_t omv_runfile_option_count(const omv_runfile *rf, size_t step);
OMV_API int omv_runfile_option_get(const omv_runfile *rf, size_t step, size_t i, const char **key, const char **value,
                           int *line, int *col);

/* Records one step of a scenario run in dir/manifest.json (list "steps", replacing a step of the same
 * index): the command, the folder it wrote into (relative to dir), the effective scenario parameters
 * (omv_scenario_param_*; sc may be NULL), the options as given, and the SHA-256 and size of each of
 * files (the scenario file, region polygons, proposal files). */
OMV_API int omv_manifest_add_step(omv_ctx *ctx, const char *dir, size_t index, const char *command, const char *folder,
                          const omv_scenario *sc, const char *const *keys, const char *const *values, size_t nopts,
                          const char *const *files, size_t nfiles);

#ifdef __cplusplus
}
#endif

#endif /* OMVEI_RUN_H */
