#!/usr/bin/env python3
"""A real SMTP server for Netra's tests (aiosmtpd), not a mock.

    python3 scripts/smtp-test-server.py SPOOL_DIR [--port 2525]

It offers STARTTLS with a self-signed certificate written to SPOOL_DIR/cert.pem (for 127.0.0.1 and
localhost), accepts AUTH PLAIN/LOGIN as user "netra" with password "sandi-uji" (only over TLS, and
mail without AUTH too), and answers by the recipient's local part:
  sibuk@...          451 every time (the client should try again later)
  sibuk-sekali@...   451 the first time, accepted after that
  tolak@...          550 (refused for good)
Every accepted message is written to SPOOL_DIR/<n>.eml with an "X-Envelope-To" line first.
It prints "READY 127.0.0.1:PORT" once it listens, and runs until killed.
"""
import argparse
import os
import ssl
import subprocess
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, spool):
        self.spool = spool
        self.lock = threading.Lock()
        self.count = len([name for name in os.listdir(spool) if name.endswith(".eml")])
        self.refused_once = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local == "sibuk":
            return "451 4.3.0 Kotak surat sedang sibuk, coba lagi nanti"
        if local == "sibuk-sekali" and address not in self.refused_once:
            self.refused_once.add(address)
            return "451 4.3.0 Kotak surat sedang sibuk, coba lagi nanti"
        if local == "tolak":
            return "550 5.1.1 Kotak surat tidak ada"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        path = os.path.join(self.spool, "%06d.eml" % number)
        with open(path + ".part", "wb") as out:
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Diterima"


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login == b"netra" and auth_data.password == b"sandi-uji":
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


def certificate(spool):
    cert, key = os.path.join(spool, "cert.pem"), os.path.join(spool, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spool")
    parser.add_argument("--port", type=int, default=2525)
    args = parser.parse_args()
    os.makedirs(args.spool, exist_ok=True)
    controller = Controller(Handler(args.spool), hostname="127.0.0.1", port=args.port,
                            tls_context=certificate(args.spool), require_starttls=False,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    print("READY 127.0.0.1:%d" % args.port, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
