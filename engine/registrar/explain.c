/* explain.c -- why a student has the GPA and rank they have.
 *
 * A query beside the run, which it does not change: the run keeps the
 * student's sums before deciding frees them (cri_explain_keep_sums), and
 * once it has ranked, the grade files are read again through the same
 * reader and cri_grade_decode() for the student's rows.  Each row's fate at
 * a checkpoint comes from cri_grade_fate() and the repeat winner from the
 * run's own best-attempt table, the very functions and data that produced
 * the rank files.  The counted rows are summed again and must equal the
 * run's sums: an explanation that disagrees with the ranks is an error,
 * never printed. */
#include "registrar/explain.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/decimal.h"
#include "rules/rules.h"
#include "write/report.h"

enum cr_status cri_explain_begin(struct cr_run *run, const char *id)
{
    /* The student chosen so far stays chosen when this one is refused. */
    const uint32_t sid = cri_intern_find(&run->ids, id, strlen(id));
    if (sid == CRI_NONE)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "student '%s' is not in the roster", id);
    /* The rows are read again when explained: a pipe gives them once. */
    for (size_t i = 0; i < run->n_grade_inputs; i++) {
        struct stat st;
        const struct cri_input *in = &run->grade_inputs[i];
        if (!in->data && stat(cri_input_path(in), &st) == 0 && !S_ISREG(st.st_mode))
            return cri_diag_add(&run->diag, CR_EUSAGE, in->name, 0, 0, 0,
                                "explain reads the grade files again, after ranking, and a pipe "
                                "can be read only once: give a regular file");
    }
    run->explain.student = sid;
    return CR_OK;
}

void cri_explain_keep_sums(struct cr_run *run)
{
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        run->explain.sums[j] = *cri_sums_of(run, run->explain.student, j);
    run->explain.known = (1u << run->cfg.n_checkpoints) - 1;
}

static const struct cri_outcome *find_outcome(const struct cri_checkpoint *cp, uint32_t student);

enum cr_status cri_explain_select(struct cr_run *run, const char *id)
{
    struct cri_explain *x = &run->explain;
    uint32_t sid = cri_intern_find(&run->ids, id, strlen(id));
    if (sid != CRI_NONE && sid == x->student)
        return CR_OK; /* the rows read and the sums kept still hold */
    enum cr_status st = cri_explain_begin(run, id);
    if (st != CR_OK)
        return st;
    x->n_trace = 0;
    x->traced = 0;
    x->known = 0;
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++) {
        const struct cri_outcome *o = find_outcome(&run->checkpoints[j], x->student);
        if (o) {
            x->sums[j] = o->sums;
            x->known |= 1u << j;
        }
    }
    return CR_OK;
}

/* ------------------------------------------------------------ the rows */

/* The grade files read again for one student: the query's ctx. */
struct query {
    struct cr_run *run;
    struct cri_str id;
};

/* A row of the student's, on its way from a worker to the apply step: its
 * texts point into the block being read, which lives until the apply. */
struct found {
    unsigned long line; /* counted from the chunk's start */
    struct cri_grade g;
    struct cri_str text[5]; /* course, grade, credits, level, source */
};

static const enum cri_column text_columns[5] = {CRI_COL_COURSE_ID, CRI_COL_GRADE, CRI_COL_CREDITS,
                                                CRI_COL_LEVEL, CRI_COL_SOURCE};

/* Worker thread: a row of the student's, decoded by the code that summed
 * it. */
static enum cr_status find_row(void *ctx, const struct cri_table_row *row)
{
    const struct query *q = ctx;
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    if (id->n != q->id.n || memcmp(id->p, q->id.p, id->n) != 0)
        return CR_OK;
    struct cri_grade g;
    if (!cri_grade_decode(q->run, row, row->worker->slot, &g))
        return CR_OK;
    struct found *f = cri_worker_push(row->worker);
    if (!f)
        return CR_ENOMEM;
    f->line = row->csv->record_line;
    f->g = g;
    for (int i = 0; i < 5; i++) {
        const struct cri_field *t = cri_row_field(row, text_columns[i]);
        f->text[i] = t ? (struct cri_str){t->p, (uint32_t)t->n} : (struct cri_str){"", 0};
    }
    return CR_OK;
}

/* A cell the row left empty and the course catalog filled (SPEC "Course
 * catalog") shows the value that counted: the catalog's credits, its
 * level. */
