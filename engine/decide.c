/* decide.c -- class membership and eligibility at each checkpoint
 * (SPEC "Class, eligibility, rank"). */
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "run.h"

/* Longest run of consecutive enrolled regular semesters at or before term. */
static int longest_run(const struct cri_student *s, cri_term term)
{
    int last = cri_term_regular_index(term) -
               cri_term_regular_index(cri_term_of_semester(s->cohort, 1)) + CRI_ENROLL_SEM1_BIT;
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
    struct prefixed *tmp = malloc((n + 1) * sizeof *tmp);
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
    struct prefixed *perm = malloc((n + 1) * sizeof *perm);
    uint32_t *order = malloc((n + 1) * sizeof *order);
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

/* Stable counting sort of the students in `in` by key(student) < n_keys. */
static int sort_by_key(const struct cr_run *run, const uint32_t *in, uint32_t *out, size_t n,
                       size_t n_keys, int by_school)
{
    uint32_t *start = calloc(n_keys + 1, sizeof *start);
    if (!start)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const struct cri_student *s = &run->students[in[i]];
        start[(by_school ? run->school_order[s->school] : s->cohort) + 1]++;
    }
    for (size_t k = 1; k <= n_keys; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < n; i++) {
        const struct cri_student *s = &run->students[in[i]];
        out[start[by_school ? run->school_order[s->school] : s->cohort]++] = in[i];
    }
    free(start);
    return 1;
}

/* The students in (cohort, id) order, or in (school, cohort, id) order:
 * counting sorts, stable, from the id order, so no comparisons. */
static uint32_t *class_order(const struct cr_run *run, int by_school)
{
    size_t n = cri_n_students(run);
    uint32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    if (!a || !b)
        goto fail;
    for (size_t i = 0; i < n; i++)
        a[run->student_order[i]] = (uint32_t)i;
    if (!sort_by_key(run, a, b, n, UINT16_MAX + 1, 0))
        goto fail;
    if (by_school) {
        if (!sort_by_key(run, b, a, n, run->schools.count, 1))
            goto fail;
        free(b);
        return a;
    }
    free(a);
    return b;
fail:
    free(a);
    free(b);
    return NULL;
}

enum cri_membership cri_membership_of(const struct cr_run *run, const struct cri_student *s,
                                      int k)
{
    cri_term term = cri_term_of_semester(s->cohort, k);
    if (cri_student_enrolled_in(s, term))
        return CRI_MEMBER_ENROLLED;
    if (k == 8 && run->cfg.include_december_graduates && s->grad_term &&
        s->grad_term == cri_term_of_semester(s->cohort, 7))
        return CRI_MEMBER_DECEMBER;
    return CRI_NOT_MEMBER;
}

/* Whether student i is a member of checkpoint j's class, and then its
 * outcome: sums, rounded GPAs and the reasons it is not ranked. */
static int member_outcome(struct cr_run *run, uint32_t i, size_t j, struct cri_outcome *o)
{
    const struct cri_config *cfg = &run->cfg;
    const struct cri_student *s = &run->students[i];
    int k = cfg->checkpoints[j];
    cri_term term = cri_term_of_semester(s->cohort, k);
    if (!s->selected || term > run->as_of || cri_membership_of(run, s, k) == CRI_NOT_MEMBER)
        return 0;
    *o = (struct cri_outcome){.student = i, .honor = -1};
    o->sums = *cri_sums_of(run, i, j);
    if (s->flagged)
        o->reasons |= CRI_REASON_FLAGGED;
    if (!(cfg->assessment_mask >> s->assessment & 1) ||
        (s->assessment_term && s->assessment_term > term))
        o->reasons |= CRI_REASON_ASSESSMENT;
    if (longest_run(s, term) < cfg->consecutive_semesters)
        o->reasons |= CRI_REASON_CONSECUTIVE;
    if (o->sums.credits == 0)
        o->reasons |= CRI_REASON_NO_GPA;
    if (o->sums.credits > 0) {
        o->weighted_rounded =
            cri_gpa_round(o->sums.weighted, o->sums.credits, cfg->precision, cfg->rounding);
        o->unweighted_rounded =
            cri_gpa_round(o->sums.unweighted, o->sums.credits, cfg->precision, cfg->rounding);
    }
    return 1;
}

