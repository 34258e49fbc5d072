"""Plans in the database (SQLite or PostgreSQL): the only module that reads or writes plans.

Every function takes the engine first and returns records from
:mod:`planner.plans.model`. Reads run in one snapshot so a plan is never seen
half-written; writes run in one transaction. A save names the version it was
based on: if the plan has moved on, nothing is written and :class:`StalePlan`
carries the latest copy. Tables, columns and rows all come from the records
(:mod:`planner.plans.tables`); connections, migrations and readiness are in
:mod:`planner.plans.database`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from planner.plans.database import (
    DatabaseError,
    SchemaError,
    check_ready,
    choose_journal_mode,
    open_engine,
    prepare,
    read,
    write,
)
from planner.plans.model import NewPlan, Plan, PlanItem, Review, ShareLink
from planner.plans.tables import (
    PLAN_CONTENT,
    plan_items,
    plans,
    record_from_row,
    reviews,
    row_from_record,
    share_links,
)
from planner.plans.tokens import new_token, token_hash

__all__ = [
    "DatabaseError",
    "SchemaError",
    "StalePlan",
    "check_ready",
    "choose_journal_mode",
    "create_plan",
    "create_share_link",
    "delete_plan",
    "load_plan",
    "load_shared_plan",
    "open_engine",
    "prepare",
    "purge",
    "revoke_share_link",
    "save_plan",
    "shared_link_until",
    "table_counts",
    "touch_plan",
]

#: The largest id a row can have (a PostgreSQL ``integer``); any larger id names nothing.
MAX_ID = 2**31 - 1
#: Every plan table, children first (the order to delete in).
_TABLES = (share_links, reviews, plan_items, plans)


class StalePlan(Exception):
    """The plan changed since the form was opened; ``latest`` is how it is now."""

    def __init__(self, latest: Plan):
        self.latest = latest
        super().__init__("This plan was changed in another tab or by someone else.")


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# --- Rows to records --------------------------------------------------------------------------


def _plan(conn: Connection, row: Any, now: datetime) -> Plan:
    def children(table, record: type) -> tuple[Any, ...]:
        rows = conn.execute(
            select(table).where(table.c.plan_id == row.id).order_by(table.c.position)
        ).mappings()
        return tuple(record_from_row(record, r) for r in rows)

    links = conn.execute(
        select(share_links)
        .where(share_links.c.plan_id == row.id, share_links.c.expires_at > now)
        .order_by(share_links.c.id)
    ).mappings()
    return record_from_row(
        Plan,
        row._mapping,
        items=children(plan_items, PlanItem),
        reviews=children(reviews, Review),
        share_links=tuple(record_from_row(ShareLink, r) for r in links),
    )


def _row_by_token(conn: Connection, edit_token: str) -> Any:
    return conn.execute(
        select(plans).where(plans.c.edit_token_hash == token_hash(edit_token))
    ).first()


def _write_parts(conn: Connection, plan_id: int, content: NewPlan) -> None:
    for table, records in ((plan_items, content.items), (reviews, content.reviews)):
        conn.execute(delete(table).where(table.c.plan_id == plan_id))
        if records:
            conn.execute(
                insert(table),
                [
                    {"plan_id": plan_id, "position": n, **row_from_record(r)}
                    for n, r in enumerate(records)
                ],
            )


def _content(plan: NewPlan) -> dict[str, Any]:
    """The columns of the plans row that the person's plan decides."""
    row = row_from_record(plan)
    return {name: row[name] for name in PLAN_CONTENT}


# --- Plans ------------------------------------------------------------------------------------


def create_plan(db: Engine, new: NewPlan, now: datetime | None = None) -> str:
    """Save a new plan; returns its edit token (the only copy: it is not stored)."""
    now = _now(now)
    token = new_token()
    with write(db) as conn:
        plan_id = conn.execute(
            insert(plans).returning(plans.c.id),
            {
                "edit_token_hash": token_hash(token),
                "created_at": now,
                "updated_at": now,
                "last_used_on": now.date(),
                "version": 1,
                **_content(new),
            },
        ).scalar_one()
        _write_parts(conn, plan_id, new)
    return token


def load_plan(db: Engine, edit_token: str, now: datetime | None = None) -> Plan | None:
    """The plan an edit token opens, or ``None`` for any token that opens nothing."""
    with read(db) as conn:
        row = _row_by_token(conn, edit_token)
        return _plan(conn, row, _now(now)) if row else None


def load_shared_plan(db: Engine, view_token: str, now: datetime | None = None) -> Plan | None:
    """The plan a live view-only token opens, or ``None`` (wrong, expired and revoked alike)."""
    now = _now(now)
    with read(db) as conn:
        row = conn.execute(
            select(plans)
            .join(share_links, share_links.c.plan_id == plans.c.id)
            .where(share_links.c.token_hash == token_hash(view_token))
            .where(share_links.c.expires_at > now)
        ).first()
        return _plan(conn, row, now) if row else None


