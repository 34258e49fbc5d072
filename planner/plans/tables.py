"""The plan tables, made from the records in :mod:`planner.plans.model` (SQLAlchemy Core).

A column is a field of a record with the same name; its type comes from the
field's type and its CHECK constraint from the field's :class:`~planner.plans.model.Rule`.
So a new field on ``PlanItem`` is a new column here, in the rows the store
writes and in the records it reads back, with no other change. The migrations
in ``planner/plans/migrations`` must build these same tables: a test compares
them (``alembic revision --autogenerate`` writes the migration for a new field).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB

from planner.plans.model import NewPlan, Plan, PlanItem, Review, Shape, ShareLink, shapes

__all__ = [
    "Moment",
    "metadata",
    "plan_items",
    "plans",
    "record_from_row",
    "reviews",
    "row_from_record",
    "share_links",
]


class Moment(TypeDecorator):
    """A moment in UTC: ``timestamptz`` in PostgreSQL, ISO-8601 text in SQLite.

    SQLite compares the text, so every value is written the same way: UTC, to
    the microsecond (``2026-11-23T10:00:00.000000+00:00``).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect) -> Any:
        if value is None:
            return None
        value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return value.isoformat(timespec="microseconds") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


_IDS = JSON().with_variant(JSONB(), "postgresql")
_TYPES = {str: Text, int: Integer, date: Date, datetime: Moment, list: _IDS}


def _columns_of(record: type) -> list[Shape]:
    """Fields that are columns: everything but the tuples of records (tables of their own)."""
    return [s for s in shapes(record) if s.records is None]


def _checks(record: type) -> list[CheckConstraint]:
    """The database's copy of each field's limits (a second line behind the forms)."""
    checks = []
    for shape in _columns_of(record):
        limit = shape.rule
        if not limit.in_database:
            continue
        if limit.max_length:
            low = "1 AND " if limit.required else ""
            rule = (
                f"length({shape.name}) BETWEEN {low}{limit.max_length}"
                if low
                else f"length({shape.name}) <= {limit.max_length}"
            )
            checks.append(CheckConstraint(rule, name=f"{shape.name}_length"))
        if limit.choices:
            listed = ", ".join(f"'{c}'" for c in limit.choices)
            checks.append(
                CheckConstraint(f"{shape.name} IN ({listed})", name=f"{shape.name}_choice")
            )
    return checks


def _columns(record: type, skip: tuple[str, ...] = ()) -> list[Any]:
    columns = [
        Column(s.name, _TYPES[s.kind], nullable=s.optional)
        for s in _columns_of(record)
        if s.name not in skip
    ]
    return columns + _checks(record)


def _child(name: str, record: type) -> Table:
    """A table of one plan's items or reviews, in order."""
    return Table(
        name,
        metadata,
        Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        *_columns(record),
    )


#: Constraint names the same on both databases (and in the migrations).
metadata = MetaData(
    naming_convention={
        "ck": "%(table_name)s_%(constraint_name)s",
        "uq": "%(table_name)s_%(column_0_name)s_key",
        "fk": "%(table_name)s_%(column_0_name)s_fkey",
        "pk": "%(table_name)s_pkey",
        "ix": "%(table_name)s_%(column_0_name)s",
    }
)

#: A plan: what it holds (``NewPlan``), its id, version and times, and two columns only the
#: store uses: the hash of its edit token and the day it was last used (for retention).
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("edit_token_hash", Text, nullable=False, unique=True),
    Column("last_used_on", Date, nullable=False),
    *_columns(Plan, skip=("id",)),
    Index(None, "last_used_on"),
)
plan_items = _child("plan_items", PlanItem)
reviews = _child("reviews", Review)
share_links = Table(
    "share_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    *_columns(ShareLink, skip=("id",)),
    Index(None, "plan_id"),
)


def row_from_record(record: Any) -> dict[str, Any]:
    """The columns of a record (items, reviews and links are rows of their own tables)."""
    row = {}
    for shape in _columns_of(type(record)):
        value = getattr(record, shape.name)
        row[shape.name] = list(value) if isinstance(value, tuple) else value
    return row


def record_from_row(record: type, row: Mapping[str, Any], **parts: Any) -> Any:
    """A record from a row, with ``parts`` (its items, reviews, links) added."""
    values = {}
    for shape in _columns_of(record):
        value = row[shape.name]
        values[shape.name] = tuple(value) if isinstance(value, list) else value
    return record(**values, **parts)


#: Fields of a plan the person owns: what a save writes (the rest the store keeps itself).
PLAN_CONTENT = tuple(s.name for s in _columns_of(NewPlan))
