/*
 * txn.h — one transaction per report folder, shared by every command that writes into one.
 *
 * A run writes each of its files under a temporary name beside the final one (NAME.tmp.PID) and
 * renames them all into place only at commit, once every file is complete; an error, an abort or an
 * interrupt that arrives while writing removes the temporaries and leaves the folder as it was.
 * Opening a folder also removes the temporaries that runs killed outright (SIGKILL, power loss) left
 * behind: files NAME.tmp.PID whose process no longer exists.
 */
#ifndef OMV_REPORT_TXN_H
#define OMV_REPORT_TXN_H

#include "core/core.h"

#include <stdio.h>

typedef struct omv__report_txn omv__report_txn;

/* Begins a transaction in dir, a folder that must exist (omv_report_mkdir creates one; a missing one
 * fails at the first file, naming it), and removes its stale temporaries of dead runs. An interrupt that arrives from now on aborts the transaction. */
int omv__report_txn_begin(omv__report_txn **out, omv_ctx *ctx, const char *dir);

/* Starts file name (a plain name, no '/') and returns the stream of its temporary. Finish it with
 * omv__report_txn_close before starting the next. */
int omv__report_txn_open(omv__report_txn *t, omv_ctx *ctx, const char *name, FILE **fp);
/* Closes the stream of the file started last. err: an error (errno value) the caller met while
 * writing it, or 0. Returns OMV_EIO naming the final path on any write or close error. */
int omv__report_txn_close(omv__report_txn *t, omv_ctx *ctx, FILE *fp, int err);

/* Writes a whole file: open, write len bytes, close. */
int omv__report_txn_put(omv__report_txn *t, omv_ctx *ctx, const char *name, const char *data, size_t len);

/* Renames every file into place (in the order started). Fails with OMV_EINTR, writing nothing, when
 * an interrupt arrived after begin. */
int omv__report_txn_commit(omv__report_txn *t, omv_ctx *ctx);

/* Removes the temporaries not committed and frees t. NULL does nothing. */
void omv__report_txn_free(omv__report_txn *t);

/* Removes dir's temporaries (NAME.tmp.PID) whose process PID no longer runs; returns how many. */
size_t omv__report_remove_stale(const char *dir);

#endif /* OMV_REPORT_TXN_H */
