/* results.c -- what a run computed, read through the API instead of from
 * its files: the rows of each checkpoint, the run's figures, and explain's
 * and what-if's answers as text.
 *
 * A part of the API layer, beside run.c.  Rows are built the first time a
 * checkpoint's list is asked for, from the same outcomes the rank and
 * excluded files are written from, and kept in the run: the texts they
 * point to live in one arena, freed with the run (the header's ownership
 * rule). */
#include <classrank.h>

#include "results.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "load/records.h"
#include "registrar/explain.h"
#include "registrar/whatif.h"
#include "rules/rules.h"

/* One checkpoint's rows, ranked [0] and excluded [1]. */
struct row_list {
    struct cr_row *rows;
    size_t n;
    int built;
};

struct cri_results {
    struct cri_arena arena;
    struct row_list lists[CRI_MAX_CHECKPOINTS][2];
    const char **student_ids; /* NUL-terminated copies, by student index, made when first needed */
    const char **school_ids;
    const char *reasons[1 << CRI_N_REASONS]; /* "assessment;consecutive" by reason bits */
    char **texts;                            /* explain's and what-if's answers */
    size_t n_texts, texts_cap;
};

void cri_results_free(struct cri_results *r)
{
    if (!r)
        return;
    for (size_t j = 0; j < CRI_MAX_CHECKPOINTS; j++)
        for (int set = 0; set < 2; set++)
            free(r->lists[j][set].rows);
    free(r->student_ids);
    free(r->school_ids);
    for (size_t i = 0; i < r->n_texts; i++)
        free(r->texts[i]);
    free(r->texts);
    cri_arena_free(&r->arena);
    free(r);
}

static struct cri_results *results_of(struct cr_run *run)
{
    if (!run->results)
        run->results = calloc(1, sizeof *run->results);
    return run->results;
}

enum cr_status cri_query_begin(struct cr_run *run)
{
    if (!run)
        return CR_EUSAGE;
    if (run->diag.status != CR_OK)
        return run->diag.status;
    run->diag.count = 0; /* a run that succeeded holds only queries' errors */
    return CR_OK;
}

enum cr_status cri_query_end(struct cr_run *run, enum cr_status st)
{
    run->diag.status = CR_OK;
    return st;
}

enum cr_status cri_query_error(struct cr_run *run, enum cr_status status, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    enum cr_status before = run->diag.status;
    cri_diag_add(&run->diag, status, NULL, 0, 0, 0, "%s", message);
    run->diag.status = before;
    return status;
}

/* ------------------------------------------------------------ checkpoints */

size_t cr_run_checkpoint_count(const cr_run *run)
{
    return run ? run->cfg.n_checkpoints : 0;
}

int cr_run_checkpoint(const cr_run *run, size_t index)
{
    return run && index < run->cfg.n_checkpoints ? run->checkpoints[index].k : 0;
}

int cr_run_checkpoint_reached(const cr_run *run, size_t index)
{
    return run && index < run->cfg.n_checkpoints ? run->checkpoints[index].reached : 0;
}

/* ------------------------------------------------------------ rows */

/* A NUL-terminated copy of interned id i, made once: ids are interned
 * without a terminator. */
static const char *id_text(struct cri_results *r, const char ***cache, size_t n,
                           const struct cri_intern *ids, uint32_t i)
{
    if (!*cache && !(*cache = calloc(n + 1, sizeof **cache)))
        return NULL;
    if (!(*cache)[i]) {
        const struct cri_str s = cri_intern_str(ids, i);
        (*cache)[i] = cri_arena_strndup(&r->arena, s.p, s.n);
    }
    return (*cache)[i];
}

static const char *decimal_text(struct cri_results *r, int64_t v, int decimals)
{
    char b[48];
    size_t n = cri_decimal_format(b, sizeof b, v, decimals);
    return cri_arena_strndup(&r->arena, b, n);
}

/* The reasons as the excluded file writes them, one copy of each set. */
static const char *reasons_text(struct cri_results *r, uint8_t reasons)
{
    if (r->reasons[reasons])
        return r->reasons[reasons];
    char b[CRI_REASONS_TEXT_MAX];
    const size_t n = cri_reasons_text(b, reasons);
    return r->reasons[reasons] = cri_arena_strndup(&r->arena, b, n);
}

static int fill_row(struct cr_run *run, struct cri_results *r, const struct cri_checkpoint *cp,
                    const struct cri_outcome *o, struct cr_row *row)
{
    const struct cri_student *s = &run->students[o->student];
    const int precision = run->cfg.precision;
    const int has_gpa = o->sums.credits > 0;
    *row = (struct cr_row){
        .school_id = id_text(r, &r->school_ids, run->schools.count, &run->schools, s->school),
        .cohort = s->cohort,
        .checkpoint = cp->k,
        .student_id = id_text(r, &r->student_ids, cri_n_students(run), &run->ids, o->student),
        .gpa_weighted_num = o->sums.weighted,
        .gpa_weighted_den = 100 * o->sums.credits,
        .gpa_unweighted_num = o->sums.unweighted,
        .gpa_unweighted_den = 100 * o->sums.credits,
        .credits_milli = o->sums.credits,
        .gpa_weighted = has_gpa ? decimal_text(r, o->weighted_rounded, precision) : "",
        .gpa_unweighted = has_gpa ? decimal_text(r, o->unweighted_rounded, precision) : "",
        .credits = decimal_text(r, o->sums.credits, 3),
        .honors = "",
        .reasons = reasons_text(r, o->reasons),
    };
    if (!o->reasons) {
        row->rank = o->rank_half / 2.0;
        row->class_size = o->class_size;
        row->top_percent = (int)cri_top_percent(o->rank_half, o->class_size);
        if (o->honor >= 0)
            row->honors = cri_honors_of(run, s->school)->items[o->honor].name.p;
    }
    return row->school_id && row->student_id && row->gpa_weighted && row->gpa_unweighted &&
           row->credits && row->reasons;
}

