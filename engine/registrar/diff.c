/* diff.c -- what changed between two rankings (SPEC "Registrar tools", Diff).
 *
 * Rows are matched by checkpoint and student_id; a student present in only
 * one ranking entered or left it, one whose rank changed moved, and one
 * whose other columns changed (GPA, credits, class size, honors) is
 * gpa_only.  The rank files are read with the engine's own CSV reader. */
#include "registrar/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/intern.h"
#include "read/csv.h"
#include "read/mapfile.h"
#include "write/report.h"

enum {
    F_SCHOOL,
    F_COHORT,
    F_CHECKPOINT,
    F_STUDENT,
    F_WEIGHTED,
    F_UNWEIGHTED,
    F_CREDITS,
    F_RANK,
    F_CLASS_SIZE,
    F_HONORS,
    F_TOP_PERCENT, /* follows from rank and class size: never a change of its own */
    N_FIELDS
};

/* A rank file as classrank writes it, or as it wrote it before top_percent
 * (a June run diffed against a December one made by a newer classrank):
 * the missing column reads as empty. */
static const char rank_header[] =
    "school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,rank,class_size,"
    "honors,top_percent";
static const size_t old_header_len = sizeof rank_header - 1 - sizeof ",top_percent" + 1;

struct row {
    struct cri_str f[N_FIELDS]; /* copies in the diff's arena */
    int present;
};

struct side {
    struct row *rows; /* indexed by student (interned id) */
    size_t cap;
};

struct change {
    const struct row *old, *new;
    const struct row *any; /* new if present, else old */
    int32_t rank_half;
    const char *kind;
};

struct differ {
    struct cri_intern ids;
    struct side sides[2];
    struct cri_diag *diag;
};

static int32_t rank_half_of(const struct cri_str *s)
{
    int32_t v = 0;
    size_t i = 0;
    for (; i < s->n && s->p[i] >= '0' && s->p[i] <= '9'; i++)
        v = v * 10 + (s->p[i] - '0');
    v *= 2;
    if (i + 1 < s->n && s->p[i] == '.' && s->p[i + 1] == '5')
        v++;
    return v;
}

static enum cr_status read_side(struct differ *d, int which, const char *path)
{
    struct side *side = &d->sides[which];
    for (size_t i = 0; i < side->cap; i++)
        side->rows[i].present = 0;
    struct stat st;
    if (stat(path, &st) != 0)
        return CR_OK; /* a checkpoint this ranking did not compute: nobody in it */
    struct cri_mapfile m;
    const char *why = "";
    if (cri_mapfile_open(&m, path, &why) != CRI_MAP_OK)
        return cri_diag_add(d->diag, CR_EIO, path, 0, 0, 0, "cannot read: %s", why);
    struct cri_csv c;
    cri_csv_init(&c, m.data, m.len, 1);
    enum cr_status status = CR_OK;
    int r = cri_csv_next(&c);
    char header[256] = "";
    for (size_t i = 0; r == 1 && i < c.n_fields; i++) {
        strncat(header, i ? "," : "", sizeof header - strlen(header) - 1);
        strncat(header, c.fields[i].p, c.fields[i].n < 64 ? c.fields[i].n : 64);
    }
    size_t n_fields = N_FIELDS;
    if (r == 1 && strlen(header) == old_header_len &&
        strncmp(header, rank_header, old_header_len) == 0)
        n_fields = N_FIELDS - 1;
    else if (r != 1 || strcmp(header, rank_header) != 0) {
        status = cri_diag_add(d->diag, CR_ECSV, path, 0, 1, 1,
                              "not a classrank rank file (header is not %s)", rank_header);
        goto done;
    }
    while ((r = cri_csv_next(&c)) != 0) {
        if (r == -2) {
            status = CR_ENOMEM;
            break;
        }
        if (r == -1) {
            status = cri_diag_add(d->diag, CR_ECSV, path, 0, c.err_line, c.err_column, "%s",
                                  c.err_message);
            break;
        }
        if (c.n_fields != n_fields) {
            status = cri_diag_add(d->diag, CR_ECSV, path, 0, c.record_line, 1,
                                  "expected %zu fields, found %zu", n_fields, c.n_fields);
            break;
        }
        const struct cri_field *sf = &c.fields[F_STUDENT];
        int added;
        uint32_t sid = cri_intern_add(&d->ids, sf->p, sf->n, &added);
        if (sid == CRI_NONE) {
            status = CR_ENOMEM;
            break;
        }
        for (int s = 0; s < 2; s++) {
            struct side *x = &d->sides[s];
            if (sid < x->cap)
                continue;
            size_t cap = x->cap ? x->cap * 2 : 1024;
            while (cap <= sid)
                cap *= 2;
            struct row *rows = realloc(x->rows, cap * sizeof *rows);
            if (!rows) {
                status = CR_ENOMEM;
                goto done;
            }
            memset(rows + x->cap, 0, (cap - x->cap) * sizeof *rows);
            x->rows = rows;
            x->cap = cap;
        }
        struct row *row = &side->rows[sid];
        if (row->present) {
            status = cri_diag_add(d->diag, CR_EDATA, path, 0, c.record_line, sf->column,
                                  "student_id listed twice");
            break;
        }
        for (size_t i = 0; i < N_FIELDS; i++) {
            static const struct cri_field none = {"", 0, 0, 0};
            const struct cri_field *f = i < n_fields ? &c.fields[i] : &none;
            char *copy = cri_arena_strndup(&d->ids.arena, f->p, f->n);
            if (!copy) {
                status = CR_ENOMEM;
                goto done;
            }
            row->f[i] = (struct cri_str){copy, (uint32_t)f->n};
        }
        row->present = 1;
    }
done:
    cri_csv_free(&c);
    cri_mapfile_close(&m);
    return status;
}

