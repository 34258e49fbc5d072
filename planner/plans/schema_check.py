"""Is a SQLite file exactly the planner's own schema, at a migration this code knows?

A backup is put back only if every table, column, index, check, trigger and
view in it is one the planner makes: a file with only ``alembic_version`` in
it, a stub ``plans`` table, or a real backup with a hidden table and a trigger
that copies plan text into it, are all refused. What "the planner's own" means
at each migration is not written down here: it is made by running the
migrations themselves (:func:`expected_schema`), so a new migration needs no
change here.

A SQLite file made before the planner used Alembic (by sqlite-utils) is
adopted at the migration that builds the same tables (see
:func:`planner.plans.database.known_schema`). Its tables were written by hand
then, with other column types and defaults, so for such a file the names are
checked (every table, column and index the migration has, sqlite-utils' own
record of its migrations, and nothing else).
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command

from planner.plans import database

__all__ = ["differences", "expected_schema", "schema_of"]

#: What sqlite-utils kept beside the plan tables before Alembic: its record of migrations.
SQLITE_UTILS_OBJECTS = {
    "_sqlite_migrations": "table",
    "idx__sqlite_migrations_migration_set_name": "index",
}
_CHECK = re.compile(r"(?:\bCONSTRAINT\s+(\"?\w+\"?)\s+)?\bCHECK\s*\(", re.IGNORECASE)

Schema = Mapping[str, tuple[Any, ...]]


def _words(sql: str) -> str:
    """SQL with its spacing and quoting made plain, so only what it means is compared.

    >>> _words('length( "support" )   <= 600')
    'length(support)<=600'
    """
    return re.sub(r"\s+", "", sql.replace('"', "").replace("`", "")).lower()


def _checks(sql: str) -> tuple[tuple[str, str], ...]:
    """Every CHECK in a CREATE TABLE statement, as (its name or "", what it checks).

    >>> _checks("CREATE TABLE t (a TEXT, CONSTRAINT t_a CHECK (length(a) <= 9), CHECK (a IN ('x')))")
    (('', "ain('x')"), ('t_a', 'length(a)<=9'))
    """
    found = []
    for match in _CHECK.finditer(sql):
        depth, end = 1, match.end()
        while end < len(sql) and depth:
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        name = (match.group(1) or "").strip('"')
        found.append((name, _words(sql[match.end() : end - 1])))
    return tuple(sorted(found))


def schema_of(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """Every object in a SQLite file, by name: what it is and all that makes it what it is."""
    objects: dict[str, tuple[Any, ...]] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            columns = tuple(
                (row[1], str(row[2]).upper(), row[3], row[4], row[5], row[6])
                for row in conn.execute(f'PRAGMA table_xinfo("{name}")')
            )
            keys = tuple(
                sorted(
                    tuple(row[2:7]) for row in conn.execute(f'PRAGMA foreign_key_list("{name}")')
                )
            )
            objects[name] = (kind, columns, keys, _checks(sql or ""))
        elif kind == "index":
            listed = {row[1]: row for row in conn.execute(f'PRAGMA index_list("{table}")')}.get(
                name
            )
            columns = tuple(row[2] for row in conn.execute(f'PRAGMA index_info("{name}")'))
            unique, partial = (listed[2], listed[4]) if listed else (None, None)
            objects[name] = (kind, table, unique, partial, columns, _words(sql or ""))
        else:  # a trigger or a view: the planner makes neither
            objects[name] = (kind, table, _words(sql or ""))
    return objects


@cache
def expected_schema(revision: str) -> dict[str, tuple[Any, ...]]:
    """The planner's own schema at a migration, made by running the migrations up to it."""
    with tempfile.TemporaryDirectory(prefix="planner-schema-") as folder:
        path = Path(folder) / "schema.sqlite"
        engine = database.open_engine(f"sqlite:///{path}")
        try:
            with database.write(engine) as conn:
                command.upgrade(database._alembic(conn), revision)
        finally:
            engine.dispose()
        with sqlite3.connect(path) as conn:
            return schema_of(conn)


def _names(schema: Schema) -> dict[str, tuple[Any, ...]]:
    """Each object's kind and, for a table, its column names: what a pre-Alembic file shares."""
    named = {}
    for name, description in schema.items():
        kind = description[0]
        if name == "alembic_version" or (kind == "index" and description[1] == "alembic_version"):
            continue  # made when the file is adopted
        columns = sorted(c[0] for c in description[1]) if kind == "table" else None
        named[name] = (kind, columns)
    return named


def differences(actual: Schema, revision: str) -> list[str]:
    """What in ``actual`` is not the planner's own schema at ``revision``, in plain words.

    Empty when it is exactly the planner's own.
    """
    expected: Mapping[str, tuple[Any, ...]] = expected_schema(revision)
    made_before_alembic = "_sqlite_migrations" in actual
    if made_before_alembic:
        actual = _names(actual)
        expected = {
            **_names(expected),
            **{name: (kind, None) for name, kind in SQLITE_UTILS_OBJECTS.items()},
        }
        actual = {
            name: (kind, None) if name in SQLITE_UTILS_OBJECTS else (kind, columns)
            for name, (kind, columns) in actual.items()
        }
    found = []
    for name in sorted(set(actual) - set(expected)):
        found.append(f"it has a {actual[name][0]} called {name!r} that the planner does not make")
    for name in sorted(set(expected) - set(actual)):
        found.append(f"it has no {expected[name][0]} called {name!r}")
    for name in sorted(set(actual) & set(expected)):
        if actual[name] != expected[name]:
            found.append(
                f"its {expected[name][0]} {name!r} is not as the planner makes it "
                f"at migration {revision}"
            )
    return found
