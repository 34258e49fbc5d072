"""A save that fails keeps what was typed out of every log, and says the plan is safe.

SQLAlchemy's error text used to carry the statement's parameters (``[parameters:
{... 'support': ...}]``): on a lost connection, a full disk or a read-only
disk, the person's support text, step titles, notes and token hashes reached
the log. Each failure here is real: PostgreSQL stopped while a save waits on a
lock, a SQLite disk remounted read-only, and a SQLite disk (a small tmpfs) that
is full. Every free-text field gets a unique marker; no log may hold one.
The person gets a 503 that says the plan is safe, never a 500.

Mounting needs root (the tests and CI run as root here); without it they skip,
or fail under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

from tests.engines import Postgres, missing
from tests.plans.helpers import form_of
from tests.plans.test_crash import plan_file

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from servers import Server

pytestmark = pytest.mark.slow

SOON = date.today() + timedelta(days=60)


class Disk:
    """A small tmpfs of our own, which the test can fill or make read-only."""

    def __init__(self, where: Path, size: str = "4m") -> None:
        self.where = where
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
        )
        if done.returncode != 0:
            missing("a tmpfs of the test's own (mount needs root)")

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.where)], check=True)

    def fill(self) -> None:
        """Fill what is left with one file, so the next write has no room."""
        with (self.where / "filler").open("wb") as out:
            try:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
            except OSError:
                pass

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.where)], capture_output=True)

    def __enter__(self) -> Disk:
        return self

    def __exit__(self, *_: object) -> None:
        self.unmount()


@contextlib.contextmanager
def serving(database: Path, log: Path) -> Iterator[list[Server]]:
    """A server on the database, in a list so a test may start another; all stopped at the end."""
    servers = [Server(database, log=log).start()]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def marker() -> str:
    return "mark" + secrets.token_hex(8)


class Person:
    """One browser on the planner: its forms, and every save a person can make."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()
        self.markers: list[str] = []
        self.token = ""
        self.forms: dict[str, dict[str, object]] = {}

    def mark(self) -> str:
        self.markers.append(marker())
        return self.markers[-1]

    def plan_file(self) -> bytes:
        """A plan file (as the crash test saves) with a marker in every field a person types."""
        data = json.loads(plan_file(self.mark()))
        data["items"][0].update(title=self.mark(), note=self.mark(), target_date=SOON.isoformat())
        data["reviews"] = []
        return json.dumps(data).encode()

    def page(self, path: str) -> requests.Response:
        return self.session.get(self.url + path, timeout=30)

    def import_plan(self) -> requests.Response:
        csrf = form_of(self.page("/plans/import").text)["csrf_token"]
        return self.session.post(
            self.url + "/plans/import",
            data={"csrf_token": csrf},
            files={"plan": ("plan.json", self.plan_file(), "application/json")},
            allow_redirects=False,
            timeout=30,
        )

    def start(self) -> None:
        """A plan to change, and each of its forms as the browser has them."""
        response = self.import_plan()
        assert response.status_code == 303, response.text[:300]
        self.token = response.headers["Location"].rsplit("/", 1)[1]
        self.read_forms()

    def read_forms(self) -> None:
        for part in ("support", "items/0", "items/new", "agree", "delete"):
            self.forms[part] = form_of(self.page(f"/plans/{self.token}/{part}").text)

    def changes(self) -> dict[str, dict[str, object]]:
        """Every save, with a new marker in every field a person types in."""
        day = {"day": str(SOON.day), "month": str(SOON.month), "year": str(SOON.year)}
        today = date.today()
        return {
            "support": {"support": self.mark()},
            "items/0": {"title": self.mark(), "note": self.mark()},
            "items/new": {
                "title": self.mark(),
                "kind": "action",
                **{f"target-date-{k}": v for k, v in day.items()},
            },
            "agree": {
                "side": "employee",
                "agreed-as": self.mark(),
                "agreed-on-day": str(today.day),
                "agreed-on-month": str(today.month),
                "agreed-on-year": str(today.year),
            },
        }

    def save_everything(self, fresh: bool = False) -> list[int]:
        """Send every save once; the status of each (and of an import and a delete).

        ``fresh``: read each form again first (each save that works moves the plan's version).
        """
        codes = []
        for part, change in self.changes().items():
            if fresh:
                self.read_forms()
            response = self.session.post(
                f"{self.url}/plans/{self.token}/{part}",
                data={**self.forms[part], **change},
                allow_redirects=False,
                timeout=30,
            )
            codes.append(response.status_code)
            if response.status_code == 503:
                assert "Your plan is safe" in response.text
        codes.append(self.import_plan().status_code)
        codes.append(
            self.session.post(
                f"{self.url}/plans/{self.token}/delete",
                data=self.forms["delete"],
                allow_redirects=False,
                timeout=30,
            ).status_code
        )
        return codes


def assert_no_marker_in(person: Person, *logs: Path) -> None:
    assert person.markers
    for log in logs:
        text = log.read_text(errors="replace")
        found = [m for m in person.markers if m in text]
        assert not found, f"{log.name} holds what was typed: {found[:3]}"
        assert "[parameters:" not in text, f"{log.name} holds a statement's parameters"


