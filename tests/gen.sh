#!/usr/bin/env bash
# `classrank gen`: the same N and S give the same bytes, another seed gives
# other bytes, the district ranks cleanly, and it holds what the SPEC asks
# for (four cohorts, summer rows, transfers, non-GPA and numeric grades,
# December graduates, students failing each eligibility rule).
# Usage: gen.sh CLASSRANK_BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$bin" gen --students 4000 --seed 7 --out a || bad "gen a"
"$bin" gen --students 4000 --seed 7 --out b || bad "gen b"
"$bin" gen --students 4000 --seed 8 --out c || bad "gen c"
diff -r a b >/dev/null && ok || bad "same N and S gave different bytes"
cmp -s a/grades/2026-FA.csv c/grades/2026-FA.csv && bad "another seed gave the same grades" || ok

[ "$(tail -n +2 a/students.csv | wc -l)" = 4000 ] && ok || bad "roster size"
[ "$(tail -n +2 a/students.csv | cut -d, -f3 | sort -u | tr '\n' ' ')" = "2027 2028 2029 2030 " ] && ok || bad "four cohorts"
[ "$(tail -n +2 a/students.csv | cut -d, -f2 | sort -u | wc -l)" = 3 ] && ok || bad "about 1,500 students per school"
[ "$(ls a/grades | wc -l)" = 13 ] && ok || bad "one grade file per term, 2023-SP to 2027-SP"
grep -q ',2026-FA,' a/students.csv && ok || bad "December graduates"
[ "$(tail -n +2 a/grades/2025-SU.csv | wc -l)" -gt 0 ] && ok || bad "summer rows"
grep -q ',transfer$' a/grades/2025-SP.csv && ok || bad "transfer rows"
grep -qE ',(P|W|I|NC|AU|CR),' a/grades/2025-SP.csv && ok || bad "non-GPA marks"
grep -qE ',[0-9]+(\.[0-9]+)?,[0-9.]+,' a/grades/2025-SP.csv && ok || bad "numeric grades"
grep -qE ',(honors|ap|ib|dual),' a/grades/2025-SP.csv && ok || bad "levels"

"$bin" rank --config a/config.yaml --students a/students.csv --enrollment a/enrollment.csv \
  --grades a/grades --out out || bad "rank on a generated district"
for reason in flagged assessment consecutive no_gpa; do
  grep -q "$reason" out/excluded-s6.csv out/excluded-s7.csv out/excluded-s8.csv && ok || bad "nobody excluded for $reason"
done
[ "$(tail -n +2 out/rank-s8.csv | wc -l)" -gt 500 ] && ok || bad "class of 2027 ranked at checkpoint 8"
"$bin" gen --students 0 --seed 1 --out z 2>/dev/null; [ $? = 2 ] && ok || bad "--students 0 is a usage error"

echo "gen: $pass passed, $fail failed"
[ "$fail" = 0 ]