static enum cr_status show_catalog_values(struct cr_run *run, struct cri_trace *t)
{
    if (!run->has_catalog)
        return CR_OK;
    const struct cri_course_info *info =
        cri_course_info_of(run, cri_intern_find(&run->courses, t->text[0], strlen(t->text[0])));
    if (!info || !info->listed)
        return CR_OK;
    if (!t->text[2][0] && info->credits_milli >= 0) {
        char credits[16];
        int n = snprintf(credits, sizeof credits, "%d.%03d", info->credits_milli / 1000,
                         info->credits_milli % 1000);
        if (!(t->text[2] = cri_arena_strndup(&run->ids.arena, credits, (size_t)n)))
            return CR_ENOMEM;
    }
    if (!t->text[3][0] && info->level >= 0)
        t->text[3] = run->cfg.weights[info->level].name.p;
    return CR_OK;
}

/* Calling thread, in file order: keep the rows, their lines the file's
 * (w->first_line is the chunk's). */
static enum cr_status keep_rows(void *ctx, struct cri_worker *w)
{
    struct cr_run *run = ((struct query *)ctx)->run;
    struct cri_explain *x = &run->explain;
    const struct found *f = (const struct found *)w->items;
    for (size_t i = 0; i < w->n_items; i++) {
        struct cri_trace *grown =
            cri_grow(x->trace, &x->trace_cap, x->n_trace + 1, sizeof *grown, 64);
        if (!grown)
            return CR_ENOMEM;
        x->trace = grown;
        struct cri_trace *t = &x->trace[x->n_trace];
        *t = (struct cri_trace){w->file_order, f[i].line + w->first_line - 1, {NULL}, f[i].g};
        for (int k = 0; k < 5; k++)
            if (!(t->text[k] = cri_arena_strndup(&run->ids.arena, f[i].text[k].p, f[i].text[k].n)))
                return CR_ENOMEM;
        if (show_catalog_values(run, t) != CR_OK)
            return CR_ENOMEM;
        x->n_trace++;
    }
    return CR_OK;
}

/* Read every grade file again for the student's rows. */
static enum cr_status trace_rows(struct cr_run *run)
{
    static const struct cri_table_ops ops = {.table = CRI_TABLE_GRADES,
                                             .item_size = sizeof(struct found),
                                             .decode = find_row,
                                             .apply = keep_rows,
                                             .parallel = 1,
                                             .slot_size = sizeof(struct cri_grades_slot),
                                             .slot_clear = cri_grades_slot_clear};
    struct cri_explain *x = &run->explain;
    /* As the run did: a student outside --cohort has no rows summed. */
    if (!run->students[x->student].selected) {
        x->traced = 1;
        return CR_OK;
    }
    struct query q = {run, cri_intern_str(&run->ids, x->student)};
    struct cri_reader rd = cri_reader_aside(&run->reader); /* the run's progress is over */
    enum cr_status st = CR_OK;
    for (size_t i = 0; st == CR_OK && i < run->n_grade_inputs; i++)
        st = cri_table_read(&rd, &run->grade_inputs[i], (uint32_t)(CRI_ORDER_GRADES + i), &ops, &q,
                            NULL);
    cri_reader_free_spares(&rd);
    st = st == CR_OK ? run->diag.status : st;
    /* Read whole or not at all: a file that could not be read now may be
     * read by the next query. */
    x->traced = st == CR_OK;
    if (st != CR_OK)
        x->n_trace = 0;
    return st;
}

/* Display order: term, then file, then line. */
static int trace_order(const void *pa, const void *pb);

enum cr_status cri_explain_rows(struct cr_run *run)
{
    if (run->explain.traced)
        return CR_OK;
    enum cr_status st = trace_rows(run);
    if (st != CR_OK)
        return st;
    qsort(run->explain.trace, run->explain.n_trace, sizeof *run->explain.trace, trace_order);
    /* Key the rows' courses as the repeat rules did (the run has interned
     * every course id). */
    for (size_t i = 0; i < run->explain.n_trace; i++) {
        struct cri_trace *t = &run->explain.trace[i];
        t->g.course = cri_repeat_key(
            run, cri_intern_find(&run->courses, t->text[0], strlen(t->text[0])), t->g.term);
    }
    return CR_OK;
}

