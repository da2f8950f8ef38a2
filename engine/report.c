/* report.c -- rank-s<k>.csv and excluded-s<k>.csv (SPEC "Outputs"). */
#include "report.h"

#include <string.h>

#include "decimal.h"

void cri_put_uint(FILE *f, uint64_t v)
{
    char b[24];
    int i = (int)sizeof b;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    fwrite_unlocked(b + i, 1, sizeof b - (size_t)i, f);
}

void cri_csv_put(FILE *f, const char *p, size_t n)
{
    /* A spreadsheet would run a cell starting like a formula: make it text. */
    int guard = n && (p[0] == '=' || p[0] == '+' || p[0] == '-' || p[0] == '@' ||
                      p[0] == '\t' || p[0] == '\r');
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
    if (!quote && !guard) { /* nearly always: the bytes as they are */
        fwrite_unlocked(p, 1, n, f);
        return;
    }
    if (quote)
        putc_unlocked('"', f);
    if (guard)
        putc_unlocked('\'', f);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            putc_unlocked('"', f);
        putc_unlocked(p[i], f);
    }
    if (quote)
        putc_unlocked('"', f);
}

void cri_json_put(FILE *f, const char *p, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

void cri_put_gpa(FILE *f, const struct cr_run *run, int64_t rounded)
{
    char buf[48];
    size_t n = cri_decimal_format(buf, sizeof buf, rounded, run->cfg.precision);
    fwrite_unlocked(buf, 1, n, f);
}

static void put_str(FILE *f, struct cri_str s)
{
    cri_csv_put(f, s.p, s.n);
}

void cri_put_rank(FILE *f, int32_t rank_half)
{
    cri_put_uint(f, (uint64_t)(rank_half / 2));
    if (rank_half % 2)
        fwrite_unlocked(".5", 1, 2, f);
}

/* The rows go in class order, and each reads its student and id from
 * tables in roster order: ask for them some rows ahead. */
static void prefetch_row(const struct cr_run *run, const struct cri_outcome *o, size_t i,
                         size_t n)
{
    if (i + 16 < n) {
        __builtin_prefetch(&run->students[o[i + 16].student]);
        __builtin_prefetch(&run->ids.items[o[i + 16].student]);
    }
}

/* "school_id,cohort,checkpoint,student_id," of a rank or excluded row. */
static void put_row_head(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp,
                         const struct cri_outcome *o, struct cri_str school)
{
    put_str(f, school);
    putc_unlocked(',', f);
    cri_put_uint(f, run->students[o->student].cohort);
    putc_unlocked(',', f);
    cri_put_uint(f, (uint64_t)cp->k);
    putc_unlocked(',', f);
    put_str(f, cri_intern_str(&run->ids, o->student));
    putc_unlocked(',', f);
}

void cri_write_rank_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    fputs("school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,rank,"
          "class_size,honors\n",
          f);
    for (size_t i = 0; i < cp->n_ranked; i++) {
        prefetch_row(run, cp->ranked, i, cp->n_ranked);
        const struct cri_outcome *o = &cp->ranked[i];
        const struct cri_student *s = &run->students[o->student];
        const struct cri_str school = cri_intern_str(&run->schools, s->school);
        put_row_head(f, run, cp, o, school);
        cri_put_gpa(f, run, o->weighted_rounded);
        putc_unlocked(',', f);
        cri_put_gpa(f, run, o->unweighted_rounded);
        char credits[48];
        size_t cn = cri_decimal_format(credits, sizeof credits, o->sums.credits, 3);
        putc_unlocked(',', f);
        fwrite_unlocked(credits, 1, cn, f);
        putc_unlocked(',', f);
        cri_put_rank(f, o->rank_half);
        putc_unlocked(',', f);
        cri_put_uint(f, o->class_size);
        putc_unlocked(',', f);
        if (o->honor >= 0) {
            const struct cri_honors_list *list = cri_honors_of(run, s->school);
            const struct cri_text *name = &list->items[o->honor].name;
            cri_csv_put(f, name->p, name->n);
        }
        putc_unlocked('\n', f);
    }
}

static const char *const reason_names[CRI_N_REASONS] = {"flagged", "assessment", "consecutive",
                                                         "no_gpa"};

void cri_write_excluded_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    fputs("school_id,cohort,checkpoint,student_id,reasons\n", f);
    for (size_t i = 0; i < cp->n_excluded; i++) {
        prefetch_row(run, cp->excluded, i, cp->n_excluded);
        const struct cri_outcome *o = &cp->excluded[i];
        const struct cri_student *s = &run->students[o->student];
        put_row_head(f, run, cp, o, cri_intern_str(&run->schools, s->school));
        const char *sep = "";
        for (int r = 0; r < CRI_N_REASONS; r++)
            if (o->reasons >> r & 1) {
                fputs(sep, f);
                fputs(reason_names[r], f);
                sep = ";";
            }
        putc_unlocked('\n', f);
    }
}
