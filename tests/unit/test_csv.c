/* test_csv.c -- unit suite for engine/csv.c (SPEC "Inputs": RFC 4180, CRLF
 * or LF, optional UTF-8 BOM; "Bad input": malformed rows are located errors).
 *
 * Table-driven: each case is an input buffer and the records (or errors) the
 * reader must hand out, in order, before it reports the end.  Every input is
 * copied into a malloc'd buffer of exactly its length, with no terminating
 * NUL, so a read past the end shows up under AddressSanitizer. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "read/csv.h"

#define MAX_FIELDS 5
#define MAX_RECORDS 5

struct want_field {
    const char *text;
    unsigned long line, column;
};

struct want_record {
    int result; /* 1: a record, -1: an error */
    /* result 1 */
    size_t n_fields;
    struct want_field f[MAX_FIELDS];
    /* result -1: where, and a word the message must contain */
    unsigned long err_line, err_column;
    const char *err_word;
};

struct csv_case {
    const char *name;
    const char *input; /* read as strlen(input) bytes */
    unsigned long first_line;
    size_t n_records;
    struct want_record r[MAX_RECORDS];
};

#define REC(n, ...) {1, n, {__VA_ARGS__}, 0, 0, NULL}
#define ERR(line, col, word) {-1, 0, {{NULL, 0, 0}}, line, col, word}

