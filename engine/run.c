/* run.c -- the public API: open a run (read, decide, rank) and write it. */
#include <classrank.h>

#include "load/records.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/parallel.h"
#include "load/courses.h"
#include "load/grades.h"
#include "load/roster.h"
#include "read/table.h"
#include "registrar/diff.h"
#include "registrar/explain.h"
#include "registrar/whatif.h"
#include "results.h"
#include "rules/rules.h"
#include "write/edfi.h"
#include "write/groups.h"
#include "write/manifest.h"
#include "write/outdir.h"
#include "write/report.h"

/* What only the API layer keeps of a run. */
struct cri_api_side {
    cr_progress_fn progress;
    void *progress_ctx;
    struct cr_progress progress_state;
    /* --out, claimed before any input is read (opts.out_dir), or by
     * cr_run_write; released when the outputs are in place. */
    struct cri_outdir outdir;
    struct cri_outdir_wait out_wait;
};

const char *cr_strerror(enum cr_status status)
{
    switch (status) {
    case CR_OK:
        return "success";
    case CR_ENOMEM:
        return "out of memory";
    case CR_EIO:
        return "input/output error";
    case CR_ECSV:
        return "malformed CSV";
    case CR_ECONFIG:
        return "bad configuration";
    case CR_EDATA:
        return "bad input data";
    case CR_EUSAGE:
        return "bad usage";
    }
    return "unknown status";
}

size_t cr_run_error_count(const cr_run *run)
{
    return run ? run->diag.count : 0;
}

const struct cr_error *cr_run_error(const cr_run *run, size_t index)
{
    return run && index < run->diag.count ? &run->diag.errors[index] : NULL;
}

size_t cr_run_warning_count(const cr_run *run)
{
    return run ? run->diag.n_warnings : 0;
}

const char *cr_run_warning(const cr_run *run, size_t index)
{
    return run && index < run->diag.n_warnings ? run->diag.warnings[index] : NULL;
}

static void free_options(struct cri_run_options *g)
{
    free(g->config);
    free(g->students);
    free(g->enrollment);
    free(g->courses);
    free(g->ranking_date);
    free(g->as_of);
    free(g->directory);
    for (size_t i = 0; i < g->n_grades; i++)
        free(g->grades[i]);
    free(g->grades);
}

void cr_run_free(cr_run *run)
{
    if (!run)
        return;
    for (size_t j = 0; j < CRI_MAX_CHECKPOINTS; j++) {
        free(run->checkpoints[j].ranked);
        free(run->checkpoints[j].excluded);
    }
    free(run->course_alias);
    free(run->course_info);
    free(run->edfi_ids);
    for (size_t i = 0; i < run->n_inputs; i++)
        free(run->inputs[i].path);
    free(run->inputs);
    free_options(&run->given);
    free(run->seen);
    cri_names_free(&run->names);
    free(run->explain.trace);
    free(run->grade_inputs);
    free(run->student_order);
    free(run->school_order);
    free(run->school_honors);
    free(run->roster_offsets);
    free(run->students);
    free(run->sums);
    free(run->course_states);
    free(run->attempts);
    cri_results_free(run->results);
    cri_reader_free_spares(&run->reader);
    cri_outdir_end(&run->api->outdir);
    cri_intern_free(&run->ids);
    cri_intern_free(&run->schools);
    cri_intern_free(&run->courses);
    cri_config_free(&run->cfg);
    cri_diag_free(&run->diag);
    free(run);
}

/* Tell the progress callback, if any (phase NULL: same phase). */
static void cri_progress(struct cr_run *run, const char *phase, unsigned long long bytes)
{
    if (!run->api->progress)
        return;
    if (phase)
        run->api->progress_state.phase = phase;
    run->api->progress_state.bytes_done += bytes;
    /* A file that grew since it was measured: do not pass 100%. */
    if (run->api->progress_state.bytes_done > run->api->progress_state.bytes_total)
        run->api->progress_state.bytes_done = run->api->progress_state.bytes_total;
    run->api->progress_state.rows = run->rows_read;
    run->api->progress(run->api->progress_ctx, &run->api->progress_state);
}

/* The reader's progress callback: bytes of the phase under way. */
static void progress_bytes(void *ctx, unsigned long long bytes)
{
    cri_progress(ctx, NULL, bytes);
}

static unsigned long long file_size(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
}

/* ------------------------------------------------------------ grade paths */

struct path_list {
    char **items;
    size_t n, cap;
};

static int path_push(struct path_list *l, const char *p, size_t n)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return -1;
        l->items = items;
        l->cap = cap;
    }
    if (!(l->items[l->n] = strndup(p, n)))
        return -1;
    l->n++;
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define MAX_GRADE_FILES 100000

