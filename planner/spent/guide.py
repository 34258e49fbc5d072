"""The plain words the spent checker explains, and what "spent" means for a person.

Both live in the rules file next to the rules they explain (``meaning`` and
``words``), each point with its sources and each word with links to read more
(GOV.UK and Unlock), so the page never states a fact without one.

>>> guide = load_guide()
>>> guide.words["filtered"].word
'Filtered'
>>> all(point.sources for point in guide.meaning)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from planner.spent.checking import Reader, read_json
from planner.spent.rules import DEFAULT_RULES_PATH, Link, RulesError

__all__ = ["WORD_IDS", "Guide", "Point", "Word", "load_guide", "parse_guide"]

#: The words the page must explain: the ones its questions and answers use.
WORD_IDS = frozenset({"spent", "filtered", "specified_offence"})


@dataclass(frozen=True)
class Point:
    """One thing "spent" means for a person, in plain words, with its sources."""

    id: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Word:
    """A word the page uses, what it means in plain English, and where to read more."""

    id: str
    word: str
    means: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Guide:
    """What spent means (in order) and the words explained (by id)."""

    meaning: tuple[Point, ...]
    words: Mapping[str, Word]


def _read_meaning(read: Reader, raw: Mapping[str, Any]) -> tuple[Point, ...]:
    points = []
    for n, obj in enumerate(read.get(raw, "meaning", "top", list) or []):
        where = f"meaning[{n}]"
        points.append(
            Point(
                read.text(obj, "id", where), read.text(obj, "text", where), read.sources(obj, where)
            )
        )
    if not points:
        read.problems.append("meaning: needs at least one point")
    return tuple(points)


def _read_link(read: Reader, obj: Any, where: str) -> Link:
    url = read.text(obj, "url", where)
    if not url.startswith("https://"):
        read.problems.append(f"{where}.url: needs an https web address")
    return Link(read.text(obj, "label", where), url)


def _read_word(read: Reader, obj: Any, where: str) -> Word:
    items = read.get(obj, "links", where, list) or []
    links = tuple(_read_link(read, link, f"{where}.links[{k}]") for k, link in enumerate(items))
    if not links:
        read.problems.append(f"{where}.links: needs at least one link")
    return Word(
        id=read.text(obj, "id", where),
        word=read.text(obj, "word", where),
        means=read.text(obj, "means", where),
        links=links,
    )


def parse_guide(raw: Mapping[str, Any]) -> Guide:
    """Check the ``meaning`` and ``words`` of a decoded rules file; all problems together."""
    read = Reader()
    meaning = _read_meaning(read, raw)
    words = {}
    for n, obj in enumerate(read.get(raw, "words", "top", list) or []):
        word = _read_word(read, obj, f"words[{n}]")
        words[word.id] = word
    read.missing(words, WORD_IDS, "words", "word")
    if read.problems:
        raise RulesError(read.problems)
    return Guide(meaning=meaning, words=MappingProxyType(words))


def load_guide(path: str | Path = DEFAULT_RULES_PATH) -> Guide:
    """Read the guide from the rules file (by default ``data/rehabilitation_rules.json``)."""
    raw, problems = read_json(path)
    if problems:
        raise RulesError(problems)
    return parse_guide(raw)
