/* config_guard.h -- the limits a configuration must keep, checked on
 * libyaml's event stream before any document tree is built.
 *
 * A YAML file of a few megabytes can otherwise hang a run or take its
 * memory: libyaml's own parser slows down with the depth of flow
 * collections (a million nested '[' never finish), aliases let a small file
 * name the same list a million times, and a key given twice would silently
 * let the last one win.  The guard reads the events once, with a depth
 * counter, a count of the nodes every alias stands for, and a set of the
 * keys of each mapping, and stops at the first limit passed, located. */
#ifndef CRI_CONFIG_GUARD_H
#define CRI_CONFIG_GUARD_H

#include <stddef.h>
#include <yaml.h>

#include "core/diag.h"

#define CRI_CONFIG_MAX_BYTES (4u << 20) /* the whole file */
#define CRI_CONFIG_MAX_DEPTH 64         /* nested mappings and lists */
/* Nodes of the document, each alias counted as the nodes it names. */
#define CRI_CONFIG_MAX_NODES 4000000u

/* Report the error libyaml's parser stopped at in data[0..len), as
 * "YAML <problem>" at its line and column (CR_ENOMEM when it ran out of
 * memory, else CR_ECONFIG). */
enum cr_status cri_yaml_error(struct cri_diag *diag, const char *path, const char *data, size_t len,
                              const yaml_parser_t *parser);

/* Check data[0..len) (at most CRI_CONFIG_MAX_BYTES): one document, nested
 * at most CRI_CONFIG_MAX_DEPTH deep, at most CRI_CONFIG_MAX_NODES nodes
 * with aliases expanded, no alias inside the node it names, keys that are
 * plain values (not lists, mappings or aliases), and no key twice in one
 * mapping.  The whole stream is read, so a syntax error anywhere is
 * reported too (libyaml's loader stops after the first document and would
 * not see one that follows it).  Errors are CR_ECONFIG in diag, at
 * path:line:column. */
enum cr_status cri_config_guard(const char *path, const char *data, size_t len,
                                struct cri_diag *diag);

#endif
