/* edfi.h -- ranks back into the SIS: edfi-s<k>.jsonl, one Ed-Fi Data
 * Standard 5 studentAcademicRecords object per ranked student (SPEC
 * "Results back to the SIS"). */
#ifndef CRI_EDFI_H
#define CRI_EDFI_H

#include <stdio.h>

#include "load/records.h"

/* Each school's Ed-Fi educationOrganizationId into run->edfi_ids, the first
 * of: the roster value the roster's school_id value map reads as the school
 * (its inverse), when that is a positive integer; output.edfi.school_ids;
 * the school id itself, when it is a positive integer.  Returns CR_ECONFIG
 * after reporting a school with none, or one the map gives two values. */
enum cr_status cri_edfi_resolve(struct cr_run *run);

/* Is text a calendar date YYYY-MM-DD (the classRankingDate)? */
int cri_edfi_is_date(const char *text);

/* edfi-s<k>.jsonl for checkpoint cp, in the rank file's order. */
void cri_write_edfi_jsonl(FILE *f, const struct cr_run *run, const struct cri_checkpoint *cp);

#endif
