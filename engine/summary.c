/* summary.c -- summary.json: per checkpoint and (school, cohort) the class
 * counts, exclusion reasons, GPA statistics of the ranked students (GSL) and
 * honors counts; plus the row counters of the run. */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

#include "report.h"

struct member {
    const struct cri_outcome *o;
    uint32_t school_order;
    uint16_t cohort;
};

static int member_order(const void *pa, const void *pb)
{
    const struct member *a = pa, *b = pb;
    if (a->school_order != b->school_order)
        return a->school_order < b->school_order ? -1 : 1;
    if (a->cohort != b->cohort)
        return a->cohort < b->cohort ? -1 : 1;
    /* Keep ranked before excluded and each in file order: stable input. */
    return (a->o > b->o) - (a->o < b->o);
}

static void put_stats(FILE *f, const struct cr_run *run, const struct member *m, size_t n,
                      int weighted, double *scratch)
{
    size_t k = 0;
    int64_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        const struct cri_outcome *o = m[i].o;
        if (o->reasons)
            continue;
        int64_t num = weighted ? o->sums.weighted : o->sums.unweighted;
        int64_t r = weighted ? o->weighted_rounded : o->unweighted_rounded;
        if (k == 0 || r < lo)
            lo = r;
        if (k == 0 || r > hi)
            hi = r;
        scratch[k++] = (double)num / (100.0 * (double)o->sums.credits);
    }
    if (k == 0) {
        fputs("null", f);
        return;
    }
    gsl_sort(scratch, 1, k);
    double mean = gsl_stats_mean(scratch, 1, k);
    double median = gsl_stats_median_from_sorted_data(scratch, 1, k);
    fprintf(f, "{\"mean\": %.6f, \"median\": %.6f, \"sd\": ", mean, median);
    if (k > 1)
        fprintf(f, "%.6f", gsl_stats_sd(scratch, 1, k));
    else
        fputs("null", f);
    fputs(", \"min\": ", f);
    cri_put_gpa(f, run, lo);
    fputs(", \"max\": ", f);
    cri_put_gpa(f, run, hi);
    putc('}', f);
}

static void put_group(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp,
                      const struct member *m, size_t n, double *scratch)
{
    const struct cri_student *s = &run->students[m[0].o->student];
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    size_t ranked = 0, by_reason[CRI_N_REASONS] = {0};
    for (size_t i = 0; i < n; i++) {
        if (!m[i].o->reasons)
            ranked++;
        for (int r = 0; r < CRI_N_REASONS; r++)
            by_reason[r] += m[i].o->reasons >> r & 1;
    }
    char term[8];
    cri_term_format(cri_term_of_semester(s->cohort, cp->k), term);
    fputs("      {\"school_id\": ", f);
    cri_json_put(f, school.p, school.n);
    fprintf(f,
            ", \"cohort\": %d, \"term\": \"%s\", \"members\": %zu, \"ranked\": %zu, "
            "\"excluded\": %zu, \"excluded_by_reason\": {\"flagged\": %zu, \"assessment\": %zu, "
            "\"consecutive\": %zu, \"no_gpa\": %zu}, \"gpa_weighted\": ",
            s->cohort, term, n, ranked, n - ranked, by_reason[0], by_reason[1], by_reason[2],
            by_reason[3]);
    put_stats(f, run, m, n, 1, scratch);
    fputs(", \"gpa_unweighted\": ", f);
    put_stats(f, run, m, n, 0, scratch);
    fputs(", \"honors\": {", f);
    const struct cri_honors_list *list = cri_config_honors_for(&run->cfg, school.p, school.n);
    for (size_t h = 0; h < list->n; h++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += !m[i].o->reasons && m[i].o->honor == (int16_t)h;
        if (h)
            fputs(", ", f);
        cri_json_put(f, list->items[h].name.p, list->items[h].name.n);
        fprintf(f, ": %zu", count);
    }
    fputs("}}", f);
}

enum cr_status cri_write_summary(FILE *f, const struct cr_run *run)
{
    char as_of[8];
    cri_term_format(run->as_of, as_of);
    fputs("{\n  \"as_of\": ", f);
    if (run->as_of)
        fprintf(f, "\"%s\"", as_of);
    else
        fputs("null", f);
    fprintf(f,
            ",\n  \"rows_read\": %llu,\n  \"rows_skipped\": %llu,\n  \"rows_unrostered\": %llu,\n"
            "  \"checkpoints\": [\n",
            (unsigned long long)run->rows_read, (unsigned long long)run->rows_skipped,
            (unsigned long long)run->rows_unrostered);
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        size_t n = cp->n_ranked + cp->n_excluded;
        struct member *m = malloc((n + 1) * sizeof *m);
        double *scratch = malloc((n + 1) * sizeof *scratch);
        if (!m || !scratch) {
            free(m);
            free(scratch);
            return CR_ENOMEM;
        }
        size_t k = 0;
        for (size_t i = 0; i < cp->n_ranked; i++)
            m[k++].o = &cp->ranked[i];
        for (size_t i = 0; i < cp->n_excluded; i++)
            m[k++].o = &cp->excluded[i];
        for (size_t i = 0; i < n; i++) {
            const struct cri_student *s = &run->students[m[i].o->student];
            m[i].school_order = run->school_order[s->school];
            m[i].cohort = s->cohort;
        }
        qsort(m, n, sizeof *m, member_order);
        fprintf(f, "%s    {\"checkpoint\": %d, \"groups\": [", j ? ",\n" : "", cp->k);
        for (size_t i = 0; i < n;) {
            size_t e = i + 1;
            while (e < n && m[e].school_order == m[i].school_order && m[e].cohort == m[i].cohort)
                e++;
            fputs(i ? ",\n" : "\n", f);
            put_group(f, run, cp, m + i, e - i, scratch);
            i = e;
        }
        fputs(n ? "\n    ]}" : "]}", f);
        free(m);
        free(scratch);
    }
    fputs("\n  ]\n}\n", f);
    return CR_OK;
}
