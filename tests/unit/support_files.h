/* support_files.h — temporary folders for the unit suites. */
#ifndef OMV_SUPPORT_FILES_H
#define OMV_SUPPORT_FILES_H

/* A fresh folder under TMPDIR (or /tmp) named after tag; malloc'd path. Fails the test when it cannot. */
char *omv_test_tmpdir(const char *tag);
/* Removes dir and everything below it. */
void omv_test_rmtree(const char *dir);

#endif
