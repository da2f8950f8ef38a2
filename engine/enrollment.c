/* enrollment.c -- enrollment.csv: one row per term a student was enrolled in
 * a district high school.  school_id is informational: membership counts
 * enrollment in any district school. */
#include "roster.h"

struct enrolled {
    uint32_t student;
    cri_term term;
};

/* Worker thread: validate the row and look the student up. */
static enum cr_status enrollment_row(struct cr_run *run, const struct cri_table_row *row)
{
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    const struct cri_field *tf = cri_row_field(row, CRI_COL_TERM);
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
    uint32_t s = cri_worker_find_student(run, row->worker, id->p, id->n);
    if (s == CRI_NONE)
        return CR_OK;
    struct enrolled *e = cri_worker_push(row->worker);
    if (!e)
        return CR_ENOMEM;
    *e = (struct enrolled){s, term};
    return CR_OK;
}

/* Calling thread: set the enrollment bits. */
static enum cr_status enrollment_apply(struct cr_run *run, struct cri_worker *w)
{
    const struct enrolled *e = (const struct enrolled *)w->items;
    for (size_t i = 0; i < w->n_items; i++)
        cri_student_enroll(&run->students[e[i].student], e[i].term);
    return CR_OK;
}

enum cr_status cri_enrollment_load(struct cr_run *run, const char *path)
{
    static const struct cri_table_ops ops = {CRI_TABLE_ENROLLMENT, sizeof(struct enrolled),
                                             enrollment_row, enrollment_apply, 1};
    run->has_enrollment_file = 1;
    return cri_table_read(run, path, 1, &ops);
}
