/* records.h -- the records of one run, shared by the stages from load up:
 * students, outcomes, checkpoints and the run itself (a header without a
 * .c twin: each stage's code is in its own folder).
 *
 * Data flows one way: load/ fills students (roster.c, enrollment.c) and
 * folds every grade row into per-student sums or per-course best attempts
 * (grades.c); rules/ settles membership and eligibility (decide.c), orders
 * and ties each class and picks honors (rank.c); write/ turns the results
 * into files; registrar/ answers questions about them (explain, diff). */
#ifndef CRI_RECORDS_H
#define CRI_RECORDS_H

#include <stdint.h>

#include "config/config.h"
#include "core/diag.h"
#include "core/gpa.h"
#include "core/intern.h"
#include "core/sha256.h"
#include "core/term.h"
#include "read/header.h"
#include "read/table.h"

/* Enrollment is a bitmask of regular semesters around a student's own high
 * school years: bit ENROLL_SEM1_BIT is semester 1, one bit per regular
 * semester.  64 bits cover 16 years before semester 1 to 24 after, far more
 * than any run needs; enrollment outside that window is ignored. */
#define CRI_ENROLL_SEM1_BIT 32

/* Kept small on purpose: a run holds one per rostered student.  Names are
 * not kept (they are needed only for the few students an honors list
 * prints). */
struct cri_student {
    uint64_t enrolled;
    uint32_t school; /* index in run->schools */
    uint16_t cohort;
    cri_term assessment_term, grad_term; /* 0 when not given */
    uint8_t assessment;                  /* enum cri_assessment */
    uint8_t selected;                    /* in the cohort asked for */
    uint8_t flagged;                     /* roster rank_exclude: keeps a GPA, never ranked */
    /* The earliest term of any grade row of the student, 0 when none
     * (written relaxed by any worker; it fits the struct's padding), for
     * the warning on a cohort with no grade row by its first checkpoint. */
    cri_term first_row_term;
};
_Static_assert(sizeof(struct cri_student) <= 24, "cri_student grew");

/* Reasons a class member is not ranked, in report order. */
enum cri_reason {
    CRI_REASON_FLAGGED = 1 << 0,
    CRI_REASON_ASSESSMENT = 1 << 1,
    CRI_REASON_CONSECUTIVE = 1 << 2,
    CRI_REASON_NO_GPA = 1 << 3
};
#define CRI_N_REASONS 4

/* One class member's outcome at one checkpoint. */
struct cri_outcome {
    uint32_t student;
    uint32_t class_size;  /* ranked students in the group (ranked rows only) */
    struct cri_sums sums; /* the exact GPAs and credits at this checkpoint */
    int64_t weighted_rounded, unweighted_rounded; /* scaled by 10^precision */
    int32_t rank_half;                            /* rank × 2, so fractional ranks stay integers */
    int16_t honor;                                /* index into the school's honors list, or -1 */
    uint8_t reasons;                              /* enum cri_reason bits; 0 for ranked */
};
/* One per class member and checkpoint: kept to 56 bytes. */
_Static_assert(sizeof(struct cri_outcome) <= 56, "cri_outcome grew");

struct cri_checkpoint {
    int k;
    int reached;                /* some cohort's term(C, k) is not after the as-of term */
    struct cri_outcome *ranked; /* in rank-file order */
    size_t n_ranked;
    struct cri_outcome *excluded; /* in excluded-file order */
    size_t n_excluded;
};

/* Best attempts of one (student, course) for the repeat modes: one slot per
 * configured checkpoint. */
struct cri_course_state {
    uint64_t key;      /* student << 32 | course, or UINT64_MAX for empty */
    uint32_t attempts; /* offset into run->attempts */
};

struct cri_trace;
struct cri_api_side;
struct cri_results;

/* The registrar's explain query (explain.c): the student, the sums the run
 * had for them before deciding freed the sums, and their rows, read again
 * when the query runs. */
struct cri_explain {
    uint32_t student; /* CRI_NONE: nobody to explain */
    struct cri_sums sums[CRI_MAX_CHECKPOINTS];
    unsigned known; /* bit j: sums[j] is the run's (a student chosen after
                       the run has them only where they are in a class) */
    struct cri_trace *trace;
    size_t n_trace, trace_cap;
    int traced; /* the rows have been read */
};

/* Names of the students an honors list prints, read from their roster
 * records when the outputs are written (honors.c). */
