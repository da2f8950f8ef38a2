/* test_api.c -- the library API, from the public header only (issue 18).
 *
 * Every fixture case (a directory under fixtures/ with an `args` file) is
 * opened through cr_run_open twice: from its files, and from the same bytes
 * handed over as buffers.  The first run writes its outputs; then
 *   - every ranked and excluded row the API returns, formatted here as a
 *     CSV line, must be that line of the rank or excluded file written,
 *     and of the fixture's expected/ file (worked out by hand);
 *   - the exact fractions must agree with the printed values (the
 *     denominator is 100 x the credits, the printed GPA within one step of
 *     gpa.precision of numerator / denominator);
 *   - cr_run_output must give every output's bytes, from either run (the
 *     honors lists and the report read the roster's names back: from the
 *     buffer, for the second);
 *   - the buffer run must give the same rows, figures and warnings, and
 *     write the same files;
 *   - explain of any student after the run must print what explain prints
 *     for a run opened to explain that student.
 * Then the errors: a buffer's errors are located by its name, an input
 * given twice is refused, and a query's error leaves the run usable. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classrank.h"

static const char *fixtures_dir;
static char **cases; /* the directories holding an args file, sorted */
static size_t n_cases;

/* ------------------------------------------------------------ helpers */

struct bytes {
    char *p;
    size_t n;
};

static struct bytes slurp(const char *path)
{
    struct bytes b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    b.p = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(b.p);
    b.n = fread(b.p, 1, (size_t)size, f);
    ck_assert_uint_eq(b.n, (size_t)size);
    b.p[b.n] = '\0';
    fclose(f);
    return b;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.csv files of a directory in bytewise name order, or the path
 * itself when it is a file (as the engine expands --grades). */
static size_t expand(const char *path, char ***out)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    size_t n = 0;
    char **list = malloc(sizeof *list);
    if (!S_ISDIR(st.st_mode)) {
        list[n++] = strdup(path);
        *out = list;
        return n;
    }
    DIR *d = opendir(path);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".csv"))
            continue;
        list = realloc(list, (n + 1) * sizeof *list);
        char *full = malloc(strlen(path) + len + 2);
        sprintf(full, "%s/%s", path, e->d_name);
        list[n++] = full;
    }
    closedir(d);
    qsort(list, n, sizeof *list, cmp_str);
    *out = list;
    return n;
}

/* One fixture case's command line, as its args file gives it. */
struct case_args {
    char *config, *students, *enrollment, *courses, *as_of, *ranking_date;
    char *grades[8];
    size_t n_grades;
    int cohort;
    char *words; /* the file's text, cut into the words above */
};

static struct case_args read_args(void)
{
    struct case_args a = {0};
    a.words = slurp("args").p;
    char *save = NULL;
    for (char *w = strtok_r(a.words, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
        char *v = strtok_r(NULL, " \t\n", &save);
        ck_assert_msg(v != NULL, "args: %s without a value", w);
        if (!strcmp(w, "--config"))
            a.config = v;
        else if (!strcmp(w, "--students"))
            a.students = v;
        else if (!strcmp(w, "--enrollment"))
            a.enrollment = v;
        else if (!strcmp(w, "--courses"))
            a.courses = v;
        else if (!strcmp(w, "--grades") && a.n_grades < 8)
            a.grades[a.n_grades++] = v;
        else if (!strcmp(w, "--as-of"))
            a.as_of = v;
        else if (!strcmp(w, "--ranking-date"))
            a.ranking_date = v;
        else if (!strcmp(w, "--cohort"))
            a.cohort = atoi(v);
        else
            ck_abort_msg("args: unknown option %s", w);
    }
    return a;
}

static struct cr_options options_of(const struct case_args *a)
{
    return (struct cr_options){.config_path = a->config,
                               .students_path = a->students,
                               .enrollment_path = a->enrollment,
                               .courses_path = a->courses,
                               .grade_paths = (const char *const *)a->grades,
                               .n_grade_paths = a->n_grades,
                               .as_of = a->as_of,
                               .cohort = a->cohort,
                               .ranking_date = a->ranking_date,
                               .threads = 2};
}

/* A CSV cell as RFC 4180 has it: quoted when it holds a comma, a quote or
 * a line break. */
static void put_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The rows as the rank (ranked) or excluded file would print them. */
static char *format_rows(const struct cr_row *rows, size_t n, int ranked)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs(ranked ? "school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,"
                   "rank,class_size,honors,top_percent\n"
                 : "school_id,cohort,checkpoint,student_id,reasons\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct cr_row *r = &rows[i];
        put_cell(f, r->school_id);
        fprintf(f, ",%d,%d,", r->cohort, r->checkpoint);
        put_cell(f, r->student_id);
        if (!ranked) {
            fprintf(f, ",%s\n", r->reasons);
            continue;
        }
        fprintf(f, ",%s,%s,%s,", r->gpa_weighted, r->gpa_unweighted, r->credits);
        if (r->rank == floor(r->rank))
            fprintf(f, "%.0f", r->rank);
        else
            fprintf(f, "%.1f", r->rank);
        fprintf(f, ",%u,", r->class_size);
        put_cell(f, r->honors);
        fprintf(f, ",%d\n", r->top_percent);
    }
    fclose(f);
    return text;
}

