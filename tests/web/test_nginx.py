"""The shipped nginx configuration (deploy/nginx.conf), run for real in front of gunicorn.

gunicorn's threads are few (then 2 workers x 4): 8 clients sending one header byte
every 2 seconds held them all, and ``/healthz`` answered 2.3% of the time.
nginx reads each request whole before passing it on, so slow clients wait in
nginx, not in a gunicorn thread. These tests start nginx with the shipped file
(only its two marked addresses changed) in front of ``planner serve``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.engines import HOST, free_port, missing
from tests.web.test_server import serve, stop, wait_for

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
TOKEN = "Qx7_" * 10 + "abc"


def shipped_config(app_port: int, port: int, folder: Path) -> str:
    """The shipped file with its two marked lines pointed at this test's ports and folder."""
    text = CONFIG.read_text()
    text, upstream = re.subn(r"server 127\.0\.0\.1:5000;", f"server {HOST}:{app_port};", text)
    text, listen = re.subn(r"listen 80;", f"listen {HOST}:{port};", text)
    text = text.replace("/var/log/nginx/planner.access.log", str(folder / "access.log"))
    assert upstream == listen == 1, "the marked lines of deploy/nginx.conf changed"
    return text


class Nginx:
    def __init__(self, app_port: int, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.url = f"http://{HOST}:{self.port}"
        (folder / "planner.conf").write_text(shipped_config(app_port, self.port, folder))
        temp = "\n".join(
            f"    {kind}_temp_path {folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + "events { worker_connections 512; }\n"
            f"http {{\n{temp}\n    include {folder / 'planner.conf'};\n}}\n"
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> Nginx:
        command = [NGINX, "-c", str(self.folder / "nginx.conf"), "-p", str(self.folder)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("nginx did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """``planner serve`` (2 workers x 6 threads) with the shipped nginx in front."""
    if NGINX is None:
        missing("nginx")
    folder = tmp_path_factory.mktemp("nginx")
    process, app_url, log = serve(
        folder, PLANNER_PROXY_HOPS="1", PLANNER_ROUTE_LIMIT="2 per minute"
    )
    nginx = None
    try:
        wait_for(app_url, process)
        nginx = Nginx(int(app_url.rsplit(":", 1)[1]), folder).start()
        yield nginx, log
    finally:
        if nginx:
            nginx.stop()
        stop(process)


def _get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> int:
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def test_slow_clients_wait_in_nginx_and_healthz_always_answers(proxied):
    nginx, _ = proxied
    request = b"GET /healthz HTTP/1.1\r\nHost: planner\r\nX-Slow: " + b"a" * 40
    clients = []
    for _ in range(16):  # more than all of gunicorn's threads (2 workers x 6)
        client = socket.create_connection((HOST, nginx.port), timeout=5)
        client.sendall(request[:1])
        clients.append(client)
    stopping = threading.Event()

    def trickle() -> None:
        for n in range(1, 8):  # one byte each every 2 seconds, 14 seconds at most
            if stopping.wait(2):
                return
            for client in clients:
                # nginx may close a client that is too slow: that is its job.
                with contextlib.suppress(OSError):
                    client.sendall(request[n : n + 1])

    slow = threading.Thread(target=trickle)
    slow.start()
    answers = []
    try:
        ends = time.monotonic() + 12
        while time.monotonic() < ends:
            began = time.monotonic()
            status = _get(nginx.url + "/healthz", timeout=2)
            answers.append(status == 200 and time.monotonic() - began < 2)
            time.sleep(max(0.0, 0.1 - (time.monotonic() - began)))
    finally:
        stopping.set()
        slow.join(10)
        for client in clients:
            client.close()
    assert len(answers) >= 20 and all(answers), f"{answers.count(False)} of {len(answers)} failed"


def _poll_health(url: str, seconds: float) -> list[bool]:
    """/healthz every 100 ms for ``seconds``: whether each answered 200 within 2 s."""
    answers = []
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        began = time.monotonic()
        status = _get(url + "/healthz", timeout=2)
        answers.append(status == 200 and time.monotonic() - began < 2)
        time.sleep(max(0.0, 0.1 - (time.monotonic() - began)))
    return answers


def test_a_client_that_ignores_every_429_is_slowed_in_nginx(proxied):
    """8 connections asking for the route page flat out, never waiting after a 429: nginx
    passes on 5 a second (and a burst), so gunicorn's threads stay free for the rest."""
    nginx, _ = proxied
    stopping = threading.Event()
    codes: list[int] = []

    def flood() -> None:
        n = 0
        while not stopping.is_set() and n < 2000:
            codes.append(_get(f"{nginx.url}/route?to=porter&have=teamwork", timeout=10))
            n += 1

    flooders = [threading.Thread(target=flood) for _ in range(8)]
    for flooder in flooders:
        flooder.start()
    try:
        answers = _poll_health(nginx.url, 10)
    finally:
        stopping.set()
        for flooder in flooders:
            flooder.join(20)
    assert len(answers) >= 20 and all(answers), f"{answers.count(False)} of {len(answers)} failed"
    assert codes.count(429) > len(codes) // 2  # most of the flood was turned away


def test_the_client_cannot_choose_its_address_through_the_proxy(proxied):
    """nginx replaces X-Forwarded-For, so the planner counts the real address."""
    nginx, _ = proxied
    codes = [
        _get(f"{nginx.url}/route?to=porter", {"X-Forwarded-For": f"203.0.113.{n}"})
        for n in range(6)
    ]
    # 2 a minute in all (1 in each of the 2 workers): 6 made-up addresses do not get 6.
    assert codes.count(200) <= 2 and 429 in codes, codes


def test_the_proxy_log_holds_no_token_and_no_address_for_the_spent_checker(proxied):
    nginx, _ = proxied
    for path in (f"/plans/{TOKEN}", f"/PLANS//{TOKEN}", f"/shared%2F{TOKEN}", "/check-spent"):
        _get(nginx.url + path)
    nginx.stop()  # flushes the log
    try:
        text = (nginx.folder / "access.log").read_text()
    finally:
        nginx.start()
    assert TOKEN[:20] not in text
    assert '"GET /plans/[redacted]"' in text
    spent = [line for line in text.splitlines() if "/check-spent" in line]
    assert spent and all(line.startswith('- "GET /check-spent') for line in spent)
