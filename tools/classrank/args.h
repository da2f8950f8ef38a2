/* args.h -- command-line options shared by the subcommands that read a
 * district (rank, check). */
#ifndef CLASSRANK_ARGS_H
#define CLASSRANK_ARGS_H

#include <classrank.h>

struct cli_args {
    struct cr_options opts;
    const char **grades; /* owned array of borrowed argv strings */
    const char *out;
    int quiet;
};

/* Parse argv[first..argc).  allow_out: the subcommand writes outputs.
 * Returns 0, or prints a usage error and returns 2. */
int cli_parse(struct cli_args *a, int argc, char **argv, int first, int allow_out,
              const char *command);

void cli_args_free(struct cli_args *a);

/* Print every error of the run as file:line:column: message. */
void cli_print_errors(const cr_run *run);

#endif
