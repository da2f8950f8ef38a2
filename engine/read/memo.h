/* memo.h -- what a worker decoded last, kept so the same text is not
 * decoded again.  The readers of the input tables keep these in their
 * per-worker slot (see cri_table_ops.slot_size). */
#ifndef CRI_MEMO_H
#define CRI_MEMO_H

#include <stdint.h>
#include <string.h>

#include "core/bytes.h"

/* The last text a worker decoded in one column, and what it meant.  A grade
 * file repeats its term on every row and mostly one level: comparing the
 * text again costs less than decoding it. */
struct cri_memo {
    char text[15];
    uint8_t n; /* 0: nothing remembered */
    int value;
};

static inline int cri_memo_get(const struct cri_memo *m, const char *p, size_t n, int *value)
{
    if (n == 0 || n != m->n || !cri_bytes_eq(m->text, p, n))
        return 0;
    *value = m->value;
    return 1;
}

static inline void cri_memo_set(struct cri_memo *m, const char *p, size_t n, int value)
{
    if (n == 0 || n > sizeof m->text)
        return;
    memcpy(m->text, p, n);
    m->n = (uint8_t)n;
    m->value = value;
}

/* The last few short texts a worker decoded in one column (credits: "1",
 * "0.5", "0.25" mix row to row), by their words (see cri_field_words); a
 * slot holds the last text that hashed there. */
struct cri_word_memo {
    uint64_t word;
    uint32_t n1; /* 1 + the text's length; 0: empty slot */
    int32_t value;
};
#define CRI_WORD_MEMO_SLOTS 16

static inline struct cri_word_memo *cri_word_memo_slot(struct cri_word_memo *memo, uint64_t word)
{
    return &memo[(word * 0x9E3779B97F4A7C15ULL) >> 60];
}

#endif
