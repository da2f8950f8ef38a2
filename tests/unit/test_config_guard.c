/* test_config_guard.c -- unit suite for engine/config_guard.c: the limits a
 * config keeps, checked on libyaml's events (one document, depth, aliases
 * with the nodes they stand for, keys written out and given once).
 *
 * Each case is YAML text and the error it must give, or none.  Columns are
 * counted by hand (bytes before the node + 1); the implicit top mapping of
 * a document is a level of nesting. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_guard.h"
#include "core/diag.h"

struct guard_case {
    const char *yaml;
    unsigned long line, column; /* 0, 0: no error */
    const char *message;        /* the error's start */
};

static const struct guard_case cases[] = {
    {"", 0, 0, NULL},
    {"rank: {checkpoints: [6]}\n", 0, 0, NULL},
    {"---\na: 1\n...\n", 0, 0, NULL},
    /* documents */
    {"a: 1\n---\nb: 2\n", 2, 1, "a second YAML document starts here"},
    {"a: 1\n--- {}\n", 2, 1, "a second YAML document"},
    /* the whole stream is read: what follows the first document too */
    {"{}[gpa, x]\n", 1, 3, "YAML did not find expected <document start>"},
    {"a: 1\n}\n", 2, 1, "YAML did not find expected key"},
    /* a reader error has only a byte offset: its line and column too */
    {"a: 1\nb: 2\nc: x\x01y\n", 3, 5, "YAML control characters are not allowed"},
    {"a: 1\nb: \xff\n", 2, 4, "YAML invalid leading UTF-8 octet"},
    /* duplicate keys, in every kind of mapping and at any depth */
    {"a: 1\na: 2\n", 2, 1, "key 'a' is given twice (the first would be lost)"},
    {"x: {a: 1, b: 2, a: 3}\n", 1, 17, "key 'a' is given twice (the first would be lost) in x"},
    {"x: [{n: 1}, {n: 1, n: 2}]\n", 1, 20, "key 'n' is given twice (the first would be lost) in x[1]"},
    {"s:\n  \"520\": {}\n  520: {}\n", 3, 3, "key '520' is given twice"},
    {"s:\n  '520': {}\n  \"520\": {}\n", 3, 3, "key '520' is given twice"},
    {"a: {k: 1}\nb: {k: 1}\n", 0, 0, NULL}, /* the same key in two mappings */
    {"a: [k, k]\n", 0, 0, NULL},           /* a list may repeat */
    {"a: 1\nA: 2\n", 0, 0, NULL},          /* keys are bytes */
    /* keys */
    {"x: &k a\ny: {*k : 1}\n", 2, 5, "a key must be written out, not an alias"},
    {"? [a]\n: 1\n", 1, 3, "a key must be a single value, not a list"},
    {"? {a: 1}\n: 1\n", 1, 3, "a key must be a single value, not a mapping"},
    /* aliases */
    {"a: &x [1, 2]\nb: *x\nc: *x\n", 0, 0, NULL},
    {"a: &x [1, *x]\n", 1, 11, "an alias inside the node it names (a loop)"},
    {"a: &x {b: [*x]}\n", 1, 12, "an alias inside the node it names"},
    {"a: *undefined\n", 0, 0, NULL}, /* left to the loader to report */
};

START_TEST(test_guard_cases)
{
    const struct guard_case *tc = &cases[_i];
    struct cri_diag d = {.max = 4};
    enum cr_status st = cri_config_guard("c.yaml", tc->yaml, strlen(tc->yaml), &d);
    if (!tc->message) {
        ck_assert_msg(st == CR_OK && d.count == 0, "case %d: unexpected error %s", _i,
                      d.count ? d.errors[0].message : "(none)");
    } else {
        ck_assert_msg(st == CR_ECONFIG && d.count == 1, "case %d: status %d, %zu errors", _i, st,
                      d.count);
        const struct cr_error *e = &d.errors[0];
        ck_assert_msg(e->line == tc->line && e->column == tc->column,
                      "case %d: at %lu:%lu, want %lu:%lu (%s)", _i, e->line, e->column, tc->line,
                      tc->column, e->message);
        ck_assert_msg(strncmp(e->message, tc->message, strlen(tc->message)) == 0,
                      "case %d: '%s' does not start with '%s'", _i, e->message, tc->message);
    }
    cri_diag_free(&d);
}
END_TEST

