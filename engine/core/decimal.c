/* decimal.c -- fixed-point parse and format. */
#include "core/decimal.h"

#include <stdio.h>
#include <string.h>

/* 10^0 .. 10^18: every power an int64 holds. */
static const int64_t powers_of_ten[19] = {1LL,
                                          10LL,
                                          100LL,
                                          1000LL,
                                          10000LL,
                                          100000LL,
                                          1000000LL,
                                          10000000LL,
                                          100000000LL,
                                          1000000000LL,
                                          10000000000LL,
                                          100000000000LL,
                                          1000000000000LL,
                                          10000000000000LL,
                                          100000000000000LL,
                                          1000000000000000LL,
                                          10000000000000000LL,
                                          100000000000000000LL,
                                          1000000000000000000LL};

int64_t cri_pow10(int k)
{
    return k >= 0 && k <= 18 ? powers_of_ten[k] : 0;
}

/* The common cell -- credits "1" or "0.5", a grade "82.18": at most nine
 * digits, at most one point, no sign, no more decimals than allowed.  Any
 * other text is left to the general parser (returns 0). */
static int parse_plain(const char *p, size_t n, int decimals, int64_t *out)
{
    if (n == 0 || n > 9 || decimals < 0 || decimals > 6)
        return 0;
    int64_t v = 0;
    int frac = -1, digits = 0; /* frac: digits after the point, -1 before it */
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)p[i] - '0';
        if (d < 10) {
            v = v * 10 + d;
            digits++;
            frac += frac >= 0;
        } else if (p[i] == '.' && frac < 0) {
            frac = 0;
        } else {
            return 0;
        }
    }
    if (!digits || frac > decimals)
        return 0;
    *out = v * powers_of_ten[decimals - (frac > 0 ? frac : 0)];
    return 1;
}

enum cri_decimal_result cri_decimal_parse_text(const char *p, size_t n, int decimals, int64_t *out)
{
    if (parse_plain(p, n, decimals, out))
        return CRI_DEC_OK;
    /* The scaled magnitude stays within 10^15: ample for every caller, and
     * far from overflowing int64 (or a product of two such values in 128
     * bits). */
    if (decimals < 0 || decimals > 15)
        return CRI_DEC_RANGE;
    const int64_t limit = powers_of_ten[15 - decimals];
    size_t i = 0;
    int negative = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        negative = p[i++] == '-';
    int64_t whole = 0;
    size_t int_digits = 0;
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, int_digits++) {
        whole = whole * 10 + (p[i] - '0');
        if (whole > limit)
            return CRI_DEC_RANGE;
    }
    int64_t frac = 0;
    int frac_digits = 0;
    if (i < n && p[i] == '.') {
        i++;
        for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, frac_digits++) {
            if (frac_digits >= decimals) {
                /* Keep scanning so "1.2x" is a syntax error, not a decimals one. */
                size_t j = i;
                while (j < n && p[j] >= '0' && p[j] <= '9')
                    j++;
                return j == n ? CRI_DEC_DECIMALS : CRI_DEC_SYNTAX;
            }
            frac = frac * 10 + (p[i] - '0');
        }
        if (int_digits == 0 && frac_digits == 0)
            return CRI_DEC_SYNTAX;
    } else if (int_digits == 0) {
        return CRI_DEC_SYNTAX;
    }
    if (i != n)
        return CRI_DEC_SYNTAX;
    int64_t v = whole * powers_of_ten[decimals] + frac * powers_of_ten[decimals - frac_digits];
    if (v > 1000000000000000LL)
        return CRI_DEC_RANGE;
    *out = negative ? -v : v;
    return CRI_DEC_OK;
}

size_t cri_decimal_format(char *buf, size_t cap, int64_t v, int decimals)
{
    /* Digits from the right: this runs for every GPA of every rank file,
     * where snprintf's parsing of a format costs more than the number. */
    (void)cap; /* 32 bytes always hold a sign, 20 digits and a point */
    int neg = v < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char tmp[32];
    int i = (int)sizeof tmp, d = 0;
    do {
        if (decimals && d == decimals)
            tmp[--i] = '.';
        tmp[--i] = (char)('0' + mag % 10);
        mag /= 10;
        d++;
    } while (mag || d <= decimals);
    if (neg)
        tmp[--i] = '-';
    size_t n = sizeof tmp - (size_t)i;
    memcpy(buf, tmp + i, n);
    buf[n] = '\0';
    return n;
}
