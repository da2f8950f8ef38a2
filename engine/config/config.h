/* config.h -- the run's configuration, loaded from YAML (SPEC "Configuration").
 *
 * Every key is optional; a map or list the file gives replaces the default
 * one whole.  Scaled integers carry their unit: points in hundredths
 * (_centi), credits in thousandths (_milli), thresholds in millionths
 * (_micro). */
#ifndef CRI_CONFIG_H
#define CRI_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/bytes.h"
#include "core/diag.h"
#include "core/gpa.h"

/* Rank keys; also which GPA an honors criterion reads. */
enum cri_key { CRI_KEY_WEIGHTED, CRI_KEY_UNWEIGHTED, CRI_KEY_CREDITS };
enum cri_scope { CRI_SCOPE_SCHOOL, CRI_SCOPE_DISTRICT };
enum cri_ties {
    CRI_TIES_COMPETITION,
    CRI_TIES_MODIFIED,
    CRI_TIES_DENSE,
    CRI_TIES_ORDINAL,
    CRI_TIES_FRACTIONAL
};
enum cri_compare { CRI_COMPARE_EXACT, CRI_COMPARE_ROUNDED };
enum cri_assessment {
    CRI_ASSESS_PASSED,
    CRI_ASSESS_ALTERNATIVE,
    CRI_ASSESS_WAIVED,
    CRI_ASSESS_NONE,
    CRI_ASSESS_COUNT
};

/* Input tables and the columns the engine reads from each. */
enum cri_table {
    CRI_TABLE_STUDENTS,
    CRI_TABLE_ENROLLMENT,
    CRI_TABLE_GRADES,
    CRI_TABLE_COURSES, /* the course catalog, --courses (SPEC "Course catalog") */
    CRI_TABLE_COUNT
};
enum cri_column {
    /* students */
    CRI_COL_STUDENT_ID,
    CRI_COL_SCHOOL_ID,
    CRI_COL_COHORT,
    CRI_COL_ASSESSMENT,
    CRI_COL_ASSESSMENT_TERM,
    CRI_COL_GRAD_TERM,
    CRI_COL_FIRST_NAME,
    CRI_COL_LAST_NAME,
    /* grades (student_id and school_id shared) */
    CRI_COL_TERM,
    CRI_COL_COURSE_ID,
    CRI_COL_GRADE,
    CRI_COL_CREDITS,
    CRI_COL_LEVEL,
    CRI_COL_SOURCE,
    /* both: the registrar's flag (SPEC "Registrar tools", Flags) */
    CRI_COL_RANK_EXCLUDE,
    /* the course catalog (course_id, credits, level and rank_exclude shared) */
    CRI_COL_SUBJECT,
    CRI_COL_YEAR_LONG,
    CRI_COL_COUNT
};

/* The words of each enum as the configuration spells them, in enum order,
 * NULL-terminated: cri_repeats, cri_rounding, cri_key (rank.by and an
 * honor's gpa use the first two), cri_scope, cri_ties, cri_compare,
 * cri_year_is, cri_table, cri_assessment. */
extern const char *const cri_names_repeats[],
    *const cri_names_rounding[], *const cri_names_by[],
                                     *const cri_names_key[],
                                         *const cri_names_scope[],
                                             *const cri_names_ties[],
                                                 *const cri_names_compare[],
                                                     *const cri_names_year_is[],
                                                         *const cri_names_table[],
                                                             *const cri_names_assessment[];

/* The name of a column as the SPEC spells it. */
const char *cri_column_name(enum cri_column col);

struct cri_text {
    const char *p;
    size_t n;
};

struct cri_named_value {
    struct cri_text name;
    int32_t value; /* points_centi for the scale, bonus_centi for weights */
};

/* An export's codes onto ours (SIS exports unchanged). */
struct cri_value_map {
    struct cri_text *theirs, *ours;
    size_t n;
};

enum cri_year_is { CRI_YEAR_IS_END, CRI_YEAR_IS_START, CRI_YEAR_IS_POWERSCHOOL_TERMID };

/* The term built from a school-year column and a season column. */
struct cri_term_spec {
    struct cri_text year, season; /* header names */
    enum cri_year_is year_is;
    struct cri_value_map seasons; /* theirs -> "FA" / "SP" / "SU" */
};

/* Keep only rows whose column holds one of the values (at most
 * CRI_MAX_KEEP columns). */
#define CRI_MAX_KEEP 8

struct cri_keep {
    struct cri_text header;
    struct cri_text *values;
    size_t n;
};

