#!/usr/bin/env python3
"""Crash durability: posts reports to a running `netra serve` (loopback only), kills the server with
SIGKILL right after answers arrive, restarts it, and checks that every report answered 201 is in the
database with its evidence hash. Repeats a few cycles. Usage: durability-test.py NETRA [DATABASE_URL]
(default: a fresh SQLite file). Prints 'N passed, N failed'."""
import base64
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

netra = sys.argv[1]
database = sys.argv[2] if len(sys.argv) > 2 else None
work = tempfile.mkdtemp(prefix="netra-durability-")
if database is None:
    database = os.path.join(work, "netra.sqlite")
env = dict(os.environ, NETRA_DATABASE_URL=database, NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_EVIDENCE_KEY=base64.b64encode(os.urandom(32)).decode(), NETRA_RATE_LIMIT_SUBMISSIONS="100000")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port):
    process = subprocess.Popen([netra, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except Exception:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


# A well-formed JPEG (JFIF segment, start of scan, data, end): Netra walks an upload's structure.
JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
        + os.urandom(64).replace(b"\xff", b"\xfe") + b"\xff\xd9")


def post(port, index, acknowledged, lock, first_answer=None):
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nLaporan uji ketahanan nomor {index} tentang ASN.\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"f{index}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode()
    body += JPEG + str(index).encode() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/reports", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status == 201:
                answer = json.loads(response.read())
                with lock:
                    acknowledged.append((answer["receipt"].replace(" ", ""), answer["evidence"][0]))
                if first_answer is not None:
                    first_answer.set()
    except Exception:
        pass  # cut off by the kill: not acknowledged, so not required to survive


def stored(receipts):
    if database.startswith("postgres"):
        out = subprocess.run(["psql", database, "-At", "-c",
                              "select r.receipt, e.sha256 from reports r join evidence e on e.report_id = r.id"],
                             capture_output=True, text=True, check=True).stdout
        rows = {tuple(line.split("|")) for line in out.splitlines() if line}
    else:
        with sqlite3.connect(database) as connection:
            rows = set(connection.execute("select r.receipt, e.sha256 from reports r join evidence e on e.report_id = r.id"))
    return {r for r in receipts if r in rows}


passed = failed = 0
total_acknowledged = []
start_time = time.time()
for cycle in range(5):
    port = free_port()
    server = start(port)
    acknowledged, lock, threads = [], threading.Lock(), []
    for index in range(20):  # answered one by one: all of these must survive
        post(port, cycle * 1000 + index, acknowledged, lock)
    first_answer = threading.Event()
    for index in range(20, 60):  # a burst, killed as soon as its first answer arrives
        thread = threading.Thread(target=post, args=(port, cycle * 1000 + index, acknowledged, lock, first_answer))
        thread.start()
        threads.append(thread)
    first_answer.wait(timeout=30)
    server.send_signal(signal.SIGKILL)
    for thread in threads:
        thread.join()
    server.wait()
    if len(acknowledged) < 21:
        failed += 1
        print(f"cycle {cycle}: only {len(acknowledged)} reports acknowledged; the test needs at least 21 to mean anything")
        continue
    total_acknowledged += acknowledged
    survivor = start(free_port())  # restart: recovery must keep every acknowledged report
    survivor.send_signal(signal.SIGTERM)
    survivor.wait()
    missing = set(acknowledged) - stored(acknowledged)
    if missing:
        failed += 1
        print(f"cycle {cycle}: {len(missing)} acknowledged reports missing after SIGKILL: {sorted(missing)[:3]}")
    else:
        passed += 1
        print(f"cycle {cycle}: {len(acknowledged)} acknowledged reports all present after SIGKILL and restart")
print(f"{len(total_acknowledged)} reports acknowledged in {time.time() - start_time:.1f} s over 5 kill cycles")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
