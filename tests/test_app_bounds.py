"""The explorers' page server is bounded: a few kernels at most, idle ones stopped, only local Host headers,
and SIGTERM stops the server and every kernel, freeing the port."""

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import kernels_under
from kzreform import paths

pytestmark = [pytest.mark.slow, pytest.mark.checkout_kernels,
              pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="counts kernels in /proc (Linux)")]


def kernels() -> list[int]:
    """Pids of kernels started for this project's notebooks folder (the app's kernels run there)."""
    return kernels_under(paths.NOTEBOOKS, exact=True)


def get(port: int, host: str, timeout: float = 180) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest("GET", "/", skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def test_the_app_is_bounded_and_stops_on_sigterm():
    assert kernels() == [], "kernels of this project are already running"
    proc = subprocess.Popen([sys.executable, "-m", "kzreform", "app", "--max-kernels", "2", "--idle-minutes", "0.1"],
                            cwd=paths.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line, seen = "", []
        deadline = time.time() + 180
        while time.time() < deadline and not re.search(r"http://127\.0\.0\.1:\d+/", line):
            line = proc.stdout.readline()
            seen.append(line)
            assert line or proc.poll() is None, "".join(seen)
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", line).group(1))

        # a foreign Host header (DNS rebinding) is refused before anything starts
        status, body = get(port, "attacker.example")
        assert status == 403 and "only http://127.0.0.1 and http://localhost" in body
        assert get(port, f"attacker.example:{port}")[0] == 403
        assert kernels() == []

        # two pages start two kernels; a third is refused with a reason
        assert get(port, f"127.0.0.1:{port}")[0] == 200
        assert get(port, f"localhost:{port}")[0] == 200
        assert len(kernels()) == 2
        status, body = get(port, f"127.0.0.1:{port}")
        assert status == 503, body[:300]
        assert len(kernels()) == 2

        # nobody is connected: the kernels are culled once idle, and a page can be served again
        assert wait_for(lambda: kernels() == [], 90), kernels()
        assert get(port, f"127.0.0.1:{port}")[0] == 200

        # SIGTERM (a service manager, `kill`) stops the server and its kernels, and frees the port
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0 and "Stopped." in out and "Traceback" not in out
        assert wait_for(lambda: not listening(port), 10)
        assert wait_for(lambda: kernels() == [], 20), kernels()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