/* The printed GPA is numerator / denominator rounded to its decimals:
 * within one step of them, whatever gpa.rounding is. */
static void check_fraction(const struct cr_row *r, long long num, long long den,
                           const char *printed)
{
    ck_assert_int_eq(den, 100 * r->credits_milli);
    if (!den) {
        ck_assert_str_eq(printed, "");
        return;
    }
    const char *dot = strchr(printed, '.');
    int decimals = dot ? (int)strlen(dot + 1) : 0;
    double step = pow(10, -decimals), exact = (double)num / (double)den;
    ck_assert_msg(fabs(exact - atof(printed)) <= step + 1e-12,
                  "student %s: %lld/%lld = %.12f is not printed %s", r->student_id, num, den, exact,
                  printed);
}

static void check_credits(const struct cr_row *r)
{
    char b[32];
    snprintf(b, sizeof b, "%lld.%03lld", r->credits_milli / 1000, r->credits_milli % 1000);
    ck_assert_str_eq(r->credits, b);
}

static void same_rows(const struct cr_row *a, size_t na, const struct cr_row *b, size_t nb)
{
    ck_assert_uint_eq(na, nb);
    for (size_t i = 0; i < na; i++) {
        ck_assert_str_eq(a[i].school_id, b[i].school_id);
        ck_assert_str_eq(a[i].student_id, b[i].student_id);
        ck_assert_int_eq(a[i].cohort, b[i].cohort);
        ck_assert_int_eq(a[i].gpa_weighted_num, b[i].gpa_weighted_num);
        ck_assert_int_eq(a[i].gpa_unweighted_num, b[i].gpa_unweighted_num);
        ck_assert_int_eq(a[i].gpa_weighted_den, b[i].gpa_weighted_den);
        ck_assert_str_eq(a[i].gpa_weighted, b[i].gpa_weighted);
        ck_assert_str_eq(a[i].credits, b[i].credits);
        ck_assert(a[i].rank == b[i].rank);
        ck_assert_uint_eq(a[i].class_size, b[i].class_size);
        ck_assert_str_eq(a[i].honors, b[i].honors);
        ck_assert_int_eq(a[i].top_percent, b[i].top_percent);
        ck_assert_str_eq(a[i].reasons, b[i].reasons);
    }
}

static char *explain_at_open(const struct case_args *a, const char *student)
{
    struct cr_options o = options_of(a);
    o.explain_student = student;
    o.skip_audit = 1;
    cr_run *run = NULL;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(cr_run_explain(run, 0, 0, f), CR_OK);
    fclose(f);
    cr_run_free(run);
    return text;
}

/* cr_run_output(run, name) is the file out_dir/name. */
static void output_is_file(cr_run *run, const char *dir, const char *out_dir, const char *name)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", out_dir, name);
    struct bytes file = slurp(path);
    const char *data;
    size_t len;
    enum cr_status st = cr_run_output(run, name, &data, &len);
    ck_assert_msg(st == CR_OK, "%s: output %s: %s", dir, name,
                  cr_run_error_count(run) ? cr_run_error(run, 0)->message : cr_strerror(st));
    ck_assert_msg(len == file.n && !memcmp(data, file.p, len), "%s: %s differs", dir, name);
    free(file.p);
}

