"""Behind a load balancer: the client's address and HTTPS come from the proxy, and only then.

``PLANNER_PROXY_HOPS`` says how many proxies to trust. Without it the
forwarded headers are ignored (anyone can send them).
"""

from __future__ import annotations

import pytest

from planner import ConfigError, create_app

HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
PUBLIC = "https://careers.example.nhs.uk"


def make(tmp_path, **config):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), **config})


def test_behind_one_proxy_https_and_the_client_address_come_from_it(tmp_path):
    app = make(tmp_path, PROXY_HOPS=1, ROUTE_LIMIT="1 per minute")
    client = app.test_client()
    response = client.get("/route?to=porter", headers=HTTPS)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/route?to=porter", headers=HTTPS).status_code == 429
    # Another person behind the same balancer has a budget of their own.
    other = {**HTTPS, "X-Forwarded-For": "198.51.100.4"}
    assert client.get("/route?to=porter", headers=other).status_code == 200


def test_with_no_proxy_the_forwarded_headers_are_ignored(tmp_path):
    client = make(tmp_path, ROUTE_LIMIT="1 per minute").test_client()
    response = client.get("/route?to=porter", headers=HTTPS)
    assert "Strict-Transport-Security" not in response.headers
    other = {**HTTPS, "X-Forwarded-For": "198.51.100.4"}
    assert client.get("/route?to=porter", headers=other).status_code == 429


def test_the_host_cookie_is_set_behind_a_proxy_in_production(tmp_path):
    app = make(tmp_path, PROXY_HOPS=1, ENV_NAME="production", SECRET_KEY="k" * 40, BASE_URL=PUBLIC)
    response = app.test_client().get("/plans/import", headers=HTTPS)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("PROXY_HOPS", -1),
        ("PROXY_HOPS", "two"),
        ("PROXY_HOPS", True),
        ("BASE_URL", "careers.example.nhs.uk"),
        ("BASE_URL", "https://careers.example.nhs.uk/planner"),
        ("BASE_URL", "ftp://careers.example.nhs.uk"),
        ("BASE_URL", "https://careers.example.nhs.uk/?x=1"),
        ("DATABASE_URL", "mysql://db/plans"),
    ],
)
def test_settings_that_cannot_work_stop_the_start_with_a_reason(tmp_path, setting, value):
    with pytest.raises(ConfigError, match=f"PLANNER_{setting}"):
        make(tmp_path, **{setting: value})


def test_both_database_settings_at_once_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANNER_DATABASE_URL", f"sqlite:///{tmp_path / 'a.sqlite'}")
    monkeypatch.setenv("PLANNER_DATABASE", str(tmp_path / "b.sqlite"))
    with pytest.raises(ConfigError, match="Both PLANNER_DATABASE_URL and PLANNER_DATABASE"):
        create_app()


def test_the_older_database_setting_still_works(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANNER_DATABASE", str(tmp_path / "old-name.sqlite"))
    app = create_app({"TESTING": True})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'old-name.sqlite'}"
    assert app.test_client().get("/readyz").status_code == 200


def test_a_client_reaching_gunicorn_directly_cannot_choose_its_address(tmp_path):
    """With PLANNER_PROXY_HOPS=1 anyone who reached gunicorn directly could send their own
    X-Forwarded-For, and got past every limit (200 of 200 accepted). Forwarded headers are
    now believed only from the proxy's own address (loopback unless PLANNER_PROXY_ADDRESSES
    says otherwise)."""
    client = make(tmp_path, PROXY_HOPS=1, ROUTE_LIMIT="2 per minute").test_client()
    outsider = {"REMOTE_ADDR": "198.51.100.23"}
    codes = [
        client.get(
            "/route?to=porter",
            headers={**HTTPS, "X-Forwarded-For": f"203.0.113.{n}"},
            environ_overrides=outsider,
        ).status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]
    # The proxy itself (here on loopback) is believed: the person behind it has their own count.
    assert client.get("/route?to=porter", headers=HTTPS).status_code == 200


def test_a_proxy_on_another_machine_is_named_by_its_address(tmp_path):
    app = make(tmp_path, PROXY_HOPS=1, PROXY_ADDRESSES="10.0.0.0/24", ROUTE_LIMIT="1 per minute")
    client = app.test_client()
    balancer = {"REMOTE_ADDR": "10.0.0.5"}
    for n in range(3):
        forwarded = {**HTTPS, "X-Forwarded-For": f"203.0.113.{n}"}
        response = client.get("/route?to=porter", headers=forwarded, environ_overrides=balancer)
        assert response.status_code == 200  # three people, each with their own count
    assert "Strict-Transport-Security" in response.headers


def test_production_will_not_start_without_its_public_address(tmp_path):
    """Without PLANNER_BASE_URL the Host header a client sent went into plan links, share
    links and QR codes, in production too."""
    with pytest.raises(ConfigError, match="PLANNER_BASE_URL"):
        make(tmp_path, ENV_NAME="production", SECRET_KEY="k" * 40)
    app = make(
        tmp_path, ENV_NAME="production", SECRET_KEY="k" * 40, BASE_URL="https://careers.nhs.uk"
    )
    assert app.config["BASE_URL"] == "https://careers.nhs.uk"
