#!/usr/bin/env bash
# Run the whole test suite, twice: a -Werror build, then the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer; then the threaded
# end-to-end tests once more under ThreadSanitizer.  Installs the build
# dependencies first when they are missing (Debian; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium and poppler-utils: the report test prints report/index.html to PDF;
# python3-jsonschema: tests/edfi_schema.py checks the Ed-Fi output against
# Ed-Fi's own schema.  No build needs either.
packages=(build-essential cmake pkg-config libgsl-dev libyaml-dev libssl-dev libjansson-dev
          check python3 chromium poppler-utils python3-jsonschema python3-venv python3-pandas)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
# The stages call only downward (docs/DESIGN.md): before anything is built.
tools/check-layers.py
cmake -S . -B build/test -DCLASSRANK_WERROR=ON -DCLASSRANK_TESTS=ON -DCLASSRANK_TEST_HOOKS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j "$jobs" >/dev/null
ctest --test-dir build/test --no-tests=error --output-on-failure -j "$jobs"

cmake -S . -B build/sanitize -DCLASSRANK_WERROR=ON -DCLASSRANK_TESTS=ON -DCLASSRANK_SANITIZE=ON -DCLASSRANK_TEST_HOOKS=ON \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build/sanitize -j "$jobs" >/dev/null
ctest --test-dir build/sanitize --no-tests=error --output-on-failure -j "$jobs"

cmake -S . -B build/tsan -DCLASSRANK_WERROR=ON -DCLASSRANK_TESTS=ON -DCLASSRANK_TEST_HOOKS=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build/tsan -j "$jobs" >/dev/null
TSAN_OPTIONS="halt_on_error=1" ctest --test-dir build/tsan --no-tests=error --output-on-failure -j "$jobs" \
  -R "golden|determinism|output_directory|explain"
