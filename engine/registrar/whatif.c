/* whatif.c -- a student's standing with grade rows that are not there yet.
 *
 * Everything is computed by the code `rank` runs: the hypothetical rows are
 * read as a grade file (from memory) through the reader and
 * cri_grade_decode; the student's rows (explain's trace) and the new ones
 * are folded at the checkpoint with cri_grade_fate, cri_repeat_key and
 * cri_attempt_beats, as grades.c folds them; the student is decided by
 * cri_decide_one and the class ranked again by cri_rank_class.  The other
 * students' sums do not change, so their outcomes are the run's.  The
 * student's rows folded without the new ones must give the run's own sums,
 * or nothing is printed. */
#include "registrar/whatif.h"

#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "registrar/explain.h"
#include "rules/rules.h"
#include "write/report.h"

/* The hypothetical rows, decoded. */
struct added {
    struct cri_grade *g;
    size_t n, cap;
};

struct take_ctx {
    struct cr_run *run;
    struct added *added;
};

/* A decoded row and its course id, from the decoder to keep_taken. */
struct taken {
    struct cri_grade g;
    size_t n;
    char course[CRI_QUOTE_WHOLE];
};

static enum cr_status take_row(void *ctx, const struct cri_table_row *row)
{
    const struct take_ctx *t = ctx;
    struct cri_grade g;
    if (!cri_grade_decode(t->run, row, row->worker->slot, &g))
        return CR_OK;
    const struct cri_field *c = cri_row_field(row, CRI_COL_COURSE_ID);
    struct taken *item = cri_worker_push(row->worker);
    if (!item)
        return CR_ENOMEM;
    item->g = g;
    item->n = c->n < sizeof item->course ? c->n : sizeof item->course;
    memcpy(item->course, c->p, item->n);
    return CR_OK;
}

/* Calling thread: key each row's course as the repeat rules do (a course
 * the run has not seen is interned: it is then a course of its own). */
static enum cr_status keep_taken(void *ctx, struct cri_worker *w)
{
    struct take_ctx *t = ctx;
    const struct taken *items = (const struct taken *)w->items;
    for (size_t i = 0; i < w->n_items; i++) {
        struct cri_grade g = items[i].g;
        uint32_t cid = cri_intern_add(&t->run->courses, items[i].course, items[i].n, NULL);
        if (cid == CRI_NONE || cid >= CRI_MAX_COURSES)
            return CR_ENOMEM;
        g.course = cri_repeat_key(t->run, cid, g.term);
        struct cri_grade *grown =
            cri_grow(t->added->g, &t->added->cap, t->added->n + 1, sizeof *grown, 8);
        if (!grown)
            return CR_ENOMEM;
        t->added->g = grown;
        t->added->g[t->added->n++] = g;
    }
    return CR_OK;
}

/* A CSV cell: quoted when it holds a comma, a quote or a line break.
 * Returns the bytes written; *quoted says whether it was quoted. */
static size_t put_cell(FILE *f, const char *p, size_t n, int *quoted)
{
    int q = memchr(p, ',', n) || memchr(p, '"', n) || memchr(p, '\n', n) || memchr(p, '\r', n);
    size_t written = n + 2 * (size_t)q;
    if (q)
        putc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (q && p[i] == '"') {
            putc('"', f);
            written++;
        }
        putc(p[i], f);
    }
    if (q)
        putc('"', f);
    *quoted = q;
    return written;
}

/* Where the cells of one what-if row went in the grade file read_added
 * writes (student, course, grade, credits, level, term), so that an error
 * found there is located in the row as given. */
struct row_cells {
    size_t at[6];  /* the cell's offset in its line of the grade file */
    int quoted[6]; /* written quoted: only its start is located */
    long from[6];  /* its offset in the row as given; -1: not from the row */
};

/* The errors the grade decoder located in the rows' grade file, moved to
 * "--add:ROW:COLUMN": the row's number among the rows (line 2 of the file
 * is row 1) and the byte column in the row as given (0 for a cell the row
 * did not hold: the student, a term taken from the checkpoint). */
static void locate_in_rows(struct cr_run *run, const struct row_cells *cells, size_t n)
{
    for (size_t e = 0; e < run->diag.count; e++) {
        struct cr_error *err = &run->diag.errors[e];
        if (!err->file || strcmp(err->file, "--add") != 0 || err->line < 2 || err->line - 2 >= n)
            continue;
        const struct row_cells *r = &cells[err->line - 2];
        err->line--;
        if (!err->column)
            continue;
        const size_t col = err->column - 1;
        int c = 0;
        while (c < 5 && r->at[c + 1] <= col)
            c++;
        if (r->from[c] < 0)
            err->column = 0;
        else
            err->column = (unsigned long)r->from[c] + 1 + (r->quoted[c] ? 0 : col - r->at[c]);
    }
}

