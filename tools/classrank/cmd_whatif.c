/* cmd_whatif.c -- `classrank whatif`: a counselor's question, answered exactly. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"

static const char help[] =
    "usage: classrank whatif --config C.yaml --students S.csv [--enrollment E.csv]\n"
    "                        [--courses K.csv] --grades PATH... --student ID\n"
    "                        --checkpoint K [--as-of TERM] [--format text|csv]\n"
    "                        (--add COURSE,GRADE,CREDITS[,LEVEL[,TERM]]... |\n"
    "                         --need rank:N|honors:NAME --credits X [--level L])\n"
    "\n"
    "--add: the student's GPAs, rank, class size, honors and top_percent at checkpoint\n"
    "K before and after the rows are added to the student's own (TERM: the\n"
    "checkpoint's by default), and whom they pass or who passes them.  The rows go\n"
    "through the same rules as `classrank rank` (fates, repeats, weights, rounding);\n"
    "the other students do not change.\n"
    "--need: the lowest grade of the scale that, earned on X more credits at level L\n"
    "in the checkpoint's term, reaches rank N (or better) or the honor NAME (or one\n"
    "listed before it), or that it is already reached or out of reach.\n"
    "\n"
    "Exit status: 0 answered, 1 bad input data, 2 bad usage or config (an unknown\n"
    "student, a checkpoint their class does not reach, an unknown honors name, a\n"
    "target rank below 1), 3 I/O failure.\n";

int cmd_whatif(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    struct cli_args a;
    int rc = cli_parse(&a, argc, argv, 2, CLI_WHATIF, "whatif");
    if (rc) {
        cli_args_free(&a);
        return rc;
    }
    const char *usage = NULL;
    if (!a.checkpoint)
        usage = "--checkpoint is required";
    else if (!a.n_adds == !a.need)
        usage = "give either --add rows or --need TARGET";
    else if (a.need && !a.need_credits)
        usage = "--need needs --credits X";
    if (usage) {
        fprintf(stderr, "classrank whatif: %s\nTry 'classrank whatif --help'.\n", usage);
        cli_args_free(&a);
        return 2;
    }
    a.opts.skip_audit = 1; /* writes no manifest: no digests */
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&a.opts, &run);
    if (st == CR_OK && a.n_adds)
        st = cr_run_whatif_add(run, a.checkpoint, a.adds, a.n_adds, a.csv, stdout);
    else if (st == CR_OK)
        st = cr_run_whatif_need(run, a.checkpoint, a.need, a.need_credits, a.need_level, a.csv,
                                stdout);
    return cli_finish(run, st, &a);
}
