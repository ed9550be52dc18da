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

# Rule check: one line per scenario, with the contract's fields and vocabularies.
BEHAVIOURS = {"kampanye_ikut", "kampanye_atribut", "kampanye_mengerahkan", "kampanye_fasilitas_negara", "keputusan_menguntungkan",
              "kegiatan_keberpihakan", "dukungan_ktp", "medsos_dukungan", "foto_simbol", "alat_peraga", "deklarasi",
              "sosialisasi_bakal_calon", "mencalonkan_diri", "anggota_parpol", "narasumber_parpol"}
SANCTIONS = {"pidana", "ptdh", "disiplin_berat", "disiplin_sedang", "disiplin_ringan", "etik"}
scenarios = root / "Tests/NetraCoreTests/Fixtures/scenarios/scenarios-dev.jsonl"
out = subprocess.run([netra, "rules", "check", "--jsonl", str(scenarios)], capture_output=True, text=True, check=True).stdout.splitlines()
ids = [json.loads(line)["id"] for line in scenarios.read_text().splitlines() if line.strip()]
shape_ok = len(out) == len(ids)
correct = 0
for line, scenario in zip(out, scenarios.read_text().splitlines()):
    got, want = json.loads(line), json.loads(scenario)
    shape_ok &= got["id"] == want["id"] and got["verdict"] in ("dilarang", "boleh") and isinstance(got["explanation"], str)
    shape_ok &= set(got["behaviours"]) <= BEHAVIOURS and set(got["sanctions"]) <= SANCTIONS
    shape_ok &= (got["verdict"] == "dilarang") == bool(got["behaviours"]) and all(isinstance(c, str) for c in got["citations"])
    correct += got["verdict"] == want["expected"]["verdict"]
if not shape_ok:
    failures.append("rules check: output lines do not follow the contract")
if correct / len(ids) < 0.97:
    failures.append(f"rules check: verdict accuracy {correct / len(ids):.3f} < 0.97")

for failure in failures:
    print("FAIL", failure)
print(f"{3 + 1 + 2 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
