/* config.c -- load the YAML configuration with libyaml's document API.
 *
 * The file is read whole (it is capped), checked against the limits of
 * config_guard.c on libyaml's events (depth, aliases, keys given twice,
 * one document), then parsed into a node tree and walked section by
 * section.  Every key is checked against the keys this section knows, and
 * every value is checked for its type and range, so a typo is an error at
 * its line and column rather than a silently ignored setting.  Lists that
 * are searched per row or per school (schools, equivalent courses, value
 * maps) are sorted once and searched by halves. */
#include "config/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "config/config_guard.h"
#include "core/bytes.h"
#include "core/decimal.h"
#include "core/text.h"

static const char *const column_names[CRI_COL_COUNT] = {
    "student_id", "school_id", "cohort",       "assessment", "assessment_term", "grad_term",
    "first_name", "last_name", "term",         "course_id",  "grade",           "credits",
    "level",      "source",    "rank_exclude", "subject",    "year_long",
};

/* The words of each enum as the configuration spells them, in enum order
 * and NULL-terminated (get_enum walks them; the manifest writes them). */
const char *const cri_names_repeats[] = {"all", "latest", "highest", NULL};
const char *const cri_names_rounding[] = {"half_up", "half_even", "truncate", NULL};
const char *const cri_names_by[] = {"weighted", "unweighted", NULL};
const char *const cri_names_key[] = {"weighted", "unweighted", "credits", NULL};
const char *const cri_names_scope[] = {"school", "district", NULL};
const char *const cri_names_ties[] = {"competition", "modified",   "dense",
                                      "ordinal",     "fractional", NULL};
const char *const cri_names_compare[] = {"exact", "rounded", NULL};
const char *const cri_names_year_is[] = {"end", "start", "powerschool_termid", NULL};
const char *const cri_names_table[] = {"students", "enrollment", "grades", "courses", NULL};
const char *const cri_names_assessment[] = {"passed", "alternative", "waived", "none", NULL};

const char *cri_column_name(enum cri_column col)
{
    return column_names[col];
}

/* Which columns each table has (for validating `columns:`). */
static int table_has_column(enum cri_table t, enum cri_column c)
{
    switch (t) {
    case CRI_TABLE_STUDENTS:
        return c <= CRI_COL_LAST_NAME || c == CRI_COL_RANK_EXCLUDE;
    case CRI_TABLE_ENROLLMENT:
        return c == CRI_COL_STUDENT_ID || c == CRI_COL_SCHOOL_ID || c == CRI_COL_TERM;
    case CRI_TABLE_GRADES:
        return c == CRI_COL_STUDENT_ID || c == CRI_COL_SCHOOL_ID ||
               (c >= CRI_COL_TERM && c <= CRI_COL_RANK_EXCLUDE);
    case CRI_TABLE_COURSES:
        return c == CRI_COL_COURSE_ID || c == CRI_COL_CREDITS || c == CRI_COL_LEVEL ||
               c == CRI_COL_RANK_EXCLUDE || c == CRI_COL_SUBJECT || c == CRI_COL_YEAR_LONG;
    default:
        return 0;
    }
}

int cri_assessment_parse(const char *p, size_t n)
{
    for (int i = 0; i < CRI_ASSESS_COUNT; i++)
        if (strlen(cri_names_assessment[i]) == n && memcmp(cri_names_assessment[i], p, n) == 0)
            return i;
    return -1;
}

static int text_eq(struct cri_text t, const char *p, size_t n)
{
    return t.n == n && cri_bytes_eq(t.p, p, n);
}

int cri_config_scale_index(const struct cri_config *cfg, const char *p, size_t n)
{
    for (size_t i = 0; i < cfg->n_scale; i++)
        if (text_eq(cfg->scale[i].name, p, n))
            return (int)i;
    return -1;
}

int cri_config_weight_index_slow(const struct cri_config *cfg, const char *p, size_t n)
{
    for (size_t i = 0; i < cfg->n_weights; i++)
        if (text_eq(cfg->weights[i].name, p, n))
            return (int)i;
    return -1;
}

/* Give a level its slot, unless another level has it (then it is
 * searched for). */
static void add_level_slot(struct cri_config *cfg, const char *p, size_t n, int weight)
{
    uint64_t w[2];
    cri_words_of(p, n, w);
    struct cri_level_slot *s = &cfg->level_slots[cri_level_slot(w, n)];
    if (!s->n1)
        *s = (struct cri_level_slot){{w[0], w[1]}, (uint32_t)n + 1, weight};
}

/* Index the one- and two-byte grade texts (nearly every letter and mark):
 * a grade row then needs one load, not a scan of the scale. */
static enum cr_status index_short_grades(struct cri_config *cfg)
{
    int16_t *t = cri_arena_alloc(&cfg->arena, CRI_SHORT_GRADE_SLOTS * sizeof *t);
    if (!t)
        return CR_ENOMEM;
    memset(t, 0, CRI_SHORT_GRADE_SLOTS * sizeof *t);
    for (size_t i = 0; i < cfg->n_non_gpa; i++)
        if (cfg->non_gpa[i].n >= 1 && cfg->non_gpa[i].n <= 2)
            t[cri_short_grade_key(cfg->non_gpa[i].p, cfg->non_gpa[i].n)] = -1;
    for (size_t i = cfg->n_scale; i-- > 0;) /* the first listed wins */
        if (cfg->scale[i].name.n >= 1 && cfg->scale[i].name.n <= 2)
            t[cri_short_grade_key(cfg->scale[i].name.p, cfg->scale[i].name.n)] = (int16_t)(i + 1);
    cfg->short_grades = t;
    cfg->regular_weight = cri_config_weight_index_slow(cfg, "regular", 7) + 1;
    memset(cfg->level_slots, 0, sizeof cfg->level_slots);
    if (cfg->regular_weight)
        add_level_slot(cfg, "", 0, cfg->regular_weight - 1); /* empty means regular */
    for (size_t i = 0; i < cfg->n_weights; i++) {
        const struct cri_text *w = &cfg->weights[i].name;
        if (w->n && w->n <= 16 && cri_config_weight_index_slow(cfg, w->p, w->n) == (int)i)
            add_level_slot(cfg, w->p, w->n, (int)i); /* not a repeat: the first listed wins */
    }
    cfg->grade_lengths = 0;
    for (size_t i = 0; i < cfg->n_non_gpa; i++)
        cfg->grade_lengths |= (uint64_t)1 << (cfg->non_gpa[i].n < 63 ? cfg->non_gpa[i].n : 63);
    for (size_t i = 0; i < cfg->n_scale; i++)
        cfg->grade_lengths |= (uint64_t)1
                              << (cfg->scale[i].name.n < 63 ? cfg->scale[i].name.n : 63);
    return CR_OK;
}

