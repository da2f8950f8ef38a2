/* table.c -- the streaming, threaded record loop shared by every input table. */
#include "read/table.h"

#include "core/parallel.h"

#include "core/bytes.h"
#include "read/source.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK_BYTES (16u * 1024u * 1024u)

/* Test builds can shrink blocks so small fixtures cross block boundaries. */
static size_t block_bytes(void)
{
#ifdef CLASSRANK_TEST_HOOKS
    const char *s = getenv("CLASSRANK_TEST_BLOCK_BYTES");
    if (s && atol(s) >= 64)
        return (size_t)atol(s);
#endif
    return BLOCK_BYTES;
}

enum cr_status cri_field_error(const struct cri_table_row *row, const struct cri_field *f,
                               const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cri_diag_add(&row->worker->diag, CR_EDATA, row->path, row->file_order, f->line, f->column, "%s",
                 msg);
    return CR_OK;
}

void *cri_item_list_grow(struct cri_item_list *l, size_t size)
{
    unsigned char *grown = cri_grow(l->p, &l->cap, l->n + 1, size, 4096);
    if (!grown)
        return NULL;
    l->p = grown;
    return l->p + size * l->n++;
}

void *cri_worker_push_grow(struct cri_worker *w)
{
    unsigned char *grown = cri_grow(w->items, &w->items_cap, w->n_items + 1, w->item_size, 4096);
    if (!grown)
        return NULL;
    w->items = grown;
    return w->items + w->item_size * w->n_items++;
}

/* One file being read: what every block of it shares. */
struct file_read {
    struct cri_reader *rd;
    const struct cri_table_ops *ops;
    void *ctx;
    const struct cri_header *h;
    const char *path;
    uint32_t file_order;
    struct cri_source *src;
    struct chunk *chunks; /* n_chunks of them */
    int threads;
    int n_chunks;       /* threads, or more when a digest shares the workers' cores */
    unsigned long line; /* the line the next block starts on */
};

/* One chunk of a block and what decoding it produced.  Each chunk starts on
 * its own cache line: a worker updates its counters on every row, and a
 * line shared with the next chunk would bounce between the cores. */
struct chunk {
    alignas(64) char align_to_cache_line;
    const struct file_read *file;
    char *p;
    size_t n;
    uint64_t offset;        /* file offset of p[0] */
    unsigned long newlines; /* line breaks in the chunk */
    int quotes_seen;        /* the tokenizer met a quote */
    int guessed;            /* the block is guessed to have none: stop at one */
    struct cri_worker w;
};

#if defined(__linux__) && !defined(MADV_POPULATE_READ)
#define MADV_POPULATE_READ 22 /* Linux 5.14; older C library headers lack the name */
#endif

/* Map the chunk's pages of the file in one call before tokenizing it: the
 * first touch of each 64 KiB of a mapped file is otherwise a page fault,
 * about 23,000 of them in a 1.3 GB district, each dearer than the mapping.
 * Each worker does its own chunk, so it costs no serial time.  Advice only:
 * an older kernel refuses it and the faults come as before. */

static void prefault(const char *p, size_t n)
{
#ifdef MADV_POPULATE_READ
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = (uintptr_t)p & ~(page - 1);
    uintptr_t to = ((uintptr_t)p + n) & ~(page - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_POPULATE_READ);
#else
    (void)p;
    (void)n;
#endif
}

