"""The Python binding against the command line (issue 18).

Every fixture case (a directory of fixtures/ with an `args` file) is ranked
through classrank.rank() and through the classrank binary; .ranks(k) and
.excluded(k), formatted here as the files' lines, must be the CLI's rank and
excluded files.  Then errors, and DataFrames in and out (pandas from Debian;
those tests are skipped only when it is not installed).

Environment: CLASSRANK_LIBRARY (libclassrank.so), CLASSRANK_CLI (the
classrank binary), CLASSRANK_FIXTURES (the fixtures directory).
"""
import contextlib
import csv
import fractions
import io
import os
import pathlib
import shlex
import subprocess
import tempfile
import unittest
import unittest.mock

import classrank

FIXTURES = pathlib.Path(os.environ.get("CLASSRANK_FIXTURES",
                                       pathlib.Path(__file__).parents[3] / "fixtures"))
CLI = os.environ.get("CLASSRANK_CLI", "classrank")

try:
    import pandas
except ImportError:
    pandas = None


def cases():
    return sorted(p.parent for p in FIXTURES.rglob("args"))


def parse_args(case):
    words = shlex.split((case / "args").read_text())
    opts = {"grades": []}
    names = {"--config": "config", "--students": "students", "--enrollment": "enrollment",
             "--courses": "courses", "--as-of": "as_of", "--cohort": "cohort",
             "--ranking-date": "ranking_date"}
    for flag, value in zip(words[::2], words[1::2]):
        if flag == "--grades":
            opts["grades"].append(value)
        else:
            opts[names[flag]] = int(value) if flag == "--cohort" else value
    return words, opts


