"""The `planner` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_route_prints_steps():
    result = CliRunner().invoke(main, ["route", "--have", "teamwork", "--to", "admin-team-lead"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Route 1: about ")
    assert "role: Admin Team Lead" in result.output


def test_route_json_matches_the_api_shape():
    result = CliRunner().invoke(
        main, ["route", "--from", "admin-assistant", "--to", "admin-team-lead", "--json"]
    )
    assert result.exit_code == 0, result.output
    routes = json.loads(result.output)["routes"]
    assert routes[0]["steps"][-1]["id"] == "admin-team-lead"
    assert {"total_weeks", "start", "steps"} <= set(routes[0])


def test_unknown_role_suggests_the_nearest():
    result = CliRunner().invoke(main, ["route", "--to", "admin-team-leed"])
    assert result.exit_code == 1
    assert "Did you mean: admin-team-lead" in result.output


def test_unknown_skill_suggests_the_nearest():
    result = CliRunner().invoke(main, ["route", "--have", "teamwerk", "--to", "admin-team-lead"])
    assert result.exit_code == 1
    assert "teamwerk: did you mean teamwork" in result.output


def test_check_data_on_the_shipped_file():
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output


def test_export_data_writes_the_reference_data_with_its_links(tmp_path):
    import sqlite_utils

    from planner.catalogue import DEFAULT_DATA_PATH, load_catalogue

    path = tmp_path / "reference.sqlite"
    for _ in range(2):  # a second run replaces the file
        result = CliRunner().invoke(main, ["export-data", str(path)])
        assert result.exit_code == 0, result.output
    catalogue = load_catalogue(DEFAULT_DATA_PATH)
    db = sqlite_utils.Database(path)
    assert db["roles"].count == len(catalogue.roles)
    assert db["skills"].count == len(catalogue.skills)
    assert {fk.other_table for fk in db["roles"].foreign_keys} >= {"bands", "families"}
    assert {fk.other_table for fk in db["roles_requires"].foreign_keys} == {"roles", "skills"}
    pairs = {(r["roles_id"], r["skills_id"]) for r in db["roles_requires"].rows}
    assert pairs == {(r.id, s) for r in catalogue.roles for s in r.requires}
    assert not {"plans", "plan_items"} & set(db.table_names())


def test_export_data_says_plainly_when_the_folder_is_missing(tmp_path):
    result = CliRunner().invoke(main, ["export-data", str(tmp_path / "no" / "x.sqlite")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = main.commands[name]
    assert command.help, f"{name} is missing its help"
    assert f"planner {name}" in README, f"README does not mention `planner {name}`"
