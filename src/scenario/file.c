/*
 * file.c — scenario files (omvei/run.h) read with libyaml's event parser: a mapping of top-level
 * options with a list of steps, each a command name or a mapping of one command name to its options.
 * Scenario keys are checked with omv_scenario_set so that a file and a command line mean the same.
 */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    char *key, *value;
    int line, col;
} opt_t;

typedef struct {
    char *command;
    int line, col;
    opt_t *opts;
    size_t nopts, capopts;
} step_t;

struct omv_runfile {
    char *path;
    step_t top;
    step_t *steps;
    size_t nsteps, capsteps;
    /* per step: the effective list (top-level options not overridden, then its own) */
    opt_t **eff;
    size_t *neff;
};

static void step_free(step_t *s)
{
    for (size_t i = 0; i < s->nopts; i++) {
        free(s->opts[i].key);
        free(s->opts[i].value);
    }
    free(s->opts);
    free(s->command);
}

void omv_runfile_free(omv_runfile *rf)
{
    if (!rf)
        return;
    step_free(&rf->top);
    for (size_t i = 0; i < rf->nsteps; i++) {
        step_free(&rf->steps[i]);
        if (rf->eff)
            free(rf->eff[i]);
    }
    free(rf->eff);
    free(rf->neff);
    free(rf->steps);
    free(rf->path);
    free(rf);
}

typedef struct {
    yaml_parser_t p;
    yaml_event_t ev;
    int has_ev;
    omv_ctx *ctx;
    const char *path;
} reader;

static int next(reader *r)
{
    if (r->has_ev)
        yaml_event_delete(&r->ev);
    r->has_ev = 0;
    if (!yaml_parser_parse(&r->p, &r->ev))
        return OMV_ERR(r->ctx, OMV_EDATA, "%s:%d:%d: %s", r->path, (int)r->p.problem_mark.line + 1,
                       (int)r->p.problem_mark.column + 1, r->p.problem ? r->p.problem : "not YAML");
    r->has_ev = 1;
    return 0;
}

static int line_of(const reader *r) { return (int)r->ev.start_mark.line + 1; }
static int col_of(const reader *r) { return (int)r->ev.start_mark.column + 1; }

static int shape(reader *r, const char *what)
{
    return OMV_ERR(r->ctx, OMV_EDATA, "%s:%d:%d: %s", r->path, line_of(r), col_of(r), what);
}

static int add_opt(reader *r, step_t *s, const char *key, const char *value, int line, int col)
{
    if (OMV_GROW(s->opts, s->capopts, s->nopts + 1))
        return OMV_NOMEM(r->ctx, "scenario file");
    opt_t *o = &s->opts[s->nopts];
    o->key = strdup(key);
    o->value = strdup(value);
    o->line = line;
    o->col = col;
    if (!o->key || !o->value) {
        free(o->key);
        free(o->value);
        return OMV_NOMEM(r->ctx, "scenario file");
    }
    s->nopts++;
    return 0;
}

