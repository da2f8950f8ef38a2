/* test_bigmem.c -- unit suite for engine/bigmem.c and cri_grow (arena.c):
 * large arrays keep their contents as they grow, come zeroed from
 * cri_big_calloc, and start on a 2 MiB boundary marked for huge pages where
 * the kernel offers them (the advice is what makes a million-student run fault a few
 * thousand times instead of a hundred thousand). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "core/arena.h"
#include "core/bigmem.h"

/* Grow one element at a time to 6 Mi uint64 (48 MiB), past the point
 * where the blocks are mapped and advised: every value written before a
 * move must still be there after it. */
START_TEST(test_grow_keeps_contents)
{
    uint64_t *a = NULL;
    size_t cap = 0, n = (size_t)6 << 20;
    for (size_t i = 0; i < n; i++) {
        uint64_t *grown = cri_grow(a, &cap, i + 1, sizeof *a, 4096);
        if (!grown) /* not ck_assert: each one writes to Check's pipe */
            ck_abort_msg("out of memory at %zu", i);
        a = grown;
        a[i] = i * 2654435761u;
    }
    ck_assert_uint_ge(cap, n);
    for (size_t i = 0; i < n; i++)
        if (a[i] != i * 2654435761u)
            ck_abort_msg("a[%zu] lost its value", i);
    free(a);
}
END_TEST

START_TEST(test_big_calloc_is_zero)
{
    size_t n = (size_t)5 << 20; /* 40 MiB */
    uint64_t *a = cri_big_calloc(n, sizeof *a);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < n; i++)
        if (a[i])
            ck_abort_msg("a[%zu] = %llu", i, (unsigned long long)a[i]);
    free(a);
    /* The product overflows: refused, as calloc refuses it. */
    ck_assert_ptr_null(cri_big_calloc(SIZE_MAX / 2, 4));
}
END_TEST

/* Whether advised memory is eligible for huge pages: 1 when the kernel's
 * mode is "always" or "madvise" (between brackets) and this process has not
 * turned them off, 0 when not, -1 when it cannot be told (no /sys). */
static int kernel_offers_huge_pages(void)
{
#ifdef PR_GET_THP_DISABLE
    if (prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1)
        return 0;
#endif
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f)
        return -1;
    char mode[128] = "";
    if (!fgets(mode, sizeof mode, f))
        mode[0] = '\0';
    fclose(f);
    if (!strchr(mode, '['))
        return -1;
    return strstr(mode, "[always]") || strstr(mode, "[madvise]");
}

/* The THPeligible line of the mapping in /proc/self/smaps that holds p:
 * 1, 0, or -1 when there is none. */
static int huge_page_eligible(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    char line[512];
    int inside = 0, eligible = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long from, to;
        int value;
        if (sscanf(line, "%lx-%lx ", &from, &to) == 2 && strchr(line, '-') < strchr(line, ' '))
            inside = (uintptr_t)p >= from && (uintptr_t)p < to;
        else if (inside && sscanf(line, "THPeligible: %d", &value) == 1)
            eligible = value;
    }
    fclose(f);
    return eligible;
}

START_TEST(test_big_malloc_is_advised)
{
    size_t n = ((size_t)32 << 20) + 100;
    unsigned char *a = cri_big_malloc(n);
    ck_assert_ptr_nonnull(a);
    /* Aligned, so that every 2 MiB page but the last partial one is whole. */
    ck_assert_uint_eq((uintptr_t)a % ((uintptr_t)2 << 20), 0);
    memset(a, 1, n);
    /* Kernels before 5.x have no THPeligible line, and a container may
     * hide /sys: then there is nothing to compare. */
    int eligible = huge_page_eligible(a + n / 2), offered = kernel_offers_huge_pages();
    if (eligible >= 0 && offered >= 0)
        ck_assert_int_eq(eligible, offered);
    free(a);
}
END_TEST

/* Down to a small block and back up: the bytes that fit are kept. */
START_TEST(test_big_realloc_keeps_prefix)
{
    size_t big = (size_t)8 << 20, small = 1000;
    unsigned char *a = cri_big_malloc(big);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < big; i++)
        a[i] = (unsigned char)(i * 7 + i / 4096);
    a = cri_big_realloc(a, big, small);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < small; i++)
        ck_assert_uint_eq(a[i], (unsigned char)(i * 7 + i / 4096));
    a = cri_big_realloc(a, small, big);
    ck_assert_ptr_nonnull(a);
    for (size_t i = 0; i < small; i++)
        ck_assert_uint_eq(a[i], (unsigned char)(i * 7 + i / 4096));
    free(a);
}
END_TEST

static Suite *bigmem_suite(void)
{
    Suite *s = suite_create("bigmem");
    TCase *t = tcase_create("arrays");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_grow_keeps_contents);
    tcase_add_test(t, test_big_calloc_is_zero);
    tcase_add_test(t, test_big_malloc_is_advised);
    tcase_add_test(t, test_big_realloc_keeps_prefix);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(bigmem_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
