#!/usr/bin/env python3
"""Real-browser journeys on the demo server, with Debian's chromium and chromium-driver driven by selenium:

1. a citizen files an anonymous report with a photo and keeps the receipt → the admin triages it into a case →
   the supervisor of that unit summons and records the examination → the PPK decides → the citizen sees the
   outcome with receipt and secret;
2. the "Boleh atau Tidak?" guide answers a question;
3. the public report form works with JavaScript disabled;
4. going live on an empty database: the one-time setup address from the server's log → the first admin lands on the
   go-live page → wilayah, units and the ASN export through the import page → the letterhead with an uploaded logo and
   the signers → the region's election from a file → the kepala dinas's account on /pengguna → a citizen's report
   opened as a case → the kepala dinas signs in, must choose a new password, sees their own dinas only (desktop and
   390-px phone), summons the teacher, and the printed letter carries the configured letterhead, logo and signer.

The examination can only be recorded on or after the date in the summons, which lies working days ahead, so the
server runs under libfaketime (Debian's faketime package) with its clock read from a file this script moves
forward; nothing in Netra knows about it. Screenshots of every step go to the output directory.

Usage: browser-journeys.py [NETRA_BINARY] [SCREENSHOT_DIR]
"""
import base64
import collections
import datetime
import io
import glob
import os
import sqlite3
import sys
import tempfile

import demo_server
from browser_kit import browser, is_gone, open_case, submit, text, value_after
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import pypdf  # noqa: E402  (the printed letters are read back page by page)
import zxingcpp  # noqa: E402  (and their QR codes decoded as a phone would)
from PIL import Image  # noqa: E402

netra = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/netra")
shots = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "test-output/browser")
os.makedirs(shots, exist_ok=True)
work = tempfile.mkdtemp(prefix="netra-browser-")
database = os.path.join(work, "netra.sqlite")
clock_file = os.path.join(work, "faketime")
failures = []


# Browsers signed in, with what they signed in as: moving the clock by days ends their sessions on the server
# (two idle hours at most), so each signs in again, as a person coming back that day would.
signed_in = {}


def set_clock_offset(days):
    """Moves the server's clock: libfaketime rereads this file on every call."""
    with open(clock_file, "w") as handle:
        handle.write(f"+{days}d\n")
    for driver, (username, password, at) in list(signed_in.items()):
        try:
            driver.get((at or base) + "/akun")
        except Exception:  # a browser already closed
            signed_in.pop(driver)
            continue
        if "/masuk" in driver.current_url:
            sign_in(driver, username, password, at)


# The server keeps Indonesian western time (WIB).
WIB = datetime.timezone(datetime.timedelta(hours=7))


def server_today(days):
    return datetime.datetime.now(WIB).date() + datetime.timedelta(days=days)


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


