/* test_config.c -- unit suite for engine/config.c (SPEC "Configuration":
 * every key optional, an empty file means the defaults, a map or list given
 * replaces the default one whole, schools keys are ids as written; "Bad
 * input": YAML syntax errors, unknown keys and bad values are reported with
 * their line and column).
 *
 * Each case writes its YAML to a file in a private temporary directory and
 * loads it.  Error locations are 1-based line:column of the offending node,
 * counted by hand in the comments (column = bytes before the node + 1). */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "core/bytes.h"
#include "core/diag.h"

#include "tmp_root.h"

/* Write text to a fresh file under tmp_root; path out has room for 128. */
static void write_yaml(const char *text, char *path)
{
    snprintf(path, 128, "%s/cfg-XXXXXX.yaml", tmp_root);
    int fd = mkstemps(path, 5);
    ck_assert_msg(fd >= 0, "mkstemps %s", path);
    FILE *f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
}

static enum cr_status load(const char *text, struct cri_config *cfg, struct cri_diag *d,
                           char *path)
{
    write_yaml(text, path);
    return cri_config_load(cfg, path, d);
}

static int32_t scale_of(const struct cri_config *cfg, const char *letter)
{
    int i = cri_config_scale_index(cfg, letter, strlen(letter));
    ck_assert_msg(i >= 0, "letter %s not in the scale", letter);
    return cfg->scale[i].value;
}

static int32_t weight_of(const struct cri_config *cfg, const char *level)
{
    int i = cri_config_weight_index(cfg, level, strlen(level));
    ck_assert_msg(i >= 0, "level %s not in the weights", level);
    return cfg->weights[i].value;
}

static int text_is(struct cri_text t, const char *s)
{
    return t.p && t.n == strlen(s) && memcmp(t.p, s, t.n) == 0;
}

/* ------------------------------------------------------------------ defaults */

static void check_defaults(const struct cri_config *cfg)
{
    /* gpa */
    ck_assert_uint_eq(cfg->n_scale, 13);
    ck_assert_int_eq(scale_of(cfg, "A+"), 400);
    ck_assert_int_eq(scale_of(cfg, "A"), 400);
    ck_assert_int_eq(scale_of(cfg, "A-"), 370);
    ck_assert_int_eq(scale_of(cfg, "B+"), 330);
    ck_assert_int_eq(scale_of(cfg, "C-"), 170);
    ck_assert_int_eq(scale_of(cfg, "D-"), 70);
    ck_assert_int_eq(scale_of(cfg, "F"), 0);
    ck_assert_uint_eq(cfg->n_bands, 5);
    ck_assert_int_eq(cfg->bands[0].min_micro, 90000000);
    ck_assert(text_is(cfg->bands[0].grade, "A"));
    ck_assert_uint_eq(cfg->bands[0].scale_index,
                      (uint32_t)cri_config_scale_index(cfg, "A", 1));
    ck_assert_int_eq(cfg->bands[3].min_micro, 60000000);
    ck_assert(text_is(cfg->bands[3].grade, "D"));
    ck_assert_int_eq(cfg->bands[4].min_micro, 0);
    ck_assert(text_is(cfg->bands[4].grade, "F"));
    ck_assert_uint_eq(cfg->n_non_gpa, 6);
    static const char *const marks[] = {"P", "I", "W", "NC", "AU", "CR"};
    for (size_t i = 0; i < 6; i++)
        ck_assert_msg(cri_config_is_non_gpa(cfg, marks[i], strlen(marks[i])), "%s", marks[i]);
    ck_assert(!cri_config_is_non_gpa(cfg, "A", 1));
    ck_assert(!cri_config_is_non_gpa(cfg, "p", 1)); /* bytewise, no case folding */
    ck_assert_uint_eq(cfg->n_weights, 5);
    ck_assert_int_eq(weight_of(cfg, "regular"), 0);
    ck_assert_int_eq(weight_of(cfg, "honors"), 100);
    ck_assert_int_eq(weight_of(cfg, "ap"), 100);
    ck_assert_int_eq(weight_of(cfg, "ib"), 100);
    ck_assert_int_eq(weight_of(cfg, "dual"), 100);
    ck_assert_int_eq(cfg->bonus_min_centi, 200);
    ck_assert_int_eq(cfg->repeats, CRI_REPEATS_ALL);
    ck_assert_int_eq(cfg->include_transfer, 1);
    ck_assert_int_eq(cfg->include_pre_high_school, 1);
    ck_assert_int_eq(cfg->precision, 3);
    ck_assert_int_eq(cfg->rounding, CRI_ROUND_HALF_UP);
    /* eligibility */
    ck_assert_uint_eq(cfg->assessment_mask,
                      1u << CRI_ASSESS_PASSED | 1u << CRI_ASSESS_ALTERNATIVE);
    ck_assert_int_eq(cfg->consecutive_semesters, 2);
    /* rank */
    ck_assert_int_eq(cfg->by, CRI_KEY_WEIGHTED);
    ck_assert_int_eq(cfg->scope, CRI_SCOPE_SCHOOL);
    ck_assert_uint_eq(cfg->n_checkpoints, 3);
    ck_assert_int_eq(cfg->checkpoints[0], 6);
    ck_assert_int_eq(cfg->checkpoints[1], 7);
    ck_assert_int_eq(cfg->checkpoints[2], 8);
    ck_assert_int_eq(cfg->ties, CRI_TIES_COMPETITION);
    ck_assert_int_eq(cfg->compare, CRI_COMPARE_EXACT);
    ck_assert_uint_eq(cfg->n_tiebreak, 0);
    ck_assert_int_eq(cfg->include_december_graduates, 1);
    /* honors, schools and columns are empty by default */
    ck_assert_uint_eq(cfg->honors.n, 0);
    ck_assert_uint_eq(cfg->n_schools, 0);
    ck_assert_ptr_eq(cri_config_honors_for(cfg, "520", 3), &cfg->honors);
    for (int t = 0; t < CRI_TABLE_COUNT; t++)
        for (int c = 0; c < CRI_COL_COUNT; c++)
            ck_assert_ptr_null(cfg->column_header[t][c].p);
}

