/* outdir.c -- write into a temporary directory, then swap it into place,
 * touching nothing that classrank did not write (see outdir.h). */
#include "write/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_TAG ".classrank-tmp-"
#define LOCK_TAG ".classrank-lock"

/* ------------------------------------------------------------ what is ours */

/* Is an entry of this name and kind something classrank writes?  in_report:
 * the entry is inside report/. */
static int owned(const char *name, mode_t mode, int in_report)
{
    static const char *const files[] = {"rank-s[0-9].csv",   "excluded-s[0-9].csv",
                                        "honors-s[0-9].csv", "edfi-s[0-9].jsonl",
                                        "summary.json",      "manifest.json"};
    if (in_report)
        return S_ISREG(mode) && strcmp(name, "index.html") == 0;
    if (S_ISDIR(mode))
        return strcmp(name, "report") == 0;
    if (!S_ISREG(mode))
        return 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (fnmatch(files[i], name, 0) == 0)
            return 1;
    return 0;
}

static int is_dot(const char *name)
{
    return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

enum walk { ALL_OURS, FOREIGN, UNREADABLE };

/* Walk the directory `name` in dirfd (never through a link); where is its
 * path below --out ("" for --out itself, "report/").  With foreign !=
 * NULL: stop at the first entry that is not ours, or that cannot be read,
 * writing its path into foreign (and the reason into *err).  With remove:
 * unlink every entry that is ours and rmdir the directory if it is then
 * empty; whatever is not ours stays. */
static enum walk walk_ours(int dirfd, const char *name, const char *where, int remove,
                           char *foreign, size_t cap, int *err)
{
    int in_report = *where != '\0';
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (err)
            *err = errno;
        if (fd >= 0)
            close(fd);
        if (foreign)
            snprintf(foreign, cap, "%s", where);
        return UNREADABLE;
    }
    enum walk found = ALL_OURS;
    struct dirent *e;
    while (found == ALL_OURS && (e = readdir(d))) {
        if (is_dot(e->d_name))
            continue;
        struct stat st;
        if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; /* gone meanwhile */
        if (!owned(e->d_name, st.st_mode, in_report)) {
            if (foreign) {
                snprintf(foreign, cap, "%s%s%s", where, e->d_name, S_ISDIR(st.st_mode) ? "/" : "");
                found = FOREIGN;
            }
            continue;
        }
        if (S_ISDIR(st.st_mode))
            found = walk_ours(fd, e->d_name, "report/", remove, foreign, cap, err);
        else if (remove)
            unlinkat(fd, e->d_name, 0);
    }
    closedir(d);
    if (remove)
        unlinkat(dirfd, name, AT_REMOVEDIR); /* fails, harmlessly, if anything is left */
    return foreign ? found : ALL_OURS;
}

static void remove_ours(int dirfd, const char *name)
{
    walk_ours(dirfd, name, "", 1, NULL, 0, NULL);
}

/* ------------------------------------------------------------ names */

/* a, b and c as one new string (NULL when out of memory). */
static char *concat3(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

static char *join(const char *dir, const char *name)
{
    return concat3(dir, "/", name);
}

/* ".<base><tag>": the names kept beside --out. */
static char *dotted(const char *base, const char *tag)
{
    return concat3(".", base, tag);
}

/* Split target into its parent directory and last name. */
static int split(const char *target, char **parent, char **base)
{
    char *copy = strdup(target);
    *parent = *base = NULL;
    if (!copy)
        return -1;
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
    return *parent && *base ? 0 : -1;
}

/* mkdir -p of the directory that will hold --out, noting each directory
 * made here (after those noted before) so that a failed run can take it
 * away again. */
static enum cr_status make_parents(struct cri_outdir *o)
{
    char *p = strdup(o->parent);
    if (!p)
        return CR_ENOMEM;
    size_t depth = 1;
    for (char *s = p; *s; s++)
        depth += *s == '/';
    char **created = realloc(o->created, (o->n_created + depth) * sizeof *created);
    if (!created) {
        free(p);
        return CR_ENOMEM;
    }
    o->created = created;
    enum cr_status st = CR_OK;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) == 0) {
            char *made = strdup(p);
            if (made)
                o->created[o->n_created++] = made;
            else
                st = CR_ENOMEM;
        }
        *s = c;
        if (c == '\0' || st != CR_OK)
            break;
    }
    free(p);
    return st;
}

