/* report.h -- the output files of a run, each written to an open stream. */
#ifndef CRI_REPORT_H
#define CRI_REPORT_H

#include <stdio.h>

#include "load/records.h"
#include "write/rowbuf.h"

struct cri_groups;

/* A text CSV cell: quoted when it holds a comma, quote, CR or LF, and led by
 * a ' when it starts with = + - @ tab or CR (so a spreadsheet shows it as
 * text instead of running it as a formula).  Numbers are not written
 * through this. */
void cri_csv_put(FILE *f, const char *p, size_t n);

/* Text for people (explain): a control character (a byte below 0x20, DEL,
 * or a C1 control U+0080..U+009F in UTF-8) as \xHH, so that no text of
 * the input can move a terminal's cursor or hide what follows it. */
void cri_text_put(FILE *f, const char *p, size_t n);

static inline int cri_is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

/* A rank kept doubled (rank_half) as printed: "3", or "2.5" under
 * fractional ties.  Returns the length. */
#define CRI_RANK_CAP 16
size_t cri_rank_format(char buf[CRI_RANK_CAP], int32_t rank_half);

/* A rounded GPA (scaled by 10^precision) as the outputs print it. */
void cri_put_gpa(FILE *f, const struct cr_run *run, int64_t rounded);

/* honors-s<k>.csv from the checkpoint's groups (cri_groups_of).
 * cri_names_load() must have run. */
void cri_write_honors_csv(FILE *f, const struct cr_run *run, const struct cri_groups *groups);

/* Read the names of every honored student from the roster again. */
enum cr_status cri_names_load(struct cr_run *run);
void cri_names_free(struct cri_names *names);

/* A student's first (last = 0) or last name, or "" when not known. */
const char *cri_name_of(const struct cr_run *run, uint32_t student, int last);

/* report/index.html; groups[j] are checkpoint j's (cri_groups_of). */
enum cr_status cri_write_report_html(FILE *f, const struct cr_run *run,
                                     const struct cri_groups *groups);

void cri_write_rank_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp);
void cri_write_excluded_csv(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp);

/* summary.json, from each checkpoint's groups[j]; returns CR_ENOMEM when
 * scratch space runs out. */
enum cr_status cri_write_summary(FILE *f, const struct cr_run *run,
                                 const struct cri_groups *groups);

#endif
