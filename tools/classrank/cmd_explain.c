/* cmd_explain.c -- `classrank explain`: one student's GPA and rank, row by row. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"

static const char help[] =
    "usage: classrank explain --config C.yaml --students S.csv [--enrollment E.csv]\n"
    "                         [--courses K.csv] --grades PATH... --student ID\n"
    "                         [--checkpoint K]\n"
    "                         [--as-of TERM] [--format text|csv] [--strict]\n"
    "\n"
    "For one student and each checkpoint (or only K): every grade row and what\n"
    "became of it (counted with points, bonus, credits and running sums, or dropped\n"
    "and why), the exact GPA fraction and its rounded values, class membership,\n"
    "eligibility, rank, class size and who ties with them.  --format csv prints the\n"
    "row table only.  The numbers are those of `classrank rank` on the same inputs.\n";

int cmd_explain(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    struct cli_args a;
    int rc = cli_parse(&a, argc, argv, 2, CLI_EXPLAIN, "explain");
    if (rc) {
        cli_args_free(&a);
        return rc;
    }
    a.opts.skip_audit = 1; /* explain writes no manifest: no digests */
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&a.opts, &run);
    if (st == CR_OK)
        st = cr_run_explain(run, a.checkpoint, a.csv, stdout);
    return cli_finish(run, st, &a);
}
