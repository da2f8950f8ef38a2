/* edfi.c -- edfi-s<k>.jsonl: the ranks as Ed-Fi studentAcademicRecords.
 *
 * One object per line, ready to POST to /ed-fi/studentAcademicRecords.  The
 * keys come in one fixed order and numbers in one fixed form (integers as
 * digits, GPAs with exactly gpa.precision decimals, as the rank files print
 * them), so the file is byte-identical for any thread count:
 *
 *   {"studentReference":{"studentUniqueId":"..."},
 *    "educationOrganizationReference":{"educationOrganizationId":N},
 *    "schoolYearTypeReference":{"schoolYear":YYYY},
 *    "termDescriptor":"NS/TermDescriptor#Fall Semester",
 *    "classRanking":{"classRank":R,"totalNumberInClass":C,
 *                    "percentageRanking":P,"classRankingDate":"YYYY-MM-DD"},
 *    "gradePointAverages":[
 *      {"gradePointAverageTypeDescriptor":"NS/GradePointAverageTypeDescriptor#Weighted",
 *       "isCumulative":true,"gradePointAverageValue":G},
 *      {... "#Unweighted" ...}]}
 *
 * (written on one line, without spaces). */
#include "write/edfi.h"

#include <stdlib.h>
#include <string.h>

#include "core/term.h"
#include "rules/rules.h"
#include "write/report.h"

/* A positive integer of at most 18 digits, or -1. */
static int64_t edfi_id_of(const char *p, size_t n)
{
    if (n == 0 || n > 18)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v > 0 ? v : -1;
}

/* The Ed-Fi id the roster's school_id value map gives school: the value it
 * maps from, when that is a positive integer; -1 when it maps none (or one
 * that is not an integer: *first is then set); -2 (with *twice) when two. */
static int64_t from_value_map(const struct cri_value_map *m, struct cri_str school,
                              const struct cri_text **first, const struct cri_text **twice)
{
    int64_t id = -1;
    *first = *twice = NULL;
    for (size_t i = 0; i < m->n; i++) {
        if (m->ours[i].n != school.n || memcmp(m->ours[i].p, school.p, school.n) != 0)
            continue;
        if (*first) {
            *twice = &m->theirs[i];
            return -2;
        }
        *first = &m->theirs[i];
        id = edfi_id_of(m->theirs[i].p, m->theirs[i].n);
    }
    return id;
}

enum cr_status cri_edfi_resolve(struct cr_run *run)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_value_map *m = &cfg->column_values[CRI_TABLE_STUDENTS][CRI_COL_SCHOOL_ID];
    size_t n = run->schools.count;
    run->edfi_ids = malloc((n + 1) * sizeof *run->edfi_ids);
    if (!run->edfi_ids)
        return CR_ENOMEM;
    enum cr_status st = CR_OK;
    for (uint32_t i = 0; i < n; i++) {
        struct cri_str school = cri_intern_str(&run->schools, i);
        char q[CRI_QUOTE_CAP], q2[CRI_QUOTE_CAP];
        const struct cri_text *first = NULL, *twice = NULL;
        int64_t id = m->n ? from_value_map(m, school, &first, &twice) : -1;
        for (size_t k = 0; id < 0 && k < cfg->n_edfi_schools; k++)
            if (cfg->edfi_school[k].n == school.n &&
                memcmp(cfg->edfi_school[k].p, school.p, school.n) == 0)
                id = cfg->edfi_school_id[k];
        if (id == -2) {
            st = cri_diag_add(&run->diag, CR_ECONFIG, NULL, 0, 0, 0,
                              "output.edfi: school '%s' is both '%s' and '%s' in "
                              "columns.students.school_id values: say which Ed-Fi id it has in "
                              "output.edfi.school_ids",
                              cri_quote(q, school.p, school.n), first->p, twice->p);
            continue;
        }
        if (id < 0)
            id = edfi_id_of(school.p, school.n);
        if (id < 0) {
            if (first)
                cri_quote(q2, first->p, first->n);
            st =
                cri_diag_add(&run->diag, CR_ECONFIG, NULL, 0, 0, 0,
                             "output.edfi: school '%s' has no Ed-Fi educationOrganizationId%s%s%s: "
                             "give it in output.edfi.school_ids",
                             cri_quote(q, school.p, school.n), first ? " (its roster value '" : "",
                             first ? q2 : "", first ? "' is not a positive integer)" : "");
            continue;
        }
        run->edfi_ids[i] = id;
    }
    return st;
}

