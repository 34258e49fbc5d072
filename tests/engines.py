"""Real database and Redis servers for the tests: a throwaway PostgreSQL cluster and a redis-server.

Both start once per test run on free loopback ports, in a temporary folder,
and are stopped at the end. ``make test`` installs them with apt when they are
missing. Without them a local run skips the tests that need them with a
visible reason; under ``CI=true`` a missing server fails those tests instead.

PostgreSQL's ``initdb`` refuses to run as root, so when the tests run as root
the cluster belongs to the ``postgres`` user (``runuser``).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HOST = "127.0.0.1"
#: Every database a test gets is a copy of this one, migrated once per run.
TEMPLATE = "planner_template"
_numbers = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def missing(what: str) -> None:
    """Skip with a reason, or fail under CI=true: CI must run everything."""
    message = f"{what} is not installed here (make test installs it with apt)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; under CI=true that is a failure, not a skip")
    pytest.skip(message)


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class Postgres:
    """A PostgreSQL cluster of its own, owned by ``postgres`` when we are root."""

    def __init__(self) -> None:
        self.initdb = _postgres_bin("initdb")
        self.pg_ctl = _postgres_bin("pg_ctl")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run(
            [*prefix, *command], check=True, capture_output=True, timeout=120, cwd=self.folder
        )

    def start(self) -> Postgres:
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self._run(self.initdb, "-D", str(self.data), "-U", "planner", "--auth=trust", "-E", "UTF8")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options, "-w", "-t", "60", "start",
                  "-l", str(self.folder / "server.log"))  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://planner@{HOST}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    """A redis-server on a free port that keeps nothing on disk."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}"

    def start(self) -> Redis:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", HOST, "--save", "",
             "--appendonly", "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60  # a limit for a hung start, not a speed test
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer in time")

    def flush(self) -> None:
        with socket.create_connection((HOST, self.port), timeout=60) as s:
            s.sendall(b"FLUSHALL\r\n")
            s.recv(16)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """One PostgreSQL cluster for the run, with a migrated template database."""
    server = Postgres()
    if not (server.initdb and server.pg_ctl and shutil.which("runuser")):
        shutil.rmtree(server.folder, ignore_errors=True)
        missing("PostgreSQL (initdb and pg_ctl)")
    server.start()
    try:
        from planner.plans import database

        server.admin(f"CREATE DATABASE {TEMPLATE}")
        engine = database.open_engine(_sqlalchemy(server.url(TEMPLATE)))
        try:
            database.prepare(engine)
        finally:
            engine.dispose()
        yield server
    finally:
        server.stop()


def _sqlalchemy(url: str) -> str:
    from planner.config import database_url

    return database_url({"DATABASE_URL": url})


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test (a copy of the template)."""
    name = f"planner_test_{os.getpid()}_{next(_numbers)}"
    postgres_server.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[Redis]:
    server = Redis()
    if not server.binary:
        missing("redis-server")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The test's Redis, emptied first so no count is left from another test."""
    redis_server.flush()
    return redis_server.url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite plans database migrated once per run; every test gets a copy of it."""
    from planner.plans import database

    path = tmp_path_factory.mktemp("template") / "planner.sqlite"
    engine = database.open_engine(_sqlalchemy(f"sqlite:///{path}"))
    try:
        database.prepare(engine)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def sqlite_database(tmp_path, sqlite_template) -> Path:
    """A fresh, migrated SQLite file for one test (a copy of the template)."""
    path = tmp_path / "planner.sqlite"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request) -> str:
    """The same test on both databases: a new, migrated SQLite file, then PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{request.getfixturevalue('sqlite_database')}"
    return request.getfixturevalue("postgres_url")
