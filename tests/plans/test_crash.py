"""A save the person was told about survives ``kill -9`` of the server at any moment.

The real server (``planner serve``, gunicorn with 2 workers) runs as a child
process on a loopback port. Two threads save plans as fast as they can: new
plans (uploads with a unique marker) and edits to one plan. The server is
SIGKILLed at a random moment, five times. After each kill the database must pass
``integrity_check`` and hold every save that was answered with a 303 redirect.

Everything but the moment of each kill is the same on every run, and that moment
comes from a seed, printed at the start: ``CRASH_TEST_SEED=N`` replays a run.
No limit here is a speed test: each only stops a hung run, with room to spare
on a busy machine (a cold server start took 10 s on one).
"""

from __future__ import annotations

import json
import os
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
from planner.plans.database import BUSY_TIMEOUT_MS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from servers import Server

pytestmark = pytest.mark.slow

ROUNDS = 5
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
#: Far longer than a save can wait for the database's write lock, so a slow save is never
#: taken for a dead server.
REQUEST_TIMEOUT = 12 * BUSY_TIMEOUT_MS / 1000
#: How long a server may take to start, and the savers to get their first answer.
START_TIMEOUT = 120.0


def seed_for_this_run() -> int:
    """The seed of the kill moments: ``CRASH_TEST_SEED`` replays a run, else a new one."""
    given = os.environ.get("CRASH_TEST_SEED")
    return int(given) if given else random.SystemRandom().randrange(2**32)


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
    """Saves until the server goes away; remembers every save that got a 303.

    It stops at the first request that fails and says how: the test counts a
    connection refused or reset after the kill as the kill, and anything else
    (a time-out, an error before the kill) as a failure, with its reason.
    """

    def __init__(self, url: str, edit_token: str | None, name: str, killed: threading.Event):
        super().__init__(daemon=True)
        self.url = url
        self.edit_token = edit_token
        self.marker_prefix = name
        self.killed = killed
        self.created: list[str] = []  # markers of acknowledged new plans
        self.edits: list[tuple[int, str]] = []  # (version saved, support) of acknowledged edits
        self.refused: dict[int, int] = {}  # status: how many saves were answered with it
        self.ended = "still running"
        self.ended_by_kill = False
        self.first_ack = threading.Event()
        self.session = requests.Session()

    def csrf(self) -> str:
        page = self.session.get(self.url + "/plans/import", timeout=REQUEST_TIMEOUT).text
        return CSRF.search(page).group(1)

    def run(self) -> None:
        try:
            token = self.csrf()
            n = 0
            while True:
                n += 1
                marker = f"{self.marker_prefix} save {n}"
                if self.edit_token and n % 3 == 0:
                    self.edit(token, marker)
                else:
                    response = self.session.post(
                        self.url + "/plans/import",
                        data={"csrf_token": token},
                        files={"plan": ("plan.json", plan_file(marker), "application/json")},
                        allow_redirects=False,
                        timeout=REQUEST_TIMEOUT,
                    )
                    if response.status_code == 303:
                        self.created.append(marker)
                        self.first_ack.set()
                    else:
                        self.refuse(response.status_code)
        except requests.Timeout as err:  # never the kill, which closes the connections
            self.ended = f"timed out after {REQUEST_TIMEOUT:.0f} s: {err}"
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as err:
            # Refused, reset, or an answer cut off part way: what a kill does.
            self.ended = f"connection failed: {err}"
            self.ended_by_kill = self.killed.is_set()
        except Exception as err:  # a page not as expected: never the kill
            self.ended = f"{type(err).__name__}: {err}"

    def refuse(self, status: int) -> None:
        """A save not acknowledged is not one that must survive, but it is reported."""
        self.refused[status] = self.refused.get(status, 0) + 1

    def edit(self, csrf: str, marker: str) -> None:
        page = self.session.get(
            f"{self.url}/plans/{self.edit_token}/support", timeout=REQUEST_TIMEOUT
        )
        if page.status_code != 200:
            self.refuse(page.status_code)
            return
        version = int(re.search(r'name="version" value="(\d+)"', page.text).group(1))
        response = self.session.post(
            f"{self.url}/plans/{self.edit_token}/support",
            data={"csrf_token": csrf, "version": str(version), "support": marker},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        if response.status_code == 303:
            self.edits.append((version + 1, marker))
        else:
            self.refuse(response.status_code)


def check_after_crash(database: Path, saver: Saver, edit_token: str) -> None:
    """Opening the file rolls back any half-done write; then everything acknowledged is there."""
    result = integrity_check(database)
    assert result == "ok", result
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
    seed = seed_for_this_run()
    print(f"crash test seed {seed}: CRASH_TEST_SEED={seed} replays these kill moments")
    rng = random.Random(seed)
    database = tmp_path / "crash.sqlite"
    log = tmp_path / "server.log"
    edit_token = None
    acknowledged = 0
    started = time.monotonic()
    for round_number in range(1, ROUNDS + 1):
        killed = threading.Event()
        server = Server(database, workers=2, log=log).start(timeout=START_TIMEOUT)
        try:
            if edit_token is None:
                first = Saver(server.url, None, "first", killed)
                response = first.session.post(
                    server.url + "/plans/import",
                    data={"csrf_token": first.csrf()},
                    files={
                        "plan": (
                            "plan.json",
                            plan_file("the plan being edited"),
                            "application/json",
                        )
                    },
                    allow_redirects=False,
                    timeout=REQUEST_TIMEOUT,
                )
                assert response.status_code == 303, response.text[:500]
                edit_token = response.headers["Location"].rsplit("/", 1)[1]
            # Two savers, so both workers write at once and wait on each other's locks.
            savers = [
                Saver(server.url, edit_token, f"round {round_number} editor", killed),
                Saver(server.url, None, f"round {round_number} creator", killed),
            ]
            for saver in savers:
                saver.start()
            acked = savers[0].first_ack.wait(START_TIMEOUT)
            assert acked, f"no save was acknowledged in {START_TIMEOUT:.0f} s: {savers[0].ended}"
            pause = rng.uniform(0.05, 2.5)
            time.sleep(pause)
        finally:
            killed.set()
            server.kill()
        for saver in savers:
            saver.join(START_TIMEOUT)
            assert not saver.is_alive(), f"{saver.marker_prefix} still running after the kill"
            assert saver.ended_by_kill, (
                f"{saver.marker_prefix} stopped, but not because of the kill: {saver.ended}"
            )
            check_after_crash(database, saver, edit_token)
        created = sum(len(s.created) for s in savers)
        edits = len(savers[0].edits)
        refused = {k: v for s in savers for k, v in s.refused.items()}
        acknowledged += created + edits
        print(
            f"round {round_number}: killed {pause:.2f} s after the first save; {created} new "
            f"plans, {edits} edits acknowledged; all there"
            + (f"; not acknowledged (status: count): {refused}" if refused else "")
        )
    print(f"{ROUNDS} rounds in {time.monotonic() - started:.1f} s (seed {seed})")
    assert acknowledged > 0
    assert integrity_check(database) == "ok"
    assert "/plans/[redacted]" in log.read_text()
    assert edit_token not in log.read_text()