libfaketime = (glob.glob("/usr/lib/*/faketime/libfaketime.so.1") + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
if not libfaketime:
    raise SystemExit("libfaketime not found: apt-get install faketime")
set_clock_offset(0)
env = dict(os.environ, NETRA_DATABASE_URL=database, NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_RATE_LIMIT_SUBMISSIONS="1000", NETRA_RATE_LIMIT_LOOKUPS="1000",
           LD_PRELOAD=libfaketime[0], FAKETIME_TIMESTAMP_FILE=clock_file, FAKETIME_NO_CACHE="1",
           FAKETIME_DONT_FAKE_MONOTONIC="1")
server, base = demo_server.start(netra, env, os.path.join(work, "server.log"), through_shell=True)


step_number = [0]


def shot(driver, name):
    step_number[0] += 1
    driver.save_screenshot(os.path.join(shots, f"{step_number[0]:02d}-{name}.png"))


def sign_in(driver, username, password, at=None):
    driver.delete_all_cookies()
    driver.get((at or base) + "/masuk")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/masuk']"))
    check("/masuk" not in driver.current_url, f"{username} signs in")
    signed_in[driver] = (username, password, at)


def case_step(driver, action, fields=None, selects=None):
    """Fills and submits the case page's form for one workflow step."""
    form = driver.find_element(By.XPATH, f"//form[.//input[@name='langkah' and @value='{action}']]")
    for name, value in (fields or {}).items():
        element = form.find_element(By.NAME, name)
        if element.get_attribute("type") in ("date", "time"):
            # A date or time picker takes keystrokes in the browser's locale order; set the value it submits instead.
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
            continue
        element.clear()
        element.send_keys(value)
    for name, value in (selects or {}).items():
        Select(form.find_element(By.NAME, name)).select_by_value(value)
    submit(driver, form)


def summons_form_min(driver):
    return driver.find_element(By.XPATH, "//form[.//input[@name='langkah' and @value='summon']]").find_element(By.NAME, "tanggal_periksa").get_attribute("min")


def print_letters(driver, case_url):
    """Each letter of the case as Chromium prints it: an A4 PDF with page numbers and without the page's button, kept
    beside the screenshots; its QR code read back and followed by a visitor who is not signed in."""
    driver.get(case_url)
    letters = [(link.text, link.get_attribute("href")) for link in driver.find_elements(By.XPATH, "//a[contains(@href, '/surat/')]")]
    check([name for name, _ in letters] == ["Surat Panggilan I", "Berita Acara Pemeriksaan", "Laporan Hasil Pemeriksaan dan Rekomendasi",
                                            "Keputusan Bupati Sungai Harapan"], "the case lists its four letters by name")
    visitor = browser()
    visitor.set_window_size(700, 700)
    for index, (name, address) in enumerate(letters, start=1):
        driver.get(address)
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        with open(os.path.join(shots, f"surat-{index}.pdf"), "wb") as file:
            file.write(pdf)
        pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
        printed = "\n".join(page.extract_text() for page in pages)
        check({(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in pages} == {(595, 842)},
              f"{name} prints on A4")
        check(all(f"Halaman {n} dari {len(pages)}" in page.extract_text() for n, page in enumerate(pages, start=1)) and "Cetak" not in printed,
              f"{name}: every page numbered, the print button left out")
        check(("BUPATI SUNGAI HARAPAN" if index == 4 else "BADAN KEPEGAWAIAN") in printed and ("Tembusan" in printed) == (index in (1, 4)),
              f"{name} has its heading, and tembusan where its type has them")
        if index == 1:
            subject = printed.split("Yth. Sdr. ", 1)[1].split("\n", 1)[0].strip()
        shot(driver, f"surat-{index}")
        code = driver.find_element(By.CSS_SELECTOR, ".verify code").text
        # The QR image shown on its own, filling a window as a phone camera would see it, then decoded.
        visitor.get(driver.find_element(By.CSS_SELECTOR, ".verify img").get_attribute("src"))
        decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(visitor.get_screenshot_as_png())))
        url = decoded[0].text if decoded else ""
        check(url.endswith("/verifikasi/" + code), f"{name}: the QR code holds the address of its verification page")
        visitor.get(url or base)
        page = text(visitor)
        check("Surat ini terdaftar di Netra" in page and name in page and subject not in page,
              f"{name}: the verification page vouches for it without naming anyone")
        driver.set_window_size(390, 1400)
        driver.refresh()
        check(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), f"{name} reads on a 390-px phone without sideways scrolling")
        shot(driver, f"surat-{index}-ponsel")
        driver.set_window_size(1100, 1400)
    shot(visitor, "verifikasi-surat")
    visitor.quit()


def triage_into_case(admin, at, receipt, nip, screenshot=None):
    """The admin opens a case about `nip` from the report with `receipt`; returns the case's address."""
    admin.get(at + "/kasus/laporan")
    check(receipt in text(admin), "the report waits in the triage queue")
    admin.find_element(By.XPATH, f"//tr[contains(., '{receipt}')]//a").click()
    check(not any(radio.is_selected() for radio in admin.find_elements(By.CSS_SELECTOR, "input[name='nip']")),
          "no ASN is chosen for the admin on the triage page")
    if screenshot:
        shot(admin, screenshot)
    return open_case(admin, at, receipt, nip)


