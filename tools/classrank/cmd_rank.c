/* cmd_rank.c -- `classrank rank` and `classrank check`: the same reading and
 * ranking; rank writes the outputs, check writes nothing. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "progress.h"

static const char rank_help[] =
    "usage: classrank rank --config C.yaml --students S.csv [--enrollment E.csv]\n"
    "                      [--courses K.csv] --grades PATH... --out DIR\n"
    "                      [--as-of TERM] [--cohort YEAR]\n"
    "                      [--threads N] [--max-errors N] [--strict] [--quiet]\n"
    "                      [--no-wait] [--ranking-date YYYY-MM-DD]\n"
    "\n"
    "Compute GPAs, eligibility and class ranks at every checkpoint reached by the\n"
    "as-of term and write rank-s<k>.csv, excluded-s<k>.csv, honors-s<k>.csv,\n"
    "summary.json and report/index.html into DIR.  DIR is replaced as a whole, or\n"
    "left as it was when anything fails; a DIR holding anything else is refused\n"
    "before any input is read.  Runs into one DIR take turns.\n"
    "\n"
    "  --grades PATH...   grade files, or directories of *.csv files\n"
    "  --courses K.csv    course catalog: a grade row's level and empty credits\n"
    "                     from its course, year-long courses, flagged courses\n"
    "  --as-of TERM       latest term to compute (default: latest grade term)\n"
    "  --cohort YEAR      only this graduating class\n"
    "  --threads N        worker threads (default: number of cores)\n"
    "  --max-errors N     report up to N input errors before stopping (default 20)\n"
    "  --strict           a warning (a checkpoint no cohort reaches, grades on\n"
    "                     another scale, ...) is an error: exit 1, nothing written\n"
    "  --quiet            no progress display\n"
    "  --no-wait          another run is writing into DIR: fail (exit 3), do not wait\n"
    "  --ranking-date D   the classRankingDate of edfi-s<k>.jsonl (output.edfi)\n"
    "\n"
    "Exit status: 0 success, 1 bad input data, 2 bad usage or config, 3 I/O failure.\n";

static const char check_help[] =
    "usage: classrank check --config C.yaml --students S.csv [--enrollment E.csv]\n"
    "                       [--courses K.csv] --grades PATH... [--as-of TERM]\n"
    "                       [--cohort YEAR]\n"
    "                       [--threads N] [--max-errors N] [--strict]\n"
    "\n"
    "Validate everything `classrank rank` would read, and write nothing.\n"
    "Exit status: 0 valid, 1 bad input data, 2 bad usage or config, 3 I/O failure.\n";

static int run_command(int argc, char **argv, int writes)
{
    const char *command = writes ? "rank" : "check";
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(writes ? rank_help : check_help, stdout);
            return 0;
        }
    struct cli_args a;
    int rc = cli_parse(&a, argc, argv, 2, writes ? CLI_OUT : 0, command);
    if (rc) {
        cli_args_free(&a);
        return rc;
    }
    struct progress_display progress;
    progress_attach(&progress, &a.opts, a.quiet || !writes);
    if (writes)
        a.opts.waiting = progress_waiting; /* said on a terminal only */
    a.opts.skip_audit = !writes;           /* check writes no manifest: no digests */
    cr_run *run = NULL;
    enum cr_status st = cr_run_open(&a.opts, &run);
    if (st == CR_OK && writes)
        st = cr_run_write(run, a.out);
    progress_finish(&progress);
    return cli_finish(run, st, &a);
}

int cmd_rank(int argc, char **argv)
{
    return run_command(argc, argv, 1);
}

int cmd_check(int argc, char **argv)
{
    return run_command(argc, argv, 0);
}
