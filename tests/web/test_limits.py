"""Rate limits: per client address, on the expensive pages too, counted in Redis when asked.

``Limiter(storage_uri="memory://")`` used to override the storage setting, so a
Redis address was silently ignored; now ``PLANNER_RATELIMIT_STORAGE_URI`` is honoured.
"""

from __future__ import annotations

import pytest
import redis

from planner import create_app
from tests.engines import free_port

SPENT_FORM = {"c1-kind": "", "role": ""}


def make(tmp_path, **config):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), **config})


@pytest.mark.parametrize(
    "url", ["/route?to=porter&have=teamwork", "/api/routes?to=porter&have=teamwork"]
)
def test_route_questions_are_limited_per_client(tmp_path, url):
    client = make(tmp_path, ROUTE_LIMIT="2 per minute").test_client()
    codes = [client.get(url).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    other = {"REMOTE_ADDR": "192.0.2.7"}
    assert client.get(url, environ_overrides=other).status_code == 200
    assert client.get("/healthz").status_code == 200  # health checks are never limited


def test_an_api_client_over_the_limit_gets_json(tmp_path):
    client = make(tmp_path, ROUTE_LIMIT="1 per minute").test_client()
    client.get("/api/routes?to=porter")
    response = client.get("/api/routes?to=porter")
    assert response.status_code == 429
    assert response.json["error"].startswith("There have been a lot of requests")
    assert "Retry-After" in response.headers


def test_spent_date_checks_are_limited_per_client(tmp_path):
    app = make(tmp_path, SPENT_LIMIT="2 per minute", WTF_CSRF_ENABLED=False)
    client = app.test_client()
    codes = [client.post("/check-spent", data=SPENT_FORM).status_code for _ in range(3)]
    assert codes[2] == 429 and 429 not in codes[:2]
    assert "Sorry, too many requests" in client.post("/check-spent", data=SPENT_FORM).text


def test_the_storage_setting_is_honoured_and_redis_counts(tmp_path, redis_url, monkeypatch):
    monkeypatch.setenv("PLANNER_RATELIMIT_STORAGE_URI", redis_url)
    app = make(tmp_path, ROUTE_LIMIT="3 per minute")
    assert app.config["RATELIMIT_STORAGE_URI"] == redis_url
    client = app.test_client()
    assert [client.get("/route?to=porter").status_code for _ in range(4)] == [200] * 3 + [429]
    keys = redis.Redis.from_url(redis_url).keys("*planner*")
    assert keys, "the counts are in Redis"


def test_a_fresh_app_on_the_same_redis_sees_the_same_count(tmp_path, redis_url):
    """What a second instance sees (the two-process test does this with real servers)."""
    first = make(tmp_path, ROUTE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=redis_url)
    assert [first.test_client().get("/route?to=porter").status_code for _ in range(2)] == [200] * 2
    second = make(tmp_path, ROUTE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=redis_url)
    client = second.test_client()
    assert [client.get("/route?to=porter").status_code for _ in range(2)] == [200, 429]


def test_when_redis_stops_answering_each_process_counts_for_itself(tmp_path):
    nobody = f"redis://127.0.0.1:{free_port()}"
    client = make(tmp_path, ROUTE_LIMIT="2 per minute", RATELIMIT_STORAGE_URI=nobody).test_client()
    assert [client.get("/route?to=porter").status_code for _ in range(3)] == [200, 200, 429]
