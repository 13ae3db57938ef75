/* support_files.h — temporary folders and network look-ups for the unit suites. */
#ifndef OMV_SUPPORT_FILES_H
#define OMV_SUPPORT_FILES_H

/* A fresh folder under TMPDIR (or /tmp) named after tag; malloc'd path. Fails the test when it cannot. */
char *omv_test_tmpdir(const char *tag);
/* Removes dir and everything below it. */
void omv_test_rmtree(const char *dir);

#include "omvei.h"

/* Index of the node / link with this id; fails the test when there is none. */
long omv_test_node(const omv_net *net, const char *id);
long omv_test_link(const omv_net *net, const char *id);
/* Extra attribute key of that node / link, or NULL. */
const char *omv_test_node_attr(const omv_net *net, const char *id, const char *key);
const char *omv_test_link_attr(const omv_net *net, const char *id, const char *key);

/* Warnings of the context other than the missing-data ones (population, power_h, core) that loading
 * raises for inputs without such data (Topology Zoo, SNDlib). */
size_t omv_test_warnings_besides_missing_data(const omv_ctx *ctx);

#endif
