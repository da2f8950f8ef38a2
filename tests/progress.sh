#!/usr/bin/env bash
# Progress on stderr: shown when stderr is a terminal (driven here under a
# pseudo-terminal by script(1)), never in a pipe, never with --quiet.
# Usage: progress.sh CLASSRANK_BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/district.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work" && write_district
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
command -v script >/dev/null || { echo "FAIL: script(1) is needed (util-linux)"; exit 1; }

script -qec "'$bin' rank $district_args --out o1" tty.log >/dev/null </dev/null
grep -q "classrank: grades .* of .* MB" tty.log && ok || bad "no progress on a terminal: $(cat -v tty.log | head -c 300)"
grep -q "classrank: writing" tty.log && ok || bad "no writing phase shown"
script -qec "'$bin' rank $district_args --out o2 --quiet" quiet.log >/dev/null </dev/null
grep -q "classrank:" quiet.log && bad "progress shown despite --quiet" || ok
"$bin" rank $district_args --out o3 2>pipe.err | cat
[ ! -s pipe.err ] && ok || bad "progress written to a pipe: $(cat -v pipe.err)"
script -qec "'$bin' check $district_args" check.log >/dev/null </dev/null
grep -q "classrank:" check.log && bad "check shows progress" || ok

echo "progress: $pass passed, $fail failed"
[ "$fail" = 0 ]