/* The value of key: a scalar, or a list of scalars (one option each). The current event is the value. */
static int read_value(reader *r, step_t *s, const char *key)
{
    int rc;
    if (r->ev.type == YAML_SCALAR_EVENT) {
        const char *v = (const char *)r->ev.data.scalar.value;
        if (strcmp(v, "false") == 0)
            return 0;
        return add_opt(r, s, key, v, line_of(r), col_of(r));
    }
    if (r->ev.type != YAML_SEQUENCE_START_EVENT)
        return shape(r, "expected a value or a list of values");
    for (;;) {
        if ((rc = next(r)))
            return rc;
        if (r->ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (r->ev.type != YAML_SCALAR_EVENT)
            return shape(r, "expected a list of plain values");
        if ((rc = add_opt(r, s, key, (const char *)r->ev.data.scalar.value, line_of(r), col_of(r))))
            return rc;
    }
}

/* A mapping of options; the current event is its start. */
static int read_options(reader *r, step_t *s, omv_runfile *rf, int top)
{
    int rc;
    for (;;) {
        if ((rc = next(r)))
            return rc;
        if (r->ev.type == YAML_MAPPING_END_EVENT)
            return 0;
        if (r->ev.type != YAML_SCALAR_EVENT)
            return shape(r, "expected an option name");
        char *key = strdup((const char *)r->ev.data.scalar.value);
        if (!key)
            return OMV_NOMEM(r->ctx, "scenario file");
        int kl = line_of(r), kc = col_of(r);
        for (size_t i = 0; i < s->nopts && !rc; i++)
            if (strcmp(s->opts[i].key, key) == 0)
                rc = OMV_ERR(r->ctx, OMV_EDATA, "%s:%d:%d: '%s' is given twice", r->path, kl, kc, key);
        if (!rc)
            rc = next(r);
        if (!rc && top && strcmp(key, "steps") == 0) {
            if (r->ev.type != YAML_SEQUENCE_START_EVENT) {
                rc = shape(r, "steps: expected a list of steps");
            } else {
                for (;;) {
                    if ((rc = next(r)) || r->ev.type == YAML_SEQUENCE_END_EVENT)
                        break;
                    if (OMV_GROW(rf->steps, rf->capsteps, rf->nsteps + 1)) {
                        rc = OMV_NOMEM(r->ctx, "scenario file");
                        break;
                    }
                    step_t *st = &rf->steps[rf->nsteps];
                    memset(st, 0, sizeof(*st));
                    st->line = line_of(r);
                    st->col = col_of(r);
                    rf->nsteps++;
                    if (r->ev.type == YAML_SCALAR_EVENT) {
                        if (!(st->command = strdup((const char *)r->ev.data.scalar.value)))
                            rc = OMV_NOMEM(r->ctx, "scenario file");
                    } else if (r->ev.type == YAML_MAPPING_START_EVENT) {
                        if ((rc = next(r)))
                            break;
                        if (r->ev.type != YAML_SCALAR_EVENT) {
                            rc = shape(r, "expected a command name");
                            break;
                        }
                        if (!(st->command = strdup((const char *)r->ev.data.scalar.value))) {
                            rc = OMV_NOMEM(r->ctx, "scenario file");
                            break;
                        }
                        if ((rc = next(r)))
                            break;
                        if (r->ev.type == YAML_MAPPING_START_EVENT)
                            rc = read_options(r, st, rf, 0);
                        else if (!(r->ev.type == YAML_SCALAR_EVENT && !r->ev.data.scalar.value[0]))
                            rc = shape(r, "expected the step's options as a mapping");
                        if (!rc && !(rc = next(r)) && r->ev.type != YAML_MAPPING_END_EVENT)
                            rc = shape(r, "a step holds one command");
                    } else {
                        rc = shape(r, "expected a step: a command name or 'command: {options}'");
                    }
                    if (rc)
                        break;
                }
            }
        } else if (!rc) {
            rc = read_value(r, s, key);
        }
        free(key);
        if (rc)
            return rc;
    }
}

/* Scenario keys: each value through the same parser as the command line, so that a bad value is
 * reported at its place in the file (a key given twice is the step's command's to judge: compare
 * takes --border once per policy). */
static int check_scenario(omv_runfile *rf, omv_ctx *ctx, const opt_t *o, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!omv_scenario_is_key(o[i].key))
            continue;
        omv_scenario *sc = NULL;
        rc = omv_scenario_new(&sc, ctx);
        if (!rc)
            rc = omv_scenario_set(sc, ctx, o[i].key, o[i].value);
        omv_scenario_free(sc);
        if (rc && rc != OMV_ENOMEM) {
            char msg[1024];
            snprintf(msg, sizeof(msg), "%s", omv_ctx_errmsg(ctx));
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:%d:%d: %s", rf->path, o[i].line, o[i].col, msg);
        }
    }
    return rc;
}