def shared_link_until(db: Engine, view_token: str, now: datetime | None = None) -> datetime | None:
    """When a live view-only link stops working, or ``None`` for one that opens nothing."""
    with read(db) as conn:
        return conn.execute(
            select(share_links.c.expires_at)
            .where(share_links.c.token_hash == token_hash(view_token))
            .where(share_links.c.expires_at > _now(now))
        ).scalar()


def save_plan(db: Engine, edit_token: str, plan: Plan, now: datetime | None = None) -> Plan:
    """Write a changed plan if nobody saved since ``plan.version``; returns the saved plan.

    Raises :class:`StalePlan` with the latest copy, writing nothing, when the
    plan moved on; ``LookupError`` when the token opens no plan (it was deleted).
    """
    now = _now(now)
    with write(db) as conn:
        row = _row_by_token(conn, edit_token)
        if row is None:
            raise LookupError("no such plan")
        # Only if the version is still the one the form was based on: two saves at once on
        # PostgreSQL both get here, and the second finds the row changed under it.
        changed = conn.execute(
            update(plans)
            .where(plans.c.id == row.id, plans.c.version == plan.version)
            .values(
                version=plans.c.version + 1,
                updated_at=now,
                last_used_on=now.date(),
                **_content(plan),
            )
        ).rowcount
        if changed != 1:
            raise StalePlan(_plan(conn, _row_by_token(conn, edit_token), now))
        _write_parts(conn, row.id, plan)
        return _plan(conn, conn.execute(select(plans).where(plans.c.id == row.id)).one(), now)


def touch_plan(db: Engine, edit_token: str, today: date) -> None:
    """Note that the owner opened the plan today: retention counts from last use."""
    with write(db) as conn:
        conn.execute(
            update(plans)
            .where(plans.c.edit_token_hash == token_hash(edit_token))
            .where(plans.c.last_used_on < today)
            .values(last_used_on=today)
        )


def _delete_plans(conn: Connection, ids: list[int]) -> None:
    # ON DELETE CASCADE does this too; saying it keeps erasure visible in one place.
    for table in _TABLES:
        column = table.c.id if table is plans else table.c.plan_id
        conn.execute(delete(table).where(column.in_(ids)))


def delete_plan(db: Engine, edit_token: str) -> bool:
    """Delete a plan, its items, reviews and links for good; ``False`` if there was none."""
    with write(db) as conn:
        row = _row_by_token(conn, edit_token)
        if row is None:
            return False
        _delete_plans(conn, [row.id])
    return True


# --- Share links ------------------------------------------------------------------------------


def create_share_link(
    db: Engine, edit_token: str, label: str, until: datetime, now: datetime | None = None
) -> str | None:
    """A new view-only link for one person until a moment; returns its token, or ``None``
    if no such plan."""
    now = _now(now)
    token = new_token()
    with write(db) as conn:
        row = _row_by_token(conn, edit_token)
        if row is None:
            return None
        conn.execute(
            insert(share_links).values(
                plan_id=row.id,
                token_hash=token_hash(token),
                label=label,
                created_at=now,
                expires_at=until,
            )
        )
    return token


def revoke_share_link(db: Engine, edit_token: str, link_id: int) -> bool:
    """Stop a view-only link at once (the row goes); only the plan's owner can."""
    if not 0 < link_id <= MAX_ID:
        return False  # no link has that id, and the database could not even compare it
    with write(db) as conn:
        row = _row_by_token(conn, edit_token)
        if row is None:
            return False
        deleted = conn.execute(
            delete(share_links).where(share_links.c.id == link_id, share_links.c.plan_id == row.id)
        )
        return deleted.rowcount == 1


# --- Housekeeping -----------------------------------------------------------------------------


def purge(db: Engine, today: date, days: int = 365, now: datetime | None = None) -> tuple[int, int]:
    """Delete plans not used for ``days`` days, and view-only links past their expiry.

    Returns ``(plans deleted, links deleted)``.
    """
    cutoff = today - timedelta(days=days)
    with write(db) as conn:
        old = list(conn.execute(select(plans.c.id).where(plans.c.last_used_on < cutoff)).scalars())
        _delete_plans(conn, old)
        expired = conn.execute(delete(share_links).where(share_links.c.expires_at <= _now(now)))
    return len(old), expired.rowcount


def table_counts(db: Engine) -> dict[str, int]:
    """Rows in each plan table (for tests and the CLI)."""
    with read(db) as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in reversed(_TABLES)
        }
