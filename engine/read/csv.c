/* csv.c -- record and field splitting, RFC 4180. */
#include "read/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void cri_csv_init(struct cri_csv *c, char *buf, size_t len, unsigned long first_line)
{
    memset(c, 0, sizeof *c);
    c->buf = buf;
    c->len = len;
    c->line = first_line;
    if (first_line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        c->pos = c->bom = 3;
    c->line_start = c->bom;
}

void cri_csv_init_at(struct cri_csv *c, char *buf, size_t len, unsigned long first_line)
{
    memset(c, 0, sizeof *c);
    c->buf = buf;
    c->len = len;
    c->line = first_line;
}

void cri_csv_free(struct cri_csv *c)
{
    free(c->fields);
    c->fields = NULL;
    c->fields_cap = c->n_fields = 0;
}

static unsigned long column_of(const struct cri_csv *c, size_t offset)
{
    return (unsigned long)(offset - c->line_start) + 1;
}

/* Record an error at offset and skip to the start of the next line. */
static int fail(struct cri_csv *c, size_t offset, const char *message)
{
    c->err_line = c->line;
    c->err_column = column_of(c, offset);
    c->err_message = message;
    size_t i = offset;
    while (i < c->len && c->buf[i] != '\n')
        i++;
    if (i < c->len) {
        c->line++;
        i++;
        c->line_start = i;
    }
    c->pos = i;
    return -1;
}

static int push_field(struct cri_csv *c, const char *p, size_t n, unsigned long line,
                      unsigned long column)
{
    if (c->n_fields == c->fields_cap) {
        size_t cap = c->fields_cap ? c->fields_cap * 2 : 32;
        struct cri_field *f = realloc(c->fields, cap * sizeof *f);
        if (!f)
            return -1;
        c->fields = f;
        c->fields_cap = cap;
    }
    c->fields[c->n_fields++] = (struct cri_field){p, n, line, column};
    return 0;
}

/* Bytes that end or complicate an unquoted field: , \n \r " */
static inline int special(char ch)
{
    return ch == ',' || ch == '\n' || ch == '\r' || ch == '"';
}

/* Offset of the first special byte in p[i..len), or len.  Eight bytes at a
 * time: a byte equal to c makes (x ^ c*0x01..) have a zero byte, found
 * with the classic has-zero-byte test. */
static size_t scan_plain(const char *p, size_t i, size_t len)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t a = x ^ (ones * ','), b = x ^ (ones * '\n'), c = x ^ (ones * '\r'),
                 d = x ^ (ones * '"');
        uint64_t z = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) | ((d - ones) & ~d);
        if (z & highs)
            break;
        i += 8;
    }
    while (i < len && !special(p[i]))
        i++;
    return i;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* The number of bits set in x.  Written out: without -mpopcnt,
 * __builtin_popcountll is a library call. */
static inline size_t count_bits(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* 0xFF in each byte that is not printable ASCII (0x20-0x7E): one more, as
 * signed bytes, is below '!' -- the controls become 0x01-0x20, DEL and
 * every byte >= 0x80 wrap below zero (0xFF to 0x00).  Both fast paths
 * note with it whether a record's ids need any check (record_plain). */
static inline __m128i not_plain(__m128i x)
{
    return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(1)), _mm_set1_epi8('!'));
}

/* Bit i set where p[i] matches: four 16-byte compares made one 64-bit mask. */
#define CRI_MASK64(v, match)                                                                       \
    ((uint64_t)(unsigned)_mm_movemask_epi8(match(v[0])) |                                          \
     (uint64_t)(unsigned)_mm_movemask_epi8(match(v[1])) << 16 |                                    \
     (uint64_t)(unsigned)_mm_movemask_epi8(match(v[2])) << 32 |                                    \
     (uint64_t)(unsigned)_mm_movemask_epi8(match(v[3])) << 48)

/* The fastest path: a plain record that ends within the 64 bytes at start
 * (a grade or enrollment row nearly always does).  The 64 bytes are
 * classified once and the loop runs once per field -- the same count on
 * every row of a file, so the branch predictor learns it, where a loop per
 * 16-byte piece with 0 to 4 fields each missed two or three times a row.
 * Needs start + 64 <= c->len.  Returns 1 with the record read, 0 for the
 * careful path, -1 when the record is longer than 64 bytes. */
