/* progress.c -- "classrank: grades  512.3 of 1402.1 MB  2.10 M rows/s" on
 * one terminal line, redrawn at most ten times a second. */
#include "progress.h"

#include "args.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show(void *ctx, const struct cr_progress *p)
{
    struct progress_display *d = ctx;
    double t = now();
    int new_phase = p->bytes_done == 0 || p->bytes_done == p->bytes_total;
    if (d->shown && !new_phase && t - d->last < 0.1)
        return;
    d->last = t;
    d->shown = 1;
    double secs = t - d->started;
    fprintf(stderr, "\rclassrank: %-10s %8.1f of %.1f MB", p->phase, (double)p->bytes_done / 1e6,
            (double)p->bytes_total / 1e6);
    if (secs > 0 && p->rows)
        fprintf(stderr, "  %.2f M rows/s", (double)p->rows / secs / 1e6);
    fputs("   ", stderr);
    fflush(stderr);
}

void progress_attach(struct progress_display *d, struct cr_options *opts, int quiet)
{
    d->started = d->last = now();
    d->shown = 0;
    if (quiet || !isatty(STDERR_FILENO))
        return;
    opts->progress = show;
    opts->progress_ctx = d;
}

void progress_finish(struct progress_display *d)
{
    if (d->shown)
        fputc('\n', stderr);
    d->shown = 0;
}

void progress_waiting(void *ctx, const char *out_dir)
{
    (void)ctx;
    if (!isatty(STDERR_FILENO))
        return;
    fputs("classrank: waiting for another run writing into ", stderr);
    cli_put_text(out_dir);
    fputs(" to finish\n", stderr);
    fflush(stderr);
}
