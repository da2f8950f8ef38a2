/* header.h -- find the columns a table needs in a CSV header row.
 *
 * Columns are matched by exact header text (after the `columns:` renames of
 * the config); order does not matter and unknown columns are ignored. */
#ifndef CRI_HEADER_H
#define CRI_HEADER_H

#include "config/config.h"
#include "core/diag.h"
#include "read/csv.h"

struct cri_header {
    enum cri_table table;
    int index[CRI_COL_COUNT];     /* field index of each column, -1 when absent */
    int year_index, season_index; /* the term built from two columns, or -1 */
    int keep_index[CRI_MAX_KEEP]; /* columns.grades.keep */
    size_t n_fields;              /* every record must have this many fields */
    /* The columns the file has, so a row's view is built in one short pass. */
    uint8_t present[CRI_COL_COUNT];
    size_t n_present;
    int mapped; /* some column has a value map, a built term or a keep filter */
};

/* Resolve the header record in c->fields for table t.  A missing required
 * column or a needed column given twice is reported at line 1 and makes the
 * result CR_ECSV. */
enum cr_status cri_header_resolve(struct cri_header *h, const struct cri_csv *c,
                                  const struct cri_config *cfg, enum cri_table t,
                                  struct cri_diag *diag, const char *path, uint32_t file_order);

/* A record seen through the config: view[col] points at our column col
 * (NULL when the file has no such column), after value maps and with a
 * term built from a year and a season column.  Pointers go into c->fields,
 * or into mapped[] (CRI_COL_COUNT slots) for a mapped value; term_buf
 * (8 bytes) holds a built term.  Returns 1 for a row to read, 0 for a bad row (reported to diag),
 * 2 for a row a keep filter drops. */
int cri_header_view(const struct cri_header *h, const struct cri_csv *c,
                    const struct cri_config *cfg, const struct cri_field **view,
                    struct cri_field *mapped, char *term_buf, struct cri_diag *diag,
                    const char *path, uint32_t file_order);

#endif
