#!/usr/bin/python3
"""pandas_rank.py -- the benchmark's pandas peer: the class ranks of a
`classrank gen` district computed with pandas (Debian's python3-pandas).

    /usr/bin/python3 pandas_rank.py DISTRICT_DIR OUT_DIR

Writes OUT_DIR/rank-s<k>.csv (school_id,cohort,checkpoint,student_id,
gpa_weighted,gpa_unweighted,credits,rank) and OUT_DIR/excluded-s<k>.csv
(school_id,cohort,checkpoint,student_id,reasons) for k = 6, 7, 8, sorted like
classrank's files.

It implements the configuration `classrank gen` writes (the SPEC defaults; run.sh
checks the config before calling it), not the whole configuration language:
weighted GPA, repeats: all, competition ranks ("min") within (school, cohort),
exact compare, precision 3 half_up, checkpoints 6/7/8 up to the as-of term (the
latest term of any grade row), eligibility = assessment in [passed, alternative]
and assessment_term not after the checkpoint, a run of 2 consecutive regular
semesters in enrollment.csv at or before it, some GPA credit; roster
rank_exclude -> flagged; December graduates join checkpoint 8.

Exactness: points are int64 hundredths, credits int64 thousandths (parsed from
the text digit by digit, never through a float), sums are int64.  Ranking uses
the quotient as a float64 (both sums are integers below 2^53 and the division is
correctly rounded, so equal fractions give equal floats), and then every
adjacent pair of the ordering is re-checked by integer cross-multiplication; a
single violation fails the run (exit 4).
"""
import os
import sys

import numpy as np
import pandas as pd

SCALE = {"A+": 400, "A": 400, "A-": 370, "B+": 330, "B": 300, "B-": 270, "C+": 230,
         "C": 200, "C-": 170, "D+": 130, "D": 100, "D-": 70, "F": 0}
NON_GPA = {"P", "I", "W", "NC", "AU", "CR"}
BANDS = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]
WEIGHTS = {"": 0, "regular": 0, "honors": 100, "ap": 100, "ib": 100, "dual": 100}
BONUS_MIN = 200
ASSESSMENT_OK = {"passed", "alternative"}
CONSECUTIVE = 2
CHECKPOINTS = (6, 7, 8)
SEASON = {"SP": 0, "SU": 1, "FA": 2}
BAD = -(1 << 40)  # marks an invalid value inside an int64 column


def fail(msg, code=1):
    print(f"pandas_rank: {msg}", file=sys.stderr)
    sys.exit(code)


def term_value(s):
    """'YYYY-SS' -> year*3 + season; BAD when malformed."""
    if len(s) == 7 and s[:4].isdigit() and s[4] == "-" and s[5:] in SEASON:
        return int(s[:4]) * 3 + SEASON[s[5:]]
    return BAD


def grade_points(g):
    """Unweighted points in hundredths; -1 for a non-GPA mark; BAD if unknown."""
    if g in SCALE:
        return SCALE[g]
    if g in NON_GPA:
        return -1
    whole, dot, frac = g.partition(".")
    if whole.isdigit() and (not dot or (frac.isdigit() and len(frac) <= 6)):
        micro = int(whole) * 10**6 + (int(frac.ljust(6, "0")) if dot else 0)
        if micro <= 100 * 10**6:
            for lo, letter in BANDS:
                if micro >= lo * 10**6:
                    return SCALE[letter]
    return BAD


def thousandths(c):
    """Credits text -> int thousandths (exact); BAD unless 0..10 with <= 3 decimals."""
    whole, dot, frac = c.partition(".")
    if whole.isdigit() and (not dot or (frac.isdigit() and len(frac) <= 3)):
        v = int(whole) * 1000 + (int(frac.ljust(3, "0")) if dot else 0)
        if v <= 10000:
            return v
    return BAD


def coded(series, fn):
    """Apply fn once per distinct value of a categorical column -> int64 array."""
    cats = series.cat.categories
    table = np.array([fn(v) for v in cats] + [fn("")], dtype=np.int64)
    codes = series.cat.codes.to_numpy().astype(np.int64)
    codes[codes < 0] = len(cats)  # missing (empty) cells
    return table[codes]


def read(path, usecols, cats=()):
    dtype = {c: ("category" if c in cats else str) for c in usecols}
    return pd.read_csv(path, usecols=usecols, dtype=dtype, keep_default_na=False,
                       na_filter=False, engine="c")


