/* outdir.h -- all-or-nothing output directories.
 *
 * Outputs are written into a fresh temporary directory beside the target
 * (same file system), flushed to disk, and then swapped with the target in
 * one rename (renameat2 RENAME_EXCHANGE when the target exists).  A run that
 * fails or is killed leaves the target as it was; its temporary directory is
 * removed by the next run. */
#ifndef CRI_OUTDIR_H
#define CRI_OUTDIR_H

#include <stdio.h>

#include "diag.h"

struct cri_outdir {
    char *target; /* the --out directory */
    char *temp;   /* the directory being written */
};

/* Create the temporary directory.  Errors are CR_EIO in diag. */
enum cr_status cri_outdir_begin(struct cri_outdir *o, const char *target, struct cri_diag *diag);

/* Open name (a plain file name, or "report/index.html") inside the
 * temporary directory for writing. */
FILE *cri_outdir_open(struct cri_outdir *o, const char *name, struct cri_diag *diag);

/* Close a file opened above, reporting write errors (disk full). */
enum cr_status cri_outdir_close(struct cri_outdir *o, FILE *f, const char *name,
                                struct cri_diag *diag);

/* Put the temporary directory in place of the target. */
enum cr_status cri_outdir_commit(struct cri_outdir *o, struct cri_diag *diag);

/* Remove the temporary directory if it is still there; free o. */
void cri_outdir_end(struct cri_outdir *o);

/* Is name something classrank writes into an output directory? */
int cri_outdir_owns(const char *name);

#endif
