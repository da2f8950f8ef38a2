/* cmd_gen.c -- `classrank gen`: a realistic synthetic district.
 *
 * Deterministic: every student draws from their own random stream, seeded
 * from (seed, student index), and files are written in student order, so the
 * same N and S give the same bytes on any machine.  The proportions are
 * listed in README.md ("Generator"); the district's latest term is 2027-SP
 * and its four cohorts are the classes of 2027 (seniors) to 2030. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

#define FIRST_YEAR 2023 /* 2023-SP: pre-high-school rows of the class of 2027 */
#define LAST_TERM_YEAR 2027
#define N_TERMS 13 /* 2023-SP .. 2027-SP */
#define STUDENTS_PER_SCHOOL 1500
#define SENIOR_COHORT 2027

/* ------------------------------------------------------------ randomness */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next64(struct rng *r) /* xoshiro256** */
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n). */
static uint32_t below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((next64(r) >> 32) * n) >> 32);
}

/* True with probability per_mille / 1000. */
static int chance(struct rng *r, uint32_t per_mille)
{
    return below(r, 1000) < per_mille;
}

/* ------------------------------------------------------------ output */

struct out {
    FILE *f;
    char *path;
};

static int open_out(struct out *o, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    o->path = malloc(n);
    if (!o->path)
        return -1;
    snprintf(o->path, n, "%s/%s", dir, name);
    /* A link planted where a file of the district goes is not followed:
     * gen writes inside --out only. */
    int fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!o->f) {
        if (fd >= 0)
            close(fd);
        fprintf(stderr, "classrank gen: %s: %s\n", o->path, strerror(errno));
        return -1;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
    return 0;
}

static int close_out(struct out *o)
{
    int bad = !o->f || ferror(o->f) || fclose(o->f) != 0;
    if (bad && o->f)
        fprintf(stderr, "classrank gen: %s: write failed\n", o->path);
    free(o->path);
    o->f = NULL;
    o->path = NULL;
    return bad ? -1 : 0;
}

/* ------------------------------------------------------------ the district */

static const char *const seasons[3] = {"SP", "SU", "FA"};

/* Term index 0..12 for (year, season 0 SP / 1 SU / 2 FA). */
static int term_index(int year, int season)
{
    return (year - FIRST_YEAR) * 3 + season;
}

/* High-school semester k of cohort c as a term index. */
static int semester_term(int cohort, int k)
{
    return k % 2 ? term_index(cohort - 4 + (k - 1) / 2, 2) : term_index(cohort - 4 + k / 2, 0);
}

static const char *const subjects[] = {"ENG", "MATH", "SCI", "HIST", "LANG",
                                       "ART", "PE",   "CS",  "MUS",  "ECON"};
static const char *const first_names[] = {"Ana",  "Ben", "Carla", "Diego", "Eun-ji", "Farah",
                                          "Gus",  "Hana", "Ivan", "Jamal", "Kiri",  "Luz",
                                          "Mateo", "Nia", "Omar", "Priya"};
static const char *const last_names[] = {"Garcia",   "Nguyen", "Smith", "Begay",  "Martinez",
                                         "Chavez",   "Lee",    "Brown", "Tso",    "Romero",
                                         "O'Neil",   "Baca",   "Kim",   "Sandoval", "Yazzie",
                                         "Lucero, Jr."};

/* A letter grade around the student's ability (0 strongest .. 6 weakest):
 * mostly within six steps below it on the 13-letter scale. */
static const char *letter(struct rng *r, uint32_t ability)
{
    static const char *const letters[] = {"A+", "A", "A-", "B+", "B", "B-", "C+",
                                          "C",  "C-", "D+", "D", "D-", "F"};
    uint32_t i = ability + below(r, 4) + (chance(r, 150) ? below(r, 6) : 0);
    return letters[i < 12 ? i : 12];
}

