/* explain.h -- the trace of one student's grade rows, for cr_run_explain. */
#ifndef CRI_EXPLAIN_H
#define CRI_EXPLAIN_H

#include "grades.h"
#include "table.h"

struct cri_trace {
    uint32_t file_order;
    unsigned long line;
    const char *course, *grade, *credits, *level, *source; /* as written */
    struct cri_grade g;
};

/* Keep row (a validated row of run->explain_student). */
enum cr_status cri_explain_record(struct cr_run *run, const struct cri_table_row *row,
                                  const struct cri_grade *g);

#endif