@contextlib.contextmanager
def cwd(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def cell(value):
    if value == "":
        return ""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([value])
    return out.getvalue()


def rank_lines(rows):
    lines = ["school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,rank,"
             "class_size,honors,top_percent"]
    for r in rows:
        lines.append(",".join([cell(r.school_id), str(r.cohort), str(r.checkpoint),
                               cell(r.student_id), str(r.gpa_weighted), str(r.gpa_unweighted),
                               str(r.credits), str(r.rank), str(r.class_size), cell(r.honors),
                               str(r.top_percent)]))
    return "\n".join(lines) + "\n"


def excluded_lines(rows):
    lines = ["school_id,cohort,checkpoint,student_id,reasons"]
    for r in rows:
        lines.append(",".join([cell(r.school_id), str(r.cohort), str(r.checkpoint),
                               cell(r.student_id), ";".join(r.reasons)]))
    return "\n".join(lines) + "\n"


class EveryFixture(unittest.TestCase):
    def test_ranks_are_the_cli_files(self):
        checked = 0
        for case in cases():
            words, opts = parse_args(case)
            with self.subTest(case=str(case.relative_to(FIXTURES))), \
                    tempfile.TemporaryDirectory() as tmp, cwd(case):
                subprocess.run([CLI, "rank", *words, "--out", f"{tmp}/cli", "--quiet"],
                               check=True)
                result = classrank.rank(**opts)
                self.assertEqual(result.checkpoints,
                                 sorted({int(p.stem[6:]) for p in
                                         pathlib.Path(tmp, "cli").glob("rank-s*.csv")},
                                        key=result.checkpoints.index))
                for k in result.checkpoints:
                    ranks = result.ranks(k)
                    self.assertEqual(rank_lines(ranks),
                                     pathlib.Path(tmp, "cli", f"rank-s{k}.csv").read_text())
                    self.assertEqual(excluded_lines(result.excluded(k)),
                                     pathlib.Path(tmp, "cli", f"excluded-s{k}.csv").read_text())
                    for r in ranks:  # the exact fraction rounds to the printed value
                        printed = fractions.Fraction(r.gpa_weighted)
                        step = fractions.Fraction(1, 10 ** -r.gpa_weighted.as_tuple().exponent)
                        self.assertLessEqual(abs(r.gpa_weighted_exact - printed), step)
                self.assertEqual(result.summary["rows_read"],
                                 json_of(pathlib.Path(tmp, "cli", "summary.json"))["rows_read"])
                checked += 1
        self.assertGreaterEqual(checked, 10)

    def assert_writes_the_cli_files(self, roster_as_bytes):
        """write() gives the CLI's rank, excluded and honors files on sample,
        with the roster as its path or as bytes (the honors lists read the
        roster's names back: from the bytes, then)."""
        case = FIXTURES / "sample"
        words, opts = parse_args(case)
        with tempfile.TemporaryDirectory() as tmp, cwd(case):
            subprocess.run([CLI, "rank", *words, "--out", f"{tmp}/cli", "--quiet"], check=True)
            if roster_as_bytes:
                opts["students"] = pathlib.Path(opts["students"]).read_bytes()
            classrank.rank(**opts).write(f"{tmp}/py")
            files = sorted(pathlib.Path(tmp, "cli").glob("*.csv"))
            self.assertTrue([f for f in files if f.name.startswith("honors-")])
            for f in files:
                self.assertEqual(f.read_bytes(), pathlib.Path(tmp, "py", f.name).read_bytes())

    def test_write_is_the_cli_output(self):
        self.assert_writes_the_cli_files(roster_as_bytes=False)

    def test_roster_from_memory_is_written(self):
        self.assert_writes_the_cli_files(roster_as_bytes=True)

    def test_explain_and_whatif_are_the_cli(self):
        case = FIXTURES / "sample"
        words, opts = parse_args(case)
        with cwd(case):
            result = classrank.rank(**opts)
            k = result.checkpoints[-1]
            student = result.ranks(k)[0].student_id
            cli = subprocess.run([CLI, "explain", *words, "--student", student],
                                 check=True, capture_output=True, text=True).stdout
            self.assertEqual(result.explain(student), cli)
            cli = subprocess.run([CLI, "whatif", *words, "--student", student,
                                  "--checkpoint", str(k), "--add", "MATH400,C,1"],
                                 check=True, capture_output=True, text=True).stdout
            self.assertEqual(result.whatif(student, k, add=["MATH400,C,1"]), cli)
            self.assertEqual(result.whatif(student, k, add="MATH400,C,1"), cli)  # one row
            last = result.ranks(k)[-1].student_id
            cli = subprocess.run([CLI, "whatif", *words, "--student", last, "--checkpoint", str(k),
                                  "--need", "rank:1", "--credits", "1", "--level", "ap"],
                                 check=True, capture_output=True, text=True).stdout
            self.assertEqual(result.whatif(last, k, need="rank:1", credits=1, level="ap"), cli)

    def test_a_change_of_directory_after_rank(self):
        """Relative paths are the files they named when rank() ran."""
        case = FIXTURES / "sample"
        words, opts = parse_args(case)
        with cwd(case):
            result = classrank.rank(**opts)
            student = result.ranks(6)[0].student_id
            here = result.explain(student)
        with tempfile.TemporaryDirectory() as tmp, cwd(tmp):
            self.assertEqual(result.explain(student), here)
            result.write("out")
            self.assertTrue(pathlib.Path(tmp, "out", "honors-s6.csv").read_text())


def json_of(path):
    import json
    return json.loads(path.read_text())


class Errors(unittest.TestCase):
    def setUp(self):
        self.case = FIXTURES / "sample"
        self.roster = (self.case / "students.csv").read_bytes()

    def test_input_error_carries_every_located_error(self):
        lines = self.roster.split(b"\n")
        fields = lines[2].split(b",")
        fields[2] = b"20x7"  # the cohort of line 3
        lines[2] = b",".join(fields)
        column = len(b",".join(fields[:2])) + 2
        with cwd(self.case), self.assertRaises(classrank.InputError) as caught:
            classrank.rank(config="config.yaml", students=b"\n".join(lines), grades=["grades"],
                           enrollment="enrollment.csv", as_of="2027-SP")
        e = caught.exception.errors[0]
        self.assertEqual((e.file, e.line, e.column), ("students", 3, column))
        self.assertIn("20x7", e.message)

    def test_config_error(self):
        with cwd(self.case), self.assertRaises(classrank.ConfigError) as caught:
            classrank.rank(config="rank:\n  checkpoints: [6, x]\n", students="students.csv",
                           grades=["grades"])
        self.assertEqual(caught.exception.errors[0].file, "config")

    def test_a_bad_query_leaves_the_result(self):
        with cwd(self.case):
            result = classrank.rank(**parse_args(self.case)[1])
        with self.assertRaises(classrank.UsageError) as caught:
            result.explain("no-such-student")
        self.assertIn("no-such-student", caught.exception.errors[0].message)
        with self.assertRaises(classrank.UsageError) as caught:
            result.ranks(5)
        # Each query's errors are its own.
        self.assertEqual(len(caught.exception.errors), 1)
        self.assertIn("checkpoint 5", caught.exception.errors[0].message)
        # A bad cell of a what-if row is located in the rows as given.
        with self.assertRaises(classrank.InputError) as caught:
            result.whatif("1002", 6, add=["ART101,A,1", "ART102,Q,1"])
        e = caught.exception.errors[0]
        self.assertEqual((e.file, e.line, e.column), ("--add", 2, 8))
        with self.assertRaises(classrank.UsageError) as caught:
            result.whatif("1004", 6, need="rank:3", credits=1, level="ap,2027-SP")
        self.assertIn("holds a comma", str(caught.exception))
        with tempfile.TemporaryDirectory() as tmp:
            pathlib.Path(tmp, "notes.txt").write_text("mine\n")
            with self.assertRaises(classrank.FileError) as caught:
                result.write(tmp)
            self.assertIn("notes.txt", str(caught.exception))
            self.assertEqual(pathlib.Path(tmp, "notes.txt").read_text(), "mine\n")
            self.assertTrue(result.ranks(result.checkpoints[0]))
            os.unlink(pathlib.Path(tmp, "notes.txt"))
            result.write(tmp)
            self.assertTrue(pathlib.Path(tmp, "rank-s6.csv").exists())
        self.assertTrue(result.ranks(result.checkpoints[0]))

    def test_careless_arguments(self):
        with cwd(self.case):
            result = classrank.rank(**parse_args(self.case)[1])
            with self.assertRaises(ValueError):  # C would stop at the NUL: student 1001
                result.explain("1001\0zz")
            with self.assertRaises(ValueError):  # a C int would wrap to checkpoint 6
                result.ranks(2 ** 32 + 6)
            with self.assertRaises(TypeError):
                result.explain(None)
            with self.assertRaises(TypeError):
                result.whatif("1002", 6, need="rank:1")  # no credits
            with self.assertRaises(ValueError):
                result.write("")
            with self.assertRaises(ValueError):
                classrank.rank(config="config.yaml", students="students.csv", grades=[])
            with self.assertRaises(ValueError):
                classrank.rank(config="config.yaml", students="students.csv\0x",
                               grades="grades")
            with self.assertRaises(ValueError):
                classrank.rank(config="config.yaml", students="students.csv", grades="grades",
                               threads=-1)
            with self.assertRaises(classrank.FileError) as caught:
                classrank.rank(config="no-such.yaml", students="students.csv", grades="grades")
            self.assertEqual(caught.exception.errors[0].file, "no-such.yaml")
            self.assertIsInstance(caught.exception, OSError)
        import copy
        import pickle
        for attempt in (copy.copy, copy.deepcopy, pickle.dumps):
            with self.assertRaises(TypeError):
                attempt(result)
        self.assertTrue(result.ranks(6))

    def test_threads_take_turns(self):
        import threading
        with cwd(self.case):
            result = classrank.rank(**parse_args(self.case)[1])
        students = [r.student_id for r in result.ranks(6)]
        want = {s: result.explain(s) for s in students}
        failures = []

        def ask():
            for _ in range(20):
                for s in students:
                    if result.explain(s) != want[s]:
                        failures.append(s)

        workers = [threading.Thread(target=ask) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        self.assertEqual(failures, [])


@unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
class DataFrames(unittest.TestCase):
    def test_dataframe_csv_is_to_csv(self):
        """The binding's own DataFrame writer gives to_csv's bytes, or is to_csv."""
        frames = {
            "text": pandas.DataFrame({"student_id": ["0001", "0002"], "grade": ["A", ""]}),
            "integers": pandas.DataFrame({"student_id": [1, 2], "cohort": [2027, 2028]}),
            "no rows": pandas.DataFrame({"student_id": [], "grade": []}, dtype=str),
            "nan": pandas.DataFrame({"student_id": ["1", "2"], "level": ["ap", None]}),
            "float": pandas.DataFrame({"student_id": ["1", "2"], "credits": [1.0, 0.5]}),
            "comma": pandas.DataFrame({"student_id": ["1", "2"], "note": ["a,b", "c"]}),
            "quote": pandas.DataFrame({"student_id": ["1", "2"], "note": ['say "hi"', "c"]}),
            "newline": pandas.DataFrame({"student_id": ["1", "2"], "note": ["a\nb", "c"]}),
            "one column": pandas.DataFrame({"student_id": ["1", ""]}),
            "category": pandas.DataFrame({"student_id": ["1", "2"],
                                          "grade": pandas.Categorical(["A", "B"])}),
            "comma in a name": pandas.DataFrame({"student,id": ["1"], "grade": ["A"]}),
            "nullable integers": pandas.DataFrame({"student_id": ["1", "2"],
                                                   "cohort": pandas.array([2027, None],
                                                                          dtype="Int64")}),
            "booleans": pandas.DataFrame({"student_id": ["1", "2"], "passed": [True, False]}),
            "mixed cells": pandas.DataFrame({"student_id": ["1", "2"], "cohort": ["2027", 2028]}),
            "a name twice": pandas.DataFrame([["1", "A", "B"]],
                                             columns=["student_id", "grade", "grade"]),
            "names that are not text": pandas.DataFrame([["1", "A", "B"]],
                                                        columns=[None, float("nan"), 7]),
        }
        five = ["0001", "0002", "0003", "0004", "0005"]
        frames["blocks"] = pandas.DataFrame({"student_id": five, "grade": list("ABCDF")})
        frames["comma in the last block"] = pandas.DataFrame(
            {"student_id": five, "grade": ["A", "B", "C", "D", "F,"]})
        frames["a line break balanced by commas"] = pandas.DataFrame(
            {"student_id": five, "grade": ["A", "B\n,", "C", "D", "F"]})
        for name, df in frames.items():
            # Blocks of two rows, so that the five-row frames span three.
            with self.subTest(frame=name), unittest.mock.patch.object(
                    classrank, "_CSV_BLOCK_ROWS", 2):
                self.assertEqual(classrank._dataframe_csv(df),
                                 df.to_csv(index=False).encode("utf-8"))
        # The plain frames' rows never reach to_csv (the fast path is taken;
        # their header is to_csv's of no rows).
        to_csv = pandas.DataFrame.to_csv

        def header_only(df, *args, **kwargs):
            if len(df):
                raise AssertionError("to_csv called on the rows")
            return to_csv(df, *args, **kwargs)

        for name in ("text", "integers", "blocks"):
            with self.subTest(fast=name), unittest.mock.patch.object(
                    pandas.DataFrame, "to_csv", autospec=True, side_effect=header_only):
                self.assertEqual(classrank._dataframe_csv(frames[name]),
                                 to_csv(frames[name], index=False).encode("utf-8"))

    def test_dataframes_in_and_out(self):
        """Every fixture (the Ed-Fi Grand Bend records and the SIS exports
        among them), read into DataFrames as the README says, ranks as from
        its files."""
        for case in cases():
            name = str(case.relative_to(FIXTURES))
            words, opts = parse_args(case)
            with self.subTest(case=name), cwd(case):
                by_path = classrank.rank(**opts)
                frames = dict(opts)
                read = lambda p: pandas.read_csv(p, dtype=str, keep_default_na=False)
                for role in ("students", "enrollment", "courses"):
                    if role in opts:
                        frames[role] = read(opts[role])
                grades = []
                for g in opts["grades"]:
                    files = sorted(pathlib.Path(g).glob("*.csv")) if pathlib.Path(g).is_dir() \
                        else [pathlib.Path(g)]
                    grades += [read(f) for f in files]
                frames["grades"] = grades
                by_frame = classrank.rank(**frames)
                # The roster with its first column as the index (the ids,
                # most often): a named index is written as a column.
                roster = frames["students"]
                indexed = dict(frames, students=roster.set_index(roster.columns[0]))
                self.assertEqual(classrank.rank(**indexed).ranks(by_path.checkpoints[0]),
                                 by_path.ranks(by_path.checkpoints[0]))
                for k in by_path.checkpoints:
                    self.assertEqual(by_frame.ranks(k), by_path.ranks(k))
                    self.assertEqual(by_frame.excluded(k), by_path.excluded(k))
                    df = by_frame.to_pandas(k)
                    self.assertEqual(list(df["student_id"]),
                                     [r.student_id for r in by_path.ranks(k)])
                    exact = [fractions.Fraction(int(n), int(d)) for n, d in
                             zip(df["gpa_weighted_num"], df["gpa_weighted_den"])]
                    self.assertEqual(exact, [r.gpa_weighted_exact for r in by_path.ranks(k)])
                    self.assertEqual(list(df["gpa_weighted"]),
                                     [str(r.gpa_weighted) for r in by_path.ranks(k)])
                # Every checkpoint in one frame, in checkpoint order.
                whole = by_frame.to_pandas()
                self.assertEqual(list(whole["student_id"]),
                                 [r.student_id for k in by_path.checkpoints
                                  for r in by_path.ranks(k)])
                self.assertEqual(len(by_frame.to_pandas(excluded=True)),
                                 sum(len(by_path.excluded(k)) for k in by_path.checkpoints))


if __name__ == "__main__":
    unittest.main()
