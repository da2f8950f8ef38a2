/* whatif.h -- what a counselor asks (SPEC "What-if, for counselors"): a
 * student's standing with hypothetical grade rows added, and the lowest
 * grade that reaches a rank or an honor.  A query beside the run, as explain
 * is, on a run opened with the student to explain. */
#ifndef CRI_WHATIF_H
#define CRI_WHATIF_H

#include <stdio.h>

#include "load/records.h"

/* --add: rows[0..n) are "COURSE,GRADE,CREDITS[,LEVEL[,TERM]]". */
enum cr_status cri_whatif_add(struct cr_run *run, int checkpoint, const char *const *rows, size_t n,
                              int csv, FILE *out);

/* --need: target "rank:N" or "honors:NAME", on credits more credits at
 * level (NULL: regular) in the checkpoint's term. */
enum cr_status cri_whatif_need(struct cr_run *run, int checkpoint, const char *target,
                               const char *credits, const char *level, int csv, FILE *out);

#endif
