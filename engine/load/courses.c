/* courses.c -- the course catalog and the config's course lists, read
 * before any grade row.
 *
 * SIS exports keep a course's weight level and credits on the course, not
 * on the transcript row (Ed-Fi's Course, PowerSchool's course table): a grade
 * row with no level, or empty credits, takes them from here.  Every course
 * named here is interned into run->courses first, so a grade row finds its
 * course's info by the id it already looks up. */
#include "load/courses.h"

#include <stdlib.h>
#include <string.h>

#include "load/roster.h"

/* A validated catalog row, from a worker to the apply step. */
struct listed {
    struct cri_field id;
    struct cri_course_info info;
};

/* Worker: check a catalog row. */
static enum cr_status course_row(void *ctx, const struct cri_table_row *row)
{
    const struct cr_run *run = ctx;
    const struct cri_config *cfg = &run->cfg;
    const struct cri_field *id = cri_row_field(row, CRI_COL_COURSE_ID);
    const struct cri_field *lf = cri_row_field(row, CRI_COL_LEVEL);
    const struct cri_field *cf = cri_row_field(row, CRI_COL_CREDITS);
    char q[CRI_QUOTE_CAP];
    struct cri_course_info info = {.credits_milli = -1, .level = -1, .listed = 1};
    int ok = cri_check_id(row, id, "course_id");
    if (lf && lf->n) {
        int level = cri_config_weight_index(cfg, lf->p, lf->n);
        if (level < 0) {
            cri_field_error(row, lf, "unknown level '%s' (not in gpa.weights)",
                            cri_quote(q, lf->p, lf->n));
            ok = 0;
        }
        info.level = (int16_t)level;
    }
    if (cf && cf->n) /* empty: the grade rows must carry the credits */
        ok &= cri_read_credits_text(row, cf, &info.credits_milli);
    int flag;
    ok &= cri_read_flag(row, CRI_COL_YEAR_LONG, &flag);
    info.year_long = (uint8_t)flag;
    ok &= cri_read_flag(row, CRI_COL_RANK_EXCLUDE, &flag);
    info.rank_exclude = (uint8_t)flag;
    if (!ok)
        return CR_OK;
    struct listed *l = cri_worker_push(row->worker);
    if (!l)
        return CR_ENOMEM;
    *l = (struct listed){*id, info};
    return CR_OK;
}

/* Room for the info of every course id below n; new ones have none. */
static enum cr_status grow_info(struct cr_run *run, size_t n)
{
    if (n <= run->n_course_info)
        return CR_OK;
    struct cri_course_info *grown =
        cri_grow(run->course_info, &run->course_info_cap, n, sizeof *grown, 256);
    if (!grown)
        return CR_ENOMEM;
    run->course_info = grown;
    for (size_t i = run->n_course_info; i < n; i++)
        run->course_info[i] = (struct cri_course_info){.credits_milli = -1, .level = -1};
    run->n_course_info = n;
    return CR_OK;
}

/* Calling thread, in file order: a course listed twice is an error at its
 * second row (which level or credits would be meant?). */
static enum cr_status courses_apply(void *ctx, struct cri_worker *w)
{
    struct cr_run *run = ctx;
    const struct listed *l = (const struct listed *)w->items;
    char q[CRI_QUOTE_CAP];
    for (size_t i = 0; i < w->n_items; i++) {
        int added;
        uint32_t cid = cri_intern_add(&run->courses, l[i].id.p, l[i].id.n, &added);
        if (cid == CRI_NONE || cid >= CRI_MAX_COURSES || grow_info(run, (size_t)cid + 1) != CR_OK)
            return CR_ENOMEM;
        if (!added) {
            cri_diag_add(&run->diag, CR_EDATA, w->path, w->file_order,
                         l[i].id.line + w->first_line - 1, l[i].id.column,
                         "duplicate course_id '%s' (each course once in the catalog)",
                         cri_quote(q, l[i].id.p, l[i].id.n));
            continue;
        }
        run->course_info[cid] = l[i].info;
    }
    return CR_OK;
}

enum cr_status cri_courses_load(struct cr_run *run, const struct cri_input *in)
{
    static const struct cri_table_ops ops = {.table = CRI_TABLE_COURSES,
                                             .item_size = sizeof(struct listed),
                                             .decode = course_row,
                                             .apply = courses_apply,
                                             .parallel = 1};
    run->has_catalog = 1;
    return cri_table_read(&run->reader, in, CRI_ORDER_COURSES, &ops, run, NULL);
}

/* gpa.equivalent_courses as course ids: alias[from] = to. */
static enum cr_status resolve_aliases(struct cr_run *run)
{
    const struct cri_config *cfg = &run->cfg;
    if (!cfg->n_equivalent)
        return CR_OK;
    uint32_t *from = malloc(cfg->n_equivalent * sizeof *from);
    uint32_t *to = malloc(cfg->n_equivalent * sizeof *to);
    enum cr_status st = from && to ? CR_OK : CR_ENOMEM;
    for (size_t i = 0; st == CR_OK && i < cfg->n_equivalent; i++) {
        from[i] = cri_intern_add(&run->courses, cfg->equivalent_from[i].p,
                                 cfg->equivalent_from[i].n, NULL);
        to[i] =
            cri_intern_add(&run->courses, cfg->equivalent_to[i].p, cfg->equivalent_to[i].n, NULL);
        if (from[i] == CRI_NONE || to[i] == CRI_NONE)
            st = CR_ENOMEM;
    }
    if (st == CR_OK) {
        run->n_course_alias = run->courses.count;
        run->course_alias = malloc(run->n_course_alias * sizeof *run->course_alias);
        if (!run->course_alias)
            st = CR_ENOMEM;
    }
    if (st == CR_OK) {
        for (size_t i = 0; i < run->n_course_alias; i++)
            run->course_alias[i] = CRI_NONE;
        for (size_t i = 0; i < cfg->n_equivalent; i++)
            run->course_alias[from[i]] = to[i];
    }
    free(from);
    free(to);
    return st;
}

enum cr_status cri_courses_prepare(struct cr_run *run)
{
    const struct cri_config *cfg = &run->cfg;
    enum cr_status st = resolve_aliases(run);
    for (size_t i = 0; st == CR_OK && i < cfg->n_year_long_courses; i++) {
        const struct cri_text *c = &cfg->year_long_courses[i];
        uint32_t cid = cri_intern_add(&run->courses, c->p, c->n, NULL);
        if (cid == CRI_NONE || (st = grow_info(run, (size_t)cid + 1)) != CR_OK)
            return CR_ENOMEM;
        run->course_info[cid].year_long = 1;
    }
    /* Every course named so far has info (none, for an alias the catalog
     * does not list), so a lookup needs no bounds beyond n_course_info. */
    if (st == CR_OK && run->n_course_info)
        st = grow_info(run, run->courses.count);
    /* A group of equivalent courses is year-long as a whole when any of its
     * courses is: the key they share says so. */
    for (size_t cid = 0; st == CR_OK && cid < run->n_course_info; cid++)
        if (run->course_info[cid].year_long)
            run->course_info[cri_course_key(run, (uint32_t)cid)].year_long_key = 1;
    return st;
}
