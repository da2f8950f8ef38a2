/* report.c -- rank-s<k>.csv and excluded-s<k>.csv (SPEC "Outputs"). */
#include "report.h"

#include <string.h>

#include "decimal.h"

void cri_csv_put(FILE *f, const char *p, size_t n)
{
    /* A spreadsheet would run a cell starting like a formula: make it text. */
    int guard = n && (p[0] == '=' || p[0] == '+' || p[0] == '-' || p[0] == '@' ||
                      p[0] == '\t' || p[0] == '\r');
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n';
    if (quote)
        putc('"', f);
    if (guard)
        putc('\'', f);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            putc('"', f);
        putc(p[i], f);
    }
    if (quote)
        putc('"', f);
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
    fwrite(buf, 1, n, f);
}

static void put_str(FILE *f, struct cri_str s)
{
    cri_csv_put(f, s.p, s.n);
}

void cri_put_rank(FILE *f, int32_t rank_half)
{
    if (rank_half % 2)
        fprintf(f, "%d.5", rank_half / 2);
    else
        fprintf(f, "%d", rank_half / 2);
}

void cri_write_rank_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    fputs("school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,rank,"
          "class_size,honors\n",
          f);
    for (size_t i = 0; i < cp->n_ranked; i++) {
        const struct cri_outcome *o = &cp->ranked[i];
        const struct cri_student *s = &run->students[o->student];
        const struct cri_str school = cri_intern_str(&run->schools, s->school);
        put_str(f, school);
        fprintf(f, ",%d,%d,", s->cohort, cp->k);
        put_str(f, cri_intern_str(&run->ids, o->student));
        putc(',', f);
        cri_put_gpa(f, run, o->weighted_rounded);
        putc(',', f);
        cri_put_gpa(f, run, o->unweighted_rounded);
        char credits[48];
        cri_decimal_format(credits, sizeof credits, o->sums.credits, 3);
        fprintf(f, ",%s,", credits);
        cri_put_rank(f, o->rank_half);
        fprintf(f, ",%u,", o->class_size);
        if (o->honor >= 0) {
            const struct cri_honors_list *list =
                cri_config_honors_for(&run->cfg, school.p, school.n);
            const struct cri_text *name = &list->items[o->honor].name;
            cri_csv_put(f, name->p, name->n);
        }
        putc('\n', f);
    }
}

static const char *const reason_names[CRI_N_REASONS] = {"flagged", "assessment", "consecutive",
                                                         "no_gpa"};

void cri_write_excluded_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    fputs("school_id,cohort,checkpoint,student_id,reasons\n", f);
    for (size_t i = 0; i < cp->n_excluded; i++) {
        const struct cri_outcome *o = &cp->excluded[i];
        const struct cri_student *s = &run->students[o->student];
        put_str(f, cri_intern_str(&run->schools, s->school));
        fprintf(f, ",%d,%d,", s->cohort, cp->k);
        put_str(f, cri_intern_str(&run->ids, o->student));
        putc(',', f);
        const char *sep = "";
        for (int r = 0; r < CRI_N_REASONS; r++)
            if (o->reasons >> r & 1) {
                fprintf(f, "%s%s", sep, reason_names[r]);
                sep = ";";
            }
        putc('\n', f);
    }
}
