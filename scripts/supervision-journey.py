#!/usr/bin/env python3
"""#20 in a real browser, on a region set up without the demo data, with e-mail through a real local SMTP server:

a report about a teacher is verified into a case routed to the head of the teacher's school, who is e-mailed through
the SMTP server and finds the case on top of "Perlu tindakan saya"; the deadline passes, the case moves to the kepala
dinas, who is e-mailed, while the school's head sees that it was taken over; a case about the kepala dinas goes to the
PPK, who is e-mailed, and the kepala dinas cannot open it; the school and the dinas file the week's supervision
statements bottom-up and the admin sees and prints the roll-up.

The region is made with the command line as a BKPSDM would (`netra import`, `netra users add`); the server runs under
libfaketime with its clock read from a file this script moves; deadlines and mail are run by `netra jobs run`, as cron
would. The SMTP server is the one `.ci/run` started (NETRA_TEST_SMTP, NETRA_TEST_SMTP_SPOOL) or, without it, one this
script starts (scripts/smtp-test-server.py).

Usage: supervision-journey.py [NETRA_BINARY] [SCREENSHOT_DIR]
"""
import base64
import email
import email.header
import glob
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

import demo_server
from browser_kit import browser, open_case, submit, text, value_after
from selenium.webdriver.common.by import By

netra = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/netra")
shots = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "test-output/supervision")
os.makedirs(shots, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "Tests", "NetraCoreTests", "Fixtures", "registry")
work = tempfile.mkdtemp(prefix="netra-supervision-")
clock_file = os.path.join(work, "faketime")
failures = []
PUBLIC_URL = "https://netra.sungaiharapankab.go.id"
PASSWORD = "sungai-harapan-2026"


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


step = [0]


def shot(driver, name):
    step[0] += 1
    driver.save_screenshot(os.path.join(shots, f"{step[0]:02d}-{name}.png"))


def set_clock(day):
    """The server's clock at 09.00 WIB on `day` (libfaketime rereads the file on every call)."""
    with open(clock_file, "w") as handle:
        handle.write(f"@{day} 02:00:00\n")


libfaketime = glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob("/usr/lib/faketime/libfaketime.so.1")
if not libfaketime:
    raise SystemExit("libfaketime not found: apt-get install faketime")

smtp_process = None
spool = os.environ.get("NETRA_TEST_SMTP_SPOOL")
smtp_address = os.environ.get("NETRA_TEST_SMTP")
if not (spool and smtp_address):
    spool = os.path.join(work, "smtp")
    port = demo_server.free_port()
    smtp_process = subprocess.Popen([sys.executable, os.path.join(here, "smtp-test-server.py"), spool, "--port", str(port)],
                                    stdout=subprocess.PIPE, text=True)
    check("READY" in smtp_process.stdout.readline(), "the local SMTP server starts")
    smtp_address = f"127.0.0.1:{port}"
smtp_host, smtp_port = smtp_address.rsplit(":", 1)

env = dict(os.environ, NETRA_DATABASE_URL=os.path.join(work, "netra.sqlite"), NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_SMTP_HOST=smtp_host, NETRA_SMTP_PORT=smtp_port, NETRA_SMTP_FROM="netra@bkpsdm.sungaiharapankab.go.id",
           NETRA_SMTP_FROM_NAME="Netra BKPSDM Sungai Harapan", NETRA_SMTP_CA_FILE=os.path.join(spool, "cert.pem"),
           NETRA_SMTP_USER="netra", NETRA_SMTP_PASSWORD="sandi-uji", NETRA_PUBLIC_URL=PUBLIC_URL)
# Each address names this run, so messages of other runs in a shared spool are never counted.
run = os.path.basename(work).split("-")[-1].lower().replace("_", "")
address = {who: f"{who}.{run}@sungaiharapankab.go.id" for who in ("kepsek", "kadisdik", "bupati", "warga")}


