#!/usr/bin/env python3
"""API fuzzing: schemathesis (PyPI) generates requests from /api/v1/openapi.yaml against a demo server on
loopback and checks that no response is a 5xx and that every response matches the schema."""
import os
import subprocess
import sys
import tempfile

import demo_server

netra = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/netra"
examples = sys.argv[2] if len(sys.argv) > 2 else "60"
work = tempfile.mkdtemp(prefix="netra-api-fuzz-")
env = dict(os.environ, NETRA_DATABASE_URL=os.path.join(work, "netra.sqlite"), NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_RATE_LIMIT_SUBMISSIONS="1000000", NETRA_RATE_LIMIT_LOOKUPS="1000000")
server, base = demo_server.start(netra, env, os.path.join(work, "server.log"))
try:
    result = subprocess.run(["schemathesis", "run", f"{base}/api/v1/openapi.yaml", "--url", base,
                             "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
                             "--max-examples", examples, "--seed", "2024", "--workers", "1", "--no-color",
                             "--suppress-health-check", "all"])
    if result.returncode != 0:
        print(open(os.path.join(work, "server.log")).read()[-4000:])
    sys.exit(result.returncode)
finally:
    server.terminate()
    server.wait()
