/* table.h -- read one input CSV file, streaming, on worker threads.
 *
 * The file is read in fixed 16 MiB blocks (mapped a block at a time, never
 * whole, so memory does not grow with the file: see source.h).  Each block
 * is cut at record boundaries into one chunk per thread; workers tokenize
 * and decode their chunk into compact items, then the calling thread
 * applies the items chunk by chunk, in file order (or, for a table with
 * apply_shard, every thread applies its shard of all the chunks' items at
 * once).  Errors are kept per chunk with their lines and merged in order,
 * so the outputs and the messages are the same for any thread count.
 *
 * Block boundaries do not depend on the thread count.  In a block with
 * quotes, chunk boundaries follow the quotes from the block start (a quoted
 * field may hold a line break), and such a block with any error is decoded
 * again whole on one thread, as the file has it.  Whether a mapped file's
 * block has quotes is guessed from the block before; a wrong guess, or any
 * error, has the block decoded again, knowing. */
#ifndef CRI_TABLE_H
#define CRI_TABLE_H

#include "bytes.h"
#include "header.h"
#include "run.h"

/* The last text a worker decoded in one column, and what it meant.  A grade
 * file repeats its term on every row and mostly one level: comparing the
 * text again costs less than decoding it. */
struct cri_memo {
    char text[15];
    uint8_t n; /* 0: nothing remembered */
    int value;
};

static inline int cri_memo_get(const struct cri_memo *m, const char *p, size_t n, int *value)
{
    if (n == 0 || n != m->n || !cri_bytes_eq(m->text, p, n))
        return 0;
    *value = m->value;
    return 1;
}

static inline void cri_memo_set(struct cri_memo *m, const char *p, size_t n, int value)
{
    if (n == 0 || n > sizeof m->text)
        return;
    memcpy(m->text, p, n);
    m->n = (uint8_t)n;
    m->value = value;
}

/* The last few short texts a worker decoded in one column (credits: "1",
 * "0.5", "0.25" mix row to row), by their words (see cri_field_words); a
 * slot holds the last text that hashed there. */
struct cri_word_memo {
    uint64_t word;
    uint32_t n1; /* 1 + the text's length; 0: empty slot */
    int32_t value;
};
#define CRI_WORD_MEMO_SLOTS 16

static inline struct cri_word_memo *cri_word_memo_slot(struct cri_word_memo *memo,
                                                       uint64_t word)
{
    return &memo[(word * 0x9E3779B97F4A7C15ULL) >> 60];
}

/* A worker's private state while decoding one chunk. */
/* A growing list of fixed-size items. */
struct cri_item_list {
    unsigned char *p;
    size_t n, cap;
};

struct cri_worker {
    struct cri_diag diag; /* lines relative to the chunk start */
    unsigned char *items;
    size_t n_items, items_cap, item_size;
    /* Tables applied by shards (cri_table_ops.apply_shard) keep their items
     * here instead: a list per shard of students (n_shards lists), so each
     * shard's apply reads its own items only. */
    struct cri_item_list *shards;
    size_t n_shards;
    uint64_t rows_read, rows_unrostered, rows_skipped;
    cri_term latest_term;
    /* course ids not yet in run->courses (repeat modes): resolved by the
     * calling thread before the items are applied */
    struct cri_intern pending_courses;
    enum cr_status status;
    /* Where the chunk is, for errors found while applying its items. */
    const char *path;
    uint32_t file_order;
    unsigned long first_line;
    /* The last student looked up: exports list a student's rows together,
     * so most lookups are this one again. */
    char last_id[32];
    size_t last_id_n; /* 0: none */
    uint32_t last_sid;
    /* Valid texts only; kept from chunk to chunk (they depend on the config
     * alone). */
    struct cri_memo term_memo;
    struct cri_word_memo credits_memo[CRI_WORD_MEMO_SLOTS];
};

struct cri_table_row {
    const char *path;
    uint32_t file_order;
    uint64_t chunk_offset; /* file offset of the chunk's first byte */
    const struct cri_csv *csv;
    const struct cri_header *header;
    struct cri_worker *worker;
    const struct cri_field *const *view; /* by enum cri_column: see cri_header_view */
    /* A field starting fewer than this many bytes into csv->buf has 16
     * bytes to read there (0 when the buffer is shorter). */
    size_t words_before;
};

