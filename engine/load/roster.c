/* roster.c -- students.csv: one row per student (SPEC "Inputs", Roster). */
#include "load/roster.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decimal.h"
#include "core/text.h"
#include "read/table.h"

void cri_student_enroll(struct cri_student *s, cri_term term)
{
    if (!cri_term_is_regular(term))
        return;
    int offset = cri_enroll_bit(s, term);
    if (offset >= 0 && offset < 64)
        s->enrolled |= 1ULL << offset;
}

int cri_student_enrolled_in(const struct cri_student *s, cri_term term)
{
    if (!cri_term_is_regular(term))
        return 0;
    int offset = cri_enroll_bit(s, term);
    return offset >= 0 && offset < 64 && (s->enrolled >> offset & 1);
}

uint32_t cri_find_student_slow(const struct cr_run *run, struct cri_student_memo *memo,
                               const char *p, size_t n)
{
    /* Exports are usually sorted like the roster: the next student is often
     * one of the next few roster entries, which sit in one cache line, while
     * a hash probe into a large roster is a cache miss. */
    uint32_t sid = CRI_NONE;
    /* OPTIMIZATION: the next-four guess; the twin is cri_intern_find
     * below (docs/DESIGN.md "Speed tricks": 20% of the 1M run). */
    if (memo->n && memo->sid != CRI_NONE)
        for (uint32_t k = memo->sid + 1; k <= memo->sid + 4 && k < run->ids.count; k++) {
            struct cri_str s = cri_intern_str(&run->ids, k);
            if (s.n == n && cri_bytes_eq(s.p, p, n)) {
                sid = k;
                break;
            }
        }
    if (sid == CRI_NONE)
        sid = cri_intern_find(&run->ids, p, n);
    /* The same student's next rows take the inline path: one mark per run
     * of rows. */
    if (sid != CRI_NONE && run->seen)
        __atomic_store_n(&run->seen[sid], 1, __ATOMIC_RELAXED);
    if (n <= sizeof memo->id) {
        memcpy(memo->id, p, n);
        memo->n = n;
        memo->sid = sid;
    }
    return sid;
}

/* An id: not empty, valid UTF-8, nothing hidden. */
int cri_check_id_fully(const struct cri_table_row *row, const struct cri_field *f, const char *what)
{
    char q[CRI_QUOTE_CAP];
    if (f->n == 0) {
        cri_field_error(row, f, "%s is empty", what);
        return 0;
    }
    /* An all-ASCII record is valid UTF-8, and so is a value mapped by the
     * config (libyaml reads UTF-8 only). */
    if (!row->csv->record_plain && !cri_utf8_valid(f->p, f->n)) {
        cri_field_error(row, f, "%s '%s' is not valid UTF-8", what, cri_quote(q, f->p, f->n));
        return 0;
    }
    long cp = cri_first_hidden_char(f->p, f->n);
    if (cp >= 0) {
        cri_field_error(row, f,
                        "%s '%s' holds U+%04lX, %s: an id must be printable text (two ids that "
                        "print the same would differ)",
                        what, cri_quote(q, f->p, f->n), (unsigned long)cp,
                        cp == 0xFEFF              ? "a byte order mark"
                        : cri_char_is_control(cp) ? "a control character"
                                                  : "an invisible format character");
        return 0;
    }
    return 1;
}

/* A name is written out as it is: it must not hold a NUL, which cuts it
 * short in C strings and in many readers of the honors list. */
static int check_name(const struct cri_table_row *row, const struct cri_field *f, const char *what)
{
    char q[CRI_QUOTE_CAP];
    if (!f || f->n == 0)
        return 1;
    if (memchr(f->p, '\0', f->n)) {
        cri_field_error(row, f, "%s '%s' holds a NUL byte", what, cri_quote(q, f->p, f->n));
        return 0;
    }
    return 1;
}

int cri_read_flag_text(const struct cri_table_row *row, enum cri_column col, int *flag)
{
    const struct cri_field *f = cri_row_field(row, col);
    static const char *const words[] = {"no", "false", "0", "yes", "true", "1"};
    for (int i = 0; i < 6; i++)
        if (strlen(words[i]) == f->n && strncasecmp(words[i], f->p, f->n) == 0) {
            *flag = i >= 3;
            return 1;
        }
    char q[CRI_QUOTE_CAP];
    cri_field_error(row, f, "%s '%s' is not yes/no, true/false or 1/0", cri_column_name(col),
                    cri_quote(q, f->p, f->n));
    return 0;
}

