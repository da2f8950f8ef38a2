/* mapfile.c -- mmap a file privately, or read it when it cannot be mapped. */
#include "read/mapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static enum cri_map_result read_all(struct cri_mapfile *m, int fd, const char **why)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return CRI_MAP_ENOMEM;
    for (;;) {
        if (len == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                return CRI_MAP_ENOMEM;
            }
            buf = b;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *why = strerror(errno);
            free(buf);
            return CRI_MAP_EIO;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    m->data = buf;
    m->len = len;
    m->mapped = 0;
    return CRI_MAP_OK;
}

enum cri_map_result cri_mapfile_open(struct cri_mapfile *m, const char *path, const char **why)
{
    memset(m, 0, sizeof *m);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return errno == ENOENT ? CRI_MAP_ENOENT : CRI_MAP_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        close(fd);
        return CRI_MAP_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        *why = "is a directory";
        close(fd);
        return CRI_MAP_EISDIR;
    }
    enum cri_map_result r = CRI_MAP_OK;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            m->data = p;
            m->len = (size_t)st.st_size;
            m->mapped = 1;
            madvise(p, m->len, MADV_SEQUENTIAL);
        } else {
            r = read_all(m, fd, why);
        }
    } else {
        r = read_all(m, fd, why); /* pipes, empty files */
    }
    close(fd);
    return r;
}

void cri_mapfile_close(struct cri_mapfile *m)
{
    if (m->data) {
        if (m->mapped)
            munmap(m->data, m->len);
        else
            free(m->data);
    }
    memset(m, 0, sizeof *m);
}
