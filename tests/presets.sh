#!/usr/bin/env bash
# The shipped presets load, and read their SIS fixtures: `classrank check`
# with presets/*.yaml itself (not the fixture's copy) on the inputs of the
# fixtures that keep the preset's school ids must pass.  The fixtures' own
# configs are the presets with only the lines marked "fixture edit" changed
# (rank.tiebreak, gpa.repeats, rank.scope, the school map; checked here
# too), so their golden outputs test the presets' column maps.
# Usage: presets.sh CLASSRANK_BINARY REPO_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") repo=$(cd "$2" && pwd)
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# preset:fixture:own -- own: the fixture keeps the preset's EDIT lines (its
# school ids), so the preset itself must read it too.
for pair in edfi-course-transcript:sis-edfi:own edfi-course-transcript:edfi-grand-bend:edited \
            powerschool-storedgrades:sis-powerschool:own; do
  IFS=: read -r p f own <<<"$pair"
  preset=$repo/presets/$p.yaml fixture=$repo/fixtures/$f
  if [ "$own" = own ]; then
    args=$(sed "s|--config config.yaml|--config $preset|" "$fixture/args")
    # shellcheck disable=SC2086
    (cd "$fixture" && "$bin" check $args >/dev/null 2>err.$$) && ok || bad "$preset on $fixture: $(cat "$fixture/err.$$")"
    rm -f "$fixture/err.$$"
  fi
  # The fixture's config: the preset but for the lines marked "fixture
  # edit" and the honors it appends.
  strip() { grep -v -e '^\s*#' "$1" | sed -e 's/ *#.*//' -e '/^honors:/,$d' | grep -v -e '^\s*\(repeats\|tiebreak\|scope\|school_id\):'; }
  if diff <(strip "$preset") <(strip "$fixture/config.yaml") >/dev/null; then ok
  else bad "$fixture/config.yaml differs from $preset beyond its fixture edits"; fi
done
echo "presets: $pass passed, $fail failed"
[ "$fail" = 0 ]
