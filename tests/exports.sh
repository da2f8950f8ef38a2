#!/usr/bin/env bash
# libclassrank.so exports the public API and nothing else (issue 18): every
# dynamic symbol it defines starts with cr_, every function classrank.h
# declares CR_API is among them, and its soname is libclassrank.so.MAJOR.
# Usage: exports.sh LIBCLASSRANK_SO CLASSRANK_H
set -u
lib=$1 header=$2
fail=0
defined=$(nm -D --defined-only "$lib" | awk '{ print $3 }' | sort)
declared=$(grep -o 'CR_API [^(]*\bcr_[a-z_]*(' "$header" | grep -o 'cr_[a-z_]*(' | tr -d '(' | sort)
[ -n "$declared" ] || { echo "FAIL no CR_API function found in $header"; exit 1; }
unmarked=$(grep -E '^(const |enum |size_t |int |void |unsigned )[^;(]*\bcr_[a-z_]*\(' "$header" | grep -v '^CR_API')
if [ -n "$unmarked" ]; then
  echo "FAIL declared in classrank.h without CR_API (hidden in the library):"; sed 's/^/    /' <<<"$unmarked"; fail=1
fi
others=$(grep -v '^cr_' <<<"$defined")
if [ -n "$others" ]; then
  echo "FAIL symbols exported beyond cr_:"; sed 's/^/    /' <<<"$others"; fail=1
else
  echo "ok   every one of the $(wc -l <<<"$defined") exported symbols starts with cr_"
fi
missing=$(comm -23 <(printf '%s\n' "$declared") <(printf '%s\n' "$defined"))
if [ -n "$missing" ]; then
  echo "FAIL declared in classrank.h but not exported:"; sed 's/^/    /' <<<"$missing"; fail=1
else
  echo "ok   all $(wc -l <<<"$declared") functions of classrank.h are exported"
fi
extra=$(comm -13 <(printf '%s\n' "$declared") <(printf '%s\n' "$defined"))
if [ -n "$extra" ]; then
  echo "FAIL exported but not declared CR_API in classrank.h:"; sed 's/^/    /' <<<"$extra"; fail=1
fi
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
if [[ $soname =~ ^libclassrank\.so\.[0-9]+$ ]]; then
  echo "ok   soname $soname"
else
  echo "FAIL soname '$soname' is not libclassrank.so.MAJOR"; fail=1
fi
exit $fail
