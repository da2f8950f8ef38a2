/* grades.c -- semester grade rows into per-student sums.
 *
 * Every row is validated, whoever it belongs to.  A rostered student's
 * GPA-bearing row is then added, for each checkpoint it falls before, to
 * that checkpoint's sums (repeats: all), or offered to the course's best
 * attempt at that checkpoint (latest, highest).  Both are independent of
 * row and file order: sums commute, and the repeat rules are a total order
 * in which equal attempts count the same. */
#include <stdlib.h>
#include <string.h>

#include "core/bigmem.h"
#include "core/decimal.h"
#include "load/grades.h"

enum grade_kind { GRADE_POINTS, GRADE_MARK };

/* Decode a grade: a scale letter, a non-GPA mark, or a numeric percentage
 * mapped through the bands.  Exact text wins over a numeric reading, so a
 * scale may use digits as letters. */
static inline __attribute__((always_inline)) int
decode_grade(const struct cri_config *cfg, const struct cri_table_row *row,
             const struct cri_field *f, struct cri_grades_slot *slot, enum grade_kind *kind,
             int32_t *points_centi)
{
    char q[CRI_QUOTE_CAP];
    int i;
    switch (cri_config_grade_class(cfg, f->p, f->n, &i)) {
    case CRI_GRADE_LETTER:
        *kind = GRADE_POINTS;
        *points_centi = cfg->scale[i].value;
        return 1;
    case CRI_GRADE_MARK:
        *kind = GRADE_MARK;
        return 1;
    case CRI_GRADE_OTHER:
        break;
    }
    int64_t micro;
    switch (cri_decimal_parse(f->p, f->n, 6, &micro)) {
    case CRI_DEC_OK:
        break;
    case CRI_DEC_DECIMALS:
        cri_field_error(row, f, "numeric grade '%s' has more than 6 decimals",
                        cri_quote(q, f->p, f->n));
        return 0;
    default:
        cri_field_error(row, f,
                        "unknown grade '%s' (not in gpa.scale or gpa.non_gpa, and not a number)",
                        cri_quote(q, f->p, f->n));
        return 0;
    }
    if (micro < 0 || micro > 100 * 1000000LL) {
        cri_field_error(row, f, "numeric grade '%s' is out of range (0 to 100)",
                        cri_quote(q, f->p, f->n));
        return 0;
    }
    for (size_t b = 0; b < cfg->n_bands; b++) {
        const struct cri_band *band = &cfg->bands[b];
        if (micro < band->min_micro)
            continue;
        if (band->scale_index == UINT32_MAX) {
            cri_field_error(row, f,
                            "numeric grade '%s' falls in band '%s', not a letter of gpa.scale",
                            cri_quote(q, f->p, f->n), band->grade.p);
            return 0;
        }
        *kind = GRADE_POINTS;
        *points_centi = cfg->scale[band->scale_index].value;
        slot->numeric_in_band[b < CRI_BAND_COUNTED ? b : CRI_BAND_COUNTED]++;
        return 1;
    }
    cri_field_error(row, f, "numeric grade '%s' is below every gpa.numeric band",
                    cri_quote(q, f->p, f->n));
    return 0;
}

/* Credits of a row: a few texts ("1", "0.5", "0.25") mixed row to row, so
 * each worker remembers what it read in a small table by the text's words;
 * only a text read well is remembered. */
static inline __attribute__((always_inline)) int decode_credits(const struct cri_table_row *row,
                                                                struct cri_word_memo *memo,
                                                                const struct cri_field *f,
                                                                int32_t *credits_milli)
{
    /* OPTIMIZATION: the credits memo; its twin is decode_credits_text
     * (docs/DESIGN.md "Speed tricks": 5.8% of the 1M run's wall time). */
    uint64_t words[2];
    if (f->n > 8 || !cri_field_words(row, f, words))
        return cri_read_credits_text(row, f, credits_milli);
    struct cri_word_memo *m = cri_word_memo_slot(memo, words[0]);
    if (m->word == words[0] && m->n1 == f->n + 1) {
        *credits_milli = m->value;
        return 1;
    }
    if (!cri_read_credits_text(row, f, credits_milli))
        return 0;
    *m = (struct cri_word_memo){words[0], (uint32_t)f->n + 1, *credits_milli};
    return 1;
}

