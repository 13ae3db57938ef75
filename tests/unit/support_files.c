/*
 * support_files.c — temporary folders for the unit suites that write files (loaders, writers,
 * reports), shared so that each suite does not carry its own copy.
 */
#include "support_files.h"

#include "core/core.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *omv_test_tmpdir(const char *tag)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof(tmpl), "%s/omv_%s_XXXXXX", base && *base ? base : "/tmp", tag);
    char *d = mkdtemp(tmpl);
    ck_assert_msg(d != NULL, "mkdtemp failed");
    return strdup(d);
}

void omv_test_rmtree(const char *dir)
{
    DIR *dh = opendir(dir);
    if (dh) {
        struct dirent *e;
        while ((e = readdir(dh))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = omv__path_join(dir, e->d_name);
            if (omv__is_dir(p))
                omv_test_rmtree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(dh);
    }
    rmdir(dir);
}
