/* courses.h -- what the run knows of each course before the grade files:
 * the course catalog (SPEC "Course catalog"), gpa.equivalent_courses and
 * gpa.year_long_courses, as interned course ids. */
#ifndef CRI_COURSES_H
#define CRI_COURSES_H

#include "load/records.h"

/* Read the course catalog (--courses) into run->course_info. */
enum cr_status cri_courses_load(struct cr_run *run, const struct cri_input *in);

/* After the catalog, if any, and before the first grade file: intern the
 * courses the config names and give every course interned so far its info
 * (gpa.equivalent_courses into run->course_alias, gpa.year_long_courses as
 * year-long). */
enum cr_status cri_courses_prepare(struct cr_run *run);

#endif
