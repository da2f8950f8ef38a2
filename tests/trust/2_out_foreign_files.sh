#!/usr/bin/env bash
# Issue item 2: a file or directory classrank does not write, anywhere
# inside --out, stops the run with exit 3 before any input is read, and
# nothing is touched.  Only the names classrank writes, of the kinds it
# writes them (files, and report/ a directory), count as its own.
. "$(dirname "$0")/common.sh"

base
# A grade file that is bad CSV: if the inputs were read first, its error
# would come first.
printf 'student_id,term\n"open\n' > grades/bad.csv
mkfoo() { rm -rf prev; mkdir -p prev/out/report; printf 'old\n' > prev/out/rank-s6.csv
          printf '<p>\n' > prev/out/report/index.html; }
check_refused() {  # name: run, want exit 3 naming the stranger, no input error
  local name=$1 stranger=$2
  local before; before=$(snapshot prev)
  "$bin" rank $inputs --grades grades --out prev/out >/dev/null 2>err; local rc=$?
  [ $rc = 3 ] && grep -q "refusing to replace the output directory: it holds '$stranger'" err &&
    ! grep -q "grades/bad.csv" err && [ "$before" = "$(snapshot prev)" ] && ok ||
    bad "$name: rc=$rc $(head -n 2 err)"
}
mkfoo; echo notes > prev/out/report/notes.txt
check_refused notes_in_report report/notes.txt
mkfoo; mkdir prev/out/rank-s9.csv; echo k > prev/out/rank-s9.csv/keep.txt
check_refused directory_named_like_an_output rank-s9.csv/
mkfoo; rm prev/out/report/index.html; mkdir prev/out/report/index.html
check_refused directory_named_like_the_report report/index.html/
mkfoo; ln -s /etc/hostname prev/out/summary.json
check_refused link_named_like_an_output summary.json
mkfoo; rm -r prev/out/report; echo x > prev/out/report
check_refused file_named_like_the_report_dir report
mkfoo; echo x > prev/out/.hidden
check_refused hidden_file .hidden
mkfoo; mkfifo prev/out/excluded-s6.csv.fifo
check_refused fifo excluded-s6.csv.fifo

# --out a file: exit 3, the file unchanged.
rm -rf prev; mkdir prev; echo data > prev/out
"$bin" rank $inputs --grades grades --out prev/out >/dev/null 2>err; rc=$?
[ $rc = 3 ] && [ "$(cat prev/out)" = data ] && grep -q "not a directory" err && ok || bad "out is a file: rc=$rc"

# A directory of classrank's own outputs is replaced whole.
rm grades/bad.csv; mkfoo; printf 'x\n' > prev/out/honors-s6.csv
"$bin" rank $inputs --grades grades --out prev/out >/dev/null 2>err; rc=$?
[ $rc = 0 ] && [ "$(head -c 9 prev/out/rank-s6.csv)" = school_id ] && [ ! -e prev/out/report/x ] && ok ||
  bad "own outputs not replaced: rc=$rc $(cat err)"
[ "$(ls -A prev | tr '\n' ' ')" = "out " ] && ok || bad "left beside --out: $(ls -A prev)"

# A file put into --out while the run reads its inputs is not swapped away
# with the old outputs: the run fails at the swap, and the file stays.
if [ -n "${CLASSRANK_TEST_HOOKS:-}" ]; then
  mkfoo
  CLASSRANK_TEST_SLOW_WRITE_MS=300 "$bin" rank $inputs --grades grades --out prev/out >/dev/null 2>err &
  pid=$!; sleep 0.5; echo late > prev/out/late.txt; wait $pid; rc=$?
  [ $rc = 3 ] && [ "$(cat prev/out/late.txt)" = late ] && [ "$(cat prev/out/rank-s6.csv)" = old ] && ok ||
    bad "file added during the run: rc=$rc $(cat err)"
fi
finish out_foreign_files
