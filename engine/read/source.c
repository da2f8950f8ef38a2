/* source.c -- input files mapped a window at a time, or read (pipes). */
#include "read/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int cri_source_open(struct cri_source *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        return -1;
    struct stat st;
    if (fstat(s->fd, &st) != 0) {
        int e = errno;
        close(s->fd);
        errno = e;
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        close(s->fd);
        errno = EISDIR;
        return -1;
    }
    s->mapped = S_ISREG(st.st_mode);
    s->size = (uint64_t)st.st_size;
    return 0;
}

int cri_source_open_mem(struct cri_source *s, const char *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem = data;
    s->mem_len = len;
    s->buf_eof = len == 0; /* data may then be NULL */
    return 0;
}

int cri_source_open_input(struct cri_source *s, const struct cri_input *in)
{
    return in->data ? cri_source_open_mem(s, in->data, in->len)
                    : cri_source_open(s, cri_input_path(in));
}

static char *view_mapped(struct cri_source *s, uint64_t pos, size_t *len, int *eof)
{
    static char nothing[1];
    if (pos >= s->size) {
        *len = 0;
        *eof = 1;
        return nothing;
    }
    if (*len >= s->size - pos) {
        *len = (size_t)(s->size - pos);
        *eof = 1;
    } else {
        *eof = 0;
    }
    if (s->base && pos >= s->base_off && pos + *len <= s->base_off + s->base_len)
        return s->base + (pos - s->base_off);
    if (s->base)
        munmap(s->base, s->base_len);
    s->base = NULL;
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    uint64_t off = pos / page * page;
    size_t map_len = (size_t)(pos + *len - off);
    void *p = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE, s->fd, (off_t)off);
    if (p == MAP_FAILED)
        return NULL;
    /* Have the kernel read ahead when the file is not in the page cache. */
    madvise(p, map_len, MADV_WILLNEED);
    s->base = p;
    s->base_len = map_len;
    s->base_off = off;
    return s->base + (pos - off);
}

static char *view_read(struct cri_source *s, uint64_t pos, size_t *len, int *eof)
{
    /* Drop what lies before pos, then read until len bytes are held. */
    size_t drop = (size_t)(pos - s->base_off);
    if (drop > s->base_len && s->mem) {
        /* Past what the last view gave: bytes in memory can be had from
         * anywhere (the roster's names are read back record by record). */
        s->base_len = 0;
        s->base_off = pos;
        s->mem_pos = pos < s->mem_len ? (size_t)pos : s->mem_len;
        s->buf_eof = s->mem_pos == s->mem_len;
        drop = 0;
    } else if (drop > s->base_len) { /* a pipe cannot skip: a misuse */
        errno = EINVAL;
        return NULL;
    }
    if (drop) {
        memmove(s->base, s->base + drop, s->base_len - drop);
        s->base_len -= drop;
    }
    s->base_off += drop;
    if (*len > s->buf_cap) {
        char *grown = realloc(s->base, *len);
        if (!grown)
            return NULL;
        s->base = grown;
        s->buf_cap = *len;
    }
    while (s->base_len < *len && !s->buf_eof) {
        if (s->mem) { /* bytes in memory: a read that always gives all */
            size_t n = s->mem_len - s->mem_pos;
            if (n > *len - s->base_len)
                n = *len - s->base_len;
            memcpy(s->base + s->base_len, s->mem + s->mem_pos, n);
            s->mem_pos += n;
            s->base_len += n;
            s->buf_eof = s->mem_pos == s->mem_len;
            continue;
        }
        ssize_t r = read(s->fd, s->base + s->base_len, *len - s->base_len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return NULL;
        s->buf_eof = r == 0;
        s->base_len += (size_t)r;
    }
    *eof = s->buf_eof && s->base_len <= *len;
    if (s->base_len < *len)
        *len = s->base_len;
    return s->base;
}

char *cri_source_view(struct cri_source *s, uint64_t pos, size_t *len, int *eof)
{
    return s->mapped ? view_mapped(s, pos, len, eof) : view_read(s, pos, len, eof);
}

void cri_source_restore(struct cri_source *s, char *p, size_t n)
{
    /* Dropping the private copies of a file mapping's pages makes the next
     * access read them from the file again.  Whole pages: the bytes around
     * p[0..n) in them were not written, or belong to records already read. */
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = (uintptr_t)p / page * page, to = (uintptr_t)(p + n);
    if (s->mapped && n)
        madvise((void *)from, to - from, MADV_DONTNEED);
}

void cri_source_close(struct cri_source *s)
{
    if (s->mapped && s->base)
        munmap(s->base, s->base_len);
    else if (!s->mapped)
        free(s->base);
    if (s->fd >= 0)
        close(s->fd);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}
