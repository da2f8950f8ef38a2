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
    /* explain, whatif */
    int checkpoint;
    int csv;
    /* whatif */
    const char **adds; /* owned array of borrowed argv strings */
    size_t n_adds;
    const char *need, *need_credits, *need_level;
};

enum { CLI_OUT = 1, CLI_EXPLAIN = 2, CLI_WHATIF = 3 };

/* Parse argv[first..argc).  mode: CLI_OUT for a subcommand that writes
 * --out, CLI_EXPLAIN for explain's options, CLI_WHATIF for those and
 * whatif's, 0 for none.
 * Returns 0, or prints a usage error and returns 2. */
int cli_parse(struct cli_args *a, int argc, char **argv, int first, int mode, const char *command);

void cli_args_free(struct cli_args *a);

/* Text from the inputs (a file name, a config value) on stderr, with
 * control characters (C0, DEL, C1) as \xHH: nothing read can drive the
 * terminal.  (The engine's cri_text_put does the same for its outputs;
 * tools see only classrank.h.) */
void cli_put_text(const char *s);

/* The exit status for a result: 0 success, 1 bad input data, 2 bad usage
 * or config, 3 I/O failure (the library returns statuses; the tool picks
 * exit codes). */
int cli_exit_status(enum cr_status status);

/* Print every error of the run as file:line:column: message. */
void cli_print_errors(const cr_run *run);
/* One located error as "file:line:column: message" on stderr. */
void cli_print_error(const struct cr_error *e);

/* End a subcommand: report a failure, free the run and the arguments, and
 * return the exit status for st. */
int cli_finish(cr_run *run, enum cr_status st, struct cli_args *a);

#endif
