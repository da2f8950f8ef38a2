#!/usr/bin/env bash
# Run the shared acceptance districts (../shared/acceptance, worked by hand
# and by an independent implementation of the SPEC).  Their absence is a
# failure, not a skip: the suite must not go green without them.
# Usage: acceptance.sh CLASSRANK_BINARY ACCEPTANCE_DIR
set -u
if [ ! -x "$2/check.sh" ]; then
  echo "acceptance districts not found at $2 (shared/ must sit beside the checkout)"
  exit 1
fi
"$2/check.sh" "$1"
