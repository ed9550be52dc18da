#!/usr/bin/env python3
"""Runs the built `netra` binary on the registry fixtures and compares its JSON with the contract
(../shared/CONTRACTS.md, "Registry validation"): exactly the expected problems, zero on clean files."""
import json
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
netra = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build/debug/netra")
fixtures = root / "Tests/NetraCoreTests/Fixtures/registry"
failures = []


def validate(name):
    out = subprocess.run([netra, "registry", "validate", str(fixtures / name), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


messy = validate("asn-dev-messy.csv")
expected = {(e["line"], e["field"], e["problem"]) for e in json.loads((fixtures / "asn-dev-messy.expected.json").read_text())}
found = {(e["line"], e["field"], e["problem"]) for e in messy["errors"]}
if found != expected or len(messy["errors"]) != len(expected):
    failures.append(f"messy: missing {sorted(expected - found)}, extra {sorted(found - expected)}")
for name, rows in [("asn-dev-clean.csv", 300), ("asn-dev-semicolon.csv", 20)]:
    report = validate(name)
    if report["errors"] or report["rows"] != rows or report["accepted"] != rows:
        failures.append(f"{name}: {report['rows']} rows, {report['accepted']} accepted, {len(report['errors'])} errors")

bad = subprocess.run([netra, "registry", "validate", "/nonexistent.csv", "--json"], capture_output=True, text=True)
if bad.returncode == 0 or "tidak dapat dibaca" not in bad.stderr:
    failures.append("an unreadable file must exit non-zero with a clear message")

for failure in failures:
    print("FAIL", failure)
print(f"{3 + 1 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
