/* config_guard.c -- one pass over libyaml's events: depth, aliases, keys
 * (see config_guard.h). */
#include "config/config_guard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intern.h"

#define OPEN_ANCHOR UINT64_MAX /* an anchor whose node has not ended yet */

struct frame {
    int is_map, want_key; /* a mapping expects a key next */
    uint32_t map_id;      /* tells the keys of one mapping from another's */
    uint64_t start;       /* nodes counted before this one began */
    uint32_t anchor;      /* its anchor's index, or CRI_NONE */
    size_t index;         /* a list's items so far, for messages */
    char key[48];         /* a mapping's current key, for messages */
};

struct guard {
    const char *path;
    struct cri_diag *diag;
    struct frame stack[CRI_CONFIG_MAX_DEPTH + 1];
    int depth;
    uint64_t nodes;            /* aliases counted as the nodes they name */
    struct cri_intern anchors; /* names, in order of first definition */
    uint64_t *anchor_nodes;    /* beside anchors: a node's size, or OPEN_ANCHOR */
    size_t anchor_cap;
    struct cri_intern keys; /* map_id bytes, then the key */
    uint32_t maps;
    char *keybuf;
    size_t keybuf_cap;
};

/* Where the event is, as "gpa.scale" or "honors[2]" (the keys and list
 * positions that lead to it). */
static void where(const struct guard *g, char *out, size_t cap)
{
    enum { SHOWN = 8 }; /* levels named; deeper ones are "..." */
    size_t n = 0;
    out[0] = '\0';
    for (int i = 1; i <= g->depth && n + 1 < cap; i++) {
        const struct frame *f = &g->stack[i];
        if (i == g->depth && f->is_map && f->want_key)
            break; /* the key being read is this mapping's own */
        int w = i > SHOWN   ? snprintf(out + n, cap - n, "...")
                : f->is_map ? snprintf(out + n, cap - n, "%s%s", n ? "." : "", f->key)
                            : snprintf(out + n, cap - n, "[%zu]", f->index);
        if (i > SHOWN) {
            n += (size_t)w < cap - n ? (size_t)w : 0;
            break;
        }
        n = w < 0 || (size_t)w >= cap - n ? cap - 1 : n + (size_t)w;
    }
}

static enum cr_status fail(struct guard *g, const yaml_event_t *ev, const char *what)
{
    char at[200];
    where(g, at, sizeof at);
    return cri_diag_add(g->diag, CR_ECONFIG, g->path, 0, ev->start_mark.line + 1,
                        ev->start_mark.column + 1, "%s%s%s", what, *at ? " in " : "", at);
}

static enum cr_status count(struct guard *g, const yaml_event_t *ev, uint64_t n)
{
    g->nodes += n;
    if (g->nodes > CRI_CONFIG_MAX_NODES) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "the configuration names more than %u nodes (aliases counted as the nodes "
                 "they stand for): the limit",
                 CRI_CONFIG_MAX_NODES);
        return fail(g, ev, msg);
    }
    return CR_OK;
}

/* Register an anchor (its node's size still open), or CRI_NONE for none. */
static enum cr_status anchor_open(struct guard *g, const yaml_char_t *name, uint32_t *slot)
{
    *slot = CRI_NONE;
    if (!name)
        return CR_OK;
    uint32_t i = cri_intern_add(&g->anchors, (const char *)name, strlen((const char *)name), NULL);
    if (i == CRI_NONE)
        return CR_ENOMEM;
    if (i >= g->anchor_cap) {
        size_t cap = g->anchor_cap ? g->anchor_cap * 2 : 64;
        uint64_t *a = realloc(g->anchor_nodes, cap * sizeof *a);
        if (!a)
            return CR_ENOMEM;
        g->anchor_nodes = a;
        g->anchor_cap = cap;
    }
    g->anchor_nodes[i] = OPEN_ANCHOR; /* a second definition replaces the first */
    *slot = i;
    return CR_OK;
}

/* A key of the innermost mapping: refused when the mapping has it already. */
static enum cr_status add_key(struct guard *g, const yaml_event_t *ev)
{
    struct frame *f = &g->stack[g->depth];
    const char *k = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (n + 4 > g->keybuf_cap) {
        size_t cap = n + 4 > 256 ? n + 4 : 256;
        char *b = realloc(g->keybuf, cap);
        if (!b)
            return CR_ENOMEM;
        g->keybuf = b;
        g->keybuf_cap = cap;
    }
    memcpy(g->keybuf, &f->map_id, 4);
    memcpy(g->keybuf + 4, k, n);
    int added = 0;
    if (cri_intern_add(&g->keys, g->keybuf, n + 4, &added) == CRI_NONE)
        return CR_ENOMEM;
    char q[CRI_QUOTE_CAP];
    cri_quote(q, k, n);
    size_t shown = strlen(q) < sizeof f->key ? strlen(q) : sizeof f->key - 1;
    memcpy(f->key, q, shown);
    f->key[shown] = '\0';
    if (!added) {
        char msg[CRI_QUOTE_CAP + 64];
        snprintf(msg, sizeof msg, "key '%s' is given twice (the first would be lost)", q);
        return fail(g, ev, msg);
    }
    return CR_OK;
}

