/* results.h -- the results the API hands out (results.c): kept by the run
 * until it is freed. */
#ifndef CRI_RESULTS_H
#define CRI_RESULTS_H

#include "classrank_status.h"

struct cri_results;

struct cr_run;

/* Keep text (malloc'd) until the run is freed: CR_OK, or CR_ENOMEM (text
 * is then the caller's still). */
enum cr_status cri_results_keep(struct cr_run *run, char *text);

/* A query is any call on a run that cr_run_open opened successfully: rows,
 * outputs, explain, what-if, cr_run_write.  cri_query_begin returns the
 * run's status (a failed run answers nothing) and, when it is CR_OK,
 * forgets the last query's errors: cr_run_error then lists this query's
 * only.  cri_query_end(run, st) returns st with the run's status CR_OK
 * again: a query that fails (a student id mistyped in a notebook, an
 * output directory that cannot be replaced) leaves the run usable. */
enum cr_status cri_query_begin(struct cr_run *run);
enum cr_status cri_query_end(struct cr_run *run, enum cr_status st);

/* A query's error (a checkpoint not configured, a name not an output):
 * added to the run's errors, where cr_run_error finds it, but the run
 * keeps its status, so the next query still runs. */
enum cr_status cri_query_error(struct cr_run *run, enum cr_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Accepts NULL. */
void cri_results_free(struct cri_results *results);

#endif
