#!/usr/bin/python3
"""python_rank.py -- the benchmark's run of the Python binding: a data team's
notebook that holds the district as DataFrames, ranks it with classrank and
gets the ranks back as DataFrames.

    CLASSRANK_LIBRARY=/path/to/libclassrank.so \\
        /usr/bin/python3 python_rank.py REPO DISTRICT_DIR OUT_DIR THREADS

1. reads students.csv, enrollment.csv and every grades/*.csv into DataFrames
   (pandas.read_csv, every column as text, as the binding's README asks, so
   ids keep their zeros) -- the "DataFrames in" the caller already holds;
2. classrank.rank(config=path, students=df, enrollment=df, grades=[df, ...],
   threads=THREADS): the binding writes each DataFrame to CSV in memory
   (the bytes DataFrame.to_csv writes, by its own faster writer when no
   cell needs quoting) and the engine reads those buffers;
3. .to_pandas(k) and .to_pandas(k, excluded=True) for every checkpoint --
   the "DataFrames out";
4. writes those DataFrames as OUT_DIR/rank-s<k>.csv and excluded-s<k>.csv
   (DataFrame.to_csv) for compare.py, which checks them against the CLI's.

Prints one line per phase ("phase NAME SECONDS") on standard output, which
run.sh reads; the wall time of the whole program is measured by run.sh, like
every other tool's.  The binding is imported from REPO/bindings/python (the
source tree: it is pure Python, the same files `pip install` copies).
"""
import glob
import os
import sys
import time


def main():
    if len(sys.argv) != 5:
        print("usage: python_rank.py REPO DISTRICT_DIR OUT_DIR THREADS", file=sys.stderr)
        sys.exit(2)
    repo, data, out, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    phases = []
    t = time.perf_counter()

    def phase(name):
        nonlocal t
        now = time.perf_counter()
        phases.append((name, now - t))
        t = now

    sys.path.insert(0, os.path.join(repo, "bindings", "python"))
    import pandas as pd
    import classrank
    phase("import")

    def read(path):
        return pd.read_csv(path, dtype=str, keep_default_na=False, engine="c")

    students = read(os.path.join(data, "students.csv"))
    enrollment = read(os.path.join(data, "enrollment.csv"))
    grades = [read(f) for f in sorted(glob.glob(os.path.join(data, "grades", "*.csv")))]
    phase("read_csv")

    # How long the binding spends turning DataFrames into CSV bytes, inside rank().
    to_csv_seconds = 0.0
    plain_input = classrank._input

    def timed_input(value, role):
        nonlocal to_csv_seconds
        t0 = time.perf_counter()
        try:
            return plain_input(value, role)
        finally:
            to_csv_seconds += time.perf_counter() - t0

    classrank._input = timed_input
    result = classrank.rank(config=os.path.join(data, "config.yaml"), students=students,
                            enrollment=enrollment, grades=grades, threads=threads)
    phase("rank")
    phases.append(("rank.dataframe_to_csv", to_csv_seconds))
    frames = {}
    for k in result.checkpoints:
        frames[k] = (result.to_pandas(k), result.to_pandas(k, excluded=True))
    phase("to_pandas")
    for k, (ranked, excluded) in frames.items():
        ranked.to_csv(os.path.join(out, f"rank-s{k}.csv"), index=False)
        excluded.to_csv(os.path.join(out, f"excluded-s{k}.csv"), index=False)
    phase("write_csv")
    for name, secs in phases:
        print(f"phase {name} {secs:.3f}")
    print(f"rows {sum(len(g) for g in grades)} ranked "
          f"{sum(len(r) for r, _ in frames.values())}")


if __name__ == "__main__":
    main()
