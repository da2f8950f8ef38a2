/* warnings.c -- well-formed inputs that give an empty or meaningless result
 * (SPEC "Warnings"), found once the classes are ranked.  A warning changes
 * no output; under --strict the API layer makes each one an error.
 *
 * The scale warning (numeric grades in one band) is the grade reader's, per
 * file: load/grades.c.  The order here is fixed (checkpoints, then cohorts,
 * then schools in bytewise order), so the list is the same for any thread
 * count or input order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define SHOWN 8 /* cohorts named in one message */

/* The cohorts of the students run (--cohort), ascending. */
static size_t roster_cohorts(const struct cr_run *run, uint16_t out[10000])
{
    static const size_t words = (10000 + 63) / 64;
    uint64_t seen[(10000 + 63) / 64] = {0};
    for (size_t i = 0; i < cri_n_students(run); i++) {
        const struct cri_student *s = &run->students[i];
        if (s->selected)
            seen[s->cohort / 64] |= 1ull << (s->cohort % 64);
    }
    size_t n = 0;
    for (size_t w = 0; w < words; w++)
        for (uint64_t m = seen[w]; m; m &= m - 1)
            out[n++] = (uint16_t)(w * 64 + (size_t)__builtin_ctzll(m));
    return n;
}

/* A checkpoint no cohort reaches by the as-of term: its files are empty.
 * Name the term each cohort would need. */
static enum cr_status warn_unreached(struct cr_run *run, const uint16_t *cohorts, size_t n)
{
    char as_of[8];
    cri_term_format(run->as_of, as_of);
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        if (cp->reached || !n)
            continue;
        char list[SHOWN * 32 + 8] = "";
        size_t len = 0;
        for (size_t c = 0; c < n && c < SHOWN; c++) {
            char need[8];
            cri_term_format(cri_term_of_semester(cohorts[c], cp->k), need);
            len += (size_t)snprintf(list + len, sizeof list - len, "%scohort %u needs %s",
                                    c ? ", " : "", (unsigned)cohorts[c], need);
        }
        enum cr_status st =
            cri_diag_warn(&run->diag,
                          "checkpoint %d is reached by no cohort by the as-of term %s (%s%s): "
                          "rank-s%d.csv and excluded-s%d.csv list nobody",
                          cp->k, as_of, list, n > SHOWN ? ", ..." : "", cp->k, cp->k);
        if (st != CR_OK)
            return st;
    }
    return CR_OK;
}

/* A cohort that reaches its first checkpoint with not one grade row by
 * then: its grade files are most likely missing or name its students
 * otherwise.  (A cohort that reaches no checkpoint yet is left alone: no
 * output depends on it.) */
static enum cr_status warn_cohorts_without_rows(struct cr_run *run, const uint16_t *cohorts,
                                                size_t n)
{
    const int k = run->cfg.checkpoints[0];
    for (size_t c = 0; c < n; c++) {
        cri_term by = cri_term_of_semester(cohorts[c], k);
        if (by > run->as_of)
            continue;
        size_t students = 0, with_rows = 0;
        for (size_t i = 0; i < cri_n_students(run); i++) {
            const struct cri_student *s = &run->students[i];
            if (!s->selected || s->cohort != cohorts[c])
                continue;
            students++;
            with_rows += s->first_row_term && s->first_row_term <= by;
        }
        if (with_rows)
            continue;
        char term[8];
        cri_term_format(by, term);
        enum cr_status st = cri_diag_warn(
            &run->diag,
            "cohort %u: none of its %zu student%s has a grade row up to its first checkpoint "
            "(semester %d, %s): are its grade files missing, or its ids written otherwise?",
            (unsigned)cohorts[c], students, students == 1 ? "" : "s", k, term);
        if (st != CR_OK)
            return st;
    }
    return CR_OK;
}

/* A school of the roster with nobody ranked at any checkpoint computed.
 * Said only when some checkpoint was computed: otherwise warn_unreached
 * has said why everything is empty. */
static enum cr_status warn_schools_unranked(struct cr_run *run)
{
    const struct cri_config *cfg = &run->cfg;
    char computed[CRI_MAX_CHECKPOINTS * 4] = "";
    size_t len = 0, n_computed = 0;
    for (size_t j = 0; j < cfg->n_checkpoints; j++)
        if (run->checkpoints[j].reached)
            len += (size_t)snprintf(computed + len, sizeof computed - len, "%s%d",
                                    n_computed++ ? ", " : "", run->checkpoints[j].k);
    size_t n_schools = run->schools.count;
    if (!n_computed || !n_schools)
        return CR_OK;
    size_t *ranked = calloc(n_schools, sizeof *ranked);
    size_t *students = calloc(n_schools, sizeof *students);
    uint32_t *in_order = malloc(n_schools * sizeof *in_order);
    enum cr_status st = ranked && students && in_order ? CR_OK : CR_ENOMEM;
    for (size_t i = 0; st == CR_OK && i < cri_n_students(run); i++)
        students[run->students[i].school] += run->students[i].selected;
    for (size_t j = 0; st == CR_OK && j < cfg->n_checkpoints; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        for (size_t r = 0; r < cp->n_ranked; r++)
            ranked[run->students[cp->ranked[r].student].school]++;
    }
    for (size_t i = 0; st == CR_OK && i < n_schools; i++)
        in_order[run->school_order[i]] = (uint32_t)i;
    for (size_t o = 0; st == CR_OK && o < n_schools; o++) {
        uint32_t i = in_order[o];
        if (ranked[i] || !students[i])
            continue;
        struct cri_str id = cri_intern_str(&run->schools, i);
        char q[CRI_QUOTE_CAP];
        st = cri_diag_warn(&run->diag,
                           "school '%s' has no ranked student at any checkpoint computed (%s), "
                           "of its %zu student%s in the roster",
                           cri_quote(q, id.p, id.n), computed, students[i],
                           students[i] == 1 ? "" : "s");
    }
    free(ranked);
    free(students);
    free(in_order);
    return st;
}

enum cr_status cri_warn_meaningless(struct cr_run *run)
{
    uint16_t *cohorts = malloc(10000 * sizeof *cohorts);
    if (!cohorts)
        return CR_ENOMEM;
    size_t n = roster_cohorts(run, cohorts);
    enum cr_status st = warn_unreached(run, cohorts, n);
    if (st == CR_OK)
        st = warn_cohorts_without_rows(run, cohorts, n);
    if (st == CR_OK)
        st = warn_schools_unranked(run);
    free(cohorts);
    return st;
}