/* depth levels of flow lists inside the top mapping "x: ". */
static char *nested(int depth)
{
    char *s = malloc((size_t)depth * 2 + 8);
    ck_assert_ptr_nonnull(s);
    strcpy(s, "x: ");
    size_t n = 3;
    for (int i = 0; i < depth; i++)
        s[n++] = '[';
    for (int i = 0; i < depth; i++)
        s[n++] = ']';
    s[n] = '\0';
    return s;
}

START_TEST(test_depth_limit)
{
    struct cri_diag d = {.max = 4};
    /* The top mapping is level 1: 63 lists make 64 levels, the limit. */
    char *ok = nested(CRI_CONFIG_MAX_DEPTH - 1);
    ck_assert_int_eq(cri_config_guard("c.yaml", ok, strlen(ok), &d), CR_OK);
    char *deep = nested(CRI_CONFIG_MAX_DEPTH);
    ck_assert_int_eq(cri_config_guard("c.yaml", deep, strlen(deep), &d), CR_ECONFIG);
    /* The 64th '[' (level 65) is at column 3 + 64. */
    ck_assert_uint_eq(d.errors[0].column, 3 + CRI_CONFIG_MAX_DEPTH);
    ck_assert_ptr_nonnull(strstr(d.errors[0].message, "nested more than 64 deep"));
    free(ok);
    free(deep);
    cri_diag_free(&d);
}
END_TEST

/* A list of `width` copies of the list before it, `levels` times: the
 * nodes named grow as width^levels while the text grows by a line. */
static char *laughs(int levels, int width)
{
    size_t cap = 64 + (size_t)levels * (size_t)width * 8;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    size_t n = (size_t)snprintf(s, cap, "l0: &l0 [x]\n");
    for (int i = 1; i <= levels; i++) {
        n += (size_t)snprintf(s + n, cap - n, "l%d: &l%d [", i, i);
        for (int k = 0; k < width; k++)
            n += (size_t)snprintf(s + n, cap - n, "%s*l%d", k ? ", " : "", i - 1);
        n += (size_t)snprintf(s + n, cap - n, "]\n");
    }
    return s;
}

START_TEST(test_alias_expansion_limit)
{
    struct cri_diag d = {.max = 4};
    /* 10 levels of 4: each level stands for 4x the one before plus its own
     * list: l10 names about 4^10 = 1,048,576 x's -- under the 4,000,000. */
    char *under = laughs(10, 4);
    ck_assert_int_eq(cri_config_guard("c.yaml", under, strlen(under), &d), CR_OK);
    /* One level more: about 5,600,000 nodes in all, over it, at line 12
     * (l11's line), where the count passes the limit. */
    char *over = laughs(11, 4);
    ck_assert_int_eq(cri_config_guard("c.yaml", over, strlen(over), &d), CR_ECONFIG);
    ck_assert_uint_eq(d.errors[0].line, 12);
    ck_assert_ptr_nonnull(strstr(d.errors[0].message, "more than 4000000 nodes"));
    free(under);
    free(over);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_size_limit)
{
    struct cri_diag d = {.max = 4};
    size_t n = CRI_CONFIG_MAX_BYTES + 1;
    char *s = malloc(n);
    ck_assert_ptr_nonnull(s);
    memset(s, ' ', n);
    s[0] = '#';
    ck_assert_int_eq(cri_config_guard("c.yaml", s, n - 1, &d), CR_OK); /* a comment */
    ck_assert_int_eq(cri_config_guard("c.yaml", s, n, &d), CR_ECONFIG);
    ck_assert_uint_eq(d.errors[0].line, 0);
    free(s);
    cri_diag_free(&d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("config_guard");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_guard_cases, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, test_depth_limit);
    tcase_add_test(tc, test_alias_expansion_limit);
    tcase_add_test(tc, test_size_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