/* Ours for theirs (after the Ed-Fi uri rule), or NULL when not listed. */
const struct cri_text *cri_value_map_find(const struct cri_value_map *m, const char *p, size_t n);

/* An Ed-Fi descriptor "uri://...#Code" read as "Code"; other text as is. */
void cri_descriptor_code(const char **p, size_t *n);

struct cri_band {
    int64_t min_micro;
    struct cri_text grade;
    uint32_t scale_index; /* into cri_config.scale, UINT32_MAX when not in it */
};

struct cri_honor {
    struct cri_text name;
    int gpa_key; /* CRI_KEY_WEIGHTED/UNWEIGHTED, or -1 for rank.by */
    int has_min_gpa, has_top_percent, has_top_n;
    int64_t min_gpa_micro;
    int64_t top_percent_micro;
    int64_t top_n;
};

struct cri_honors_list {
    struct cri_honor *items;
    size_t n;
};

struct cri_school_honors {
    struct cri_text school;
    struct cri_honors_list honors;
};

#define CRI_MAX_CHECKPOINTS 8
#define CRI_MAX_TIEBREAK 8
#define CRI_MAX_PRECISION 9

struct cri_config {
    struct cri_arena arena;
    /* gpa */
    struct cri_named_value *scale;
    size_t n_scale;
    struct cri_band *bands;
    size_t n_bands;
    struct cri_text *non_gpa;
    size_t n_non_gpa;
    struct cri_named_value *weights;
    size_t n_weights;
    int32_t bonus_min_centi;
    struct cri_text *equivalent_from, *equivalent_to; /* gpa.equivalent_courses, by from */
    size_t n_equivalent;
    struct cri_text *year_long_courses; /* gpa.year_long_courses */
    size_t n_year_long_courses;
    enum cri_repeats repeats;
    int include_transfer, include_pre_high_school;
    int precision;
    enum cri_rounding rounding;
    /* eligibility */
    unsigned assessment_mask; /* bit per enum cri_assessment */
    /* eligibility.assessment: any -- every status is eligible, and the
     * roster's assessment and assessment_term columns are not read */
    int assessment_any;
    int consecutive_semesters;
    /* rank */
    enum cri_key by;
    enum cri_scope scope;
    int checkpoints[CRI_MAX_CHECKPOINTS]; /* ascending, distinct, 1..8 */
    size_t n_checkpoints;
    enum cri_ties ties;
    enum cri_compare compare;
    enum cri_key tiebreak[CRI_MAX_TIEBREAK];
    size_t n_tiebreak;
    int include_december_graduates;
    /* honors */
    struct cri_honors_list honors;
    struct cri_school_honors *schools;
    size_t n_schools;
    /* columns: header name per table and column; NULL means the SPEC name */
    struct cri_text column_header[CRI_TABLE_COUNT][CRI_COL_COUNT];
    /* columns: {column: H, values: {...}} -- n 0 when the column is not mapped */
    struct cri_value_map column_values[CRI_TABLE_COUNT][CRI_COL_COUNT];
    /* columns: term: {year: ..., season: ...} -- year.p NULL when not used */
    struct cri_term_spec term_spec[CRI_TABLE_COUNT];
    /* columns.grades.keep */
    struct cri_keep *keep;
    size_t n_keep;
    /* output.edfi (SPEC "Results back to the SIS"): edfi 1 when given; the
     * descriptor namespace; school_ids as school -> Ed-Fi id, by school */
    int edfi;
    struct cri_text edfi_namespace;
    struct cri_text *edfi_school;
    int64_t *edfi_school_id;
    size_t n_edfi_schools;
    /* grade texts of one or two bytes: 0 other, -1 non-GPA, k + 1 scale
     * letter k; built once the config is loaded (NULL before) */
    int16_t *short_grades;
    /* bit n set when some scale letter or non-GPA mark is n bytes long
     * (n < 64; bit 63 for longer ones): a numeric grade of another length
     * needs no search of the lists */
    uint64_t grade_lengths;
    /* 1 + the gpa.weights index of "regular" (what an empty level means),
     * or 0 when not indexed yet or not listed */
    int regular_weight;
    /* gpa.weights by the words of their names (cri_level_slot), and the
     * empty level as "regular": a slot holds the first name that hashed
     * there (n1 0: none); any other level is searched */
    struct cri_level_slot {
        uint64_t words[2];
        uint32_t n1; /* 1 + the name's length */
        int32_t weight;
    } level_slots[64];
};

/* Load path (an empty file means every default).  Errors go to diag with
 * their line and column; returns CR_OK, CR_ECONFIG, CR_EIO or CR_ENOMEM. */
