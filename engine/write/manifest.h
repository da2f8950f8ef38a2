/* manifest.h -- manifest.json, the audit trail of an output directory
 * (SPEC "Audit trail"): which classrank, with which options and
 * configuration, read which bytes and wrote which. */
#ifndef CRI_MANIFEST_H
#define CRI_MANIFEST_H

#include <stdio.h>

#include "load/records.h"

/* An output file and its SHA-256. */
struct cri_output_digest {
    char name[32];
    char sha256[CRI_SHA256_HEX];
};

/* Write manifest.json: outputs[0..n) in bytewise name order. */
void cri_write_manifest(FILE *f, const struct cr_run *run, const struct cri_output_digest *outputs,
                        size_t n, const char *version);

#endif
