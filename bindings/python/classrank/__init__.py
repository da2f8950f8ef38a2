"""classrank: exact GPAs and class ranks, from Python.

A binding on ctypes (the standard library) to libclassrank.so, the engine the
classrank command line runs.  One call ranks a district; its result gives the
rows, the figures, explain and what-if, and writes the usual files:

    import classrank
    r = classrank.rank(config="config.yaml", students="students.csv",
                       grades=["grades/"], enrollment="enrollment.csv")
    for row in r.ranks(8):
        print(row.student_id, row.rank, row.gpa_weighted)

Each input is a path (str or os.PathLike; a directory of grade files too),
CSV text (bytes, or a str holding a line break), or a pandas DataFrame
(written to CSV in memory).  The library is found through the environment
variable CLASSRANK_LIBRARY (a path to libclassrank.so), else on the system's
library path and under this Python's prefix.

Failures raise InputError (a bad row), ConfigError, UsageError (a checkpoint
not configured, a student not in the roster) or FileError (a file that cannot
be read or written), each with .errors, the located errors.  A query that
fails leaves the Result usable.
"""

import collections
import ctypes
import ctypes.util
import decimal
import fractions
import io
import json
import os
import sys
import threading

__all__ = ["rank", "Result", "Rank", "Excluded", "Error", "ClassrankError",
           "InputError", "ConfigError", "UsageError", "FileError"]
__version__ = "0.1.0"

# ------------------------------------------------------------------ errors

Error = collections.namedtuple("Error", "file line column message")
Error.__str__ = lambda e: (
    f"{e.file}:{e.line}:{e.column}: {e.message}" if e.file and e.line
    else f"{e.file}: {e.message}" if e.file else e.message)


class ClassrankError(Exception):
    """A run that failed.  .errors holds every located error (Error tuples:
    file, line, column, message; line and column 0 when not known)."""

    def __init__(self, errors, status=""):
        self.errors = list(errors)
        self.status = status
        first = str(self.errors[0]) if self.errors else status
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(first + more)


class InputError(ClassrankError, ValueError):
    """Bad input: a malformed CSV file or a bad value in a row."""


class ConfigError(ClassrankError, ValueError):
    """A bad configuration file or value."""


class UsageError(ClassrankError, ValueError):
    """Bad arguments: a checkpoint not configured, a student not rostered..."""


class FileError(ClassrankError, OSError):
    """A file that cannot be read (a missing roster or config) or written
    (an output directory holding files classrank did not write)."""


def _error_class(status):
    return {CR_ECONFIG: ConfigError, CR_EUSAGE: UsageError, CR_EIO: FileError}.get(
        status, InputError)


# ------------------------------------------------------------------ the library

CR_OK, CR_ENOMEM, CR_EIO, CR_ECSV, CR_ECONFIG, CR_EDATA, CR_EUSAGE = range(7)


class _Buffer(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("data", ctypes.c_void_p), ("size", ctypes.c_size_t)]


class _Options(ctypes.Structure):
    _fields_ = [
        ("config_path", ctypes.c_char_p), ("students_path", ctypes.c_char_p),
        ("enrollment_path", ctypes.c_char_p), ("courses_path", ctypes.c_char_p),
        ("grade_paths", ctypes.POINTER(ctypes.c_char_p)), ("n_grade_paths", ctypes.c_size_t),
        ("config_buffer", ctypes.POINTER(_Buffer)), ("students_buffer", ctypes.POINTER(_Buffer)),
        ("enrollment_buffer", ctypes.POINTER(_Buffer)), ("courses_buffer", ctypes.POINTER(_Buffer)),
        ("grade_buffers", ctypes.POINTER(_Buffer)), ("n_grade_buffers", ctypes.c_size_t),
        ("as_of", ctypes.c_char_p), ("cohort", ctypes.c_int), ("threads", ctypes.c_int),
        ("max_errors", ctypes.c_int), ("strict", ctypes.c_int), ("ranking_date", ctypes.c_char_p),
        ("skip_audit", ctypes.c_int), ("explain_student", ctypes.c_char_p),
        ("progress", ctypes.c_void_p), ("progress_ctx", ctypes.c_void_p),
        ("out_dir", ctypes.c_char_p), ("no_wait", ctypes.c_int),
        ("waiting", ctypes.c_void_p), ("waiting_ctx", ctypes.c_void_p),
    ]


