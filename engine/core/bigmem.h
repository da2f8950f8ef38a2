/* bigmem.h -- arrays sized by the number of students or rows, on 2 MiB pages. */
#ifndef CRI_BIGMEM_H
#define CRI_BIGMEM_H

#include <stddef.h>

/* malloc, calloc and realloc for arrays that may be large: from 2 MiB on,
 * the block starts on a 2 MiB boundary and the kernel is asked to back its
 * whole 2 MiB pages with huge pages.  Freed with free().  Only advice:
 * nothing changes if the kernel has no transparent huge pages. */
void *cri_big_malloc(size_t n);
void *cri_big_calloc(size_t count, size_t size);

/* Move a block of old_n bytes (from any of these functions, or malloc) to
 * one of n bytes, keeping min(old_n, n) bytes; the old block is freed.  NULL
 * when out of memory, and then the old block is unchanged. */
void *cri_big_realloc(void *p, size_t old_n, size_t n);

#endif
