/*
 * file.c — whole-file reads, atomic writes (temporary name + rename) and path helpers.
 */
#include "core/core.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The reason an input cannot be opened, in the words messages use. */
static const char *input_reason(int e)
{
    switch (e) {
    case ENOENT:
        return "no such file";
    case ENOTDIR:
        return "no such file (a part of the path is not a folder)";
    case EACCES:
    case EPERM:
        return "permission denied";
    default:
        return strerror(e);
    }
}

int omv__open_input(omv_ctx *ctx, const char *path, FILE **out)
{
    *out = NULL;
    if (!path[0])
        return OMV_ERR(ctx, OMV_EDATA, "an input path is empty");
    /* Non-blocking, so that a named pipe without a writer does not hang the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return OMV_ERR(ctx, OMV_EDATA, "%s: %s", path, input_reason(errno));
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0)
        why = input_reason(errno);
    else if (S_ISDIR(st.st_mode))
        why = "is a folder, not a file";
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file (a pipe, a device or a socket cannot be read as input)";
    FILE *f = why ? NULL : fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return OMV_ERR(ctx, OMV_EDATA, "%s: %s", path, why ? why : input_reason(e));
    }
    *out = f;
    return 0;
}

int omv__stat_input(omv_ctx *ctx, const char *path, bool *is_dir)
{
    *is_dir = false;
    if (!path[0])
        return OMV_ERR(ctx, OMV_EDATA, "an input path is empty");
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        return OMV_ERR(ctx, OMV_EDATA, "%s: %s", path, e == ENOENT ? "no such file or folder" : input_reason(e));
    }
    if (S_ISDIR(st.st_mode)) {
        *is_dir = true;
        return 0;
    }
    if (!S_ISREG(st.st_mode))
        return OMV_ERR(ctx, OMV_EDATA, "%s: not a regular file (a pipe, a device or a socket cannot be read as input)",
                       path);
    return 0;
}

int omv__read_file(omv_ctx *ctx, const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f;
    int rc = omv__open_input(ctx, path, &f);
    if (rc)
        return rc;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (OMV_GROW(buf, cap, n + 65536 + 1)) {
            free(buf);
            fclose(f);
            return OMV_NOMEM(ctx, path);
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f) ? errno : 0;
    fclose(f);
    if (bad) {
        free(buf);
        return OMV_ERR(ctx, OMV_EDATA, "%s: read error: %s", path, strerror(bad));
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int omv__mkdir_p(omv_ctx *ctx, const char *dir)
{
    if (!dir[0])
        return OMV_ERR(ctx, OMV_EARG, "the output folder is an empty path");
    char *p = strdup(dir);
    if (!p)
        return OMV_NOMEM(ctx, "path");
    /* Each parent in turn; a leading '/' is the root, which exists. */
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            int rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot create folder: %s", p, strerror(e));
            free(p);
            return rc;
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = OMV_ERR(ctx, OMV_EIO, "%s: cannot create folder: %s", p, strerror(errno));
    else if (!omv__is_dir(p))
        rc = OMV_ERR(ctx, OMV_EIO, "%s: exists and is not a folder", p);
    free(p);
    return rc;
}

int omv__write_file_atomic(omv_ctx *ctx, const char *path, const char *data, size_t len)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 32);
    if (!tmp)
        return OMV_NOMEM(ctx, path);
    snprintf(tmp, pl + 32, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        int e = errno;
        free(tmp);
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    /* Every step runs, fclose above all, whatever failed before it. */
    int bad = w != len;
    bad |= fflush(f) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        free(tmp);
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    free(tmp);
    return 0;
}

char *omv__path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    size_t k = dl;
    if (dl && dir[dl - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, nl + 1);
    return p;
}

bool omv__is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool omv__file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *omv__path_ext(const char *path, char *buf, size_t bufsz)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || bufsz == 0) {
        if (bufsz)
            buf[0] = '\0';
        return buf;
    }
    size_t i = 0;
    for (dot++; *dot && i + 1 < bufsz; dot++)
        buf[i++] = (char)tolower((unsigned char)*dot);
    buf[i] = '\0';
    return buf;
}
