#!/usr/bin/env python3
"""Validates a SARIF file against the official SARIF 2.1.0 schema.

The schema (tests/fixtures/sarif-schema-2.1.0.json) is the OASIS SARIF
2.1.0-rtm.5 schema as shipped in the npm package @microsoft/jest-sarif (MIT).
Usage: validate-sarif.py FILE.sarif
"""
import json
import pathlib
import sys

import jsonschema

schema_path = pathlib.Path(__file__).resolve().parent.parent / "tests/fixtures/sarif-schema-2.1.0.json"
schema = json.loads(schema_path.read_text(encoding="utf-8"))
log = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:20]:
    print(f"{'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
results = sum(len(r.get("results", [])) for r in log.get("runs", []))
if errors:
    print(f"SARIF invalid: {len(errors)} errors", file=sys.stderr)
    sys.exit(1)
if results == 0:
    print("SARIF valid but has no results: nothing was checked", file=sys.stderr)
    sys.exit(1)
print(f"SARIF valid: {results} results")
