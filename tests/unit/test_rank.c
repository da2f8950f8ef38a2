/* test_rank.c -- unit suite for engine/decide.c and engine/rank.c, driven
 * through the public API (cr_run_open) on tiny districts written to a
 * temporary directory, then inspected through run.h.
 *
 * SPEC sections: "Class, eligibility, rank" (tie methods, rank.compare,
 * rank.tiebreak, scope, excluded reasons), "Honors", "Terms and semesters"
 * (checkpoints), "Inputs" (enrollment derived from district grade rows).
 *
 * Every district is the class of 2027: semester 1 = 2023-FA, checkpoint 6 =
 * 2026-SP, 7 = 2026-FA, 8 = 2027-SP.  Ranks are checked as rank_half
 * (2 × rank).  Letter points: A 4.0, A- 3.7, B+ 3.3, B 3.0, B- 2.7, C 2.0. */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classrank.h"
#include "load/records.h"
#include "rules/rules.h"

#include "tmp_root.h"
#include "district.h"

/* The id as a C string (the table keeps short ids inline, without a NUL).
 * Rotates through a few buffers so two calls can share an expression. */
static const char *id_of(const cr_run *run, uint32_t student)
{
    static char buf[4][128];
    static int next;
    struct cri_str s = cri_intern_str(&run->ids, student);
    char *out = buf[next++ % 4];
    snprintf(out, sizeof buf[0], "%.*s", (int)s.n, s.p);
    return out;
}

/* The checkpoint slot of semester k. */
static const struct cri_checkpoint *checkpoint(const cr_run *run, int k)
{
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        if (run->checkpoints[j].k == k)
            return &run->checkpoints[j];
    ck_abort_msg("checkpoint %d not configured", k);
    return NULL;
}

struct want_ranked {
    const char *id;
    int32_t rank_half;
    uint32_t class_size;
    int32_t honor; /* index in the school's list, -1 for none */
};

/* ranked[] must be exactly `want`, in rank-file order. */
static void check_ranked(const cr_run *run, int k, const struct want_ranked *want, size_t n,
                         const char *label)
{
    const struct cri_checkpoint *cp = checkpoint(run, k);
    ck_assert_msg(cp->reached, "%s: checkpoint %d not reached", label, k);
    ck_assert_msg(cp->n_ranked == n, "%s: %zu ranked at s%d, want %zu", label, cp->n_ranked, k,
                  n);
    for (size_t i = 0; i < n; i++) {
        const struct cri_outcome *o = &cp->ranked[i];
        const char *id = id_of(run, o->student);
        ck_assert_msg(strcmp(id, want[i].id) == 0, "%s: ranked[%zu] is %s, want %s", label, i, id,
                      want[i].id);
        ck_assert_msg(o->rank_half == want[i].rank_half,
                      "%s: %s rank_half %d, want %d", label, id, (int)o->rank_half,
                      (int)want[i].rank_half);
        ck_assert_msg(o->class_size == want[i].class_size, "%s: %s class_size %u, want %u", label,
                      id, (unsigned)o->class_size, (unsigned)want[i].class_size);
        ck_assert_msg(o->honor == want[i].honor, "%s: %s honor %d, want %d", label, id,
                      (int)o->honor, (int)want[i].honor);
        ck_assert_msg(o->reasons == 0, "%s: ranked %s has reasons %u", label, id,
                      (unsigned)o->reasons);
    }
}

struct want_excluded {
    const char *id;
    unsigned reasons;
};

static void check_excluded(const cr_run *run, int k, const struct want_excluded *want, size_t n,
                           const char *label)
{
    const struct cri_checkpoint *cp = checkpoint(run, k);
    ck_assert_msg(cp->n_excluded == n, "%s: %zu excluded at s%d, want %zu", label,
                  cp->n_excluded, k, n);
    for (size_t i = 0; i < n; i++) {
        const struct cri_outcome *o = &cp->excluded[i];
        const char *id = id_of(run, o->student);
        ck_assert_msg(strcmp(id, want[i].id) == 0, "%s: excluded[%zu] is %s, want %s", label, i,
                      id, want[i].id);
        ck_assert_msg(o->reasons == want[i].reasons, "%s: %s reasons %u, want %u", label, id,
                      (unsigned)o->reasons, want[i].reasons);
    }
}

static const struct cri_outcome *find(const cr_run *run, int k, const char *id)
{
    const struct cri_checkpoint *cp = checkpoint(run, k);
    for (size_t i = 0; i < cp->n_ranked; i++)
        if (strcmp(id_of(run, cp->ranked[i].student), id) == 0)
            return &cp->ranked[i];
    for (size_t i = 0; i < cp->n_excluded; i++)
        if (strcmp(id_of(run, cp->excluded[i].student), id) == 0)
            return &cp->excluded[i];
    return NULL;
}

#define N(a) (sizeof(a) / sizeof *(a))

/* ---------------------------------------------------------------- tie methods */

/* Four students, one credit a term in 2025-FA and 2026-SP:
 *   a1: A, A  → 4.0        s9: A, B → 3.5
 *   s10: B, A → 3.5        d4: B, B → 3.0
 * s9 and s10 tie.  Bytewise, "s10" < "s9" ('1' < '9'), so s10 is listed
 * first and is second under ordinal; the roster and grade rows list s9
 * first so that file order cannot give that answer by accident. */
static const char ties_students[] = "student_id,school_id,cohort,assessment\n"
                                    "d4,S1,2027,passed\n"
                                    "s9,S1,2027,passed\n"
                                    "a1,S1,2027,passed\n"
                                    "s10,S1,2027,passed\n";
static const char ties_grades[] = "student_id,term,course_id,grade,credits\n"
                                  "s9,2025-FA,ENG,A,1\n"
                                  "d4,2026-SP,MATH,B,1\n"
                                  "s10,2026-SP,MATH,A,1\n"
                                  "a1,2025-FA,ENG,A,1\n"
                                  "s9,2026-SP,MATH,B,1\n"
                                  "d4,2025-FA,ENG,B,1\n"
                                  "s10,2025-FA,ENG,B,1\n"
                                  "a1,2026-SP,MATH,A,1\n";

struct ties_case {
    const char *ties;
    int32_t half[4]; /* a1, s10, s9, d4 */
};

