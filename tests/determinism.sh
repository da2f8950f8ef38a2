#!/usr/bin/env bash
# Outputs must be byte-identical whatever the thread count, the order of the
# grade files and the order of rows inside them.  For each acceptance
# district: run once as given, then with every grade file's rows shuffled
# (header kept, fixed seed), the files passed in reverse order, and each
# thread count; compare every output file (manifest.json, which names the
# inputs' bytes, only across thread counts and block sizes).
# Usage: determinism.sh CLASSRANK_BINARY ACCEPTANCE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
acc=$2
[ -d "$acc" ] || { echo "acceptance districts not found at $acc"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
for c in "$acc"/random-0[0-4]; do
  name=$(basename "$c")
  rm -rf "$work"/*
  cp -r "$c" "$work/$name"
  d="$work/$name"
  args=$(sed 's/--grades grades//' "$d/args")
  (cd "$d" && "$bin" rank $args --grades grades --out "$work/a" --threads 1) || { fail=$((fail+1)); continue; }
  python3 - "$d/grades" <<'PY'
import csv, io, os, random, sys
random.seed(7)
for name in sorted(os.listdir(sys.argv[1])):
    path = os.path.join(sys.argv[1], name)
    raw = open(path, 'rb').read()
    bom = raw.startswith(b'\xef\xbb\xbf')
    text = raw.decode('utf-8-sig')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    head, body = rows[0], rows[1:]
    random.shuffle(body)
    out = io.StringIO(newline='')
    w = csv.writer(out, lineterminator='\r\n' if '\r\n' in text else '\n')
    w.writerow(head); w.writerows(body)
    open(path, 'wb').write((b'\xef\xbb\xbf' if bom else b'') + out.getvalue().encode())
PY
  files=$(cd "$d" && ls grades/*.csv | sort -r | tr '\n' ' ')
  ok=1
  for t in 1 2 3; do
    rm -rf "$work/b"
    (cd "$d" && "$bin" rank $args --grades $files --out "$work/b" --threads $t) || ok=0
    # manifest.json names the inputs' bytes, which the shuffle changed
    diff -r -q -x manifest.json "$work/a" "$work/b" || { ok=0; echo "FAIL $name threads=$t: outputs differ"; }
  done
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
done
# A generated district large enough to be split across threads: 1, 2 and 3
# threads, in 16 MiB blocks and (test builds) in 64 KiB blocks, must agree.
rm -rf "$work"/*
"$bin" gen --students 20000 --seed 11 --out "$work/g" >/dev/null || { echo "FAIL gen"; exit 1; }
g="--config $work/g/config.yaml --students $work/g/students.csv --enrollment $work/g/enrollment.csv --grades $work/g/grades"
"$bin" rank $g --threads 1 --out "$work/ref" || { echo "FAIL rank"; exit 1; }
ok=1
for t in 2 3; do
  for blocks in "" 65536; do
    rm -rf "$work/x"
    CLASSRANK_TEST_BLOCK_BYTES=$blocks "$bin" rank $g --threads $t --out "$work/x" || ok=0
    diff -r -q "$work/ref" "$work/x" >/dev/null || { ok=0; echo "FAIL generated threads=$t blocks=${blocks:-default}"; }
  done
done
if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi

echo "determinism: $pass passed, $fail failed"
[ "$pass" -gt 0 ] && [ "$fail" = 0 ]
