/* test_grades.c -- unit suite for engine/grades.c: what a grade row's level,
 * credits and source cells mean (SPEC "Inputs": grades; "GPA").
 *
 * The decoder reads these cells from the 16 bytes at each cell when they
 * lie in the block (cri_field_words) and by their text otherwise, so every
 * case runs twice: with its row followed by a long row of a student not on
 * the roster (the row's cells are read as words), and with its row last in
 * the file (its last cells are read as text).  Both must give the sums
 * worked out below, or the same error.
 *
 * The district: student s1, class of 2027, enrolled in 2025-FA and 2026-SP,
 * checkpoint 6 (2026-SP), grades in 2025-FA.  Letter points (SPEC defaults): A 4.0, B 3.0, C 2.0,
 * D 1.0. Weights, as configured here: regular 0, honors 0.5, ap 1.0, "sixteen_letters_" (16 bytes,
 * the longest read as words) 0.25, "seventeen_letters" (17 bytes, always read as text) 0.75; the
 * bonus applies from 2.0 points (the default).  Transfer rows do not count (include_transfer:
 * false), so a row read as transfer adds nothing. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "classrank.h"
#include "core/gpa.h"
#include "load/records.h"

#include "district.h"
#include "tmp_root.h"

static const char config[] = "gpa:\n"
                             "  include_transfer: false\n"
                             "  weights: {regular: 0, honors: 0.5, ap: 1.0,\n"
                             "            sixteen_letters_: 0.25, seventeen_letters: 0.75}\n"
                             "rank:\n"
                             "  checkpoints: [6]\n";

static const char students[] = "student_id,school_id,cohort,assessment\n"
                               "s1,S1,2027,passed\n";

/* Enrolled the two terms before the checkpoint, so s1 is ranked. */
static const char enrollment[] = "student_id,school_id,term\n"
                                 "s1,S1,2025-FA\n"
                                 "s1,S1,2026-SP\n";

#define HEADER "student_id,term,course_id,grade,credits,level,source\n"
/* Long enough that every cell of the row before it has 16 bytes after it. */
#define FILLER "not-on-the-roster,2025-FA,FILLER-COURSE-ID,A,1,regular,district\n"

struct grade_case {
    const char *rows; /* s1's rows (grade,credits,level,source after the course) */
    /* the sums at checkpoint 6: points x credits in centi x milli */
    int64_t unweighted, weighted, credits;
    const char *error; /* or the first error's message (sums not checked) */
    unsigned long column;
};

static const struct grade_case cases[] = {
    /* An empty level is regular: 4.00 x 1 credit. */
    {"s1,2025-FA,C1,A,1,,\n", 400 * 1000, 400 * 1000, 1000, NULL, 0},
    /* honors adds 0.5 to A: 4.0 and 4.5 over half a credit. */
    {"s1,2025-FA,C1,A,0.5,honors,district\n", 400 * 500, 450 * 500, 500, NULL, 0},
    /* a transfer row counts nothing here */
    {"s1,2025-FA,C1,B,0.25,ap,transfer\n", 0, 0, 0, NULL, 0},
    /* C is 2.0, where the bonus starts: 2.0 and 2.25 */
    {"s1,2025-FA,C1,C,1.0,sixteen_letters_,\n", 200 * 1000, 225 * 1000, 1000, NULL, 0},
    /* D is under 2.0: no bonus for a 17-byte level either */
    {"s1,2025-FA,C1,D,0.333,seventeen_letters,district\n", 100 * 333, 100 * 333, 333, NULL, 0},
    {"s1,2025-FA,C1,B,1,seventeen_letters,\n", 300 * 1000, 375 * 1000, 1000, NULL, 0},
    /* Texts mixed row to row, repeated (the worker remembers credits):
     *   A 1 regular: 400/400 x 1000     B 0.5 ap: 300/400 x 500
     *   A 1 honors: 400/450 x 1000      C 0.25 (regular): 200/200 x 250
     *   A 0.5 ap, district: 400/500 x 500
     * unweighted 400000 + 150000 + 400000 + 50000 + 200000 = 1200000
     * weighted   400000 + 200000 + 450000 + 50000 + 250000 = 1350000
     * credits    1000 + 500 + 1000 + 250 + 500 = 3250 */
    {"s1,2025-FA,C1,A,1,regular,\n"
     "s1,2025-FA,C2,B,0.5,ap,\n"
     "s1,2025-FA,C3,A,1,honors,district\n"
     "s1,2025-FA,C4,C,0.25,,\n"
     "s1,2025-FA,C5,A,0.5,ap,district\n",
     1200000, 1350000, 3250, NULL, 0},
    /* Near misses of the texts: column of the cell in the row */
    {"s1,2025-FA,C1,A,1,regular,districts\n", 0, 0, 0,
     "source 'districts' is not district or transfer", 27},
    {"s1,2025-FA,C1,A,1,regular,distric\n", 0, 0, 0, "source 'distric' is not district or transfer",
     27},
    {"s1,2025-FA,C1,A,1,regular,Transfer\n", 0, 0, 0,
     "source 'Transfer' is not district or transfer", 27},
    {"s1,2025-FA,C1,A,1,regula,\n", 0, 0, 0, "unknown level 'regula' (not in gpa.weights)", 19},
    {"s1,2025-FA,C1,A,1,sixteen_letters,\n", 0, 0, 0,
     "unknown level 'sixteen_letters' (not in gpa.weights)", 19},
    {"s1,2025-FA,C1,A,1,seventeen_letterz,\n", 0, 0, 0,
     "unknown level 'seventeen_letterz' (not in gpa.weights)", 19},
    /* a bad credits text is reported every time, never remembered */
    {"s1,2025-FA,C1,A,1,,\ns1,2025-FA,C2,A,0.5x,,\n", 0, 0, 0, "credits '0.5x' is not a number",
     17},
    {"s1,2025-FA,C1,A,0.5,,\ns1,2025-FA,C2,A,11,,\n", 0, 0, 0,
     "credits '11' is out of range (0 to 10)", 17},
    {"s1,2025-FA,C1,A,,regular,\n", 0, 0, 0, "credits '' is not a number", 17},
    /* Zeros past the third decimal are the same value (SPEC "Credits written
     * with more decimals"): 1.0000 is 1 credit of A, 4.00 x 1000; 0.50000
     * honors is half a credit of 4.0 and 4.5; 10.00000 is the 10-credit cap. */
    {"s1,2025-FA,C1,A,1.0000,,\n", 400 * 1000, 400 * 1000, 1000, NULL, 0},
    {"s1,2025-FA,C1,A,0.50000,honors,district\n", 400 * 500, 450 * 500, 500, NULL, 0},
    {"s1,2025-FA,C1,B,10.00000,,\n", 300 * 10000, 300 * 10000, 10000, NULL, 0},
    /* ...but a digit that is not zero past the third is still bad input. */
    {"s1,2025-FA,C1,A,1.0005,,\n", 0, 0, 0, "credits '1.0005' has more than 3 decimals", 17},
    {"s1,2025-FA,C1,A,1.00050,,\n", 0, 0, 0, "credits '1.00050' has more than 3 decimals", 17},
    {"s1,2025-FA,C1,A,0.0001,,\n", 0, 0, 0, "credits '0.0001' has more than 3 decimals", 17},
};

