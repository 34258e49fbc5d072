"""Reading values out of a decoded JSON file, noting every problem instead of stopping.

The rules file is checked in one pass: every wrong type, missing key, bad date
or bad source is noted with where it is (``outcomes[3].adult``), so one run
lists them all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["Reader", "read_json"]


def read_json(path: str | Path) -> tuple[Any, list[str]]:
    """The decoded file, or ``None`` and the problem (missing, or not JSON)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [f"file not found: {path}"]
    except json.JSONDecodeError as err:
        return None, [f"line {err.lineno}: not valid JSON ({err.msg})"]


class Reader:
    """Reads values out of the decoded file, noting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(
        self, obj: Any, key: str, where: str, kind: type | tuple[type, ...], optional=False
    ) -> Any:
        if not isinstance(obj, Mapping) or key not in obj:
            if not optional:
                self.problems.append(f"{where}: '{key}' is missing")
            return None
        value = obj[key]
        if value is None and optional:
            return None
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in kinds):
            self.problems.append(f"{where}.{key}: wrong type {type(value).__name__}")
            return None
        return value

    def text(self, obj: Any, key: str, where: str) -> str:
        return self.get(obj, key, where, str) or ""

    def iso(self, obj: Any, key: str, where: str) -> date:
        text = self.get(obj, key, where, str)
        try:
            return date.fromisoformat(text) if text else date.min
        except ValueError:
            self.problems.append(f"{where}.{key}: not a YYYY-MM-DD date")
            return date.min

    def sources(self, obj: Any, where: str) -> tuple[str, ...]:
        items = self.get(obj, "sources", where, list) or []
        good = tuple(
            s for s in items if isinstance(s, str) and s.startswith(("http://", "https://"))
        )
        if not good or len(good) != len(items):
            self.problems.append(
                f"{where}.sources: needs at least one web address, all web addresses"
            )
        return good

    def months(self, obj: Any, key: str, where: str) -> int | None:
        value = self.get(obj, key, where, int, optional=True)
        if value is not None and value < 0:
            self.problems.append(f"{where}.{key}: months cannot be negative")
        return value

    def missing(self, found: Mapping[str, Any], wanted: frozenset[str], where: str, what: str):
        for name in sorted(wanted - found.keys()):
            self.problems.append(f"{where}: {what} '{name}' is missing")