/* Columns are byte columns on the physical line, 1-based. */
static const struct csv_case cases[] = {
    /* Records of more than 16 bytes after the first take the SSE2 fast
     * path: fields and columns must be the same as the careful path's. */
    {"long plain records (fast path)",
     "alpha,beta,gamma,delta\nepsilon,zeta,eta,theta\niota,kappa,lambda,mu,nu\n", 1, 3,
     {REC(4, {"alpha", 1, 1}, {"beta", 1, 7}, {"gamma", 1, 12}, {"delta", 1, 18}),
      REC(4, {"epsilon", 2, 1}, {"zeta", 2, 9}, {"eta", 2, 14}, {"theta", 2, 18}),
      REC(5, {"iota", 3, 1}, {"kappa", 3, 6}, {"lambda", 3, 12}, {"mu", 3, 19},
          {"nu", 3, 22})}},
    /* "abcdefghij,klmn" is 15 bytes: the CR is byte 16 of the record and its
     * LF falls in the next 16-byte block. */
    {"CRLF split across 16-byte blocks", "warm,up,row,here\r\nabcdefghij,klmn\r\nabcdefghij,klmn\r\n",
     1, 3,
     {REC(4, {"warm", 1, 1}, {"up", 1, 6}, {"row", 1, 9}, {"here", 1, 13}),
      REC(2, {"abcdefghij", 2, 1}, {"klmn", 2, 12}),
      REC(2, {"abcdefghij", 3, 1}, {"klmn", 3, 12})}},
    /* A quote after the line feed, in the same 16 bytes, belongs to the
     * next record: this record stays on the fast path, the next is quoted. */
    {"quote in the next record of the same block", "first,record,here\nx,y\n\"q,r\",s\n", 1, 3,
     {REC(3, {"first", 1, 1}, {"record", 1, 7}, {"here", 1, 14}),
      REC(2, {"x", 2, 1}, {"y", 2, 3}), REC(2, {"q,r", 3, 1}, {"s", 3, 7})}},
    {"many empty fields in a long record", "warm,up,row,here\n,,,,\nxxxxxxxxxxxxxxxxxxxx,,\n", 1,
     3,
     {REC(4, {"warm", 1, 1}, {"up", 1, 6}, {"row", 1, 9}, {"here", 1, 13}),
      REC(5, {"", 2, 1}, {"", 2, 2}, {"", 2, 3}, {"", 2, 4}, {"", 2, 5}),
      REC(3, {"xxxxxxxxxxxxxxxxxxxx", 3, 1}, {"", 3, 22}, {"", 3, 23})}},
    /* A stray CR inside a long unquoted field: the careful path reports it. */
    {"stray CR in a long record", "warm,up,row,here\n0123456789,ab\rcd,efgh\nok\n", 1, 3,
     {REC(4, {"warm", 1, 1}, {"up", 1, 6}, {"row", 1, 9}, {"here", 1, 13}),
      ERR(2, 14, "carriage return"), REC(1, {"ok", 3, 1})}},
    {"plain rows, LF", "a,b,c\n1,2,3\n", 1, 2,
     {REC(3, {"a", 1, 1}, {"b", 1, 3}, {"c", 1, 5}),
      REC(3, {"1", 2, 1}, {"2", 2, 3}, {"3", 2, 5})}},
    /* `"x,y"` occupies columns 1-5, the comma 6, z 7. */
    {"quoted field holding a comma", "\"x,y\",z\n", 1, 1,
     {REC(2, {"x,y", 1, 1}, {"z", 1, 7})}},
    /* `"say ""hi"""` is 12 bytes: the separator is column 13, "2" column 14. */
    {"doubled quotes become one", "\"say \"\"hi\"\"\",2\n", 1, 1,
     {REC(2, {"say \"hi\"", 1, 1}, {"2", 1, 14})}},
    {"a field that is one escaped quote", "\"\"\"\",x\n", 1, 1,
     {REC(2, {"\"", 1, 1}, {"x", 1, 6})}},
    /* Line 2 is `l2",x`: x is at column 5 of line 2. */
    {"embedded LF", "\"l1\nl2\",x\ny\n", 1, 2,
     {REC(2, {"l1\nl2", 1, 1}, {"x", 2, 5}), REC(1, {"y", 3, 1})}},
    {"embedded CRLF kept, CRLF record ends", "\"l1\r\nl2\",x\r\ny\r\n", 1, 2,
     {REC(2, {"l1\r\nl2", 1, 1}, {"x", 2, 5}), REC(1, {"y", 3, 1})}},
    {"CRLF record ends are not part of the last field", "a,b\r\nc,d\r\n", 1, 2,
     {REC(2, {"a", 1, 1}, {"b", 1, 3}), REC(2, {"c", 2, 1}, {"d", 2, 3})}},
    {"quoted last field before CRLF", "a,\"b\"\r\nc\r\n", 1, 2,
     {REC(2, {"a", 1, 1}, {"b", 1, 3}), REC(1, {"c", 2, 1})}},
    /* The BOM is skipped and line 1 columns do not count its 3 bytes. */
    {"BOM skipped", "\xEF\xBB\xBFid,name\n1,x\n", 1, 2,
     {REC(2, {"id", 1, 1}, {"name", 1, 4}), REC(2, {"1", 2, 1}, {"x", 2, 3})}},
    {"BOM then a quoted field", "\xEF\xBB\xBF\"q\",r\n", 1, 1,
     {REC(2, {"q", 1, 1}, {"r", 1, 5})}},
    /* A BOM-like sequence later in the file is data, not skipped. */
    {"BOM bytes on line 2 are data", "a\n\xEF\xBB\xBF" "b\n", 1, 2,
     {REC(1, {"a", 1, 1}), REC(1, {"\xEF\xBB\xBF" "b", 2, 1})}},
    /* Lines: 1 "", 2 "", 3 "a", 4 CRLF, 5 "", 6 "b", 7 "". */
    {"empty lines skipped, LF and CRLF", "\n\na\n\r\n\nb\n\n", 1, 2,
     {REC(1, {"a", 3, 1}), REC(1, {"b", 6, 1})}},
    {"last record without a newline", "a,b\nc,d", 1, 2,
     {REC(2, {"a", 1, 1}, {"b", 1, 3}), REC(2, {"c", 2, 1}, {"d", 2, 3})}},
    {"quoted last field without a newline", "a\n\"b\"", 1, 2,
     {REC(1, {"a", 1, 1}), REC(1, {"b", 2, 1})}},
    {"empty fields", ",a,,\n", 1, 1,
     {REC(4, {"", 1, 1}, {"a", 1, 2}, {"", 1, 4}, {"", 1, 5})}},
    {"empty quoted field", "\"\",x\n", 1, 1, {REC(2, {"", 1, 1}, {"x", 1, 4})}},
    {"trailing empty field at end of buffer", "a,", 1, 1,
     {REC(2, {"a", 1, 1}, {"", 1, 3})}},
    /* Line 3 is `3",b`: b at column 4; the next record starts on line 4. */
    {"multi-line quoted field advances the line", "a,\"1\n2\n3\",b\nc\n", 1, 2,
     {REC(3, {"a", 1, 1}, {"1\n2\n3", 1, 3}, {"b", 3, 4}), REC(1, {"c", 4, 1})}},
    {"first_line offsets line numbers", "a\nb,c\n", 10, 2,
     {REC(1, {"a", 10, 1}), REC(2, {"b", 11, 1}, {"c", 11, 3})}},
    /* " a " is columns 1-3, the comma 4, " b " starts at 5. */
    {"spaces are data", " a , b \n", 1, 1, {REC(2, {" a ", 1, 1}, {" b ", 1, 5})}},

    /* ---- errors: where, and that reading resumes at the next line */
    /* The quote opening on line 2 column 3 never closes. */
    {"unterminated quote: at the opening quote", "a,b\nc,\"open\nmore\n", 1, 2,
     {REC(2, {"a", 1, 1}, {"b", 1, 3}), ERR(2, 3, "closed")}},
    {"unterminated quote after a BOM", "\xEF\xBB\xBF\"x\n", 1, 1, {ERR(1, 1, "closed")}},
    /* `"ab"x`: the junk x is column 5. */
    {"junk after a closing quote", "\"ab\"x,1\nnext,2\n", 1, 2,
     {ERR(1, 5, "closing quote"), REC(2, {"next", 2, 1}, {"2", 2, 6})}},
    /* `ok,"x"y`: y is column 7. */
    {"junk after a closing quote in field 2", "ok,\"x\"y\nz\n", 1, 2,
     {ERR(1, 7, "closing quote"), REC(1, {"z", 2, 1})}},
    /* Line 2 of the record is `b"x,1`: x is column 3; go on at line 3. */
    {"junk after a multi-line quoted field", "\"a\nb\"x,1\nnext\n", 1, 2,
     {ERR(2, 3, "closing quote"), REC(1, {"next", 3, 1})}},
    {"quote inside an unquoted field", "ab\"c,1\nok,2\n", 1, 2,
     {ERR(1, 3, "quote"), REC(2, {"ok", 2, 1}, {"2", 2, 4})}},
    {"bare CR inside a field", "a\rb,1\nok\n", 1, 2,
     {ERR(1, 2, "carriage return"), REC(1, {"ok", 2, 1})}},
    {"bare CR as a record end", "a,b\rc\nok\n", 1, 2,
     {ERR(1, 4, "carriage return"), REC(1, {"ok", 2, 1})}},
    {"bare CR at the end of the buffer", "ok\nx\r", 1, 2,
     {REC(1, {"ok", 1, 1}), ERR(2, 2, "carriage return")}},
    {"bare CR after a closing quote", "\"a\"\rb\nok\n", 1, 2,
     {ERR(1, 4, "closing quote"), REC(1, {"ok", 2, 1})}},
    {"two bad lines in a row, then a good one", "a\"\nb\"\nc\n", 1, 3,
     {ERR(1, 2, "quote"), ERR(2, 2, "quote"), REC(1, {"c", 3, 1})}},
    {"error on line 1 after a BOM: column not counting it", "\xEF\xBB\xBF" "ab\"c\nd\n", 1, 2,
     {ERR(1, 3, "quote"), REC(1, {"d", 2, 1})}},
};

