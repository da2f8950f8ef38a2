#!/usr/bin/env bash
# Build the libFuzzer harnesses (clang, ASan + UBSan) and run them.
# Not part of CI: fuzzing is open-ended.  Needs Debian's clang and
# libclang-rt-14-dev.
#   tools/fuzz.sh                 build, then run each harness 60 s
#   tools/fuzz.sh csv 900         run one harness (csv, config, yaml_events, check, whatif) 900 s
# Corpora live in build/fuzz/corpus-<name> (seeded from fixtures/ and the
# regression inputs in tests/fuzz-regressions/); crashes are written to
# build/fuzz/crash-*.  Add every crash input to tests/fuzz-regressions/<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/fuzz
mkdir -p "$out"
cc=${CC_FUZZ:-clang}
flags="-g -O1 -std=c11 -D_GNU_SOURCE -DCLASSRANK_TEST_HOOKS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iinclude -Iengine $(pkg-config --cflags yaml-0.1 gsl libcrypto jansson)"
libs="$(pkg-config --libs yaml-0.1 gsl libcrypto jansson)"
for h in csv config yaml_events check whatif; do
  if [ ! -x "$out/fuzz_$h" ] || [ -n "$(find engine tools/fuzz -newer "$out/fuzz_$h" -name '*.[ch]')" ]; then
    # shellcheck disable=SC2086
    $cc $flags -o "$out/fuzz_$h" tools/fuzz/fuzz_$h.c engine/*.c engine/*/*.c $libs
  fi
done

seed() {  # name
  local c="$out/corpus-$1"
  mkdir -p "$c"
  case $1 in
    csv) find fixtures ../shared/acceptance -name '*.csv' -size -64k > "$out/seed-list" 2>/dev/null || true
         while read -r f; do cp "$f" "$c/$(md5sum < "$f" | cut -c1-16)"; done < "$out/seed-list" ;;
    config) find fixtures ../shared/acceptance presets -name '*.yaml' 2>/dev/null | while read -r f; do cp "$f" "$c/$(md5sum < "$f" | cut -c1-16)"; done ;;
    yaml_events) # programs: open a mapping, a key, a list, anchors, aliases, deep nesting
           printf '\000\003\001\173\002\002' > "$c/map-list"
           printf '\000\013\044\001\003\002\003\015\002' > "$c/anchor-alias"
           head -c 200 /dev/zero | tr '\000' '\001' > "$c/deep" ;;
    check) for d in $(find fixtures -name args -printf '%h\n'); do
             top=$d; [ -f "$top/students.csv" ] || top=$(dirname "$d")
             g=$(find "$top/grades" -name '*.csv' 2>/dev/null | head -1 || true)
             [ -n "$g" ] || continue
             { cat "$d/config.yaml"; echo ----; cat "$top/students.csv"; echo ----;
               cat "$top/enrollment.csv" 2>/dev/null || echo "student_id,school_id,term"; echo ----; cat "$g"
               k=$(ls "$d/courses.csv" "$top/courses.csv" 2>/dev/null | head -1 || true)
               [ -z "$k" ] || { echo ----; cat "$k"; }; } > "$c/$(basename "$d")"
           done ;;
    whatif) printf 'ART101,A,1' > "$c/one-row"
            printf 'ART101,A,1,ap\nMATH400,B+,0.5,honors,2025-SP\nX,Q,1' > "$c/rows"
            printf 'X,"A",1\nY,89.5,1.000,,2026-SP' > "$c/quoted-numeric"
            printf 'Nrank:1\n1\nap' > "$c/need"
            printf 'Nhonors:Summa Cum Laude\n0.5' > "$c/need-honors" ;;
  esac
  if [ -d "tests/fuzz-regressions/$1" ]; then cp tests/fuzz-regressions/"$1"/* "$c"/ 2>/dev/null || true; fi
}

run() {  # name seconds
  seed "$1"
  local dict=""
  case $1 in config) dict=-dict=tools/fuzz/yaml.dict ;; esac
  # shellcheck disable=SC2086
  "$out/fuzz_$1" $dict -max_total_time="$2" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crash-$1-" -print_final_stats=1 "$out/corpus-$1" 2>&1 | tail -25
}

if [ $# -ge 1 ]; then run "$1" "${2:-60}"; else for h in csv config yaml_events check whatif; do run $h 60; done; fi
