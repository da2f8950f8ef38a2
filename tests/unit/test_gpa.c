/* test_gpa.c -- unit suite for engine/gpa.c (SPEC "GPA": exact rationals
 * compared by cross-multiplication, rounding to gpa.precision with
 * half_up / half_even / truncate; "Repeated course" rules; "Honors":
 * min_gpa compared exactly or on the rounded value).
 *
 * A GPA here is num / (100 × credits_milli), where num = Σ points_centi ×
 * credits_milli.  With credits_milli = 1000 (one credit) the GPA is
 * num / 100000, so 3.125 is num = 312500.  Expected values are worked out by
 * hand in the comments. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/gpa.h"

/* -------------------------------------------------------- fraction compare */

struct frac_case {
    const char *name;
    int64_t an, ad, bn, bd;
    int want; /* sign of an/ad - bn/bd */
};

#define M INT64_MAX

static const struct frac_case frac_cases[] = {
    {"equal, different terms", 1, 2, 2, 4, 0},
    {"1/3 < 1/2", 1, 3, 1, 2, -1},
    {"2/3 > 1/2", 2, 3, 1, 2, 1},
    {"zero over anything", 0, 5, 0, 7, 0},
    {"negative < positive", -1, 2, 1, 3, -1},
    {"-1/2 < -1/3", -1, 2, -1, 3, -1},
    /* GPAs: 3.85 over 2 credits (770000 / 200000) vs 3.7 over 3 credits
     * (1110000 / 300000). */
    {"3.85 > 3.7", 770000, 200000, 1110000, 300000, 1},
    /* 3.9996 (3999600 / 1000000) vs 4.0 (1000000 / 250000): exact, not rounded */
    {"3.9996 < 4.0", 3999600, 1000000, 1000000, 250000, -1},
    /* Near the int64 limits, where an × bd overflows 64 bits:
     * M/(M-1) = 1 + 1/(M-1) and (M-1)/(M-2) = 1 + 1/(M-2), so the second is
     * larger. */
    {"M/(M-1) < (M-1)/(M-2)", M, M - 1, M - 1, M - 2, -1},
    {"M/M = 1/1", M, M, 1, 1, 0},
    {"M/1 > (M-1)/1", M, 1, M - 1, 1, 1},
    /* (M-1)/M = 1 - 1/M and (M-2)/(M-1) = 1 - 1/(M-1): the first is larger. */
    {"(M-1)/M > (M-2)/(M-1)", M - 1, M, M - 2, M - 1, 1},
    /* Negated: -M/(M-1) > -(M-1)/(M-2). */
    {"-M/(M-1) > -(M-1)/(M-2)", -M, M - 1, -(M - 1), M - 2, 1},
    /* (M-1)/2 vs M/3: 3(M-1) vs 2M, i.e. M - 3 > 0: the first is larger. */
    {"(M-1)/2 > M/3", M - 1, 2, M, 3, 1},
    /* 2^62/3 vs (2^62+1)/3: only the numerators differ. */
    {"2^62/3 < (2^62+1)/3", INT64_C(1) << 62, 3, (INT64_C(1) << 62) + 1, 3, -1},
    /* Cases where a 64-bit product wraps to the wrong sign (checked by
     * hand modulo 2^64; the limit cases above happen to survive wrapping):
     * (M-1)/M ≈ 1 > 1/2, but (M-1)×2 wraps to -4 while 1×M stays M. */
    {"(M-1)/M > 1/2", M - 1, M, 1, 2, 1},
    /* 4.0 over 10^15 milli-credits vs 3.0 over 10^12: 4×10^17 × 10^12 =
     * 4×10^29 and 3×10^14 × 10^15 = 3×10^29, both far over 2^63. */
    {"4.0 (10^15 cr) > 3.0 (10^12 cr)", INT64_C(400000000000000000), INT64_C(1000000000000000),
     INT64_C(300000000000000), INT64_C(1000000000000), 1},
    /* 3.9996 over 10^18 milli-credits vs 4.0 over 10^14. */
    {"3.9996 (10^18 cr) < 4.0 (10^14 cr)", INT64_C(3999600000000000000),
     INT64_C(1000000000000000000), INT64_C(400000000000000), INT64_C(100000000000000), -1},
    /* GPA sums of a large district: 4.0 over 10^15 milli-credits vs
     * 3.999999999 (just under) over the same: num ≈ 4 × 10^17, × 10^15
     * overflows 64 bits. */
    {"huge sums 4.0 > 3.999999999", INT64_C(400000000000000000), INT64_C(1000000000000000),
     INT64_C(399999999900000000), INT64_C(1000000000000000), 1},
};

