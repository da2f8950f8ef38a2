#!/usr/bin/env python3
"""`classrank whatif --add` must agree with `classrank rank` on the same rows.

Generates a district (`classrank gen`), ranks it, and picks 50 students ranked
at checkpoint 8: some tied with a classmate, some December graduates, some with
a repeated course, the rest at random (fixed seed).  Four configurations take
turns (the generator's; repeats highest with fractional ties; repeats latest
with compare rounded; district scope).  For each student: two rows (a retake
of one of their own courses and a new course, in the checkpoint's term or the
one before) go to `whatif --add --format csv`, and then into a grade file of
their own beside the district's, for `rank`.  The whatif "after" row must equal
the new rank file's row (GPAs, rank, class size, top_percent), and its "before"
row the first rank file's.

Usage: whatif_matches_rank.py CLASSRANK_BINARY
"""
import csv, os, random, shutil, subprocess, sys, tempfile

binary = os.path.abspath(sys.argv[1])
rng = random.Random(20261204)
failures = checked = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run(*args, cwd):
    return subprocess.run([binary, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


CONFIGS = [
    None,  # as generated: repeats all, competition, exact, school scope
    {"repeats": "highest", "ties": "fractional"},
    {"repeats": "latest", "compare": "rounded"},
    {"scope": "district"},
]

with tempfile.TemporaryDirectory() as tmp:
    d = os.path.join(tmp, "d")
    run("gen", "--students", "3000", "--seed", "11", "--out", d, cwd=tmp)
    base_config = open(os.path.join(d, "config.yaml")).read()
    students = {r["student_id"]: r for r in rows(os.path.join(d, "students.csv"))}
    grade_rows = {}
    for name in sorted(os.listdir(os.path.join(d, "grades"))):
        for r in rows(os.path.join(d, "grades", name)):
            grade_rows.setdefault(r["student_id"], []).append(r)
    args = ["--students", "students.csv", "--enrollment", "enrollment.csv", "--grades", "grades"]
    per_config = [13, 13, 12, 12]
    for ci, change in enumerate(CONFIGS):
        text = base_config
        for key, value in (change or {}).items():
            lines = [l for l in text.split("\n") if not l.strip().startswith(key + ":")]
            section = "gpa:" if key == "repeats" else "rank:"
            at = lines.index(section) + 1
            lines.insert(at, f"  {key}: {value}")
            text = "\n".join(lines)
        config = os.path.join(d, f"config-{ci}.yaml")
        open(config, "w").write(text)
        out0 = os.path.join(tmp, f"base-{ci}")
        run("rank", "--config", config, *args, "--out", out0, cwd=d)
        ranked = rows(os.path.join(out0, "rank-s8.csv"))
        by_id = {r["student_id"]: r for r in ranked}
        gpas = {}
        for r in ranked:
            gpas.setdefault((r["school_id"], r["gpa_weighted"]), []).append(r["student_id"])
        tied = [r["student_id"] for r in ranked if len(gpas[(r["school_id"], r["gpa_weighted"])]) > 1]
        december = [i for i in by_id if students[i]["grad_term"] and students[i]["grad_term"].endswith("FA")]
        repeated = [i for i in by_id
                    if len({g["course_id"] for g in grade_rows.get(i, [])}) < len(grade_rows.get(i, []))]
        picks = []
        for pool, n in ((tied, 4), (december, 3), (repeated, 3), (list(by_id), per_config[ci])):
            for i in rng.sample(sorted(pool), min(n, len(pool))):
                if i not in picks and len(picks) < per_config[ci]:
                    picks.append(i)
        for sid in picks:
            mine = grade_rows[sid]
            cohort = int(students[sid]["cohort"])
            term8 = f"{cohort}-SP"
            term = rng.choice([term8, f"{cohort - 1}-FA"])
            retake = rng.choice(mine)
            grade = rng.choice(["A", "B+", "C", "D", "F", "A-"])
            add = [f"{retake['course_id']},{grade},{retake['credits']},{retake['level']},{term}",
                   f"NEW{rng.randint(100, 999)},{rng.choice(['A', 'B', 'C+'])},0.5,honors,{term8}"]
            wi = run("whatif", "--config", config, *args, "--student", sid, "--checkpoint", "8",
                     *sum((["--add", a] for a in add), []), "--format", "csv", cwd=d)
            before, after = list(csv.DictReader(wi.splitlines()))
            # the same rows in a grade file of their own
            g2 = os.path.join(tmp, "g2")
            shutil.rmtree(g2, ignore_errors=True)
            shutil.copytree(os.path.join(d, "grades"), g2)
            with open(os.path.join(g2, "zz-whatif.csv"), "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["student_id", "term", "course_id", "grade", "credits", "level", "source"])
                for a in add:
                    c, gr, cr, lv, t = a.split(",")
                    w.writerow([sid, t, c, gr, cr, lv, "district"])
            out1 = os.path.join(tmp, "after")
            run("rank", "--config", config, "--students", "students.csv", "--enrollment",
                "enrollment.csv", "--grades", g2, "--out", out1, cwd=d)
            new = {r["student_id"]: r for r in rows(os.path.join(out1, "rank-s8.csv"))}
            for when, got, want in (("before", before, by_id.get(sid)), ("after", after, new.get(sid))):
                if want is None:
                    if got["rank"]:
                        fail(f"config {ci} {sid} {when}: whatif ranks them, rank does not")
                    continue
                for col in ("gpa_weighted", "gpa_unweighted", "rank", "class_size", "top_percent"):
                    if got[col] != want[col]:
                        fail(f"config {ci} {sid} {when} {col}: whatif {got[col]!r}, rank {want[col]!r} ({add})")
            checked += 1

print(f"whatif_matches_rank: {checked} students checked, {failures} failures")
sys.exit(1 if failures or checked < 50 else 0)