/* A numeric percentage around the student's ability, sometimes right on a
 * band edge. */
static void numeric(struct rng *r, uint32_t ability, char *buf)
{
    static const char *const edges[] = {"90", "89.99", "80", "79.99", "70", "60", "100"};
    if (chance(r, 100)) {
        strcpy(buf, edges[below(r, sizeof edges / sizeof *edges)]);
        return;
    }
    uint32_t top = 10000 - ability * 400; /* 100.00 for the strongest */
    uint32_t v = top - below(r, 2500);
    if (v % 100)
        sprintf(buf, "%u.%02u", v / 100, v % 100);
    else
        sprintf(buf, "%u", v / 100);
}

static const char *credits(struct rng *r)
{
    uint32_t x = below(r, 1000);
    return x < 650 ? "1" : x < 700 ? "1.0" : x < 930 ? "0.5" : x < 960 ? "0.25" : x < 990 ? "0.333" : "0";
}

static const char *level(struct rng *r)
{
    uint32_t x = below(r, 1000);
    return x < 550 ? "regular" : x < 700 ? "" : x < 850 ? "honors" : x < 950 ? "ap" : x < 970 ? "ib" : "dual";
}

struct student {
    char id[16];
    uint32_t school;
    int cohort;
};

static void write_row(FILE *f, const char *id, int term, const char *course, const char *grade,
                      const char *credit, const char *lvl, const char *source)
{
    fprintf(f, "%s,%d-%s,%s,%s,%s,%s,%s\n", id, FIRST_YEAR + term / 3, seasons[term % 3], course,
            grade, credit, lvl, source);
}