def main():
    if len(sys.argv) != 3:
        fail("usage: pandas_rank.py DISTRICT_DIR OUT_DIR", 2)
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)

    # ---------------------------------------------------------------- roster
    ro = read(os.path.join(data, "students.csv"),
              ["student_id", "school_id", "cohort", "assessment", "assessment_term",
               "grad_term", "rank_exclude"],
              cats=("school_id", "cohort", "assessment", "assessment_term", "grad_term",
                    "rank_exclude"))
    if ro["student_id"].duplicated().any():
        fail("students.csv: duplicate student ids")
    ids = pd.Index(ro["student_id"])
    n = len(ro)
    cohort = coded(ro["cohort"], lambda s: int(s) if s.isdigit() and len(s) == 4 else BAD)
    assess_ok = coded(ro["assessment"], lambda s: {"passed": 1, "alternative": 1, "waived": 0,
                                                   "none": 0}.get(s, BAD))
    assess_t = coded(ro["assessment_term"], lambda s: -1 if s == "" else term_value(s))
    grad_t = coded(ro["grad_term"], lambda s: -1 if s == "" else term_value(s))
    flagged = coded(ro["rank_exclude"], lambda s: {"yes": 1, "true": 1, "1": 1, "no": 0,
                                                   "false": 0, "0": 0, "": 0}.get(s.lower(), BAD))
    for name, col in (("cohort", cohort), ("assessment", assess_ok),
                      ("assessment_term", assess_t), ("grad_term", grad_t),
                      ("rank_exclude", flagged)):
        if (col == BAD).any():
            fail(f"students.csv: bad {name}")

    # ---------------------------------------------------------------- grades
    gdir = os.path.join(data, "grades")
    files = sorted(f for f in os.listdir(gdir) if f.endswith(".csv") and not f.startswith("."))
    parts, asof = [], None
    for f in files:
        g = read(os.path.join(gdir, f),
                 ["student_id", "term", "course_id", "grade", "credits", "level", "source"],
                 cats=("term", "grade", "credits", "level", "source"))
        t = coded(g["term"], term_value)
        pu = coded(g["grade"], grade_points)
        bonus = coded(g["level"], lambda s: WEIGHTS.get(s, BAD))
        cr = coded(g["credits"], thousandths)
        src = coded(g["source"], lambda s: 0 if s in ("", "district", "transfer") else BAD)
        bad = (t == BAD) | (pu == BAD) | (bonus == BAD) | (cr == BAD) | (src == BAD) \
            | (g["student_id"].to_numpy() == "") | (g["course_id"].to_numpy() == "")
        if bad.any():
            fail(f"grades/{f}: {int(bad.sum())} bad rows")
        if len(t):
            asof = int(t.max()) if asof is None else max(asof, int(t.max()))
        sid = ids.get_indexer(g["student_id"])
        keep = (sid >= 0) & (pu >= 0)  # rostered and GPA-bearing
        pu, bonus, cr = pu[keep], bonus[keep], cr[keep]
        pw = pu + np.where(pu >= BONUS_MIN, bonus, 0)
        parts.append(pd.DataFrame({"sid": sid[keep], "t": t[keep], "c": cr,
                                   "nu": pu * cr, "nw": pw * cr})
                     .groupby(["sid", "t"], sort=False).sum())
        del g
    if asof is None:
        fail("grade files: no rows")
    agg = pd.concat(parts).groupby(level=["sid", "t"]).sum().reset_index()
    # Running sums per student in term order, so the sums up to a checkpoint are
    # one backward as-of lookup.
    agg = agg.sort_values(["sid", "t"])
    for col in ("c", "nu", "nw"):
        agg[col] = agg.groupby("sid", sort=False)[col].cumsum()

    # ------------------------------------------------------------ enrollment
    en = read(os.path.join(data, "enrollment.csv"), ["student_id", "term"], cats=("term",))
    et = coded(en["term"], term_value)
    if (et == BAD).any():
        fail("enrollment.csv: bad term")
    esid = ids.get_indexer(en["student_id"])
    en = pd.DataFrame({"sid": esid, "t": et})
    en = en[en["sid"] >= 0].drop_duplicates()
    enrolled_keys = en["sid"].to_numpy() * 1_000_000 + en["t"].to_numpy()
    # Runs of consecutive regular semesters (r = year*2, +1 for FA; summers dropped).
    reg = en[en["t"] % 3 != 1]
    reg = pd.DataFrame({"sid": reg["sid"].to_numpy(),
                        "r": (reg["t"] // 3 * 2 + (reg["t"] % 3 == 2)).to_numpy()})
    reg = reg.sort_values(["sid", "r"])
    reg["g"] = reg["r"] - reg.groupby("sid").cumcount()
    runs = reg.groupby(["sid", "g"]).agg(s=("r", "min"), e=("r", "max")).reset_index()

    # ------------------------------------------------ checkpoints and classes
    frames = []
    for k in CHECKPOINTS:
        year = cohort - 4 + (k - 1) // 2 if k % 2 else cohort - 4 + k // 2
        cpt = year * 3 + (2 if k % 2 else 0)
        cpr = year * 2 + (1 if k % 2 else 0)
        t7 = (cohort - 1) * 3 + 2
        sid = np.arange(n)
        member = pd.Index(sid * 1_000_000 + cpt).isin(enrolled_keys)
        if k == 8:
            member |= grad_t == t7
        m = (cpt <= asof) & member
        frames.append(pd.DataFrame({"sid": sid[m], "k": k, "cpt": cpt[m], "cpr": cpr[m]}))
    mem = pd.concat(frames, ignore_index=True)

    # GPA sums at each checkpoint: the running sums at the latest term <= cpt.
    mem = mem.sort_values("cpt")
    mem = pd.merge_asof(mem, agg.rename(columns={"t": "cpt"}).sort_values("cpt"),
                        on="cpt", by="sid", direction="backward")
    for col in ("c", "nu", "nw"):
        mem[col] = mem[col].fillna(0).astype(np.int64)
    # Longest run at or before the checkpoint.
    lr = mem[["sid", "k", "cpr"]].merge(runs, on="sid")
    lr = lr[lr["s"] <= lr["cpr"]]
    lr = lr.assign(run=np.minimum(lr["e"], lr["cpr"]) - lr["s"] + 1) \
        .groupby(["sid", "k"])["run"].max()
    mem = mem.merge(lr.rename("run").reset_index(), on=["sid", "k"], how="left")
    mem["run"] = mem["run"].fillna(0).astype(np.int64)

    s = mem["sid"].to_numpy()
    r_flag = flagged[s] == 1
    r_assess = (assess_ok[s] == 0) | (assess_t[s] > mem["cpt"].to_numpy())
    r_consec = mem["run"].to_numpy() < CONSECUTIVE
    r_nogpa = mem["c"].to_numpy() == 0
    reasons = np.full(len(mem), "", dtype=object)
    for flag, name in ((r_flag, "flagged"), (r_assess, "assessment"),
                       (r_consec, "consecutive"), (r_nogpa, "no_gpa")):
        reasons = np.where(flag, np.where(reasons == "", name, reasons + ";" + name), reasons)
    mem["reasons"] = reasons
    mem["student_id"] = ro["student_id"].to_numpy()[s]
    mem["school_id"] = ro["school_id"].to_numpy()[s].astype(str)
    mem["cohort"] = cohort[s]

    # --------------------------------------------------------------- ranking
    rk = mem[mem["reasons"] == ""].copy()
    rk["ratio"] = rk["nw"].to_numpy(dtype=np.float64) / rk["c"].to_numpy(dtype=np.float64)
    rk["rank"] = rk.groupby(["school_id", "cohort", "k"])["ratio"] \
        .rank(method="min", ascending=False).astype(np.int64)
    # Every adjacent pair of the float ordering, checked exactly.
    chk = rk.sort_values(["school_id", "cohort", "k", "ratio"], ascending=[True, True, True, False])
    same_group = (chk[["school_id", "cohort", "k"]].to_numpy()[1:] ==
                  chk[["school_id", "cohort", "k"]].to_numpy()[:-1]).all(axis=1)
    nw, c, ratio = chk["nw"].to_numpy(), chk["c"].to_numpy(), chk["ratio"].to_numpy()
    lhs, rhs = nw[:-1] * c[1:], nw[1:] * c[:-1]  # < 2^63: nw < 2^33, c < 2^27
    wrong = same_group & np.where(ratio[:-1] == ratio[1:], lhs != rhs, lhs <= rhs)
    if wrong.any():
        fail(f"{int(wrong.sum())} adjacent pairs ordered wrongly by floats", 4)

    # --------------------------------------------------------------- outputs
    def dec3(v):
        v = np.asarray(v, dtype=np.int64)
        return pd.Series(v // 1000).astype(str).str.cat(
            pd.Series(v % 1000).astype(str).str.zfill(3), sep=".").to_numpy()

    c = rk["c"].to_numpy()
    rk["gpa_weighted"] = dec3((20 * rk["nw"].to_numpy() + c) // (2 * c))  # half_up
    rk["gpa_unweighted"] = dec3((20 * rk["nu"].to_numpy() + c) // (2 * c))
    rk["credits"] = dec3(c)
    rk = rk.rename(columns={"k": "checkpoint"})
    ex = mem[mem["reasons"] != ""].rename(columns={"k": "checkpoint"})
    for k in CHECKPOINTS:
        part = rk[rk["checkpoint"] == k].sort_values(["school_id", "cohort", "rank", "student_id"])
        part[["school_id", "cohort", "checkpoint", "student_id", "gpa_weighted",
              "gpa_unweighted", "credits", "rank"]] \
            .to_csv(os.path.join(out, f"rank-s{k}.csv"), index=False)
        part = ex[ex["checkpoint"] == k].sort_values(["school_id", "cohort", "student_id"])
        part[["school_id", "cohort", "checkpoint", "student_id", "reasons"]] \
            .to_csv(os.path.join(out, f"excluded-s{k}.csv"), index=False)


if __name__ == "__main__":
    main()
