/* groups.c -- a checkpoint's members by (school, cohort): see groups.h. */
#include "write/groups.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/bigmem.h"

/* A member and its group key, read once: the key lives in the student
 * table, far from the outcome. */
struct keyed {
    uint64_t key;
    const struct cri_outcome *o;
};

static void key_list(const struct cr_run *run, const struct cri_outcome *o, size_t n,
                     struct keyed *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i + 16 < n)
            __builtin_prefetch(&run->students[o[i + 16].student]);
        const struct cri_student *s = &run->students[o[i].student];
        out[i] = (struct keyed){(uint64_t)run->school_order[s->school] << 16 | s->cohort, &o[i]};
    }
}

static int in_order(const struct keyed *k, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (k[i].key < k[i - 1].key)
            return 0;
    return 1;
}

/* When the lists are not in group order (district scope): (school, cohort),
 * ranked before excluded, rank, id -- the order a merge gives otherwise. */
static int member_order(const void *pa, const void *pb, void *ctx)
{
    const struct cr_run *run = ctx;
    const struct keyed *x = pa, *y = pb;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    const struct cri_outcome *a = x->o, *b = y->o;
    if (!a->reasons != !b->reasons)
        return a->reasons ? 1 : -1;
    if (a->rank_half != b->rank_half)
        return a->rank_half < b->rank_half ? -1 : 1;
    return run->student_order[a->student] < run->student_order[b->student] ? -1 : 1;
}

/* Start a group at members[first] for key; NULL when out of memory. */
static struct cri_group *add_group(struct cri_groups *out, size_t *cap, uint64_t key, size_t first)
{
    struct cri_group *g = cri_grow(out->groups, cap, out->n_groups + 1, sizeof *g, 256);
    if (!g)
        return NULL;
    out->groups = g;
    g += out->n_groups++;
    *g = (struct cri_group){(uint32_t)(key >> 16), (uint16_t)key, first, 0, 0};
    return g;
}

/* The two lists, each in key order, merged group by group: each group's
 * ranked members, then its excluded ones. */
static enum cr_status merge(const struct keyed *r, size_t nr, const struct keyed *e, size_t ne,
                            struct cri_groups *out)
{
    size_t i = 0, j = 0, m = 0, cap = 0;
    while (i < nr || j < ne) {
        uint64_t key = i < nr && (j == ne || r[i].key <= e[j].key) ? r[i].key : e[j].key;
        struct cri_group *g = add_group(out, &cap, key, m);
        if (!g)
            return CR_ENOMEM;
        for (; i < nr && r[i].key == key; g->n_ranked++)
            out->members[m++] = r[i++].o;
        for (; j < ne && e[j].key == key;)
            out->members[m++] = e[j++].o;
        g->n = m - g->first;
    }
    return CR_OK;
}

/* Members sorted by member_order, gathered group by group. */
static enum cr_status gather(const struct keyed *k, size_t n, struct cri_groups *out)
{
    size_t cap = 0;
    for (size_t i = 0, e; i < n; i = e) {
        struct cri_group *g = add_group(out, &cap, k[i].key, i);
        if (!g)
            return CR_ENOMEM;
        for (e = i; e < n && k[e].key == k[i].key; e++) {
            out->members[e] = k[e].o;
            g->n_ranked += !k[e].o->reasons;
        }
        g->n = e - i;
    }
    return CR_OK;
}

enum cr_status cri_groups_of(const struct cr_run *run, const struct cri_checkpoint *cp,
                             struct cri_groups *out)
{
    memset(out, 0, sizeof *out);
    size_t nr = cp->n_ranked, n = nr + cp->n_excluded;
    struct keyed *k = cri_big_malloc((n + 1) * sizeof *k);
    out->members = cri_big_malloc((n + 1) * sizeof *out->members);
    if (!k || !out->members) {
        free(k);
        return CR_ENOMEM;
    }
    key_list(run, cp->ranked, nr, k);
    key_list(run, cp->excluded, cp->n_excluded, k + nr);
    /* Under school scope both lists already go group by group; under
     * district scope the ranked one goes by cohort alone. */
    enum cr_status st;
    if (in_order(k, nr) && in_order(k + nr, n - nr)) {
        st = merge(k, nr, k + nr, n - nr, out);
    } else {
        qsort_r(k, n, sizeof *k, member_order, (void *)run);
        st = gather(k, n, out);
    }
    free(k);
    return st;
}

void cri_groups_free(struct cri_groups *g)
{
    free(g->members);
    free(g->groups);
    memset(g, 0, sizeof *g);
}