static int trace_order(const void *pa, const void *pb)
{
    const struct cri_trace *a = pa, *b = pb;
    if (a->g.term != b->g.term)
        return a->g.term < b->g.term ? -1 : 1;
    if (a->file_order != b->file_order)
        return a->file_order < b->file_order ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

static int same_attempt(const struct cri_attempt *a, const struct cri_attempt *b)
{
    return a->term == b->term && a->points_centi == b->points_centi &&
           a->weighted_centi == b->weighted_centi && a->credits_milli == b->credits_milli;
}

struct row_fate {
    enum cri_fate fate;
    size_t winner; /* for repeat_superseded: index of the winning row */
};

/* Settle every row's fate at checkpoint index j, exactly as grades.c did. */
static void settle(const struct cr_run *run, size_t j, struct row_fate *f)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_student *s = &run->students[run->explain.student];
    for (size_t i = 0; i < run->explain.n_trace; i++) {
        const struct cri_trace *t = &run->explain.trace[i];
        f[i].fate = cri_grade_fate(cfg, s, &t->g, cfg->checkpoints[j]);
        f[i].winner = i;
        if (f[i].fate != CRI_FATE_COUNTS || cfg->repeats == CRI_REPEATS_ALL)
            continue;
        const struct cri_attempt *best = cri_course_best(run, run->explain.student, t->g.course);
        /* The first row (in display order) equal to the winning attempt
         * counts; equal attempts count the same, so which one is shown
         * as counted does not change any number. */
        for (size_t w = 0; w < run->explain.n_trace; w++) {
            struct cri_attempt a = cri_grade_attempt(&run->explain.trace[w].g);
            if (run->explain.trace[w].g.course == t->g.course && best &&
                same_attempt(&a, &best[j]) &&
                cri_grade_fate(cfg, s, &run->explain.trace[w].g, cfg->checkpoints[j]) ==
                    CRI_FATE_COUNTS) {
                f[i].winner = w;
                break;
            }
        }
        if (f[i].winner != i)
            f[i].fate = CRI_FATE_REPEAT_SUPERSEDED;
    }
}

static const struct cri_outcome *find_outcome(const struct cri_checkpoint *cp, uint32_t student)
{
    for (size_t i = 0; i < cp->n_ranked; i++)
        if (cp->ranked[i].student == student)
            return &cp->ranked[i];
    for (size_t i = 0; i < cp->n_excluded; i++)
        if (cp->excluded[i].student == student)
            return &cp->excluded[i];
    return NULL;
}

static void put_centi(FILE *out, int64_t v)
{
    char b[48];
    cri_decimal_format(b, sizeof b, v, 2);
    fputs(b, out);
}

static void put_milli(FILE *out, int64_t v)
{
    char b[48];
    cri_decimal_format(b, sizeof b, v, 3);
    fputs(b, out);
}

static void put_points_credits(FILE *out, int64_t v) /* centi × milli = 10^-5 */
{
    char b[48];
    cri_decimal_format(b, sizeof b, v, 5);
    fputs(b, out);
}

