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

# Support-list cross-check: planted supporters from the clean registry, plain and pseudonymized.
import csv
import os
import tempfile

work = tempfile.mkdtemp(prefix="netra-match-")
asn_rows = list(csv.DictReader(open(fixtures / "asn-dev-clean.csv", encoding="utf-8")))
support = os.path.join(work, "dukungan.csv")
planted = {}
with open(support, "w", encoding="utf-8") as out:
    out.write("nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan\n")
    line = 1
    for index, row in enumerate(asn_rows[:30]):
        line += 1
        if index % 3 == 0:
            out.write(f'{row["nik"]},"{row["nama"].upper()}",Kuala Kurun,{row["tanggal_lahir"]},"Jl. Merdeka, RT 2",1\n')
            planted[line] = (row["nip"], "nik")
        elif index % 3 == 1:
            out.write(f'{row["nik"][:12]}0000,"Hj. {row["nama"]}",Kuala Kurun,,Jl. Kenanga,2\n')
            planted[line] = (row["nip"], "name_birthdate")
        else:  # same name, another birth date: must not match
            out.write(f'6271010101700001,"{row["nama"]}",Kuala Kurun,1970-01-01,Jl. Melati,2\n')
    out.write("12,,Kuala Kurun,,Jl. Mawar,1\n")


def match(*args):
    lines = subprocess.run([netra, "match", *args, "--json"], capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(l) for l in lines[:-1]], json.loads(lines[-1])["summary"]


hits, summary = match("--asn", str(fixtures / "asn-dev-clean.csv"), "--support", support)
got = {h["support_line"]: (h["nip"], h["method"]) for h in hits}
if got != planted or not all({"support_line", "nip", "pair", "method", "confidence"} <= set(h) for h in hits):
    failures.append(f"match: expected {len(planted)} planted hits, got {len(got)} ({sorted(set(got.items()) ^ set(planted.items()))[:3]})")
if summary != {"support_rows": 31, "asn_rows": 300, "hits": len(planted), "rejected_rows": 1}:
    failures.append(f"match summary: {summary}")
# The exact pass alone, on a list without quotes (read in parallel) and with them (read row by row): the same NIK hits.
plain = os.path.join(work, "dukungan-tanpa-kutip.csv")
open(plain, "w", encoding="utf-8").write(open(support, encoding="utf-8").read().replace('"', "").replace(", RT", " RT"))
nik_planted = {line: hit for line, hit in planted.items() if hit[1] == "nik"}
for path in (support, plain):
    exact, exact_summary = match("--asn", str(fixtures / "asn-dev-clean.csv"), "--support", path, "--nik-only")
    if {h["support_line"]: (h["nip"], h["method"]) for h in exact} != nik_planted or exact_summary != {
            "support_rows": 31, "asn_rows": 300, "hits": len(nik_planted), "rejected_rows": 0}:
        failures.append(f"match --nik-only on {os.path.basename(path)}: {exact_summary}")
key = os.path.join(work, "kunci")
open(key, "w").write("bXlzaGFyZWRrZXlmb3JuZXRyYXRlc3RpbmcxMjM0NTY3OA==\n")
for source, target in [(str(fixtures / "asn-dev-clean.csv"), "asn.tok"), (support, "dukungan.tok")]:
    subprocess.run([netra, "match", "pseudonymize", "--key-file", key, "--in", source, "--out", os.path.join(work, target)],
                   capture_output=True, check=True)
if any(row["nik"] in open(os.path.join(work, "dukungan.tok")).read() for row in asn_rows[:30]):
    failures.append("pseudonymized support file still contains a raw NIK")
pseudo, _ = match("--asn", os.path.join(work, "asn.tok"), "--support", os.path.join(work, "dukungan.tok"), "--pseudonymized")
if {h["support_line"]: (h["nip"], h["method"]) for h in pseudo} != planted:
    failures.append("match --pseudonymized: different hits from plain mode")

# Social-media screening: one line per post with the contract's fields.
SIGNALS = {"ajakan_memilih", "dukungan_eksplisit", "dukungan_implisit", "simbol_tangan", "tagar_kampanye", "jargon", "atribut", "foto_bersama",
           "like_konten_paslon", "share_konten_paslon", "follow_akun_pemenangan", "komentar_dukungan", "serangan_lawan", "pemberian_barang"}
