#!/usr/bin/env python3
"""Replays the findings of the security review (issue #19) against a running `netra serve --demo` and exits
non-zero if any attack still succeeds. Each finding is one function that returns None when the attack fails
(the server held) or a sentence saying what got through.

    python3 scripts/attack.py .build/debug/netra

The server runs on a fresh SQLite file in a temporary folder; the script reads that file directly where
only the database can tell (session rows, stored ids). The upload flood also reports the server's memory
before and after (resident set size from /proc), as the figure the issue asks for.
"""
import hashlib
import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_server  # noqa: E402
from web_client import Client  # noqa: E402,F401


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Attack:
    def __init__(self, netra, work):
        self.netra = netra
        self.work = work
        self.database = os.path.join(work, "netra.sqlite")
        env = dict(os.environ, NETRA_DATABASE_URL=self.database, NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
                   NETRA_RATE_LIMIT_SUBMISSIONS="5", NETRA_RATE_LIMIT_LOGIN_FAILURES="1000", NETRA_METRICS_TOKEN="rahasia-metrik-uji")
        self.process, self.base = demo_server.start(netra, env, os.path.join(work, "server.log"))

    def client(self):
        return Client(self.base)

    def db(self):
        return sqlite3.connect(self.database, timeout=30)

    def alive(self):
        try:
            return self.client().send("GET", "/health")[0] == 200
        except OSError:
            return False

    # 1. The reported person handles their own case.
    def own_case(self):
        with self.db() as db:
            head = db.execute("SELECT head_nip FROM units WHERE name = 'Dinas Pendidikan dan Kebudayaan'").fetchone()[0]
        citizen = self.client()
        status, _, _ = citizen.send("POST", "/api/v1/reports", body=json.dumps(
            {"description": f"ASN dengan NIP {head} memasang baliho pasangan calon di kantor dinas.", "asn_nip": head}).encode(),
            content_type="application/json")
        if status != 201:
            return f"the report could not be filed ({status})"
        admin = self.client()
        admin.login("admin", "netra-admin")
        listing = admin.send("GET", "/kasus/laporan")[2]
        report = re.findall(r'/kasus/laporan/([0-9a-f-]{36})', listing)
        if not report:
            return "no report to verify"
        status, headers, _ = admin.send("POST", f"/kasus/laporan/{report[0]}/verifikasi",
                                        form={"csrf": admin.csrf, "perilaku[]": "alat_peraga", "nip": head})
        case_path = headers.get("Location", "")
        if status != 303 or not case_path.startswith("/kasus/"):
            return f"the admin could not open the case ({status})"
        reported = self.client()
        reported.login("kadisdik", "netra-kadisdik")
        seen = reported.send("GET", case_path)[0]
        summoned = reported.send("POST", f"{case_path}/langkah", form={"csrf": reported.csrf, "langkah": "summon",
                                                                     "tanggal_periksa": "2030-01-21", "tempat": "Aula"})[0]
        if seen == 200 or summoned in (200, 303):
            return f"the kepala dinas opened ({seen}) or summoned ({summoned}) in their own case"
        return None

    # 2. One request kills the server.
    def overflow(self):
        admin = self.client()
        admin.login("admin", "netra-admin")
        answers = [admin.send("GET", path)[0] for path in
                   ["/api/v1/asn?offset=9223372036854775807", "/api/v1/asn?limit=-1", "/api/v1/asn?offset=abc",
                    "/registri/asn?halaman=9223372036854775807", "/dasbor?tahun=99999999999999999999"]]
        if not self.alive():
            return "the server died"
        if any(code >= 500 for code in answers):
            return f"server errors: {answers}"
        return None

    # 3. Lockouts, the message that tells an account exists, parallel guesses.
    def login_guessing(self):
        known = self.client().login("ppk.tidak", "salah-sekali")[2]
        unknown_status, _, unknown = self.client().login("tidak.ada.sama.sekali", "salah-sekali")
        for _ in range(6):
            self.client().login("bawaslu", "salah-sekali")
        locked_status, _, locked = self.client().login("bawaslu", "salah-sekali")
        strip = lambda html, name: re.sub(r'name="csrf" value="[^"]*"', "", html).replace(name, "NAMA")
        if strip(locked, "bawaslu") != strip(unknown, "tidak.ada.sama.sekali") or locked_status != unknown_status:
            return "a throttled existing account answers differently from an unknown name"
        del known
        statuses = []

        def guess():
            statuses.append(self.client().login("bupati", "tebakan-salah")[0])
        threads = [threading.Thread(target=guess) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Had the guesses raced past the count, it would be back at zero and the right password would pass now.
        if self.client().login("bupati", "netra-ppk")[0] == 303:
            return "forty parallel wrong guesses left the account's count unraised"
        with self.db() as db:
            attempts = db.execute("SELECT attempts FROM login_throttle WHERE key = 'pengguna:bupati'").fetchone()
        if not attempts or attempts[0] > 6:
            return f"parallel guesses were all checked (count {attempts})"
        return None

    # 4. Sessions: rows for anonymous visitors, plain stored ids, no expiry, no way to end them.
    def sessions(self):
        with self.db() as db:
            before = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        for _ in range(300):
            self.client().send("GET", "/masuk")
        with self.db() as db:
            rows = db.execute("SELECT count(*) FROM sessions").fetchone()[0] - before
            legacy = db.execute("SELECT count(*) FROM sqlite_master WHERE name = '_fluent_sessions'").fetchone()[0]
        if rows or legacy:
            return f"anonymous visits left {rows} session rows (old table present: {bool(legacy)})"
        admin = self.client()
        admin.login("admin", "netra-admin")
        token = admin.cookies.get("netra_session", "")
        with self.db() as db:
            stored = [row[0] for row in db.execute("SELECT id_hash FROM sessions")]
        mine = hashlib.sha256(token.encode()).hexdigest()
        if token in stored or mine not in stored:
            return "the session id is stored as it is sent"
        thief = self.client()
        thief.cookies["netra_session"] = mine
        if thief.send("GET", "/pengguna")[0] == 200:
            return "a stored session row signs in"
        with self.db() as db:
            db.execute("UPDATE sessions SET last_seen_at = last_seen_at - 3 * 3600, created_at = created_at - 3 * 3600")
        if admin.send("GET", "/pengguna")[0] == 200:
            return "a session idle for three hours still works"
        laptop, phone = self.client(), self.client()
        laptop.login("kadinkes", "netra-kadinkes")
        phone.login("kadinkes", "netra-kadinkes")
        laptop.send("GET", "/akun")
        laptop.send("POST", "/akun/keluar-semua", form={"csrf": laptop.csrf})
        if phone.send("GET", "/registri")[0] == 200:
            return "signing out everywhere left another session alive"
        return None

    # 5. Uploads read before limits: a flood of large posts from an address over its limit.
    def upload_flood(self):
        # First, the figure for an upload that is let in: one 19 MB photo through the streamed form (the fifth report
        # this address may send), against the server's memory just before.
        host, port = self.base.split("//")[1].split(":")[0], int(self.base.rsplit(":", 1)[1])
        photo = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
                 + b"\x11" * (19 * 1024 * 1024) + b"\xff\xd9")
        body = (b"--a\r\nContent-Disposition: form-data; name=\"deskripsi\"\r\n\r\nCamat hadir di kampanye pasangan calon.\r\n"
                b"--a\r\nContent-Disposition: form-data; name=\"bukti[]\"; filename=\"foto.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                + photo + b"\r\n--a--\r\n")
        admitted_before = rss_kib(self.process.pid)
        admitted_peak, answer = admitted_before, []

        def send_photo():
            sock = socket.create_connection((host, port), timeout=120)
            sock.sendall(b"POST /lapor HTTP/1.1\r\nHost: netra\r\nContent-Type: multipart/form-data; boundary=a\r\n"
                         + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            answer.append(sock.recv(32).split(b" ")[1].decode())
            sock.close()
        sender = threading.Thread(target=send_photo)
        sender.start()
        while sender.is_alive():
            admitted_peak = max(admitted_peak, rss_kib(self.process.pid))
            time.sleep(0.02)
        print(f"   admitted upload: one 19 MB photo; server memory {admitted_before / 1024:.0f} MB → peak {admitted_peak / 1024:.0f} MB "
              f"(+{(admitted_peak - admitted_before) / 1024:.0f} MB, {(admitted_peak - admitted_before) / 1024 / 19:.1f}× the file); answer {answer}")
        if answer != ["303"]:  # accepted, and redirected to its receipt
            return f"a 19 MB photo within the limits was not accepted ({answer})"
        for number in range(6):
            self.client().send("POST", "/api/v1/reports", body=json.dumps({"description": f"Laporan pengisi batas nomor {number} tentang ASN."}).encode(),
                               content_type="application/json")
        before = rss_kib(self.process.pid)
        size = 57 * 1024 * 1024
        chunk = b"A" * (1024 * 1024)
        answers = []

        def flood():
            sock = socket.create_connection((host, port), timeout=60)
            head = (f"POST /lapor HTTP/1.1\r\nHost: netra\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                    f"Content-Length: {size}\r\n\r\n").encode()
            try:
                sock.sendall(head)
                for _ in range(size // len(chunk)):
                    sock.sendall(chunk)
            except OSError:
                pass
            try:
                answers.append(sock.recv(64).split(b" ")[1].decode())
            except (OSError, IndexError):
                answers.append("closed")
            sock.close()
        threads = [threading.Thread(target=flood) for _ in range(64)]
        for thread in threads:
            thread.start()
        peak = before
        while any(thread.is_alive() for thread in threads):
            peak = max(peak, rss_kib(self.process.pid))
            time.sleep(0.05)
        grown = (peak - before) / 1024
        print(f"   upload flood: 64 × 57 MB posts over the limit; server memory {before / 1024:.0f} MB → peak {peak / 1024:.0f} MB "
              f"(+{grown:.0f} MB, ratio {peak / max(before, 1):.2f}); answers {sorted(set(answers))}")
        # A size declared over the public limit is refused from the headers: the answer comes after the first bytes of
        # the body (the server hands a request on with its first body part), long before the 40 MB.
        sock = socket.create_connection((host, port), timeout=30)
        sock.sendall(b"POST /lapor/status/tambah HTTP/1.1\r\nHost: netra\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                     b"Content-Length: 41943040\r\n\r\n" + b"--x\r\n" * 100)
        declared = sock.recv(64).split(b" ")[1].decode()
        sock.close()
        if declared != "413":
            return f"a declared 40 MB body was not refused before it was sent ({declared})"
        if grown > 100:
            return f"the server grew by {grown:.0f} MB reading bodies it refused"
        if not self.alive():
            return "the server died"
        return None

    # 6. Reporter privacy: a photo's EXIF reaches staff, the reporter's identity sits in plain text, receipts are cached.
    def reporter_privacy(self):
        exif = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00Pemilik Budi Santoso SN-88412 GPS -6.2088"
        photo = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
                 + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
                 + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00baliho\xff\xd9")
        boundary = "netra-privasi"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"deskripsi\"\r\n\r\nLurah memasang baliho pasangan calon.\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"pelapor_nama\"\r\n\r\nWarga Pelapor Rahasia\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"bukti[]\"; filename=\"IMG_0001.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                ).encode() + photo + f"\r\n--{boundary}--\r\n".encode()
        citizen = self.client()
        status, headers, _ = citizen.send("POST", "/lapor", body=body, content_type=f"multipart/form-data; boundary={boundary}")
        if status != 303:
            return f"the report with a photo was not accepted ({status})"
        # The receipt, with its secret, comes after the redirect.
        status, headers, _ = citizen.send("GET", headers.get("Location", ""))
        if status != 200 or headers.get("Cache-Control") != "no-store":
            return "the receipt page (with its secret) may be cached"
        with self.db() as db:
            names = [row[0] for row in db.execute("SELECT reporter_name FROM reports WHERE reporter_name IS NOT NULL")]
        if any("Pelapor Rahasia" in name for name in names):
            return "the reporter's name is stored in plain text"
        admin = self.client()
        admin.login("admin", "netra-admin")
        digest = hashlib.sha256(photo).hexdigest()
        connection = http.client.HTTPConnection(admin.host, int(admin.port), timeout=30)
        connection.request("GET", f"/bukti/{digest}", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in admin.cookies.items())})
        response = connection.getresponse()
        download = response.read()
        if response.status != 200:
            return f"staff could not download the photo ({response.status})"
        if b"Budi" in download or b"SN-88412" in download or b"GPS" in download:
            return "staff got the photo with its EXIF (owner, serial number, GPS)"
        original = admin.send("POST", f"/bukti/{digest}/asli", form={"csrf": admin.csrf, "alasan": ""})[0]
        if original == 200:
            return "the original was given without a reason"
        return None

    # 7. Open redirect after sign-in.
    def open_redirect(self):
        client = self.client()
        for target in ["/\t/evil.example/phish", "//evil.example", "/\\evil.example", "https://evil.example"]:
            _, headers, _ = client.login("asn", "netra-asn", next_path=target)
            location = headers.get("Location", "")
            if not location.startswith("/") or location.startswith("//") or "\t" in location or "\\" in location or "evil" in location:
                return f"sign-in sent the browser to {location!r}"
            client = self.client()
        return None

    # 8. Security headers.
    def headers(self):
        _, headers, text = self.client().send("GET", "/lapor")
        policy = headers.get("Content-Security-Policy", "")
        problems = [name for name, ok in [
            ("CSP script-src 'self' only", "script-src 'self'" in policy and "script-src 'self' 'unsafe-inline'" not in policy),
            ("frame-ancestors", "frame-ancestors 'none'" in policy), ("nosniff", headers.get("X-Content-Type-Options") == "nosniff"),
            ("Referrer-Policy", bool(headers.get("Referrer-Policy"))),
            ("no inline script", not re.search(r"<script(?![^>]*\bsrc=)|\son[a-z]+=\"", text))] if not ok]
        return f"missing: {problems}" if problems else None

    # 9. /metrics open to anyone.
    def metrics(self):
        client = self.client()
        open_answer = client.send("GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.7"})[0]
        with_token = client.send("GET", "/metrics", headers={"Authorization": "Bearer rahasia-metrik-uji"})[0]
        if open_answer != 404:
            return f"/metrics without the token answered {open_answer}"
        if with_token != 200:
            return f"/metrics with the token answered {with_token} (the check may be wrong)"
        return None

    # 10. Bawaslu reads personal details; the masked NIK shows too much.
    def registry_fields(self):
        with self.db() as db:
            nip, nik = db.execute("SELECT nip, nik FROM asn WHERE email IS NOT NULL AND phone IS NOT NULL LIMIT 1").fetchone()
        bawaslu = self.client()
        bawaslu.login("bawaslu", "netra-bawaslu")
        record = json.loads(bawaslu.send("GET", f"/api/v1/asn/{nip}")[2])
        leaked = [field for field in ("birthDate", "email", "phone") if record.get(field)] + (["socialAccounts"] if record.get("socialAccounts") else [])
        shown_digits = sum(character.isdigit() for character in record.get("nik", ""))
        if leaked or shown_digits > 4 or nik[:6] in record.get("nik", ""):
            return f"Bawaslu got {leaked} and {shown_digits} NIK digits"
        return None

    # 11. Anyone adds attendees to another's socialization event.
    def socialization(self):
        organizer = self.client()
        organizer.login("kadisdik", "netra-kadisdik")
        organizer.send("GET", "/sosialisasi")
        organizer.send("POST", "/sosialisasi", form={"csrf": organizer.csrf, "judul": "Sosialisasi netralitas ASN", "tanggal": "2026-11-20",
                                                    "tempat": "Aula", "penyelenggara": "Dinas Pendidikan"})
        with self.db() as db:
            event = db.execute("SELECT id FROM socialization_events ORDER BY rowid DESC LIMIT 1").fetchone()
            teacher = db.execute("SELECT nip FROM asn LIMIT 1").fetchone()[0]
        if not event:
            return "no event could be recorded"
        event_id = event[0] if isinstance(event[0], str) else str(__import__("uuid").UUID(bytes=event[0]))
        other = self.client()
        other.login("kadinkes", "netra-kadinkes")
        status = other.send("POST", f"/sosialisasi/{event_id.lower()}/peserta", form={"csrf": other.csrf, "peserta": teacher})[0]
        if status not in (403, 404):
            return f"another unit's head added attendees ({status})"
        return None

    # 12. `serve` in development mode by default.
    def production_default(self):
        work = tempfile.mkdtemp(prefix="netra-attack-prod-")
        env = dict(os.environ, NETRA_DATABASE_URL=os.path.join(work, "netra.sqlite"), NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"))
        log = os.path.join(work, "server.log")
        process, _ = demo_server.start(self.netra, env, log, demo=False)
        process.terminate()
        process.wait(timeout=30)
        text = open(log).read()
        refused = subprocess.run([self.netra, "serve", "--env", "bogus", "--port", "1"], env=env, capture_output=True, timeout=60)
        if "Netra (production)" not in text:
            return "serve without --demo did not start in production mode"
        if refused.returncode == 0:
            return "an unknown --env was accepted"
        return None

    # 13. A file that only starts like a video; a name with path separators.
    def disguised_upload(self):
        boundary = "netra-attack"
        executable = b"\x7fELF" + b"\x90" * 512
        fake = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom" + executable
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nVideo kampanye yang diikuti camat.\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"..\\\\..\\\\x.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
                ).encode() + fake + f"\r\n--{boundary}--\r\n".encode()
        status, _, text = self.client().send("POST", "/api/v1/reports", body=body, content_type=f"multipart/form-data; boundary={boundary}")
        if status == 201:
            return "an executable behind an ftyp header was accepted as a video"
        if status != 422 or "rusak" not in text:
            return f"the disguised file was not refused for its content ({status})"
        with self.db() as db:
            names = [row[0] for row in db.execute("SELECT file_name FROM evidence")] if db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'evidence'").fetchone()[0] else []
        if any("/" in name or "\\" in name for name in names):
            return f"a stored name keeps a path separator: {names}"
        return None

    # 14. JSON errors show decoder internals.
    def json_errors(self):
        status, _, text = self.client().send("POST", "/api/v1/reports", body=b'{"description": 5}', content_type="application/json")
        if status != 400 or re.search(r"typeMismatch|codingPath|Swift\.|DecodingError", text):
            return f"the decoder's internals reached the client ({status}): {text[:120]}"
        return None


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    work = tempfile.mkdtemp(prefix="netra-attack-")
    attack = Attack(sys.argv[1], work)
    # The upload flood uses up the address's report limit, so the findings that file reports come before it.
    findings = [
        ("1 own case", attack.own_case), ("2 overflow", attack.overflow), ("3 login guessing", attack.login_guessing),
        ("4 sessions", attack.sessions), ("6 reporter privacy", attack.reporter_privacy), ("13 disguised upload", attack.disguised_upload),
        ("14 JSON errors", attack.json_errors), ("5 upload flood", attack.upload_flood),
        ("7 open redirect", attack.open_redirect), ("8 headers", attack.headers), ("9 metrics", attack.metrics),
        ("10 registry fields", attack.registry_fields), ("11 socialization", attack.socialization),
        ("12 production default", attack.production_default),
    ]
    failed = 0
    try:
        for name, run in findings:
            try:
                problem = run()
            except Exception as error:  # an attack that cannot even be tried is a failure to look at
                problem = f"could not be replayed: {error!r}"
            print(f"{'HELD' if problem is None else 'BROKEN':6} {name}" + (f": {problem}" if problem else ""))
            failed += problem is not None
    finally:
        attack.process.terminate()
        attack.process.wait(timeout=30)
    if failed:
        print(f"{failed} finding(s) still succeed; server log: {work}/server.log")
        sys.exit(1)
    print("every finding held")


if __name__ == "__main__":
    main()