static void *decode_chunk(void *arg)
{
    struct chunk *ch = arg;
    const struct file_read *f = ch->file;
    struct cri_worker *w = &ch->w;
    struct cri_csv c;
    prefault(ch->p, ch->n);
    cri_csv_init_at(&c, ch->p, ch->n, 1);
    c.stop_at_quote = ch->guessed;
    const struct cri_field *view[CRI_COL_COUNT] = {0};
    struct cri_field mapped[CRI_COL_COUNT];
    const struct cri_field *viewed = NULL; /* the c.fields that view points into */
    char term_buf[8];
    struct cri_table_row row = {
        f->path, f->file_order, ch->offset, &c, f->h, w, view, ch->n >= 16 ? ch->n - 15 : 0};
    const struct cri_header *h = f->h;
    int r;
    while (w->status == CR_OK && !cri_diag_full(&w->diag) && (r = cri_csv_next(&c)) != 0) {
        if (r == -2) {
            w->status = CR_ENOMEM;
            break;
        }
        if (r == -1) {
            cri_diag_add(&w->diag, CR_ECSV, f->path, f->file_order, c.err_line, c.err_column, "%s",
                         c.err_message);
            continue;
        }
        if (c.n_fields != h->n_fields) {
            const struct cri_field *last = &c.fields[c.n_fields - 1];
            cri_diag_add(
                &w->diag, CR_ECSV, f->path, f->file_order, c.record_line,
                c.n_fields > h->n_fields ? c.fields[h->n_fields].column : last->column + last->n,
                "expected %zu fields as in the header, found %zu", h->n_fields, c.n_fields);
            continue;
        }
        /* Without value maps a view only points into c.fields: it holds
         * for every record until the field array moves. */
        int v = 1;
        if (h->mapped || c.fields != viewed) {
            v = cri_header_view(h, &c, f->rd->cfg, view, mapped, term_buf, &w->diag, f->path,
                                f->file_order);
            viewed = h->mapped ? NULL : c.fields;
        }
        w->rows_read++;
        if (v == 2) { /* dropped by a keep filter: read, and counted */
            w->rows_skipped++;
            continue;
        }
        if (v == 1)
            w->status = f->ops->decode(f->ctx, &row);
    }
    ch->newlines = c.line - 1;
    ch->quotes_seen = c.quotes_seen;
    cri_csv_free(&c);
    return NULL;
}

/* A list an earlier read kept (its cap counted in bytes), as a list of
 * items of `size` bytes; an empty list when there is none. */
static void take_spare(struct cri_reader *rd, unsigned char **p, size_t *cap, size_t size)
{
    if (!rd->n_spare_lists)
        return;
    struct cri_item_list *spare = &rd->spare_lists[--rd->n_spare_lists];
    *p = spare->p;
    *cap = spare->cap / size;
}

static void give_spare(struct cri_reader *rd, unsigned char *p, size_t cap, size_t size)
{
    if (!p)
        return;
    struct cri_item_list *spares =
        cri_grow(rd->spare_lists, &rd->spare_lists_cap, rd->n_spare_lists + 1, sizeof *spares, 16);
    if (!spares) {
        free(p);
        return;
    }
    rd->spare_lists = spares;
    spares[rd->n_spare_lists++] = (struct cri_item_list){p, 0, cap * size};
}

void cri_reader_free_spares(struct cri_reader *rd)
{
    for (size_t i = 0; i < rd->n_spare_lists; i++)
        free(rd->spare_lists[i].p);
    free(rd->spare_lists);
    rd->spare_lists = NULL;
    rd->n_spare_lists = rd->spare_lists_cap = 0;
}

static enum cr_status worker_reset(struct cri_reader *rd, struct cri_worker *w,
                                   const struct cri_table_ops *ops, size_t n_shards)
{
    w->diag.max = rd->diag->max;
    w->item_size = ops->item_size;
    w->n_shards = n_shards;
    if (n_shards && !(w->shards = calloc(n_shards, sizeof *w->shards)))
        return CR_ENOMEM;
    /* A slot is written on every row: on its own cache lines, as the
     * chunks are, or two workers' slots would share one. */
    size_t slot_bytes = (ops->slot_size + 63) / 64 * 64;
    if (slot_bytes && !(w->slot = aligned_alloc(64, slot_bytes)))
        return CR_ENOMEM;
    if (slot_bytes)
        memset(w->slot, 0, slot_bytes);
    for (size_t i = 0; i < n_shards; i++)
        take_spare(rd, &w->shards[i].p, &w->shards[i].cap, ops->item_size);
    if (!n_shards)
        take_spare(rd, &w->items, &w->items_cap, ops->item_size);
    return CR_OK;
}

static void worker_clear(struct cri_worker *w, const struct cri_table_ops *ops)
{
    size_t max = w->diag.max; /* cri_diag_free forgets it */
    cri_diag_free(&w->diag);
    w->diag.max = max;
    w->n_items = 0;
    for (size_t i = 0; w->shards && i < w->n_shards; i++)
        w->shards[i].n = 0;
    w->rows_read = w->rows_skipped = 0;
    w->status = CR_OK;
    if (w->slot && ops->slot_clear)
        ops->slot_clear(w->slot);
}

