/*
 * classrank.h -- the public interface of the classrank engine.
 *
 * The engine reads a district's roster, enrollment and semester grade files,
 * computes exact GPAs at the configured checkpoints, ranks each class and
 * writes the outputs described in SPEC.md.  It never prints and never exits:
 * every fallible call returns an enum cr_status and, on failure, leaves one or
 * more located errors in the run (file, line, column, message).
 *
 * Ownership rule, stated once: every pointer the engine returns is borrowed
 * from the object it came from (a cr_run, a cr_diff, a cr_verify_result)
 * and stays valid until that object is freed (cr_run_free, cr_diff_free,
 * cr_verify_free).  Pointers the caller passes in (paths, option strings)
 * are only read during the call that receives them; buffers given as
 * inputs are the exception, read until cr_run_free (cr_options).  So a run
 * keeps every text it returned until it is freed (an explanation is a few
 * kilobytes: 20,000 of them hold about 100 MB).
 *
 * A NULL where a call needs a pointer (an out-parameter, a row, a target)
 * is CR_EUSAGE.  A run is used by one thread at a time.
 *
 * Queries: every call on a run that cr_run_open opened successfully (rows,
 * outputs, explain, what-if, cr_run_write) is a query.  A query that fails
 * (a checkpoint not configured, a student not in the roster, an output
 * directory that holds foreign files) leaves the run as it was, and
 * cr_run_error then lists that query's errors only.  On a run that failed
 * to open, every query returns the run's status.
 */
#ifndef CLASSRANK_H
#define CLASSRANK_H

#include <stddef.h>
#include <stdio.h>

#include "classrank_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CR_VERSION "0.1.0"

/* What libclassrank.so exports: the functions below, nothing else (the
 * library is built with every other symbol hidden). */
#if defined(__GNUC__)
#define CR_API __attribute__((visibility("default")))
#else
#define CR_API
#endif

/* A short English name for a status; never NULL. */
CR_API const char *cr_strerror(enum cr_status status);

/* How far a run has come, for a progress display. */
struct cr_progress {
    const char *phase;              /* "roster", "enrollment", "grades", "ranking", "writing" */
    unsigned long long bytes_done;  /* input bytes read so far */
    unsigned long long bytes_total; /* all input bytes of the run */
    unsigned long long rows;        /* grade rows read so far */
};

/* Called on the calling thread after each block of input is read and at
 * each phase change; it must not call back into the run. */
typedef void (*cr_progress_fn)(void *ctx, const struct cr_progress *progress);

/* An input held in memory instead of a file: the bytes of a CSV file (or
 * of the YAML config) and the name errors give it ("roster.csv:3:7: ...")
 * and manifest.json records.  The bytes are read in place, never written,
 * and read again later (the roster's names when the outputs are written,
 * the grade files by explain and what-if): they must stay valid and
 * unchanged until cr_run_free(), the one exception to the rule that the
 * engine keeps nothing the caller passes in.  The name is copied. */
struct cr_buffer {
    const char *name; /* NULL: the input's role ("students", "grades 2") */
    const void *data; /* may be NULL when size is 0 */
    size_t size;
};

/* What to run on.  Each input is a path or a buffer: give one of
 * config_path and config_buffer, of students_path and students_buffer, and
 * at most one of each optional pair; the grade files are grade_paths (files
 * or directories, every *.csv in a directory read in bytewise name order)
 * followed by grade_buffers, at least one in all.  Zero-valued fields mean
 * the documented default. */
