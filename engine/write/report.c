/* report.c -- rank-s<k>.csv and excluded-s<k>.csv (SPEC "Outputs"). */
#include "write/report.h"

#include <string.h>

#include "core/decimal.h"
#include "rules/rules.h"

/* What a text cell needs: a ' in front (a spreadsheet would run a cell
 * starting like a formula: make it text), quotes around it, or nothing
 * (nearly always: the bytes as they are). */
static void cell_needs(const char *p, size_t n, int *guard, int *quote)
{
    *guard = n && (p[0] == '=' || p[0] == '+' || p[0] == '-' || p[0] == '@' || p[0] == '\t' ||
                   p[0] == '\r');
    *quote = 0;
    for (size_t i = 0; i < n && !*quote; i++)
        *quote = p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
}

void cri_csv_put(FILE *f, const char *p, size_t n)
{
    int guard, quote;
    cell_needs(p, n, &guard, &quote);
    if (!quote && !guard) {
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

void cri_text_put(FILE *f, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (cri_is_control(c))
            fprintf(f, "\\x%02X", c);
        else if (c == 0xC2 && i + 1 < n && ((unsigned char)p[i + 1] & 0xE0) == 0x80)
            fprintf(f, "\\xC2\\x%02X", (unsigned char)p[++i]); /* C1: U+0080..U+009F */
        else
            putc(c, f);
    }
}

void cri_put_gpa(FILE *f, const struct cr_run *run, int64_t rounded)
{
    char buf[48];
    size_t n = cri_decimal_format(buf, sizeof buf, rounded, run->cfg.precision);
    fwrite_unlocked(buf, 1, n, f);
}

/* v's decimal digits, written backwards to end at end; returns where they
 * start.  (No printf: the rank and excluded files write several per row.) */
static char *uint_digits(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void cri_rb_uint(struct cri_rowbuf *rb, uint64_t v)
{
    char b[24];
    const char *at = uint_digits(b + sizeof b, v);
    cri_rb_put(rb, at, (size_t)(b + sizeof b - at));
}

void cri_rb_decimal(struct cri_rowbuf *rb, int64_t v, int decimals)
{
    char *at = cri_rb_room(rb, 48); /* may flush: rb->n is read after */
    rb->n += cri_decimal_format(at, 48, v, decimals);
}

void cri_rb_cell(struct cri_rowbuf *rb, const char *p, size_t n)
{
    int guard, quote;
    cell_needs(p, n, &guard, &quote);
    if (!quote && !guard) {
        cri_rb_put(rb, p, n);
        return;
    }
    cri_rb_flush(rb); /* the rare cell that needs escaping: through stdio, in order */
    cri_csv_put(rb->f, p, n);
}

size_t cri_rank_format(char buf[CRI_RANK_CAP], int32_t rank_half)
{
    char digits[12];
    const char *at = uint_digits(digits + sizeof digits, (uint32_t)rank_half / 2);
    size_t n = (size_t)(digits + sizeof digits - at);
    memcpy(buf, at, n);
    if (rank_half % 2) {
        memcpy(buf + n, ".5", 2);
        n += 2;
    }
    buf[n] = '\0';
    return n;
}

void cri_rb_rank(struct cri_rowbuf *rb, int32_t rank_half)
{
    char *at = cri_rb_room(rb, CRI_RANK_CAP); /* may flush: rb->n is read after */
    rb->n += cri_rank_format(at, rank_half);
}

/* Row i's student.  The rows go in class order, and each reads its student
 * and id from tables in roster order: ask for them some rows ahead.  (It
 * returns the student because a void function holding only prefetches is
 * found free of effects by GCC, and its calls are dropped.) */
static const struct cri_student *student_of_row(const struct cr_run *run,
                                                const struct cri_outcome *o, size_t i, size_t n)
{
    if (i + 16 < n) {
        __builtin_prefetch(&run->students[o[i + 16].student]);
        __builtin_prefetch(&run->ids.items[o[i + 16].student]);
    }
    return &run->students[o[i].student];
}

/* "school_id,cohort,checkpoint,student_id," of a rank or excluded row. */
static void put_row_head(struct cri_rowbuf *rb, const struct cr_run *run,
                         const struct cri_checkpoint *cp, const struct cri_outcome *o,
                         const struct cri_student *s)
{
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    const struct cri_str id = cri_intern_str(&run->ids, o->student);
    cri_rb_cell(rb, school.p, school.n);
    cri_rb_char(rb, ',');
    cri_rb_uint(rb, s->cohort);
    cri_rb_char(rb, ',');
    cri_rb_uint(rb, (uint64_t)cp->k);
    cri_rb_char(rb, ',');
    cri_rb_cell(rb, id.p, id.n);
    cri_rb_char(rb, ',');
}

void cri_write_rank_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    static const char header[] = "school_id,cohort,checkpoint,student_id,gpa_weighted,"
                                 "gpa_unweighted,credits,rank,class_size,honors,top_percent\n";
    struct cri_rowbuf buffer, *rb = &buffer; /* 64 KiB of a worker's stack */
    cri_rb_init(rb, f);
    cri_rb_put(rb, header, sizeof header - 1);
    for (size_t i = 0; i < cp->n_ranked; i++) {
        const struct cri_student *s = student_of_row(run, cp->ranked, i, cp->n_ranked);
        const struct cri_outcome *o = &cp->ranked[i];
        put_row_head(rb, run, cp, o, s);
        cri_rb_decimal(rb, o->weighted_rounded, run->cfg.precision);
        cri_rb_char(rb, ',');
        cri_rb_decimal(rb, o->unweighted_rounded, run->cfg.precision);
        cri_rb_char(rb, ',');
        cri_rb_decimal(rb, o->sums.credits, 3);
        cri_rb_char(rb, ',');
        cri_rb_rank(rb, o->rank_half);
        cri_rb_char(rb, ',');
        cri_rb_uint(rb, o->class_size);
        cri_rb_char(rb, ',');
        if (o->honor >= 0) {
            const struct cri_text *name = &cri_honors_of(run, s->school)->items[o->honor].name;
            cri_rb_cell(rb, name->p, name->n);
        }
        cri_rb_char(rb, ',');
        cri_rb_uint(rb, cri_top_percent(o->rank_half, o->class_size));
        cri_rb_char(rb, '\n');
    }
    cri_rb_flush(rb);
}

void cri_write_excluded_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    static const char header[] = "school_id,cohort,checkpoint,student_id,reasons\n";
    struct cri_rowbuf buffer, *rb = &buffer;
    cri_rb_init(rb, f);
    cri_rb_put(rb, header, sizeof header - 1);
    for (size_t i = 0; i < cp->n_excluded; i++) {
        const struct cri_student *s = student_of_row(run, cp->excluded, i, cp->n_excluded);
        const struct cri_outcome *o = &cp->excluded[i];
        put_row_head(rb, run, cp, o, s);
        char reasons[CRI_REASONS_TEXT_MAX];
        cri_rb_put(rb, reasons, cri_reasons_text(reasons, o->reasons));
        cri_rb_char(rb, '\n');
    }
    cri_rb_flush(rb);
}
