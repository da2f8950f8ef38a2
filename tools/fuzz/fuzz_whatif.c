/* fuzz_whatif.c -- libFuzzer harness for the queries a counselor's program
 * makes of one run: fixtures/sample (under $CLASSRANK_FIXTURES, default
 * ./fixtures) is opened once, and each input is cut at line breaks into up
 * to eight strings.  An input starting with 'N' asks a need query (target,
 * credits, level: the next three strings), any other adds the strings as
 * what-if rows, for student 1002 at checkpoint 6.
 *
 * What must hold, whatever the bytes: the call returns; an error of a row
 * is located at a row that was given and a column inside it (or 0, for a
 * cell the row did not hold); and the run answers the next query as before
 * the failed one (the same ranked rows, no error left). */
#include <classrank.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ROWS = 8 };

static cr_run *run;
static size_t ranked_at_open;

static size_t ranked_count(void)
{
    const struct cr_row *rows;
    size_t n;
    if (cr_run_ranked(run, 6, &rows, &n) != CR_OK)
        abort();
    return n;
}

static void open_sample(void)
{
    const char *root = getenv("CLASSRANK_FIXTURES");
    static char config[512], students[512], enrollment[512], grades[512];
    snprintf(config, sizeof config, "%s/sample/config.yaml", root ? root : "fixtures");
    snprintf(students, sizeof students, "%s/sample/students.csv", root ? root : "fixtures");
    snprintf(enrollment, sizeof enrollment, "%s/sample/enrollment.csv", root ? root : "fixtures");
    snprintf(grades, sizeof grades, "%s/sample/grades", root ? root : "fixtures");
    static const char *grade_paths[1] = {grades};
    struct cr_options o = {.config_path = config,
                           .students_path = students,
                           .enrollment_path = enrollment,
                           .grade_paths = grade_paths,
                           .n_grade_paths = 1,
                           .as_of = "2027-SP",
                           .skip_audit = 1,
                           .threads = 1};
    if (cr_run_open(&o, &run) != CR_OK) {
        fprintf(stderr, "fuzz_whatif: cannot open the sample district under %s\n",
                root ? root : "fixtures");
        abort();
    }
    ranked_at_open = ranked_count();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!run)
        open_sample();
    int need = size > 0 && data[0] == 'N';
    char *rows[MAX_ROWS];
    size_t n = 0, at = need;
    while (n < MAX_ROWS && at <= size) {
        const uint8_t *end = memchr(data + at, '\n', size - at);
        size_t len = end ? (size_t)(end - (data + at)) : size - at;
        if (!(rows[n] = malloc(len + 1)))
            abort();
        memcpy(rows[n], data + at, len);
        rows[n][len] = '\0'; /* a NUL inside ends the string early, as C reads it */
        n++;
        if (!end)
            break;
        at += len + 1;
    }
    const char *text;
    size_t len;
    enum cr_status st;
    if (need)
        st = cr_run_whatif_need_text(run, "1002", 6, n > 0 ? rows[0] : "rank:1",
                                     n > 1 ? rows[1] : "1", n > 2 ? rows[2] : NULL, 0, &text, &len);
    else
        st = cr_run_whatif_add_text(run, "1002", 6, (const char *const *)rows, n, 0, &text, &len);
    if (st == CR_OK && (!text || strlen(text) != len))
        abort();
    for (size_t e = 0; st != CR_OK && e < cr_run_error_count(run); e++) {
        const struct cr_error *err = cr_run_error(run, e);
        if (!err->file || strcmp(err->file, "--add") != 0 || need)
            continue;
        if (err->line < 1 || err->line > n)
            abort(); /* located at a row that was not given */
        if (err->column > strlen(rows[err->line - 1]) + 1)
            abort(); /* located past the end of its row */
    }
    if (ranked_count() != ranked_at_open || cr_run_error_count(run) != 0)
        abort(); /* the failed query changed what the next one sees */
    for (size_t i = 0; i < n; i++)
        free(rows[i]);
    return 0;
}
