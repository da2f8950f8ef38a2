/* verify.c -- `classrank verify DIR`: does DIR still follow from its inputs?
 * (SPEC "Audit trail").  A part of the API layer: it runs the ranking
 * again through cr_run_open and cr_run_write, as any caller would.
 *
 * 1. manifest.json is read back (Jansson), strictly: a manifest that is not
 *    the shape classrank writes is refused, located.
 * 2. Each input it names is read again: its size and SHA-256 must be the
 *    manifest's.  A missing input is counted apart (exit 3).
 * 3. Each output in DIR must still have the SHA-256 the manifest gives.
 * 4. Only when no input changed: the ranking runs again, with the manifest's
 *    options and as-of term, into a temporary directory; each output it
 *    writes must have the manifest's SHA-256, and its inputs (a directory of
 *    grade files may have gained one) must be the manifest's.
 * Each difference is one line on the report stream. */
#include <classrank.h>

#include "load/records.h"

#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"

struct manifest {
    json_t *root;
    const char *directory; /* the working directory of the run */
    json_t *options, *inputs, *outputs;
    const char *as_of; /* the as-of term used, or NULL */
};

struct verify {
    struct manifest m;
    FILE *report;
    size_t differences, missing;
    struct cri_diag diag;
};

static enum cr_status bad_manifest(struct verify *v, const char *path, int line, int column,
                                   const char *what)
{
    return cri_diag_add(&v->diag, CR_EDATA, path, 0, (unsigned long)(line > 0 ? line : 0),
                        (unsigned long)(column > 0 ? column : 0), "%s", what);
}

static const char *string_at(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static int string_or_null(const json_t *value)
{
    return json_is_string(value) || json_is_null(value);
}

/* An input's or an option's path as the run saw it: relative ones from the
 * run's working directory.  The caller frees it. */
static char *resolved(const struct manifest *m, const char *path)
{
    if (!path)
        return NULL;
    if (path[0] == '/' || !m->directory || !m->directory[0])
        return strdup(path);
    size_t a = strlen(m->directory), b = strlen(path);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, m->directory, a);
        p[a] = '/';
        memcpy(p + a + 1, path, b + 1);
    }
    return p;
}

/* A path the run again was given (resolved), as the manifest would name it:
 * relative to the run's working directory when it is below it. */
