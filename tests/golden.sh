#!/usr/bin/env bash
# Golden end-to-end test: run `classrank rank` on every fixture case (each
# directory under fixtures/ holding an `args` file, run from inside it) and
# compare every output file with the case's expected/ directory, byte for
# byte.  Every rank-s*.csv, excluded-s*.csv, edfi-s*.jsonl and summary.json the run writes
# must have an expected twin, and every expected file must be written.
# Usage: golden.sh CLASSRANK_BINARY FIXTURES_DIR
# GOLDEN_EXTRA_ARGS (environment) is appended to every rank command.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$2
pass=0; fail=0
while IFS= read -r args; do
  case_dir=$(dirname "$args")
  name=${case_dir#"$fixtures"/}
  out=$(mktemp -d)
  # shellcheck disable=SC2046
  if ! (cd "$case_dir" && "$bin" rank $(cat args) ${GOLDEN_EXTRA_ARGS:-} --out "$out/o" >"$out/stdout" 2>"$out/stderr"); then
    echo "FAIL $name: rank exited non-zero: $(head -c 400 "$out/stderr")"
    fail=$((fail + 1)); rm -rf "$out"; continue
  fi
  bad=""
  for f in "$case_dir"/expected/*; do
    b=$(basename "$f")
    if [ ! -e "$out/o/$b" ]; then bad="$bad $b(missing)"
    elif ! cmp -s "$f" "$out/o/$b"; then bad="$bad $b"; fi
  done
  for f in "$out"/o/rank-s*.csv "$out"/o/excluded-s*.csv "$out"/o/edfi-s*.jsonl "$out"/o/summary.json; do
    [ -e "$f" ] || continue
    [ -e "$case_dir/expected/$(basename "$f")" ] || bad="$bad $(basename "$f")(not-expected)"
  done
  if [ -z "$bad" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name:$bad"
    for b in $bad; do
      b=${b%%(*}
      [ -e "$case_dir/expected/$b" ] && [ -e "$out/o/$b" ] &&
        diff "$case_dir/expected/$b" "$out/o/$b" | head -8 | sed 's/^/    /'
    done
  fi
  rm -rf "$out"
done < <(find "$fixtures" -name args -type f | sort)
echo "golden: $pass passed, $fail failed"
[ "$pass" -gt 0 ] && [ "$fail" = 0 ]
