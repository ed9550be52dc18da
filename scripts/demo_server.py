"""Starts `netra serve` on a free loopback port for the scripts in this folder and waits until it answers."""
import os
import socket
import subprocess
import time
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base, process, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with status {process.returncode}")
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def start(netra, env, log_path, demo=True, through_shell=False):
    """Returns (process, base URL). `through_shell` execs the binary from sh: spawned straight from Python
    under libfaketime, the binary loses its arguments."""
    port = free_port()
    command = [netra, "serve", "--no-jobs", "--port", str(port)] + (["--demo"] if demo else [])
    if through_shell:
        command = ["/bin/sh", "-c", 'exec "$0" "$@"'] + command
    process = subprocess.Popen(command, env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, process)
    return process, base


def write_report_script(path):
    """A wrk script that posts one report to /api/v1/reports per request and counts the answers that are not 2xx."""
    with open(path, "w") as handle:
        handle.write('wrk.method = "POST"\n'
                     'wrk.headers["Content-Type"] = "application/json"\n'
                     'wrk.body = \'{"description":"Seorang kepala sekolah mengajak guru memilih pasangan calon nomor urut 2 saat rapat.",'
                     '"location":"Kecamatan Harapan Hulu"}\'\n'
                     'done = function(summary, latency, requests)\n'
                     '  io.write(string.format("non2xx %d\\n", summary.errors.status))\n'
                     'end\n')
