/* grades.h -- what the GPA rules see of one grade row, and what becomes of
 * it at a checkpoint.  grades.c applies these rules when it folds rows into
 * sums; explain.c reads the rows again through the very same functions to
 * show a registrar why. */
#ifndef CRI_GRADES_H
#define CRI_GRADES_H

#include "load/records.h"
#include "load/roster.h"
#include "read/memo.h"

/* Fold grade file `in` (its place among the inputs: file_order) into
 * the students' sums, or the best attempts of the repeat modes. */
enum cr_status cri_grades_load(struct cr_run *run, const struct cri_input *in, uint32_t file_order);

/* After the last grade file: the best attempts into the sums. */
enum cr_status cri_grades_finish(struct cr_run *run);

/* A validated grade row of a rostered student. */
struct cri_grade {
    cri_term term;
    uint32_t course; /* interned course id after gpa.equivalent_courses */
    int32_t points_centi, weighted_centi, credits_milli;
    uint8_t gpa_bearing;  /* a scale letter or a number; not a non-GPA mark */
    uint8_t transfer;     /* source transfer */
    uint8_t rank_exclude; /* the row's rank_exclude flag */
};

/* What becomes of a row at a checkpoint, in the order the reasons are
 * checked (the first that applies is the row's fate). */
enum cri_fate {
    CRI_FATE_COUNTS,
    CRI_FATE_NON_GPA,
    CRI_FATE_RANK_EXCLUDE,
    CRI_FATE_TRANSFER,
    CRI_FATE_PRE_HIGH_SCHOOL,
    CRI_FATE_AFTER_CHECKPOINT,
    CRI_FATE_REPEAT_SUPERSEDED /* decided by the repeat rules, not by cri_grade_fate */
};

const char *cri_fate_name(enum cri_fate fate);

/* A worker's state while it reads grade rows: its slot in the reader
 * (cri_table_ops.slot_size). */
struct cri_grades_slot {
    /* Valid texts only; kept from chunk to chunk (they depend on the config
     * alone). */
    struct cri_memo term;
    struct cri_word_memo credits[CRI_WORD_MEMO_SLOTS];
    /* Per chunk: */
    struct cri_student_memo student;
    /* course ids not yet in run->courses (repeat modes): resolved by the
     * calling thread before the items are applied */
    struct cri_intern pending_courses;
    cri_term latest_term;
    uint64_t rows_unrostered;
    /* numeric grades per gpa.numeric band (the last slot: any band from
     * CRI_BAND_COUNTED on), for the scale warning */
    uint64_t numeric_in_band[CRI_BAND_COUNTED + 1];
};

/* Forget a chunk (cri_table_ops.slot_clear). */
void cri_grades_slot_clear(void *slot);

/* Validate every field of a grade row and decode it into *g (course is left
 * 0: the caller keys it).  Returns 0 after reporting what is wrong. */
int cri_grade_decode(const struct cr_run *run, const struct cri_table_row *row,
                     struct cri_grades_slot *slot, struct cri_grade *g);

/* The fate of g for student s at checkpoint semester k, before the repeat
 * rules: COUNTS means the row takes part in the GPA (or, under
 * repeats latest/highest, in the choice of the course's attempt). */
enum cri_fate cri_grade_fate(const struct cri_config *cfg, const struct cri_student *s,
                             const struct cri_grade *g, int k);

/* Does g enroll student s in its term (no enrollment file: any district row
 * from semester 1 on)? */
int cri_grade_enrolls(const struct cr_run *run, const struct cri_student *s,
                      const struct cri_grade *g);

/* The attempt a row offers to the repeat rules. */
static inline struct cri_attempt cri_grade_attempt(const struct cri_grade *g)
{
    return (struct cri_attempt){g->term, g->points_centi, g->weighted_centi, g->credits_milli};
}

/* The best attempt slots of (student, course), one per checkpoint, or NULL
 * when the repeat mode is `all` or the pair has none. */
const struct cri_attempt *cri_course_best(const struct cr_run *run, uint32_t student,
                                          uint32_t course);

#endif
