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
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

from planner.plans import database

__all__ = [
    "POSTGRES_HELP",
    "BackupProblem",
    "backup_database",
    "check_backup",
    "integrity_check",
    "recovered_copy",
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


#: What SQLite keeps beside a database during a write: a rollback journal, or a write-ahead
#: log. After a crash either can hold what the file needs to be read as SQLite will read it.
#: (The ``-shm`` is only an index of the WAL, which SQLite rebuilds from the WAL itself.)
_RECOVERY_FILES = ("-journal", "-wal")


@contextmanager
def recovered_copy(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A private copy of a SQLite file, recovered as SQLite recovers it on its next open.

    A file left by a killed server can have a hot journal to roll back or a WAL
    to replay beside it. SQLite must write to do either, which a read-only
    connection cannot ("attempt to write a readonly database"), and even a
    read-only open of a WAL database makes ``-shm`` and ``-wal`` files beside
    it. So the file and those beside it are copied into a temporary folder,
    which is removed afterwards, and only the copy is opened read-write: the
    file itself is only ever read, and nothing is made beside it. (A file a
    running server is writing to is backed up with SQLite's online backup
    first, as ``planner backup`` does, not copied like this.)
    """
    source = Path(path)
    with tempfile.TemporaryDirectory(prefix="planner-check-") as folder:
        copy = Path(folder) / "plans.sqlite"
        shutil.copyfile(source, copy)
        for suffix in _RECOVERY_FILES:
            beside = source.with_name(source.name + suffix)
            if beside.is_file():
                shutil.copyfile(beside, copy.with_name(copy.name + suffix))
        with closing(_open(copy, "rw")) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # recovers
        yield copy


def integrity_check(path: str | os.PathLike[str]) -> str:
    """SQLite's ``integrity_check`` on the file as SQLite will next see it: ``"ok"`` or the
    problems. A hot journal or a WAL beside it is taken into account; the file is not changed.
    """
    if not Path(path).is_file():
        return "no such file"
    try:
        with recovered_copy(path) as copy, closing(_open(copy)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except (sqlite3.Error, OSError) as err:
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