/* The worker's lists go to the reader's spares, for the next file. */
static void worker_free(struct cri_reader *rd, struct cri_worker *w,
                        const struct cri_table_ops *ops)
{
    worker_clear(w, ops);
    free(w->slot);
    w->slot = NULL;
    give_spare(rd, w->items, w->items_cap, w->item_size);
    w->items = NULL;
    w->items_cap = 0;
    for (size_t i = 0; w->shards && i < w->n_shards; i++)
        give_spare(rd, w->shards[i].p, w->shards[i].cap, w->item_size);
    free(w->shards);
    w->shards = NULL;
}

/* Fold a chunk into the reader's errors (lines made absolute) and, through
 * ops, its counters and (when apply is set) its items. */
static enum cr_status merge_chunk(struct chunk *ch, unsigned long first_line, int apply)
{
    struct cri_worker *w = &ch->w;
    const struct file_read *f = ch->file;
    struct cri_reader *rd = f->rd;
    w->path = f->path;
    w->file_order = f->file_order;
    w->first_line = first_line;
    for (size_t i = 0; i < w->diag.count; i++) {
        const struct cr_error *e = &w->diag.errors[i];
        cri_diag_add(rd->diag, e->status, e->file, f->file_order, e->line + first_line - 1,
                     e->column, "%s", e->message);
    }
    if (w->diag.status != CR_OK && rd->diag->status == CR_OK)
        rd->diag->status = w->diag.status;
    rd->rows += w->rows_read;
    if (f->ops->merge)
        f->ops->merge(f->ctx, w);
    if (w->status != CR_OK)
        return w->status;
    return apply && f->ops->apply && w->n_items ? f->ops->apply(f->ctx, w) : CR_OK;
}

struct shard_job {
    struct chunk *chunks;
    int k;
};

static enum cr_status apply_shard_task(void *ctx, size_t shard)
{
    struct shard_job *job = ctx;
    enum cr_status st = CR_OK;
    for (int i = 0; i < job->k && st == CR_OK; i++)
        if (job->chunks[i].w.shards[shard].n)
            st = job->chunks[i].file->ops->apply_shard(job->chunks[i].file->ctx,
                                                       &job->chunks[i].w.shards[shard]);
    return st;
}

/* Offset just past the last record end in buf[0..len), or 0 when none.
 * Outside quotes a line break ends a record; a doubled quote toggles twice. */
static size_t last_record_end(const char *buf, size_t len, int has_quotes)
{
    if (!has_quotes) {
        const char *nl = memrchr(buf, '\n', len);
        return nl ? (size_t)(nl - buf) + 1 : 0;
    }
    size_t end = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (buf[i] == '\n' && !quoted)
            end = i + 1;
    }
    return end;
}

/* Where chunk i (1..k-1) of buf[0..n) starts: just past the first record
 * end at or after i/k of the block.  Outside quotes a line feed ends a
 * record; the quote parity is followed from the block start (a record
 * start), hopping from quote to quote (has_quotes 0: the block has none).
 * Returns how many chunks it found. */
static int split_block(const char *buf, size_t n, int has_quotes, int k, size_t *starts)
{
    int found = 1;
    size_t pos = 0, target = n / (size_t)k;
    int quoted = 0;
    while (found < k && pos < n) {
        const char *q = has_quotes ? memchr(buf + pos, '"', n - pos) : NULL;
        size_t seg_end = q ? (size_t)(q - buf) : n;
        while (!quoted && found < k) {
            size_t from = target > pos ? target : pos;
            if (from >= seg_end)
                break;
            const char *nl = memchr(buf + from, '\n', seg_end - from);
            if (!nl)
                break;
            starts[found++] = (size_t)(nl - buf) + 1;
            target = n / (size_t)k * (size_t)found;
        }
        if (!q)
            break;
        quoted = !quoted;
        pos = seg_end + 1;
    }
    return found;
}

/* ------------------------------------------------------------ digests */

/* The SHA-256 of a file is one chain through its bytes in order; each
 * window's new bytes are fed to it before their block is decoded (decoding
 * unescapes quoted fields in place).  A block without quotes is never
 * written -- one only guessed to have none stops at its first quote
 * (cri_csv.stop_at_quote) and is decoded again, knowing -- so its bytes are
 * hashed as one more task beside the block's chunks (run_block): the chain
 * takes a core while the others decode, and the chunks, several per
 * thread then, are pulled by whichever thread is free, so the thread that
 * hashed decodes fewer of them.  A block known to hold quotes is hashed
 * before it is decoded. */
