#!/usr/bin/env bash
# --out safety: outputs replace only a directory of classrank outputs, never
# land outside --out whatever the ids contain, and `check` writes nothing.
# Usage: output_directory.sh CLASSRANK_BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/district.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cd "$work"
# 1. A directory holding someone else's file is not replaced.
rm -rf ./*; write_district; mkdir out; echo mine > out/notes.txt
"$bin" rank $district_args --out out 2>err; rc=$?
[ $rc = 3 ] && [ "$(ls out)" = notes.txt ] && grep -q "refusing to replace" err && ok || bad "foreign file: rc=$rc $(cat err)"

# 2. Ids that look like paths stay data: nothing is written outside --out.
rm -rf ./*; write_district 's/../../x,../S,2026,passed\n/etc/passwd,S,2026,passed\n'
printf 's/../../x,S,2024-FA\ns/../../x,S,2025-SP\n' >> enrollment.csv
printf 's/../../x,2025-SP,X,A,1\n' >> grades/g.csv
mkdir sub && (cd sub && "$bin" rank --config ../config.yaml --students ../students.csv \
  --enrollment ../enrollment.csv --grades ../grades --out out) || bad "path-like ids run"
[ "$(ls sub)" = out ] && [ "$(ls -A | sort | tr '\n' ' ')" = "config.yaml enrollment.csv grades students.csv sub " ] &&
  grep -q '^\.\./S,2026,6,s/\.\./\.\./x,4.000' sub/out/rank-s6.csv && ok || bad "path-like ids: $(ls -A) / $(ls sub)"

# 3. `check` writes nothing and exits 0 on valid input, 1 on bad data.
rm -rf ./*; write_district
"$bin" check $district_args && [ "$(ls -A | sort | tr '\n' ' ')" = "config.yaml enrollment.csv grades students.csv " ] && ok || bad "check wrote or failed"
printf 's1,2025-SP,X,Z,1\n' >> grades/g.csv
"$bin" check $district_args 2>err; rc=$?
[ $rc = 1 ] && grep -q "^grades/g.csv:4:14: unknown grade 'Z'" err && ok || bad "check on bad data: rc=$rc $(cat err)"

# 4. --max-errors N reports exactly N errors, in file then line order.
rm -rf ./*; write_district
printf 'student_id,term,course_id,grade,credits\ns1,2025-SP,X,Q1,1\ns1,2025-SP,X,Q2,1\n' > grades/a.csv
printf 'student_id,term,course_id,grade,credits\ns1,2025-SP,X,Q3,1\ns1,2025-SP,X,Q4,1\n' > grades/b.csv
"$bin" check $district_args --max-errors 3 2>err; rc=$?
got=$(cut -d: -f1,2 err | tr '\n' ' ')
[ $rc = 1 ] && [ "$got" = "grades/a.csv:2 grades/a.csv:3 grades/b.csv:2 " ] && ok || bad "max-errors: rc=$rc got '$got'"
"$bin" check $district_args 2>err
[ "$(wc -l < err)" = 4 ] && ok || bad "default max-errors should show all 4: $(cat err)"

# 5. Hard caps: a field over 64 KiB is an error, not truncated.
rm -rf ./*; write_district
{ printf 'student_id,term,course_id,grade,credits\ns1,2025-SP,'; head -c 70000 /dev/zero | tr '\0' 'C'; printf ',A,1\n'; } > grades/g.csv
"$bin" check $district_args 2>err; rc=$?
[ $rc = 1 ] && grep -q "^grades/g.csv:2:.*field longer than 65536 bytes" err && ok || bad "field cap: rc=$rc $(head -c 300 err)"

# 6. A record over 1 MiB (twenty fields of 60,000 bytes, each under the field
#    cap) is an error, not truncated.
rm -rf ./*; write_district
{ printf 'student_id,term,course_id,grade,credits'; for i in $(seq 20); do printf ',x%d' $i; done; printf '\n'
  printf 's1,2025-SP,X,A,1'; for i in $(seq 20); do printf ','; head -c 60000 /dev/zero | tr '\0' 'v'; done; printf '\n'; } > grades/g.csv
"$bin" check $district_args 2>err; rc=$?
[ $rc = 1 ] && grep -q "^grades/g.csv:2:.*record longer than 1 MiB" err && ok || bad "record cap: rc=$rc $(head -c 300 err)"

# 7. More than 100,000 grade files is refused before anything is read.
rm -rf ./*; write_district
(cd grades && seq -f "%06g.csv" 0 100000 | xargs touch)
"$bin" check $district_args 2>err; rc=$?
[ $rc = 2 ] && grep -q "^grades: more than 100000 grade files" err && ok || bad "file cap: rc=$rc $(head -c 300 err)"
rm -rf grades

# 8. Errors come in file order, then line order, whatever the thread count and
#    block size: a generated district with bad grades planted in three files.
rm -rf ./*
"$bin" gen --students 20000 --seed 3 --out g >/dev/null
for f in 2024-FA 2025-SP 2026-FA; do
  awk -F, 'BEGIN{OFS=","} NR % 5000 == 17 {$4="Q"} {print}' "g/grades/$f.csv" > t && mv t "g/grades/$f.csv"
done
gargs="--config g/config.yaml --students g/students.csv --enrollment g/enrollment.csv --grades g/grades"
"$bin" check $gargs --threads 1 --max-errors 1000 2>e1; r1=$?
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" check $gargs --threads 3 --max-errors 1000 2>e3; r3=$?
"$bin" check $gargs --threads 2 --max-errors 7 2>e7
[ $r1 = 1 ] && [ $r3 = 1 ] && [ "$(wc -l < e1)" -gt 20 ] && cmp -s e1 e3 && ok || bad "errors differ across threads: $(diff e1 e3 | head -5)"
[ "$(head -n 7 e1)" = "$(cat e7)" ] && ok || bad "--max-errors 7 is not the first 7: $(cat e7)"
sort -t: -k1,1 -k2,2n -s e1 | cmp -s - e1 && ok || bad "errors not in file and line order"

# 9. Quoted files (SIS exports often quote every field) are split at record
#    ends by following the quotes; with an error in a block the block is read
#    again whole, as the file has it, so outputs and messages match one
#    thread's.
for f in 2025-SP 2026-FA; do
  python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); w=csv.writer(open(sys.argv[1],"w"),quoting=csv.QUOTE_ALL,lineterminator="\n"); w.writerows(r)' "g/grades/$f.csv"
done
# Doubled quotes in course ids make the unescaping write into the file's
# mapped pages: a block read again must get the file's bytes back.
sed -i -E '2,$ s/^("[^"]*","[^"]*",)"([A-Z]+)([0-9]+)"/\1"\2""\3"/' g/grades/2025-SP.csv
grep -q '^"[^"]*","[^"]*","[A-Z]*""[0-9]*",' g/grades/2025-SP.csv || bad "no doubled quotes planted"
"$bin" check $gargs --threads 1 --max-errors 1000 2>q1
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" check $gargs --threads 3 --max-errors 1000 2>q3
cmp -s q1 q3 && grep -q '^g/grades/2025-SP.csv:' q1 && ok || bad "quoted files: errors differ across threads: $(diff q1 q3 | head -5)"
for f in 2024-FA 2025-SP 2026-FA; do  # take the planted errors out again
  sed -i 's/,"Q",/,"A",/; s/,Q,/,A,/' "g/grades/$f.csv"
done
"$bin" rank $gargs --threads 1 --out r1 2>/dev/null
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" rank $gargs --threads 3 --out r3 2>/dev/null
[ -s r1/rank-s8.csv ] && diff -r -q r1 r3 >/dev/null && ok || bad "quoted files: outputs differ across threads"

# 10. The roster is checked on worker threads and its ids given indexes in
#     order: a duplicate id far from its first row is found at the same line
#     for any thread count.
sed -n 2p g/students.csv >> g/students.csv
"$bin" check $gargs --threads 1 2>d1; r1=$?
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" check $gargs --threads 3 2>d3; r3=$?
[ $r1 = 1 ] && [ $r3 = 1 ] && cmp -s d1 d3 && grep -q "^g/students.csv:20002:1: duplicate student_id" d1 && ok ||
  bad "duplicate roster id across threads: $(head -2 d1) / $(head -2 d3)"

# 11. Regular files are mapped a window at a time; pipes are read.  Grade and
#     enrollment files given as pipes (also in 64 KiB blocks on 3 threads)
#     give the outputs the files give; a roster given as a pipe is refused
#     (it is read twice, the second time for the names of honors lists).
sed -i '$d' g/students.csv # the duplicate of case 10
pipe_args="--config g/config.yaml --students g/students.csv --as-of 2027-SP"
"$bin" rank $pipe_args --enrollment g/enrollment.csv --grades g/grades --threads 1 --out pf 2>/dev/null
grade_pipes=$(for f in g/grades/*.csv; do printf ' <(cat %s)' "$f"; done)
eval "CLASSRANK_TEST_BLOCK_BYTES=65536 \"\$bin\" rank $pipe_args --enrollment <(cat g/enrollment.csv) \
  --grades $grade_pipes --threads 3 --out pp" 2>err
# (manifest.json names the pipes as given, /dev/fd/N; the digests of their
# bytes, and of every output, are the files' own)
[ -s pf/rank-s8.csv ] && diff -r -q -x manifest.json pf pp >/dev/null && ok || bad "pipes: outputs differ from files: $(cat err)"
digests() { grep -o '"size": [0-9]*, "rows": [0-9]*, "sha256": "[0-9a-f]*"\|"sha256": "[0-9a-f]*"' "$1"; }
[ "$(digests pf/manifest.json)" = "$(digests pp/manifest.json)" ] && [ "$(digests pp/manifest.json | wc -l)" -gt 5 ] &&
  ok || bad "pipes: manifest digests differ from the files'"
"$bin" rank --config g/config.yaml --students <(cat g/students.csv) --enrollment g/enrollment.csv \
  --grades g/grades --out pr 2>err; rc=$?
[ $rc = 2 ] && [ ! -e pr ] && grep -q "the roster must be a regular file" err && ok || bad "roster pipe: rc=$rc $(cat err)"

# 13. A mapped file's blocks are guessed to be like the block before (the
#     first one is looked at): quotes that start late -- here a note column,
#     empty for the first 60% of the rows, then quoted with a line break, a
#     comma and doubled quotes -- make the block be read again, knowing.
#     Outputs match the file without notes; errors in the quoted part are
#     the same for 1 thread and for 3 threads in 64 KiB blocks.
"$bin" rank $gargs --threads 1 --out nq 2>/dev/null
n=$(wc -l < g/grades/2026-SP.csv)
awk -v cut=$((n * 6 / 10)) 'NR == 1 {print $0 ",note"; next}
  NR <= cut {print $0 ","; next}
  {print $0 ",\"seen\nby \"\"J. Doe\"\", twice\""}' g/grades/2026-SP.csv > t && mv t g/grades/2026-SP.csv
grep -q '^by ""J. Doe"", twice"$' g/grades/2026-SP.csv || bad "no late quotes planted"
"$bin" rank $gargs --threads 1 --out lq1 2>err
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" rank $gargs --threads 3 --out lq3 2>>err
# (the notes are new bytes of an input: manifest.json differs from nq's, and
# is the same for 1 and 3 threads)
[ -s nq/rank-s8.csv ] && diff -r -q -x manifest.json nq lq1 >/dev/null && diff -r -q lq1 lq3 >/dev/null && ok ||
  bad "late quotes: outputs differ: $(diff -r -q nq lq3 | head -3) $(head -3 err)"
# ... and its digest of the file is the file's (its blocks were hashed on a
# thread of their own, then again after the wrong guess was undone)
want=$(sha256sum g/grades/2026-SP.csv | cut -d' ' -f1)
for d in lq1 lq3; do
  grep -q "\"path\": \"g/grades/2026-SP.csv\", \"size\": [0-9]*, \"rows\": [0-9]*, \"sha256\": \"$want\"" $d/manifest.json &&
    ok || bad "late quotes: $d/manifest.json's digest of 2026-SP.csv is not sha256sum's"
done
awk -F, 'BEGIN{OFS=","} /^[0-9A-Z]/ && NR % 997 == 5 && NR > 2000 {$4="Q"} {print}' g/grades/2026-SP.csv > t && mv t g/grades/2026-SP.csv
"$bin" check $gargs --threads 1 --max-errors 1000 2>lq_e1
CLASSRANK_TEST_BLOCK_BYTES=65536 "$bin" check $gargs --threads 3 --max-errors 1000 2>lq_e3
grep -q "^g/grades/2026-SP.csv:.*unknown grade 'Q'" lq_e1 && cmp -s lq_e1 lq_e3 && ok ||
  bad "late quotes: errors differ across threads: $(diff lq_e1 lq_e3 | head -4)"

# 12. Tied students are listed in bytewise id order, also when ids share
#     their first eight bytes (the id order sorts on 8-byte prefixes first)
#     or one id is a prefix of another, or they end in the highest printable
#     ASCII byte (~) or in UTF-8.  The expected order is sort(1)'s.
rm -rf ./*; write_district
ids='ABCDEFGHz ABCDEFGH ABCDEFGHa ABCDEFGH0 ABCDEFG ABCDEFGH\x7e ABCDEFGHaa ABCDEFGH\xc3\xa9 AB 0ABCDEFGH'
for id in $ids; do
  printf "$id,S,2026,passed\n" >> students.csv
  printf "$id,S,2024-FA\n$id,S,2025-SP\n" >> enrollment.csv
  printf "$id,2025-SP,X,A,1\n" >> grades/g.csv
done
"$bin" rank $district_args --out ties 2>err
want=$( { for id in $ids; do printf "$id\n"; done; printf 's1\n'; } | LC_ALL=C sort | tr '\n' ' ')
got=$(awk -F, 'NR > 1 && $5 == "4.000" {print $4}' ties/rank-s6.csv | tr '\n' ' ')
[ -n "$got" ] && [ "$got" = "$want" ] && ok || bad "tie order by id: got '$got' want '$want' $(cat err)"

echo "output_directory: $pass passed, $fail failed"
[ "$fail" = 0 ]
