#!/usr/bin/env bash
# The bad-input suite: one broken input per failure mode.  Each case starts
# from a small valid district, breaks one thing, runs `classrank rank`, and
# asserts the exit status, the exact `file:line:column:` that stderr starts
# with, and that --out (holding a previous run's outputs) was not touched
# and no temporary directory was left beside it.
# Usage: bad_input.sh CLASSRANK_BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0

base() {  # a valid district in the current directory
  rm -rf ./*
  mkdir grades
  printf 'rank: {checkpoints: [6]}\n' > config.yaml
  printf 'student_id,school_id,cohort,assessment,assessment_term,grad_term\ns1,S,2026,passed,,\ns2,S,2026,passed,,\n' > students.csv
  printf 'student_id,school_id,term\ns1,S,2024-FA\ns1,S,2025-SP\ns2,S,2024-FA\ns2,S,2025-SP\n' > enrollment.csv
  printf 'student_id,term,course_id,grade,credits,level,source\ns1,2025-SP,X,A,1,regular,district\ns2,2025-SP,X,B,1,honors,\n' > grades/g.csv
}

run_case() {  # name expected_exit expected_stderr_prefix [whole]
  # With a fourth argument "whole", stderr's first line must be exactly
  # expected_stderr_prefix (a message that must not be cut short).
  local name=$1 want_exit=$2 want=$3 whole=${4:-}
  mkdir -p prev/out
  printf 'previous\n' > prev/out/rank-s6.csv
  local before; before=$(cd prev && find . -type f -exec md5sum {} + | sort)
  # shellcheck disable=SC2086
  "$bin" rank --config config.yaml --students students.csv --enrollment enrollment.csv \
    ${catalog:+--courses "$catalog"} ${extra:-} --grades grades --out prev/out >stdout 2>stderr
  local got=$?
  local after; after=$(cd prev && find . -type f -exec md5sum {} + | sort)
  local first; first=$(head -n 1 stderr)
  local problems=""
  [ "$got" = "$want_exit" ] || problems="$problems exit=$got(want $want_exit)"
  if [ "$whole" = whole ]; then
    [ "$first" = "$want" ] || problems="$problems stderr='$first' (want '$want')"
  else
    case "$first" in "$want"*) ;; *) problems="$problems stderr='$first' (want prefix '$want')";; esac
  fi
  [ "$before" = "$after" ] || problems="$problems out-changed"
  [ -z "$(ls -A prev | grep -v '^out$')" ] || problems="$problems leftovers:$(ls -A prev)"
  if [ -z "$problems" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name:$problems"; fi
  rm -rf prev
}

cd "$work"
g=grades/g.csv
H='student_id,term,course_id,grade,credits,level,source'

base; printf '%s\ns1,2025-SP,X,A,1,regular,district,extra\n' "$H" > $g
run_case field_count_more 1 "$g:2:35: expected 7 fields"
base; printf '%s\ns1,2025-SP,X,A,1\n' "$H" > $g
run_case field_count_fewer 1 "$g:2:"
base; printf '%s\ns1,2025-SP,"X,A,1,regular,district\n' "$H" > $g
run_case unterminated_quote 1 "$g:2:12: quoted field is not closed"
base; printf '%s\ns1,2025-SP,X,Q,1,regular,district\n' "$H" > $g
run_case unknown_grade 1 "$g:2:14: unknown grade 'Q'"
base; printf '%s\ns1,2025-SP,X,100.5,1,regular,district\n' "$H" > $g
run_case numeric_out_of_range 1 "$g:2:14: numeric grade '100.5' is out of range"
base; printf '%s\ns1,2025-XX,X,A,1,regular,district\n' "$H" > $g
run_case bad_term 1 "$g:2:4: term '2025-XX' is not a term"
base; printf '%s\ns1,2025-SP,X,A,-1,regular,district\n' "$H" > $g
run_case credits_negative 1 "$g:2:16: credits '-1' is out of range"
base; printf '%s\ns1,2025-SP,X,A,10.5,regular,district\n' "$H" > $g
run_case credits_over_10 1 "$g:2:16: credits '10.5' is out of range"
base; printf '%s\ns1,2025-SP,X,A,0.3333,regular,district\n' "$H" > $g
run_case credits_decimals 1 "$g:2:16: credits '0.3333' has more than 3 decimals"
base; printf '%s\ns1,2025-SP,X,A,one,regular,district\n' "$H" > $g
run_case credits_not_number 1 "$g:2:16: credits 'one' is not a number"
base; printf '%s\ns1,2025-SP,X,A,1,remedial,district\n' "$H" > $g
run_case unknown_level 1 "$g:2:18: unknown level 'remedial'"
base; printf '%s\ns1,2025-SP,X,A,1,regular,home\n' "$H" > $g
run_case unknown_source 1 "$g:2:26: source 'home' is not district or transfer"
base; printf 'student_id,term,course_id,grade\ns1,2025-SP,X,A\n' > $g
run_case missing_column 1 "$g:1:1: missing required column 'credits'"
base; printf 'student_id,term,course_id,grade,credits,grade\ns1,2025-SP,X,A,1,B\n' > $g
run_case duplicate_header 1 "$g:1:41: column 'grade' appears twice"
base; printf 'student_id,school_id,cohort,assessment\ns1,S,2026,passed\ns1,S,2026,none\n' > students.csv
run_case duplicate_roster_id 1 "students.csv:3:1: duplicate student_id 's1'"
base; printf 'student_id,school_id,cohort,assessment\ns1,S,27,passed\n' > students.csv
run_case bad_cohort 1 "students.csv:2:6: cohort '27' is not a graduation year"
base; printf 'student_id,school_id,cohort,assessment\ns1,S,2026,maybe\n' > students.csv
run_case bad_assessment 1 "students.csv:2:11: assessment 'maybe' is not one of"
base; printf 'student_id,school_id,cohort,assessment,assessment_term\ns1,S,2026,passed,2025\n' > students.csv
run_case bad_assessment_term 1 "students.csv:2:18: assessment_term '2025' is not a term"
base; printf 'student_id,school_id,cohort,assessment,grad_term\ns1,S,2026,passed,2026-WI\n' > students.csv
run_case bad_grad_term 1 "students.csv:2:18: grad_term '2026-WI' is not a term"
base; printf 'student_id,school_id,term\ns1,S,2025-Spring\n' > enrollment.csv
run_case enrollment_bad_term 1 "enrollment.csv:2:6: term '2025-Spring' is not a term"
base; printf 'rank: {ties: [oops\n' > config.yaml
run_case yaml_syntax 2 "config.yaml:2:1: YAML"
base; printf 'gpa:\n  precisionn: 2\n' > config.yaml
run_case unknown_config_key 2 "config.yaml:2:3: unknown key 'precisionn' in gpa"
base; printf 'rank:\n  checkpoints: 6\n' > config.yaml
run_case wrong_type 2 "config.yaml:2:16: rank.checkpoints must be a list"
base; printf 'rank:\n  ties: olympic\n' > config.yaml
run_case bad_enum 2 "config.yaml:2:9: rank.ties must be one of"
base; printf 'gpa:\n  precision: -1\n' > config.yaml
run_case negative_precision 2 "config.yaml:2:14: gpa.precision '-1' is out of range"
base; printf 'eligibility: {assessment: anything}\n' > config.yaml
run_case assessment_not_any 2 "config.yaml:1:27: eligibility.assessment must be a list of statuses or any, not 'anything'" whole
base; mkdir grades/dir.csv
run_case grade_file_is_directory 3 "grades/dir.csv: cannot read: is a directory"
base; : > $g
run_case empty_grade_file 1 "$g:1:1: the file is empty"
base; printf '%s\ns\xff1,2025-SP,X,A,1,regular,district\n' "$H" > $g
run_case invalid_utf8_id 1 "$g:2:1: student_id 's\\xFF1' is not valid UTF-8"
base; rm students.csv
run_case missing_roster 3 "students.csv: cannot read: No such file or directory"

# SIS exports: a value the map does not list, a season the map does not
# list, a year that is not one, a keep filter's column missing.
sis_config() {
  cat > config.yaml <<'Y'
rank: {checkpoints: [6]}
columns:
  grades:
    term: {year: SchoolYear, season: Season, year_is: end, seasons: {"Fall Semester": FA, "Spring Semester": SP}}
    level: {column: Lvl, values: {"uri://x/LevelDescriptor#H": honors, R: regular}}
    keep: {StoreCode: [S1, S2]}
Y
}
SH='student_id,SchoolYear,Season,course_id,grade,credits,Lvl,StoreCode'
base; sis_config; printf '%s\ns1,2025,Spring Semester,X,A,1,AP,S2\n' "$SH" > $g
run_case sis_unmapped_value 1 "$g:2:31: Lvl value 'AP' is not listed in columns.grades.level values"
# The whole value in every message (SPEC): an Ed-Fi descriptor is quoted whole
# up to 200 bytes, code and all; a longer value shows its first 100 and last
# 60 bytes.  The long one here is "uri://" + 234 x's + "#H-Plus" (247 bytes).
U='uri://ed-fi.org/CourseLevelCharacteristicDescriptor#Advanced Placement'
base; sis_config; printf '%s\ns1,2025,Spring Semester,X,A,1,%s,S2\n' "$SH" "$U" > $g
run_case sis_unmapped_value_whole 1 "$g:2:31: Lvl value '$U' is not listed in columns.grades.level values" whole
X234=$(printf 'x%.0s' $(seq 234))
base; sis_config; printf '%s\ns1,2025,Spring Semester,X,A,1,uri://%s#H-Plus,S2\n' "$SH" "$X234" > $g
run_case sis_unmapped_value_long 1 "$g:2:31: Lvl value 'uri://$(printf 'x%.0s' $(seq 94))...$(printf 'x%.0s' $(seq 53))#H-Plus' is not listed in columns.grades.level values" whole
base; sis_config; printf '%s\ns1,2025,Winter,X,A,1,R,S2\n' "$SH" > $g
run_case sis_unmapped_season 1 "$g:2:9: 'Winter' is not in columns term seasons"
base; sis_config; printf '%s\ns1,25,Fall Semester,X,A,1,R,S1\n' "$SH" > $g
run_case sis_bad_year 1 "$g:2:4: '25' is not a school year (YYYY)"
base; sis_config; printf 'student_id,SchoolYear,Season,course_id,grade,credits,Lvl\ns1,2025,Fall Semester,X,A,1,R\n' > $g
run_case sis_keep_column_missing 1 "$g:1:1: missing required column 'StoreCode' (a keep filter's column)"
base; printf 'columns:\n  grades:\n    level: {column: Lvl}\n' > config.yaml
run_case sis_map_without_values 2 "config.yaml:3:12: columns.grades.level needs column and values"

# The course catalog (SPEC "Course catalog"): a course listed twice, empty
# credits on both the row and the course (or a course the catalog lacks), a
# catalog level gpa.weights does not list, a mapped catalog value not
# listed, a flag that is not one, and a catalog that cannot be read.
catalog=courses.csv
base; printf 'course_id,level\nX,honors\nX,ap\n' > courses.csv
run_case catalog_course_twice 1 "courses.csv:3:1: duplicate course_id 'X' (each course once in the catalog)" whole
base; printf 'course_id,level,credits\nX,honors,\n' > courses.csv
printf '%s\ns1,2025-SP,X,A,,regular,district\n' "$H" > $g
run_case catalog_credits_empty_both 1 "$g:2:16: credits are empty and course 'X' has no credits in the course catalog" whole
base; printf 'course_id,credits\nX,1\n' > courses.csv
printf '%s\ns1,2025-SP,Y,A,,regular,district\n' "$H" > $g
run_case catalog_credits_empty_unlisted 1 "$g:2:16: credits are empty and course 'Y' is not in the course catalog" whole
base; printf 'course_id,level\nX,remedial\n' > courses.csv
run_case catalog_unknown_level 1 "courses.csv:2:3: unknown level 'remedial' (not in gpa.weights)" whole
base; printf 'columns:\n  courses:\n    level: {column: Lvl, values: {H: honors}}\n' > config.yaml
printf 'course_id,Lvl\nX,AP\n' > courses.csv
run_case catalog_unmapped_value 1 "courses.csv:2:3: Lvl value 'AP' is not listed in columns.courses.level values" whole
base; printf 'course_id,year_long\nX,maybe\n' > courses.csv
run_case catalog_bad_flag 1 "courses.csv:2:3: year_long 'maybe' is not yes/no, true/false or 1/0" whole
base; printf 'course_id,credits\nX,12\n' > courses.csv
run_case catalog_credits_range 1 "courses.csv:2:3: credits '12' is out of range (0 to 10)" whole
base; printf 'level,credits\nhonors,1\n' > courses.csv
run_case catalog_no_course_id 1 "courses.csv:1:1: missing required column 'course_id'"
base; printf 'columns:\n  courses: {term: T}\n' > config.yaml; : > courses.csv
run_case catalog_column_unknown 2 "config.yaml:2:13: columns.courses has no column 'term'"
base
run_case catalog_missing 3 "courses.csv: cannot read: No such file or directory"
# check and explain read the catalog as rank does
base; printf 'course_id,level\nX,honors\nX,ap\n' > courses.csv
for cmd in check "explain --student s1"; do
  # shellcheck disable=SC2086
  "$bin" $cmd --config config.yaml --students students.csv --enrollment enrollment.csv \
    --courses courses.csv --grades grades >/dev/null 2>stderr
  rc=$?
  if [ $rc = 1 ] && [ "$(head -n 1 stderr)" = "courses.csv:3:1: duplicate course_id 'X' (each course once in the catalog)" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL catalog_in_${cmd%% *}: rc=$rc $(head -n 1 stderr)"
  fi
done
catalog=

# output.edfi (SPEC "Results back to the SIS"): the ranking date is required
# and must be a date; every school needs an Ed-Fi id; a GPA fits Ed-Fi's 4
# decimals.  The base roster's school S is no integer and no map gives it.
edfi='output: {edfi: {school_ids: {S: 255901001}}}'
base; printf '%s\n' "$edfi" > config.yaml
run_case edfi_no_ranking_date 2 "classrank: output.edfi needs a ranking date, YYYY-MM-DD (the classRankingDate of the Ed-Fi records)" whole
extra="--ranking-date 2026-02-29"
base; printf '%s\n' "$edfi" > config.yaml
run_case edfi_not_a_date 2 "classrank: the ranking date '2026-02-29' is not a date (expected YYYY-MM-DD)" whole
extra="--ranking-date 2026-06-01"
base; printf 'output: {edfi: {}}\n' > config.yaml
run_case edfi_school_without_id 2 "classrank: output.edfi: school 'S' has no Ed-Fi educationOrganizationId: give it in output.edfi.school_ids" whole
base; printf 'output: {edfi: {}}\ncolumns: {students: {school_id: {column: sid, values: {"1": S, "2": S}}}}\n' > config.yaml
printf 'student_id,sid,cohort,assessment\ns1,1,2026,passed\ns2,2,2026,passed\n' > students.csv
run_case edfi_school_mapped_twice 2 "classrank: output.edfi: school 'S' is both '1' and '2' in columns.students.school_id values: say which Ed-Fi id it has in output.edfi.school_ids" whole
base; printf 'output: {edfi: {}}\ncolumns: {students: {school_id: {column: sid, values: {"X1": S}}}}\n' > config.yaml
printf 'student_id,sid,cohort,assessment\ns1,X1,2026,passed\ns2,X1,2026,passed\n' > students.csv
run_case edfi_school_mapped_from_text 2 "classrank: output.edfi: school 'S' has no Ed-Fi educationOrganizationId (its roster value 'X1' is not a positive integer): give it in output.edfi.school_ids" whole
base; printf 'gpa: {precision: 5}\n%s\n' "$edfi" > config.yaml
run_case edfi_precision 2 "config.yaml:2:9: output.edfi needs gpa.precision 4 or less (Ed-Fi keeps gradePointAverageValue with 4 decimals), not 5" whole
base; printf 'output: {edfi: {school_ids: {S: 0}}}\n' > config.yaml
run_case edfi_id_zero 2 "config.yaml:1:33: an Ed-Fi educationOrganizationId '0' is out of range"
base; printf 'output: {edfi: {namespce: x}}\n' > config.yaml
run_case edfi_unknown_key 2 "config.yaml:1:17: unknown key 'namespce' in output.edfi (known: namespace, school_ids)" whole
extra=

# A header-only grade file is fine (a term with no grades yet).
base; printf '%s\n' "$H" > grades/empty.csv
mkdir -p prev
if "$bin" rank --config config.yaml --students students.csv --enrollment enrollment.csv \
    --grades grades --out prev/out 2>stderr && [ -s prev/out/rank-s6.csv ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL header_only_file_is_fine: $(head -n 2 stderr)"
fi

# `eligibility.assessment: any` (SPEC "Assessment not used"): the roster's
# assessment column is not read, so a value that would be refused is fine
# and a student with status none is ranked.
base; printf 'eligibility: {assessment: any}\nrank: {checkpoints: [6]}\n' > config.yaml
printf 'student_id,school_id,cohort,assessment\ns1,S,2026,maybe\ns2,S,2026,none\n' > students.csv
rm -rf prev; mkdir -p prev
if "$bin" rank --config config.yaml --students students.csv --enrollment enrollment.csv \
    --grades grades --out prev/out 2>stderr && [ "$(cut -d, -f4 prev/out/rank-s6.csv | tr '\n' ' ')" = "student_id s1 s2 " ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL assessment_any_ignores_column: $(head -n 2 stderr; cat prev/out/rank-s6.csv)"
fi

# A group of equivalent courses is year-long as a whole (SPEC "Year-long
# courses"): ALG-NEW (year-long) renumbers ALG.  s1's ALG C in 2024-FA and
# ALG-NEW A in 2025-FA are both fall halves of the one course, so under
# repeats: latest the later supersedes the earlier: at checkpoint 7
# (2025-FA) s1 counts the A alone, 4.000 on 1 credit (the two as separate
# courses would give (2 + 4) / 2 = 3.000 on 2).
base; printf 'gpa: {repeats: latest, equivalent_courses: {ALG-NEW: ALG}, year_long_courses: [ALG-NEW]}\nrank: {checkpoints: [7]}\n' > config.yaml
printf 'student_id,school_id,cohort,assessment\ns1,S,2026,passed\n' > students.csv
printf 'student_id,school_id,term\ns1,S,2024-FA\ns1,S,2025-SP\ns1,S,2025-FA\n' > enrollment.csv
printf 'student_id,term,course_id,grade,credits\ns1,2024-FA,ALG,C,1\ns1,2025-FA,ALG-NEW,A,1\n' > $g
rm -rf prev; mkdir -p prev
if "$bin" rank --config config.yaml --students students.csv --enrollment enrollment.csv \
    --grades grades --out prev/out 2>stderr && [ "$(cut -d, -f5,7 prev/out/rank-s7.csv | tail -n 1)" = "4.000,1.000" ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL year_long_group: $(cat prev/out/rank-s7.csv stderr)"
fi

echo "bad_input: $pass passed, $fail failed"
[ "$fail" = 0 ]
