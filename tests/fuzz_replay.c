/* fuzz_replay.c -- run a libFuzzer harness on saved inputs without libFuzzer,
 * so every input that ever crashed a fuzzer is replayed by the ordinary test
 * suite (and under the sanitizer build).  Usage: fuzz_replay FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int replayed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, n = 0;
        uint8_t *buf = malloc(cap);
        size_t r;
        while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
            n += r;
            if (n == cap)
                buf = realloc(buf, cap *= 2);
        }
        fclose(f);
        if (!buf)
            return 1;
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        replayed++;
    }
    printf("fuzz_replay: %d passed, 0 failed\n", replayed);
    return replayed ? 0 : 1;
}
