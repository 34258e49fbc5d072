"""The offline pack, built once for the whole run by ``planner pack`` itself.

Most tests read one small pack: ``planner pack --data`` on the shipped data cut down to a
few ladders (every kind of page, a fraction of the route searches and pages), built by
whichever xdist worker asks first while the others wait for it and read the same folder.
One test (test_pack_full.py) builds the whole shipped pack and checks its structure.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import create_app
from planner.catalogue import DEFAULT_DATA_PATH
from planner.cli import main

#: The day the test pack is made on: routes and their dates depend on the day.
MADE_ON = date(2026, 12, 1)

#: The ladders the small pack keeps: the kitchen ladder (the prison kitchen's way in), and
#: security (a licence, the SIA's, with what a record changes for it).
SMALL_LADDERS = ("catering", "security")


@dataclass(frozen=True)
class Pack:
    folder: Path
    output: str

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


def write_small_data(target: Path, ladders: tuple[str, ...] = SMALL_LADDERS) -> None:
    """The shipped data with only the jobs on ``ladders``; every skill, course and source
    stays, and experience and courses forget the jobs that went."""
    data = json.loads(DEFAULT_DATA_PATH.read_text(encoding="utf-8"))
    data["roles"] = [role for role in data["roles"] if role.get("route") in ladders]
    kept = {role["id"] for role in data["roles"]}
    for kind in data["experience"]:
        kind["in_roles"] = [r for r in kind.get("in_roles", []) if r in kept]
    for item in data["learning"]:
        if "roles" in item.get("done_in", {}):
            item["done_in"]["roles"] = [r for r in item["done_in"]["roles"] if r in kept]
    target.write_text(json.dumps(data), encoding="utf-8")


def shared_root(tmp_path_factory) -> Path:
    """This run's temporary folder, the same for every xdist worker of the run."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


@contextmanager
def run_lock(root: Path, name: str) -> Iterator[None]:
    """Held by one process of the run at a time: the first makes, the others then read."""
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def run_pack(folder: Path, *args: str) -> str:
    """``planner pack FOLDER --date MADE_ON ARGS``; what it printed (it must succeed)."""
    result = CliRunner().invoke(
        main, ["pack", str(folder), "--date", MADE_ON.isoformat(), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def pack_data(tmp_path_factory) -> Path:
    """The small pack's data file (written once a run)."""
    root = shared_root(tmp_path_factory)
    path = root / "offline-pack-data.json"
    with run_lock(root, "offline-pack-data"):
        if not path.exists():
            write_small_data(path.with_suffix(".part"))
            path.with_suffix(".part").rename(path)
    return path


@pytest.fixture(scope="session")
def pack(tmp_path_factory, pack_data) -> Pack:
    """The small pack, built by ``planner pack --data`` once for the whole run: with
    pytest-xdist, the first worker to ask builds it and the others wait and read it."""
    root = shared_root(tmp_path_factory)
    folder = root / "offline-pack"
    output = root / "offline-pack.output"
    with run_lock(root, "offline-pack"):
        if not output.exists():
            output.write_text(run_pack(folder, "--data", str(pack_data)), encoding="utf-8")
    return Pack(folder, output.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pack_app(tmp_path_factory, pack_data, template_cache):
    """The app on the small pack's data, on the day the pack was made: the pack is checked
    against its pages and its route memo."""
    workdir = tmp_path_factory.mktemp("pack-app")
    return create_app(
        {
            "TESTING": True,
            "DATA_PATH": str(pack_data),
            "DATABASE": str(workdir / "plans.sqlite"),
            "TODAY": MADE_ON,
            "TEMPLATE_CACHE": template_cache,
        }
    )
