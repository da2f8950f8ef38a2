/* args.c -- parse --config, --students, --grades ... into cr_options. */
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *command, const char *what, const char *arg)
{
    fprintf(stderr, "classrank %s: %s%s%s\nTry 'classrank %s --help'.\n", command, what,
            arg ? " " : "", arg ? arg : "", command);
    return 2;
}

/* A whole decimal number in [lo, hi]. */
static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int cli_parse(struct cli_args *a, int argc, char **argv, int first, int mode, const char *command)
{
    memset(a, 0, sizeof *a);
    a->grades = calloc((size_t)argc + 1, sizeof *a->grades);
    a->adds = calloc((size_t)argc + 1, sizeof *a->adds);
    if (!a->grades || !a->adds)
        return usage_error(command, "out of memory", NULL);
    size_t ng = 0;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        char name[64];
        const char *eq = strchr(arg, '=');
        if (strncmp(arg, "--", 2) != 0)
            return usage_error(command, "unexpected argument", arg);
        if (eq && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
        if (!strcmp(name, "--quiet")) {
            a->quiet = 1;
            continue;
        }
        if (!strcmp(name, "--strict")) {
            a->opts.strict = 1;
            continue;
        }
        if (!strcmp(name, "--no-wait") && mode == CLI_OUT) {
            a->opts.no_wait = 1;
            continue;
        }
        if (!strcmp(name, "--grades")) {
            if (value)
                a->grades[ng++] = value;
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                a->grades[ng++] = argv[++i];
            if (ng == 0)
                return usage_error(command, "--grades needs at least one file or directory", NULL);
            continue;
        }
        if (!value) {
            if (i + 1 >= argc)
                return usage_error(command, "missing value for", name);
            value = argv[++i];
        }
        if (!strcmp(name, "--config"))
            a->opts.config_path = value;
        else if (!strcmp(name, "--students"))
            a->opts.students_path = value;
        else if (!strcmp(name, "--enrollment"))
            a->opts.enrollment_path = value;
        else if (!strcmp(name, "--courses"))
            a->opts.courses_path = value;
        else if (!strcmp(name, "--ranking-date"))
            a->opts.ranking_date = value;
        else if (!strcmp(name, "--as-of"))
            a->opts.as_of = value;
        else if (!strcmp(name, "--cohort")) {
            if (parse_int(value, 1004, 9999, &a->opts.cohort))
                return usage_error(command, "--cohort takes a graduation year, not", value);
        } else if (!strcmp(name, "--threads")) {
            if (parse_int(value, 1, 1024, &a->opts.threads))
                return usage_error(command, "--threads takes a number from 1 to 1024, not", value);
        } else if (!strcmp(name, "--max-errors")) {
            if (parse_int(value, 1, 1000000, &a->opts.max_errors))
                return usage_error(command, "--max-errors takes a positive number, not", value);
        } else if (!strcmp(name, "--out") && mode == CLI_OUT) {
            if (!*value)
                return usage_error(command, "--out must name a directory, not ''", NULL);
            a->out = value;
        } else if (!strcmp(name, "--student") && mode >= CLI_EXPLAIN)
            a->opts.explain_student = value;
        else if (!strcmp(name, "--checkpoint") && mode >= CLI_EXPLAIN) {
            if (parse_int(value, 1, 8, &a->checkpoint))
                return usage_error(command, "--checkpoint takes a semester from 1 to 8, not",
                                   value);
        } else if (!strcmp(name, "--add") && mode == CLI_WHATIF) {
            a->adds[a->n_adds++] = value;
        } else if (!strcmp(name, "--need") && mode == CLI_WHATIF) {
            a->need = value;
        } else if (!strcmp(name, "--credits") && mode == CLI_WHATIF) {
            a->need_credits = value;
        } else if (!strcmp(name, "--level") && mode == CLI_WHATIF) {
            a->need_level = value;
        } else if (!strcmp(name, "--format") && mode >= CLI_EXPLAIN) {
            if (strcmp(value, "text") && strcmp(value, "csv"))
                return usage_error(command, "--format takes text or csv, not", value);
            a->csv = !strcmp(value, "csv");
        } else
            return usage_error(command, "unknown option", name);
    }
    a->opts.grade_paths = a->grades;
    a->opts.n_grade_paths = ng;
    if (!a->opts.config_path)
        return usage_error(command, "--config is required", NULL);
    if (!a->opts.students_path)
        return usage_error(command, "--students is required", NULL);
    if (!ng)
        return usage_error(command, "--grades is required", NULL);
    if (mode == CLI_OUT && !a->out)
        return usage_error(command, "--out is required", NULL);
    a->opts.out_dir = a->out;
    if (mode >= CLI_EXPLAIN && !a->opts.explain_student)
        return usage_error(command, "--student is required", NULL);
    return 0;
}

void cli_args_free(struct cli_args *a)
{
    free(a->grades);
    free(a->adds);
    a->grades = NULL;
    a->adds = NULL;
}

void cli_put_text(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F)
            fprintf(stderr, "\\x%02X", c);
        else if (c == 0xC2 && ((unsigned char)s[1] & 0xE0) == 0x80)
            fprintf(stderr, "\\xC2\\x%02X", (unsigned char)*++s); /* C1 controls */
        else
            fputc(c, stderr);
    }
}

int cli_exit_status(enum cr_status status)
{
    switch (status) {
    case CR_OK:
        return 0;
    case CR_ECSV:
    case CR_EDATA:
        return 1;
    case CR_ECONFIG:
    case CR_EUSAGE:
        return 2;
    case CR_EIO:
    case CR_ENOMEM:
        return 3;
    }
    return 3;
}

int cli_finish(cr_run *run, enum cr_status st, struct cli_args *a)
{
    for (size_t i = 0; i < cr_run_warning_count(run); i++) {
        fputs("warning: ", stderr);
        cli_put_text(cr_run_warning(run, i));
        fputc('\n', stderr);
    }
    if (st != CR_OK) {
        if (run)
            cli_print_errors(run);
        else
            fprintf(stderr, "classrank: %s\n", cr_strerror(st));
    }
    cr_run_free(run);
    cli_args_free(a);
    return cli_exit_status(st);
}

void cli_print_error(const struct cr_error *e)
{
    cli_put_text(e->file ? e->file : "classrank");
    if (e->file && e->line)
        fprintf(stderr, ":%lu", e->line);
    if (e->file && e->line && e->column)
        fprintf(stderr, ":%lu", e->column);
    fputs(": ", stderr);
    cli_put_text(e->message);
    fputc('\n', stderr);
}

void cli_print_errors(const cr_run *run)
{
    for (size_t i = 0; i < cr_run_error_count(run); i++)
        cli_print_error(cr_run_error(run, i));
}