static int64_t gcd64(int64_t a, int64_t b)
{
    if (a < 0)
        a = -a;
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* "Σ(points × credits) / Σ credits = 38.00000 / 8.000 = 19/4 = 4.75" */
static void put_fraction(FILE *out, const struct cr_run *run, const char *label, int64_t num,
                         int64_t credits, int64_t rounded)
{
    fprintf(out, "  %-10s = ", label);
    put_points_credits(out, num);
    fputs(" / ", out);
    put_milli(out, credits);
    int64_t den = 100 * credits, g = gcd64(num, den);
    fprintf(out, " = %lld/%lld", (long long)(num / g), (long long)(den / g));
    /* 12 decimals, truncated, and say whether that is exact. */
    int64_t whole = num / den, rem = num % den;
    fprintf(out, " = %lld.", (long long)whole);
    for (int d = 0; d < 12; d++) {
        rem *= 10;
        fputc('0' + (int)(rem / den), out);
        rem %= den;
    }
    fputs(rem ? "..." : "", out);
    fputs("  reported ", out);
    cri_put_gpa(out, run, rounded);
    fputc('\n', out);
}

/* The six numbers of a counted row, each after its separator: points,
 * bonus, credits, running credits, running Σ points × credits unweighted
 * and weighted. */
static void put_counted(FILE *out, const struct cri_trace *t, const struct cri_sums *running,
                        const char *const sep[6])
{
    const int64_t value[6] = {t->g.points_centi,   t->g.weighted_centi - t->g.points_centi,
                              t->g.credits_milli,  running->credits,
                              running->unweighted, running->weighted};
    static void (*const put[6])(FILE *, int64_t) = {
        put_centi, put_centi, put_milli, put_milli, put_points_credits, put_points_credits};
    for (int i = 0; i < 6; i++) {
        fputs(sep[i], out);
        put[i](out, value[i]);
    }
}

static void put_row_csv(FILE *out, const struct cr_run *run, int k, const struct cri_trace *t,
                        const struct row_fate *f, const struct cri_sums *running)
{
    fprintf(out, "%d,", k);
    const char *path = run->grade_inputs[t->file_order - CRI_ORDER_GRADES].name;
    cri_csv_put(out, path, strlen(path));
    char term[8];
    cri_term_format(t->g.term, term);
    fprintf(out, ",%lu,%s,", t->line, term);
    for (size_t i = 0; i < 5; i++) {
        cri_csv_put(out, t->text[i], strlen(t->text[i]));
        fputc(',', out);
    }
    fputs(cri_fate_name(f->fate), out);
    fputc(',', out);
    if (f->fate == CRI_FATE_REPEAT_SUPERSEDED) {
        const struct cri_trace *w = &run->explain.trace[f->winner];
        fprintf(out, "%s:%lu", run->grade_inputs[w->file_order - CRI_ORDER_GRADES].name, w->line);
    }
    if (f->fate == CRI_FATE_COUNTS) {
        static const char *const sep[6] = {",", ",", ",", ",", ",", ","};
        put_counted(out, t, running, sep);
    } else {
        fputs(",,,,,,", out);
    }
    fputc('\n', out);
}

static void put_row_text(FILE *out, const struct cr_run *run, const struct cri_trace *t,
                         const struct row_fate *f, const struct cri_sums *running)
{
    char term[8];
    cri_term_format(t->g.term, term);
    /* Texts from the inputs through cri_text_put: a file name or a
     * config's grade may hold control characters. */
    const char *path = run->grade_inputs[t->file_order - CRI_ORDER_GRADES].name;
    fputs("    ", out);
    cri_text_put(out, path, strlen(path));
    fprintf(out, ":%lu  %s", t->line, term);
    const char *const *texts = t->text;
    for (size_t i = 0; i < 5; i++) {
        if (i < 3 || texts[i][0]) { /* no level, no source: nothing */
            fputs("  ", out);
            cri_text_put(out, texts[i], strlen(texts[i]));
        }
        if (i == 2)
            fputs(" cr", out);
    }
    if (f->fate == CRI_FATE_COUNTS) {
        static const char *const sep[6] = {
            "  -> counted: points ", " + bonus ",           ", credits ",
            "; running credits ",    ", points x credits ", " unweighted / "};
        put_counted(out, t, running, sep);
        fputs(" weighted\n", out);
    } else if (f->fate == CRI_FATE_REPEAT_SUPERSEDED) {
        const struct cri_trace *w = &run->explain.trace[f->winner];
        const char *winner = run->grade_inputs[w->file_order - CRI_ORDER_GRADES].name;
        fputs("  -> dropped: repeat_superseded by ", out);
        cri_text_put(out, winner, strlen(winner));
        fprintf(out, ":%lu\n", w->line);
    } else {
        fprintf(out, "  -> dropped: %s\n", cri_fate_name(f->fate));
    }
}

static void put_standing(FILE *out, const struct cr_run *run, const struct cri_checkpoint *cp,
                         const struct cri_outcome *o)
{
    if (!o) {
        fputs("  not ranked: not a class member at this checkpoint\n", out);
        return;
    }
    if (o->reasons) {
        fputs("  excluded:", out);
        for (int r = 0; r < CRI_N_REASONS; r++)
            if (o->reasons >> r & 1)
                fprintf(out, " %s", cri_reason_names[r]);
        fputc('\n', out);
        return;
    }
    char rank[CRI_RANK_CAP];
    cri_rank_format(rank, o->rank_half);
    fprintf(out, "  eligible\n  rank: %s of %u (%s)\n", rank, o->class_size,
            run->cfg.scope == CRI_SCOPE_DISTRICT ? "district" : "school");
    fputs("  tied with:", out);
    int any = 0;
    for (size_t i = 0; i < cp->n_ranked; i++) {
        const struct cri_outcome *x = &cp->ranked[i];
        if (x != o && cri_outcomes_tie(run, x, o)) {
            const struct cri_str id = cri_intern_str(&run->ids, x->student);
            fputc(' ', out);
            cri_text_put(out, id.p, id.n);
            any = 1;
        }
    }
    fputs(any ? "\n" : " nobody\n", out);
    const struct cri_student *s = &run->students[o->student];
    const struct cri_honors_list *list = cri_honors_of(run, s->school);
    const char *honor = o->honor >= 0 ? list->items[o->honor].name.p : "none";
    fputs("  honors: ", out);
    cri_text_put(out, honor, strlen(honor));
    fputc('\n', out);
}

enum cr_status cri_explain_reached(struct cr_run *run, int k)
{
    const struct cri_student *s = &run->students[run->explain.student];
    cri_term t = cri_term_of_semester(s->cohort, k);
    if (t <= run->as_of)
        return CR_OK;
    char a[8], b[8];
    cri_term_format(t, a);
    cri_term_format(run->as_of, b);
    return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                        "the class of %d reaches checkpoint %d in %s, after the as-of term %s",
                        s->cohort, k, a, b);
}

