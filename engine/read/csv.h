/* csv.h -- an RFC 4180 tokenizer over a mutable in-memory buffer.
 *
 * Fields are handed out as slices into the buffer; a quoted field is
 * unescaped in place (a doubled quote becomes one), which only ever shrinks
 * it, so no field is copied or allocated.  Accepts LF or CRLF record ends, a
 * UTF-8 byte order mark at the start, and quoted fields holding commas,
 * quotes and line breaks.  Lines that are entirely empty are skipped, as
 * spreadsheet exports often end with one. */
#ifndef CRI_CSV_H
#define CRI_CSV_H

#include <stddef.h>

/* Hard caps: a longer field or record is an error, never truncated. */
#define CRI_CSV_MAX_FIELDS 1024
#define CRI_CSV_MAX_FIELD_BYTES (64u * 1024u)
#define CRI_CSV_MAX_RECORD_BYTES (1024u * 1024u)

struct cri_field {
    const char *p;
    size_t n;
    unsigned long line;   /* physical line where the field starts, 1-based */
    unsigned long column; /* byte column where it starts, 1-based */
};

struct cri_csv {
    char *buf;
    size_t len, pos;
    unsigned long line; /* current physical line */
    size_t line_start;  /* offset where the current line starts */
    size_t bom;         /* 3 when the buffer starts with a BOM (line 1 columns skip it) */
    struct cri_field *fields;
    size_t n_fields, fields_cap;
    unsigned long record_line;
    size_t record_start; /* offset in buf of the record's first byte */
    /* Set when every byte of the record is printable ASCII (0x20 to 0x7E,
     * but the line end), so its ids need no UTF-8 check and hold no
     * control or format character; 0 when unknown. */
    int record_plain;
    int careful_only; /* tests: every record on the careful path, to compare */
    int quotes_seen;  /* some record read so far had a quote */
    /* The reader's blocks guessed to have no quotes: end (return 0) at the
     * first quoted field instead of reading it, so such a block is never
     * written to (its digest is being taken on another thread meanwhile). */
    int stop_at_quote;
    /* Set when cri_csv_next() returns -1. */
    unsigned long err_line, err_column;
    const char *err_message;
};

/* Start reading buf[0..len).  first_line is the line number of buf[0] (1 for
 * a whole file). */
void cri_csv_init(struct cri_csv *c, char *buf, size_t len, unsigned long first_line);

/* The same for a buffer that starts in the middle of a file, at the start
 * of a record on line first_line (no byte order mark is looked for). */
void cri_csv_init_at(struct cri_csv *c, char *buf, size_t len, unsigned long first_line);

/* Read the next record into c->fields.  Returns 1 for a record, 0 at the end
 * of the buffer, -1 for a malformed record (err_* say where and why; the
 * reader has moved past it, so calling again goes on with the next one), -2
 * when out of memory. */
int cri_csv_next(struct cri_csv *c);

void cri_csv_free(struct cri_csv *c);

#endif