START_TEST(test_fraction_cmp_table)
{
    const struct frac_case tc = frac_cases[_i];
    int got = cri_fraction_cmp(tc.an, tc.ad, tc.bn, tc.bd);
    ck_assert_msg((got > 0) - (got < 0) == tc.want, "%s: got %d, want %d", tc.name, got,
                  tc.want);
    /* and antisymmetric */
    int back = cri_fraction_cmp(tc.bn, tc.bd, tc.an, tc.ad);
    ck_assert_msg((back > 0) - (back < 0) == -tc.want, "%s (swapped): got %d, want %d", tc.name,
                  back, -tc.want);
}
END_TEST

/* ------------------------------------------------------------------ rounding */

struct round_case {
    const char *name;
    int64_t num, credits_milli;
    int precision;
    int64_t half_up, half_even, truncate; /* scaled by 10^precision */
};

static const struct round_case round_cases[] = {
    /* 3.125: an exact half at 2 decimals.  half_up 3.13; half_even keeps the
     * even 2: 3.12; truncate 3.12. */
    {"3.125 @2", 312500, 1000, 2, 313, 312, 312},
    {"3.125 @0", 312500, 1000, 0, 3, 3, 3},
    {"3.125 @1", 312500, 1000, 1, 31, 31, 31}, /* .025 below the half: down */
    {"3.125 @3", 312500, 1000, 3, 3125, 3125, 3125},
    {"3.125 @4", 312500, 1000, 4, 31250, 31250, 31250},
    /* 3.135: half at 2 decimals after an odd 3: half_even goes up to 3.14. */
    {"3.135 @2", 313500, 1000, 2, 314, 314, 313},
    /* 3.9997: not a half anywhere. @2: .97 + .0097 > .005 → 4.00 (not
     * truncated 3.99); @3: 3.9997 → 4.000 / 3.999; @0 → 4 / 4 / 3. */
    {"3.9997 @2", 399970, 1000, 2, 400, 400, 399},
    {"3.9997 @3", 399970, 1000, 3, 4000, 4000, 3999},
    {"3.9997 @4", 399970, 1000, 4, 39997, 39997, 39997},
    {"3.9997 @0", 399970, 1000, 0, 4, 4, 3},
    /* Precision 0 on exact halves: 2.5 → 3 / 2 / 2; 3.5 → 4 / 4 / 3;
     * 0.5 → 1 / 0 / 0. */
    {"2.5 @0", 250000, 1000, 0, 3, 2, 2},
    {"3.5 @0", 350000, 1000, 0, 4, 4, 3},
    {"0.5 @0", 50000, 1000, 0, 1, 0, 0},
    {"0 @3", 0, 1000, 3, 0, 0, 0},
    {"4 @3", 400000, 1000, 3, 4000, 4000, 4000},
    /* Repeating fractions: 10/3 = 1000 / (100 × 3) = 3.3333… */
    {"10/3 @3", 1000, 3, 3, 3333, 3333, 3333},
    {"10/3 @0", 1000, 3, 0, 3, 3, 3},
    {"10/3 @4", 1000, 3, 4, 33333, 33333, 33333},
    /* 2/3 = 200 / 300 = 0.6666…: up unless truncated. */
    {"2/3 @3", 200, 3, 3, 667, 667, 666},
    {"2/3 @0", 200, 3, 0, 1, 1, 0},
    /* Halves at 3 decimals with 2 credits (num / 200000):
     * 600100 / 200000 = 3.0005 → 3.001 / 3.000 (even 0) / 3.000;
     * 600300 / 200000 = 3.0015 → 3.002 / 3.002 (odd 1 goes up) / 3.001. */
    {"3.0005 @3", 600100, 2000, 3, 3001, 3000, 3000},
    {"3.0015 @3", 600300, 2000, 3, 3002, 3002, 3001},
    /* Just under a half: 3.12499… = 312499 / 100000 @2 → 3.12 everywhere. */
    {"3.12499 @2", 312499, 1000, 2, 312, 312, 312},
    /* Just over a half: 3.12501 @2 → 3.13 / 3.13 / 3.12. */
    {"3.12501 @2", 312501, 1000, 2, 313, 313, 312},
    /* A realistic GPA: A (400) × 3.5 cr + B+ (330) × 1.25 cr over 4.75 cr:
     * num = 1400000 + 412500 = 1812500; GPA = 1812500 / 475000 = 3.815789…
     * @3 → 3.816 / 3.816 / 3.815. */
    {"A 3.5cr + B+ 1.25cr @3", 1812500, 4750, 3, 3816, 3816, 3815},
    /* 128-bit: num ≈ 4 × 10^17 over 10^15 milli-credits at 9 decimals:
     * 399999999999999999 / 10^17 = 3.99999999999999999 → 4.000000000 rounded,
     * 3.999999999 truncated (num × 10^9 overflows 64 bits). */
    {"huge @9", INT64_C(399999999999999999), INT64_C(1000000000000000), 9, 4000000000,
     4000000000, 3999999999},
    /* An exact half at 9 decimals: 1.0000000005 = 200000000100 / (100 × 2000000000).
     * → 1.000000001 / 1.000000000 / 1.000000000. */
    {"half @9", INT64_C(200000000100), INT64_C(2000000000), 9, 1000000001, 1000000000,
     1000000000},
};

