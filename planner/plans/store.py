"""Plans in SQLite: the only module that speaks SQL or imports sqlite-utils and sqlite3.

Every function takes the database first. Reads run in one read transaction so
a plan is never seen half-written; read-then-write runs in ``BEGIN IMMEDIATE``
so two writers queue on the busy timeout instead of failing halfway. A save
names the version it was based on: if the plan has moved on, nothing is
written and :class:`StalePlan` carries the latest copy.

Moving to PostgreSQL later means rewriting this file only (see docs/scaling.md):
the SQL is plain, dates are ISO-8601 text, and callers see dataclasses.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from planner.plans.model import NewPlan, Plan, PlanItem, Review, ShareLink
from planner.plans.tokens import new_token, token_hash

__all__ = [
    "DatabaseError",
    "StalePlan",
    "backup_database",
    "check_ready",
    "choose_journal_mode",
    "connect",
    "create_plan",
    "create_share_link",
    "delete_plan",
    "integrity_check",
    "load_plan",
    "load_shared_plan",
    "migrations",
    "prepare",
    "purge",
    "restore_database",
    "revoke_share_link",
    "save_plan",
    "table_counts",
    "touch_plan",
    "write",
]

#: What callers catch when the database cannot be read or written.
DatabaseError = sqlite3.Error

BUSY_TIMEOUT_MS = 5000

#: SQLite releases with the fix for the WAL-reset bug (sqlite.org/wal.html, section 11):
#: 3.51.3 and later, and the backports on the 3.50 and 3.44 lines.
_WAL_FIXED = ((3, 51, 3), (3, 50, 7), (3, 44, 6))


class StalePlan(Exception):
    """The plan changed since the form was opened; ``latest`` is how it is now."""

    def __init__(self, latest: Plan):
        self.latest = latest
        super().__init__("This plan was changed in another tab or by someone else.")


def choose_journal_mode(sqlite_version: str) -> str:
    """``wal`` only where SQLite has the WAL-reset fix; otherwise ``delete``.

    Versions 3.7.0 to 3.51.2 can corrupt a WAL database when two connections
    write or checkpoint at the same moment, as two gunicorn workers do.

    >>> [choose_journal_mode(v) for v in ("3.40.1", "3.44.6", "3.45.0", "3.50.7", "3.51.3")]
    ['delete', 'wal', 'delete', 'wal', 'wal']
    """
    version = tuple(int(p) for p in (sqlite_version.split(".") + ["0", "0"])[:3])
    if version >= _WAL_FIXED[0]:
        return "wal"
    if any(version[:2] == fixed[:2] and version >= fixed for fixed in _WAL_FIXED[1:]):
        return "wal"
    return "delete"


def connect(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """A connection with the settings every plan write relies on."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # a save the person was told about survives a crash
    return sqlite_utils.Database(conn)


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A read-then-write transaction that takes the write lock first (``BEGIN IMMEDIATE``)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")


