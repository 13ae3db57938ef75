/*
 * ctx.c — the context: last error with its library location, collected warnings, seed, threads,
 * and the interrupt flag the caller may set from a signal handler.
 */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

omv_ctx *omv_ctx_new(void)
{
    omv_ctx *ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return NULL;
    ctx->seed = 20140101u;
    return ctx;
}

void omv_ctx_free(omv_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->nwarnings; i++)
        free(ctx->warnings[i]);
    free(ctx->warnings);
    free(ctx);
}

const char *omv_ctx_errmsg(const omv_ctx *ctx) { return ctx ? ctx->errmsg : ""; }
const char *omv_ctx_errsrc(const omv_ctx *ctx) { return ctx ? ctx->errsrc : ""; }

size_t omv_ctx_warning_count(const omv_ctx *ctx) { return ctx ? ctx->nwarnings : 0; }

const char *omv_ctx_warning(const omv_ctx *ctx, size_t i)
{
    return (ctx && i < ctx->nwarnings) ? ctx->warnings[i] : NULL;
}

void omv_ctx_clear_warnings(omv_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->nwarnings; i++)
        free(ctx->warnings[i]);
    ctx->nwarnings = 0;
}

void omv_ctx_set_seed(omv_ctx *ctx, uint64_t seed) { ctx->seed = seed; }
uint64_t omv_ctx_seed(const omv_ctx *ctx) { return ctx->seed; }
void omv_ctx_set_threads(omv_ctx *ctx, int threads) { ctx->threads = threads < 0 ? 0 : threads; }
int omv_ctx_threads(const omv_ctx *ctx) { return ctx->threads; }
void omv_ctx_set_interrupt_flag(omv_ctx *ctx, volatile int *flag) { ctx->interrupt = flag; }

bool omv__interrupted(const omv_ctx *ctx) { return ctx && ctx->interrupt && *ctx->interrupt; }

int omv__threads(const omv_ctx *ctx)
{
    if (ctx && ctx->threads > 0)
        return ctx->threads;
#ifdef _OPENMP
    int t = omp_get_max_threads();
    return t > 0 ? t : 1;
#else
    return 1;
#endif
}

/* __FILE__ may hold the build machine's absolute path; messages show the path inside the source
 * tree ("src/topo/build.c") so that they read the same everywhere. */
static const char *repo_relative(const char *path)
{
    const char *rel = strncmp(path, "src/", 4) == 0 ? path : NULL;
    for (const char *p = strstr(path, "/src/"); p; p = strstr(p + 1, "/src/"))
        rel = p + 1;
    return rel ? rel : path;
}

int omv__err(omv_ctx *ctx, int code, const char *src, int line, const char *fmt, ...)
{
    if (!ctx)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
    va_end(ap);
    snprintf(ctx->errsrc, sizeof(ctx->errsrc), "%s:%d", repo_relative(src), line);
    return code;
}

int omv__warn(omv_ctx *ctx, const char *fmt, ...)
{
    if (!ctx)
        return 0;
    if (OMV_GROW(ctx->warnings, ctx->capwarnings, ctx->nwarnings + 1))
        return OMV_ENOMEM;
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    char *s = strdup(tmp);
    if (!s)
        return OMV_ENOMEM;
    ctx->warnings[ctx->nwarnings++] = s;
    return 0;
}

const char *omv_strerror(int code)
{
    switch (code) {
    case OMV_OK:
        return "no error";
    case OMV_ENOMEM:
        return "out of memory";
    case OMV_EIO:
        return "a file could not be read or written";
    case OMV_EDATA:
        return "invalid input data";
    case OMV_EARG:
        return "invalid argument";
    case OMV_ESOLVER:
        return "the solver failed";
    case OMV_EINTERNAL:
        return "internal error";
    case OMV_EINTR:
        return "interrupted";
    default:
        return "unknown error";
    }
}