struct hashing {
    struct cri_sha256 *hash;
    const char *p; /* the window's bytes not yet hashed */
    size_t n;
};

/* OPTIMIZATION: chunks per thread while a digest runs beside them, so the
 * thread that hashed is not the last to finish; its twin is the digest on
 * a thread of its own beside one chunk a thread (docs/DESIGN.md "Speed
 * tricks": 7%). */
#define CHUNKS_PER_THREAD_HASHED 8

/* The window's bytes the digest has not had: the caller hashes them now
 * (has_quotes) or has run_block hash them beside the decoding.  Returns
 * whether any are left for run_block. */
static int hash_begin(struct cri_reader *rd, struct hashing *hs, const char *buf, uint64_t pos,
                      size_t len, int has_quotes)
{
    /* Views only move forward, and one may start before the last ended. */
    uint64_t from = rd->hashed > pos ? rd->hashed : pos;
    hs->hash = rd->hash;
    hs->p = buf + (from - pos);
    hs->n = pos + len > from ? (size_t)(pos + len - from) : 0;
    rd->hashed = from + hs->n;
    if (has_quotes || !hs->n) {
        cri_sha256_update(hs->hash, hs->p, hs->n);
        return 0;
    }
    return 1;
}

static void start_chunk(struct chunk *ch, const struct file_read *f, char *p, size_t n,
                        uint64_t offset)
{
    ch->offset = offset;
    ch->file = f;
    ch->p = p;
    ch->n = n;
    ch->newlines = 0;
}

/* The tasks of one block: the digest of its bytes (when hs is set, task
 * 0) and its chunks, each taken by the first thread free. */
struct block_job {
    struct chunk *chunks;
    int k;
    const struct hashing *hs;
    atomic_int next;
};

static void *block_worker(void *arg)
{
    struct block_job *job = arg;
    int first_chunk = job->hs ? 1 : 0;
    for (;;) {
        int i = atomic_fetch_add(&job->next, 1);
        if (i >= first_chunk + job->k)
            return NULL;
        if (i < first_chunk)
            cri_sha256_update(job->hs->hash, job->hs->p, job->hs->n);
        else
            decode_chunk(&job->chunks[i - first_chunk]);
    }
}

/* Decode buf[0..n) (whole records, from file offset `offset`) on up to
 * f->threads workers and merge; hs, when not NULL, is the digest of bytes
 * that are not written (a block without quotes), fed meanwhile.  With
 * guessed set, has_quotes (0) is a guess: when a worker meets a quote, or
 * any error (which may hide one), nothing is merged and *redo is set, for
 * the caller to find out and call again. */