static const struct ties_case ties_cases[] = {
    {"competition", {2, 4, 4, 8}}, /* 1 2 2 4 */
    {"modified", {2, 6, 6, 8}},    /* 1 3 3 4 */
    {"dense", {2, 4, 4, 6}},       /* 1 2 2 3 */
    {"ordinal", {2, 4, 6, 8}},     /* 1 2 3 4: s10 before s9 bytewise */
    {"fractional", {2, 5, 5, 8}},  /* 1 2.5 2.5 4 */
};

/* SPEC "Where a student stands": top_percent = ceil(100 x rank / class
 * size) in integers.  The SPEC's own examples, then by hand: a fractional
 * rank 2.5 of 4 is 62.5 -> 63, 1.5 of 2 is 75 exactly, the last of 7 is
 * 100, 1 of 1000 is 0.1 -> 1, and 999 of 1000 is 99.9 -> 100. */
START_TEST(test_top_percent)
{
    static const struct {
        int32_t rank_half;
        uint32_t class_size, want;
    } cases[] = {{2, 300, 1}, {60, 300, 10}, {62, 300, 11},        {5, 4, 63},
                 {3, 2, 75},  {14, 7, 100},  {2, 1000, 1},         {1998, 1000, 100},
                 {2, 1, 100}, {8, 9, 45},    {600000, 300000, 100}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(cri_top_percent(cases[i].rank_half, cases[i].class_size) == cases[i].want,
                      "rank %d/2 of %u: %u, want %u", cases[i].rank_half, cases[i].class_size,
                      cri_top_percent(cases[i].rank_half, cases[i].class_size), cases[i].want);
}
END_TEST

START_TEST(test_tie_methods)
{
    const struct ties_case *tc = &ties_cases[_i];
    char config[128];
    snprintf(config, sizeof config, "rank:\n  ties: %s\n", tc->ties);
    struct district d = {config, ties_students, ties_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"a1", tc->half[0], 4, -1},
                                       {"s10", tc->half[1], 4, -1},
                                       {"s9", tc->half[2], 4, -1},
                                       {"d4", tc->half[3], 4, -1}};
    check_ranked(run, 6, want, N(want), tc->ties);
    check_excluded(run, 6, NULL, 0, tc->ties);
    /* GPAs: s9 = (400 + 300) × 1000 / 2000 credits → 3.500 */
    const struct cri_outcome *s9 = find(run, 6, "s9");
    ck_assert_int_eq(s9->sums.unweighted, 700000);
    ck_assert_int_eq(s9->sums.weighted, 700000);
    ck_assert_int_eq(s9->sums.credits, 2000);
    ck_assert_int_eq(s9->weighted_rounded, 3500);
    ck_assert_int_eq(find(run, 6, "a1")->weighted_rounded, 4000);
    ck_assert_int_eq(find(run, 6, "d4")->unweighted_rounded, 3000);
    /* As-of is the latest grade term, 2026-SP: semesters 7 (2026-FA) and 8
     * (2027-SP) are not reached and rank nobody. */
    ck_assert(!checkpoint(run, 7)->reached);
    ck_assert_uint_eq(checkpoint(run, 7)->n_ranked, 0);
    ck_assert(!checkpoint(run, 8)->reached);
    ck_assert_uint_eq(checkpoint(run, 8)->n_ranked + checkpoint(run, 8)->n_excluded, 0);
    cr_run_free(run);
}
END_TEST

START_TEST(test_ordinal_three_way_tie_bytewise)
{
    /* Three students on 3.0 with ids "b", "B", "a": bytewise "B" (0x42) <
     * "a" (0x61) < "b" (0x62).  Ordinal ranks them 1, 2, 3 in that order;
     * competition gives all three 1. */
    static const char students[] = "student_id,school_id,cohort,assessment\n"
                                   "b,S1,2027,passed\n"
                                   "a,S1,2027,passed\n"
                                   "B,S1,2027,passed\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "b,2025-FA,ENG,B,1\nb,2026-SP,ENG2,B,1\n"
                                 "a,2025-FA,ENG,B,1\na,2026-SP,ENG2,B,1\n"
                                 "B,2025-FA,ENG,B,1\nB,2026-SP,ENG2,B,1\n";
    struct district d = {"rank: {ties: ordinal}\n", students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"B", 2, 3, -1}, {"a", 4, 3, -1}, {"b", 6, 3, -1}};
    check_ranked(run, 6, want, N(want), "ordinal");
    cr_run_free(run);
    d.config = "rank: {ties: competition}\n";
    run = open_run(&d, NULL);
    const struct want_ranked want2[] = {{"B", 2, 3, -1}, {"a", 2, 3, -1}, {"b", 2, 3, -1}};
    check_ranked(run, 6, want2, N(want2), "competition");
    cr_run_free(run);
}
END_TEST

/* ------------------------------------------------------------ exact / rounded */

/* yy: A 5 cr + A 5 cr                  → 4000000 / 1000000 = 4.0     (4.000)
 * xx: A 9.999 cr + F 0.001 cr → 400 × 9999 = 3999600 / 1000000 = 3.9996 (4.000)
 * zz: A 9.997 cr + F 0.003 cr → 400 × 9997 = 3998800 / 1000000 = 3.9988 (3.999)
 * Honors: Summa min_gpa 4.0, then Magna min_gpa 3.999.
 *   exact:   yy 1 Summa; xx 2 Magna (3.9996 >= 3.999); zz 3 none (3.9988)
 *   rounded: xx, yy tie at 1 (listed bytewise), both Summa (a reported 4.000
 *            meets 4.0); zz 3, Magna (3.999 >= 3.999). */
static const char cmp_students[] = "student_id,school_id,cohort,assessment\n"
                                   "yy,S1,2027,passed\n"
                                   "xx,S1,2027,passed\n"
                                   "zz,S1,2027,passed\n";
static const char cmp_grades[] = "student_id,term,course_id,grade,credits\n"
                                 "yy,2025-FA,ENG,A,5\n"
                                 "yy,2026-SP,MATH,A,5\n"
                                 "xx,2025-FA,ENG,A,9.999\n"
                                 "xx,2026-SP,MATH,F,0.001\n"
                                 "zz,2025-FA,ENG,A,9.997\n"
                                 "zz,2026-SP,MATH,F,0.003\n";

