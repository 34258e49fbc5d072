"""Validation of the data file: the real one loads, and each rule rejects a bad example."""

from __future__ import annotations

import copy
import json

import pytest

from planner.catalogue import DEFAULT_DATA_PATH, CatalogueError, load_catalogue, parse_catalogue

SRC = [{"title": "Test source", "url": "https://example.org/"}]


def minimal_raw() -> dict:
    """The smallest valid data file: one band, two skills, two roles, a course, volunteering."""
    return {
        "about": {"title": "Test data", "updated": "2026-11-23"},
        "sources": {"seed": {"title": "The seed guide"}},
        "progression": {
            "hire_weeks": {"typical": 14, "min": 8, "sources": SRC},
            "time_in_post": [
                {
                    "id": "a-year-before-moving-up",
                    "name": "A year before moving up",
                    "family": "admin",
                    "into_bands": ["3", "4"],
                    "weeks": 52,
                    "typical_weeks": 104,
                    "inferred": True,
                    "inferred_reason": "an estimate",
                    "sources": SRC,
                }
            ],
        },
        "families": [{"id": "admin", "name": "Admin"}],
        "routes": [{"id": "office", "name": "Office", "family": "admin"}],
        "dbs_levels": [{"id": "basic", "name": "Basic", "shows": "Unspent only.", "sources": SRC}],
        "bands": [
            {"id": "1", "name": "Band 1", "closed": True, "description": "Closed.", "sources": SRC},
            {
                "id": "2",
                "name": "Band 2",
                "closed": False,
                "description": "Entry.",
                "pay_2026_27": {"entry": 25272, "top": 25272},
                "sources": SRC,
            },
        ],
        "skills": [
            {
                "id": "teamwork",
                "name": "Teamwork",
                "level": 1,
                "kind": "skill",
                "description": "Working well with others.",
                "sources": [{"ref": "seed", "where": "skills table"}],
            },
            {
                "id": "typing",
                "name": "Typing",
                "level": 1,
                "kind": "skill",
                "description": "Typing.",
                "met_by": [["teamwork"]],
                "inferred": True,
                "inferred_reason": "for the test",
                "sources": SRC,
            },
        ],
        "roles": [
            {
                "id": "office-helper",
                "title": "Office Helper",
                "band": "2",
                "family": "admin",
                "route": "office",
                "summary": "You help.",
                "requires": ["teamwork"],
                "desirable": ["typing"],
                "dbs": {
                    "level": "basic",
                    "patient_contact": False,
                    "default": True,
                    "sources": SRC,
                },
                "sources": SRC,
            },
            {
                "id": "typist",
                "title": "Typist",
                "band": "2",
                "family": "admin",
                "route": "office",
                "summary": "You type.",
                "requires": ["typing"],
                "desirable": [],
                "dbs": {
                    "level": "basic",
                    "patient_contact": False,
                    "default": True,
                    "sources": SRC,
                },
                "sources": SRC,
            },
        ],
        "learning": [
            {
                "id": "typing-course",
                "name": "Typing course",
                "kind": "course",
                "level": 1,
                "summary": "Learn to type.",
                "duration": {"weeks": 4, "min_weeks": 2, "max_weeks": 6, "sources": SRC},
                "grants": ["typing"],
                "requires": [],
                "cost": "Free",
                "sources": SRC,
            }
        ],
        "experience": [
            {
                "id": "volunteering",
                "name": "Volunteering",
                "grants": ["teamwork"],
                "weeks": 12,
                "summary": "Helping out.",
                "sources": SRC,
            }
        ],
    }


def test_minimal_example_is_valid():
    catalogue = parse_catalogue(minimal_raw())
    assert [r.id for r in catalogue.roles] == ["office-helper", "typist"]


def test_the_real_data_file_loads():
    catalogue = load_catalogue(DEFAULT_DATA_PATH)
    assert len(catalogue.roles) >= 35


def _set(path: str, value):
    def change(raw):
        *parents, last = path.split(".")
        node = raw
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _append(key: str, index: int, **changes):
    def change(raw):
        item = copy.deepcopy(raw[key][index])
        item.update(changes)
        raw[key].append(item)

    return change


