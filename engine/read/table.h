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

#include "config/config.h"
#include "core/bytes.h"
#include "core/diag.h"
#include "core/sha256.h"
#include "read/header.h"
#include "read/source.h"

/* A growing list of fixed-size items. */
struct cri_item_list {
    unsigned char *p;
    size_t n, cap;
};

/* What the reader needs from whoever reads a table through it, kept from
 * file to file: it knows no run, only these. */
struct cri_reader {
    const struct cri_config *cfg; /* columns, value maps, keep filters */
    struct cri_diag *diag;        /* errors, merged in file order */
    int threads;                  /* workers for a parallel table (at least 1) */
    /* Told after each block with the bytes it held; NULL: nobody asks. */
    void (*progress)(void *ctx, unsigned long long bytes);
    void *progress_ctx;
    /* The item lists of the files read so far, kept for the next one:
     * growing a file's lists again to a block's rows took a page fault per
     * 4 KiB, for each grade file (a semester each).  Their cap is in
     * bytes.  cri_reader_free_spares() gives them back. */
    struct cri_item_list *spare_lists;
    size_t n_spare_lists, spare_lists_cap;
    /* The SHA-256 of the file being read (SPEC "Audit trail"): fed every
     * byte of the file once, in order, before any of it is decoded (the
     * tokenizer unescapes quoted fields in place).  NULL: not hashed.  The
     * reader counts the bytes fed in hashed (the file's size at its end). */
    struct cri_sha256 *hash;
    uint64_t hashed;
    uint64_t rows; /* data rows of the file read last (keep filters' drops too) */
};

/* A worker's private state while decoding one chunk. */
struct cri_worker {
    struct cri_diag diag; /* lines relative to the chunk start */
    unsigned char *items;
    size_t n_items, items_cap, item_size;
    /* Tables applied by shards (cri_table_ops.apply_shard) keep their items
     * here instead: a list per shard of students (n_shards lists), so each
     * shard's apply reads its own items only. */
    struct cri_item_list *shards;
    size_t n_shards;
    /* Records read (with the expected field count) and dropped by a keep
     * filter, in this chunk. */
    uint64_t rows_read, rows_skipped;
    /* The table's own per-worker state (cri_table_ops.slot_size bytes,
     * zeroed at the start of a file; NULL when the size is 0). */
    void *slot;
    enum cr_status status;
    /* Where the chunk is, for errors found while applying its items. */
    const char *path;
    uint32_t file_order;
    unsigned long first_line;
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

/* The callbacks get the ctx given to cri_table_read (as zsv's row
 * handler gets its ctx): the reader never looks into it.
 *
 * Decode one record.  Runs on a worker thread when the table is parallel:
 * it may read ctx but not change it; it reports through cri_field_error()
 * and emits items with cri_worker_push().  Return CR_OK to go on, an error
 * status (ENOMEM) to stop. */
typedef enum cr_status (*cri_decode_fn)(void *ctx, const struct cri_table_row *row);

/* Apply a chunk's items, on the calling thread, in file order. */
typedef enum cr_status (*cri_apply_fn)(void *ctx, struct cri_worker *w);

/* Apply one shard's items of a chunk (see cri_worker_push_for), on any
 * thread: shards are disjoint sets of students, so they run at once. */
typedef enum cr_status (*cri_apply_shard_fn)(void *ctx, const struct cri_item_list *items);

/* Take what a chunk counted (rows read, the latest term...), on the
 * calling thread, for every chunk in file order. */
typedef void (*cri_merge_fn)(void *ctx, const struct cri_worker *w);

/* Forget what a worker's slot knows of one chunk (before the next chunk,
 * and before the slot is freed: it frees what the slot owns). */
typedef void (*cri_slot_clear_fn)(void *slot);

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
    size_t slot_size;             /* per-worker state of the table (struct cri_worker.slot) */
    cri_slot_clear_fn slot_clear; /* NULL: nothing to forget */
};

/* Read the input (a file, or bytes in memory) through ops, passing ctx to
 * its callbacks.  Returns CR_OK when the file was read through (even if
 * rows had data errors: those are in rd->diag), CR_EIO when it could not
 * be read, CR_ENOMEM.  header_out, when not NULL, receives the resolved
 * header. */
enum cr_status cri_table_read(struct cri_reader *rd, const struct cri_input *in,
                              uint32_t file_order, const struct cri_table_ops *ops, void *ctx,
                              struct cri_header *header_out);

/* A reader for a read beside the run's (explain's, what-if's): the same
 * config, diag and threads, but no progress to report, no digest to feed
 * and spare lists of its own (free them with cri_reader_free_spares). */
static inline struct cri_reader cri_reader_aside(const struct cri_reader *rd)
{
    struct cri_reader r = *rd;
    r.progress = NULL;
    r.hash = NULL;
    r.spare_lists = NULL;
    r.n_spare_lists = r.spare_lists_cap = 0;
    return r;
}

/* Free the item lists reads keep for the next read (once no more files are
 * to be read). */
void cri_reader_free_spares(struct cri_reader *rd);

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
