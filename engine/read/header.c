/* header.c -- header row to column indexes. */
#include "read/header.h"

#include <stdio.h>
#include <string.h>

/* Required and optional columns of each table, SPEC "Inputs". */
static const enum cri_column students_required[] = {CRI_COL_STUDENT_ID, CRI_COL_SCHOOL_ID,
                                                    CRI_COL_COHORT, CRI_COL_ASSESSMENT};
static const enum cri_column students_optional[] = {CRI_COL_ASSESSMENT_TERM, CRI_COL_GRAD_TERM,
                                                    CRI_COL_FIRST_NAME, CRI_COL_LAST_NAME,
                                                    CRI_COL_RANK_EXCLUDE};
static const enum cri_column enrollment_required[] = {CRI_COL_STUDENT_ID, CRI_COL_TERM};
static const enum cri_column enrollment_optional[] = {CRI_COL_SCHOOL_ID};
static const enum cri_column grades_required[] = {
    CRI_COL_STUDENT_ID, CRI_COL_TERM, CRI_COL_COURSE_ID, CRI_COL_GRADE, CRI_COL_CREDITS};
static const enum cri_column courses_required[] = {CRI_COL_COURSE_ID};
static const enum cri_column courses_optional[] = {CRI_COL_LEVEL, CRI_COL_CREDITS, CRI_COL_SUBJECT,
                                                   CRI_COL_YEAR_LONG, CRI_COL_RANK_EXCLUDE};
static const enum cri_column grades_optional[] = {CRI_COL_LEVEL, CRI_COL_SOURCE, CRI_COL_SCHOOL_ID,
                                                  CRI_COL_RANK_EXCLUDE};

#define N(a) (sizeof a / sizeof *a)

/* The index of header `name`, or -1; a header given twice is an error. */
static enum cr_status find_header(const struct cri_csv *c, struct cri_text name, int required,
                                  const char *why, int *found, struct cri_diag *diag,
                                  const char *path, uint32_t file_order)
{
    *found = -1;
    for (size_t i = 0; i < c->n_fields; i++) {
        const struct cri_field *f = &c->fields[i];
        if (f->n != name.n || memcmp(f->p, name.p, name.n) != 0)
            continue;
        if (*found >= 0)
            return cri_diag_add(diag, CR_ECSV, path, file_order, f->line, f->column,
                                "column '%s' appears twice in the header", name.p);
        *found = (int)i;
    }
    if (*found < 0 && required)
        return cri_diag_add(diag, CR_ECSV, path, file_order, c->record_line, 1,
                            "missing required column '%s'%s", name.p, why);
    return CR_OK;
}

static enum cr_status find(struct cri_header *h, const struct cri_csv *c,
                           const struct cri_config *cfg, enum cri_table t, enum cri_column col,
                           int required, struct cri_diag *diag, const char *path,
                           uint32_t file_order)
{
    const struct cri_term_spec *ts = &cfg->term_spec[t];
    if (col == CRI_COL_TERM && ts->year.p) {
        enum cr_status st = find_header(c, ts->year, required, " (the term's year, by columns:)",
                                        &h->year_index, diag, path, file_order);
        enum cr_status st2 =
            find_header(c, ts->season, required, " (the term's season, by columns:)",
                        &h->season_index, diag, path, file_order);
        h->index[col] = -1;
        return st != CR_OK ? st : st2;
    }
    struct cri_text name = cfg->column_header[t][col];
    if (!name.p)
        name = (struct cri_text){cri_column_name(col), strlen(cri_column_name(col))};
    char why[96] = "";
    if (cfg->column_header[t][col].p)
        snprintf(why, sizeof why, " (mapped from %s by columns:)", cri_column_name(col));
    return find_header(c, name, required, why, &h->index[col], diag, path, file_order);
}

/* A column the config says not to read: under `eligibility.assessment: any`
 * the roster's assessment columns mean nothing, so a roster without them
 * (or with anything in them) is fine. */
static int unread(const struct cri_config *cfg, enum cri_table t, enum cri_column col)
{
    return t == CRI_TABLE_STUDENTS && cfg->assessment_any &&
           (col == CRI_COL_ASSESSMENT || col == CRI_COL_ASSESSMENT_TERM);
}

enum cr_status cri_header_resolve(struct cri_header *h, const struct cri_csv *c,
                                  const struct cri_config *cfg, enum cri_table t,
                                  struct cri_diag *diag, const char *path, uint32_t file_order)
{
    const enum cri_column *req, *opt;
    size_t n_req, n_opt;
    switch (t) {
    case CRI_TABLE_STUDENTS:
        req = students_required, n_req = N(students_required);
        opt = students_optional, n_opt = N(students_optional);
        break;
    case CRI_TABLE_ENROLLMENT:
        req = enrollment_required, n_req = N(enrollment_required);
        opt = enrollment_optional, n_opt = N(enrollment_optional);
        break;
    case CRI_TABLE_COURSES:
        req = courses_required, n_req = N(courses_required);
        opt = courses_optional, n_opt = N(courses_optional);
        break;
    default:
        req = grades_required, n_req = N(grades_required);
        opt = grades_optional, n_opt = N(grades_optional);
        break;
    }
    for (int i = 0; i < CRI_COL_COUNT; i++)
        h->index[i] = -1;
    h->table = t;
    h->year_index = h->season_index = -1;
    h->n_fields = c->n_fields;
    enum cr_status st = CR_OK, s;
    for (size_t i = 0; i < n_req; i++)
        if (!unread(cfg, t, req[i]) &&
            (s = find(h, c, cfg, t, req[i], 1, diag, path, file_order)) != CR_OK && st == CR_OK)
            st = s;
    for (size_t i = 0; i < n_opt; i++)
        if (!unread(cfg, t, opt[i]) &&
            (s = find(h, c, cfg, t, opt[i], 0, diag, path, file_order)) != CR_OK && st == CR_OK)
            st = s;
    for (size_t i = 0; t == CRI_TABLE_GRADES && i < cfg->n_keep; i++)
        if ((s = find_header(c, cfg->keep[i].header, 1, " (a keep filter's column)",
                             &h->keep_index[i], diag, path, file_order)) != CR_OK &&
            st == CR_OK)
            st = s;
    h->n_present = 0;
    h->mapped = (t == CRI_TABLE_GRADES && cfg->n_keep) || h->year_index >= 0;
    for (int col = 0; col < CRI_COL_COUNT; col++) {
        if (h->index[col] >= 0)
            h->present[h->n_present++] = (uint8_t)col;
        h->mapped |= cfg->column_values[t][col].n != 0;
    }
    return st;
}

