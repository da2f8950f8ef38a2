/* html.c -- report/index.html: one printable page per (school, cohort) at
 * the last checkpoint computed for it, with the honors list and a GPA
 * histogram drawn as inline SVG from GSL histogram bins.  No scripts, no
 * external assets; every text from the input is HTML-escaped. */
#include <gsl/gsl_histogram.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "write/groups.h"
#include "write/report.h"

/* What stands for c in HTML text, or NULL for c itself: an entity, or for
 * a control byte \xHH as in every text for people (buf holds it). */
static const char *html_entity(char c, char buf[8])
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    }
    if (!cri_is_control((unsigned char)c))
        return NULL;
    snprintf(buf, 8, "\\x%02X", (unsigned char)c);
    return buf;
}

static void put_html(FILE *f, const char *p, size_t n)
{
    char buf[8];
    for (size_t i = 0; i < n; i++) {
        const char *entity = html_entity(p[i], buf);
        if (entity)
            fputs(entity, f);
        else
            putc(p[i], f);
    }
}

static double gpa_value(const struct cr_run *run, const struct cri_outcome *o)
{
    int64_t num = run->cfg.by == CRI_KEY_WEIGHTED ? o->sums.weighted : o->sums.unweighted;
    return (double)num / (100.0 * (double)o->sums.credits);
}

/* The histogram of the group's ranked GPAs, as an SVG bar chart. */
static enum cr_status put_histogram(FILE *f, const struct cr_run *run,
                                    const struct cri_outcome *const *m, size_t n)
{
    const double width = 0.25;
    double max = 4.0;
    for (size_t i = 0; i < n; i++)
        if (!m[i]->reasons && gpa_value(run, m[i]) > max)
            max = gpa_value(run, m[i]);
    /* The top edge is open: reach one bin past the highest GPA. */
    size_t bins = (size_t)floor(max / width) + 1;
    gsl_histogram *h = gsl_histogram_alloc(bins);
    if (!h)
        return CR_ENOMEM;
    gsl_histogram_set_ranges_uniform(h, 0.0, (double)bins * width);
    for (size_t i = 0; i < n; i++)
        if (!m[i]->reasons)
            gsl_histogram_increment(h, gpa_value(run, m[i]));
    double top = gsl_histogram_max_val(h);
    if (top < 1)
        top = 1;
    const int left = 40, bottom = 200, plot_h = 160, bar_w = 24;
    int svg_w = left + (int)bins * bar_w + 20;
    fprintf(f,
            "<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
            "height=\"240\" viewBox=\"0 0 %d 240\" role=\"img\" aria-label=\"%s GPA "
            "distribution\">\n",
            svg_w, svg_w, run->cfg.by == CRI_KEY_WEIGHTED ? "Weighted" : "Unweighted");
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", left, bottom,
            svg_w - 10, bottom);
    fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f</text>\n",
            left - 6, bottom - plot_h + 4, top);
    fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">0</text>\n", left - 6,
            bottom + 4);
    for (size_t b = 0; b < bins; b++) {
        double lo, hi, count = gsl_histogram_get(h, b);
        gsl_histogram_get_range(h, b, &lo, &hi);
        int bar_h = (int)lround(count / top * plot_h);
        int x = left + (int)b * bar_w;
        fprintf(f,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a6fa5\">"
                "<title>%.2f to %.2f: %.0f</title></rect>\n",
                x + 2, bottom - bar_h, bar_w - 4, bar_h, lo, hi, count);
        if (fmod(lo, 1.0) == 0.0)
            fprintf(f,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.0f</text>\n",
                    x, bottom + 16, lo);
    }
    fputs("</svg>\n", f);
    gsl_histogram_free(h);
    return CR_OK;
}

static void rb_html(struct cri_rowbuf *rb, const char *p, size_t n)
{
    size_t from = 0; /* the text since the last entity goes in one piece */
    char buf[8];
    for (size_t i = 0; i < n; i++) {
        const char *entity = html_entity(p[i], buf);
        if (!entity)
            continue;
        cri_rb_put(rb, p + from, i - from);
        cri_rb_str(rb, entity);
        from = i + 1;
    }
    cri_rb_put(rb, p + from, n - from);
}

/* The rows of a group's honors table (a row per honored student, so they
 * are built in a buffer). */
