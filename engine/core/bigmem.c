/* bigmem.c -- arrays sized by the number of students or rows, on 2 MiB pages.
 *
 * A million students fill arrays of tens of megabytes, each page of which
 * the kernel maps on the first touch: on 4 KiB pages that was about 100,000
 * page faults per run, a sixth of its time in the kernel, and a TLB miss on
 * most random accesses into the sums and the id table.  Debian's kernels
 * give huge pages only where asked ("madvise" mode), so ask.
 *
 * Only whole 2 MiB pages inside a block are advised, so a block's last
 * partial page stays on small pages.  The block is aligned so that all its
 * other pages are whole.  When glibc carves a block from its heap (large
 * frees raise its threshold for mapping blocks of their own), the advice
 * stays on that part of the heap after the block is freed, and small blocks
 * placed there later may get huge pages too; peak memory was measured the
 * same either way (202 MB at a million students, with the threshold left
 * alone or pinned at 2 MiB).  2 MiB is x86-64's huge page; where huge pages
 * are larger the advice is harmless and buys less. */
#include "core/bigmem.h"

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
        return realloc(p, n ? n : 1); /* realloc(p, 0) may free p */
    void *q = cri_big_malloc(n);
    if (!q)
        return NULL;
    if (p) {
        memcpy(q, p, old_n < n ? old_n : n);
        free(p);
    }
    return q;
}
