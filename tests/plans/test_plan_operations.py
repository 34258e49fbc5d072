"""Running plans safely: readiness, backups, retention, rate limits, and tokens kept out of logs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from planner import create_app
from planner.cli import main
from planner.plans import store
from planner.web.server import RedactingLogger


def test_readyz_answers_when_plans_can_be_read(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["journal_mode"] in ("wal", "delete")


def test_readyz_is_503_when_the_database_cannot_be_read(app, client):
    with open(app.config["DATABASE"], "r+b") as f:
        f.write(b"this is not a database" * 10)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "cannot be read"}


def test_the_app_still_starts_and_serves_routes_when_the_database_is_broken(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"garbage" * 100)
    app = create_app({"TESTING": True, "DATABASE": str(broken)})
    client = app.test_client()
    assert client.get("/readyz").status_code == 503
    assert client.get("/api/roles").status_code == 200


def test_backup_restore_and_purge_from_the_command_line(app, make_plan, tmp_path, db):
    token = make_plan()
    runner = CliRunner()
    database = ["--database", app.config["DATABASE"]]
    backups = tmp_path / "backups"
    backups.mkdir()
    result = runner.invoke(main, ["backup", str(backups), *database])
    assert result.exit_code == 0, result.output
    (copy,) = backups.glob("planner-*.sqlite")
    assert store.integrity_check(copy) == "ok"

    store.delete_plan(db, token)
    result = runner.invoke(main, ["restore", str(copy), "--yes", *database])
    assert result.exit_code == 0, result.output
    assert store.load_plan(db, token) is not None

    result = runner.invoke(main, ["purge", "--days", "365", *database])
    assert "Deleted 0 plans" in result.output
    db.execute("UPDATE plans SET last_used_on = '2020-01-01'")
    result = runner.invoke(main, ["purge", *database])
    assert "Deleted 1 plans" in result.output
    assert store.load_plan(db, token) is None


def test_restore_refuses_a_damaged_backup(app, make_plan, tmp_path, db):
    token = make_plan()
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x01" * 4000)
    result = CliRunner().invoke(
        main, ["restore", str(damaged), "--yes", "--database", app.config["DATABASE"]]
    )
    assert result.exit_code != 0
    assert "failed its integrity check" in result.output
    assert store.load_plan(db, token) is not None


def test_init_db_makes_the_tables(tmp_path):
    path = tmp_path / "new.sqlite"
    result = CliRunner().invoke(main, ["init-db", "--database", str(path)])
    assert result.exit_code == 0, result.output
    assert store.integrity_check(path) == "ok"


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


def test_tokens_never_reach_the_app_log(tmp_path, caplog):
    app = create_app({"DATABASE": str(tmp_path / "p.sqlite"), "WTF_CSRF_ENABLED": False})

    @app.get("/plans/<token:token>/boom")
    def boom(token):
        raise RuntimeError(f"failed for /plans/{token}")

    client = app.test_client()
    data = {"to": "business-admin-assistant", "have": ["teamwork", "literacy-skills"], "route": "1"}
    token = client.post("/plans", data=data).headers["Location"].rsplit("/", 1)[1]
    caplog.set_level(logging.DEBUG)
    response = client.get(f"/plans/{token}/boom")
    assert response.status_code == 500
    assert caplog.records, "the error was logged"
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert token not in logged
    assert "/plans/[redacted]" in logged


def test_gunicorns_access_log_never_holds_a_token():
    token = "T" * 43
    logger = RedactingLogger.__new__(RedactingLogger)

    class Resp:
        status = "200 OK"
        sent = 10
        headers = ()

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/plans/{token}.pdf",
        "PATH_INFO": f"/plans/{token}.pdf",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://example.org/shared/{token}",
        "QUERY_STRING": "",
    }
    atoms = logger.atoms(Resp(), (), environ, timedelta(seconds=0.01))
    assert token not in repr(atoms)
    assert atoms["U"] == "/plans/[redacted].pdf"


def test_a_production_start_without_a_secret_key_is_refused(tmp_path, monkeypatch):
    from planner import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app({"DATABASE": str(tmp_path / "p.sqlite"), "ENV_NAME": "production"})


def test_an_owner_opening_the_plan_counts_as_use(app, client, make_plan, db):
    token = make_plan()
    db.execute("UPDATE plans SET last_used_on = '2026-01-01'")
    app.config["NOW"] = datetime(2026, 11, 23, tzinfo=UTC)
    client.get(f"/plans/{token}")
    assert db.execute("SELECT last_used_on FROM plans").fetchone()[0] == "2026-11-23"
