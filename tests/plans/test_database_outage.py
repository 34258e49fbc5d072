"""A database outage without a server: values stay out of error text, and plans say they are safe.

The slow tests with real failures (a stopped PostgreSQL, a read-only or full
disk) are in ``test_failed_writes.py``.
"""

from __future__ import annotations

import secrets

import pytest


def marker() -> str:
    return "mark" + secrets.token_hex(8)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_no_engine_puts_a_statements_values_in_its_error_text(kind, request, tmp_path):
    """Whatever logs an error (a handler, a command, a traceback), the values are not in it."""
    from sqlalchemy import insert

    from planner.plans import database
    from planner.plans.tables import plans

    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    else:
        from planner.config import database_url

        url = database_url({"DATABASE_URL": request.getfixturevalue("postgres_url")})
    engine = database.open_engine(url)
    secret = marker()
    try:
        database.prepare(engine)
        with pytest.raises(database.DatabaseError) as failed, database.write(engine) as conn:
            conn.execute(insert(plans), {"support": secret * 200, "edit_token_hash": secret})
    finally:
        engine.dispose()
    assert secret not in str(failed.value)
    assert "hidden" in str(failed.value)  # SQLAlchemy says the values were left out


def test_with_the_database_gone_plans_say_they_are_safe_and_the_process_is_still_healthy(
    tmp_path,
):
    from planner import create_app
    from tests.engines import free_port

    nowhere = f"postgresql://planner@127.0.0.1:{free_port()}/planner"
    app = create_app({"TESTING": True, "DATABASE_URL": nowhere, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200  # liveness: the process answers
    assert client.get("/readyz").status_code == 503  # readiness: plans cannot be served
    token = "A" * 43
    page = client.get(f"/plans/{token}")
    saved = client.post(f"/plans/{token}/support", data={"support": "x", "version": "1"})
    for response in (page, saved):
        assert response.status_code == 503
        assert int(response.headers["Retry-After"]) > 0
        assert "Your plan is safe" in response.text
    assert "What you just sent was not saved" in saved.text
