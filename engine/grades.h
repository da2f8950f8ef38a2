/* grades.h -- what the GPA rules see of one grade row, and what becomes of
 * it at a checkpoint.  grades.c applies these rules when it folds rows into
 * sums; explain.c applies the very same functions to show a registrar why. */
#ifndef CRI_GRADES_H
#define CRI_GRADES_H

#include "run.h"

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

/* The fate of g for student s at checkpoint semester k, before the repeat
 * rules: COUNTS means the row takes part in the GPA (or, under
 * repeats latest/highest, in the choice of the course's attempt). */
enum cri_fate cri_grade_fate(const struct cri_config *cfg, const struct cri_student *s,
                             const struct cri_grade *g, int k);

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
