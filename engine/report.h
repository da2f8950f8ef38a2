/* report.h -- the output files of a run, each written to an open stream. */
#ifndef CRI_REPORT_H
#define CRI_REPORT_H

#include <stdio.h>

#include "run.h"

/* A CSV cell: quoted when it holds a comma, quote, CR or LF. */
void cri_csv_put(FILE *f, const char *p, size_t n);

/* A JSON string literal. */
void cri_json_put(FILE *f, const char *p, size_t n);

/* A rounded GPA (scaled by 10^precision) as the outputs print it. */
void cri_put_gpa(FILE *f, const struct cr_run *run, int64_t rounded);

void cri_write_rank_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp);
void cri_write_excluded_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp);

/* summary.json; returns CR_ENOMEM when scratch space runs out. */
enum cr_status cri_write_summary(FILE *f, const struct cr_run *run);

#endif
