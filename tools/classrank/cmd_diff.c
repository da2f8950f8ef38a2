/* cmd_diff.c -- `classrank diff OLD_DIR NEW_DIR`: what a re-run changed. */
#include <classrank.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"

static const char help[] =
    "usage: classrank diff OLD_DIR NEW_DIR\n"
    "\n"
    "Compare the rank-s<k>.csv files of two `classrank rank` output directories and\n"
    "print, as CSV, every student whose rank row differs:\n"
    "school_id,cohort,checkpoint,student_id,change,old_rank,new_rank,old_gpa,new_gpa,\n"
    "old_honors,new_honors  (change: entered, left, moved, gpa_only; gpa is gpa_weighted).\n"
    "\n"
    "Exit status: 0 nothing differs, 4 something differs, 1 a malformed rank file,\n"
    "2 bad usage, 3 a directory that cannot be read.\n";

int cmd_diff(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    if (argc != 4) {
        fputs("classrank diff: expected OLD_DIR NEW_DIR\nTry 'classrank diff --help'.\n", stderr);
        return 2;
    }
    cr_diff *diff;
    enum cr_status st = cr_diff_dirs(argv[2], argv[3], stdout, &diff);
    if (!diff) {
        fprintf(stderr, "classrank: %s\n", cr_strerror(st));
        return cli_exit_status(st);
    }
    for (size_t i = 0; i < cr_diff_error_count(diff); i++)
        cli_print_error(cr_diff_error(diff, i));
    size_t changes = cr_diff_change_count(diff);
    cr_diff_free(diff);
    if (st != CR_OK)
        return cli_exit_status(st);
    return changes ? 4 : 0;
}
