/* config_json.c -- the loaded configuration as JSON, for the audit trail.
 *
 * What a run was told matters as much as what it read: a rank is checked
 * against the configuration it came from, defaults included (a default that
 * changes between versions would otherwise go unseen).  Every field of
 * struct cri_config that decides a result is written, under the key the
 * YAML spells it with. */
#include "config/config_json.h"

#include <string.h>

#include "core/decimal.h"

void cri_json_string(FILE *f, const char *p, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void text(FILE *f, const struct cri_text *t)
{
    cri_json_string(f, t->p, t->n);
}

static void word(FILE *f, const char *w)
{
    cri_json_string(f, w, strlen(w));
}

/* v / 10^decimals as a JSON number with exactly that many decimals. */
static void number(FILE *f, int64_t v, int decimals)
{
    char buf[48];
    cri_decimal_format(buf, sizeof buf, v, decimals);
    fputs(buf, f);
}

static void key(FILE *f, int first, const char *k)
{
    fprintf(f, "%s\"%s\": ", first ? "" : ", ", k);
}

static void named_values(FILE *f, const struct cri_named_value *v, size_t n, int decimals)
{
    putc('{', f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        text(f, &v[i].name);
        fputs(": ", f);
        number(f, v[i].value, decimals);
    }
    putc('}', f);
}

static void text_list(FILE *f, const struct cri_text *t, size_t n)
{
    putc('[', f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        text(f, &t[i]);
    }
    putc(']', f);
}

static void text_map(FILE *f, const struct cri_text *from, const struct cri_text *to, size_t n)
{
    putc('{', f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        text(f, &from[i]);
        fputs(": ", f);
        text(f, &to[i]);
    }
    putc('}', f);
}

static void write_gpa(FILE *f, const struct cri_config *cfg)
{
    fputs("{", f);
    key(f, 1, "scale");
    named_values(f, cfg->scale, cfg->n_scale, 2);
    key(f, 0, "numeric");
    putc('[', f);
    for (size_t i = 0; i < cfg->n_bands; i++) {
        fputs(i ? ", {\"min\": " : "{\"min\": ", f);
        number(f, cfg->bands[i].min_micro, 6);
        fputs(", \"grade\": ", f);
        text(f, &cfg->bands[i].grade);
        putc('}', f);
    }
    putc(']', f);
    key(f, 0, "non_gpa");
    text_list(f, cfg->non_gpa, cfg->n_non_gpa);
    key(f, 0, "weights");
    named_values(f, cfg->weights, cfg->n_weights, 2);
    key(f, 0, "bonus_min_points");
    number(f, cfg->bonus_min_centi, 2);
    key(f, 0, "equivalent_courses");
    text_map(f, cfg->equivalent_from, cfg->equivalent_to, cfg->n_equivalent);
    key(f, 0, "year_long_courses");
    text_list(f, cfg->year_long_courses, cfg->n_year_long_courses);
    key(f, 0, "repeats");
    word(f, cri_names_repeats[cfg->repeats]);
    key(f, 0, "include_transfer");
    fputs(cfg->include_transfer ? "true" : "false", f);
    key(f, 0, "include_pre_high_school");
    fputs(cfg->include_pre_high_school ? "true" : "false", f);
    key(f, 0, "precision");
    fprintf(f, "%d", cfg->precision);
    key(f, 0, "rounding");
    word(f, cri_names_rounding[cfg->rounding]);
    fputs("}", f);
}

static void write_eligibility(FILE *f, const struct cri_config *cfg)
{
    fputs("{", f);
    key(f, 1, "assessment");
    if (cfg->assessment_any) {
        word(f, "any");
    } else {
        putc('[', f);
        int first = 1;
        for (int a = 0; a < CRI_ASSESS_COUNT; a++)
            if (cfg->assessment_mask >> a & 1) {
                fputs(first ? "" : ", ", f);
                word(f, cri_names_assessment[a]);
                first = 0;
            }
        putc(']', f);
    }
    key(f, 0, "consecutive_semesters");
    fprintf(f, "%d}", cfg->consecutive_semesters);
}

static void write_rank(FILE *f, const struct cri_config *cfg)
{
    fputs("{", f);
    key(f, 1, "by");
    word(f, cri_names_by[cfg->by]);
    key(f, 0, "scope");
    word(f, cri_names_scope[cfg->scope]);
    key(f, 0, "checkpoints");
    putc('[', f);
    for (size_t j = 0; j < cfg->n_checkpoints; j++)
        fprintf(f, "%s%d", j ? ", " : "", cfg->checkpoints[j]);
    putc(']', f);
    key(f, 0, "ties");
    word(f, cri_names_ties[cfg->ties]);
    key(f, 0, "compare");
    word(f, cri_names_compare[cfg->compare]);
    key(f, 0, "tiebreak");
    putc('[', f);
    for (size_t i = 0; i < cfg->n_tiebreak; i++) {
        fputs(i ? ", " : "", f);
        word(f, cri_names_key[cfg->tiebreak[i]]);
    }
    putc(']', f);
    key(f, 0, "include_december_graduates");
    fputs(cfg->include_december_graduates ? "true}" : "false}", f);
}

static void write_honors(FILE *f, const struct cri_honors_list *list)
{
    putc('[', f);
    for (size_t i = 0; i < list->n; i++) {
        const struct cri_honor *h = &list->items[i];
        fputs(i ? ", {" : "{", f);
        key(f, 1, "name");
        text(f, &h->name);
        if (h->gpa_key >= 0) {
            key(f, 0, "gpa");
            word(f, cri_names_by[h->gpa_key]);
        }
        if (h->has_min_gpa) {
            key(f, 0, "min_gpa");
            number(f, h->min_gpa_micro, 6);
        }
        if (h->has_top_percent) {
            key(f, 0, "top_percent");
            number(f, h->top_percent_micro, 6);
        }
        if (h->has_top_n) {
            key(f, 0, "top_n");
            fprintf(f, "%lld", (long long)h->top_n);
        }
        putc('}', f);
    }
    putc(']', f);
}

static void value_map(FILE *f, const struct cri_value_map *m)
{
    text_map(f, m->theirs, m->ours, m->n);
}

static void write_columns(FILE *f, const struct cri_config *cfg)
{
    putc('{', f);
    for (int t = 0; t < CRI_TABLE_COUNT; t++) {
        fputs(t ? ", " : "", f);
        word(f, cri_names_table[t]);
        fputs(": {", f);
        int first = 1;
        for (int c = 0; c < CRI_COL_COUNT; c++) {
            const struct cri_text *h = &cfg->column_header[t][c];
            const struct cri_value_map *m = &cfg->column_values[t][c];
            if (!h->p && !m->n)
                continue;
            key(f, first, cri_column_name((enum cri_column)c));
            first = 0;
            if (!m->n) {
                text(f, h);
                continue;
            }
            fputs("{\"column\": ", f);
            text(f, h);
            fputs(", \"values\": ", f);
            value_map(f, m);
            putc('}', f);
        }
        const struct cri_term_spec *ts = &cfg->term_spec[t];
        if (ts->year.p) {
            key(f, first, "term");
            first = 0;
            fputs("{\"year\": ", f);
            text(f, &ts->year);
            fputs(", \"season\": ", f);
            text(f, &ts->season);
            fputs(", \"year_is\": ", f);
            word(f, cri_names_year_is[ts->year_is]);
            fputs(", \"seasons\": ", f);
            value_map(f, &ts->seasons);
            putc('}', f);
        }
        if (t == CRI_TABLE_GRADES && cfg->n_keep) {
            key(f, first, "keep");
            putc('{', f);
            for (size_t i = 0; i < cfg->n_keep; i++) {
                fputs(i ? ", " : "", f);
                text(f, &cfg->keep[i].header);
                fputs(": ", f);
                text_list(f, cfg->keep[i].values, cfg->keep[i].n);
            }
            putc('}', f);
        }
        putc('}', f);
    }
    putc('}', f);
}

void cri_config_write_json(FILE *f, const struct cri_config *cfg)
{
    fputs("{\n    \"gpa\": ", f);
    write_gpa(f, cfg);
    fputs(",\n    \"eligibility\": ", f);
    write_eligibility(f, cfg);
    fputs(",\n    \"rank\": ", f);
    write_rank(f, cfg);
    fputs(",\n    \"honors\": ", f);
    write_honors(f, &cfg->honors);
    fputs(",\n    \"schools\": {", f);
    for (size_t i = 0; i < cfg->n_schools; i++) {
        fputs(i ? ", " : "", f);
        text(f, &cfg->schools[i].school);
        fputs(": {\"honors\": ", f);
        write_honors(f, &cfg->schools[i].honors);
        putc('}', f);
    }
    fputs("},\n    \"columns\": ", f);
    write_columns(f, cfg);
    fputs(",\n    \"output\": {", f);
    if (cfg->edfi) {
        fputs("\"edfi\": {\"namespace\": ", f);
        text(f, &cfg->edfi_namespace);
        fputs(", \"school_ids\": {", f);
        for (size_t i = 0; i < cfg->n_edfi_schools; i++) {
            fputs(i ? ", " : "", f);
            text(f, &cfg->edfi_school[i]);
            fprintf(f, ": %lld", (long long)cfg->edfi_school_id[i]);
        }
        fputs("}}", f);
    }
    fputs("}\n  }", f);
}
