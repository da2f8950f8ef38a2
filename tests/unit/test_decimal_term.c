/* test_decimal_term.c -- unit suite for engine/decimal.c and engine/term.c.
 *
 * decimal: SPEC "Inputs" (credits "decimal, at most 3 decimals"), "GPA"
 * (points in hundredths, credits in thousandths, never floating point) and
 * the contract in decimal.h.  term: SPEC "Terms and semesters". */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/term.h"

/* ------------------------------------------------------------ decimal parse */

struct parse_case {
    const char *text;
    int decimals;
    enum cri_decimal_result result;
    int64_t value; /* scaled by 10^decimals; checked when result is OK */
};

static const struct parse_case parse_cases[] = {
    /* ok: value = text × 10^decimals, worked out by hand */
    {"3.75", 2, CRI_DEC_OK, 375},
    {"0.333", 3, CRI_DEC_OK, 333},
    {"4", 2, CRI_DEC_OK, 400},
    {".5", 1, CRI_DEC_OK, 5},
    {".5", 3, CRI_DEC_OK, 500},     /* missing trailing digits are zeros */
    {"5.", 2, CRI_DEC_OK, 500},     /* a bare trailing point is allowed */
    {"+1", 3, CRI_DEC_OK, 1000},
    {"-0.25", 2, CRI_DEC_OK, -25},
    {"-0.25", 3, CRI_DEC_OK, -250},
    {"-0", 2, CRI_DEC_OK, 0},
    {"+.5", 2, CRI_DEC_OK, 50},
    {"-.5", 2, CRI_DEC_OK, -50},
    {"0", 0, CRI_DEC_OK, 0},
    {"007", 0, CRI_DEC_OK, 7},      /* leading zeros are digits */
    {"10", 0, CRI_DEC_OK, 10},
    {"1.000", 3, CRI_DEC_OK, 1000}, /* exactly `decimals` fraction digits */
    {"0.001", 3, CRI_DEC_OK, 1},
    {"10.000", 3, CRI_DEC_OK, 10000},
    {"89.5", 6, CRI_DEC_OK, 89500000},
    {"100", 6, CRI_DEC_OK, 100000000},
    /* The scaled magnitude may reach 10^15 (decimal.h), whatever `decimals`. */
    {"1000000000000000", 0, CRI_DEC_OK, 1000000000000000LL},
    {"-1000000000000000", 0, CRI_DEC_OK, -1000000000000000LL},
    {"1000000000000", 3, CRI_DEC_OK, 1000000000000000LL},
    {"999999999999.999", 3, CRI_DEC_OK, 999999999999999LL},
    {"-999999999999.999", 3, CRI_DEC_OK, -999999999999999LL},
    {"1000000000", 6, CRI_DEC_OK, 1000000000000000LL},
    /* syntax: not [-+]digits[.digits] */
    {"", 2, CRI_DEC_SYNTAX, 0},
    {".", 2, CRI_DEC_SYNTAX, 0},
    {"-", 2, CRI_DEC_SYNTAX, 0},
    {"+", 2, CRI_DEC_SYNTAX, 0},
    {"-.", 2, CRI_DEC_SYNTAX, 0},
    {"1e3", 2, CRI_DEC_SYNTAX, 0},
    {"1E3", 0, CRI_DEC_SYNTAX, 0},
    {" 1", 2, CRI_DEC_SYNTAX, 0},
    {"1 ", 2, CRI_DEC_SYNTAX, 0},
    {"1,5", 2, CRI_DEC_SYNTAX, 0},
    {"1,000", 0, CRI_DEC_SYNTAX, 0},
    {"--1", 2, CRI_DEC_SYNTAX, 0},
    {"+-1", 2, CRI_DEC_SYNTAX, 0},
    {"1-", 2, CRI_DEC_SYNTAX, 0},
    {"1.2.3", 2, CRI_DEC_SYNTAX, 0},
    {"1..2", 2, CRI_DEC_SYNTAX, 0},
    {"abc", 2, CRI_DEC_SYNTAX, 0},
    {"0x10", 0, CRI_DEC_SYNTAX, 0},
    {"1.2x", 3, CRI_DEC_SYNTAX, 0},
    {"1.234x", 2, CRI_DEC_SYNTAX, 0}, /* junk wins over too many decimals */
    {"inf", 2, CRI_DEC_SYNTAX, 0},
    {"NaN", 2, CRI_DEC_SYNTAX, 0},
    {"\xEF\xBC\x91", 0, CRI_DEC_SYNTAX, 0}, /* fullwidth digit one */
    /* too many fraction digits */
    {"1.234", 2, CRI_DEC_DECIMALS, 0},
    {"3.1415", 3, CRI_DEC_DECIMALS, 0},
    {"0.1", 0, CRI_DEC_DECIMALS, 0},
    {"5.0", 0, CRI_DEC_DECIMALS, 0},
    {"1.0000", 3, CRI_DEC_DECIMALS, 0}, /* even trailing zeros: at most 3 decimals */
    {"-0.125", 2, CRI_DEC_DECIMALS, 0},
    /* range: scaled magnitude over 10^15 */
    {"1000000000000001", 0, CRI_DEC_RANGE, 0},
    {"-1000000000000001", 0, CRI_DEC_RANGE, 0},
    {"1000000000001", 3, CRI_DEC_RANGE, 0},
    {"1000000000000000", 3, CRI_DEC_RANGE, 0},
    {"1000000001", 6, CRI_DEC_RANGE, 0},
    {"99999999999999999999", 3, CRI_DEC_RANGE, 0},
    {"99999999999999999999999999999999", 0, CRI_DEC_RANGE, 0},
    /* Scaled by 10^6 these are even over 2^63: they cannot be stored at all.
     * (18446744073710 × 10^6 exceeds 2^64 by 448384: a wrapping multiply
     * would return 0.448384.) */
    {"1000000000000000", 6, CRI_DEC_RANGE, 0},
    {"18446744073710", 6, CRI_DEC_RANGE, 0},
    {"99999999999999", 6, CRI_DEC_RANGE, 0},
    {"10000000000000", 6, CRI_DEC_RANGE, 0}, /* 10^19 > 2^63 - 1 ≈ 9.22 × 10^18 */
    /* The whole part at the limit plus a fraction: scaled 10^15 + 1. */
    {"1000000000000.001", 3, CRI_DEC_RANGE, 0},
    {"1000000000000.000", 3, CRI_DEC_OK, 1000000000000000LL},
};

