/* district.h -- for the suites that run the engine on tiny districts:
 * write a district's files into a fresh directory under tmp_root and open
 * a run on them through the public API. */
#ifndef UNIT_DISTRICT_H
#define UNIT_DISTRICT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classrank.h"
#include "tmp_root.h"

static inline void put(const char *dir, const char *name, const char *text, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
}

struct district {
    const char *config, *students, *grades;
    const char *enrollment; /* NULL: derived from grade rows */
    const char *as_of;      /* NULL: the latest grade term */
};

/* Write the district into a fresh directory (its path into dir, 128 bytes)
 * and open a run on it.  With status NULL the run must open cleanly. */
static inline cr_run *open_run_in(const struct district *dist, enum cr_status *status, char *dir)
{
    char cfg[192], stu[192], gr[192], en[192];
    snprintf(dir, 128, "%s/d-XXXXXX", tmp_root);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    put(dir, "config.yaml", dist->config, cfg, sizeof cfg);
    put(dir, "students.csv", dist->students, stu, sizeof stu);
    put(dir, "grades.csv", dist->grades, gr, sizeof gr);
    if (dist->enrollment)
        put(dir, "enrollment.csv", dist->enrollment, en, sizeof en);
    const char *grade_paths[] = {gr};
    struct cr_options o = {
        .config_path = cfg,
        .students_path = stu,
        .enrollment_path = dist->enrollment ? en : NULL,
        .grade_paths = grade_paths,
        .n_grade_paths = 1,
        .as_of = dist->as_of,
        .threads = 1,
    };
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&o, &run);
    ck_assert_ptr_nonnull(run);
    if (status) {
        *status = st;
    } else {
        ck_assert_msg(st == CR_OK, "cr_run_open: %s; first error: %s:%lu:%lu: %s",
                      cr_strerror(st), cr_run_error_count(run) ? cr_run_error(run, 0)->file : "",
                      cr_run_error_count(run) ? cr_run_error(run, 0)->line : 0,
                      cr_run_error_count(run) ? cr_run_error(run, 0)->column : 0,
                      cr_run_error_count(run) ? cr_run_error(run, 0)->message : "");
    }
    return run;
}

static inline cr_run *open_run(const struct district *dist, enum cr_status *status)
{
    char dir[128];
    return open_run_in(dist, status, dir);
}

#endif
