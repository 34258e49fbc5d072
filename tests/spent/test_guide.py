"""The plain words and "what spent means" read from the rules file: every point sourced."""

from __future__ import annotations

import json

import pytest

from planner.spent.guide import WORD_IDS, load_guide, parse_guide
from planner.spent.rules import DEFAULT_RULES_PATH, RulesError

GUIDE = load_guide()


def raw() -> dict:
    return json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))


def test_every_word_the_page_uses_is_explained_with_a_link():
    assert set(GUIDE.words) == WORD_IDS
    for word in GUIDE.words.values():
        assert word.word.lower() in word.means.lower()  # "Filtered means ..."
        assert word.links and all(link.url.startswith("https://") for link in word.links)
    links = {link.url for word in GUIDE.words.values() for link in word.links}
    assert (
        "https://www.gov.uk/government/publications/dbs-filtering-guidance/dbs-filtering-guide"
        in links
    )
    assert any(url.startswith("https://unlock.org.uk/") for url in links)


def test_what_spent_means_has_a_source_for_every_point():
    assert len(GUIDE.meaning) >= 4
    for point in GUIDE.meaning:
        assert point.text and point.sources
        assert all(s.startswith("https://") for s in point.sources), point.id


def test_a_broken_guide_lists_every_problem():
    broken = raw()
    broken["meaning"][0]["sources"] = []
    broken["words"][0]["links"] = [{"label": "x", "url": "http://example.org"}]
    del broken["words"][1]
    with pytest.raises(RulesError) as err:
        parse_guide(broken)
    text = "\n".join(err.value.problems)
    assert "meaning[0].sources" in text
    assert "words[0].links[0].url" in text
    assert "is missing" in text


def test_a_missing_guide_file_is_reported(tmp_path):
    with pytest.raises(RulesError, match="file not found"):
        load_guide(tmp_path / "nope.json")