enum cri_grade_class cri_config_grade_class_slow(const struct cri_config *cfg, const char *p,
                                                 size_t n, int *scale_index)
{
    if (cfg->short_grades && !(cfg->grade_lengths >> (n < 63 ? n : 63) & 1)) {
        *scale_index = -1;
        return CRI_GRADE_OTHER;
    }
    if ((*scale_index = cri_config_scale_index(cfg, p, n)) >= 0)
        return CRI_GRADE_LETTER;
    return cri_config_is_non_gpa(cfg, p, n) ? CRI_GRADE_MARK : CRI_GRADE_OTHER;
}

int cri_config_is_non_gpa(const struct cri_config *cfg, const char *p, size_t n)
{
    for (size_t i = 0; i < cfg->n_non_gpa; i++)
        if (text_eq(cfg->non_gpa[i], p, n))
            return 1;
    return 0;
}

void cri_descriptor_code(const char **p, size_t *n)
{
    if (*n > 6 && memcmp(*p, "uri://", 6) == 0) {
        const char *hash = memchr(*p, '#', *n);
        if (hash) {
            *n -= (size_t)(hash + 1 - *p);
            *p = hash + 1;
        }
    }
}

/* The order the searched lists are sorted in: by length, then bytes. */
static int text_order(struct cri_text a, const char *p, size_t n)
{
    if (a.n != n)
        return a.n < n ? -1 : 1;
    return memcmp(a.p, p, n);
}

/* The index of p[0..n) in texts[0..count) (sorted by text_order), or -1. */
static long find_sorted(const struct cri_text *texts, size_t stride, size_t count, const char *p,
                        size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct cri_text *t = (const struct cri_text *)((const char *)texts + mid * stride);
        int c = text_order(*t, p, n);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const struct cri_text *cri_value_map_find(const struct cri_value_map *m, const char *p, size_t n)
{
    cri_descriptor_code(&p, &n);
    long i = find_sorted(m->theirs, sizeof *m->theirs, m->n, p, n);
    return i < 0 ? NULL : &m->ours[i];
}

const struct cri_honors_list *cri_config_honors_for(const struct cri_config *cfg,
                                                    const char *school, size_t n)
{
    if (!cfg->n_schools)
        return &cfg->honors;
    long i = find_sorted(&cfg->schools[0].school, sizeof *cfg->schools, cfg->n_schools, school, n);
    return i < 0 ? &cfg->honors : &cfg->schools[i].honors;
}

int cri_config_equivalent_of(const struct cri_config *cfg, const char *course, size_t n)
{
    return (int)find_sorted(cfg->equivalent_from, sizeof *cfg->equivalent_from, cfg->n_equivalent,
                            course, n);
}

/* ------------------------------------------------------------------ defaults */

static struct cri_text arena_text(struct cri_arena *a, const char *s, size_t n)
{
    return (struct cri_text){cri_arena_strndup(a, s, n), n};
}

enum cr_status cri_config_defaults(struct cri_config *cfg)
{
    static const struct {
        const char *grade;
        int32_t centi;
    } scale[] = {{"A+", 400}, {"A", 400},  {"A-", 370}, {"B+", 330}, {"B", 300},
                 {"B-", 270}, {"C+", 230}, {"C", 200},  {"C-", 170}, {"D+", 130},
                 {"D", 100},  {"D-", 70},  {"F", 0}};
    static const struct {
        int64_t min;
        const char *grade;
    } bands[] = {{90, "A"}, {80, "B"}, {70, "C"}, {60, "D"}, {0, "F"}};
    static const char *const non_gpa[] = {"P", "I", "W", "NC", "AU", "CR"};
    static const struct {
        const char *level;
        int32_t centi;
    } weights[] = {{"regular", 0}, {"honors", 100}, {"ap", 100}, {"ib", 100}, {"dual", 100}};

    memset(cfg, 0, sizeof *cfg);
    struct cri_arena *a = &cfg->arena;
    size_t ns = sizeof scale / sizeof *scale, nb = sizeof bands / sizeof *bands;
    size_t nn = sizeof non_gpa / sizeof *non_gpa, nw = sizeof weights / sizeof *weights;
    cfg->scale = cri_arena_alloc(a, ns * sizeof *cfg->scale);
    cfg->bands = cri_arena_alloc(a, nb * sizeof *cfg->bands);
    cfg->non_gpa = cri_arena_alloc(a, nn * sizeof *cfg->non_gpa);
    cfg->weights = cri_arena_alloc(a, nw * sizeof *cfg->weights);
    if (!cfg->scale || !cfg->bands || !cfg->non_gpa || !cfg->weights)
        return CR_ENOMEM;
    for (size_t i = 0; i < ns; i++)
        cfg->scale[i] = (struct cri_named_value){
            arena_text(a, scale[i].grade, strlen(scale[i].grade)), scale[i].centi};
    cfg->n_scale = ns;
    for (size_t i = 0; i < nb; i++)
        cfg->bands[i] = (struct cri_band){
            bands[i].min * 1000000, arena_text(a, bands[i].grade, strlen(bands[i].grade)),
            (uint32_t)cri_config_scale_index(cfg, bands[i].grade, strlen(bands[i].grade))};
    cfg->n_bands = nb;
    for (size_t i = 0; i < nn; i++)
        cfg->non_gpa[i] = arena_text(a, non_gpa[i], strlen(non_gpa[i]));
    cfg->n_non_gpa = nn;
    for (size_t i = 0; i < nw; i++)
        cfg->weights[i] = (struct cri_named_value){
            arena_text(a, weights[i].level, strlen(weights[i].level)), weights[i].centi};
    cfg->n_weights = nw;
    cfg->bonus_min_centi = 200;
    cfg->repeats = CRI_REPEATS_ALL;
    cfg->include_transfer = 1;
    cfg->include_pre_high_school = 1;
    cfg->precision = 3;
    cfg->rounding = CRI_ROUND_HALF_UP;
    cfg->assessment_mask = 1u << CRI_ASSESS_PASSED | 1u << CRI_ASSESS_ALTERNATIVE;
    cfg->consecutive_semesters = 2;
    cfg->by = CRI_KEY_WEIGHTED;
    cfg->scope = CRI_SCOPE_SCHOOL;
    cfg->checkpoints[0] = 6;
    cfg->checkpoints[1] = 7;
    cfg->checkpoints[2] = 8;
    cfg->n_checkpoints = 3;
    cfg->ties = CRI_TIES_COMPETITION;
    cfg->compare = CRI_COMPARE_EXACT;
    cfg->n_tiebreak = 0;
    cfg->include_december_graduates = 1;
    cfg->edfi_namespace = arena_text(a, "uri://ed-fi.org", 15);
    return CR_OK;
}

void cri_config_free(struct cri_config *cfg)
{
    cri_arena_free(&cfg->arena);
    memset(cfg, 0, sizeof *cfg);
}

/* ------------------------------------------------------------------ the walk */

struct loader {
    struct cri_config *cfg;
    yaml_document_t *doc;
    const char *path;
    struct cri_diag *diag;
    enum cr_status status;
    /* schools' honors lists by node: a list that many schools alias is
     * read once (a thousand schools may share one). */
    struct cri_honors_list *honors_memo;
};

static enum cr_status fail_at(struct loader *L, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static enum cr_status fail_at(struct loader *L, const yaml_node_t *node, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned long line = node ? node->start_mark.line + 1 : 0;
    unsigned long col = node ? node->start_mark.column + 1 : 0;
    L->status = CR_ECONFIG;
    return cri_diag_add(L->diag, CR_ECONFIG, L->path, 0, line, col, "%s", msg);
}

static yaml_node_t *node_at(struct loader *L, int id)
{
    return yaml_document_get_node(L->doc, id);
}

static int is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    return len == 0 || (len == 1 && s[0] == '~') || (len == 4 && memcmp(s, "null", 4) == 0);
}

static const char *scalar(const yaml_node_t *n, size_t *len)
{
    *len = n->data.scalar.length;
    return (const char *)n->data.scalar.value;
}

static int scalar_is(const yaml_node_t *n, const char *word)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.length == strlen(word) &&
           memcmp(n->data.scalar.value, word, n->data.scalar.length) == 0;
}