/* ------------------------------------------------------------ the lock */

/* Take the lock file beside target.  The file is removed when a run ends,
 * so a lock taken on a file that was meanwhile removed (or replaced) is
 * dropped and taken again on the file that is there now.  *parent_gone:
 * the run before removed the directory that holds target too (it had made
 * it, and failed), so the caller makes it again and comes back. */
static enum cr_status take_lock(struct cri_outdir *o, const struct cri_outdir_wait *wait, int *told,
                                int *parent_gone, struct cri_diag *diag)
{
    *parent_gone = 0;
    for (;;) {
        int fd =
            openat(o->parent_fd, o->lock_name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno == ENOENT) {
            *parent_gone = 1;
            return CR_OK;
        }
        if (fd < 0)
            return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                                "cannot create the lock file %s beside it: %s", o->lock_name,
                                strerror(errno));
        int r = flock(fd, LOCK_EX | LOCK_NB);
        if (r != 0 && errno == EWOULDBLOCK) {
            if (wait && wait->no_wait) {
                close(fd);
                return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                                    "another classrank run is writing into it (it holds %s); "
                                    "not waiting (--no-wait)",
                                    o->lock_name);
            }
            if (!*told && wait && wait->waiting)
                wait->waiting(wait->ctx, o->target);
            *told = 1;
            while ((r = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
                ;
        }
        if (r != 0) {
            int err = errno;
            close(fd);
            return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot lock %s: %s",
                                o->lock_name, strerror(err));
        }
        struct stat held, there;
        if (fstat(fd, &held) == 0 &&
            fstatat(o->parent_fd, o->lock_name, &there, AT_SYMLINK_NOFOLLOW) == 0 &&
            held.st_dev == there.st_dev && held.st_ino == there.st_ino) {
            o->lock_fd = fd;
            return CR_OK;
        }
        close(fd); /* the run before removed it: take the new one */
    }
}

/* ------------------------------------------------------------ begin */

/* Is target missing, or a directory of classrank's outputs only? */
static enum cr_status check_target(struct cri_outdir *o, struct cri_diag *diag)
{
    struct stat st;
    o->target_exists = 0;
    if (fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return CR_OK;
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot read: %s", strerror(errno));
    }
    if (S_ISLNK(st.st_mode))
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "the output directory is a symbolic link: give the directory itself "
                            "(classrank replaces it as a whole and never follows a link)");
    if (!S_ISDIR(st.st_mode))
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "the output directory exists and is not a directory");
    char foreign[512];
    int err = 0;
    switch (walk_ours(o->parent_fd, o->base, "", 0, foreign, sizeof foreign, &err)) {
    case ALL_OURS:
        break;
    case FOREIGN:
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "refusing to replace the output directory: it holds '%s', which "
                            "classrank does not "
                            "write (choose an empty or new directory)",
                            foreign);
    case UNREADABLE:
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "refusing to replace the output directory: cannot read %s%s: %s",
                            *foreign ? "" : "it", foreign, strerror(err));
    }
    o->target_dev = st.st_dev;
    o->target_ino = st.st_ino;
    o->target_exists = 1;
    return CR_OK;
}

/* What follows the prefix of a temporary directory's name: 16 hex digits
 * (make_temp), or the 6 characters mkdtemp gave before.  Exactly: the
 * temporary directory of a run into "<base>.classrank-tmp-x" starts with
 * this run's prefix too, and holds another lock. */
