/* groups.c -- a checkpoint's members by (school, cohort): see groups.h. */
#include "groups.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>

static uint64_t group_key(const struct cr_run *run, const struct cri_outcome *o)
{
    const struct cri_student *s = &run->students[o->student];
    return (uint64_t)run->school_order[s->school] << 16 | s->cohort;
}

/* When the lists are not in group order (district scope): (school, cohort),
 * ranked before excluded, rank, id -- the order merge_lists gives otherwise. */
static int member_order(const void *pa, const void *pb, void *ctx)
{
    const struct cr_run *run = ctx;
    const struct cri_outcome *a = *(const struct cri_outcome *const *)pa;
    const struct cri_outcome *b = *(const struct cri_outcome *const *)pb;
    uint64_t ka = group_key(run, a), kb = group_key(run, b);
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (!a->reasons != !b->reasons)
        return a->reasons ? 1 : -1;
    if (a->rank_half != b->rank_half)
        return a->rank_half < b->rank_half ? -1 : 1;
    return run->student_order[a->student] < run->student_order[b->student] ? -1 : 1;
}

/* Both lists, group by group as far as they go that way (under school
 * scope, all the way): each group's ranked members, then its excluded ones. */
static void merge_lists(const struct cr_run *run, const struct cri_checkpoint *cp,
                        const struct cri_outcome **m)
{
    size_t r = 0, e = 0, k = 0;
    while (r < cp->n_ranked || e < cp->n_excluded) {
        uint64_t kr = r < cp->n_ranked ? group_key(run, &cp->ranked[r]) : UINT64_MAX;
        uint64_t ke = e < cp->n_excluded ? group_key(run, &cp->excluded[e]) : UINT64_MAX;
        uint64_t key = kr < ke ? kr : ke;
        for (; r < cp->n_ranked && kr == key;
             kr = ++r < cp->n_ranked ? group_key(run, &cp->ranked[r]) : UINT64_MAX)
            m[k++] = &cp->ranked[r];
        for (; e < cp->n_excluded && ke == key;
             ke = ++e < cp->n_excluded ? group_key(run, &cp->excluded[e]) : UINT64_MAX)
            m[k++] = &cp->excluded[e];
    }
}

/* Whether m[0..n) goes group by group in increasing key order. */
static int grouped(const struct cr_run *run, const struct cri_outcome **m, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (group_key(run, m[i]) < group_key(run, m[i - 1]))
            return 0;
    return 1;
}

enum cr_status cri_groups_of(const struct cr_run *run, const struct cri_checkpoint *cp,
                             struct cri_groups *out)
{
    memset(out, 0, sizeof *out);
    size_t n = cp->n_ranked + cp->n_excluded, cap = 0;
    const struct cri_outcome **m = malloc((n + 1) * sizeof *m);
    out->members = m;
    if (!m)
        return CR_ENOMEM;
    merge_lists(run, cp, m);
    /* Under district scope the ranked list goes by cohort alone. */
    if (!grouped(run, m, n))
        qsort_r(m, n, sizeof *m, member_order, (void *)run);
    for (size_t i = 0; i < n;) {
        uint64_t key = group_key(run, m[i]);
        struct cri_group *g = cri_grow(out->groups, &cap, out->n_groups + 1, sizeof *g, 256);
        if (!g)
            return CR_ENOMEM;
        out->groups = g;
        g += out->n_groups++;
        *g = (struct cri_group){(uint32_t)(key >> 16), (uint16_t)key, i, 0, 0};
        size_t e = i;
        for (; e < n && group_key(run, m[e]) == key; e++)
            g->n_ranked += !m[e]->reasons;
        g->n = e - i;
        i = e;
    }
    return CR_OK;
}

void cri_groups_free(struct cri_groups *g)
{
    free(g->members);
    free(g->groups);
    memset(g, 0, sizeof *g);
}