def _drop(path: str):
    def change(raw):
        *parents, last = path.split(".")
        node = raw
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return change


def _licence(refused: int = 2, serious: int = 5) -> dict:
    record = {
        "refused_within_years": refused,
        "serious_within_years": serious,
        "counted_from": "the end of the sentence",
        "sources": SRC,
    }
    return {
        "id": "sia",
        "name": "SIA licence",
        "issuer": "the SIA",
        "training": "A course",
        "training_weeks": 2,
        "decision_weeks": 5,
        "record": record,
        "check": {"title": "the SIA's indicator", "url": "https://example.org/"},
        "sources": SRC,
    }


def _prison() -> dict:
    return {
        "rotl_within_weeks": 104,
        "rotl_setup_weeks": {"min": 8, "max": 10},
        "hub_weeks_before_release": 12,
        "sources": SRC,
    }


BAD_EXAMPLES = {
    "unknown key": (_set("roles.0.colour", "blue"), "roles[0]: Additional properties"),
    "band that does not exist": (_set("roles.0.band", "10"), "roles[0].band: '10' is not a band"),
    "closed band": (_set("roles.0.band", "1"), "roles[0].band: band 1 is closed"),
    "not an AfC band": (_set("bands.1.id", "10"), "bands[1].id: '10' is not an Agenda for Change"),
    "duplicate id": (
        _append("roles", 0),
        "roles[2].id: 'office-helper' is used twice (first at roles[0])",
    ),
    "unknown skill in requires": (
        _set("roles.0.requires", ["teamwork", "juggling"]),
        "roles[0].requires: 'juggling' is not a known skill",
    ),
    "unknown skill in grants": (
        _set("learning.0.grants", ["juggling"]),
        "learning[0].grants: 'juggling' is not a known skill",
    ),
    "unknown role in experience": (
        _set("experience.0.in_roles", ["juggler"]),
        "experience[0].in_roles: 'juggler' is not a known role",
    ),
    "unknown family": (_set("roles.0.family", "clinical"), "'clinical' is not a known family"),
    "unknown named source": (
        _set("skills.0.sources", [{"ref": "nowhere"}]),
        "skills[0].sources[0].ref: 'nowhere' is not in the top-level sources",
    ),
    "missing source": (_set("roles.0.sources", []), "roles[0].sources: [] should be non-empty"),
    "inferred without a reason": (
        _drop("skills.1.inferred_reason"),
        "skills[1]: 'inferred_reason' is a required property",
    ),
    "id is not the slug of the title": (
        _set("roles.0.id", "helper"),
        "roles[0].id: 'helper' should be 'office-helper'",
    ),
    "self-loop in learning": (
        _set("learning.0.requires", ["typing"]),
        "learning[0]: it needs what it gives: ['typing']",
    ),
    "self-loop in equivalence": (
        _set("skills.1.met_by", [["typing"]]),
        "skills[1].met_by[0]: 'typing' cannot be met by itself",
    ),
    "duration outside its range": (
        _set("learning.0.duration.weeks", 10),
        "learning[0].duration: weeks must lie between",
    ),
    "bad availability date": (
        _set("learning.0.availability", {"starts_until": "2026-02-30", "sources": SRC}),
        "learning[0].availability.starts_until: '2026-02-30' is not a date",
    ),
    "apprenticeship without the job it is done in": (
        _set("learning.0.kind", "apprenticeship"),
        "learning[0]: an apprenticeship needs done_in",
    ),
    "apprentice post whose apprenticeship is a course": (
        _set("roles.0.apprenticeship", "typing-course"),
        "roles[0].apprenticeship: 'typing-course' is not an apprenticeship",
    ),
    "band range upside down": (
        _set("roles.0.band_top", "1"),
        "roles[0].band_top: 'to' is below 'from'",
    ),
    "ladder a job's experience counts on is unknown": (
        _set("roles.0.transferable_to", ["nowhere"]),
        "roles[0].transferable_to: 'nowhere' is not a known route",
    ),
    "time in post for an unknown family": (
        _set("progression.time_in_post.0.family", "clinical"),
        "progression.time_in_post[0].family: 'clinical' is not a known family",
    ),
    "least time in post more than the typical time": (
        _set("progression.time_in_post.0.weeks", 200),
        "progression.time_in_post[0]: weeks (the least) must not be more than typical_weeks",
    ),
    "hiring faster at least than typical": (
        _set("progression.hire_weeks.min", 20),
        "progression.hire_weeks: min must not be more than typical",
    ),
    "a licence nobody defined": (
        _set("roles.0.licences", [{"licence": "sia", "asked": "some", "sources": SRC}]),
        "roles[0].licences[0].licence: 'sia' is not a known licence",
    ),
    "how many adverts ask for a licence, in words we do not know": (
        _set("roles.0.licences", [{"licence": "sia", "asked": "lots", "sources": SRC}]),
        "roles[0].licences[0].asked: 'lots' is not one of",
    ),
    "barred lists on a job whose check has none": (
        _set(
            "roles.0.barred_lists",
            {"lists": ["adults"], "closes": "moving-patients", "sources": SRC},
        ),
        "roles[0].barred_lists: only a job with an enhanced check with barred lists",
    ),
    "a licence's serious-offence years shorter than its refusal years": (
        _set("licences", [_licence(refused=5, serious=2)]),
        "licences[0].record: serious_within_years must not be less than refused_within_years",
    ),
    "a licence with no way to check first": (
        _set("licences", [{**_licence(), "check": {"title": "t", "url": "http://x"}}]),
        "licences[0].check.url: 'http://x' does not match",
    ),
    "ROTL set up in fewer weeks at most than at least": (
        _set("prison", {**_prison(), "rotl_setup_weeks": {"min": 10, "max": 8}}),
        "prison.rotl_setup_weeks: min must not be more than max",
    ),
    "a course taught in prison with no source": (
        _set("learning.0.inside_prison", {"sources": []}),
        "learning[0].inside_prison.sources: [] should be non-empty",
    ),
    "role no route can reach": (
        _set("experience.0.grants", ["typing"]),
        "roles[0] 'office-helper': no route can reach this role: nothing in the data gives 'teamwork'",
    ),
}


