#!/usr/bin/env bash
# `classrank verify DIR` (SPEC "Audit trail"): a fresh output verifies; one
# byte of a grade file changed (size kept, then size changed), an output
# edited, a grade file added to a --grades directory each make it exit 4
# naming the file; an input moved away makes it exit 3; a damaged manifest
# exit 1, a missing one 3.  The manifest is byte-identical for 1 and 2
# threads.  Runs on a copy of fixtures/catalog.
# Usage: verify.sh CLASSRANK_BINARY FIXTURE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fx=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL %s\n--- want\n%s\n--- got\n%s\n' "$1" "$3" "$2"; fi; }
cp -r "$fx" d && cd d
args=$(cat args)
# shellcheck disable=SC2086
"$bin" rank $args --threads 1 --out out 2>/dev/null || exit 1
# shellcheck disable=SC2086
"$bin" rank $args --threads 2 --out out2 2>/dev/null || exit 1
check "manifest.json is the same for 1 and 2 threads" "$(cmp out/manifest.json out2/manifest.json && echo same)" same
check "the manifest names its inputs' digests" "$(grep -c '"sha256": "[0-9a-f]\{64\}"' out/manifest.json)" 11

got=$("$bin" verify out); rc=$?
check "a fresh output verifies" "$rc: $got" "0: verify: every input and output matches the manifest"

g=grades/2025-SP.csv
cp $g g.bak
sed -i 's/^a,2025-SP,BIO,B,1,$/a,2025-SP,BIO,A,1,/' $g   # one byte, same size
got=$("$bin" verify out); rc=$?
check "one byte of a grade file changed" "$rc: $got" "4: input changed: $g (same size, other bytes: its SHA-256 differs)"
printf 'a,2025-SP,ART,A,1,\n' >> $g
got=$("$bin" verify out); rc=$?
check "a grade file grown" "$rc: $got" "4: input changed: $g (258 bytes, was 239)"
cp g.bak $g

printf 'x\n' >> out/rank-s6.csv
got=$("$bin" verify out); rc=$?
check "an output edited" "$rc: $got" "4: output changed since the run: rank-s6.csv differs from the manifest's SHA-256"
cp out2/rank-s6.csv out/rank-s6.csv

cp $g grades/2025-SU.csv
got=$("$bin" verify out); rc=$?
check "a grade file added to the --grades directory" "$rc: $(echo "$got" | head -n 1)" "4: input added: grades/2025-SU.csv (in a directory given as --grades)"
rm grades/2025-SU.csv

mv courses.csv ../courses.csv
got=$("$bin" verify out); rc=$?
check "an input moved away" "$rc: $got" "3: input missing: courses.csv (No such file or directory)"
mv ../courses.csv courses.csv

got=$("$bin" verify out); rc=$?
check "verifies again once restored" "$rc" 0

cp out/manifest.json m.bak
sed -i '3s/.*/  "directory" "oops",/' out/manifest.json
"$bin" verify out >/dev/null 2>err; rc=$?
check "a damaged manifest is bad input, located" "$rc: $(cut -d: -f1-2 err)" "1: out/manifest.json:3"
rm out/manifest.json
"$bin" verify out >/dev/null 2>err; rc=$?
check "no manifest" "$rc" 3
cp m.bak out/manifest.json
"$bin" verify >/dev/null 2>&1; rc=$?
check "verify without a directory is a usage error" "$rc" 2

echo "verify: $pass passed, $fail failed"
[ "$fail" = 0 ]