START_TEST(test_compare_exact)
{
    struct district d = {"rank: {compare: exact}\n"
                         "honors:\n"
                         "  - {name: Summa, min_gpa: 4.0}\n"
                         "  - {name: Magna, min_gpa: 3.999}\n",
                         cmp_students, cmp_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"yy", 2, 3, 0}, {"xx", 4, 3, 1}, {"zz", 6, 3, -1}};
    check_ranked(run, 6, want, N(want), "exact");
    const struct cri_outcome *xx = find(run, 6, "xx");
    ck_assert_int_eq(xx->sums.weighted, 3999600);
    ck_assert_int_eq(xx->sums.credits, 10000);
    ck_assert_int_eq(xx->weighted_rounded, 4000);
    ck_assert_int_eq(find(run, 6, "zz")->weighted_rounded, 3999);
    cr_run_free(run);
}
END_TEST

START_TEST(test_compare_rounded)
{
    struct district d = {"rank: {compare: rounded}\n"
                         "honors:\n"
                         "  - {name: Summa, min_gpa: 4.0}\n"
                         "  - {name: Magna, min_gpa: 3.999}\n",
                         cmp_students, cmp_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"xx", 2, 3, 0}, {"yy", 2, 3, 0}, {"zz", 6, 3, 1}};
    check_ranked(run, 6, want, N(want), "rounded");
    cr_run_free(run);
}
END_TEST

START_TEST(test_compare_rounded_precision)
{
    /* At precision 2, half_up: xx 3.9996 → 4.00, zz 3.9988 → 4.00 too, so
     * all three tie under rounded compare; truncate gives yy 4.00, xx and zz
     * 3.99, so yy alone is first. */
    struct district d = {"gpa: {precision: 2}\nrank: {compare: rounded}\n", cmp_students,
                         cmp_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"xx", 2, 3, -1}, {"yy", 2, 3, -1}, {"zz", 2, 3, -1}};
    check_ranked(run, 6, want, N(want), "rounded @2 half_up");
    ck_assert_int_eq(find(run, 6, "zz")->weighted_rounded, 400);
    cr_run_free(run);
    d.config = "gpa: {precision: 2, rounding: truncate}\nrank: {compare: rounded}\n";
    run = open_run(&d, NULL);
    const struct want_ranked want2[] = {{"yy", 2, 3, -1}, {"xx", 4, 3, -1}, {"zz", 4, 3, -1}};
    check_ranked(run, 6, want2, N(want2), "rounded @2 truncate");
    ck_assert_int_eq(find(run, 6, "xx")->weighted_rounded, 399);
    cr_run_free(run);
}
END_TEST

/* ------------------------------------------------------------------ tiebreak */

/* p: A 1 cr + A 1 cr               → weighted 4.0, unweighted 4.0, 2 credits
 * q: A 2 cr + A 2 cr               → weighted 4.0, unweighted 4.0, 4 credits
 * r: B honors 1 cr + B honors 1 cr → unweighted 3.0; B = 3.0 >= bonus_min
 *    2.0 so +1.0: weighted 4.0; 2 credits */
static const char tb_students[] = "student_id,school_id,cohort,assessment\n"
                                  "r,S1,2027,passed\n"
                                  "q,S1,2027,passed\n"
                                  "p,S1,2027,passed\n";
static const char tb_grades[] = "student_id,term,course_id,grade,credits,level\n"
                                "p,2025-FA,ENG,A,1,\n"
                                "p,2026-SP,MATH,A,1,regular\n"
                                "q,2025-FA,ENG,A,2,\n"
                                "q,2026-SP,MATH,A,2,\n"
                                "r,2025-FA,ENG,B,1,honors\n"
                                "r,2026-SP,MATH,B,1,honors\n";

struct tiebreak_case {
    const char *rank; /* the rank: section, flow style */
    struct want_ranked want[3];
};

static const struct tiebreak_case tiebreak_cases[] = {
    /* weighted only: all 4.0, a three-way tie listed by id */
    {"{by: weighted}", {{"p", 2, 3, -1}, {"q", 2, 3, -1}, {"r", 2, 3, -1}}},
    /* then credits: q (4) first, p and r (2) tie at 2 */
    {"{by: weighted, tiebreak: [credits]}", {{"q", 2, 3, -1}, {"p", 4, 3, -1}, {"r", 4, 3, -1}}},
    /* then unweighted (p, q 4.0 > r 3.0), then credits (q > p) */
    {"{by: weighted, tiebreak: [unweighted, credits]}",
     {{"q", 2, 3, -1}, {"p", 4, 3, -1}, {"r", 6, 3, -1}}},
    /* then credits (q; p = r), then unweighted (p > r) */
    {"{by: weighted, tiebreak: [credits, unweighted]}",
     {{"q", 2, 3, -1}, {"p", 4, 3, -1}, {"r", 6, 3, -1}}},
    /* unweighted: p, q 4.0 tie, r 3.0 third */
    {"{by: unweighted}", {{"p", 2, 3, -1}, {"q", 2, 3, -1}, {"r", 6, 3, -1}}},
    /* unweighted then weighted: p and q are equal on weighted too */
    {"{by: unweighted, tiebreak: [weighted]}",
     {{"p", 2, 3, -1}, {"q", 2, 3, -1}, {"r", 6, 3, -1}}},
    {"{by: unweighted, tiebreak: [credits]}", {{"q", 2, 3, -1}, {"p", 4, 3, -1}, {"r", 6, 3, -1}}},
    /* dense after a credits tiebreak: q 1, p and r 2 */
    {"{by: weighted, tiebreak: [credits], ties: dense}",
     {{"q", 2, 3, -1}, {"p", 4, 3, -1}, {"r", 4, 3, -1}}},
};