class _Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("file", ctypes.c_char_p), ("line", ctypes.c_ulong),
                ("column", ctypes.c_ulong), ("message", ctypes.c_char_p)]


class _Row(ctypes.Structure):
    _fields_ = [
        ("school_id", ctypes.c_char_p), ("cohort", ctypes.c_int), ("checkpoint", ctypes.c_int),
        ("student_id", ctypes.c_char_p),
        ("gpa_weighted_num", ctypes.c_longlong), ("gpa_weighted_den", ctypes.c_longlong),
        ("gpa_unweighted_num", ctypes.c_longlong), ("gpa_unweighted_den", ctypes.c_longlong),
        ("credits_milli", ctypes.c_longlong),
        ("gpa_weighted", ctypes.c_char_p), ("gpa_unweighted", ctypes.c_char_p),
        ("credits", ctypes.c_char_p), ("rank", ctypes.c_double), ("class_size", ctypes.c_uint),
        ("honors", ctypes.c_char_p), ("top_percent", ctypes.c_int), ("reasons", ctypes.c_char_p),
    ]


class _Summary(ctypes.Structure):
    _fields_ = [("as_of", ctypes.c_char * 8), ("rows_read", ctypes.c_ulonglong),
                ("rows_skipped", ctypes.c_ulonglong), ("rows_unrostered", ctypes.c_ulonglong),
                ("students", ctypes.c_size_t)]


def _find_library():
    path = os.environ.get("CLASSRANK_LIBRARY")
    if path:
        return ctypes.CDLL(path)
    # This Python's prefix first (a virtual environment's own copy), then
    # the system's library path, then the usual prefixes.
    candidates = []
    for prefix in (sys.prefix, None, sys.base_prefix, "/usr/local", "/usr"):
        if prefix is None:
            candidates.append(ctypes.util.find_library("classrank"))
            continue
        for lib in ("lib", "lib64", "lib/x86_64-linux-gnu", "lib/aarch64-linux-gnu"):
            candidates.append(os.path.join(prefix, lib, "libclassrank.so.0"))
    for c in candidates:
        if c:
            try:
                return ctypes.CDLL(c)
            except OSError:
                pass
    raise OSError("classrank: libclassrank.so not found: set CLASSRANK_LIBRARY to its path, "
                  "or install it (cmake --install) under a prefix on the library path")


_lib = None


