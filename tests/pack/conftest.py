"""The offline pack, built once for the whole session by ``planner pack`` itself.

Building it asks the route search for every job from every starting point (about a
minute), so every test of the pack reads this one build.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import create_app
from planner.cli import main

#: Building the pack takes minutes on a busy machine, inside whichever test asks first.
PACK_TIMEOUT = 1200


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/pack/" in item.nodeid:
            item.add_marker(pytest.mark.timeout(PACK_TIMEOUT))


#: The day the test pack is made on: routes and their dates depend on the day.
MADE_ON = date(2026, 12, 1)


@dataclass(frozen=True)
class Pack:
    folder: Path
    output: str

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


@pytest.fixture(scope="session")
def pack(tmp_path_factory) -> Pack:
    """The pack, built by ``planner pack`` once for the whole run: with pytest-xdist, the
    first worker to ask builds it and the others wait for it and read the same folder."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this run
    folder = root / "offline-pack"
    output = root / "offline-pack.output"
    with (root / "offline-pack.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not output.exists():
            result = CliRunner().invoke(
                main, ["pack", str(folder), "--date", MADE_ON.isoformat()], catch_exceptions=False
            )
            assert result.exit_code == 0, result.output
            output.write_text(result.output, encoding="utf-8")
    return Pack(folder, output.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pack_app(tmp_path_factory):
    """The app the pack is checked against, on the same day."""
    workdir = tmp_path_factory.mktemp("pack-app")
    return create_app(
        {"TESTING": True, "DATABASE": str(workdir / "plans.sqlite"), "TODAY": MADE_ON}
    )
