/* tokenize_speed.c -- how fast the CSV tokenizer alone goes over one file.
 *
 *   build/tools/tokenize_speed FILE [REPEATS]
 *
 * Reads FILE into memory, tokenizes it REPEATS times (default 5) with
 * cri_csv_next and prints the best pass in GB/s.  The README's bound on
 * "half of wc -l's throughput" rests on this number: it is what one core
 * does before a single field is decoded or validated. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "read/csv.h"

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tokenize_speed FILE [REPEATS]\n");
        return 2;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 3;
    }
    long size = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    if (!buf || size < 0 || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        perror(argv[1]);
        return 3;
    }
    fclose(f);
    double best = 0;
    unsigned long records = 0, fields = 0;
    for (int r = 0; r < (repeats > 0 ? repeats : 1); r++) {
        struct cri_csv c;
        cri_csv_init(&c, buf, (size_t)size, 1);
        records = fields = 0;
        double start = seconds_now();
        int got;
        while ((got = cri_csv_next(&c)) == 1) {
            records++;
            fields += c.n_fields;
        }
        double took = seconds_now() - start;
        cri_csv_free(&c);
        if (got != 0) {
            fprintf(stderr, "%s: not well-formed CSV (%d)\n", argv[1], got);
            return 1;
        }
        if (r == 0 || took < best)
            best = took;
    }
    printf("%s: %lu records, %lu fields, %.1f MB; best of %d: %.3f s = %.2f GB/s\n", argv[1],
           records, fields, (double)size / 1e6, repeats, best, (double)size / 1e9 / best);
    free(buf);
    return 0;
}
