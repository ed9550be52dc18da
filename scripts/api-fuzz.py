#!/usr/bin/env python3
"""API fuzzing: schemathesis (PyPI) generates requests from /api/v1/openapi.yaml against a demo server on
loopback and checks that no response is a 5xx and that every response matches the schema: once signed out,
then again signed in as the demo admin (session cookie and CSRF header), so the registry endpoints are fuzzed
past their 401."""
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

import demo_server

netra = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/netra"
examples = sys.argv[2] if len(sys.argv) > 2 else "60"
work = tempfile.mkdtemp(prefix="netra-api-fuzz-")
env = dict(os.environ, NETRA_DATABASE_URL=os.path.join(work, "netra.sqlite"), NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_RATE_LIMIT_SUBMISSIONS="1000000", NETRA_RATE_LIMIT_LOOKUPS="1000000")
server, base = demo_server.start(netra, env, os.path.join(work, "server.log"))


def sign_in(username, password):
    """The session cookie and CSRF token of a fresh sign-in through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = lambda html: re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    login = opener.open(base + "/masuk").read().decode()
    form = urllib.parse.urlencode({"username": username, "password": password, "csrf": token(login)}).encode()
    opener.open(base + "/masuk", data=form)
    page = opener.open(base + "/registri").read().decode()
    cookie = next(c for c in jar if c.name == "netra_session")
    return f"{cookie.name}={cookie.value}", token(page)


def fuzz(headers):
    arguments = ["schemathesis", "run", f"{base}/api/v1/openapi.yaml", "--url", base,
                 "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
                 "--max-examples", examples, "--seed", "2024", "--workers", "1", "--no-color", "--suppress-health-check", "all"]
    for header in headers:
        arguments += ["-H", header]
    return subprocess.run(arguments).returncode


try:
    print("== signed out ==", flush=True)
    status = fuzz([])
    if status == 0:
        cookie, csrf = sign_in("admin", "netra-admin")
        # The session must open the registry, or the second run would only see 401s again.
        units = urllib.request.urlopen(urllib.request.Request(base + "/api/v1/units", headers={"Cookie": cookie}))
        assert units.status == 200 and units.read().startswith(b"["), "the admin session does not open /api/v1/units"
        print("== signed in as the demo admin ==", flush=True)
        status = fuzz([f"Cookie: {cookie}", f"X-CSRF-Token: {csrf}"])
    if status != 0:
        print(open(os.path.join(work, "server.log")).read()[-4000:])
    sys.exit(status)
finally:
    server.terminate()
    server.wait()
