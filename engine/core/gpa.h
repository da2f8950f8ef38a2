/* gpa.h -- exact GPA arithmetic.
 *
 * A GPA is the fraction Σ(points_centi × credits_milli) / (100 × Σ credits_milli).
 * Sums are 64-bit; products that compare or round two of them are 128-bit,
 * so no GPA decision ever goes through floating point. */
#ifndef CRI_GPA_H
#define CRI_GPA_H

#include <stdint.h>

#include "core/term.h"

/* The repeat rules (gpa.repeats) and the rounding modes (gpa.rounding). */
enum cri_repeats { CRI_REPEATS_ALL, CRI_REPEATS_LATEST, CRI_REPEATS_HIGHEST };
enum cri_rounding { CRI_ROUND_HALF_UP, CRI_ROUND_HALF_EVEN, CRI_ROUND_TRUNCATE };

__extension__ typedef __int128 cri_i128;

/* The running sums of one student at one checkpoint. */
struct cri_sums {
    int64_t weighted;   /* Σ weighted points_centi × credits_milli */
    int64_t unweighted; /* Σ points_centi × credits_milli */
    int64_t credits;    /* Σ credits_milli */
};

/* One attempt at a course, as the repeat rules see it. */
struct cri_attempt {
    cri_term term; /* 0: no attempt */
    int32_t points_centi;
    int32_t weighted_centi;
    int32_t credits_milli;
};

static inline void cri_sums_add(struct cri_sums *s, int32_t points_centi, int32_t weighted_centi,
                                int32_t credits_milli)
{
    s->unweighted += (int64_t)points_centi * credits_milli;
    s->weighted += (int64_t)weighted_centi * credits_milli;
    s->credits += credits_milli;
}

/* Compare the fractions an/ad and bn/bd (ad, bd > 0): <0, 0, >0. */
int cri_fraction_cmp(int64_t an, int64_t ad, int64_t bn, int64_t bd);

/* The GPA num / (100 × credits_milli) rounded to `precision` decimals, as an
 * integer scaled by 10^precision.  credits_milli must be > 0. */
int64_t cri_gpa_round(int64_t num, int64_t credits_milli, int precision, enum cri_rounding mode);

/* Is num / (100 × credits_milli) >= threshold_micro / 10^6 ? */
int cri_gpa_at_least(int64_t num, int64_t credits_milli, int64_t threshold_micro);

/* Is rounded / 10^precision >= threshold_micro / 10^6 ? */
int cri_rounded_at_least(int64_t rounded, int precision, int64_t threshold_micro);

/* Does attempt a win over b under the repeat mode (latest or highest)?
 * Both must be real attempts.  Ties (equal on every rule) return 0. */
int cri_attempt_beats(enum cri_repeats mode, const struct cri_attempt *a,
                      const struct cri_attempt *b);

#endif