/* Expand directories into their *.csv files, in bytewise name order. */
static enum cr_status expand_paths(struct cr_run *run, const struct cr_options *opts,
                                   struct path_list *out)
{
    for (size_t i = 0; i < opts->n_grade_paths; i++) {
        const char *p = opts->grade_paths[i];
        struct stat st;
        if (stat(p, &st) != 0)
            return cri_diag_add(&run->diag, CR_EIO, p, 0, 0, 0, "cannot read: %s", strerror(errno));
        if (!S_ISDIR(st.st_mode)) {
            if (path_push(out, p, strlen(p)))
                return CR_ENOMEM;
            continue;
        }
        DIR *d = opendir(p);
        if (!d)
            return cri_diag_add(&run->diag, CR_EIO, p, 0, 0, 0, "cannot read directory: %s",
                                strerror(errno));
        size_t first = out->n;
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0 || e->d_name[0] == '.')
                continue;
            size_t n = strlen(p) + len + 2;
            char *full = malloc(n);
            if (!full) {
                closedir(d);
                return CR_ENOMEM;
            }
            snprintf(full, n, "%s/%s", p, e->d_name);
            int r = path_push(out, full, strlen(full));
            free(full);
            if (r) {
                closedir(d);
                return CR_ENOMEM;
            }
        }
        closedir(d);
        qsort(out->items + first, out->n - first, sizeof *out->items, cmp_path);
        if (out->n > MAX_GRADE_FILES)
            return cri_diag_add(&run->diag, CR_EUSAGE, p, 0, 0, 0,
                                "more than %d grade files (the limit): split the run",
                                MAX_GRADE_FILES);
    }
    if (opts->n_grade_paths && out->n == 0)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "no grade files found in the grade paths given");
    return CR_OK;
}

static void path_list_free(struct path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
}

/* Every input file once: a grade file given twice (the same path twice, a
 * directory and a file in it, a link, /dev/stdin twice) would count its rows
 * twice and move ranks without a word.  Files are the same when their
 * device and inode are. */
struct input_file {
    dev_t dev;
    ino_t ino;
    size_t order; /* as given */
    const char *path;
};

