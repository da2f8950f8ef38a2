#!/usr/bin/env bash
# The Python binding (issue 18), installed as a user would: a fresh virtual
# environment of Debian's Python (its site packages seen, for pandas),
# `pip install --no-index ./bindings/python` (offline: the binding's own
# build backend needs nothing from a registry), then its unittest suite run
# against the installed package from outside the source tree.  Last, the
# library found without CLASSRANK_LIBRARY: installed under the environment's
# prefix, where `cmake --install --prefix "$VIRTUAL_ENV"` puts it.
# Usage: python.sh LIBCLASSRANK_SO CLASSRANK_BINARY REPO
set -u
lib=$1 cli=$2 repo=$3
py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! "$py" -m venv --system-site-packages "$tmp/venv" >"$tmp/venv.log" 2>&1; then
  echo "FAIL python3 -m venv (Debian: python3-venv)"; cat "$tmp/venv.log"; exit 1
fi
if ! "$tmp/venv/bin/pip" install --no-index --no-cache-dir --quiet "$repo/bindings/python" \
     >"$tmp/pip.log" 2>&1; then
  echo "FAIL pip install --no-index ./bindings/python"; cat "$tmp/pip.log"; exit 1
fi
echo "ok   pip install --no-index ./bindings/python"
installed=$(cd "$tmp" && "$tmp/venv/bin/python" -c 'import classrank; print(classrank.__file__)')
case $installed in
  "$tmp"/venv/*) echo "ok   import classrank: $installed" ;;
  *) echo "FAIL classrank imported from $installed, not the environment"; exit 1 ;;
esac
cp -r "$repo/bindings/python/tests" "$tmp/tests"
cd "$tmp" && CLASSRANK_LIBRARY=$lib CLASSRANK_CLI=$cli CLASSRANK_FIXTURES=$repo/fixtures \
  "$tmp/venv/bin/python" -m unittest discover -s "$tmp/tests" -v || exit 1

mkdir -p "$tmp/venv/lib" && cp "$lib" "$tmp/venv/lib/libclassrank.so.0"
found=$(cd "$repo/fixtures/sample" && env -u CLASSRANK_LIBRARY "$tmp/venv/bin/python" -c '
import classrank
r = classrank.rank(config="config.yaml", students="students.csv", grades="grades",
                   enrollment="enrollment.csv", as_of="2027-SP")
print(classrank._c()._name, len(r.ranks(6)))')
case $found in
  "$tmp/venv/lib/libclassrank.so.0 7") echo "ok   the library found under the prefix: $found" ;;
  *) echo "FAIL without CLASSRANK_LIBRARY: '$found' (want the prefix's library, 7 ranks)"; exit 1 ;;
esac
