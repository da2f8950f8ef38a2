/* bytes.h -- equality of short byte strings without a library call.
 *
 * Ids, grades and levels are a few bytes long; memcmp's call and dispatch
 * cost more than the comparison on the hot path of every grade row.  The
 * words are compared without branching on the first difference. */
#ifndef CRI_BYTES_H
#define CRI_BYTES_H

#include <stdint.h>
#include <string.h>

static inline int cri_bytes_eq(const char *a, const char *b, size_t n)
{
    if (n >= 4 && n <= 8) {
        /* Two overlapping four-byte words cover 4..8 bytes. */
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + n - 4, 4);
        memcpy(&y1, b + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a[i] != b[i])
                return 0;
        return 1;
    }
    if (n <= 16) {
        uint64_t x0, y0, x1, y1;
        memcpy(&x0, a, 8);
        memcpy(&y0, b, 8);
        memcpy(&x1, a + n - 8, 8);
        memcpy(&y1, b + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    return memcmp(a, b, n) == 0;
}

/* A text of at most 16 bytes as two words, zero past its end, read from
 * 16 bytes that may be read whole.  Equal texts of equal length then have
 * equal words, so they compare in one step, whatever the length.  The mask
 * is loaded from a run of 0xFF bytes, so it covers the text's bytes in
 * memory order on any byte order, with no branch on n. */
static inline void cri_words_at(const char *p, size_t n, uint64_t w[2])
{
    static const unsigned char ones_then_zeros[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                      0xFF, 0xFF, 0xFF, 0xFF};
    uint64_t m[2];
    memcpy(m, ones_then_zeros + 16 - n, 16);
    memcpy(w, p, 16);
    w[0] &= m[0];
    w[1] &= m[1];
}

/* The same for a text that may sit anywhere (of a longer text, its first
 * 16 bytes). */
static inline void cri_words_of(const char *p, size_t n, uint64_t w[2])
{
    char b[16] = {0};
    n = n < 16 ? n : 16;
    memcpy(b, p, n);
    cri_words_at(b, n, w);
}

#endif