/* ------------------------------------------------------------ repeat state */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static enum cr_status grow_states(struct cr_run *run)
{
    size_t cap = run->course_states_cap ? run->course_states_cap * 2 : 4096;
    struct cri_course_state *t = cri_big_malloc(cap * sizeof *t);
    if (!t)
        return CR_ENOMEM;
    for (size_t i = 0; i < cap; i++)
        t[i].key = UINT64_MAX;
    for (size_t i = 0; i < run->course_states_cap; i++) {
        struct cri_course_state *s = &run->course_states[i];
        if (s->key == UINT64_MAX)
            continue;
        size_t j = mix64(s->key) & (cap - 1);
        while (t[j].key != UINT64_MAX)
            j = (j + 1) & (cap - 1);
        t[j] = *s;
    }
    free(run->course_states);
    run->course_states = t;
    run->course_states_cap = cap;
    return CR_OK;
}

/* The best-attempt slots (one per checkpoint) of (student, course). */
static struct cri_attempt *course_attempts(struct cr_run *run, uint32_t student, uint32_t course)
{
    size_t ncp = run->cfg.n_checkpoints;
    if ((run->course_states_count + 1) * 2 > run->course_states_cap && grow_states(run) != CR_OK)
        return NULL;
    uint64_t key = (uint64_t)student << 32 | course;
    size_t mask = run->course_states_cap - 1;
    size_t j = mix64(key) & mask;
    for (;; j = (j + 1) & mask) {
        struct cri_course_state *s = &run->course_states[j];
        if (s->key == key)
            return &run->attempts[s->attempts];
        if (s->key == UINT64_MAX)
            break;
    }
    struct cri_attempt *grown =
        cri_grow(run->attempts, &run->attempts_cap, run->attempts_count + ncp, sizeof *grown, 4096);
    if (!grown)
        return NULL;
    run->attempts = grown;
    struct cri_course_state *s = &run->course_states[j];
    s->key = key;
    s->attempts = (uint32_t)run->attempts_count;
    memset(&run->attempts[s->attempts], 0, ncp * sizeof *run->attempts);
    run->attempts_count += ncp;
    run->course_states_count++;
    return &run->attempts[s->attempts];
}

/* ------------------------------------------------------------------ rules */

const char *cri_fate_name(enum cri_fate fate)
{
    static const char *const names[] = {"counted",          "non_gpa",         "rank_exclude",
                                        "transfer",         "pre_high_school", "after_checkpoint",
                                        "repeat_superseded"};
    return names[fate];
}

/* The fate of a row whatever the checkpoint: COUNTS when only its term
 * can keep it out. */
static enum cri_fate fate_at_any_checkpoint(const struct cri_config *cfg,
                                            const struct cri_student *s, const struct cri_grade *g)
{
    if (!g->gpa_bearing)
        return CRI_FATE_NON_GPA;
    if (g->rank_exclude)
        return CRI_FATE_RANK_EXCLUDE;
    if (g->transfer && !cfg->include_transfer)
        return CRI_FATE_TRANSFER;
    if (g->term < cri_term_of_semester(s->cohort, 1) && !cfg->include_pre_high_school)
        return CRI_FATE_PRE_HIGH_SCHOOL;
    return CRI_FATE_COUNTS;
}

enum cri_fate cri_grade_fate(const struct cri_config *cfg, const struct cri_student *s,
                             const struct cri_grade *g, int k)
{
    enum cri_fate fate = fate_at_any_checkpoint(cfg, s, g);
    if (fate == CRI_FATE_COUNTS && g->term > cri_term_of_semester(s->cohort, k))
        return CRI_FATE_AFTER_CHECKPOINT;
    return fate;
}

