/* cmd_verify.c -- `classrank verify DIR`: does a published ranking still
 * follow from its inputs? */
#include <classrank.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"

static const char help[] =
    "usage: classrank verify DIR\n"
    "\n"
    "Read DIR/manifest.json (written by `classrank rank`), read again every input it\n"
    "names and report each one that changed (size or SHA-256) or is missing, and each\n"
    "output in DIR that changed; when no input changed, run the ranking again into a\n"
    "temporary directory and compare every output's SHA-256 with the manifest's.\n"
    "One line per difference on stdout.\n"
    "\n"
    "Exit status: 0 everything matches, 4 something differs, 3 an input (or the\n"
    "manifest) is missing, 1 a manifest that is not classrank's, 2 bad usage.\n";

int cmd_verify(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    if (argc != 3) {
        fputs("classrank verify: expected DIR\nTry 'classrank verify --help'.\n", stderr);
        return 2;
    }
    cr_verify_result *r;
    enum cr_status st = cr_verify(argv[2], stdout, &r);
    if (!r) {
        fprintf(stderr, "classrank: %s\n", cr_strerror(st));
        return cli_exit_status(st);
    }
    for (size_t i = 0; i < cr_verify_error_count(r); i++)
        cli_print_error(cr_verify_error(r, i));
    size_t differences = cr_verify_differences(r), missing = cr_verify_missing(r);
    cr_verify_free(r);
    if (st != CR_OK)
        return cli_exit_status(st);
    if (missing)
        return 3;
    if (differences)
        return 4;
    puts("verify: every input and output matches the manifest");
    return 0;
}