/* ------------------------------------------------------------ every fixture */

START_TEST(fixture_through_the_api)
{
    const char *dir = cases[_i];
    ck_assert_int_eq(chdir(dir), 0);
    struct case_args a = read_args();
    char out[] = "/tmp/cr-api-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(out));
    char out_dir[64];
    snprintf(out_dir, sizeof out_dir, "%s/o", out);

    struct cr_options o = options_of(&a);
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&o, &run);
    ck_assert_msg(st == CR_OK, "%s: %s", dir,
                  cr_run_error_count(run) ? cr_run_error(run, 0)->message : cr_strerror(st));
    ck_assert_int_eq(cr_run_write(run, out_dir), CR_OK);

    /* The same bytes as buffers. */
    struct bytes config = slurp(a.config), students = slurp(a.students), enrollment = {0},
                 courses = {0};
    if (a.enrollment)
        enrollment = slurp(a.enrollment);
    if (a.courses)
        courses = slurp(a.courses);
    struct cr_buffer bconfig = {"config in memory", config.p, config.n},
                     bstudents = {"roster in memory", students.p, students.n},
                     benrollment = {NULL, enrollment.p, enrollment.n},
                     bcourses = {NULL, courses.p, courses.n};
    struct cr_buffer grades[64];
    struct bytes grade_bytes[64];
    size_t n_grades = 0;
    for (size_t g = 0; g < a.n_grades; g++) {
        char **files;
        size_t n = expand(a.grades[g], &files);
        for (size_t i = 0; i < n; i++, n_grades++) {
            ck_assert_uint_lt(n_grades, 64);
            grade_bytes[n_grades] = slurp(files[i]);
            grades[n_grades] =
                (struct cr_buffer){files[i], grade_bytes[n_grades].p, grade_bytes[n_grades].n};
        }
        free(files); /* the names are freed with their buffers */
    }
    struct cr_options ob = options_of(&a);
    ob.config_path = ob.students_path = ob.enrollment_path = ob.courses_path = NULL;
    ob.n_grade_paths = 0;
    ob.config_buffer = &bconfig;
    ob.students_buffer = &bstudents;
    ob.enrollment_buffer = a.enrollment ? &benrollment : NULL;
    ob.courses_buffer = a.courses ? &bcourses : NULL;
    ob.grade_buffers = grades;
    ob.n_grade_buffers = n_grades;
    ob.threads = 1;
    cr_run *mem = NULL;
    st = cr_run_open(&ob, &mem);
    ck_assert_msg(st == CR_OK, "%s from memory: %s", dir,
                  cr_run_error_count(mem) ? cr_run_error(mem, 0)->message : cr_strerror(st));

    ck_assert_uint_gt(cr_run_checkpoint_count(run), 0);
    ck_assert_uint_eq(cr_run_checkpoint_count(mem), cr_run_checkpoint_count(run));
    int n_expected = 0;
    for (size_t j = 0; j < cr_run_checkpoint_count(run); j++) {
        int k = cr_run_checkpoint(run, j);
        for (int ranked = 1; ranked >= 0; ranked--) {
            const struct cr_row *rows, *mrows;
            size_t n, mn;
            ck_assert_int_eq((ranked ? cr_run_ranked : cr_run_excluded)(run, k, &rows, &n), CR_OK);
            ck_assert_int_eq((ranked ? cr_run_ranked : cr_run_excluded)(mem, k, &mrows, &mn),
                             CR_OK);
            char name[64], path[400];
            snprintf(name, sizeof name, "%s-s%d.csv", ranked ? "rank" : "excluded", k);
            snprintf(path, sizeof path, "%s/%s", out_dir, name);
            struct bytes file = slurp(path);
            char *mine = format_rows(rows, n, ranked);
            ck_assert_msg(!strcmp(mine, file.p), "%s %s: the API's rows\n%s\nthe file\n%s", dir,
                          name, mine, file.p);
            /* And the fixture's expected file, worked out by hand, when it
             * has one for this checkpoint. */
            snprintf(path, sizeof path, "expected/%s", name);
            if (access(path, F_OK) == 0) {
                struct bytes expected = slurp(path);
                ck_assert_msg(!strcmp(mine, expected.p), "%s %s: the API's rows\n%s\nexpected\n%s",
                              dir, name, mine, expected.p);
                free(expected.p);
                n_expected++;
            }
            for (size_t i = 0; i < n; i++) {
                ck_assert_int_eq(rows[i].checkpoint, k);
                check_credits(&rows[i]);
                /* Excluded rows too: their GPAs are computed, only not
                 * ranked (no_gpa: no credit, so no fraction and "" printed). */
                check_fraction(&rows[i], rows[i].gpa_weighted_num, rows[i].gpa_weighted_den,
                               rows[i].gpa_weighted);
                check_fraction(&rows[i], rows[i].gpa_unweighted_num, rows[i].gpa_unweighted_den,
                               rows[i].gpa_unweighted);
                ck_assert_int_eq(rows[i].gpa_weighted_den, 100 * rows[i].credits_milli);
                ck_assert(ranked ? rows[i].reasons[0] == '\0' : rows[i].reasons[0] != '\0');
                ck_assert(ranked ? rows[i].rank >= 1 : rows[i].rank == 0);
            }
            same_rows(rows, n, mrows, mn);
            /* Asking again gives the same rows, kept. */
            const struct cr_row *again;
            size_t n_again;
            ck_assert_int_eq((ranked ? cr_run_ranked : cr_run_excluded)(run, k, &again, &n_again),
                             CR_OK);
            ck_assert_ptr_eq(again, rows);
            free(mine);
            free(file.p);
        }
    }

    ck_assert_msg(n_expected >= 2, "%s: no expected/ rank and excluded files", dir);

    /* Every output, in memory, is the file written. */
    DIR *d = opendir(out_dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int outputs = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "manifest.json") ||
            !strcmp(e->d_name, "report"))
            continue;
        char path[400];
        snprintf(path, sizeof path, "%s/%s", out_dir, e->d_name);
        output_is_file(run, dir, out_dir, e->d_name);
        output_is_file(mem, dir, out_dir, e->d_name);
        outputs++;
    }
    closedir(d);
    ck_assert_int_ge(outputs, 4);
    output_is_file(run, dir, out_dir, "report/index.html");
    output_is_file(mem, dir, out_dir, "report/index.html");

    /* The buffer run writes the same files (manifest.json names other inputs). */
    char mem_dir[80];
    snprintf(mem_dir, sizeof mem_dir, "%s/m", out);
    ck_assert_msg(cr_run_write(mem, mem_dir) == CR_OK, "%s: writing the buffer run: %s", dir,
                  cr_run_error_count(mem) ? cr_run_error(mem, 0)->message : "?");
    d = opendir(out_dir);
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "manifest.json") ||
            !strcmp(e->d_name, "report"))
            continue;
        char path[400];
        snprintf(path, sizeof path, "%s/%s", out_dir, e->d_name);
        struct bytes file = slurp(path);
        snprintf(path, sizeof path, "%s/%s", mem_dir, e->d_name);
        struct bytes mem_file = slurp(path);
        ck_assert_msg(file.n == mem_file.n && !memcmp(file.p, mem_file.p, file.n),
                      "%s: %s written from buffers differs", dir, e->d_name);
        free(file.p);
        free(mem_file.p);
    }
    closedir(d);

    /* The figures, from either run, and as summary.json has them. */
    struct cr_summary s, ms;
    ck_assert_int_eq(cr_run_summary(run, &s), CR_OK);
    ck_assert_int_eq(cr_run_summary(mem, &ms), CR_OK);
    ck_assert_str_eq(s.as_of, ms.as_of);
    ck_assert_uint_eq(s.rows_read, ms.rows_read);
    ck_assert_uint_eq(s.students, ms.students);
    char path[400], want[96];
    snprintf(path, sizeof path, "%s/summary.json", out_dir);
    struct bytes summary = slurp(path);
    snprintf(want, sizeof want, "\"rows_read\": %llu,", s.rows_read);
    ck_assert_msg(strstr(summary.p, want) != NULL, "%s: no %s", dir, want);
    snprintf(want, sizeof want, "\"as_of\": \"%s\"", s.as_of);
    ck_assert_msg(strstr(summary.p, want) != NULL, "%s: no %s", dir, want);
    /* The warnings, word for word in summary.json (none of them holds a
     * character JSON escapes), and the same from the buffers. */
    ck_assert_uint_eq(cr_run_warning_count(mem), cr_run_warning_count(run));
    for (size_t i = 0; i < cr_run_warning_count(run); i++) {
        const char *w = cr_run_warning(run, i);
        ck_assert_str_eq(cr_run_warning(mem, i), w);
        snprintf(path, sizeof path, "\"%s\"", w);
        ck_assert_msg(strstr(summary.p, path) != NULL, "%s: warning '%s' not in summary.json", dir,
                      w);
    }
    ck_assert_ptr_null(cr_run_warning(run, cr_run_warning_count(run)));

    /* explain of students chosen after the run, as a run opened for each
     * prints it: the first ranked and the first excluded of each
     * checkpoint. */
    for (size_t j = 0; j < cr_run_checkpoint_count(run); j++)
        for (int ranked = 1; ranked >= 0; ranked--) {
            const struct cr_row *rows;
            size_t n;
            (ranked ? cr_run_ranked : cr_run_excluded)(run, cr_run_checkpoint(run, j), &rows, &n);
            if (!n)
                continue;
            const char *text;
            size_t len;
            ck_assert_int_eq(cr_run_explain_text(run, rows[0].student_id, 0, 0, &text, &len),
                             CR_OK);
            char *want_text = explain_at_open(&a, rows[0].student_id);
            ck_assert_str_eq(text, want_text);
            ck_assert_uint_eq(len, strlen(want_text));
            free(want_text);
        }

    free(summary.p);
    cr_run_free(mem);
    cr_run_free(run);
    char rm[96];
    snprintf(rm, sizeof rm, "rm -rf '%s'", out);
    ck_assert_int_eq(system(rm), 0);
    free(config.p);
    free(students.p);
    free(enrollment.p);
    free(courses.p);
    for (size_t i = 0; i < n_grades; i++) {
        free(grade_bytes[i].p);
        free((char *)grades[i].name);
    }
    free(a.words);
}
END_TEST