static char *quoted(const yaml_node_t *n, char *buf, size_t cap)
{
    if (n->type != YAML_SCALAR_NODE)
        return strcpy(buf, n->type == YAML_MAPPING_NODE ? "a mapping" : "a list"), buf;
    size_t len;
    const char *s = scalar(n, &len);
    char q[CRI_QUOTE_CAP];
    snprintf(buf, cap, "'%s'", cri_quote(q, s, len));
    return buf;
}

/* A mapping, or null meaning an empty one.  Returns 0 when it is neither. */
static int want_mapping(struct loader *L, yaml_node_t *n, const char *what)
{
    /* Keys given twice were refused by cri_config_guard, in every mapping. */
    if (n->type == YAML_MAPPING_NODE) {
        return 1;
    }
    if (is_null(n))
        return 1;
    char b[CRI_QUOTE_CAP + 8];
    fail_at(L, n, "%s must be a mapping, not %s", what, quoted(n, b, sizeof b));
    return 0;
}

static int want_sequence(struct loader *L, yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SEQUENCE_NODE || is_null(n))
        return 1;
    char b[CRI_QUOTE_CAP + 8];
    fail_at(L, n, "%s must be a list, not %s", what, quoted(n, b, sizeof b));
    return 0;
}

static int want_scalar(struct loader *L, yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SCALAR_NODE)
        return 1;
    fail_at(L, n, "%s must be a single value, not %s", what,
            n->type == YAML_MAPPING_NODE ? "a mapping" : "a list");
    return 0;
}

#define FOR_PAIRS(map, pair)                                                                       \
    if ((map)->type == YAML_MAPPING_NODE)                                                          \
        for (yaml_node_pair_t *pair = (map)->data.mapping.pairs.start;                             \
             pair < (map)->data.mapping.pairs.top; pair++)

#define FOR_ITEMS(seq, item)                                                                       \
    if ((seq)->type == YAML_SEQUENCE_NODE)                                                         \
        for (yaml_node_item_t *item = (seq)->data.sequence.items.start;                            \
             item < (seq)->data.sequence.items.top; item++)

static size_t count_children(const yaml_node_t *n)
{
    if (n->type == YAML_MAPPING_NODE)
        return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    if (n->type == YAML_SEQUENCE_NODE)
        return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    return 0;
}

static int get_decimal(struct loader *L, yaml_node_t *n, int decimals, int64_t min, int64_t max,
                       const char *what, int64_t *out)
{
    if (!want_scalar(L, n, what))
        return 0;
    size_t len;
    const char *s = scalar(n, &len);
    char b[CRI_QUOTE_CAP + 8];
    switch (cri_decimal_parse(s, len, decimals, out)) {
    case CRI_DEC_OK:
        break;
    case CRI_DEC_DECIMALS:
        fail_at(L, n, "%s %s has more than %d decimals", what, quoted(n, b, sizeof b), decimals);
        return 0;
    default:
        fail_at(L, n, "%s must be a number, not %s", what, quoted(n, b, sizeof b));
        return 0;
    }
    if (*out < min || *out > max) {
        char lo[32], hi[32];
        cri_decimal_format(lo, sizeof lo, min, decimals);
        cri_decimal_format(hi, sizeof hi, max, decimals);
        fail_at(L, n, "%s %s is out of range (%s to %s)", what, quoted(n, b, sizeof b), lo, hi);
        return 0;
    }
    return 1;
}

static int get_bool(struct loader *L, yaml_node_t *n, const char *what, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
    if (!want_scalar(L, n, what))
        return 0;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (scalar_is(n, yes[i]))
            return *out = 1, 1;
        if (scalar_is(n, no[i]))
            return *out = 0, 1;
    }
    char b[CRI_QUOTE_CAP + 8];
    fail_at(L, n, "%s must be true or false, not %s", what, quoted(n, b, sizeof b));
    return 0;
}

/* One of words[] (NULL-terminated); its index in *out. */
static int get_enum(struct loader *L, yaml_node_t *n, const char *what, const char *const *words,
                    int *out)
{
    if (!want_scalar(L, n, what))
        return 0;
    for (int i = 0; words[i]; i++)
        if (scalar_is(n, words[i]))
            return *out = i, 1;
    char b[CRI_QUOTE_CAP + 8], list[200] = "";
    for (int i = 0; words[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, words[i], sizeof list - strlen(list) - 1);
    }
    fail_at(L, n, "%s must be one of %s, not %s", what, list, quoted(n, b, sizeof b));
    return 0;
}

static int get_text(struct loader *L, yaml_node_t *n, const char *what, struct cri_text *out)
{
    if (!want_scalar(L, n, what))
        return 0;
    size_t len;
    const char *s = scalar(n, &len);
    if (len == 0) {
        fail_at(L, n, "%s must not be empty", what);
        return 0;
    }
    if (memchr(s, '\0', len)) { /* a "\0" escape: every text is used as a C string too */
        char b[CRI_QUOTE_CAP + 8];
        fail_at(L, n, "%s %s holds a NUL byte", what, quoted(n, b, sizeof b));
        return 0;
    }
    *out = arena_text(&L->cfg->arena, s, len);
    if (!out->p) {
        L->status = CR_ENOMEM;
        return 0;
    }
    return 1;
}

