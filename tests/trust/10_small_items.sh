#!/usr/bin/env bash
# Issue 13's smaller items: --out follows the umask (it was made 0700);
# parent directories a failed run created are removed again; --out '' is
# bad usage (exit 2, was 3); explain escapes control characters (a grade
# file's name, a config text) instead of printing raw ESC sequences; a
# config that is a directory says so; gen follows no link inside its --out;
# inputs under a working directory deeper than PATH_MAX allows whole.
. "$(dirname "$0")/common.sh"

base
for mask in 022 002 077; do
  rm -rf m
  (umask $mask; "$bin" rank $inputs --grades grades --out m/out >/dev/null 2>err) || bad "umask $mask: $(cat err)"
  want=$(printf '%o' $(( 0777 & ~0$mask )))
  [ "$(stat -c %a m/out)" = "$want" ] && [ "$(stat -c %a m/out/report)" = "$want" ] && ok ||
    bad "umask $mask: --out has mode $(stat -c %a m/out), want $want"
done

# A failed run leaves no directory it made.
printf 'student_id,term\n' > grades/bad.csv
"$bin" rank $inputs --grades grades --out new/deeper/out >/dev/null 2>err; rc=$?
[ $rc = 1 ] && [ ! -e new ] && ok || bad "failed run left parents: rc=$rc $(ls -R new 2>&1 | head -3)"
mkdir -p kept
"$bin" rank $inputs --grades grades --out kept/a/out >/dev/null 2>err
[ -d kept ] && [ -z "$(ls -A kept)" ] && ok || bad "failed run: kept/ should stay, empty: $(ls -A kept)"
rm grades/bad.csv
"$bin" rank $inputs --grades grades --out new/deeper/out >/dev/null 2>err && [ -f new/deeper/out/rank-s6.csv ] &&
  [ "$(ls -A new/deeper | tr '\n' ' ')" = "out " ] && ok || bad "successful run into new parents: $(cat err)"

"$bin" rank $inputs --grades grades --out '' >/dev/null 2>err; rc=$?
[ $rc = 2 ] && grep -q "^classrank rank: --out must name a directory" err && ok || bad "--out '': rc=$rc $(cat err)"
for d in . .. / ./ x/..; do
  "$bin" rank $inputs --grades grades --out "$d" >/dev/null 2>err; rc=$?
  [ $rc = 2 ] && grep -q "must be a directory of its own" err && ok || bad "--out '$d': rc=$rc $(cat err)"
done

# explain: a grade file named with an ESC sequence, and an honors name
# with one (YAML's "\e"), come out as \x1B, never as the raw byte.
esc=$(printf '\033')
mv grades/g.csv "grades/${esc}[2J${esc}[31m.csv"
printf 'rank: {checkpoints: [6]}\nhonors: [{name: "Top\\e[5m", min_gpa: 0}]\n' > config.yaml
"$bin" explain $inputs --grades grades --student s1 >out 2>err; rc=$?
[ $rc = 0 ] && ! grep -q "$esc" out && grep -q 'grades/\\x1B\[2J\\x1B\[31m.csv:[0-9]' out &&
  grep -q 'honors: Top\\x1B\[5m' out && ok || bad "explain escapes: rc=$rc $(cat -v out | head -5) $(cat err)"
# The report too, and the error messages naming such a file.
"$bin" rank $inputs --grades grades --out r >/dev/null 2>err
! grep -q "$esc" r/report/index.html && grep -q 'Top\\x1B\[5m' r/report/index.html && ok || bad "report escapes"
printf 'student_id\n' > "grades/${esc}]0;owned${esc}\\.csv"
"$bin" check $inputs --grades grades >/dev/null 2>err
! grep -q "$esc" err && grep -q '\\x1B\]0;owned' err && ok || bad "error message escapes: $(cat -v err)"

# gen writes inside its --out only: a link planted there is not followed.
mkdir g; echo secret > outside.txt; ln -s "$work/outside.txt" g/students.csv
"$bin" gen --students 10 --seed 1 --out g >/dev/null 2>err; rc=$?
[ $rc != 0 ] && [ "$(cat outside.txt)" = secret ] && ok || bad "gen followed a link: rc=$rc"

# Inputs named relative to a working directory so deep that the absolute
# path would pass PATH_MAX (the run keeps absolute paths to read files again
# after a chdir): the files are read by the names given, as before.
base
deep=$work/d; while [ ${#deep} -lt 3800 ]; do deep=$deep/dddddddddddddddddddddddddddddddddddddddd; done
mkdir -p "$deep" && cp -r config.yaml students.csv enrollment.csv grades "$deep/"
dots=.$(printf '/.%.0s' $(seq 1 150))
(cd "$deep" && "$bin" rank --config $dots/config.yaml --students $dots/students.csv \
   --enrollment $dots/enrollment.csv --grades $dots/grades --out $dots/o --quiet >/dev/null 2>"$work/err") &&
  [ -s "$deep/o/rank-s6.csv" ] && ok || bad "a deep working directory: $(cat err)"

# A config that is a directory.
base; mkdir conf.d
"$bin" rank --config conf.d --students students.csv --grades grades --out o >/dev/null 2>err; rc=$?
[ $rc = 2 ] && grep -q "^conf.d: is a directory, not a config file" err && ok || bad "config dir: rc=$rc $(cat err)"
finish small_items
