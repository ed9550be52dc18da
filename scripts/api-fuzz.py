#!/usr/bin/env python3
"""API fuzzing: schemathesis (PyPI) generates requests from /api/v1/openapi.yaml against a demo server on
loopback and checks that no response is a 5xx and that every response matches the schema."""
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

netra = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/netra"
examples = sys.argv[2] if len(sys.argv) > 2 else "60"
work = tempfile.mkdtemp(prefix="netra-api-fuzz-")
env = dict(os.environ, NETRA_DATABASE_URL=os.path.join(work, "netra.sqlite"), NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_RATE_LIMIT_SUBMISSIONS="1000000", NETRA_RATE_LIMIT_LOOKUPS="1000000")
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
server = subprocess.Popen([netra, "serve", "--demo", "--no-jobs", "--port", str(port)], env=env,
                          stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "server.log"), "w"))
try:
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        raise SystemExit("server did not start")
    result = subprocess.run(["schemathesis", "run", f"http://127.0.0.1:{port}/api/v1/openapi.yaml", "--url", f"http://127.0.0.1:{port}",
                             "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
                             "--max-examples", examples, "--seed", "2024", "--workers", "1", "--no-color",
                             "--suppress-health-check", "all"])
    if result.returncode != 0:
        print(open(os.path.join(work, "server.log")).read()[-4000:])
    sys.exit(result.returncode)
finally:
    server.terminate()
    server.wait()
