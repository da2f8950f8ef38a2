#!/usr/bin/env bash
# `classrank diff` on the late-grade fixture (fixtures/late-grade: a district
# ranked before and after late grade changes, worked by hand in its README).
# Usage: diff.sh CLASSRANK_BINARY FIXTURE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fx=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL %s\n--- want\n%s\n--- got\n%s\n' "$1" "$3" "$2"; fi; }

args="--config $fx/config.yaml --students $fx/students.csv --enrollment $fx/enrollment.csv"
"$bin" rank $args --grades "$fx/before" --out old || exit 1
"$bin" rank $args --grades "$fx/after" --out new || exit 1

got=$("$bin" diff old new); rc=$?
check "diff exit status (4 when something differs)" "$rc" 4
check "diff rows" "$got" "$(cat "$fx/expected-diff.csv")"

got=$("$bin" diff old old); rc=$?
check "diff of a ranking with itself exits 0" "$rc" 0
check "diff of a ranking with itself prints the header only" "$got" "$(head -n 1 "$fx/expected-diff.csv")"

"$bin" diff old missing >/dev/null 2>err; rc=$?
check "diff with a missing directory exits 3" "$rc" 3
"$bin" diff old >/dev/null 2>&1; rc=$?
check "diff with one directory is a usage error" "$rc" 2
# A June run written before top_percent (the column missing) diffs with a
# new run as if it had it: top_percent follows from rank and class size.
mkdir june && for f in old/rank-s*.csv; do cut -d, -f1-10 "$f" > "june/$(basename "$f")"; done
got=$("$bin" diff june new); rc=$?
check "diff from a rank file without top_percent" "$rc:$got" "4:$(cat "$fx/expected-diff.csv")"
got=$("$bin" diff june old); rc=$?
check "the same ranking with and without top_percent is no change" "$rc" 0
mkdir broken && printf 'not,a,rank,file\n' > broken/rank-s6.csv
"$bin" diff old broken >/dev/null 2>err; rc=$?
check "diff of a malformed rank file exits 1" "$rc" 1
check "diff names the malformed file" "$(cut -d: -f1-3 err)" "broken/rank-s6.csv:1:1"

echo "diff: $pass passed, $fail failed"
[ "$fail" = 0 ]