static int is_temp_suffix(const char *s)
{
    static const char hex[] = "0123456789abcdef";
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t n = strlen(s);
    return (n == 16 && strspn(s, hex) == 16) || (n == 6 && strspn(s, alnum) == 6);
}

/* Temporary directories of earlier runs that were killed (the lock is
 * held, so none of them belongs to a live run). */
static void remove_stale(struct cri_outdir *o)
{
    int fd = dup(o->parent_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    char *prefix = dotted(o->base, TEMP_TAG);
    size_t plen = prefix ? strlen(prefix) : 0;
    struct dirent *e;
    while (prefix && (e = readdir(d))) {
        struct stat st;
        if (strncmp(e->d_name, prefix, plen) == 0 && is_temp_suffix(e->d_name + plen) &&
            fstatat(o->parent_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            remove_ours(o->parent_fd, e->d_name);
    }
    free(prefix);
    closedir(d);
}

static enum cr_status make_temp(struct cri_outdir *o, struct cri_diag *diag)
{
    char *prefix = dotted(o->base, TEMP_TAG);
    if (!prefix)
        return CR_ENOMEM;
    size_t n = strlen(prefix) + 17;
    o->temp_name = malloc(n);
    if (!o->temp_name) {
        free(prefix);
        return CR_ENOMEM;
    }
    int err = EEXIST;
    for (int tries = 0; tries < 100 && err == EEXIST; tries++) {
        unsigned long long r = 0;
        if (getrandom(&r, sizeof r, 0) != sizeof r)
            r = (unsigned long long)getpid() * 1000003u + (unsigned long long)tries;
        snprintf(o->temp_name, n, "%s%016llx", prefix, r);
        /* 0777: the new --out follows the umask, like any directory made. */
        err = mkdirat(o->parent_fd, o->temp_name, 0777) == 0 ? 0 : errno;
    }
    free(prefix);
    if (err) {
        free(o->temp_name);
        o->temp_name = NULL;
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0,
                            "cannot create a temporary directory beside it: %s", strerror(err));
    }
    o->temp_path = join(o->parent, o->temp_name);
    o->temp_fd =
        openat(o->parent_fd, o->temp_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (!o->temp_path)
        return CR_ENOMEM;
    if (o->temp_fd < 0)
        return cri_diag_add(diag, CR_EIO, o->temp_path, 0, 0, 0, "cannot open: %s",
                            strerror(errno));
    return CR_OK;
}

enum cr_status cri_outdir_begin(struct cri_outdir *o, const char *target,
                                const struct cri_outdir_wait *wait, struct cri_diag *diag)
{
    memset(o, 0, sizeof *o);
    o->parent_fd = o->lock_fd = o->temp_fd = -1;
    if (!target || !*target)
        return cri_diag_add(diag, CR_EUSAGE, NULL, 0, 0, 0, "the output directory's path is empty");
    if (!(o->target = strdup(target)) || split(target, &o->parent, &o->base))
        return CR_ENOMEM;
    if (!*o->base || is_dot(o->base))
        return cri_diag_add(diag, CR_EUSAGE, target, 0, 0, 0,
                            "the output directory must be a directory of its own to create or "
                            "replace, "
                            "not '%s'",
                            o->base);
    if (strstr(o->base, ".classrank-"))
        return cri_diag_add(diag, CR_EUSAGE, target, 0, 0, 0,
                            "the output directory must not be named like classrank's temporary and "
                            "lock files "
                            "(with '.classrank-' in its name)");
    if (!(o->lock_name = dotted(o->base, LOCK_TAG)))
        return CR_ENOMEM;
    int told = 0, parent_gone = 1;
    for (int tries = 0; parent_gone; tries++) {
        if (o->parent_fd >= 0)
            close(o->parent_fd);
        enum cr_status st = make_parents(o);
        if (st != CR_OK)
            return st;
        o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (o->parent_fd < 0)
            return cri_diag_add(diag, CR_EIO, target, 0, 0, 0,
                                "cannot open the directory that holds it: %s", strerror(errno));
        if ((st = take_lock(o, wait, &told, &parent_gone, diag)) != CR_OK)
            return st;
        if (parent_gone && tries == 100)
            return cri_diag_add(diag, CR_EIO, target, 0, 0, 0,
                                "the directory that holds it keeps being removed");
    }
    enum cr_status st = check_target(o, diag);
    if (st != CR_OK)
        return st;
    remove_stale(o);
    return make_temp(o, diag);
}

/* ------------------------------------------------------------ files */

FILE *cri_outdir_open(struct cri_outdir *o, const char *name, struct cri_diag *diag)
{
    char *path = join(o->temp_path, name);
    if (!path)
        return NULL;
    const char *slash = strchr(name, '/');
    if (slash) {
        char *dir = strndup(name, (size_t)(slash - name));
        if (dir)
            mkdirat(o->temp_fd, dir, 0777); /* EEXIST for the second file in it */
        free(dir);
    }
    int fd = openat(o->temp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        cri_diag_add(diag, CR_EIO, path, 0, 0, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    free(path);
    return f;
}

int cri_outdir_open_read(struct cri_outdir *o, const char *name)
{
    return openat(o->temp_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
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

/* ------------------------------------------------------------ commit */

enum cr_status cri_outdir_commit(struct cri_outdir *o, struct cri_diag *diag)
{
    fsync(o->temp_fd);
    /* Checked again: a file put into --out while the run read its inputs
     * must not be swapped away with the old outputs. */
    enum cr_status st = check_target(o, diag);
    if (st != CR_OK)
        return st;
    if (renameat(o->parent_fd, o->temp_name, o->parent_fd, o->base) == 0) {
        free(o->temp_name);
        o->temp_name = NULL; /* nothing left to clean */
    } else if (errno != EEXIST && errno != ENOTEMPTY) {
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot move outputs into place: %s",
                            strerror(errno));
    } else if (renameat2(o->parent_fd, o->temp_name, o->parent_fd, o->base, RENAME_EXCHANGE) != 0) {
        return cri_diag_add(diag, CR_EIO, o->target, 0, 0, 0, "cannot swap outputs into place: %s",
                            strerror(errno));
    } else {
        /* The previous outputs are at the temporary name now.  If --out was
         * replaced by another directory after the check, that one is left
         * there whole instead of having its outputs removed. */
        struct stat st;
        if (!o->target_exists ||
            fstatat(o->parent_fd, o->temp_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            st.st_dev != o->target_dev || st.st_ino != o->target_ino) {
            free(o->temp_name);
            o->temp_name = NULL;
        }
    }
    /* The temporary name now holds the previous outputs (or nothing);
     * cri_outdir_end removes them. */
    o->committed = 1;
    fsync(o->parent_fd);
    return CR_OK;
}

void cri_outdir_end(struct cri_outdir *o)
{
    if (!o->target) { /* never begun, or begun and already ended */
        memset(o, 0, sizeof *o);
        return;
    }
    if (o->temp_fd >= 0)
        close(o->temp_fd);
    if (o->temp_name && o->parent_fd >= 0)
        remove_ours(o->parent_fd, o->temp_name);
    if (o->lock_fd >= 0) {
        /* Removed while still held: a run waiting on it finds it gone and
         * takes the lock on the next file (take_lock). */
        unlinkat(o->parent_fd, o->lock_name, 0);
        close(o->lock_fd);
    }
    if (o->parent_fd >= 0)
        close(o->parent_fd);
    for (size_t i = o->n_created; i-- > 0;) {
        if (!o->committed)
            rmdir(o->created[i]); /* fails, harmlessly, if another run uses it */
        free(o->created[i]);
    }
    free(o->created);
    free(o->temp_name);
    free(o->temp_path);
    free(o->lock_name);
    free(o->base);
    free(o->parent);
    free(o->target);
    memset(o, 0, sizeof *o);
}
