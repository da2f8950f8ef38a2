/*
 * classrank_status.h -- the result codes and the located error of the
 * classrank engine.  classrank.h includes it; it stands alone so that the
 * engine's stages share this vocabulary with the API without including the
 * API itself (docs/DESIGN.md, "The stages").
 */
#ifndef CLASSRANK_STATUS_H
#define CLASSRANK_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes.  A program picks its own exit statuses from them (the
 * classrank command line's are in its manual). */
enum cr_status {
    CR_OK = 0,
    CR_ENOMEM,  /* out of memory */
    CR_EIO,     /* a file could not be read or written */
    CR_ECSV,    /* malformed CSV (field count, quoting, caps) */
    CR_ECONFIG, /* bad configuration file or value */
    CR_EDATA,   /* a bad value in an input row */
    CR_EUSAGE   /* bad options given to the engine */
};

/* One located error.  line and column are 1-based; 0 means "not known"
 * (for example an error about a whole file).  column counts bytes from the
 * start of the physical line, not counting a UTF-8 byte order mark. */
struct cr_error {
    enum cr_status status;
    const char *file;
    unsigned long line;
    unsigned long column;
    const char *message;
};

#ifdef __cplusplus
}
#endif

#endif /* CLASSRANK_STATUS_H */
