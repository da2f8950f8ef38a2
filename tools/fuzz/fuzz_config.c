/* fuzz_config.c -- libFuzzer harness for the YAML config loader: any bytes
 * load or fail with a located error, never crash or leak. */
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cri_config cfg;
    struct cri_diag diag = {.max = 20};
    enum cr_status st = cri_config_load_mem(&cfg, "fuzz.yaml", (const char *)data, size, &diag);
    if (st != CR_OK && diag.count == 0 && st != CR_ENOMEM)
        abort(); /* a failure must say where */
    cri_config_free(&cfg);
    cri_diag_free(&diag);
    return 0;
}