START_TEST(test_tiebreak_table)
{
    const struct tiebreak_case *tc = &tiebreak_cases[_i];
    char config[160];
    snprintf(config, sizeof config, "rank: %s\n", tc->rank);
    struct district d = {config, tb_students, tb_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    check_ranked(run, 6, tc->want, 3, tc->rank);
    const struct cri_outcome *r = find(run, 6, "r");
    ck_assert_int_eq(r->sums.weighted, 800000);
    ck_assert_int_eq(r->sums.unweighted, 600000);
    ck_assert_int_eq(find(run, 6, "q")->sums.credits, 4000);
    cr_run_free(run);
}
END_TEST

/* -------------------------------------------------------------------- honors */

/* Eight students, one credit a term in 2025-FA and 2026-SP, distinct GPAs:
 *   h1 A,A 4.0   h2 A,A- 3.85   h3 A-,A- 3.7   h4 A-,B+ 3.5
 *   h5 B+,B+ 3.3 h6 B,B 3.0     h7 B-,B- 2.7   h8 C,C 2.0
 * Criteria, first that holds wins:
 *   0 Valedictorian  top_n 1                   → h1
 *   1 Top Quarter    top_percent 25: rank <= 2  → h2 (h3 at rank 3 is out)
 *   2 High GPA       min_gpa 3.5 (inclusive)    → h3, h4
 *   3 Upper          top_percent 75 (rank <= 6) and min_gpa 3.1
 *                                               → h5 (h6 ranks 6 but has 3.0)
 *   4 Listed         top_n 7                    → h6, h7
 *   h8 (rank 8) gets none. */
static const char hon_students[] = "student_id,school_id,cohort,assessment\n"
                                   "h8,S1,2027,passed\nh7,S1,2027,passed\n"
                                   "h6,S1,2027,passed\nh5,S1,2027,passed\n"
                                   "h4,S1,2027,passed\nh3,S1,2027,passed\n"
                                   "h2,S1,2027,passed\nh1,S1,2027,passed\n";
static const char hon_grades[] = "student_id,term,course_id,grade,credits\n"
                                 "h1,2025-FA,C1,A,1\nh1,2026-SP,C2,A,1\n"
                                 "h2,2025-FA,C1,A,1\nh2,2026-SP,C2,A-,1\n"
                                 "h3,2025-FA,C1,A-,1\nh3,2026-SP,C2,A-,1\n"
                                 "h4,2025-FA,C1,A-,1\nh4,2026-SP,C2,B+,1\n"
                                 "h5,2025-FA,C1,B+,1\nh5,2026-SP,C2,B+,1\n"
                                 "h6,2025-FA,C1,B,1\nh6,2026-SP,C2,B,1\n"
                                 "h7,2025-FA,C1,B-,1\nh7,2026-SP,C2,B-,1\n"
                                 "h8,2025-FA,C1,C,1\nh8,2026-SP,C2,C,1\n";

START_TEST(test_honors_criteria)
{
    struct district d = {"honors:\n"
                         "  - {name: Valedictorian, top_n: 1}\n"
                         "  - {name: Top Quarter, top_percent: 25}\n"
                         "  - {name: High GPA, min_gpa: 3.5}\n"
                         "  - {name: Upper, top_percent: 75, min_gpa: 3.1}\n"
                         "  - {name: Listed, top_n: 7}\n",
                         hon_students, hon_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"h1", 2, 8, 0},  {"h2", 4, 8, 1},  {"h3", 6, 8, 2},
                                       {"h4", 8, 8, 2},  {"h5", 10, 8, 3}, {"h6", 12, 8, 4},
                                       {"h7", 14, 8, 4}, {"h8", 16, 8, -1}};
    check_ranked(run, 6, want, N(want), "honors");
    cr_run_free(run);
}
END_TEST

