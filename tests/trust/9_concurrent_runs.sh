#!/usr/bin/env bash
# Issue item 9: two runs into one --out deleted each other's live temporary
# directory (8 of 52 pairs failed).  Runs take turns on a lock beside
# --out: 20 pairs started together both succeed (the second waits), or,
# under --no-wait, one may fail at once with exit 3 (and says so); the
# final --out is byte-equal to one complete run, and nothing is left beside
# it.
. "$(dirname "$0")/common.sh"

"$bin" gen --students 3000 --seed 7 --out d >/dev/null || { bad "gen"; finish concurrent_runs; exit 1; }
args="--config d/config.yaml --students d/students.csv --enrollment d/enrollment.csv --grades d/grades --quiet"
"$bin" rank $args --out ref 2>/dev/null || bad "reference run"
for i in $(seq 20); do
  "$bin" rank $args --out shared >/dev/null 2>e1 & p1=$!
  "$bin" rank $args --out shared >/dev/null 2>e2 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  [ $r1 = 0 ] && [ $r2 = 0 ] && ok || bad "pair $i (waiting): exit $r1 and $r2: $(cat e1 e2)"
  diff -r ref shared >/dev/null && ok || bad "pair $i (waiting): --out differs from one complete run"
done
for i in $(seq 20); do
  "$bin" rank $args --out nowait --no-wait >/dev/null 2>e1 & p1=$!
  "$bin" rank $args --out nowait --no-wait >/dev/null 2>e2 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  case "$r1 $r2" in
    "0 0") ok ;;
    "0 3") grep -q "another classrank run is writing into it" e2 && ok || bad "pair $i: $(cat e2)" ;;
    "3 0") grep -q "another classrank run is writing into it" e1 && ok || bad "pair $i: $(cat e1)" ;;
    *) bad "pair $i (--no-wait): exit $r1 and $r2: $(cat e1 e2)" ;;
  esac
  diff -r ref nowait >/dev/null && ok || bad "pair $i (--no-wait): --out differs from one complete run"
done
[ "$(ls -A | sort | tr '\n' ' ')" = "d e1 e2 nowait ref shared " ] && ok || bad "left beside --out: $(ls -A)"

# A run waits while the run ahead of it made --out's parents and then
# fails (its grade file, a pipe, turns out bad): the parents are removed
# with the lock file, and the waiting run makes them again and succeeds.
mkfifo late.csv
"$bin" rank $args --grades late.csv --out fresh/deep/out >/dev/null 2>e1 & p1=$!
sleep 0.3
"$bin" rank $args --out fresh/deep/out >/dev/null 2>e2 & p2=$!
sleep 0.3
printf 'student_id\n' > late.csv
wait $p1; r1=$?; wait $p2; r2=$?
[ $r1 = 1 ] && [ $r2 = 0 ] && diff -r ref fresh/deep/out >/dev/null && ok ||
  bad "waiting behind a failed run that made the parents: exit $r1 and $r2: $(cat e2)"
rm -rf late.csv fresh

# --no-wait while a run holds the lock: fails at once, touches nothing.
if [ -n "${CLASSRANK_TEST_HOOKS:-}" ]; then
  CLASSRANK_TEST_SLOW_WRITE_MS=200 "$bin" rank $args --out held >/dev/null 2>&1 & p1=$!
  sleep 0.3
  elapsed_ms "$bin" rank $args --out held --no-wait >/dev/null 2>e2
  r2=$status; ms=$(cat .elapsed)
  wait $p1; r1=$?
  [ $r1 = 0 ] && [ $r2 = 3 ] && [ "$ms" -lt 1000 ] && grep -q "not waiting (--no-wait)" e2 && ok ||
    bad "--no-wait against a held lock: exit $r1 and $r2 after $ms ms: $(cat e2)"
  diff -r ref held >/dev/null && ok || bad "held: --out differs from one complete run"
  # A run that waits says so on a terminal (script(1) gives it one), also
  # under --quiet.
  if command -v script >/dev/null; then
    CLASSRANK_TEST_SLOW_WRITE_MS=200 "$bin" rank $args --out held >/dev/null 2>&1 & p1=$!
    sleep 0.3
    script -qec "'$bin' rank $args --out held" /dev/null > tty.out; r2=$?
    wait $p1; r1=$?
    [ $r1 = 0 ] && [ $r2 = 0 ] && grep -q "classrank: waiting for another run writing into held to finish" tty.out && ok ||
      bad "no word of waiting on a terminal: exit $r1 and $r2: $(cat -v tty.out | head -3)"
    rm -f tty.out
  fi
fi
finish concurrent_runs