static char *copy_exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(p);
    memcpy(p, s, n);
    return p;
}

START_TEST(test_csv_table)
{
    const struct csv_case *tc = &cases[_i];
    size_t len = strlen(tc->input);
    char *buf = copy_exact(tc->input, len);
    struct cri_csv c;
    cri_csv_init(&c, buf, len, tc->first_line);
    for (size_t r = 0; r < tc->n_records; r++) {
        const struct want_record *w = &tc->r[r];
        int got = cri_csv_next(&c);
        ck_assert_msg(got == w->result, "%s: record %zu: cri_csv_next returned %d, want %d (%s)",
                      tc->name, r, got, w->result, got == -1 ? c.err_message : "");
        if (w->result == -1) {
            ck_assert_msg(c.err_line == w->err_line && c.err_column == w->err_column,
                          "%s: record %zu: error at %lu:%lu, want %lu:%lu", tc->name, r,
                          c.err_line, c.err_column, w->err_line, w->err_column);
            ck_assert_ptr_nonnull(c.err_message);
            ck_assert_msg(strstr(c.err_message, w->err_word) != NULL,
                          "%s: message '%s' lacks '%s'", tc->name, c.err_message, w->err_word);
            continue;
        }
        ck_assert_msg(c.n_fields == w->n_fields, "%s: record %zu: %zu fields, want %zu",
                      tc->name, r, c.n_fields, w->n_fields);
        ck_assert_msg(c.record_line == w->f[0].line, "%s: record %zu: record_line %lu, want %lu",
                      tc->name, r, c.record_line, w->f[0].line);
        for (size_t i = 0; i < w->n_fields; i++) {
            const struct cri_field *f = &c.fields[i];
            const struct want_field *wf = &w->f[i];
            ck_assert_msg(f->n == strlen(wf->text) && memcmp(f->p, wf->text, f->n) == 0,
                          "%s: record %zu field %zu: got '%.*s', want '%s'", tc->name, r, i,
                          (int)f->n, f->p, wf->text);
            ck_assert_msg(f->line == wf->line && f->column == wf->column,
                          "%s: record %zu field %zu: at %lu:%lu, want %lu:%lu", tc->name, r, i,
                          f->line, f->column, wf->line, wf->column);
        }
    }
    /* Then the end, and it stays the end. */
    ck_assert_msg(cri_csv_next(&c) == 0, "%s: expected the end after %zu records", tc->name,
                  tc->n_records);
    ck_assert_int_eq(cri_csv_next(&c), 0);
    cri_csv_free(&c);
    free(buf);
}
END_TEST

