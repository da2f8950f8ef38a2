/* fuzz_yaml_events.c -- libFuzzer harness for the config guard and loader,
 * driven through YAML's event stream: the input is a program whose bytes
 * open and close flow mappings and lists (deeper than the limit, too), put
 * anchors and aliases (to open and closed nodes, defined or not), write
 * the config's own keys and values (so keys repeat), and start second
 * documents.  The text it writes is loaded; besides never crashing, a load
 * must fail, located, whenever the program broke a rule the guard keeps:
 * nesting deeper than CRI_CONFIG_MAX_DEPTH, a key twice in one mapping, an
 * alias as a key or inside the node it names, a second document. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/config_guard.h"

#define MAX_OPS 20000
#define MAX_STACK 200
#define N_ANCHORS 8

static const char *const words[32] = {
    "gpa",     "rank",     "honors",  "schools", "columns", "eligibility", "scale", "numeric",
    "weights", "non_gpa",  "name",    "min_gpa", "top_n",   "min",         "grade", "A",
    "B",       "F",        "4.0",     "3.5",     "0",       "90",          "P",     "ties",
    "dense",   "repeats",  "latest",  "\"520\"", "'520'",   "520",         "checkpoints", "6"};

struct frame {
    int is_map, want_key, items;
    uint32_t keys; /* words used as keys here, by index */
    int anchor;    /* the anchor this collection carries, or -1 */
};

struct gen {
    char *out;
    size_t n, cap;
    struct frame stack[MAX_STACK];
    int depth;
    int anchor_state[N_ANCHORS]; /* 0 undefined, 1 open, 2 closed */
    int pending_anchor;          /* -1: none */
    int broke;                   /* a rule the guard must enforce was broken */
};

static void put(struct gen *g, const char *s)
{
    size_t n = strlen(s);
    if (g->n + n + 1 > g->cap) {
        size_t cap = (g->n + n + 1) * 2;
        char *o = realloc(g->out, cap);
        if (!o)
            abort();
        g->out = o;
        g->cap = cap;
    }
    memcpy(g->out + g->n, s, n + 1);
    g->n += n;
}

/* Before a node: the separator its place needs, and a waiting anchor. */
static void before_node(struct gen *g, int *anchor)
{
    struct frame *f = g->depth ? &g->stack[g->depth - 1] : NULL;
    if (f && f->items && (!f->is_map || f->want_key))
        put(g, ", ");
    *anchor = g->pending_anchor;
    if (g->pending_anchor >= 0) {
        char b[16];
        snprintf(b, sizeof b, "&a%d ", g->pending_anchor);
        put(g, b);
        g->pending_anchor = -1;
    }
}

/* After a node: a key is followed by ": ", a value or item is counted. */
static void after_node(struct gen *g)
{
    struct frame *f = g->depth ? &g->stack[g->depth - 1] : NULL;
    if (!f)
        return;
    if (f->is_map && f->want_key) {
        put(g, ": ");
        f->want_key = 0;
    } else {
        f->items++;
        f->want_key = f->is_map;
    }
}

static void scalar(struct gen *g, unsigned word)
{
    struct frame *f = g->depth ? &g->stack[g->depth - 1] : NULL;
    int anchor;
    before_node(g, &anchor);
    if (anchor >= 0)
        g->anchor_state[anchor] = 2;
    if (f && f->is_map && f->want_key) {
        /* '520', "520" and 520 are one key. */
        unsigned k = word == 27 || word == 28 ? 29 : word;
        if (f->keys >> k & 1)
            g->broke = 1;
        f->keys |= 1u << k;
    }
    put(g, words[word]);
    after_node(g);
}

static void open_node(struct gen *g, int is_map)
{
    struct frame *f = g->depth ? &g->stack[g->depth - 1] : NULL;
    if (g->depth == MAX_STACK)
        return;
    if (f && f->is_map && f->want_key) { /* a collection as a key: refused */
        g->broke = 1;
    }
    int anchor;
    before_node(g, &anchor);
    if (anchor >= 0)
        g->anchor_state[anchor] = 1;
    put(g, is_map ? "{" : "[");
    /* The guard counts the top collection as a level, as this does. */
    if (g->depth + 1 > CRI_CONFIG_MAX_DEPTH)
        g->broke = 1;
    g->stack[g->depth++] = (struct frame){is_map, is_map, 0, 0, anchor};
}

static void close_node(struct gen *g)
{
    if (!g->depth)
        return;
    struct frame *f = &g->stack[g->depth - 1];
    if (f->is_map && !f->want_key)
        put(g, "~"); /* a key waiting for its value gets null */
    put(g, f->is_map ? "}" : "]");
    if (f->anchor >= 0)
        g->anchor_state[f->anchor] = 2;
    g->depth--;
    after_node(g);
}

static void alias(struct gen *g, unsigned a)
{
    struct frame *f = g->depth ? &g->stack[g->depth - 1] : NULL;
    if (g->anchor_state[a] == 1 || (f && f->is_map && f->want_key))
        g->broke = 1; /* a loop, or an alias as a key */
    if (g->pending_anchor >= 0) /* an anchor on an alias is a syntax error */
        g->pending_anchor = -1;
    int anchor;
    before_node(g, &anchor);
    char b[16];
    snprintf(b, sizeof b, "*a%u ", a); /* ':' may be part of an alias name */
    put(g, b);
    after_node(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gen g = {0};
    g.pending_anchor = -1;
    put(&g, "");
    int documents = 1;
    for (size_t i = 0; i < size && i < MAX_OPS; i++) {
        unsigned op = data[i] & 7, arg = data[i] >> 3;
        switch (op) {
        case 0:
        case 1:
            open_node(&g, op == 0);
            break;
        case 2:
            close_node(&g);
            break;
        case 3:
        case 7:
            scalar(&g, arg);
            break;
        case 4:
            g.pending_anchor = (int)(arg % N_ANCHORS);
            break;
        case 5:
            alias(&g, arg % N_ANCHORS);
            break;
        case 6:
            if (arg < 4) { /* rare: a second document */
                while (g.depth)
                    close_node(&g);
                if (g.n) {
                    put(&g, "\n---\n");
                    documents++;
                }
            } else {
                open_node(&g, 1);
            }
            break;
        }
    }
    while (g.depth)
        close_node(&g);
    put(&g, "\n");
    if (documents > 1)
        g.broke = 1;

    struct cri_config cfg;
    struct cri_diag diag = {.max = 20};
    enum cr_status st = cri_config_load_mem(&cfg, "fuzz.yaml", g.out, g.n, &diag);
    if (st != CR_OK && diag.count == 0 && st != CR_ENOMEM)
        abort(); /* a failure must say where */
    if (g.broke && st == CR_OK) {
        fprintf(stderr, "accepted a config that breaks a rule:\n%s\n", g.out);
        abort();
    }
    cri_config_free(&cfg);
    cri_diag_free(&diag);
    free(g.out);
    return 0;
}