static int str_eq(const struct cri_str *a, const struct cri_str *b)
{
    return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

static int str_cmp(const struct cri_str *a, const struct cri_str *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->p, b->p, n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int change_order(const void *pa, const void *pb)
{
    const struct change *a = pa, *b = pb;
    int c = str_cmp(&a->any->f[F_SCHOOL], &b->any->f[F_SCHOOL]);
    if (!c)
        c = str_cmp(&a->any->f[F_COHORT], &b->any->f[F_COHORT]);
    if (!c)
        c = (a->rank_half > b->rank_half) - (a->rank_half < b->rank_half);
    if (!c)
        c = str_cmp(&a->any->f[F_STUDENT], &b->any->f[F_STUDENT]);
    return c;
}

static void put(FILE *out, const struct row *r, int field)
{
    if (r)
        cri_csv_put(out, r->f[field].p, r->f[field].n);
}

static enum cr_status diff_checkpoint(struct differ *d, int k, FILE *out, size_t *n_changes)
{
    size_t n = d->ids.count;
    struct change *ch = malloc((n + 1) * sizeof *ch);
    if (!ch)
        return CR_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const struct row *o =
            i < d->sides[0].cap && d->sides[0].rows[i].present ? &d->sides[0].rows[i] : NULL;
        const struct row *w =
            i < d->sides[1].cap && d->sides[1].rows[i].present ? &d->sides[1].rows[i] : NULL;
        if (!o && !w)
            continue;
        struct change c = {o, w, w ? w : o, 0, NULL};
        if (!o)
            c.kind = "entered";
        else if (!w)
            c.kind = "left";
        else if (!str_eq(&o->f[F_RANK], &w->f[F_RANK]))
            c.kind = "moved";
        else {
            int same = 1;
            for (int f = 0; f < F_TOP_PERCENT; f++)
                same &= str_eq(&o->f[f], &w->f[f]);
            if (same)
                continue;
            c.kind = "gpa_only";
        }
        c.rank_half = rank_half_of(&c.any->f[F_RANK]);
        ch[m++] = c;
    }
    qsort(ch, m, sizeof *ch, change_order);
    for (size_t i = 0; i < m; i++) {
        const struct change *c = &ch[i];
        put(out, c->any, F_SCHOOL);
        fputc(',', out);
        put(out, c->any, F_COHORT);
        fprintf(out, ",%d,", k);
        put(out, c->any, F_STUDENT);
        fprintf(out, ",%s,", c->kind);
        /* old_rank,new_rank,old_gpa,new_gpa,old_honors,new_honors */
        static const int pairs[3] = {F_RANK, F_WEIGHTED, F_HONORS};
        for (int p = 0; p < 3; p++) {
            put(out, c->old, pairs[p]);
            fputc(',', out);
            put(out, c->new, pairs[p]);
            fputc(p < 2 ? ',' : '\n', out);
        }
    }
    *n_changes += m;
    free(ch);
    return CR_OK;
}

enum cr_status cri_diff_dirs(const char *old_dir, const char *new_dir, FILE *out,
                             struct cri_diff *result)
{
    struct differ d = {.diag = &result->diag};
    size_t *n_changes = &result->n_changes;
    *n_changes = 0;
    const char *dirs[2] = {old_dir, new_dir};
    for (int s = 0; s < 2; s++) {
        struct stat st;
        if (stat(dirs[s], &st) != 0 || !S_ISDIR(st.st_mode))
            return cri_diag_add(d.diag, CR_EIO, dirs[s], 0, 0, 0,
                                "not a directory of classrank outputs");
    }
    fputs("school_id,cohort,checkpoint,student_id,change,old_rank,new_rank,old_gpa,new_gpa,"
          "old_honors,new_honors\n",
          out);
    enum cr_status st = CR_OK;
    for (int k = 1; k <= 8 && st == CR_OK; k++) {
        /* Student ids are interned once for all checkpoints; each side is
         * cleared before a checkpoint's file is read. */
        for (int s = 0; s < 2 && st == CR_OK; s++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/rank-s%d.csv", dirs[s], k);
            st = read_side(&d, s, path);
        }
        if (st == CR_OK)
            st = diff_checkpoint(&d, k, out, n_changes);
    }
    free(d.sides[0].rows);
    free(d.sides[1].rows);
    cri_intern_free(&d.ids);
    if (st == CR_ENOMEM && d.diag->status == CR_OK)
        cri_diag_add(d.diag, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
    return st;
}
