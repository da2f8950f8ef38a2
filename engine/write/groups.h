/* groups.h -- a checkpoint's members gathered by (school, cohort), for the
 * outputs that report school by school: summary.json and the report. */
#ifndef CRI_GROUPS_H
#define CRI_GROUPS_H

#include "load/records.h"

/* One (school, cohort) at one checkpoint: members[first .. first + n), the
 * ranked ones first (in rank order, then id order), then the excluded ones
 * (in id order). */
struct cri_group {
    uint32_t school_order; /* run->school_order of the school */
    uint16_t cohort;
    size_t first, n_ranked, n;
};

/* Groups sort by this: school order, then cohort. */
static inline uint64_t cri_group_key(const struct cri_group *g)
{
    return (uint64_t)g->school_order << 16 | g->cohort;
}

struct cri_groups {
    const struct cri_outcome **members;
    struct cri_group *groups; /* by school order, then cohort */
    size_t n_groups;
};

/* Gather checkpoint cp's members (cri_rank must have run).  Under school
 * scope the rank and excluded lists already go group by group, so this is
 * one walk along both; under district scope the ranked list goes by cohort
 * alone and the members are sorted.  Returns CR_OK or CR_ENOMEM; free with
 * cri_groups_free (also after a failure). */
enum cr_status cri_groups_of(const struct cr_run *run, const struct cri_checkpoint *cp,
                             struct cri_groups *out);
void cri_groups_free(struct cri_groups *g);

#endif