def write_emblem(path):
    """A 96 × 96 PNG emblem (a blue shield with a gold band), written with zlib so nothing outside is needed."""
    import struct
    import zlib
    rows = []
    for y in range(96):
        row = bytearray([0])
        for x in range(96):
            inside = abs(x - 48) < 40 - max(0, y - 56) and 6 < y < 94
            band = 40 < y < 52
            row += bytes((200, 160, 40, 255) if inside and band else (11, 92, 138, 255) if inside else (0, 0, 0, 0))
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 96, 96, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")
    with open(path, "wb") as handle:
        handle.write(png)


try:
    with sqlite3.connect(database) as db:
        teacher_nip, teacher_name = db.execute(
            "SELECT a.nip, a.name FROM asn a JOIN units u ON u.id = a.unit_id WHERE u.name = 'SDN 1 Harapan Hilir' "
            "AND a.nip <> COALESCE(u.head_nip, '') ORDER BY a.nip LIMIT 1").fetchone()

    citizen = browser()
    citizen.get(base + "/")
    shot(citizen, "beranda")
    # The photo: a PNG of the home page, made by the browser itself.
    photo = os.path.join(work, "foto-baliho.png")
    citizen.save_screenshot(photo)

    # 1. The citizen reports anonymously with a photo.
    citizen.get(base + "/lapor")
    citizen.find_element(By.NAME, "deskripsi").send_keys(
        f"Guru {teacher_name} memasang baliho pasangan calon nomor urut 2 di pagar rumahnya dan mengajak tetangga memilih.")
    citizen.find_element(By.NAME, "nip_asn").send_keys(teacher_nip)
    citizen.find_element(By.NAME, "bukti[]").send_keys(photo)
    shot(citizen, "laporan-diisi")
    # A double tap: the button pressed twice in a row, before the first answer arrives.
    report_form = citizen.find_element(By.CSS_SELECTOR, "form[action='/lapor']")
    citizen.execute_script("const b = arguments[0].querySelector('button[type=submit]'); b.click(); setTimeout(() => b.click(), 30);", report_form)
    WebDriverWait(citizen, 20).until(lambda _: is_gone(report_form))
    page = text(citizen)
    receipt = value_after("Kode tanda terima:", page)
    secret = value_after("Kode rahasia:", page)
    check(bool(receipt) and len(receipt.replace(" ", "")) == 16, f"the receipt page shows a receipt code ({receipt})")
    check(bool(secret), "the receipt page shows the secret")
    shot(citizen, "tanda-terima")
    # A refresh of the receipt shows it again and sends nothing more.
    citizen.refresh()
    check(value_after("Kode tanda terima:", text(citizen)) == receipt, "a refresh shows the same receipt")
    with sqlite3.connect(database) as db:
        check(db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 1, "a double tap on 'Kirim' and a refresh of the receipt store no second report")
    citizen.set_window_size(390, 1400)
    shot(citizen, "tanda-terima-ponsel")
    citizen.set_window_size(1100, 1400)

    # 2. The admin triages it into a case.
    admin = browser()
    sign_in(admin, "admin", "netra-admin")
    case_url = triage_into_case(admin, base, receipt, teacher_nip, screenshot="triase")
    check("/kasus/" in case_url and "Diverifikasi" in text(admin), "the report became a case")
    shot(admin, "kasus-dibuka")

    # 3. The supervisor of the teacher's unit summons and, on the day, records the examination.
    supervisor = browser()
    sign_in(supervisor, "kadisdik", "netra-kadisdik")
    # The first page after sign-in is "Perlu tindakan saya", with the new case at the top of the case steps (a
    # supervision statement due sooner may come before it).
    first = [link for link in supervisor.find_elements(By.CSS_SELECTOR, "ol.inbox li a") if "/kasus/" in link.get_attribute("href")][0]
    check("/tindakan" in supervisor.current_url and first.get_attribute("href") == case_url and "Panggil untuk diperiksa" in first.text,
          "the kepala dinas lands on 'Perlu tindakan saya' with the case at the top of their case steps")
    shot(supervisor, "perlu-tindakan")
    supervisor.get(case_url)
    shot(supervisor, "kasus-di-atasan")
    # The earliest day the form allows: a working day, the notice the law asks for after today.
    examination_day = datetime.date.fromisoformat(summons_form_min(supervisor))
    summons_form = supervisor.find_element(By.XPATH, "//form[.//input[@name='langkah' and @value='summon']]")
    check(summons_form.find_element(By.NAME, "nip_pemeriksa").get_attribute("value") != "",
          "the summons form starts with the supervisor as the official the ASN appears before")
    case_step(supervisor, "summon", {"tanggal_periksa": examination_day.isoformat(), "jam_periksa": "09:00", "tempat": "Aula Dinas Pendidikan"})
    check("Dipanggil" in text(supervisor) and "Surat Panggilan" in text(supervisor), "the supervisor summoned the teacher, with a letter")
    shot(supervisor, "panggilan")
    offset = (examination_day - server_today(0)).days
    set_clock_offset(offset)
    supervisor.get(case_url)
    case_step(supervisor, "examine", {"pertanyaan_1": "Apakah Saudara memasang baliho pasangan calon di pagar rumah Saudara?",
                                      "jawaban_1": "Ya, atas permintaan kerabat saya.",
                                      "pertanyaan_2": "Apakah Saudara mengetahui larangan bagi ASN?", "jawaban_2": "Saya mengetahuinya.",
                                      "berita_acara": "Terperiksa mengakui memasang baliho pasangan calon di pagar rumahnya."})
    check("Diperiksa" in text(supervisor), "the examination is recorded")
    shot(supervisor, "pemeriksaan")

    # 4. The admin recommends, the PPK decides, the admin records execution and closes, with a word to the reporter.
    set_clock_offset(offset + 2)
    admin.get(case_url)
    case_step(admin, "recommend", {"pertimbangan": "Memasang alat peraga kampanye pasangan calon."}, {"sanksi": "disiplin_berat"})
    check("Direkomendasikan" in text(admin), "the admin's recommendation is recorded")
    shot(admin, "rekomendasi")
    ppk = browser()
    sign_in(ppk, "bupati", "netra-ppk")
    ppk.get(case_url)
    decision = ppk.find_element(By.XPATH, "//form[.//input[@name='langkah' and @value='decide']]")
    penalty = Select(decision.find_element(By.NAME, "hukuman"))
    first_group = decision.find_element(By.CSS_SELECTOR, "select[name='hukuman'] optgroup")
    check(first_group.get_attribute("label").startswith("Hukuman disiplin berat") and "sesuai rekomendasi" in first_group.get_attribute("label")
          and penalty.first_selected_option.get_attribute("value") == "",
          "the PPK's decision starts from the recommended level, with none of its penalties chosen for them")
    ppk.execute_script("arguments[0].scrollIntoView()", decision)
    shot(ppk, "keputusan-formulir")
    ppk.set_window_size(390, 1400)
    ppk.refresh()
    check(ppk.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the case page with the decision form fits a 390-px phone")
    shot(ppk, "keputusan-formulir-ponsel")
    ppk.set_window_size(1100, 1400)
    ppk.refresh()
    case_step(ppk, "decide", {"nomor_sk": "800.1.6.4/3/2026"}, {"hukuman": "penurunan_jabatan"})
    check("800.1.6.4/3/2026" in text(ppk) and "penurunan jabatan" in text(ppk), "the PPK's decision, with its penalty, is on the case")
    shot(ppk, "keputusan-ppk")
    print_letters(admin, case_url)
    set_clock_offset(offset + 10)
    admin.get(case_url)
    case_step(admin, "carry_out_sanction")
    case_step(admin, "close")
    note = admin.find_element(By.XPATH, "//form[contains(@action, '/catatan')]")
    note.find_element(By.NAME, "isi").send_keys("Terima kasih, laporan Anda telah ditindaklanjuti hingga selesai.")
    Select(note.find_element(By.NAME, "untuk")).select_by_value("reporter")
    submit(admin, note)
    check("Selesai" in text(admin), "the case is closed")
    shot(admin, "kasus-selesai")

    # 5. The citizen sees the outcome with receipt and secret.
    citizen.get(base + "/lapor/status")
    citizen.find_element(By.NAME, "receipt").send_keys(receipt)
    citizen.find_element(By.NAME, "secret").send_keys(secret)
    submit(citizen, citizen.find_element(By.CSS_SELECTOR, "form[action='/lapor/status']"))
    status = text(citizen)
    check("Ditindaklanjuti sebagai kasus" in status, "the citizen sees the report was taken up")
    check("Selesai: pelanggaran terbukti dan sanksi telah dijatuhkan" in status, "the citizen sees the outcome")
    check("ditindaklanjuti hingga selesai" in status, "the citizen sees the team's message")
    shot(citizen, "status-pelapor")

    # The guide answers a question.
    citizen.get(base + "/panduan")
    citizen.find_element(By.NAME, "tanya").send_keys("Saya guru PNS, bolehkah membagikan ulang unggahan kampanye calon bupati di Facebook?")
    submit(citizen, citizen.find_element(By.XPATH, "//form[.//textarea[@name='tanya']]"))
    answer = text(citizen)
    check("PP 94/2021" in answer or "Pasal" in answer, "the guide answers with a citation")
    shot(citizen, "panduan")
    # An applying rule's link opens its card (our script opens the <details> it points at).
    rule_link = citizen.find_element(By.XPATH, "//a[starts-with(@href, '/panduan#')]")
    card_id = rule_link.get_attribute("href").split("#", 1)[1]
    rule_link.click()
    WebDriverWait(citizen, 10).until(lambda d: d.execute_script("return document.getElementById(arguments[0]).open", card_id))
    check(citizen.execute_script("return document.getElementById(arguments[0]).open", card_id), "a rule linked from the answer opens its card")

    # A report naming someone whose name several ASN share: the triage page lists them with the reasons, none chosen.
    with sqlite3.connect(database) as db:
        bare = collections.Counter(name.split(",")[0].strip() for (name,) in db.execute("SELECT name FROM asn"))
    shared_name, holders = bare.most_common(1)[0]
    citizen.get(base + "/lapor")
    citizen.find_element(By.NAME, "deskripsi").send_keys(f"Bapak/Ibu {shared_name} membagikan kaos bergambar pasangan calon kepada warga di pasar.")
    citizen.find_element(By.NAME, "nama_asn").send_keys(shared_name)
    submit(citizen, citizen.find_element(By.CSS_SELECTOR, "form[action='/lapor']"))
    shared_receipt = value_after("Kode tanda terima:", text(citizen))
    admin.get(base + "/kasus/laporan")
    admin.find_element(By.XPATH, f"//tr[contains(., '{shared_receipt}')]//a").click()
    radios = admin.find_elements(By.CSS_SELECTOR, "input[name='nip']")
    named = [radio for radio in radios if shared_name in radio.find_element(By.XPATH, "./..").text]
    check(holders >= 2 and len(named) >= 2 and not any(radio.is_selected() for radio in radios) and "Petunjuk:" in text(admin),
          f"{holders} ASN are named {shared_name}: the triage page lists them with the reasons, and chooses none")
    shot(admin, "triase-nama-sama")
    admin.set_window_size(390, 1400)
    admin.refresh()
    check(admin.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the triage page fits a 390-px phone")
    shot(admin, "triase-nama-sama-ponsel")
    for driver in (citizen, admin, supervisor, ppk):
        driver.quit()

    # Every page a role's menu reaches fits a 390-px phone: tables scroll inside their box, the menu folds away.
    for username, password in (("admin", "netra-admin"), ("kadisdik", "netra-kadisdik"), ("bupati", "netra-ppk"),
                               ("bawaslu", "netra-bawaslu"), ("asn", "netra-asn")):
        phone = browser()
        phone.set_window_size(390, 900)
        sign_in(phone, username, password)
        pages = sorted({link.get_attribute("href") for link in phone.find_elements(By.CSS_SELECTOR, "header nav a")} | {base + "/akun"})
        wide = []
        for page_url in pages:
            phone.get(page_url)
            if phone.execute_script("return document.documentElement.scrollWidth") > 390:
                wide.append(page_url.replace(base, ""))
        check(not wide, f"every page of {username}'s menu fits a 390-px phone ({len(pages)} pages){': ' + ', '.join(wide) if wide else ''}")
        signed_in.pop(phone, None)
        phone.quit()

    # The public form without JavaScript.
    plain = browser(javascript=False)
    plain.get(base + "/lapor")
    plain.find_element(By.NAME, "deskripsi").send_keys("Seorang camat terlihat hadir dan berfoto dengan pose dua jari di kampanye pasangan calon.")
    plain.find_element(By.NAME, "lokasi").send_keys("Kecamatan Harapan Hulu")
    submit(plain, plain.find_element(By.CSS_SELECTOR, "form[action='/lapor']"))
    no_script = text(plain)
    check(value_after("Kode tanda terima:", no_script) is not None, "the report form works with JavaScript disabled")
    shot(plain, "lapor-tanpa-javascript")
    plain.quit()

    # Going live on an empty database, without --demo.
    import re
    import subprocess
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "NetraCoreTests", "Fixtures", "registry")
    live_database = os.path.join(work, "live.sqlite")
    live_log = os.path.join(work, "live.log")
    live_env = dict(os.environ, NETRA_DATABASE_URL=live_database, NETRA_EVIDENCE_DIR=os.path.join(work, "live-evidence"))
    live_server, live = demo_server.start(netra, live_env, live_log, demo=False)
    try:
        token = re.search(r"(/pasang\?token=[A-Za-z0-9_-]+)", open(live_log).read())
        check(token is not None, "an empty database logs the one-time setup address")
        admin = browser()
        admin.get(live + token.group(1))
        shot(admin, "pasang")
        for name, value in (("username", "admin.bkpsdm"), ("nama", "Tim Netralitas BKPSDM"), ("password", "sungai-harapan-2026"),
                            ("ulang", "sungai-harapan-2026")):
            admin.find_element(By.NAME, name).send_keys(value)
        submit(admin, admin.find_element(By.CSS_SELECTOR, "form[action='/pasang']"))
        # The setup form hands over to the sign-in page, which leads on to the go-live page.
        admin.find_element(By.NAME, "username").send_keys("admin.bkpsdm")
        admin.find_element(By.NAME, "password").send_keys("sungai-harapan-2026")
        submit(admin, admin.find_element(By.CSS_SELECTOR, "form[action^='/masuk']"))
        check(admin.current_url.endswith("/persiapan") and "Belum ada kecamatan" in text(admin), "the first admin lands on the go-live page, which lists what is missing")
        shot(admin, "persiapan-kosong")
        admin.get(live + token.group(1))
        check("404" in text(admin) or "tidak ditemukan" in text(admin).lower(), "the setup address works once only")

        def import_page(kind, path):
            admin.get(live + "/registri/impor")
            Select(admin.find_element(By.NAME, "jenis")).select_by_value(kind)
            admin.find_element(By.NAME, "berkas").send_keys(os.path.abspath(path))
            Select(admin.find_element(By.NAME, "mode")).select_by_value("impor")
            submit(admin, admin.find_element(By.CSS_SELECTOR, "form[action='/registri/impor']"))
            return text(admin)

        check("9 diterima" in import_page("wilayah", os.path.join(fixtures, "wilayah-dev.csv")), "the admin imports the kecamatan and desa through the page")
        check("28 diterima" in import_page("unit", os.path.join(fixtures, "units-dev.csv")), "the admin imports the units tree through the page")
        check("300 diterima" in import_page("asn", os.path.join(fixtures, "asn-dev-clean.csv")), "the admin imports the ASN export through the page")
        shot(admin, "impor-asn")

        # The letterhead, with a logo the browser uploads, and the signers.
        admin.get(live + "/pengaturan")
        form = admin.find_element(By.CSS_SELECTOR, "form[action='/pengaturan']")
        check(form.find_element(By.NAME, "pemerintah").get_attribute("value") == "PEMERINTAH KABUPATEN SUNGAI HARAPAN",
              "the letterhead form starts from the imported region's name")
        check(Select(form.find_element(By.NAME, "zona_waktu")).first_selected_option.get_attribute("value") == "wib",
              "the region's time zone is suggested from its code (Kalimantan Tengah: WIB)")
        for name, value in (("alamat", "Jalan Tjilik Riwut Km 2, Harapan Hilir 74811 · Telepon (0513) 21045"), ("kota", "Harapan Hilir"),
                            ("ppk_nama", "H. Rahmat Basuki, S.H."), ("kepala_nama", "Dra. Wulan Sari, M.Si."), ("kepala_nip", "197108271998012004")):
            form.find_element(By.NAME, name).send_keys(value)
        logo = os.path.join(work, "lambang.png")
        write_emblem(logo)
        form.find_element(By.NAME, "logo").send_keys(logo)
        shot(admin, "pengaturan-diisi")
        submit(admin, form)
        check("Pengaturan disimpan" in text(admin), "the admin saves the letterhead and signers")

        # The region's election, from a file in the shipped calendars' form.
        admin.get(live + "/pemilihan")
        admin.find_element(By.NAME, "berkas").send_keys(os.path.abspath(os.path.join(fixtures, "..", "elections", "pilbup-2029.yaml")))
        submit(admin, admin.find_element(By.CSS_SELECTOR, "form[action='/pemilihan/berkas']"))
        check("Pemilihan pilbup-2029 disimpan" in text(admin), "the admin records the region's election")
        shot(admin, "pemilihan")

        admin.get(live + "/pengguna")
        check(Select(admin.find_element(By.NAME, "peran")).first_selected_option.get_attribute("value") == "", "no role is chosen for the admin")
        for name, value in (("username", "kadisdik"), ("nip", "196907312000102006"), ("password", "sementara-2026")):
            admin.find_element(By.NAME, name).send_keys(value)
        Select(admin.find_element(By.NAME, "peran")).select_by_value("supervisor")
        submit(admin, admin.find_element(By.CSS_SELECTOR, "form[action='/pengguna']"))
        check("Dinas Pendidikan dan Kebudayaan (2.01)" in text(admin), "the kepala dinas's account supervises the dinas the units file names them head of")
        shot(admin, "pengguna")
        admin.get(live + "/persiapan")
        readiness = text(admin)
        check("Kop surat, penomoran dan penanda tangan sudah diatur" in readiness and "1 data pemilihan" in readiness,
              "the go-live page shows the letterhead and the election done")
        check("kepala unit belum punya akun aktif" in readiness, "the go-live page still lists heads without an account")
        shot(admin, "persiapan")
        admin.set_window_size(390, 1400)
        admin.refresh()
        shot(admin, "persiapan-ponsel")
        admin.set_window_size(1100, 1400)

        # A citizen reports a teacher of the dinas; the admin opens the case.
        with sqlite3.connect(live_database) as db:
            live_teacher_nip, live_teacher = db.execute(
                "SELECT a.nip, a.name FROM asn a JOIN units u ON u.id = a.unit_id WHERE u.name = 'SDN 1 Harapan Hilir' "
                "AND a.nip <> COALESCE(u.head_nip, '') ORDER BY a.nip LIMIT 1").fetchone()
        reporter = browser()
        reporter.get(live + "/lapor")
        reporter.find_element(By.NAME, "deskripsi").send_keys(f"Guru {live_teacher} memasang baliho pasangan calon di pagar sekolah.")
        reporter.find_element(By.NAME, "lokasi").send_keys("Desa Tanjung Harapan, Kecamatan Harapan Hilir")
        reporter.find_element(By.NAME, "nip_asn").send_keys(live_teacher_nip)
        submit(reporter, reporter.find_element(By.CSS_SELECTOR, "form[action='/lapor']"))
        live_receipt = value_after("Kode tanda terima:", text(reporter))
        reporter.quit()
        live_case = triage_into_case(admin, live, live_receipt, live_teacher_nip)
        check("/kasus/" in live_case, "the admin opens the case")
        admin.quit()

        head = browser()
        sign_in(head, "kadisdik", "sementara-2026", at=live)
        check(head.current_url.endswith("/akun"), "a new account is sent to choose its own password")
        for name, value in (("lama", "sementara-2026"), ("baru", "pendidikan-2026"), ("ulang", "pendidikan-2026")):
            head.find_element(By.NAME, name).send_keys(value)
        submit(head, head.find_element(By.CSS_SELECTOR, "form[action='/akun']"))
        check("Kata sandi diganti" in text(head), "the kepala dinas chooses a new password")
        shot(head, "akun")
        head.get(live + "/registri")
        tree = text(head)
        check("Dinas Pendidikan dan Kebudayaan" in tree and "Dinas Kesehatan" not in tree, "the kepala dinas sees their own dinas only")
        head.set_window_size(390, 1400)
        head.refresh()
        shot(head, "registri-kadisdik-ponsel")
        head.set_window_size(1100, 1400)

        # The kepala dinas handles the case: the summons carries the configured letterhead and signer.
        head.get(live + "/kasus")
        head.find_element(By.XPATH, "//a[contains(@href, '/kasus/') and not(contains(@href, 'laporan'))][starts-with(normalize-space(.), 'NTR-')]").click()
        check(head.current_url == live_case, "the kepala dinas finds the case of their dinas")
        case_step(head, "summon", {"tanggal_periksa": summons_form_min(head), "jam_periksa": "10:30", "tempat": "Aula Dinas Pendidikan"})
        check("Surat Panggilan" in text(head), "the kepala dinas issues the summons")
        head.find_element(By.XPATH, "//a[contains(@href, '/surat/')]").click()
        letter = text(head)
        check("PEMERINTAH KABUPATEN SUNGAI HARAPAN" in letter and "Jalan Tjilik Riwut Km 2" in letter, "the letter carries the configured letterhead")
        check("Dra. Wulan Sari, M.Si." in letter and "NIP 19710827 199801 2 004" in letter and "Harapan Hilir," in letter,
              "the letter carries the configured signer and place")
        logo_loaded = head.execute_script("const i = document.querySelector('.kop img'); return i !== null && i.complete && i.naturalWidth > 0;")
        check(bool(logo_loaded), "the letter shows the uploaded logo")
        shot(head, "surat-panggilan")
        head.quit()
    finally:
        live_server.terminate()
        live_server.wait()
finally:
    server.terminate()
    server.wait()

if failures:
    print(open(os.path.join(work, "server.log")).read()[-4000:])
    print(f"{len(failures)} browser check(s) failed; screenshots in {shots}")
    sys.exit(1)
print(f"all browser journeys passed; screenshots in {shots}")
