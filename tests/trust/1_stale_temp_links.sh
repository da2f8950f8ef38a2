#!/usr/bin/env bash
# Issue item 1: the clean-up of stale temporary directories beside --out
# never follows a link.  A link named like a temporary directory, pointing
# at a directory the user can write to, is left alone, and so is what it
# points at -- on the first run and on every later one.  A real stale
# temporary directory (a killed run's) is removed, but only what classrank
# writes: anything else in it stays.
. "$(dirname "$0")/common.sh"

base
mkdir -p victim/sub r
echo x > victim/p.txt; echo y > victim/sub/q.txt
ln -s "$work/victim" r/.out.classrank-tmp-evil
before=$(snapshot victim)
for i in 1 2; do
  "$bin" rank $inputs --grades grades --out r/out >/dev/null 2>err; rc=$?
  [ $rc = 0 ] && [ -f r/out/rank-s6.csv ] && ok || bad "run $i: rc=$rc $(cat err)"
  [ "$before" = "$(snapshot victim)" ] && ok || bad "run $i: the linked directory changed"
  [ -L r/.out.classrank-tmp-evil ] && ok || bad "run $i: the link itself was removed"
done

# A link to a file, named like a temporary directory: the file stays.
echo keep > victim/file.txt
ln -s "$work/victim/file.txt" r/.out.classrank-tmp-file
"$bin" rank $inputs --grades grades --out r/out >/dev/null 2>err
[ "$(cat victim/file.txt)" = keep ] && [ -L r/.out.classrank-tmp-file ] && ok || bad "file link"

# A killed run's temporary directory: its outputs go, a stranger's file
# inside it stays (and with it the directory).
# (Temporary names end in 16 hex digits, or in mkdtemp's 6 characters of
# earlier versions; any other name is not a temporary directory at all.)
old=r/.out.classrank-tmp-0123456789abcdef old2=r/.out.classrank-tmp-Ab3dE9
mkdir $old $old2 r/.out.classrank-tmp-x.classrank-tmp-0123456789abcdef
printf 'x\n' > $old/rank-s6.csv
printf 'x\n' > $old2/rank-s6.csv
printf 'mine\n' > $old2/notes.txt
ln -s "$work/victim" $old2/report
printf 'x\n' > r/.out.classrank-tmp-x.classrank-tmp-0123456789abcdef/rank-s6.csv
"$bin" rank $inputs --grades grades --out r/out >/dev/null 2>err
[ ! -e $old ] && ok || bad "a stale temporary directory of outputs was left"
[ "$(ls -A $old2 | tr '\n' ' ')" = "notes.txt report " ] && ok ||
  bad "stale directory with a stranger's file: $(ls -A $old2)"
[ "$before" = "$(snapshot victim | grep -v file.txt)" ] && ok || bad "a link inside a stale directory was followed"
[ -f r/.out.classrank-tmp-x.classrank-tmp-0123456789abcdef/rank-s6.csv ] && ok ||
  bad "another --out's temporary directory (its name starts like ours) was taken"
# Nothing of this run is left beside --out: no temporary directory, no lock.
[ "$(ls -A r | tr '\n' ' ')" = ".out.classrank-tmp-Ab3dE9 .out.classrank-tmp-evil .out.classrank-tmp-file .out.classrank-tmp-x.classrank-tmp-0123456789abcdef out " ] && ok ||
  bad "left beside --out: $(ls -A r)"
# An --out named like those files is bad usage.
"$bin" rank $inputs --grades grades --out r/out.classrank-tmp-x >/dev/null 2>err; rc=$?
[ $rc = 2 ] && grep -q "must not be named like classrank's temporary" err && ok || bad "--out named like a temporary: rc=$rc"

# --out itself a link: refused, and the directory it points at untouched.
mkdir real; printf 'x\n' > real/rank-s6.csv
ln -s "$work/real" linked
"$bin" rank $inputs --grades grades --out linked >/dev/null 2>err; rc=$?
[ $rc = 3 ] && grep -q "is a symbolic link" err && [ "$(cat real/rank-s6.csv)" = x ] && [ -L linked ] && ok ||
  bad "--out a link: rc=$rc $(cat err)"
finish stale_temp_links
