"""The storage module on its own, on SQLite and on PostgreSQL: versions, erasure, links, retention.

Every test that takes ``sdb`` runs on both databases. Migrations, and what the
SQLite file itself promises (journal mode, pragmas, no token in the file), follow.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from planner.config import database_url as address
from planner.plans import database, store
from planner.plans.model import NewPlan, PlanItem, Review
from planner.plans.tables import metadata

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def url(database_url) -> str:
    return address({"DATABASE_URL": database_url})


@pytest.fixture
def sdb(url):
    engine = store.open_engine(url)
    store.prepare(engine)
    yield engine
    engine.dispose()


def new_plan(**changes) -> NewPlan:
    plan = NewPlan(
        target_role="admin-team-lead",
        current_role=None,
        have=("teamwork",),
        items=(
            PlanItem("goal", "Start as an Admin Team Lead", date(2028, 1, 1)),
            PlanItem("action", "Enrol on Functional Skills maths Level 2", date(2027, 1, 4)),
        ),
        reviews=(Review(date(2027, 3, 1), "appraisal"),),
    )
    return replace(plan, **changes)


def every_value(engine) -> str:
    """Every value in every plan table, as text."""
    with engine.connect() as conn:
        return repr([conn.execute(select(t)).all() for t in metadata.sorted_tables])


# --- Both databases -------------------------------------------------------------------------


def test_prepare_migrates_to_the_newest_migration_and_is_repeatable(sdb):
    store.prepare(sdb)
    with sdb.connect() as conn:
        assert database.check_schema(conn) == database.head_revision()


def test_the_migrations_build_exactly_the_tables_the_model_describes(sdb):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with sdb.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == [], "run: .venv/bin/alembic revision --autogenerate -m 'what changed'"


def test_no_column_could_hold_a_name_contact_details_or_anything_about_convictions(sdb):
    columns = {
        f"{t}.{c['name']}"
        for t in ("plans", "plan_items", "reviews", "share_links")
        for c in inspect(sdb).get_columns(t)
    }
    for word in ("name", "email", "phone", "address", "birth", "dob", "convict", "offen", "crim"):
        assert not [c for c in columns if word in c], word


def test_a_plan_round_trips_and_only_the_hash_of_its_token_is_kept(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    plan = store.load_plan(sdb, token, NOW)
    assert plan.version == 1
    assert plan.items == new_plan().items
    assert plan.reviews == (Review(date(2027, 3, 1), "appraisal"),)
    assert plan.have == ("teamwork",)
    assert plan.created_at == NOW and plan.created_at.tzinfo is not None
    assert token not in every_value(sdb)
    assert len(token) == 43  # 256 bits of URL-safe base64


def test_any_other_token_opens_nothing(sdb):
    store.create_plan(sdb, new_plan(), NOW)
    assert store.load_plan(sdb, "x" * 43, NOW) is None


def test_a_save_based_on_an_old_version_writes_nothing(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    first = store.load_plan(sdb, token, NOW)
    saved = store.save_plan(sdb, token, replace(first, support="Time to study"), NOW)
    assert saved.version == 2
    with pytest.raises(store.StalePlan) as stale:
        store.save_plan(sdb, token, replace(first, support="A mentor"), NOW)
    assert stale.value.latest.support == "Time to study"
    assert store.load_plan(sdb, token, NOW).support == "Time to study"


def test_two_writers_on_one_version_one_wins_and_one_is_told(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    base = store.load_plan(sdb, token, NOW)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(text: str) -> None:
        barrier.wait()
        try:
            store.save_plan(sdb, token, replace(base, support=text, items=base.items[:1]), NOW)
            outcomes.append("saved")
        except store.StalePlan:
            outcomes.append("stale")

    for _ in range(5):
        threads = [threading.Thread(target=save, args=(t,)) for t in ("one", "two")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        base = store.load_plan(sdb, token, NOW)
    assert sorted(outcomes) == ["saved"] * 5 + ["stale"] * 5
    assert base.version == 6
    assert len(base.items) == 1  # the winner's items, written once


def test_delete_removes_every_row_and_link(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    store.create_share_link(sdb, token, "line-manager", NOW + timedelta(days=30), NOW)
    other = store.create_plan(sdb, new_plan(), NOW)
    assert store.delete_plan(sdb, token)
    assert store.table_counts(sdb) == {"plans": 1, "plan_items": 2, "reviews": 1, "share_links": 0}
    assert store.load_plan(sdb, other, NOW) is not None
    assert not store.delete_plan(sdb, token)


def test_share_links_expire_and_stop(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    view = store.create_share_link(sdb, token, "careers-adviser", NOW + timedelta(days=30), NOW)
    assert store.load_shared_plan(sdb, view, NOW + timedelta(days=29)) is not None
    assert store.load_shared_plan(sdb, view, NOW + timedelta(days=30)) is None
    link = store.load_plan(sdb, token, NOW).share_links[0]
    assert link.expires_at == NOW + timedelta(days=30)
    assert store.revoke_share_link(sdb, token, link.id)
    assert store.load_shared_plan(sdb, view, NOW) is None
    assert store.load_shared_plan(sdb, token, NOW) is None  # an edit token is not a view token


def test_a_link_can_only_be_stopped_by_its_own_plan(sdb):
    mine = store.create_plan(sdb, new_plan(), NOW)
    theirs = store.create_plan(sdb, new_plan(), NOW)
    view = store.create_share_link(sdb, theirs, "mentor", NOW + timedelta(days=30), NOW)
    link = store.load_plan(sdb, theirs, NOW).share_links[0]
    assert not store.revoke_share_link(sdb, mine, link.id)
    assert store.load_shared_plan(sdb, view, NOW) is not None


@pytest.mark.parametrize("link_id", [0, -1, 2**31, 99999999999999999999999])
def test_a_link_id_no_row_could_have_stops_nothing(sdb, link_id):
    """Regression: 99999999999999999999999 overflowed SQLite's integer (a 500)."""
    token = store.create_plan(sdb, new_plan(), NOW)
    view = store.create_share_link(sdb, token, "mentor", NOW + timedelta(days=30), NOW)
    assert not store.revoke_share_link(sdb, token, link_id)
    assert store.load_shared_plan(sdb, view, NOW) is not None