static void unknown_key(struct loader *L, yaml_node_t *key, const char *section, const char *known)
{
    char b[CRI_QUOTE_CAP + 8];
    fail_at(L, key, "unknown key %s in %s (known: %s)", quoted(key, b, sizeof b), section, known);
}

/* The values of a mapping that takes exactly the keys names[0] and
 * names[1] (an unknown key is an error, a missing one too).  Returns 0 after
 * reporting. */
static int two_keys(struct loader *L, yaml_node_t *map, const char *what,
                    const char *const names[2], yaml_node_t *out[2])
{
    out[0] = out[1] = NULL;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key);
        int i = scalar_is(k, names[0]) ? 0 : scalar_is(k, names[1]) ? 1 : -1;
        if (i < 0) {
            char known[64];
            snprintf(known, sizeof known, "%s, %s", names[0], names[1]);
            unknown_key(L, k, what, known);
            return 0;
        }
        out[i] = node_at(L, pair->value);
    }
    if (!out[0] || !out[1]) {
        fail_at(L, map, "%s needs %s and %s", what, names[0], names[1]);
        return 0;
    }
    return 1;
}

/* Lists searched per grade row (scale, marks, bands, weights) are capped,
 * so that a config cannot make every row slow. */
#define MAX_LIST 1000

static int within_cap(struct loader *L, yaml_node_t *n, const char *what)
{
    if (count_children(n) <= MAX_LIST)
        return 1;
    fail_at(L, n, "%s takes at most %d entries", what, MAX_LIST);
    return 0;
}

static void *alloc_array(struct loader *L, size_t n, size_t size)
{
    void *p = cri_arena_alloc(&L->cfg->arena, (n ? n : 1) * size);
    if (!p)
        L->status = CR_ENOMEM;
    return p;
}

/* ---- gpa */

static int load_named_values(struct loader *L, yaml_node_t *map, const char *what, int64_t min,
                             int64_t max, struct cri_named_value **out, size_t *n_out)
{
    if (!want_mapping(L, map, what) || !within_cap(L, map, what))
        return 0;
    struct cri_named_value *v = alloc_array(L, count_children(map), sizeof *v);
    if (!v)
        return 0;
    size_t n = 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *val = node_at(L, pair->value);
        struct cri_text name;
        int64_t centi;
        if (!get_text(L, k, what, &name) || !get_decimal(L, val, 2, min, max, what, &centi))
            return 0;
        v[n++] = (struct cri_named_value){name, (int32_t)centi};
    }
    *out = v;
    *n_out = n;
    return 1;
}

/* Bands refer to scale letters, which may be given after them: keep the
 * nodes and resolve once the whole gpa section is read. */
static int resolve_bands(struct loader *L, yaml_node_t *seq)
{
    struct cri_config *cfg = L->cfg;
    if (!want_sequence(L, seq, "gpa.numeric") || !within_cap(L, seq, "gpa.numeric"))
        return 0;
    struct cri_band *bands = alloc_array(L, count_children(seq), sizeof *bands);
    if (!bands)
        return 0;
    size_t n = 0;
    FOR_ITEMS(seq, item)
    {
        yaml_node_t *band = node_at(L, *item);
        if (band->type != YAML_MAPPING_NODE) {
            fail_at(L, band, "each gpa.numeric band must be a mapping {min: N, grade: G}");
            return 0;
        }
        static const char *const band_keys[2] = {"min", "grade"};
        yaml_node_t *v[2];
        if (!two_keys(L, band, "a gpa.numeric band", band_keys, v))
            return 0;
        yaml_node_t *min = v[0], *grade = v[1];
        int64_t min_micro;
        if (!get_decimal(L, min, 6, 0, 100000000, "gpa.numeric min", &min_micro))
            return 0;
        if (!want_scalar(L, grade, "gpa.numeric grade"))
            return 0;
        struct cri_text letter;
        if (!get_text(L, grade, "gpa.numeric grade", &letter))
            return 0;
        if (cri_config_scale_index(cfg, letter.p, letter.n) < 0) {
            char b[CRI_QUOTE_CAP + 8];
            fail_at(L, grade, "gpa.numeric grade %s is not a letter of gpa.scale",
                    quoted(grade, b, sizeof b));
            return 0;
        }
        bands[n++] = (struct cri_band){min_micro, letter, 0};
    }
    cfg->bands = bands;
    cfg->n_bands = n;
    return 1;
}

static int load_text_list(struct loader *L, yaml_node_t *seq, const char *what,
                          struct cri_text **out, size_t *n_out)
{
    if (!want_sequence(L, seq, what) || !within_cap(L, seq, what))
        return 0;
    struct cri_text *t = alloc_array(L, count_children(seq), sizeof *t);
    if (!t)
        return 0;
    size_t n = 0;
    FOR_ITEMS(seq, item)
    {
        if (!get_text(L, node_at(L, *item), what, &t[n]))
            return 0;
        n++;
    }
    *out = t;
    *n_out = n;
    return 1;
}

/* Pairs of texts sorted by the first (text_order). */
static int cmp_text_pair(const void *a, const void *b)
{
    const struct cri_text *x = a, *y = b;
    return text_order(x[0], y[0].p, y[0].n);
}

/* Sort keys[0..n) by text_order, values[i] moving with keys[i]. */
static int sort_text_pairs(struct loader *L, struct cri_text *keys, struct cri_text *values,
                           size_t n)
{
    struct cri_text *pairs = malloc((n ? 2 * n : 1) * sizeof *pairs);
    if (!pairs) {
        L->status = CR_ENOMEM;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        pairs[2 * i] = keys[i];
        pairs[2 * i + 1] = values[i];
    }
    qsort(pairs, n, 2 * sizeof *pairs, cmp_text_pair);
    for (size_t i = 0; i < n; i++) {
        keys[i] = pairs[2 * i];
        values[i] = pairs[2 * i + 1];
    }
    free(pairs);
    return 1;
}

/* {RENUMBERED: ORIGINAL, ...}: one level only, so a target must not itself
 * be renumbered.  Kept sorted by the renumbered id. */
