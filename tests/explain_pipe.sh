#!/usr/bin/env bash
# explain reads the grade files a second time, after ranking (the rank path
# itself is the same as `rank`'s): a grade file given as a pipe is refused
# with exit status 2, naming the pipe, before anything is printed; the same
# files as regular files explain with exit status 0, and `rank` still takes
# the pipe.
# Usage: explain_pipe.sh CLASSRANK_BINARY REPO_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2/fixtures/sample" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--config config.yaml --students students.csv --enrollment enrollment.csv --as-of 2027-SP)
files=(grades/*.csv)

"$bin" explain "${common[@]}" --grades "${files[@]:1}" --grades <(cat "${files[0]}") \
  --student 1005 >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "a pipe: exit $rc, expected 2 ($(cat "$work/err"))"
[ ! -s "$work/out" ] && ok || bad "a pipe: printed $(head -c 200 "$work/out")"
grep -q '^/dev/fd/[0-9]*: explain reads the grade files again.*a pipe' "$work/err" && ok ||
  bad "a pipe: message was $(cat "$work/err")"

"$bin" explain "${common[@]}" --grades "${files[@]}" --student 1005 >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 0 ] && grep -q '^student 1005' "$work/out" && ok || bad "regular files: exit $rc $(cat "$work/err")"

"$bin" rank "${common[@]}" --grades "${files[@]:1}" --grades <(cat "${files[0]}") \
  --out "$work/o" --quiet 2>"$work/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "rank with a pipe: exit $rc $(cat "$work/err")"

echo "explain_pipe: $pass passed, $fail failed"
[ $fail -eq 0 ]
