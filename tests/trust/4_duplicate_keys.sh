#!/usr/bin/env bash
# Issue item 4: a key given twice in any mapping of the config would let the
# last one win without a word (Summa at min_gpa 2.0 instead of 4.0).  Every
# mapping refuses it, at the second key's line and column (exit 2).
. "$(dirname "$0")/common.sh"

# The columns were counted by hand: the first byte of the second key.
dup() {  # name want_prefix yaml
  base; printf '%b' "$3" > config.yaml
  run_case "$1" 2 "$2" $inputs --grades grades
}
dup honors_criterion "config.yaml:2:38: key 'min_gpa' is given twice (the first would be lost) in honors[0]" \
  'rank: {checkpoints: [6]}\nhonors: [{name: Summa, min_gpa: 4.0, min_gpa: 2.0}]\n'
dup numeric_band "config.yaml:2:23: key 'min' is given twice (the first would be lost) in gpa.numeric[0]" \
  'gpa:\n  numeric: [{min: 90, min: 10, grade: A}, {min: 0, grade: F}]\n'
dup school_honors_criterion "config.yaml:4:34: key 'top_n' is given twice" \
  'rank: {checkpoints: [6]}\nschools:\n  "S":\n    honors: [{name: V, top_n: 1, top_n: 9}]\n'
dup schools_quoted_and_plain "config.yaml:3:3: key '520' is given twice (the first would be lost) in schools" \
  'schools:\n  "520": {}\n  520: {}\n'
dup scale_letter "config.yaml:2:27: key 'A' is given twice" 'gpa:\n  scale: {A: 4.0, B: 3.0, A: 1.0, F: 0}\n'
dup weights "config.yaml:5:5: key 'ap' is given twice" 'gpa:\n  weights:\n    ap: 1.0\n    regular: 0\n    ap: 2.0\n'
dup section "config.yaml:2:1: key 'rank' is given twice" 'rank: {checkpoints: [6]}\nrank: {ties: dense}\n'
dup value_map "config.yaml:3:60: key 'H' is given twice" \
  'columns:\n  grades:\n    level: {column: level, values: {H: honors, R: regular, H: ap}}\n'
dup column_map "config.yaml:2:39: key 'grade' is given twice" \
  'columns:\n  grades: {grade: Mark, course_id: C, grade: Other}\n'
dup equivalent_courses "config.yaml:2:40: key 'M2' is given twice" \
  'gpa:\n  equivalent_courses: {M2: M1, M3: M1, M2: M4}\n'
dup alias_as_key "config.yaml:2:26: a key must be written out, not an alias" \
  'x: &k honors\nrank: {checkpoints: [6], *k : 1}\n'
dup list_as_key "config.yaml:1:3: a key must be a single value, not a list" '? [a, b]\n: 1\n'
finish duplicate_keys