enum cr_status cri_explain(struct cr_run *run, int checkpoint, int csv, FILE *out)
{
    if (run->diag.status != CR_OK)
        return run->diag.status;
    if (run->explain.student == CRI_NONE)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0, "no student to explain");
    const struct cri_config *cfg = &run->cfg;
    int found = checkpoint == 0;
    for (size_t j = 0; j < cfg->n_checkpoints; j++)
        found |= cfg->checkpoints[j] == checkpoint;
    if (!found)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "checkpoint %d is not in rank.checkpoints", checkpoint);
    enum cr_status st = checkpoint ? cri_explain_reached(run, checkpoint) : CR_OK;
    if (st == CR_OK)
        st = cri_explain_rows(run);
    if (st != CR_OK)
        return st;
    struct row_fate *fates = malloc((run->explain.n_trace + 1) * sizeof *fates);
    if (!fates)
        return CR_ENOMEM;
    const uint32_t sid = run->explain.student;
    const struct cri_student *s = &run->students[sid];
    const struct cri_str id = cri_intern_str(&run->ids, sid);
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    if (csv)
        fputs("checkpoint,file,line,term,course_id,grade,credits,level,source,fate,"
              "superseded_by,points,bonus,credits_counted,running_credits,"
              "running_points_x_credits_unweighted,running_points_x_credits_weighted\n",
              out);
    else {
        fputs("student ", out);
        cri_text_put(out, id.p, id.n);
        fputs(", school ", out);
        cri_text_put(out, school.p, school.n);
        fprintf(out, ", class of %d\n", s->cohort);
    }
    for (size_t j = 0; j < cfg->n_checkpoints && st == CR_OK; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        int k = cfg->checkpoints[j];
        cri_term term = cri_term_of_semester(s->cohort, k);
        if ((checkpoint && k != checkpoint) || term > run->as_of)
            continue;
        settle(run, j, fates);
        char tbuf[8];
        cri_term_format(term, tbuf);
        if (!csv) {
            fprintf(out, "\ncheckpoint %d (%s)\n", k, tbuf);
            enum cri_membership m = cri_membership_of(run, s, k);
            char grad[8];
            cri_term_format(s->grad_term, grad);
            fprintf(out, "  membership: %s\n",
                    m == CRI_MEMBER_ENROLLED   ? "enrolled in this term"
                    : m == CRI_MEMBER_DECEMBER ? "December graduate (grad_term is semester 7)"
                                               : "not enrolled in this term");
            fputs("  rows:\n", out);
        }
        struct cri_sums running = {0};
        for (size_t i = 0; i < run->explain.n_trace; i++) {
            const struct cri_trace *t = &run->explain.trace[i];
            if (fates[i].fate == CRI_FATE_COUNTS)
                cri_sums_add(&running, t->g.points_centi, t->g.weighted_centi, t->g.credits_milli);
            if (csv)
                put_row_csv(out, run, k, t, &fates[i], &running);
            else
                put_row_text(out, run, t, &fates[i], &running);
        }
        const struct cri_sums *engine = &run->explain.sums[j];
        if ((run->explain.known >> j & 1) && memcmp(&running, engine, sizeof running) != 0) {
            st = cri_diag_add(&run->diag, CR_EDATA, NULL, 0, 0, 0,
                              "internal error: explained sums differ from the ranked sums");
            break;
        }
        if (csv)
            continue;
        if (running.credits == 0) {
            fputs("  GPA: no GPA-bearing credit\n", out);
        } else {
            put_fraction(
                out, run, "weighted", running.weighted, running.credits,
                cri_gpa_round(running.weighted, running.credits, cfg->precision, cfg->rounding));
            put_fraction(
                out, run, "unweighted", running.unweighted, running.credits,
                cri_gpa_round(running.unweighted, running.credits, cfg->precision, cfg->rounding));
        }
        put_standing(out, run, cp, find_outcome(cp, sid));
    }
    free(fates);
    return st;
}