/* Read the rows as lines 2, 3, ... of a grade file named "--add", through
 * the grade decoder: a bad grade, credits, level or term is reported there,
 * located, then moved to the row and column as given (locate_in_rows).  Each row is
 * COURSE,GRADE,CREDITS[,LEVEL[,TERM]]; the student and, when not given, the checkpoint's term are
 * the query's. */
static enum cr_status read_added(struct cr_run *run, int k, const char *const *rows, size_t n,
                                 struct added *added)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return CR_ENOMEM;
    const uint32_t sid = run->explain.student;
    const struct cri_str id = cri_intern_str(&run->ids, sid);
    char term[8];
    cri_term_format(cri_term_of_semester(run->students[sid].cohort, k), term);
    fputs("student_id,course_id,grade,credits,level,term\n", f);
    enum cr_status st = CR_OK;
    struct row_cells *cells = calloc(n + 1, sizeof *cells);
    if (!cells) {
        fclose(f);
        free(text);
        return CR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const char *part[5] = {"", "", "", "", term};
        size_t plen[5] = {0, 0, 0, 0, strlen(term)};
        long from[5] = {-1, -1, -1, -1, -1}; /* where each part is in the row */
        size_t np = 0;
        for (const char *p = rows[i];; np++) {
            const char *comma = strchr(p, ',');
            size_t l = comma ? (size_t)(comma - p) : strlen(p);
            if (np < 5 && (l || np < 4)) {
                part[np] = p;
                plen[np] = l;
                from[np] = (long)(p - rows[i]);
            }
            if (!comma)
                break;
            p = comma + 1;
        }
        if (np < 2 || np > 4) {
            st = cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                              "the what-if row '%s' is not COURSE,GRADE,CREDITS[,LEVEL[,TERM]]",
                              rows[i]);
            break;
        }
        struct row_cells *r = &cells[i];
        size_t at = put_cell(f, id.p, id.n, &r->quoted[0]);
        r->from[0] = -1;
        for (int c = 0; c < 5; c++) {
            putc(',', f);
            r->at[c + 1] = ++at;
            r->from[c + 1] = from[c];
            at += put_cell(f, part[c], plen[c], &r->quoted[c + 1]);
        }
        putc('\n', f);
    }
    fclose(f);
    if (st != CR_OK) {
        free(cells);
        free(text);
        return st;
    }
    static const struct cri_table_ops ops = {.table = CRI_TABLE_GRADES,
                                             .item_size = sizeof(struct taken),
                                             .decode = take_row,
                                             .apply = keep_taken,
                                             .slot_size = sizeof(struct cri_grades_slot),
                                             .slot_clear = cri_grades_slot_clear};
    struct take_ctx ctx = {run, added};
    struct cri_reader rd = cri_reader_aside(&run->reader);
    const struct cri_input in = {.name = "--add", .data = text, .len = len};
    st = text ? cri_table_read(&rd, &in, UINT32_MAX, &ops, &ctx, NULL) : CR_ENOMEM;
    cri_reader_free_spares(&rd);
    free(text);
    locate_in_rows(run, cells, n);
    free(cells);
    return st == CR_OK ? run->diag.status : st;
}

/* ------------------------------------------------------------ the fold */

/* The student's sums at checkpoint semester k from rows a[0..na) and
 * b[0..nb), by the rules grades.c applies: a row that counts adds under
 * repeats: all; under latest and highest only each course key's best
 * attempt adds. */