static int load_equivalents(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "gpa.equivalent_courses"))
        return 0;
    size_t n = count_children(map);
    cfg->equivalent_from = alloc_array(L, n, sizeof *cfg->equivalent_from);
    cfg->equivalent_to = alloc_array(L, n, sizeof *cfg->equivalent_to);
    if (!cfg->equivalent_from || !cfg->equivalent_to)
        return 0;
    cfg->n_equivalent = 0;
    FOR_PAIRS(map, pair)
    {
        size_t i = cfg->n_equivalent;
        if (!get_text(L, node_at(L, pair->key), "a course id", &cfg->equivalent_from[i]) ||
            !get_text(L, node_at(L, pair->value), "a course id", &cfg->equivalent_to[i]))
            return 0;
        cfg->n_equivalent++;
    }
    if (!sort_text_pairs(L, cfg->equivalent_from, cfg->equivalent_to, cfg->n_equivalent))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *v = node_at(L, pair->value);
        size_t len;
        const char *to = scalar(v, &len);
        if (cri_config_equivalent_of(cfg, to, len) >= 0) {
            char b[CRI_QUOTE_CAP + 8];
            fail_at(L, v,
                    "gpa.equivalent_courses maps onto %s, which is itself mapped "
                    "(one level only: map every course straight to the final id)",
                    quoted(v, b, sizeof b));
            return 0;
        }
    }
    return 1;
}

static int load_gpa(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    yaml_node_t *numeric = NULL;
    if (!want_mapping(L, map, "gpa"))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        int64_t d;
        int e;
        if (scalar_is(k, "scale")) {
            if (!load_named_values(L, v, "gpa.scale", 0, 1000000, &cfg->scale, &cfg->n_scale))
                return 0;
        } else if (scalar_is(k, "numeric")) {
            numeric = v;
        } else if (scalar_is(k, "non_gpa")) {
            if (!load_text_list(L, v, "gpa.non_gpa", &cfg->non_gpa, &cfg->n_non_gpa))
                return 0;
        } else if (scalar_is(k, "weights")) {
            if (!load_named_values(L, v, "gpa.weights", -1000000, 1000000, &cfg->weights,
                                   &cfg->n_weights))
                return 0;
        } else if (scalar_is(k, "equivalent_courses")) {
            if (!load_equivalents(L, v))
                return 0;
        } else if (scalar_is(k, "year_long_courses")) {
            if (!load_text_list(L, v, "gpa.year_long_courses", &cfg->year_long_courses,
                                &cfg->n_year_long_courses))
                return 0;
        } else if (scalar_is(k, "bonus_min_points")) {
            if (!get_decimal(L, v, 2, -1000000, 1000000, "gpa.bonus_min_points", &d))
                return 0;
            cfg->bonus_min_centi = (int32_t)d;
        } else if (scalar_is(k, "repeats")) {
            if (!get_enum(L, v, "gpa.repeats", cri_names_repeats, &e))
                return 0;
            cfg->repeats = (enum cri_repeats)e;
        } else if (scalar_is(k, "include_transfer")) {
            if (!get_bool(L, v, "gpa.include_transfer", &cfg->include_transfer))
                return 0;
        } else if (scalar_is(k, "include_pre_high_school")) {
            if (!get_bool(L, v, "gpa.include_pre_high_school", &cfg->include_pre_high_school))
                return 0;
        } else if (scalar_is(k, "precision")) {
            if (!get_decimal(L, v, 0, 0, CRI_MAX_PRECISION, "gpa.precision", &d))
                return 0;
            cfg->precision = (int)d;
        } else if (scalar_is(k, "rounding")) {
            if (!get_enum(L, v, "gpa.rounding", cri_names_rounding, &e))
                return 0;
            cfg->rounding = (enum cri_rounding)e;
        } else {
            unknown_key(L, k, "gpa",
                        "scale, numeric, non_gpa, weights, bonus_min_points, repeats, "
                        "equivalent_courses, year_long_courses, "
                        "include_transfer, include_pre_high_school, precision, rounding");
            return 0;
        }
    }
    if (numeric && !resolve_bands(L, numeric))
        return 0;
    /* Bands name letters; a given scale may have dropped one a default band
     * names.  Such a band is only an error when a grade falls into it. */
    for (size_t i = 0; i < cfg->n_bands; i++) {
        int idx = cri_config_scale_index(cfg, cfg->bands[i].grade.p, cfg->bands[i].grade.n);
        cfg->bands[i].scale_index = idx < 0 ? UINT32_MAX : (uint32_t)idx;
    }
    for (size_t i = 0; i < cfg->n_non_gpa; i++)
        if (cri_config_scale_index(cfg, cfg->non_gpa[i].p, cfg->non_gpa[i].n) >= 0) {
            fail_at(L, map, "gpa.non_gpa mark '%s' is also a letter of gpa.scale",
                    cfg->non_gpa[i].p);
            return 0;
        }
    return 1;
}

/* ---- eligibility */

static int load_eligibility(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "eligibility"))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        if (scalar_is(k, "assessment")) {
            /* `any` (SPEC "Assessment not used"): a district with no exit
             * exam rule; the roster need not carry the column at all. */
            if (scalar_is(v, "any")) {
                cfg->assessment_any = 1;
                cfg->assessment_mask = (1u << CRI_ASSESS_COUNT) - 1;
                continue;
            }
            cfg->assessment_any = 0;
            if (v->type == YAML_SCALAR_NODE && !is_null(v)) {
                char b[CRI_QUOTE_CAP + 8];
                fail_at(L, v, "eligibility.assessment must be a list of statuses or any, not %s",
                        quoted(v, b, sizeof b));
                return 0;
            }
            if (!want_sequence(L, v, "eligibility.assessment"))
                return 0;
            unsigned mask = 0;
            FOR_ITEMS(v, item)
            {
                int a;
                if (!get_enum(L, node_at(L, *item), "eligibility.assessment", cri_names_assessment,
                              &a))
                    return 0;
                mask |= 1u << a;
            }
            cfg->assessment_mask = mask;
        } else if (scalar_is(k, "consecutive_semesters")) {
            int64_t d;
            if (!get_decimal(L, v, 0, 0, 16, "eligibility.consecutive_semesters", &d))
                return 0;
            cfg->consecutive_semesters = (int)d;
        } else {
            unknown_key(L, k, "eligibility", "assessment, consecutive_semesters");
            return 0;
        }
    }
    return 1;
}

/* ---- rank */