struct cr_options {
    const char *config_path;     /* YAML config; required (or config_buffer) */
    const char *students_path;   /* roster CSV; required (or students_buffer) */
    const char *enrollment_path; /* enrollment CSV, or NULL to derive it */
    const char *courses_path;    /* course catalog CSV (--courses), or NULL */
    const char *const *grade_paths;
    size_t n_grade_paths;
    const struct cr_buffer *config_buffer; /* instead of the path: NULL */
    const struct cr_buffer *students_buffer;
    const struct cr_buffer *enrollment_buffer;
    const struct cr_buffer *courses_buffer;
    const struct cr_buffer *grade_buffers; /* read after the grade_paths */
    size_t n_grade_buffers;
    const char *as_of;           /* "YYYY-SS", or NULL for the latest grade term */
    int cohort;                  /* only this cohort, or 0 for every cohort */
    int threads;                 /* worker threads, or 0 for the number of cores
                                    (at most 64 are used); negative: CR_EUSAGE */
    int max_errors;              /* errors collected before stopping; 0 = 20 */
    int strict;                  /* 1: every warning is an error (CR_EDATA), so a
                                    well-formed but meaningless run fails */
    const char *ranking_date;    /* "YYYY-MM-DD": the classRankingDate of the
                                    output.edfi records; required with it */
    int skip_audit;              /* 1: the inputs are not hashed for
                                    manifest.json (a run that writes nothing:
                                    check, explain); cr_run_write refuses */
    const char *explain_student; /* the student cr_run_explain() explains, or
                                    NULL; the grade files must then be regular
                                    files (it reads them again) */
    cr_progress_fn progress;     /* NULL: no progress calls */
    void *progress_ctx;
    /* The output directory, claimed by cr_run_open before any input is
     * read: its lock is taken and its contents checked (a directory that
     * holds anything classrank does not write is refused with CR_EIO), so
     * a run that could not write its outputs fails before it starts.
     * cr_run_write() must then be given the same directory, or NULL.  NULL
     * here: cr_run_write() claims its directory itself. */
    const char *out_dir;
    /* Another run holding out_dir's lock: 0 waits for it, 1 fails at once
     * with CR_EIO.  The lock is an flock, held by the run from cr_run_open
     * until cr_run_write returns: one process that opens a second run into
     * the same out_dir before it has written (or freed) the first waits
     * for itself; use no_wait there. */
    int no_wait;
    /* Called once, before waiting for another run's lock, with out_dir;
     * may be NULL. */
    void (*waiting)(void *ctx, const char *out_dir);
    void *waiting_ctx;
};

typedef struct cr_run cr_run;

/* Load the configuration and every input named by opts, then compute GPAs,
 * eligibility, ranks and honors for every checkpoint reached by the as-of
 * term.  On success *out is a run ready for cr_run_write().  On failure the
 * returned status says what kind of failure came first, and *out is still a
 * run (unless CR_ENOMEM struck before it existed, then *out is NULL) whose
 * errors can be read with cr_run_error(); free it with cr_run_free(). */
CR_API enum cr_status cr_run_open(const struct cr_options *opts, cr_run **out);

/* Write every output file into out_dir (NULL: the opts.out_dir the run
 * was opened with).  The files are written into a temporary directory
 * beside out_dir and swapped into place in one step, so out_dir holds
 * either the previous outputs or all of the new ones.  A directory that
 * holds anything classrank does not write, at any depth, is not replaced
 * (CR_EIO); nothing outside out_dir is touched but the temporary directory
 * and a lock file beside it, both removed before the call returns, and
 * parent directories it had to create (removed again on failure).  Runs
 * into one out_dir take turns (see opts.no_wait). */
CR_API enum cr_status cr_run_write(cr_run *run, const char *out_dir);

/* Explain the student named in opts.explain_student (or, once a _text query
 * below has asked about another student, that one): for each computed
 * checkpoint (or only `checkpoint` when it is not 0), every grade row of
 * theirs and what became of it, the exact GPA fraction and its rounded
 * values, membership, eligibility, rank, class size and who ties with them.
 * The numbers come from the same code that ranks, and are checked against
 * the run's own sums before anything is printed.  The first call reads the
 * grade files again for the student's rows (the run itself reads them as it
 * would without explain).  csv: 0 for the
 * human-readable report, 1 for the row table as CSV.  Returns CR_EUSAGE for
 * a checkpoint that is not configured, or not reached by the student's
 * class by the as-of term. */
CR_API enum cr_status cr_run_explain(cr_run *run, int checkpoint, int csv, FILE *out);