static struct cri_sums fold(const struct cr_run *run, const struct cri_student *s, int k,
                            const struct cri_grade *const *rows, size_t n)
{
    const struct cri_config *cfg = &run->cfg;
    struct cri_sums sums = {0};
    for (size_t i = 0; i < n; i++) {
        const struct cri_grade *g = rows[i];
        if (cri_grade_fate(cfg, s, g, k) != CRI_FATE_COUNTS)
            continue;
        if (cfg->repeats != CRI_REPEATS_ALL) {
            /* Only the best attempt of the key adds: the first row of the
             * best (equal attempts count the same). */
            struct cri_attempt mine = cri_grade_attempt(g);
            int beaten = 0;
            for (size_t o = 0; o < n && !beaten; o++) {
                const struct cri_grade *h = rows[o];
                if (o == i || h->course != g->course ||
                    cri_grade_fate(cfg, s, h, k) != CRI_FATE_COUNTS)
                    continue;
                struct cri_attempt other = cri_grade_attempt(h);
                beaten = cri_attempt_beats(cfg->repeats, &other, &mine) ||
                         (o < i && !cri_attempt_beats(cfg->repeats, &mine, &other));
            }
            if (beaten)
                continue;
        }
        cri_sums_add(&sums, g->points_centi, g->weighted_centi, g->credits_milli);
    }
    return sums;
}

/* ------------------------------------------------------------ standing */

/* A student's standing at one checkpoint, before or after. */
struct standing {
    uint8_t code; /* CRI_NOT_A_MEMBER, reasons, or 0: ranked */
    struct cri_outcome o;
    struct cri_outcome *class; /* the class ranked (owned), n of them */
    size_t n;
};

/* The class of the student at checkpoint index j with outcome me (code
 * 0: ranked), the others as the run ranked them; ranked again. */
static enum cr_status rank_with(const struct cr_run *run, size_t j, uint8_t code,
                                const struct cri_outcome *me, struct standing *st)
{
    const struct cri_checkpoint *cp = &run->checkpoints[j];
    const uint32_t sid = run->explain.student;
    st->class = malloc((cp->n_ranked + 1) * sizeof *st->class);
    if (!st->class)
        return CR_ENOMEM;
    st->n = 0;
    struct cri_outcome probe = {.student = sid};
    for (size_t i = 0; i < cp->n_ranked; i++)
        if (cp->ranked[i].student != sid && cri_same_class(run, &cp->ranked[i], &probe))
            st->class[st->n++] = cp->ranked[i];
    if (code == 0)
        st->class[st->n++] = *me;
    cri_rank_class(run, st->class, st->n);
    st->code = code;
    st->o = *me;
    for (size_t i = 0; code == 0 && i < st->n; i++)
        if (st->class[i].student == sid)
            st->o = st->class[i];
    return CR_OK;
}

static const struct cri_outcome *in_class(const struct standing *st, uint32_t student)
{
    for (size_t i = 0; i < st->n; i++)
        if (st->class[i].student == student)
            return &st->class[i];
    return NULL;
}

/* The standing from sums and the student's record (its enrollment may
 * have gained a term from the new rows). */
static enum cr_status standing_of(const struct cr_run *run, size_t j, const struct cri_student *s,
                                  const struct cri_sums *sums, struct standing *st)
{
    struct cri_outcome o = {0};
    uint8_t code = cri_decide_one(run, run->explain.student, s, j, sums, &o);
    return rank_with(run, j, code, &o, st);
}

/* ------------------------------------------------------------ output */

static void put_gpa(FILE *out, const struct cr_run *run, const struct standing *st, int weighted)
{
    if (st->code == CRI_NOT_A_MEMBER || st->o.sums.credits <= 0)
        return;
    char b[48];
    cri_decimal_format(b, sizeof b, weighted ? st->o.weighted_rounded : st->o.unweighted_rounded,
                       run->cfg.precision);
    fputs(b, out);
}

static const char *honor_name(const struct cr_run *run, const struct standing *st)
{
    if (st->code != 0 || st->o.honor < 0)
        return "";
    const struct cri_student *s = &run->students[st->o.student];
    return cri_honors_of(run, s->school)->items[st->o.honor].name.p;
}

static void put_csv_row(FILE *out, const struct cr_run *run, int k, const char *when,
                        const struct standing *st)
{
    const struct cri_str id = cri_intern_str(&run->ids, run->explain.student);
    cri_csv_put(out, id.p, id.n);
    fprintf(out, ",%d,%s,", k, when);
    put_gpa(out, run, st, 1);
    putc(',', out);
    put_gpa(out, run, st, 0);
    putc(',', out);
    char rank[CRI_RANK_CAP];
    if (st->code == 0) {
        cri_rank_format(rank, st->o.rank_half);
        fputs(rank, out);
    }
    fprintf(out, ",%zu,", st->n);
    const char *h = honor_name(run, st);
    cri_csv_put(out, h, strlen(h));
    putc(',', out);
    if (st->code == 0)
        fprintf(out, "%u", cri_top_percent(st->o.rank_half, st->o.class_size));
    putc('\n', out);
}