static enum cr_status rows_of(cr_run *run, int checkpoint, int set, const struct cr_row **rows,
                              size_t *n)
{
    if (!rows || !n)
        return CR_EUSAGE;
    *rows = NULL;
    *n = 0;
    enum cr_status st = cri_query_begin(run);
    if (st != CR_OK)
        return st;
    size_t j = 0;
    while (j < run->cfg.n_checkpoints && run->checkpoints[j].k != checkpoint)
        j++;
    if (j == run->cfg.n_checkpoints)
        return cri_query_error(run, CR_EUSAGE, "checkpoint %d is not in rank.checkpoints",
                               checkpoint);
    struct cri_results *r = results_of(run);
    if (!r)
        return CR_ENOMEM;
    struct row_list *l = &r->lists[j][set];
    if (!l->built) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        const struct cri_outcome *from = set ? cp->excluded : cp->ranked;
        size_t count = set ? cp->n_excluded : cp->n_ranked;
        if (!(l->rows = malloc((count + 1) * sizeof *l->rows)))
            return CR_ENOMEM;
        for (size_t i = 0; i < count; i++)
            if (!fill_row(run, r, cp, &from[i], &l->rows[i])) {
                free(l->rows);
                l->rows = NULL;
                return CR_ENOMEM;
            }
        l->n = count;
        l->built = 1;
    }
    *rows = l->rows;
    *n = l->n;
    return CR_OK;
}

enum cr_status cr_run_ranked(cr_run *run, int checkpoint, const struct cr_row **rows, size_t *n)
{
    return rows_of(run, checkpoint, 0, rows, n);
}

enum cr_status cr_run_excluded(cr_run *run, int checkpoint, const struct cr_row **rows, size_t *n)
{
    return rows_of(run, checkpoint, 1, rows, n);
}

/* ------------------------------------------------------------ figures */

enum cr_status cr_run_summary(const cr_run *run, struct cr_summary *out)
{
    if (!run || !out)
        return CR_EUSAGE;
    *out = (struct cr_summary){.as_of = ""};
    if (run->diag.status != CR_OK)
        return run->diag.status;
    if (run->as_of)
        cri_term_format(run->as_of, out->as_of);
    out->rows_read = run->rows_read;
    out->rows_skipped = run->rows_skipped;
    out->rows_unrostered = run->rows_unrostered;
    out->students = cri_n_students(run);
    return CR_OK;
}

/* ------------------------------------------------------------ texts */

/* A query's text, written to a memory stream and kept by the run.  A query
 * that fails adds its errors to the run's, but leaves the run as it was:
 * a student id mistyped in a notebook must not fail the next question. */
struct text {
    char *buf;
    size_t len;
    FILE *f;
};

enum cr_status cri_results_keep(struct cr_run *run, char *text)
{
    struct cri_results *r = results_of(run);
    char **grown = r ? cri_grow(r->texts, &r->texts_cap, r->n_texts + 1, sizeof *grown, 8) : NULL;
    if (!grown)
        return CR_ENOMEM;
    r->texts = grown;
    r->texts[r->n_texts++] = text;
    return CR_OK;
}

static enum cr_status text_end(struct cr_run *run, struct text *t, enum cr_status st,
                               const char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    if (fclose(t->f) != 0 && st == CR_OK)
        st = CR_ENOMEM;
    if (st == CR_OK)
        st = cri_results_keep(run, t->buf);
    if (st != CR_OK) {
        free(t->buf);
        return cri_query_end(run, st);
    }
    *text = t->buf;
    *len = t->len;
    return CR_OK;
}

/* The query's student, unless the run itself failed. */
static enum cr_status query_begin(struct cr_run *run, const char *student, const char **text,
                                  size_t *len, struct text *t)
{
    t->f = NULL;
    if (!student || !text || !len)
        return CR_EUSAGE;
    enum cr_status st = cri_query_begin(run);
    if (st != CR_OK)
        return st;
    t->buf = NULL;
    t->len = 0;
    if (!(t->f = open_memstream(&t->buf, &t->len)))
        return CR_ENOMEM;
    return cri_explain_select(run, student);
}

enum cr_status cr_run_explain_text(cr_run *run, const char *student, int checkpoint, int csv,
                                   const char **text, size_t *len)
{
    struct text t;
    enum cr_status st = query_begin(run, student, text, len, &t);
    if (!t.f)
        return st;
    if (st == CR_OK)
        st = cri_explain(run, checkpoint, csv, t.f);
    return text_end(run, &t, st, text, len);
}

enum cr_status cr_run_whatif_add_text(cr_run *run, const char *student, int checkpoint,
                                      const char *const *rows, size_t n, int csv, const char **text,
                                      size_t *len)
{
    struct text t;
    enum cr_status st = query_begin(run, student, text, len, &t);
    if (!t.f)
        return st;
    if (st == CR_OK)
        st = cri_whatif_add(run, checkpoint, rows, n, csv, t.f);
    return text_end(run, &t, st, text, len);
}

enum cr_status cr_run_whatif_need_text(cr_run *run, const char *student, int checkpoint,
                                       const char *target, const char *credits, const char *level,
                                       int csv, const char **text, size_t *len)
{
    struct text t;
    enum cr_status st = query_begin(run, student, text, len, &t);
    if (!t.f)
        return st;
    if (st == CR_OK)
        st = cri_whatif_need(run, checkpoint, target, credits, level, csv, t.f);
    return text_end(run, &t, st, text, len);
}
