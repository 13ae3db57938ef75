/*
 * mathprog.c — the compact flow form: writes the data section of models/protect.mod for an
 * instance, translates the model once with GLPK's MathProg translator, and solves it (small
 * instances), or exports it for other solvers as data file and free MPS.
 *
 * Names in the data section are short and safe for MathProg: node i is n<i>, planner link e is
 * e<e>, candidate j is k<j>, failure f is f<f+1> (f0 is the state without failure, so that a target
 * needs a path to the core even when a class has no failure). The translator's messages reach a
 * terminal hook, never the terminal; an error in the model comes back as "file:line: message".
 */
#include "plan/model.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef OMV_MODELS_DIR
#define OMV_MODELS_DIR "models"
#endif
#ifndef OMV_MODELS_INSTALL_DIR
#define OMV_MODELS_INSTALL_DIR "models"
#endif

/* Finds models/protect.mod: $OMVEI_MODELS, the source tree, then the installed copy. */
static char *model_path(omv_ctx *ctx)
{
    const char *dirs[] = {getenv("OMVEI_MODELS"), OMV_MODELS_DIR, OMV_MODELS_INSTALL_DIR};
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        if (!dirs[i] || !dirs[i][0])
            continue;
        char *p = omv__path_join(dirs[i], "protect.mod");
        if (p && omv__file_exists(p))
            return p;
        free(p);
    }
    OMV_ERR(ctx, OMV_EIO, "protect.mod not found (set OMVEI_MODELS to the folder holding the models)");
    return NULL;
}

static void num(omv__buf *b, double v)
{
    char s[40];
    omv__fmt_double(s, sizeof(s), v);
    omv__buf_puts(b, s);
}

static void put_fail_links(omv__buf *b, const omv__pinst *I, size_t f)
{
    const omv__pfail *F = &I->fail[f];
    if (F->cls == OMV_FAIL_POWER)
        return;
    omv__buf_printf(b, "set FL[f%zu] :=", f + 1);
    switch (F->cls) {
    case OMV_FAIL_LINKS:
        omv__buf_printf(b, " e%d", (int)F->idx);
        break;
    case OMV_FAIL_NODES:
        for (int32_t k = I->off[F->idx]; k < I->off[F->idx + 1]; k++)
            omv__buf_printf(b, " e%d", (int)I->eid[k]);
        break;
    default:
        for (int32_t k = I->g_off[F->idx]; k < I->g_off[F->idx + 1]; k++)
            omv__buf_printf(b, " e%d", (int)I->g_link[k]);
        break;
    }
    omv__buf_puts(b, ";\n");
}

/* The data section for the instance and the mode of prm. Pairs (t, f) are listed only when f cuts t
 * off in the network as it is (cuts, noway: omv__pcheck_cutting without any candidate): a pair that
 * leaves t connected today does so under every plan, which only adds links and power. */
