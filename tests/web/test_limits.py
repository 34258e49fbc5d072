"""Rate limits: per client address, on the expensive pages too, counted in Redis when asked.

``Limiter(storage_uri="memory://")`` used to override the storage setting, so a
Redis address was silently ignored; now ``PLANNER_RATELIMIT_STORAGE_URI`` is honoured.
"""

from __future__ import annotations

import signal
import threading

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


def test_route_questions_share_one_budget_whatever_the_address(tmp_path):
    """The page and the API used to count apart, so a client had twice the budget."""
    client = make(tmp_path, ROUTE_LIMIT="3 per minute").test_client()
    asked = [
        client.get("/route?to=porter").status_code,
        client.get("/api/routes?to=porter").status_code,
        client.get("/route?to=porter&have=teamwork").status_code,
        client.get("/api/routes?to=porter&have=teamwork").status_code,
        client.get("/route?to=porter").status_code,
    ]
    assert asked == [200, 200, 200, 429, 429]


class Clock:
    """The limits library's clock, moved by the test."""

    def __init__(self, at: float) -> None:
        self.at = at

    def time(self) -> float:
        return self.at


def test_a_minutes_budget_cannot_be_spent_twice_across_a_window_edge(tmp_path, monkeypatch):
    """A fixed window let a minute's quota arrive at its end and another at the next start:
    twice the limit in two seconds. Counted over a moving window, no 60 seconds ever hold more
    than the limit."""
    import limits.storage.memory
    import limits.strategies

    clock = Clock(1_000_000.0)
    for module in (limits.storage.memory, limits.strategies):
        monkeypatch.setattr(module, "time", clock)
    client = make(tmp_path, ROUTE_LIMIT="4 per minute").test_client()
    accepted = []
    for at in [0, 59, 59.2, 59.4, 60.5, 60.6, 60.7, 60.8, 119.5, 121, 122]:
        clock.at = 1_000_000.0 + at
        if client.get("/route?to=porter").status_code == 200:
            accepted.append(at)
    most = max(sum(1 for t in accepted if start <= t < start + 60) for start in accepted)
    assert most <= 4, accepted
    assert accepted[:4] == [0, 59, 59.2, 59.4]  # a person asking now and then is never refused


def test_the_default_route_budget_cannot_be_spent_in_one_burst(tmp_path):
    """60 a minute, but not all at once: at most 20 in any 10 seconds."""
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite")})
    client = app.test_client()
    codes = [client.get(f"/api/routes?to=porter&on=2027-01-{1 + n % 28:02d}").status_code
             for n in range(30)]  # fmt: skip
    assert codes.count(200) == 20 and codes[20:] == [429] * 10


def test_counted_in_memory_each_worker_allows_its_share(tmp_path, redis_url):
    """memory:// counts in each process: with 2 workers a client had twice every limit."""
    shared = make(tmp_path, ROUTE_LIMIT="4 per minute", WORKER_PROCESSES=2).test_client()
    assert [shared.get("/route?to=porter").status_code for _ in range(3)] == [200, 200, 429]
    # Counted in Redis, every worker adds to one count: the whole limit holds.
    counted = make(
        tmp_path, ROUTE_LIMIT="4 per minute", WORKER_PROCESSES=2, RATELIMIT_STORAGE_URI=redis_url
    ).test_client()
    assert [counted.get("/route?to=porter").status_code for _ in range(5)] == [200] * 4 + [429]


@pytest.fixture
def own_redis():
    """A redis-server of this test's own, to stop and freeze."""
    from tests.engines import Redis

    server = Redis()
    if not server.binary:
        pytest.skip("redis-server is not installed")
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.process.send_signal(signal.SIGCONT)
    server.stop()


def _answer_within(client, url: str, seconds: float) -> int | None:
    """The status of a request, or None if it took longer than ``seconds``."""
    answers: list[int] = []
    asking = threading.Thread(target=lambda: answers.append(client.get(url).status_code))
    asking.start()
    asking.join(seconds)
    return answers[0] if answers else None


def _at_once(app, url: str, n: int) -> list[int | None]:
    """``n`` requests at the same moment, each from its own thread, as gunicorn's threads do."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: _answer_within(app.test_client(), url, 20), range(n)))


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_requests_in_flight_when_redis_goes_are_never_failed(tmp_path, own_redis, how):
    """The requests that met the lost Redis at once: one moved the process to counting in
    memory, and the others, finding that done, raised their Redis error as a 500."""
    app = make(tmp_path, ROUTE_LIMIT="100 per minute", RATELIMIT_STORAGE_URI=own_redis.url)
    assert app.test_client().get("/route?to=porter").status_code == 200
    if how == "stopped":
        own_redis.process.kill()
        own_redis.process.wait(10)
    else:
        own_redis.process.send_signal(signal.SIGSTOP)
    try:
        codes = _at_once(app, "/route?to=porter", 8)
    finally:
        if how == "frozen":
            own_redis.process.send_signal(signal.SIGCONT)
    assert codes == [200] * 8


def test_when_redis_dies_each_process_counts_for_itself(tmp_path, own_redis):
    app = make(tmp_path, ROUTE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=own_redis.url)
    client = app.test_client()
    assert client.get("/route?to=porter").status_code == 200
    own_redis.stop()
    codes = [_answer_within(client, "/route?to=porter", 20) for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/roles").status_code == 200


def test_a_frozen_redis_holds_no_request_for_long(tmp_path, own_redis):
    """A Redis that takes connections but never answers used to stall each request 5 to 10 s
    (or for good); a short socket timeout lets the process fall back to counting itself."""
    app = make(tmp_path, ROUTE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=own_redis.url)
    client = app.test_client()
    assert client.get("/route?to=porter").status_code == 200
    own_redis.process.send_signal(signal.SIGSTOP)
    try:
        codes = [_answer_within(client, "/route?to=porter", 3) for _ in range(4)]
    finally:
        own_redis.process.send_signal(signal.SIGCONT)
    assert codes == [200, 200, 200, 429]
