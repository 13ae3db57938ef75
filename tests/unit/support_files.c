/*
 * support_files.c — temporary folders for the unit suites that write files (loaders, writers,
 * reports), shared so that each suite does not carry its own copy.
 */
#include "support_files.h"

#include "topo/net.h"

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

long omv_test_node(const omv_net *net, const char *id)
{
    long v = omv_net_node_find(net, id);
    ck_assert_msg(v >= 0, "node '%s' missing", id);
    return v;
}

long omv_test_link(const omv_net *net, const char *id)
{
    long l = omv_net_link_find(net, id);
    ck_assert_msg(l >= 0, "link '%s' missing", id);
    return l;
}

const char *omv_test_node_attr(const omv_net *net, const char *id, const char *key)
{
    return omv__attrs_get(omv__node_attrs(&net->nodes[omv_test_node(net, id)]), key);
}

const char *omv_test_link_attr(const omv_net *net, const char *id, const char *key)
{
    return omv__attrs_get(omv__link_attrs(&net->links[omv_test_link(net, id)]), key);
}

size_t omv_test_warnings_besides_missing_data(const omv_ctx *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < omv_ctx_warning_count(ctx); i++) {
        const char *w = omv_ctx_warning(ctx, i);
        n += !strstr(w, "have no population") && !strstr(w, "have no power_h") && !strstr(w, "no node of kind core");
    }
    return n;
}