int cri_edfi_is_date(const char *t)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9'))
            return 0;
    int y = atoi(t), mo = (t[5] - '0') * 10 + (t[6] - '0'), d = (t[8] - '0') * 10 + (t[9] - '0');
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(mo == 2 && d == 29 && !leap);
}

/* The characters of a JSON string for p[0..n): the quote, the backslash and
 * control bytes escaped; UTF-8 as is (ids are valid UTF-8). */
static void put_json_chars(struct cri_rowbuf *rb, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\') {
            cri_rb_char(rb, '\\');
            cri_rb_char(rb, (char)c);
        } else if (c < 0x20) {
            cri_rb_str(rb, "\\u00");
            cri_rb_char(rb, hex[c >> 4]);
            cri_rb_char(rb, hex[c & 15]);
        } else {
            cri_rb_char(rb, (char)c);
        }
    }
}

static void put_json_text(struct cri_rowbuf *rb, const char *p, size_t n)
{
    cri_rb_char(rb, '"');
    put_json_chars(rb, p, n);
    cri_rb_char(rb, '"');
}

/* "NS/<kind>Descriptor#<code>" as a JSON string. */
static void put_descriptor(struct cri_rowbuf *rb, const struct cri_text *ns, const char *kind,
                           const char *code)
{
    cri_rb_char(rb, '"');
    put_json_chars(rb, ns->p, ns->n);
    cri_rb_char(rb, '/');
    cri_rb_str(rb, kind);
    cri_rb_str(rb, "Descriptor#");
    cri_rb_str(rb, code);
    cri_rb_char(rb, '"');
}

void cri_write_edfi_jsonl(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_text *ns = &cfg->edfi_namespace;
    struct cri_rowbuf buffer, *rb = &buffer;
    cri_rb_init(rb, f);
    for (size_t i = 0; i < cp->n_ranked; i++) {
        const struct cri_outcome *o = &cp->ranked[i];
        const struct cri_student *s = &run->students[o->student];
        const struct cri_str id = cri_intern_str(&run->ids, o->student);
        cri_term term = cri_term_of_semester(s->cohort, cp->k);
        int fall = cri_term_season(term) == CRI_FA;
        /* Ed-Fi's schoolYear is the year the school year ends: fall 2025 is
         * in 2026's. */
        int school_year = cri_term_year(term) + fall;
        cri_rb_str(rb, "{\"studentReference\":{\"studentUniqueId\":");
        put_json_text(rb, id.p, id.n);
        cri_rb_str(rb, "},\"educationOrganizationReference\":{\"educationOrganizationId\":");
        cri_rb_uint(rb, (uint64_t)run->edfi_ids[s->school]);
        cri_rb_str(rb, "},\"schoolYearTypeReference\":{\"schoolYear\":");
        cri_rb_uint(rb, (uint64_t)school_year);
        cri_rb_str(rb, "},\"termDescriptor\":");
        put_descriptor(rb, ns, "Term", fall ? "Fall Semester" : "Spring Semester");
        /* classRank is an integer: a fractional rank (2.5) rounded down */
        cri_rb_str(rb, ",\"classRanking\":{\"classRank\":");
        cri_rb_uint(rb, (uint64_t)(o->rank_half / 2));
        cri_rb_str(rb, ",\"totalNumberInClass\":");
        cri_rb_uint(rb, o->class_size);
        cri_rb_str(rb, ",\"percentageRanking\":");
        cri_rb_uint(rb, cri_top_percent(o->rank_half, o->class_size));
        cri_rb_str(rb, ",\"classRankingDate\":\"");
        cri_rb_str(rb, run->ranking_date);
        cri_rb_str(rb, "\"},\"gradePointAverages\":[{\"gradePointAverageTypeDescriptor\":");
        put_descriptor(rb, ns, "GradePointAverageType", "Weighted");
        cri_rb_str(rb, ",\"isCumulative\":true,\"gradePointAverageValue\":");
        cri_rb_decimal(rb, o->weighted_rounded, cfg->precision);
        cri_rb_str(rb, "},{\"gradePointAverageTypeDescriptor\":");
        put_descriptor(rb, ns, "GradePointAverageType", "Unweighted");
        cri_rb_str(rb, ",\"isCumulative\":true,\"gradePointAverageValue\":");
        cri_rb_decimal(rb, o->unweighted_rounded, cfg->precision);
        cri_rb_str(rb, "}]}\n");
    }
    cri_rb_flush(rb);
}