struct cri_names {
    uint32_t *students; /* sorted */
    const char **first, **last;
    size_t n;
    struct cri_arena arena;
};

/* The place of each input among the files, which orders their errors: the
 * file_order given to cri_table_read.  Grade file i is CRI_ORDER_GRADES + i. */
enum { CRI_ORDER_ROSTER, CRI_ORDER_ENROLLMENT, CRI_ORDER_COURSES, CRI_ORDER_GRADES };

/* The bands of gpa.numeric counted one by one for the scale warning (SPEC
 * "Warnings": 90% of a file's numeric grades in one band); a longer list's
 * later bands share one more slot, which never warns. */
#define CRI_BAND_COUNTED 32

/* What the run knows of a course before it reads a grade file
 * (load/courses.c): its row of the course catalog (--courses), and whether
 * gpa.year_long_courses lists it.  Indexed by interned course id; a course
 * only the grade files name has none. */
struct cri_course_info {
    int32_t credits_milli; /* the catalog's credits, -1 when it gives none */
    int16_t level;         /* the catalog's gpa.weights index, -1 when none */
    uint8_t listed;        /* a row of the catalog names it */
    uint8_t year_long;     /* catalog year_long: yes, or gpa.year_long_courses */
    /* as a repeat key: the course, or one gpa.equivalent_courses maps onto
     * it, is year-long -- its whole group is compared season by season */
    uint8_t year_long_key;
    uint8_t rank_exclude;  /* catalog rank_exclude: yes */
};

/* One input file as manifest.json names it (SPEC "Audit trail"). */
struct cri_input_file {
    const char *role; /* "config", "students", "enrollment", "courses", "grades" */
    char *path;       /* as given; a file of a --grades directory as dir/name */
    int memory;       /* given as a buffer (cr_buffer): path is its name */
    uint64_t size;
    uint64_t rows; /* data rows read (the config: 0) */
    char sha256[CRI_SHA256_HEX];
};

/* The options a run was opened with, as manifest.json keeps them for
 * `classrank verify` to run it again (owned copies; NULL: not given). */
struct cri_run_options {
    char *config, *students, *enrollment, *courses, *ranking_date, *as_of;
    char **grades; /* as given: files and directories */
    size_t n_grades;
    int cohort, strict;
    char *directory; /* the working directory the relative paths were given in */
};

/* One run.  Each stage fills its own section and reads the ones above it
 * (as libyaml's yaml_parser_t holds each part of its parser in one struct). */
struct cr_run {
    /* ---- the run as opened (run.c) */
    struct cri_diag diag;
    struct cri_config cfg;
    int threads;              /* the threads to use: --threads, or the number of cores */
    struct cri_reader reader; /* cfg, diag, threads and progress, for every input table */
    struct cri_api_side *api; /* the API layer's own: progress, the --out claim (run.c) */
    struct cri_results *results; /* rows and texts handed out (results.c), or NULL */
    /* The inputs as given, files or bytes in memory (their names in the
     * ids arena): the grade files by file_order - CRI_ORDER_GRADES
     * (explain reads them again), the roster (read again for the names
     * honors lists print). */
    struct cri_input *grade_inputs;
    size_t n_grade_inputs;
    struct cri_input students_input;
    int cohort_filter;
    cri_term as_of;
    /* The audit trail (SPEC "Audit trail"): each input's size, rows and
     * SHA-256 as it was read, and the options, for manifest.json.  digests
     * 0: the run was opened without them (check, explain), and writes
     * nothing. */
    int digests;
    struct cri_input_file *inputs;
    size_t n_inputs;
    struct cri_run_options given;

    /* ---- load: the roster and enrollment (roster.c, enrollment.c) */
    struct cri_intern ids, schools;
    struct cri_student *students;
    size_t students_cap;
    /* Where each student's roster record starts, and the roster's columns:
     * the names are read from there, for the students an honors list
     * prints. */
    uint64_t *roster_offsets;
    size_t roster_offsets_cap;
    struct cri_header roster_header;
    int has_enrollment_file;
    /* A byte per student, set (relaxed, by any worker) when a grade or
     * enrollment row names them: a rostered student no row names gets a
     * warning.  Freed once read. */
    uint8_t *seen;

    /* ---- load: the courses (courses.c), before any grade file */
    struct cri_intern courses;
    /* gpa.equivalent_courses as interned course indexes: alias[from] = to */
    uint32_t *course_alias;
    size_t n_course_alias;
    struct cri_course_info *course_info; /* by course id, n_course_info of them */
    size_t n_course_info, course_info_cap;
    int has_catalog; /* --courses was given */

