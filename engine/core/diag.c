/* diag.c -- the error list of a run. */
#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message fmt formats, whole, in the diag's arena: a quoted value may
 * be 800 bytes (SPEC "The whole value in every message"), so no fixed
 * buffer cuts it.  NULL when out of memory. */
static const char *format_message(struct cri_diag *d, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *m = n < 0 ? NULL : cri_arena_alloc(&d->arena, (size_t)n + 1);
    if (m)
        vsnprintf(m, (size_t)n + 1, fmt, again);
    va_end(again);
    return m;
}

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
    va_list ap;
    va_start(ap, fmt);
    const char *m = format_message(d, fmt, ap);
    va_end(ap);
    const char *f = file ? cri_arena_strndup(&d->arena, file, strlen(file)) : NULL;
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
    if (d->n_warnings == d->warnings_cap) {
        size_t cap = d->warnings_cap ? d->warnings_cap * 2 : 8;
        const char **w = realloc(d->warnings, cap * sizeof *w);
        if (!w)
            return CR_ENOMEM;
        d->warnings = w;
        d->warnings_cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    const char *m = format_message(d, fmt, ap);
    va_end(ap);
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

/* Append p[0..n) to out at *o, a byte at a time, escaping what is not
 * printable ASCII (and the backslash, so an escape is never ambiguous). */
static void quote_bytes(char *out, size_t *o, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c < 0x20 || c >= 0x7f || c == '\\') {
            out[(*o)++] = '\\';
            out[(*o)++] = 'x';
            out[(*o)++] = hex[c >> 4];
            out[(*o)++] = hex[c & 15];
        } else {
            out[(*o)++] = (char)c;
        }
    }
}

const char *cri_quote(char out[CRI_QUOTE_CAP], const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t o = 0;
    if (n <= CRI_QUOTE_WHOLE) {
        quote_bytes(out, &o, u, n);
    } else {
        quote_bytes(out, &o, u, CRI_QUOTE_HEAD);
        memcpy(out + o, "...", 3);
        o += 3;
        quote_bytes(out, &o, u + n - CRI_QUOTE_TAIL, CRI_QUOTE_TAIL);
    }
    out[o] = '\0';
    return out;
}
