#!/usr/bin/env bash
# The layering check (tools/check-layers.py) passes on the engine as it is,
# and fails, naming the file and line, on a copy with each kind of breach:
# an include from a higher folder, the public header below the API layer, a
# bare include of another folder's header, cr_run named under read/, and a
# file in a folder that is not a stage.
# Usage: layers.sh REPO_DIR
set -u
repo=$1
check=$repo/tools/check-layers.py
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

out=$("$check" "$repo/engine" 2>&1) && ok || bad "the engine itself: $out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# breach NAME FILE LINE EXPECT: append LINE to a copy's FILE; the check must
# exit 1 and print "FILE:N:" with EXPECT in the message.
breach() {
  local name=$1 file=$2 line=$3 expect=$4
  rm -rf "$work/engine"
  cp -r "$repo/engine" "$work/engine"
  mkdir -p "$(dirname "$work/engine/$file")"
  printf '%s\n' "$line" >>"$work/engine/$file"
  local n
  n=$(wc -l <"$work/engine/$file")
  out=$("$check" "$work/engine" 2>&1)
  local rc=$?
  if [ $rc -ne 1 ]; then bad "$name: exit $rc, expected 1"; return; fi
  case $out in
    *"$file:$n: "*"$expect"*) ok ;;
    *) bad "$name: expected '$file:$n: ...$expect...', got: $out" ;;
  esac
}
breach "read/ includes load/" read/csv.c '#include "load/records.h"' "load/ is above read/"
breach "core/ includes config/" core/arena.h '#include "config/config.h"' "config/ is above core/"
breach "write/ includes registrar/" write/report.c '#include "registrar/explain.h"' "registrar/ is above write/"
breach "public header in load/" load/grades.c '#include <classrank.h>' "public header"
breach "public header in quotes" rules/rank.c '#include "classrank.h"' "public header"
breach "bare include" load/grades.c '#include "csv.h"' "name its folder"
breach "unknown folder" load/grades.c '#include "misc/x.h"' "not a stage folder"
breach "cr_run under read/" read/table.c 'static struct cr_run *oops;' "names cr_run"
breach "file outside the stages" misc/stray.c '/* stray */' "not in a stage folder"
# Comments and strings may mention cr_run; the public header in the API layer is fine.
rm -rf "$work/engine"; cp -r "$repo/engine" "$work/engine"
printf '%s\n' '/* struct cr_run is the run */' 'static const char *s = "cr_run";' >>"$work/engine/read/table.c"
out=$("$check" "$work/engine" 2>&1) && ok || bad "cr_run in a comment or string: $out"

echo "layers: $pass passed, $fail failed"
[ $fail -eq 0 ]
