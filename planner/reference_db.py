"""The reference data as a SQLite database that Datasette (or any SQLite tool) can browse.

``planner export-data PATH`` writes every list in ``data/nhs_bands.json``
(bands, roles, skills, courses and apprenticeships, experience ...) as a table
with its ``id`` as the primary key, the sources as a table of their own, and
for every field that names ids of another table (a role's ``requires``, a
course's ``grants``, a role's ``band``) either a foreign key or a link table
(``roles_requires``: ``roles_id``, ``skills_id``), so Datasette shows the
links. Nothing about plans or people is in it. It is made with sqlite-utils,
from the file as it is, so it follows the data file without code changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

__all__ = ["export_reference_data"]


def _tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every list of records with ids, and the sources (a mapping of id to record)."""
    tables = {
        name: rows
        for name, rows in data.items()
        if isinstance(rows, list) and rows and all(isinstance(r, dict) and "id" in r for r in rows)
    }
    sources = data.get("sources")
    if isinstance(sources, dict):
        tables["sources"] = [{"id": key, **value} for key, value in sources.items()]
    return tables


def _owner(ids: dict[str, set[str]], values: list[Any], table: str) -> str | None:
    """The one other table whose ids these values all are, if there is exactly one."""
    if not values or not all(isinstance(v, str) for v in values):
        return None
    wanted = set(values)
    owners = [name for name, known in ids.items() if name != table and wanted <= known]
    return owners[0] if len(owners) == 1 else None


def export_reference_data(data_path: str | Path, target: str | Path) -> dict[str, int]:
    """Write the reference data into a new SQLite file; returns the rows in each table."""
    data = json.loads(Path(data_path).read_text(encoding="utf-8"))
    tables = _tables(data)
    ids = {name: {str(r["id"]) for r in rows} for name, rows in tables.items()}
    target = Path(target)
    target.unlink(missing_ok=True)
    db = sqlite_utils.Database(target)
    with db.conn:
        for name, rows in tables.items():
            db[name].insert_all(rows, pk="id", alter=True)
        for name, rows in tables.items():
            fields = {key for row in rows for key in row} - {"id"}
            for field in sorted(fields):
                values = [row.get(field) for row in rows if row.get(field) is not None]
                if values and all(isinstance(v, str) for v in values):
                    owner = _owner(ids, values, name)
                    if owner:
                        db[name].add_foreign_key(field, owner, "id", ignore=True)
                    continue
                lists = [v for v in values if isinstance(v, list)]
                owner = _owner(ids, [x for v in lists for x in v], name) if lists else None
                if owner and len(lists) == len(values):
                    links = [
                        {f"{name}_id": row["id"], f"{owner}_id": x}
                        for row in rows
                        for x in row.get(field) or []
                    ]
                    db[f"{name}_{field}"].insert_all(
                        links,
                        pk=(f"{name}_id", f"{owner}_id"),
                        foreign_keys=[(f"{name}_id", name, "id"), (f"{owner}_id", owner, "id")],
                        ignore=True,
                    )
    counts = {name: db[name].count for name in db.table_names()}
    db.close()
    return counts