@contextmanager
def _read(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One consistent snapshot for several SELECTs."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.rollback()


# --- Schema -----------------------------------------------------------------------------------

migrations = Migrations("planner")


@migrations()
def m001_plans(db: sqlite_utils.Database) -> None:
    """Plans, their items and reviews, and view-only links. Only hashes of tokens."""
    statements = [
        """CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            edit_token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_used_on TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            content_version INTEGER NOT NULL DEFAULT 1,
            target_role TEXT NOT NULL CHECK (length(target_role) <= 100),
            current_role TEXT CHECK (length(current_role) <= 100),
            have TEXT NOT NULL DEFAULT '[]',
            support TEXT NOT NULL DEFAULT '' CHECK (length(support) <= 600),
            employee_agreed_on TEXT,
            employee_agreed_version INTEGER,
            manager_agreed_on TEXT,
            manager_agreed_version INTEGER
        )""",
        "CREATE INDEX plans_last_used_on ON plans (last_used_on)",
        """CREATE TABLE plan_items (
            plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('goal', 'milestone', 'action')),
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
            target_date TEXT,
            status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done')),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 300),
            ref TEXT,
            step_kind TEXT,
            weeks INTEGER NOT NULL DEFAULT 0,
            gains TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (plan_id, position)
        )""",
        """CREATE TABLE reviews (
            plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            day TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('appraisal', 'check-in', 'review')),
            PRIMARY KEY (plan_id, position)
        )""",
        """CREATE TABLE share_links (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )""",
        "CREATE INDEX share_links_plan_id ON share_links (plan_id)",
    ]
    for sql in statements:
        db.execute(sql)


@migrations()
def m002_agreed_as(db: sqlite_utils.Database) -> None:
    """The role each side named when agreeing ("Porter", "Line manager"), never a name."""
    for side in ("employee", "manager"):
        db.execute(
            f"ALTER TABLE plans ADD COLUMN {side}_agreed_as TEXT NOT NULL DEFAULT ''"
            f" CHECK (length({side}_agreed_as) <= 60)"
        )


def prepare(db: sqlite_utils.Database, sqlite_version: str = sqlite3.sqlite_version) -> str:
    """Set the journal mode for this SQLite and apply pending migrations; returns the mode.

    Safe to run from several processes at once: migrations run under the write lock.
    """
    mode = choose_journal_mode(sqlite_version)
    current = db.conn.execute("PRAGMA journal_mode").fetchone()[0]
    if current != mode:
        db.conn.execute(f"PRAGMA journal_mode = {mode}")
    with write(db):
        migrations.apply(db)
    return mode


# --- Rows to records --------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _item(row: dict[str, Any]) -> PlanItem:
    return PlanItem(
        kind=row["kind"],
        title=row["title"],
        target_date=_day(row["target_date"]),
        status=row["status"],
        note=row["note"],
        ref=row["ref"],
        step_kind=row["step_kind"],
        weeks=row["weeks"],
        gains=tuple(json.loads(row["gains"])),
    )


def _plan(db: sqlite_utils.Database, row: dict[str, Any], now: datetime) -> Plan:
    plan_id = row["id"]
    items = db.query("SELECT * FROM plan_items WHERE plan_id = ? ORDER BY position", [plan_id])
    reviews = db.query("SELECT * FROM reviews WHERE plan_id = ? ORDER BY position", [plan_id])
    links = db.query(
        "SELECT id, label, created_at, expires_at FROM share_links"
        " WHERE plan_id = ? AND expires_at > ? ORDER BY id",
        [plan_id, now.isoformat()],
    )
    return Plan(
        id=plan_id,
        version=row["version"],
        content_version=row["content_version"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        target_role=row["target_role"],
        current_role=row["current_role"],
        have=tuple(json.loads(row["have"])),
        items=tuple(_item(r) for r in items),
        reviews=tuple(Review(date.fromisoformat(r["day"]), r["kind"]) for r in reviews),
        support=row["support"],
        employee_agreed_on=_day(row["employee_agreed_on"]),
        employee_agreed_version=row["employee_agreed_version"],
        manager_agreed_on=_day(row["manager_agreed_on"]),
        manager_agreed_version=row["manager_agreed_version"],
        employee_agreed_as=row["employee_agreed_as"],
        manager_agreed_as=row["manager_agreed_as"],
        share_links=tuple(
            ShareLink(
                r["id"],
                r["label"],
                datetime.fromisoformat(r["created_at"]),
                datetime.fromisoformat(r["expires_at"]),
            )
            for r in links
        ),
    )


def _row_by_token(db: sqlite_utils.Database, edit_token: str) -> dict[str, Any] | None:
    rows = db.query("SELECT * FROM plans WHERE edit_token_hash = ?", [token_hash(edit_token)])
    return next(iter(rows), None)


def _write_parts(db: sqlite_utils.Database, plan_id: int, items, reviews) -> None:
    db.execute("DELETE FROM plan_items WHERE plan_id = ?", [plan_id])
    db.execute("DELETE FROM reviews WHERE plan_id = ?", [plan_id])
    for position, i in enumerate(items):
        db.execute(
            "INSERT INTO plan_items (plan_id, position, kind, title, target_date, status, note,"
            " ref, step_kind, weeks, gains) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                plan_id,
                position,
                i.kind,
                i.title,
                _iso(i.target_date),
                i.status,
                i.note,
                i.ref,
                i.step_kind,
                i.weeks,
                json.dumps(list(i.gains)),
            ],
        )
    for position, r in enumerate(reviews):
        db.execute(
            "INSERT INTO reviews (plan_id, position, day, kind) VALUES (?, ?, ?, ?)",
            [plan_id, position, r.day.isoformat(), r.kind],
        )


# --- Plans ------------------------------------------------------------------------------------


def create_plan(db: sqlite_utils.Database, new: NewPlan, now: datetime | None = None) -> str:
    """Save a new plan; returns its edit token (the only copy: it is not stored)."""
    now = _now(now)
    token = new_token()
    with write(db):
        cursor = db.execute(
            "INSERT INTO plans (edit_token_hash, created_at, updated_at, last_used_on,"
            " target_role, current_role, have, support, content_version,"
            " employee_agreed_on, employee_agreed_version, manager_agreed_on,"
            " manager_agreed_version, employee_agreed_as, manager_agreed_as)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                token_hash(token),
                now.isoformat(),
                now.isoformat(),
                now.date().isoformat(),
                new.target_role,
                new.current_role,
                json.dumps(list(new.have)),
                new.support,
                new.content_version,
                _iso(new.employee_agreed_on),
                new.employee_agreed_version,
                _iso(new.manager_agreed_on),
                new.manager_agreed_version,
                new.employee_agreed_as,
                new.manager_agreed_as,
            ],
        )
        assert cursor.lastrowid is not None
        _write_parts(db, cursor.lastrowid, new.items, new.reviews)
    return token