/* The effective options of each step: the top-level options it does not set, then its own. */
static int effective(omv_runfile *rf, omv_ctx *ctx)
{
    rf->eff = calloc(rf->nsteps + 1, sizeof(*rf->eff));
    rf->neff = calloc(rf->nsteps + 1, sizeof(*rf->neff));
    if (!rf->eff || !rf->neff)
        return OMV_NOMEM(ctx, "scenario file");
    for (size_t s = 0; s < rf->nsteps; s++) {
        const step_t *st = &rf->steps[s];
        rf->eff[s] = calloc(rf->top.nopts + st->nopts + 1, sizeof(opt_t));
        if (!rf->eff[s])
            return OMV_NOMEM(ctx, "scenario file");
        size_t n = 0;
        for (size_t i = 0; i < rf->top.nopts; i++) {
            int own = 0;
            for (size_t j = 0; j < st->nopts && !own; j++)
                own = strcmp(st->opts[j].key, rf->top.opts[i].key) == 0 ||
                      (omv_scenario_is_key(st->opts[j].key) && omv_scenario_is_key(rf->top.opts[i].key) &&
                       ((!strcmp(st->opts[j].key, "against") && !strcmp(rf->top.opts[i].key, "failures")) ||
                        (!strcmp(st->opts[j].key, "failures") && !strcmp(rf->top.opts[i].key, "against"))));
            if (!own)
                rf->eff[s][n++] = rf->top.opts[i];
        }
        for (size_t j = 0; j < st->nopts; j++)
            rf->eff[s][n++] = st->opts[j];
        rf->neff[s] = n;
        int rc = check_scenario(rf, ctx, rf->eff[s], n);
        if (rc)
            return rc;
    }
    return 0;
}

int omv_runfile_load(omv_runfile **out, omv_ctx *ctx, const char *path)
{
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = omv__read_file(ctx, path, &data, &len);
    if (rc)
        return rc;
    omv_runfile *rf = calloc(1, sizeof(*rf));
    reader r;
    memset(&r, 0, sizeof(r));
    r.ctx = ctx;
    r.path = path;
    if (!rf || !(rf->path = strdup(path)) || !yaml_parser_initialize(&r.p)) {
        free(data);
        omv_runfile_free(rf);
        return OMV_NOMEM(ctx, "scenario file");
    }
    yaml_parser_set_input_string(&r.p, (const unsigned char *)data, len);
    /* stream start, document start, then the top-level mapping */
    if (!(rc = next(&r)) && !(rc = next(&r))) {
        if (r.ev.type != YAML_DOCUMENT_START_EVENT)
            rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: the scenario file is empty", path);
        else if (!(rc = next(&r)) && r.ev.type != YAML_MAPPING_START_EVENT)
            rc = shape(&r, "expected a mapping of options with a list of steps");
    }
    if (!rc)
        rc = read_options(&r, &rf->top, rf, 1);
    if (!rc && !(rc = next(&r)) && r.ev.type != YAML_DOCUMENT_END_EVENT)
        rc = shape(&r, "one document per scenario file");
    if (!rc && rf->nsteps == 0)
        rc = OMV_ERR(ctx, OMV_EDATA, "%s:1:1: no steps (steps: [check, spof, ...])", path);
    if (!rc)
        rc = check_scenario(rf, ctx, rf->top.opts, rf->top.nopts);
    if (!rc)
        rc = effective(rf, ctx);
    if (r.has_ev)
        yaml_event_delete(&r.ev);
    yaml_parser_delete(&r.p);
    free(data);
    if (rc)
        omv_runfile_free(rf);
    else
        *out = rf;
    return rc;
}

size_t omv_runfile_step_count(const omv_runfile *rf) { return rf->nsteps; }

const char *omv_runfile_step_command(const omv_runfile *rf, size_t step)
{
    return step < rf->nsteps ? rf->steps[step].command : NULL;
}

void omv_runfile_step_mark(const omv_runfile *rf, size_t step, int *line, int *col)
{
    *line = step < rf->nsteps ? rf->steps[step].line : 1;
    *col = step < rf->nsteps ? rf->steps[step].col : 1;
}

size_t omv_runfile_option_count(const omv_runfile *rf, size_t step)
{
    if (step == OMV_RUNFILE_TOP)
        return rf->top.nopts;
    return step < rf->nsteps ? rf->neff[step] : 0;
}

int omv_runfile_option_get(const omv_runfile *rf, size_t step, size_t i, const char **key, const char **value,
                           int *line, int *col)
{
    const opt_t *o;
    if (step == OMV_RUNFILE_TOP && i < rf->top.nopts)
        o = &rf->top.opts[i];
    else if (step < rf->nsteps && i < rf->neff[step])
        o = &rf->eff[step][i];
    else
        return OMV_EARG;
    *key = o->key;
    *value = o->value;
    *line = o->line;
    *col = o->col;
    return 0;
}