static int load_rank(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "rank"))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        int e;
        if (scalar_is(k, "by")) {
            if (!get_enum(L, v, "rank.by", cri_names_by, &e))
                return 0;
            cfg->by = (enum cri_key)e;
        } else if (scalar_is(k, "scope")) {
            if (!get_enum(L, v, "rank.scope", cri_names_scope, &e))
                return 0;
            cfg->scope = (enum cri_scope)e;
        } else if (scalar_is(k, "checkpoints")) {
            if (!want_sequence(L, v, "rank.checkpoints"))
                return 0;
            int seen[9] = {0};
            FOR_ITEMS(v, item)
            {
                yaml_node_t *it = node_at(L, *item);
                int64_t d;
                if (!get_decimal(L, it, 0, 1, 8, "rank.checkpoints semester", &d))
                    return 0;
                if (seen[d]) {
                    fail_at(L, it, "rank.checkpoints lists semester %d twice", (int)d);
                    return 0;
                }
                seen[d] = 1;
            }
            cfg->n_checkpoints = 0;
            for (int s = 1; s <= 8; s++)
                if (seen[s])
                    cfg->checkpoints[cfg->n_checkpoints++] = s;
            if (cfg->n_checkpoints == 0) {
                fail_at(L, v, "rank.checkpoints must list at least one semester");
                return 0;
            }
        } else if (scalar_is(k, "ties")) {
            if (!get_enum(L, v, "rank.ties", cri_names_ties, &e))
                return 0;
            cfg->ties = (enum cri_ties)e;
        } else if (scalar_is(k, "compare")) {
            if (!get_enum(L, v, "rank.compare", cri_names_compare, &e))
                return 0;
            cfg->compare = (enum cri_compare)e;
        } else if (scalar_is(k, "tiebreak")) {
            if (!want_sequence(L, v, "rank.tiebreak"))
                return 0;
            cfg->n_tiebreak = 0;
            FOR_ITEMS(v, item)
            {
                yaml_node_t *it = node_at(L, *item);
                if (cfg->n_tiebreak == CRI_MAX_TIEBREAK) {
                    fail_at(L, it, "rank.tiebreak takes at most %d keys", CRI_MAX_TIEBREAK);
                    return 0;
                }
                if (!get_enum(L, it, "rank.tiebreak key", cri_names_key, &e))
                    return 0;
                cfg->tiebreak[cfg->n_tiebreak++] = (enum cri_key)e;
            }
        } else if (scalar_is(k, "include_december_graduates")) {
            if (!get_bool(L, v, "rank.include_december_graduates",
                          &cfg->include_december_graduates))
                return 0;
        } else {
            unknown_key(L, k, "rank",
                        "by, scope, checkpoints, ties, compare, tiebreak, "
                        "include_december_graduates");
            return 0;
        }
    }
    return 1;
}

/* ---- honors */

static int load_honors(struct loader *L, yaml_node_t *seq, const char *what,
                       struct cri_honors_list *out)
{
    if (!want_sequence(L, seq, what))
        return 0;
    if (count_children(seq) > 1000) {
        fail_at(L, seq, "%s takes at most 1000 criteria", what);
        return 0;
    }
    struct cri_honor *h = alloc_array(L, count_children(seq), sizeof *h);
    if (!h)
        return 0;
    size_t n = 0;
    FOR_ITEMS(seq, item)
    {
        yaml_node_t *crit = node_at(L, *item);
        if (crit->type != YAML_MAPPING_NODE) {
            fail_at(L, crit, "each %s criterion must be a mapping with a name", what);
            return 0;
        }
        struct cri_honor c = {.gpa_key = -1};
        int has_name = 0;
        FOR_PAIRS(crit, pair)
        {
            yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
            if (scalar_is(k, "name")) {
                if (!get_text(L, v, "honors name", &c.name))
                    return 0;
                has_name = 1;
            } else if (scalar_is(k, "min_gpa")) {
                if (!get_decimal(L, v, 6, 0, 1000000000, "honors min_gpa", &c.min_gpa_micro))
                    return 0;
                c.has_min_gpa = 1;
            } else if (scalar_is(k, "gpa")) {
                if (!get_enum(L, v, "honors gpa", cri_names_by, &c.gpa_key))
                    return 0;
            } else if (scalar_is(k, "top_percent")) {
                if (!get_decimal(L, v, 6, 0, 100000000, "honors top_percent", &c.top_percent_micro))
                    return 0;
                c.has_top_percent = 1;
            } else if (scalar_is(k, "top_n")) {
                if (!get_decimal(L, v, 0, 0, 1000000000, "honors top_n", &c.top_n))
                    return 0;
                c.has_top_n = 1;
            } else {
                unknown_key(L, k, "an honors criterion", "name, min_gpa, gpa, top_percent, top_n");
                return 0;
            }
        }
        if (!has_name) {
            fail_at(L, crit, "an honors criterion needs a name");
            return 0;
        }
        if (!c.has_min_gpa && !c.has_top_percent && !c.has_top_n) {
            fail_at(L, crit, "honors criterion '%s' needs min_gpa, top_percent or top_n", c.name.p);
            return 0;
        }
        for (size_t i = 0; i < n; i++)
            if (text_eq(h[i].name, c.name.p, c.name.n)) {
                fail_at(L, crit, "%s names criterion '%s' twice", what, c.name.p);
                return 0;
            }
        h[n++] = c;
    }
    out->items = h;
    out->n = n;
    return 1;
}

static int cmp_school(const void *a, const void *b)
{
    const struct cri_school_honors *x = a, *y = b;
    return text_order(x->school, y->school.p, y->school.n);
}

/* A school's honors list; a list node read before (through an alias) is
 * not read again. */
static int school_honors(struct loader *L, yaml_node_t *node, struct cri_honors_list *out)
{
    size_t id = (size_t)(node - L->doc->nodes.start);
    if (!L->honors_memo) {
        size_t n_nodes = (size_t)(L->doc->nodes.top - L->doc->nodes.start);
        if (!(L->honors_memo = calloc(n_nodes, sizeof *L->honors_memo))) {
            L->status = CR_ENOMEM;
            return 0;
        }
    }
    if (L->honors_memo[id].items) {
        *out = L->honors_memo[id];
        return 1;
    }
    if (!load_honors(L, node, "schools honors", out))
        return 0;
    if (out->items && out->n)
        L->honors_memo[id] = *out;
    return 1;
}

/* Sorted by school id once read: a run looks a school up by halves. */
static int load_schools(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "schools"))
        return 0;
    cfg->schools = alloc_array(L, count_children(map), sizeof *cfg->schools);
    if (!cfg->schools)
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        struct cri_school_honors s = {0};
        /* Keys are school ids as written: 520 and '520' both mean "520",
         * and so are the same key (refused by the guard). */
        if (!get_text(L, k, "a schools key", &s.school))
            return 0;
        s.honors = cfg->honors; /* no honors key: the school keeps the default list */
        if (!want_mapping(L, v, "a schools entry"))
            return 0;
        FOR_PAIRS(v, p2)
        {
            yaml_node_t *k2 = node_at(L, p2->key);
            if (!scalar_is(k2, "honors")) {
                unknown_key(L, k2, "a schools entry", "honors");
                return 0;
            }
            if (!school_honors(L, node_at(L, p2->value), &s.honors))
                return 0;
        }
        cfg->schools[cfg->n_schools++] = s;
    }
    qsort(cfg->schools, cfg->n_schools, sizeof *cfg->schools, cmp_school);
    return 1;
}

/* ---- columns */