static char *data_text(const omv__pinst *I, const omv__solve_params *prm, const uint8_t *cuts, const uint8_t *noway)
{
    omv__buf b;
    omv__buf_init(&b);
    omv__buf_puts(&b, "/* data section for models/protect.mod, written by omvei */\ndata;\n\nset N :=");
    for (size_t v = 0; v < I->n; v++)
        omv__buf_printf(&b, "%s n%zu", v % 20 == 19 ? "\n" : "", v);
    omv__buf_puts(&b, ";\nset CORE :=");
    for (size_t v = 0; v < I->n; v++)
        if (I->is_core[v])
            omv__buf_printf(&b, " n%zu", v);
    omv__buf_puts(&b, ";\n\nparam : L : a b :=\n");
    for (size_t e = 0; e < I->m; e++)
        omv__buf_printf(&b, "  e%zu n%d n%d\n", e, (int)I->la[e], (int)I->lb[e]);
    omv__buf_puts(&b, ";\n\nparam : K : cost :=\n");
    for (size_t j = 0; j < I->nvar; j++) {
        omv__buf_printf(&b, "  k%zu ", j);
        num(&b, I->vcost[j]);
        omv__buf_puts(&b, "\n");
    }
    omv__buf_puts(&b, ";\nset KL :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_LINK)
            omv__buf_printf(&b, " k%zu", j);
    omv__buf_puts(&b, ";\nparam lvar :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_LINK)
            omv__buf_printf(&b, " k%zu e%d", j, (int)I->vlink[j]);
    omv__buf_puts(&b, ";\nset KS :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_SATELLITE)
            omv__buf_printf(&b, " k%zu", j);
    omv__buf_puts(&b, ";\nparam site :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_SATELLITE)
            omv__buf_printf(&b, " k%zu n%d", j, (int)I->vnode[j]);
    omv__buf_puts(&b, ";\nset KP :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_POWER)
            omv__buf_printf(&b, " k%zu", j);
    omv__buf_puts(&b, ";\nparam : pnode ph :=");
    for (size_t j = 0; j < I->nvar; j++)
        if (I->vkind[j] == OMV_INVEST_POWER) {
            omv__buf_printf(&b, " k%zu n%d ", j, (int)I->vnode[j]);
            num(&b, I->vhours[j]);
        }
    int must = !prm->maximise_pop && prm->popmin < 0;
    omv__buf_puts(&b, ";\n\nparam : T : pop must :=\n");
    for (size_t t = 0; t < I->nt; t++)
        if (I->tfeas[t])
            omv__buf_printf(&b, "  n%d %lld %d\n", (int)I->tnode[t], (long long)I->tpop[t], must);
    omv__buf_puts(&b, ";\n\nset F := f0");
    for (size_t f = 0; f < I->nfail; f++)
        omv__buf_printf(&b, "%s f%zu", f % 20 == 19 ? "\n" : "", f + 1);
    omv__buf_puts(&b, ";\n");
    for (size_t f = 0; f < I->nfail; f++)
        put_fail_links(&b, I, f);
    for (size_t f = 0; f < I->nfail; f++) {
        if (I->fail[f].cls != OMV_FAIL_POWER)
            continue;
        size_t k = (size_t)I->fail[f].idx;
        omv__buf_printf(&b, "set FN[f%zu] :=", f + 1);
        for (size_t v = 0; v < I->n; v++)
            if (I->fails[k * I->n + v])
                omv__buf_printf(&b, " n%zu", v);
        omv__buf_puts(&b, ";\n");
    }
    omv__buf_puts(&b, "param fh :=");
    for (size_t f = 0; f < I->nfail; f++)
        if (I->fail[f].cls == OMV_FAIL_POWER) {
            omv__buf_printf(&b, " f%zu ", f + 1);
            num(&b, I->hours[I->fail[f].idx]);
        }
    omv__buf_puts(&b, ";\n\nset P :=\n");
    for (size_t t = 0; t < I->nt; t++) {
        if (!I->tfeas[t])
            continue;
        int32_t tn = I->tnode[t];
        size_t k = 0;
        if (noway[t]) {
            omv__buf_printf(&b, " n%d f0", (int)tn);
            k++;
        }
        for (size_t f = 0; f < I->nfail; f++) {
            if (!(noway[t] || cuts[t * I->nfail + f]) || omv__pinst_is_self(I, (int32_t)f, tn))
                continue;
            omv__buf_printf(&b, " n%d f%zu", (int)tn, f + 1);
            if (++k % 10 == 0)
                omv__buf_puts(&b, "\n");
        }
        if (k % 10)
            omv__buf_puts(&b, "\n");
    }
    omv__buf_puts(&b, ";\n\n");
    if (prm->budget >= 0) {
        omv__buf_puts(&b, "param budget := ");
        num(&b, prm->budget);
        omv__buf_puts(&b, ";\n");
    }
    if (prm->popmin >= 0) {
        omv__buf_puts(&b, "param popmin := ");
        num(&b, prm->popmin);
        omv__buf_puts(&b, ";\n");
    }
    omv__buf_printf(&b, "param wcost := %d;\nparam wpop := %d;\n\nend;\n", prm->maximise_pop ? 0 : 1,
                    prm->maximise_pop ? 1 : 0);
    return omv__buf_take(&b);
}

/* The data section, with the pairs that matter (see data_text). */
static char *make_data(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm)
{
    omv__pcheck *c = NULL;
    uint8_t *cuts = NULL, *noway = malloc(I->nt + 1);
    double *none = calloc(I->nvar + 1, sizeof(double));
    char *text = NULL;
    if (noway && none && !omv__pcheck_new(&c, I, 1) && !omv__pcheck_cutting(c, ctx, none, &cuts, noway))
        text = data_text(I, prm, cuts, noway);
    omv__pcheck_free(c);
    free(cuts);
    free(noway);
    free(none);
    return text;
}

/* Collects the translator's messages; the last lines explain an error. */
typedef struct {
    char text[2048];
    size_t len;
} termbuf;

static int capture(void *info, const char *s)
{
    termbuf *t = info;
    size_t n = strlen(s);
    if (n >= sizeof(t->text))
        s += n - (sizeof(t->text) - 1), n = sizeof(t->text) - 1;
    if (t->len + n >= sizeof(t->text)) {
        /* keep the tail */
        size_t drop = t->len + n - (sizeof(t->text) - 1);
        memmove(t->text, t->text + drop, t->len - drop);
        t->len -= drop;
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
    return 1;
}

static const char *last_line(termbuf *t)
{
    while (t->len && (t->text[t->len - 1] == '\n' || t->text[t->len - 1] == '\r'))
        t->text[--t->len] = '\0';
    char *nl = strrchr(t->text, '\n');
    return nl ? nl + 1 : t->text;
}

/* Writes the data to a temporary file and translates the model into P. */
static int translate(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm, const char *data_path,
                     glp_prob *P, termbuf *tb)
{
    char *model = model_path(ctx);
    if (!model)
        return OMV_EIO;
    int rc = 0;
    glp_tran *tran = glp_mpl_alloc_wksp();
    const char *tmpdir = getenv("TMPDIR");
    char *tmpl = NULL;
    int fd = -1;
    const char *dpath = data_path;
    if (!dpath) {
        char *text = make_data(I, ctx, prm);
        tmpl = omv__path_join(tmpdir && tmpdir[0] ? tmpdir : "/tmp", "omvei-protect-XXXXXX");
        if (!text || !tmpl) {
            free(text);
            rc = OMV_NOMEM(ctx, "MathProg data");
            goto cleanup;
        }
        fd = mkstemp(tmpl);
        if (fd < 0) {
            free(text);
            rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot create a temporary file for the MathProg data", tmpl);
            goto cleanup;
        }
        size_t len = strlen(text), off = 0;
        while (off < len) {
            ssize_t w = write(fd, text + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        free(text);
        close(fd);
        if (off < len) {
            rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot write the MathProg data", tmpl);
            goto cleanup;
        }
        dpath = tmpl;
    }
    if (glp_mpl_read_model(tran, model, 1) != 0) {
        rc = OMV_ERR(ctx, OMV_EDATA, "MathProg: %s", last_line(tb));
        goto cleanup;
    }
    if (glp_mpl_read_data(tran, dpath) != 0) {
        rc = OMV_ERR(ctx, OMV_EDATA, "MathProg: %s", last_line(tb));
        goto cleanup;
    }
    if (glp_mpl_generate(tran, NULL) != 0) {
        rc = OMV_ERR(ctx, OMV_EDATA, "MathProg: %s", last_line(tb));
        goto cleanup;
    }
    glp_mpl_build_prob(tran, P);
cleanup:
    if (fd >= 0)
        unlink(tmpl);
    free(tmpl);
    glp_mpl_free_wksp(tran);
    free(model);
    return rc;
}

/* Candidate index of a column named x[k<j>], or -1. */
static long col_candidate(const char *name, size_t nvar)
{
    if (!name || strncmp(name, "x[k", 3) != 0)
        return -1;
    char *end;
    long j = strtol(name + 3, &end, 10);
    if (*end != ']' || j < 0 || (size_t)j >= nvar)
        return -1;
    return j;
}

int omv__mp_solve(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm, omv__solve_result *res)
{
    termbuf tb;
    tb.len = 0;
    tb.text[0] = '\0';
    res->status = OMV_PLAN_OPTIMAL;
    res->has_sol = 0;
    res->obj = res->bound = NAN;
    res->nodes = 0;
    res->rows = 0;
    glp_term_hook(capture, &tb);
    glp_prob *P = glp_create_prob();
    int rc = translate(I, ctx, prm, NULL, P, &tb);
    if (rc)
        goto cleanup;
    int tl = INT_MAX;
    if (prm->deadline > 0) {
        double ms = (prm->deadline - omv__plan_now()) * 1000.0;
        tl = ms < 1 ? 1 : ms > INT_MAX - 1 ? INT_MAX - 1 : (int)ms;
    }
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_ON;
    io.tm_lim = tl;
    if (prm->gap > 0)
        io.mip_gap = prm->gap;
    int ret = glp_intopt(P, &io);
    if (ret == GLP_ETMLIM)
        res->status = OMV_PLAN_TIME_LIMIT;
    else if (ret == GLP_EMIPGAP)
        res->status = OMV_PLAN_GAP_LIMIT;
    else if (ret == GLP_ENOPFS || ret == GLP_ENODFS) {
        res->status = OMV_PLAN_INFEASIBLE;
        goto cleanup;
    } else if (ret != 0) {
        rc = OMV_ERR(ctx, OMV_ESOLVER, "GLPK failed on the compact model (code %d): %s", ret, last_line(&tb));
        goto cleanup;
    }
    int ms = glp_mip_status(P);
    if (ms == GLP_NOFEAS) {
        res->status = OMV_PLAN_INFEASIBLE;
        goto cleanup;
    }
    if (ms != GLP_OPT && ms != GLP_FEAS)
        goto cleanup;
    res->has_sol = 1;
    memset(res->sel, 0, I->nvar);
    int nc = glp_get_num_cols(P);
    for (int j = 1; j <= nc; j++) {
        long k = col_candidate(glp_get_col_name(P, j), I->nvar);
        if (k >= 0)
            res->sel[k] = glp_mip_col_val(P, j) > 0.5;
    }
    double z = glp_mip_obj_val(P);
    res->obj = prm->maximise_pop ? -z : z;
    if (res->status == OMV_PLAN_OPTIMAL)
        res->bound = res->obj;
cleanup:
    glp_delete_prob(P);
    glp_term_hook(NULL, NULL);
    return rc;
}

int omv__mp_export(const omv__pinst *I, omv_ctx *ctx, const omv__solve_params *prm, const char *data_path,
                   const char *mps_path)
{
    char *text = make_data(I, ctx, prm);
    if (!text)
        return OMV_NOMEM(ctx, "MathProg data");
    int rc = 0;
    if (data_path)
        rc = omv__write_file_atomic(ctx, data_path, text, strlen(text));
    free(text);
    if (rc || !mps_path)
        return rc;
    termbuf tb;
    tb.len = 0;
    tb.text[0] = '\0';
    glp_term_hook(capture, &tb);
    glp_prob *P = glp_create_prob();
    rc = translate(I, ctx, prm, data_path, P, &tb);
    if (!rc && glp_write_mps(P, GLP_MPS_FILE, NULL, mps_path) != 0)
        rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot write the MPS file", mps_path);
    glp_delete_prob(P);
    glp_term_hook(NULL, NULL);
    return rc;
}
