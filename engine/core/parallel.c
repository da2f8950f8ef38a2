/* parallel.c -- a task counter shared by a few threads, no pool to manage:
 * the tasks here (a sort, a checkpoint's classes) each take milliseconds,
 * so starting a thread per call costs nothing worth keeping one for. */
#include "core/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct job {
    size_t n;
    atomic_size_t next;
    cri_task_fn fn;
    void *ctx;
    enum cr_status *status;
};

static void *work(void *arg)
{
    struct job *job = arg;
    for (size_t i; (i = atomic_fetch_add(&job->next, 1)) < job->n;)
        job->status[i] = job->fn(job->ctx, i);
    return NULL;
}

enum cr_status cri_parallel(size_t n, int threads, cri_task_fn fn, void *ctx)
{
    enum cr_status *status = calloc(n + 1, sizeof *status);
    if (!status)
        return CR_ENOMEM;
    struct job job = {n, 0, fn, ctx, status};
    int extra = threads - 1 < (int)n - 1 ? threads - 1 : (int)n - 1;
    if (extra > CRI_MAX_THREADS)
        extra = CRI_MAX_THREADS;
    pthread_t tid[CRI_MAX_THREADS];
    int started = 0;
    for (; started < extra; started++)
        if (pthread_create(&tid[started], NULL, work, &job) != 0)
            break; /* fewer threads: the tasks still all run */
    work(&job);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    enum cr_status st = CR_OK;
    for (size_t i = 0; i < n && st == CR_OK; i++)
        st = status[i];
    free(status);
    return st;
}

int cri_thread_count(int requested)
{
    long n = requested;
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CRI_MAX_THREADS ? CRI_MAX_THREADS : (int)n;
}