/* ------------------------------------------------------------ errors */

static char *sample_path(const char *file)
{
    char *p = malloc(strlen(fixtures_dir) + strlen(file) + 16);
    sprintf(p, "%s/sample/%s", fixtures_dir, file);
    return p;
}

/* A roster buffer with a bad cohort on its third line: the error names the
 * buffer, the line and the column of the cohort (the third field). */
START_TEST(buffer_errors_are_located)
{
    char *config = sample_path("config.yaml"), *grades = sample_path("grades");
    char *roster_path = sample_path("students.csv");
    struct bytes roster = slurp(roster_path);
    /* Line 3's cohort, counted here: the bytes before it plus one. */
    char *line3 = strchr(strchr(roster.p, '\n') + 1, '\n') + 1;
    char *cohort = strchr(strchr(line3, ',') + 1, ',') + 1;
    memcpy(cohort, "20x7", 4);
    unsigned long column = (unsigned long)(cohort - line3) + 1;
    struct cr_buffer b = {"roster-in-memory.csv", roster.p, roster.n};
    const char *paths[] = {grades};
    struct cr_options o = {.config_path = config,
                           .students_buffer = &b,
                           .grade_paths = paths,
                           .n_grade_paths = 1,
                           .skip_audit = 1};
    cr_run *run = NULL;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_EDATA);
    ck_assert_uint_ge(cr_run_error_count(run), 1);
    const struct cr_error *e = cr_run_error(run, 0);
    ck_assert_str_eq(e->file, "roster-in-memory.csv");
    ck_assert_uint_eq(e->line, 3);
    ck_assert_uint_eq(e->column, column);
    ck_assert_ptr_nonnull(strstr(e->message, "20x7"));
    cr_run_free(run);

    /* The roster given twice, and one grade buffer given twice. */
    o.students_path = roster_path;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_EUSAGE);
    ck_assert_ptr_nonnull(strstr(cr_run_error(run, 0)->message, "given twice"));
    cr_run_free(run);
    o.students_path = NULL;
    memcpy(cohort, "2027", 4);
    struct bytes twice[1];
    char *fall_path = malloc(strlen(grades) + 32);
    sprintf(fall_path, "%s/2025-FA.csv", grades);
    twice[0] = slurp(fall_path);
    struct cr_buffer g[2] = {{"fall", twice[0].p, twice[0].n},
                             {"fall again", twice[0].p, twice[0].n}};
    o.n_grade_paths = 0;
    o.grade_buffers = g;
    o.n_grade_buffers = 2;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_EUSAGE);
    ck_assert_str_eq(cr_run_error(run, 0)->file, "fall again");
    ck_assert_ptr_nonnull(strstr(cr_run_error(run, 0)->message, "same buffer as 'fall'"));
    cr_run_free(run);
    free(twice[0].p);
    free(fall_path);
    free(roster.p);
    free(config);
    free(grades);
    free(roster_path);
}
END_TEST

