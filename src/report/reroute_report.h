/*
 * reroute_report.h — the renderers of a rerouting result, shared by reroute_json.c, reroute_csv.c,
 * reroute_map.c, reroute_text.c and reroute_write.c. Each appends its document to a text buffer.
 */
#ifndef OMV_REPORT_REROUTE_REPORT_H
#define OMV_REPORT_REROUTE_REPORT_H

#include "topo/net.h"

/* Decimals of every Gbps and utilisation figure in the reports. */
#define OMV__RR_DECIMALS 6

/* The border policy in its canonical text ("allow", "deny", "transit:SE,FI"). Borrowed. */
const char *omv__rr_border_text(const omv_scenario *sc);
/* A short description of scenario i ("link L007", "group trondheim-duct", ...) into buf. */
void omv__rr_scenario_label(char *buf, size_t bufsz, const omv_reroute *r, const omv_net *net, size_t i);

int omv__rr_json(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net, const omv_scenario *sc);
int omv__rr_scenarios_csv(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net);
int omv__rr_links_csv(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net);
int omv__rr_map(omv__buf *out, omv_ctx *ctx, const omv_reroute *r, const omv_net *net);

#endif /* OMV_REPORT_REROUTE_REPORT_H */
