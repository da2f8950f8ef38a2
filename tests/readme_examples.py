#!/usr/bin/env python3
"""The README's explain and whatif examples are what classrank prints.

Finds the README's code block that starts with
`$ cd fixtures/sample && classrank explain ...`, runs that command from the
checkout, and checks that the block's lines appear in the output in order
(the block's "..." stands for rows it leaves out).

Usage: readme_examples.py CLASSRANK_BINARY REPO_DIR
"""
import os, re, shlex, subprocess, sys

binary, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
text = open(os.path.join(repo, "README.md"), encoding="utf-8").read()
blocks = re.findall(r"```\n(\$ cd fixtures/sample && classrank explain [^\n]*)\n(.*?)```", text, re.S)
if len(blocks) != 1:
    print(f"FAIL: expected one explain example in the README, found {len(blocks)}")
    sys.exit(1)
command, shown = blocks[0]
m = re.fullmatch(r"\$ cd (\S+) && classrank explain (.*)", command)
case = os.path.join(repo, m.group(1))
args = open(os.path.join(case, "args")).read().split()
rest = [a for a in shlex.split(m.group(2)) if a != "$(cat"]
rest = [a for a in rest if a != "args)"]
out = subprocess.run([binary, "explain", *args, *rest], cwd=case, capture_output=True, text=True)
if out.returncode != 0:
    print(f"FAIL: the example exited {out.returncode}: {out.stderr}")
    sys.exit(1)
got = out.stdout.splitlines()
at = 0
for line in shown.splitlines():
    if line.strip() == "...":
        continue
    while at < len(got) and got[at] != line:
        at += 1
    if at == len(got):
        print(f"FAIL: the README shows a line explain does not print (in order):\n  {line}")
        sys.exit(1)
    at += 1
# The what-if example: its first command, and the line it prints.
m = re.search(r"\$ cd (fixtures/whatif) && classrank whatif ([^\n]*)\n([^\n]*)\n", text)
if not m:
    print("FAIL: no whatif example in the README")
    sys.exit(1)
out = subprocess.run([binary, "whatif", *shlex.split(m.group(2))], cwd=os.path.join(repo, m.group(1)),
                     capture_output=True, text=True)
if out.returncode != 0 or out.stdout.splitlines()[:1] != [m.group(3)]:
    print(f"FAIL: the README's whatif example prints {out.stdout!r} ({out.stderr})")
    sys.exit(1)
print("readme_examples: the explain and whatif examples match")