static enum cr_status run_block(struct file_read *f, char *buf, size_t n, uint64_t offset,
                                int has_quotes, int guessed, const struct hashing *hs, int *redo)
{
    struct chunk *chunks = f->chunks;
    const struct cri_table_ops *ops = f->ops;
    /* Small blocks are not worth a thread, except in tests that shrink the
     * block size precisely to exercise the splitting. */
    size_t worth = block_bytes() < BLOCK_BYTES ? 0 : 65536;
    size_t starts[CRI_MAX_THREADS * CHUNKS_PER_THREAD_HASHED + 1] = {0};
    int k = 1;
    if (ops->parallel && f->threads > 1 && n > worth)
        k = split_block(buf, n, has_quotes, hs ? f->n_chunks : f->threads, starts);
    starts[k] = n;
    /* Decoding unescapes quoted fields in place: keep the block as read, in
     * case it has to be decoded again (below), unless the file can give the
     * bytes back. */
    char *pristine = NULL;
    if (k > 1 && has_quotes && !f->src->mapped) {
        pristine = malloc(n);
        if (!pristine)
            k = 1;
        else
            memcpy(pristine, buf, n);
    }
    for (int i = 0; i < k; i++) {
        start_chunk(&chunks[i], f, buf + starts[i], starts[i + 1] - starts[i], offset + starts[i]);
        chunks[i].guessed = guessed;
    }
    /* One thread a worker; a lone worker still has the digest fed beside
     * it, on a thread of its own. */
    struct block_job job = {chunks, k, hs, 0};
    int tasks = k + (hs != NULL), n_threads = f->threads > 1 ? f->threads : 1 + (hs != NULL);
    if (n_threads > tasks)
        n_threads = tasks;
    pthread_t tid[CRI_MAX_THREADS];
    int started = 0;
    for (; started < n_threads - 1; started++)
        if (pthread_create(&tid[started], NULL, block_worker, &job) != 0)
            break; /* fewer threads: the tasks still all run */
    block_worker(&job);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    int troubled = 0;
    int quotes_seen = 0;
    for (int i = 0; i < k; i++) {
        troubled |= chunks[i].w.diag.count != 0 || chunks[i].w.status != CR_OK;
        quotes_seen |= chunks[i].quotes_seen;
    }
    *redo = guessed && (troubled || quotes_seen);
    if (*redo) {
        for (int i = 0; i < k; i++)
            worker_clear(&chunks[i].w, ops);
        return CR_OK;
    }
    /* The split followed the quotes as a well-formed file has them.  A block
     * with any error may be malformed there, and a chunk may then have
     * started inside a field: decode it again whole, on one thread, so the
     * errors are those of a plain read, whatever the thread count. */
    if (k > 1 && has_quotes && troubled) {
        for (int i = 0; i < k; i++)
            worker_clear(&chunks[i].w, ops);
        if (pristine)
            memcpy(buf, pristine, n);
        else
            cri_source_restore(f->src, buf, n);
        k = 1;
        start_chunk(&chunks[0], f, buf, n, offset);
        chunks[0].guessed = 0;
        decode_chunk(&chunks[0]);
    }
    free(pristine);
    /* Items are applied in file order, or by shards at once when the table
     * allows it (the result is then the same in any order). */
    int sharded = ops->apply_shard != NULL;
    enum cr_status st = CR_OK;
    for (int i = 0; i < k; i++) {
        if (st == CR_OK)
            st = merge_chunk(&chunks[i], f->line, !sharded);
        f->line += chunks[i].newlines;
    }
    if (st == CR_OK && sharded) {
        struct shard_job job = {chunks, k};
        st = cri_parallel(chunks[0].w.n_shards, f->threads, apply_shard_task, &job);
    }
    for (int i = 0; i < k; i++)
        worker_clear(&chunks[i].w, ops);
    return st;
}

static enum cr_status read_source(struct cri_reader *rd, struct cri_source *srcp, const char *path,
                                  uint32_t file_order, const struct cri_table_ops *ops, void *ctx,
                                  struct cri_header *header_out);

enum cr_status cri_table_read(struct cri_reader *rd, const struct cri_input *in,
                              uint32_t file_order, const struct cri_table_ops *ops, void *ctx,
                              struct cri_header *header_out)
{
    struct cri_source src;
    if (cri_source_open_input(&src, in) != 0)
        return cri_diag_add(rd->diag, CR_EIO, in->name, file_order, 0, 0, "cannot read: %s",
                            errno == EISDIR ? "is a directory" : strerror(errno));
    return read_source(rd, &src, in->name, file_order, ops, ctx, header_out);
}

