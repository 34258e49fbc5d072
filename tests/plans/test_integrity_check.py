"""``integrity_check`` on a file left by a killed server: a hot journal or a WAL beside it.

SQLite must write to roll back a hot journal or to replay a WAL, so a
read-only open of such a file fails ("attempt to write a readonly database"),
and even a read-only open of a WAL database makes ``-shm`` and ``-wal`` files
beside it. The check must call a sound file sound, see it as SQLite will on its
next open (the last commit, nothing of the write that was cut short), and leave
the file it was asked only to check, and the folder it is in, exactly as they were.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest

from planner.plans.backup import integrity_check, recovered_copy

COMMITTED = "committed " * 40
HALF_WRITTEN = "cut short " * 40

#: Runs in a child process: commits rows, starts a large change and dies in the middle of it,
#: as a server does under ``kill -9``. A tiny page cache makes SQLite write changed pages to
#: the file before the commit, so the rollback journal is hot; in WAL mode nothing is
#: checkpointed, so the committed rows are in the WAL alone.
KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = " + sys.argv[2])
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("BEGIN")
conn.execute("CREATE TABLE t (x TEXT)")
conn.executemany("INSERT INTO t VALUES (?)", [(sys.argv[3],)] * 2000)
conn.execute("COMMIT")
conn.execute("PRAGMA cache_size = 10")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE t SET x = ?", (sys.argv[4],))
conn.execute("INSERT INTO t SELECT x FROM t")
os._exit(9)
"""


def killed_mid_write(path: Path, journal_mode: str) -> None:
    """A database whose writer died in the middle of a transaction."""
    died = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(path), journal_mode, COMMITTED, HALF_WRITTEN],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert died.returncode == 9, died.stderr


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in the folder and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def read_only_error(path: Path) -> str | None:
    """What a plain read-only open says of the file (``None``: it reads)."""
    try:
        with closing(sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.Error as err:
        return err.sqlite_errorname
    return None


def rows_in(path: Path) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT x, count(*) FROM t GROUP BY x").fetchall()


def test_a_file_with_a_hot_journal_is_sound_and_left_as_it_was(tmp_path):
    """Regression: the crash test's kill left a hot journal; the check said
    'attempt to write a readonly database' about a sound file."""
    database = tmp_path / "plans.sqlite"
    killed_mid_write(database, "delete")
    journal = tmp_path / "plans.sqlite-journal"
    assert journal.stat().st_size > 0
    # The file really needs a rollback: SQLite refuses to read it without writing.
    assert read_only_error(database) == "SQLITE_READONLY_ROLLBACK"
    before = folder_state(tmp_path)

    assert integrity_check(database) == "ok"
    with recovered_copy(database) as copy:
        assert rows_in(copy) == [(COMMITTED, 2000)]

    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("shm", ["kept", "lost"])
def test_a_file_with_a_wal_is_sound_and_left_as_it_was(tmp_path, shm):
    """The committed rows are in the WAL alone; the check reads them without making an
    ``-shm`` beside the file (or changing the one there)."""
    database = tmp_path / "plans.sqlite"
    killed_mid_write(database, "wal")
    assert (tmp_path / "plans.sqlite-wal").stat().st_size > 0
    if shm == "lost":  # as when a file and its WAL are copied somewhere without the -shm
        (tmp_path / "plans.sqlite-shm").unlink()
    before = folder_state(tmp_path)

    assert integrity_check(database) == "ok"
    with recovered_copy(database) as copy:
        assert rows_in(copy) == [(COMMITTED, 2000)]

    assert folder_state(tmp_path) == before


def test_a_damaged_file_is_still_reported_and_left_as_it_was(tmp_path):
    database = tmp_path / "plans.sqlite"
    killed_mid_write(database, "delete")
    (tmp_path / "plans.sqlite-journal").unlink()  # the half-done write can no longer be undone
    with database.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xff" * 4096 * 20)
    before = folder_state(tmp_path)

    assert integrity_check(database) != "ok"

    assert folder_state(tmp_path) == before


def test_a_missing_file_is_not_made(tmp_path):
    assert integrity_check(tmp_path / "none.sqlite") == "no such file"
    assert list(tmp_path.iterdir()) == []
