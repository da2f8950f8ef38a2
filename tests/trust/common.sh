# common.sh -- what the trust tests share (sourced; see tests/trust/*.sh).
# Each test gets the classrank binary as $1, works in a fresh temporary
# directory, counts its cases with ok/bad, and ends with `finish NAME`.
set -u
export LC_ALL=C
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "$1: $pass passed, $fail failed"; [ "$fail" = 0 ] && [ "$pass" -gt 0 ]; }

# A valid district in the current directory: two students, one checkpoint.
base() {
  rm -rf ./* ./.[!.]* 2>/dev/null
  mkdir grades
  printf 'rank: {checkpoints: [6]}\n' > config.yaml
  printf 'student_id,school_id,cohort,assessment,assessment_term,grad_term\ns1,S,2026,passed,,\ns2,S,2026,passed,,\n' > students.csv
  printf 'student_id,school_id,term\ns1,S,2024-FA\ns1,S,2025-SP\ns2,S,2024-FA\ns2,S,2025-SP\n' > enrollment.csv
  printf 'student_id,term,course_id,grade,credits,level,source\ns1,2025-SP,X,A,1,regular,district\ns2,2025-SP,X,B,1,honors,\n' > grades/g.csv
}
inputs="--config config.yaml --students students.csv --enrollment enrollment.csv"

# A listing of a tree, every file with its bytes' checksum and every link
# with its target: equal before and after means nothing was touched.
snapshot() { (cd "$1" && find . -printf '%y %p %l\n' | sort && find . -type f -exec md5sum {} + | sort); }

# run_case NAME EXIT STDERR_PREFIX ARGS...: `classrank rank` with ARGS and
# --out prev/out (holding a previous run's file) must exit EXIT, start
# stderr with STDERR_PREFIX, leave prev/out as it was and nothing beside it.
run_case() {
  local name=$1 want_exit=$2 want=$3
  shift 3
  mkdir -p prev/out
  printf 'previous\n' > prev/out/rank-s6.csv
  local before; before=$(snapshot prev)
  "$bin" rank "$@" --out prev/out >stdout 2>stderr
  local got=$?
  local first; first=$(head -n 1 stderr)
  local problems=""
  [ "$got" = "$want_exit" ] || problems="$problems exit=$got(want $want_exit)"
  case "$first" in "$want"*) ;; *) problems="$problems stderr='$first' (want prefix '$want')";; esac
  [ "$before" = "$(snapshot prev)" ] || problems="$problems out-changed"
  if [ -z "$problems" ]; then ok; else bad "$name:$problems"; fi
  rm -rf prev
}

# Milliseconds a command takes (its status in $status).
elapsed_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@"
  status=$?
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 )) > "$work/.elapsed"
  return 0
}
