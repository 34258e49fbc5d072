"""Start the real server (``planner serve``: gunicorn) as a child process on a loopback port.

Used by the load benchmark and by the crash and load tests. Loopback only.
The server gets its own process group, so ``kill()`` can SIGKILL the gunicorn
master and its workers together, as a power cut or ``kill -9`` would.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

#: High limits for load and crash runs: one client address sends everything.
NO_LIMITS = {
    f"PLANNER_{name}": "1000000 per minute"
    for name in (
        "PLAN_LIMIT_CREATE",
        "PLAN_LIMIT_LOOKUP",
        "PLAN_LIMIT_SAVE",
        "PLAN_LIMIT_EXPORT",
        "ROUTE_LIMIT",
        "SPENT_LIMIT",
    )
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """One ``planner serve`` process group on a free loopback port."""

    def __init__(
        self,
        database: Path | str,
        workers: int = 2,
        log: Path | None = None,
        env: dict[str, str] | None = None,
    ):
        """``database`` is a SQLite file or a database address (``postgresql://...``);
        ``env`` adds settings (``PLANNER_RATELIMIT_STORAGE_URI``, limits ...)."""
        self.database = str(database) if "://" in str(database) else f"sqlite:///{database}"
        self.workers = workers
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log = log
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0, ready: str = "/readyz") -> Server:
        """Start, and wait until ``ready`` answers 200 (``/healthz`` for a server that may
        start with its database not ready)."""
        env = {
            **os.environ,
            **NO_LIMITS,
            "PLANNER_DATABASE_URL": self.database,
            "SECRET_KEY": "load-and-crash-tests-only-" + "x" * 32,
            "PYTHONUNBUFFERED": "1",
            **self.env,
        }
        for name in ("PLANNER_ENV", "PLANNER_DATABASE", "GUNICORN_CMD_ARGS"):
            env.pop(name, None)
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        planner = Path(sys.executable).with_name("planner")
        command = [str(planner), "serve", "--host", HOST, "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, "--workers", str(self.workers)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.log:
            out.close()  # the child has its own copy
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start (exit {self.process.returncode})")
            try:
                with urllib.request.urlopen(self.url + ready, timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"the server did not answer {ready} in time")

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, no flushing."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Ask gunicorn to stop gracefully; SIGKILL if it takes too long."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running_server(
    database: Path | str,
    workers: int = 2,
    log: Path | None = None,
    env: dict[str, str] | None = None,
):
    server = Server(database, workers, log, env).start()
    try:
        yield server
    finally:
        server.stop()
