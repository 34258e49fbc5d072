"""The storage module on its own: schema, versions, erasure, links, retention, backups."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from planner.plans import store
from planner.plans.model import NewPlan, PlanItem, Review

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "plans.sqlite"


@pytest.fixture
def sdb(path):
    db = store.connect(path)
    store.prepare(db)
    yield db
    db.conn.close()


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


def test_prepare_sets_the_mode_for_this_sqlite_and_is_repeatable(sdb):
    expected = store.choose_journal_mode(sqlite3.sqlite_version)
    assert store.prepare(sdb) == expected
    assert sdb.execute("PRAGMA journal_mode").fetchone()[0] == expected
    assert [m.name for m in store.migrations.applied(sdb)] == ["m001_plans", "m002_agreed_as"]


def test_every_connection_waits_for_locks_checks_keys_and_syncs_fully(path):
    db = store.connect(path)
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.conn.close()


def test_no_column_could_hold_a_name_contact_details_or_anything_about_convictions(sdb):
    columns = {
        f"{t}.{c[1]}"
        for t in ("plans", "plan_items", "reviews", "share_links")
        for c in sdb.execute(f"PRAGMA table_info({t})").fetchall()
    }
    for word in ("name", "email", "phone", "address", "birth", "dob", "convict", "offen", "crim"):
        assert not [c for c in columns if word in c], word


def test_a_plan_round_trips_and_only_the_hash_of_its_token_is_kept(sdb, path):
    token = store.create_plan(sdb, new_plan(), NOW)
    plan = store.load_plan(sdb, token, NOW)
    assert plan.version == 1
    assert [i.title for i in plan.items][1] == "Enrol on Functional Skills maths Level 2"
    assert plan.reviews == (Review(date(2027, 3, 1), "appraisal"),)
    assert token.encode() not in path.read_bytes()
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


def test_two_writers_on_one_version_one_wins_and_one_is_told(path, sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    base = store.load_plan(sdb, token, NOW)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(text: str) -> None:
        db = store.connect(path)
        barrier.wait()
        try:
            store.save_plan(db, token, replace(base, support=text), NOW)
            outcomes.append("saved")
        except store.StalePlan:
            outcomes.append("stale")
        finally:
            db.conn.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert store.load_plan(sdb, token, NOW).version == 2


def test_delete_removes_every_row_and_link(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    store.create_share_link(sdb, token, "line-manager", 30, NOW)
    other = store.create_plan(sdb, new_plan(), NOW)
    assert store.delete_plan(sdb, token)
    assert store.table_counts(sdb) == {"plans": 1, "plan_items": 2, "reviews": 1, "share_links": 0}
    assert store.load_plan(sdb, other, NOW) is not None
    assert not store.delete_plan(sdb, token)


def test_share_links_expire_and_stop(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    view = store.create_share_link(sdb, token, "careers-adviser", 30, NOW)
    assert store.load_shared_plan(sdb, view, NOW + timedelta(days=29)) is not None
    assert store.load_shared_plan(sdb, view, NOW + timedelta(days=30)) is None
    link = store.load_plan(sdb, token, NOW).share_links[0]
    assert store.revoke_share_link(sdb, token, link.id)
    assert store.load_shared_plan(sdb, view, NOW) is None
    assert store.load_shared_plan(sdb, token, NOW) is None  # an edit token is not a view token


def test_a_link_can_only_be_stopped_by_its_own_plan(sdb):
    mine = store.create_plan(sdb, new_plan(), NOW)
    theirs = store.create_plan(sdb, new_plan(), NOW)
    view = store.create_share_link(sdb, theirs, "mentor", 30, NOW)
    link = store.load_plan(sdb, theirs, NOW).share_links[0]
    assert not store.revoke_share_link(sdb, mine, link.id)
    assert store.load_shared_plan(sdb, view, NOW) is not None


def test_purge_removes_plans_unused_for_a_year_and_expired_links(sdb):
    old = store.create_plan(sdb, new_plan(), NOW - timedelta(days=400))
    kept = store.create_plan(sdb, new_plan(), NOW - timedelta(days=400))
    store.touch_plan(sdb, kept, (NOW - timedelta(days=10)).date())
    store.create_share_link(sdb, kept, "mentor", 7, NOW - timedelta(days=10))
    assert store.purge(sdb, NOW.date(), 365, NOW) == (1, 1)
    assert store.load_plan(sdb, old, NOW) is None
    assert store.load_plan(sdb, kept, NOW) is not None
    assert store.table_counts(sdb)["plans"] == 1


def test_the_database_refuses_what_a_plan_must_not_hold(sdb):
    token = store.create_plan(sdb, new_plan(), NOW)
    plan = store.load_plan(sdb, token, NOW)
    too_long = replace(plan, support="x" * 601)
    with pytest.raises(sqlite3.IntegrityError):
        store.save_plan(sdb, token, too_long, NOW)
    bad_status = replace(plan, items=(replace(plan.items[0], status="lost"),))
    with pytest.raises(sqlite3.IntegrityError):
        store.save_plan(sdb, token, bad_status, NOW)
    assert store.load_plan(sdb, token, NOW) == plan


def test_backup_is_checked_and_restores_the_same_plans(sdb, path, tmp_path):
    token = store.create_plan(sdb, new_plan(), NOW)
    copy = tmp_path / "backup.sqlite"
    assert store.backup_database(path, copy) == "ok"
    store.delete_plan(sdb, token)
    assert store.restore_database(copy, path) == "ok"
    assert store.load_plan(sdb, token, NOW).items == new_plan().items


def test_a_damaged_backup_is_not_restored(sdb, path, tmp_path):
    token = store.create_plan(sdb, new_plan(), NOW)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert store.restore_database(damaged, path) != "ok"
    assert store.load_plan(sdb, token, NOW) is not None
    assert store.integrity_check(tmp_path / "missing.sqlite") == "no such file"
