#!/usr/bin/env bash
# bench/run.sh -- classrank against DuckDB, pandas and `wc -l` on one
# generated district, on the same files and the same cores; and classrank's
# Python binding, DataFrames in and DataFrames out, next to pandas.
#
#   bench/run.sh [STUDENTS [WORK_DIR]]      (defaults: 1000000, /tmp/classrank-bench)
#
# Builds classrank (Release) into WORK_DIR/build, generates the district once
# per STUDENTS (`classrank gen --seed 1`), installs the peers if missing
# (DuckDB from npm into WORK_DIR/node, pandas and GNU time from Debian), runs
# every tool once after a warm-up read of the input files, checks that each
# peer's ranks equal classrank's, and prints one table.  Exit status 0 only if
# every peer agrees with classrank.  See bench/README.md.
#
# Environment: CLASSRANK=/path/to/classrank uses that binary instead of
# building one (and CLASSRANK_LIBRARY=/path/to/libclassrank.so the library
# the Python binding loads, else the one built beside that binary);
# BENCH_SKIP=duckdb,pandas,python leaves tools out.
set -euo pipefail

N=${1:-1000000}
WORK=${2:-/tmp/classrank-bench}
case $N in '' | *[!0-9]*) echo "run.sh: STUDENTS must be a whole number, not '$N'" >&2; exit 2 ;; esac
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
NPROC=$(nproc)
SKIP=",${BENCH_SKIP:-},"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
DIST=$WORK/district-$N            # the generated input
RUN=$WORK/run-$N                  # outputs, logs, timings of this run
NODE_DIR=$WORK/node               # node_modules/@duckdb/node-api lives here
PY=/usr/bin/python3               # Debian's Python (pandas); `python3` may be a pyenv one
TIME=/usr/bin/time
say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ peers
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_install() {
    say "installing Debian packages: $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
        { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
          as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; } ||
        die "apt-get install $* failed"
}
[ -x "$TIME" ] || apt_install time
if { [[ $SKIP != *,pandas,* ]] || [[ $SKIP != *,python,* ]]; } && ! "$PY" -c 'import pandas' 2>/dev/null; then
    [ -x "$PY" ] || apt_install python3
    apt_install python3-pandas
fi
if [[ $SKIP != *,duckdb,* ]]; then
    command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
    if [ ! -f "$NODE_DIR/node_modules/@duckdb/node-api/package.json" ]; then
        say "installing @duckdb/node-api from npm into $NODE_DIR"
        mkdir -p "$NODE_DIR"
        (cd "$NODE_DIR" && npm install --no-save --no-audit --no-fund --loglevel=error \
            --prefix "$NODE_DIR" @duckdb/node-api >/dev/null) || die "npm install @duckdb/node-api failed"
    fi
fi

# ------------------------------------------------------------------ classrank
if [ -n "${CLASSRANK:-}" ]; then
    CR=$CLASSRANK
else
    BUILD=$WORK/build
    if [ ! -f "$BUILD/CMakeCache.txt" ]; then
        cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCLASSRANK_TESTS=OFF \
            -DCLASSRANK_TEST_HOOKS=OFF >"$WORK/cmake-configure.log" 2>&1 ||
            { cat "$WORK/cmake-configure.log" >&2; die "cmake configure failed"; }
    fi
    cmake --build "$BUILD" -j "$NPROC" >"$WORK/cmake-build.log" 2>&1 ||
        { cat "$WORK/cmake-build.log" >&2; die "build failed"; }
    CR=$BUILD/tools/classrank
fi
[ -x "$CR" ] || die "no classrank binary at $CR"
# The library the Python binding loads: the shared one built with that binary.
LIB=${CLASSRANK_LIBRARY:-$(dirname "$(dirname "$CR")")/engine/libclassrank.so}
if [[ $SKIP != *,python,* ]] && [ ! -f "$LIB" ]; then
    die "no libclassrank.so at $LIB: set CLASSRANK_LIBRARY, or BENCH_SKIP=python"
fi

# ------------------------------------------------------------------ district
# Regenerate when the generator's source changed (same N and seed, other bytes).
MARK="students=$N seed=1 gen=$(sha256sum "$REPO/tools/classrank/cmd_gen.c" 2>/dev/null | cut -c1-16)"
if [ "$(cat "$DIST/.bench-generated" 2>/dev/null)" != "$MARK" ]; then
    say "generating $N students into $DIST"
    rm -rf "$DIST"
    "$CR" gen --students "$N" --seed 1 --out "$DIST" || die "classrank gen failed"
    printf '%s\n' "$MARK" >"$DIST/.bench-generated"
else
    say "district of $N students already in $DIST"
fi
# The peers implement exactly the configuration `classrank gen` writes (the SPEC
# defaults); refuse to compare against any other ranking configuration.
EXPECTED_CONFIG='gpa:
  repeats: all
  precision: 3
  rounding: half_up
rank:
  by: weighted
  scope: school
  ties: competition
  compare: exact
  checkpoints: [6, 7, 8]'
