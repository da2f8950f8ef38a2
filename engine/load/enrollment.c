/* enrollment.c -- enrollment.csv: one row per term a student was enrolled in
 * a district high school.  school_id is informational: membership counts
 * enrollment in any district school. */
#include "load/roster.h"

/* A worker's own state (its slot in the reader). */
struct enrollment_slot {
    struct cri_student_memo student;
    struct cri_memo term;
};

static void enrollment_slot_clear(void *slot)
{
    ((struct enrollment_slot *)slot)->student.n = 0;
}

struct enrolled {
    uint32_t student;
    cri_term term;
};

/* Worker thread: validate the row and look the student up. */
static enum cr_status enrollment_row(void *ctx, const struct cri_table_row *row)
{
    const struct cr_run *run = ctx;
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    const struct cri_field *tf = cri_row_field(row, CRI_COL_TERM);
    struct cri_worker *w = row->worker;
    struct enrollment_slot *slot = w->slot;
    int ok = cri_check_id(row, id, "student_id");
    cri_term term;
    ok &= cri_read_term(row, &slot->term, tf, &term);
    if (!ok)
        return CR_OK;
    /* Enrollment of students outside the roster is normal (other grades). */
    uint32_t s = cri_find_student(run, &slot->student, id->p, id->n);
    if (s == CRI_NONE)
        return CR_OK;
    struct enrolled *e = cri_worker_push_for(w, s);
    if (!e)
        return CR_ENOMEM;
    *e = (struct enrolled){s, term};
    return CR_OK;
}

/* Any thread: set the enrollment bits of a shard's students (bits are only
 * ever set, so the order does not matter). */
static enum cr_status enrollment_apply_shard(void *ctx, const struct cri_item_list *items)
{
    struct cr_run *run = ctx;
    const struct enrolled *e = (const struct enrolled *)items->p;
    for (size_t i = 0; i < items->n; i++)
        cri_student_enroll(&run->students[e[i].student], e[i].term);
    return CR_OK;
}

enum cr_status cri_enrollment_load(struct cr_run *run, const struct cri_input *in)
{
    static const struct cri_table_ops ops = {.table = CRI_TABLE_ENROLLMENT,
                                             .item_size = sizeof(struct enrolled),
                                             .decode = enrollment_row,
                                             .parallel = 1,
                                             .apply_shard = enrollment_apply_shard,
                                             .slot_size = sizeof(struct enrollment_slot),
                                             .slot_clear = enrollment_slot_clear};
    run->has_enrollment_file = 1;
    return cri_table_read(&run->reader, in, CRI_ORDER_ENROLLMENT, &ops, run, NULL);
}
