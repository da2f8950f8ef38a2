/* source.h -- the bytes of one input file, a window at a time.
 *
 * A regular file is mapped (MAP_PRIVATE, writable: quoted fields are
 * unescaped in place, which copies only the pages written), one window at a
 * time, so the kernel copies nothing and memory stays at one window whatever
 * the file's size.  Anything else (a pipe) is read into a buffer that slides
 * along the same way.  Windows only move forward; a file or bytes in memory
 * may skip ahead, a pipe may not. */
#ifndef CRI_SOURCE_H
#define CRI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* One input as it was given: a file (data NULL), or bytes held in memory.
 * name is the file's path as given, or the name messages give the bytes.
 * A file is opened at open_path when it is set: the absolute path, taken
 * when the run opened, so that a file read again later (the roster's
 * names, explain's rows) is the same file after the caller's chdir. */
struct cri_input {
    const char *name;
    const char *data;
    size_t len;
    const char *open_path;
};

/* Where a file input is opened. */
static inline const char *cri_input_path(const struct cri_input *in)
{
    return in->open_path ? in->open_path : in->name;
}

struct cri_source {
    int fd;
    int mapped;        /* a regular file, read through mappings */
    uint64_t size;     /* of the regular file */
    char *base;        /* the current mapping, or the buffer */
    size_t base_len;   /* bytes mapped, or held in the buffer */
    uint64_t base_off; /* file offset of base[0] */
    size_t buf_cap;    /* the buffer's size (not mapped) */
    int buf_eof;       /* the pipe has ended (not mapped) */
    /* Bytes held in memory (fd -1): read into the buffer as a pipe's are,
     * a window at a time, so the caller's bytes are never written. */
    const char *mem;
    size_t mem_len, mem_pos;
};

/* Open path.  Returns 0, or -1 with errno set (EISDIR for a directory). */
int cri_source_open(struct cri_source *s, const char *path);

/* Bytes in memory, read as a pipe is (decoding writes into the window it
 * copies, never into data, which must stay until cri_source_close).
 * Returns 0. */
int cri_source_open_mem(struct cri_source *s, const char *data, size_t len);

/* Either of the above, as in says.  Returns 0, or -1 with errno set. */
int cri_source_open_input(struct cri_source *s, const struct cri_input *in);

/* The file's bytes [pos, pos + *len), writable.  *len is cut short at the
 * end of the file, which sets *eof.  pos must not be below the pos of an
 * earlier call.  Returns NULL with errno set when the bytes cannot be had. */
char *cri_source_view(struct cri_source *s, uint64_t pos, size_t *len, int *eof);

/* Mapped files only: undo the writes to p[0..n), a part of the last view,
 * so it holds the file's bytes again. */
void cri_source_restore(struct cri_source *s, char *p, size_t n);

void cri_source_close(struct cri_source *s);

#endif
