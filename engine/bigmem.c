/* bigmem.c -- arrays sized by the number of students or rows, on 2 MiB pages.
 *
 * A million students fill arrays of tens of megabytes, each page of which
 * the kernel maps on the first touch: on 4 KiB pages that was about 100,000
 * page faults per run, a sixth of its time in the kernel, and a TLB miss on
 * most random accesses into the sums and the id table.  Debian's kernels
 * give huge pages only where asked ("madvise" mode), so ask.
 *
 * Only whole 2 MiB pages inside a block are advised, so a block's last
 * partial page stays on small pages and memory use does not grow.  The
 * block is aligned so that all its other pages are whole. */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2u << 20 };

void *cri_big_malloc(size_t n)
{
    if (n < HUGE_PAGE)
        return malloc(n);
    void *p;
    if (posix_memalign(&p, HUGE_PAGE, n) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, n & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
    return p;
}

void *cri_big_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    size_t n = count * size;
    if (n < HUGE_PAGE)
        return calloc(count, size);
    void *p = cri_big_malloc(n);
    if (p)
        memset(p, 0, n); /* posix_memalign does not say its memory is zero */
    return p;
}

void *cri_big_realloc(void *p, size_t old_n, size_t n)
{
    /* Not realloc: it moves large blocks with mremap, to an address that
     * need not be 2 MiB aligned.  Copying is cheaper than the faults. */
    if (n < HUGE_PAGE)
        return realloc(p, n);
    void *q = cri_big_malloc(n);
    if (!q)
        return NULL;
    if (p) {
        memcpy(q, p, old_n < n ? old_n : n);
        free(p);
    }
    return q;
}
