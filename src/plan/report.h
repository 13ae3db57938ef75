/*
 * report.h — what the planner's report files (src/report/plan_*.c) share beyond the public getters:
 * the members of plan.json (the sweep's JSON holds one plan object per point), the investment's
 * candidate described for people, and the number formats.
 */
#ifndef OMV_PLAN_REPORT_H
#define OMV_PLAN_REPORT_H

#include "report/jsonw.h"

/* The schemas. */
#define OMV__PLAN_SCHEMA "omvei/plan/1"
#define OMV__PLAN_SWEEP_SCHEMA "omvei/plan-sweep/1"

/* Decimals: money in NOK, gaps, seconds, km and hours, coordinates. */
#define OMV__PLAN_NOK_DECIMALS 2
#define OMV__PLAN_GAP_DECIMALS 6
#define OMV__PLAN_TIME_DECIMALS 3
#define OMV__PLAN_KM_DECIMALS 3
#define OMV__PLAN_COORD_DECIMALS 6

/* Writes the members of a plan object (everything of plan.json but the schema) into the open
 * object of w. */
void omv__plan_json_members(omv__jsonw *w, const omv_plan *p, const omv_net *net);

/* "min-cost" or "budget"; "branch-and-cut" or "mathprog". */
const char *omv__plan_mode_name(omv_plan_mode m);
const char *omv__plan_method_name(omv_plan_method m);

/* "148,500" */
void omv__plan_fmt_thousands(char *buf, size_t bufsz, int64_t v);

/* Money for sentences: "1.2 MNOK", "2.40 bn NOK", "350 000 NOK". */
void omv__plan_fmt_money(char *buf, size_t bufsz, double nok);

/* The investment in words: "fiber C12 Bodø–Fauske", "satellite terminal C7 at Værøy",
 * "reserve power for 72 h at Røst (C9)". */
void omv__plan_describe_investment(char *buf, size_t bufsz, const omv_net *net, const omv_plan_investment *v);

#endif /* OMV_PLAN_REPORT_H */