def _c():
    global _lib
    if _lib is not None:
        return _lib
    lib = _find_library()
    P, S, I, V = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p
    sigs = {
        "cr_run_open": (I, [ctypes.POINTER(_Options), ctypes.POINTER(P)]),
        "cr_run_free": (None, [P]),
        "cr_run_write": (I, [P, V]),
        "cr_run_error_count": (S, [P]),
        "cr_run_error": (ctypes.POINTER(_Error), [P, S]),
        "cr_run_warning_count": (S, [P]),
        "cr_run_warning": (V, [P, S]),
        "cr_run_checkpoint_count": (S, [P]),
        "cr_run_checkpoint": (I, [P, S]),
        "cr_run_checkpoint_reached": (I, [P, S]),
        "cr_run_ranked": (I, [P, I, ctypes.POINTER(ctypes.POINTER(_Row)), ctypes.POINTER(S)]),
        "cr_run_excluded": (I, [P, I, ctypes.POINTER(ctypes.POINTER(_Row)), ctypes.POINTER(S)]),
        "cr_run_summary": (I, [P, ctypes.POINTER(_Summary)]),
        "cr_run_output": (I, [P, V, ctypes.POINTER(P), ctypes.POINTER(S)]),
        "cr_run_explain_text": (I, [P, V, I, I, ctypes.POINTER(P), ctypes.POINTER(S)]),
        "cr_run_whatif_add_text": (I, [P, V, I, ctypes.POINTER(V), S, I, ctypes.POINTER(P),
                                       ctypes.POINTER(S)]),
        "cr_run_whatif_need_text": (I, [P, V, I, V, V, V, I, ctypes.POINTER(P),
                                        ctypes.POINTER(S)]),
        "cr_strerror": (V, [I]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    _lib = lib
    return lib


def _text(b):
    return b.decode("utf-8", "replace") if b is not None else None


# ------------------------------------------------------------------ inputs

def _is_dataframe(x):
    return type(x).__name__ == "DataFrame" and hasattr(x, "to_csv")


def _dataframe_csv(df):
    """A DataFrame as the CSV bytes DataFrame.to_csv(index=False) writes.

    to_csv formats cell by cell in Python (about 1 M rows/s here: 45 s of
    the 1M-student district's 32.6 M grade rows).  When every column holds
    text (or integers) and no cell needs quoting, the same bytes come from
    joining each row's cells, some four times faster, done in blocks of rows
    that stay in the cache.  Whether a cell needs quoting is decided after
    the join, by counting: a block of n rows has exactly n * (columns - 1)
    commas and n line breaks and no quote or carriage return only if no
    cell holds one.  Anything else (NaN or None cells, floats, booleans, one
    column, a cell with a comma or a quote) goes through to_csv itself."""
    cols = []
    if len(df.columns) >= 2:
        for i in range(len(df.columns)):  # by position: two columns may share a name
            column = df.iloc[:, i]
            kind = column.dtype.kind
            if kind == "O":
                cols.append(column.to_numpy())
            elif kind in "iu" and not column.isna().any():  # Int64 may hold <NA>
                cols.append(column.astype(str).to_numpy())
            else:
                cols = None
                break
    if cols:
        # The header as to_csv writes it (a None name is empty, a name with a
        # comma quoted: the checks below then send the frame to to_csv).
        # Blocks are kept encoded, so the text exists once beside the result
        # (UTF-8 puts no ',', '"' or line break inside a character: the
        # counts are the same on the bytes).
        blocks = [df.iloc[:0].to_csv(index=False).encode("utf-8")]
        commas, lines = len(cols) - 1, 0
        try:
            for at in range(0, len(df), _CSV_BLOCK_ROWS):
                block = ("\n".join(map(",".join, zip(*(c[at:at + _CSV_BLOCK_ROWS]
                                                       for c in cols)))) + "\n").encode("utf-8")
                blocks.append(block)
            for b in blocks:
                n = b.count(b"\n")
                lines += n
                if b.count(b",") != commas * n or b'"' in b or b"\r" in b:
                    blocks = None
                    break
        except (TypeError, UnicodeEncodeError):  # a cell that is not text: NaN, None, a number
            blocks = None
        if blocks is not None and lines == len(df) + 1:
            return b"".join(blocks)
    out = io.BytesIO()
    df.to_csv(out, index=False)
    return out.getvalue()


# Rows joined at a time by _dataframe_csv: a block of 64 Ki grade rows is a
# few megabytes of text, which keeps the join in the cache (one join of a
# 6.5 M-row term file took 2.7 s, blocks of 64 Ki rows 1.6 s).
_CSV_BLOCK_ROWS = 65536


def _input(value, role):
    """(path, None) or (None, bytes) for one input."""
    if isinstance(value, os.PathLike):
        return os.fspath(value), None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None, bytes(value)
    if isinstance(value, str):
        return (None, value.encode("utf-8")) if "\n" in value else (value, None)
    if _is_dataframe(value):
        # A named index is a column the caller set aside (set_index("student_id")).
        if any(name is not None for name in value.index.names):
            value = value.reset_index()
        return None, _dataframe_csv(value)
    raise TypeError(f"classrank: {role} must be a path, bytes, CSV text or a DataFrame, "
                    f"not {type(value).__name__}")


def _cstr(value, what):
    """value as the C string the engine reads: text without a NUL (C would
    stop at it, and "1001\0x" would quietly be student 1001)."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, str):
        value = os.fsencode(value) if what.endswith("path") else value.encode("utf-8")
    if not isinstance(value, bytes):
        raise TypeError(f"classrank: {what} must be text, not {type(value).__name__}")
    if b"\0" in value:
        raise ValueError(f"classrank: {what} {value!r} holds a NUL character")
    return value


_INT_MAX = 2 ** 31 - 1


def _cint(value, what, low=-_INT_MAX - 1):
    """value as a C int: ctypes would wrap 2**32 + 6 around to 6."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"classrank: {what} must be an int, not {type(value).__name__}")
    if not low <= value <= _INT_MAX:
        raise ValueError(f"classrank: {what} {value} is out of range")
    return value


Rank = collections.namedtuple(
    "Rank", "school_id cohort checkpoint student_id gpa_weighted gpa_unweighted credits rank "
            "class_size honors top_percent gpa_weighted_exact gpa_unweighted_exact")
Rank.__doc__ = ("A ranked student.  gpa_weighted, gpa_unweighted and credits are the printed "
                "values as Decimal; *_exact the engine's own fractions (None without credits); "
                "rank an int, or a float for a fractional .5; honors '' when none.")
Excluded = collections.namedtuple(
    "Excluded", "school_id cohort checkpoint student_id gpa_weighted gpa_unweighted credits "
                "reasons gpa_weighted_exact gpa_unweighted_exact")
Excluded.__doc__ = ("An excluded student: reasons is a tuple of the SPEC's reason words; the "
                    "GPAs as for Rank (None without credits: reason no_gpa).")


def _fraction(num, den):
    return fractions.Fraction(num, den) if den else None


# ------------------------------------------------------------------ the result

class Result:
    """A district ranked.  Built by rank(); holds the engine's run (and the
    bytes it was given) until it is garbage-collected.

    A query that fails (a student not in the roster, a checkpoint not
    configured, an output directory that cannot be replaced) raises and
    leaves the Result as it was.  Calls from several threads take turns (the
    engine's run is used by one thread at a time).  A Result cannot be
    copied or pickled: it owns the engine's memory."""

    def __init__(self, run, keep):
        self._run = run
        self._keep = keep  # buffers the run reads in place
        self._lock = threading.Lock()

    def __del__(self):
        if getattr(self, "_run", None):
            _c().cr_run_free(self._run)
            self._run = None

    def __copy__(self):
        raise TypeError("a classrank.Result cannot be copied (it owns the engine's run); "
                        "share the one you have")

    def __deepcopy__(self, memo):
        self.__copy__()

    def __reduce__(self):
        raise TypeError("a classrank.Result cannot be pickled; pickle its rows or DataFrames")

    # ---- errors of a query
    def _raise(self, status):
        lib = _c()
        errors = []
        for i in range(lib.cr_run_error_count(self._run)):
            e = lib.cr_run_error(self._run, i).contents
            errors.append(Error(_text(e.file), e.line, e.column, _text(e.message)))
        if status == CR_ENOMEM:
            raise MemoryError("classrank: out of memory")
        raise _error_class(status)(errors, _text(lib.cr_strerror(status)))

    def _call(self, fn, *args):
        # A query's errors are the run's errors right after it (the engine
        # forgets the last query's): read them before another thread asks.
        with self._lock:
            st = fn(self._run, *args)
            if st != CR_OK:
                self._raise(st)

    @property
    def checkpoints(self):
        """The configured checkpoints (semesters), in config order."""
        lib = _c()
        return [lib.cr_run_checkpoint(self._run, i)
                for i in range(lib.cr_run_checkpoint_count(self._run))]

    def _rows(self, fn, k):
        rows = ctypes.POINTER(_Row)()
        n = ctypes.c_size_t()
        self._call(fn, _cint(k, "checkpoint"), ctypes.byref(rows), ctypes.byref(n))
        return rows, n.value

    def ranks(self, k):
        """The ranked students at checkpoint k, in rank-s<k>.csv order."""
        rows, n = self._rows(_c().cr_run_ranked, k)
        out = []
        for i in range(n):
            r = rows[i]
            rank = r.rank if r.rank != int(r.rank) else int(r.rank)
            out.append(Rank(
                _text(r.school_id), r.cohort, r.checkpoint, _text(r.student_id),
                _decimal(r.gpa_weighted), _decimal(r.gpa_unweighted), _decimal(r.credits),
                rank, r.class_size, _text(r.honors), r.top_percent,
                _fraction(r.gpa_weighted_num, r.gpa_weighted_den),
                _fraction(r.gpa_unweighted_num, r.gpa_unweighted_den)))
        return out

    def excluded(self, k):
        """The excluded students at checkpoint k, in excluded-s<k>.csv order."""
        rows, n = self._rows(_c().cr_run_excluded, k)
        out = []
        for i in range(n):
            r = rows[i]
            out.append(Excluded(
                _text(r.school_id), r.cohort, r.checkpoint, _text(r.student_id),
                _decimal(r.gpa_weighted), _decimal(r.gpa_unweighted), _decimal(r.credits),
                tuple(_text(r.reasons).split(";")),
                _fraction(r.gpa_weighted_num, r.gpa_weighted_den),
                _fraction(r.gpa_unweighted_num, r.gpa_unweighted_den)))
        return out

    def output(self, name):
        """One output file's bytes, as write() would write it ("rank-s8.csv",
        "summary.json", "report/index.html"...)."""
        data = ctypes.c_void_p()
        n = ctypes.c_size_t()
        self._call(_c().cr_run_output, _cstr(name, "output name"), ctypes.byref(data),
                   ctypes.byref(n))
        return ctypes.string_at(data, n.value)

    def to_pandas(self, k=None, excluded=False):
        """The rank (or excluded) file of checkpoint k as a DataFrame, or of
        every checkpoint one after another when k is None (the checkpoint
        column tells them apart): its columns as text (ids keep their zeros),
        plus the exact fractions (gpa_weighted_num, gpa_weighted_den, ...)
        for ranked rows."""
        import pandas
        if k is None:
            frames = [self.to_pandas(c, excluded) for c in self.checkpoints]
            return pandas.concat(frames, ignore_index=True) if frames else pandas.DataFrame()
        name = f"{'excluded' if excluded else 'rank'}-s{_cint(k, 'checkpoint')}.csv"
        df = pandas.read_csv(io.BytesIO(self.output(name)), dtype=str, keep_default_na=False)
        if not excluded:
            rows, n = self._rows(_c().cr_run_ranked, k)
            for field in ("gpa_weighted_num", "gpa_weighted_den", "gpa_unweighted_num",
                          "gpa_unweighted_den"):
                df[field] = _column(rows, n, field)
        return df

    @property
    def summary(self):
        """summary.json, as a dict."""
        return json.loads(self.output("summary.json"))

    @property
    def warnings(self):
        lib = _c()
        return [_text(lib.cr_run_warning(self._run, i))
                for i in range(lib.cr_run_warning_count(self._run))]

    def write(self, out_dir):
        """Write every output file (and manifest.json) into out_dir, a
        directory of its own that classrank creates or replaces whole."""
        path = _cstr(out_dir, "out_dir path")
        if not path:
            raise ValueError("classrank: write() needs a directory, not ''")
        self._call(_c().cr_run_write, path)

    def _query(self, fn, *args):
        text = ctypes.c_void_p()
        n = ctypes.c_size_t()
        self._call(fn, *args, ctypes.byref(text), ctypes.byref(n))
        return ctypes.string_at(text, n.value).decode("utf-8", "replace")

    def explain(self, student, checkpoint=None, csv=False):
        """Why student has the GPA and rank they have (classrank explain), at
        every checkpoint the class has reached, or at one."""
        return self._query(_c().cr_run_explain_text, _student(student),
                           _cint(checkpoint or 0, "checkpoint"), int(bool(csv)))

    def whatif(self, student, checkpoint, add=None, need=None, credits=None, level=None,
               csv=False):
        """classrank whatif: add=["COURSE,GRADE,CREDITS[,LEVEL[,TERM]]", ...]
        (or one such row), or need="rank:N" / "honors:NAME" with credits=
        (and level=)."""
        if (add is None) == (need is None):
            raise TypeError("whatif: give add=[rows] or need=target")
        who, k = _student(student), _cint(checkpoint, "checkpoint")
        if add is not None:
            if isinstance(add, (str, bytes)):
                add = [add]
            rows = [_cstr(r, "what-if row") for r in add]
            arr = (ctypes.c_char_p * max(1, len(rows)))(*rows)
            return self._query(_c().cr_run_whatif_add_text, who, k, arr, len(rows),
                               int(bool(csv)))
        if credits is None:
            raise TypeError("whatif: need= takes credits= (the credits of the course to add)")
        return self._query(_c().cr_run_whatif_need_text, who, k, _cstr(need, "need"),
                           _cstr(str(credits), "credits"),
                           None if level is None else _cstr(level, "level"), int(bool(csv)))


def _student(student):
    if isinstance(student, int) and not isinstance(student, bool):
        student = str(student)
    if not isinstance(student, str):
        raise TypeError(f"classrank: a student id is text, not {type(student).__name__}")
    return _cstr(student, "student id")


def _decimal(b):
    """A printed value as Decimal; None when empty (no credits, no GPA)."""
    return decimal.Decimal(b.decode()) if b else None


def _column(rows, n, field):
    """One integer field of n rows, read at C speed through numpy when it is
    there (pandas brings it)."""
    try:
        import numpy
    except ImportError:
        return [getattr(rows[i], field) for i in range(n)]
    if n == 0:
        return numpy.zeros(0, dtype=numpy.int64)
    size = ctypes.sizeof(_Row)
    raw = (ctypes.c_char * (n * size)).from_address(ctypes.addressof(rows.contents))
    dtype = numpy.dtype({"names": [field], "formats": [numpy.int64],
                         "offsets": [getattr(_Row, field).offset], "itemsize": size})
    return numpy.frombuffer(raw, dtype=dtype)[field].copy()


# ------------------------------------------------------------------ rank

def rank(config, students, grades, enrollment=None, courses=None, as_of=None, cohort=None,
         threads=None, strict=False, ranking_date=None, max_errors=None):
    """Rank a district.  Returns a Result; raises InputError, ConfigError,
    UsageError or FileError carrying the located errors (up to max_errors,
    20 by default, the first in file order).  threads: None or 0 for one a
    core."""
    lib = _c()
    keep = []
    opts = _Options()

    def buffer(data, name):
        keep.append(data)
        b = _Buffer(name.encode(), ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p), len(data))
        keep.append(b)
        return ctypes.pointer(b)

    for role, value, required in (("config", config, True), ("students", students, True),
                                  ("enrollment", enrollment, False),
                                  ("courses", courses, False)):
        if value is None:
            if required:
                raise TypeError(f"classrank.rank: {role} is required")
            continue
        path, data = _input(value, role)
        if path is not None:
            setattr(opts, f"{role}_path", _cstr(path, f"{role} path"))
            keep.append(getattr(opts, f"{role}_path"))
        else:
            setattr(opts, f"{role}_buffer", buffer(data, role))
    if isinstance(grades, (str, bytes, bytearray, memoryview, os.PathLike)) or \
            _is_dataframe(grades):
        grades = [grades]
    grades = list(grades)
    if not grades:
        raise ValueError("classrank.rank: grades is empty: give grade files, directories of "
                         "them, CSV text or DataFrames")
    paths, buffers = [], []
    for i, g in enumerate(grades):
        path, data = _input(g, "grades")
        if path is not None:
            paths.append(_cstr(path, "grades path"))
        else:
            keep.append(data)
            buffers.append((f"grades {i + 1}", data))
    if paths:
        arr = (ctypes.c_char_p * len(paths))(*paths)
        keep.append(arr)
        opts.grade_paths, opts.n_grade_paths = arr, len(paths)
    if buffers:
        arr = (_Buffer * len(buffers))(
            *[_Buffer(n.encode(), ctypes.cast(ctypes.c_char_p(d), ctypes.c_void_p), len(d))
              for n, d in buffers])
        keep.append(arr)
        opts.grade_buffers, opts.n_grade_buffers = arr, len(buffers)
    if as_of is not None:
        opts.as_of = _cstr(str(as_of), "as_of")
    if ranking_date is not None:
        opts.ranking_date = _cstr(str(ranking_date), "ranking_date")
    opts.cohort = _cint(cohort or 0, "cohort", 0)
    opts.threads = _cint(threads or 0, "threads", 0)
    opts.max_errors = _cint(max_errors or 0, "max_errors", 0)
    opts.strict = int(bool(strict))
    keep.append(opts)
    run = ctypes.c_void_p()
    st = lib.cr_run_open(ctypes.byref(opts), ctypes.byref(run))
    if not run:
        raise MemoryError("classrank: out of memory")
    result = Result(run, keep)
    if st != CR_OK:
        result._raise(st)
    return result