    /* ---- load: the grade files (grades.c) */
    struct cri_sums *sums; /* n_students × n_checkpoints; freed by cri_decide */
    /* repeat modes: open-addressing table of course states */
    struct cri_course_state *course_states;
    size_t course_states_cap, course_states_count;
    struct cri_attempt *attempts;
    size_t attempts_cap, attempts_count;
    cri_term latest_term;
    uint64_t rows_read, rows_skipped, rows_unrostered;
    uint32_t grade_files_read; /* the next grade file is CRI_ORDER_GRADES + this */
    /* The grade file being read: its numeric grades per gpa.numeric band. */
    uint64_t numeric_in_band[CRI_BAND_COUNTED + 1];

    /* ---- rules (decide.c, rank.c) */
    struct cri_checkpoint checkpoints[CRI_MAX_CHECKPOINTS];
    /* Bytewise order of each student id and school id, computed once so the
     * sorts compare integers. */
    uint32_t *student_order, *school_order;
    /* The honors list of each school (by index in run->schools), looked up
     * once: a config may list hundreds of schools. */
    const struct cri_honors_list **school_honors;
    /* While cri_decide runs: students by (school, cohort, id), and by class
     * then id -- the same array under school scope, (cohort, id) under
     * district scope. */
    uint32_t *by_school, *by_class;

    /* ---- write (honors.c, edfi.c) */
    struct cri_names names;
    /* output.edfi: each school's educationOrganizationId, by school index,
     * and the classRankingDate (--ranking-date) */
    int64_t *edfi_ids;
    char ranking_date[11];

    /* ---- registrar (explain.c) */
    struct cri_explain explain;
};

static inline size_t cri_n_students(const struct cr_run *run)
{
    return run->ids.count;
}

static inline struct cri_sums *cri_sums_of(struct cr_run *run, uint32_t student, size_t cp)
{
    return &run->sums[(size_t)student * run->cfg.n_checkpoints + cp];
}

/* The honors list that applies to school (an index in run->schools). */
static inline const struct cri_honors_list *cri_honors_of(const struct cr_run *run, uint32_t school)
{
    if (run->school_honors)
        return run->school_honors[school];
    const struct cri_str s = cri_intern_str(&run->schools, school);
    return cri_config_honors_for(&run->cfg, s.p, s.n);
}

/* The course id the repeat rules use for course cid: the one
 * gpa.equivalent_courses maps it onto, or itself. */
static inline uint32_t cri_course_key(const struct cr_run *run, uint32_t cid)
{
    return cid != CRI_NONE && cid < run->n_course_alias && run->course_alias[cid] != CRI_NONE
               ? run->course_alias[cid]
               : cid;
}

/* What the catalog and gpa.year_long_courses say of course cid, or NULL. */
static inline const struct cri_course_info *cri_course_info_of(const struct cr_run *run,
                                                               uint32_t cid)
{
    return cid < run->n_course_info ? &run->course_info[cid] : NULL;
}

/* A repeat key holds a course id below 2^CRI_SEASON_SHIFT, and above it the
 * season + 1 of a year-long course's half. */
#define CRI_SEASON_SHIFT 29
#define CRI_MAX_COURSES (1u << CRI_SEASON_SHIFT)

/* The key under which the repeat rules compare an attempt of course cid in
 * term (SPEC "Year-long courses"): the course gpa.equivalent_courses maps it
 * onto, and, when any course of that group is year-long, the season, so a
 * fall half is compared with fall halves only (the whole group alike: an
 * attempt of a renumbered course meets the halves of its season). */
static inline uint32_t cri_repeat_key(const struct cr_run *run, uint32_t cid, cri_term term)
{
    uint32_t key = cri_course_key(run, cid);
    const struct cri_course_info *to = cri_course_info_of(run, key);
    if (to && to->year_long_key)
        key |= (uint32_t)(cri_term_season(term) + 1) << CRI_SEASON_SHIFT;
    return key;
}

/* The bit of term in s->enrolled (see CRI_ENROLL_SEM1_BIT); outside 0..63
 * when the term lies outside the window. */
static inline int cri_enroll_bit(const struct cri_student *s, cri_term term)
{
    return cri_term_regular_index(term) -
           cri_term_regular_index(cri_term_of_semester(s->cohort, 1)) + CRI_ENROLL_SEM1_BIT;
}

#endif
