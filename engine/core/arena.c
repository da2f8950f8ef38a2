/* arena.c -- bump allocation in blocks of at least 64 KiB. */
#include "core/arena.h"
#include "core/bigmem.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct cri_arena_block {
    struct cri_arena_block *next;
    alignas(max_align_t) unsigned char data[];
};

enum { BLOCK_MIN = 64 * 1024 };

void *cri_arena_alloc(struct cri_arena *arena, size_t n)
{
    const size_t align = alignof(max_align_t);
    size_t start = (arena->used + align - 1) & ~(align - 1);
    if (!arena->head || start + n > arena->size) {
        size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
        struct cri_arena_block *b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = arena->head;
        arena->head = b;
        arena->size = size;
        start = 0;
    }
    arena->used = start + n;
    return arena->head->data + start;
}

/* n bytes with no alignment (for strings), or NULL when out of memory. */
static void *alloc_bytes(struct cri_arena *arena, size_t n)
{
    if (arena->head && arena->used + n <= arena->size) {
        void *p = arena->head->data + arena->used;
        arena->used += n;
        return p;
    }
    return cri_arena_alloc(arena, n);
}

char *cri_arena_strndup(struct cri_arena *arena, const char *p, size_t n)
{
    char *s = alloc_bytes(arena, n + 1);
    if (!s)
        return NULL;
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

void *cri_grow(void *array, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap && array)
        return array;
    size_t n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    void *p = cri_big_realloc(array, array ? *cap * size : 0, n * size);
    if (p)
        *cap = n;
    return p;
}

void cri_arena_free(struct cri_arena *arena)
{
    struct cri_arena_block *b = arena->head;
    while (b) {
        struct cri_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->used = arena->size = 0;
}
