/* main.c -- `classrank <command>`: dispatch to the subcommand. */
#include <classrank.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "commands.h"

static const char usage[] =
    "usage: classrank <command> [options]\n"
    "\n"
    "commands:\n"
    "  rank    compute GPAs and class ranks and write the outputs\n"
    "  check   validate the inputs and configuration, write nothing\n"
    "  explain show how one student's GPA, eligibility and rank come about\n"
    "  diff    compare the rank files of two output directories\n"
    "  verify  check an output directory against its manifest.json\n"
    "  whatif  a student's standing with grades added, or the grade a target needs\n"
    "  gen     write a synthetic district (demos, benchmarks)\n"
    "\n"
    "Run 'classrank <command> --help' for the options of a command.\n";

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* A run allocates and frees arrays of tens of megabytes (per checkpoint,
     * per output).  glibc would raise its mmap threshold after the first
     * such free and serve the next ones from the heap, which keeps freed
     * memory: a fixed threshold maps them and gives them back (about 10-25
     * MB less peak memory at a million students). */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("classrank %s\n", CR_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "rank"))
        return cmd_rank(argc, argv);
    if (!strcmp(cmd, "check"))
        return cmd_check(argc, argv);
    if (!strcmp(cmd, "explain"))
        return cmd_explain(argc, argv);
    if (!strcmp(cmd, "diff"))
        return cmd_diff(argc, argv);
    if (!strcmp(cmd, "verify"))
        return cmd_verify(argc, argv);
    if (!strcmp(cmd, "whatif"))
        return cmd_whatif(argc, argv);
    if (!strcmp(cmd, "gen"))
        return cmd_gen(argc, argv);
    fprintf(stderr, "classrank: unknown command '%s'\n%s", cmd, usage);
    return 2;
}