static int cmp_input_file(const void *a, const void *b)
{
    const struct input_file *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static enum cr_status refuse_repeated_files(struct cr_run *run, const struct cr_options *opts,
                                            const struct path_list *grades)
{
    size_t n = 0;
    enum { N_FIXED = 3 };
    struct input_file *f = malloc((grades->n + N_FIXED) * sizeof *f);
    if (!f)
        return CR_ENOMEM;
    const char *fixed[N_FIXED] = {opts->students_path, opts->enrollment_path, opts->courses_path};
    for (size_t i = 0; i < grades->n + N_FIXED; i++) {
        const char *path = i < N_FIXED ? fixed[i] : grades->items[i - N_FIXED];
        struct stat st;
        if (path && stat(path, &st) == 0)
            f[n++] = (struct input_file){st.st_dev, st.st_ino, i, path};
    }
    qsort(f, n, sizeof *f, cmp_input_file);
    /* Of the repeats, the one given first names the error (the sort by
     * inode must not decide which). */
    size_t repeat = 0;
    for (size_t i = 1; i < n; i++)
        if (f[i].dev == f[i - 1].dev && f[i].ino == f[i - 1].ino &&
            (!repeat || f[i].order < f[repeat].order))
            repeat = i;
    enum cr_status status = CR_OK;
    if (repeat) {
        size_t first = repeat;
        while (first > 0 && f[first - 1].dev == f[repeat].dev && f[first - 1].ino == f[repeat].ino)
            first--;
        status = cri_diag_add(&run->diag, CR_EUSAGE, f[repeat].path, 0, 0, 0,
                              "is the same file as '%s': an input read twice would count its "
                              "rows twice (give each file once)",
                              f[first].path);
    }
    free(f);
    return status;
}

/* The same for grade buffers (run->grade_inputs from `first` on): the same
 * bytes given twice. */
static enum cr_status refuse_repeated_buffers(struct cr_run *run, size_t first)
{
    const struct cri_input *in = run->grade_inputs + first;
    for (size_t i = 0; i < run->n_grade_inputs - first; i++)
        for (size_t j = 0; j < i; j++)
            if (in[i].len && in[i].data == in[j].data && in[i].len == in[j].len)
                return cri_diag_add(&run->diag, CR_EUSAGE, in[i].name, 0, 0, 0,
                                    "is the same buffer as '%s': an input read twice would "
                                    "count its rows twice (give each buffer once)",
                                    in[j].name);
    return CR_OK;
}

/* ------------------------------------------------------------------ open */

/* A rostered student (of the cohorts run) whom no grade row and no
 * enrollment row names is most often an id written two ways (leading zeros
 * lost in a spreadsheet, a stray space): say so, naming the first few. */
static enum cr_status warn_unseen_students(struct cr_run *run)
{
    enum { SHOWN = 5 };
    uint32_t first[SHOWN];
    size_t n_unseen = 0, n_first = 0;
    for (uint32_t i = 0; i < cri_n_students(run); i++) {
        if (run->seen[i] || !run->students[i].selected)
            continue;
        n_unseen++;
        /* Keep the SHOWN smallest ids, bytewise, in order. */
        size_t at = n_first;
        while (at > 0 && cri_intern_cmp(&run->ids, i, first[at - 1]) < 0)
            at--;
        if (at == SHOWN)
            continue;
        if (n_first < SHOWN)
            n_first++;
        memmove(first + at + 1, first + at, (n_first - 1 - at) * sizeof *first);
        first[at] = i;
    }
    free(run->seen);
    run->seen = NULL;
    if (!n_unseen)
        return CR_OK;
    char list[SHOWN * (CRI_QUOTE_CAP + 4) + 8] = "";
    for (size_t k = 0; k < n_first; k++) {
        struct cri_str s = cri_intern_str(&run->ids, first[k]);
        char q[CRI_QUOTE_CAP];
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s'%s'", k ? ", " : "", cri_quote(q, s.p, s.n));
    }
    return cri_diag_warn(&run->diag,
                         "%zu rostered student%s appear%s in no grade row and no enrollment row "
                         "(%s%s): is an id written differently in the roster and the other "
                         "files?",
                         n_unseen, n_unseen == 1 ? "" : "s", n_unseen == 1 ? "s" : "", list,
                         n_unseen > n_first ? ", ..." : "");
}

/* ------------------------------------------------------------ the audit trail */

/* Keep what manifest.json says of an input (SPEC "Audit trail"). */
static enum cr_status add_input(struct cr_run *run, const char *role, const struct cri_input *from,
                                uint64_t size, uint64_t rows, const char sha256[CRI_SHA256_HEX])
{
    struct cri_input_file *grown = realloc(run->inputs, (run->n_inputs + 1) * sizeof *run->inputs);
    if (!grown)
        return CR_ENOMEM;
    run->inputs = grown;
    struct cri_input_file *in = &run->inputs[run->n_inputs];
    *in = (struct cri_input_file){role, strdup(from->name), from->data != NULL, size, rows, ""};
    if (!in->path)
        return CR_ENOMEM;
    memcpy(in->sha256, sha256, CRI_SHA256_HEX);
    run->n_inputs++;
    return CR_OK;
}

/* Read one input table through load(), its bytes hashed as they are read
 * (the reader feeds them to the digest before it decodes them). */
static enum cr_status read_input(struct cr_run *run, const char *role, const struct cri_input *in,
                                 enum cr_status (*load)(struct cr_run *, const struct cri_input *))
{
    struct cri_sha256 h = {0};
    if (run->digests && cri_sha256_begin(&h) != CR_OK)
        return CR_ENOMEM;
    run->reader.hash = run->digests ? &h : NULL;
    enum cr_status st = load(run, in);
    run->reader.hash = NULL;
    if (!run->digests)
        return st;
    char hex[CRI_SHA256_HEX];
    cri_sha256_end(&h, hex);
    if (st == CR_OK)
        st = add_input(run, role, in, run->reader.hashed, run->reader.rows, hex);
    return st;
}

/* cri_grades_load for read_input: the grade file the run reads next. */
static enum cr_status load_next_grades(struct cr_run *run, const struct cri_input *in)
{
    return cri_grades_load(run, in, (uint32_t)(CRI_ORDER_GRADES + run->grade_files_read++));
}

static char *dup_or_null(const char *s, int *failed)
{
    char *d = s ? strdup(s) : NULL;
    *failed |= s && !d;
    return d;
}

/* The inputs of a run, each a file or a buffer (cr_buffer), their names
 * the run's own. */
struct run_inputs {
    struct cri_input config, students, enrollment, courses;
    int has_enrollment, has_courses;
};

/* in->open_path for a relative path: the working directory's path before
 * it.  A path that cannot be made absolute (no working directory, or one
 * so deep that the whole would pass PATH_MAX) is opened as given. */
static int set_open_path(struct cr_run *run, struct cri_input *in)
{
    char cwd[PATH_MAX];
    if (in->data || in->name[0] == '/' || !getcwd(cwd, sizeof cwd))
        return 0;
    size_t n = strlen(cwd), m = strlen(in->name);
    if (n + m + 2 > PATH_MAX)
        return 0;
    char *p = cri_arena_alloc(&run->ids.arena, n + m + 2);
    if (!p)
        return -1;
    memcpy(p, cwd, n);
    p[n] = '/';
    memcpy(p + n + 1, in->name, m + 1);
    in->open_path = p;
    return 0;
}

/* Take one input from its path or its buffer (one at most; required: one).
 * Returns 1 when it was given, 0 when not, -1 on an error (in the diag). */
static int pick_input(struct cr_run *run, const char *role, const char *path,
                      const struct cr_buffer *buffer, int required, struct cri_input *in)
{
    *in = (struct cri_input){0};
    if (path && buffer) {
        cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                     "the %s is given twice, as a path and as a buffer: give one", role);
        return -1;
    }
    if (!path && !buffer) {
        if (required)
            cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                         "the %s is missing (the config, the students and grade files are "
                         "required)",
                         role);
        return required ? -1 : 0;
    }
    const char *name = path ? path : buffer->name ? buffer->name : role;
    if (buffer) {
        in->data = buffer->data;
        in->len = buffer->size;
    }
    if (!(in->name = cri_arena_strndup(&run->ids.arena, name, strlen(name))) ||
        set_open_path(run, in) != 0) {
        cri_diag_add(&run->diag, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
        return -1;
    }
    return 1;
}

static enum cr_status pick_inputs(struct cr_run *run, const struct cr_options *opts,
                                  struct run_inputs *in)
{
    int e;
    if (pick_input(run, "config", opts->config_path, opts->config_buffer, 1, &in->config) < 0 ||
        pick_input(run, "students", opts->students_path, opts->students_buffer, 1, &in->students) <
            0 ||
        (e = pick_input(run, "enrollment", opts->enrollment_path, opts->enrollment_buffer, 0,
                        &in->enrollment)) < 0 ||
        (in->has_enrollment = e, (e = pick_input(run, "courses", opts->courses_path,
                                                 opts->courses_buffer, 0, &in->courses)) < 0))
        return run->diag.status;
    in->has_courses = e;
    if (!opts->n_grade_paths && !opts->n_grade_buffers)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "no grade file given (the config, the students and grade files are "
                            "required)");
    return CR_OK;
}