static void check_case(const struct grade_case *tc, int last)
{
    char grades[1024];
    snprintf(grades, sizeof grades, "%s%s%s", HEADER, tc->rows, last ? "" : FILLER);
    struct district dist = {config, students, grades, enrollment, "2026-SP"};
    enum cr_status st;
    cr_run *run = open_run(&dist, &st);
    const char *where = last ? "row last" : "row before the filler";
    if (tc->error) {
        ck_assert_msg(st != CR_OK, "%s (%s): no error", tc->rows, where);
        ck_assert_uint_ge(cr_run_error_count(run), 1);
        const struct cr_error *e = cr_run_error(run, 0);
        ck_assert_msg(strstr(e->message, tc->error) != NULL, "%s (%s): error '%s', want '%s'",
                      tc->rows, where, e->message, tc->error);
        ck_assert_msg(e->column == tc->column, "%s (%s): column %lu, want %lu", tc->rows, where,
                      e->column, tc->column);
    } else {
        ck_assert_msg(st == CR_OK, "%s (%s): %s", tc->rows, where,
                      cr_run_error_count(run) ? cr_run_error(run, 0)->message : cr_strerror(st));
        /* s1's outcome at checkpoint 6: ranked, or excluded with no GPA */
        const struct cri_checkpoint *cp = &run->checkpoints[0];
        ck_assert_uint_eq(cp->n_ranked + cp->n_excluded, 1);
        const struct cri_sums *s = cp->n_ranked ? &cp->ranked[0].sums : &cp->excluded[0].sums;
        ck_assert_msg(s->unweighted == tc->unweighted && s->weighted == tc->weighted &&
                          s->credits == tc->credits,
                      "%s (%s): sums %lld/%lld/%lld, want %lld/%lld/%lld", tc->rows, where,
                      (long long)s->unweighted, (long long)s->weighted, (long long)s->credits,
                      (long long)tc->unweighted, (long long)tc->weighted, (long long)tc->credits);
    }
    cr_run_free(run);
}

START_TEST(test_cells_as_words)
{
    check_case(&cases[_i], 0);
}
END_TEST

START_TEST(test_cells_as_text)
{
    check_case(&cases[_i], 1);
}
END_TEST

static Suite *grades_suite(void)
{
    Suite *s = suite_create("grades");
    TCase *tc = tcase_create("cells");
    int n = (int)(sizeof cases / sizeof cases[0]);
    tcase_add_loop_test(tc, test_cells_as_words, 0, n);
    tcase_add_loop_test(tc, test_cells_as_text, 0, n);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_in_tmp_root(grades_suite(), "grades");
}
