/* sha256.c -- SHA-256 through libcrypto's EVP interface. */
#include "core/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

enum cr_status cri_sha256_begin(struct cri_sha256 *h)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        h->ctx = NULL;
        return CR_ENOMEM;
    }
    h->ctx = ctx;
    return CR_OK;
}

void cri_sha256_update(struct cri_sha256 *h, const void *p, size_t n)
{
    if (n)
        EVP_DigestUpdate(h->ctx, p, n);
}

void cri_sha256_end(struct cri_sha256 *h, char hex[CRI_SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(h->ctx, md, &n);
    for (unsigned int i = 0; i < n && i < CRI_SHA256_BYTES; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[2 * CRI_SHA256_BYTES] = '\0';
    cri_sha256_free(h);
}

void cri_sha256_free(struct cri_sha256 *h)
{
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
}

int cri_sha256_fd(int fd, char hex[CRI_SHA256_HEX], uint64_t *size)
{
    struct cri_sha256 h;
    if (cri_sha256_begin(&h) != CR_OK) {
        errno = ENOMEM;
        return -1;
    }
    enum { CHUNK = 1 << 20 };
    char *buf = malloc(CHUNK);
    uint64_t total = 0;
    ssize_t got = 0;
    while (buf && (got = read(fd, buf, CHUNK)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        cri_sha256_update(&h, buf, (size_t)got);
        total += (uint64_t)got;
    }
    int failed = !buf || got < 0;
    int saved = buf ? errno : ENOMEM;
    free(buf);
    if (failed) {
        cri_sha256_free(&h);
        errno = saved;
        return -1;
    }
    cri_sha256_end(&h, hex);
    *size = total;
    return 0;
}

int cri_sha256_file(const char *path, char hex[CRI_SHA256_HEX], uint64_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = cri_sha256_fd(fd, hex, size);
    int saved = errno;
    close(fd);
    errno = saved;
    return r;
}