START_TEST(test_csv_empty_inputs)
{
    /* Nothing, or nothing but blank lines: no record at all. */
    static const char *const inputs[] = {"", "\n", "\r\n", "\n\n\r\n", "\xEF\xBB\xBF",
                                         "\xEF\xBB\xBF\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t len = strlen(inputs[i]);
        char *buf = copy_exact(inputs[i], len);
        struct cri_csv c;
        cri_csv_init(&c, buf, len, 1);
        ck_assert_msg(cri_csv_next(&c) == 0, "input %zu should hold no record", i);
        cri_csv_free(&c);
        free(buf);
    }
}
END_TEST

START_TEST(test_csv_field_cap)
{
    /* A field of exactly the cap is fine; one byte more is an error on its
     * line, and the next line is still read. */
    size_t cap = CRI_CSV_MAX_FIELD_BYTES;
    for (int over = 0; over <= 1; over++) {
        size_t flen = cap + (size_t)over, len = flen + 1 + 3;
        char *buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        memset(buf, 'x', flen);
        memcpy(buf + flen, "\nok\n", 4);
        struct cri_csv c;
        cri_csv_init(&c, buf, len, 1);
        int r = cri_csv_next(&c);
        if (over) {
            ck_assert_int_eq(r, -1);
            ck_assert_uint_eq(c.err_line, 1);
        } else {
            ck_assert_int_eq(r, 1);
            ck_assert_uint_eq(c.fields[0].n, cap);
        }
        ck_assert_int_eq(cri_csv_next(&c), 1);
        ck_assert_uint_eq(c.fields[0].line, 2);
        ck_assert_int_eq(c.fields[0].n, 2);
        ck_assert_int_eq(cri_csv_next(&c), 0);
        cri_csv_free(&c);
        free(buf);
    }
}
END_TEST

