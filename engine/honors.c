/* honors.c -- honors-s<k>.csv, the lists schools print (SPEC "Registrar
 * tools", Honors lists people print).
 *
 * A run keeps no names (they would cost every student memory); the few
 * students an honors list prints get theirs by reading the roster again. */
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "report.h"
#include "table.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static size_t honored_index(const struct cri_names *names, uint32_t sid)
{
    const uint32_t *p = bsearch(&sid, names->students, names->n, sizeof sid, cmp_u32);
    return p ? (size_t)(p - names->students) : SIZE_MAX;
}

/* A row of an honored student: where its names go and where they are. */
struct named {
    size_t index;
    struct cri_field first, last; /* p NULL: the roster has no such column */
};

/* Worker thread: find the rows of honored students. */
static enum cr_status names_row(struct cr_run *run, const struct cri_table_row *row)
{
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    const struct cri_names *names = &run->names;
    uint64_t bit = cri_hash_bytes(id->p, id->n) & names->filter_mask;
    if (!(names->filter[bit / 64] >> (bit % 64) & 1))
        return CR_OK;
    uint32_t sid = cri_intern_find(&run->ids, id->p, id->n);
    size_t i = sid == CRI_NONE ? SIZE_MAX : honored_index(names, sid);
    if (i == SIZE_MAX)
        return CR_OK;
    const struct cri_field *first = cri_row_field(row, CRI_COL_FIRST_NAME);
    const struct cri_field *last = cri_row_field(row, CRI_COL_LAST_NAME);
    struct named *nm = cri_worker_push(row->worker);
    if (!nm)
        return CR_ENOMEM;
    *nm = (struct named){i, first ? *first : (struct cri_field){0},
                         last ? *last : (struct cri_field){0}};
    return CR_OK;
}

/* Calling thread, while the block is still there: copy the names. */
static enum cr_status names_apply(struct cr_run *run, struct cri_worker *w)
{
    struct cri_names *names = &run->names;
    const struct named *nm = (const struct named *)w->items;
    for (size_t k = 0; k < w->n_items; k++) {
        size_t i = nm[k].index;
        names->first[i] =
            nm[k].first.p ? cri_arena_strndup(&names->arena, nm[k].first.p, nm[k].first.n) : "";
        names->last[i] =
            nm[k].last.p ? cri_arena_strndup(&names->arena, nm[k].last.p, nm[k].last.n) : "";
        if (!names->first[i] || !names->last[i])
            return CR_ENOMEM;
    }
    return CR_OK;
}

enum cr_status cri_names_load(struct cr_run *run)
{
    struct cri_names *names = &run->names;
    size_t n = 0;
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        for (size_t i = 0; i < run->checkpoints[j].n_ranked; i++)
            n += run->checkpoints[j].ranked[i].honor >= 0;
    names->students = malloc((n + 1) * sizeof *names->students);
    names->first = calloc(n + 1, sizeof *names->first);
    names->last = calloc(n + 1, sizeof *names->last);
    if (!names->students || !names->first || !names->last)
        return CR_ENOMEM;
    size_t k = 0;
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        for (size_t i = 0; i < run->checkpoints[j].n_ranked; i++)
            if (run->checkpoints[j].ranked[i].honor >= 0)
                names->students[k++] = run->checkpoints[j].ranked[i].student;
    qsort(names->students, k, sizeof *names->students, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || names->students[u - 1] != names->students[i])
            names->students[u++] = names->students[i];
    names->n = u;
    if (!u)
        return CR_OK;
    /* Eight bits per honored student or more: one row in eight or fewer of
     * the others passes the filter. */
    size_t bits = 1024;
    while (bits < 8 * u)
        bits *= 2;
    names->filter = calloc(bits / 64, sizeof *names->filter);
    if (!names->filter)
        return CR_ENOMEM;
    names->filter_mask = bits - 1;
    for (size_t i = 0; i < u; i++) {
        struct cri_str id = cri_intern_str(&run->ids, names->students[i]);
        uint64_t bit = cri_hash_bytes(id.p, id.n) & names->filter_mask;
        names->filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
    static const struct cri_table_ops ops = {.table = CRI_TABLE_STUDENTS,
                                             .item_size = sizeof(struct named),
                                             .decode = names_row,
                                             .apply = names_apply,
                                             .parallel = 1};
    return cri_table_read(run, run->students_path, 0, &ops);
}

void cri_names_free(struct cri_names *names)
{
    free(names->students);
    free(names->first);
    free(names->last);
    free(names->filter);
    cri_arena_free(&names->arena);
    memset(names, 0, sizeof *names);
}

const char *cri_name_of(const struct cr_run *run, uint32_t student, int last)
{
    size_t i = honored_index(&run->names, student);
    if (i == SIZE_MAX)
        return "";
    const char *s = last ? run->names.last[i] : run->names.first[i];
    return s ? s : "";
}

static void put_honors_row(FILE *f, const struct cr_run *run, const struct cri_outcome *o)
{
    const struct cri_student *s = &run->students[o->student];
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    const struct cri_str id = cri_intern_str(&run->ids, o->student);
    const char *last = cri_name_of(run, o->student, 1), *first = cri_name_of(run, o->student, 0);
    const struct cri_text *honor = &cri_honors_of(run, s->school)->items[o->honor].name;
    cri_csv_put(f, school.p, school.n);
    fprintf(f, ",%d,", s->cohort);
    cri_csv_put(f, id.p, id.n);
    putc(',', f);
    cri_csv_put(f, last, strlen(last));
    putc(',', f);
    cri_csv_put(f, first, strlen(first));
    putc(',', f);
    cri_csv_put(f, honor->p, honor->n);
    putc(',', f);
    cri_put_rank(f, o->rank_half);
    fprintf(f, ",%u,", o->class_size);
    cri_put_gpa(f, run, run->cfg.by == CRI_KEY_WEIGHTED ? o->weighted_rounded
                                                        : o->unweighted_rounded);
    putc('\n', f);
}

/* Honors lists go by school, cohort, rank and id, even under district
 * scope: the order of the checkpoint's groups, ranked members first. */
void cri_write_honors_csv(FILE *f, const struct cr_run *run, const struct cri_groups *groups)
{
    fputs("school_id,cohort,student_id,last_name,first_name,honors,rank,class_size,gpa\n", f);
    for (size_t g = 0; g < groups->n_groups; g++) {
        const struct cri_group *grp = &groups->groups[g];
        for (size_t i = grp->first; i < grp->first + grp->n_ranked; i++)
            if (groups->members[i]->honor >= 0)
                put_honors_row(f, run, groups->members[i]);
    }
}