/* What-if, for counselors (SPEC "What-if"), on a run opened with
 * explain_student set, as for cr_run_explain.  cr_run_whatif_add: the
 * student's GPAs, rank, class size, honors and top_percent at checkpoint
 * before and after the rows[0..n) ("COURSE,GRADE,CREDITS[,LEVEL[,TERM]]",
 * TERM by default the checkpoint's) are added to the student's own rows,
 * and whom they pass or who passes them.  cr_run_whatif_need: the lowest
 * grade of the scale that, on `credits` more credits at `level` (NULL:
 * regular) in the checkpoint's term, reaches target ("rank:N" or
 * "honors:NAME"), or that it is already reached or out of reach.  csv 1
 * writes the SPEC's CSV rows.  CR_EUSAGE for a checkpoint not configured
 * or not reached by the student's class, a bad target or an unknown honors
 * name; CR_EDATA for a bad grade, credits, level or term, located as
 * file "--add", line the row's number (1 for rows[0]) and column the byte
 * of the row as given. */
CR_API enum cr_status cr_run_whatif_add(cr_run *run, int checkpoint, const char *const *rows,
                                        size_t n, int csv, FILE *out);
CR_API enum cr_status cr_run_whatif_need(cr_run *run, int checkpoint, const char *target,
                                         const char *credits, const char *level, int csv,
                                         FILE *out);

/* Compare the rank-s<k>.csv files of two output directories of `rank` and
 * write, as CSV, one row per student whose rank row differs:
 * school_id,cohort,checkpoint,student_id,change,old_rank,new_rank,old_gpa,
 * new_gpa,old_honors,new_honors (change: entered, left, moved, gpa_only;
 * gpa is gpa_weighted).  *out is then a result to read and free, as
 * cr_run_open's run is (NULL only on CR_ENOMEM before it existed): the
 * number of rows written, and on failure the located error that stopped
 * the comparison (a malformed rank file, a directory that is not one). */
typedef struct cr_diff cr_diff;
CR_API enum cr_status cr_diff_dirs(const char *old_dir, const char *new_dir, FILE *out,
                                   cr_diff **result);
CR_API size_t cr_diff_change_count(const cr_diff *diff);
CR_API size_t cr_diff_error_count(const cr_diff *diff);
CR_API const struct cr_error *cr_diff_error(const cr_diff *diff, size_t index);
CR_API void cr_diff_free(cr_diff *diff); /* accepts NULL */

/* Check an output directory of `rank` against its manifest.json (SPEC
 * "Audit trail"): every input the manifest names, by size and SHA-256;
 * every output in dir; and, when no input changed, the ranking run again
 * with the manifest's options into a temporary directory (removed after),
 * every output it writes compared by SHA-256.  Each difference is one line
 * written to report ("input changed: ...", "input missing: ...", "output
 * changed since the run: ...", "output of the ranking run again: ...").
 * *result is then a result to read and free (NULL only on CR_ENOMEM): the
 * differences (missing inputs counted apart), and the error that stopped
 * it (no manifest.json: CR_EIO; one that is not classrank's: CR_EDATA). */
typedef struct cr_verify_result cr_verify_result;
CR_API enum cr_status cr_verify(const char *dir, FILE *report, cr_verify_result **result);
CR_API size_t cr_verify_differences(const cr_verify_result *result);
CR_API size_t cr_verify_missing(const cr_verify_result *result);
CR_API size_t cr_verify_error_count(const cr_verify_result *result);
CR_API const struct cr_error *cr_verify_error(const cr_verify_result *result, size_t index);
CR_API void cr_verify_free(cr_verify_result *result); /* accepts NULL */

/* ------------------------------------------------------------ results
 *
 * What cr_run_open computed, without writing a file.  Every pointer below
 * is borrowed from the run (the ownership rule above); the calls are made
 * on one thread at a time for a given run. */

/* The configured checkpoints (rank.checkpoints, in that order): how many,
 * the semester k of the index-th (0 past the end), and whether any cohort
 * reaches it by the as-of term (one no cohort reaches has no rows). */
CR_API size_t cr_run_checkpoint_count(const cr_run *run);
CR_API int cr_run_checkpoint(const cr_run *run, size_t index);
CR_API int cr_run_checkpoint_reached(const cr_run *run, size_t index);

/* One row of a checkpoint's results: a ranked student, in the order of
 * rank-s<k>.csv, or an excluded one, in the order of excluded-s<k>.csv.
 * The exact GPAs are the engine's own fractions: the numerator is the sum
 * of points x credits (points in hundredths, credits in thousandths) and
 * the denominator 100 x the sum of credits in thousandths, so
 * gpa_weighted_num / gpa_weighted_den is the weighted GPA exactly; a
 * denominator of 0 means no GPA-bearing credit.  Texts are as the files
 * print them. */