/* A node has ended: its mapping now wants a key again, its list counts it. */
static void node_done(struct guard *g)
{
    struct frame *f = &g->stack[g->depth];
    if (g->depth == 0)
        return;
    if (f->is_map)
        f->want_key = !f->want_key;
    else
        f->index++;
}

static enum cr_status on_event(struct guard *g, const yaml_event_t *ev, int *documents)
{
    struct frame *top = &g->stack[g->depth];
    int is_key = g->depth > 0 && top->is_map && top->want_key;
    enum cr_status st;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1)
            return fail(g, ev,
                        "a second YAML document starts here: a configuration is one document "
                        "(remove this '---' and merge what follows into the first)");
        return CR_OK;
    case YAML_SCALAR_EVENT:
        if ((st = count(g, ev, 1)) != CR_OK)
            return st;
        if (is_key && (st = add_key(g, ev)) != CR_OK)
            return st;
        if (ev->data.scalar.anchor) {
            uint32_t slot;
            if ((st = anchor_open(g, ev->data.scalar.anchor, &slot)) != CR_OK)
                return st;
            g->anchor_nodes[slot] = 1;
        }
        node_done(g);
        return CR_OK;
    case YAML_ALIAS_EVENT: {
        if (is_key)
            return fail(g, ev, "a key must be written out, not an alias");
        const char *name = (const char *)ev->data.alias.anchor;
        uint32_t i = cri_intern_find(&g->anchors, name, strlen(name));
        if (i != CRI_NONE && g->anchor_nodes[i] == OPEN_ANCHOR)
            return fail(g, ev, "an alias inside the node it names (a loop)");
        /* An undefined alias is left to libyaml's loader to report. */
        if ((st = count(g, ev, i == CRI_NONE ? 1 : g->anchor_nodes[i])) != CR_OK)
            return st;
        node_done(g);
        return CR_OK;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int is_map = ev->type == YAML_MAPPING_START_EVENT;
        if (is_key)
            return fail(g, ev,
                        is_map ? "a key must be a single value, not a mapping"
                               : "a key must be a single value, not a list");
        if (g->depth == CRI_CONFIG_MAX_DEPTH) {
            char msg[96];
            snprintf(msg, sizeof msg, "mappings and lists nested more than %d deep: the limit",
                     CRI_CONFIG_MAX_DEPTH);
            return fail(g, ev, msg);
        }
        if ((st = count(g, ev, 1)) != CR_OK)
            return st;
        struct frame *f = &g->stack[++g->depth];
        memset(f, 0, sizeof *f);
        f->is_map = is_map;
        f->want_key = is_map;
        f->map_id = is_map ? g->maps++ : 0;
        f->start = g->nodes - 1;
        const yaml_char_t *anchor =
            is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
        return anchor_open(g, anchor, &f->anchor);
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (top->anchor != CRI_NONE)
            g->anchor_nodes[top->anchor] = g->nodes - top->start;
        g->depth--;
        node_done(g);
        return CR_OK;
    default:
        return CR_OK;
    }
}

enum cr_status cri_yaml_error(struct cri_diag *diag, const char *path, const char *data, size_t len,
                              const yaml_parser_t *parser)
{
    unsigned long line = parser->problem_mark.line + 1, col = parser->problem_mark.column + 1;
    if (parser->error == YAML_READER_ERROR) {
        /* A reader error (a control byte, bad UTF-8) has no mark, only the
         * byte offset: count its line and column here. */
        size_t at = parser->problem_offset < len ? parser->problem_offset : len;
        const char *start = data;
        line = 1;
        for (const char *nl; (nl = memchr(start, '\n', (size_t)(data + at - start)));
             start = nl + 1)
            line++;
        col = (unsigned long)(data + at - start) + 1;
    }
    return cri_diag_add(diag, parser->error == YAML_MEMORY_ERROR ? CR_ENOMEM : CR_ECONFIG, path, 0,
                        line, col, "YAML %s%s%s",
                        parser->problem ? parser->problem : "syntax error",
                        parser->context ? " " : "", parser->context ? parser->context : "");
}

enum cr_status cri_config_guard(const char *path, const char *data, size_t len,
                                struct cri_diag *diag)
{
    if (len > CRI_CONFIG_MAX_BYTES)
        return cri_diag_add(diag, CR_ECONFIG, path, 0, 0, 0,
                            "the configuration is larger than %u bytes: the limit",
                            CRI_CONFIG_MAX_BYTES);
    struct guard *g = calloc(1, sizeof *g);
    yaml_parser_t parser;
    if (!g)
        return CR_ENOMEM;
    if (!yaml_parser_initialize(&parser)) {
        free(g);
        return CR_ENOMEM;
    }
    g->path = path;
    g->diag = diag;
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    enum cr_status st = CR_OK;
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            st = cri_yaml_error(diag, path, data, len, &parser);
            break;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        st = on_event(g, &ev, &documents);
        yaml_event_delete(&ev);
        if (end || st != CR_OK)
            break;
    }
    yaml_parser_delete(&parser);
    cri_intern_free(&g->anchors);
    cri_intern_free(&g->keys);
    free(g->anchor_nodes);
    free(g->keybuf);
    free(g);
    return st;
}
