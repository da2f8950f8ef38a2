/* honors.c -- honors-s<k>.csv, the lists schools print (SPEC "Registrar
 * tools", Honors lists people print).
 *
 * A run keeps no names (they would cost every student memory); the few
 * students an honors list prints get theirs from their roster records,
 * read again where the roster load found them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "read/source.h"
#include "rules/rules.h"
#include "write/groups.h"
#include "write/report.h"

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

#define NAMES_WINDOW (16u * 1024u * 1024u)

/* The roster, read again record by record where the roster load found
 * them: a window of the file that moves forward only, and the last record
 * seen through the config. */
struct record_reader {
    struct cri_source src;
    char *window; /* NULL: none yet */
    uint64_t pos; /* file offset of window[0] */
    size_t len;
    int eof;
    struct cri_csv c; /* its field array is kept from record to record */
    const struct cri_field *view[CRI_COL_COUNT];
    struct cri_field mapped[CRI_COL_COUNT];
};

/* The record of student sid into r->view.  Students come in roster order.
 * Returns 1, 0 when the file no longer has the student's record there, -1
 * when it cannot be read (errno set). */
static int read_record(const struct cr_run *run, struct record_reader *r, uint32_t sid)
{
    uint64_t off = run->roster_offsets[sid];
    /* A record is at most CRI_CSV_MAX_RECORD_BYTES (the roster load saw to
     * it): the window must hold that much from off, or the end of the file. */
    if (!r->window || off < r->pos ||
        (!r->eof && off + CRI_CSV_MAX_RECORD_BYTES + 2 > r->pos + r->len)) {
        r->len = NAMES_WINDOW;
        r->window = cri_source_view(&r->src, off, &r->len, &r->eof);
        r->pos = off;
        if (!r->window)
            return -1;
    }
    if (off >= r->pos + r->len)
        return 0;
    size_t at = (size_t)(off - r->pos);
    struct cri_field *fields = r->c.fields;
    size_t cap = r->c.fields_cap;
    cri_csv_init_at(&r->c, r->window + at, r->len - at, 1);
    r->c.fields = fields;
    r->c.fields_cap = cap;
    if (cri_csv_next(&r->c) != 1 || r->c.n_fields != run->roster_header.n_fields)
        return 0;
    /* Seen through the config, as the roster load saw it: a value map may
     * rename the id or the names. */
    struct cri_diag quiet = {.max = 1};
    char term_buf[8];
    int v = cri_header_view(&run->roster_header, &r->c, &run->cfg, r->view, r->mapped, term_buf,
                            &quiet, run->students_input.name, 0);
    cri_diag_free(&quiet);
    const struct cri_field *f = r->view[CRI_COL_STUDENT_ID];
    const struct cri_str id = cri_intern_str(&run->ids, sid);
    return v == 1 && f && f->n == id.n && memcmp(f->p, id.p, id.n) == 0;
}

static const char *name_field(struct cri_names *names, const struct cri_field *f)
{
    if (!f)
        return ""; /* the roster has no such column */
    return cri_arena_strndup(&names->arena, f->p, f->n);
}

/* OPTIMIZATION: names read back instead of kept for every student
 * (docs/DESIGN.md "Speed tricks": 19% of the 1M run's peak memory). */
