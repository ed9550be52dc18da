#!/usr/bin/env python3
"""Two Netra instances on one PostgreSQL database behind nginx (issue #22), tried as a production site would
be: a bounded load of public reports and status look-ups runs through nginx while one instance is killed with
SIGKILL and started again. Exits non-zero unless afterwards
  - every acknowledged report is in the database once, and answers its status look-up;
  - the public form's rate limit held across the instances (counted through the proxy, whatever
    X-Forwarded-For the client forges);
  - a support list whose matching began on the killed instance was finished by the other, with the right hits,
    none twice;
  - every e-mail the outbox holds was delivered once (a real SMTP server counts them);
  - a photo sent through one instance is downloaded through the other (evidence kept in the database).

    python3 scripts/two-instances.py .build/debug/netra postgres://postgres@127.0.0.1:55433

The second argument is the server (a superuser URL without a database name); the script makes and drops a
database of its own. nginx (Debian's package) must be installed; it runs as a child of this script. nginx
connects to the instances from 127.0.0.2, the only address NETRA_TRUSTED_PROXIES names, and clients connect
from other loopback addresses (127.0.1.x), so that each is a client of its own.
"""
import base64
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_server  # noqa: E402
import nginx_proxy  # noqa: E402
import web_client  # noqa: E402

PASSED, FAILED = [], []


def check(condition, what):
    (PASSED if condition else FAILED).append(what)
    print(("ok   " if condition else "FAIL ") + what, flush=True)


def multipart(fields, files):
    boundary = "netra-dua-instans"
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content_type, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: {content_type}\r\n\r\n'.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Site:
    def __init__(self, netra, server_url, work):
        self.netra, self.work = netra, work
        self.database = f"netra_two_{os.getpid()}"
        self.admin_url = server_url.rstrip("/")
        self.url = f"{self.admin_url}/{self.database}"
        self.psql(f"DROP DATABASE IF EXISTS {self.database}", database="postgres")
        self.psql(f"CREATE DATABASE {self.database}", database="postgres")
        self.ports = {"a": demo_server.free_port(), "b": demo_server.free_port()}
        self.proxy_port = demo_server.free_port()
        self.smtp_port = demo_server.free_port()
        self.spool = os.path.join(work, "spool")
        os.makedirs(self.spool)
        self.processes = {}
        self.key = base64.b64encode(os.urandom(32)).decode()

    def psql(self, sql, database=None):
        target = f"{self.admin_url}/{database or self.database}"
        return subprocess.run(["psql", target, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()

    def environment(self):
        env = dict(os.environ)
        env.update({
            "NETRA_DATABASE_URL": self.url, "NETRA_EVIDENCE_STORE": "database", "NETRA_EVIDENCE_KEY": self.key,
            "NETRA_EVIDENCE_DIR": os.path.join(self.work, "unused-evidence"),
            "NETRA_TRUSTED_PROXIES": "127.0.0.2", "NETRA_JOB_LEASE_SECONDS": "6",
            "NETRA_SMTP_HOST": "127.0.0.1", "NETRA_SMTP_PORT": str(self.smtp_port), "NETRA_SMTP_SECURITY": "none",
            "NETRA_SMTP_FROM": "netra@bkpsdm.contoh.go.id", "NETRA_PUBLIC_URL": f"http://127.0.0.1:{self.proxy_port}",
        })
        return env

    def start_smtp(self):
        log = open(os.path.join(self.work, "smtp.log"), "w")
        self.processes["smtp"] = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "smtp-test-server.py"), self.spool,
                                                   "--port", str(self.smtp_port)], stdout=log, stderr=subprocess.STDOUT)
        for _ in range(100):
            if "READY" in open(log.name).read():
                return
            time.sleep(0.1)
        raise SystemExit("SMTP server did not start")

    def start(self, name, demo=False):
        log = open(os.path.join(self.work, f"netra-{name}.log"), "a")
        command = [self.netra, "serve", "--port", str(self.ports[name])] + (["--demo"] if demo else [])
        process = subprocess.Popen(command, env=self.environment(), stdout=log, stderr=subprocess.STDOUT)
        demo_server.wait_until_up(f"http://127.0.0.1:{self.ports[name]}", process)
        self.processes[name] = process

    def kill(self, name):
        self.processes[name].send_signal(signal.SIGKILL)
        self.processes[name].wait()

    def start_nginx(self):
        self.processes["nginx"], _ = nginx_proxy.start(os.path.join(self.work, "nginx"), list(self.ports.values()), bind="127.0.0.2",
                                                       retry_connect=True, port=self.proxy_port)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        try:
            self.psql(f"DROP DATABASE IF EXISTS {self.database}", database="postgres")
        except subprocess.CalledProcessError:
            pass


