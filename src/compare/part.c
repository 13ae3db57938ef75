/*
 * part.c — the proposals of a shard of a comparison, out to a part and back (omvei/shard.h). The
 * scenarios are the proposals in the order given; a part holds, per border policy (view), every
 * figure of each proposal of its block, its idle items and the failure behind its traffic figure, so
 * that a merge fills the comparison exactly as one process does. The baseline is not in the part
 * (a shard of some proposals does not route it): the merge computes it, and each proposal's traffic
 * figure before, which is the baseline's.
 *
 * data: {"views": [[{proposal}, ...], ...]} one list per view, one object per proposal of the block.
 */
#include "compare/compare_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *real_or_null(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *proposal_json(const omv_compare *c, size_t k)
{
    const omv_compare_proposal *r = &c->res[k];
    json_t *o = json_object(), *idle = json_array();
    for (size_t i = 0; i < c->nidle[k]; i++)
        json_array_append_new(idle, json_integer(c->idle[k][i]));
    json_object_set_new(o, "items", json_integer((json_int_t)r->items));
    json_object_set_new(o, "cost_nok", json_real(r->cost_nok));
    json_object_set_new(o, "protected_sites", json_integer((json_int_t)r->protected_sites));
    json_object_set_new(o, "protected_population", json_integer(r->protected_population));
    json_object_set_new(o, "added_population", json_integer(r->added_population));
    json_object_set_new(o, "added_sites", json_integer((json_int_t)r->added_sites));
    json_object_set_new(o, "nok_per_added_resident", real_or_null(r->nok_per_added_resident));
    json_object_set_new(o, "failures_removed", json_integer((json_int_t)r->failures_removed));
    json_object_set_new(o, "failures_left", json_integer((json_int_t)r->failures_left));
    json_object_set_new(o, "unusable", json_integer((json_int_t)r->unusable));
    json_object_set_new(o, "idle", idle);
    json_object_set_new(o, "has_optimal", json_integer(r->has_optimal));
    json_object_set_new(o, "optimal_status", json_string(r->optimal_status ? r->optimal_status : ""));
    json_object_set_new(o, "optimal_cost_nok", real_or_null(r->optimal_cost_nok));
    json_object_set_new(o, "optimal_protected_sites", json_integer((json_int_t)r->optimal_protected_sites));
    json_object_set_new(o, "optimal_protected_population", json_integer(r->optimal_protected_population));
    json_object_set_new(o, "optimal_added_population", json_integer(r->optimal_added_population));
    json_object_set_new(o, "has_traffic", json_integer(r->has_traffic));
    if (r->has_traffic) {
        json_object_set_new(o, "unserved_gbps_worst_after", json_real(r->unserved_gbps_worst_after));
        if (r->worst_after.kind) {
            const omv_reroute_scenario *s = &c->worst_sc[k];
            json_object_set_new(o, "worst_after",
                                json_pack("[i,I,I,I,I,f]", (int)s->kind, (json_int_t)s->link[0], (json_int_t)s->link[1],
                                          (json_int_t)s->node, (json_int_t)s->srlg, s->hours));
        }
    }
    return o;
}

int omv_compare_part(char **json, omv_ctx *ctx, const omv_compare *const *views, size_t n)
{
    *json = NULL;
    json_t *root = json_object(), *vs = json_array();
    for (size_t v = 0; v < n; v++) {
        json_t *list = json_array();
        for (size_t k = views[v]->first; k < views[v]->end; k++)
            json_array_append_new(list, proposal_json(views[v], k));
        json_array_append_new(vs, list);
    }
    json_object_set_new(root, "views", vs);
    *json = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
    json_decref(root);
    return *json ? 0 : OMV_NOMEM(ctx, "part");
}

/* ---- reading back ---- */

typedef struct {
    json_t *o;
    const char *what; /* the first problem */
} reader;

static double get_real(reader *r, const char *key, bool nullable)
{
    json_t *x = json_object_get(r->o, key);
    if (nullable && json_is_null(x))
        return NAN;
    if (!json_is_number(x)) {
        r->what = r->what ? r->what : key;
        return NAN;
    }
    return json_number_value(x);
}

static int64_t get_int(reader *r, const char *key, int64_t lo, int64_t hi)
{
    json_t *x = json_object_get(r->o, key);
    if (!json_is_integer(x) || json_integer_value(x) < lo || json_integer_value(x) > hi) {
        r->what = r->what ? r->what : key;
        return 0;
    }
    return (int64_t)json_integer_value(x);
}

/* The static name of a plan status, or "" (no best plan computed); NULL when unknown. */
static const char *status_name(const char *s)
{
    if (!s || !*s)
        return s ? "" : NULL;
    for (int i = 0; omv_plan_status_name((omv_plan_status)i); i++)
        if (!strcmp(omv_plan_status_name((omv_plan_status)i), s))
            return omv_plan_status_name((omv_plan_status)i);
    return NULL;
}

