/* header.h -- find the columns a table needs in a CSV header row.
 *
 * Columns are matched by exact header text (after the `columns:` renames of
 * the config); order does not matter and unknown columns are ignored. */
#ifndef CRI_HEADER_H
#define CRI_HEADER_H

#include "config.h"
#include "csv.h"
#include "diag.h"

struct cri_header {
    int index[CRI_COL_COUNT]; /* field index of each column, -1 when absent */
    size_t n_fields;          /* every record must have this many fields */
};

/* Resolve the header record in c->fields for table t.  A missing required
 * column or a needed column given twice is reported at line 1 and makes the
 * result CR_ECSV. */
enum cr_status cri_header_resolve(struct cri_header *h, const struct cri_csv *c,
                                  const struct cri_config *cfg, enum cri_table t,
                                  struct cri_diag *diag, const char *path, uint32_t file_order);

/* The field of column col in the current record, or NULL when the column is
 * absent from the file. */
static inline const struct cri_field *cri_header_field(const struct cri_header *h,
                                                       const struct cri_csv *c,
                                                       enum cri_column col)
{
    return h->index[col] < 0 ? NULL : &c->fields[h->index[col]];
}

#endif
