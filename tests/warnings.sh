#!/usr/bin/env bash
# SPEC "Warnings": a well-formed input whose result is empty or meaningless
# gets a `warning: ...` line on stderr, listed in summary.json, with exit 0
# and the outputs unchanged; under --strict each is an error (exit 1, no
# outputs).  Every message is checked word for word; the expected texts are
# written from the rule and the district here, not taken from a run.
# Usage: warnings.sh CLASSRANK_BINARY
. "$(dirname "$0")/trust/common.sh"

# expect NAME WANT_STDERR ARGS...: rank exits 0, stderr is exactly WANT (an
# empty WANT: nothing), and summary.json lists the same warnings.
expect() {
  local name=$1 want=$2
  shift 2
  rm -rf o
  "$bin" rank "$@" --out o >/dev/null 2>err
  local rc=$?
  [ $rc = 0 ] && [ "$(cat err)" = "$want" ] || { bad "$name: rc=$rc stderr '$(cat err)', want '$want'"; return; }
  local listed
  listed=$(python3 -c 'import json,sys; [print("warning: " + w) for w in json.load(open(sys.argv[1]))["warnings"]]' o/summary.json)
  [ "$listed" = "$want" ] && ok || bad "$name: summary.json lists '$listed'"
}

# strict NAME WANT_STDERR ARGS...: rank --strict exits 1 with exactly WANT
# on stderr and leaves --out as it was; check --strict exits 1 too.
strict() {
  local name=$1 want=$2
  shift 2
  run_case "$name" 1 "$want" "$@" --strict
  [ "$(head -n 1 stderr)" = "$want" ] && ok || bad "$name: stderr '$(cat stderr)'"
  "$bin" check "$@" --strict >/dev/null 2>err
  [ $? = 1 ] && [ "$(head -n 1 err)" = "$want" ] && ok || bad "$name (check): '$(cat err)'"
}

# A clean district: no warning, and --strict changes nothing.
base
expect clean "" $inputs --grades grades
"$bin" rank $inputs --grades grades --strict --out o2 >/dev/null 2>err && cmp -s o/rank-s6.csv o2/rank-s6.csv &&
  [ ! -s err ] && ok || bad "clean --strict: $(cat err)"

# A checkpoint no cohort reaches: as of 2025-SP, the class of 2026 reaches
# semester 8 in 2026-SP and the class of 2027 in 2027-SP.  (The class of
# 2027 reaches its first checkpoint, 6, only in 2026-SP, so it is not a
# cohort without rows: it reaches nothing yet.)
base
printf 'rank: {checkpoints: [6, 8]}\n' > config.yaml
printf 's3,S,2027,passed,,\n' >> students.csv
printf 's3,S,2025-SP\n' >> enrollment.csv
W="warning: checkpoint 8 is reached by no cohort by the as-of term 2025-SP (cohort 2026 needs 2026-SP, cohort 2027 needs 2027-SP): rank-s8.csv and excluded-s8.csv list nobody"
expect unreached_checkpoint "$W" $inputs --grades grades
[ "$(cat o/rank-s8.csv)" = "school_id,cohort,checkpoint,student_id,gpa_weighted,gpa_unweighted,credits,rank,class_size,honors,top_percent" ] &&
  ok || bad "unreached: rank-s8.csv is not header-only"
strict unreached_checkpoint_strict \
  "classrank: checkpoint 8 is reached by no cohort by the as-of term 2025-SP (cohort 2026 needs 2026-SP, cohort 2027 needs 2027-SP): rank-s8.csv and excluded-s8.csv list nobody (a warning, an error under --strict)" \
  $inputs --grades grades

# A cohort with no grade row up to its first checkpoint: the class of 2025
# reaches semester 6 in 2024-SP; t1's one row is in 2025-SP, after it.
base
printf 't1,S,2025,passed,,\nt2,S,2025,passed,,\n' >> students.csv
printf 't1,S,2023-FA\nt1,S,2024-SP\nt2,S,2023-FA\nt2,S,2024-SP\n' >> enrollment.csv
printf 't1,2025-SP,X,A,1,,\n' >> grades/g.csv
expect cohort_without_rows "warning: cohort 2025: none of its 2 students has a grade row up to its first checkpoint (semester 6, 2024-SP): are its grade files missing, or its ids written otherwise?" $inputs --grades grades
# ... and one row on 2024-SP is enough.
printf 't2,2024-SP,X,B,1,,\n' >> grades/g.csv
expect cohort_with_one_row "" $inputs --grades grades

# Grades on a 0-20 scale read through the 0-100 bands: all 12 fall in
# band F (min 0), and everyone gets 0.000 and rank 1.
base
printf 'student_id,school_id,cohort,assessment\n' > students.csv
printf 'student_id,school_id,term\n' > enrollment.csv
printf 'student_id,term,course_id,grade,credits\n' > grades/g.csv
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  printf 's%d,S,2026,passed\n' $i >> students.csv
  printf 's%d,S,2024-FA\ns%d,S,2025-SP\n' $i $i >> enrollment.csv
  printf 's%d,2025-SP,X,%d,1\n' $i $((i + 7)) >> grades/g.csv
done
expect twenty_point_scale "warning: grades/g.csv: 12 of its 12 numeric grades (100%) fall in one gpa.numeric band (min 0, grade F): are the grades on another scale than the bands (0-20, 0-4)?" $inputs --grades grades
[ "$(cut -d, -f5,8 o/rank-s6.csv | sort -u | tr '\n' ' ')" = "0.000,1 gpa_weighted,rank " ] && ok ||
  bad "twenty_point_scale: ranks $(cut -d, -f5,8 o/rank-s6.csv | sort -u | tr '\n' ' ')"
strict twenty_point_scale_strict "classrank: grades/g.csv: 12 of its 12 numeric grades (100%) fall in one gpa.numeric band (min 0, grade F): are the grades on another scale than the bands (0-20, 0-4)? (a warning, an error under --strict)" $inputs --grades grades
# 90% is enough: 9 of 10 in band F (and one 95, band A) ...
head -n 10 grades/g.csv > g && printf 's10,2025-SP,X,95,1\n' >> g && mv g grades/g.csv
expect ninety_percent "warning: grades/g.csv: 9 of its 10 numeric grades (90%) fall in one gpa.numeric band (min 0, grade F): are the grades on another scale than the bands (0-20, 0-4)?" $inputs --grades grades
# ... 8 of 10 is not ...
head -n 9 grades/g.csv > g && printf 's9,2025-SP,X,85,1\ns10,2025-SP,X,95,1\n' >> g && mv g grades/g.csv
expect eighty_percent "" $inputs --grades grades
# ... and 9 numeric grades in one file say nothing of its scale.
head -n 10 grades/g.csv > g && mv g grades/g.csv
expect nine_grades "" $inputs --grades grades

# A school with nobody ranked at any checkpoint computed: T's one student
# has assessment none.
base
printf 'u1,T,2026,none,,\n' >> students.csv
printf 'u1,T,2024-FA\nu1,T,2025-SP\n' >> enrollment.csv
printf 'u1,2025-SP,X,A,1,,\n' >> grades/g.csv
expect school_unranked "warning: school 'T' has no ranked student at any checkpoint computed (6), of its 1 student in the roster" $inputs --grades grades

finish warnings
