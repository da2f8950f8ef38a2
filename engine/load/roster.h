/* roster.h -- the roster and enrollment files into students, and the checks
 * shared by the readers of the input tables. */
#ifndef CRI_ROSTER_H
#define CRI_ROSTER_H

#include "load/records.h"
#include "read/memo.h"
#include "read/table.h"

/* Read the roster (students.csv) into run->students: first, as every
 * other table names its students. */
enum cr_status cri_roster_load(struct cr_run *run, const struct cri_input *in);

/* Read enrollment.csv into the students' enrollment bits. */
enum cr_status cri_enrollment_load(struct cr_run *run, const struct cri_input *in);

/* Mark `term` as enrolled for student s (regular semesters only). */
void cri_student_enroll(struct cri_student *s, cri_term term);

/* Is student s enrolled in the regular semester `term`? */
int cri_student_enrolled_in(const struct cri_student *s, cri_term term);

/* The last student a worker looked up: exports list a student's rows
 * together, so most lookups are this one again.  Part of the per-worker
 * slot of the tables whose rows name a student; cleared per chunk (the
 * roster may have grown since). */
struct cri_student_memo {
    char id[32];
    size_t n; /* 0: none */
    uint32_t sid;
};

/* The roster index of student id p[0..n), for the grade and enrollment
 * rows that name a student, or CRI_NONE (thread-safe: reads the run's id
 * table, remembers the answer in memo). */
uint32_t cri_find_student_slow(const struct cr_run *run, struct cri_student_memo *memo,
                               const char *p, size_t n);
static inline uint32_t cri_find_student(const struct cr_run *run, struct cri_student_memo *memo,
                                        const char *p, size_t n)
{
    if (n && n == memo->n && cri_bytes_eq(p, memo->id, n))
        return memo->sid; /* a student's rows come together: most rows */
    return cri_find_student_slow(run, memo, p, n);
}

/* Check an id field: not empty, valid UTF-8, and no control character or
 * invisible format character (Unicode category Cf: a byte order mark, a
 * zero-width space...), which would make two ids that print the same
 * differ.  Reports and returns 0 if bad. */
int cri_check_id_fully(const struct cri_table_row *row, const struct cri_field *f,
                       const char *what);
static inline int cri_check_id(const struct cri_table_row *row, const struct cri_field *f,
                               const char *what)
{
    /* Nearly every id: not empty, in a record of printable ASCII (the
     * tokenizer saw every byte). */
    if (f->n && row->csv->record_plain)
        return 1;
    return cri_check_id_fully(row, f, what);
}

/* Report f as not a term ("WHAT 'x' is not a term (expected ...)");
 * returns 0. */
int cri_term_error(const struct cri_table_row *row, const struct cri_field *f, const char *what);

/* A row's term column, through the worker's memo (a file holds a few
 * terms, on every row; the memo keeps valid texts only).  Returns 0 after
 * reporting one that is not a term (*out is then 0). */
static inline int cri_read_term(const struct cri_table_row *row, struct cri_memo *memo,
                                const struct cri_field *f, cri_term *out)
{
    int known;
    /* OPTIMIZATION: the term memo; the twin is cri_term_parse below
     * (docs/DESIGN.md "Speed tricks": 3.3%). */
    if (cri_memo_get(memo, f->p, f->n, &known)) {
        *out = (cri_term)known;
        return 1;
    }
    if ((*out = cri_term_parse(f->p, f->n)) == 0)
        return cri_term_error(row, f, "term");
    cri_memo_set(memo, f->p, f->n, *out);
    return 1;
}

/* Read an optional yes/no flag (yes, no, true, false, 1, 0, any case;
 * empty or absent = no).  Reports and returns 0 when it is something else. */
int cri_read_flag_text(const struct cri_table_row *row, enum cri_column col, int *flag);
static inline int cri_read_flag(const struct cri_table_row *row, enum cri_column col, int *flag)
{
    const struct cri_field *f = cri_row_field(row, col);
    *flag = 0;
    return !f || f->n == 0 ? 1 : cri_read_flag_text(row, col, flag); /* mostly absent */
}

/* A credits cell (SPEC "Inputs": 0 to 10, at most 3 decimals; zeros past
 * the third are the same value).  Reports and returns 0 when it is not. */
#define CRI_MAX_CREDITS_MILLI 10000 /* 10 credits */
int cri_read_credits_text(const struct cri_table_row *row, const struct cri_field *f,
                          int32_t *credits_milli);

#endif
