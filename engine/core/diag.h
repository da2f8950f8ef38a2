/* diag.h -- collects located errors for a run.
 *
 * Readers report into a cri_diag and go on with the next row, so one run can
 * show up to max_errors problems; the first status recorded decides the
 * run's result. */
#ifndef CRI_DIAG_H
#define CRI_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include <classrank_status.h>

struct cri_diag {
    struct cr_error *errors;
    uint32_t *file_order; /* beside errors: the order of the file, for sorting */
    size_t count, cap;
    size_t max;            /* stop collecting at this many */
    enum cr_status status; /* the first status recorded, CR_OK when none */
    struct cri_arena arena;
    /* Warnings (SPEC "Warnings"): a well-formed input that gives an empty or
     * meaningless result.  They change no output and no status. */
    const char **warnings;
    size_t n_warnings, warnings_cap;
};

/* Record an error.  file is copied.  Returns status, so a caller can write
 * `return cri_diag_add(...)`.  Once max errors are held, a new one replaces
 * the last held (by file, line, column) when it comes before it: the diag
 * always holds the first max errors of what it was told, in any order. */
enum cr_status cri_diag_add(struct cri_diag *d, enum cr_status status, const char *file,
                            uint32_t file_order, unsigned long line, unsigned long column,
                            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Record a warning (a one-line message, copied).  Returns CR_OK, or
 * CR_ENOMEM. */
enum cr_status cri_diag_warn(struct cri_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* True when no more errors are wanted: stop reading. */
int cri_diag_full(const struct cri_diag *d);

/* Put errors in file order, then line, then column. */
void cri_diag_sort(struct cri_diag *d);

void cri_diag_free(struct cri_diag *d);

#define CRI_QUOTE_WHOLE 200
#define CRI_QUOTE_HEAD 100
#define CRI_QUOTE_TAIL 60
/* Every byte of a whole value escaped (4 bytes each), and the NUL. */
#define CRI_QUOTE_CAP (4 * CRI_QUOTE_WHOLE + 1)

/* Write p[0..n) into out as a printable quotation for a message (SPEC "The
 * whole value in every message"): the whole value when it is at most
 * CRI_QUOTE_WHOLE bytes, else its first CRI_QUOTE_HEAD and last
 * CRI_QUOTE_TAIL bytes around "...", so the code after a long Ed-Fi
 * descriptor prefix always shows.  Control bytes, non-ASCII bytes and the
 * backslash are written as \xHH.  Returns out. */
const char *cri_quote(char out[CRI_QUOTE_CAP], const char *p, size_t n);

#endif
