/* bigmem.h -- arrays sized by the number of students or rows, on 2 MiB pages. */
#ifndef CRI_BIGMEM_H
#define CRI_BIGMEM_H

#include <stddef.h>

/* Ask the kernel to back the whole 2 MiB pages inside [p, p + n) with huge
 * pages, when n is large enough for it to matter.  Only advice: nothing
 * changes if the kernel declines or has no transparent huge pages. */
void cri_prefer_huge_pages(void *p, size_t n);

/* malloc and calloc for arrays that may be large, with that advice given. */
void *cri_big_malloc(size_t n);
void *cri_big_calloc(size_t count, size_t size);

#endif
