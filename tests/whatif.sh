#!/usr/bin/env bash
# `classrank whatif` on fixtures/whatif: every case's output, worked out by
# hand in the fixture's README, byte for byte; then the exit statuses of the
# SPEC's usage and data errors.
# Usage: whatif.sh CLASSRANK_BINARY FIXTURE_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 1
pass=0; fail=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL %s\n--- want\n%s\n--- got\n%s\n' "$1" "$3" "$2"; fi; }
for a in cases/*.args; do
  got=$(eval "\"\$bin\" whatif $(cat "$a")" 2>&1); rc=$?
  check "$a" "$rc: $got" "0: $(cat "${a%.args}.expected")"
done
base="--config config.yaml --students students.csv --enrollment enrollment.csv --grades grades"
status() { "$bin" whatif $base "$@" >/dev/null 2>err; echo "$?: $(grep -v "^warning: " err | head -n 1)"; }
check "unknown student" "$(status --student zz --checkpoint 8 --add X,A,1)" \
  "2: classrank: student 'zz' is not in the roster"
check "unknown honors" "$(status --student d --checkpoint 8 --need honors:Valedictorian --credits 1)" \
  "2: classrank: the target 'honors:Valedictorian': no honors of that name for the student's school"
check "rank below 1" "$(status --student d --checkpoint 8 --need rank:0 --credits 1)" \
  "2: classrank: the target 'rank:0': a rank target is rank:N with N 1 or more"
check "a checkpoint the class has not reached" "$(status --student d --checkpoint 8 --as-of 2026-FA --add X,A,1)" \
  "2: classrank: the class of 2027 reaches checkpoint 8 in 2027-SP, after the as-of term 2026-FA"
check "a checkpoint not configured" "$(status --student d --checkpoint 7 --add X,A,1)" \
  "2: classrank: checkpoint 7 is not in rank.checkpoints"
check "a bad grade is bad data" "$(status --student d --checkpoint 8 --add X,Q,1)" \
  "1: --add:1:3: unknown grade 'Q' (not in gpa.scale or gpa.non_gpa, and not a number)"
# Located in the rows as given: row 2, the column of the bad cell there.
check "bad credits in the second row" "$(status --student d --checkpoint 8 --add X,A,1 --add Y,B,1x)" \
  "1: --add:2:5: credits '1x' is not a number"
check "a bad term in a row" "$(status --student d --checkpoint 8 --add X,A,1,regular,2026-XX)" \
  "1: --add:1:15: term '2026-XX' is not a term (expected YYYY-SP, YYYY-SU or YYYY-FA)"
check "neither --add nor --need" "$(status --student d --checkpoint 8)" \
  "2: classrank whatif: give either --add rows or --need TARGET"
echo "whatif: $pass passed, $fail failed"
[ "$fail" = 0 ]
