#!/usr/bin/env python3
"""Every FILE:LINE that `classrank explain` prints is the physical line of the row.

A registrar defends a rank with these places, so each one is checked against
the file itself: line LINE of FILE (counting every line feed, as a text editor
does) must hold the row's student id and course id.  For every fixture case
given, every student of every rank and excluded file is explained.  Then a
grade file of more than 16 MiB (more than one block of the reader), with the
explained student's rows after 700,000 others, is explained on 2 threads.

Usage: explain_lines.py CLASSRANK_BINARY SAMPLE_CASE_DIR CASE_DIR...
(the first case is also the one the large file is made from)
"""
import csv, os, re, shutil, subprocess, sys, tempfile

binary = os.path.abspath(sys.argv[1])
failures = checked = 0
ROW = re.compile(r"^    (.+?):(\d+)  (\S+)  (\S+)  ")
SUPERSEDED = re.compile(r"repeat_superseded by (.+?):(\d+)$")


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def physical_lines(path, cache={}):
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = f.read().split(b"\n")
    return cache[path]


places = []  # (case, path, line) of every place checked


def check_place(case, path, line, student, course, what):
    global checked
    places.append((case, path, int(line)))
    lines = physical_lines(os.path.join(case, path))
    n = int(line)
    if n < 2 or n > len(lines):
        fail(f"{case}: {what}: {path}:{line} is not a data line of the file")
        return
    text = lines[n - 1].decode("utf-8", "replace")
    # The record that starts there (a quoted field may go on to later lines).
    tail = b"\n".join(lines[n - 1:n + 9]).decode("utf-8", "replace")
    fields = next(csv.reader(tail.splitlines(keepends=True)))
    if student not in fields or (course and course not in fields):
        fail(f"{case}: {what}: {path}:{line} holds '{text[:80]}', not {student}'s {course}")
    checked += 1


def explain_all(case, args, students, extra=()):
    for sid in students:
        r = subprocess.run([binary, "explain", *args, "--student", sid, *extra], cwd=case,
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"{case}: explain {sid} exited {r.returncode}: {r.stderr[:200]}")
            continue
        for out_line in r.stdout.splitlines():
            m = ROW.match(out_line)
            if m:
                path, line, course = m.group(1), m.group(2), m.group(4)
                check_place(case, path, line, sid, course, f"student {sid}")
            s = SUPERSEDED.search(out_line)
            if s:
                check_place(case, s.group(1), s.group(2), sid, None, f"student {sid} (winner)")


def students_of(out):
    ids = set()
    for name in os.listdir(out):
        if re.fullmatch(r"(rank|excluded)-s\d\.csv", name):
            with open(os.path.join(out, name), newline="", encoding="utf-8") as f:
                ids.update(row["student_id"] for row in csv.DictReader(f))
    return sorted(ids)


with tempfile.TemporaryDirectory() as tmp:
    for case in map(os.path.abspath, sys.argv[2:]):
        args = open(os.path.join(case, "args")).read().split()
        out = os.path.join(tmp, "out-" + os.path.basename(case))
        subprocess.run([binary, "rank", *args, "--out", out], cwd=case, check=True,
                       capture_output=True)
        explain_all(case, args, students_of(out))

    # The large file: the sample's 2025-FA grades after 700,000 rows of
    # students outside the roster (skipped, but lines all the same).
    sample = os.path.abspath(sys.argv[2])
    big = os.path.join(tmp, "big")
    shutil.copytree(sample, big)
    grades = os.path.join(big, "grades", "2025-FA.csv")
    with open(grades, "rb") as f:
        header, rest = f.read().split(b"\n", 1)
    with open(grades, "wb") as f:
        f.write(header + b"\n")
        for i in range(700000):
            f.write(b"zz%07d,2025-FA,FILLER%03d,B,1,regular,district,CHS\n" % (i, i % 997))
        f.write(rest)
    assert os.path.getsize(grades) > 16 << 20
    args = open(os.path.join(big, "args")).read().split()
    out = os.path.join(tmp, "out-big")
    subprocess.run([binary, "rank", *args, "--out", out], cwd=big, check=True,
                   capture_output=True)
    before = checked
    explain_all(big, args, students_of(out), ("--threads", "2"))
    big_places = checked - before
    far = [n for c, p, n in places if c == big and p == "grades/2025-FA.csv" and n > 700001]
    if big_places == 0 or not far:
        fail("the large district printed no place past its 700,000 filler rows")

print(f"explain_lines: {checked} places checked ({big_places} in the large district), "
      f"{failures} failed")
sys.exit(1 if failures or checked == 0 else 0)
