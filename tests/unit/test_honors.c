/* test_honors.c -- unit suite for engine/honors.c: the names an honors list
 * prints come from the students' own roster records, read again where the
 * roster load found them (SPEC "Registrar tools", "Outputs": honors-s<k>).
 *
 * Every district is the class of 2027 at checkpoint 6 (2026-SP), with one
 * credit a term in 2025-FA and 2026-SP, and an honors list anyone with a
 * GPA of at least 3.0 makes.  Letter points: A 4.0, A- 3.7, B 3.0, C 2.0. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "classrank.h"

#include "district.h"
#include "tmp_root.h"

#define HONORS_HEADER                                                                              \
    "school_id,cohort,student_id,last_name,first_name,honors,rank,class_size,gpa,top_percent\n"

static const char config[] = "rank:\n"
                             "  checkpoints: [6]\n"
                             "honors:\n"
                             "  - {name: Honor Roll, min_gpa: 3.0}\n";

/* The file's bytes as a NUL-terminated string (the caller frees it). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    char *text = NULL;
    size_t n = 0, cap = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (n + 2 > cap) {
            cap = cap ? 2 * cap : 4096;
            text = realloc(text, cap);
            ck_assert_ptr_nonnull(text);
        }
        text[n++] = (char)c;
    }
    fclose(f);
    if (!text)
        text = calloc(1, 1);
    text[n] = '\0';
    return text;
}

/* Names with a doubled quote, a comma, a line break and UTF-8, each in a
 * quoted field; d4 (2.0) makes no list, so its record is never read again.
 * GPAs: a1 A,A 4.0; e5 A,A- 3.85; b2 A,B 3.5; c3 B,B 3.0; d4 C,C 2.0 --
 * competition ranks 1, 2, 3, 4, 5 of 5.  Expected lines worked out by hand
 * from SPEC "Outputs" (school, cohort, id, last, first, honor, rank, size,
 * GPA at 3 decimals, top_percent = ceil(100 x rank / 5): 20, 40, 60, 80; text
 * cells quoted when they hold , " or a line break). */
static const char tricky_students[] =
    "student_id,school_id,cohort,assessment,first_name,last_name\n"
    "d4,S1,2027,passed,Dee,Low\n"
    "a1,S1,2027,passed,Ann,\"O\"\"Neil\"\n"
    "b2,S1,2027,passed,\"Bo, Jr.\",Lee\n"
    "c3,S1,2027,passed,\"Chi\nRa\",Kim\n"
    "e5,S1,2027,passed,\xC3\x89mile,\"Zola\"\n";
static const char tricky_grades[] = "student_id,term,course_id,grade,credits\n"
                                    "a1,2025-FA,ENG,A,1\na1,2026-SP,MATH,A,1\n"
                                    "b2,2025-FA,ENG,A,1\nb2,2026-SP,MATH,B,1\n"
                                    "c3,2025-FA,ENG,B,1\nc3,2026-SP,MATH,B,1\n"
                                    "d4,2025-FA,ENG,C,1\nd4,2026-SP,MATH,C,1\n"
                                    "e5,2025-FA,ENG,A,1\ne5,2026-SP,MATH,A-,1\n";
static const char tricky_honors[] =
    HONORS_HEADER "S1,2027,a1,\"O\"\"Neil\",Ann,Honor Roll,1,5,4.000,20\n"
                  "S1,2027,e5,Zola,\xC3\x89mile,Honor Roll,2,5,3.850,40\n"
                  "S1,2027,b2,Lee,\"Bo, Jr.\",Honor Roll,3,5,3.500,60\n"
                  "S1,2027,c3,Kim,\"Chi\nRa\",Honor Roll,4,5,3.000,80\n";

/* Run the district, write its outputs, and give back honors-s6.csv. */
static char *honors_of(const struct district *d)
{
    char dir[128], out[192], path[256];
    cr_run *run = open_run_in(d, NULL, dir);
    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_int_eq(cr_run_write(run, out), CR_OK);
    snprintf(path, sizeof path, "%s/honors-s6.csv", out);
    cr_run_free(run);
    return slurp(path);
}

START_TEST(test_names_from_quoted_records)
{
    struct district d = {config, tricky_students, tricky_grades, NULL, NULL};
    char *got = honors_of(&d);
    ck_assert_str_eq(got, tricky_honors);
    free(got);
}
END_TEST

/* Value maps on the roster's id and name columns (SPEC "Configuration":
 * `{column, values}` works on any column): the names are read through them
 * as the roster load read the ids, so the id check passes and the printed
 * names are the mapped ones.  a1 and b2 as in the district above (4.0 and
 * 3.5, top_percent 100 x 1/2 = 50 and 100 x 2/2 = 100); expected lines by
 * hand. */
START_TEST(test_names_through_value_maps)
{
    static const char mapped_config[] =
        "rank:\n"
        "  checkpoints: [6]\n"
        "honors:\n"
        "  - {name: Honor Roll, min_gpa: 3.0}\n"
        "columns:\n"
        "  students:\n"
        "    student_id: {column: sis_id, values: {\"1\": a1, \"2\": b2}}\n"
        "    first_name: {column: given, values: {A: Ann, B: \"Bo, Jr.\"}}\n"
        "    last_name: family\n";
    static const char students[] = "sis_id,school_id,cohort,assessment,given,family\n"
                                   "1,S1,2027,passed,A,\"O\"\"Neil\"\n"
                                   "2,S1,2027,passed,B,Lee\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "a1,2025-FA,ENG,A,1\na1,2026-SP,MATH,A,1\n"
                                 "b2,2025-FA,ENG,A,1\nb2,2026-SP,MATH,B,1\n";
    struct district d = {mapped_config, students, grades, NULL, NULL};
    char *got = honors_of(&d);
    ck_assert_str_eq(got, HONORS_HEADER "S1,2027,a1,\"O\"\"Neil\",Ann,Honor Roll,1,2,4.000,50\n"
                                        "S1,2027,b2,Lee,\"Bo, Jr.\",Honor Roll,2,2,3.500,100\n");
    free(got);
}
END_TEST

