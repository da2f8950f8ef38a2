/* fuzz_check.c -- libFuzzer harness for the whole `check` path: the input is
 * split at lines "----" into config.yaml, students.csv, enrollment.csv, a
 * grade file and, when a fifth part follows, a course catalog (--courses),
 * written to a private temporary directory, and read by cr_run_open exactly
 * as `classrank check` does.  (Inputs of four parts, as the regression
 * inputs have, run without a catalog.) */
#include <classrank.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char paths[5][96];

static void write_part(int i, const uint8_t *p, size_t n)
{
    FILE *f = fopen(paths[i], "wb");
    if (!f)
        abort();
    fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[5] = {"config.yaml", "students.csv", "enrollment.csv", "g.csv",
                                         "courses.csv"};
    if (!dir[0]) {
#ifdef CLASSRANK_TEST_HOOKS
        /* Tiny blocks: every input crosses block and chunk boundaries. */
        setenv("CLASSRANK_TEST_BLOCK_BYTES", "64", 1);
#endif
        snprintf(dir, sizeof dir, "/tmp/classrank-fuzz-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        for (int i = 0; i < 5; i++)
            snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
    }
    const uint8_t *p = data, *end = data + size;
    int parts = 4, has_catalog = 0;
    for (int i = 0; i < parts; i++) {
        const uint8_t *cut = end;
        for (const uint8_t *q = p; q + 5 <= end; q++)
            if (memcmp(q, "----\n", 5) == 0 && (q == p || q[-1] == '\n')) {
                cut = q;
                break;
            }
        write_part(i, p, (size_t)(cut - p));
        if (i == 3 && cut < end) /* a fifth part: the catalog */
            parts = 5, has_catalog = 1;
        p = cut < end ? cut + 5 : end;
    }
    const char *grades[] = {paths[3]};
    struct cr_options o = {.config_path = paths[0],
                           .students_path = paths[1],
                           .enrollment_path = paths[2],
                           .grade_paths = grades,
                           .courses_path = has_catalog ? paths[4] : NULL,
                           .n_grade_paths = 1,
                           .max_errors = 5,
                           .threads = 2};
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&o, &run);
    if (st != CR_OK && cr_run_error_count(run) == 0 && st != CR_ENOMEM)
        abort(); /* every failure is located */
    cr_run_free(run);
    return 0;
}