/* Read the names of the honored students from their roster records. */
static enum cr_status read_names(struct cr_run *run)
{
    struct cri_names *names = &run->names;
    struct record_reader *r = calloc(1, sizeof *r);
    if (!r)
        return CR_ENOMEM;
    if (cri_source_open_input(&r->src, &run->students_input) != 0) {
        free(r);
        return cri_diag_add(&run->diag, CR_EIO, run->students_input.name, 0, 0, 0,
                            "cannot read again for the names: %s", strerror(errno));
    }
    enum cr_status st = CR_OK;
    for (size_t i = 0; i < names->n && st == CR_OK; i++) {
        uint32_t sid = names->students[i];
        int found = read_record(run, r, sid);
        if (found < 0) {
            st = cri_diag_add(&run->diag, CR_EIO, run->students_input.name, 0, 0, 0,
                              "cannot read again for the names: %s", strerror(errno));
            break;
        }
        if (!found) {
            const struct cri_str id = cri_intern_str(&run->ids, sid);
            st = cri_diag_add(&run->diag, CR_EIO, run->students_input.name, 0, 0, 0,
                              "changed while classrank ran: student '%.*s' is no longer "
                              "where the roster had it (run again)",
                              (int)id.n, id.p);
            break;
        }
        names->first[i] = name_field(names, r->view[CRI_COL_FIRST_NAME]);
        names->last[i] = name_field(names, r->view[CRI_COL_LAST_NAME]);
        if (!names->first[i] || !names->last[i])
            st = CR_ENOMEM;
    }
    cri_csv_free(&r->c);
    cri_source_close(&r->src);
    free(r);
    return st;
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
    if (!names->students || !names->first || !names->last) {
        cri_names_free(names);
        return CR_ENOMEM;
    }
    size_t k = 0;
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        for (size_t i = 0; i < run->checkpoints[j].n_ranked; i++)
            if (run->checkpoints[j].ranked[i].honor >= 0)
                names->students[k++] = run->checkpoints[j].ranked[i].student;
    /* In index order, which is roster order: the records come in file order. */
    qsort(names->students, k, sizeof *names->students, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || names->students[u - 1] != names->students[i])
            names->students[u++] = names->students[i];
    names->n = u;
    enum cr_status st = u ? read_names(run) : CR_OK;
    if (st != CR_OK)
        cri_names_free(names); /* none half read: the next output reads them again */
    return st;
}

void cri_names_free(struct cri_names *names)
{
    free(names->students);
    free(names->first);
    free(names->last);
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

static void put_honors_row(struct cri_rowbuf *rb, const struct cr_run *run,
                           const struct cri_outcome *o)
{
    const struct cri_student *s = &run->students[o->student];
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    const struct cri_str id = cri_intern_str(&run->ids, o->student);
    const char *last = cri_name_of(run, o->student, 1), *first = cri_name_of(run, o->student, 0);
    const struct cri_text *honor = &cri_honors_of(run, s->school)->items[o->honor].name;
    cri_rb_cell(rb, school.p, school.n);
    cri_rb_char(rb, ',');
    cri_rb_uint(rb, s->cohort);
    cri_rb_char(rb, ',');
    cri_rb_cell(rb, id.p, id.n);
    cri_rb_char(rb, ',');
    cri_rb_cell(rb, last, strlen(last));
    cri_rb_char(rb, ',');
    cri_rb_cell(rb, first, strlen(first));
    cri_rb_char(rb, ',');
    cri_rb_cell(rb, honor->p, honor->n);
    cri_rb_char(rb, ',');
    cri_rb_rank(rb, o->rank_half);
    cri_rb_char(rb, ',');
    cri_rb_uint(rb, o->class_size);
    cri_rb_char(rb, ',');
    cri_rb_decimal(rb,
                   run->cfg.by == CRI_KEY_WEIGHTED ? o->weighted_rounded : o->unweighted_rounded,
                   run->cfg.precision);
    cri_rb_char(rb, ',');
    cri_rb_uint(rb, cri_top_percent(o->rank_half, o->class_size));
    cri_rb_char(rb, '\n');
}

/* Honors lists go by school, cohort, rank and id, even under district
 * scope: the order of the checkpoint's groups, ranked members first. */
void cri_write_honors_csv(FILE *f, const struct cr_run *run, const struct cri_groups *groups)
{
    static const char header[] =
        "school_id,cohort,student_id,last_name,first_name,honors,rank,class_size,gpa,"
        "top_percent\n";
    struct cri_rowbuf buffer, *rb = &buffer;
    cri_rb_init(rb, f);
    cri_rb_put(rb, header, sizeof header - 1);
    for (size_t g = 0; g < groups->n_groups; g++) {
        const struct cri_group *grp = &groups->groups[g];
        for (size_t i = grp->first; i < grp->first + grp->n_ranked; i++)
            if (groups->members[i]->honor >= 0)
                put_honors_row(rb, run, groups->members[i]);
    }
    cri_rb_flush(rb);
}