/* Files that mean "all defaults". */
static const char *const default_texts[] = {
    "",
    "\n\n",
    "# only a comment\n",
    "---\n",
    "---\n...\n",
    "~\n",
    "gpa:\neligibility:\nrank:\nhonors:\nschools:\ncolumns:\n", /* empty sections */
    "gpa: {}\nrank: {}\nhonors: []\n",
};

START_TEST(test_defaults_table)
{
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    enum cr_status st = load(default_texts[_i], &cfg, &d, path);
    ck_assert_msg(st == CR_OK, "case %d: status %d (%s)", _i, (int)st,
                  d.count ? d.errors[0].message : "");
    ck_assert_uint_eq(d.count, 0);
    ck_assert_int_eq(d.status, CR_OK);
    check_defaults(&cfg);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_defaults_function)
{
    struct cri_config cfg;
    ck_assert_int_eq(cri_config_defaults(&cfg), CR_OK);
    check_defaults(&cfg);
    cri_config_free(&cfg);
}
END_TEST

/* ------------------------------------------------------------------ full */

static const char full_yaml[] =
    "gpa:\n"
    "  scale: {A: 4.0, B: 3.0, C: 2.0, D: 1.0, F: 0}\n"
    "  numeric:\n"
    "    - {min: 89.5, grade: A}\n"
    "    - {min: 79.5, grade: B}\n"
    "    - {min: 69.5, grade: C}\n"
    "    - {min: 59.5, grade: D}\n"
    "    - {min: 0, grade: F}\n"
    "  non_gpa: [P, W]\n"
    "  weights: {regular: 0, honors: 0.5, ap: 1.25}\n"
    "  bonus_min_points: 1.0\n"
    "  repeats: highest\n"
    "  include_transfer: false\n"
    "  include_pre_high_school: no\n"
    "  precision: 2\n"
    "  rounding: half_even\n"
    "eligibility:\n"
    "  assessment: [passed, waived]\n"
    "  consecutive_semesters: 3\n"
    "rank:\n"
    "  by: unweighted\n"
    "  scope: district\n"
    "  checkpoints: [8, 6]\n"
    "  ties: fractional\n"
    "  compare: rounded\n"
    "  tiebreak: [weighted, credits]\n"
    "  include_december_graduates: false\n"
    "honors:\n"
    "  - {name: Summa, min_gpa: 3.9, gpa: unweighted}\n"
    "  - {name: Top Decile, top_percent: 10}\n"
    "  - name: Top Five\n"
    "    top_n: 5\n"
    "    min_gpa: 3.25\n"
    "schools:\n"
    "  \"0520\": {honors: [{name: Valedictorian, top_n: 1}]}\n"
    "  \"610\": {}\n"
    "columns:\n"
    "  students: {student_id: PermID, cohort: GradYear}\n"
    "  enrollment: {term: Term}\n"
    "  grades: {student_id: PermID, grade: Mark, credits: Cr}\n";