static struct cri_course_state *find_state(const struct cr_run *run, uint64_t key)
{
    if (!run->course_states_cap)
        return NULL;
    size_t mask = run->course_states_cap - 1;
    for (size_t j = mix64(key) & mask;; j = (j + 1) & mask) {
        struct cri_course_state *s = &run->course_states[j];
        if (s->key == key)
            return s;
        if (s->key == UINT64_MAX)
            return NULL;
    }
}

const struct cri_attempt *cri_course_best(const struct cr_run *run, uint32_t student,
                                          uint32_t course)
{
    const struct cri_course_state *s = find_state(run, (uint64_t)student << 32 | course);
    return s ? &run->attempts[s->attempts] : NULL;
}

/* ------------------------------------------------------------------ rows */

/* A decoded row of a rostered student, passed from a worker to the apply
 * step.  course may be CRI_PENDING | i: the worker's i-th new course id. */
struct decoded {
    uint32_t student;
    struct cri_grade g;
};

#define CRI_PENDING 0x80000000u

/* Worker thread: the key a repeat is known by (cri_repeat_key: the course
 * gpa.equivalent_courses maps it onto, and the season of a year-long
 * course's half).  An id the run has not seen yet is parked in the worker
 * and interned by the calling thread: no config list and no catalog names
 * it, so it is its own key. */
static uint32_t lookup_course(const struct cr_run *run, struct cri_grades_slot *slot,
                              const struct cri_field *course, cri_term term)
{
    uint32_t cid = cri_intern_find(&run->courses, course->p, course->n);
    if (cid != CRI_NONE)
        return cri_repeat_key(run, cid, term);
    uint32_t p = cri_intern_add(&slot->pending_courses, course->p, course->n, NULL);
    return p == CRI_NONE ? CRI_NONE : CRI_PENDING | p;
}

int cri_grade_enrolls(const struct cr_run *run, const struct cri_student *s,
                      const struct cri_grade *g)
{
    return !run->has_enrollment_file && !g->transfer &&
           g->term >= cri_term_of_semester(s->cohort, 1);
}

/* A grade row for the apply by shards (repeats: all): its student, what it
 * adds, and where -- settled on the worker, which has the student at hand,
 * so the apply only adds. */
struct counted {
    uint32_t student;
    int32_t points_centi, weighted_centi, credits_milli;
    cri_term enroll_term; /* 0: enrolls nothing */
    uint8_t checkpoints;  /* bit j: counts at checkpoint j */
};

static inline __attribute__((always_inline)) enum cr_status push_counted(const struct cr_run *run,
                                                                         struct cri_worker *w,
                                                                         uint32_t sid,
                                                                         const struct cri_grade *g)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_student *s = &run->students[sid];
    uint8_t checkpoints = 0; /* cri_grade_fate() at each, the common part once */
    if (fate_at_any_checkpoint(cfg, s, g) == CRI_FATE_COUNTS)
        for (size_t j = 0; j < cfg->n_checkpoints; j++)
            checkpoints |=
                (uint8_t)((g->term <= cri_term_of_semester(s->cohort, cfg->checkpoints[j])) << j);
    cri_term enroll_term = cri_grade_enrolls(run, s, g) ? g->term : 0;
    if (!checkpoints && !enroll_term)
        return CR_OK;
    struct counted *c = cri_worker_push_for(w, sid);
    if (!c)
        return CR_ENOMEM;
    *c = (struct counted){sid,         g->points_centi, g->weighted_centi, g->credits_milli,
                          enroll_term, checkpoints};
    return CR_OK;
}

/* An 8-byte text as a word, to compare with a field's (a constant once
 * compiled). */
static inline uint64_t text_word(const char text[8])
{
    uint64_t w;
    memcpy(&w, text, 8);
    return w;
}