/* Students are visited in class order, which is random in memory: ask for
 * the student and its sums some iterations ahead. */
static void prefetch_student(struct cr_run *run, const uint32_t *order, size_t t, size_t n,
                             size_t j)
{
    if (t < n) {
        __builtin_prefetch(&run->students[order[t]]);
        __builtin_prefetch(cri_sums_of(run, order[t], j));
    }
}

/* The members of checkpoint j, ranked or excluded with their reasons.  The
 * excluded list comes out in its final order (school, cohort, id); the
 * ranked one with each class together, in id order (rank.c sorts each
 * class by standing). */
static enum cr_status decide_checkpoint(struct cr_run *run, size_t j)
{
    size_t n = cri_n_students(run);
    struct cri_checkpoint *cp = &run->checkpoints[j];
    int k = cp->k = run->cfg.checkpoints[j];
    size_t n_ranked = 0, n_excluded = 0, members = 0;
    /* Size the lists to the class members: memory follows the classes
     * that reach this checkpoint, not the whole roster. */
    for (uint32_t i = 0; i < n; i++) {
        const struct cri_student *s = &run->students[i];
        int reached = s->selected && cri_term_of_semester(s->cohort, k) <= run->as_of;
        cp->reached |= reached;
        members += reached && cri_membership_of(run, s, k) != CRI_NOT_MEMBER;
    }
    struct cri_outcome *ranked = malloc((members + 1) * sizeof *ranked);
    struct cri_outcome *excluded = malloc((members + 1) * sizeof *excluded);
    cp->ranked = ranked;
    cp->excluded = excluded;
    if (!ranked || !excluded)
        return CR_ENOMEM;
    /* Under school scope one pass fills both lists; under district scope
     * the classes go in another order than the excluded list. */
    int one_pass = run->by_class == run->by_school;
    struct cri_outcome o;
    for (size_t t = 0; t < n; t++) {
        prefetch_student(run, run->by_school, t + 16, n, j);
        if (!member_outcome(run, run->by_school[t], j, &o))
            continue;
        if (o.reasons)
            excluded[n_excluded++] = o;
        else if (one_pass)
            ranked[n_ranked++] = o;
    }
    for (size_t t = 0; !one_pass && t < n; t++) {
        prefetch_student(run, run->by_class, t + 16, n, j);
        if (member_outcome(run, run->by_class[t], j, &o) && !o.reasons)
            ranked[n_ranked++] = o;
    }
    cp->n_ranked = n_ranked;
    cp->n_excluded = n_excluded;
    return CR_OK;
}

/* Tasks 0 and 1 put the student ids and the school ids in bytewise order. */
static enum cr_status order_task(void *ctx, size_t i)
{
    struct cr_run *run = ctx;
    if (i == 0)
        return (run->student_order = bytewise_order(&run->ids)) ? CR_OK : CR_ENOMEM;
    return (run->school_order = bytewise_order(&run->schools)) ? CR_OK : CR_ENOMEM;
}

static enum cr_status decide_task(void *ctx, size_t j)
{
    return decide_checkpoint(ctx, j);
}

enum cr_status cri_decide(struct cr_run *run)
{
    int threads = cri_thread_count(run);
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
    st = cri_parallel(run->cfg.n_checkpoints, threads, decide_task, run);
    if (run->by_class != run->by_school)
        free(run->by_class);
    free(run->by_school);
    run->by_class = run->by_school = NULL;
    /* The outcomes now hold the sums: give back 24 bytes per student and
     * checkpoint before ranking and writing need their memory. */
    if (run->explain_student != CRI_NONE)
        for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
            run->explain_sums[j] = *cri_sums_of(run, run->explain_student, j);
    free(run->sums);
    run->sums = NULL;
    return st;
}
