#!/usr/bin/env python3
"""The README's "Use it from C" and "Use it from Python" examples print what
the README says: each ```c / ```python block is built (C: against the
shared library) and run in fixtures/sample, and its output compared with
the ```text block after it, line for line.

Usage: readme_api.py LIBCLASSRANK_SO REPO_DIR
"""
import os, re, subprocess, sys, tempfile

lib, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
text = open(os.path.join(repo, "README.md"), encoding="utf-8").read()
case = os.path.join(repo, "fixtures", "sample")
failed = 0
for lang in ("c", "python"):
    blocks = re.findall(r"```" + lang + r"\n(.*?)```\n\nprints\n\n```text\n(.*?)```", text, re.S)
    if len(blocks) != 1:
        print(f"FAIL: expected one {lang} example in the README, found {len(blocks)}")
        failed = 1
        continue
    code, want = blocks[0]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CLASSRANK_LIBRARY=lib, LD_LIBRARY_PATH=os.path.dirname(lib),
                   PYTHONPATH=os.path.join(repo, "bindings", "python"))
        if lang == "c":
            src, exe = os.path.join(tmp, "example.c"), os.path.join(tmp, "example")
            open(src, "w").write(code)
            build = subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", exe, src,
                                    "-I", os.path.join(repo, "include"),
                                    "-L", os.path.dirname(lib), "-lclassrank"],
                                   capture_output=True, text=True)
            if build.returncode:
                print(f"FAIL: the C example does not build:\n{build.stderr}")
                failed = 1
                continue
            cmd = [exe]
        else:
            src = os.path.join(tmp, "example.py")
            open(src, "w").write(code)
            cmd = ["/usr/bin/python3", src]
        got = subprocess.run(cmd, cwd=case, env=env, capture_output=True, text=True)
        if got.returncode or got.stdout != want:
            print(f"FAIL: the {lang} example prints\n{got.stdout}{got.stderr}\nnot\n{want}")
            failed = 1
        else:
            print(f"ok   the {lang} example prints what the README shows")
sys.exit(failed)
