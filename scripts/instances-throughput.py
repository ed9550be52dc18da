#!/usr/bin/env python3
"""Figures for issue #22 (not a test): intake throughput through nginx with one and with two Netra instances on
one PostgreSQL database, each instance pinned to a core of its own (taskset), and the p99 latency of /kasus for a
supervisor with 20,000 cases in the database.

    python3 scripts/instances-throughput.py .build/release/netra postgres://postgres@127.0.0.1:55433 [SECONDS] [CONNECTIONS]

The second argument is the PostgreSQL server (a superuser URL without a database name); the script makes and
drops databases of its own. Five rounds alternate one instance, two instances, one, two, ... in the same run, and
the ratio compares the medians (PostgreSQL, nginx and wrk share the two cores with the pinned instances). wrk, nginx and psql must be installed.
"""
import base64
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import demo_server  # noqa: E402
import nginx_proxy  # noqa: E402
import web_client  # noqa: E402

def psql(server, database, sql):
    return subprocess.run(["psql", f"{server}/{database}", "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def wrk(url, seconds, connections, extra=()):
    output = subprocess.run(["wrk", f"-t{min(2, int(connections))}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
                            capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+(\S+)", output).group(1)
    failed = re.search(r"non2xx (\d+)", output)
    return rate, p99, int(failed.group(1)) if failed else 0


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def nginx(work, name, ports):
    process, port = nginx_proxy.start(os.path.join(work, name), ports)
    return process, f"http://127.0.0.1:{port}"


def start(netra, env, log, port, core=None, demo=False):
    command = ([ "taskset", "-c", str(core)] if core is not None else []) + [netra, "serve", "--no-jobs", "--port", str(port)] + (["--demo"] if demo else [])
    process = subprocess.Popen(command, env=env, stdout=open(log, "a"), stderr=subprocess.STDOUT)
    demo_server.wait_until_up(f"http://127.0.0.1:{port}", process, seconds=600)
    return process


def intake(netra, server, work, seconds, connections, rounds=5):
    database = f"netra_intake_{os.getpid()}"
    psql(server, "postgres", f"DROP DATABASE IF EXISTS {database}")
    psql(server, "postgres", f"CREATE DATABASE {database}")
    env = dict(os.environ, NETRA_DATABASE_URL=f"{server}/{database}", NETRA_EVIDENCE_STORE="database",
               NETRA_EVIDENCE_KEY=base64.b64encode(os.urandom(32)).decode(), NETRA_TRUSTED_PROXIES="127.0.0.1",
               NETRA_RATE_LIMIT_SUBMISSIONS="100000000", NETRA_RATE_LIMIT_LOOKUPS="100000000")
    ports = [demo_server.free_port(), demo_server.free_port()]
    processes = [start(netra, env, os.path.join(work, "a.log"), ports[0], core=0, demo=True),
                 start(netra, env, os.path.join(work, "b.log"), ports[1], core=1)]
    proxies = [nginx(work, "one", ports[:1]), nginx(work, "two", ports)]
    script = os.path.join(work, "report.lua")
    demo_server.write_report_script(script)
    try:
        results = {"one": [], "two": []}
        for _ in range(rounds):
            for name, (_, base) in zip(("one", "two"), proxies):
                rate, p99, failed = wrk(base + "/api/v1/reports", seconds, connections, ["-s", script])
                results[name].append((rate, p99, failed))
                print(f"  {name} instance{'s' if name == 'two' else ''}: {rate:8.1f} reports/s  p99 {p99:>8}  non-2xx {failed}", flush=True)
        stored = int(psql(server, database, "SELECT COUNT(*) FROM reports"))
        one = statistics.median(r for r, _, _ in results["one"])
        two = statistics.median(r for r, _, _ in results["two"])
        print(f"intake through nginx, wrk -c{connections} -d{seconds}s, {rounds} rounds each, medians: "
              f"one instance {one:.1f} reports/s, two instances {two:.1f} reports/s, ratio {two / one:.2f} (goal >= 1.5); "
              f"{stored} reports stored")
    finally:
        for process, _ in proxies:
            process.terminate()
        for process in processes:
            process.terminate()
            process.wait()
        psql(server, "postgres", f"DROP DATABASE IF EXISTS {database}")


def case_list(netra, server, work, seconds, connections):
    database = f"netra_cases_{os.getpid()}"
    psql(server, "postgres", f"DROP DATABASE IF EXISTS {database}")
    psql(server, "postgres", f"CREATE DATABASE {database}")
    url = f"{server}/{database}"
    env = dict(os.environ, NETRA_DATABASE_URL=url, NETRA_EVIDENCE_DIR=os.path.join(work, "evidence"))
    began = time.time()
    subprocess.run([netra, "demo", "--scale", "province"], env=env, check=True, stdout=subprocess.DEVNULL)
    cases = int(psql(server, database, "SELECT COUNT(*) FROM cases"))
    print(f"  province demo loaded in {time.time() - began:.0f} s: {cases} cases", flush=True)
    port = demo_server.free_port()
    process = start(netra, env, os.path.join(work, "cases.log"), port)
    try:
        for username, password in (("kadisdik", "netra-kadisdik"), ("admin", "netra-admin")):
            client = web_client.Client(f"http://127.0.0.1:{port}")
            client.login(username, password, next_path="/kasus")
            status, _, page = client.send("GET", "/kasus")
            shown = len(re.findall(r'href="/kasus/[0-9a-f-]{36}"', page))
            cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
            for users in (1, 4, int(connections)):
                rate, p99, failed = wrk(f"http://127.0.0.1:{port}/kasus", seconds, users, ["-H", f"Cookie: {cookie}"])
                print(f"GET /kasus as {username} ({cases} cases in the database, {shown} on the page, status {status}), {users} at once: "
                      f"{rate:.1f} req/s, p99 {p99} ({milliseconds(p99):.1f} ms; goal <= 150 ms), non-2xx {failed}", flush=True)
    finally:
        process.terminate()
        process.wait()
        psql(server, "postgres", f"DROP DATABASE IF EXISTS {database}")


def main():
    netra, server = sys.argv[1], sys.argv[2].rstrip("/")
    seconds = sys.argv[3] if len(sys.argv) > 3 else "10"
    connections = sys.argv[4] if len(sys.argv) > 4 else "32"
    work = tempfile.mkdtemp(prefix="netra-instances-")
    print(f"{netra}; PostgreSQL {psql(server, 'postgres', 'SHOW server_version')}; {os.cpu_count()} cores; logs in {work}", flush=True)
    intake(netra, server, work, seconds, connections)
    case_list(netra, server, work, seconds, "16")


if __name__ == "__main__":
    main()
