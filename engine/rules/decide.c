/* decide.c -- class membership and eligibility at each checkpoint
 * (SPEC "Class, eligibility, rank"). */
#include <stdlib.h>
#include <string.h>

#include "core/bigmem.h"
#include "core/parallel.h"
#include "load/roster.h"
#include "rules/rules.h"

const char *const cri_reason_names[CRI_N_REASONS] = {"flagged", "assessment", "consecutive",
                                                     "no_gpa"};

size_t cri_reasons_text(char b[CRI_REASONS_TEXT_MAX], uint8_t reasons)
{
    size_t n = 0;
    for (int i = 0; i < CRI_N_REASONS; i++)
        if (reasons >> i & 1) {
            const size_t len = strlen(cri_reason_names[i]);
            if (n)
                b[n++] = ';';
            memcpy(b + n, cri_reason_names[i], len);
            n += len;
        }
    b[n] = '\0';
    return n;
}

/* Longest run of consecutive enrolled regular semesters at or before term. */
static int longest_run(const struct cri_student *s, cri_term term)
{
    int last = cri_enroll_bit(s, term);
    uint64_t bits = s->enrolled;
    if (last < 0)
        return 0;
    if (last < 63)
        bits &= (2ULL << last) - 1;
    int best = 0, run = 0;
    for (; bits; bits >>= 1) {
        run = bits & 1 ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

/* A string's first eight bytes, big-endian and zero-padded, so comparing
 * two prefixes as integers orders them bytewise (equal prefixes may still
 * differ after them). */
struct prefixed {
    uint64_t prefix;
    uint32_t index;
};

static uint64_t prefix_of(struct cri_str s)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++)
        v = v << 8 | (i < s.n ? (unsigned char)s.p[i] : 0);
    return v;
}

static int cmp_prefixed(const void *pa, const void *pb, void *table)
{
    const struct prefixed *a = pa, *b = pb;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    return cri_intern_cmp(table, a->index, b->index);
}

/* Sort by prefix: least significant 16 bits first, four stable counting
 * passes (a pass every pair shares is skipped, as for ids that all start
 * "00").  Linear, where comparing a million strings is not.  Returns 0 when
 * out of memory. */