enum cr_status cri_config_load(struct cri_config *cfg, const char *path, struct cri_diag *diag);

/* The same from a buffer; name is used in error messages. */
enum cr_status cri_config_load_mem(struct cri_config *cfg, const char *name, const char *data,
                                   size_t len, struct cri_diag *diag);

/* The defaults alone (used by tests and by an empty file). */
enum cr_status cri_config_defaults(struct cri_config *cfg);

void cri_config_free(struct cri_config *cfg);

/* The honors list that applies to a school: its override, else the default. */
const struct cri_honors_list *cri_config_honors_for(const struct cri_config *cfg,
                                                    const char *school, size_t n);

/* The index of a course in cfg->equivalent_from (sorted), or -1. */
int cri_config_equivalent_of(const struct cri_config *cfg, const char *course, size_t n);

/* What a grade text is: CRI_GRADE_LETTER (with *scale_index),
 * CRI_GRADE_MARK (non-GPA) or CRI_GRADE_OTHER (a number, or unknown).
 * Grades of one or two bytes are answered from a table. */
enum cri_grade_class { CRI_GRADE_OTHER, CRI_GRADE_LETTER, CRI_GRADE_MARK };
/* Where a one- or two-byte grade text sits in cfg->short_grades.  The
 * second byte is masked in, not branched on: rows mix "B" and "B+".  A
 * one-byte text sits above all two-byte ones, so "A" and "A\0" differ. */
#define CRI_SHORT_GRADE_SLOTS (65536 + 256)
static inline size_t cri_short_grade_key(const char *p, size_t n)
{
    return (unsigned char)p[0] | ((size_t)(unsigned char)p[n - 1] << 8 & -(size_t)(n == 2)) |
           (size_t)(n == 1) << 16;
}
enum cri_grade_class cri_config_grade_class_slow(const struct cri_config *cfg, const char *p,
                                                 size_t n, int *scale_index);
static inline enum cri_grade_class cri_config_grade_class(const struct cri_config *cfg,
                                                          const char *p, size_t n, int *scale_index)
{
    if (cfg->short_grades && n >= 1 && n <= 2) { /* one load, inline: every grade row asks */
        int16_t v = cfg->short_grades[cri_short_grade_key(p, n)];
        *scale_index = v - 1;
        return v > 0 ? CRI_GRADE_LETTER : v < 0 ? CRI_GRADE_MARK : CRI_GRADE_OTHER;
    }
    return cri_config_grade_class_slow(cfg, p, n, scale_index);
}

/* Lookups used per grade row.  Each returns the index or -1. */
int cri_config_scale_index(const struct cri_config *cfg, const char *p, size_t n);
int cri_config_weight_index_slow(const struct cri_config *cfg, const char *p, size_t n);

static inline size_t cri_level_slot(const uint64_t words[2], size_t n)
{
    return (size_t)(((words[0] ^ words[1] * 31 ^ n) * 0x9E3779B97F4A7C15ULL) >> 58);
}

/* The gpa.weights index of a level given as words (cri_words_at), or -1.
 * Levels mix row to row: one hashed slot and one compare, with no branch
 * on the text's length.  An empty level means "regular". */
static inline int cri_config_level_of_words(const struct cri_config *cfg, const uint64_t w[2],
                                            size_t n)
{
    /* OPTIMIZATION: the level hash slots; the twin is
     * cri_config_weight_index_slow (docs/DESIGN.md "Speed tricks": 4.5%). */
    const struct cri_level_slot *s = &cfg->level_slots[cri_level_slot(w, n)];
    if (((s->words[0] ^ w[0]) | (s->words[1] ^ w[1]) | (s->n1 ^ (n + 1))) == 0)
        return s->weight;
    if (n == 0)
        return cfg->regular_weight ? cfg->regular_weight - 1
                                   : cri_config_weight_index_slow(cfg, "regular", 7);
    return cri_config_weight_index_slow(cfg, (const char *)w, n); /* the text's bytes */
}

/* The same for a level text anywhere. */
static inline int cri_config_weight_index(const struct cri_config *cfg, const char *p, size_t n)
{
    if (n > 16)
        return cri_config_weight_index_slow(cfg, p, n);
    uint64_t w[2];
    cri_words_of(p, n, w);
    return cri_config_level_of_words(cfg, w, n);
}
int cri_config_is_non_gpa(const struct cri_config *cfg, const char *p, size_t n);

/* Parse an assessment status; -1 when unknown. */
int cri_assessment_parse(const char *p, size_t n);

#endif