/* The options, as manifest.json keeps them for verify (a buffer: null),
 * and the config's digest. */
static enum cr_status keep_options(struct cr_run *run, const struct cr_options *opts,
                                   const struct run_inputs *in)
{
    struct cri_run_options *g = &run->given;
    int failed = 0;
    g->config = dup_or_null(opts->config_path, &failed);
    g->students = dup_or_null(opts->students_path, &failed);
    g->enrollment = dup_or_null(opts->enrollment_path, &failed);
    g->courses = dup_or_null(opts->courses_path, &failed);
    g->ranking_date = dup_or_null(opts->ranking_date, &failed);
    g->as_of = dup_or_null(opts->as_of, &failed);
    g->cohort = opts->cohort;
    g->strict = opts->strict;
    g->grades = calloc(opts->n_grade_paths + 1, sizeof *g->grades);
    failed |= !g->grades;
    for (size_t i = 0; !failed && i < opts->n_grade_paths; i++, g->n_grades++)
        g->grades[i] = dup_or_null(opts->grade_paths[i], &failed);
    char cwd[4096];
    g->directory = dup_or_null(getcwd(cwd, sizeof cwd) ? cwd : "", &failed);
    if (failed)
        return CR_ENOMEM;
    char hex[CRI_SHA256_HEX];
    uint64_t size = in->config.len;
    if (in->config.data) {
        struct cri_sha256 h = {0};
        if (cri_sha256_begin(&h) != CR_OK)
            return CR_ENOMEM;
        cri_sha256_update(&h, in->config.data, in->config.len);
        cri_sha256_end(&h, hex);
    } else if (cri_sha256_file(in->config.name, hex, &size) != 0) {
        return cri_diag_add(&run->diag, CR_EIO, in->config.name, 0, 0, 0, "cannot read: %s",
                            strerror(errno));
    }
    return add_input(run, "config", &in->config, size, 0, hex);
}

/* The grade inputs in the order they are read: the files of grade_paths
 * (directories expanded), then the buffers; names in the ids arena. */
static enum cr_status take_grade_inputs(struct cr_run *run, const struct cr_options *opts,
                                        const struct path_list *paths)
{
    size_t n = paths->n + opts->n_grade_buffers;
    if (!(run->grade_inputs = calloc(n + 1, sizeof *run->grade_inputs)))
        return CR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        struct cri_input *in = &run->grade_inputs[i];
        char role[32];
        const char *name;
        if (i < paths->n) {
            name = paths->items[i];
        } else {
            const struct cr_buffer *b = &opts->grade_buffers[i - paths->n];
            snprintf(role, sizeof role, "grades %zu", i - paths->n + 1);
            name = b->name ? b->name : role;
            in->data = b->data;
            in->len = b->size;
        }
        if (!(in->name = cri_arena_strndup(&run->ids.arena, name, strlen(name))) ||
            set_open_path(run, in) != 0)
            return CR_ENOMEM;
        run->n_grade_inputs++;
    }
    return refuse_repeated_buffers(run, paths->n);
}

static unsigned long long input_size(const struct cri_input *in)
{
    return in->data ? in->len : file_size(in->name);
}

/* output.edfi writes every record's classRankingDate: a run that writes
 * needs it. */
static enum cr_status need_ranking_date(struct cr_run *run)
{
    return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                        "output.edfi needs a ranking date, YYYY-MM-DD (the classRankingDate of "
                        "the Ed-Fi records)");
}