/* The term from a school-year and a season field (SPEC "SIS exports
 * unchanged"): Y0 is the school year's starting year. */
static int build_term(const struct cri_term_spec *ts, const struct cri_field *year,
                      const struct cri_field *season, char *out, const char **why,
                      const struct cri_field **at)
{
    const struct cri_text *code = cri_value_map_find(&ts->seasons, season->p, season->n);
    if (!code) {
        *why = "is not in columns term seasons";
        *at = season;
        return 0;
    }
    long v = 0;
    size_t i = 0;
    for (; i < year->n && i < 9 && year->p[i] >= '0' && year->p[i] <= '9'; i++)
        v = v * 10 + (year->p[i] - '0');
    long y0 = ts->year_is == CRI_YEAR_IS_START ? v
              : ts->year_is == CRI_YEAR_IS_END ? v - 1
                                               : v / 100 + 1990;
    if (i == 0 || i != year->n || y0 < 1000 || y0 > 9998) {
        *why = ts->year_is == CRI_YEAR_IS_POWERSCHOOL_TERMID ? "is not a PowerSchool TermID"
                                                             : "is not a school year (YYYY)";
        *at = year;
        return 0;
    }
    long y = code->p[0] == 'F' ? y0 : y0 + 1; /* fall opens the school year */
    snprintf(out, 8, "%04ld-%s", y, code->p);
    return 1;
}

int cri_header_view(const struct cri_header *h, const struct cri_csv *c,
                    const struct cri_config *cfg, const struct cri_field **view,
                    struct cri_field *mapped, char *term_buf, struct cri_diag *diag,
                    const char *path, uint32_t file_order)
{
    if (!h->mapped) {
        /* The common case: only renames.  Absent columns stay NULL from
         * the first call (the caller zeroes the view once per chunk). */
        for (size_t i = 0; i < h->n_present; i++)
            view[h->present[i]] = &c->fields[h->index[h->present[i]]];
        return 1;
    }
    enum cri_table t = h->table;
    char q[CRI_QUOTE_CAP];
    for (size_t i = 0; t == CRI_TABLE_GRADES && i < cfg->n_keep; i++) {
        const struct cri_field *f = &c->fields[h->keep_index[i]];
        const char *p = f->p;
        size_t n = f->n;
        cri_descriptor_code(&p, &n);
        int kept = 0;
        for (size_t k = 0; k < cfg->keep[i].n && !kept; k++)
            kept = cfg->keep[i].values[k].n == n && memcmp(cfg->keep[i].values[k].p, p, n) == 0;
        if (!kept)
            return 2;
    }
    for (int col = 0; col < CRI_COL_COUNT; col++) {
        view[col] = NULL;
        if (h->index[col] < 0)
            continue;
        const struct cri_field *f = &c->fields[h->index[col]];
        view[col] = f;
        const struct cri_value_map *m = &cfg->column_values[t][col];
        if (!m->n || f->n == 0) /* an empty cell keeps its meaning: the default */
            continue;
        const struct cri_text *ours = cri_value_map_find(m, f->p, f->n);
        if (!ours) {
            cri_diag_add(diag, CR_EDATA, path, file_order, f->line, f->column,
                         "%s value '%s' is not listed in columns.%s.%s values",
                         cfg->column_header[t][col].p, cri_quote(q, f->p, f->n), cri_names_table[t],
                         cri_column_name((enum cri_column)col));
            return 0;
        }
        mapped[col] = (struct cri_field){ours->p, ours->n, f->line, f->column};
        view[col] = &mapped[col];
    }
    if (h->year_index >= 0 && h->season_index >= 0) {
        const struct cri_field *year = &c->fields[h->year_index];
        const struct cri_field *season = &c->fields[h->season_index];
        const char *why = "";
        const struct cri_field *at = year;
        if (!build_term(&cfg->term_spec[t], year, season, term_buf, &why, &at)) {
            cri_diag_add(diag, CR_EDATA, path, file_order, at->line, at->column, "'%s' %s",
                         cri_quote(q, at->p, at->n), why);
            return 0;
        }
        mapped[CRI_COL_TERM] = (struct cri_field){term_buf, 7, season->line, season->column};
        view[CRI_COL_TERM] = &mapped[CRI_COL_TERM];
    }
    return 1;
}