/* {THEIRS: OURS, ...} */
static int load_value_map(struct loader *L, yaml_node_t *map, const char *what,
                          const char *const *allowed, struct cri_value_map *out)
{
    if (!want_mapping(L, map, what))
        return 0;
    size_t n = count_children(map);
    out->theirs = alloc_array(L, n, sizeof *out->theirs);
    out->ours = alloc_array(L, n, sizeof *out->ours);
    if (!out->theirs || !out->ours)
        return 0;
    out->n = 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *v = node_at(L, pair->value);
        int e;
        if (!get_text(L, node_at(L, pair->key), what, &out->theirs[out->n]))
            return 0;
        if (allowed && !get_enum(L, v, what, allowed, &e))
            return 0;
        /* yes/no and the like arrive as YAML booleans' text: keep the text. */
        if (!get_text(L, v, what, &out->ours[out->n]))
            return 0;
        /* What a value maps to stands for an id: printable, as the ids read
         * from a file must be (a double-quoted YAML scalar can hold any). */
        if (cri_first_hidden_char(out->ours[out->n].p, out->ours[out->n].n) >= 0) {
            char b[CRI_QUOTE_CAP + 8];
            fail_at(L, v, "%s %s holds a control or invisible format character", what,
                    quoted(v, b, sizeof b));
            return 0;
        }
        out->n++;
    }
    if (out->n == 0) {
        fail_at(L, map, "%s must list at least one value", what);
        return 0;
    }
    /* Sorted (theirs with ours beside it), for cri_value_map_find. */
    return sort_text_pairs(L, out->theirs, out->ours, out->n);
}

/* term: {year: H, season: H, year_is: end|start|powerschool_termid, seasons: {...}} */
static int load_term_spec(struct loader *L, yaml_node_t *map, struct cri_term_spec *out)
{
    static const char *const seasons[] = {"FA", "SP", "SU", NULL};
    int has_year_is = 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        int e;
        if (scalar_is(k, "year")) {
            if (!get_text(L, v, "columns term year", &out->year))
                return 0;
        } else if (scalar_is(k, "season")) {
            if (!get_text(L, v, "columns term season", &out->season))
                return 0;
        } else if (scalar_is(k, "year_is")) {
            if (!get_enum(L, v, "columns term year_is", cri_names_year_is, &e))
                return 0;
            out->year_is = (enum cri_year_is)e;
            has_year_is = 1;
        } else if (scalar_is(k, "seasons")) {
            if (!load_value_map(L, v, "columns term seasons", seasons, &out->seasons))
                return 0;
        } else {
            unknown_key(L, k, "columns term", "year, season, year_is, seasons");
            return 0;
        }
    }
    if (!out->year.p || !out->season.p || !has_year_is || !out->seasons.n) {
        fail_at(L, map, "columns term needs year, season, year_is and seasons");
        return 0;
    }
    return 1;
}

/* keep: {Header: [V1, V2, ...], ...} */
static int load_keep(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "columns.grades.keep"))
        return 0;
    cfg->keep = alloc_array(L, count_children(map), sizeof *cfg->keep);
    if (!cfg->keep)
        return 0;
    if (count_children(map) > CRI_MAX_KEEP) {
        fail_at(L, map, "columns.grades.keep takes at most %d columns", CRI_MAX_KEEP);
        return 0;
    }
    FOR_PAIRS(map, pair)
    {
        struct cri_keep *k = &cfg->keep[cfg->n_keep];
        if (!get_text(L, node_at(L, pair->key), "a keep column", &k->header) ||
            !load_text_list(L, node_at(L, pair->value), "a keep list", &k->values, &k->n))
            return 0;
        cfg->n_keep++;
    }
    return 1;
}

/* One entry of columns.<table>: a header name, a value map, or (for term)
 * a year and a season column. */
static int load_column(struct loader *L, int t, const char *table, yaml_node_t *ck, yaml_node_t *cv)
{
    struct cri_config *cfg = L->cfg;
    int col = -1;
    for (int c = 0; c < CRI_COL_COUNT; c++)
        if (table_has_column((enum cri_table)t, (enum cri_column)c) &&
            scalar_is(ck, column_names[c]))
            col = c;
    if (col < 0) {
        char b[CRI_QUOTE_CAP + 8];
        fail_at(L, ck, "columns.%s has no column %s", table, quoted(ck, b, sizeof b));
        return 0;
    }
    if (cv->type == YAML_SCALAR_NODE)
        return get_text(L, cv, "a column header name", &cfg->column_header[t][col]);
    if (cv->type != YAML_MAPPING_NODE || !want_mapping(L, cv, "a column")) {
        fail_at(L, cv, "columns.%s.%s must be a header name or a mapping", table,
                column_names[col]);
        return 0;
    }
    if (col == CRI_COL_TERM) {
        int plain_map = 0;
        FOR_PAIRS(cv, p)
        plain_map |= scalar_is(node_at(L, p->key), "column");
        if (!plain_map)
            return load_term_spec(L, cv, &cfg->term_spec[t]);
    }
    static const char *const map_keys[2] = {"column", "values"};
    char what[64];
    snprintf(what, sizeof what, "columns.%s.%s", table, column_names[col]);
    yaml_node_t *v[2];
    return two_keys(L, cv, what, map_keys, v) &&
           get_text(L, v[0], "a column header name", &cfg->column_header[t][col]) &&
           load_value_map(L, v[1], "a column's values", NULL, &cfg->column_values[t][col]);
}

static int load_columns(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "columns"))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        int t;
        if (!get_enum(L, k, "a columns table", cri_names_table, &t))
            return 0;
        if (!want_mapping(L, v, "a columns table"))
            return 0;
        FOR_PAIRS(v, p2)
        {
            yaml_node_t *ck = node_at(L, p2->key), *cv = node_at(L, p2->value);
            if (scalar_is(ck, "keep")) {
                if (t != CRI_TABLE_GRADES) {
                    fail_at(L, ck, "keep filters apply to grade files only (columns.grades.keep)");
                    return 0;
                }
                if (!load_keep(L, cv))
                    return 0;
            } else if (!load_column(L, t, cri_names_table[t], ck, cv)) {
                return 0;
            }
        }
        /* Two of our columns read from one header would hide a mistake. */
        for (int a = 0; a < CRI_COL_COUNT; a++)
            for (int b = a + 1; b < CRI_COL_COUNT; b++) {
                struct cri_text x = cfg->column_header[t][a], y = cfg->column_header[t][b];
                const char *xs = x.p ? x.p : column_names[a], *ys = y.p ? y.p : column_names[b];
                int a_built = a == CRI_COL_TERM && cfg->term_spec[t].year.p;
                int b_built = b == CRI_COL_TERM && cfg->term_spec[t].year.p;
                if ((x.p || y.p) && !a_built && !b_built &&
                    table_has_column((enum cri_table)t, (enum cri_column)a) &&
                    table_has_column((enum cri_table)t, (enum cri_column)b) &&
                    strcmp(xs, ys) == 0) {
                    fail_at(L, v, "columns.%s reads %s and %s from the same header '%s'",
                            cri_names_table[t], column_names[a], column_names[b], xs);
                    return 0;
                }
            }
    }
    return 1;
}