START_TEST(test_csv_field_count_cap)
{
    /* CRI_CSV_MAX_FIELDS commas-separated fields are fine; one more is an
     * error, never a truncated record. */
    for (int over = 0; over <= 1; over++) {
        size_t nf = CRI_CSV_MAX_FIELDS + (size_t)over;
        size_t len = nf * 2 + 2; /* "x," ... "x\n" then "y\n" */
        char *buf = malloc(len);
        ck_assert_ptr_nonnull(buf);
        for (size_t i = 0; i < nf; i++) {
            buf[2 * i] = 'x';
            buf[2 * i + 1] = i + 1 < nf ? ',' : '\n';
        }
        buf[len - 2] = 'y';
        buf[len - 1] = '\n';
        struct cri_csv c;
        cri_csv_init(&c, buf, len, 1);
        int r = cri_csv_next(&c);
        if (over) {
            ck_assert_int_eq(r, -1);
            ck_assert_uint_eq(c.err_line, 1);
        } else {
            ck_assert_int_eq(r, 1);
            ck_assert_uint_eq(c.n_fields, nf);
            ck_assert_uint_eq(c.fields[nf - 1].column, 2 * nf - 1);
        }
        ck_assert_int_eq(cri_csv_next(&c), 1);
        ck_assert_uint_eq(c.n_fields, 1);
        ck_assert_uint_eq(c.fields[0].line, 2);
        ck_assert_int_eq(cri_csv_next(&c), 0);
        cri_csv_free(&c);
        free(buf);
    }
}
END_TEST

START_TEST(test_csv_quoted_without_escapes_not_written)
{
    /* A quoted field without doubled quotes is used where it lies: the
     * buffer (a mapped file) is not written, so its pages are not copied. */
    const char *in = "\"a,b\",\"multi\nline\",x\n\"c\"\"d\",\"\"\n";
    size_t len = strlen(in);
    char *buf = copy_exact(in, len);
    struct cri_csv c;
    cri_csv_init(&c, buf, len, 1);
    ck_assert_int_eq(cri_csv_next(&c), 1);
    ck_assert_int_eq(c.n_fields, 3);
    ck_assert_ptr_eq(c.fields[0].p, buf + 1);
    ck_assert_int_eq(c.fields[0].n, 3);
    ck_assert_mem_eq(c.fields[1].p, "multi\nline", 10);
    ck_assert_mem_eq(buf, in, len); /* untouched so far */
    ck_assert_int_eq(cri_csv_next(&c), 1);
    ck_assert_int_eq(c.record_line, 3);
    ck_assert_int_eq(c.fields[0].n, 3);
    ck_assert_mem_eq(c.fields[0].p, "c\"d", 3);
    ck_assert_int_eq(c.fields[1].n, 0);
    ck_assert_int_eq(c.fields[1].column, 8);
    cri_csv_free(&c);
    free(buf);
}
END_TEST

START_TEST(test_csv_fields_are_slices)
{
    /* Fields point into the buffer (no copies); a quoted field is
     * unescaped in place. */
    const char *in = "ab,\"c\"\"d\"\n";
    size_t len = strlen(in);
    char *buf = copy_exact(in, len);
    struct cri_csv c;
    cri_csv_init(&c, buf, len, 1);
    ck_assert_int_eq(cri_csv_next(&c), 1);
    ck_assert_ptr_eq(c.fields[0].p, buf);
    ck_assert(c.fields[1].p >= buf && c.fields[1].p + c.fields[1].n <= buf + len);
    ck_assert_int_eq(c.fields[1].n, 3);
    ck_assert_mem_eq(c.fields[1].p, "c\"d", 3);
    cri_csv_free(&c);
    free(buf);
}
END_TEST

/* ------------------------------------------------------------------ UTF-8 */

struct utf8_case {
    const char *name;
    const char *bytes;
    size_t n;
    int valid;
};

#define U(name, s, v) {name, s, sizeof s - 1, v}

