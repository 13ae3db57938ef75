/*
 * progress.c — progress of long runs, passed to the caller's function a few times a second. The
 * library only counts; what a user sees (a line on a terminal, nothing in a pipe) is the caller's.
 */
#include "core/core.h"

#include <string.h>
#include <time.h>

void omv_ctx_set_progress(omv_ctx *ctx, omv_progress_fn fn, void *user)
{
    ctx->progress = fn;
    ctx->progress_user = user;
    ctx->progress_last = 0;
    ctx->progress_phase = NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void omv__progress(omv_ctx *ctx, const char *phase, size_t done, size_t total)
{
    if (!ctx || !ctx->progress)
        return;
    double t = now_s();
    int complete = total > 0 && done >= total;
    int new_phase = !ctx->progress_phase || strcmp(ctx->progress_phase, phase) != 0;
    if (!complete && !new_phase && t - ctx->progress_last < 0.2)
        return;
    ctx->progress_last = t;
    ctx->progress_phase = phase;
    ctx->progress(ctx->progress_user, phase, total ? (double)done / (double)total : -1.0);
}
