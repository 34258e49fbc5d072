"""The plans database on SQLite or PostgreSQL: engines, transactions, migrations, readiness.

One store for both engines (SQLAlchemy Core, psycopg 3 for PostgreSQL). This
module decides how a connection behaves; :mod:`planner.plans.store` says what
is read and written. No Flask here, so the command line uses it as it is.

* **Writes** take the write lock first: ``BEGIN IMMEDIATE`` on SQLite, so two
  writers queue on the busy timeout instead of failing halfway. PostgreSQL
  needs no lock for that: a save changes the plan row only if its version is
  still the one the form was based on (see ``store.save_plan``).
* **Reads** of one plan are one snapshot: a deferred ``BEGIN`` on SQLite,
  ``REPEATABLE READ`` on PostgreSQL, so a plan is never seen half-written.
* **Migrations** are Alembic's (``planner/plans/migrations``), applied on
  start by one process at a time (the write lock, or an advisory lock on
  PostgreSQL). A SQLite file made before Alembic (by sqlite-utils) is adopted.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError

from planner.plans.tables import metadata

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseError",
    "SchemaError",
    "check_ready",
    "check_schema",
    "choose_journal_mode",
    "describe",
    "error_summary",
    "head_revision",
    "known_schema",
    "migrate",
    "open_engine",
    "prepare",
    "read",
    "sqlite_path",
    "write",
]

#: What callers catch when the database cannot be reached, read or written.
DatabaseError = SQLAlchemyError

BUSY_TIMEOUT_MS = 5000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Any fixed number: the PostgreSQL advisory lock that lets one process migrate at a time.
_MIGRATION_LOCK = 4_182_026

#: SQLite releases with the fix for the WAL-reset bug (sqlite.org/wal.html, section 11):
#: 3.51.3 and later, and the backports on the 3.50 and 3.44 lines.
_WAL_FIXED = ((3, 51, 3), (3, 50, 7), (3, 44, 6))


class SchemaError(SQLAlchemyError):
    """The database is not one the planner made, or not at a version it knows."""


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


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` address, or ``None`` for any other database.

    >>> sqlite_path("sqlite:////srv/planner/plans.sqlite")
    PosixPath('/srv/planner/plans.sqlite')
    >>> sqlite_path("postgresql+psycopg://planner@db:5432/planner") is None
    True
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    return Path(parsed.database or "")


def describe(url: str) -> str:
    """A database address fit to print or log: a SQLite file's path, never a password.

    >>> describe("postgresql+psycopg://planner:secret@db:5432/plans")
    'postgresql+psycopg://planner:***@db:5432/plans'
    """
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


def error_summary(err: BaseException) -> str:
    """What failed, fit for a log: the kind of error and the first line of the database's own
    message. Never the statement or its values (a message's later lines, such as
    PostgreSQL's ``DETAIL``, can quote values).

    >>> import sqlite3
    >>> from sqlalchemy.exc import OperationalError
    >>> error_summary(OperationalError("UPDATE plans SET support=?", ("x",),
    ...     sqlite3.OperationalError("attempt to write a readonly database")))
    'OperationalError: attempt to write a readonly database'
    """
    cause = getattr(err, "orig", None) or err
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else ''}"


# --- Connections ------------------------------------------------------------------------------


def _sqlite_settings(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """What every plan write relies on. We say BEGIN ourselves (see ``_sqlite_begin``)."""
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    # A save the person was told about survives a crash.
    dbapi_connection.execute("PRAGMA synchronous = FULL")


def _first_line_only(context: Any) -> None:
    """Keep only the first line of the database's own message in the error.

    PostgreSQL's later lines can quote the values: ``DETAIL: Failing row
    contains (...)`` holds a whole row of the plan. The statement's own values
    are hidden by ``hide_parameters``; this hides those.
    """
    cause = context.original_exception
    message = str(cause)
    first = message.strip().splitlines()[0] if message.strip() else message
    if first == message:
        return
    cause.args = (first,)
    # SQLAlchemy's own error has already copied the message into its text.
    wrapper = context.sqlalchemy_exception
    if wrapper is not None and wrapper.args and isinstance(wrapper.args[0], str):
        wrapper.args = (wrapper.args[0].replace(message, first), *wrapper.args[1:])


def _note_read_only(path: Path):
    """SQLite opens a file it cannot write read-only, without a word, and that connection stays
    read-only for good, even once the disk is writable again. So note which connections were
    opened so, and swap one for a new connection when the file can be written again."""

    def on_connect(_dbapi_connection: Any, record: Any) -> None:
        record.info["read_only"] = not os.access(path, os.W_OK)

    def on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if record.info.get("read_only") and os.access(path, os.W_OK):
            raise DisconnectionError("the file can be written again: open a new connection")

    return on_connect, on_checkout


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("planner_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(url: str, *, must_exist: bool = False, read_only: bool = False) -> Engine:
    """An engine for ``sqlite:///path`` or ``postgresql+psycopg://...``.

    Its errors never carry the values of a statement (``hide_parameters``), nor
    the lines of the database's own message that may quote them.

    With ``must_exist`` (or ``read_only``) a SQLite file that is not there is
    never made: SQLite is asked to open it only if it is there, and a clear
    :class:`SchemaError` says so.
    """
    path = sqlite_path(url)
    if path is None:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        event.listen(engine, "handle_error", _first_line_only)
        return engine
    if (must_exist or read_only) and not path.is_file():
        raise SchemaError(f"There is no plans database at {path}.")
    mode = "ro" if read_only else "rw" if must_exist else "rwc"
    # SQLite is opened through a file: URI, so that "must exist" is its own rule ("mode=rw").
    address = URL.create(
        "sqlite",
        database="file:" + quote(str(path.resolve())),
        query={"mode": mode, "uri": "true"},
    )
    engine = create_engine(
        address,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # A failed write's error text must not carry what the person typed (nor token hashes).
        hide_parameters=True,
    )
    event.listen(engine, "handle_error", _first_line_only)
    event.listen(engine, "connect", _sqlite_settings)
    on_connect, on_checkout = _note_read_only(path.resolve())
    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A read-then-write transaction; committed at the end, rolled back on any error."""
    with engine.connect() as conn:
        conn.execution_options(planner_write=True)
        with conn.begin():
            yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """One consistent snapshot for several SELECTs."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn


# --- Migrations -------------------------------------------------------------------------------


def _alembic(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


@cache
def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(_alembic()).get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in ScriptDirectory.from_config(_alembic()).walk_revisions())


def current_revision(conn: Connection) -> str | None:
    """The migration the database is at, or ``None`` if Alembic never ran on it."""
    return MigrationContext.configure(conn).get_current_revision()


#: The sqlite-utils migrations a database made before Alembic may have, newest first, and
#: the Alembic revision that builds the same tables.
_SQLITE_UTILS_REVISIONS = (("m002_agreed_as", "0002"), ("m001_plans", "0001"))


def _sqlite_utils_revision(conn: Connection, tables: set[str]) -> str | None:
    """The revision a SQLite database from before Alembic matches, from its migration table.

    ``None`` if sqlite-utils never made the plan tables in it.
    """
    if "_sqlite_migrations" not in tables:
        return None
    rows = conn.exec_driver_sql("SELECT migration_set, name FROM _sqlite_migrations").all()
    applied = {name for migration_set, name in rows if migration_set == "planner"}
    return next((rev for name, rev in _SQLITE_UTILS_REVISIONS if name in applied), None)


def known_schema(conn: Connection, *, adopt: bool = False) -> str | None:
    """The database's migration, after making sure it is one of ours; ``None`` if it is empty.

    A SQLite file from before Alembic counts as the migration that builds the
    same tables (``adopt`` records that in it). Raises :class:`SchemaError` for
    anything else.
    """
    tables = set(inspect(conn).get_table_names())
    revision = current_revision(conn) if "alembic_version" in tables else None
    if revision is not None:
        if revision not in known_revisions():
            raise SchemaError(
                f"The plans database is at migration {revision}, which this version of "
                "the planner does not know. It may be from a newer version."
            )
        return revision
    if "plans" in tables:
        adopted = _sqlite_utils_revision(conn, tables)
        if adopted is None:
            raise SchemaError(
                "The database has a plans table that the planner did not make. Nothing was changed."
            )
        if adopt:
            command.stamp(_alembic(conn), adopted)  # made before Alembic
        return adopted
    return None


def check_schema(conn: Connection) -> str:
    """Raise :class:`SchemaError` unless the tables are this code's, with every column it reads."""
    revision = known_schema(conn)
    if revision != head_revision():
        raise SchemaError(
            f"The plans database is at migration {revision}, not {head_revision()}. "
            "Run: planner init-db"
        )
    for table in metadata.sorted_tables:
        conn.execute(select(*table.c).limit(1)).all()
    return revision


def migrate(engine: Engine) -> str:
    """Bring the tables up to date, one process at a time; returns the migration now applied.

    Raises :class:`SchemaError` for a database the planner did not make.
    """
    with write(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        if known_schema(conn, adopt=True) != head_revision():
            command.upgrade(_alembic(conn), "head")
    return head_revision()


def prepare(engine: Engine, sqlite_version: str = sqlite3.sqlite_version) -> str:
    """Choose SQLite's journal mode, then migrate. Returns the journal mode, or the engine name."""
    if engine.dialect.name != "sqlite":
        migrate(engine)
        return engine.dialect.name
    mode = choose_journal_mode(sqlite_version)
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        if conn.exec_driver_sql("PRAGMA journal_mode").scalar() != mode:
            conn.exec_driver_sql(f"PRAGMA journal_mode = {mode}")
    migrate(engine)
    return mode


def check_ready(engine: Engine) -> dict[str, str]:
    """Whether plans can be read and written now; raises :data:`DatabaseError` if not.

    It runs what a plan page needs: the migration is this code's, and every
    column the store uses can be read. Then it makes a real write, committed as
    a save is, that changes no value (the migration's own row, set to itself).
    A write that is rolled back may never reach the disk, and one that touches
    no row writes nothing: both said "ready" on a full disk where every save failed.
    """
    with write(engine) as conn:
        revision = check_schema(conn)
        conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
        details = {"database": conn.dialect.name, "migration": revision}
        if conn.dialect.name == "sqlite":
            details["journal_mode"] = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    return details
