/* diag.c -- the error list of a run. */
#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Order of errors i and j by file, line, column. */
static int position_cmp(const struct cri_diag *d, size_t i, size_t j)
{
    const struct cr_error *a = &d->errors[i], *b = &d->errors[j];
    if (d->file_order[i] != d->file_order[j])
        return d->file_order[i] < d->file_order[j] ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return (a->column > b->column) - (a->column < b->column);
}

enum cr_status cri_diag_add(struct cri_diag *d, enum cr_status status, const char *file,
                            uint32_t file_order, unsigned long line, unsigned long column,
                            const char *fmt, ...)
{
    if (d->status == CR_OK)
        d->status = status;
    /* Full: keep the max errors that come first in the files, whatever
     * order they were found in (threads and the apply step find some late),
     * so the report is the same for any thread count. */
    size_t slot = d->count;
    if (d->count >= d->max) {
        if (!d->max)
            return status;
        slot = 0;
        for (size_t i = 1; i < d->count; i++)
            if (position_cmp(d, i, slot) > 0)
                slot = i;
        const struct cr_error *last = &d->errors[slot];
        uint32_t lo = d->file_order[slot];
        int earlier = file_order < lo ||
                      (file_order == lo &&
                       (line < last->line || (line == last->line && column < last->column)));
        if (!earlier)
            return status;
    } else if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct cr_error *e = realloc(d->errors, cap * sizeof *e);
        if (!e)
            return status;
        d->errors = e;
        uint32_t *o = realloc(d->file_order, cap * sizeof *o);
        if (!o)
            return status;
        d->file_order = o;
        d->cap = cap;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *f = file ? cri_arena_strndup(&d->arena, file, strlen(file)) : NULL;
    const char *m = cri_arena_strndup(&d->arena, msg, strlen(msg));
    if (!m)
        return status;
    d->file_order[slot] = file_order;
    d->errors[slot] = (struct cr_error){status, f, line, column, m};
    if (slot == d->count)
        d->count++;
    return status;
}

enum cr_status cri_diag_warn(struct cri_diag *d, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d->n_warnings == d->warnings_cap) {
        size_t cap = d->warnings_cap ? d->warnings_cap * 2 : 8;
        const char **w = realloc(d->warnings, cap * sizeof *w);
        if (!w)
            return CR_ENOMEM;
        d->warnings = w;
        d->warnings_cap = cap;
    }
    const char *m = cri_arena_strndup(&d->arena, msg, strlen(msg));
    if (!m)
        return CR_ENOMEM;
    d->warnings[d->n_warnings++] = m;
    return CR_OK;
}

int cri_diag_full(const struct cri_diag *d)
{
    return d->count >= d->max;
}

void cri_diag_sort(struct cri_diag *d)
{
    /* Insertion sort: the list is short and nearly sorted, and it is stable,
     * so two errors at one place keep the order they were found in. */
    for (size_t i = 1; i < d->count; i++) {
        struct cr_error e = d->errors[i];
        uint32_t o = d->file_order[i];
        size_t j = i;
        while (j > 0) {
            const struct cr_error *p = &d->errors[j - 1];
            uint32_t po = d->file_order[j - 1];
            int after =
                po > o ||
                (po == o && (p->line > e.line || (p->line == e.line && p->column > e.column)));
            if (!after)
                break;
            d->errors[j] = d->errors[j - 1];
            d->file_order[j] = d->file_order[j - 1];
            j--;
        }
        d->errors[j] = e;
        d->file_order[j] = o;
    }
}

void cri_diag_free(struct cri_diag *d)
{
    free(d->errors);
    free(d->file_order);
    free(d->warnings);
    cri_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

const char *cri_quote(char *out, size_t cap, const char *p, size_t n)
{
    size_t o = 0, i = 0;
    for (; i < n && i < 40 && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c >= 0x7f || c == '\\')
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
        else
            out[o++] = (char)c;
    }
    if (i < n && o + 4 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}
