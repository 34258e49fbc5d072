"""A save the person was told about survives ``kill -9`` of the server at any moment.

The real server (``planner serve``, gunicorn with 2 workers) runs as a child
process on a loopback port. A thread saves plans as fast as it can: new plans
(uploads with a unique marker) and edits to one plan. The server is SIGKILLed at
a random moment, five times. After each kill the database must pass
``integrity_check`` and hold every save that was answered with a 303 redirect.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
import requests

from planner.plans import store
from planner.plans.backup import integrity_check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from servers import Server

pytestmark = pytest.mark.slow

ROUNDS = 5
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def plan_file(marker: str) -> bytes:
    return json.dumps(
        {
            "format": "nhs-career-plan",
            "format_version": 1,
            "exported_on": "2026-11-23",
            "target_role": "porter",
            "current_role": None,
            "have": ["teamwork"],
            "support": marker,
            "items": [
                {
                    "kind": "goal",
                    "title": "Start as a Porter",
                    "target_date": "2027-06-01",
                    "status": "not-started",
                    "note": "",
                    "ref": None,
                    "step_kind": None,
                    "weeks": 0,
                    "gains": [],
                }
            ],
            "reviews": [{"date": "2027-03-01", "kind": "check-in"}],
            "agreement": {
                "employee_on": None,
                "employee_current": False,
                "manager_on": None,
                "manager_current": False,
            },
        }
    ).encode()


class Saver(threading.Thread):
    """Saves until the server goes away; remembers every save that got a 303."""

    def __init__(self, url: str, edit_token: str | None):
        super().__init__(daemon=True)
        self.url = url
        self.edit_token = edit_token
        self.created: list[str] = []  # markers of acknowledged new plans
        self.edits: list[tuple[int, str]] = []  # (version saved, support) of acknowledged edits
        self.first_ack = threading.Event()
        self.session = requests.Session()

    def csrf(self) -> str:
        page = self.session.get(self.url + "/plans/import", timeout=5).text
        return CSRF.search(page).group(1)

    def run(self) -> None:
        try:
            token = self.csrf()
            n = 0
            while True:
                n += 1
                marker = f"save {random.getrandbits(48):x} {n}"
                if self.edit_token and n % 3 == 0:
                    self.edit(token, marker)
                else:
                    response = self.session.post(
                        self.url + "/plans/import",
                        data={"csrf_token": token},
                        files={"plan": ("plan.json", plan_file(marker), "application/json")},
                        allow_redirects=False,
                        timeout=5,
                    )
                    if response.status_code == 303:
                        self.created.append(marker)
                        self.first_ack.set()
        except requests.RequestException:
            return  # the server was killed

    def edit(self, csrf: str, marker: str) -> None:
        page = self.session.get(f"{self.url}/plans/{self.edit_token}/support", timeout=5).text
        version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
        response = self.session.post(
            f"{self.url}/plans/{self.edit_token}/support",
            data={"csrf_token": csrf, "version": str(version), "support": marker},
            allow_redirects=False,
            timeout=5,
        )
        if response.status_code == 303:
            self.edits.append((version + 1, marker))


def check_after_crash(database: Path, saver: Saver, edit_token: str) -> None:
    """Opening the file rolls back any half-done write; then everything acknowledged is there."""
    assert integrity_check(database) == "ok"
    with closing(sqlite3.connect(database)) as conn:
        supports = {row[0] for row in conn.execute("SELECT support FROM plans")}
    missing = [m for m in saver.created if m not in supports]
    assert not missing, f"{len(missing)} acknowledged new plans were lost"
    if saver.edits:
        engine = store.open_engine(f"sqlite:///{database}", must_exist=True)
        try:
            plan = store.load_plan(engine, edit_token)
        finally:
            engine.dispose()
        version, support = saver.edits[-1]
        assert plan.version >= version, "an acknowledged edit was lost"
        if plan.version == version:
            assert plan.support == support


def test_acknowledged_saves_survive_kill_9(tmp_path):
    database = tmp_path / "crash.sqlite"
    log = tmp_path / "server.log"
    rng = random.Random()
    edit_token = None
    acknowledged = 0
    started = time.monotonic()
    for round_number in range(ROUNDS):
        server = Server(database, workers=2, log=log).start()
        try:
            if edit_token is None:
                first = Saver(server.url, None)
                csrf = first.csrf()
                response = first.session.post(
                    server.url + "/plans/import",
                    data={"csrf_token": csrf},
                    files={
                        "plan": (
                            "plan.json",
                            plan_file("the plan being edited"),
                            "application/json",
                        )
                    },
                    allow_redirects=False,
                    timeout=5,
                )
                edit_token = response.headers["Location"].rsplit("/", 1)[1]
            # Two savers, so both workers write at once and wait on each other's locks.
            savers = [Saver(server.url, edit_token), Saver(server.url, None)]
            for saver in savers:
                saver.start()
            assert savers[0].first_ack.wait(20), "no save was acknowledged"
            time.sleep(rng.uniform(0.05, 2.5))
        finally:
            server.kill()
        for saver in savers:
            saver.join(10)
            assert not saver.is_alive()
            check_after_crash(database, saver, edit_token)
        created = sum(len(s.created) for s in savers)
        edits = len(savers[0].edits)
        acknowledged += created + edits
        print(
            f"round {round_number + 1}: {created} new plans, {edits} edits acknowledged; all there"
        )
    assert acknowledged > 0
    assert integrity_check(database) == "ok"
    assert time.monotonic() - started < 120
    assert "/plans/[redacted]" in log.read_text()
    assert edit_token not in log.read_text()
