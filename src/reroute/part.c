/*
 * part.c — the results of a shard of rerouting scenarios, out to a part and back (omvei/shard.h).
 *
 * data: {"solved": N, "iterations": N,
 *        "scenarios": [[unserved, lost, max_utilisation, busiest, failed_nodes, solved,
 *                       [overloaded links...], [demand, gbps, demand, gbps, ...]], ...],
 *        "worst": [[link, gbps, scenario], ...]}
 * one scenario entry per scenario of the block, in order; "worst" holds every link's highest load
 * over the block's scenarios (before the comparison with the intact load), so that merging takes
 * the highest over the parts, ties to the lower scenario number, exactly as one process does.
 */
#include "reroute/reroute_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int omv_reroute_part(char **json, omv_ctx *ctx, const omv_reroute *r)
{
    *json = NULL;
    json_t *root = json_object(), *scen = json_array(), *worst = json_array();
    if (!root || !scen || !worst) {
        json_decref(root);
        json_decref(scen);
        json_decref(worst);
        return OMV_NOMEM(ctx, "part");
    }
    json_object_set_new(root, "solved", json_integer((json_int_t)r->nsolved));
    json_object_set_new(root, "iterations", json_integer((json_int_t)r->iterations));
    for (size_t i = r->first; i < r->end; i++) {
        const omv__rr_res *s = &r->res[i];
        json_t *over = json_array(), *uns = json_array();
        for (uint32_t k = 0; k < s->nover; k++)
            json_array_append_new(over, json_integer(s->over[k]));
        for (uint32_t k = 0; k < s->nuns; k++) {
            json_array_append_new(uns, json_integer(s->uns[k].demand));
            json_array_append_new(uns, json_real(s->uns[k].gbps));
        }
        json_array_append_new(scen, json_pack("[f,f,f,i,I,i,o,o]", s->unserved, s->lost, s->maxu, (int)s->busiest,
                                              (json_int_t)s->failed_nodes, (int)s->solved, over, uns));
    }
    json_object_set_new(root, "scenarios", scen);
    for (size_t l = 0; l < r->nlinks; l++)
        if (r->bi[l] >= 0)
            json_array_append_new(worst, json_pack("[I,f,I]", (json_int_t)l, r->bg[l], (json_int_t)r->bi[l]));
    json_object_set_new(root, "worst", worst);
    *json = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
    json_decref(root);
    return *json ? 0 : OMV_NOMEM(ctx, "part");
}

/* A JSON number (integer or real) as a double. */
static bool num(json_t *x, double *v)
{
    if (!json_is_number(x))
        return false;
    *v = json_number_value(x);
    return true;
}

static bool index_in(json_t *x, size_t n, long *v)
{
    if (!json_is_integer(x) || json_integer_value(x) < 0 || (size_t)json_integer_value(x) >= n)
        return false;
    *v = (long)json_integer_value(x);
    return true;
}

/* Reads one scenario entry into res; returns NULL or what is wrong. */
static const char *read_scenario(omv__rr_res *res, const omv_reroute *r, json_t *e)
{
    double fn = 0, sv = 0;
    long busiest = -1;
    json_t *bx = json_array_get(e, 3), *over = json_array_get(e, 6), *uns = json_array_get(e, 7);
    if (!json_is_array(e) || json_array_size(e) != 8 || !num(json_array_get(e, 0), &res->unserved) ||
        !num(json_array_get(e, 1), &res->lost) || !num(json_array_get(e, 2), &res->maxu) ||
        !num(json_array_get(e, 4), &fn) || !num(json_array_get(e, 5), &sv) || !json_is_array(over) ||
        !json_is_array(uns) || json_array_size(uns) % 2)
        return "a scenario entry is not [unserved, lost, max_utilisation, busiest, failed_nodes, solved, "
               "[...], [...]]";
    if (!(json_is_integer(bx) && json_integer_value(bx) == -1) && !index_in(bx, r->nlinks, &busiest))
        return "a busiest link is out of range";
    if (!(fn >= 0 && fn <= (double)r->nnodes) || (sv != 0 && sv != 1))
        return "failed nodes or solved out of range";
    res->busiest = (int32_t)busiest;
    res->failed_nodes = (uint32_t)fn;
    res->solved = (uint8_t)sv;
    size_t no = json_array_size(over), nu = json_array_size(uns) / 2;
    if (no > r->nlinks || nu > r->ndemands)
        return "too many overloaded links or unserved demands";
    res->over = no ? malloc(no * sizeof(*res->over)) : NULL;
    res->uns = nu ? malloc(nu * sizeof(*res->uns)) : NULL;
    if ((no && !res->over) || (nu && !res->uns))
        return "out of memory";
    for (size_t k = 0; k < no; k++) {
        long l;
        if (!index_in(json_array_get(over, k), r->nlinks, &l))
            return "an overloaded link is out of range";
        res->over[res->nover++] = (int32_t)l;
    }
    for (size_t k = 0; k < nu; k++) {
        long d;
        double g;
        if (!index_in(json_array_get(uns, 2 * k), r->ndemands, &d) || !num(json_array_get(uns, 2 * k + 1), &g))
            return "an unserved demand is out of range";
        res->uns[res->nuns++] = (omv_reroute_unserved){(int32_t)d, g};
    }
    res->done = 1;
    return NULL;
}

int omv_reroute_merge(omv_reroute *r, omv_ctx *ctx, const char *data, size_t first, size_t end)
{
    if (first > end || end > r->nscen)
        return OMV_ERR(ctx, OMV_EDATA, "part: scenarios %zu-%zu, but the run has %zu", first, end, r->nscen);
    json_error_t jerr;
    json_t *root = json_loads(data, 0, &jerr);
    json_t *scen = json_object_get(root, "scenarios"), *worst = json_object_get(root, "worst");
    json_t *jsolved = json_object_get(root, "solved"), *jit = json_object_get(root, "iterations");
    const char *what = NULL;
    if (!json_is_object(root) || !json_is_array(scen) || !json_is_array(worst) || !json_is_integer(jsolved) ||
        !json_is_integer(jit) || json_integer_value(jsolved) < 0 || json_integer_value(jit) < 0)
        what = "not rerouting results";
    else if (json_array_size(scen) != end - first)
        what = "the number of scenarios differs from its block";
    for (size_t i = first; i < end && !what; i++) {
        if (r->res[i].done)
            what = "a scenario is given twice";
        else
            what = read_scenario(&r->res[i], r, json_array_get(scen, i - first));
    }
    for (size_t k = 0; k < json_array_size(worst) && !what; k++) {
        json_t *e = json_array_get(worst, k);
        long l, i;
        double g;
        if (!json_is_array(e) || json_array_size(e) != 3 || !index_in(json_array_get(e, 0), r->nlinks, &l) ||
            !num(json_array_get(e, 1), &g) || !index_in(json_array_get(e, 2), end, &i) || (size_t)i < first)
            what = "a worst-case entry is not [link, gbps, scenario] of the block";
        else if (omv__rr_beats(g, i, r->bg[l], r->bi[l]) || r->bi[l] < 0) {
            r->bg[l] = g;
            r->bi[l] = i;
        }
    }
    if (!what) {
        r->nsolved += (size_t)json_integer_value(jsolved);
        r->iterations += (long)json_integer_value(jit);
        omv__rr_finish_worst(r);
    }
    json_decref(root);
    if (what)
        return OMV_ERR(ctx, OMV_EDATA, "part of scenarios %zu-%zu: %s", first, end, what);
    return 0;
}