[ "$(sed -e '/^#/d' -e '/^honors:/,$d' "$DIST/config.yaml")" = "$EXPECTED_CONFIG" ] ||
    die "$DIST/config.yaml is not the configuration the peers implement"

GRADE_FILES=("$DIST"/grades/*.csv)
INPUTS=("$DIST/students.csv" "$DIST/enrollment.csv" "$DIST/config.yaml" "${GRADE_FILES[@]}")
GRADE_BYTES=$(cat "${GRADE_FILES[@]}" | wc -c)
GRADE_ROWS=$(( $(cat "${GRADE_FILES[@]}" | wc -l) - ${#GRADE_FILES[@]} ))  # minus one header each

# ------------------------------------------------------------------ timing
rm -rf "$RUN"
mkdir -p "$RUN"
TOOLS=()
declare -A SECS RSS CMD CPU LOAD
# cpu_busy: percent of all cores busy over the next half second (other processes).
cpu_busy() {
    local a b
    a=$(head -n 1 /proc/stat)
    sleep 0.5
    b=$(head -n 1 /proc/stat)
    printf '%s\n%s\n' "$a" "$b" | awk '{ idle[NR] = $5 + $6; tot[NR] = 0
        for (i = 2; i <= NF; i++) tot[NR] += $i }
        END { d = tot[2] - tot[1]; printf "%.0f", (d > 0 ? 100 * (1 - (idle[2] - idle[1]) / d) : 0) }'
}
# measure NAME COMMAND...: warm the page cache, note how busy the CPUs are, run
# once, record wall seconds (nanosecond clock around the run), peak RSS (GNU
# time %M, KiB) and CPU seconds (%U + %S).
measure() {
    local name=$1
    shift
    cat "${INPUTS[@]}" >/dev/null
    LOAD[$name]=$(cpu_busy)
    local t0 t1
    t0=$(date +%s%N)
    if ! "$TIME" -f '%e %M %U %S' -o "$RUN/$name.time" "$@" >"$RUN/$name.stdout" 2>"$RUN/$name.stderr"; then
        t1=$(date +%s%N)
        cat "$RUN/$name.stderr" >&2
        die "$name failed (see $RUN/$name.stderr)"
    fi
    t1=$(date +%s%N)
    SECS[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS[$name]=$(tail -n 1 "$RUN/$name.time" | awk '{ print $2 }')
    CPU[$name]=$(tail -n 1 "$RUN/$name.time" | awk '{ printf "%.2f", $3 + $4 }')
    CMD[$name]=${SHOWN:-$*}
    TOOLS+=("$name")
    say "  $name: ${SECS[$name]} s wall, ${CPU[$name]} s CPU, peak RSS $(awk -v k="${RSS[$name]}" 'BEGIN { printf "%.0f", k / 1024 }') MB (CPU busy just before: ${LOAD[$name]}%)"
}

say ""
# classrank asks for huge pages for its large arrays (engine/bigmem.c): with
# the kernel's "never" they are not given, and runs fault more.
THP=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
say "machine: $NPROC cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo), transparent huge pages: ${THP:-unknown}"
say "command: $0 $N $WORK${BENCH_SKIP:+  (BENCH_SKIP=$BENCH_SKIP)}${CLASSRANK:+  (CLASSRANK=$CLASSRANK)}"
say "input:   $DIST: $GRADE_ROWS grade rows in ${#GRADE_FILES[@]} files, $GRADE_BYTES bytes"
REV=""
if [ -z "${CLASSRANK:-}" ] && git -C "$REPO" rev-parse --short HEAD >/dev/null 2>&1; then
    REV=" (git $(git -C "$REPO" rev-parse --short HEAD)$([ -z "$(git -C "$REPO" status --porcelain -- engine tools include CMakeLists.txt 2>/dev/null)" ] || printf ' + uncommitted engine changes'))"
fi
say "versions: $("$CR" --version)$REV$([[ $SKIP == *,duckdb,* ]] || printf ', DuckDB %s (node %s)' \
    "$(cd "$NODE_DIR" && node -e 'console.log(require("@duckdb/node-api").version())')" "$(node --version)")$([[ $SKIP == *,pandas,* ]] || printf ', pandas %s (Python %s)' \
    "$("$PY" -c 'import pandas; print(pandas.__version__)')" "$("$PY" -c 'import platform; print(platform.python_version())')")"
BUSY=$(cpu_busy)
if [ "$BUSY" -ge 10 ]; then
    say "WARNING: $BUSY% of the CPUs busy before the runs (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
    say "         other processes share the cores with the tools and the timings show it."
    say "         Busiest processes (%CPU over their lifetime):"
    ps -eo pcpu=,pid=,comm= --sort=-pcpu | awk '$1 >= 5 { printf "           %5s%%  %s %s\n", $1, $2, $3 }' | head -5
fi
say ""
say "running (each after cat > /dev/null of all inputs):"
RANK_ARGS=(--config "$DIST/config.yaml" --students "$DIST/students.csv"
           --enrollment "$DIST/enrollment.csv" --grades "$DIST/grades")
SHOWN="wc -l $DIST/grades/*.csv" measure "wc -l" wc -l "${GRADE_FILES[@]}"
measure "classrank -t1" "$CR" rank "${RANK_ARGS[@]}" --out "$RUN/out-classrank-t1" --threads 1 --quiet
ALL="classrank -t$NPROC"
[ "$NPROC" -gt 1 ] || ALL="classrank -t1 (again)"
measure "$ALL" "$CR" rank "${RANK_ARGS[@]}" --out "$RUN/out-classrank" --threads "$NPROC" --quiet
if [[ $SKIP != *,duckdb,* ]]; then
    measure "duckdb" node "$BENCH/duckdb_rank.mjs" "$NODE_DIR" "$DIST" "$RUN/out-duckdb" "$NPROC"
fi
if [[ $SKIP != *,pandas,* ]]; then
    measure "pandas" "$PY" "$BENCH/pandas_rank.py" "$DIST" "$RUN/out-pandas"
fi
if [[ $SKIP != *,python,* ]]; then
    SHOWN="CLASSRANK_LIBRARY=$LIB $PY $BENCH/python_rank.py $REPO $DIST $RUN/out-python $NPROC" \
        measure "python" env CLASSRANK_LIBRARY="$LIB" "$PY" "$BENCH/python_rank.py" \
        "$REPO" "$DIST" "$RUN/out-python" "$NPROC"
fi

# ------------------------------------------------------------------ honesty
say ""
say "agreement with classrank (rank-s6/7/8.csv: school_id,cohort,checkpoint,student_id,rank;"
say "also the printed GPAs and credits, and excluded-s6/7/8.csv with reasons):"
FAILED=0
ROWS_READ=$(sed -n 's/.*"rows_read": \([0-9]*\).*/\1/p' "$RUN/out-classrank/summary.json")
if [ "$ROWS_READ" = "$GRADE_ROWS" ]; then
    say "  classrank read $ROWS_READ grade rows, as many as the files hold"
else
    say "  classrank read $ROWS_READ grade rows, but the files hold $GRADE_ROWS"; FAILED=1
fi
if diff -r "$RUN/out-classrank-t1" "$RUN/out-classrank" >/dev/null; then
    say "  classrank --threads 1 and --threads $NPROC: byte-identical outputs"
else
    say "  classrank --threads 1 and --threads $NPROC: OUTPUTS DIFFER"; FAILED=1
fi
for peer in duckdb pandas python; do
    [[ $SKIP == *,$peer,* ]] && continue
    printf '  '
    "$PY" "$BENCH/compare.py" "$peer" "$RUN/out-classrank" "$RUN/out-$peer" || FAILED=1
done

# ------------------------------------------------------------------ table
say ""
say "$N students, $GRADE_ROWS grade rows, $(awk -v b="$GRADE_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of grade files; MB = 10^6 bytes, RSS MB = 2^20 bytes;"
say "ratio = seconds / classrank --threads $NPROC seconds; CPU s = user + system seconds"
BASE=${SECS[$ALL]}
{
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' tool seconds "grade rows/s" "MB/s" "peak RSS MB" "ratio" "CPU s"
    for t in "${TOOLS[@]}"; do
        awk -v t="$t" -v s="${SECS[$t]}" -v rows="$GRADE_ROWS" -v bytes="$GRADE_BYTES" \
            -v rss="${RSS[$t]}" -v base="$BASE" -v cpu="${CPU[$t]}" 'BEGIN {
                rate = s > 0 ? sprintf("%.0f", rows / s) : "-"
                mbs = s > 0 ? sprintf("%.1f", bytes / 1e6 / s) : "-"
                printf "%s\t%.3f\t%s\t%s\t%.0f\t%.2f\t%.2f\n", t, s, rate, mbs, rss / 1024, s / base, cpu }'
    done
} | column -t -s $'\t' -R 2,3,4,5,6,7 | tee "$RUN/table.txt"
if [[ $SKIP != *,python,* ]]; then
    # python_rank.py prints "phase NAME SECONDS" for each step of its notebook.
    phase() { awk -v p="$1" '$1 == "phase" && $2 == p { print $3 }' "$RUN/python.stdout"; }
    say ""
    say "python: classrank's Python binding, DataFrames in and DataFrames out (--threads $NPROC), by phase:"
    awk '$1 == "phase" { printf "  %-22s %8.3f s\n", $2, $3 }' "$RUN/python.stdout"
    awk -v c="$(phase rank)" -v d="$(phase to_pandas)" 'BEGIN {
        printf "  the calls into classrank (rank + to_pandas): %.3f s\n", c + d }'
    if [[ $SKIP != *,pandas,* ]]; then
        awk -v p="${SECS[pandas]}" -v y="${SECS[python]}" 'BEGIN {
            printf "  pandas / python = %.2f (whole programs: both read the CSV files with pandas and write their ranks with it)\n", p / y }'
    fi
fi
say ""
say "commands:"
for t in "${TOOLS[@]}"; do say "  $t: ${CMD[$t]}"; done
say "outputs and logs: $RUN"
if [ "$FAILED" -ne 0 ]; then
    say "FAILED: a peer (or classrank itself) disagrees; see above"
    exit 1
fi
