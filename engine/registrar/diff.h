/* diff.h -- what changed between two rankings (the registrar's diff). */
#ifndef CRI_DIFF_H
#define CRI_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"

/* A comparison's outcome: the rows written, and its errors (at most one:
 * the comparison stops at the first). */
struct cri_diff {
    size_t n_changes;
    struct cri_diag diag;
};

/* Compare the rank files of two output directories (see cr_diff_dirs). */
enum cr_status cri_diff_dirs(const char *old_dir, const char *new_dir, FILE *out,
                             struct cri_diff *result);

#endif
