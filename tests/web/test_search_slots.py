"""At most a few route searches run at once in a process, so cheap requests always have a thread.

Before, a burst of costly questions held every gunicorn thread, and ``/healthz``
waited behind them (17% answered in one probe). Here the test holds the
process's search slots itself, as running searches would, and asks again.
"""

from __future__ import annotations

import threading

import pytest

from planner import ConfigError, create_app
from planner.web.slots import SearchSlots

UNCACHED = "/route?to=admin-team-lead&from=porter&have=teamwork"


def make(tmp_path, **config):
    settings = {"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), **config}
    return create_app(settings)


def test_with_every_slot_taken_a_new_search_is_told_to_wait_and_cheap_pages_still_answer(tmp_path):
    app = make(tmp_path, SEARCH_SLOTS=1, SEARCH_QUEUE=0)
    client = app.test_client()
    assert client.get("/route?to=porter").status_code == 200  # now kept in the route cache
    slots = app.extensions["planner"]["search_slots"]
    with slots.taken():
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
    assert client.get(UNCACHED).status_code == 200


def test_one_may_wait_for_a_slot_and_the_next_is_answered_at_once(tmp_path):
    slots = SearchSlots(running=1, waiting=1, wait_seconds=30)
    holding, waited, results = threading.Event(), threading.Event(), []

    def hold():
        with slots.taken():
            holding.set()
            waited.wait(30)

    def queue():
        with slots.taken():
            results.append("ran after waiting")

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    waiter = threading.Thread(target=queue)
    waiter.start()
    while slots._queued == 0 and waiter.is_alive():
        threading.Event().wait(0.01)
    from planner.web.slots import Busy

    with pytest.raises(Busy), slots.taken():
        pass  # the slot and the one place in the queue are both taken: answered at once
    waited.set()
    holder.join(30)
    waiter.join(30)
    assert results == ["ran after waiting"]


def test_a_wait_is_bounded(tmp_path):
    slots = SearchSlots(running=1, waiting=1, wait_seconds=0.05)
    from planner.web.slots import Busy

    with slots.taken(), pytest.raises(Busy), slots.taken():
        pass


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SEARCH_SLOTS", 0), ("SEARCH_SLOTS", "two"), ("SEARCH_QUEUE", -1), ("SEARCH_WAIT", 600)],
)
def test_settings_that_cannot_work_stop_the_start(tmp_path, setting, value):
    with pytest.raises(ConfigError, match=f"PLANNER_{setting}"):
        make(tmp_path, **{setting: value})