static int next_short_record(struct cri_csv *c, size_t start)
{
    const char *p = c->buf + start;
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'),
                  cr = _mm_set1_epi8('\r');
    const __m128i v[4] = {
        _mm_loadu_si128((const __m128i *)p), _mm_loadu_si128((const __m128i *)(p + 16)),
        _mm_loadu_si128((const __m128i *)(p + 32)), _mm_loadu_si128((const __m128i *)(p + 48))};
#define IS_LF(x) _mm_cmpeq_epi8(x, lf)
#define IS_COMMA(x) _mm_cmpeq_epi8(x, comma)
#define IS_QUOTE(x) _mm_cmpeq_epi8(x, quote)
#define IS_CR(x) _mm_cmpeq_epi8(x, cr)
#define NOT_PLAIN(x) not_plain(x)
    uint64_t lf_bits = CRI_MASK64(v, IS_LF);
    if (!lf_bits)
        return -1;
    /* The record's bytes, up to its line feed (at bit 63 the shift wraps to
     * 0, and 0 - 1 is all 64). */
    uint64_t mine = ((lf_bits & -lf_bits) << 1) - 1;
    uint64_t cr_end = CRI_MASK64(v, IS_CR) & mine;
    /* A quote, or a CR other than just before the line feed: careful path. */
    if ((CRI_MASK64(v, IS_QUOTE) & mine) || (cr_end & ~(lf_bits >> 1)))
        return 0;
    uint64_t ends = (CRI_MASK64(v, IS_COMMA) | lf_bits) & mine;
    size_t n = count_bits(ends);
    if (n > c->fields_cap)
        return 0; /* the careful path grows the array */
    struct cri_field *out = c->fields;
    const unsigned long line = c->line;
    const unsigned long column0 = (unsigned long)(start - c->line_start) + 1;
    size_t field = 0;
    /* A counted loop: the predictor learns the count, where it kept
     * missing the end of a loop "while bits are left". */
    for (size_t k = 0; k < n; k++) {
        size_t at = (size_t)__builtin_ctzll(ends);
        ends &= ends - 1;
        out[k] = (struct cri_field){p + field, at - field, line, column0 + field};
        field = at + 1;
    }
    if (cr_end)
        out[n - 1].n--; /* CRLF: the CR is not the last field's */
    c->n_fields = n;
    c->record_line = line;
    c->record_start = start;
    c->record_plain = !(CRI_MASK64(v, NOT_PLAIN) & mine & ~(lf_bits | cr_end));
    c->line = line + 1;
    c->line_start = c->pos = start + field;
    return 1;
#undef IS_LF
#undef IS_COMMA
#undef IS_QUOTE
#undef IS_CR
#undef NOT_PLAIN
}

/* The fast path for the common record: no quote, no stray CR, shorter than
 * a field may be.  Sixteen bytes at a time, the commas and line feeds
 * become a bit mask and each set bit is a field end, so there is no branch
 * per byte.  Returns 1 with the record read, or 0 when the record needs the
 * careful path (which then reads it from the start: nothing here has
 * changed the reader). */
static int next_plain_record(struct cri_csv *c, size_t start)
{
    const char *buf = c->buf;
    const size_t len = c->len;
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'),
                  cr = _mm_set1_epi8('\r');
    struct cri_field *out = c->fields; /* a local: stores to it cannot move c */
    const size_t cap = c->fields_cap < CRI_CSV_MAX_FIELDS ? c->fields_cap : CRI_CSV_MAX_FIELDS;
    const unsigned long line = c->line;
    const unsigned long column0 = (unsigned long)(start - c->line_start) + 1;
    size_t field = start, n = 0;
    unsigned high = 0; /* bytes >= 0x80 or control bytes seen in the record */
    for (size_t base = start; base + 16 <= len; base += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(buf + base));
        unsigned lf_bits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
        unsigned ends = lf_bits | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
        unsigned cr_bits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr));
        unsigned odd = cr_bits | (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote));
        /* Only the bytes up to the record's line feed belong to it. */
        unsigned mine = lf_bits ? ((lf_bits & -lf_bits) << 1) - 1 : 0xFFFFu;
        ends &= mine;
        /* A quote, or a CR other than just before the line feed: careful path. */
        if (odd & mine & ~(lf_bits >> 1 & cr_bits))
            return 0;
        /* The line end is the record's own (a CR in the piece before its LF
         * is counted: that record takes the careful checks). */
        high |= (unsigned)_mm_movemask_epi8(not_plain(v)) & mine &
                ~(lf_bits | (lf_bits >> 1 & cr_bits));
        if ((n + 16 > cap && n + (size_t)__builtin_popcount(ends) > cap) ||
            base + 16 - start > CRI_CSV_MAX_FIELD_BYTES)
            return 0;
        while (ends) {
            size_t at = base + (size_t)__builtin_ctz(ends);
            ends &= ends - 1;
            out[n++] = (struct cri_field){buf + field, at - field, line,
                                          column0 + (unsigned long)(field - start)};
            field = at + 1;
        }
        if (lf_bits) {
            /* The last field ends at the line feed, or at a CR before it. */
            struct cri_field *last = &out[n - 1];
            if (last->n && last->p[last->n - 1] == '\r')
                last->n--;
            c->n_fields = n;
            c->record_line = line;
            c->record_start = start;
            c->record_plain = !high;
            c->line = line + 1;
            c->line_start = c->pos = field;
            return 1;
        }
    }
    return 0; /* the last bytes of the buffer: the careful path */
}
#endif

