/* enrollment.c -- enrollment.csv: one row per term a student was enrolled in
 * a district high school.  school_id is informational: membership counts
 * enrollment in any district school. */
#include "roster.h"

static enum cr_status enrollment_row(struct cr_run *run, const struct cri_table_row *row)
{
    const struct cri_field *id = cri_header_field(row->header, row->csv, CRI_COL_STUDENT_ID);
    const struct cri_field *tf = cri_header_field(row->header, row->csv, CRI_COL_TERM);
    int ok = cri_check_id(run, row, id, "student_id");
    cri_term term = cri_term_parse(tf->p, tf->n);
    if (!term) {
        char q[CRI_QUOTE_CAP];
        cri_field_error(run, row, tf, "term '%s' is not a term (expected YYYY-SP, YYYY-SU or YYYY-FA)",
                        cri_quote(q, sizeof q, tf->p, tf->n));
        ok = 0;
    }
    if (!ok)
        return CR_OK;
    /* Enrollment of students outside the roster is normal (other grades). */
    uint32_t s = cri_intern_find(&run->ids, id->p, id->n);
    if (s != CRI_NONE)
        cri_student_enroll(&run->students[s], term);
    return CR_OK;
}

enum cr_status cri_enrollment_load(struct cr_run *run, const char *path)
{
    run->has_enrollment_file = 1;
    return cri_table_read(run, path, 1, CRI_TABLE_ENROLLMENT, enrollment_row);
}