int cri_term_error(const struct cri_table_row *row, const struct cri_field *f, const char *what)
{
    char q[CRI_QUOTE_CAP];
    cri_field_error(row, f, "%s '%s' is not a term (expected YYYY-SP, YYYY-SU or YYYY-FA)", what,
                    cri_quote(q, f->p, f->n));
    return 0;
}

/* An optional term column: empty means none. */
static int optional_term(const struct cri_table_row *row, const struct cri_field *f,
                         const char *what, cri_term *out)
{
    *out = 0;
    if (!f || f->n == 0)
        return 1;
    *out = cri_term_parse(f->p, f->n);
    return *out ? 1 : cri_term_error(row, f, what);
}

/* A checked roster row on its way from a worker to the apply step.  The
 * slices point into the block being read, which lives until the apply. */
struct rostered {
    struct cri_field id, school;
    uint64_t id_hash, school_hash; /* computed here, off the calling thread */
    uint64_t offset;               /* of the record in the file */
    struct cri_student student;    /* all but school */
};

/* Worker thread: check a roster row. */
static enum cr_status roster_row(void *ctx, const struct cri_table_row *row)
{
    const struct cr_run *run = ctx;
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    const struct cri_field *school = cri_row_field(row, CRI_COL_SCHOOL_ID);
    const struct cri_field *cohort = cri_row_field(row, CRI_COL_COHORT);
    const struct cri_field *assess = cri_row_field(row, CRI_COL_ASSESSMENT);
    char q[CRI_QUOTE_CAP];
    int ok = cri_check_id(row, id, "student_id");
    ok &= cri_check_id(row, school, "school_id");

    struct cri_student s = {0};
    int year = 0;
    if (cohort->n == 4) {
        for (size_t i = 0; i < 4 && year >= 0; i++)
            year =
                cohort->p[i] >= '0' && cohort->p[i] <= '9' ? year * 10 + (cohort->p[i] - '0') : -1;
    }
    if (cohort->n != 4 || year < 1004) {
        cri_field_error(row, cohort, "cohort '%s' is not a graduation year (expected YYYY)",
                        cri_quote(q, cohort->p, cohort->n));
        ok = 0;
    }
    s.cohort = (uint16_t)(year > 0 ? year : 0);
    /* NULL under `eligibility.assessment: any`: every student is eligible
     * by it, and the roster need not carry it. */
    int a = assess ? cri_assessment_parse(assess->p, assess->n) : CRI_ASSESS_PASSED;
    if (a < 0) {
        cri_field_error(row, assess,
                        "assessment '%s' is not one of passed, alternative, waived, none",
                        cri_quote(q, assess->p, assess->n));
        ok = 0;
    }
    s.assessment = (uint8_t)(a < 0 ? 0 : a);
    ok &= optional_term(row, cri_row_field(row, CRI_COL_ASSESSMENT_TERM), "assessment_term",
                        &s.assessment_term);
    ok &= optional_term(row, cri_row_field(row, CRI_COL_GRAD_TERM), "grad_term", &s.grad_term);
    ok &= check_name(row, cri_row_field(row, CRI_COL_FIRST_NAME), "first_name");
    ok &= check_name(row, cri_row_field(row, CRI_COL_LAST_NAME), "last_name");
    int flagged;
    ok &= cri_read_flag(row, CRI_COL_RANK_EXCLUDE, &flagged);
    s.flagged = (uint8_t)flagged;
    if (!ok)
        return CR_OK;
    s.selected = run->cohort_filter == 0 || run->cohort_filter == s.cohort;
    struct rostered *r = cri_worker_push(row->worker);
    if (!r)
        return CR_ENOMEM;
    *r = (struct rostered){*id,
                           *school,
                           cri_hash_bytes(id->p, id->n),
                           cri_hash_bytes(school->p, school->n),
                           cri_row_offset(row),
                           s};
    return CR_OK;
}

/* Calling thread, in file order: give each student the next index; a
 * second row for an id is an error at that row. */