START_TEST(test_gpa_round_table)
{
    const struct round_case *tc = &round_cases[_i];
    int64_t up = cri_gpa_round(tc->num, tc->credits_milli, tc->precision, CRI_ROUND_HALF_UP);
    int64_t even = cri_gpa_round(tc->num, tc->credits_milli, tc->precision, CRI_ROUND_HALF_EVEN);
    int64_t trunc = cri_gpa_round(tc->num, tc->credits_milli, tc->precision, CRI_ROUND_TRUNCATE);
    ck_assert_msg(up == tc->half_up, "%s half_up: %lld, want %lld", tc->name, (long long)up,
                  (long long)tc->half_up);
    ck_assert_msg(even == tc->half_even, "%s half_even: %lld, want %lld", tc->name,
                  (long long)even, (long long)tc->half_even);
    ck_assert_msg(trunc == tc->truncate, "%s truncate: %lld, want %lld", tc->name,
                  (long long)trunc, (long long)tc->truncate);
}
END_TEST

/* ------------------------------------------------------------------ at least */

struct at_least_case {
    const char *name;
    int64_t num, credits_milli, threshold_micro;
    int want;
};

static const struct at_least_case at_least_cases[] = {
    {"4.0 >= 4.0", 400000, 1000, 4000000, 1},
    {"4.0 >= 4.000001 is false", 400000, 1000, 4000001, 0},
    /* 3.9995 would report as 4.000 at 3 decimals, but exactly it is < 4.0 */
    {"3.9995 >= 4.0 is false", 399950, 1000, 4000000, 0},
    {"3.75 >= 3.75", 750000, 2000, 3750000, 1},
    {"3.75 >= 3.76 is false", 750000, 2000, 3760000, 0},
    /* 2/3 = 0.666666… is >= 0.666666 but < 0.666667 */
    {"2/3 >= 0.666666", 200, 3, 666666, 1},
    {"2/3 >= 0.666667 is false", 200, 3, 666667, 0},
    {"0 >= 0", 0, 1000, 0, 1},
    {"0 >= 0.000001 is false", 0, 1000, 1, 0},
    /* 4.0 over 10^15 milli-credits: num × 10^6 overflows 64 bits. */
    {"huge 4.0 >= 4.0", INT64_C(400000000000000000), INT64_C(1000000000000000), 4000000, 1},
    {"huge 4.0 >= 4.000001 is false", INT64_C(400000000000000000), INT64_C(1000000000000000),
     4000001, 0},
};

START_TEST(test_gpa_at_least_table)
{
    const struct at_least_case *tc = &at_least_cases[_i];
    int got = cri_gpa_at_least(tc->num, tc->credits_milli, tc->threshold_micro);
    ck_assert_msg(!!got == tc->want, "%s: got %d", tc->name, got);
}
END_TEST

struct rounded_case {
    const char *name;
    int64_t rounded;
    int precision;
    int64_t threshold_micro;
    int want;
};

static const struct rounded_case rounded_cases[] = {
    /* a reported 4.000 meets min_gpa 4.0 (SPEC "Honors", compare: rounded) */
    {"4.000 >= 4.0", 4000, 3, 4000000, 1},
    {"3.999 >= 4.0 is false", 3999, 3, 4000000, 0},
    {"4.00 >= 4.0", 400, 2, 4000000, 1},
    {"4 >= 3.75 (precision 0)", 4, 0, 3750000, 1},
    {"3 >= 3.75 is false (precision 0)", 3, 0, 3750000, 0},
    {"3.750 >= 3.75", 3750, 3, 3750000, 1},
    {"3.749 >= 3.75 is false", 3749, 3, 3750000, 0},
    {"3.7500 >= 3.75", 37500, 4, 3750000, 1},
    {"3.750000001 >= 3.75 (precision 9)", INT64_C(3750000001), 9, 3750000, 1},
    {"3.749999999 >= 3.75 is false (precision 9)", INT64_C(3749999999), 9, 3750000, 0},
    {"3.7 >= 3.750001 is false", 37, 1, 3750001, 0},
};