START_TEST(test_decimal_parse_table)
{
    const struct parse_case *tc = &parse_cases[_i];
    size_t n = strlen(tc->text);
    /* Exactly n bytes, no NUL: the parser must respect the length. */
    char *buf = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, tc->text, n);
    int64_t out = 12345; /* a sentinel */
    enum cri_decimal_result r = cri_decimal_parse(buf, n, tc->decimals, &out);
    ck_assert_msg(r == tc->result, "'%s' with %d decimals: result %d, want %d (value %lld)",
                  tc->text, tc->decimals, (int)r, (int)tc->result, (long long)out);
    if (tc->result == CRI_DEC_OK)
        ck_assert_msg(out == tc->value, "'%s' with %d decimals: %lld, want %lld", tc->text,
                      tc->decimals, (long long)out, (long long)tc->value);
    free(buf);
}
END_TEST

START_TEST(test_decimal_parse_respects_length)
{
    /* Only p[0..n) is read: "3.75" cut to 3 bytes is "3.7". */
    int64_t v;
    ck_assert_int_eq(cri_decimal_parse("3.75", 3, 2, &v), CRI_DEC_OK);
    ck_assert_int_eq(v, 370);
    ck_assert_int_eq(cri_decimal_parse("12abc", 2, 0, &v), CRI_DEC_OK);
    ck_assert_int_eq(v, 12);
}
END_TEST

/* ----------------------------------------------------------- decimal format */

struct format_case {
    int64_t v;
    int decimals;
    const char *text;
};

static const struct format_case format_cases[] = {
    {375, 2, "3.75"},
    {3750, 3, "3.750"},
    {0, 3, "0.000"},
    {7, 3, "0.007"},
    {1000, 3, "1.000"},
    {-25, 2, "-0.25"},
    {-1234567, 3, "-1234.567"},
    {5, 0, "5"},
    {-5, 0, "-5"},
    {0, 0, "0"},
    {4000, 0, "4000"},
    {123456789, 9, "0.123456789"},
    {INT64_MAX, 0, "9223372036854775807"},
    {INT64_MIN, 0, "-9223372036854775808"},
    {INT64_MIN, 3, "-9223372036854775.808"},
};

