"""Backups of a SQLite plans database, and putting one back, each checked before it counts.

A backup is SQLite's online backup of the live file, written beside its
destination and renamed into place only when it passes ``integrity_check`` and
is exactly the planner's own schema at a migration this code knows
(:mod:`planner.plans.schema_check`: nothing missing, nothing extra).

A restore changes nothing until it is sure. It copies the backup beside the
live database, checks the copy (``integrity_check``, then its whole schema),
migrates the copy, checks it again and checks that plans can be read and
written in it. Only then does it keep the live database as
``<name>.before-restore`` and put the copy in its place, in one SQLite
transaction (the online backup API), which either happens whole or not at all:
on any failure the live database is exactly as it was. A server that is
running may go on running: its next transaction sees the restored plans.

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
from planner.plans.schema_check import differences, schema_of

__all__ = [
    "POSTGRES_HELP",
    "BackupProblem",
    "backup_database",
    "check_backup",
    "integrity_check",
    "recovered_copy",
    "restore_database",
    "same_file",
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


def _schema_problems(path: str | os.PathLike[str]) -> str:
    """``"ok"``, or why the file is not exactly the planner's own schema at a known migration."""
    engine = database.open_engine(f"sqlite:///{Path(path).resolve()}", read_only=True)
    try:
        with engine.connect() as conn:
            revision = database.known_schema(conn)
    except database.DatabaseError as err:
        return str(err).splitlines()[0]
    finally:
        engine.dispose()
    if revision is None:
        return "it has no plans tables, so it is not a backup of the planner"
    with closing(_open(path)) as conn:
        found = differences(schema_of(conn), revision)
    if found:
        return "it is not the planner's own database: " + "; ".join(found[:5])
    return "ok"


def check_backup(path: str | os.PathLike[str]) -> str:
    """``"ok"`` if the file is a sound plans database this code can use, else what is wrong.

    Sound: it passes ``integrity_check``. Usable: its tables, indexes and
    checks are exactly the planner's own at a migration this code knows, and
    it has nothing else (older migrations are brought up to date on restore).
    """
    result = integrity_check(path)
    if result != "ok":
        return result
    return _schema_problems(path)


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


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through links too)."""
    try:
        return one.samefile(other)
    except OSError:
        return one.resolve() == other.resolve()


def _remove(path: Path) -> None:
    """A SQLite file and what SQLite may have left beside it."""
    for leftover in (path, *(path.with_name(path.name + e) for e in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _prepare_copy(backup: Path, copy: Path) -> None:
    """Copy the backup, check it, migrate it and check it again; raise if it will not do."""
    _copy(backup, copy)
    result = check_backup(copy)
    if result != "ok":
        raise BackupProblem(f"{backup} was not restored, and nothing was changed: {result}")
    engine = database.open_engine(f"sqlite:///{copy.resolve()}", must_exist=True)
    try:
        database.prepare(engine)
        database.check_ready(engine)
    except database.DatabaseError as err:
        raise BackupProblem(
            f"{backup} was not restored, and nothing was changed: it could not be brought up "
            f"to date ({database.error_summary(err)})"
        ) from None
    finally:
        engine.dispose()
    result = _schema_problems(copy)
    if result != "ok":
        raise BackupProblem(
            f"{backup} was not restored, and nothing was changed: once brought up to date, {result}"
        )


def restore_database(backup: Path, target: Path) -> Path | None:
    """Put a backup in place of the live database once a copy of it passed every check;
    returns where the live database as it was is kept (``None`` if there was none).

    Raises :class:`BackupProblem`, and the live database is exactly as it was,
    if the backup is the live database itself, is not sound, is not exactly the
    planner's own schema, or cannot be brought up to date.
    """
    if target.exists() and same_file(backup, target):
        raise BackupProblem(
            f"{backup} is the live database itself, so there is nothing to restore. "
            "Give the backup file to put back."
        )
    copy = target.with_name(target.name + ".restoring")
    _remove(copy)
    try:
        try:
            _prepare_copy(backup, copy)
        except sqlite3.Error as err:
            raise BackupProblem(
                f"{backup} was not restored, and nothing was changed: {err}"
            ) from None
        kept = None
        if target.is_file():
            kept = target.with_name(target.name + ".before-restore")
            _remove(kept)
            try:
                _copy(target, kept)
            except sqlite3.Error as err:
                _remove(kept)
                raise BackupProblem(
                    f"{backup} was not restored, and nothing was changed: the live database "
                    f"could not be kept beside it first ({err})"
                ) from None
        try:
            _copy(copy, target)  # one transaction: the live database changes whole, or not at all
        except sqlite3.Error as err:
            raise BackupProblem(
                f"{backup} was not restored, and nothing was changed: the live database could "
                f"not be written ({err})"
            ) from None
    finally:
        _remove(copy)
    return kept