@pytest.mark.parametrize("rule", list(BAD_EXAMPLES))
def test_each_rule_rejects_a_bad_example(rule):
    change, expected = BAD_EXAMPLES[rule]
    raw = minimal_raw()
    change(raw)
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(raw)
    assert any(expected in problem for problem in info.value.problems), info.value.problems


def test_all_problems_are_reported_together():
    raw = minimal_raw()
    raw["roles"][0]["band"] = "10"
    raw["roles"][1]["requires"] = ["juggling"]
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(raw)
    assert len(info.value.problems) == 2


def test_a_bad_date_does_not_stop_the_checks_after_it():
    raw = minimal_raw()
    raw["learning"][0]["availability"] = {"starts_until": "2026-02-30", "sources": SRC}
    second = copy.deepcopy(raw["learning"][0])
    second.pop("availability", None)
    second.update(id="juggling-course", name="Juggling course", requires=["juggling"])
    raw["learning"].append(second)  # checked after the first learning item
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(raw)
    problems = info.value.problems
    assert any("'2026-02-30' is not a date" in p for p in problems), problems
    assert any("juggling" in p for p in problems), problems


def test_bad_json_says_where(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"about": ', encoding="utf-8")
    with pytest.raises(CatalogueError, match="line 1 column 11: not valid JSON"):
        load_catalogue(path)


def test_check_data_command_lists_problems_and_exits_non_zero(tmp_path):
    from click.testing import CliRunner

    from planner.cli import main

    raw = minimal_raw()
    raw["roles"][1]["band"] = "10"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(path)])
    assert result.exit_code == 1
    assert "roles[1].band: '10' is not a band" in result.output

    path.write_text(json.dumps(minimal_raw()), encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(path)])
    assert result.exit_code == 0, result.output
    assert "is valid: 2 roles" in result.output


def test_app_refuses_to_start_on_invalid_data(tmp_path):
    from planner import create_app

    raw = minimal_raw()
    raw["roles"][0]["band"] = "10"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CatalogueError, match="'10' is not a band"):
        create_app({"DATA_PATH": str(path), "DATABASE": str(tmp_path / "db.sqlite")})
