#!/usr/bin/env bash
# Issue item 3: an input file read twice would count its rows twice and
# move ranks without a word.  The same file (device and inode) given twice,
# by any path, is bad usage (exit 2) naming both paths, before anything is
# written.
. "$(dirname "$0")/common.sh"

base
printf 'student_id,term,course_id,grade,credits\ns1,2024-FA,Y,A,1\n' > grades/h.csv
twice() {  # name want_second want_first grade-args...
  local name=$1 second=$2 first=$3
  shift 3
  run_case "$name" 2 "$second: is the same file as '$first'" $inputs --grades "$@"
}
twice file_and_its_directory grades/g.csv grades/g.csv grades grades/g.csv
twice same_directory_twice grades/g.csv grades/g.csv grades grades
twice same_path_twice grades/h.csv grades/h.csv grades/h.csv grades/h.csv
twice dot_slash_path ./grades/h.csv grades/h.csv grades/h.csv ./grades/h.csv
ln grades/g.csv grades/hard.csv
twice hard_link_inside grades/hard.csv grades/g.csv grades
rm grades/hard.csv; ln -s g.csv grades/soft.csv
twice symbolic_link_inside grades/soft.csv grades/g.csv grades
rm grades/soft.csv
twice roster_as_grades students.csv students.csv grades/g.csv students.csv
run_case stdin_twice 2 "/dev/stdin: is the same file as '/dev/stdin'" $inputs --grades /dev/stdin /dev/stdin < grades/h.csv
# Different files with the same rows are two files: no error.
cp grades/h.csv grades/h2.csv
"$bin" rank $inputs --grades grades --out o >/dev/null 2>err && ok || bad "two copies refused: $(cat err)"
finish input_given_twice
