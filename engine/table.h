/* table.h -- read one input CSV file record by record.
 *
 * Maps the file, resolves its header for the table, checks every record's
 * field count and hands each good record to a callback.  Malformed records
 * are reported to the run's diag and skipped, so later errors are found
 * too; the run fails as a whole afterwards. */
#ifndef CRI_TABLE_H
#define CRI_TABLE_H

#include "header.h"
#include "run.h"

struct cri_table_row {
    const char *path;
    uint32_t file_order;
    const struct cri_csv *csv;
    const struct cri_header *header;
};

/* Returns CR_OK to go on.  Data errors belong in the diag, not in the
 * return value; return an error status only to stop at once (ENOMEM). */
typedef enum cr_status (*cri_row_fn)(struct cr_run *run, const struct cri_table_row *row);

/* Read path as table t.  Returns CR_OK when the file was read through (even
 * if rows had data errors), CR_EIO when it could not be read, CR_ENOMEM. */
enum cr_status cri_table_read(struct cr_run *run, const char *path, uint32_t file_order,
                              enum cri_table t, cri_row_fn fn);

/* Report a bad field: "<what> 'value' ...".  Returns CR_OK so row callbacks
 * can `return cri_field_error(...)` and go on with the next row. */
enum cr_status cri_field_error(struct cr_run *run, const struct cri_table_row *row,
                               const struct cri_field *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