static enum cr_status roster_apply(void *ctx, struct cri_worker *w)
{
    struct cr_run *run = ctx;
    const struct rostered *r = (const struct rostered *)w->items;
    char q[CRI_QUOTE_CAP];
    for (size_t i = 0; i < w->n_items; i++) {
        /* Each new id lands in a random slot of a large table: ask for the
         * slot of an id a few rows ahead while this one is added. */
        if (i + 8 < w->n_items)
            cri_intern_prefetch(&run->ids, r[i + 8].id_hash);
        int added;
        uint32_t index =
            cri_intern_add_hashed(&run->ids, r[i].id.p, r[i].id.n, r[i].id_hash, &added);
        if (index == CRI_NONE)
            return CR_ENOMEM;
        if (!added) {
            cri_diag_add(&run->diag, CR_EDATA, w->path, w->file_order,
                         r[i].id.line + w->first_line - 1, r[i].id.column,
                         "duplicate student_id '%s' (each student once in the roster)",
                         cri_quote(q, r[i].id.p, r[i].id.n));
            continue;
        }
        struct cri_student s = r[i].student;
        s.school = cri_intern_add_hashed(&run->schools, r[i].school.p, r[i].school.n,
                                         r[i].school_hash, NULL);
        if (s.school == CRI_NONE)
            return CR_ENOMEM;
        struct cri_student *grown =
            cri_grow(run->students, &run->students_cap, (size_t)index + 1, sizeof *grown, 1024);
        if (!grown)
            return CR_ENOMEM;
        run->students = grown;
        run->students[index] = s;
        uint64_t *offsets = cri_grow(run->roster_offsets, &run->roster_offsets_cap,
                                     (size_t)index + 1, sizeof *offsets, 1024);
        if (!offsets)
            return CR_ENOMEM;
        run->roster_offsets = offsets;
        run->roster_offsets[index] = r[i].offset;
    }
    return CR_OK;
}

enum cr_status cri_roster_load(struct cr_run *run, const struct cri_input *in)
{
    static const struct cri_table_ops ops = {.table = CRI_TABLE_STUDENTS,
                                             .item_size = sizeof(struct rostered),
                                             .decode = roster_row,
                                             .apply = roster_apply,
                                             .parallel = 1};
    enum cr_status st =
        cri_table_read(&run->reader, in, CRI_ORDER_ROSTER, &ops, run, &run->roster_header);
    /* The roster is complete: give back the growth slack of the arrays. */
    size_t n = cri_n_students(run);
    if (n && n < run->students_cap) {
        struct cri_student *p = realloc(run->students, n * sizeof *p);
        if (p) {
            run->students = p;
            run->students_cap = n;
        }
    }
    if (n && n < run->roster_offsets_cap) {
        uint64_t *offsets = realloc(run->roster_offsets, n * sizeof *offsets);
        if (offsets) {
            run->roster_offsets = offsets;
            run->roster_offsets_cap = n;
        }
    }
    cri_intern_shrink(&run->ids);
    return st;
}

/* The length of credits text p[0..n) without zeros past its third decimal:
 * a DECIMAL(9,4) column writes 1 credit as 1.0000, the exact value 1 (SPEC
 * "Credits written with more decimals"). */
static size_t without_zeros_past_milli(const char *p, size_t n)
{
    const char *dot = memchr(p, '.', n);
    size_t keep = dot ? (size_t)(dot - p) + 4 : n; /* the dot and three decimals */
    while (n > keep && p[n - 1] == '0')
        n--;
    return n;
}

int cri_read_credits_text(const struct cri_table_row *row, const struct cri_field *f,
                          int32_t *credits_milli)
{
    char q[CRI_QUOTE_CAP];
    int64_t v;
    enum cri_decimal_result parsed = cri_decimal_parse(f->p, f->n, 3, &v);
    if (parsed == CRI_DEC_DECIMALS)
        parsed = cri_decimal_parse(f->p, without_zeros_past_milli(f->p, f->n), 3, &v);
    switch (parsed) {
    case CRI_DEC_OK:
        break;
    case CRI_DEC_DECIMALS:
        cri_field_error(row, f, "credits '%s' has more than 3 decimals", cri_quote(q, f->p, f->n));
        return 0;
    default:
        cri_field_error(row, f, "credits '%s' is not a number", cri_quote(q, f->p, f->n));
        return 0;
    }
    if (v < 0 || v > CRI_MAX_CREDITS_MILLI) {
        cri_field_error(row, f, "credits '%s' is out of range (0 to 10)", cri_quote(q, f->p, f->n));
        return 0;
    }
    *credits_milli = (int32_t)v;
    return 1;
}
