/* rules.h -- the district rule on the loaded records: who is a class member
 * and eligible at each checkpoint (decide.c), and the order and ties of
 * each class, with honors (rank.c). */
#ifndef CRI_RULES_H
#define CRI_RULES_H

#include "load/records.h"

/* Settle membership and eligibility at every checkpoint reached: each
 * class member's outcome, ranked or excluded with its reasons.  Frees the
 * per-student sums (the outcomes hold them now). */
enum cr_status cri_decide(struct cr_run *run);

/* Order and tie each class, and give honors. */
enum cr_status cri_rank(struct cr_run *run);

/* Say what makes a well-formed run's result empty or meaningless (SPEC
 * "Warnings"): a checkpoint no cohort reaches, a cohort with no grade row by
 * its first checkpoint, a school with nobody ranked.  After cri_rank. */
enum cr_status cri_warn_meaningless(struct cr_run *run);

/* The names of enum cri_reason's bits, in report order. */
extern const char *const cri_reason_names[CRI_N_REASONS];

/* Class membership of s at checkpoint semester k. */
enum cri_membership { CRI_NOT_MEMBER, CRI_MEMBER_ENROLLED, CRI_MEMBER_DECEMBER };
enum cri_membership cri_membership_of(const struct cr_run *run, const struct cri_student *s, int k);

/* Do two ranked outcomes share a group and tie on every rank key? */
int cri_outcomes_tie(const struct cr_run *run, const struct cri_outcome *a,
                     const struct cri_outcome *b);

#endif
