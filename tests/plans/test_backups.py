"""Backups and restores from the command line, and the databases they must refuse.

Each fault a tester found has a test here: a backup into a missing folder
wrote one file named after it; a missing parent gave a traceback; a wrong
database setting made an empty database; a restore took any SQLite file (one
with only ``create table plans(id integer)`` replaced every plan).
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from planner.cli import main
from planner.plans import backup, database, store
from planner.plans.tables import plans
from tests.plans.test_plan_store import new_plan

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

#: The tables as the planner made them before Alembic (sqlite-utils migration m001_plans).
OLD_SCHEMA = [
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


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def live(tmp_path) -> Path:
    """A live SQLite database holding one plan."""
    path = tmp_path / "live.sqlite"
    engine = store.open_engine(f"sqlite:///{path}")
    store.prepare(engine)
    store.create_plan(engine, new_plan(support="the live plan"), NOW)
    engine.dispose()
    return path


def supports(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT support FROM plans ORDER BY id")]


def old_database(path: Path, agreed_as: bool = False) -> Path:
    """A database made by the planner before Alembic, with one plan in the old text formats.

    With ``agreed_as``, it also had the sqlite-utils migration that added the roles each
    side agreed as (``m002_agreed_as``, as the plans pages shipped it before Alembic).
    """
    migrations = Migrations("planner")

    @migrations()
    def m001_plans(db: Database) -> None:
        for sql in OLD_SCHEMA:
            db.execute(sql)

    if agreed_as:

        @migrations()
        def m002_agreed_as(db: Database) -> None:
            for side in ("employee", "manager"):
                db.execute(
                    f"ALTER TABLE plans ADD COLUMN {side}_agreed_as TEXT NOT NULL DEFAULT ''"
                    f" CHECK (length({side}_agreed_as) <= 60)"
                )

    db = Database(path)
    migrations.apply(db)
    db["plans"].insert(
        {
            "edit_token_hash": "h" * 64,
            "created_at": "2026-01-05T09:30:00+00:00",
            "updated_at": "2026-01-05T09:30:00.250000+00:00",
            "last_used_on": "2026-01-05",
            "target_role": "porter",
            "have": '["teamwork", "customer-care"]',
            "support": "an old plan",
        }
    )
    db["plan_items"].insert(
        {"plan_id": 1, "position": 0, "kind": "goal", "title": "Start as a Porter",
         "target_date": "2027-06-01", "status": "done", "gains": '["teamwork"]'}
    )  # fmt: skip
    if agreed_as:
        db.execute(
            "UPDATE plans SET manager_agreed_on = '2026-01-06', manager_agreed_as = 'Porter'"
        )
    db.close()
    return path


# --- backup ---------------------------------------------------------------------------------


def test_a_backup_into_a_folder_is_dated_checked_and_old_ones_go(live, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / "planner-20200101-000000.sqlite"
    stale.write_bytes(b"old")
    os.utime(stale, (time.time() - 40 * 86400,) * 2)
    result = cli("backup", str(folder), "--database", str(live))
    assert result.exit_code == 0, result.output
    (copy,) = folder.glob("planner-*.sqlite")
    assert backup.check_backup(copy) == "ok"
    assert supports(copy) == ["the live plan"]


def test_a_missing_folder_ending_in_a_slash_is_made(live, tmp_path):
    """Regression: `planner backup DIR` with DIR missing wrote one file called DIR."""
    result = cli("backup", f"{tmp_path / 'new'}/", "--database", str(live))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "new").glob("planner-*.sqlite"))) == 1


def test_a_missing_path_that_is_not_a_sqlite_file_name_is_refused(live, tmp_path):
    result = cli("backup", str(tmp_path / "daily"), "--database", str(live))
    assert result.exit_code == 1
    assert "end the path with /" in result.output
    assert not (tmp_path / "daily").exists()


def test_a_backup_to_one_named_file(live, tmp_path):
    result = cli("backup", str(tmp_path / "copy.sqlite"), "--database", str(live))
    assert result.exit_code == 0, result.output
    assert supports(tmp_path / "copy.sqlite") == ["the live plan"]


def test_a_missing_parent_folder_is_said_plainly(live, tmp_path):
    """Regression: a missing parent gave a traceback."""
    result = cli("backup", str(tmp_path / "no" / "such" / "x.sqlite"), "--database", str(live))
    assert result.exit_code == 1
    assert "does not exist, so nothing was backed up" in result.output
    assert "Traceback" not in result.output


def test_a_wrong_database_setting_is_refused_and_nothing_is_made(tmp_path):
    """Regression: a wrong PLANNER_DATABASE made (and backed up) an empty database."""
    wrong = tmp_path / "planer.sqlite"
    result = cli("backup", f"{tmp_path}/", env={"PLANNER_DATABASE": str(wrong)})
    assert result.exit_code == 1
    assert f"There is no plans database at {wrong}" in result.output
    assert not wrong.exists()
    result = cli("purge", env={"PLANNER_DATABASE_URL": f"sqlite:///{wrong}"})
    assert result.exit_code == 1
    assert "planner init-db" in result.output
    assert not wrong.exists()


def test_postgresql_is_backed_up_with_its_own_tools(postgres_url):
    for command in (["backup", "/tmp/x/"], ["restore", __file__, "--yes"]):
        result = cli(*command, "--database", postgres_url)
        assert result.exit_code == 1
        assert "pg_dump" in result.output and "pg_restore" in result.output


# --- restore --------------------------------------------------------------------------------


def test_a_backup_comes_back_and_the_live_database_is_kept_beside_it(live, tmp_path):
    copy = tmp_path / "copy.sqlite"
    assert cli("backup", str(copy), "--database", str(live)).exit_code == 0
    engine = store.open_engine(f"sqlite:///{live}")
    store.create_plan(engine, new_plan(support="made after the backup"), NOW)
    engine.dispose()
    result = cli("restore", str(copy), "--yes", "--database", str(live))
    assert result.exit_code == 0, result.output
    assert supports(live) == ["the live plan"]
    assert supports(live.with_name("live.sqlite.before-restore")) == [
        "the live plan",
        "made after the backup",
    ]


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x01" * 4000),
            "file is not a database",
        ),
        (lambda p: sqlite3.connect(p).execute("create table plans(id integer)"), "did not make"),
        (lambda p: sqlite3.connect(p).execute("create table notes(id integer)"), "no plans tables"),
    ],
    ids=["damaged", "a plans table of someone else's", "not a plans database"],
)
def test_restore_refuses_what_is_not_a_plans_backup(live, tmp_path, make, problem):
    """Regression: a file holding only `create table plans(id integer)` replaced every plan."""
    bad = tmp_path / "bad.sqlite"
    make(bad)
    result = cli("restore", str(bad), "--yes", "--database", str(live))
    assert result.exit_code == 1
    assert "was not restored, and nothing was changed" in result.output
    assert problem in result.output
    assert supports(live) == ["the live plan"]


def test_restore_refuses_a_backup_from_a_newer_planner(live, tmp_path):
    newer = tmp_path / "newer.sqlite"
    assert cli("backup", str(newer), "--database", str(live)).exit_code == 0
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = cli("restore", str(newer), "--yes", "--database", str(live))
    assert result.exit_code == 1
    assert "does not know" in result.output


def test_a_backup_made_before_alembic_is_restored_and_brought_up_to_date(live, tmp_path):
    result = cli(
        "restore", str(old_database(tmp_path / "old.sqlite")), "--yes", "--database", str(live)
    )
    assert result.exit_code == 0, result.output
    assert supports(live) == ["an old plan"]


def test_a_database_made_before_alembic_is_adopted_with_its_plans(tmp_path):
    engine = store.open_engine(f"sqlite:///{old_database(tmp_path / 'old.sqlite')}")
    store.prepare(engine)
    with engine.connect() as conn:
        assert database.check_schema(conn) == database.head_revision()
    assert store.table_counts(engine) == {
        "plans": 1,
        "plan_items": 1,
        "reviews": 0,
        "share_links": 0,
    }
    store.purge(engine, NOW.date(), 3650)  # reads the old text dates
    with engine.connect() as conn:
        plan = store._plan(conn, conn.execute(select(plans)).first(), NOW)
    engine.dispose()
    assert plan.have == ("teamwork", "customer-care")
    assert plan.created_at == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert plan.items[0].gains == ("teamwork",) and plan.items[0].status == "done"


def test_a_database_with_agreement_roles_made_before_alembic_is_adopted_at_their_migration(
    tmp_path,
):
    engine = store.open_engine(f"sqlite:///{old_database(tmp_path / 'old.sqlite', True)}")
    with engine.connect() as conn:
        assert database.known_schema(conn) == "0002"  # adding the columns again would fail
    store.prepare(engine)
    with engine.connect() as conn:
        assert database.check_schema(conn) == database.head_revision()
        plan = store._plan(conn, conn.execute(select(plans)).first(), NOW)
    engine.dispose()
    assert (plan.manager_agreed_as, plan.employee_agreed_as) == ("Porter", "")


def test_restore_asks_first(live, tmp_path):
    copy = tmp_path / "copy.sqlite"
    assert cli("backup", str(copy), "--database", str(live)).exit_code == 0
    result = CliRunner().invoke(main, ["restore", str(copy), "--database", str(live)], input="n\n")
    assert result.exit_code == 1
    assert not live.with_name("live.sqlite.before-restore").exists()


def backup_of(live: Path, tmp_path: Path, name: str = "backup.sqlite") -> Path:
    copy = tmp_path / name
    assert cli("backup", str(copy), "--database", str(live)).exit_code == 0
    return copy


def refused_and_untouched(live: Path, bad: Path, *words: str) -> None:
    """The restore exits 1, says nothing changed (and why), and the live file is byte for byte
    what it was, with nothing left beside it."""
    before = live.read_bytes()
    result = cli("restore", str(bad), "--yes", "--database", str(live))
    assert result.exit_code == 1, result.output
    assert "was not restored, and nothing was changed" in result.output
    for word in words:
        assert word in result.output
    assert live.read_bytes() == before
    assert sorted(p.name for p in live.parent.glob("live.sqlite*")) == ["live.sqlite"]


def test_a_file_with_only_a_migration_number_is_refused_before_the_live_file_is_touched(
    live, tmp_path
):
    """It passed the check, was copied over the live file, and only then failed its migration."""
    bad = tmp_path / "only-version.sqlite"
    with closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    refused_and_untouched(live, bad, "it has no table called 'plans'")


def test_a_sqlite_utils_marker_with_a_stub_plans_table_is_refused(live, tmp_path):
    bad = tmp_path / "stub.sqlite"
    with closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set"
                     " TEXT, name TEXT, applied_at TEXT)")  # fmt: skip
        conn.execute("INSERT INTO _sqlite_migrations VALUES (1, 'planner', 'm001_plans', '')")
        conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY)")
    refused_and_untouched(live, bad, "not the planner's own database")


def test_a_real_backup_with_a_hidden_table_and_a_trigger_is_refused(live, tmp_path):
    """Restored with exit 0 before: the trigger then copied every support text it saw."""
    bad = backup_of(live, tmp_path)
    with closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute("CREATE TABLE notes (support TEXT)")
        conn.execute(
            "CREATE TRIGGER copy_support AFTER UPDATE ON plans "
            "BEGIN INSERT INTO notes VALUES (new.support); END"
        )
    refused_and_untouched(
        live,
        bad,
        "a table called 'notes' that the planner does not make",
        "a trigger called 'copy_support'",
    )


@pytest.mark.parametrize(
    "change",
    [
        "CREATE VIEW every_support AS SELECT support FROM plans",
        "CREATE INDEX plans_support ON plans (support)",
        "ALTER TABLE plans ADD COLUMN extra TEXT",
        "DROP INDEX plans_last_used_on",
    ],
    ids=["a view", "an index", "a column", "a missing index"],
)
def test_anything_but_the_planners_own_schema_is_refused(live, tmp_path, change):
    bad = backup_of(live, tmp_path)
    with closing(sqlite3.connect(bad)) as conn, conn:
        conn.execute(change)
    refused_and_untouched(live, bad, "not the planner's own database")


def test_a_backup_at_every_migration_the_planner_knows_is_restored_and_brought_up_to_date(
    live, tmp_path
):
    """What counts as the planner's own schema comes from the migrations themselves, so a new
    migration (a new column for reviews, say) needs no change to the restore check."""
    from alembic import command

    revisions = sorted(database.known_revisions())
    assert len(revisions) >= 2
    for revision in revisions:
        older = tmp_path / f"at-{revision}.sqlite"
        engine = store.open_engine(f"sqlite:///{older}")
        with database.write(engine) as conn:
            command.upgrade(database._alembic(conn), revision)
            conn.exec_driver_sql(
                "INSERT INTO plans (edit_token_hash, last_used_on, target_role, have, support,"
                " content_version, version, created_at, updated_at) VALUES ('h', '2026-11-23',"
                f" 'porter', '[]', 'at {revision}', 1, 1, '2026-11-23T10:00:00.000000+00:00',"
                " '2026-11-23T10:00:00.000000+00:00')"
            )
        engine.dispose()
        assert backup.check_backup(older) == "ok", revision
        result = cli("restore", str(older), "--yes", "--database", str(live))
        assert result.exit_code == 0, result.output
        assert supports(live) == [f"at {revision}"]
        assert backup.check_backup(live) == "ok"


def test_restoring_the_live_database_onto_itself_is_refused_plainly(live, tmp_path):
    """It used to hang for good."""
    import subprocess
    import sys

    planner = Path(sys.executable).with_name("planner")
    done = subprocess.run(
        [str(planner), "restore", str(live), "--database", str(live), "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "is the live database itself" in done.stderr
    assert supports(live) == ["the live plan"]


def test_before_asking_it_says_deleted_plans_and_stopped_links_come_back(live, tmp_path):
    copy = backup_of(live, tmp_path)
    result = CliRunner().invoke(main, ["restore", str(copy), "--database", str(live)], input="n\n")
    asked = result.output
    assert "Plans deleted since the backup was made will come back" in asked
    assert "view-only links stopped since then will work again" in asked
    assert asked.index("come back") < asked.index("[y/N]")


# --- init-db and purge ----------------------------------------------------------------------


def test_init_db_makes_the_tables(tmp_path):
    path = tmp_path / "new.sqlite"
    result = cli("init-db", "--database", str(path))
    assert result.exit_code == 0, result.output
    assert backup.check_backup(path) == "ok"


def test_init_db_says_plainly_when_the_folder_is_missing(tmp_path):
    result = cli("init-db", "--database", str(tmp_path / "nope" / "new.sqlite"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_purge_on_both_databases(database_url):
    url = database.describe(database_url) if "sqlite" in database_url else database_url
    assert cli("init-db", "--database", url).exit_code == 0
    engine = store.open_engine(store_url(database_url))
    store.create_plan(engine, new_plan(), datetime(2020, 1, 1, tzinfo=UTC))
    store.create_plan(engine, new_plan(), datetime.now(UTC))
    engine.dispose()
    result = cli("purge", "--days", "365", "--database", url)
    assert result.exit_code == 0, result.output
    assert "Deleted 1 plans" in result.output


def store_url(url: str) -> str:
    from planner.config import database_url

    return database_url({"DATABASE_URL": url})