void cri_grades_slot_clear(void *slot)
{
    struct cri_grades_slot *g = slot;
    cri_intern_free(&g->pending_courses);
    g->student.n = 0;
    g->latest_term = 0;
    g->rows_unrostered = 0;
    memset(g->numeric_in_band, 0, sizeof g->numeric_in_band);
}

/* The body of cri_grade_decode, inlined into grade_row: a call per row, and
 * the row's grade passed back through memory, cost 4.5% of the rank path's
 * instructions (callgrind, 20,000 students: 266.0 M in the two functions
 * against 254.4 M in one). */
static inline __attribute__((always_inline)) int
decode_row(const struct cr_run *run, const struct cri_table_row *row, struct cri_grades_slot *slot,
           struct cri_grade *out, const int with_catalog)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    const struct cri_field *tf = cri_row_field(row, CRI_COL_TERM);
    const struct cri_field *course = cri_row_field(row, CRI_COL_COURSE_ID);
    const struct cri_field *gf = cri_row_field(row, CRI_COL_GRADE);
    const struct cri_field *cf = cri_row_field(row, CRI_COL_CREDITS);
    const struct cri_field *lf = cri_row_field(row, CRI_COL_LEVEL);
    const struct cri_field *sf = cri_row_field(row, CRI_COL_SOURCE);
    char q[CRI_QUOTE_CAP];
    struct cri_grade g = {0};

    int ok = cri_check_id(row, id, "student_id");
    ok &= cri_read_term(row, &slot->term, tf, &g.term);
    ok &= cri_check_id(row, course, "course_id");
    enum grade_kind kind = GRADE_MARK;
    ok &= decode_grade(cfg, row, gf, slot, &kind, &g.points_centi);
    /* The course catalog (SPEC "Course catalog"), looked up by the row's
     * own course id: its level where the row has none, its credits where
     * the row's cell is empty, its rank_exclude flag. */
    const struct cri_course_info *info = NULL;
    if (with_catalog) {
        info = cri_course_info_of(run, cri_intern_find(&run->courses, course->p, course->n));
        if (info && !info->listed)
            info = NULL;
    }
    if (with_catalog && cf->n == 0) {
        if (info && info->credits_milli >= 0) {
            g.credits_milli = info->credits_milli;
        } else {
            cri_field_error(
                row, cf, "credits are empty and course '%s' %s", cri_quote(q, course->p, course->n),
                info ? "has no credits in the course catalog" : "is not in the course catalog");
            ok = 0;
        }
    } else {
        ok &= decode_credits(row, slot->credits, cf, &g.credits_milli);
    }
    /* Rows mix levels, credits and sources: each is read from its words,
     * without a branch on which text it is. */
    uint64_t words[2];
    int level;
    if (info && info->level >= 0 && (!lf || lf->n == 0))
        level = info->level;
    else if (!lf)
        level = cri_config_level_of_words(cfg, (const uint64_t[2]){0, 0}, 0);
    else if (cri_field_words(row, lf, words))
        level = cri_config_level_of_words(cfg, words, lf->n);
    else
        level = cri_config_weight_index(cfg, lf->p, lf->n);
    if (level < 0) {
        if (lf && lf->n)
            cri_field_error(row, lf, "unknown level '%s' (not in gpa.weights)",
                            cri_quote(q, lf->p, lf->n));
        else
            cri_field_error(row, lf ? lf : gf,
                            "empty level means 'regular', which gpa.weights does not list");
        ok = 0;
    }
    if (sf) {
        uint64_t word = 0; /* the first 8 bytes; only compared when n is 8 */
        if (cri_field_words(row, sf, words))
            word = words[0];
        else if (sf->n == 8)
            memcpy(&word, sf->p, 8);
        int eight = sf->n == 8, transfer = eight & (word == text_word("transfer"));
        g.transfer = (uint8_t)transfer;
        if (!((sf->n == 0) | transfer | (eight & (word == text_word("district"))))) {
            cri_field_error(row, sf, "source '%s' is not district or transfer",
                            cri_quote(q, sf->p, sf->n));
            ok = 0;
        }
    }
    int flag;
    ok &= cri_read_flag(row, CRI_COL_RANK_EXCLUDE, &flag);
    if (!ok)
        return 0;
    g.rank_exclude = (uint8_t)(flag | (info && info->rank_exclude));
    g.gpa_bearing = kind == GRADE_POINTS;
    /* The level's bonus, where it applies: a mask, as rows mix both. */
    int bonus = g.gpa_bearing & (g.points_centi >= cfg->bonus_min_centi);
    g.weighted_centi = g.points_centi + (cfg->weights[level].value & -(int32_t)bonus);
    *out = g;
    return 1;
}