static const char *relative(const struct manifest *m, const char *path)
{
    size_t n = m->directory ? strlen(m->directory) : 0;
    if (n && strncmp(path, m->directory, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static enum cr_status read_manifest(struct verify *v, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    json_error_t err;
    v->m.root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!v->m.root) {
        if (err.line < 0 || errno == ENOENT) /* the file itself, not its text */
            return cri_diag_add(&v->diag, CR_EIO, path, 0, 0, 0, "cannot read: %s", err.text);
        return bad_manifest(v, path, err.line, err.column, err.text);
    }
    struct manifest *m = &v->m;
    m->directory = string_at(m->root, "directory");
    m->options = json_object_get(m->root, "options");
    m->inputs = json_object_get(m->root, "inputs");
    m->outputs = json_object_get(m->root, "outputs");
    m->as_of = string_at(m->root, "as_of");
    if (!json_is_string(json_object_get(m->root, "classrank")) || !m->directory ||
        !json_is_object(m->options) || !json_is_array(m->inputs) || !json_is_array(m->outputs) ||
        !string_or_null(json_object_get(m->options, "config")) ||
        !string_or_null(json_object_get(m->options, "students")) ||
        !json_is_array(json_object_get(m->options, "grades")))
        return bad_manifest(v, path, 0, 0,
                            "not a classrank manifest (classrank, directory, options with config, "
                            "students and grades, inputs and outputs are required)");
    size_t i;
    json_t *e;
    json_array_foreach(m->inputs, i, e)
    {
        if (!(string_at(e, "path") || string_at(e, "buffer")) || !string_at(e, "sha256") ||
            !json_is_integer(json_object_get(e, "size")))
            return bad_manifest(v, path, 0, 0, "an input without path, size and sha256");
    }
    json_array_foreach(m->outputs, i, e)
    {
        const char *name = string_at(e, "path");
        if (!name || !string_at(e, "sha256") || strstr(name, "..") || name[0] == '/')
            return bad_manifest(v, path, 0, 0,
                                "an output without path and sha256, or not inside the directory");
    }
    return CR_OK;
}

static void differ(struct verify *v, const char *fmt, const char *a, const char *b)
{
    fprintf(v->report, fmt, a, b);
    fputc('\n', v->report);
    v->differences++;
}

/* Step 2: the inputs, as they are now. */
static void check_inputs(struct verify *v)
{
    size_t i;
    json_t *e;
    json_array_foreach(v->m.inputs, i, e)
    {
        const char *path = string_at(e, "path");
        if (!path) { /* a buffer: nothing to read again */
            fprintf(v->report,
                    "input missing: %s (given as a buffer in memory: verify reads files only)\n",
                    string_at(e, "buffer"));
            v->missing++;
            continue;
        }
        char *p = resolved(&v->m, path);
        char hex[CRI_SHA256_HEX];
        uint64_t size = 0;
        if (!p || cri_sha256_file(p, hex, &size) != 0) {
            fprintf(v->report, "input missing: %s (%s)\n", path, p ? strerror(errno) : "no memory");
            v->missing++;
        } else if (size != (uint64_t)json_integer_value(json_object_get(e, "size"))) {
            char sizes[64];
            snprintf(sizes, sizeof sizes, "%llu bytes, was %lld", (unsigned long long)size,
                     (long long)json_integer_value(json_object_get(e, "size")));
            differ(v, "input changed: %s (%s)", path, sizes);
        } else if (strcmp(hex, string_at(e, "sha256")) != 0) {
            differ(v, "input changed: %s (%s)", path,
                   "same size, other bytes: its SHA-256 differs");
        }
        free(p);
    }
}

/* Step 3, and step 4 on the new run's directory: every output the manifest
 * names has its SHA-256 in dir.  what: how a difference is named. */
static void check_outputs(struct verify *v, const char *dir, const char *what)
{
    size_t i;
    json_t *e;
    json_array_foreach(v->m.outputs, i, e)
    {
        const char *name = string_at(e, "path");
        char path[4096], hex[CRI_SHA256_HEX];
        uint64_t size;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (cri_sha256_file(path, hex, &size) != 0)
            differ(v, "%s: %s is missing", what, name);
        else if (strcmp(hex, string_at(e, "sha256")) != 0)
            differ(v, "%s: %s differs from the manifest's SHA-256", what, name);
    }
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Step 4: the same options into a directory of our own, then compare. */
static enum cr_status run_again(struct verify *v)
{
    json_t *o = v->m.options;
    json_t *grades = json_object_get(o, "grades");
    size_t n = json_array_size(grades);
    char **paths = calloc(n + 1, sizeof *paths);
    char *config = resolved(&v->m, string_at(o, "config"));
    char *students = resolved(&v->m, string_at(o, "students"));
    char *enrollment = resolved(&v->m, string_at(o, "enrollment"));
    char *courses = resolved(&v->m, string_at(o, "courses"));
    const char *tmp_root = getenv("TMPDIR");
    char tmp[4096], out[4200];
    snprintf(tmp, sizeof tmp, "%s/classrank-verify-XXXXXX",
             tmp_root && *tmp_root ? tmp_root : "/tmp");
    enum cr_status st = paths && config && students ? CR_OK : CR_ENOMEM;
    for (size_t i = 0; st == CR_OK && i < n; i++)
        if (!(paths[i] = resolved(&v->m, json_string_value(json_array_get(grades, i)))))
            st = CR_ENOMEM;
    if (st == CR_OK && !mkdtemp(tmp))
        st = cri_diag_add(&v->diag, CR_EIO, tmp, 0, 0, 0, "cannot make a directory: %s",
                          strerror(errno));
    if (st == CR_OK) {
        snprintf(out, sizeof out, "%s/out", tmp);
        json_t *cohort = json_object_get(o, "cohort");
        struct cr_options opts = {
            .config_path = config,
            .students_path = students,
            .enrollment_path = enrollment,
            .courses_path = courses,
            .grade_paths = (const char *const *)paths,
            .n_grade_paths = n,
            .as_of = v->m.as_of,
            .cohort = json_is_integer(cohort) ? (int)json_integer_value(cohort) : 0,
            .strict = json_is_true(json_object_get(o, "strict")),
            .ranking_date = string_at(o, "ranking_date"),
            .out_dir = out,
            .no_wait = 1,
        };
        cr_run *run = NULL;
        enum cr_status rs = cr_run_open(&opts, &run);
        if (rs == CR_OK)
            rs = cr_run_write(run, out);
        if (rs != CR_OK) {
            const struct cr_error *e = run && cr_run_error_count(run) ? cr_run_error(run, 0) : NULL;
            differ(v, "the ranking run again fails: %s%s", e ? e->message : cr_strerror(rs), "");
        } else {
            /* The inputs it read: a directory of grade files may hold one
             * the manifest does not name. */
            size_t k;
            json_t *e;
            for (size_t i = 0; i < run->n_inputs; i++) {
                int named = 0;
                json_array_foreach(v->m.inputs, k, e)
                {
                    char *p = resolved(&v->m, string_at(e, "path"));
                    char *q = resolved(&v->m, run->inputs[i].path);
                    named |= p && q && strcmp(p, q) == 0;
                    free(p);
                    free(q);
                }
                if (!named)
                    differ(v, "input added: %s%s", relative(&v->m, run->inputs[i].path),
                           " (in a directory given as --grades)");
            }
            check_outputs(v, out, "output of the ranking run again");
        }
        cr_run_free(run);
        nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
    free(config);
    free(students);
    free(enrollment);
    free(courses);
    return st;
}

enum cr_status cr_verify(const char *dir, FILE *report, cr_verify_result **result)
{
    struct verify *v = calloc(1, sizeof *v);
    *result = (cr_verify_result *)v;
    if (!v)
        return CR_ENOMEM;
    v->report = report;
    v->diag.max = 1;
    enum cr_status st = read_manifest(v, dir);
    if (st == CR_OK) {
        check_inputs(v);
        check_outputs(v, dir, "output changed since the run");
        if (!v->differences && !v->missing)
            st = run_again(v);
    }
    return st;
}

size_t cr_verify_differences(const cr_verify_result *r)
{
    const struct verify *v = (const struct verify *)r;
    return v ? v->differences : 0;
}

size_t cr_verify_missing(const cr_verify_result *r)
{
    const struct verify *v = (const struct verify *)r;
    return v ? v->missing : 0;
}

size_t cr_verify_error_count(const cr_verify_result *r)
{
    const struct verify *v = (const struct verify *)r;
    return v ? v->diag.count : 0;
}

const struct cr_error *cr_verify_error(const cr_verify_result *r, size_t index)
{
    const struct verify *v = (const struct verify *)r;
    return v && index < v->diag.count ? &v->diag.errors[index] : NULL;
}

void cr_verify_free(cr_verify_result *r)
{
    struct verify *v = (struct verify *)r;
    if (!v)
        return;
    json_decref(v->m.root);
    cri_diag_free(&v->diag);
    free(v);
}
