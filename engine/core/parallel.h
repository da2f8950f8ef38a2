/* parallel.h -- independent tasks on the run's threads. */
#ifndef CRI_PARALLEL_H
#define CRI_PARALLEL_H

#include <stddef.h>

#include <classrank_status.h>

typedef enum cr_status (*cri_task_fn)(void *ctx, size_t i);

/* Run fn(ctx, i) for every i in [0, n) on up to `threads` threads, the
 * calling thread among them.  Tasks must not share mutable state.  Returns
 * the status of the lowest-numbered task that failed, or CR_OK. */
enum cr_status cri_parallel(size_t n, int threads, cri_task_fn fn, void *ctx);

/* The most threads a run uses, whatever --threads says. */
#define CRI_MAX_THREADS 64

/* The threads to use for a request of `requested` (--threads): itself, or
 * the number of cores when it is 0 or less, capped at CRI_MAX_THREADS. */
int cri_thread_count(int requested);

#endif