/* One student's roster row, enrollment and grade rows. */
static void gen_student(uint64_t seed, uint32_t index, uint32_t n_schools, FILE *roster,
                        FILE *enroll, FILE **grades)
{
    struct rng r;
    rng_seed(&r, seed, index);
    struct student s;
    /* A bijection of [0, 10^8): distinct indexes give distinct ids. */
    uint32_t id = (uint32_t)(((uint64_t)index * 48271u + 12345u) % 100000000u);
    snprintf(s.id, sizeof s.id, "%08u", id);
    s.school = below(&r, n_schools);
    s.cohort = SENIOR_COHORT + (int)below(&r, 4);
    int done = s.cohort == 2027 ? 8 : s.cohort == 2028 ? 6 : s.cohort == 2029 ? 4 : 2;
    uint32_t ability = below(&r, 7);
    int pass_fail_only = chance(&r, 3); /* a pass/fail program: no GPA at all */

    /* Assessment: 85% passed (a third of them late), 5% alternative, 4%
     * waived, 6% none. */
    uint32_t a = below(&r, 100);
    const char *assessment = a < 85 ? "passed" : a < 90 ? "alternative" : a < 94 ? "waived" : "none";
    char assessment_term[16] = "";
    if (a < 85 && chance(&r, 300)) {
        int t = semester_term(s.cohort, 5 + (int)below(&r, 3));
        snprintf(assessment_term, sizeof assessment_term, "%d-%s", FIRST_YEAR + t / 3,
                 seasons[t % 3]);
    }
    /* Enrollment span: most from semester 1; 5% transfer in later, 1% leave
     * early, 3% of seniors graduate in December, 2% miss one semester. */
    int start = 1, end = done, gap = 0;
    if (chance(&r, 50))
        start = 2 + (int)below(&r, 7);
    if (chance(&r, 10))
        end = 1 + (int)below(&r, (uint32_t)done);
    int december = s.cohort == 2027 && end == 8 && chance(&r, 30);
    if (december)
        end = 7;
    if (chance(&r, 20))
        gap = start + 1 + (int)below(&r, 6);
    char grad_term[16] = "";
    if (december)
        strcpy(grad_term, "2026-FA");
    else if (s.cohort == 2027 && end == 8 && chance(&r, 500))
        strcpy(grad_term, "2027-SP");
    const char *flag = chance(&r, 5) ? "yes" : "";
    fprintf(roster, "%s,H%04u,%d,%s,%s,%s,%s,\"%s\",%s\n", s.id, s.school + 1, s.cohort,
            assessment, assessment_term, grad_term, first_names[below(&r, 16)],
            last_names[below(&r, 16)], flag);

    char school[16];
    snprintf(school, sizeof school, "H%04u", s.school + 1);
    if (chance(&r, 200)) /* an Algebra I credit in middle school */
        write_row(grades[term_index(s.cohort - 4, 0)], s.id, term_index(s.cohort - 4, 0), "ALG1",
                  letter(&r, ability), "1", "", "");
    char retake[16] = "";
    for (int k = 1; k <= end && k <= done; k++) {
        int t = semester_term(s.cohort, k);
        int transfer = k < start;
        if (k == gap)
            continue;
        if (!transfer)
            fprintf(enroll, "%s,%s,%d-%s\n", s.id, school, FIRST_YEAR + t / 3, seasons[t % 3]);
        int courses = 6 + (int)below(&r, 2);
        for (int j = 0; j < courses; j++) {
            char course[16], grade[16];
            if (j == 0 && retake[0]) {
                strcpy(course, retake);
                retake[0] = '\0';
            } else {
                snprintf(course, sizeof course, "%s%d%02u", subjects[(j + k) % 10], (k + 1) / 2,
                         below(&r, 6));
            }
            uint32_t g = below(&r, 1000);
            if (pass_fail_only)
                strcpy(grade, "P");
            else if (g < 20)
                strcpy(grade, (const char *[]){"P", "W", "I", "NC", "AU", "CR"}[below(&r, 6)]);
            else if (g < 170)
                numeric(&r, ability, grade);
            else
                strcpy(grade, letter(&r, ability));
            write_row(grades[t], s.id, t, course, grade, credits(&r), level(&r),
                      transfer ? "transfer" : chance(&r, 400) ? "district" : "");
            /* A low grade is retaken next semester (or in summer) 30% of the time. */
            if ((grade[0] == 'D' || grade[0] == 'F') && chance(&r, 300))
                snprintf(retake, sizeof retake, "%s", course);
        }
        /* Summer school after a spring semester: 10% of students. */
        if (!transfer && k % 2 == 0 && k < done && chance(&r, 100)) {
            const char *course = retake[0] ? retake : "SUMREC";
            write_row(grades[t + 1], s.id, t + 1, course, letter(&r, ability), "0.5", "", "district");
            fprintf(enroll, "%s,%s,%d-SU\n", s.id, school, FIRST_YEAR + (t + 1) / 3);
            retake[0] = '\0';
        }
    }
}

static int write_config(const char *dir)
{
    struct out o;
    if (open_out(&o, dir, "config.yaml") != 0)
        return -1;
    fputs("# Generated by `classrank gen`: the SPEC defaults, written out, plus an honors\n"
          "# list and one school's own criteria.\n"
          "gpa:\n"
          "  repeats: all\n"
          "  precision: 3\n"
          "  rounding: half_up\n"
          "rank:\n"
          "  by: weighted\n"
          "  scope: school\n"
          "  ties: competition\n"
          "  compare: exact\n"
          "  checkpoints: [6, 7, 8]\n"
          "honors:\n"
          "  - {name: Summa Cum Laude, min_gpa: 4.0}\n"
          "  - {name: Magna Cum Laude, min_gpa: 3.75}\n"
          "  - {name: Top Decile, top_percent: 10}\n"
          "schools:\n"
          "  H0001: {honors: [{name: Valedictorian, top_n: 1}, {name: Top Ten, top_n: 10}]}\n",
          o.f);
    return close_out(&o);
}

