/* gpa.c -- exact comparisons, rounding and the repeat rules. */
#include "core/gpa.h"

#include "core/decimal.h"

int cri_fraction_cmp(int64_t an, int64_t ad, int64_t bn, int64_t bd)
{
    cri_i128 l = (cri_i128)an * bd, r = (cri_i128)bn * ad;
    return (l > r) - (l < r);
}

int64_t cri_gpa_round(int64_t num, int64_t credits_milli, int precision, enum cri_rounding mode)
{
    int negative = num < 0;
    cri_i128 x = (cri_i128)(negative ? -num : num) * cri_pow10(precision);
    cri_i128 y = (cri_i128)credits_milli * 100;
    cri_i128 q, r;
    if (x <= (cri_i128)UINT64_MAX && y <= (cri_i128)UINT64_MAX) {
        /* Nearly always: one machine division instead of two calls into
         * the 128-bit division routines. */
        uint64_t x64 = (uint64_t)x, y64 = (uint64_t)y;
        q = x64 / y64;
        r = x64 % y64;
    } else {
        q = x / y;
        r = x % y;
    }
    switch (mode) {
    case CRI_ROUND_HALF_UP:
        if (2 * r >= y)
            q++;
        break;
    case CRI_ROUND_HALF_EVEN:
        if (2 * r > y || (2 * r == y && (q & 1)))
            q++;
        break;
    case CRI_ROUND_TRUNCATE:
        break;
    }
    return negative ? -(int64_t)q : (int64_t)q;
}

int cri_gpa_at_least(int64_t num, int64_t credits_milli, int64_t threshold_micro)
{
    return (cri_i128)num * 1000000 >= (cri_i128)threshold_micro * 100 * credits_milli;
}

int cri_rounded_at_least(int64_t rounded, int precision, int64_t threshold_micro)
{
    return (cri_i128)rounded * 1000000 >= (cri_i128)threshold_micro * cri_pow10(precision);
}

static int cmp_i(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

int cri_attempt_beats(enum cri_repeats mode, const struct cri_attempt *a,
                      const struct cri_attempt *b)
{
    /* SPEC "Repeated course": latest = term, then unweighted points, then
     * weighted points, then credits; highest = unweighted points, then the
     * same order as latest. */
    int c;
    if (mode == CRI_REPEATS_HIGHEST && (c = cmp_i(a->points_centi, b->points_centi)) != 0)
        return c > 0;
    if ((c = cmp_i(a->term, b->term)) != 0)
        return c > 0;
    if ((c = cmp_i(a->points_centi, b->points_centi)) != 0)
        return c > 0;
    if ((c = cmp_i(a->weighted_centi, b->weighted_centi)) != 0)
        return c > 0;
    return a->credits_milli > b->credits_milli;
}
