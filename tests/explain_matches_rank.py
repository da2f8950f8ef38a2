#!/usr/bin/env python3
"""`classrank explain` must agree with `classrank rank`.

For every fixture case given, rank it, then explain every student who appears
in any rank or excluded file (and every roster id, when the roster has a plain
student_id column), and check, per computed checkpoint: the reported weighted
and unweighted GPAs, rank, class size and honors against the rank file; the
exclusion reasons against the excluded file; and that a student in neither is
reported as not a class member.  Also checks that --format csv sums its
counted rows to the same credits as the rank file.

Usage: explain_matches_rank.py CLASSRANK_BINARY CASE_DIR...
"""
import csv, os, re, subprocess, sys, tempfile

binary = os.path.abspath(sys.argv[1])
failures = checked = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


for case in sys.argv[2:]:
    case = os.path.abspath(case)
    args = open(os.path.join(case, "args")).read().split()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([binary, "rank", *args, "--out", out], cwd=case, check=True)
        ranked, excluded = {}, {}
        for name in os.listdir(out):
            m = re.fullmatch(r"(rank|excluded)-s(\d)\.csv", name)
            if not m:
                continue
            k = int(m.group(2))
            for row in read_csv(os.path.join(out, name)):
                (ranked if m.group(1) == "rank" else excluded)[(row["student_id"], k)] = row
        checkpoints = sorted({int(n[6]) for n in os.listdir(out) if n.startswith("rank-s")})
        ids = {sid for sid, _ in ranked} | {sid for sid, _ in excluded}
        roster = os.path.join(case, args[args.index("--students") + 1])
        roster_rows = read_csv(roster) if os.path.exists(roster) else []
        if roster_rows and "student_id" in roster_rows[0]:
            ids |= {r["student_id"].lstrip("\ufeff") for r in roster_rows}
        for sid in sorted(ids):
            r = subprocess.run([binary, "explain", *args, "--student", sid], cwd=case,
                               capture_output=True, text=True)
            if r.returncode != 0:
                fail(f"{case} {sid}: explain exited {r.returncode}: {r.stderr[:300]}")
                continue
            sections = re.split(r"^checkpoint (\d) ", r.stdout, flags=re.M)[1:]
            seen = set()
            for k_text, body in zip(sections[::2], sections[1::2]):
                k = int(k_text)
                seen.add(k)
                checked += 1
                rk, ex = ranked.get((sid, k)), excluded.get((sid, k))
                w = re.search(r"^  weighted +=.* reported (\S+)$", body, re.M)
                u = re.search(r"^  unweighted =.* reported (\S+)$", body, re.M)
                if rk:
                    rank = re.search(r"^  rank: (\S+) of (\d+)", body, re.M)
                    honors = re.search(r"^  honors: (.*)$", body, re.M)
                    got = (w and w.group(1), u and u.group(1), rank and rank.group(1),
                           rank and rank.group(2), honors and honors.group(1))
                    want = (rk["gpa_weighted"], rk["gpa_unweighted"], rk["rank"], rk["class_size"],
                            rk["honors"] or "none")
                    if got != want:
                        fail(f"{case} {sid} s{k}: explain {got} != rank file {want}")
                elif ex:
                    reasons = re.search(r"^  excluded: (.*)$", body, re.M)
                    if not reasons or reasons.group(1).split() != ex["reasons"].split(";"):
                        fail(f"{case} {sid} s{k}: explain excluded {reasons and reasons.group(1)} != {ex['reasons']}")
                elif "not a class member" not in body:
                    fail(f"{case} {sid} s{k}: in no output file, but explain does not say so")
            for k in checkpoints:
                if ((sid, k) in ranked or (sid, k) in excluded) and k not in seen:
                    fail(f"{case} {sid}: explain has no section for checkpoint {k}")
            # The CSV row table sums to the rank file's credits.
            for k in checkpoints:
                rk = ranked.get((sid, k))
                if not rk:
                    continue
                r = subprocess.run([binary, "explain", *args, "--student", sid, "--checkpoint",
                                    str(k), "--format", "csv"], cwd=case, capture_output=True,
                                   text=True, check=True)
                rows = list(csv.DictReader(r.stdout.splitlines()))
                counted = [x for x in rows if x["fate"] == "counted"]
                total = sum(round(float(x["credits_counted"]) * 1000) for x in counted)
                if f"{total // 1000}.{total % 1000:03d}" != rk["credits"]:
                    fail(f"{case} {sid} s{k}: csv counted credits {total} != {rk['credits']}")

print(f"explain: {checked - failures} passed, {failures} failed")
sys.exit(1 if failures or not checked else 0)
