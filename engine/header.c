/* header.c -- header row to column indexes. */
#include "header.h"

#include <string.h>

/* Required and optional columns of each table, SPEC "Inputs". */
static const enum cri_column students_required[] = {CRI_COL_STUDENT_ID, CRI_COL_SCHOOL_ID,
                                                    CRI_COL_COHORT, CRI_COL_ASSESSMENT};
static const enum cri_column students_optional[] = {CRI_COL_ASSESSMENT_TERM, CRI_COL_GRAD_TERM,
                                                    CRI_COL_FIRST_NAME, CRI_COL_LAST_NAME,
                                                    CRI_COL_RANK_EXCLUDE};
static const enum cri_column enrollment_required[] = {CRI_COL_STUDENT_ID, CRI_COL_TERM};
static const enum cri_column enrollment_optional[] = {CRI_COL_SCHOOL_ID};
static const enum cri_column grades_required[] = {CRI_COL_STUDENT_ID, CRI_COL_TERM,
                                                  CRI_COL_COURSE_ID, CRI_COL_GRADE,
                                                  CRI_COL_CREDITS};
static const enum cri_column grades_optional[] = {CRI_COL_LEVEL, CRI_COL_SOURCE,
                                                  CRI_COL_SCHOOL_ID, CRI_COL_RANK_EXCLUDE};

#define N(a) (sizeof a / sizeof *a)

static enum cr_status find(struct cri_header *h, const struct cri_csv *c,
                           const struct cri_config *cfg, enum cri_table t, enum cri_column col,
                           int required, struct cri_diag *diag, const char *path,
                           uint32_t file_order)
{
    struct cri_text name = cfg->column_header[t][col];
    if (!name.p)
        name = (struct cri_text){cri_column_name(col), strlen(cri_column_name(col))};
    int found = -1;
    for (size_t i = 0; i < c->n_fields; i++) {
        const struct cri_field *f = &c->fields[i];
        if (f->n != name.n || memcmp(f->p, name.p, name.n) != 0)
            continue;
        if (found >= 0)
            return cri_diag_add(diag, CR_ECSV, path, file_order, f->line, f->column,
                                "column '%s' appears twice in the header", name.p);
        found = (int)i;
    }
    h->index[col] = found;
    if (found < 0 && required) {
        if (cfg->column_header[t][col].p)
            return cri_diag_add(diag, CR_ECSV, path, file_order, c->record_line, 1,
                                "missing required column '%s' (mapped from %s by columns:)",
                                name.p, cri_column_name(col));
        return cri_diag_add(diag, CR_ECSV, path, file_order, c->record_line, 1,
                            "missing required column '%s'", name.p);
    }
    return CR_OK;
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
    default:
        req = grades_required, n_req = N(grades_required);
        opt = grades_optional, n_opt = N(grades_optional);
        break;
    }
    for (int i = 0; i < CRI_COL_COUNT; i++)
        h->index[i] = -1;
    h->n_fields = c->n_fields;
    enum cr_status st = CR_OK, s;
    for (size_t i = 0; i < n_req; i++)
        if ((s = find(h, c, cfg, t, req[i], 1, diag, path, file_order)) != CR_OK && st == CR_OK)
            st = s;
    for (size_t i = 0; i < n_opt; i++)
        if ((s = find(h, c, cfg, t, opt[i], 0, diag, path, file_order)) != CR_OK && st == CR_OK)
            st = s;
    return st;
}