START_TEST(test_rounded_at_least_table)
{
    const struct rounded_case *tc = &rounded_cases[_i];
    int got = cri_rounded_at_least(tc->rounded, tc->precision, tc->threshold_micro);
    ck_assert_msg(!!got == tc->want, "%s: got %d", tc->name, got);
}
END_TEST

/* ------------------------------------------------------------------ repeats */

struct attempt_case {
    const char *name;
    enum cri_repeats mode;
    struct cri_attempt a, b;
    int a_beats_b, b_beats_a;
};

#define T(y, s) ((cri_term)((y) * 3 + (s)))
#define SP 0
#define SU 1
#define FA 2

/* Attempts: {term, points_centi, weighted_centi, credits_milli}.
 * latest: the latest term, then highest unweighted, then highest weighted,
 * then most credits.  highest: highest unweighted first, then as latest. */
static const struct attempt_case attempt_cases[] = {
    /* latest */
    {"latest: later term wins though lower", CRI_REPEATS_LATEST, {T(2026, SP), 100, 100, 1000},
     {T(2025, FA), 400, 500, 5000}, 1, 0},
    {"latest: summer is after spring", CRI_REPEATS_LATEST, {T(2025, SU), 200, 200, 1000},
     {T(2025, SP), 300, 300, 1000}, 1, 0},
    {"latest: fall is after summer", CRI_REPEATS_LATEST, {T(2025, FA), 0, 0, 1000},
     {T(2025, SU), 300, 300, 1000}, 1, 0},
    {"latest: same term, higher unweighted", CRI_REPEATS_LATEST, {T(2026, SP), 300, 300, 500},
     {T(2026, SP), 270, 370, 1000}, 1, 0},
    {"latest: same term and unweighted, higher weighted", CRI_REPEATS_LATEST,
     {T(2026, SP), 300, 400, 500}, {T(2026, SP), 300, 300, 1000}, 1, 0},
    {"latest: same term, points and weighted, more credits", CRI_REPEATS_LATEST,
     {T(2026, SP), 300, 400, 1000}, {T(2026, SP), 300, 400, 500}, 1, 0},
    {"latest: equal attempts count the same", CRI_REPEATS_LATEST, {T(2026, SP), 300, 400, 1000},
     {T(2026, SP), 300, 400, 1000}, 0, 0},
    /* highest */
    {"highest: higher unweighted wins though earlier", CRI_REPEATS_HIGHEST,
     {T(2025, FA), 400, 400, 500}, {T(2026, SP), 300, 400, 5000}, 1, 0},
    {"highest: unweighted first, not weighted", CRI_REPEATS_HIGHEST,
     {T(2026, SP), 330, 330, 1000}, {T(2026, SP), 300, 400, 1000}, 1, 0},
    {"highest: equal points, later term", CRI_REPEATS_HIGHEST, {T(2026, FA), 300, 300, 500},
     {T(2026, SP), 300, 400, 1000}, 1, 0},
    {"highest: equal points and term, higher weighted", CRI_REPEATS_HIGHEST,
     {T(2026, SP), 300, 400, 500}, {T(2026, SP), 300, 300, 1000}, 1, 0},
    {"highest: equal points, term and weighted, more credits", CRI_REPEATS_HIGHEST,
     {T(2026, SP), 300, 400, 1000}, {T(2026, SP), 300, 400, 999}, 1, 0},
    {"highest: equal attempts count the same", CRI_REPEATS_HIGHEST,
     {T(2026, SP), 300, 400, 1000}, {T(2026, SP), 300, 400, 1000}, 0, 0},
    /* The same pair under both modes: latest picks b, highest picks a. */
    {"latest on the highest pair", CRI_REPEATS_LATEST, {T(2025, FA), 400, 400, 500},
     {T(2026, SP), 300, 400, 5000}, 0, 1},
};

START_TEST(test_attempt_beats_table)
{
    const struct attempt_case *tc = &attempt_cases[_i];
    int ab = cri_attempt_beats(tc->mode, &tc->a, &tc->b);
    int ba = cri_attempt_beats(tc->mode, &tc->b, &tc->a);
    ck_assert_msg(!!ab == tc->a_beats_b, "%s: a beats b = %d, want %d", tc->name, ab,
                  tc->a_beats_b);
    ck_assert_msg(!!ba == tc->b_beats_a, "%s: b beats a = %d, want %d", tc->name, ba,
                  tc->b_beats_a);
}
END_TEST