static void put_standing_text(FILE *out, const struct cr_run *run, const struct standing *st)
{
    char rank[CRI_RANK_CAP];
    if (st->code == CRI_NOT_A_MEMBER) {
        fputs("not a class member", out);
    } else if (st->code) {
        fputs("excluded:", out);
        for (int r = 0; r < CRI_N_REASONS; r++)
            if (st->code >> r & 1)
                fprintf(out, " %s", cri_reason_names[r]);
    } else {
        cri_rank_format(rank, st->o.rank_half);
        fprintf(out, "rank %s of %u, top %u%%", rank, st->o.class_size,
                cri_top_percent(st->o.rank_half, st->o.class_size));
        const char *h = honor_name(run, st);
        if (*h)
            fprintf(out, ", %s", h);
    }
    if (st->code != CRI_NOT_A_MEMBER && st->o.sums.credits > 0) {
        fputs("; weighted ", out);
        put_gpa(out, run, st, 1);
        fputs(", unweighted ", out);
        put_gpa(out, run, st, 0);
    }
    fputc('\n', out);
}

/* Whom the student passes, who passes them, and whom they now tie with:
 * the classmates whose place against the student is not what it was. */
static void put_passes(FILE *out, const struct cr_run *run, const struct standing *before,
                       const struct standing *after)
{
    static const char *const label[3] = {"  passes:", "  passed by:", "  now tied with:"};
    const uint32_t sid = run->explain.student;
    for (int kind = 0; kind < 3; kind++) {
        size_t shown = 0;
        fputs(label[kind], out);
        for (size_t i = 0; i < after->n; i++) {
            const struct cri_outcome *x = &after->class[i];
            const struct cri_outcome *xb = in_class(before, x->student);
            if (x->student == sid || !xb)
                continue;
            /* the classmate's place against the student: -1 ahead, 0 tied,
             * 1 behind (an unranked student is behind everyone) */
            int was = before->code ? -1
                                   : (xb->rank_half > before->o.rank_half) -
                                         (xb->rank_half < before->o.rank_half);
            int now = after->code ? -1
                                  : (x->rank_half > after->o.rank_half) -
                                        (x->rank_half < after->o.rank_half);
            int listed = kind == 0   ? was <= 0 && now == 1
                         : kind == 1 ? was >= 0 && now == -1
                                     : was != 0 && now == 0;
            if (!listed)
                continue;
            const struct cri_str id = cri_intern_str(&run->ids, x->student);
            char r0[CRI_RANK_CAP], r1[CRI_RANK_CAP];
            cri_rank_format(r0, xb->rank_half);
            cri_rank_format(r1, x->rank_half);
            fputs(shown++ ? ", " : " ", out);
            cri_text_put(out, id.p, id.n);
            fprintf(out, " (rank %s -> %s)", r0, r1);
        }
        fputs(shown ? "\n" : " nobody\n", out);
    }
}

/* ------------------------------------------------------------ queries */

/* The checkpoint's index, and the checks a what-if asks of it. */
static enum cr_status begin(struct cr_run *run, int checkpoint, size_t *j)
{
    if (run->diag.status != CR_OK)
        return run->diag.status;
    const struct cri_config *cfg = &run->cfg;
    *j = cfg->n_checkpoints;
    for (size_t i = 0; i < cfg->n_checkpoints; i++)
        if (cfg->checkpoints[i] == checkpoint)
            *j = i;
    if (*j == cfg->n_checkpoints)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "checkpoint %d is not in rank.checkpoints", checkpoint);
    enum cr_status st = cri_explain_reached(run, checkpoint);
    return st == CR_OK ? cri_explain_rows(run) : st;
}

/* The student's rows, and added after them. */
static const struct cri_grade **rows_with(const struct cr_run *run, const struct added *added,
                                          size_t *n)
{
    const struct cri_explain *x = &run->explain;
    const struct cri_grade **rows = malloc((x->n_trace + added->n + 1) * sizeof *rows);
    if (!rows)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < x->n_trace; i++)
        rows[(*n)++] = &x->trace[i].g;
    for (size_t i = 0; i < added->n; i++)
        rows[(*n)++] = &added->g[i];
    return rows;
}

