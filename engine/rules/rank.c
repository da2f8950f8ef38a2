/* rank.c -- order each class, apply the tie method and pick honors
 * (SPEC "Class, eligibility, rank" and "Honors"). */
#include <stdlib.h>

#include "core/parallel.h"
#include "rules/rules.h"

static int cmp_i64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* >0 when a is ahead of b on key. */
static int key_cmp(const struct cri_config *cfg, enum cri_key key, const struct cri_outcome *a,
                   const struct cri_outcome *b)
{
    switch (key) {
    case CRI_KEY_WEIGHTED:
        if (cfg->compare == CRI_COMPARE_ROUNDED)
            return cmp_i64(a->weighted_rounded, b->weighted_rounded);
        return cri_fraction_cmp(a->sums.weighted, a->sums.credits, b->sums.weighted,
                                b->sums.credits);
    case CRI_KEY_UNWEIGHTED:
        if (cfg->compare == CRI_COMPARE_ROUNDED)
            return cmp_i64(a->unweighted_rounded, b->unweighted_rounded);
        return cri_fraction_cmp(a->sums.unweighted, a->sums.credits, b->sums.unweighted,
                                b->sums.credits);
    case CRI_KEY_CREDITS:
        return cmp_i64(a->sums.credits, b->sums.credits);
    }
    return 0;
}

/* >0 when a ranks ahead of b; 0 when they tie on every key. */
static int standing_cmp(const struct cri_config *cfg, const struct cri_outcome *a,
                        const struct cri_outcome *b)
{
    int c = key_cmp(cfg, cfg->by, a, b);
    for (size_t i = 0; !c && i < cfg->n_tiebreak; i++)
        c = key_cmp(cfg, cfg->tiebreak[i], a, b);
    return c;
}

/* The ranking group: (school, cohort), or the cohort under district scope. */
static int group_cmp(const struct cr_run *run, const struct cri_outcome *a,
                     const struct cri_outcome *b)
{
    const struct cri_student *x = &run->students[a->student], *y = &run->students[b->student];
    if (run->cfg.scope == CRI_SCOPE_SCHOOL && x->school != y->school)
        return cmp_i64(run->school_order[x->school], run->school_order[y->school]);
    return cmp_i64(x->cohort, y->cohort);
}

int cri_same_class(const struct cr_run *run, const struct cri_outcome *a,
                   const struct cri_outcome *b)
{
    return group_cmp(run, a, b) == 0;
}

int cri_outcomes_tie(const struct cr_run *run, const struct cri_outcome *a,
                     const struct cri_outcome *b)
{
    return group_cmp(run, a, b) == 0 && standing_cmp(&run->cfg, a, b) == 0;
}

/* A class is sorted by standing, then by id order. */
static int ranked_order(const void *pa, const void *pb, void *ctx)
{
    const struct cr_run *run = ctx;
    const struct cri_outcome *a = pa, *b = pb;
    int c = -standing_cmp(&run->cfg, a, b);
    return c ? c : cmp_i64(run->student_order[a->student], run->student_order[b->student]);
}

static int meets(const struct cr_run *run, const struct cri_honor *h, const struct cri_outcome *o)
{
    const struct cri_config *cfg = &run->cfg;
    if (h->has_min_gpa) {
        int weighted = (h->gpa_key < 0 ? (int)cfg->by : h->gpa_key) == CRI_KEY_WEIGHTED;
        int ok = cfg->compare == CRI_COMPARE_ROUNDED
                     ? cri_rounded_at_least(weighted ? o->weighted_rounded : o->unweighted_rounded,
                                            cfg->precision, h->min_gpa_micro)
                     : cri_gpa_at_least(weighted ? o->sums.weighted : o->sums.unweighted,
                                        o->sums.credits, h->min_gpa_micro);
        if (!ok)
            return 0;
    }
    /* rank <= top_percent / 100 × class_size, with rank = rank_half / 2 and
     * top_percent = micro / 10^6: rank_half × 10^8 <= 2 × micro × size. */
    if (h->has_top_percent &&
        (cri_i128)o->rank_half * 100000000 > (cri_i128)2 * h->top_percent_micro * o->class_size)
        return 0;
    if (h->has_top_n && (int64_t)o->rank_half > 2 * h->top_n)
        return 0;
    return 1;
}