START_TEST(test_full_config)
{
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    enum cr_status st = load(full_yaml, &cfg, &d, path);
    ck_assert_msg(st == CR_OK, "status %d: %s", (int)st, d.count ? d.errors[0].message : "");
    ck_assert_uint_eq(d.count, 0);
    /* gpa */
    ck_assert_uint_eq(cfg.n_scale, 5);
    ck_assert_int_eq(scale_of(&cfg, "A"), 400);
    ck_assert_int_eq(scale_of(&cfg, "B"), 300);
    ck_assert_int_eq(scale_of(&cfg, "F"), 0);
    ck_assert_int_eq(cri_config_scale_index(&cfg, "A-", 2), -1);
    ck_assert_uint_eq(cfg.n_bands, 5);
    ck_assert_int_eq(cfg.bands[0].min_micro, 89500000);
    ck_assert(text_is(cfg.bands[0].grade, "A"));
    ck_assert_uint_eq(cfg.bands[0].scale_index, (uint32_t)cri_config_scale_index(&cfg, "A", 1));
    ck_assert_int_eq(cfg.bands[3].min_micro, 59500000);
    ck_assert_uint_eq(cfg.bands[3].scale_index, (uint32_t)cri_config_scale_index(&cfg, "D", 1));
    ck_assert_int_eq(cfg.bands[4].min_micro, 0);
    ck_assert_uint_eq(cfg.bands[4].scale_index, (uint32_t)cri_config_scale_index(&cfg, "F", 1));
    ck_assert_uint_eq(cfg.n_non_gpa, 2);
    ck_assert(cri_config_is_non_gpa(&cfg, "W", 1));
    ck_assert(!cri_config_is_non_gpa(&cfg, "I", 1));
    ck_assert_uint_eq(cfg.n_weights, 3);
    ck_assert_int_eq(weight_of(&cfg, "honors"), 50);
    ck_assert_int_eq(weight_of(&cfg, "ap"), 125);
    ck_assert_int_eq(cri_config_weight_index(&cfg, "dual", 4), -1);
    ck_assert_int_eq(cfg.bonus_min_centi, 100);
    ck_assert_int_eq(cfg.repeats, CRI_REPEATS_HIGHEST);
    ck_assert_int_eq(cfg.include_transfer, 0);
    ck_assert_int_eq(cfg.include_pre_high_school, 0);
    ck_assert_int_eq(cfg.precision, 2);
    ck_assert_int_eq(cfg.rounding, CRI_ROUND_HALF_EVEN);
    /* eligibility */
    ck_assert_uint_eq(cfg.assessment_mask, 1u << CRI_ASSESS_PASSED | 1u << CRI_ASSESS_WAIVED);
    ck_assert_int_eq(cfg.consecutive_semesters, 3);
    /* rank: checkpoints come out ascending */
    ck_assert_int_eq(cfg.by, CRI_KEY_UNWEIGHTED);
    ck_assert_int_eq(cfg.scope, CRI_SCOPE_DISTRICT);
    ck_assert_uint_eq(cfg.n_checkpoints, 2);
    ck_assert_int_eq(cfg.checkpoints[0], 6);
    ck_assert_int_eq(cfg.checkpoints[1], 8);
    ck_assert_int_eq(cfg.ties, CRI_TIES_FRACTIONAL);
    ck_assert_int_eq(cfg.compare, CRI_COMPARE_ROUNDED);
    ck_assert_uint_eq(cfg.n_tiebreak, 2);
    ck_assert_int_eq(cfg.tiebreak[0], CRI_KEY_WEIGHTED);
    ck_assert_int_eq(cfg.tiebreak[1], CRI_KEY_CREDITS);
    ck_assert_int_eq(cfg.include_december_graduates, 0);
    /* honors, in the order given */
    ck_assert_uint_eq(cfg.honors.n, 3);
    const struct cri_honor *h = cfg.honors.items;
    ck_assert(text_is(h[0].name, "Summa"));
    ck_assert(h[0].has_min_gpa && !h[0].has_top_percent && !h[0].has_top_n);
    ck_assert_int_eq(h[0].min_gpa_micro, 3900000);
    ck_assert_int_eq(h[0].gpa_key, CRI_KEY_UNWEIGHTED);
    ck_assert(text_is(h[1].name, "Top Decile"));
    ck_assert(!h[1].has_min_gpa && h[1].has_top_percent && !h[1].has_top_n);
    ck_assert_int_eq(h[1].top_percent_micro, 10000000);
    ck_assert_int_eq(h[1].gpa_key, -1); /* rank.by */
    ck_assert(text_is(h[2].name, "Top Five"));
    ck_assert(h[2].has_min_gpa && !h[2].has_top_percent && h[2].has_top_n);
    ck_assert_int_eq(h[2].top_n, 5);
    ck_assert_int_eq(h[2].min_gpa_micro, 3250000);
    /* schools: "0520" has its own list; "610" keeps the default one; "520"
     * is another school (ids are text) */
    ck_assert_uint_eq(cfg.n_schools, 2);
    const struct cri_honors_list *l = cri_config_honors_for(&cfg, "0520", 4);
    ck_assert_uint_eq(l->n, 1);
    ck_assert(text_is(l->items[0].name, "Valedictorian"));
    ck_assert(l->items[0].has_top_n);
    ck_assert_int_eq(l->items[0].top_n, 1);
    ck_assert_uint_eq(cri_config_honors_for(&cfg, "610", 3)->n, 3);
    ck_assert_ptr_eq(cri_config_honors_for(&cfg, "520", 3), &cfg.honors);
    /* columns */
    ck_assert(text_is(cfg.column_header[CRI_TABLE_STUDENTS][CRI_COL_STUDENT_ID], "PermID"));
    ck_assert(text_is(cfg.column_header[CRI_TABLE_STUDENTS][CRI_COL_COHORT], "GradYear"));
    ck_assert_ptr_null(cfg.column_header[CRI_TABLE_STUDENTS][CRI_COL_SCHOOL_ID].p);
    ck_assert(text_is(cfg.column_header[CRI_TABLE_ENROLLMENT][CRI_COL_TERM], "Term"));
    ck_assert_ptr_null(cfg.column_header[CRI_TABLE_ENROLLMENT][CRI_COL_STUDENT_ID].p);
    ck_assert(text_is(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_STUDENT_ID], "PermID"));
    ck_assert(text_is(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_GRADE], "Mark"));
    ck_assert(text_is(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_CREDITS], "Cr"));
    ck_assert_ptr_null(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_COURSE_ID].p);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

