"""An uploaded plan file is read in linear time, and numbers no plan holds are refused plainly.

A JSON whole number over 4,300 digits made Python's parser raise a ValueError
with no line number: a 500. The check for a key given twice counted each key
in the whole list (7,200 keys took 0.44 s): quadratic in the file's size.
"""

from __future__ import annotations

import io
import json
import time

import pytest

from planner.plans.json_file import ImportProblems, read_plan_file


@pytest.mark.parametrize("digits", [19, 4_301, 200_000])
def test_a_number_longer_than_any_a_plan_holds_is_refused_plainly(digits):
    raw = b'{"format_version": ' + b"9" * digits + b"}"
    with pytest.raises(ImportProblems) as refused:
        read_plan_file(raw)
    assert refused.value.problems == ["a number in the file is longer than any a plan holds"]


def test_numbers_a_plan_holds_are_read():
    assert read_plan_file(b'{"weeks": 104, "v": -2, "x": 123456789012345678}') == {
        "weeks": 104,
        "v": -2,
        "x": 123456789012345678,
    }


def test_a_key_given_twice_is_refused():
    with pytest.raises(ImportProblems) as refused:
        read_plan_file(b'{"support": "a", "items": [], "support": "b"}')
    assert refused.value.problems == ["the key support is in the file twice"]


def _fastest(read, raw: bytes) -> float:
    times = []
    for _ in range(3):
        began = time.perf_counter()
        read(raw)
        times.append(time.perf_counter() - began)
    return min(times)


def test_checking_a_big_file_costs_a_few_times_what_parsing_it_costs():
    """20,000 keys (about 300 KB): the checks may cost a few times what Python's own parser
    takes for the same bytes, timed in the same run; the quadratic check cost hundreds."""
    raw = json.dumps({f"k{n}": n for n in range(20_000)}).encode()
    checked = _fastest(read_plan_file, raw)
    parsed = _fastest(json.loads, raw)
    assert checked < 50 * parsed, (checked, parsed)


def test_a_file_with_a_huge_number_gets_the_import_page_with_the_reason(client):
    page = client.get("/plans/import").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    raw = b'{"format": "nhs-career-plan", "format_version": ' + b"1" * 5000 + b"}"
    response = client.post(
        "/plans/import",
        data={"csrf_token": csrf, "plan": (io.BytesIO(raw), "plan.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "longer than any a plan holds" in response.get_data(as_text=True)