/* Read the table from src, which it closes. */
static enum cr_status read_source(struct cri_reader *rd, struct cri_source *srcp, const char *path,
                                  uint32_t file_order, const struct cri_table_ops *ops, void *ctx,
                                  struct cri_header *header_out)
{
    struct cri_diag *d = rd->diag;
    struct cri_source src = *srcp;
    int threads = ops->parallel && rd->threads > 1 ? rd->threads : 1;
    int n_chunks = threads > 1 && rd->hash ? threads * CHUNKS_PER_THREAD_HASHED : threads;
    size_t block = block_bytes();
    /* sizeof(struct chunk) is a multiple of its 64-byte alignment. */
    struct chunk *chunks = aligned_alloc(64, (size_t)n_chunks * sizeof *chunks);
    if (!chunks) {
        cri_source_close(&src);
        return CR_ENOMEM;
    }
    memset(chunks, 0, (size_t)n_chunks * sizeof *chunks);
    enum cr_status status = CR_OK;
    for (int i = 0; i < n_chunks && status == CR_OK; i++)
        status = worker_reset(rd, &chunks[i].w, ops, ops->apply_shard ? (size_t)threads : 0);
    struct cri_header h;
    struct file_read f = {rd, ops, ctx, &h, path, file_order, &src, chunks, threads, n_chunks, 1};
    uint64_t pos = 0; /* file offset of the block */
    rd->hashed = 0;
    rd->rows = 0;
    int header_done = 0;
    int quoted_before = 1; /* the first block is looked at */
    while (status == CR_OK && !cri_diag_full(d)) {
        size_t len = block;
        int eof;
        char *buf = cri_source_view(&src, pos, &len, &eof);
        if (!buf) {
            status =
                cri_diag_add(d, CR_EIO, path, file_order, 0, 0, "cannot read: %s", strerror(errno));
            break;
        }
        /* A block must hold at least one whole record.  A record longer than
         * a block only happens with the tiny blocks of tests (real blocks are
         * 16 times the record cap): grow the block then. */
        if (!eof && block <= 2 * CRI_CSV_MAX_RECORD_BYTES &&
            !last_record_end(buf, len, memchr(buf, '"', len) != NULL)) {
            block *= 2;
            continue;
        }
        size_t start = 0;
        if (!header_done) {
            struct cri_csv c;
            cri_csv_init(&c, buf, len, 1);
            int r = cri_csv_next(&c);
            if (r == 0)
                cri_diag_add(d, CR_ECSV, path, file_order, 1, 1,
                             len ? "no header row (the file has only blank lines)"
                                 : "the file is empty (expected a header row)");
            else if (r == -1)
                cri_diag_add(d, CR_ECSV, path, file_order, c.err_line, c.err_column, "%s",
                             c.err_message);
            else if (r == -2)
                status = CR_ENOMEM;
            if (r == 1 &&
                cri_header_resolve(&h, &c, rd->cfg, ops->table, d, path, file_order) == CR_OK)
                header_done = 1;
            start = c.pos; /* h keeps field indexes only: the bytes may go */
            f.line = c.line;
            cri_csv_free(&c);
            if (!header_done)
                break;
        }
        size_t avail = len - start;
        /* How a block is cut depends on whether it has quotes.  Finding out
         * reads the whole block on this thread before the workers start
         * (and takes its page faults), so the blocks of a mapped file are
         * guessed to be like the last one, and the workers tell. */
        /* OPTIMIZATION: the quote guess; its twin is the memchr below and
         * the redo (docs/DESIGN.md "Speed tricks": 8.5%). */
        int guessed = src.mapped && !quoted_before;
        int has_quotes = !guessed && memchr(buf + start, '"', avail) != NULL;
        size_t end = eof ? avail : last_record_end(buf + start, avail, has_quotes);
        if (!end && !eof) {
            if (block > 2 * CRI_CSV_MAX_RECORD_BYTES) {
                status = cri_diag_add(d, CR_ECSV, path, file_order, f.line, 1,
                                      "record longer than 1 MiB");
                break;
            }
            /* Only with test-sized blocks: read on into a bigger block. */
            pos += start;
            block *= 2;
            continue;
        }
        int redo;
        struct hashing hs = {0};
        int hash_beside = rd->hash && hash_begin(rd, &hs, buf, pos, len, has_quotes);
        status = run_block(&f, buf + start, end, pos + start, has_quotes, guessed,
                           hash_beside ? &hs : NULL, &redo);
        if (status == CR_OK && redo) {
            /* A wrong guess (or errors): look at the block first this time.
             * It is as the file has it: a guessed block stops at its first
             * quoted field (cri_csv.stop_at_quote), before writing. */
            has_quotes = memchr(buf + start, '"', avail) != NULL;
            size_t known_end = eof ? avail : last_record_end(buf + start, avail, has_quotes);
            if (!known_end) { /* only with test-sized blocks: as above */
                quoted_before = 1;
                pos += start;
                block *= 2;
                continue;
            }
            end = known_end;
            status = run_block(&f, buf + start, end, pos + start, has_quotes, 0, NULL, &redo);
        }
        quoted_before = has_quotes;
        if (rd->progress)
            rd->progress(rd->progress_ctx, start + end);
        if (eof && start + end == len)
            break;
        pos += start + end;
    }
    if (header_out && header_done)
        *header_out = h;
    for (int i = 0; i < n_chunks; i++)
        worker_free(rd, &chunks[i].w, ops);
    free(chunks);
    cri_source_close(&src);
    return status;
}
