#!/usr/bin/env bash
# Issue item 8: the two-byte grade "A\0" was looked up as the one-byte
# grade "A" (the short-grade table's key did not hold the length), and a
# NUL in a name printed it cut short.  A NUL is bad input (exit 1),
# located, in a grade, an id or a name.
. "$(dirname "$0")/common.sh"

H='student_id,term,course_id,grade,credits,level,source'
base; printf "$H\\ns1,2025-SP,X,A\\0,1,regular,district\\n" > grades/g.csv
run_case grade_a_nul 1 "grades/g.csv:2:14: unknown grade 'A\\x00'" $inputs --grades grades
base; printf "$H\\ns1,2025-SP,X,\\0A,1,regular,district\\n" > grades/g.csv
run_case grade_nul_a 1 "grades/g.csv:2:14: unknown grade '\\x00A'" $inputs --grades grades
base; printf "$H\\ns1,2025-SP,X,P\\0,1,regular,district\\n" > grades/g.csv
run_case mark_p_nul 1 "grades/g.csv:2:14: unknown grade 'P\\x00'" $inputs --grades grades
base; printf "$H\\ns1\\0,2025-SP,X,A,1,regular,district\\n" > grades/g.csv
run_case id_nul 1 "grades/g.csv:2:1: student_id 's1\\x00' holds U+0000, a control character" $inputs --grades grades
base; printf "$H\\ns1,2025-SP,X\\0,A,1,regular,district\\n" > grades/g.csv
run_case course_nul 1 "grades/g.csv:2:12: course_id 'X\\x00' holds U+0000" $inputs --grades grades
base; printf 'student_id,school_id,cohort,assessment,first_name,last_name\ns1,S,2026,passed,Ann\0e,Lee\ns2,S,2026,passed,Bo,Li\0u\n' > students.csv
run_case name_nul 1 "students.csv:2:18: first_name 'Ann\\x00e' holds a NUL byte" $inputs --grades grades
grep -q "students.csv:3:21: last_name 'Li\\\\x00u' holds a NUL byte" stderr && ok || bad "second name: $(cat stderr)"
# A NUL in a text of the config (YAML's "\0" escape), such as an honors
# name that is printed.
base; printf 'rank: {checkpoints: [6]}\nhonors: [{name: "Sum\\0ma", min_gpa: 0}]\n' > config.yaml
run_case config_text_nul 2 "config.yaml:2:17: honors name 'Sum\\x00ma' holds a NUL byte" $inputs --grades grades
# The one- and two-byte letters still work, with the two-byte ones beside
# one-byte ones that share the first byte.
base; printf "$H\\ns1,2025-SP,X,A-,1,regular,district\\ns2,2025-SP,X,A,1,regular,district\\n" > grades/g.csv
"$bin" rank $inputs --grades grades --out o >/dev/null 2>err && grep -q ',s1,3.700,' o/rank-s6.csv &&
  grep -q ',s2,4.000,' o/rank-s6.csv && ok || bad "A- and A: $(cat err) $(cat o/rank-s6.csv)"
finish nul_bytes
