#!/usr/bin/env bash
# Issue item 5: a second YAML document in the config was ignored, even with
# an invalid value in it.  More than one document is a config error (exit 2)
# at the second document's start.
. "$(dirname "$0")/common.sh"

doc() { base; printf '%b' "$3" > config.yaml; run_case "$1" 2 "$2" $inputs --grades grades; }
doc second_document "config.yaml:2:1: a second YAML document starts here" \
  'gpa: {precision: 2}\n---\nrank: {checkpoints: [6]}\n'
doc second_document_invalid "config.yaml:3:1: a second YAML document starts here" \
  'rank: {checkpoints: [6]}\n...\n---\nrank: {ties: olympic}\n'
doc explicit_start_then_second "config.yaml:3:1: a second YAML document starts here" \
  '---\nrank: {checkpoints: [6]}\n--- {}\n'
# Text after the first document, with no '---': libyaml's loader stops
# after one document and never saw it (exit 0 before).
doc text_after_flow_document "config.yaml:1:27: YAML did not find expected <document start>" \
  '{rank: {checkpoints: [6]}}[gpa, {precision: 9}]\n'
# One document with an explicit start and end marker is fine.
base; printf -- '---\nrank: {checkpoints: [6]}\n...\n' > config.yaml
"$bin" rank $inputs --grades grades --out o >/dev/null 2>err && ok || bad "one marked document: $(cat err)"
finish one_document
