/*
 * test_report_txn.c — the report-folder transaction (src/report/txn.h): files appear only at commit
 * and all together; an abort, an error or an interrupt while writing leaves the folder as it was,
 * with no temporary; an interrupt that came before the transaction began does not stop it; stale
 * temporaries of dead runs are removed, those of live runs kept.
 */
#include "report/txn.h"
#include "support_files.h"

#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Number of entries in dir whose name contains part (NULL: every entry). */
static int count(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.' && (!part || strstr(e->d_name, part)))
            n++;
    closedir(d);
    return n;
}

static char *slurp(const char *dir, const char *name)
{
    char *p = omv__path_join(dir, name);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f)
        return NULL;
    char buf[256];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strdup(buf);
}

static void put(const char *dir, const char *name, const char *text)
{
    char *p = omv__path_join(dir, name);
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

START_TEST(test_commit_all_together)
{
    char *dir = omv_test_tmpdir("txn");
    omv_ctx *ctx = omv_ctx_new();
    omv__report_txn *t = NULL;
    ck_assert_int_eq(omv__report_txn_begin(&t, ctx, dir), 0);
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "a.json", "{}\n", 3), 0);
    FILE *fp = NULL;
    ck_assert_int_eq(omv__report_txn_open(t, ctx, "b.csv", &fp), 0);
    fputs("x,y\n", fp);
    ck_assert_int_eq(omv__report_txn_close(t, ctx, fp, 0), 0);
    /* Nothing under its real name before the commit. */
    ck_assert_int_eq(count(dir, ".tmp."), 2);
    ck_assert_ptr_null(slurp(dir, "a.json"));
    ck_assert_int_eq(omv__report_txn_commit(t, ctx), 0);
    omv__report_txn_free(t);
    ck_assert_int_eq(count(dir, NULL), 2);
    char *a = slurp(dir, "a.json"), *b = slurp(dir, "b.csv");
    ck_assert_str_eq(a, "{}\n");
    ck_assert_str_eq(b, "x,y\n");
    free(a);
    free(b);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_abort_leaves_folder)
{
    char *dir = omv_test_tmpdir("txn");
    put(dir, "a.json", "old\n");
    omv_ctx *ctx = omv_ctx_new();
    omv__report_txn *t = NULL;
    ck_assert_int_eq(omv__report_txn_begin(&t, ctx, dir), 0);
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "a.json", "new\n", 4), 0);
    omv__report_txn_free(t); /* no commit: an error elsewhere */
    ck_assert_int_eq(count(dir, NULL), 1);
    char *a = slurp(dir, "a.json");
    ck_assert_str_eq(a, "old\n");
    free(a);
    /* A name with a folder in it is refused. */
    ck_assert_int_eq(omv__report_txn_begin(&t, ctx, dir), 0);
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "../a.json", "x", 1), OMV_EINTERNAL);
    omv__report_txn_free(t);
    ck_assert_int_eq(count(dir, NULL), 1);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_interrupt_while_writing)
{
    char *dir = omv_test_tmpdir("txn");
    put(dir, "a.json", "old\n");
    omv_ctx *ctx = omv_ctx_new();
    volatile int flag = 0;
    omv_ctx_set_interrupt_flag(ctx, &flag);
    omv__report_txn *t = NULL;
    ck_assert_int_eq(omv__report_txn_begin(&t, ctx, dir), 0);
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "a.json", "new\n", 4), 0);
    flag = 1; /* ^C between two files */
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "b.csv", "x\n", 2), OMV_EINTR);
    ck_assert_int_eq(omv__report_txn_commit(t, ctx), OMV_EINTR);
    ck_assert_ptr_nonnull(strstr(omv_ctx_errmsg(ctx), "interrupted"));
    omv__report_txn_free(t);
    ck_assert_int_eq(count(dir, NULL), 1);
    char *a = slurp(dir, "a.json");
    ck_assert_str_eq(a, "old\n");
    free(a);
    /* A run that ^C stopped before it began writing still writes its (partial) report. */
    ck_assert_int_eq(omv__report_txn_begin(&t, ctx, dir), 0);
    ck_assert_int_eq(omv__report_txn_put(t, ctx, "a.json", "partial\n", 8), 0);
    ck_assert_int_eq(omv__report_txn_commit(t, ctx), 0);
    omv__report_txn_free(t);
    a = slurp(dir, "a.json");
    ck_assert_str_eq(a, "partial\n");
    free(a);
    omv_ctx_free(ctx);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_stale_temporaries)
{
    char *dir = omv_test_tmpdir("txn");
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0); /* child is now a dead run */
    char name[64];
    snprintf(name, sizeof(name), "spof.json.tmp.%ld", (long)child);
    put(dir, name, "dead");
    snprintf(name, sizeof(name), "plan.json.tmp.%ld", (long)getppid());
    put(dir, name, "live");
    put(dir, "notes.tmp.", "no pid");
    put(dir, "map.tmp.12x", "no pid");
    ck_assert_uint_eq(omv__report_remove_stale(dir), 1);
    ck_assert_int_eq(count(dir, NULL), 3);
    snprintf(name, sizeof(name), "spof.json.tmp.%ld", (long)child);
    ck_assert_int_eq(count(dir, name), 0);
    omv_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_txn");
    TCase *tc = tcase_create("txn");
    tcase_add_test(tc, test_commit_all_together);
    tcase_add_test(tc, test_abort_leaves_folder);
    tcase_add_test(tc, test_interrupt_while_writing);
    tcase_add_test(tc, test_stale_temporaries);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