/* ---------------------------------------------------- replacing and merging */

START_TEST(test_given_map_replaces_default)
{
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    /* weights without dual, ap or ib: those levels are gone, not kept */
    ck_assert_int_eq(load("gpa:\n  weights: {regular: 0, honors: 1.0}\n", &cfg, &d, path), CR_OK);
    ck_assert_uint_eq(cfg.n_weights, 2);
    ck_assert_int_eq(weight_of(&cfg, "honors"), 100);
    ck_assert_int_eq(cri_config_weight_index(&cfg, "dual", 4), -1);
    ck_assert_int_eq(cri_config_weight_index(&cfg, "ap", 2), -1);
    /* the rest of gpa keeps its defaults (sections merge key by key) */
    ck_assert_uint_eq(cfg.n_scale, 13);
    ck_assert_int_eq(cfg.precision, 3);
    ck_assert_uint_eq(cfg.n_non_gpa, 6);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

/* The slot a level name hashes to (cri_level_slot over its words). */
static size_t slot_of(const char *name)
{
    uint64_t w[2];
    cri_words_of(name, strlen(name), w);
    return cri_level_slot(w, strlen(name));
}

/* Levels are found through a small hash of their words: two names that share
 * a slot, and an unknown name in their slot, must still come out right,
 * looked up as words and as text.  The names are found by searching, so the
 * test keeps its point whatever the hash. */
START_TEST(test_weight_lookup_shared_slots)
{
    static char names[600][8];
    int first = -1, second = -1, stranger = -1;
    for (int i = 0; i < 600; i++)
        snprintf(names[i], sizeof names[i], "lv%d", i);
    for (int i = 0; i < 600 && second < 0; i++)
        for (int j = 0; j < i && second < 0; j++)
            if (slot_of(names[i]) == slot_of(names[j])) {
                first = j;
                second = i;
            }
    ck_assert_int_ge(second, 0); /* 600 names in 64 slots must share */
    for (int i = 0; i < 600 && stranger < 0; i++)
        if (i != first && i != second && slot_of(names[i]) == slot_of(names[first]))
            stranger = i;
    ck_assert_int_ge(stranger, 0);

    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128], yaml[160];
    snprintf(yaml, sizeof yaml, "gpa:\n  weights: {regular: 0, %s: 1.0, %s: 0.5, hon: 0.25}\n",
             names[first], names[second]);
    ck_assert_int_eq(load(yaml, &cfg, &d, path), CR_OK);
    ck_assert_int_eq(weight_of(&cfg, names[first]), 100);
    ck_assert_int_eq(weight_of(&cfg, names[second]), 50);
    ck_assert_int_eq(weight_of(&cfg, "hon"), 25);
    ck_assert_int_eq(weight_of(&cfg, "regular"), 0);
    ck_assert_int_eq(cri_config_weight_index(&cfg, names[stranger], strlen(names[stranger])), -1);
    const char *as_words[] = {names[first], names[second], names[stranger], "hon", "regular", ""};
    for (size_t i = 0; i < sizeof as_words / sizeof *as_words; i++) {
        uint64_t w[2];
        size_t n = strlen(as_words[i]);
        cri_words_of(as_words[i], n, w);
        ck_assert_int_eq(cri_config_level_of_words(&cfg, w, n),
                         cri_config_weight_index_slow(&cfg, n ? as_words[i] : "regular",
                                                      n ? n : 7));
    }
    ck_assert_int_eq(cri_config_weight_index(&cfg, "ho", 2), -1);
    ck_assert_int_eq(cri_config_weight_index(&cfg, "regula", 6), -1);
    ck_assert_int_eq(cfg.regular_weight, 1);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_given_lists_replace_default)
{
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    ck_assert_int_eq(load("gpa:\n"
                          "  non_gpa: [X]\n"
                          "  scale: {A: 4.0, P1: 3.5, F: 0}\n"
                          "eligibility:\n"
                          "  assessment: [waived]\n"
                          "rank:\n"
                          "  checkpoints: [7]\n"
                          "  tiebreak: [credits]\n",
                          &cfg, &d, path),
                     CR_OK);
    ck_assert_uint_eq(cfg.n_non_gpa, 1);
    ck_assert(cri_config_is_non_gpa(&cfg, "X", 1));
    ck_assert(!cri_config_is_non_gpa(&cfg, "P", 1));
    ck_assert_uint_eq(cfg.n_scale, 3);
    ck_assert_int_eq(scale_of(&cfg, "P1"), 350);
    ck_assert_int_eq(cri_config_scale_index(&cfg, "B", 1), -1);
    /* The default bands stay; those naming a letter the new scale lacks
     * point nowhere (an error only if a grade falls in them). */
    ck_assert_uint_eq(cfg.n_bands, 5);
    ck_assert_uint_eq(cfg.bands[0].scale_index, (uint32_t)cri_config_scale_index(&cfg, "A", 1));
    ck_assert_uint_eq(cfg.bands[1].scale_index, UINT32_MAX); /* B */
    ck_assert_uint_eq(cfg.bands[4].scale_index, (uint32_t)cri_config_scale_index(&cfg, "F", 1));
    ck_assert_uint_eq(cfg.assessment_mask, 1u << CRI_ASSESS_WAIVED);
    ck_assert_uint_eq(cfg.n_checkpoints, 1);
    ck_assert_int_eq(cfg.checkpoints[0], 7);
    ck_assert_uint_eq(cfg.n_tiebreak, 1);
    ck_assert_int_eq(cfg.tiebreak[0], CRI_KEY_CREDITS);
    /* untouched keys of the same sections keep their defaults */
    ck_assert_int_eq(cfg.consecutive_semesters, 2);
    ck_assert_int_eq(cfg.ties, CRI_TIES_COMPETITION);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_numeric_before_scale)
{
    /* Bands may name letters of a scale given after them in the file. */
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    ck_assert_int_eq(load("gpa:\n"
                          "  numeric: [{min: 50, grade: X}, {min: 0, grade: Y}]\n"
                          "  scale: {X: 4, Y: 0}\n",
                          &cfg, &d, path),
                     CR_OK);
    ck_assert_uint_eq(cfg.n_bands, 2);
    ck_assert_int_eq(cfg.bands[0].min_micro, 50000000);
    ck_assert_uint_eq(cfg.bands[0].scale_index, (uint32_t)cri_config_scale_index(&cfg, "X", 1));
    ck_assert_uint_eq(cfg.bands[1].scale_index, (uint32_t)cri_config_scale_index(&cfg, "Y", 1));
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

/* --------------------------------------------------------- SIS exports */

START_TEST(test_sis_columns)
{
    /* Worked from the SPEC "SIS exports unchanged": a value map, a term built
     * from a school year and a season, and a keep filter. */
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    ck_assert_int_eq(load("columns:\n"
                          "  grades:\n"
                          "    student_id: studentUniqueId\n"
                          "    level: {column: Lvl, values: {H: honors, \"AP\": ap}}\n"
                          "    term: {year: SchoolYear, season: Term, year_is: end,\n"
                          "           seasons: {\"Fall Semester\": FA, \"Spring Semester\": SP}}\n"
                          "    keep: {StoreCode: [S1, S2]}\n",
                          &cfg, &d, path),
                     CR_OK);
    const struct cri_value_map *m = &cfg.column_values[CRI_TABLE_GRADES][CRI_COL_LEVEL];
    ck_assert_uint_eq(m->n, 2);
    ck_assert_str_eq(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_LEVEL].p, "Lvl");
    ck_assert_str_eq(cfg.column_header[CRI_TABLE_GRADES][CRI_COL_STUDENT_ID].p, "studentUniqueId");
    const struct cri_text *ours = cri_value_map_find(m, "H", 1);
    ck_assert_ptr_nonnull(ours);
    ck_assert_str_eq(ours->p, "honors");
    /* An Ed-Fi descriptor reads as its code. */
    const char *uri = "uri://ed-fi.org/LevelDescriptor#AP";
    ours = cri_value_map_find(m, uri, strlen(uri));
    ck_assert_ptr_nonnull(ours);
    ck_assert_str_eq(ours->p, "ap");
    ck_assert_ptr_null(cri_value_map_find(m, "R", 1));
    ck_assert_ptr_null(cri_value_map_find(m, "h", 1)); /* bytewise: no case folding */
    const struct cri_term_spec *ts = &cfg.term_spec[CRI_TABLE_GRADES];
    ck_assert_str_eq(ts->year.p, "SchoolYear");
    ck_assert_str_eq(ts->season.p, "Term");
    ck_assert_int_eq(ts->year_is, CRI_YEAR_IS_END);
    ck_assert_uint_eq(ts->seasons.n, 2);
    ck_assert_uint_eq(cfg.n_keep, 1);
    ck_assert_str_eq(cfg.keep[0].header.p, "StoreCode");
    ck_assert_uint_eq(cfg.keep[0].n, 2);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_descriptor_code)
{
    const char *p = "uri://ed-fi.org/TermDescriptor#Fall Semester";
    size_t n = strlen(p);
    cri_descriptor_code(&p, &n);
    ck_assert_uint_eq(n, strlen("Fall Semester"));
    ck_assert_int_eq(memcmp(p, "Fall Semester", n), 0);
    const char *q = "Fall#Semester"; /* not a uri: as is */
    size_t m = strlen(q);
    cri_descriptor_code(&q, &m);
    ck_assert_uint_eq(m, strlen("Fall#Semester"));
}
END_TEST