/* File offset of the row's first byte. */
static inline uint64_t cri_row_offset(const struct cri_table_row *row)
{
    return row->chunk_offset + row->csv->record_start;
}

/* The field's text as two words, zero past its end (see cri_words_at),
 * when it is at most 16 bytes long and the 16 bytes at it lie in the row's
 * buffer -- every field but one in the last 16 bytes of a chunk or one from
 * a value map.  Returns 0 otherwise. */
static inline int cri_field_words(const struct cri_table_row *row, const struct cri_field *f,
                                  uint64_t w[2])
{
    uintptr_t at = (uintptr_t)f->p - (uintptr_t)row->csv->buf; /* huge when before buf */
    if (f->n > 16 || at >= row->words_before)
        return 0;
    cri_words_at(f->p, f->n, w);
    return 1;
}

/* Our column col of the row, or NULL when the file has no such column. */
static inline const struct cri_field *cri_row_field(const struct cri_table_row *row,
                                                    enum cri_column col)
{
    return row->view[col];
}

/* Decode one record.  Runs on a worker thread when the table is parallel:
 * it may read the run but not change it; it reports through
 * cri_field_error() and emits items with cri_worker_push().  Return CR_OK to
 * go on, an error status (ENOMEM) to stop. */
typedef enum cr_status (*cri_decode_fn)(struct cr_run *run, const struct cri_table_row *row);

/* Apply a chunk's items, on the calling thread, in file order. */
typedef enum cr_status (*cri_apply_fn)(struct cr_run *run, struct cri_worker *w);

/* Apply one shard's items of a chunk (see cri_worker_push_for), on any
 * thread: shards are disjoint sets of students, so they run at once. */
typedef enum cr_status (*cri_apply_shard_fn)(struct cr_run *run,
                                             const struct cri_item_list *items);

/* Take what a chunk counted (rows read, the latest term...), on the
 * calling thread, for every chunk in file order. */
typedef void (*cri_merge_fn)(struct cr_run *run, const struct cri_worker *w);

struct cri_table_ops {
    enum cri_table table;
    size_t item_size;
    cri_decode_fn decode;
    cri_merge_fn merge; /* NULL: nothing counted */
    cri_apply_fn apply; /* NULL: decode did all the work */
    int parallel;       /* 0: decode changes the run, so one thread */
    /* Instead of apply, when the result cannot depend on the order the
     * items are applied in: decode pushes with cri_worker_push_for, and the
     * shards are applied in parallel. */
    cri_apply_shard_fn apply_shard;
};

/* Read path.  Returns CR_OK when the file was read through (even if rows had
 * data errors: those are in run->diag), CR_EIO when it could not be read,
 * CR_ENOMEM.  header_out, when not NULL, receives the resolved header. */
enum cr_status cri_table_read(struct cr_run *run, const char *path, uint32_t file_order,
                              const struct cri_table_ops *ops, struct cri_header *header_out);

/* Free the item lists reads keep for the next read (once no more files are
 * to be read). */
void cri_table_free_spares(struct cr_run *run);

/* Room for one more item of `size` bytes in a list, or NULL (out of
 * memory). */
void *cri_item_list_grow(struct cri_item_list *l, size_t size);
static inline void *cri_item_list_push(struct cri_item_list *l, size_t size)
{
    if (l->n < l->cap)
        return l->p + size * l->n++;
    return cri_item_list_grow(l, size);
}

/* Room for one more item in the worker's list, or NULL (out of memory). */
void *cri_worker_push_grow(struct cri_worker *w);
static inline void *cri_worker_push(struct cri_worker *w)
{
    if (w->n_items < w->items_cap)
        return w->items + w->item_size * w->n_items++;
    return cri_worker_push_grow(w);
}

/* The same for an item of one student: in a table applied by shards, the
 * list of the student's shard (runs of 64 students, so two shards seldom
 * write one cache line). */
static inline void *cri_worker_push_for(struct cri_worker *w, uint32_t student)
{
    if (!w->shards)
        return cri_worker_push(w);
    return cri_item_list_push(&w->shards[(student >> 6) % w->n_shards], w->item_size);
}

/* Report a bad field to the row's worker.  Returns CR_OK, so decoders can
 * `return cri_field_error(...)` and go on with the next row. */
enum cr_status cri_field_error(const struct cri_table_row *row, const struct cri_field *f,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
