#!/usr/bin/env bash
# `cmake --install`: the binary, the library, its header, classrank.pc and the
# man page land under a fresh prefix, and a program built with nothing but
# `pkg-config --static classrank` links against the installed library and runs.
# Usage: install.sh BUILD_DIR   (a configured and built tree)
# Environment: CMAKE (default cmake), CC (default cc), PKG_CONFIG (default
# pkg-config).
set -u
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: install.sh BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
cmake=${CMAKE:-cmake}
cc=${CC:-cc}
pkg_config=${PKG_CONFIG:-pkg-config}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
pass=0; fail=0
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/     /'; }

# -- install
if out=$("$cmake" --install "$build" --prefix "$prefix" 2>&1); then
  ok "cmake --install --prefix"
else
  bad "cmake --install --prefix" "$out"
fi

# -- the binary
if [ -x "$prefix/bin/classrank" ]; then
  if version=$("$prefix/bin/classrank" --version 2>&1) && [[ $version =~ ^classrank\ [0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    ok "bin/classrank --version: $version"
  else
    bad "bin/classrank --version" "$version"
  fi
else
  bad "bin/classrank installed"
  version=
fi

# -- the header
if [ -f "$prefix/include/classrank.h" ] && grep -q 'cr_run_open' "$prefix/include/classrank.h"; then
  ok "include/classrank.h"
else
  bad "include/classrank.h installed"
fi
if [ -f "$prefix/include/classrank_status.h" ] && grep -q 'CR_EUSAGE' "$prefix/include/classrank_status.h"; then
  ok "include/classrank_status.h"
else
  bad "include/classrank_status.h installed (classrank.h includes it)"
fi

# -- the library (lib/, lib64/ or lib/<multiarch>/)
lib=$(find "$prefix" -path "$prefix/lib*" -name libclassrank.a -print 2>/dev/null | head -n 1)
if [ -n "$lib" ]; then
  ok "static library: ${lib#"$prefix"/}"
else
  bad "lib*/libclassrank.a installed"
fi
libdir=${lib%/*}
# The shared one beside it: the link name, the soname and the file.
so_ok=1
for f in libclassrank.so libclassrank.so.0; do
  [ -L "$libdir/$f" ] || so_ok=0
done
ls "$libdir"/libclassrank.so.0.*.* >/dev/null 2>&1 || so_ok=0
if [ $so_ok = 1 ]; then ok "shared library: libclassrank.so -> libclassrank.so.0 -> $(basename "$(readlink -f "$libdir/libclassrank.so")")"
else bad "lib*/libclassrank.so, .so.0 and .so.0.x.y installed" "$(ls -l "$libdir" 2>&1)"; fi

# -- classrank.pc
pc=$(find "$prefix" -path "$prefix/lib*/pkgconfig/classrank.pc" -print 2>/dev/null | head -n 1)
if [ -n "$pc" ]; then
  ok "pkg-config file: ${pc#"$prefix"/}"
else
  bad "lib*/pkgconfig/classrank.pc installed"
fi
pc_path=${pc%/*}${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
pkgconf() { PKG_CONFIG_PATH=$pc_path "$pkg_config" "$@"; }
if [ -n "$pc" ]; then
  # It names the prefix given to `cmake --install`, not the configured one.
  got=$(pkgconf --variable=prefix classrank 2>&1)
  if [ "$got" = "$prefix" ]; then ok "classrank.pc prefix is the install prefix"
  else bad "classrank.pc prefix is the install prefix" "want $prefix, got $got"; fi
  got=$(pkgconf --modversion classrank 2>&1)
  if [ "classrank $got" = "$version" ]; then ok "classrank.pc version $got matches the binary"
  else bad "classrank.pc version matches the binary" "pc: $got, binary: $version"; fi
  # Its Requires.private resolve, so a plain (shared) query works too.
  if got=$(pkgconf --cflags --libs classrank 2>&1); then ok "pkg-config --cflags --libs classrank: $got"
  else bad "pkg-config --cflags --libs classrank" "$got"; fi
fi

# -- the man page
man1=$prefix/share/man/man1/classrank.1
if [ -f "$man1" ]; then
  ok "share/man/man1/classrank.1"
  rendered='' how=''
  if command -v groff >/dev/null 2>&1; then
    how="groff -man -Tutf8"
    warnings=$(groff -man -Tutf8 -ww -z "$man1" 2>&1)
    if [ -z "$warnings" ]; then ok "groff: no warnings"; else bad "groff: no warnings" "$warnings"; fi
    rendered=$(groff -man -Tutf8 "$man1" 2>&1)
  elif command -v man >/dev/null 2>&1; then
    how="man -l"
    rendered=$(MANPAGER=cat PAGER=cat MANWIDTH=80 man -l "$man1" 2>&1)
  fi
  if [ -n "$how" ]; then
    # Strip overstriking (bold, underline) before looking at the text.
    text=$(printf '%s\n' "$rendered" | sed 's/.\x08//g')
    missing=
    for want in NAME SYNOPSIS OPTIONS "EXIT STATUS" FILES EXAMPLES "SEE ALSO" \
                "classrank rank" "classrank check" "classrank explain" "classrank diff" "classrank gen"; do
      grep -q "$want" <<<"$text" || missing="$missing [$want]"
    done
    if [ -z "$missing" ]; then ok "$how renders every section and subcommand"
    else bad "$how renders every section and subcommand" "missing:$missing"; fi
  elif grep -q '^\.TH CLASSRANK 1 ' "$man1"; then
    ok "classrank.1 has a .TH header (neither groff nor man to render it)"
  else
    bad "classrank.1 has a .TH header"
  fi
else
  bad "share/man/man1/classrank.1 installed"
fi

# -- a program built against the installed library
cat > "$tmp/prog.c" <<'EOF'
#include <classrank.h>
#include <stdio.h>

int main(void)
{
    printf("%s: %s, %s\n", CR_VERSION, cr_strerror(CR_EDATA), cr_strerror(CR_EIO));
    return 0;
}
EOF
# A library built with CLASSRANK_SANITIZE needs the sanitizer runtimes too.
sanitize=
if grep -q '^CLASSRANK_SANITIZE:BOOL=ON$' "$build/CMakeCache.txt" 2>/dev/null; then
  sanitize=-fsanitize=address,undefined
fi
if [ -n "$pc" ]; then
  flags=$(pkgconf --cflags --libs --static classrank 2>&1) || { bad "pkg-config --static" "$flags"; flags=; }
  flags=${flags%"${flags##*[! ]}"}
  # shellcheck disable=SC2086  # $cc, $sanitize and $flags are meant to split
  if out=$($cc -std=c11 -Wall -Wextra -Werror $sanitize -o "$tmp/prog" "$tmp/prog.c" $flags 2>&1); then
    ok "cc prog.c \$(pkg-config --cflags --libs --static classrank): $flags"
    got=$(LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$tmp/prog" 2>&1)
    want="${version#classrank }: bad input data, input/output error"
    if [ "$got" = "$want" ]; then ok "prog prints: $got"
    else bad "prog output" "want: $want"$'\n'"got:  $got"; fi
  else
    bad "cc prog.c \$(pkg-config --cflags --libs --static classrank)" "$flags"$'\n'"$out"
  fi
else
  bad "program built with pkg-config (no classrank.pc)"
fi
# The same program against the shared library (pkg-config without --static).
if [ -n "$pc" ] && [ $so_ok = 1 ]; then
  flags=$(pkgconf --cflags --libs classrank 2>&1)
  # shellcheck disable=SC2086
  if out=$($cc -std=c11 -Wall -Wextra -Werror $sanitize -o "$tmp/prog_shared" "$tmp/prog.c" $flags 2>&1) &&
     got=$(LD_LIBRARY_PATH=$libdir "$tmp/prog_shared" 2>&1) && [ "$got" = "$want" ] &&
     LD_LIBRARY_PATH=$libdir ldd "$tmp/prog_shared" | grep -q "libclassrank.so.0 => $libdir"; then
    ok "cc prog.c \$(pkg-config --cflags --libs classrank): linked to libclassrank.so.0, prints: $got"
  else
    bad "the program linked to the shared library" "$out $got"
  fi
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