static const struct utf8_case utf8_cases[] = {
    U("empty", "", 1),
    U("ASCII", "S-0042 abc", 1),
    U("NUL is ASCII", "a\0b", 1),
    U("U+0080, smallest 2-byte", "\xC2\x80", 1),
    U("U+00E9 e-acute", "caf\xC3\xA9", 1),
    U("U+07FF, largest 2-byte", "\xDF\xBF", 1),
    U("U+0800, smallest 3-byte", "\xE0\xA0\x80", 1),
    U("U+20AC euro", "\xE2\x82\xAC", 1),
    U("U+D7FF, just below the surrogates", "\xED\x9F\xBF", 1),
    U("U+E000, just above the surrogates", "\xEE\x80\x80", 1),
    U("U+FFFF", "\xEF\xBF\xBF", 1),
    U("U+10000, smallest 4-byte", "\xF0\x90\x80\x80", 1),
    U("U+1D11E G clef", "\xF0\x9D\x84\x9E", 1),
    U("U+10FFFF, the last code point", "\xF4\x8F\xBF\xBF", 1),
    U("mixed", "Jos\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E!", 1),
    /* overlongs */
    U("overlong '/' in 2 bytes", "\xC0\xAF", 0),
    U("overlong U+007F in 2 bytes", "\xC1\xBF", 0),
    U("overlong '/' in 3 bytes", "\xE0\x80\xAF", 0),
    U("overlong U+07FF in 3 bytes", "\xE0\x9F\xBF", 0),
    U("overlong '/' in 4 bytes", "\xF0\x80\x80\xAF", 0),
    U("overlong U+FFFF in 4 bytes", "\xF0\x8F\xBF\xBF", 0),
    /* surrogates */
    U("U+D800 high surrogate", "\xED\xA0\x80", 0),
    U("U+DBFF", "\xED\xAF\xBF", 0),
    U("U+DC00 low surrogate", "\xED\xB0\x80", 0),
    U("U+DFFF", "\xED\xBF\xBF", 0),
    U("CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\x80", 0),
    /* truncated sequences */
    U("lone lead byte of 2", "\xC3", 0),
    U("truncated 2-byte at the end", "abc\xC3", 0),
    U("truncated 3-byte", "\xE2\x82", 0),
    U("truncated 4-byte", "\xF0\x9D\x84", 0),
    U("lead byte followed by ASCII", "\xC3(", 0),
    U("3-byte with ASCII in the middle", "\xE2(\xAC", 0),
    /* beyond U+10FFFF, and bytes that never start a sequence */
    U("U+110000", "\xF4\x90\x80\x80", 0),
    U("F5 lead", "\xF5\x80\x80\x80", 0),
    U("F7 BF BF BF (U+1FFFFF)", "\xF7\xBF\xBF\xBF", 0),
    U("5-byte form", "\xF8\x88\x80\x80\x80", 0),
    U("6-byte form", "\xFC\x84\x80\x80\x80\x80", 0),
    U("lone continuation byte", "a\x80", 0),
    U("lone BF", "\xBF", 0),
    U("FE", "\xFE", 0),
    U("FF", "\xFF", 0),
};

/* Read buf[0..n) to the end, every record's fields and every error, into a
 * text that says all of it (bytes, lines, columns, record starts). */
static char *read_all(const char *text, size_t n, int careful_only)
{
    char *buf = malloc(n + 1);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, text, n);
    struct cri_csv c;
    cri_csv_init(&c, buf, n, 1);
    c.careful_only = careful_only;
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    int r;
    while ((r = cri_csv_next(&c)) != 0) {
        ck_assert_int_ne(r, -2);
        if (len + 4096 > cap) {
            cap *= 2;
            out = realloc(out, cap);
            ck_assert_ptr_nonnull(out);
        }
        if (r == -1) {
            len += (size_t)snprintf(out + len, cap - len, "E %lu:%lu %s\n", c.err_line,
                                    c.err_column, c.err_message);
            continue;
        }
        len += (size_t)snprintf(out + len, cap - len, "R line %lu at %zu ascii %d:",
                                c.record_line, c.record_start, c.record_plain);
        for (size_t i = 0; i < c.n_fields; i++) {
            const struct cri_field *f = &c.fields[i];
            if (len + f->n + 64 > cap) {
                cap = 2 * cap + f->n;
                out = realloc(out, cap);
                ck_assert_ptr_nonnull(out);
            }
            len += (size_t)snprintf(out + len, cap - len, " [%lu:%lu ", f->line, f->column);
            memcpy(out + len, f->p, f->n);
            len += f->n;
            out[len++] = ']';
        }
        out[len++] = '\n';
    }
    out[len] = '\0';
    cri_csv_free(&c);
    free(buf);
    return out;
}