START_TEST(test_decimal_format_table)
{
    const struct format_case *tc = &format_cases[_i];
    char buf[64];
    memset(buf, 'Z', sizeof buf);
    size_t n = cri_decimal_format(buf, 32, tc->v, tc->decimals);
    ck_assert_str_eq(buf, tc->text);
    ck_assert_uint_eq(n, strlen(tc->text));
}
END_TEST

START_TEST(test_decimal_round_trip)
{
    /* format then parse gives the value back, for every precision 0..9. */
    static const int64_t values[] = {0, 1, -1, 7, 375, -250, 4000, 123456789, -987654321};
    for (int d = 0; d <= 9; d++)
        for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
            char buf[64];
            size_t n = cri_decimal_format(buf, sizeof buf, values[i], d);
            int64_t back = 0;
            ck_assert_int_eq(cri_decimal_parse(buf, n, d, &back), CRI_DEC_OK);
            ck_assert_msg(back == values[i], "%lld at %d decimals came back as %lld via '%s'",
                          (long long)values[i], d, (long long)back, buf);
        }
}
END_TEST

START_TEST(test_pow10)
{
    int64_t want = 1;
    for (int k = 0; k <= 18; k++) {
        ck_assert_int_eq(cri_pow10(k), want);
        if (k < 18)
            want *= 10;
    }
    ck_assert_int_eq(cri_pow10(18), INT64_C(1000000000000000000));
}
END_TEST

/* --------------------------------------------------------------------- terms */

struct term_parse_case {
    const char *text;
    int year, season; /* year 0: invalid */
};

static const struct term_parse_case term_parse_cases[] = {
    {"2026-SP", 2026, CRI_SP},
    {"2026-SU", 2026, CRI_SU},
    {"2026-FA", 2026, CRI_FA},
    {"1000-SP", 1000, CRI_SP},
    {"9999-FA", 9999, CRI_FA},
    {"2023-FA", 2023, CRI_FA},
    {"", 0, 0},
    {"2026", 0, 0},
    {"2026-sp", 0, 0}, /* seasons are upper case */
    {"2026-Sp", 0, 0},
    {"2026-WI", 0, 0},
    {"2026-FS", 0, 0},
    {"2026-S", 0, 0},
    {"2026SP", 0, 0},
    {"2026_SP", 0, 0},
    {"2026 SP", 0, 0},
    {"2026-SPR", 0, 0},
    {"2026-SP ", 0, 0},
    {" 2026-SP", 0, 0},
    {"26-SP", 0, 0},
    {"20a6-SP", 0, 0},
    {"0999-FA", 0, 0}, /* year below 1000 */
    {"0000-SP", 0, 0},
    {"+026-SP", 0, 0},
    {"-026-SP", 0, 0},
    {"SP-2026", 0, 0},
};

START_TEST(test_term_parse_table)
{
    const struct term_parse_case *tc = &term_parse_cases[_i];
    size_t n = strlen(tc->text);
    char *buf = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, tc->text, n);
    cri_term t = cri_term_parse(buf, n);
    free(buf);
    if (!tc->year) {
        ck_assert_msg(t == 0, "'%s' should not parse (got key %u)", tc->text, (unsigned)t);
        return;
    }
    ck_assert_msg(t != 0, "'%s' should parse", tc->text);
    ck_assert_int_eq(cri_term_year(t), tc->year);
    ck_assert_int_eq(cri_term_season(t), tc->season);
    ck_assert_int_eq(cri_term_is_regular(t), tc->season != CRI_SU);
    char back[8];
    cri_term_format(t, back);
    ck_assert_str_eq(back, tc->text);
}
END_TEST

START_TEST(test_term_order)
{
    /* Chronological: SP < SU < FA inside a year; FA of one year < SP of the
     * next.  Listed in order. */
    static const char *const chrono[] = {"2024-FA", "2025-SP", "2025-SU", "2025-FA",
                                         "2026-SP", "2026-SU", "2026-FA", "2027-SP"};
    size_t n = sizeof chrono / sizeof *chrono;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            cri_term a = cri_term_parse(chrono[i], 7), b = cri_term_parse(chrono[j], 7);
            ck_assert_msg((a < b) == (i < j) && (a == b) == (i == j), "%s vs %s", chrono[i],
                          chrono[j]);
        }
}
END_TEST