def cli(*arguments):
    """`netra ARGUMENTS` on the region's database, on the real clock: `jobs run --today` names the day it acts for, and
    the SMTP server's certificate is checked against the real date."""
    result = subprocess.run([netra, *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout, result.stderr)
    return result


def messages(to):
    """(subject, body) of each message the SMTP server accepted for `to`, oldest first."""
    found = []
    for path in sorted(glob.glob(os.path.join(spool, "*.eml"))):
        with open(path, "rb") as handle:
            raw = handle.read()
        first, rest = raw.split(b"\r\n", 1)
        if first.decode().replace("X-Envelope-To: ", "") != to:
            continue
        message = email.message_from_bytes(rest)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        found.append((subject, base64.b64decode(message.get_payload()).decode()))
    return found


def sign_in(driver, username, at):
    driver.delete_all_cookies()
    driver.get(at + "/masuk")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/masuk']"))
    check("/masuk" not in driver.current_url, f"{username} signs in")


def report(at, description, nip, contact=None):
    citizen = browser()
    citizen.get(at + "/lapor")
    citizen.find_element(By.NAME, "deskripsi").send_keys(description)
    citizen.find_element(By.NAME, "nip_asn").send_keys(nip)
    if contact:
        citizen.find_element(By.CSS_SELECTOR, "details summary").click()
        citizen.find_element(By.NAME, "pelapor_kontak").send_keys(contact)
        citizen.find_element(By.ID, "kabari").click()
    submit(citizen, citizen.find_element(By.CSS_SELECTOR, "form[action='/lapor']"))
    receipt = value_after("Kode tanda terima:", text(citizen))
    citizen.quit()
    return receipt


def file_statement(driver, at, fields, nihil=True):
    driver.get(at + "/pengawasan")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/pengawasan/lapor']")
    for name, value in fields.items():
        form.find_element(By.NAME, name).send_keys(value)
    if nihil:
        form.find_element(By.ID, "nihil").click()
    submit(driver, form)


server = None
try:
    # The region, as a BKPSDM sets it up on the command line.
    check(cli("import", "units", os.path.join(fixtures, "units-dev.csv")).returncode == 0, "the units tree is imported")
    check(cli("import", "asn", os.path.join(fixtures, "asn-dev-clean.csv")).returncode == 0, "the ASN export is imported")
    password_file = os.path.join(work, "pw.txt")
    with open(password_file, "w") as handle:
        handle.write(PASSWORD + "\n")
    accounts = [
        ["admin.bkpsdm", "--role", "admin", "--name", "Tim Netralitas BKPSDM"],
        ["kepsek.sdn1", "--role", "supervisor", "--unit", "2.01.02.01", "--name", "Kepala SDN 1 Harapan Hilir", "--email", address["kepsek"]],
        ["kadisdik", "--role", "supervisor", "--nip", "196907312000102006", "--email", address["kadisdik"]],
        ["bupati", "--role", "ppk", "--name", "Bupati Sungai Harapan", "--email", address["bupati"]],
    ]
    for account in accounts:
        check(cli("users", "add", *account, "--password-file", password_file).returncode == 0, f"the account {account[0]} is made")

    set_clock("2024-10-07")
    server, base = demo_server.start(netra, dict(env, LD_PRELOAD=libfaketime[0], FAKETIME_TIMESTAMP_FILE=clock_file, FAKETIME_NO_CACHE="1",
                                                 FAKETIME_DONT_FAKE_MONOTONIC="1"),
                                     os.path.join(work, "server.log"), demo=False, through_shell=True)
    with sqlite3.connect(env["NETRA_DATABASE_URL"]) as db:
        teacher_nip, teacher = db.execute(
            "SELECT a.nip, a.name FROM asn a JOIN units u ON u.id = a.unit_id WHERE u.code = '2.01.02.01' ORDER BY a.nip LIMIT 1").fetchone()

    # 1. A citizen reports the teacher and asks to be e-mailed; the admin opens the case.
    receipt = report(base, f"Guru {teacher} memasang baliho pasangan calon di pagar sekolah dan mengajak orang tua murid memilihnya.",
                     teacher_nip, contact=address["warga"])
    admin = browser()
    sign_in(admin, "admin.bkpsdm", base)
    case_url = open_case(admin, base, receipt, teacher_nip)
    case_path = case_url.replace(base, "")
    check("/kasus/" in case_path and "Kepala SDN 1 Harapan Hilir" in text(admin), "the case is routed to the head of the teacher's school")
    jobs = cli("jobs", "run", "--today", "2024-10-07")
    check("Surel:" in jobs.stdout, f"the job delivers the mail ({jobs.stdout.strip()})")
    # (The week before's supervision statement, due today, is reminded too.)
    to_head = [body for subject, body in messages(address["kepsek"]) if "menunggu tindak lanjut Anda" in subject]
    check(len(to_head) == 1 and f"Buka: {PUBLIC_URL}{case_path}" in to_head[0],
          "the school's head receives an e-mail with the case's link through the SMTP server")
    check(bool(to_head) and teacher not in to_head[0], "the e-mail names the case, not the reported teacher")
    check(any("jatuh tempo hari ini" in subject for subject, _ in messages(address["kepsek"])), "and a reminder of the statement due today")
    to_reporter = messages(address["warga"])
    check(len(to_reporter) == 1 and "Status laporan Anda" in to_reporter[0][0], "the reporter who asked for it is e-mailed the new status")

    head = browser()
    sign_in(head, "kepsek.sdn1", base)
    first_case = [link for link in head.find_elements(By.CSS_SELECTOR, "ol.inbox li a") if "/kasus/" in link.get_attribute("href")]
    check("/tindakan" in head.current_url and first_case and first_case[0].get_attribute("href") == case_url,
          "the school's head finds the case on top of 'Perlu tindakan saya'")
    shot(head, "perlu-tindakan-kepala-sekolah")

    # 2. Five working days pass without a summons: the case moves to the kepala dinas.
    set_clock("2024-10-15")
    jobs = cli("jobs", "run", "--today", "2024-10-15")
    check("1 eskalasi" in jobs.stdout, "the deadline job escalates the overdue case")
    to_dinas = messages(address["kadisdik"])
    check(any("dialihkan kepada Anda" in subject for subject, _ in to_dinas), "the kepala dinas is e-mailed that the case is now theirs")
    check(any("diambil alih" in subject for subject, _ in messages(address["kepsek"])), "the school's head is e-mailed that it was taken over")
    sign_in(head, "kepsek.sdn1", base)
    head.get(case_url)
    check("Kasus ini telah diambil alih oleh" in text(head) and not head.find_elements(By.NAME, "langkah"),
          "the school's head sees the case was taken over and can no longer act on it")
    shot(head, "kasus-diambil-alih")
    dinas = browser()
    sign_in(dinas, "kadisdik", base)
    dinas.get(case_url)
    page = text(dinas)
    check("dialihkan dari Kepala SDN 1 Harapan Hilir" in page and "Panggil untuk diperiksa" in page,
          "the kepala dinas sees the escalation history and the next step")
    shot(dinas, "kasus-dialihkan")
    dinas.set_window_size(390, 1400)
    dinas.get(base + "/tindakan")
    shot(dinas, "perlu-tindakan-kepala-dinas-ponsel")
    dinas.set_window_size(1100, 1400)

    # 3. A case about the kepala dinas goes past them, to the PPK.
    sign_in(admin, "admin.bkpsdm", base)
    own_receipt = report(base, "Kepala Dinas Pendidikan menghadiri deklarasi dukungan pasangan calon dan berpidato mengajak guru memilihnya.",
                         "196907312000102006")
    own_case = open_case(admin, base, own_receipt, "196907312000102006")
    check("Pejabat Pembina Kepegawaian" in text(admin), "the case about the kepala dinas is with the PPK")
    cli("jobs", "run", "--today", "2024-10-15")
    check(any("menunggu tindak lanjut Anda" in subject for subject, _ in messages(address["bupati"])), "the PPK is e-mailed the case")
    dinas.get(own_case)
    check("Kasus ini tentang Anda" in text(dinas) and "Panggil untuk diperiksa" not in text(dinas),
          "the kepala dinas is refused the case about themselves (403), told where their letters are")
    check(own_case not in [link.get_attribute("href") for link in dinas.find_elements(By.CSS_SELECTOR, "a")], "nor find it anywhere")

    # 4. The week of 14–20 October: the school files, then the dinas, and the admin prints the roll-up.
    set_clock("2024-10-21")
    sign_in(head, "kepsek.sdn1", base)
    file_statement(head, base, {"pengarahan": "1", "pemeriksaan_medsos": "24", "ikrar": "18"})
    check("Laporan pengawasan Anda telah disampaikan" in text(head) and "Tepat waktu" in text(head), "the school files its statement on time")
    shot(head, "laporan-pengawasan-sekolah")
    sign_in(dinas, "kadisdik", base)
    file_statement(dinas, base, {"pengarahan": "3", "pemeriksaan_medsos": "120"}, nihil=False)
    check("Tuliskan temuan dugaan pelanggaran" in text(dinas), "a statement that is neither nihil nor names an incident is refused")
    form = dinas.find_element(By.CSS_SELECTOR, "form[action='/pengawasan/lapor']")
    form.find_element(By.NAME, "temuan").send_keys("Seorang operator sekolah menyebarkan poster kampanye di grup WhatsApp guru.")
    submit(dinas, form)
    check("Laporan pengawasan Anda telah disampaikan" in text(dinas), "the dinas files its statement with an incident")
    dinas.find_element(By.XPATH, "//form[@action='/pengawasan/temuan']//button").click()
    time.sleep(0.5)
    check("dilaporkan, kode" in text(dinas), "the incident becomes a report with one click")
    sign_in(admin, "admin.bkpsdm", base)
    admin.get(base + "/pengawasan?periode=2024-10-14")
    rollup = text(admin)
    check("Tepat waktu 2 · terlambat 0 · tidak masuk 0 · belum masuk 0 · 1 temuan" in rollup, "the admin's roll-up counts both statements in on time")
    shot(admin, "rekap-pengawasan")
    admin.set_window_size(390, 1400)
    admin.refresh()
    shot(admin, "rekap-pengawasan-ponsel")
    admin.get(base + "/pengiriman")
    check("Terkirim" in text(admin) and address["warga"] not in text(admin), "the admin sees each delivery, the reporter's address hidden")
    shot(admin, "pengiriman")
    for driver in (admin, head, dinas):
        driver.quit()
finally:
    if server:
        server.terminate()
        server.wait()
    if smtp_process:
        smtp_process.terminate()

if failures:
    print(open(os.path.join(work, "server.log")).read()[-4000:])
    print(f"{len(failures)} check(s) failed; screenshots in {shots}")
    sys.exit(1)
print(f"the supervision journey passed; screenshots in {shots}")
