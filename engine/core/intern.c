/* intern.c -- an open-addressing hash table of byte strings. */
#include "core/intern.h"

#include "core/bigmem.h"
#include "core/bytes.h"

#include <stdlib.h>
#include <string.h>

uint64_t cri_hash_bytes(const char *p, size_t n)
{
    /* Eight bytes at a time (ids are short), each word mixed by a multiply,
     * then a final avalanche so the low bits are usable as a mask. */
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, p + i, n - i);
    h = (h ^ tail) * 0x94d049bb133111ebULL;
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static int str_equals(const struct cri_item *it, const char *p, size_t n)
{
    return it->n == n && cri_bytes_eq(n <= CRI_INLINE_BYTES ? it->s.bytes : it->s.p, p, n);
}

static cri_slot slot_of(uint32_t index, uint64_t hash)
{
    return (hash >> 32) << 32 | ((cri_slot)index + 1);
}

/* Growing moves every slot to its new home without reading its string:
 * the home is the top bits of the hash, which the slot's tag holds. */
static size_t home_of_tag(uint64_t tag, size_t cap)
{
    return (size_t)(tag >> (32 - __builtin_ctzll(cap)));
}

static uint32_t find_hashed(const struct cri_intern *t, const char *p, size_t n, uint64_t hash)
{
    if (!t->cap)
        return CRI_NONE;
    size_t mask = t->cap - 1;
    const uint64_t tag = hash >> 32;
    for (size_t i = home_of_tag(tag, t->cap);; i = (i + 1) & mask) {
        cri_slot slot = t->slots[i];
        if (!slot)
            return CRI_NONE;
        uint32_t index = (uint32_t)slot - 1;
        if (slot >> 32 == tag && str_equals(&t->items[index], p, n))
            return index;
    }
}

uint32_t cri_intern_find(const struct cri_intern *t, const char *p, size_t n)
{
    return find_hashed(t, p, n, cri_hash_bytes(p, n));
}

static int grow_slots(struct cri_intern *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    if (cap > (size_t)1 << 32) /* homes come from a 32-bit tag */
        return -1;
    cri_slot *slots = cri_big_calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < t->cap; k++) {
        cri_slot slot = t->slots[k];
        if (!slot)
            continue;
        size_t i = home_of_tag(slot >> 32, cap);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = slot;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

uint32_t cri_intern_add_hashed(struct cri_intern *t, const char *p, size_t n, uint64_t hash,
                               int *added)
{
    if (added)
        *added = 0;
    uint32_t found = find_hashed(t, p, n, hash);
    if (found != CRI_NONE)
        return found;
    if (n > UINT32_MAX || t->count >= UINT32_MAX - 1)
        return CRI_NONE;
    /* Keep the load factor at or below one half. */
    if ((t->count + 1) * 2 > t->cap && grow_slots(t) != 0)
        return CRI_NONE;
    struct cri_item *grown = cri_grow(t->items, &t->items_cap, t->count + 1, sizeof *grown, 64);
    if (!grown)
        return CRI_NONE;
    t->items = grown;
    struct cri_item item = {.n = (uint32_t)n};
    if (n <= CRI_INLINE_BYTES) {
        if (n)
            memcpy(item.s.bytes, p, n);
    } else if (!(item.s.p = cri_arena_strndup(&t->arena, p, n))) {
        return CRI_NONE;
    }
    uint32_t index = (uint32_t)t->count++;
    t->items[index] = item;
    size_t mask = t->cap - 1;
    size_t i = home_of_tag(hash >> 32, t->cap);
    while (t->slots[i])
        i = (i + 1) & mask;
    t->slots[i] = slot_of(index, hash);
    if (added)
        *added = 1;
    return index;
}

uint32_t cri_intern_add(struct cri_intern *t, const char *p, size_t n, int *added)
{
    return cri_intern_add_hashed(t, p, n, cri_hash_bytes(p, n), added);
}

int cri_intern_cmp(const struct cri_intern *t, uint32_t a, uint32_t b)
{
    struct cri_str x = cri_intern_str(t, a), y = cri_intern_str(t, b);
    size_t n = x.n < y.n ? x.n : y.n;
    int c = n ? memcmp(x.p, y.p, n) : 0;
    if (c)
        return c;
    return (x.n > y.n) - (x.n < y.n);
}

void cri_intern_shrink(struct cri_intern *t)
{
    if (t->count && t->count < t->items_cap) {
        struct cri_item *items = realloc(t->items, t->count * sizeof *items);
        if (items) {
            t->items = items;
            t->items_cap = t->count;
        }
    }
}

void cri_intern_free(struct cri_intern *t)
{
    free(t->slots);
    free(t->items);
    cri_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