struct cr_row {
    const char *school_id;
    int cohort;
    int checkpoint;
    const char *student_id;
    long long gpa_weighted_num, gpa_weighted_den;
    long long gpa_unweighted_num, gpa_unweighted_den;
    long long credits_milli;    /* GPA-bearing credits x 1000 */
    const char *gpa_weighted;   /* rounded to gpa.precision: "3.9167"; "" without credits */
    const char *gpa_unweighted; /* the same, unweighted */
    const char *credits;        /* "24.000" */
    double rank;                /* 3 or 3.5 under fractional ties; 0 when excluded */
    unsigned class_size;        /* ranked students of the class; 0 when excluded */
    const char *honors;         /* the honors level's name, or "" */
    int top_percent;            /* ceil(100 x rank / class_size); 0 when excluded */
    const char *reasons;        /* excluded: "assessment;consecutive" as the file has
                                   them; ranked: "" */
};

/* The ranked, or the excluded, rows of checkpoint k: *rows holds *n of
 * them (*rows may be NULL when *n is 0).  CR_EUSAGE for a checkpoint that
 * is not configured, CR_ENOMEM; a run that failed returns its status. */
CR_API enum cr_status cr_run_ranked(cr_run *run, int checkpoint, const struct cr_row **rows,
                                    size_t *n);
CR_API enum cr_status cr_run_excluded(cr_run *run, int checkpoint, const struct cr_row **rows,
                                      size_t *n);

/* The run's figures, as summary.json has them at its top. */
struct cr_summary {
    char as_of[8]; /* the as-of term used, "2026-SP"; "" when no grade row had a term */
    unsigned long long rows_read, rows_skipped, rows_unrostered;
    size_t students; /* rostered students */
};
CR_API enum cr_status cr_run_summary(const cr_run *run, struct cr_summary *out);

/* One output file as cr_run_write would write it, byte for byte, in memory:
 * name is "rank-s8.csv", "excluded-s8.csv", "honors-s8.csv",
 * "edfi-s8.jsonl", "summary.json" or "report/index.html" (manifest.json is
 * only ever written beside the files it describes).  *data is
 * NUL-terminated after its *len bytes.  CR_EUSAGE for another name. */
CR_API enum cr_status cr_run_output(cr_run *run, const char *name, const char **data, size_t *len);

/* explain and what-if into text the run keeps, for any student of the
 * roster (not only opts.explain_student): as cr_run_explain,
 * cr_run_whatif_add and cr_run_whatif_need would write it to a FILE.  The
 * grade inputs are read again (files must be regular files; buffers stay
 * the caller's until cr_run_free). */
CR_API enum cr_status cr_run_explain_text(cr_run *run, const char *student, int checkpoint, int csv,
                                          const char **text, size_t *len);
CR_API enum cr_status cr_run_whatif_add_text(cr_run *run, const char *student, int checkpoint,
                                             const char *const *rows, size_t n, int csv,
                                             const char **text, size_t *len);
CR_API enum cr_status cr_run_whatif_need_text(cr_run *run, const char *student, int checkpoint,
                                              const char *target, const char *credits,
                                              const char *level, int csv, const char **text,
                                              size_t *len);

/* Errors collected by cr_run_open, in file order then line order; after an
 * open that succeeded, the errors of the last query that failed. */
CR_API size_t cr_run_error_count(const cr_run *run);
CR_API const struct cr_error *cr_run_error(const cr_run *run, size_t index);

/* Warnings of the run (SPEC "Warnings"): inputs that are well-formed but
 * give an empty or meaningless result.  They change no output and no
 * status; summary.json lists them too.  Each is one line of text. */
CR_API size_t cr_run_warning_count(const cr_run *run);
CR_API const char *cr_run_warning(const cr_run *run, size_t index);

/* Release a run and everything borrowed from it.  Accepts NULL. */
CR_API void cr_run_free(cr_run *run);

#ifdef __cplusplus
}
#endif

#endif /* CLASSRANK_H */
