"""The set-up installs exactly what pyproject.toml asks for, pinned with hashes in requirements.lock."""

from __future__ import annotations

import re
import tomllib

from planner.config import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
PINNED = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\", LOCK, flags=re.MULTILINE))


def _name(requirement: str) -> tuple[str, str]:
    name, version = requirement.split("==")
    return re.sub(r"\[.*\]", "", name).lower().replace("_", "-"), version


def test_every_dependency_in_pyproject_is_pinned_at_the_same_version_in_the_lock_file():
    project = PYPROJECT["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    locked = {name.lower().replace("_", "-"): version for name, version in PINNED.items()}
    for requirement in wanted:
        name, version = _name(requirement)
        assert locked.get(name) == version, f"{name}: run `make lock` after changing pyproject.toml"


def test_every_pinned_package_has_a_hash():
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", LOCK.split("\n\n", 1)[1])
    assert len(blocks) == len(PINNED) > 50
    assert all("--hash=sha256:" in block for block in blocks)
