/* roster.h -- checks shared by the readers of the input tables. */
#ifndef CRI_ROSTER_H
#define CRI_ROSTER_H

#include "table.h"

/* Check an id field (not empty, valid UTF-8); report and return 0 if bad. */
int cri_check_id(struct cr_run *run, const struct cri_table_row *row, const struct cri_field *f,
                 const char *what);

#endif