static void assign_ranks(const struct cr_run *run, struct cri_outcome *g, size_t n)
{
    const struct cri_config *cfg = &run->cfg;
    int32_t dense = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && standing_cmp(cfg, &g[i], &g[j]) == 0)
            j++;
        /* Positions i+1 .. j share one standing. */
        dense++;
        for (size_t t = i; t < j; t++) {
            int32_t rank_half;
            switch (cfg->ties) {
            case CRI_TIES_COMPETITION:
                rank_half = 2 * (int32_t)(i + 1);
                break;
            case CRI_TIES_MODIFIED:
                rank_half = 2 * (int32_t)j;
                break;
            case CRI_TIES_DENSE:
                rank_half = 2 * dense;
                break;
            case CRI_TIES_ORDINAL:
                rank_half = 2 * (int32_t)(t + 1);
                break;
            default: /* fractional: the mean of positions i+1 and j */
                rank_half = (int32_t)(i + 1 + j);
                break;
            }
            g[t].rank_half = rank_half;
            g[t].class_size = (uint32_t)n;
        }
        i = j;
    }
    for (size_t t = 0; t < n; t++) {
        const struct cri_honors_list *list = cri_honors_of(run, run->students[g[t].student].school);
        g[t].honor = -1;
        for (size_t h = 0; h < list->n; h++)
            if (meets(run, &list->items[h], &g[t])) {
                g[t].honor = (int16_t)h;
                break;
            }
    }
}

void cri_rank_class(const struct cr_run *run, struct cri_outcome *class, size_t n)
{
    qsort_r(class, n, sizeof *class, ranked_order, (void *)run);
    assign_ranks(run, class, n);
}

/* Ranking runs as SLICES tasks per checkpoint: each slice orders, ties and
 * honors the classes that start in it.  Slices of the same size keep both
 * threads busy whatever the number of checkpoints (three checkpoints on two
 * threads would leave one idle half the time).  (Until issue 14, a first
 * pass stashed each outcome's class and id order in its class_size, honor
 * and rank_half fields, so the sort read no student record; on the 1M
 * benchmark it gained nothing measurable -- wall 1.016x with it removed,
 * median of 7 pairs -- and went.) */
#define SLICES 8

struct rank_job {
    struct cr_run *run;
    size_t start[CRI_MAX_CHECKPOINTS][SLICES + 1]; /* where each slice's classes begin */
};

/* cri_decide left each class together (in the rank files' class order) and
 * the excluded list in its final order: sort each class by standing. */
static enum cr_status classes_task(void *ctx, size_t i)
{
    struct rank_job *job = ctx;
    const struct cr_run *run = job->run;
    struct cri_checkpoint *cp = &job->run->checkpoints[i / SLICES];
    size_t s = i % SLICES, hi = job->start[i / SLICES][s + 1];
    for (size_t a = job->start[i / SLICES][s]; a < hi;) {
        size_t e = a + 1;
        while (e < hi && group_cmp(run, &cp->ranked[a], &cp->ranked[e]) == 0)
            e++;
        cri_rank_class(run, cp->ranked + a, e - a);
        a = e;
    }
    return CR_OK;
}

enum cr_status cri_rank(struct cr_run *run)
{
    size_t ncp = run->cfg.n_checkpoints, n = ncp * SLICES;
    struct rank_job *job = malloc(sizeof *job);
    if (!job)
        return CR_ENOMEM;
    job->run = run;
    /* Each slice starts at a class start. */
    for (size_t j = 0; j < ncp; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        for (size_t s = 0; s <= SLICES; s++) {
            size_t at = cp->n_ranked * s / SLICES;
            while (at > 0 && at < cp->n_ranked &&
                   group_cmp(run, &cp->ranked[at - 1], &cp->ranked[at]) == 0)
                at++;
            job->start[j][s] = at;
        }
    }
    /* a sort borrows memory for one class only */
    enum cr_status st = cri_parallel(n, run->threads, classes_task, job);
    free(job);
    return st;
}
