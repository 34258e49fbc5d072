"""At most a few route searches run at once in a process, so cheap requests always have a thread.

Before, a burst of costly questions held every gunicorn thread, and ``/healthz``
waited behind them (17% answered in one probe). Here the test holds the
process's search slots itself, as running searches would, and asks again.
"""

from __future__ import annotations

import os
import sys
import threading

import pytest

from planner import ConfigError, create_app
from planner.web.slots import Busy, SearchSlots

UNCACHED = "/route?to=admin-team-lead&from=porter&have=teamwork"


def make(tmp_path, **config):
    settings = {"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), **config}
    return create_app(settings)


class Held:
    """Searches that hold their slots until the test lets them go."""

    def __init__(self, slots: SearchSlots, count: int) -> None:
        self.free = threading.Event()
        self.started = threading.Semaphore(0)
        self.threads = [
            threading.Thread(target=slots.run, args=(self._hold,)) for _ in range(count)
        ]
        for thread in self.threads:
            thread.start()

    def _hold(self) -> None:
        self.started.release()
        self.free.wait(30)

    def until_running(self, count: int) -> Held:
        for _ in range(count):
            assert self.started.acquire(timeout=30)
        return self

    def release(self) -> None:
        self.free.set()
        for thread in self.threads:
            thread.join(30)


def test_with_every_slot_taken_a_new_search_is_told_to_wait_and_cheap_pages_still_answer(tmp_path):
    app = make(tmp_path, SEARCH_SLOTS=1, SEARCH_QUEUE=0)
    client = app.test_client()
    assert client.get("/route?to=porter").status_code == 200  # now kept in the route cache
    held = Held(app.extensions["planner"]["search_slots"], 1).until_running(1)
    try:
        busy = client.get(UNCACHED)
        api = client.get("/api/routes?to=admin-team-lead&from=porter")
        assert busy.status_code == 503 and api.status_code == 503
        # At least 5 seconds (the rate limit's headers may name a later time).
        assert int(busy.headers["Retry-After"]) >= 5 and int(api.headers["Retry-After"]) >= 5
        from bs4 import BeautifulSoup

        page = BeautifulSoup(busy.text, "html.parser")
        assert page.select_one("h1").text.strip() == "Sorry, we are busy"
        assert "Wait a few seconds" in page.select_one("main").text
        assert api.json["error"].startswith("Many people are asking for routes")
        # What needs no search is answered as ever: an answer already kept, health, pages.
        assert client.get("/route?to=porter").status_code == 200
        assert client.get("/healthz").status_code == 200
        assert client.get("/roles").status_code == 200
    finally:
        held.release()
    assert client.get(UNCACHED).status_code == 200


def test_one_may_wait_for_a_slot_and_the_next_is_answered_at_once():
    slots = SearchSlots(running=1, waiting=1, wait_seconds=30)
    held = Held(slots, 1).until_running(1)
    results = []
    waiter = threading.Thread(target=lambda: results.append(slots.run(lambda: "ran after waiting")))
    waiter.start()
    try:
        while slots._admitted._value > 0 and waiter.is_alive():
            threading.Event().wait(0.01)
        with pytest.raises(Busy):
            slots.run(lambda: "never")  # the slot and the one place in the queue are both taken
    finally:
        held.release()
    waiter.join(30)
    assert results == ["ran after waiting"]


def test_a_wait_is_bounded():
    slots = SearchSlots(running=1, waiting=1, wait_seconds=0.05)
    held = Held(slots, 1).until_running(1)
    try:
        with pytest.raises(Busy):
            slots.run(lambda: "never")
    finally:
        held.release()
    assert slots.run(lambda: "a slot again") == "a slot again"


@pytest.mark.skipif(sys.platform != "linux", reason="a nice value for each thread is Linux's")
def test_searches_run_at_a_lower_priority_than_requests():
    """On a busy machine the system gives a cheap request the processor before a search."""
    slots = SearchSlots(running=1, waiting=0, wait_seconds=1)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    theirs = slots.run(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    assert theirs >= min(mine + 10, 19)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SEARCH_SLOTS", 0), ("SEARCH_SLOTS", "two"), ("SEARCH_QUEUE", -1), ("SEARCH_WAIT", 600)],
)
def test_settings_that_cannot_work_stop_the_start(tmp_path, setting, value):
    with pytest.raises(ConfigError, match=f"PLANNER_{setting}"):
        make(tmp_path, **{setting: value})
