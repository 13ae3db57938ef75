/*
 * file.c — whole-file reads, atomic writes (temporary name + rename) and path helpers.
 */
#include "core/core.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int omv__read_file(omv_ctx *ctx, const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return OMV_ERR(ctx, OMV_EIO, "%s: cannot open: %s", path, strerror(errno));
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
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return OMV_ERR(ctx, OMV_EIO, "%s: read error", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
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
