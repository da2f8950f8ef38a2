/* table.c -- the record loop shared by the roster, enrollment and grades. */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>

#include "mapfile.h"

enum cr_status cri_field_error(struct cr_run *run, const struct cri_table_row *row,
                               const struct cri_field *f, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cri_diag_add(&run->diag, CR_EDATA, row->path, row->file_order, f->line, f->column, "%s",
                 msg);
    return CR_OK;
}

enum cr_status cri_table_read(struct cr_run *run, const char *path, uint32_t file_order,
                              enum cri_table t, cri_row_fn fn)
{
    struct cri_diag *d = &run->diag;
    struct cri_mapfile m;
    const char *why = "";
    switch (cri_mapfile_open(&m, path, &why)) {
    case CRI_MAP_OK:
        break;
    case CRI_MAP_ENOMEM:
        return CR_ENOMEM;
    default:
        return cri_diag_add(d, CR_EIO, path, file_order, 0, 0, "cannot read: %s", why);
    }
    enum cr_status st = CR_OK;
    struct cri_csv c;
    cri_csv_init(&c, m.data, m.len, 1);
    struct cri_header h;
    int r = cri_csv_next(&c);
    if (r == 0) {
        cri_diag_add(d, CR_ECSV, path, file_order, 1, 1,
                     m.len ? "no header row (the file has only blank lines)"
                           : "the file is empty (expected a header row)");
        goto done;
    }
    if (r == -2) {
        st = CR_ENOMEM;
        goto done;
    }
    if (r == -1) {
        cri_diag_add(d, CR_ECSV, path, file_order, c.err_line, c.err_column, "%s",
                     c.err_message);
        goto done;
    }
    if (cri_header_resolve(&h, &c, &run->cfg, t, d, path, file_order) != CR_OK)
        goto done;
    struct cri_table_row row = {path, file_order, &c, &h};
    while (!cri_diag_full(d) && (r = cri_csv_next(&c)) != 0) {
        if (r == -2) {
            st = CR_ENOMEM;
            break;
        }
        if (r == -1) {
            cri_diag_add(d, CR_ECSV, path, file_order, c.err_line, c.err_column, "%s",
                         c.err_message);
            continue;
        }
        if (c.n_fields != h.n_fields) {
            const struct cri_field *last = &c.fields[c.n_fields - 1];
            cri_diag_add(d, CR_ECSV, path, file_order, c.record_line,
                         c.n_fields > h.n_fields ? c.fields[h.n_fields].column : last->column + last->n,
                         "expected %zu fields as in the header, found %zu", h.n_fields,
                         c.n_fields);
            continue;
        }
        if ((st = fn(run, &row)) != CR_OK)
            break;
    }
done:
    cri_csv_free(&c);
    cri_mapfile_close(&m);
    return st;
}
