/* config_json.h -- the configuration as loaded, every default resolved, as
 * one JSON object (manifest.json's "config", SPEC "Audit trail"). */
#ifndef CRI_CONFIG_JSON_H
#define CRI_CONFIG_JSON_H

#include <stdio.h>

#include "config/config.h"

/* Write cfg as a JSON object: its sections in the order of the SPEC, keys
 * in a fixed order, lists in the order loaded (sorted lookups in their
 * sorted order), numbers with the decimals their unit has (points 2,
 * credits 3, thresholds 6).  Byte-identical for one configuration. */
void cri_config_write_json(FILE *f, const struct cri_config *cfg);

/* A JSON string literal of p[0..n) (quote, backslash and control bytes
 * escaped; UTF-8 as is). */
void cri_json_string(FILE *f, const char *p, size_t n);

#endif
