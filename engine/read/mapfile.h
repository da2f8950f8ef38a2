/* mapfile.h -- a whole input file as one writable buffer.
 *
 * Files are mapped privately (copy on write), so the CSV reader may unescape
 * quoted fields in place without touching the file on disk. */
#ifndef CRI_MAPFILE_H
#define CRI_MAPFILE_H

#include <stddef.h>

struct cri_mapfile {
    char *data;
    size_t len;
    int mapped; /* 1: munmap, 0: free */
};

enum cri_map_result { CRI_MAP_OK = 0, CRI_MAP_ENOENT, CRI_MAP_EISDIR, CRI_MAP_EIO, CRI_MAP_ENOMEM };

/* Map path.  On failure *why holds a strerror-style reason. */
enum cri_map_result cri_mapfile_open(struct cri_mapfile *m, const char *path, const char **why);

void cri_mapfile_close(struct cri_mapfile *m);

#endif