/* Both paths read text[0..n) alike; the careful path leaves record_plain 0,
 * so a 1 from the fast path counts as 0. */
static void assert_paths_agree(const char *text, size_t n, const char *what, int which)
{
    char *fast = read_all(text, n, 0), *careful = read_all(text, n, 1);
    for (char *p = fast; (p = strstr(p, " ascii 1:")) != NULL; p++)
        p[7] = '0';
    ck_assert_msg(strcmp(fast, careful) == 0, "%s %d differs:\n%s\n--- careful:\n%s", what, which,
                  fast, careful);
    free(fast);
    free(careful);
}

/* The fast path (SSE2, sixteen bytes at a time) must read every
 * input exactly as the careful path does: the same fields, lines, columns,
 * record starts and errors.  Inputs: pseudo-random bytes from an alphabet
 * weighted toward what matters (separators, quotes, CR, a high byte), in
 * records of every length across the 16-byte windows; the ASCII flag may
 * differ only where the careful path does not look (it reports 0). */
START_TEST(test_csv_fast_path_matches_careful)
{
    static const char alphabet[] = "aaaaaaaabbbbcc01,,,,,\n\n\n\"\r\x80 ";
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    char *text = malloc(4096);
    ck_assert_ptr_nonnull(text);
    for (int round = 0; round < 4000; round++) {
        size_t n = 0, target = 1 + (size_t)(round % 700);
        /* Mostly plain records of a few fields (the fast path's food), with
         * now and then any byte of the alphabet. */
        while (n < target) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned pick = (unsigned)(state >> 33);
            if (pick % 10 < 7) {
                size_t fields = 1 + pick % 7;
                for (size_t f = 0; f < fields && n < 4000; f++) {
                    size_t w = (pick >> (3 + f)) % 12;
                    for (size_t k = 0; k < w && n < 4000; k++)
                        text[n++] = (char)('a' + (k + f) % 26);
                    text[n++] = f + 1 < fields ? ',' : '\n';
                }
            } else {
                text[n++] = alphabet[pick % (sizeof alphabet - 1)];
            }
        }
        assert_paths_agree(text, n, "round", round);
    }
    /* A quote (or a CR) early in a long record and its CRLF 64 bytes later,
     * for every place of the quote: the quote must still send the record
     * to the careful path (which reports it), wherever the windows fall. */
    for (int q = 1; q < 63; q++)
        for (int odd = 0; odd < 2; odd++) {
            size_t n = 0;
            text[n++] = 'a';
            text[n++] = '\n';
            size_t start = n;
            while (n < start + 140)
                text[n++] = 'c';
            text[start + (size_t)q] = odd ? '\r' : '"';
            text[start + 64 + (size_t)q] = '\r';
            text[start + 64 + (size_t)q + 1] = '\n';
            n = start + 64 + (size_t)q + 2;
            text[n++] = 'z';
            text[n++] = '\n';
            assert_paths_agree(text, n, "quote or CR at", q);
        }
    /* Records around the 64 bytes the fastest path classifies at once: a
     * record of every length from 1 to 70 bytes (its line feed at bit 0 to
     * past bit 63), LF or CRLF, ended by a record that brings a quote, a CR
     * or a high byte into those 64 bytes (not the first record's: it must
     * still take the fast path), or with up to 35 fields (more than the 32
     * the field array starts with). */
    for (int len = 1; len <= 70; len++)
        for (int variant = 0; variant < 8; variant++) {
            size_t n = 0;
            int crlf = variant & 1, commas = variant >> 1 == 3;
            int body = len - 1 - crlf;
            for (int k = 0; k < body; k++)
                text[n++] = commas ? (k % 2 ? ',' : 'x') : (k % 5 == 4 ? ',' : 'a' + k % 26);
            if (crlf)
                text[n++] = '\r';
            text[n++] = '\n';
            static const char *const next[] = {"\"q\",b\n", "c\rd,e\n", "\xC3\xA9,f\n", "g,h\n"};
            const char *tail = next[variant >> 1];
            memcpy(text + n, tail, strlen(tail));
            n += strlen(tail);
            for (; n < (size_t)len + 80; n++) /* the path needs 64 bytes after the start */
                text[n] = n % 9 == 8 ? '\n' : 'p';
            text[n++] = '\n';
            assert_paths_agree(text, n, "record of length", len * 10 + variant);
        }
    free(text);
}
END_TEST

