/* sha256.h -- SHA-256 digests for the audit trail (SPEC "Audit trail"),
 * from OpenSSL's libcrypto (EVP): a hash a dispute stands on is not
 * hand-written. */
#ifndef CRI_SHA256_H
#define CRI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <classrank_status.h>

#define CRI_SHA256_BYTES 32
#define CRI_SHA256_HEX (2 * CRI_SHA256_BYTES + 1)

/* A digest being computed.  Opaque: libcrypto's EVP context. */
struct cri_sha256 {
    void *ctx;
};

/* Start a digest.  CR_ENOMEM when libcrypto has no context to give. */
enum cr_status cri_sha256_begin(struct cri_sha256 *h);
void cri_sha256_update(struct cri_sha256 *h, const void *p, size_t n);
/* Finish: the digest as 64 lowercase hex digits and a NUL, and free. */
void cri_sha256_end(struct cri_sha256 *h, char hex[CRI_SHA256_HEX]);
/* Free a digest not finished (after an error). */
void cri_sha256_free(struct cri_sha256 *h);

/* The digest of a whole file, and its size; -1 with errno set when it
 * cannot be read. */
int cri_sha256_file(const char *path, char hex[CRI_SHA256_HEX], uint64_t *size);
/* The same for a file open at fd (read from its current offset to the end). */
int cri_sha256_fd(int fd, char hex[CRI_SHA256_HEX], uint64_t *size);

#endif