screening = root / "Tests/NetraCoreTests/Fixtures/screening"
posts = [json.loads(l) for l in (screening / "posts-dev.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
out = subprocess.run([netra, "scan", "--region", str(screening / "region-dev.json"), "--jsonl", str(screening / "posts-dev.jsonl"), "--json"],
                     capture_output=True, text=True, check=True).stdout.splitlines()
out_lines = out
results = [json.loads(l) for l in out]
ok = len(results) == len(posts)
for got, post in zip(results, posts):
    ok &= got["id"] == post["id"] and {"partisan", "election", "pair", "score", "signals", "spans"} <= set(got)
    ok &= set(got["signals"]) <= SIGNALS and 0.0 <= got["score"] <= 1.0
    ok &= got["partisan"] or (got["election"] is None and got["pair"] is None and got["signals"] == [])
    for span in got["spans"]:
        text = (post.get("target") or {}).get("text", "") if span.get("in") == "target" else post.get("text", "")
        ok &= 0 <= span["start"] <= span["end"] <= len(text) and span["signal"] in SIGNALS
if not ok:
    failures.append("scan: output lines do not follow the contract")
flagged = sum(r["partisan"] and p["label"]["partisan"] for r, p in zip(results, posts))
wrong = sum(r["partisan"] != p["label"]["partisan"] for r, p in zip(results, posts))
if wrong / len(posts) > 0.10:
    failures.append(f"scan: {wrong} of {len(posts)} posts misjudged")

posts_csv = os.path.join(work, "posts.csv")
with open(posts_csv, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out)
    writer.writerow(["id", "platform", "author", "kind", "posted_at", "text", "target_author", "target_text"])
    for post in posts:
        target = post.get("target") or {}
        writer.writerow([post["id"], post.get("platform", ""), post.get("author", ""), post.get("kind", ""), post.get("posted_at", ""),
                         post.get("text", ""), target.get("author", ""), target.get("text", "")])
from_csv = subprocess.run([netra, "scan", "--region", str(screening / "region-dev.json"), "--csv", posts_csv, "--json"],
                          capture_output=True, text=True, check=True).stdout.splitlines()
if from_csv != out_lines:
    failures.append("scan --csv differs from scan --jsonl on the same posts")
# Output that cannot be written (a full disk) ends the scan with a clear message, not a crash or a silent loss.
if os.path.exists("/dev/full"):
    for source in (["--jsonl", str(screening / "posts-dev.jsonl")], ["--csv", posts_csv]):
        with open("/dev/full", "w") as full:
            failed = subprocess.run([netra, "scan", "--region", str(screening / "region-dev.json"), *source, "--json"],
                                    stdout=full, stderr=subprocess.PIPE, text=True)
        if failed.returncode == 0 or "Keluaran tidak dapat ditulis" not in failed.stderr:
            failures.append(f"scan {source[0]} into a full disk must exit non-zero with a clear message: {failed.stderr.strip()}")

# Backup and restore: a demo database round-trips and its audit chain checks out; no silent overwrite.
database, evidence = os.path.join(work, "netra.sqlite"), os.path.join(work, "evidence")
subprocess.run([netra, "demo", "--database", database], capture_output=True, text=True, check=True)
backup = subprocess.run([netra, "backup", "--out", os.path.join(work, "cadangan"), "--database", database, "--evidence-dir", evidence],
                        capture_output=True, text=True)
restored = os.path.join(work, "pulih.sqlite")
restore = subprocess.run([netra, "restore", "--from", os.path.join(work, "cadangan"), "--database", restored, "--evidence-dir", evidence + "-pulih"],
                         capture_output=True, text=True)
if backup.returncode != 0 or restore.returncode != 0 or "jejak audit utuh" not in restore.stdout:
    failures.append(f"backup/restore round trip: {backup.stderr.strip()} {restore.stderr.strip()}")
again = subprocess.run([netra, "restore", "--from", os.path.join(work, "cadangan"), "--database", restored, "--evidence-dir", evidence + "-pulih"],
                       capture_output=True, text=True)
if again.returncode == 0 or "--force" not in again.stderr:
    failures.append("restore over an existing database must refuse without --force")

# Going live: a region's own units, ASN and accounts on an empty database, then its kepala dinas signs in.
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import demo_server

live = os.path.join(work, "live.sqlite")
password_file = os.path.join(work, "sandi.txt")
with open(password_file, "w") as f:
    f.write("sungai-harapan-2026\n")


def netra_live(*args):
    return subprocess.run([netra, *args, "--database", live], capture_output=True, text=True)


wilayah = netra_live("import", "wilayah", str(fixtures / "wilayah-dev.csv"), "--json")
faulty_wilayah = netra_live("import", "wilayah", str(fixtures / "wilayah-faulty.csv"))
if wilayah.returncode != 0 or json.loads(wilayah.stdout)["summary"]["inserted"] != 9:
    failures.append(f"import wilayah: {wilayah.stdout.strip()} {wilayah.stderr.strip()}")
if faulty_wilayah.returncode == 0 or "baris 6, kode: Induk 62.91.05 tidak ada" not in faulty_wilayah.stdout:
    failures.append(f"import wilayah of a faulty file must name the rows and exit non-zero: {faulty_wilayah.stdout.strip()}")
elections = fixtures / ".." / "elections"
election = netra_live("election", "import", str(elections / "pilbup-2029.yaml"))
faulty_election = netra_live("election", "import", str(elections / "pilbup-2029-faulty.yaml"))
election_list = netra_live("election", "list")
if election.returncode != 0 or "pilbup-2029: Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2029" not in election_list.stdout \
        or faulty_election.returncode == 0 or "Nomor urut 1 dipakai dua pasangan" not in faulty_election.stderr:
    failures.append(f"election import/list: {election.stderr.strip()} {election_list.stdout.strip()} {faulty_election.stderr.strip()}")
units = netra_live("import", "units", str(fixtures / "units-dev.csv"), "--json")
faulty = netra_live("import", "units", str(fixtures / "units-faulty.csv"))
if units.returncode != 0 or json.loads(units.stdout)["summary"]["inserted"] != 28:
    failures.append(f"import units: {units.stdout.strip()} {units.stderr.strip()}")
if faulty.returncode == 0 or "baris 4, induk" not in faulty.stdout or "lingkaran" not in faulty.stdout:
    failures.append(f"import units of a faulty file must name the rows and exit non-zero: {faulty.stdout.strip()}")
netra_live("import", "asn", str(fixtures / "asn-dev-clean.csv"))
added = [netra_live("users", "add", "admin.bkpsdm", "--role", "admin", "--password-file", password_file),
         netra_live("users", "add", "kadisdik", "--role", "supervisor", "--unit", "2.01", "--nip", "196907312000102006",
                    "--password-file", password_file, "--name", "Kepala Dinas Pendidikan")]
listed = [json.loads(line) for line in netra_live("users", "list", "--json").stdout.splitlines()]
fields = {"username", "role", "nip", "unit", "active", "must_change_password"}
if any(a.returncode != 0 for a in added) or [u["username"] for u in listed] != ["admin.bkpsdm", "kadisdik"] \
        or not all(fields <= set(u) for u in listed) or listed[1]["unit"] != "2.01" or listed[1]["nip"] != "196907312000102006":
    failures.append(f"users add/list: {[a.stderr.strip() for a in added]} {listed}")
refusals = [netra_live("users", "add", "kadisdik", "--role", "supervisor", "--unit", "2.01", "--password-file", password_file),
            netra_live("users", "add", "tamu", "--role", "tukang", "--password-file", password_file),
            netra_live("users", "add", "asn1", "--role", "asn", "--nip", "199001012015011001", "--password-file", password_file)]
if any(r.returncode == 0 for r in refusals) or "sudah dipakai" not in refusals[0].stderr or "tidak dikenal" not in refusals[1].stderr \
        or "tidak ada di data ASN" not in refusals[2].stderr:
    failures.append(f"users add must refuse a duplicate, an unknown role, a NIP not in the registry: {[r.stderr.strip() for r in refusals]}")


def serve(database, log_path):
    env = dict(os.environ, NETRA_DATABASE_URL=database, NETRA_EVIDENCE_DIR=database + "-bukti")
    return demo_server.start(netra, env, log_path, demo=False)


server, base = serve(live, os.path.join(work, "live.log"))
try:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = browser.open(base + "/masuk").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    browser.open(base + "/masuk", urllib.parse.urlencode({"username": "kadisdik", "password": "sungai-harapan-2026", "csrf": csrf}).encode())

    def status(path):
        try:
            return browser.open(base + path).status
        except urllib.error.HTTPError as error:
            return error.code

    own, other = "196907312000102006", "197108271998012004"
    tree = browser.open(base + "/api/v1/units").read().decode()
    if status(f"/api/v1/asn/{own}") != 200 or status(f"/api/v1/asn/{other}") not in (403, 404) or '"code":"2.01"' not in tree:
        failures.append(f"kepala dinas: own {status(f'/api/v1/asn/{own}')}, other dinas {status(f'/api/v1/asn/{other}')}")
finally:
    server.terminate()
    server.wait()

# A database without accounts: the log names the one-time setup address, and no default password works.
empty_log = os.path.join(work, "empty.log")
server, base = serve(os.path.join(work, "empty.sqlite"), empty_log)
try:
    time.sleep(0.3)
    token = re.search(r"/pasang\?token=([A-Za-z0-9_-]+)", open(empty_log).read())
    if not token or urllib.request.urlopen(base + "/pasang?token=" + token.group(1)).status != 200:
        failures.append("serve on an empty database must log a working one-time /pasang address")
finally:
    server.terminate()
    server.wait()

for failure in failures:
    print("FAIL", failure)
print(f"{3 + 1 + 2 + 3 + 2 + 1 + 2 + 8 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