def test_purge_removes_plans_unused_for_a_year_and_expired_links(sdb):
    old = store.create_plan(sdb, new_plan(), NOW - timedelta(days=400))
    kept = store.create_plan(sdb, new_plan(), NOW - timedelta(days=400))
    store.touch_plan(sdb, kept, (NOW - timedelta(days=10)).date())
    store.create_share_link(sdb, kept, "mentor", NOW - timedelta(days=3), NOW - timedelta(days=10))
    assert store.purge(sdb, NOW.date(), 365, NOW) == (1, 1)
    assert store.load_plan(sdb, old, NOW) is None
    assert store.load_plan(sdb, kept, NOW) is not None
    assert store.table_counts(sdb)["plans"] == 1


def test_the_database_refuses_what_a_plan_must_not_hold(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    plan = store.load_plan(sdb, token, NOW)
    too_long = replace(plan, support="x" * 601)
    with pytest.raises(IntegrityError):
        store.save_plan(sdb, token, too_long, NOW)
    bad_status = replace(plan, items=(replace(plan.items[0], status="lost"),))
    with pytest.raises(IntegrityError):
        store.save_plan(sdb, token, bad_status, NOW)
    assert store.load_plan(sdb, token, NOW) == plan


def test_the_agreement_roles_migration_keeps_every_plan_and_can_be_undone(sdb):
    agreed = {"employee_agreed_on": date(2027, 1, 4), "employee_agreed_version": 1}
    token = store.create_plan(sdb, new_plan(**agreed, employee_agreed_as="Porter"), NOW)
    with database.write(sdb) as conn:
        command.downgrade(database._alembic(conn), "0001")
    assert "employee_agreed_as" not in {c["name"] for c in inspect(sdb).get_columns("plans")}
    store.prepare(sdb)
    plan = store.load_plan(sdb, token, NOW)
    assert (plan.employee_agreed_on, plan.employee_agreed_as) == (date(2027, 1, 4), "")
    with pytest.raises(IntegrityError):  # the migration's own check, not only the model's
        store.save_plan(sdb, token, replace(plan, manager_agreed_as="x" * 61), NOW)
    saved = store.save_plan(sdb, token, replace(plan, manager_agreed_as="Line manager"), NOW)
    assert store.load_plan(sdb, token, NOW).manager_agreed_as == saved.manager_agreed_as


def test_ready_when_plans_can_be_read_and_written(sdb):
    details = store.check_ready(sdb)
    assert details["migration"] == database.head_revision()
    assert details["database"] == sdb.dialect.name


def test_not_ready_when_a_column_the_store_reads_is_gone(sdb):
    """Regression: /readyz read only ``plans.id``, so a table missing columns passed."""
    with sdb.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE plan_items DROP COLUMN ref")
    with pytest.raises(store.DatabaseError):
        store.check_ready(sdb)


# --- SQLite only ----------------------------------------------------------------------------


@pytest.fixture
def lite(tmp_path):
    engine = store.open_engine(f"sqlite:///{tmp_path / 'plans.sqlite'}")
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    ("version", "mode"),
    [
        ("3.40.1", "delete"),
        ("3.44.5", "delete"),
        ("3.44.6", "wal"),
        ("3.45.3", "delete"),
        ("3.50.6", "delete"),
        ("3.50.7", "wal"),
        ("3.51.2", "delete"),
        ("3.51.3", "wal"),
        ("3.52.0", "wal"),
        ("4.0.0", "wal"),
    ],
)
def test_journal_mode_follows_the_wal_reset_fix(version, mode):
    assert store.choose_journal_mode(version) == mode


def test_sqlite_gets_the_journal_mode_for_its_version(lite):
    import sqlite3

    expected = store.choose_journal_mode(sqlite3.sqlite_version)
    assert store.prepare(lite) == expected
    with lite.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == expected


def test_every_sqlite_connection_waits_for_locks_checks_keys_and_syncs_fully(lite):
    with lite.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_the_sqlite_file_never_holds_a_token(lite, tmp_path):
    store.prepare(lite)
    token = store.create_plan(lite, new_plan(), NOW)
    assert token.encode() not in (tmp_path / "plans.sqlite").read_bytes()


def test_a_file_that_is_not_there_is_not_made_when_it_must_exist(tmp_path):
    missing = tmp_path / "typo" / "plans.sqlite"
    with pytest.raises(store.SchemaError, match="no plans database"):
        store.open_engine(f"sqlite:///{missing}", must_exist=True)
    assert not missing.parent.exists()
