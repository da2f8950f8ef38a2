/* intern.h -- byte strings to dense indexes (student ids, schools, courses).
 *
 * Strings are compared bytewise, never trimmed or case-folded.  Each distinct
 * string gets the next index, starting at 0, so indexes can address plain
 * arrays kept beside the table. */
#ifndef CRI_INTERN_H
#define CRI_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define CRI_NONE UINT32_MAX

/* A string of the table: p[0..n), not NUL-terminated, valid until the
 * table next grows (cri_intern_add) or is freed. */
struct cri_str {
    const char *p;
    uint32_t n;
};

/* Strings of up to 8 bytes (most ids) are kept in the item itself: a lookup
 * then touches the slot and the item, not a third place in memory. */
#define CRI_INLINE_BYTES 8

struct cri_item {
    union {
        char bytes[CRI_INLINE_BYTES]; /* n <= CRI_INLINE_BYTES */
        const char *p;                /* longer: a copy in the arena */
    } s;
    uint32_t n;
};

/* A slot: 0 for empty, else the item's index + 1 in the low 32 bits and
 * the high 32 bits of the string's hash above them, so a probe passes
 * other strings' slots without reading their items (a cache miss each in
 * a table of a million ids). */
typedef uint64_t cri_slot;

struct cri_intern {
    cri_slot *slots; /* open addressing, at most half full */
    size_t cap;      /* power of two */
    struct cri_item *items;
    size_t count, items_cap;
    struct cri_arena arena;
};

/* The index of p[0..n), or CRI_NONE. */
uint32_t cri_intern_find(const struct cri_intern *t, const char *p, size_t n);

/* The index of p[0..n), adding it when new (*added set to 1).  Returns
 * CRI_NONE when out of memory. */
uint32_t cri_intern_add(struct cri_intern *t, const char *p, size_t n, int *added);

/* The same with hash = cri_hash_bytes(p, n) already computed (on a worker
 * thread, say). */
uint32_t cri_intern_add_hashed(struct cri_intern *t, const char *p, size_t n, uint64_t hash,
                               int *added);

/* Ask for the slot a string of this hash probes first, ahead of adding it.
 * Inlined by force: GCC finds a function that holds only a prefetch free of
 * effects and drops the calls to it, prefetch and all. */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline void
cri_intern_prefetch(const struct cri_intern *t, uint64_t hash)
{
    if (t->cap)
        __builtin_prefetch(&t->slots[(hash >> 32) >> (32 - __builtin_ctzll(t->cap))]);
}

static inline struct cri_str cri_intern_str(const struct cri_intern *t, uint32_t i)
{
    const struct cri_item *it = &t->items[i];
    return (struct cri_str){it->n <= CRI_INLINE_BYTES ? it->s.bytes : it->s.p, it->n};
}

/* Bytewise order of two interned strings, as memcmp then length. */
int cri_intern_cmp(const struct cri_intern *t, uint32_t a, uint32_t b);

void cri_intern_free(struct cri_intern *t);

/* Give back the unused tail of the item array (after the last add). */
void cri_intern_shrink(struct cri_intern *t);

/* The hash the table uses: callers may compute it ahead (on a worker) for
 * cri_intern_add_hashed and cri_intern_prefetch. */
uint64_t cri_hash_bytes(const char *p, size_t n);

#endif
