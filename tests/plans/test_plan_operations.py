"""Running plans safely: readiness, a database the planner did not make, retention, rate limits.

Backups are in ``test_backups.py``; tokens and logs in ``tests/web/test_logs.py``.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from planner import create_app
from planner.plans import database
from planner.plans.tables import plans


def test_readyz_answers_when_plans_can_be_read_and_written(app, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["migration"] == database.head_revision()
    assert response.json["database"] == app.extensions["planner"]["db"].dialect.name


def test_readyz_is_503_when_the_database_cannot_be_read(tmp_path):
    path = tmp_path / "planner.sqlite"
    client = create_app({"TESTING": True, "DATABASE": str(path)}).test_client()
    with open(path, "r+b") as f:
        f.write(b"this is not a database" * 10)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "cannot be read"}


def test_readyz_is_503_when_plan_pages_would_fail(app, client, db, make_plan):
    """Regression: /readyz read only ``plans.id``, so it said 200 while every plan page failed."""
    token = make_plan()
    with db.begin() as conn:
        conn.exec_driver_sql("DROP TABLE reviews")
    assert client.get(f"/plans/{token}").status_code == 503  # "your plan is safe", not a 500
    assert client.get("/readyz").status_code == 503


def test_readyz_is_503_when_plans_cannot_be_written(postgres_url, postgres_server):
    """Reading is not enough: a read-only database (a replica, say) cannot save plans."""
    app = create_app({"TESTING": True, "DATABASE_URL": postgres_url})
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    name = postgres_url.rsplit("/", 1)[1]
    postgres_server.admin(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    app.extensions["planner"]["db"].dispose()  # new connections get the new setting
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200
    app.extensions["planner"]["db"].dispose()


def test_the_app_still_starts_and_serves_routes_when_the_database_is_broken(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"garbage" * 100)
    app = create_app({"TESTING": True, "DATABASE": str(broken)})
    client = app.test_client()
    assert client.get("/readyz").status_code == 503
    assert client.get("/api/roles").status_code == 200


def test_a_database_the_planner_did_not_make_is_left_alone(tmp_path, caplog):
    foreign = tmp_path / "foreign.sqlite"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("create table plans(id integer)")
    client = create_app({"TESTING": True, "DATABASE": str(foreign)}).test_client()
    assert client.get("/readyz").status_code == 503
    assert "a plans table that the planner did not make" in caplog.text
    with closing(sqlite3.connect(foreign)) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    assert tables == {"plans"}


def test_too_many_new_plans_get_a_friendly_429(tmp_path):
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), "PLAN_LIMIT_CREATE": "2 per hour"}
    )
    client = app.test_client()
    page = client.get("/plans/import").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    data = {
        "csrf_token": csrf,
        "to": "business-admin-assistant",
        "have": ["teamwork", "literacy-skills"],
        "route": "1",
    }
    assert [client.post("/plans", data=data).status_code for _ in range(3)] == [303, 303, 429]
    response = client.post("/plans", data=data)
    assert "Sorry, too many requests" in response.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200


def test_too_many_link_lookups_get_a_429(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "p.sqlite"),
            "PLAN_LIMIT_LOOKUP": "3 per minute",
        }
    )
    client = app.test_client()
    codes = [client.get("/shared/" + "x" * 43).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_a_production_start_without_a_secret_key_is_refused(tmp_path, monkeypatch):
    from planner import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app({"DATABASE": str(tmp_path / "p.sqlite"), "ENV_NAME": "production"})


def test_an_owner_opening_the_plan_counts_as_use(app, client, make_plan, db):
    token = make_plan()
    with db.begin() as conn:
        conn.execute(update(plans).values(last_used_on=date(2026, 1, 1)))
    app.config["NOW"] = datetime(2026, 11, 23, tzinfo=UTC)
    client.get(f"/plans/{token}")
    with db.connect() as conn:
        assert conn.execute(select(plans.c.last_used_on)).scalar() == date(2026, 11, 23)


@pytest.mark.parametrize("link_id", ["99999999999999999999999", "2147483648", "0"])
def test_stopping_a_link_no_row_could_have_is_not_a_500(client, make_plan, csrf, link_id):
    """Regression: 99999999999999999999999 overflowed SQLite's integer (OverflowError, a 500)."""
    token = make_plan()
    response = client.post(f"/plans/{token}/share/{link_id}/stop", data={"csrf_token": csrf})
    assert response.status_code == 303
