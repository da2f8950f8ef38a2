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

static int cmp_interned(const void *a, const void *b, void *table)
{
    return cri_intern_cmp(table, *(const uint32_t *)a, *(const uint32_t *)b);
}

/* order[i] = position of string i of the table in bytewise order. */
static uint32_t *bytewise_order(const struct cri_intern *table)
{
    size_t n = table->count;
    uint32_t *perm = malloc((n + 1) * sizeof *perm), *order = malloc((n + 1) * sizeof *order);
    if (!perm || !order) {
        free(perm);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = (uint32_t)i;
    qsort_r(perm, n, sizeof *perm, cmp_interned, (void *)table);
    for (size_t i = 0; i < n; i++)
        order[perm[i]] = (uint32_t)i;
    free(perm);
    return order;
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

/* The members of checkpoint j, ranked or excluded with their reasons. */
static enum cr_status decide_checkpoint(struct cr_run *run, size_t j)
{
    const struct cri_config *cfg = &run->cfg;
    size_t n = cri_n_students(run);
    struct cri_checkpoint *cp = &run->checkpoints[j];
    int k = cp->k = cfg->checkpoints[j];
    size_t n_ranked = 0, n_excluded = 0, members = 0;
    /* Size the lists to the class members: memory follows the classes
     * that reach this checkpoint, not the whole roster. */
    for (uint32_t i = 0; i < n; i++) {
        const struct cri_student *s = &run->students[i];
        members += s->selected && cri_term_of_semester(s->cohort, k) <= run->as_of &&
                   cri_membership_of(run, s, k) != CRI_NOT_MEMBER;
    }
    struct cri_outcome *ranked = malloc((members + 1) * sizeof *ranked);
    struct cri_outcome *excluded = malloc((members + 1) * sizeof *excluded);
    cp->ranked = ranked;
    cp->excluded = excluded;
    if (!ranked || !excluded)
        return CR_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        const struct cri_student *s = &run->students[i];
        if (!s->selected)
            continue;
        cri_term term = cri_term_of_semester(s->cohort, k);
        if (term > run->as_of)
            continue;
        cp->reached = 1;
        if (cri_membership_of(run, s, k) == CRI_NOT_MEMBER)
            continue;
        struct cri_outcome o = {.student = i, .honor = -1};
        o.sums = *cri_sums_of(run, i, j);
        if (s->flagged)
            o.reasons |= CRI_REASON_FLAGGED;
        if (!(cfg->assessment_mask >> s->assessment & 1) ||
            (s->assessment_term && s->assessment_term > term))
            o.reasons |= CRI_REASON_ASSESSMENT;
        if (longest_run(s, term) < cfg->consecutive_semesters)
            o.reasons |= CRI_REASON_CONSECUTIVE;
        if (o.sums.credits == 0)
            o.reasons |= CRI_REASON_NO_GPA;
        if (o.sums.credits > 0) {
            o.weighted_rounded =
                cri_gpa_round(o.sums.weighted, o.sums.credits, cfg->precision, cfg->rounding);
            o.unweighted_rounded =
                cri_gpa_round(o.sums.unweighted, o.sums.credits, cfg->precision, cfg->rounding);
        }
        if (o.reasons)
            excluded[n_excluded++] = o;
        else
            ranked[n_ranked++] = o;
    }
    cp->n_ranked = n_ranked;
    cp->n_excluded = n_excluded;
    return CR_OK;
}

/* Tasks: 0 and 1 put the student ids and the school ids in bytewise order;
 * 2.. decide one checkpoint each.  All independent of each other. */
static enum cr_status decide_task(void *ctx, size_t i)
{
    struct cr_run *run = ctx;
    if (i == 0)
        return (run->student_order = bytewise_order(&run->ids)) ? CR_OK : CR_ENOMEM;
    if (i == 1)
        return (run->school_order = bytewise_order(&run->schools)) ? CR_OK : CR_ENOMEM;
    return decide_checkpoint(run, i - 2);
}

enum cr_status cri_decide(struct cr_run *run)
{
    return cri_parallel(2 + run->cfg.n_checkpoints, cri_thread_count(run), decide_task, run);
}
