/* bigmem.c -- arrays sized by the number of students or rows, on 2 MiB pages.
 *
 * A million students fill arrays of tens of megabytes, each page of which
 * the kernel maps on the first touch: on 4 KiB pages that was about 100,000
 * page faults per run, a sixth of its time in the kernel, and a TLB miss on
 * most random accesses into the sums and the id table.  Debian's kernels
 * give huge pages only where asked ("madvise" mode), so ask. */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HUGE_PAGE = 2u << 20 };

void cri_prefer_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (!p || n < 2 * (size_t)HUGE_PAGE)
        return;
    /* The whole pages of the block, not only its 2 MiB-aligned middle: the
     * kernel uses huge pages where they fit anyway, and advising part of a
     * mapping splits it in three, after which realloc can no longer move
     * it with mremap and copies it instead. */
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = (uintptr_t)p & ~(page - 1);
    uintptr_t to = ((uintptr_t)p + n + page - 1) & ~(page - 1);
    madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void *cri_big_malloc(size_t n)
{
    void *p = malloc(n);
    cri_prefer_huge_pages(p, n);
    return p;
}

void *cri_big_calloc(size_t count, size_t size)
{
    void *p = calloc(count, size);
    if (p)
        cri_prefer_huge_pages(p, count * size); /* calloc checked the product */
    return p;
}