/* The one error of the last query, holding needle. */
static void last_query_error(cr_run *run, const char *needle)
{
    ck_assert_uint_eq(cr_run_error_count(run), 1);
    ck_assert_msg(strstr(cr_run_error(run, 0)->message, needle) != NULL, "'%s' does not say '%s'",
                  cr_run_error(run, 0)->message, needle);
}

/* A mistyped student, checkpoint or output name fails that call only, and
 * cr_run_error lists that call's error alone. */
START_TEST(query_errors_leave_the_run)
{
    char *config = sample_path("config.yaml"), *grades = sample_path("grades");
    char *students = sample_path("students.csv"), *enrollment = sample_path("enrollment.csv");
    const char *paths[] = {grades};
    struct cr_options o = {.config_path = config,
                           .students_path = students,
                           .enrollment_path = enrollment,
                           .grade_paths = paths,
                           .n_grade_paths = 1,
                           .as_of = "2027-SP",
                           .skip_audit = 1};
    cr_run *run = NULL;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_OK);
    const char *text;
    size_t len;
    ck_assert_int_eq(cr_run_explain_text(run, "no-such-student", 0, 0, &text, &len), CR_EUSAGE);
    ck_assert_ptr_null(text);
    last_query_error(run, "no-such-student");
    const struct cr_row *rows;
    size_t n;
    ck_assert_int_eq(cr_run_ranked(run, 5, &rows, &n), CR_EUSAGE);
    last_query_error(run, "checkpoint 5");
    ck_assert_int_eq(cr_run_output(run, "rank-s5.csv", &text, &len), CR_EUSAGE);
    last_query_error(run, "rank-s5.csv");
    ck_assert_int_eq(cr_run_ranked(run, cr_run_checkpoint(run, 0), &rows, &n), CR_OK);
    ck_assert_uint_eq(cr_run_error_count(run), 0);
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(cr_run_explain_text(run, rows[0].student_id, 0, 1, &text, &len), CR_OK);
    ck_assert_ptr_nonnull(strstr(text, "checkpoint,file,line,term"));

    /* NULL where a pointer is needed. */
    ck_assert_int_eq(cr_run_ranked(run, 6, NULL, &n), CR_EUSAGE);
    ck_assert_int_eq(cr_run_excluded(run, 6, &rows, NULL), CR_EUSAGE);
    ck_assert_int_eq(cr_run_output(run, "rank-s6.csv", NULL, &len), CR_EUSAGE);
    ck_assert_int_eq(cr_run_summary(run, NULL), CR_EUSAGE);
    ck_assert_int_eq(cr_run_explain_text(run, NULL, 0, 0, &text, &len), CR_EUSAGE);
    ck_assert_int_eq(cr_run_explain_text(run, "1001", 0, 0, NULL, &len), CR_EUSAGE);
    ck_assert_int_eq(cr_run_explain(run, 0, 0, NULL), CR_EUSAGE);
    const char *null_row[2] = {"ART101,A,1", NULL};
    ck_assert_int_eq(cr_run_whatif_add_text(run, "1002", 6, null_row, 2, 0, &text, &len),
                     CR_EUSAGE);
    last_query_error(run, "row 2 of 2 is NULL");
    ck_assert_int_eq(cr_run_whatif_add_text(run, "1002", 6, NULL, 1, 0, &text, &len), CR_EUSAGE);
    ck_assert_int_eq(cr_run_whatif_need_text(run, "1002", 6, "rank:1", NULL, NULL, 0, &text, &len),
                     CR_EUSAGE);
    last_query_error(run, "the credits of the course");
    ck_assert_int_eq(cr_run_whatif_need_text(run, "1002", 6, NULL, "1", NULL, 0, &text, &len),
                     CR_EUSAGE);
    /* A comma in the level would make it a level and a term. */
    ck_assert_int_eq(
        cr_run_whatif_need_text(run, "1004", 6, "rank:3", "1", "ap,2027-SP", 0, &text, &len),
        CR_EUSAGE);
    last_query_error(run, "'ap,2027-SP' holds a comma");
    ck_assert_int_eq(cr_run_whatif_need_text(run, "1004", 6, "rank:3", "1", "ap", 0, &text, &len),
                     CR_OK);
    ck_assert_uint_eq(cr_run_error_count(run), 0);
    cr_run_free(run);

    /* A write that fails leaves the run usable: into "", then into a
     * directory holding a file classrank did not write. */
    o.skip_audit = 0;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_OK);
    ck_assert_int_eq(cr_run_write(run, ""), CR_EUSAGE);
    last_query_error(run, "path is empty");
    char dir[] = "/tmp/cr-api-write-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char foreign[64], cmd[96];
    snprintf(foreign, sizeof foreign, "%s/notes.txt", dir);
    FILE *f = fopen(foreign, "w");
    ck_assert_ptr_nonnull(f);
    fputs("mine\n", f);
    fclose(f);
    ck_assert_int_ne(cr_run_write(run, dir), CR_OK);
    last_query_error(run, "notes.txt");
    ck_assert_int_eq(cr_run_ranked(run, 6, &rows, &n), CR_OK);
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(unlink(foreign), 0);
    ck_assert_int_eq(cr_run_write(run, dir), CR_OK);
    ck_assert_uint_eq(cr_run_error_count(run), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    cr_run_free(run);

    /* Explain at a checkpoint the class has not reached by the as-of term
     * (sample's class of 2027 reaches 8 in 2027-SP). */
    o.as_of = "2026-FA";
    o.skip_audit = 1;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_OK);
    ck_assert_int_eq(cr_run_explain_text(run, "1001", 8, 0, &text, &len), CR_EUSAGE);
    last_query_error(run, "reaches checkpoint 8 in 2027-SP, after the as-of term 2026-FA");
    ck_assert_int_eq(cr_run_explain_text(run, "1001", 7, 0, &text, &len), CR_OK);
    cr_run_free(run);

    /* Negative threads, and no options at all. */
    o.threads = -1;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_EUSAGE);
    ck_assert_ptr_nonnull(strstr(cr_run_error(run, 0)->message, "threads -1 is negative"));
    cr_run_free(run);
    ck_assert_int_eq(cr_run_open(NULL, &run), CR_EUSAGE);
    ck_assert_ptr_null(run);
    ck_assert_int_eq(cr_run_open(&o, NULL), CR_EUSAGE);
    free(config);
    free(grades);
    free(students);
    free(enrollment);
}
END_TEST

