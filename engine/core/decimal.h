/* decimal.h -- exact fixed-point reading of decimal text ("3.75", "0.333").
 *
 * Values are scaled integers: with 3 decimals "0.333" is 333.  Nothing here
 * touches floating point. */
#ifndef CRI_DECIMAL_H
#define CRI_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

enum cri_decimal_result {
    CRI_DEC_OK = 0,
    CRI_DEC_SYNTAX,   /* not [-+]digits[.digits] */
    CRI_DEC_DECIMALS, /* more fraction digits than allowed */
    CRI_DEC_RANGE     /* scaled magnitude over 10^15 */
};

/* Read p[0..n) as a decimal with at most `decimals` fraction digits and
 * store it scaled by 10^decimals.  Accepts an optional sign, digits before
 * and/or after one '.', nothing else (no spaces, exponents or thousands
 * separators). */
enum cri_decimal_result cri_decimal_parse_text(const char *p, size_t n, int decimals, int64_t *out);
static inline enum cri_decimal_result cri_decimal_parse(const char *p, size_t n, int decimals,
                                                        int64_t *out)
{
    /* A lone digit -- credits "1", the cell of nearly every grade row --
     * without a call. */
    if (n == 1 && (unsigned)((unsigned char)p[0] - '0') < 10 && decimals >= 0 && decimals <= 15) {
        int64_t v = (unsigned char)p[0] - '0';
        for (int k = 0; k < decimals; k++)
            v *= 10;
        *out = v;
        return CRI_DEC_OK;
    }
    return cri_decimal_parse_text(p, n, decimals, out);
}

/* Write v / 10^decimals with exactly `decimals` fraction digits into buf
 * (cap >= 32).  Returns the length. */
size_t cri_decimal_format(char *buf, size_t cap, int64_t v, int decimals);

/* 10^k for 0 <= k <= 18. */
int64_t cri_pow10(int k);

#endif