START_TEST(test_honors_top_percent_fractional)
{
    /* Fractional percentages, boundaries inclusive: top_percent 12.5 of 8
     * is rank <= 1, top_percent 37.5 of 8 is rank <= 3.  h1 (rank 1) gets
     * Top 12.5; h2 (2) and h3 (3) Top 37.5; h4 (4) none. */
    struct district d = {"honors:\n"
                         "  - {name: Top 12.5, top_percent: 12.5}\n"
                         "  - {name: Top 37.5, top_percent: 37.5}\n",
                         hon_students, hon_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    ck_assert_int_eq(find(run, 6, "h1")->honor, 0);
    ck_assert_int_eq(find(run, 6, "h2")->honor, 1);
    ck_assert_int_eq(find(run, 6, "h3")->honor, 1);
    ck_assert_int_eq(find(run, 6, "h4")->honor, -1);
    cr_run_free(run);
}
END_TEST

START_TEST(test_honors_fractional_rank)
{
    /* u1 4.0; u2 and u3 both 3.5 → fractional ranks 1, 2.5, 2.5, 4 (u4 3.0).
     * top_percent 50 of 4 is rank <= 2: 2.5 is out.  top_n 2 is rank <= 2:
     * also out.  top_percent 75 is rank <= 3: 2.5 is in. */
    static const char students[] = "student_id,school_id,cohort,assessment\n"
                                   "u1,S1,2027,passed\nu2,S1,2027,passed\n"
                                   "u3,S1,2027,passed\nu4,S1,2027,passed\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "u1,2025-FA,C1,A,1\nu1,2026-SP,C2,A,1\n"
                                 "u2,2025-FA,C1,A,1\nu2,2026-SP,C2,B,1\n"
                                 "u3,2025-FA,C1,B,1\nu3,2026-SP,C2,A,1\n"
                                 "u4,2025-FA,C1,B,1\nu4,2026-SP,C2,B,1\n";
    struct district d = {"rank: {ties: fractional}\n"
                         "honors:\n"
                         "  - {name: Half, top_percent: 50}\n"
                         "  - {name: Two, top_n: 2}\n"
                         "  - {name: Three Quarters, top_percent: 75}\n",
                         students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {
        {"u1", 2, 4, 0}, {"u2", 5, 4, 2}, {"u3", 5, 4, 2}, {"u4", 8, 4, -1}};
    check_ranked(run, 6, want, N(want), "fractional honors");
    cr_run_free(run);
}
END_TEST

START_TEST(test_honors_min_gpa_on_chosen_gpa)
{
    /* r: unweighted 3.0, weighted 4.0 (see tiebreak district).  min_gpa 3.5
     * reads the rank GPA (weighted) unless gpa: unweighted is given. */
    struct district d = {"honors:\n"
                         "  - {name: Unweighted 3.5, min_gpa: 3.5, gpa: unweighted}\n"
                         "  - {name: Weighted 3.5, min_gpa: 3.5}\n",
                         tb_students, tb_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    ck_assert_int_eq(find(run, 6, "p")->honor, 0);
    ck_assert_int_eq(find(run, 6, "r")->honor, 1);
    cr_run_free(run);
    d.config = "rank: {by: unweighted}\n"
               "honors:\n"
               "  - {name: Rank GPA 3.5, min_gpa: 3.5}\n"
               "  - {name: Weighted 3.5, min_gpa: 3.5, gpa: weighted}\n";
    run = open_run(&d, NULL);
    ck_assert_int_eq(find(run, 6, "q")->honor, 0);
    ck_assert_int_eq(find(run, 6, "r")->honor, 1);
    cr_run_free(run);
}
END_TEST

/* ---------------------------------------------------- schools and scope */

/* S1: a 4.0, b 3.0.  S2: c 3.5, d 2.0.  Default honors: Good (min_gpa 2.0);
 * S2 replaces it with Only (top_n 1). */
static const char sc_students[] = "student_id,school_id,cohort,assessment\n"
                                  "d,S2,2027,passed\nc,S2,2027,passed\n"
                                  "b,S1,2027,passed\na,S1,2027,passed\n";
static const char sc_grades[] = "student_id,term,course_id,grade,credits\n"
                                "a,2025-FA,C1,A,1\na,2026-SP,C2,A,1\n"
                                "b,2025-FA,C1,B,1\nb,2026-SP,C2,B,1\n"
                                "c,2025-FA,C1,A,1\nc,2026-SP,C2,B,1\n"
                                "d,2025-FA,C1,C,1\nd,2026-SP,C2,C,1\n";
static const char sc_honors[] = "honors: [{name: Good, min_gpa: 2.0}]\n"
                                "schools:\n"
                                "  S2: {honors: [{name: Only, top_n: 1}]}\n";

START_TEST(test_school_scope)
{
    /* Ranked per school: S1 a 1, b 2; S2 c 1, d 2 (d's 2.0 would meet Good,
     * but S2 has its own list). */
    struct district d = {sc_honors, sc_students, sc_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {
        {"a", 2, 2, 0}, {"b", 4, 2, 0}, {"c", 2, 2, 0}, {"d", 4, 2, -1}};
    check_ranked(run, 6, want, N(want), "school scope");
    cr_run_free(run);
}
END_TEST

START_TEST(test_district_scope)
{
    /* One group of four: a 4.0, c 3.5, b 3.0, d 2.0.  Honors still come from
     * each student's school: c (rank 2) misses S2's top_n 1. */
    char config[256];
    snprintf(config, sizeof config, "rank: {scope: district}\n%s", sc_honors);
    struct district d = {config, sc_students, sc_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {
        {"a", 2, 4, 0}, {"c", 4, 4, -1}, {"b", 6, 4, 0}, {"d", 8, 4, -1}};
    check_ranked(run, 6, want, N(want), "district scope");
    cr_run_free(run);
}
END_TEST

/* ------------------------------------------------------------------ excluded */

/* Class of 2027 at checkpoint 6 (2026-SP); enrollment derived from district
 * grade rows from semester 1 (2023-FA) on; summers are not regular.
 *   ok1     passed;  A 25FA, A 26SP                        → ranked 4.0
 *   early   passed, assessment_term 2026-SP (= the term)  → ranked 4.0
 *   sumrun  passed;  24SP, 24SU, 24FA, 26SP: 24SP-24FA is a run of two
 *           across the summer, not ending at the checkpoint → ranked 4.0
 *   alt     alternative; B, B                              → ranked 3.0
 *   none1   none                                           → assessment
 *   waiv    waived (not in the default list)               → assessment
 *   late    passed, assessment_term 2026-FA (after 26SP)   → assessment
 *   gap     25SP, 25SU, 26SP: 25SP and 26SP are not consecutive and the
 *           summer does not bridge them                    → consecutive
 *   prehs   23SP (before semester 1: not enrollment), 23FA, 26SP
 *                                                          → consecutive
 *   xfer    25FA transfer (never enrollment), 26SP         → consecutive
 *   nogpa   P in 25FA, W in 26SP (enrolled, no GPA credit) → no_gpa
 *   zcredit A with 0 credits twice                         → no_gpa
 *   all3    none; only W in 26SP                           → all three
 *   gone    only 25FA: not enrolled in 26SP, not a class member at all.
 * Ranked: ok1, early, sumrun tie at 1 (listed by id), alt 4.
 * Excluded, by id: all3 gap late nogpa none1 prehs waiv xfer zcredit. */
static const char ex_students[] = "student_id,school_id,cohort,assessment,assessment_term\n"
                                  "ok1,S1,2027,passed,\n"
                                  "early,S1,2027,passed,2026-SP\n"
                                  "sumrun,S1,2027,passed,\n"
                                  "alt,S1,2027,alternative,\n"
                                  "none1,S1,2027,none,\n"
                                  "waiv,S1,2027,waived,\n"
                                  "late,S1,2027,passed,2026-FA\n"
                                  "gap,S1,2027,passed,\n"
                                  "prehs,S1,2027,passed,\n"
                                  "xfer,S1,2027,passed,\n"
                                  "nogpa,S1,2027,passed,\n"
                                  "zcredit,S1,2027,passed,\n"
                                  "all3,S1,2027,none,\n"
                                  "gone,S1,2027,passed,\n";
static const char ex_grades[] = "student_id,term,course_id,grade,credits,source\n"
                                 "ok1,2025-FA,C1,A,1,\nok1,2026-SP,C2,A,1,\n"
                                 "early,2025-FA,C1,A,1,\nearly,2026-SP,C2,A,1,district\n"
                                 "sumrun,2024-SP,C0,A,1,\nsumrun,2024-SU,C9,A,1,\n"
                                 "sumrun,2024-FA,C1,A,1,\nsumrun,2026-SP,C2,A,1,\n"
                                 "alt,2025-FA,C1,B,1,\nalt,2026-SP,C2,B,1,\n"
                                 "none1,2025-FA,C1,A,1,\nnone1,2026-SP,C2,A,1,\n"
                                 "waiv,2025-FA,C1,A,1,\nwaiv,2026-SP,C2,A,1,\n"
                                 "late,2025-FA,C1,A,1,\nlate,2026-SP,C2,A,1,\n"
                                 "gap,2025-SP,C0,A,1,\ngap,2025-SU,C9,A,1,\ngap,2026-SP,C2,A,1,\n"
                                 "prehs,2023-SP,M8,A,1,\nprehs,2023-FA,C0,A,1,\n"
                                 "prehs,2026-SP,C2,A,1,\n"
                                 "xfer,2025-FA,C1,A,1,transfer\nxfer,2026-SP,C2,B,1,district\n"
                                 "nogpa,2025-FA,C1,P,1,\nnogpa,2026-SP,C2,W,1,\n"
                                 "zcredit,2025-FA,C1,A,0,\nzcredit,2026-SP,C2,A,0.000,\n"
                                 "all3,2026-SP,C2,W,1,\n"
                                 "gone,2025-FA,C1,A,1,\n";

#define R_A CRI_REASON_ASSESSMENT
#define R_C CRI_REASON_CONSECUTIVE
#define R_N CRI_REASON_NO_GPA

START_TEST(test_excluded_reasons)
{
    struct district d = {"rank: {checkpoints: [6]}\n", ex_students, ex_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {
        {"early", 2, 4, -1}, {"ok1", 2, 4, -1}, {"sumrun", 2, 4, -1}, {"alt", 8, 4, -1}};
    check_ranked(run, 6, want, N(want), "eligible");
    const struct want_excluded ex[] = {
        {"all3", R_A | R_C | R_N}, {"gap", R_C},   {"late", R_A},  {"nogpa", R_N},
        {"none1", R_A},            {"prehs", R_C}, {"waiv", R_A},  {"xfer", R_C},
        {"zcredit", R_N},
    };
    check_excluded(run, 6, ex, N(ex), "excluded");
    ck_assert_ptr_null(find(run, 6, "gone"));
    /* Transfer grades count in GPA (include_transfer default true):
     * xfer = (A 400 + B 300) × 1000 / 2000 = 3.5. */
    const struct cri_outcome *x = find(run, 6, "xfer");
    ck_assert_int_eq(x->sums.unweighted, 700000);
    ck_assert_int_eq(x->sums.credits, 2000);
    ck_assert_int_eq(x->weighted_rounded, 3500);
    /* Pre-high-school rows count in GPA by default: prehs has 3 credits. */
    ck_assert_int_eq(find(run, 6, "prehs")->sums.credits, 3000);
    /* Non-GPA marks add no credits. */
    ck_assert_int_eq(find(run, 6, "nogpa")->sums.credits, 0);
    cr_run_free(run);
}
END_TEST

START_TEST(test_excluded_with_config)
{
    /* eligibility.assessment [passed, waived]: waiv is eligible and alt is
     * not; consecutive_semesters 1: gap, prehs and xfer are eligible; all3
     * keeps assessment and no_gpa. */
    struct district d = {"rank: {checkpoints: [6]}\n"
                         "eligibility: {assessment: [passed, waived], consecutive_semesters: 1}\n",
                         ex_students, ex_grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_excluded ex[] = {{"all3", R_A | R_N}, {"alt", R_A},   {"late", R_A},
                                       {"nogpa", R_N},      {"none1", R_A}, {"zcredit", R_N}};
    check_excluded(run, 6, ex, N(ex), "excluded (config)");
    /* Ranked: early, gap, ok1, prehs, sumrun, waiv at 4.0 (1); xfer 3.5 (7). */
    const struct cri_checkpoint *cp = checkpoint(run, 6);
    ck_assert_uint_eq(cp->n_ranked, 7);
    ck_assert_int_eq(find(run, 6, "gap")->rank_half, 2);
    ck_assert_int_eq(find(run, 6, "waiv")->rank_half, 2);
    ck_assert_int_eq(find(run, 6, "xfer")->rank_half, 14);
    ck_assert_int_eq(find(run, 6, "xfer")->reasons, 0);
    cr_run_free(run);
}
END_TEST

START_TEST(test_enrollment_file)
{
    /* With an enrollment file, grade rows are not enrollment: gone is
     * enrolled 2025-FA and 2026-SP by the file, so is a member and eligible
     * (GPA from its one 25FA row, 4.0); ok1 has grades in both terms but the
     * file lists only 2026-SP → consecutive. */
    static const char enrollment[] = "student_id,school_id,term\n"
                                     "gone,S1,2025-FA\ngone,S1,2026-SP\n"
                                     "ok1,S1,2026-SP\n";
    static const char students[] = "student_id,school_id,cohort,assessment\n"
                                   "ok1,S1,2027,passed\ngone,S1,2027,passed\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "ok1,2025-FA,C1,A,1\nok1,2026-SP,C2,A,1\n"
                                 "gone,2025-FA,C1,A,1\n";
    struct district d = {"rank: {checkpoints: [6]}\n", students, grades, enrollment, "2026-SP"};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"gone", 2, 1, -1}};
    check_ranked(run, 6, want, N(want), "enrollment file");
    const struct want_excluded ex[] = {{"ok1", R_C}};
    check_excluded(run, 6, ex, N(ex), "enrollment file");
    cr_run_free(run);
}
END_TEST

START_TEST(test_assessment_term_by_checkpoint)
{
    /* late passed in 2026-FA: excluded at 6 (2026-SP), eligible at 7
     * (2026-FA).  Its 2026-FA F counts only at 7:
     *   s6: A, A → 4.0;  s7: (400 + 400 + 0) × 1000 / 3000 = 2.666… → 2.667.
     * fresh is enrolled 2026-SP and 2026-FA: at 6 only semesters at or
     * before 2026-SP count, a run of one → consecutive; at 7 a run of two.
     * At 7: fresh 4.0 (1), ok1 3.0 (2), late 2.667 (3). */
    static const char students[] = "student_id,school_id,cohort,assessment,assessment_term\n"
                                   "late,S1,2027,passed,2026-FA\nok1,S1,2027,passed,\n"
                                   "fresh,S1,2027,passed,\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "late,2025-FA,C1,A,1\nlate,2026-SP,C2,A,1\nlate,2026-FA,C3,F,1\n"
                                 "ok1,2025-FA,C1,B,1\nok1,2026-SP,C2,B,1\nok1,2026-FA,C3,B,1\n"
                                 "fresh,2026-SP,C2,A,1\nfresh,2026-FA,C3,A,1\n";
    struct district d = {"rank: {checkpoints: [6, 7]}\n", students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_excluded ex6[] = {{"fresh", R_C}, {"late", R_A}};
    check_excluded(run, 6, ex6, N(ex6), "s6");
    ck_assert_int_eq(find(run, 6, "late")->weighted_rounded, 4000);
    const struct want_ranked want7[] = {{"fresh", 2, 3, -1}, {"ok1", 4, 3, -1}, {"late", 6, 3, -1}};
    check_ranked(run, 7, want7, N(want7), "s7");
    ck_assert_int_eq(find(run, 7, "late")->weighted_rounded, 2667);
    ck_assert_int_eq(find(run, 7, "late")->sums.credits, 3000);
    cr_run_free(run);
}
END_TEST

START_TEST(test_december_graduates)
{
    /* Checkpoint 8 = 2027-SP; a December graduate's grad_term is 2026-FA
     * (semester 7).  dg: A 26SP, A 26FA, not enrolled 27SP → member at 8
     * (4.0).  reg: A 26FA, B 27SP → 3.5.  left: grad_term 2026-SP, not
     * semester 7 → not a member. */
    static const char students[] = "student_id,school_id,cohort,assessment,grad_term\n"
                                   "dg,S1,2027,passed,2026-FA\nreg,S1,2027,passed,2027-SP\n"
                                   "left,S1,2027,passed,2026-SP\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "dg,2026-SP,C1,A,1\ndg,2026-FA,C2,A,1\n"
                                 "reg,2026-FA,C2,A,1\nreg,2027-SP,C3,B,1\n"
                                 "left,2026-SP,C1,A,1\nleft,2026-FA,C2,A,1\n";
    struct district d = {"rank: {checkpoints: [8]}\n", students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"dg", 2, 2, -1}, {"reg", 4, 2, -1}};
    check_ranked(run, 8, want, N(want), "december graduates");
    ck_assert_ptr_null(find(run, 8, "left"));
    cr_run_free(run);
    d.config = "rank: {checkpoints: [8], include_december_graduates: false}\n";
    run = open_run(&d, NULL);
    const struct want_ranked want2[] = {{"reg", 2, 1, -1}};
    check_ranked(run, 8, want2, N(want2), "no december graduates");
    ck_assert_ptr_null(find(run, 8, "dg"));
    cr_run_free(run);
}
END_TEST

/* --------------------------------------------------------------- flags */

/* SPEC "Flags": a roster rank_exclude keeps the GPA but is excluded with
 * reason flagged (before the other reasons); a grade row's rank_exclude
 * counts in no GPA but still counts as enrollment.
 *   f1  yes, passed; A, A                 → flagged (GPA 4.0 kept)
 *   f2  true, none; A, A                  → flagged + assessment
 *   g0  every grade row flagged           → no_gpa (still enrolled 25FA+26SP)
 *   n1  empty; A 25FA flagged row, B 26SP → GPA 3.0 from B alone; the
 *       flagged 25FA row still makes 25FA-26SP a run of two → ranked 2
 *   n2  0; A, A                           → ranked 1 */
START_TEST(test_rank_exclude_flags)
{
    static const char students[] = "student_id,school_id,cohort,assessment,rank_exclude\n"
                                   "f1,S1,2027,passed,yes\nf2,S1,2027,none,true\n"
                                   "g0,S1,2027,passed,no\nn1,S1,2027,passed,\n"
                                   "n2,S1,2027,passed,0\n";
    static const char grades[] = "student_id,term,course_id,grade,credits,rank_exclude\n"
                                 "f1,2025-FA,C1,A,1,\nf1,2026-SP,C2,A,1,\n"
                                 "f2,2025-FA,C1,A,1,\nf2,2026-SP,C2,A,1,\n"
                                 "g0,2025-FA,C1,A,1,yes\ng0,2026-SP,C2,A,1,1\n"
                                 "n1,2025-FA,C1,A,1,true\nn1,2026-SP,C2,B,1,no\n"
                                 "n2,2025-FA,C1,A,1,0\nn2,2026-SP,C2,A,1,false\n";
    struct district d = {"rank: {checkpoints: [6]}\n", students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct want_ranked want[] = {{"n2", 2, 2, -1}, {"n1", 4, 2, -1}};
    check_ranked(run, 6, want, N(want), "flags");
    const struct want_excluded ex[] = {
        {"f1", CRI_REASON_FLAGGED}, {"f2", CRI_REASON_FLAGGED | R_A}, {"g0", R_N}};
    check_excluded(run, 6, ex, N(ex), "flags");
    const struct cri_outcome *f1 = find(run, 6, "f1");
    ck_assert_int_eq(f1->sums.weighted, 800000);
    ck_assert_int_eq(f1->sums.credits, 2000);
    ck_assert_int_eq(f1->weighted_rounded, 4000);
    const struct cri_outcome *n1 = find(run, 6, "n1");
    ck_assert_int_eq(n1->sums.credits, 1000);
    ck_assert_int_eq(n1->weighted_rounded, 3000);
    cr_run_free(run);
}
END_TEST

/* -------------------------------------------------------------- repeats */

/* SPEC "Repeated course", resolved per checkpoint among the rows up to it.
 * rp takes ENG three times: F 2025-FA, B 2026-SP, C 2026-FA, and MATH A
 * 2025-FA; one credit each.  Checkpoint 6 = 2026-SP, 7 = 2026-FA.
 *   all:     s6 (0 + 300 + 400) / 3 = 2.333…  → 2.333
 *            s7 (0 + 300 + 200 + 400) / 4     → 2.250
 *   latest:  s6 ENG B (the C is after s6: it does not replace B)
 *            (300 + 400) / 2 = 3.5; s7 ENG C: (200 + 400) / 2 = 3.0
 *   highest: s6 ENG B → 3.5; s7 still B (C is lower) → 3.5 */
struct repeats_case {
    const char *mode;
    int64_t s6, s7; /* weighted_rounded at 3 decimals */
    int64_t credits6, credits7;
};

static const struct repeats_case repeats_cases[] = {
    {"all", 2333, 2250, 3000, 4000},
    {"latest", 3500, 3000, 2000, 2000},
    {"highest", 3500, 3500, 2000, 2000},
};

START_TEST(test_repeats_per_checkpoint)
{
    const struct repeats_case *tc = &repeats_cases[_i];
    static const char students[] = "student_id,school_id,cohort,assessment\nrp,S1,2027,passed\n";
    static const char grades[] = "student_id,term,course_id,grade,credits\n"
                                 "rp,2026-FA,ENG,C,1\n"
                                 "rp,2025-FA,MATH,A,1\n"
                                 "rp,2026-SP,ENG,B,1\n"
                                 "rp,2025-FA,ENG,F,1\n";
    char config[128];
    snprintf(config, sizeof config, "gpa: {repeats: %s}\nrank: {checkpoints: [6, 7]}\n",
             tc->mode);
    struct district d = {config, students, grades, NULL, NULL};
    cr_run *run = open_run(&d, NULL);
    const struct cri_outcome *o6 = find(run, 6, "rp"), *o7 = find(run, 7, "rp");
    ck_assert_ptr_nonnull(o6);
    ck_assert_ptr_nonnull(o7);
    ck_assert_msg(o6->weighted_rounded == tc->s6, "%s s6: %lld, want %lld", tc->mode,
                  (long long)o6->weighted_rounded, (long long)tc->s6);
    ck_assert_msg(o7->weighted_rounded == tc->s7, "%s s7: %lld, want %lld", tc->mode,
                  (long long)o7->weighted_rounded, (long long)tc->s7);
    ck_assert_int_eq(o6->sums.credits, tc->credits6);
    ck_assert_int_eq(o7->sums.credits, tc->credits7);
    ck_assert_int_eq(o6->rank_half, 2);
    cr_run_free(run);
}
END_TEST

/* ------------------------------------------------------------ bad grade values */

struct bad_grade_case {
    const char *grade;
    int ok; /* 1: accepted as a grade */
    int32_t points_centi;
};

/* SPEC "Bad input": a value out of range is reported, never guessed.  A
 * numeric grade is a percentage 0..100.  18446744073805 × 10^6 exceeds
 * 2^64 by 95448384: read with a wrapping 64-bit multiply it would pass as
 * 95.448384, an A. */
static const struct bad_grade_case bad_grade_cases[] = {
    {"95", 1, 400},
    {"89.999999", 1, 300},
    {"100", 1, 400},
    {"0", 1, 0},
    {"100.5", 0, 0},
    {"-1", 0, 0},
    {"1e2", 0, 0},
    {"90.0000001", 0, 0}, /* more than 6 decimals */
    {"18446744073805", 0, 0},
    {"99999999999999", 0, 0},
};

START_TEST(test_numeric_grade_table)
{
    const struct bad_grade_case *tc = &bad_grade_cases[_i];
    char grades[256];
    /* `g1,2026-SP,C2,` is 14 bytes: the grade is line 3, column 15. */
    snprintf(grades, sizeof grades,
             "student_id,term,course_id,grade,credits\n"
             "g1,2025-FA,C1,A,1\n"
             "g1,2026-SP,C2,%s,1\n",
             tc->grade);
    struct district d = {"rank: {checkpoints: [6]}\n",
                         "student_id,school_id,cohort,assessment\ng1,S1,2027,passed\n", grades,
                         NULL, NULL};
    enum cr_status st;
    cr_run *run = open_run(&d, &st);
    if (tc->ok) {
        ck_assert_msg(st == CR_OK, "grade '%s': %s", tc->grade,
                      cr_run_error_count(run) ? cr_run_error(run, 0)->message : "");
        /* (400 + points) × 1000 / 2000 */
        const struct cri_outcome *o = find(run, 6, "g1");
        ck_assert_ptr_nonnull(o);
        ck_assert_int_eq(o->sums.unweighted, (400 + (int64_t)tc->points_centi) * 1000);
    } else {
        ck_assert_msg(st == CR_EDATA, "grade '%s': status %s, want bad input data", tc->grade,
                      cr_strerror(st));
        ck_assert_uint_ge(cr_run_error_count(run), 1);
        const struct cr_error *e = cr_run_error(run, 0);
        ck_assert_msg(e->line == 3 && e->column == 15, "grade '%s': error at %lu:%lu, want 3:15",
                      tc->grade, e->line, e->column);
    }
    cr_run_free(run);
}
END_TEST

/* ------------------------------------------------------------------ suite */

static Suite *rank_suite(void)
{
    Suite *s = suite_create("rank");
    TCase *t = tcase_create("ties");
    tcase_add_loop_test(t, test_tie_methods, 0, (int)N(ties_cases));
    tcase_add_test(t, test_ordinal_three_way_tie_bytewise);
    suite_add_tcase(s, t);
    TCase *c = tcase_create("compare");
    tcase_add_test(c, test_compare_exact);
    tcase_add_test(c, test_compare_rounded);
    tcase_add_test(c, test_compare_rounded_precision);
    tcase_add_loop_test(c, test_tiebreak_table, 0, (int)N(tiebreak_cases));
    suite_add_tcase(s, c);
    TCase *h = tcase_create("honors");
    tcase_add_test(h, test_honors_criteria);
    tcase_add_test(h, test_top_percent);
    tcase_add_test(h, test_honors_top_percent_fractional);
    tcase_add_test(h, test_honors_fractional_rank);
    tcase_add_test(h, test_honors_min_gpa_on_chosen_gpa);
    tcase_add_test(h, test_school_scope);
    tcase_add_test(h, test_district_scope);
    suite_add_tcase(s, h);
    TCase *e = tcase_create("eligibility");
    tcase_add_test(e, test_excluded_reasons);
    tcase_add_test(e, test_excluded_with_config);
    tcase_add_test(e, test_enrollment_file);
    tcase_add_test(e, test_assessment_term_by_checkpoint);
    tcase_add_test(e, test_december_graduates);
    suite_add_tcase(s, e);
    tcase_add_test(e, test_rank_exclude_flags);
    TCase *r = tcase_create("repeats");
    tcase_add_loop_test(r, test_repeats_per_checkpoint, 0, (int)N(repeats_cases));
    suite_add_tcase(s, r);
    TCase *b = tcase_create("bad grades");
    tcase_add_loop_test(b, test_numeric_grade_table, 0, (int)N(bad_grade_cases));
    suite_add_tcase(s, b);
    return s;
}

int main(void)
{
    return run_in_tmp_root(rank_suite(), "rank");
}