/* The standing before and after the added rows. */
static enum cr_status before_after(struct cr_run *run, size_t j, const struct added *added,
                                   struct standing *before, struct standing *after)
{
    const uint32_t sid = run->explain.student;
    const struct cri_student *s = &run->students[sid];
    const int k = run->cfg.checkpoints[j];
    size_t n;
    const struct cri_grade **rows = rows_with(run, added, &n);
    if (!rows)
        return CR_ENOMEM;
    struct cri_sums was = fold(run, s, k, rows, run->explain.n_trace);
    struct cri_sums now = fold(run, s, k, rows, n);
    free(rows);
    const struct cri_sums *kept = &run->explain.sums[j];
    if ((run->explain.known >> j & 1) &&
        (was.unweighted != kept->unweighted || was.weighted != kept->weighted ||
         was.credits != kept->credits))
        return cri_diag_add(&run->diag, CR_EDATA, NULL, 0, 0, 0,
                            "internal: the student's rows folded again differ from the run's "
                            "sums; nothing printed");
    struct cri_student s_after = *s;
    for (size_t i = 0; i < added->n; i++)
        if (cri_grade_enrolls(run, &s_after, &added->g[i]))
            cri_student_enroll(&s_after, added->g[i].term);
    enum cr_status st = standing_of(run, j, s, &was, before);
    if (st == CR_OK)
        st = standing_of(run, j, &s_after, &now, after);
    return st;
}

enum cr_status cri_whatif_add(struct cr_run *run, int checkpoint, const char *const *rows, size_t n,
                              int csv, FILE *out)
{
    size_t j;
    enum cr_status st = begin(run, checkpoint, &j);
    for (size_t i = 0; st == CR_OK && i < n; i++)
        if (!rows || !rows[i])
            st = cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                              "what-if row %zu of %zu is NULL", i + 1, n);
    struct added added = {0};
    if (st == CR_OK)
        st = read_added(run, checkpoint, rows, n, &added);
    struct standing before = {0}, after = {0};
    if (st == CR_OK)
        st = before_after(run, j, &added, &before, &after);
    if (st == CR_OK && csv) {
        fputs("student_id,checkpoint,when,gpa_weighted,gpa_unweighted,rank,class_size,honors,"
              "top_percent\n",
              out);
        put_csv_row(out, run, checkpoint, "before", &before);
        put_csv_row(out, run, checkpoint, "after", &after);
    } else if (st == CR_OK) {
        const uint32_t sid = run->explain.student;
        const struct cri_str id = cri_intern_str(&run->ids, sid);
        char term[8];
        cri_term_format(cri_term_of_semester(run->students[sid].cohort, checkpoint), term);
        fputs("student ", out);
        cri_text_put(out, id.p, id.n);
        fprintf(out, ", checkpoint %d (%s), with %zu row%s added\n", checkpoint, term, added.n,
                added.n == 1 ? "" : "s");
        fputs("  before: ", out);
        put_standing_text(out, run, &before);
        fputs("  after:  ", out);
        put_standing_text(out, run, &after);
        put_passes(out, run, &before, &after);
    }
    free(before.class);
    free(after.class);
    free(added.g);
    return st;
}

/* Does the standing reach the target: rank <= want_rank (when > 0), or the
 * honor at index want_honor of the student's list or one before it (the
 * list is in order of precedence: the first met is given)? */
static int reaches(const struct standing *st, long want_rank, int want_honor)
{
    if (st->code != 0)
        return 0;
    if (want_rank > 0)
        return st->o.rank_half <= 2 * want_rank;
    return st->o.honor >= 0 && st->o.honor <= want_honor;
}

/* The scale's letters, lowest points first; of letters with equal points
 * the one listed later (the lower, in a scale written from the top). */
static int cmp_letter(const void *pa, const void *pb, void *ctx)
{
    const struct cri_config *cfg = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (cfg->scale[a].value != cfg->scale[b].value)
        return cfg->scale[a].value < cfg->scale[b].value ? -1 : 1;
    return a > b ? -1 : a < b;
}

/* The credits and level of --need become cells of a what-if row
 * (COURSE,GRADE,CREDITS,LEVEL): a comma in one would start another cell,
 * and "ap,2027-SP" would quietly move the course to another term. */
static enum cr_status check_need_args(struct cr_run *run, const char *target, const char *credits,
                                      const char *level)
{
    if (!target || !credits)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "a need query takes a target and the credits of the course to add");
    const char *what[2] = {"the credits", "the level"}, *value[2] = {credits, level ? level : ""};
    for (int i = 0; i < 2; i++) {
        if (strlen(value[i]) > 64)
            return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                                "%s '%.64s...' is longer than 64 bytes", what[i], value[i]);
        if (strpbrk(value[i], ",\"\r\n"))
            return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                                "%s '%s' holds a comma, a quote or a line break", what[i],
                                value[i]);
    }
    return CR_OK;
}