int cri_grade_decode(const struct cr_run *run, const struct cri_table_row *row,
                     struct cri_grades_slot *slot, struct cri_grade *g)
{
    return run->has_catalog ? decode_row(run, row, slot, g, 1) : decode_row(run, row, slot, g, 0);
}

/* A grade row of student sid in term: keep the student's earliest, for the
 * cohort warning (SPEC "Warnings").  Relaxed, as any worker may hold rows of
 * the student; a file's rows mostly share a term, so it rarely stores. */
static inline void note_first_term(const struct cr_run *run, uint32_t sid, cri_term term)
{
    cri_term *first = &run->students[sid].first_row_term;
    cri_term seen = __atomic_load_n(first, __ATOMIC_RELAXED);
    /* (cri_term)(seen - 1) >= term: none yet (0 wraps to the top), or later */
    while ((cri_term)(seen - 1) >= term &&
           !__atomic_compare_exchange_n(first, &seen, term, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

/* Worker thread: validate a grade row and decode it for the apply step.
 * Two bodies, with and without a course catalog, so a run without one
 * tests nothing for it row by row. */
static inline __attribute__((always_inline)) enum cr_status
grade_row(void *ctx, const struct cri_table_row *row, const int with_catalog)
{
    const struct cr_run *run = ctx;
    struct cri_worker *w = row->worker;
    struct cri_grades_slot *slot = w->slot;
    struct cri_grade g;
    if (!decode_row(run, row, slot, &g, with_catalog))
        return CR_OK;
    if (g.term > slot->latest_term)
        slot->latest_term = g.term;
    const struct cri_field *id = cri_row_field(row, CRI_COL_STUDENT_ID);
    uint32_t sid = cri_find_student(run, &slot->student, id->p, id->n);
    if (sid == CRI_NONE) {
        slot->rows_unrostered++;
        return CR_OK;
    }
    if (!run->students[sid].selected)
        return CR_OK;
    note_first_term(run, sid, g.term);
    if (w->shards)
        return push_counted(run, w, sid, &g);
    if (run->cfg.repeats != CRI_REPEATS_ALL) {
        g.course = lookup_course(run, slot, cri_row_field(row, CRI_COL_COURSE_ID), g.term);
        if (g.course == CRI_NONE)
            return CR_ENOMEM;
    }
    struct decoded *d = cri_worker_push_for(w, sid);
    if (!d)
        return CR_ENOMEM;
    *d = (struct decoded){sid, g};
    return CR_OK;
}

static enum cr_status grade_row_plain(void *ctx, const struct cri_table_row *row)
{
    return grade_row(ctx, row, 0);
}

static enum cr_status grade_row_with_catalog(void *ctx, const struct cri_table_row *row)
{
    return grade_row(ctx, row, 1);
}

/* Calling thread: a parked course id, now interned and mapped. */
static uint32_t resolve_course(struct cr_run *run, struct cri_grades_slot *slot, uint32_t course)
{
    const struct cri_str s = cri_intern_str(&slot->pending_courses, course & ~CRI_PENDING);
    uint32_t cid = cri_intern_add(&run->courses, s.p, s.n, NULL);
    /* The season bits of a repeat key start at CRI_MAX_COURSES. */
    return cid < CRI_MAX_COURSES ? cid : CRI_NONE;
}

static void enroll_from_row(struct cr_run *run, struct cri_student *s, const struct cri_grade *g)
{
    if (cri_grade_enrolls(run, s, g))
        cri_student_enroll(s, g->term);
}

/* Any thread, repeats: all -- a row touches only its student's enrollment
 * and sums, and sums commute: shards are sets of students. */
static enum cr_status grades_apply_shard(void *ctx, const struct cri_item_list *items)
{
    struct cr_run *run = ctx;
    const struct counted *rows = (const struct counted *)items->p;
    for (size_t i = 0; i < items->n; i++) {
        const struct counted *r = &rows[i];
        if (r->enroll_term)
            cri_student_enroll(&run->students[r->student], r->enroll_term);
        for (unsigned m = r->checkpoints; m; m &= m - 1)
            cri_sums_add(cri_sums_of(run, r->student, (size_t)__builtin_ctz(m)), r->points_centi,
                         r->weighted_centi, r->credits_milli);
    }
    return CR_OK;
}

/* Calling thread, in file order: enrollment, then each checkpoint's sums or
 * best attempts. */
static enum cr_status grades_apply(void *ctx, struct cri_worker *w)
{
    struct cr_run *run = ctx;
    const struct cri_config *cfg = &run->cfg;
    struct decoded *rows = (struct decoded *)w->items;
    for (size_t i = 0; i < w->n_items; i++) {
        uint32_t sid = rows[i].student;
        struct cri_grade *g = &rows[i].g;
        struct cri_student *s = &run->students[sid];
        enroll_from_row(run, s, g);
        if (g->course & CRI_PENDING &&
            (g->course = resolve_course(run, w->slot, g->course)) == CRI_NONE)
            return CR_ENOMEM;
        struct cri_attempt *best = NULL;
        for (size_t j = 0; j < cfg->n_checkpoints; j++) {
            if (cri_grade_fate(cfg, s, g, cfg->checkpoints[j]) != CRI_FATE_COUNTS)
                continue;
            if (cfg->repeats == CRI_REPEATS_ALL) {
                cri_sums_add(cri_sums_of(run, sid, j), g->points_centi, g->weighted_centi,
                             g->credits_milli);
                continue;
            }
            if (!best && !(best = course_attempts(run, sid, g->course)))
                return CR_ENOMEM;
            struct cri_attempt attempt = cri_grade_attempt(g);
            if (!best[j].term || cri_attempt_beats(cfg->repeats, &attempt, &best[j]))
                best[j] = attempt;
        }
    }
    return CR_OK;
}

/* Calling thread, every chunk in file order: the row counters and the
 * latest term are the grade files' alone (the roster, read again for names
 * while summary.json is written, leaves them untouched). */
static void grades_merge(void *ctx, const struct cri_worker *w)
{
    struct cr_run *run = ctx;
    const struct cri_grades_slot *slot = w->slot;
    run->rows_read += w->rows_read;
    run->rows_unrostered += slot->rows_unrostered;
    run->rows_skipped += w->rows_skipped;
    for (size_t b = 0; b <= CRI_BAND_COUNTED; b++)
        run->numeric_in_band[b] += slot->numeric_in_band[b];
    if (slot->latest_term > run->latest_term)
        run->latest_term = slot->latest_term;
}

/* Every student's sums at every checkpoint, zero, once per run (a run with
 * no grade files still needs them). */
static enum cr_status alloc_sums(struct cr_run *run)
{
    if (!run->sums)
        run->sums =
            cri_big_calloc(cri_n_students(run) * run->cfg.n_checkpoints + 1, sizeof *run->sums);
    return run->sums ? CR_OK : CR_ENOMEM;
}

/* SPEC "Warnings": a file whose numeric grades sit 90% or more in one band
 * of gpa.numeric is most likely on another scale (0-20, 0-4) read through
 * 0-100 bands, which gives everyone one letter.  A file with fewer than
 * MIN_NUMERIC_FOR_SCALE numeric grades says nothing of its scale (a
 * transcript file with two transfer grades of 95 is not a mistake). */
#define MIN_NUMERIC_FOR_SCALE 10
static enum cr_status warn_one_band(struct cr_run *run, const char *path)
{
    const struct cri_config *cfg = &run->cfg;
    uint64_t total = 0, most = 0;
    size_t band = 0;
    for (size_t b = 0; b <= CRI_BAND_COUNTED; b++) {
        total += run->numeric_in_band[b];
        if (b < CRI_BAND_COUNTED && run->numeric_in_band[b] > most)
            most = run->numeric_in_band[b], band = b;
    }
    if (total < MIN_NUMERIC_FOR_SCALE || most * 10 < total * 9)
        return CR_OK;
    const struct cri_band *bd = &cfg->bands[band];
    char min[32];
    size_t n = cri_decimal_format(min, sizeof min, bd->min_micro, 6);
    while (n > 0 && min[n - 1] == '0')
        n--;
    min[n > 0 && min[n - 1] == '.' ? n - 1 : n] = '\0';
    return cri_diag_warn(&run->diag,
                         "%s: %llu of its %llu numeric grades (%llu%%) fall in one gpa.numeric "
                         "band (min %s, grade %s): are the grades on another scale than the "
                         "bands (0-20, 0-4)?",
                         path, (unsigned long long)most, (unsigned long long)total,
                         (unsigned long long)(most * 100 / total), min, bd->grade.p);
}

enum cr_status cri_grades_load(struct cr_run *run, const struct cri_input *in, uint32_t file_order)
{
    static const struct cri_table_ops ops = {.table = CRI_TABLE_GRADES,
                                             .item_size = sizeof(struct decoded),
                                             .decode = grade_row_plain,
                                             .merge = grades_merge,
                                             .apply = grades_apply,
                                             .parallel = 1,
                                             .slot_size = sizeof(struct cri_grades_slot),
                                             .slot_clear = cri_grades_slot_clear};
    static const struct cri_table_ops sharded = {.table = CRI_TABLE_GRADES,
                                                 .item_size = sizeof(struct counted),
                                                 .decode = grade_row_plain,
                                                 .merge = grades_merge,
                                                 .parallel = 1,
                                                 .apply_shard = grades_apply_shard,
                                                 .slot_size = sizeof(struct cri_grades_slot),
                                                 .slot_clear = cri_grades_slot_clear};
    /* repeats: all only adds to sums, in any order. */
    int any_order = run->cfg.repeats == CRI_REPEATS_ALL;
    if (alloc_sums(run) != CR_OK)
        return CR_ENOMEM;
    memset(run->numeric_in_band, 0, sizeof run->numeric_in_band);
    struct cri_table_ops read = any_order ? sharded : ops;
    if (run->has_catalog)
        read.decode = grade_row_with_catalog;
    enum cr_status st = cri_table_read(&run->reader, in, file_order, &read, run, NULL);
    return st == CR_OK && run->diag.status == CR_OK ? warn_one_band(run, in->name) : st;
}

enum cr_status cri_grades_finish(struct cr_run *run)
{
    if (alloc_sums(run) != CR_OK)
        return CR_ENOMEM;
    size_t ncp = run->cfg.n_checkpoints;
    for (size_t i = 0; i < run->course_states_cap; i++) {
        const struct cri_course_state *st = &run->course_states[i];
        if (st->key == UINT64_MAX)
            continue;
        uint32_t sid = (uint32_t)(st->key >> 32);
        for (size_t j = 0; j < ncp; j++) {
            const struct cri_attempt *a = &run->attempts[st->attempts + j];
            if (a->term)
                cri_sums_add(cri_sums_of(run, sid, j), a->points_centi, a->weighted_centi,
                             a->credits_milli);
        }
    }
    return CR_OK;
}
