/* roster.h -- checks shared by the readers of the input tables. */
#ifndef CRI_ROSTER_H
#define CRI_ROSTER_H

#include "table.h"

#include <stdint.h>
#include <string.h>

/* Does ASCII text hold a control byte (below 0x20, or DEL)?  Eight bytes
 * at a time: every id of every row asks.  The tail word is padded with
 * 'A', which is neither. */
static inline int cri_ascii_has_control(const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t hit = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0x4141414141414141ULL;
        memcpy(&w, p + i, n - i < 8 ? n - i : 8);
        uint64_t del = w ^ (0x7F * ones);
        hit |= ((w - 0x20 * ones) & ~w) | ((del - ones) & ~del);
    }
    return (hit & highs) != 0;
}

/* Check an id field: not empty, valid UTF-8, and no control character or
 * invisible format character (Unicode category Cf: a byte order mark, a
 * zero-width space...), which would make two ids that print the same
 * differ.  Reports and returns 0 if bad. */
int cri_check_id_fully(struct cr_run *run, const struct cri_table_row *row,
                       const struct cri_field *f, const char *what);
static inline int cri_check_id(struct cr_run *run, const struct cri_table_row *row,
                               const struct cri_field *f, const char *what)
{
    /* Nearly every id: not empty, printable, in an all-ASCII record. */
    if (f->n && row->csv->record_ascii && !cri_ascii_has_control(f->p, f->n))
        return 1;
    return cri_check_id_fully(run, row, f, what);
}

/* The first code point of UTF-8 text p[0..n) that is a control character
 * (C0, DEL, C1) or of category Cf, or -1 when there is none.  p must be
 * valid UTF-8. */
long cri_first_hidden_char(const char *p, size_t n);

/* Read an optional yes/no flag (yes, no, true, false, 1, 0, any case;
 * empty or absent = no).  Reports and returns 0 when it is something else. */
int cri_read_flag_text(struct cr_run *run, const struct cri_table_row *row,
                       const struct cri_field *f, int *flag);
static inline int cri_read_flag(struct cr_run *run, const struct cri_table_row *row,
                                const struct cri_field *f, int *flag)
{
    *flag = 0;
    return !f || f->n == 0 ? 1 : cri_read_flag_text(run, row, f, flag); /* mostly absent */
}

#endif
