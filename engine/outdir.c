/* outdir.c -- write into a temporary directory, then swap it into place. */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_TAG ".classrank-tmp-"

int cri_outdir_owns(const char *name)
{
    static const char *const patterns[] = {"rank-s[0-9].csv", "excluded-s[0-9].csv",
                                           "honors-s[0-9].csv", "summary.json", "report"};
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
        if (fnmatch(patterns[i], name, 0) == 0)
            return 1;
    return 0;
}

/* Remove a directory we wrote: its files and the report/ subdirectory. */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *child = malloc(n);
            if (!child)
                continue;
            snprintf(child, n, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(child);
            else
                unlink(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(path);
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

/* Split target into its parent directory and last name. */
static void split(const char *target, char **parent, char **base)
{
    char *copy = strdup(target);
    *parent = *base = NULL;
    if (!copy)
        return;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    if (!slash) {
        *parent = strdup(".");
        *base = strdup(copy);
    } else {
        *base = strdup(slash + 1);
        if (slash == copy)
            slash[1] = '\0';
        else
            *slash = '\0';
        *parent = strdup(copy);
    }
    free(copy);
}

/* mkdir -p of the directory that will hold --out (errors show at mkdtemp). */
static void make_parents(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0777);
            *s = '/';
        }
    mkdir(p, 0777);
    free(p);
}

/* Temporary directories of earlier runs that were killed. */
static void remove_stale(const char *parent, const char *base)
{
    DIR *d = opendir(parent);
    if (!d)
        return;
    size_t blen = strlen(base), tlen = strlen(TEMP_TAG);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (n[0] == '.' && strncmp(n + 1, base, blen) == 0 &&
            strncmp(n + 1 + blen, TEMP_TAG, tlen) == 0) {
            char *p = join(parent, n);
            if (p)
                remove_tree(p);
            free(p);
        }
    }
    closedir(d);
}

enum cr_status cri_outdir_begin(struct cri_outdir *o, const char *target, struct cri_diag *diag)
{
    memset(o, 0, sizeof *o);
    char *parent, *base;
    split(target, &parent, &base);
    if (!parent || !base) {
        free(parent);
        free(base);
        return CR_ENOMEM;
    }
    enum cr_status st = CR_OK;
    struct stat sb;
    if (stat(target, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        st = cri_diag_add(diag, CR_EIO, target, 0, 0, 0, "--out exists and is not a directory");
        goto out;
    }
    make_parents(parent);
    remove_stale(parent, base);
    size_t n = strlen(parent) + strlen(base) + strlen(TEMP_TAG) + 16;
    o->temp = malloc(n);
    o->target = strdup(target);
    if (!o->temp || !o->target) {
        st = CR_ENOMEM;
        goto out;
    }
    snprintf(o->temp, n, "%s/.%s" TEMP_TAG "XXXXXX", parent, base);
    if (!mkdtemp(o->temp)) {
        st = cri_diag_add(diag, CR_EIO, target, 0, 0, 0,
                          "cannot create a temporary directory beside it: %s", strerror(errno));
        free(o->temp);
        o->temp = NULL;
    }
out:
    free(parent);
    free(base);
    return st;
}

FILE *cri_outdir_open(struct cri_outdir *o, const char *name, struct cri_diag *diag)
{
    char *path = join(o->temp, name);
    if (!path)
        return NULL;
    const char *slash = strchr(name, '/');
    if (slash) {
        char *dir = strndup(path, strlen(o->temp) + 1 + (size_t)(slash - name));
        if (dir)
            mkdir(dir, 0777);
        free(dir);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        cri_diag_add(diag, CR_EIO, path, 0, 0, 0, "cannot write: %s", strerror(errno));
    free(path);
    return f;
}

enum cr_status cri_outdir_close(struct cri_outdir *o, FILE *f, const char *name,
                                struct cri_diag *diag)
{
#ifdef CLASSRANK_TEST_HOOKS
    /* Test builds can slow the writer down so a test can kill a run in the
     * middle of writing its outputs. */
    const char *slow = getenv("CLASSRANK_TEST_SLOW_WRITE_MS");
    if (slow)
        usleep((useconds_t)atoi(slow) * 1000);
#endif
    int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int err = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (bad)
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot write %s: %s", name,
                            strerror(err));
    return CR_OK;
}

/* Does the existing target hold only files classrank writes? */
static int only_ours(const char *target, char *foreign, size_t cap)
{
    DIR *d = opendir(target);
    if (!d)
        return 1;
    struct dirent *e;
    int ok = 1;
    while (ok && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!cri_outdir_owns(e->d_name)) {
            snprintf(foreign, cap, "%s", e->d_name);
            ok = 0;
        }
    }
    closedir(d);
    return ok;
}

enum cr_status cri_outdir_commit(struct cri_outdir *o, struct cri_diag *diag)
{
    int fd = open(o->temp, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    if (rename(o->temp, o->target) == 0) {
        free(o->temp);
        o->temp = NULL; /* nothing left to clean */
        return CR_OK;
    }
    if (errno != EEXIST && errno != ENOTEMPTY)
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot move outputs into place: %s",
                            strerror(errno));
    char foreign[256];
    if (!only_ours(o->target, foreign, sizeof foreign))
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "refusing to replace --out: it holds '%s', which classrank does not "
                            "write (choose an empty or new directory)",
                            foreign);
    if (renameat2(AT_FDCWD, o->temp, AT_FDCWD, o->target, RENAME_EXCHANGE) != 0)
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot swap outputs into place: %s",
                            strerror(errno));
    /* o->temp now holds the previous outputs; cri_outdir_end removes them. */
    return CR_OK;
}

void cri_outdir_end(struct cri_outdir *o)
{
    if (o->temp)
        remove_tree(o->temp);
    free(o->temp);
    free(o->target);
    memset(o, 0, sizeof *o);
}
