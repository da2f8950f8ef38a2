/* test_diag.c -- unit suite for engine/core/diag.c: the quotation of a value
 * in a message (SPEC "The whole value in every message").
 *
 * The expected quotations are built by hand from the rule, not from
 * cri_quote: a value of at most 200 bytes whole, a longer one as its first
 * 100 and last 60 bytes around "...", and every byte that is not printable
 * ASCII (or is the backslash) as \xHH. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"

/* n bytes: 'a' + i % 26 at position i, so a head and a tail show where the
 * cut fell. */
static char *letters(size_t n)
{
    char *p = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        p[i] = (char)('a' + i % 26);
    p[n] = '\0';
    return p;
}

START_TEST(test_short_values_whole)
{
    char q[CRI_QUOTE_CAP];
    ck_assert_str_eq(cri_quote(q, "AP", 2), "AP");
    ck_assert_str_eq(cri_quote(q, "", 0), "");
    /* An Ed-Fi value of 56 bytes, cut at 40 before: now whole. */
    const char *uri = "uri://ed-fi.org/CourseRepeatCodeDescriptor#RepeatCounted";
    ck_assert_str_eq(cri_quote(q, uri, strlen(uri)), uri);
}
END_TEST

START_TEST(test_200_bytes_whole_201_cut)
{
    char q[CRI_QUOTE_CAP];
    char *v = letters(201);
    /* 200 bytes: whole */
    char want[CRI_QUOTE_CAP];
    memcpy(want, v, 200);
    want[200] = '\0';
    ck_assert_str_eq(cri_quote(q, v, 200), want);
    ck_assert_uint_eq(strlen(q), 200);
    /* 201 bytes: bytes 0..99, "...", bytes 141..200.  Byte 100 is 'w'
     * (100 % 26 = 22), byte 141 is 'l' (141 % 26 = 11), byte 200 is 's'
     * (200 % 26 = 18). */
    cri_quote(q, v, 201);
    ck_assert_uint_eq(strlen(q), 100 + 3 + 60);
    ck_assert_int_eq(memcmp(q, v, 100), 0);
    ck_assert_int_eq(memcmp(q + 100, "...l", 4), 0);
    ck_assert_int_eq(q[162], 's');
    ck_assert_int_eq(memcmp(q + 103, v + 141, 60), 0);
    free(v);
}
END_TEST

START_TEST(test_long_descriptor_keeps_its_code)
{
    /* A 250-byte descriptor URI ending in the code a district must map: the
     * code is in the last 60 bytes, so it shows. */
    char v[251];
    memset(v, 'x', 250);
    v[250] = '\0';
    memcpy(v, "uri://", 6);
    memcpy(v + 250 - 12, "#Honors Plus", 12);
    char q[CRI_QUOTE_CAP];
    cri_quote(q, v, 250);
    ck_assert_uint_eq(strlen(q), 163);
    ck_assert_ptr_nonnull(strstr(q, "...xxx"));
    ck_assert_str_eq(q + 163 - 12, "#Honors Plus");
    ck_assert_int_eq(memcmp(q, "uri://xxxx", 10), 0);
}
END_TEST

START_TEST(test_unprintable_bytes_as_hex)
{
    char q[CRI_QUOTE_CAP];
    ck_assert_str_eq(cri_quote(q,
                               "s\xff"
                               "1",
                               3),
                     "s\\xFF1");
    ck_assert_str_eq(cri_quote(q, "a\tb\\c", 5), "a\\x09b\\x5Cc");
    ck_assert_str_eq(cri_quote(q, "\x7f\x1f ", 3), "\\x7F\\x1F ");
    /* "é" in UTF-8 is two bytes that are not ASCII */
    ck_assert_str_eq(cri_quote(q, "Jos\xc3\xa9", 5), "Jos\\xC3\\xA9");
    /* 200 bytes that all need escaping fill the buffer exactly: 800 + NUL */
    char v[200];
    memset(v, 0x01, sizeof v);
    cri_quote(q, v, sizeof v);
    ck_assert_uint_eq(strlen(q), 800);
    ck_assert_int_eq(memcmp(q + 796, "\\x01", 4), 0);
}
END_TEST

START_TEST(test_cut_counts_bytes_not_escapes)
{
    /* 300 NUL bytes: the cut is by the value's bytes (100 and 60), each
     * written as 4: 400 + 3 + 240. */
    char v[300];
    memset(v, 0, sizeof v);
    char q[CRI_QUOTE_CAP];
    cri_quote(q, v, sizeof v);
    ck_assert_uint_eq(strlen(q), 400 + 3 + 240);
    ck_assert_int_eq(memcmp(q + 396, "\\x00...\\x00", 11), 0);
}
END_TEST

START_TEST(test_message_holds_whole_quotation)
{
    /* A diag message is not cut either: an 800-byte quotation arrives whole. */
    struct cri_diag d = {.max = 4};
    char v[200], q[CRI_QUOTE_CAP];
    memset(v, '\n', sizeof v);
    cri_diag_add(&d, CR_EDATA, "g.csv", 0, 2, 3, "grade '%s' is unknown", cri_quote(q, v, 200));
    ck_assert_uint_eq(d.count, 1);
    ck_assert_uint_eq(strlen(d.errors[0].message), strlen("grade '' is unknown") + 800);
    cri_diag_warn(&d, "warning about '%s'", q);
    ck_assert_uint_eq(strlen(d.warnings[0]), strlen("warning about ''") + 800);
    cri_diag_free(&d);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("quote");
    tcase_add_test(tc, test_short_values_whole);
    tcase_add_test(tc, test_200_bytes_whole_201_cut);
    tcase_add_test(tc, test_long_descriptor_keeps_its_code);
    tcase_add_test(tc, test_unprintable_bytes_as_hex);
    tcase_add_test(tc, test_cut_counts_bytes_not_escapes);
    tcase_add_test(tc, test_message_holds_whole_quotation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(diag_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