def test_a_read_only_disk(tmp_path):
    """A disk that comes back read-only (as after a disk error): SQLite opens the file read-only
    without a word, and every write fails. Linux will not remount a disk read-only while a
    file on it is open for writing, so the server is stopped for the remount, and started
    again on the read-only disk."""
    log = tmp_path / "server.log"
    with Disk(tmp_path / "disk") as disk, serving(disk.where / "planner.sqlite", log) as servers:
        person = Person(servers[0].url)
        person.start()
        assert set(person.save_everything(fresh=True)) == {303}  # every save works on a sound disk
        person.start()
        servers[0].stop()
        disk.remount("ro")
        servers.append(Server(disk.where / "planner.sqlite", log=log))
        servers[-1].start(ready="/healthz")
        person.url = servers[-1].url
        codes = person.save_everything()
        assert set(codes) == {503}, codes
        assert person.page(f"/plans/{person.token}").status_code == 200  # reading still works
        assert person.page("/healthz").status_code == 200  # the process is well
        assert person.page("/readyz").status_code == 503
        # The disk is mended: with no restart, the planner is ready and saves work again (its
        # pooled connections had opened the file read-only and stayed so, for good).
        disk.remount("rw")
        for _ in range(4):  # every pooled connection in both workers is asked in turn
            assert person.page("/readyz").status_code == 200
        assert set(person.save_everything(fresh=True)) == {303}
    assert_no_marker_in(person, log)


def test_a_full_disk(tmp_path):
    log = tmp_path / "server.log"
    with Disk(tmp_path / "disk", "2m") as disk, serving(disk.where / "planner.sqlite", log) as up:
        person = Person(up[0].url)
        person.start()
        assert person.page("/readyz").status_code == 200
        disk.fill()
        codes = person.save_everything()
        assert set(codes) == {503}, codes
        assert person.page("/healthz").status_code == 200
        # Ready means a save would work: it did not, so it is not ready (it said 200 here).
        assert person.page("/readyz").status_code == 503
        (disk.where / "filler").unlink()
        assert person.page("/readyz").status_code == 200
        assert set(person.save_everything(fresh=True)) == {303}
    assert_no_marker_in(person, log)


def test_postgresql_stopped_in_the_middle_of_a_save(tmp_path):
    import psycopg

    database = Postgres()
    if not database.initdb:
        missing("PostgreSQL (initdb and pg_ctl)")
    database.start()
    server = blocker = None
    try:
        database.admin("CREATE DATABASE planner")
        server = Server(database.url("planner"), log=tmp_path / "server.log").start()
        person = Person(server.url)
        person.start()
        # Another session holds the plan's row, so the next save waits inside its UPDATE;
        # then PostgreSQL stops (immediate: as a crash would) while it waits.
        blocker = psycopg.connect(database.url("planner"))
        blocker.execute("SELECT id FROM plans FOR UPDATE")
        change = person.changes()["support"]
        waiting: list[int] = []
        save = threading.Thread(
            target=lambda: waiting.append(
                person.session.post(
                    f"{person.url}/plans/{person.token}/support",
                    data={**person.forms["support"], **change},
                    allow_redirects=False,
                    timeout=60,
                ).status_code
            )
        )
        save.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _waiting_on_a_lock(database):
            time.sleep(0.1)
        assert _waiting_on_a_lock(database), "the save never reached its UPDATE"
        database._run(database.pg_ctl, "-D", str(database.data), "-m", "immediate", "stop")
        save.join(60)
        assert waiting == [503]
        codes = person.save_everything()  # and with the database gone altogether
        assert set(codes) == {503}, codes
        assert person.page("/healthz").status_code == 200
    finally:
        if blocker is not None:
            blocker.close()
        if server:
            server.stop()
        logs = [tmp_path / "server.log", *database.folder.glob("*.log")]
        for log in logs:
            (tmp_path / f"copy-{log.name}").write_bytes(log.read_bytes())
        with contextlib.suppress(subprocess.CalledProcessError):
            database.stop()  # already stopped, if the test got that far
        shutil.rmtree(database.folder, ignore_errors=True)
    assert_no_marker_in(person, *(tmp_path / f"copy-{log.name}" for log in logs))


def _waiting_on_a_lock(database: Postgres) -> bool:
    import psycopg

    with psycopg.connect(database.url("planner"), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchall()
    return any(re.match(r"\s*UPDATE plans", row[0]) for row in rows)


def test_a_restore_onto_a_disk_too_full_for_it_changes_nothing(tmp_path):
    """The restore copies and checks the backup beside the live file first: with no room for
    that copy, the live database is exactly as it was, and nothing is left beside it."""
    from click.testing import CliRunner

    from planner.cli import main
    from planner.plans import store
    from tests.plans.test_plan_store import new_plan

    big = tmp_path / "big.sqlite"
    engine = store.open_engine(f"sqlite:///{big}")
    store.prepare(engine)
    for n in range(1500):
        store.create_plan(engine, new_plan(support=f"{n} " + "x" * 590))
    engine.dispose()
    with Disk(tmp_path / "disk", size="1m") as disk:
        live = disk.where / "live.sqlite"
        engine = store.open_engine(f"sqlite:///{live}")
        store.prepare(engine)
        store.create_plan(engine, new_plan(support="the live plan"))
        engine.dispose()
        before = live.read_bytes()
        result = CliRunner().invoke(main, ["restore", str(big), "--yes", "--database", str(live)])
        assert result.exit_code == 1, result.output
        assert "was not restored, and nothing was changed" in result.output
        assert live.read_bytes() == before
        assert sorted(p.name for p in disk.where.iterdir()) == ["live.sqlite"]