START_TEST(test_attempt_beats_is_an_order)
{
    /* Over a small set of attempts, for both modes: never both a>b and b>a;
     * a never beats itself; and beats is transitive, so the winner of a set
     * does not depend on the order the rows arrive in (SPEC: "the choice
     * never depends on row order"). */
    struct cri_attempt set[] = {
        {T(2025, FA), 400, 500, 1000}, {T(2025, FA), 400, 400, 1000}, {T(2025, FA), 400, 400, 500},
        {T(2026, SP), 300, 400, 1000}, {T(2026, SP), 370, 370, 1000}, {T(2026, SU), 0, 0, 1000},
        {T(2026, SP), 370, 470, 500},  {T(2024, SP), 400, 500, 5000},
    };
    size_t n = sizeof set / sizeof *set;
    enum cri_repeats modes[] = {CRI_REPEATS_LATEST, CRI_REPEATS_HIGHEST};
    for (size_t m = 0; m < 2; m++) {
        for (size_t i = 0; i < n; i++) {
            ck_assert(!cri_attempt_beats(modes[m], &set[i], &set[i]));
            for (size_t j = 0; j < n; j++) {
                int ij = cri_attempt_beats(modes[m], &set[i], &set[j]);
                int ji = cri_attempt_beats(modes[m], &set[j], &set[i]);
                ck_assert(!(ij && ji));
                if (i != j)
                    ck_assert_msg(ij || ji, "mode %zu: attempts %zu and %zu differ but tie", m,
                                  i, j);
                for (size_t k = 0; k < n; k++)
                    if (ij && cri_attempt_beats(modes[m], &set[j], &set[k]))
                        ck_assert(cri_attempt_beats(modes[m], &set[i], &set[k]));
            }
        }
    }
    /* The winners, by hand: latest → the 2026-SU attempt (latest term);
     * highest → among the 400-point ones, the latest term is 2025-FA, then
     * weighted 500 wins. */
    const struct cri_attempt *best[2] = {&set[0], &set[0]};
    for (size_t m = 0; m < 2; m++)
        for (size_t i = 0; i < n; i++)
            if (cri_attempt_beats(modes[m], &set[i], best[m]))
                best[m] = &set[i];
    ck_assert_ptr_eq(best[0], &set[5]);
    ck_assert_ptr_eq(best[1], &set[0]);
}
END_TEST

START_TEST(test_sums_add)
{
    /* A (400) regular 1 cr + B honors (300, weighted 400) 0.5 cr:
     * unweighted 400×1000 + 300×500 = 550000; weighted 400×1000 + 400×500 =
     * 600000; credits 1500.  GPA u = 550000 / 150000 = 3.666… → 3.667. */
    struct cri_sums s = {0, 0, 0};
    cri_sums_add(&s, 400, 400, 1000);
    cri_sums_add(&s, 300, 400, 500);
    ck_assert_int_eq(s.unweighted, 550000);
    ck_assert_int_eq(s.weighted, 600000);
    ck_assert_int_eq(s.credits, 1500);
    ck_assert_int_eq(cri_gpa_round(s.unweighted, s.credits, 3, CRI_ROUND_HALF_UP), 3667);
    ck_assert_int_eq(cri_gpa_round(s.weighted, s.credits, 3, CRI_ROUND_HALF_UP), 4000);
}
END_TEST

static Suite *gpa_suite(void)
{
    Suite *s = suite_create("gpa");
    TCase *f = tcase_create("fraction");
    tcase_add_loop_test(f, test_fraction_cmp_table, 0,
                        (int)(sizeof frac_cases / sizeof *frac_cases));
    tcase_add_test(f, test_sums_add);
    suite_add_tcase(s, f);
    TCase *r = tcase_create("round");
    tcase_add_loop_test(r, test_gpa_round_table, 0,
                        (int)(sizeof round_cases / sizeof *round_cases));
    tcase_add_loop_test(r, test_gpa_at_least_table, 0,
                        (int)(sizeof at_least_cases / sizeof *at_least_cases));
    tcase_add_loop_test(r, test_rounded_at_least_table, 0,
                        (int)(sizeof rounded_cases / sizeof *rounded_cases));
    suite_add_tcase(s, r);
    TCase *a = tcase_create("repeats");
    tcase_add_loop_test(a, test_attempt_beats_table, 0,
                        (int)(sizeof attempt_cases / sizeof *attempt_cases));
    tcase_add_test(a, test_attempt_beats_is_an_order);
    suite_add_tcase(s, a);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gpa_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
