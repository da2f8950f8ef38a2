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

/* Room for the longest reasons text and its NUL: all four names with
 * their separators are 38 bytes. */
#define CRI_REASONS_TEXT_MAX 64

/* The reason bits as the excluded file writes them: the names in report
 * order joined by ';', into b (CRI_REASONS_TEXT_MAX bytes), NUL-ended.
 * Returns the length. */
size_t cri_reasons_text(char b[CRI_REASONS_TEXT_MAX], uint8_t reasons);

/* Class membership of s at checkpoint semester k. */
enum cri_membership { CRI_NOT_MEMBER, CRI_MEMBER_ENROLLED, CRI_MEMBER_DECEMBER };
enum cri_membership cri_membership_of(const struct cr_run *run, const struct cri_student *s, int k);

/* Where a ranked student stands (SPEC "Where a student stands"):
 * ceil(100 x rank / class_size) in integers, a fractional rank's half
 * exact.  rank_half is the rank x 2, as in struct cri_outcome. */
static inline uint32_t cri_top_percent(int32_t rank_half, uint32_t class_size)
{
    uint64_t den = 2 * (uint64_t)class_size;
    return den ? (uint32_t)((100 * (uint64_t)rank_half + den - 1) / den) : 0;
}

/* Order, tie and honor one class (its ranked outcomes), as cri_rank does
 * each: the what-if query ranks a class with one student changed. */
void cri_rank_class(const struct cr_run *run, struct cri_outcome *class, size_t n);

/* Are two outcomes' students in one ranking group (school and cohort, or
 * the cohort under district scope)? */
int cri_same_class(const struct cr_run *run, const struct cri_outcome *a,
                   const struct cri_outcome *b);

/* A student's standing at checkpoint index j with the given sums, as
 * cri_decide settles it: CRI_NOT_A_MEMBER, or the reasons they are not
 * ranked (0: ranked), with *o filled (rounded GPAs). */
#define CRI_NOT_A_MEMBER 0xFF
uint8_t cri_decide_one(const struct cr_run *run, uint32_t student, const struct cri_student *s,
                       size_t j, const struct cri_sums *sums, struct cri_outcome *o);

/* Do two ranked outcomes share a group and tie on every rank key? */
int cri_outcomes_tie(const struct cr_run *run, const struct cri_outcome *a,
                     const struct cri_outcome *b);

#endif
