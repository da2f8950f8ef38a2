# district.sh -- sourced by the shell tests: write a small valid district
# into the current directory (config.yaml, students.csv, enrollment.csv,
# grades/g.csv).  $1, when given, is extra roster rows.
write_district() {
  mkdir -p grades
  printf 'rank: {checkpoints: [6]}\n' > config.yaml
  { printf 'student_id,school_id,cohort,assessment\ns1,S,2026,passed\ns2,S,2026,passed\n'; printf '%b' "${1:-}"; } > students.csv
  printf 'student_id,school_id,term\ns1,S,2024-FA\ns1,S,2025-SP\ns2,S,2024-FA\ns2,S,2025-SP\n' > enrollment.csv
  printf 'student_id,term,course_id,grade,credits\ns1,2025-SP,X,A,1\ns2,2025-SP,X,B,1\n' > grades/g.csv
}
district_args="--config config.yaml --students students.csv --enrollment enrollment.csv --grades grades"
