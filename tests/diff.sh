#!/usr/bin/env bash
# `classrank diff`: a district ranked before and after late grade changes.
# Worked by hand (school S, class of 2026, checkpoint 6, competition ties,
# every row 1 credit, all regular so weighted = unweighted):
#   before: a A,A 4.0 r1 | b A,B 3.5 r2 | c A,B 3.5 r2 | d B,B 3.0 r4 |
#           e B,C 2.5 r5 | g C 2.0 r6 | f only an I mark: excluded no_gpa
#   late changes: c's B -> A, f's I -> B, g's C -> W
#   after:  a 4.0 r1 | c 4.0 r1 (a tie forms; b-c tie breaks) | b 3.5 r3 |
#           d 3.0 r4 | f 3.0 r4 (enters, a second tie forms) | e 2.5 r6 |
#           g has no GPA credit left: excluded, so it leaves the ranking
#   a and d keep identical rows (rank, GPA, class size 6): not listed.
# Usage: diff.sh CLASSRANK_BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL %s\n--- want\n%s\n--- got\n%s\n' "$1" "$3" "$2"; fi; }

printf 'rank: {checkpoints: [6]}\n' > config.yaml
printf 'student_id,school_id,cohort,assessment\n' > students.csv
printf 'student_id,school_id,term\n' > enrollment.csv
for s in a b c d e f g; do
  printf '%s,S,2026,passed\n' $s >> students.csv
  printf '%s,S,2024-FA\n%s,S,2025-SP\n' $s $s >> enrollment.csv
done
mkdir before after
grades() {  # c_y f_x g_x
  printf 'student_id,term,course_id,grade,credits\n'
  printf 'a,2025-SP,X,A,1\na,2025-SP,Y,A,1\nb,2025-SP,X,A,1\nb,2025-SP,Y,B,1\n'
  printf 'c,2025-SP,X,A,1\nc,2025-SP,Y,%s,1\nd,2025-SP,X,B,1\nd,2025-SP,Y,B,1\n' "$1"
  printf 'e,2025-SP,X,B,1\ne,2025-SP,Y,C,1\nf,2025-SP,X,%s,1\ng,2025-SP,X,%s,1\n' "$2" "$3"
}
grades B I C > before/g.csv
grades A B W > after/g.csv
args="--config config.yaml --students students.csv --enrollment enrollment.csv"
"$bin" rank $args --grades before --out old || exit 1
"$bin" rank $args --grades after --out new || exit 1

got=$("$bin" diff old new); rc=$?
check "diff exit status (4 when something differs)" "$rc" 4
check "diff rows" "$got" "school_id,cohort,checkpoint,student_id,change,old_rank,new_rank,old_gpa,new_gpa,old_honors,new_honors
S,2026,6,c,moved,2,1,3.500,4.000,,
S,2026,6,b,moved,2,3,3.500,3.500,,
S,2026,6,f,entered,,4,,3.000,,
S,2026,6,e,moved,5,6,2.500,2.500,,
S,2026,6,g,left,6,,2.000,,,"

got=$("$bin" diff old old); rc=$?
check "diff of a ranking with itself exits 0" "$rc" 0
check "diff of a ranking with itself prints the header only" "$got" "school_id,cohort,checkpoint,student_id,change,old_rank,new_rank,old_gpa,new_gpa,old_honors,new_honors"

"$bin" diff old missing >/dev/null 2>err; rc=$?
check "diff with a missing directory exits 3" "$rc" 3
"$bin" diff old >/dev/null 2>&1; rc=$?
check "diff with one directory is a usage error" "$rc" 2
mkdir broken && printf 'not,a,rank,file\n' > broken/rank-s6.csv
"$bin" diff old broken >/dev/null 2>err; rc=$?
check "diff of a malformed rank file exits 1" "$rc" 1
check "diff names the malformed file" "$(cut -d: -f1-3 err)" "broken/rank-s6.csv:1:1"

echo "diff: $pass passed, $fail failed"
[ "$fail" = 0 ]
