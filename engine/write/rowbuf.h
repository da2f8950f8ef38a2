/* rowbuf.h -- output built in memory and written 64 KiB at a time.
 *
 * The rank, excluded and honors files and the report have a row per class
 * member or honored student: a stdio call per field (twenty a row) costs
 * more than formatting the row.  A very long text goes straight through. */
#ifndef CRI_ROWBUF_H
#define CRI_ROWBUF_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct cri_rowbuf {
    FILE *f;
    size_t n;
    char b[1 << 16];
};

static inline void cri_rb_init(struct cri_rowbuf *rb, FILE *f)
{
    rb->f = f;
    rb->n = 0;
}

/* Write what is buffered (errors show on the stream, as with stdio). */
static inline void cri_rb_flush(struct cri_rowbuf *rb)
{
    fwrite_unlocked(rb->b, 1, rb->n, rb->f);
    rb->n = 0;
}

/* Room for n more bytes (n at most 64), flushing first when needed. */
static inline char *cri_rb_room(struct cri_rowbuf *rb, size_t n)
{
    if (rb->n + n > sizeof rb->b)
        cri_rb_flush(rb);
    return rb->b + rb->n;
}

static inline void cri_rb_put(struct cri_rowbuf *rb, const char *p, size_t n)
{
    if (rb->n + n > sizeof rb->b) {
        cri_rb_flush(rb);
        if (n > sizeof rb->b) {
            fwrite_unlocked(p, 1, n, rb->f);
            return;
        }
    }
    memcpy(rb->b + rb->n, p, n);
    rb->n += n;
}

static inline void cri_rb_str(struct cri_rowbuf *rb, const char *s)
{
    cri_rb_put(rb, s, strlen(s));
}

static inline void cri_rb_char(struct cri_rowbuf *rb, char c)
{
    *cri_rb_room(rb, 1) = c;
    rb->n++;
}

/* A whole number; a decimal scaled by 10^decimals; a rank (rank × 2, "3"
 * or "2.5"); a text CSV cell as cri_csv_put writes it (report.c). */
void cri_rb_uint(struct cri_rowbuf *rb, uint64_t v);
void cri_rb_decimal(struct cri_rowbuf *rb, int64_t v, int decimals);
void cri_rb_rank(struct cri_rowbuf *rb, int32_t rank_half);
void cri_rb_cell(struct cri_rowbuf *rb, const char *p, size_t n);

#endif
