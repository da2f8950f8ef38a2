/* term.c -- term syntax and the semester calendar of a cohort. */
#include "core/term.h"

#include <stdio.h>

cri_term cri_term_parse(const char *p, size_t n)
{
    if (n != 7 || p[4] != '-')
        return 0;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        year = year * 10 + (p[i] - '0');
    }
    if (year < 1000)
        return 0;
    int season;
    if (p[5] == 'S' && p[6] == 'P')
        season = CRI_SP;
    else if (p[5] == 'S' && p[6] == 'U')
        season = CRI_SU;
    else if (p[5] == 'F' && p[6] == 'A')
        season = CRI_FA;
    else
        return 0;
    return cri_term_make(year, season);
}

void cri_term_format(cri_term t, char *buf)
{
    static const char *const seasons[] = {"SP", "SU", "FA"};
    snprintf(buf, 8, "%04d-%s", cri_term_year(t) % 10000, seasons[cri_term_season(t)]);
}
