/* fuzz_csv.c -- libFuzzer harness for the CSV tokenizer: any bytes must give
 * records whose fields lie inside the buffer, or located errors; never a
 * crash, an overrun or a loop. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    struct cri_csv c;
    cri_csv_init(&c, buf, size, 1);
    size_t last_pos = 0;
    for (;;) {
        int r = cri_csv_next(&c);
        if (r == 0 || r == -2)
            break;
        if (r == 1) {
            for (size_t i = 0; i < c.n_fields; i++) {
                const struct cri_field *f = &c.fields[i];
                if (f->p < buf || f->p + f->n > buf + size || f->line < 1 || f->column < 1)
                    abort();
            }
        } else if (c.err_line < 1 || c.err_column < 1 || !c.err_message) {
            abort();
        }
        /* Every call must make progress. */
        if (c.pos <= last_pos && c.pos < size)
            abort();
        last_pos = c.pos;
        if (c.pos >= size)
            break;
    }
    cri_csv_free(&c);
    free(buf);
    return 0;
}