/* The roster rewritten between the reading and the writing (here: two rows
 * swapped): the records are no longer where they were, and the run says so
 * instead of printing another student's name.  Nothing is written. */
START_TEST(test_roster_changed_before_writing)
{
    char dir[128], out[192], path[192];
    struct district d = {config, tricky_students, tricky_grades, NULL, NULL};
    cr_run *run = open_run_in(&d, NULL, dir);
    put(dir, "students.csv",
        "student_id,school_id,cohort,assessment,first_name,last_name\n"
        "a1,S1,2027,passed,Ann,\"O\"\"Neil\"\n"
        "d4,S1,2027,passed,Dee,Low\n"
        "b2,S1,2027,passed,\"Bo, Jr.\",Lee\n"
        "c3,S1,2027,passed,\"Chi\nRa\",Kim\n"
        "e5,S1,2027,passed,\xC3\x89mile,\"Zola\"\n",
        path, sizeof path);
    snprintf(out, sizeof out, "%s/out", dir);
    ck_assert_int_eq(cr_run_write(run, out), CR_EIO);
    ck_assert_uint_ge(cr_run_error_count(run), 1);
    const struct cr_error *e = cr_run_error(run, 0);
    ck_assert_msg(strstr(e->message, "changed while classrank ran") != NULL, "message: %s",
                  e->message);
    ck_assert_msg(strstr(e->file, "students.csv") != NULL, "file: %s", e->file);
    struct stat st;
    ck_assert_int_ne(stat(out, &st), 0);
    cr_run_free(run);
}
END_TEST

/* A roster of about 31 MB: most of it students of a class not yet at
 * checkpoint 6 (cohort 2099) with long names, and the three ranked students
 * at the start, in a record that straddles the end of the first 16 MiB
 * window (mapped from the first one's record), and at the end. */
START_TEST(test_names_across_windows)
{
    const size_t filler = 180000;
    const char *pad = "Padpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpad"
                      "padpadpadpad";
    size_t cap = 256 + (filler + 3) * 200;
    char *roster = malloc(cap);
    ck_assert_ptr_nonnull(roster);
    size_t n = (size_t)sprintf(roster, "student_id,school_id,cohort,assessment,first_name,"
                                       "last_name\n");
    /* The first window starts at the first honored record: this one. */
    size_t window_end = n + 16u * 1024u * 1024u;
    n += (size_t)sprintf(roster + n, "first,S1,2027,passed,Alpha,\"Start, A\"\n");
    int middle_done = 0;
    for (size_t i = 0; i < filler; i++) {
        if (!middle_done && n + 400 > window_end) {
            /* A spacer row sized so that the next record starts 8 bytes
             * before the window's end. */
            int fill = (int)(window_end - 8 - n) - (int)strlen("spacer,S1,2099,passed,x,\n");
            ck_assert_int_gt(fill, 0);
            n += (size_t)sprintf(
                roster + n, "spacer,S1,2099,passed,x,%.*s\n", fill,
                "Spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer"
                "spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer"
                "spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer"
                "spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer"
                "spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer"
                "spacerspacerspacerspacerspacerspacerspacerspacerspacerspacerspacer");
            ck_assert_uint_eq(n, window_end - 8);
            n += (size_t)sprintf(roster + n, "middle,S1,2027,passed,Mid,\"Dle\"\"s\"\n");
            middle_done = 1;
        }
        n += (size_t)sprintf(roster + n, "f%06zu,S1,2099,passed,%s,%s\n", i, pad, pad);
    }
    ck_assert(middle_done);
    n += (size_t)sprintf(roster + n, "last,S1,2027,passed,Omega,End\n");
    ck_assert_uint_gt(n, 17u * 1024u * 1024u);
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "first,2025-FA,ENG,A,1\nfirst,2026-SP,MATH,A,1\n"
                                 "middle,2025-FA,ENG,A,1\nmiddle,2026-SP,MATH,B,1\n"
                                 "last,2025-FA,ENG,B,1\nlast,2026-SP,MATH,B,1\n";
    struct district d = {config, roster, grades, NULL, NULL};
    char *got = honors_of(&d);
    /* top_percent: ceil(100/3) = 34, ceil(200/3) = 67, 100 */
    ck_assert_str_eq(got, HONORS_HEADER "S1,2027,first,\"Start, A\",Alpha,Honor Roll,1,3,4.000,34\n"
                                        "S1,2027,middle,\"Dle\"\"s\",Mid,Honor Roll,2,3,3.500,67\n"
                                        "S1,2027,last,End,Omega,Honor Roll,3,3,3.000,100\n");
    free(got);
    free(roster);
}
END_TEST

static Suite *honors_suite(void)
{
    Suite *s = suite_create("honors");
    TCase *names = tcase_create("names");
    tcase_set_timeout(names, 60);
    tcase_add_test(names, test_names_from_quoted_records);
    tcase_add_test(names, test_names_through_value_maps);
    tcase_add_test(names, test_roster_changed_before_writing);
    tcase_add_test(names, test_names_across_windows);
    suite_add_tcase(s, names);
    return s;
}

int main(void)
{
    return run_in_tmp_root(honors_suite(), "honors");
}