static enum cr_status load_inputs(struct cr_run *run, const struct cr_options *opts,
                                  const struct run_inputs *in)
{
    enum cr_status st;
    const struct cri_input *config = &in->config;
    st = config->data
             ? cri_config_load_mem(&run->cfg, config->name, config->data, config->len, &run->diag)
             : cri_config_load(&run->cfg, config->name, &run->diag);
    if (st != CR_OK)
        return st;
    run->digests = !opts->skip_audit;
    if (run->digests && (st = keep_options(run, opts, in)) != CR_OK)
        return st;
    if (opts->ranking_date) {
        if (!cri_edfi_is_date(opts->ranking_date))
            return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                                "the ranking date '%s' is not a date (expected YYYY-MM-DD)",
                                opts->ranking_date);
        memcpy(run->ranking_date, opts->ranking_date, sizeof run->ranking_date);
    }
    /* A run that claims its --out at open fails here, before reading. */
    if (run->cfg.edfi && opts->out_dir && !opts->ranking_date)
        return need_ranking_date(run);
    if (opts->as_of && !(run->as_of = cri_term_parse(opts->as_of, strlen(opts->as_of))))
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "the as-of term '%s' is not a term (expected YYYY-SP, YYYY-SU or "
                            "YYYY-FA)",
                            opts->as_of);
    if (opts->cohort && (opts->cohort < 1004 || opts->cohort > 9999))
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "cohort %d is not a graduation year", opts->cohort);
    run->cohort_filter = opts->cohort;

    struct path_list grades = {0};
    if ((st = expand_paths(run, opts, &grades)) != CR_OK) {
        path_list_free(&grades);
        return st;
    }
    if ((st = refuse_repeated_files(run, opts, &grades)) != CR_OK) {
        path_list_free(&grades);
        return st;
    }
    st = take_grade_inputs(run, opts, &grades);
    path_list_free(&grades);
    if (st != CR_OK)
        return st;
    if (run->api->progress) {
        unsigned long long total =
            input_size(&in->students) + input_size(&in->enrollment) + input_size(&in->courses);
        for (size_t i = 0; i < run->n_grade_inputs; i++)
            total += input_size(&run->grade_inputs[i]);
        run->api->progress_state.bytes_total = total;
    }
    cri_progress(run, "roster", 0);
    st = read_input(run, "students", &in->students, cri_roster_load);
    if (st == CR_OK && run->diag.status == CR_OK && run->cfg.edfi)
        st = cri_edfi_resolve(run);
    if (st == CR_OK && !(run->seen = calloc(cri_n_students(run) + 1, 1)))
        st = CR_ENOMEM;
    if (st == CR_OK && in->has_enrollment) {
        cri_progress(run, "enrollment", 0);
        st = read_input(run, "enrollment", &in->enrollment, cri_enrollment_load);
    }
    if (st == CR_OK && in->has_courses) {
        cri_progress(run, "courses", 0);
        st = read_input(run, "courses", &in->courses, cri_courses_load);
    }
    cri_progress(run, "grades", 0);
    if (st == CR_OK)
        st = cri_courses_prepare(run);
    if (st == CR_OK && run->diag.status == CR_OK && opts->explain_student &&
        (st = cri_explain_begin(run, opts->explain_student)) != CR_OK)
        return st;
    for (size_t i = 0; st == CR_OK && i < run->n_grade_inputs && !cri_diag_full(&run->diag); i++)
        st = read_input(run, "grades", &run->grade_inputs[i], load_next_grades);
    cri_reader_free_spares(&run->reader);
    if (st == CR_OK && run->diag.status == CR_OK)
        st = warn_unseen_students(run);
    if (st != CR_OK)
        return st;
    return run->diag.status;
}

/* --strict (SPEC "Warnings"): each warning becomes an error of the run, in
 * the order said, and the run fails as bad input. */
static enum cr_status warnings_to_errors(struct cr_run *run)
{
    struct cri_diag *d = &run->diag;
    for (size_t i = 0; i < d->n_warnings; i++)
        cri_diag_add(d, CR_EDATA, NULL, 0, 0, 0, "%s (a warning, an error under --strict)",
                     d->warnings[i]);
    enum cr_status st = d->n_warnings ? CR_EDATA : CR_OK;
    d->n_warnings = 0;
    return st;
}

enum cr_status cr_run_open(const struct cr_options *opts, cr_run **out)
{
    /* One allocation: the run, and after it the API layer's side. */
    struct run_alloc {
        struct cr_run run;
        struct cri_api_side api;
    } *whole = NULL;
    if (!out)
        return CR_EUSAGE;
    *out = NULL;
    if (!opts)
        return CR_EUSAGE;
    whole = calloc(1, sizeof *whole);
    struct cr_run *run = whole ? &whole->run : NULL;
    *out = run;
    if (!run)
        return CR_ENOMEM;
    run->api = &whole->api;
    run->diag.max = opts->max_errors > 0 ? (size_t)opts->max_errors : 20;
    run->explain.student = CRI_NONE;
    run->api->progress = opts->progress;
    run->api->progress_ctx = opts->progress_ctx;
    run->api->out_wait = (struct cri_outdir_wait){opts->no_wait, opts->waiting, opts->waiting_ctx};
    run->threads = cri_thread_count(opts->threads);
    run->reader = (struct cri_reader){.cfg = &run->cfg,
                                      .diag = &run->diag,
                                      .threads = run->threads,
                                      .progress = progress_bytes,
                                      .progress_ctx = run};
    if (opts->threads < 0 || opts->max_errors < 0)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "%s %d is negative (0 is the default: %s)",
                            opts->threads < 0 ? "threads" : "max_errors",
                            opts->threads < 0 ? opts->threads : opts->max_errors,
                            opts->threads < 0 ? "one thread per core" : "20 errors");
    struct run_inputs in;
    if (pick_inputs(run, opts, &in) != CR_OK)
        return run->diag.status;
    run->students_input = in.students;
    /* The roster is read a second time for the names honors lists print,
     * which a pipe cannot give. */
    struct stat st_students;
    if (!in.students.data && stat(in.students.name, &st_students) == 0 &&
        !S_ISREG(st_students.st_mode) && !S_ISDIR(st_students.st_mode))
        return cri_diag_add(&run->diag, CR_EUSAGE, in.students.name, 0, 0, 0,
                            "the roster must be a regular file: it is read twice (the "
                            "second time for the names on honors lists), and a pipe can "
                            "be read only once");
    /* --out first: a run that could not put its outputs in place must fail
     * before it reads anything (and before another run's turn is over). */
    if (opts->out_dir) {
        enum cr_status ost =
            cri_outdir_begin(&run->api->outdir, opts->out_dir, &run->api->out_wait, &run->diag);
        if (ost != CR_OK)
            return ost;
    }
    enum cr_status st = load_inputs(run, opts, &in);
    if (st == CR_OK && run->diag.status != CR_OK)
        st = run->diag.status;
    if (st == CR_OK) {
        if (!opts->as_of)
            run->as_of = run->latest_term;
        st = cri_grades_finish(run);
    }
    if (st == CR_OK && run->explain.student != CRI_NONE)
        cri_explain_keep_sums(run);
    cri_progress(run, "ranking", 0);
    if (st == CR_OK)
        st = cri_decide(run);
    if (st == CR_OK)
        st = cri_rank(run);
    if (st == CR_OK)
        st = cri_warn_meaningless(run);
    if (st == CR_OK && opts->strict)
        st = warnings_to_errors(run);
    cri_diag_sort(&run->diag);
    if (st == CR_ENOMEM && run->diag.status == CR_OK)
        cri_diag_add(&run->diag, CR_ENOMEM, NULL, 0, 0, 0, "out of memory");
    return st;
}

