#!/usr/bin/env python3
"""Intake throughput under load: wrk posts reports to /api/v1/reports on a demo server (loopback only), then
requests /health with the same connections and duration (before and after the reports, the faster taken), and
prints the rates and the ratio (goal: reports at least 0.3 of /health). A figure for the issue note, not a test.

Usage: intake-throughput.py [NETRA_BINARY] [SECONDS] [CONNECTIONS] [DATABASE_URL]"""
import os
import re
import subprocess
import sys
import tempfile

import demo_server

netra = sys.argv[1] if len(sys.argv) > 1 else ".build/release/netra"
seconds = sys.argv[2] if len(sys.argv) > 2 else "10"
connections = sys.argv[3] if len(sys.argv) > 3 else "16"
work = tempfile.mkdtemp(prefix="netra-intake-")
database = sys.argv[4] if len(sys.argv) > 4 else os.path.join(work, "netra.sqlite")
env = dict(os.environ, NETRA_DATABASE_URL=database, NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"),
           NETRA_RATE_LIMIT_SUBMISSIONS="100000000", NETRA_RATE_LIMIT_LOOKUPS="100000000")
script = os.path.join(work, "report.lua")
demo_server.write_report_script(script)
server, base = demo_server.start(netra, env, os.path.join(work, "server.log"))


def run_wrk(path, extra):
    output = subprocess.run(["wrk", f"-t{min(2, int(connections))}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, base + path],
                            capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+(\S+)", output).group(1)
    failed = re.search(r"non2xx (\d+)", output)
    return rate, p99, int(failed.group(1)) if failed else None


try:
    # /health before and after the reports (a grown database may answer it slower); the faster one is the baseline.
    health_before, health_before_p99, _ = run_wrk("/health", [])
    reports, reports_p99, failed = run_wrk("/api/v1/reports", ["-s", script])
    health_after, health_after_p99, _ = run_wrk("/health", [])
    health = max(health_before, health_after)
    print(f"database: {database}; wrk -c{connections} -d{seconds}s on loopback")
    print(f"GET  /health         {health_before:9.1f} req/s  p99 {health_before_p99}  (before the reports)")
    print(f"POST /api/v1/reports {reports:9.1f} req/s  p99 {reports_p99}  non-2xx {failed}")
    print(f"GET  /health         {health_after:9.1f} req/s  p99 {health_after_p99}  (after)")
    print(f"intake / health ratio {reports / health:.2f} (goal >= 0.3)")
finally:
    server.terminate()
    server.wait()