struct semester_case {
    int cohort, k;
    const char *term;
};

/* term(C, k) = FA of C-4+(k-1)/2 for odd k, SP of C-4+k/2 for even k. */
static const struct semester_case semester_cases[] = {
    {2027, 1, "2023-FA"}, {2027, 2, "2024-SP"}, {2027, 3, "2024-FA"}, {2027, 4, "2025-SP"},
    {2027, 5, "2025-FA"}, {2027, 6, "2026-SP"}, {2027, 7, "2026-FA"}, {2027, 8, "2027-SP"},
    {2030, 1, "2026-FA"}, {2030, 8, "2030-SP"}, {2026, 6, "2025-SP"}, {2026, 7, "2025-FA"},
};

START_TEST(test_term_of_semester_table)
{
    const struct semester_case *tc = &semester_cases[_i];
    cri_term t = cri_term_of_semester(tc->cohort, tc->k);
    char buf[8];
    cri_term_format(t, buf);
    ck_assert_msg(strcmp(buf, tc->term) == 0, "class of %d semester %d: %s, want %s", tc->cohort,
                  tc->k, buf, tc->term);
    ck_assert_uint_eq(t, cri_term_parse(tc->term, 7));
}
END_TEST

START_TEST(test_term_regular_index)
{
    /* The eight semesters of a class are consecutive regular semesters,
     * across calendar years; summers are not regular. */
    for (int cohort = 2025; cohort <= 2031; cohort++)
        for (int k = 1; k < 8; k++) {
            cri_term a = cri_term_of_semester(cohort, k), b = cri_term_of_semester(cohort, k + 1);
            ck_assert(cri_term_is_regular(a) && cri_term_is_regular(b));
            ck_assert_msg(cri_term_regular_index(b) == cri_term_regular_index(a) + 1,
                          "class of %d, semesters %d and %d are not consecutive", cohort, k,
                          k + 1);
        }
    cri_term fa25 = cri_term_parse("2025-FA", 7), sp26 = cri_term_parse("2026-SP", 7);
    cri_term sp25 = cri_term_parse("2025-SP", 7), su25 = cri_term_parse("2025-SU", 7);
    ck_assert_int_eq(cri_term_regular_index(sp26) - cri_term_regular_index(fa25), 1);
    ck_assert_int_eq(cri_term_regular_index(fa25) - cri_term_regular_index(sp25), 1);
    ck_assert_int_eq(cri_term_regular_index(sp26) - cri_term_regular_index(sp25), 2);
    ck_assert(!cri_term_is_regular(su25));
}
END_TEST

START_TEST(test_term_format)
{
    char buf[8];
    memset(buf, 'Z', sizeof buf);
    cri_term_format(cri_term_make(2026, CRI_SP), buf);
    ck_assert_str_eq(buf, "2026-SP");
    cri_term_format(cri_term_make(2026, CRI_SU), buf);
    ck_assert_str_eq(buf, "2026-SU");
    cri_term_format(cri_term_make(2023, CRI_FA), buf);
    ck_assert_str_eq(buf, "2023-FA");
    cri_term_format(cri_term_make(1000, CRI_FA), buf);
    ck_assert_str_eq(buf, "1000-FA");
}
END_TEST

static Suite *decimal_term_suite(void)
{
    Suite *s = suite_create("decimal_term");
    TCase *d = tcase_create("decimal");
    tcase_add_loop_test(d, test_decimal_parse_table, 0,
                        (int)(sizeof parse_cases / sizeof *parse_cases));
    tcase_add_test(d, test_decimal_parse_respects_length);
    tcase_add_loop_test(d, test_decimal_format_table, 0,
                        (int)(sizeof format_cases / sizeof *format_cases));
    tcase_add_test(d, test_decimal_round_trip);
    tcase_add_test(d, test_pow10);
    suite_add_tcase(s, d);
    TCase *t = tcase_create("term");
    tcase_add_loop_test(t, test_term_parse_table, 0,
                        (int)(sizeof term_parse_cases / sizeof *term_parse_cases));
    tcase_add_test(t, test_term_order);
    tcase_add_loop_test(t, test_term_of_semester_table, 0,
                        (int)(sizeof semester_cases / sizeof *semester_cases));
    tcase_add_test(t, test_term_regular_index);
    tcase_add_test(t, test_term_format);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(decimal_term_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
