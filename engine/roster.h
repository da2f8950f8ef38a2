/* roster.h -- checks shared by the readers of the input tables. */
#ifndef CRI_ROSTER_H
#define CRI_ROSTER_H

#include "table.h"

/* Check an id field: not empty, valid UTF-8, and no control character or
 * invisible format character (Unicode category Cf: a byte order mark, a
 * zero-width space...), which would make two ids that print the same
 * differ.  Reports and returns 0 if bad. */
int cri_check_id_fully(struct cr_run *run, const struct cri_table_row *row,
                       const struct cri_field *f, const char *what);
static inline int cri_check_id(struct cr_run *run, const struct cri_table_row *row,
                               const struct cri_field *f, const char *what)
{
    /* Nearly every id: not empty, in a record of printable ASCII (the
     * tokenizer saw every byte). */
    if (f->n && row->csv->record_plain)
        return 1;
    return cri_check_id_fully(run, row, f, what);
}


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