/* ------------------------------------------------------------------ write */

enum output { OUT_RANK, OUT_EXCLUDED, OUT_HONORS, OUT_SUMMARY, OUT_REPORT, OUT_EDFI };
#define N_OUTPUTS (OUT_EDFI + 1)

/* Each output's file name: "<prefix><k><suffix>" for the outputs written
 * once per checkpoint, the prefix alone for those written once per run (no
 * suffix). */
static const struct {
    const char *prefix, *suffix;
} output_files[N_OUTPUTS] = {
    [OUT_RANK] = {"rank-s", ".csv"},
    [OUT_EXCLUDED] = {"excluded-s", ".csv"},
    [OUT_HONORS] = {"honors-s", ".csv"},
    [OUT_SUMMARY] = {"summary.json", NULL},
    [OUT_REPORT] = {"report/index.html", NULL},
    [OUT_EDFI] = {"edfi-s", ".jsonl"},
};
#define OUTPUT_NAME_MAX 32

static void output_name(char name[OUTPUT_NAME_MAX], enum output what,
                        const struct cri_checkpoint *cp)
{
    if (output_files[what].suffix)
        snprintf(name, OUTPUT_NAME_MAX, "%s%d%s", output_files[what].prefix, cp->k,
                 output_files[what].suffix);
    else
        snprintf(name, OUTPUT_NAME_MAX, "%s", output_files[what].prefix);
}

/* One output file, written on any thread: errors go to its own diag and are
 * merged into the run's afterwards, in file order. */
struct output_task {
    char name[OUTPUT_NAME_MAX];
    enum output what;
    const struct cri_checkpoint *cp;
    struct cri_diag diag;
};

struct write_job {
    struct cri_outdir *outdir;
    const struct cr_run *run;
    struct cr_run *run_mutable; /* task 0 only: it reads the names */
    struct output_task *tasks;
    struct cri_groups groups[CRI_MAX_CHECKPOINTS]; /* summary.json, report, honors lists */
};

/* One output's bytes into f. */
static enum cr_status render(const struct cr_run *run, const struct cri_groups *groups,
                             enum output what, const struct cri_checkpoint *cp, FILE *f)
{
    switch (what) {
    case OUT_RANK:
        cri_write_rank_csv(f, run, cp);
        return CR_OK;
    case OUT_EXCLUDED:
        cri_write_excluded_csv(f, run, cp);
        return CR_OK;
    case OUT_HONORS:
        cri_write_honors_csv(f, run, &groups[cp - run->checkpoints]);
        return CR_OK;
    case OUT_SUMMARY:
        return cri_write_summary(f, run, groups);
    case OUT_REPORT:
        return cri_write_report_html(f, run, groups);
    case OUT_EDFI:
        cri_write_edfi_jsonl(f, run, cp);
        return CR_OK;
    }
    return CR_EUSAGE;
}

static enum cr_status write_one(const struct write_job *job, const char *name, enum output what,
                                const struct cri_checkpoint *cp, struct cri_diag *diag)
{
    struct cri_outdir *o = job->outdir;
    FILE *f = cri_outdir_open(o, name, diag);
    if (!f)
        return CR_EIO;
    enum cr_status st = render(job->run, job->groups, what, cp, f);
    enum cr_status cst = cri_outdir_close(o, f, name, diag);
    return st != CR_OK ? st : cst;
}

/* Task 0 reads the names of the honored students (the roster again), then
 * writes what needs them: the honors lists and the report.  The other tasks
 * write summary.json and the rank and excluded files meanwhile. */
static enum cr_status write_task(void *ctx, size_t i)
{
    struct write_job *job = ctx;
    struct output_task *t = &job->tasks[i];
    if (i > 0)
        return write_one(job, t->name, t->what, t->cp, &t->diag);
    struct cr_run *run = job->run_mutable;
    enum cr_status st = run->names.students ? CR_OK : cri_names_load(run);
    char name[OUTPUT_NAME_MAX];
    for (size_t j = 0; st == CR_OK && j < run->cfg.n_checkpoints; j++) {
        output_name(name, OUT_HONORS, &run->checkpoints[j]);
        st = write_one(job, name, OUT_HONORS, &run->checkpoints[j], &t->diag);
    }
    output_name(name, OUT_REPORT, NULL);
    if (st == CR_OK)
        st = write_one(job, name, OUT_REPORT, NULL, &t->diag);
    return st;
}

