"""Two instances of the planner on one PostgreSQL and one Redis, as a service past one machine runs.

Both are real ``planner serve`` processes (gunicorn) on loopback ports, with
the same ``SECRET_KEY``. A plan saved through one is read through the other;
the plan-creation limit is counted across both (Redis); and after ``kill -9``
of the first, the plan is still there through the second.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import requests

from tests.plans.test_crash import plan_file

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from servers import Server

pytestmark = pytest.mark.slow

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
#: Limits for a hung server, not speed tests: a cold start took 10 s on a busy machine.
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 60


class Visitor:
    """One browser: its own cookies, used on either instance."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def upload(self, url: str, marker: str) -> requests.Response:
        page = self.session.get(url + "/plans/import", timeout=REQUEST_TIMEOUT).text
        return self.session.post(
            url + "/plans/import",
            data={"csrf_token": CSRF.search(page).group(1)},
            files={"plan": ("plan.json", plan_file(marker), "application/json")},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )

    def read(self, url: str, token: str) -> requests.Response:
        return self.session.get(f"{url}/plans/{token}", timeout=REQUEST_TIMEOUT)


def test_a_plan_saved_through_one_instance_is_read_through_the_other_and_survives_kill_9(
    tmp_path, postgres_url, redis_url
):
    env = {
        "PLANNER_RATELIMIT_STORAGE_URI": redis_url,
        "PLANNER_PLAN_LIMIT_CREATE": "3 per hour",
    }
    first = Server(postgres_url, workers=1, log=tmp_path / "first.log", env=env)
    first.start(timeout=START_TIMEOUT)
    try:
        second = Server(postgres_url, workers=1, log=tmp_path / "second.log", env=env)
        second.start(timeout=START_TIMEOUT)
    except BaseException:
        first.kill()
        raise
    try:
        person = Visitor()
        saved = person.upload(first.url, "saved through the first")
        assert saved.status_code == 303, saved.text[:300]
        token = saved.headers["Location"].rsplit("/", 1)[1]
        page = person.read(second.url, token)
        assert page.status_code == 200
        assert "saved through the first" in page.text

        # The limit is one count for both: 3 new plans an hour from this address, wherever.
        assert person.upload(second.url, "second plan").status_code == 303
        assert person.upload(first.url, "third plan").status_code == 303
        assert person.upload(second.url, "one too many").status_code == 429
        assert person.upload(first.url, "one too many").status_code == 429

        first.kill()  # SIGKILL, no clean shutdown
        with pytest.raises(requests.ConnectionError):
            person.read(first.url, token)
        page = person.read(second.url, token)
        assert page.status_code == 200
        assert "saved through the first" in page.text
        assert (
            requests.get(second.url + "/readyz", timeout=REQUEST_TIMEOUT).json()["database"]
            == "postgresql"
        )
    finally:
        first.kill()
        second.stop()
    for log in ("first.log", "second.log"):
        text = (tmp_path / log).read_text()
        assert token not in text