def load_plan(db: sqlite_utils.Database, edit_token: str, now: datetime | None = None):
    """The plan an edit token opens, or ``None`` for any token that opens nothing."""
    with _read(db):
        row = _row_by_token(db, edit_token)
        return _plan(db, row, _now(now)) if row else None


def load_shared_plan(db: sqlite_utils.Database, view_token: str, now: datetime | None = None):
    """The plan a live view-only token opens, or ``None`` (wrong, expired and revoked alike)."""
    now = _now(now)
    with _read(db):
        rows = db.query(
            "SELECT plans.* FROM share_links JOIN plans ON plans.id = share_links.plan_id"
            " WHERE share_links.token_hash = ? AND share_links.expires_at > ?",
            [token_hash(view_token), now.isoformat()],
        )
        row = next(iter(rows), None)
        return _plan(db, row, now) if row else None


def save_plan(db: sqlite_utils.Database, edit_token: str, plan: Plan, now: datetime | None = None):
    """Write a changed plan if nobody saved since ``plan.version``; returns the saved plan.

    Raises :class:`StalePlan` with the latest copy, writing nothing, when the
    plan moved on; ``LookupError`` when the token opens no plan (it was deleted).
    """
    now = _now(now)
    with write(db):
        row = _row_by_token(db, edit_token)
        if row is None:
            raise LookupError("no such plan")
        if row["version"] != plan.version:
            raise StalePlan(_plan(db, row, now))
        db.execute(
            "UPDATE plans SET version = version + 1, content_version = ?, updated_at = ?,"
            " last_used_on = ?, support = ?, employee_agreed_on = ?, employee_agreed_version = ?,"
            " manager_agreed_on = ?, manager_agreed_version = ?, employee_agreed_as = ?,"
            " manager_agreed_as = ? WHERE id = ?",
            [
                plan.content_version,
                now.isoformat(),
                now.date().isoformat(),
                plan.support,
                _iso(plan.employee_agreed_on),
                plan.employee_agreed_version,
                _iso(plan.manager_agreed_on),
                plan.manager_agreed_version,
                plan.employee_agreed_as,
                plan.manager_agreed_as,
                row["id"],
            ],
        )
        _write_parts(db, row["id"], plan.items, plan.reviews)
        saved = next(iter(db.query("SELECT * FROM plans WHERE id = ?", [row["id"]])))
        return _plan(db, saved, now)


def touch_plan(db: sqlite_utils.Database, edit_token: str, today: date) -> None:
    """Note that the owner opened the plan today: retention counts from last use."""
    db.execute(
        "UPDATE plans SET last_used_on = ? WHERE edit_token_hash = ? AND last_used_on < ?",
        [today.isoformat(), token_hash(edit_token), today.isoformat()],
    )