/* The outputs' digests for manifest.json, read back from the temporary
 * directory (what is on disk is what is published), one file a task. */
struct digest_job {
    struct cri_outdir *outdir;
    struct cri_output_digest *outputs;
};

static enum cr_status digest_task(void *ctx, size_t i)
{
    struct digest_job *job = ctx;
    struct cri_output_digest *d = &job->outputs[i];
    int fd = cri_outdir_open_read(job->outdir, d->name);
    uint64_t size;
    int r = fd >= 0 ? cri_sha256_fd(fd, d->sha256, &size) : -1;
    if (fd >= 0)
        close(fd);
    return r == 0 ? CR_OK : CR_EIO;
}

static int cmp_output(const void *a, const void *b)
{
    return strcmp(((const struct cri_output_digest *)a)->name,
                  ((const struct cri_output_digest *)b)->name);
}

/* manifest.json: every output's digest, then the manifest itself, last. */
static enum cr_status write_manifest(struct cr_run *run, const struct output_task *tasks,
                                     size_t n_tasks)
{
    struct cri_outdir *o = &run->api->outdir;
    struct cri_output_digest outputs[4 * CRI_MAX_CHECKPOINTS + 4];
    size_t n = 0;
    for (size_t i = 1; i < n_tasks; i++)
        snprintf(outputs[n++].name, sizeof outputs->name, "%s", tasks[i].name);
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        output_name(outputs[n++].name, OUT_HONORS, &run->checkpoints[j]);
    output_name(outputs[n++].name, OUT_REPORT, NULL);
    qsort(outputs, n, sizeof *outputs, cmp_output);
    struct digest_job job = {o, outputs};
    enum cr_status st = cri_parallel(n, run->threads, digest_task, &job);
    if (st != CR_OK)
        return cri_diag_add(&run->diag, st, o->temp_path, 0, 0, 0,
                            "cannot read an output back for its digest: %s", strerror(errno));
    FILE *f = cri_outdir_open(o, "manifest.json", &run->diag);
    if (!f)
        return CR_EIO;
    cri_write_manifest(f, run, outputs, n, CR_VERSION);
    return cri_outdir_close(o, f, "manifest.json", &run->diag);
}

static enum cr_status groups_task(void *ctx, size_t j)
{
    struct write_job *job = ctx;
    return cri_groups_of(job->run, &job->run->checkpoints[j], &job->groups[j]);
}

static enum cr_status write_outputs(cr_run *run, const char *out_dir)
{
    cri_progress(run, "writing", 0);
    if (run->cfg.edfi && !run->ranking_date[0])
        return need_ranking_date(run);
    if (!run->digests)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "the run was opened with skip_audit: its inputs have no digests "
                            "for manifest.json, so it writes nothing");
    /* Refused before the directory is touched: one claimed at open stays
     * claimed. */
    struct cri_outdir *o = &run->api->outdir;
    if (!o->target && !out_dir)
        return cri_diag_add(&run->diag, CR_EUSAGE, NULL, 0, 0, 0,
                            "no output directory: give one to cr_run_write or in opts.out_dir");
    if (o->target && out_dir && strcmp(out_dir, o->target) != 0)
        return cri_diag_add(&run->diag, CR_EUSAGE, out_dir, 0, 0, 0,
                            "the run was opened to write into '%s', not here", o->target);
    struct output_task tasks[3 * CRI_MAX_CHECKPOINTS + 2];
    memset(tasks, 0, sizeof tasks);
    size_t n = 1; /* tasks[0]: names, honors lists, report */
    tasks[n++] = (struct output_task){.what = OUT_SUMMARY};
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++) {
        const struct cri_checkpoint *cp = &run->checkpoints[j];
        tasks[n++] = (struct output_task){.what = OUT_RANK, .cp = cp};
        tasks[n++] = (struct output_task){.what = OUT_EXCLUDED, .cp = cp};
        if (run->cfg.edfi)
            tasks[n++] = (struct output_task){.what = OUT_EDFI, .cp = cp};
    }
    for (size_t i = 1; i < n; i++)
        output_name(tasks[i].name, tasks[i].what, tasks[i].cp);
    for (size_t i = 0; i < n; i++)
        tasks[i].diag.max = 1;

    struct write_job job = {o, run, run, tasks, {{0}}};
    enum cr_status st = CR_OK;
    if (!o->target)
        st = cri_outdir_begin(o, out_dir, &run->api->out_wait, &run->diag);
    if (st == CR_OK)
        st = cri_parallel(run->cfg.n_checkpoints, run->threads, groups_task, &job);
    if (st == CR_OK) {
        st = cri_parallel(n, run->threads, write_task, &job);
        for (size_t i = 0; i < n; i++) {
            const struct cr_error *e = tasks[i].diag.count ? &tasks[i].diag.errors[0] : NULL;
            if (e)
                cri_diag_add(&run->diag, e->status, e->file, 0, e->line, e->column, "%s",
                             e->message);
            cri_diag_free(&tasks[i].diag);
        }
    }
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        cri_groups_free(&job.groups[j]);
    if (st == CR_OK)
        st = write_manifest(run, tasks, n);
    if (st == CR_OK)
        st = cri_outdir_commit(o, &run->diag);
    cri_outdir_end(o); /* the next run's turn */
    return st;
}