def report_json(description):
    return json.dumps({"description": description, "location": "Kecamatan Sungai Tengah"}).encode()


def main():
    netra, server_url = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="netra-two-")
    site = Site(netra, server_url, work)
    try:
        site.start_smtp()
        site.start("a", demo=True)
        site.start("b")
        site.start_nginx()
        run(site)
    finally:
        site.stop()
        print(f"logs in {work}")
    print(f"\n{len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)


def run(site):
    proxy = site.proxy_port
    token = uuid.uuid4().hex[:8]

    # 1. The rate limit, counted through the proxy: 14 reports from one client, half served by each instance;
    #    a forged X-Forwarded-For changes nothing.
    one = web_client.Client(f"http://127.0.0.1:{proxy}", "127.0.0.50")
    answers = [one.send("POST", "/api/v1/reports", body=report_json(f"Uji batas {token} nomor {i}: camat berkampanye di kantor."),
                        content_type="application/json", headers={"X-Forwarded-For": f"10.9.9.{i}"})[0] for i in range(14)]
    check(answers.count(201) == 10 and answers.count(429) == 4,
          f"rate limit held across both instances through nginx: {answers.count(201)} accepted, {answers.count(429)} refused (10 and 4 expected)")

    # 2. Reporters who asked to be told by e-mail; the team declines their reports, which queues one e-mail each.
    mailed = []
    for i in range(6):
        reporter = web_client.Client(f"http://127.0.0.1:{proxy}", f"127.0.2.{i + 1}")
        body, content_type = multipart([("deskripsi", f"Laporan surel {token}-{i}: lurah memasang baliho pasangan calon di balai desa."),
                                        ("pelapor_kontak", f"warga-{token}-{i}@contoh.id"), ("kabari", "ya")], [])
        status, _, _ = reporter.send("POST", "/lapor", body=body, content_type=content_type)
        check(status == 303, f"report {i} asking for e-mail news accepted through the web form (status {status})")
        mailed.append(f"warga-{token}-{i}@contoh.id")
    team = web_client.Client(f"http://127.0.0.1:{proxy}", "127.0.3.1")
    check(team.login("admin", "netra-admin", next_path="/kasus")[0] == 303, "the admin signs in through nginx")
    for report_id in site.psql(f"SELECT id FROM reports WHERE description LIKE 'Laporan surel {token}-%'").split():
        team.send("GET", f"/kasus/laporan/{report_id}")
        status, _, _ = team.send("POST", f"/kasus/laporan/{report_id}/tolak",
                                 form={"csrf": team.csrf, "alasan": "Bukan tindakan ASN: pemasang baliho adalah tim kampanye."})
        check(status == 303, f"report {report_id[:8]} declined (status {status})")

    # 3. A photo sent through the proxy is read back through each instance directly: evidence lives in the database.
    photo = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
             + f"panggung kampanye {token}".encode() + b"\x11" * 2000 + b"\xff\xd9")
    body, content_type = multipart([("description", f"Foto {token}: kepala dinas di panggung kampanye.")], [("files", "foto.jpg", "image/jpeg", photo)])
    status, _, data = web_client.Client(f"http://127.0.0.1:{proxy}", "127.0.4.1").send("POST", "/api/v1/reports", body=body, content_type=content_type)
    check(status == 201, f"report with a photo accepted (status {status})")
    digest = json.loads(data)["evidence"][0] if status == 201 else ""
    for name in ("a", "b"):
        staff = web_client.Client(f"http://127.0.0.1:{site.ports[name]}", "127.0.0.1")
        staff.login("admin", "netra-admin")
        status, _, got = staff.fetch("GET", f"/bukti/{digest}")
        check(status == 200 and got == photo, f"the photo is downloaded through instance {name.upper()} (status {status})")

    # 4. A support list uploaded to instance A: A starts matching it.
    people = [line.split("|") for line in site.psql("SELECT nik, name, birth_date FROM asn ORDER BY nip LIMIT 25").splitlines()]
    rows = ["nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan"]
    planted = set()
    for index in range(300_000):
        if index % 12_000 == 7:
            nik, name, birth = people[len(planted)]
            planted.add(index + 2)
            rows.append(f"{nik},{name},Sungai Harapan,{birth},Jl. Merdeka,1")
        else:
            rows.append(f"{3291011201900000 + index},Warga {index},Sungai Harapan,1990-01-12,Jl. Pahlawan {index},1")
    uploader = web_client.Client(f"http://127.0.0.1:{site.ports['a']}", "127.0.0.1")
    uploader.login("admin", "netra-admin")
    uploader.send("GET", "/pencocokan")
    body, content_type = multipart([("csrf", uploader.csrf)], [("berkas", "dukungan.csv", "text/csv", ("\n".join(rows) + "\n").encode())])
    status, headers, _ = uploader.send("POST", "/pencocokan", body=body, content_type=content_type)
    check(status == 303, f"support list of 300,000 rows uploaded to instance A (status {status})")
    list_id = headers.get("Location", "").rsplit("/", 1)[-1]

    # 5. The load: reports and look-ups from 40 clients through nginx, while A is killed and started again.
    acknowledged, unknown, lookups = [], [0], {"ok": 0, "failed": []}
    lock = threading.Lock()

    def client_work(number):
        client = web_client.Client(f"http://127.0.0.1:{proxy}", f"127.0.1.{number}")
        for i in range(8):
            description = f"Beban {token} klien {number} laporan {i}: ASN membagikan unggahan pasangan calon."
            try:
                status, _, data = client.send("POST", "/api/v1/reports", body=report_json(description), content_type="application/json", timeout=30)
            except OSError:
                with lock:
                    unknown[0] += 1
                continue
            if status == 201:
                receipt = json.loads(data)
                with lock:
                    acknowledged.append((description, receipt["receipt"], receipt["secret"]))
                try:
                    looked, _, _ = client.send("POST", "/api/v1/reports/status", body=json.dumps({"receipt": receipt["receipt"], "secret": receipt["secret"]}).encode(),
                                               content_type="application/json", timeout=30)
                except OSError:
                    looked = 0
                with lock:
                    if looked == 200:
                        lookups["ok"] += 1
                    else:
                        lookups["failed"].append(looked)
            elif status >= 500:
                with lock:
                    unknown[0] += 1
            time.sleep(0.05)

    started = time.time()
    killed_at_rows = None
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        futures = [pool.submit(client_work, number) for number in range(1, 41)]
        # Kill A as soon as its matching has saved progress (and while the load runs).
        deadline = time.time() + 60
        while time.time() < deadline:
            state = site.psql(f"SELECT status, rows_done FROM support_lists WHERE id = '{list_id}'")
            status, rows_done = state.split("|")
            if status == "running" and int(rows_done) > 0:
                break
            time.sleep(0.02)
        site.kill("a")
        killed_at_rows = int(site.psql(f"SELECT rows_done FROM support_lists WHERE id = '{list_id}'"))
        print(f"instance A killed with SIGKILL after {time.time() - started:.1f} s, its list at row {killed_at_rows}", flush=True)
        # A comes back once B has taken the list over (A's lease of 6 s ended), so the list ends on B.
        deadline = time.time() + 60
        while time.time() < deadline and site.psql(f"SELECT attempts FROM support_lists WHERE id = '{list_id}'") == "1":
            time.sleep(0.2)
        site.start("a")
        print(f"instance A started again after {time.time() - started:.1f} s", flush=True)
        for future in futures:
            future.result()

    check(killed_at_rows is not None and 0 < killed_at_rows < 300_000, f"A was killed in the middle of its list (row {killed_at_rows} of 300,000)")
    print(f"load: {len(acknowledged)} reports acknowledged, {unknown[0]} without an answer, {lookups['ok']} look-ups answered, "
          f"{len(lookups['failed'])} not (status {sorted(set(lookups['failed']))}; 0 = connection cut, 502 = on the killed instance)", flush=True)
    check(not [s for s in lookups["failed"] if s not in (0, 502)], "a look-up failed only where its instance was killed")
    check(len(acknowledged) >= 250, f"most of the 320 reports were acknowledged ({len(acknowledged)})")

    # 6. Every acknowledged report is there once, and answers its look-up.
    stored = {}
    for line in site.psql(f"SELECT description, COUNT(*) FROM reports WHERE description LIKE 'Beban {token} %' GROUP BY description").splitlines():
        description, count = line.rsplit("|", 1)
        stored[description] = int(count)
    missing = [d for d, _, _ in acknowledged if d not in stored]
    doubled = [d for d, count in stored.items() if count > 1]
    check(not missing, f"every acknowledged report is stored ({len(missing)} missing)")
    check(not doubled, f"no report is stored twice ({len(doubled)} twice)")
    check(len(stored) <= len(acknowledged) + unknown[0], f"no report appeared that was not sent ({len(stored)} stored)")
    checker = web_client.Client(f"http://127.0.0.1:{proxy}", "127.0.5.1")
    answered = 0
    for number, (_, receipt, secret) in enumerate(acknowledged):
        if number % 25 == 0:
            checker = web_client.Client(f"http://127.0.0.1:{proxy}", f"127.0.5.{number // 25 + 1}")
        status, _, _ = checker.send("POST", "/api/v1/reports/status", body=json.dumps({"receipt": receipt, "secret": secret}).encode(),
                                    content_type="application/json")
        answered += status == 200
    check(answered == len(acknowledged), f"every acknowledged report answers its status look-up ({answered} of {len(acknowledged)})")

    # 7. The list was finished by B, from where A left it, with each planted ASN once.
    deadline = time.time() + 120
    while time.time() < deadline and site.psql(f"SELECT status FROM support_lists WHERE id = '{list_id}'") != "done":
        time.sleep(0.5)
    state = site.psql(f"SELECT status, rows_done, hits, attempts FROM support_lists WHERE id = '{list_id}'").split("|")
    check(state[0] == "done" and int(state[1]) >= 300_000, f"the support list is done after the takeover ({state})")
    check(state[3] == "2", f"the list was claimed twice: by A, then by B after A's lease ended (attempts {state[3]})")
    lines = [int(x) for x in site.psql(f"SELECT support_line FROM support_hits WHERE list_id = '{list_id}' ORDER BY support_line").split()]
    check(set(lines) == planted and len(lines) == len(planted),
          f"the list's hits are the {len(planted)} planted ASN, each once ({len(lines)} hits)")

    # 8. Every queued e-mail went out once.
    deadline = time.time() + 120
    while time.time() < deadline and site.psql("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") != "0":
        time.sleep(1)
    check(site.psql("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == "0", "the outbox is empty: every e-mail was delivered")
    received = {}
    for name in os.listdir(site.spool):
        if name.endswith(".eml"):
            first = open(os.path.join(site.spool, name), "rb").readline().decode()
            for address in first.split(":", 1)[1].strip().split(","):
                received[address] = received.get(address, 0) + 1
    for address in mailed:
        check(received.get(address, 0) == 1, f"{address} received exactly one e-mail ({received.get(address, 0)})")


if __name__ == "__main__":
    main()
