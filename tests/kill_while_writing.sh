#!/usr/bin/env bash
# Atomic outputs: SIGKILL a run while it writes (the test build's slowed
# writer makes that window wide) and show the previous outputs are intact;
# then the next run succeeds and leaves no temporary directory beside --out.
# Usage: kill_while_writing.sh CLASSRANK_BINARY (built with CLASSRANK_TEST_HOOKS)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/district.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" && write_district
fail() { echo "FAIL: $*"; exit 1; }

"$bin" rank $district_args --out res/out || fail "first run"
before=$(cat res/out/*.csv res/out/summary.json | md5sum)
grep -q '^S,2026,6,s1,4.000' res/out/rank-s6.csv || fail "first run outputs"

# Change the data so the killed run would have written different outputs.
printf 's1,2025-SP,Y,F,3\n' >> grades/g.csv
CLASSRANK_TEST_SLOW_WRITE_MS=400 "$bin" rank $district_args --out res/out &
pid=$!
for _ in $(seq 100); do  # wait until the run has written a file into its temporary directory
  tmp=$(ls -d res/.out.classrank-tmp-* 2>/dev/null | head -1)
  [ -n "$tmp" ] && [ -n "$(ls -A "$tmp" 2>/dev/null)" ] && break
  sleep 0.05
done
[ -n "$tmp" ] || fail "no temporary directory appeared"
kill -9 $pid; wait $pid 2>/dev/null
after=$(cat res/out/*.csv res/out/summary.json | md5sum)
[ "$before" = "$after" ] || fail "outputs changed by a killed run"
[ -d "$tmp" ] || fail "the killed run's temporary directory should still be there"

"$bin" rank $district_args --out res/out || fail "run after the kill"
grep -q '^S,2026,6,s2,3.000,3.000,1.000,1,' res/out/rank-s6.csv || fail "new outputs not in place"
[ -z "$(ls -A res | grep -v '^out$')" ] || fail "left beside --out: $(ls -A res)"
echo "kill_while_writing: 1 passed, 0 failed"