static char *explain_to_string(cr_run *run, int checkpoint)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    enum cr_status st = cr_run_explain(run, checkpoint, 0, f);
    fclose(f);
    ck_assert_msg(st == CR_OK, "explain: %s",
                  cr_run_error_count(run) ? cr_run_error(run, 0)->message : cr_strerror(st));
    return text;
}

/* A failed query changes nothing the next query sees: the student chosen
 * at open, the output directory claimed at open, the student's rows (a
 * grade file missing for one query is read by the next), and a file read
 * again after a chdir is the one named at open, even where a pipe now has
 * its relative name. */
START_TEST(failed_queries_change_nothing)
{
    char dir[] = "/tmp/cr-api-state-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/sample' '%s/a' && mkdir -p '%s/b/grades' && mkfifo "
             "'%s/b/grades/2025-SP.csv'",
             fixtures_dir, dir, dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    char old_cwd[4096], a[64], out1[96], out2[96];
    ck_assert_ptr_nonnull(getcwd(old_cwd, sizeof old_cwd));
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(out1, sizeof out1, "%s/out1", dir);
    snprintf(out2, sizeof out2, "%s/out2", dir);
    ck_assert_int_eq(chdir(a), 0);
    const char *grades[] = {"grades"};
    struct cr_options o = {.config_path = "config.yaml",
                           .students_path = "students.csv",
                           .enrollment_path = "enrollment.csv",
                           .grade_paths = grades,
                           .n_grade_paths = 1,
                           .as_of = "2027-SP",
                           .explain_student = "1001",
                           .out_dir = out1};
    cr_run *run = NULL;
    ck_assert_int_eq(cr_run_open(&o, &run), CR_OK);
    char *before = explain_to_string(run, 0);
    ck_assert_ptr_nonnull(strstr(before, "student 1001,"));

    /* A student not in the roster: 1001 is still the one explained. */
    const char *text;
    size_t len;
    ck_assert_int_eq(cr_run_explain_text(run, "nosuch", 0, 0, &text, &len), CR_EUSAGE);
    char *after = explain_to_string(run, 0);
    ck_assert_str_eq(after, before);
    free(after);

    /* Another directory than the one claimed: refused, the claim kept. */
    ck_assert_int_eq(cr_run_write(run, out2), CR_EUSAGE);
    ck_assert_int_eq(access(out2, F_OK), -1);
    ck_assert_int_eq(cr_run_write(run, NULL), CR_OK);
    snprintf(cmd, sizeof cmd, "%s/rank-s8.csv", out1);
    ck_assert_int_eq(access(cmd, F_OK), 0);

    /* A grade file gone for one query of a new student: the next query
     * reads it again and explains as a fresh run would. */
    ck_assert_int_eq(rename("grades/2025-SP.csv", "2025-SP.csv.away"), 0);
    ck_assert_int_ne(cr_run_explain_text(run, "1002", 0, 0, &text, &len), CR_OK);
    ck_assert_int_eq(rename("2025-SP.csv.away", "grades/2025-SP.csv"), 0);
    ck_assert_int_eq(cr_run_explain_text(run, "1002", 0, 0, &text, &len), CR_OK);
    char *want = explain_at_open(&(struct case_args){.config = "config.yaml",
                                                     .students = "students.csv",
                                                     .enrollment = "enrollment.csv",
                                                     .grades = {"grades"},
                                                     .n_grades = 1,
                                                     .as_of = "2027-SP"},
                                 "1002");
    ck_assert_str_eq(text, want);
    free(want);

    /* After a chdir into b, whose grades/2025-SP.csv is a pipe: the files
     * read are a's still. */
    char b[64];
    snprintf(b, sizeof b, "%s/b", dir);
    ck_assert_int_eq(chdir(b), 0);
    ck_assert_int_eq(cr_run_explain_text(run, "1003", 0, 0, &text, &len), CR_OK);
    ck_assert_ptr_nonnull(strstr(text, "student 1003,"));
    cr_run_free(run);
    free(before);
    ck_assert_int_eq(chdir(old_cwd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static void find_cases(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "find '%s' -name args -type f | sort", fixtures_dir);
    FILE *p = popen(cmd, "r");
    char line[4096];
    while (p && fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = '\0';
        *strrchr(line, '/') = '\0';
        cases = realloc(cases, (n_cases + 1) * sizeof *cases);
        cases[n_cases++] = strdup(line);
    }
    if (p)
        pclose(p);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_api FIXTURES_DIR\n");
        return 2;
    }
    fixtures_dir = realpath(argv[1], NULL);
    find_cases();
    if (!fixtures_dir || n_cases < 10) {
        fprintf(stderr, "test_api: no fixture cases under %s\n", argv[1]);
        return 1;
    }
    Suite *s = suite_create("api");
    TCase *t = tcase_create("fixtures");
    tcase_set_timeout(t, 120);
    tcase_add_loop_test(t, fixture_through_the_api, 0, (int)n_cases);
    tcase_add_test(t, buffer_errors_are_located);
    tcase_add_test(t, query_errors_leave_the_run);
    tcase_add_test(t, failed_queries_change_nothing);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
