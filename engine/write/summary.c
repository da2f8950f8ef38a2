/* summary.c -- summary.json: per checkpoint and (school, cohort) the class
 * counts, exclusion reasons, GPA statistics of the ranked students (GSL) and
 * honors counts; plus the row counters of the run. */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_json.h"
#include "core/bigmem.h"
#include "write/groups.h"
#include "write/report.h"

/* Sort the GPAs; the ranked order often has them sorted already (downward
 * on the rank key), and the check costs less than a sort. */
static void sort_gpas(double *v, size_t n)
{
    size_t i = 1;
    while (i < n && v[i] <= v[i - 1])
        i++;
    if (i == n) {
        for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
            double t = v[a];
            v[a] = v[b];
            v[b] = t;
        }
        return;
    }
    gsl_sort(v, 1, n);
}

static void put_stats(FILE *f, const struct cr_run *run, const struct cri_outcome *const *m,
                      size_t n, int weighted, double *scratch)
{
    size_t k = 0;
    int64_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        const struct cri_outcome *o = m[i];
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
    sort_gpas(scratch, k);
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
                      const struct cri_outcome *const *m, size_t n, double *scratch)
{
    const struct cri_student *s = &run->students[m[0]->student];
    const struct cri_str school = cri_intern_str(&run->schools, s->school);
    size_t ranked = 0, by_reason[CRI_N_REASONS] = {0};
    for (size_t i = 0; i < n; i++) {
        if (!m[i]->reasons)
            ranked++;
        for (int r = 0; r < CRI_N_REASONS; r++)
            by_reason[r] += m[i]->reasons >> r & 1;
    }
    char term[8];
    cri_term_format(cri_term_of_semester(s->cohort, cp->k), term);
    fputs("      {\"school_id\": ", f);
    cri_json_string(f, school.p, school.n);
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
    const struct cri_honors_list *list = cri_honors_of(run, s->school);
    for (size_t h = 0; h < list->n; h++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += !m[i]->reasons && m[i]->honor == (int16_t)h;
        if (h)
            fputs(", ", f);
        cri_json_string(f, list->items[h].name.p, list->items[h].name.n);
        fprintf(f, ": %zu", count);
    }
    fputs("}}", f);
}

enum cr_status cri_write_summary(FILE *f, const struct cr_run *run, const struct cri_groups *groups)
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
            "  \"warnings\": [",
            (unsigned long long)run->rows_read, (unsigned long long)run->rows_skipped,
            (unsigned long long)run->rows_unrostered);
    for (size_t i = 0; i < run->diag.n_warnings; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        cri_json_string(f, run->diag.warnings[i], strlen(run->diag.warnings[i]));
    }
    fputs(run->diag.n_warnings ? "\n  ],\n  \"checkpoints\": [\n" : "],\n  \"checkpoints\": [\n",
          f);
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        const struct cri_groups *g = &groups[j];
        double *scratch = cri_big_malloc((cp->n_ranked + 1) * sizeof *scratch);
        if (!scratch)
            return CR_ENOMEM;
        fprintf(f, "%s    {\"checkpoint\": %d, \"groups\": [", j ? ",\n" : "", cp->k);
        for (size_t i = 0; i < g->n_groups; i++) {
            fputs(i ? ",\n" : "\n", f);
            put_group(f, run, cp, g->members + g->groups[i].first, g->groups[i].n, scratch);
        }
        fputs(g->n_groups ? "\n    ]}" : "]}", f);
        free(scratch);
    }
    fputs("\n  ]\n}\n", f);
    return CR_OK;
}
