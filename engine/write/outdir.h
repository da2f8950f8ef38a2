/* outdir.h -- all-or-nothing output directories that touch nothing else.
 *
 * Outputs are written into a fresh temporary directory beside the target
 * (same file system), flushed to disk, and then swapped with the target in
 * one rename (renameat2 RENAME_EXCHANGE when the target exists).  A run that
 * fails or is killed leaves the target as it was.
 *
 * What keeps a district's files safe:
 * - Every step works relative to one open descriptor of the directory that
 *   holds --out, and never follows a symbolic link: a link planted where a
 *   temporary directory or an output would be is left alone, not followed.
 * - The whole of --out is checked before any input is read (and again just
 *   before the swap): a directory or file classrank does not write, at any
 *   depth, and the run stops with nothing touched.
 * - Runs into one --out take turns: an exclusive flock on a lock file
 *   beside --out is held from before the check until the swap is done, and
 *   the temporary directories of killed runs are removed only while it is
 *   held.  Removal takes only what classrank writes (by name and kind) and
 *   leaves anything else where it is.
 * - Parent directories the run created are removed again when it fails, and
 *   the lock file is removed when the run ends. */
#ifndef CRI_OUTDIR_H
#define CRI_OUTDIR_H

#include <stdio.h>
#include <sys/types.h>

#include "core/diag.h"

struct cri_outdir {
    char *target;    /* --out as given, for messages */
    char *parent;    /* the directory that holds it, as a path */
    char *base;      /* its last name */
    char *lock_name; /* ".<base>.classrank-lock" in parent */
    char *temp_name; /* ".<base>.classrank-tmp-XXXXXXXX" in parent; NULL when none */
    char *temp_path; /* parent/temp_name, for messages */
    int parent_fd, lock_fd, temp_fd;
    char **created; /* parent directories this run made, outermost first */
    size_t n_created;
    /* The --out found by the last check, to know it again after the swap. */
    int target_exists;
    dev_t target_dev;
    ino_t target_ino;
    int committed;
};

/* How cri_outdir_begin behaves when another run holds the lock. */
struct cri_outdir_wait {
    int no_wait; /* fail at once (CR_EIO) instead of waiting */
    /* Called once before waiting, so a terminal can say so; may be NULL. */
    void (*waiting)(void *ctx, const char *target);
    void *ctx;
};

/* Claim target: create its parents, take the lock, check that target is
 * missing or a directory holding only classrank's outputs, remove stale
 * temporary directories, and create the temporary directory.  Errors are in
 * diag (CR_EUSAGE for an empty or unusable name, CR_EIO otherwise); call
 * cri_outdir_end either way. */
enum cr_status cri_outdir_begin(struct cri_outdir *o, const char *target,
                                const struct cri_outdir_wait *wait, struct cri_diag *diag);

/* Open name (a plain file name, or "report/index.html") inside the
 * temporary directory for writing. */
FILE *cri_outdir_open(struct cri_outdir *o, const char *name, struct cri_diag *diag);

/* A file written into the temporary directory, open for reading (its
 * digest for manifest.json); -1 with errno set when it cannot be. */
int cri_outdir_open_read(struct cri_outdir *o, const char *name);

/* Close a file opened above, reporting write errors (disk full). */
enum cr_status cri_outdir_close(struct cri_outdir *o, FILE *f, const char *name,
                                struct cri_diag *diag);

/* Put the temporary directory in place of the target. */
enum cr_status cri_outdir_commit(struct cri_outdir *o, struct cri_diag *diag);

/* Remove what is left of the temporary directory (and, when nothing was
 * committed, the parents this run created), release the lock, free o.
 * Accepts an o that was zeroed and never begun. */
void cri_outdir_end(struct cri_outdir *o);

#endif