enum cr_status cri_whatif_need(struct cr_run *run, int checkpoint, const char *target,
                               const char *credits, const char *level, int csv, FILE *out)
{
    size_t j;
    enum cr_status st = begin(run, checkpoint, &j);
    if (st == CR_OK)
        st = check_need_args(run, target, credits, level);
    if (st != CR_OK)
        return st;
    const uint32_t sid = run->explain.student;
    const struct cri_honors_list *list = cri_honors_of(run, run->students[sid].school);
    long want_rank = 0;
    int want_honor = -1;
    if (strncmp(target, "rank:", 5) == 0) {
        char *end;
        want_rank = strtol(target + 5, &end, 10);
        if (end == target + 5 || *end || want_rank < 1)
            return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                                "the target '%s': a rank target is rank:N with N 1 or more",
                                target);
    } else if (strncmp(target, "honors:", 7) == 0) {
        for (size_t h = 0; h < list->n && want_honor < 0; h++)
            if (strcmp(list->items[h].name.p, target + 7) == 0)
                want_honor = (int)h;
        if (want_honor < 0)
            return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                                "the target '%s': no honors of that name for the student's school",
                                target);
    } else {
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "the target '%s' is not rank:N or honors:NAME", target);
    }
    const struct cri_config *cfg = &run->cfg;
    size_t *order = malloc((cfg->n_scale + 1) * sizeof *order);
    if (!order)
        return CR_ENOMEM;
    for (size_t i = 0; i < cfg->n_scale; i++)
        order[i] = i;
    qsort_r(order, cfg->n_scale, sizeof *order, cmp_letter, (void *)cfg);
    /* Already there without another grade? */
    struct added none = {0};
    struct standing before = {0}, after = {0};
    st = before_after(run, j, &none, &before, &after);
    const char *answer = "out_of_reach", *grade = NULL;
    if (st == CR_OK && reaches(&before, want_rank, want_honor))
        answer = "already";
    /* Else the lowest letter that reaches it, each checked exactly; a
     * course of its own, so it is no repeat of another. */
    for (size_t i = 0; st == CR_OK && !grade && strcmp(answer, "already") != 0 && i < cfg->n_scale;
         i++) {
        const char *letter = cfg->scale[order[i]].name.p;
        char row[512];
        snprintf(row, sizeof row, "(what-if),%s,%s,%s", letter, credits, level ? level : "");
        const char *rows[1] = {row};
        struct added added = {0};
        free(after.class);
        after.class = NULL;
        st = read_added(run, checkpoint, rows, 1, &added);
        if (st == CR_OK) {
            struct standing b2 = {0};
            st = before_after(run, j, &added, &b2, &after);
            free(b2.class);
        }
        free(added.g);
        if (st == CR_OK && reaches(&after, want_rank, want_honor)) {
            answer = "reached";
            grade = letter;
        }
    }
    const char *top = cfg->n_scale ? cfg->scale[order[cfg->n_scale - 1]].name.p : "?";
    free(order);
    if (st == CR_OK) {
        const struct cri_str id = cri_intern_str(&run->ids, sid);
        if (csv) {
            fputs("student_id,checkpoint,target,credits,level,answer,grade\n", out);
            cri_csv_put(out, id.p, id.n);
            fprintf(out, ",%d,", checkpoint);
            cri_csv_put(out, target, strlen(target));
            putc(',', out);
            cri_csv_put(out, credits, strlen(credits));
            putc(',', out);
            const char *lv = level ? level : "";
            cri_csv_put(out, lv, strlen(lv));
            fprintf(out, ",%s,%s\n", answer, grade ? grade : "");
        } else {
            fputs("student ", out);
            cri_text_put(out, id.p, id.n);
            fprintf(out, ", checkpoint %d, target %s: ", checkpoint, target);
            if (grade)
                fprintf(out, "reached with %s or better on %s more credit%s%s%s\n", grade, credits,
                        strcmp(credits, "1") ? "s" : "", level ? " at level " : "",
                        level ? level : "");
            else if (!strcmp(answer, "already"))
                fputs("already reached\n", out);
            else
                fprintf(out, "out of reach even with %s on %s more credits\n", top, credits);
        }
    }
    free(before.class);
    free(after.class);
    return st;
}