int cri_csv_next(struct cri_csv *c)
{
    char *buf = c->buf;
    const size_t len = c->len;
    size_t i = c->pos;

    /* Skip empty lines (LF or CRLF alone). */
    for (;;) {
        if (i < len && buf[i] == '\n') {
            i++;
        } else if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n') {
            i += 2;
        } else {
            break;
        }
        c->line++;
        c->line_start = i;
    }
    c->pos = i;
    if (i >= len)
        return 0;

#ifdef __SSE2__
    if (buf[i] != '"' && c->fields_cap >= 32 && !c->careful_only) {
        int r = i + 64 <= len ? next_short_record(c, i) : -1;
        if (r < 0)
            r = next_plain_record(c, i);
        if (r)
            return 1;
    }
#endif
    c->n_fields = 0;
    c->record_line = c->line;
    c->record_start = i;
    c->record_plain = 0; /* not looked at: check every field */
    const size_t record_start = i;
    for (;;) {
        if (c->n_fields >= CRI_CSV_MAX_FIELDS)
            return fail(c, i, "too many fields in one record (the limit is 1024)");
        unsigned long f_line = c->line, f_col = column_of(c, i);
        const char *start = buf + i;
        size_t n;
        if (i < len && buf[i] == '"') {
            c->quotes_seen = 1;
            if (c->stop_at_quote)
                return 0;
            size_t field_offset = i;
            /* The field's text starts after the quote.  Until the first
             * doubled quote it is used where it lies; from there on the text
             * moves left over the dropped quotes (w: write position), so a
             * file without escapes is never written to. */
            start = buf + i + 1;
            size_t w = SIZE_MAX;
            i++;
            for (;;) {
                const char *q = i < len ? memchr(buf + i, '"', len - i) : NULL;
                size_t stop = q ? (size_t)(q - buf) : len;
                /* Line breaks inside the field count as lines. */
                for (const char *nl = memchr(buf + i, '\n', stop - i); nl;
                     nl = memchr(nl + 1, '\n', (size_t)(buf + stop - (nl + 1)))) {
                    c->line++;
                    c->line_start = (size_t)(nl - buf) + 1;
                }
                if (w != SIZE_MAX) {
                    memmove(buf + w, buf + i, stop - i);
                    w += stop - i;
                }
                if (!q) {
                    c->line = f_line;
                    c->line_start = field_offset - (f_col - 1);
                    c->pos = len;
                    c->err_line = f_line;
                    c->err_column = f_col;
                    c->err_message = "quoted field is not closed before the end of the file";
                    return -1;
                }
                i = stop;
                if (i + 1 < len && buf[i + 1] == '"') {
                    if (w == SIZE_MAX)
                        w = i; /* the text so far ends here, in place */
                    buf[w++] = '"';
                    i += 2;
                    continue;
                }
                i++; /* past the closing quote */
                break;
            }
            n = (w == SIZE_MAX ? i - 1 : w) - (size_t)(start - buf);
            if (i < len && buf[i] != ',' && buf[i] != '\n' &&
                !(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))
                return fail(c, i, "unexpected character after a closing quote");
        } else {
            size_t s = i;
            while (i < len) {
                i = scan_plain(buf, i, len);
                if (i >= len)
                    break;
                char ch = buf[i];
                if (ch == ',' || ch == '\n')
                    break;
                if (ch == '\r') {
                    if (i + 1 < len && buf[i + 1] == '\n')
                        break;
                    return fail(c, i, "carriage return inside an unquoted field");
                }
                if (ch == '"') {
                    c->quotes_seen = 1;
                    return fail(c, i, "quote inside an unquoted field (quote the whole field)");
                }
                i++;
            }
            n = i - s;
        }
        if (n > CRI_CSV_MAX_FIELD_BYTES)
            return fail(c, i < len ? i : len - 1, "field longer than 65536 bytes");
        if (i - record_start > CRI_CSV_MAX_RECORD_BYTES)
            return fail(c, i < len ? i : len - 1, "record longer than 1 MiB");
        if (push_field(c, start, n, f_line, f_col) != 0)
            return -2;
        if (i >= len) {
            c->pos = i;
            return 1;
        }
        if (buf[i] == ',') {
            i++;
            continue;
        }
        /* Record end: LF or CRLF. */
        i += buf[i] == '\r' ? 2 : 1;
        c->line++;
        c->line_start = i;
        c->pos = i;
        return 1;
    }
}
