#!/usr/bin/env python3
"""check-layers.py -- the engine's stages call only downward.

    tools/check-layers.py [ENGINE_DIR]      (default: engine/ beside tools/)

engine/ holds one folder per stage, lowest first (docs/DESIGN.md, "The
stages"):

    core < config < read < load < rules < write < registrar < engine/ itself

A file may include headers from its own folder and from folders below it,
never from one above.  The files directly in engine/ are the API layer
(run.c): the one place that calls every stage, and the only one that may
include the public header classrank.h (every stage may include
classrank_status.h, the status codes and error record the API shares).
Nothing under core/, config/ or read/ may name cr_run: those stages know
their own structs only.

Prints one line per breach, "file:line: message", and exits 1 if there is
any; prints the count of files checked and exits 0 otherwise.
"""
import os
import re
import sys

LAYERS = ["core", "config", "read", "load", "rules", "write", "registrar"]
API = len(LAYERS)  # files directly in engine/
NO_RUN = {"core", "config", "read"}
PUBLIC = "classrank.h"
SHARED = "classrank_status.h"

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')


def level_of(folder):
    return LAYERS.index(folder) if folder in LAYERS else None


def code_lines(text):
    """The text with comments and string literals blanked, lines kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    return STRING.sub(blank, COMMENT.sub(blank, text)).split("\n")


def check_file(root, rel, problems):
    parts = rel.split(os.sep)
    if len(parts) == 1:
        own, own_level = "", API
    else:
        own = parts[0]
        own_level = level_of(own)
        if own_level is None or len(parts) != 2:
            problems.append(f"{rel}:1: not in a stage folder ({', '.join(LAYERS)})")
            return
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        text = f.read()
    for n, line in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, name = m.groups()
        base = os.path.basename(name)
        if base == PUBLIC:
            if own_level != API:
                problems.append(f"{rel}:{n}: includes the public header {PUBLIC}: only the API "
                                f"layer (engine/*.c) may; use {SHARED} for the status codes")
            continue
        if kind == "<" or base == SHARED:
            continue  # system and library headers, and the shared status codes
        if "/" not in name:
            if not os.path.exists(os.path.join(root, own, name)):
                problems.append(f"{rel}:{n}: includes \"{name}\": name its folder "
                                f"(\"core/{name}\"...) so the layer shows")
            continue
        folder = name.split("/")[0]
        lvl = level_of(folder)
        if lvl is None:
            problems.append(f"{rel}:{n}: includes \"{name}\" from '{folder}/', not a stage folder")
        elif lvl > own_level:
            problems.append(f"{rel}:{n}: includes \"{name}\": {folder}/ is above "
                            f"{own or 'engine'}/ (stages call only downward: "
                            f"{' < '.join(LAYERS)})")
    if own in NO_RUN:
        for n, line in enumerate(code_lines(text), 1):
            if re.search(r"\bcr_run\b", line):
                problems.append(f"{rel}:{n}: names cr_run: {own}/ must not know the run")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "engine")
    problems, n = [], 0
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                check_file(root, os.path.relpath(os.path.join(dirpath, name), root), problems)
                n += 1
    for p in sorted(problems):
        print(os.path.join(os.path.relpath(root), p))
    if problems:
        print(f"check-layers: {len(problems)} breach(es) in {n} files", file=sys.stderr)
        return 1
    print(f"check-layers: {n} files, every include downward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