/* ------------------------------------------------------------- school keys */

struct school_case {
    const char *yaml;
    const char *school; /* the id it must mean */
    const char *other;  /* an id it must not mean */
};

static const struct school_case school_cases[] = {
    {"schools:\n  520: {honors: [{name: Valedictorian, top_n: 1}]}\n", "520", "0520"},
    {"schools:\n  '520': {honors: [{name: Valedictorian, top_n: 1}]}\n", "520", "0520"},
    {"schools:\n  \"520\": {honors: [{name: Valedictorian, top_n: 1}]}\n", "520", "0520"},
    {"schools:\n  '0520': {honors: [{name: Valedictorian, top_n: 1}]}\n", "0520", "520"},
    {"schools:\n  \"S-12\":\n    honors:\n      - {name: Valedictorian, top_n: 1}\n", "S-12",
     "s-12"},
};

START_TEST(test_school_keys_table)
{
    const struct school_case *tc = &school_cases[_i];
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    enum cr_status st = load(tc->yaml, &cfg, &d, path);
    ck_assert_msg(st == CR_OK, "case %d: %s", _i, d.count ? d.errors[0].message : "");
    ck_assert_uint_eq(cfg.n_schools, 1);
    ck_assert_msg(text_is(cfg.schools[0].school, tc->school), "case %d: school '%s', want '%s'",
                  _i, cfg.schools[0].school.p, tc->school);
    const struct cri_honors_list *l = cri_config_honors_for(&cfg, tc->school, strlen(tc->school));
    ck_assert_uint_eq(l->n, 1);
    ck_assert(text_is(l->items[0].name, "Valedictorian"));
    ck_assert_ptr_eq(cri_config_honors_for(&cfg, tc->other, strlen(tc->other)), &cfg.honors);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

/* ------------------------------------------------------------------ errors */

struct error_case {
    const char *name;
    const char *yaml;
    unsigned long line, column;
    const char *word; /* the message must quote or name this */
};

static const struct error_case error_cases[] = {
    /* A tab cannot start a token: line 2 column 1. */
    {"YAML syntax: tab indentation", "gpa:\n\tprecision: 3\n", 2, 1, ""},
    /* `  precision: 3: 4`: the second ':' is column 15. */
    {"YAML syntax: mapping value in a plain scalar", "gpa:\n  precision: 3: 4\n", 2, 15, ""},
    {"unknown top-level key", "gpa:\n  precision: 2\nrnak:\n  ties: dense\n", 3, 1, "rnak"},
    {"unknown key in gpa", "gpa:\n  precison: 2\n", 2, 3, "precison"},
    {"unknown key in rank", "rank:\n  tie: dense\n", 2, 3, "tie"},
    {"unknown key in eligibility", "eligibility:\n  consecutive: 2\n", 2, 3, "consecutive"},
    /* `  schools entry: '520': {honours` -- h is column 11 */
    {"unknown key in a schools entry", "schools:\n  '520': {honours: []}\n", 2, 11, "honours"},
    /* `  precision: [2]`: '[' is column 14. */
    {"list where a scalar is expected (flow)", "gpa:\n  precision: [2]\n", 2, 14, "list"},
    /* A block list starts at its first '-': line 3 column 5. */
    {"list where a scalar is expected (block)", "rank:\n  ties:\n    - dense\n", 3, 5, "list"},
    /* `  non_gpa: {P: 1}`: '{' is column 12. */
    {"mapping where a list is expected", "gpa:\n  non_gpa: {P: 1}\n", 2, 12, "mapping"},
    /* `  by: {a: b}`: '{' is column 7. */
    {"mapping where a scalar is expected", "rank:\n  by: {a: b}\n", 2, 7, "mapping"},
    {"top level is a list", "- gpa\n- rank\n", 1, 1, ""},
    /* `  ties: bogus`: b is column 9. */
    {"bad enum value", "rank:\n  ties: bogus\n", 2, 9, "bogus"},
    {"bad rounding", "gpa:\n  rounding: half_down\n", 2, 13, "half_down"},
    /* `  tiebreak: [credits, gpa]`: g is column 23. */
    {"bad tiebreak key", "rank:\n  tiebreak: [credits, gpa]\n", 2, 23, "gpa"},
    /* `  assessment: [passed, exempt]`: e of exempt is column 24. */
    {"unknown assessment", "eligibility:\n  assessment: [passed, exempt]\n", 2, 24, "exempt"},
    /* `  include_transfer: maybe`: m is column 21. */
    {"bad boolean", "gpa:\n  include_transfer: maybe\n", 2, 21, "maybe"},
    /* `  precision: -1`: '-' is column 14. */
    {"negative precision", "gpa:\n  precision: -1\n", 2, 14, "-1"},
    {"precision too large", "gpa:\n  precision: 10\n", 2, 14, "10"},
    {"precision with decimals", "gpa:\n  precision: 2.5\n", 2, 14, "2.5"},
    {"precision not a number", "gpa:\n  precision: three\n", 2, 14, "three"},
    /* `  scale: {A: 4.0, B: 3.125}`: 3 is column 22. */
    {"scale points with 3 decimals (flow)", "gpa:\n  scale: {A: 4.0, B: 3.125}\n", 2, 22,
     "3.125"},
    /* `    B: 3.125`: 3 is column 8 of line 4. */
    {"scale points with 3 decimals (block)", "gpa:\n  scale:\n    A: 4\n    B: 3.125\n", 4, 8,
     "3.125"},
    /* `  weights: {regular: 0, ap: 1.125}`: 1 is column 29. */
    {"weight with 3 decimals", "gpa:\n  weights: {regular: 0, ap: 1.125}\n", 2, 29, "1.125"},
    /* `    - {min: 90, grade: Z}`: Z is column 24. */
    {"numeric band naming a letter not in the scale",
     "gpa:\n  numeric:\n    - {min: 90, grade: Z}\n", 3, 24, "Z"},
    /* The given scale has no F: `    - {min: 0, grade: F}` F is column 23. */
    {"numeric band naming a letter the given scale dropped",
     "gpa:\n  scale: {X: 4.0, Y: 0}\n  numeric:\n    - {min: 50, grade: X}\n"
     "    - {min: 0, grade: F}\n",
     5, 23, "F"},
    /* The second `precision` key, line 3 column 3. */
    {"duplicate key in gpa", "gpa:\n  precision: 2\n  precision: 3\n", 3, 3, "precision"},
    {"duplicate section", "rank: {}\nrank: {}\n", 2, 1, "rank"},
    /* `  scale: {A: 4, A: 3}`: the second A is column 17. */
    {"duplicate scale letter", "gpa:\n  scale: {A: 4, A: 3}\n", 2, 17, "A"},
    /* 520 and '520' are the same school id. */
    {"duplicate school, quoted and unquoted", "schools:\n  520: {}\n  '520': {}\n", 3, 3, "520"},
    /* `  checkpoints: []`: '[' is column 16. */
    {"empty checkpoints list", "rank:\n  checkpoints: []\n", 2, 16, ""},
    /* `  checkpoints: [6, 9]`: 9 is column 20. */
    {"checkpoint out of range", "rank:\n  checkpoints: [6, 9]\n", 2, 20, "9"},
    {"checkpoint listed twice", "rank:\n  checkpoints: [6, 6]\n", 2, 20, "6"},
    /* `  - {name: Merit}`: the criterion mapping starts at '{', column 5. */
    {"honors criterion with no condition (flow)", "honors:\n  - {name: Merit}\n", 2, 5,
     "Merit"},
    /* A block mapping starts at its first key: `  - name: Merit`, column 5. */
    {"honors criterion with no condition (block)", "honors:\n  - name: Merit\n    gpa: weighted\n",
     2, 5, "Merit"},
    {"honors criterion with no name", "honors:\n  - {top_n: 3}\n", 2, 5, "name"},
    {"honors criterion that is not a mapping", "honors:\n  - Merit\n", 2, 5, ""},
    /* `  - {name: X, min_gpa: 18446744073713}`: 1 is column 24.  Over 2^64
     * micro: a wrapping parse would read it as 3.448384. */
    {"honors min_gpa far out of range", "honors:\n  - {name: X, min_gpa: 18446744073713}\n", 2,
     24, "18446744073713"},
    /* `  grades: {studentid: PermID}`: s is column 12. */
    {"columns mapping an unknown column", "columns:\n  grades: {studentid: PermID}\n", 2, 12,
     "studentid"},
    /* `  enrollment: {grade: G}`: g is column 16. */
    {"columns mapping a column of another table", "columns:\n  enrollment: {grade: G}\n", 2, 16,
     "grade"},
    {"columns naming an unknown table", "columns:\n  teachers: {id: X}\n", 2, 3, "teachers"},
    /* `    term: {year: Y, season: S}`: '{' is column 11. */
    {"a built term without seasons", "columns:\n  grades:\n    term: {year: Y, season: S}\n", 3, 11,
     "seasons"},
    /* `    term: {year: Y, season: S, year_is: middle`: m is column 41. */
    {"a bad year_is", "columns:\n  grades:\n    term: {year: Y, season: S, year_is: middle, "
     "seasons: {F: FA}}\n", 3, 41, "middle"},
    /* `... year_is: end, seasons: {F: Autumn}`: A is column 59. */
    {"a season that is not FA, SP or SU", "columns:\n  grades:\n    term: {year: Y, season: S, "
     "year_is: end, seasons: {F: Autumn}}\n", 3, 59, "Autumn"},
    /* `  students: {keep: ...}`: k is column 14. */
    {"keep outside grades", "columns:\n  students: {keep: {X: [a]}}\n", 2, 14, "grade files"},
};

START_TEST(test_errors_table)
{
    const struct error_case *tc = &error_cases[_i];
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[128];
    enum cr_status st = load(tc->yaml, &cfg, &d, path);
    ck_assert_msg(st == CR_ECONFIG, "%s: status %d, want CR_ECONFIG", tc->name, (int)st);
    ck_assert_int_eq(d.status, CR_ECONFIG);
    ck_assert_msg(d.count == 1, "%s: %zu errors, want 1 (the first one wins)", tc->name, d.count);
    const struct cr_error *e = &d.errors[0];
    ck_assert_int_eq(e->status, CR_ECONFIG);
    ck_assert_ptr_nonnull(e->file);
    ck_assert_str_eq(e->file, path);
    ck_assert_ptr_nonnull(e->message);
    ck_assert_msg(e->line == tc->line && e->column == tc->column,
                  "%s: error at %lu:%lu, want %lu:%lu (%s)", tc->name, e->line, e->column,
                  tc->line, tc->column, e->message);
    ck_assert_msg(strstr(e->message, tc->word) != NULL, "%s: message '%s' lacks '%s'", tc->name,
                  e->message, tc->word);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_missing_file)
{
    struct cri_config cfg;
    struct cri_diag d = {.max = 20};
    char path[160];
    snprintf(path, sizeof path, "%s/no-such-config.yaml", tmp_root);
    ck_assert_int_eq(cri_config_load(&cfg, path, &d), CR_EIO);
    ck_assert_uint_eq(d.count, 1);
    ck_assert_int_eq(d.errors[0].status, CR_EIO);
    ck_assert_str_eq(d.errors[0].file, path);
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

START_TEST(test_error_count_capped)
{
    /* max = 1: a second problem is not collected, and the status stays the
     * first one's. */
    struct cri_config cfg;
    struct cri_diag d = {.max = 1};
    char path[128];
    ck_assert_int_eq(load("rank:\n  ties: bogus\n", &cfg, &d, path), CR_ECONFIG);
    ck_assert_uint_eq(d.count, 1);
    cri_diag_add(&d, CR_EDATA, "x.csv", 1, 1, 1, "later");
    ck_assert_uint_eq(d.count, 1);
    ck_assert_int_eq(d.status, CR_ECONFIG);
    ck_assert(cri_diag_full(&d));
    cri_config_free(&cfg);
    cri_diag_free(&d);
}
END_TEST

/* ------------------------------------------------------------------ setup */

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *def = tcase_create("defaults");
    tcase_add_loop_test(def, test_defaults_table, 0,
                        (int)(sizeof default_texts / sizeof *default_texts));
    tcase_add_test(def, test_defaults_function);
    suite_add_tcase(s, def);
    TCase *ok = tcase_create("values");
    tcase_add_test(ok, test_full_config);
    tcase_add_test(ok, test_given_map_replaces_default);
    tcase_add_test(ok, test_given_lists_replace_default);
    tcase_add_test(ok, test_weight_lookup_shared_slots);
    tcase_add_test(ok, test_numeric_before_scale);
    tcase_add_test(ok, test_sis_columns);
    tcase_add_test(ok, test_descriptor_code);
    tcase_add_loop_test(ok, test_school_keys_table, 0,
                        (int)(sizeof school_cases / sizeof *school_cases));
    suite_add_tcase(s, ok);
    TCase *err = tcase_create("errors");
    tcase_add_loop_test(err, test_errors_table, 0,
                        (int)(sizeof error_cases / sizeof *error_cases));
    tcase_add_test(err, test_missing_file);
    tcase_add_test(err, test_error_count_capped);
    suite_add_tcase(s, err);
    return s;
}

int main(void)
{
    return run_in_tmp_root(config_suite(), "config");
}