static const char *read_proposal(omv_compare *c, size_t k, json_t *o)
{
    const omv_net *net = c->net;
    const int64_t BIG = INT64_MAX / 4;
    reader rd = {o, NULL};
    if (!json_is_object(o))
        return "a proposal is not an object";
    omv_compare_proposal *r = &c->res[k];
    r->items = (size_t)get_int(&rd, "items", 0, (int64_t)net->nlinks);
    r->cost_nok = get_real(&rd, "cost_nok", false);
    r->protected_sites = (size_t)get_int(&rd, "protected_sites", 0, (int64_t)net->nnodes);
    r->protected_population = get_int(&rd, "protected_population", 0, BIG);
    r->added_population = get_int(&rd, "added_population", -BIG, BIG);
    r->added_sites = (size_t)get_int(&rd, "added_sites", INT64_MIN / 2, BIG);
    r->nok_per_added_resident = get_real(&rd, "nok_per_added_resident", true);
    r->failures_removed = (size_t)get_int(&rd, "failures_removed", 0, BIG);
    r->failures_left = (size_t)get_int(&rd, "failures_left", 0, BIG);
    r->unusable = (size_t)get_int(&rd, "unusable", 0, (int64_t)net->nlinks);
    r->has_optimal = (int)get_int(&rd, "has_optimal", 0, 1);
    r->optimal_status = status_name(json_string_value(json_object_get(o, "optimal_status")));
    if (!r->optimal_status)
        return "optimal_status is not a status of the planner";
    r->optimal_cost_nok = get_real(&rd, "optimal_cost_nok", true);
    r->optimal_protected_sites = (size_t)get_int(&rd, "optimal_protected_sites", 0, (int64_t)net->nnodes);
    r->optimal_protected_population = get_int(&rd, "optimal_protected_population", 0, BIG);
    r->optimal_added_population = get_int(&rd, "optimal_added_population", -BIG, BIG);
    r->has_traffic = (int)get_int(&rd, "has_traffic", 0, 1);
    if (rd.what)
        return rd.what;
    json_t *idle = json_object_get(o, "idle");
    if (!json_is_array(idle) || json_array_size(idle) > r->items)
        return "idle is not a list of the proposal's items";
    size_t ni = json_array_size(idle);
    if (ni && !(c->idle[k] = malloc(ni * sizeof(int32_t))))
        return "out of memory";
    for (size_t i = 0; i < ni; i++) {
        json_t *x = json_array_get(idle, i);
        if (!json_is_integer(x) || json_integer_value(x) < 0 || (size_t)json_integer_value(x) >= net->nlinks)
            return "an idle item is out of range";
        c->idle[k][c->nidle[k]++] = (int32_t)json_integer_value(x);
    }
    r->idle = c->nidle[k];
    memset(&r->worst_after, 0, sizeof(r->worst_after));
    if (r->has_traffic) {
        r->unserved_gbps_worst_before = c->base.unserved_gbps_worst;
        r->unserved_gbps_worst_after = get_real(&rd, "unserved_gbps_worst_after", false);
        if (rd.what)
            return rd.what;
        json_t *w = json_object_get(o, "worst_after");
        if (w) {
            json_int_t kind, l0, l1, node, srlg;
            double hours;
            if (json_unpack(w, "[I,I,I,I,I,F]", &kind, &l0, &l1, &node, &srlg, &hours) || kind < 0 ||
                kind > OMV_REROUTE_POWER || l0 < -1 || l0 >= (json_int_t)net->nlinks || l1 < -1 ||
                l1 >= (json_int_t)net->nlinks || node < -1 || node >= (json_int_t)net->nnodes || srlg < -1 ||
                srlg >= (json_int_t)net->nsrlg)
                return "worst_after is not a failure of the network";
            omv_reroute_scenario *s = &c->worst_sc[k];
            memset(s, 0, sizeof(*s));
            s->kind = (omv_reroute_kind)kind;
            s->link[0] = (long)l0;
            s->link[1] = (long)l1;
            s->node = (long)node;
            s->srlg = (long)srlg;
            s->hours = hours;
            omv__compare_describe(&r->worst_after, net, s);
        }
    }
    return NULL;
}

int omv_compare_merge(omv_compare *c, omv_ctx *ctx, const char *data, size_t view, size_t first, size_t end)
{
    if (first > end || end > c->n)
        return OMV_ERR(ctx, OMV_EDATA, "part: proposals %zu-%zu, but the comparison has %zu", first, end, c->n);
    json_error_t jerr;
    json_t *root = json_loads(data, 0, &jerr);
    json_t *vs = json_object_get(root, "views"), *list = json_array_get(vs, view);
    const char *what = NULL;
    if (!json_is_array(vs) || !json_is_array(list))
        what = "not the proposals of this border policy";
    else if (json_array_size(list) != end - first)
        what = "the number of proposals differs from its block";
    for (size_t k = first; k < end && !what; k++)
        what = read_proposal(c, k, json_array_get(list, k - first));
    json_decref(root);
    if (what)
        return OMV_ERR(ctx, OMV_EDATA, "part of proposals %zu-%zu: %s", first, end, what);
    return 0;
}
