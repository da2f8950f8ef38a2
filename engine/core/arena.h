/* arena.h -- a bump allocator for data that lives as long as a run. */
#ifndef CRI_ARENA_H
#define CRI_ARENA_H

#include <stddef.h>

struct cri_arena_block;

/* Zero-initialise to get an empty arena. */
struct cri_arena {
    struct cri_arena_block *head;
    size_t used; /* bytes used in head */
    size_t size; /* bytes available in head */
};

/* n bytes aligned for any object, or NULL when out of memory. */
void *cri_arena_alloc(struct cri_arena *arena, size_t n);

/* A NUL-terminated copy of p[0..n), or NULL when out of memory. */
char *cri_arena_strndup(struct cri_arena *arena, const char *p, size_t n);

/* A growing array: array holds *cap elements of `size` bytes; make room for
 * `need`, doubling from `first`.  Returns the array (moved or not) with *cap
 * updated, or NULL when out of memory (then array and *cap are unchanged). */
void *cri_grow(void *array, size_t *cap, size_t need, size_t size, size_t first);

/* Release every block.  The arena is empty afterwards and can be reused. */
void cri_arena_free(struct cri_arena *arena);

#endif
