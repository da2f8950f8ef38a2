#!/usr/bin/python3
"""compare.py -- does a peer's ranking equal classrank's?

    /usr/bin/python3 compare.py NAME CLASSRANK_OUT PEER_OUT [CHECKPOINT...]

For each checkpoint (default 6 7 8) reads classrank's rank-s<k>.csv and the
peer's, projects both onto school_id,cohort,checkpoint,student_id,rank and
compares them by key (checkpoint, student_id): mismatches = rows missing from
the peer + extra rows + rows that differ; and line by line in file order (both
must be sorted by school_id, cohort, rank, student_id).  Also compares gpa_weighted, gpa_unweighted, credits when
the peer wrote them, and excluded-s<k>.csv (reasons) when the peer wrote it.
Prints one line per peer; exit status 0 when everything agrees, 1 otherwise.
Standard library only.
"""
import csv
import os
import sys

RANK_KEY = ["school_id", "cohort", "checkpoint", "student_id", "rank"]
GPA_COLS = ["gpa_weighted", "gpa_unweighted", "credits"]
EXCL_COLS = ["school_id", "cohort", "checkpoint", "student_id", "reasons"]


def load(path, cols):
    """Rows projected onto cols (None if the file lacks one of them), in file order."""
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r, None) or []
        if any(c not in header for c in cols):
            return None
        idx = [header.index(c) for c in cols]
        return [tuple(row[i] for i in idx) for row in r if row]


def diff(a, b, key):
    """(rows a, rows b, positions differing, missing from b, extra in b, different)."""
    pos = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
    da = {key(x): x for x in a}
    db = {key(y): y for y in b}
    missing = sum(1 for k in da if k not in db)
    extra = sum(1 for k in db if k not in da)
    different = sum(1 for k, v in da.items() if k in db and db[k] != v)
    return len(a), len(b), pos, missing, extra, different


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    name, cr_dir, peer_dir = sys.argv[1:4]
    checkpoints = sys.argv[4:] or ["6", "7", "8"]
    key = lambda row: (row[2], row[3])  # checkpoint, student_id
    ok = True
    totals = {"rank": [0] * 6, "gpa": [0] * 6, "excluded": [0] * 6}
    have = {"rank": True, "gpa": True, "excluded": True}
    for k in checkpoints:
        for what, fname, cols in (("rank", f"rank-s{k}.csv", RANK_KEY),
                                  ("gpa", f"rank-s{k}.csv", RANK_KEY[:4] + GPA_COLS),
                                  ("excluded", f"excluded-s{k}.csv", EXCL_COLS)):
            peer_path = os.path.join(peer_dir, fname)
            if not os.path.exists(peer_path):
                if what == "rank":
                    print(f"{name}: {fname} missing")
                    ok = False
                have[what] = False
                continue
            a = load(os.path.join(cr_dir, fname), cols)
            b = load(peer_path, cols)
            if a is None or b is None:
                if what == "rank":
                    print(f"{name}: {fname} lacks a column of {cols}")
                    ok = False
                have[what] = False
                continue
            d = diff(a, b, key)
            totals[what] = [x + y for x, y in zip(totals[what], d)]
    parts = []
    for what in ("rank", "gpa", "excluded"):
        if not have[what]:
            continue
        n_a, n_b, pos, missing, extra, different = totals[what]
        mismatches = missing + extra + different
        bad = n_a != n_b or pos or mismatches
        ok = ok and not bad
        parts.append(f"{what} rows classrank={n_a} {name}={n_b} mismatches={mismatches}"
                     + (f" (missing {missing}, extra {extra}, different {different},"
                        f" {pos} lines differ in file order)" if bad else ""))
    verdict = "AGREES" if ok else "DISAGREES"
    print(f"{name}: {verdict} with classrank: " + "; ".join(parts))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
