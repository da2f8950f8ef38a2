#!/usr/bin/env bash
# Issue item 7: a small config hung the run or took its memory: 100,000
# nested '[' took 53 s in libyaml's parser and 1,000,000 never finished, a
# 1 MB config whose schools alias one honors list took 34 s and 2.1 GB, and
# 50,000 schools or equivalent courses took over a minute (quadratic).  Each
# limit's error arrives, located, in under a second; 100,000 schools or
# equivalent courses load in under a second.  (README "Limits".)
# LIMIT_MS (environment) is the bound, 1000 unless a sanitizer build
# that runs several times slower sets it.
. "$(dirname "$0")/common.sh"
limit=${LIMIT_MS:-1000}

base
timed() {  # name want_exit want_stderr_prefix: check with config.yaml
  local name=$1 want_exit=$2 want=$3
  elapsed_ms "$bin" check $inputs --grades grades >/dev/null 2>err
  local ms; ms=$(cat .elapsed)
  if [ "$status" = "$want_exit" ] && [ "$ms" -lt "$limit" ] && case "$(head -n 1 err)" in "$want"*) true;; *) false;; esac; then
    ok
  else
    bad "$name: exit $status (want $want_exit) in $ms ms (limit $limit): $(head -c 300 err)"
  fi
}
py() { python3 -c "$1" > config.yaml; }
# Columns counted by hand; the implicit mapping at the top is a level too.

py "print('rank: {checkpoints: [6]}\ngpa: {non_gpa: ' + '['*100000 + ']'*100000 + '}')"
timed nesting_100000 2 "config.yaml:2:78: mappings and lists nested more than 64 deep: the limit in gpa.non_gpa[0][0]"
py "print('x: ' + '['*1000000 + ']'*1000000)"
timed nesting_1000000 2 "config.yaml:1:67: mappings and lists nested more than 64 deep: the limit"
py "print('x: ' + '{a: '*1000 + '1' + '}'*1000)"
timed nesting_mappings 2 "config.yaml:1:256: mappings and lists nested more than 64 deep"
# Exactly 64 levels is within the limit (then an unknown key: the walk ran).
py "print('x: ' + '['*63 + ']'*63)"
timed nesting_64_is_fine 2 "config.yaml:1:1: unknown key 'x' in the configuration"

# Aliases: 2,000 schools each alias a list of 1,000 honors criteria
# (5,000 nodes each) stand for 10 million nodes.
py "
crit = ', '.join('{name: H%d, min_gpa: 3.%d}' % (i, i % 10) for i in range(1000))
print('honors: &h [%s]' % crit)
print('schools:')
for i in range(2000): print('  \"S%d\": {honors: *h}' % i)"
timed alias_expansion 2 "config.yaml:801:20: the configuration names more than 4000000 nodes"
# The classic bomb: each list names the one before ten times.
py "
print('a0: &a0 [x, x, x, x, x, x, x, x, x, x]')
for i in range(1, 12): print('a%d: &a%d [%s]' % (i, i, ', '.join(['*a%d' % (i - 1)] * 10)))"
timed billion_laughs 2 "config.yaml:7:"
py "print('a: &a [1, *a]')"
timed alias_inside_itself 2 "config.yaml:1:11: an alias inside the node it names (a loop)"

# Size.
py "print('#' + 'x' * (5 << 20))"
timed larger_than_4_MiB 2 "config.yaml: the configuration is larger than 4194304 bytes: the limit"
# Lists searched per row.
py "print('gpa: {non_gpa: [' + ', '.join('M%d' % i for i in range(1001)) + ']}')"
timed non_gpa_over_1000 2 "config.yaml:1:16: gpa.non_gpa takes at most 1000 entries"
py "print('gpa:\n  scale: {' + ', '.join('L%d: 1.0' % i for i in range(1001)) + '}')"
timed scale_over_1000 2 "config.yaml:2:10: gpa.scale takes at most 1000 entries"

# Many schools and equivalent courses load fast (they are sorted, and an
# honors list many schools alias is read once).
py "
print('rank: {checkpoints: [6]}')
print('honors: &h [{name: A, min_gpa: 3.5}, {name: B, top_n: 10}]')
print('schools:')
for i in range(100000): print('  \"S%d\": {honors: *h}' % i)
print('  \"S\": {honors: [{name: Top, top_n: 1}]}')"
timed schools_100000 0 ""
"$bin" rank $inputs --grades grades --out o >/dev/null 2>&1 && grep -q ',Top,1,' o/honors-s6.csv && ok ||
  bad "school S's own list not applied among 100,000: $(cat o/honors-s6.csv)"
py "
print('rank: {checkpoints: [6]}')
print('gpa:')
print('  equivalent_courses:')
for i in range(100000): print('    C%d: D%d' % (i, i))
print('    X: C0')"
timed equivalents_mapped_onto_mapped 2 "config.yaml:100004:8: gpa.equivalent_courses maps onto 'C0', which is itself mapped"
py "
print('rank: {checkpoints: [6]}')
print('gpa:')
print('  equivalent_courses:')
for i in range(100000): print('    C%d: D%d' % (i, i))"
timed equivalents_100000 0 ""
finish config_limits
