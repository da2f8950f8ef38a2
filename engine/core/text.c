/* text.c -- what a text of the inputs may hold: well-formed UTF-8, and no
 * character that would make two texts print the same but differ. */
#include "core/text.h"

#include <stdint.h>
#include <string.h>

/* Unicode's format characters (category Cf, Unicode 15), as ranges. */
static const uint32_t format_chars[][2] = {
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
    {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
    {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x206F},   {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},
    {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F}};

int cri_char_is_control(long cp)
{
    return (cp >= 0 && cp < 0x20) || (cp >= 0x7F && cp <= 0x9F);
}

static int is_hidden(uint32_t cp)
{
    if (cri_char_is_control(cp))
        return 1;
    if (cp < format_chars[0][0])
        return 0; /* most text: no search */
    for (size_t i = 0; i < sizeof format_chars / sizeof *format_chars; i++)
        if (cp >= format_chars[i][0] && cp <= format_chars[i][1])
            return 1;
    return 0;
}

long cri_first_hidden_char(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        uint32_t cp = s[i];
        size_t len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (i + len > n)
            return -1; /* not valid UTF-8: the caller checked */
        if (len > 1) {
            cp &= 0x3F >> (len - 1);
            for (size_t k = 1; k < len; k++)
                cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (is_hidden(cp))
            return (long)cp;
        i += len;
    }
    return -1;
}

int cri_utf8_valid(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    /* ASCII, eight bytes at a time: ids nearly always are. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned min, cp;
        if ((c & 0xE0) == 0xC0)
            len = 2, min = 0x80, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0)
            len = 3, min = 0x800, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0)
            len = 4, min = 0x10000, cp = c & 0x07;
        else
            return 0;
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}