static int sort_by_prefix(struct prefixed *a, size_t n)
{
    struct prefixed *tmp = cri_big_malloc((n + 1) * sizeof *tmp);
    uint32_t *start = malloc(65536 * sizeof *start);
    if (!tmp || !start) {
        free(tmp);
        free(start);
        return 0;
    }
    for (int shift = 0; shift < 64; shift += 16) {
        memset(start, 0, 65536 * sizeof *start);
        for (size_t i = 0; i < n; i++)
            start[a[i].prefix >> shift & 0xFFFF]++;
        if (n && start[a[0].prefix >> shift & 0xFFFF] == n)
            continue;
        uint32_t sum = 0;
        for (size_t d = 0; d < 65536; d++) {
            uint32_t c = start[d];
            start[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[start[a[i].prefix >> shift & 0xFFFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
    free(tmp);
    free(start);
    return 1;
}

/* order[i] = position of string i of the table in bytewise order. */
static uint32_t *bytewise_order(const struct cri_intern *table)
{
    size_t n = table->count;
    struct prefixed *perm = cri_big_malloc((n + 1) * sizeof *perm);
    uint32_t *order = cri_big_malloc((n + 1) * sizeof *order);
    if (!perm || !order) {
        free(perm);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = (struct prefixed){prefix_of(cri_intern_str(table, (uint32_t)i)), (uint32_t)i};
    if (!sort_by_prefix(perm, n)) {
        free(perm);
        free(order);
        return NULL;
    }
    /* Strings sharing a prefix are ordered by what follows it. */
    for (size_t i = 0, e; i < n; i = e) {
        for (e = i + 1; e < n && perm[e].prefix == perm[i].prefix; e++)
            ;
        if (e - i > 1)
            qsort_r(perm + i, e - i, sizeof *perm, cmp_prefixed, (void *)table);
    }
    for (size_t i = 0; i < n; i++)
        order[perm[i].index] = (uint32_t)i;
    free(perm);
    return order;
}

/* Stable counting sort of the students in `in` by key[student] < n_keys. */
static int sort_by_key(const uint32_t *key, const uint32_t *in, uint32_t *out, size_t n,
                       size_t n_keys)
{
    uint32_t *start = calloc(n_keys + 1, sizeof *start);
    if (!start)
        return 0;
    for (size_t i = 0; i < n; i++)
        start[key[in[i]] + 1]++;
    for (size_t k = 1; k <= n_keys; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < n; i++)
        out[start[key[in[i]]]++] = in[i];
    free(start);
    return 1;
}

/* The students in (cohort, id) order, or in (school, cohort, id) order:
 * counting sorts, stable, from the id order, so no comparisons.  The keys
 * are gathered first, in table order: the sorts then read 4 bytes a
 * student, not the student table at random. */
static uint32_t *class_order(const struct cr_run *run, int by_school)
{
    size_t n = cri_n_students(run);
    uint32_t *a = cri_big_malloc((n + 1) * sizeof *a), *b = cri_big_malloc((n + 1) * sizeof *b);
    uint32_t *key = cri_big_malloc((n + 1) * sizeof *key);
    if (!a || !b || !key)
        goto fail;
    for (size_t i = 0; i < n; i++)
        a[run->student_order[i]] = (uint32_t)i;
    for (size_t i = 0; i < n; i++)
        key[i] = run->students[i].cohort;
    if (!sort_by_key(key, a, b, n, UINT16_MAX + 1))
        goto fail;
    if (by_school) {
        for (size_t i = 0; i < n; i++)
            key[i] = run->school_order[run->students[i].school];
        if (!sort_by_key(key, b, a, n, run->schools.count))
            goto fail;
        free(b);
        free(key);
        return a;
    }
    free(a);
    free(key);
    return b;
fail:
    free(a);
    free(b);
    free(key);
    return NULL;
}

enum cri_membership cri_membership_of(const struct cr_run *run, const struct cri_student *s, int k)
{
    cri_term term = cri_term_of_semester(s->cohort, k);
    if (cri_student_enrolled_in(s, term))
        return CRI_MEMBER_ENROLLED;
    if (k == 8 && run->cfg.include_december_graduates && s->grad_term &&
        s->grad_term == cri_term_of_semester(s->cohort, 7))
        return CRI_MEMBER_DECEMBER;
    return CRI_NOT_MEMBER;
}

/* What student s is at checkpoint j: NOT_MEMBER, or a member with the
 * reasons it is not ranked (0: ranked).  credits are its credits there. */
#define NOT_MEMBER CRI_NOT_A_MEMBER

static uint8_t member_code(const struct cr_run *run, const struct cri_student *s, size_t j,
                           int64_t credits)
{
    const struct cri_config *cfg = &run->cfg;
    int k = cfg->checkpoints[j];
    cri_term term = cri_term_of_semester(s->cohort, k);
    if (!s->selected || term > run->as_of || cri_membership_of(run, s, k) == CRI_NOT_MEMBER)
        return NOT_MEMBER;
    uint8_t reasons = 0;
    if (s->flagged)
        reasons |= CRI_REASON_FLAGGED;
    if (!(cfg->assessment_mask >> s->assessment & 1) ||
        (s->assessment_term && s->assessment_term > term))
        reasons |= CRI_REASON_ASSESSMENT;
    if (longest_run(s, term) < cfg->consecutive_semesters)
        reasons |= CRI_REASON_CONSECUTIVE;
    if (credits == 0)
        reasons |= CRI_REASON_NO_GPA;
    return reasons;
}

static void fill_outcome(const struct cr_run *run, uint32_t student, const struct cri_sums *sums,
                         uint8_t reasons, struct cri_outcome *o)
{
    const struct cri_config *cfg = &run->cfg;
    *o = (struct cri_outcome){.student = student, .honor = -1, .reasons = reasons};
    o->sums = *sums;
    if (sums->credits > 0) {
        o->weighted_rounded =
            cri_gpa_round(sums->weighted, sums->credits, cfg->precision, cfg->rounding);
        o->unweighted_rounded =
            cri_gpa_round(sums->unweighted, sums->credits, cfg->precision, cfg->rounding);
    }
}

uint8_t cri_decide_one(const struct cr_run *run, uint32_t student, const struct cri_student *s,
                       size_t j, const struct cri_sums *sums, struct cri_outcome *o)
{
    uint8_t code = member_code(run, s, j, sums->credits);
    if (code != NOT_MEMBER)
        fill_outcome(run, student, sums, code, o);
    return code;
}

/* Deciding runs in two steps, so that the student table is read in its
 * own order, not in class order (random in memory, and it used to be read
 * once per checkpoint):
 *
 *  1. by ranges of students, in table order: each student's code at every
 *     checkpoint, and how many ranked and excluded members each slice of
 *     the class orders holds;
 *  2. by slices of the class orders: the outcomes, each slice writing its
 *     own part of the lists (known from step 1), reading only the codes and
 *     the sums of its students.
 *
 * The excluded lists are in (school, cohort, id) order, the ranked ones
 * with each class together in id order (rank.c sorts each class by
 * standing): under school scope both follow by_school, under district
 * scope the ranked ones follow by_class.  The slices change nothing in the
 * lists, only who fills which part. */
#define SLICES 16

struct decide_job {
    struct cr_run *run;
    size_t n, ncp, slice_len;
    uint8_t *codes;                      /* n × ncp */
    uint8_t *school_slice, *class_slice; /* a student's slice of by_school, by_class */
    /* step 1: per range of students, per slice and checkpoint, the members
     * counted: [range][slice][j][0 ranked, 1 excluded]; step 2: where each
     * slice writes (range 0 holds the offsets) */
    size_t *counts;
    int reached[SLICES][CRI_MAX_CHECKPOINTS];
};

static size_t *count_of(struct decide_job *job, size_t range, size_t slice, size_t j, int excluded)
{
    return &job->counts[((range * SLICES + slice) * job->ncp + j) * 2 + (size_t)excluded];
}

static enum cr_status code_task(void *ctx, size_t range)
{
    struct decide_job *job = ctx;
    struct cr_run *run = job->run;
    size_t lo = job->n * range / SLICES, hi = job->n * (range + 1) / SLICES;
    for (size_t i = lo; i < hi; i++) {
        const struct cri_student *s = &run->students[i];
        for (size_t j = 0; j < job->ncp; j++) {
            uint8_t c = member_code(run, s, j, cri_sums_of(run, (uint32_t)i, j)->credits);
            job->codes[i * job->ncp + j] = c;
            job->reached[range][j] |=
                s->selected &&
                cri_term_of_semester(s->cohort, run->cfg.checkpoints[j]) <= run->as_of;
            if (c == NOT_MEMBER)
                continue;
            uint8_t slice = c ? job->school_slice[i] : job->class_slice[i];
            (*count_of(job, range, slice, j, c != 0))++;
        }
    }
    return CR_OK;
}

/* Step 2 for slice `slice` of one order: excluded members (by_school) and,
 * when the order is also the ranked lists' order, ranked ones. */
static void emit_slice(struct decide_job *job, const uint32_t *order, size_t slice, int ranked,
                       int excluded)
{
    struct cr_run *run = job->run;
    size_t lo = slice * job->slice_len, hi = lo + job->slice_len;
    if (hi > job->n)
        hi = job->n;
    size_t at[CRI_MAX_CHECKPOINTS][2];
    for (size_t j = 0; j < job->ncp; j++) {
        at[j][0] = *count_of(job, 0, slice, j, 0);
        at[j][1] = *count_of(job, 0, slice, j, 1);
    }
    for (size_t t = lo; t < hi; t++) {
        if (t + 16 < hi) /* the sums, in class order, are far apart */
            __builtin_prefetch(cri_sums_of(run, order[t + 16], 0));
        uint32_t sid = order[t];
        for (size_t j = 0; j < job->ncp; j++) {
            uint8_t c = job->codes[(size_t)sid * job->ncp + j];
            if (c == NOT_MEMBER || (c ? !excluded : !ranked))
                continue;
            struct cri_checkpoint *cp = &run->checkpoints[j];
            struct cri_outcome *o = c ? &cp->excluded[at[j][1]++] : &cp->ranked[at[j][0]++];
            fill_outcome(run, sid, cri_sums_of(run, sid, j), c, o);
        }
    }
}

/* Tasks [0, SLICES): slices of by_school; [SLICES, 2 SLICES): of by_class,
 * under district scope only. */
static enum cr_status emit_task(void *ctx, size_t i)
{
    struct decide_job *job = ctx;
    int one_order = job->run->by_class == job->run->by_school;
    if (i < SLICES)
        emit_slice(job, job->run->by_school, i, one_order, 1);
    else
        emit_slice(job, job->run->by_class, i - SLICES, 1, 0);
    return CR_OK;
}

static uint8_t *slices_of(const uint32_t *order, size_t n, size_t slice_len)
{
    uint8_t *slice = malloc(n + 1);
    for (size_t t = 0; slice && t < n; t++)
        slice[order[t]] = (uint8_t)(t / slice_len);
    return slice;
}

static enum cr_status decide_checkpoints(struct cr_run *run, int threads)
{
    size_t n = cri_n_students(run), ncp = run->cfg.n_checkpoints;
    struct decide_job job = {.run = run, .n = n, .ncp = ncp};
    job.slice_len = n / SLICES + 1;
    job.codes = cri_big_malloc(n * ncp + 1);
    job.counts = calloc(SLICES * SLICES * ncp * 2, sizeof *job.counts);
    job.school_slice = slices_of(run->by_school, n, job.slice_len);
    job.class_slice = run->by_class == run->by_school ? job.school_slice
                                                      : slices_of(run->by_class, n, job.slice_len);
    enum cr_status st = CR_ENOMEM;
    if (!job.codes || !job.counts || !job.school_slice || !job.class_slice)
        goto done;
    if ((st = cri_parallel(SLICES, threads, code_task, &job)) != CR_OK)
        goto done;
    /* Each slice's part of each list: the members of the slices before it. */
    for (size_t j = 0; j < ncp; j++) {
        struct cri_checkpoint *cp = &run->checkpoints[j];
        cp->k = run->cfg.checkpoints[j];
        size_t total[2] = {0, 0};
        for (size_t slice = 0; slice < SLICES; slice++)
            for (int x = 0; x < 2; x++) {
                size_t c = 0;
                for (size_t range = 0; range < SLICES; range++)
                    c += *count_of(&job, range, slice, j, x);
                *count_of(&job, 0, slice, j, x) = total[x];
                total[x] += c;
            }
        for (size_t range = 0; range < SLICES; range++)
            cp->reached |= job.reached[range][j];
        cp->n_ranked = total[0];
        cp->n_excluded = total[1];
        cp->ranked = cri_big_malloc((total[0] + 1) * sizeof *cp->ranked);
        cp->excluded = cri_big_malloc((total[1] + 1) * sizeof *cp->excluded);
        if (!cp->ranked || !cp->excluded)
            goto done;
    }
    st = cri_parallel(run->by_class == run->by_school ? SLICES : 2 * SLICES, threads, emit_task,
                      &job);
done:
    free(job.codes);
    free(job.counts);
    if (job.class_slice != job.school_slice)
        free(job.class_slice);
    free(job.school_slice);
    return st;
}

/* Task 0 puts the student ids in bytewise order, task 1 the school ids
 * (and finds each school's honors list). */
static enum cr_status order_task(void *ctx, size_t i)
{
    struct cr_run *run = ctx;
    if (i == 0)
        return (run->student_order = bytewise_order(&run->ids)) ? CR_OK : CR_ENOMEM;
    size_t n = run->schools.count;
    const struct cri_honors_list **honors = malloc((n + 1) * sizeof *honors);
    if (!honors)
        return CR_ENOMEM;
    for (uint32_t s = 0; s < n; s++)
        honors[s] = cri_honors_of(run, s);
    run->school_honors = honors;
    return (run->school_order = bytewise_order(&run->schools)) ? CR_OK : CR_ENOMEM;
}

enum cr_status cri_decide(struct cr_run *run)
{
    int threads = run->threads;
    enum cr_status st = cri_parallel(2, threads, order_task, run);
    if (st != CR_OK)
        return st;
    run->by_school = class_order(run, 1);
    if (!run->by_school)
        return CR_ENOMEM;
    if (run->cfg.scope == CRI_SCOPE_SCHOOL)
        run->by_class = run->by_school;
    else if (!(run->by_class = class_order(run, 0)))
        return CR_ENOMEM;
    st = decide_checkpoints(run, threads);
    if (run->by_class != run->by_school)
        free(run->by_class);
    free(run->by_school);
    run->by_class = run->by_school = NULL;
    /* The outcomes now hold the sums: give back 24 bytes per student and
     * checkpoint before ranking and writing need their memory. */
    free(run->sums);
    run->sums = NULL;
    return st;
}
