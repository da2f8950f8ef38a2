/* fuzz_csv.c -- libFuzzer harness for the CSV tokenizer: any bytes must give
 * records whose fields lie inside the buffer, or located errors; never a
 * crash, an overrun or a loop.  And the fast path must read every input as
 * the careful path does: the same records, fields, lines, columns, record
 * starts and errors. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/csv.h"

struct reader {
    char *buf;
    struct cri_csv c;
    int r;
};

static void start(struct reader *rd, const uint8_t *data, size_t size, int careful_only)
{
    rd->buf = malloc(size ? size : 1);
    if (!rd->buf)
        abort();
    memcpy(rd->buf, data, size);
    cri_csv_init(&rd->c, rd->buf, size, 1);
    rd->c.careful_only = careful_only;
}

static void check_record(const struct reader *rd, size_t size)
{
    const struct cri_csv *c = &rd->c;
    if (rd->r == 1) {
        for (size_t i = 0; i < c->n_fields; i++) {
            const struct cri_field *f = &c->fields[i];
            if (f->p < rd->buf || f->p + f->n > rd->buf + size || f->line < 1 || f->column < 1)
                abort();
        }
    } else if (rd->r == -1 && (c->err_line < 1 || c->err_column < 1 || !c->err_message)) {
        abort();
    }
}

/* The two readers' last results say the same. */
static void compare(const struct reader *a, const struct reader *b)
{
    if (a->r != b->r || a->c.pos != b->c.pos || a->c.line != b->c.line)
        abort();
    if (a->r == -1 && (a->c.err_line != b->c.err_line || a->c.err_column != b->c.err_column ||
                       strcmp(a->c.err_message, b->c.err_message) != 0))
        abort();
    if (a->r != 1)
        return;
    if (a->c.n_fields != b->c.n_fields || a->c.record_line != b->c.record_line ||
        a->c.record_start != b->c.record_start)
        abort();
    for (size_t i = 0; i < a->c.n_fields; i++) {
        const struct cri_field *x = &a->c.fields[i], *y = &b->c.fields[i];
        if (x->n != y->n || x->line != y->line || x->column != y->column ||
            memcmp(x->p, y->p, x->n) != 0 || x->p - a->buf != y->p - b->buf)
            abort();
        /* A record the fast path calls plain has printable ASCII fields
         * only: their ids skip every other check. */
        for (size_t k = 0; a->c.record_plain && k < x->n; k++)
            if ((unsigned char)x->p[k] < 0x20 || (unsigned char)x->p[k] > 0x7E)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct reader fast, careful;
    start(&fast, data, size, 0);
    start(&careful, data, size, 1);
    size_t last_pos = 0;
    for (;;) {
        fast.r = cri_csv_next(&fast.c);
        careful.r = cri_csv_next(&careful.c);
        if (fast.r == -2 || careful.r == -2)
            break;
        check_record(&fast, size);
        compare(&fast, &careful);
        if (fast.r == 0)
            break;
        /* Every call must make progress. */
        if (fast.c.pos <= last_pos && fast.c.pos < size)
            abort();
        last_pos = fast.c.pos;
        if (fast.c.pos >= size)
            break;
    }
    cri_csv_free(&fast.c);
    cri_csv_free(&careful.c);
    free(fast.buf);
    free(careful.buf);
    return 0;
}
