/* manifest.c -- manifest.json.
 *
 * Written last, into the output directory it describes, so that a rank
 * published in June can be shown in December to follow from the same files
 * (`classrank verify`).  Its layout, keys always in this order:
 *
 *   {"classrank": VERSION, "directory": the working directory of the run,
 *    "options": {"config", "students", "enrollment", "courses", "grades": [...],
 *                "as_of" (as given, or null), "cohort", "strict", "ranking_date"},
 *    "as_of": the as-of term used,
 *    "config": the configuration as loaded, every default resolved,
 *    "inputs": [{"role", "path" (as given), "size", "rows", "sha256"}, ...]
 *              (config, students, enrollment, courses, then the grade files
 *              in the order read; an input given as a buffer through the
 *              API has "path": null and "buffer": its name after it, and
 *              its option is null),
 *    "outputs": [{"path", "sha256"}, ...] (bytewise by name; not itself)}
 *
 * Nothing in it depends on the thread count, so it is byte-identical for
 * any. */
#include "write/manifest.h"

#include <string.h>

#include "config/config_json.h"

static void string_or_null(FILE *f, const char *s)
{
    if (s)
        cri_json_string(f, s, strlen(s));
    else
        fputs("null", f);
}

void cri_write_manifest(FILE *f, const struct cr_run *run, const struct cri_output_digest *outputs,
                        size_t n, const char *version)
{
    const struct cri_run_options *g = &run->given;
    fputs("{\n  \"classrank\": ", f);
    string_or_null(f, version);
    fputs(",\n  \"directory\": ", f);
    string_or_null(f, g->directory);
    fputs(",\n  \"options\": {\"config\": ", f);
    string_or_null(f, g->config);
    fputs(", \"students\": ", f);
    string_or_null(f, g->students);
    fputs(", \"enrollment\": ", f);
    string_or_null(f, g->enrollment);
    fputs(", \"courses\": ", f);
    string_or_null(f, g->courses);
    fputs(", \"grades\": [", f);
    for (size_t i = 0; i < g->n_grades; i++) {
        fputs(i ? ", " : "", f);
        string_or_null(f, g->grades[i]);
    }
    fputs("], \"as_of\": ", f);
    string_or_null(f, g->as_of);
    fputs(", \"cohort\": ", f);
    if (g->cohort)
        fprintf(f, "%d", g->cohort);
    else
        fputs("null", f);
    fprintf(f, ", \"strict\": %s, \"ranking_date\": ", g->strict ? "true" : "false");
    string_or_null(f, g->ranking_date);
    char as_of[8];
    cri_term_format(run->as_of, as_of);
    fputs("},\n  \"as_of\": ", f);
    string_or_null(f, run->as_of ? as_of : NULL);
    fputs(",\n  \"config\": ", f);
    cri_config_write_json(f, &run->cfg);
    fputs(",\n  \"inputs\": [", f);
    for (size_t i = 0; i < run->n_inputs; i++) {
        const struct cri_input_file *in = &run->inputs[i];
        fputs(i ? ",\n    {\"role\": " : "\n    {\"role\": ", f);
        string_or_null(f, in->role);
        fputs(", \"path\": ", f);
        string_or_null(f, in->memory ? NULL : in->path);
        if (in->memory) { /* a cr_buffer: its name */
            fputs(", \"buffer\": ", f);
            string_or_null(f, in->path);
        }
        fprintf(f, ", \"size\": %llu, \"rows\": %llu, \"sha256\": \"%s\"}",
                (unsigned long long)in->size, (unsigned long long)in->rows, in->sha256);
    }
    fputs("\n  ],\n  \"outputs\": [", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", f);
        string_or_null(f, outputs[i].name);
        fprintf(f, ", \"sha256\": \"%s\"}", outputs[i].sha256);
    }
    fputs("\n  ]\n}\n", f);
}