/* ---- output */

/* school_ids: {SCHOOL: EDFI_ID, ...}: Ed-Fi's educationOrganizationId is a
 * positive integer. */
static int load_edfi_school_ids(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "output.edfi.school_ids"))
        return 0;
    size_t n = count_children(map);
    cfg->edfi_school = alloc_array(L, n, sizeof *cfg->edfi_school);
    cfg->edfi_school_id = alloc_array(L, n, sizeof *cfg->edfi_school_id);
    if (!cfg->edfi_school || !cfg->edfi_school_id)
        return 0;
    FOR_PAIRS(map, pair)
    {
        size_t i = cfg->n_edfi_schools;
        if (!get_text(L, node_at(L, pair->key), "a school_ids key", &cfg->edfi_school[i]) ||
            !get_decimal(L, node_at(L, pair->value), 0, 1, 999999999999999999LL,
                         "an Ed-Fi educationOrganizationId", &cfg->edfi_school_id[i]))
            return 0;
        cfg->n_edfi_schools++;
    }
    return 1;
}

static int load_output(struct loader *L, yaml_node_t *map)
{
    struct cri_config *cfg = L->cfg;
    if (!want_mapping(L, map, "output"))
        return 0;
    FOR_PAIRS(map, pair)
    {
        yaml_node_t *k = node_at(L, pair->key), *v = node_at(L, pair->value);
        if (!scalar_is(k, "edfi")) {
            unknown_key(L, k, "output", "edfi");
            return 0;
        }
        if (!want_mapping(L, v, "output.edfi"))
            return 0;
        cfg->edfi = 1;
        FOR_PAIRS(v, p2)
        {
            yaml_node_t *k2 = node_at(L, p2->key), *v2 = node_at(L, p2->value);
            if (scalar_is(k2, "namespace")) {
                if (!get_text(L, v2, "output.edfi.namespace", &cfg->edfi_namespace))
                    return 0;
            } else if (scalar_is(k2, "school_ids")) {
                if (!load_edfi_school_ids(L, v2))
                    return 0;
            } else {
                unknown_key(L, k2, "output.edfi", "namespace, school_ids");
                return 0;
            }
        }
    }
    return 1;
}

/* ------------------------------------------------------------------ entry */

static enum cr_status walk(struct loader *L, yaml_node_t *root)
{
    if (!root || is_null(root))
        return CR_OK;
    if (root->type != YAML_MAPPING_NODE)
        return fail_at(L, root, "the configuration must be a mapping of sections");
    /* honors must be read before schools (an override without honors keeps
     * the default list), so find the sections first. */
    yaml_node_t *sections[7] = {0};
    static const char *const names[] = {"gpa",     "eligibility", "rank",   "honors",
                                        "schools", "columns",     "output", NULL};
    FOR_PAIRS(root, pair)
    {
        yaml_node_t *k = node_at(L, pair->key);
        int s = -1;
        for (int i = 0; names[i]; i++)
            if (scalar_is(k, names[i]))
                s = i;
        if (s < 0) {
            unknown_key(L, k, "the configuration",
                        "gpa, eligibility, rank, honors, schools, columns, output");
            return L->status;
        }
        if (sections[s]) {
            fail_at(L, k, "section %s is given twice", names[s]);
            return L->status;
        }
        sections[s] = node_at(L, pair->value);
    }
    int ok = (!sections[0] || load_gpa(L, sections[0])) &&
             (!sections[1] || load_eligibility(L, sections[1])) &&
             (!sections[2] || load_rank(L, sections[2])) &&
             (!sections[3] || load_honors(L, sections[3], "honors", &L->cfg->honors)) &&
             (!sections[4] || load_schools(L, sections[4])) &&
             (!sections[5] || load_columns(L, sections[5])) &&
             (!sections[6] || load_output(L, sections[6]));
    /* Ed-Fi keeps a GPA in DECIMAL(18,4): a fifth decimal would be cut. */
    if (ok && L->cfg->edfi && L->cfg->precision > 4) {
        fail_at(L, sections[6],
                "output.edfi needs gpa.precision 4 or less (Ed-Fi keeps "
                "gradePointAverageValue with 4 decimals), not %d",
                L->cfg->precision);
        return L->status;
    }
    return ok ? CR_OK : L->status;
}

/* Check data against the limits, then parse and walk it. */
static enum cr_status load_text(struct cri_config *cfg, const char *path, const char *data,
                                size_t len, struct cri_diag *diag)
{
    enum cr_status st = cri_config_defaults(cfg);
    if (st != CR_OK || (st = cri_config_guard(path, data, len, diag)) != CR_OK)
        return st;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return CR_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    yaml_document_t doc;
    if (!yaml_parser_load(&parser, &doc)) { /* an undefined alias, or memory */
        st = cri_yaml_error(diag, path, data, len, &parser);
        yaml_parser_delete(&parser);
        return st;
    }
    yaml_parser_delete(&parser);
    struct loader L = {cfg, &doc, path, diag, CR_OK, NULL};
    st = walk(&L, yaml_document_get_root_node(&doc));
    free(L.honors_memo);
    yaml_document_delete(&doc);
    if (st == CR_OK)
        st = index_short_grades(cfg);
    return st;
}

enum cr_status cri_config_load(struct cri_config *cfg, const char *path, struct cri_diag *diag)
{
    /* Read whole (it is small, by a limit), so that the guard and the
     * loader read the same bytes, and a pipe works too. */
    memset(cfg, 0, sizeof *cfg);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cri_diag_add(diag, CR_EIO, path, 0, 0, 0, "cannot open config: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        close(fd);
        return cri_diag_add(diag, CR_EUSAGE, path, 0, 0, 0,
                            "is a directory, not a config file (give the YAML file itself)");
    }
    size_t cap = CRI_CONFIG_MAX_BYTES + 1, len = 0;
    char *data = malloc(cap);
    if (!data) {
        close(fd);
        return CR_ENOMEM;
    }
    int err = 0;
    while (len < cap) {
        ssize_t r = read(fd, data + len, cap - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            err = errno;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    enum cr_status st =
        err ? cri_diag_add(diag, CR_EIO, path, 0, 0, 0, "cannot read config: %s", strerror(err))
            : load_text(cfg, path, data, len, diag);
    free(data);
    return st;
}

enum cr_status cri_config_load_mem(struct cri_config *cfg, const char *name, const char *data,
                                   size_t len, struct cri_diag *diag)
{
    return load_text(cfg, name, data, len, diag);
}
