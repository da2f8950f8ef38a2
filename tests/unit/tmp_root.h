/* tmp_root.h -- for the suites that write files: run a Check suite with a
 * fresh temporary directory in tmp_root, and remove it afterwards. */
#ifndef UNIT_TMP_ROOT_H
#define UNIT_TMP_ROOT_H

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char tmp_root[64];

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Exit status for main(): EXIT_SUCCESS when every test of s passed. */
static int run_in_tmp_root(Suite *s, const char *name)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmp_root, sizeof tmp_root, "%s/cr-%s-XXXXXX", base && *base ? base : "/tmp", name);
    if (!mkdtemp(tmp_root)) {
        perror("mkdtemp");
        return EXIT_FAILURE;
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nftw(tmp_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