START_TEST(test_utf8_table)
{
    const struct utf8_case *tc = &utf8_cases[_i];
    char *buf = copy_exact(tc->bytes, tc->n);
    int got = cri_utf8_valid(buf, tc->n);
    ck_assert_msg(!!got == tc->valid, "%s: cri_utf8_valid = %d, want %d", tc->name, got,
                  tc->valid);
    free(buf);
}
END_TEST

/* record_plain says a record is printable ASCII, so its ids skip the
 * checks for control and format characters: it must be 0 whenever any
 * byte of the record (but its LF or CRLF end) is below 0x20, DEL or
 * >= 0x80, and 1 for a printable record, on the 64-byte and the 16-byte
 * paths.  Records of 1 to 100 bytes, every position, a sample of bytes, LF
 * and CRLF; a record before (the first of a buffer takes the careful path)
 * and a long one after (so the fast paths have their bytes). */
START_TEST(test_csv_record_plain)
{
    static const unsigned char bytes[] = {0x00, 0x01, 0x09, 0x0B, 0x1B, 0x1F, 0x7F,
                                          0x80, 0xC2, 0xEF, 0xFF, 0x20, 0x7E, 'a'};
    static const char after[] = "next,row,of,padding,so,that,the,fast,paths,have,sixty,four,bytes\n";
    char text[512];
    for (size_t n = 1; n <= 100; n++)
        for (int crlf = 0; crlf < 2; crlf++)
            for (size_t at = 0; at < n; at++)
                for (size_t b = 0; b < sizeof bytes; b++) {
                    size_t len = 0;
                    memcpy(text, "first\n", 6);
                    len = 6;
                    for (size_t i = 0; i < n; i++)
                        text[len++] = i % 7 == 3 ? ',' : (char)('a' + i % 26);
                    if (text[6 + at] == ',')
                        continue;
                    text[6 + at] = (char)bytes[b];
                    if (crlf)
                        text[len++] = '\r';
                    text[len++] = '\n';
                    memcpy(text + len, after, sizeof after - 1);
                    len += sizeof after - 1;
                    char *buf = copy_exact(text, len);
                    struct cri_csv c;
                    cri_csv_init(&c, buf, len, 1);
                    ck_assert_int_eq(cri_csv_next(&c), 1);
                    int r = cri_csv_next(&c);
                    int printable = bytes[b] >= 0x20 && bytes[b] < 0x7F;
                    /* On the 16-byte path a CR that ends one piece, its LF
                     * the next, is counted as a control: never plain is
                     * the safe side. */
                    int cr_apart = crlf && n + 2 > 64 && n % 16 == 15;
                    ck_assert_msg(r == 1 && (cr_apart ? !c.record_plain || printable
                                                      : !!c.record_plain == printable),
                                  "n %zu crlf %d: byte 0x%02X at %zu: record_plain %d", n, crlf,
                                  bytes[b], at, c.record_plain);
                    cri_csv_free(&c);
                    free(buf);
                }
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("records");
    tcase_add_loop_test(tc, test_csv_table, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, test_csv_empty_inputs);
    tcase_add_test(tc, test_csv_fields_are_slices);
    tcase_add_test(tc, test_csv_quoted_without_escapes_not_written);
    tcase_add_test(tc, test_csv_fast_path_matches_careful);
    tcase_add_test(tc, test_csv_record_plain);
    suite_add_tcase(s, tc);
    TCase *caps = tcase_create("caps");
    tcase_add_test(caps, test_csv_field_cap);
    tcase_add_test(caps, test_csv_field_count_cap);
    suite_add_tcase(s, caps);
    TCase *u = tcase_create("utf8");
    tcase_add_loop_test(u, test_utf8_table, 0, (int)(sizeof utf8_cases / sizeof *utf8_cases));
    suite_add_tcase(s, u);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(csv_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
