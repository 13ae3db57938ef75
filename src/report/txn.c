/*
 * txn.c — the report-folder transaction (see txn.h): temporaries beside their final names, renamed
 * together at commit, removed on error or interrupt; stale temporaries of dead runs cleaned away.
 */
#include "report/txn.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

typedef struct {
    char *path, *tmp;
    bool created;   /* the temporary exists and is ours to remove */
    bool committed; /* renamed into place */
} txn_file;

struct omv__report_txn {
    char *dir;
    txn_file *files;
    size_t n, cap;
    bool interrupted_at_begin; /* a run stopped by ^C may still write; only a new ^C aborts */
};

/* True for NAME.tmp.DIGITS; *pid receives the digits. */
static bool tmp_pid(const char *name, long *pid)
{
    const char *p = strstr(name, ".tmp.");
    if (!p || p == name)
        return false;
    for (const char *q; (q = strstr(p + 1, ".tmp."));)
        p = q;
    const char *d = p + 5;
    if (!*d)
        return false;
    long v = 0;
    for (; *d; d++) {
        if (*d < '0' || *d > '9' || v > 99999999)
            return false;
        v = v * 10 + (*d - '0');
    }
    *pid = v;
    return v > 0;
}

size_t omv__report_remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t removed = 0;
    long self = (long)getpid();
    for (struct dirent *e; (e = readdir(d));) {
        long pid;
        if (!tmp_pid(e->d_name, &pid) || pid == self)
            continue;
        /* ESRCH: no such process. EPERM means it runs under another user: keep its files. */
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *path = omv__path_join(dir, e->d_name);
        if (path && omv__file_exists(path) && unlink(path) == 0)
            removed++;
        free(path);
    }
    closedir(d);
    return removed;
}

int omv__report_txn_begin(omv__report_txn **out, omv_ctx *ctx, const char *dir)
{
    *out = NULL;
    if (!dir || !dir[0])
        return OMV_ERR(ctx, OMV_EARG, "no report folder given");
    omv__report_txn *t = calloc(1, sizeof(*t));
    if (!t || !(t->dir = strdup(dir))) {
        free(t);
        return OMV_NOMEM(ctx, "report folder");
    }
    t->interrupted_at_begin = omv__interrupted(ctx);
    omv__report_remove_stale(dir);
    *out = t;
    return 0;
}

/* An interrupt that arrived while this transaction was writing. */
static int check_interrupt(const omv__report_txn *t, omv_ctx *ctx)
{
    if (!t->interrupted_at_begin && omv__interrupted(ctx))
        return OMV_ERR(ctx, OMV_EINTR, "%s: interrupted while writing the report; the folder is left as it was",
                       t->dir);
    return 0;
}

int omv__report_txn_open(omv__report_txn *t, omv_ctx *ctx, const char *name, FILE **fp)
{
    *fp = NULL;
    int rc = check_interrupt(t, ctx);
    if (rc)
        return rc;
    if (!name[0] || strchr(name, '/'))
        return OMV_ERR(ctx, OMV_EINTERNAL, "report file name '%s' is not a plain name", name);
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 8;
        txn_file *f = realloc(t->files, cap * sizeof(*f));
        if (!f)
            return OMV_NOMEM(ctx, "report files");
        t->files = f;
        t->cap = cap;
    }
    txn_file *f = &t->files[t->n];
    memset(f, 0, sizeof(*f));
    f->path = omv__path_join(t->dir, name);
    size_t len = f->path ? strlen(f->path) + 32 : 0;
    f->tmp = f->path ? malloc(len) : NULL;
    if (!f->tmp) {
        free(f->path);
        return OMV_NOMEM(ctx, "path");
    }
    snprintf(f->tmp, len, "%s.tmp.%ld", f->path, (long)getpid());
    t->n++; /* from here on freed (and its temporary removed) with t */
    *fp = fopen(f->tmp, "wb");
    if (!*fp)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", f->path, strerror(errno));
    f->created = true;
    return 0;
}

int omv__report_txn_close(omv__report_txn *t, omv_ctx *ctx, FILE *fp, int err)
{
    if (!fp)
        return 0;
    /* Every step runs, fclose above all, whatever failed before it. */
    errno = 0;
    if (fflush(fp) != 0 && !err)
        err = errno ? errno : EIO;
    if (fclose(fp) != 0 && !err)
        err = errno ? errno : EIO;
    if (err)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", t->n ? t->files[t->n - 1].path : t->dir,
                       strerror(err));
    return check_interrupt(t, ctx);
}

int omv__report_txn_put(omv__report_txn *t, omv_ctx *ctx, const char *name, const char *data, size_t len)
{
    FILE *fp;
    int rc = omv__report_txn_open(t, ctx, name, &fp);
    if (rc)
        return rc;
    errno = 0;
    int err = len && fwrite(data, 1, len, fp) != len ? (errno ? errno : EIO) : 0;
    return omv__report_txn_close(t, ctx, fp, err);
}

int omv__report_txn_commit(omv__report_txn *t, omv_ctx *ctx)
{
    int rc = check_interrupt(t, ctx);
    for (size_t i = 0; !rc && i < t->n; i++) {
        txn_file *f = &t->files[i];
        if (!f->created)
            return OMV_ERR(ctx, OMV_EINTERNAL, "%s: committed before it was written", f->path);
        if (rename(f->tmp, f->path) != 0)
            rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", f->path, strerror(errno));
        else
            f->committed = true;
    }
    return rc;
}

void omv__report_txn_free(omv__report_txn *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        if (t->files[i].created && !t->files[i].committed)
            remove(t->files[i].tmp);
        free(t->files[i].tmp);
        free(t->files[i].path);
    }
    free(t->files);
    free(t->dir);
    free(t);
}
