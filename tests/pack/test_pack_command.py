"""`planner pack` refuses, plainly and before writing anything, a folder it cannot use and a
data file that fails the catalogue checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.catalogue import DEFAULT_DATA_PATH
from planner.cli import main


def _pack(*args: str):
    return CliRunner().invoke(main, ["pack", *args])


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_folder_that_is_not_empty_is_refused(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = _pack(str(folder))
    assert result.exit_code == 1
    assert f"The folder {folder} is not empty, so nothing was written." in result.output
    assert _everything(folder) == ["notes.txt"]
    assert _everything(tmp_path) == ["out", "out/notes.txt"]


def test_a_file_in_the_way_is_refused(tmp_path):
    blocker = tmp_path / "pack.txt"
    blocker.write_text("", encoding="utf-8")
    result = _pack(str(blocker))
    assert result.exit_code == 1
    assert "is a file, not a folder. Nothing was written." in result.output
    result = _pack(str(blocker / "inside"))
    assert result.exit_code == 1
    assert "is a file, so" in result.output and "Nothing was written." in result.output
    assert _everything(tmp_path) == ["pack.txt"]


def test_a_folder_that_cannot_be_written_is_refused(tmp_path):
    if os.geteuid() == 0:  # root writes through permissions: use a read-only place instead
        place = Path("/sys")
    else:
        place = tmp_path / "locked"
        place.mkdir()
        place.chmod(0o500)
    result = _pack(str(place / "planner-pack"))
    assert result.exit_code == 1
    assert f"The pack cannot be written in {place}" in result.output
    assert "Nothing was written." in result.output
    assert not (place / "planner-pack").exists()


def test_a_bad_data_file_stops_it_with_the_checkers_list(tmp_path):
    data = json.loads(DEFAULT_DATA_PATH.read_text(encoding="utf-8"))
    data["roles"][0]["band"] = "11"
    data["roles"][1]["requires"] = [*data["roles"][1]["requires"], "no-such-skill"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    check = CliRunner().invoke(main, ["check-data", str(bad)])
    assert check.exit_code == 1
    folder = tmp_path / "out"
    result = _pack(str(folder), "--data", str(bad))
    assert result.exit_code == 1
    assert check.output.strip() in result.output  # the checker's whole list
    assert "no-such-skill" in result.output and "'11'" in result.output
    assert "Nothing was written." in result.output
    assert not folder.exists()
    assert _everything(tmp_path) == ["bad.json"]


@pytest.mark.parametrize("name", ["pack"])
def test_pack_is_in_the_readmes_command_table(name):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"| `.venv/bin/planner {name} DIR" in readme
