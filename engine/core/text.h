/* text.h -- checks on a text's characters, shared by the readers (ids)
 * and the config (values that stand for ids). */
#ifndef CRI_TEXT_H
#define CRI_TEXT_H

#include <stddef.h>

/* Is p[0..n) well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF)? */
int cri_utf8_valid(const char *p, size_t n);

/* The first code point of UTF-8 text p[0..n) that is a control character
 * (C0, DEL, C1) or of category Cf, or -1 when there is none.  p must be
 * valid UTF-8. */
long cri_first_hidden_char(const char *p, size_t n);

/* Is code point cp a control character (C0, DEL or C1)? */
int cri_char_is_control(long cp);

#endif
