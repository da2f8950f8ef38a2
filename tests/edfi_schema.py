#!/usr/bin/env python3
"""Every edfi-s<k>.jsonl line classrank writes is a valid Ed-Fi DS 5.2
studentAcademicRecords POST body (tests/edfi/README.md says where the schema
comes from).

For each fixture case given: rank it, then validate every line of every
edfi-s<k>.jsonl against tests/edfi/studentAcademicRecord.schema.json with
jsonschema (format checks on: classRankingDate must be a date).  Also checks
the schema refuses three broken records, so that it is not a schema that
accepts anything.

Usage: edfi_schema.py CLASSRANK_BINARY SCHEMA_FILE CASE_DIR...
"""
import glob, json, os, subprocess, sys, tempfile

import jsonschema

binary, schema_path, cases = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
schema = json.load(open(schema_path))
validator_class = jsonschema.validators.validator_for(schema)
validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
failures = checked = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


for case in cases:
    case = os.path.abspath(case)
    args = open(os.path.join(case, "args")).read().split()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([binary, "rank", *args, "--out", out], cwd=case, check=True,
                       stderr=subprocess.DEVNULL)
        files = sorted(glob.glob(os.path.join(out, "edfi-s*.jsonl")))
        if not files:
            fail(f"{case}: no edfi-s<k>.jsonl written")
        first = None
        for path in files:
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                record = json.loads(line)
                first = first or record
                errors = sorted(validator.iter_errors(record), key=str)
                if errors:
                    fail(f"{os.path.basename(path)}:{n}: {errors[0].message}")
                checked += 1
        if first:
            broken = [dict(first, classRanking=dict(first["classRanking"], classRank=2.5)),
                      dict(first, id="x"),
                      {k: v for k, v in first.items() if k != "termDescriptor"}]
            for b in broken:
                if validator.is_valid(b):
                    fail(f"the schema accepts a broken record: {json.dumps(b)[:120]}")

print(f"edfi_schema: {checked} records valid, {failures} failures")
sys.exit(1 if failures or not checked else 0)