static const char help[] =
    "usage: classrank gen --students N --seed S --out DIR\n"
    "\n"
    "Write a synthetic district into DIR: students.csv, enrollment.csv, one grade\n"
    "file per term in DIR/grades/, and config.yaml.  About 1,500 students per\n"
    "school, the classes of 2027 to 2030, latest term 2027-SP.  The same N and S\n"
    "always give the same bytes.  Rank it with:\n"
    "  classrank rank --config DIR/config.yaml --students DIR/students.csv \\\n"
    "    --enrollment DIR/enrollment.csv --grades DIR/grades --out OUT\n";

int cmd_gen(int argc, char **argv)
{
    uint64_t n = 0, seed = 0;
    const char *dir = NULL;
    int have_n = 0, have_seed = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "classrank gen: missing value for %s\n", argv[i]);
            return 2;
        }
        char *end;
        errno = 0;
        if (!strcmp(argv[i], "--students")) {
            n = strtoull(argv[++i], &end, 10);
            have_n = !errno && *end == '\0' && n >= 1 && n <= 50000000;
            if (!have_n) {
                fprintf(stderr, "classrank gen: --students takes 1 to 50000000, not %s\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--seed")) {
            seed = strtoull(argv[++i], &end, 10);
            have_seed = !errno && *end == '\0' && argv[i][0] != '-';
            if (!have_seed) {
                fprintf(stderr, "classrank gen: --seed takes a whole number, not %s\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--out")) {
            dir = argv[++i];
        } else {
            fprintf(stderr, "classrank gen: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (!have_n || !have_seed || !dir) {
        fputs("classrank gen: --students, --seed and --out are required\n", stderr);
        return 2;
    }
    char grades_dir[4096];
    snprintf(grades_dir, sizeof grades_dir, "%s/grades", dir);
    if ((mkdir(dir, 0777) != 0 && errno != EEXIST) ||
        (mkdir(grades_dir, 0777) != 0 && errno != EEXIST)) {
        fprintf(stderr, "classrank gen: cannot create %s: %s\n", grades_dir, strerror(errno));
        return 3;
    }
    struct out roster, enroll, terms[N_TERMS];
    int bad = open_out(&roster, dir, "students.csv") || open_out(&enroll, dir, "enrollment.csv");
    FILE *grade_files[N_TERMS];
    for (int t = 0; t < N_TERMS && !bad; t++) {
        char name[32];
        snprintf(name, sizeof name, "%d-%s.csv", FIRST_YEAR + t / 3, seasons[t % 3]);
        bad = open_out(&terms[t], grades_dir, name);
        grade_files[t] = terms[t].f;
        if (!bad)
            fputs("student_id,term,course_id,grade,credits,level,source\n", terms[t].f);
    }
    if (bad)
        return 3;
    fputs("student_id,school_id,cohort,assessment,assessment_term,grad_term,first_name,"
          "last_name,rank_exclude\n",
          roster.f);
    fputs("student_id,school_id,term\n", enroll.f);
    uint32_t n_schools = (uint32_t)((n + STUDENTS_PER_SCHOOL - 1) / STUDENTS_PER_SCHOOL);
    for (uint64_t i = 0; i < n; i++)
        gen_student(seed, (uint32_t)i, n_schools, roster.f, enroll.f, grade_files);
    /* Grade rows of students outside the roster (other grade levels, 1%). */
    struct rng r;
    rng_seed(&r, seed, UINT64_MAX);
    for (uint64_t i = 0; i < n / 100; i++) {
        char id[16];
        snprintf(id, sizeof id, "X%07u", (unsigned)i);
        int t = (int)below(&r, N_TERMS);
        write_row(grade_files[t], id, t, "MS101", letter(&r, 2), "1", "", "");
    }
    bad = close_out(&roster) | close_out(&enroll);
    for (int t = 0; t < N_TERMS; t++)
        bad |= close_out(&terms[t]);
    bad |= write_config(dir);
    return bad ? 3 : 0;
}