/* A write that fails (out_dir holds foreign files, the disk is full)
 * leaves the run's results as they were: a query. */
enum cr_status cr_run_write(cr_run *run, const char *out_dir)
{
    enum cr_status st = cri_query_begin(run);
    return st == CR_OK ? cri_query_end(run, write_outputs(run, out_dir)) : st;
}

/* Which output a file name is: "rank-s8.csv" is OUT_RANK of checkpoint 8. */
static int output_named(const struct cr_run *run, const char *name, enum output *what,
                        const struct cri_checkpoint **cp)
{
    for (int w = 0; w < N_OUTPUTS; w++) {
        if (w == OUT_EDFI && !run->cfg.edfi)
            continue;
        /* One a checkpoint, or one a run (then once, with no checkpoint). */
        const size_t n = output_files[w].suffix ? run->cfg.n_checkpoints : 1;
        for (size_t j = 0; j < n; j++) {
            char file[OUTPUT_NAME_MAX];
            *cp = output_files[w].suffix ? &run->checkpoints[j] : NULL;
            output_name(file, (enum output)w, *cp);
            if (!strcmp(name, file)) {
                *what = (enum output)w;
                return 1;
            }
        }
    }
    *cp = NULL;
    return 0;
}

enum cr_status cr_run_output(cr_run *run, const char *name, const char **data, size_t *len)
{
    if (!data || !len)
        return CR_EUSAGE;
    *data = NULL;
    *len = 0;
    enum cr_status st = cri_query_begin(run);
    if (st != CR_OK)
        return st;
    enum output what;
    const struct cri_checkpoint *cp;
    if (!name || !output_named(run, name, &what, &cp))
        return cri_query_error(run, CR_EUSAGE, "'%s' is not an output of this run",
                               name ? name : "(null)");
    if (what == OUT_EDFI && !run->ranking_date[0])
        return cri_query_error(run, CR_EUSAGE,
                               "edfi-s%d.jsonl needs the run opened with a ranking_date", cp->k);
    struct cri_groups groups[CRI_MAX_CHECKPOINTS] = {{0}};
    int grouped = what == OUT_HONORS || what == OUT_SUMMARY || what == OUT_REPORT;
    for (size_t j = 0; grouped && st == CR_OK && j < run->cfg.n_checkpoints; j++)
        st = cri_groups_of(run, &run->checkpoints[j], &groups[j]);
    if (st == CR_OK && (what == OUT_HONORS || what == OUT_REPORT) && !run->names.students)
        st = cri_names_load(run);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = st == CR_OK ? open_memstream(&buf, &n) : NULL;
    if (st == CR_OK && !f)
        st = CR_ENOMEM;
    if (f) {
        st = render(run, groups, what, cp, f);
        if (fclose(f) != 0 && st == CR_OK)
            st = CR_ENOMEM;
    }
    for (size_t j = 0; j < run->cfg.n_checkpoints; j++)
        cri_groups_free(&groups[j]);
    if (st == CR_OK)
        st = cri_results_keep(run, buf);
    else
        free(buf);
    if (st == CR_OK) {
        *data = buf;
        *len = n;
    }
    return cri_query_end(run, st);
}

enum cr_status cr_run_explain(cr_run *run, int checkpoint, int csv, FILE *out)
{
    enum cr_status st = out ? cri_query_begin(run) : CR_EUSAGE;
    return st == CR_OK ? cri_query_end(run, cri_explain(run, checkpoint, csv, out)) : st;
}

enum cr_status cr_run_whatif_add(cr_run *run, int checkpoint, const char *const *rows, size_t n,
                                 int csv, FILE *out)
{
    enum cr_status st = out ? cri_query_begin(run) : CR_EUSAGE;
    return st == CR_OK ? cri_query_end(run, cri_whatif_add(run, checkpoint, rows, n, csv, out))
                       : st;
}

enum cr_status cr_run_whatif_need(cr_run *run, int checkpoint, const char *target,
                                  const char *credits, const char *level, int csv, FILE *out)
{
    enum cr_status st = out ? cri_query_begin(run) : CR_EUSAGE;
    return st == CR_OK ? cri_query_end(run, cri_whatif_need(run, checkpoint, target, credits, level,
                                                            csv, out))
                       : st;
}

/* ------------------------------------------------------------------ diff */

struct cr_diff {
    struct cri_diff d;
};

enum cr_status cr_diff_dirs(const char *old_dir, const char *new_dir, FILE *out, cr_diff **result)
{
    struct cr_diff *diff = calloc(1, sizeof *diff);
    *result = diff;
    if (!diff)
        return CR_ENOMEM;
    diff->d.diag.max = 1;
    return cri_diff_dirs(old_dir, new_dir, out, &diff->d);
}

size_t cr_diff_change_count(const cr_diff *diff)
{
    return diff ? diff->d.n_changes : 0;
}

size_t cr_diff_error_count(const cr_diff *diff)
{
    return diff ? diff->d.diag.count : 0;
}

const struct cr_error *cr_diff_error(const cr_diff *diff, size_t index)
{
    return diff && index < diff->d.diag.count ? &diff->d.diag.errors[index] : NULL;
}

void cr_diff_free(cr_diff *diff)
{
    if (!diff)
        return;
    cri_diag_free(&diff->d.diag);
    free(diff);
}
