#!/usr/bin/env bash
# The shipped presets load, and read their SIS fixtures: `classrank check`
# with presets/*.yaml itself (not the fixture's copy) on the fixture's
# inputs must pass.  The fixtures' own configs are the presets with only the
# lines marked "fixture edit" changed (checked here too), so their golden
# outputs test the presets' column maps.
# Usage: presets.sh CLASSRANK_BINARY REPO_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") repo=$(cd "$2" && pwd)
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
for pair in edfi-course-transcript:sis-edfi powerschool-storedgrades:sis-powerschool; do
  preset=$repo/presets/${pair%%:*}.yaml fixture=$repo/fixtures/${pair#*:}
  args=$(sed "s|--config config.yaml|--config $preset|" "$fixture/args")
  # shellcheck disable=SC2086
  (cd "$fixture" && "$bin" check $args >/dev/null 2>err.$$) && ok || bad "$preset on $fixture: $(cat "$fixture/err.$$")"
  rm -f "$fixture/err.$$"
  # The fixture's config: the preset but for the lines marked "fixture
  # edit" (rank.tiebreak and gpa.repeats) and the honors it appends.
  strip() { grep -v -e '^\s*#' -e '^\s*\(repeats\|tiebreak\):' "$1" | sed '/^honors:/,$d'; }
  if diff <(strip "$preset") <(strip "$fixture/config.yaml") >/dev/null; then ok
  else bad "$fixture/config.yaml differs from $preset beyond its fixture edits"; fi
done
echo "presets: $pass passed, $fail failed"
[ "$fail" = 0 ]