def delete_plan(db: sqlite_utils.Database, edit_token: str) -> bool:
    """Delete a plan, its items, reviews and links for good; ``False`` if there was none."""
    with write(db):
        row = _row_by_token(db, edit_token)
        if row is None:
            return False
        # ON DELETE CASCADE does this too; saying it keeps erasure visible in one place.
        for table in ("share_links", "reviews", "plan_items"):
            db.execute(f"DELETE FROM {table} WHERE plan_id = ?", [row["id"]])
        db.execute("DELETE FROM plans WHERE id = ?", [row["id"]])
    return True


# --- Share links ------------------------------------------------------------------------------


def create_share_link(
    db: sqlite_utils.Database,
    edit_token: str,
    label: str,
    days: int,
    now: datetime | None = None,
) -> str | None:
    """A new view-only link for one person; returns its token, or ``None`` if no such plan."""
    now = _now(now)
    token = new_token()
    with write(db):
        row = _row_by_token(db, edit_token)
        if row is None:
            return None
        db.execute(
            "INSERT INTO share_links (plan_id, token_hash, label, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                row["id"],
                token_hash(token),
                label,
                now.isoformat(),
                (now + timedelta(days=days)).isoformat(),
            ],
        )
    return token


def revoke_share_link(db: sqlite_utils.Database, edit_token: str, link_id: int) -> bool:
    """Stop a view-only link at once (the row goes); only the plan's owner can."""
    with write(db):
        row = _row_by_token(db, edit_token)
        if row is None:
            return False
        cursor = db.execute(
            "DELETE FROM share_links WHERE id = ? AND plan_id = ?", [link_id, row["id"]]
        )
        return cursor.rowcount == 1


# --- Housekeeping -----------------------------------------------------------------------------


def purge(db: sqlite_utils.Database, today: date, days: int = 365, now: datetime | None = None):
    """Delete plans not used for ``days`` days, and view-only links past their expiry.

    Returns ``(plans deleted, links deleted)``.
    """
    cutoff = (today - timedelta(days=days)).isoformat()
    with write(db):
        old = [r["id"] for r in db.query("SELECT id FROM plans WHERE last_used_on < ?", [cutoff])]
        for plan_id in old:
            for table in ("share_links", "reviews", "plan_items"):
                db.execute(f"DELETE FROM {table} WHERE plan_id = ?", [plan_id])
            db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
        expired = db.execute(
            "DELETE FROM share_links WHERE expires_at <= ?", [_now(now).isoformat()]
        ).rowcount
    return len(old), expired


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows in each plan table (for tests and the CLI)."""
    with _read(db):
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("plans", "plan_items", "reviews", "share_links")
        }


def check_ready(db: sqlite_utils.Database) -> dict[str, str]:
    """Raise :data:`DatabaseError` unless the plan tables can be read."""
    db.execute("SELECT id FROM plans LIMIT 1").fetchall()
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    return {"sqlite": sqlite3.sqlite_version, "journal_mode": mode}


def integrity_check(path: str | os.PathLike[str]) -> str:
    """SQLite's ``integrity_check`` on a file, opened read-only: ``"ok"`` or the problems."""
    if not Path(path).is_file():
        return "no such file"
    try:
        with closing(sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if rows == [("ok",)]:
                conn.execute("SELECT count(*) FROM plans").fetchone()
    except sqlite3.Error as err:
        return str(err)
    return "\n".join(r[0] for r in rows)


def backup_database(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> str:
    """Copy a live database with SQLite's online backup, then check the copy.

    The copy is written beside ``dest`` and renamed into place only when its
    ``integrity_check`` says ``ok``. Returns the check's answer.
    """
    dest = Path(dest)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    with closing(connect(source).conn) as src, closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
    result = integrity_check(partial)
    if result != "ok":
        partial.unlink(missing_ok=True)
        return result
    os.replace(partial, dest)
    return result


def restore_database(backup: str | os.PathLike[str], target: str | os.PathLike[str]) -> str:
    """Put a backup back: check it first, copy it into ``target`` online, check again."""
    result = integrity_check(backup)
    if result != "ok":
        return result
    with closing(sqlite3.connect(backup)) as src, closing(connect(target).conn) as dst:
        src.backup(dst)
    return integrity_check(target)