static void put_honors_rows(FILE *f, const struct cr_run *run, const struct cri_honors_list *list,
                            const struct cri_outcome *const *m, size_t n)
{
    struct cri_rowbuf buffer, *rb = &buffer;
    cri_rb_init(rb, f);
    for (size_t i = 0; i < n; i++) {
        const struct cri_outcome *o = m[i];
        if (o->reasons || o->honor < 0)
            continue;
        const struct cri_str id = cri_intern_str(&run->ids, o->student);
        const char *first = cri_name_of(run, o->student, 0),
                   *last = cri_name_of(run, o->student, 1);
        cri_rb_str(rb, "<tr><td class=\"num\">");
        cri_rb_rank(rb, o->rank_half);
        cri_rb_str(rb, "</td><td>");
        rb_html(rb, first, strlen(first));
        cri_rb_char(rb, ' ');
        rb_html(rb, last, strlen(last));
        cri_rb_str(rb, "</td><td>");
        rb_html(rb, id.p, id.n);
        cri_rb_str(rb, "</td><td>");
        rb_html(rb, list->items[o->honor].name.p, list->items[o->honor].name.n);
        cri_rb_str(rb, "</td><td class=\"num\">");
        cri_rb_decimal(
            rb, run->cfg.by == CRI_KEY_WEIGHTED ? o->weighted_rounded : o->unweighted_rounded,
            run->cfg.precision);
        cri_rb_str(rb, "</td><td class=\"num\">");
        cri_rb_uint(rb, cri_top_percent(o->rank_half, o->class_size));
        cri_rb_str(rb, "</td></tr>\n");
    }
    cri_rb_flush(rb);
}

static enum cr_status put_group(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp,
                                const struct cri_outcome *const *m, size_t n)
{
    const struct cri_student *first = &run->students[m[0]->student];
    const struct cri_str school = cri_intern_str(&run->schools, first->school);
    const struct cri_honors_list *list = cri_honors_of(run, first->school);
    size_t ranked = 0;
    for (size_t i = 0; i < n; i++)
        ranked += !m[i]->reasons;
    char term[8];
    cri_term_format(cri_term_of_semester(first->cohort, cp->k), term);
    fputs("<section>\n<h2>", f);
    put_html(f, school.p, school.n);
    fprintf(f, " &mdash; class of %d</h2>\n", first->cohort);
    fprintf(f, "<p class=\"facts\">Semester %d (%s): %zu ranked of %zu class members%s.</p>\n",
            cp->k, term, ranked, n,
            run->cfg.scope == CRI_SCOPE_DISTRICT ? "; ranks are district-wide" : "");
    fputs("<h3>Honors</h3>\n", f);
    size_t honored = 0;
    for (size_t i = 0; i < n; i++)
        honored += !m[i]->reasons && m[i]->honor >= 0;
    if (!honored) {
        fputs("<p>No student meets an honors criterion.</p>\n", f);
    } else {
        fputs("<table>\n<thead><tr><th>Rank</th><th>Name</th><th>Student</th><th>Honors</th>"
              "<th>GPA</th><th>Top %</th></tr></thead>\n<tbody>\n",
              f);
        put_honors_rows(f, run, list, m, n);
        fputs("</tbody>\n</table>\n", f);
    }
    fprintf(f, "<h3>%s GPA distribution of the %zu ranked students</h3>\n",
            run->cfg.by == CRI_KEY_WEIGHTED ? "Weighted" : "Unweighted", ranked);
    enum cr_status st = put_histogram(f, run, m, n);
    fputs("</section>\n", f);
    return st;
}

static const char HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Class ranks and honors</title>\n<style>\n"
    "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
    "section { margin-bottom: 3em; }\n"
    "table { border-collapse: collapse; }\n"
    "th, td { border-bottom: 1px solid #ccc; padding: 0.2em 0.7em; text-align: left; }\n"
    "td.num { text-align: right; }\n"
    "@media print {\n"
    "  body { margin: 0; }\n"
    "  section { break-after: page; page-break-after: always; }\n"
    "  section:last-of-type { break-after: auto; page-break-after: auto; }\n"
    "}\n</style>\n</head>\n<body>\n<h1>Class ranks and honors</h1>\n";

/* Each (school, cohort) once, at the last checkpoint that has it: the
 * checkpoints' groups, merged by (school, cohort). */
enum cr_status cri_write_report_html(FILE *f, const struct cr_run *run, const struct cri_groups *g)
{
    size_t ncp = run->cfg.n_checkpoints;
    size_t at[CRI_MAX_CHECKPOINTS] = {0};
    enum cr_status st = CR_OK;
    char as_of[8];
    cri_term_format(run->as_of, as_of);
    fputs(HEAD, f);
    fprintf(f, "<p>As of %s. One section per school and class, at the last semester ranked.</p>\n",
            run->as_of ? as_of : "(no grades)");
    while (st == CR_OK) {
        uint64_t key = UINT64_MAX;
        size_t last = 0;
        for (size_t j = 0; j < ncp; j++) {
            if (at[j] == g[j].n_groups)
                continue;
            uint64_t k = cri_group_key(&g[j].groups[at[j]]);
            if (k <= key) { /* the later checkpoint of equal keys wins */
                key = k;
                last = j;
            }
        }
        if (key == UINT64_MAX)
            break;
        const struct cri_group *h = &g[last].groups[at[last]];
        st = put_group(f, run, &run->checkpoints[last], g[last].members + h->first, h->n);
        for (size_t j = 0; j < ncp; j++)
            if (at[j] < g[j].n_groups && cri_group_key(&g[j].groups[at[j]]) == key)
                at[j]++;
    }
    fputs("</body>\n</html>\n", f);
    return st;
}
