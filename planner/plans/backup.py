"""Backups of a SQLite plans database, and putting one back, each checked before it counts.

A backup is SQLite's online backup of the live file, written beside its
destination and renamed into place only when it passes ``integrity_check`` and
is a plans database of a migration this code knows. A restore checks the
backup the same way first, keeps a copy of the live database beside it, copies
the backup in, migrates it, and checks that plans can be read and written.

PostgreSQL has its own tools for this (``pg_dump`` and ``pg_restore``): see
:data:`POSTGRES_HELP`.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from planner.plans import database

__all__ = [
    "POSTGRES_HELP",
    "BackupProblem",
    "backup_database",
    "check_backup",
    "integrity_check",
    "restore_database",
]

POSTGRES_HELP = (
    "The plans are in PostgreSQL, which has its own backup tools. Back up with:\n"
    "  pg_dump --format=custom --file=planner.dump DATABASE\n"
    "and put a backup back with:\n"
    "  pg_restore --clean --if-exists --dbname=DATABASE planner.dump\n"
    "then run `planner init-db`. DATABASE is PLANNER_DATABASE_URL without '+psycopg'."
)


class BackupProblem(Exception):
    """A backup could not be made or put back; the message says why and what to do."""


def _open(path: str | os.PathLike[str], mode: str = "ro") -> sqlite3.Connection:
    """A plain SQLite connection that never makes a file unless ``mode`` is ``rwc``."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True)


def integrity_check(path: str | os.PathLike[str]) -> str:
    """SQLite's ``integrity_check`` on a file, opened read-only: ``"ok"`` or the problems."""
    if not Path(path).is_file():
        return "no such file"
    try:
        with closing(_open(path)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as err:
        return str(err)
    return "\n".join(str(r[0]) for r in rows)


def check_backup(path: str | os.PathLike[str]) -> str:
    """``"ok"`` if the file is a sound plans database this code can use, else what is wrong.

    Sound: it passes ``integrity_check``. Usable: its tables are the planner's,
    at a migration this code knows (older ones are brought up to date on restore).
    """
    result = integrity_check(path)
    if result != "ok":
        return result
    engine = database.open_engine(f"sqlite:///{Path(path).resolve()}", read_only=True)
    try:
        with engine.connect() as conn:
            revision = database.known_schema(conn)
            if revision is None:
                return "it has no plans tables, so it is not a backup of the planner"
            if revision == database.head_revision():
                database.check_schema(conn)
    except database.DatabaseError as err:
        return str(err).splitlines()[0]
    finally:
        engine.dispose()
    return "ok"


def _copy(source: Path, dest: Path) -> None:
    with closing(_open(source)) as live, closing(_open(dest, "rwc")) as target:
        live.backup(target)


def backup_database(source: Path, dest: Path) -> None:
    """Copy the live database to ``dest`` with SQLite's online backup, then check the copy.

    Raises :class:`BackupProblem` (and leaves nothing at ``dest``) if the copy is not sound.
    """
    if not source.is_file():
        raise BackupProblem(f"There is no plans database at {source}: nothing was backed up.")
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    result = check_backup(partial)
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise BackupProblem(f"The backup failed its check, so it was not kept: {result}")
    os.replace(partial, dest)


def restore_database(backup: Path, target: Path) -> Path | None:
    """Put a checked backup in place of the live database; returns where the old one was kept.

    Raises :class:`BackupProblem`, changing nothing, if the backup is not
    sound or not a plans database.
    """
    result = check_backup(backup)
    if result != "ok":
        raise BackupProblem(f"{backup} was not restored, and nothing was changed: {result}")
    kept = None
    if target.is_file():
        kept = target.with_name(target.name + ".before-restore")
        _copy(target, kept)
    _copy(backup, target)
    engine = database.open_engine(f"sqlite:///{target.resolve()}", must_exist=True)
    try:
        database.prepare(engine)
        database.check_ready(engine)
    except database.DatabaseError as err:
        raise BackupProblem(f"The restored database failed its check: {err}") from None
    finally:
        engine.dispose()
    return kept
