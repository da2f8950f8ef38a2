/* explain.h -- why a student has the GPA and rank they have (the registrar's
 * query on a run). */
#ifndef CRI_EXPLAIN_H
#define CRI_EXPLAIN_H

#include <stdio.h>

#include "load/grades.h"

/* One grade row of the explained student. */
struct cri_trace {
    uint32_t file_order;
    unsigned long line;  /* the physical line of the row */
    const char *text[5]; /* course, grade, credits, level, source, as written */
    struct cri_grade g;
};

/* After the roster is read: the student to explain (CR_EUSAGE when id is
 * not rostered, or when a grade file cannot be read a second time). */
enum cr_status cri_explain_begin(struct cr_run *run, const char *id);

/* Before cri_decide frees the sums: keep the student's, to check the
 * explanation against. */
void cri_explain_keep_sums(struct cr_run *run);

/* After the run: explain (or ask what-if of) student id from now on; the
 * sums to check against are the outcomes' of the checkpoints where the
 * student is a class member.  CR_EUSAGE as for cri_explain_begin. */
enum cr_status cri_explain_select(struct cr_run *run, const char *id);

/* Read the student's rows again (once), in display order, their courses
 * keyed as the repeat rules key them: run->explain.trace. */
enum cr_status cri_explain_rows(struct cr_run *run);

/* CR_OK when the explained student's class reaches checkpoint semester k
 * by the as-of term, else CR_EUSAGE saying when it will. */
enum cr_status cri_explain_reached(struct cr_run *run, int k);

/* Print the explanation (see cr_run_explain). */
enum cr_status cri_explain(struct cr_run *run, int checkpoint, int csv, FILE *out);

#endif
