/* progress.h -- a one-line progress display on stderr, for terminals. */
#ifndef CLASSRANK_PROGRESS_H
#define CLASSRANK_PROGRESS_H

#include <classrank.h>

struct progress_display {
    double started, last;
    int shown;
};

/* Hook the display into opts when stderr is a terminal and quiet is 0. */
void progress_attach(struct progress_display *d, struct cr_options *opts, int quiet);

/* For cr_options.waiting: say on a terminal (whatever --quiet says: a run
 * that seems to hang must tell why) that another run holds --out. */
void progress_waiting(void *ctx, const char *out_dir);

/* End the line, if anything was shown. */
void progress_finish(struct progress_display *d);

#endif
