"""The advice words (``content/record_advice.json``) filled in with one job's facts.

A line shows only for the jobs its ``when`` fits; its ``{names}`` take the job's facts;
its sources are the file's own, or the job's (``dbs``, ``barred``, ``licence``). A line
that names a tool to check with (``{check_tool}``) keeps it apart as a link, so a page
can link it and a booklet can print it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.advice.facts import JobFacts, issuer_short, with_article
from planner.help.content import load_content
from planner.pathways.model import Source
from planner.wording import weeks_in_words

__all__ = ["Line", "Link", "Section", "advice_content", "fill_lines", "fill_sections"]

#: Where a tool's name goes in a line, so the line can be split around its link.
_TOOL = "\x00"


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Line:
    """One sentence or two of advice, with where it comes from.

    ``text`` is the whole line in plain words; when it names a tool to check with, ``link``
    is that tool and ``before``/``after`` are the words around its name.
    """

    text: str
    sources: tuple[Source, ...]
    link: Link | None = None
    before: str = ""
    after: str = ""
    #: What the line is about, from its ``when``: ``licence``, ``barred`` (barred lists),
    #: ``form``, ``driving``, ``computer``, ``qualifications``; empty for every job.
    topic: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    lines: tuple[Line, ...]


def advice_content() -> dict[str, Any]:
    """The advice words, read once."""
    return load_content("record_advice")


def _months(months: int | None) -> str:
    """12 as '12 months', 48 as '4 years'."""
    if months is None:
        return ""
    if months >= 24 and months % 12 == 0:
        return f"{months // 12} years"
    return f"{months} months"


def _values(facts: JobFacts, content: Mapping[str, Any]) -> dict[str, str]:
    role = facts.role
    values = {
        "job": role.title,
        "check": facts.check,
        "shows": facts.shows,
        "form": facts.form,
        "lists": facts.lists_words,
        "qualifications": ", ".join(facts.qualifications),
        "check_tool": _TOOL,
    }
    licence, need = facts.licence, facts.need
    if licence is not None and need is not None:
        short = issuer_short(licence.issuer)
        values |= {
            "licence": licence.name,
            "asked": content["asked"][need.asked],
            "issuer": short,
            "issuer_start": short[:1].upper() + short[1:],
            "refused_years": str(licence.record.refused_within_years),
            "serious_years": str(licence.record.serious_within_years),
            "counted_from": licence.record.counted_from,
            "longer_checks": _months(licence.record.longer_checks_over_months),
            "refused_over": _months(licence.record.refused_over_months),
            "training_weeks": weeks_in_words(licence.training_weeks).removeprefix("about "),
            "decision_weeks": weeks_in_words(licence.decision_weeks).removeprefix("about "),
        }
    return values


def _fits(when: Mapping[str, Any] | None, facts: JobFacts) -> bool:
    if not when:
        return True
    have = {
        "form": facts.form,
        "barred": facts.barred,
        "closes": facts.closes,
        "licence": facts.licence is not None,
        "driving": facts.driving,
        "computer": facts.computer,
        "qualifications": bool(facts.qualifications),
    }
    return all(have[key] == value for key, value in when.items())


def _sources(keys: Iterable[str], facts: JobFacts, content: Mapping[str, Any]):
    out: list[Source] = []
    for key in keys:
        if key == "dbs":
            out += facts.role.dbs.sources
        elif key == "barred" and facts.role.barred:
            out += facts.role.barred.sources
        elif key == "licence" and facts.licence and facts.need:
            out += facts.need.sources + facts.licence.record.sources + facts.licence.sources
        else:
            raw = content["sources"][key]
            out.append(Source(raw["title"], raw.get("url"), raw.get("where")))
    return tuple(dict.fromkeys(out))


#: A line's topic, from the first of these its ``when`` names.
_TOPICS = {
    "licence": "licence",
    "closes": "barred",
    "barred": "barred",
    "form": "form",
    "driving": "driving",
    "computer": "computer",
    "qualifications": "qualifications",
}


def _topic(when: Mapping[str, Any] | None) -> str:
    return next((_TOPICS[key] for key in _TOPICS if when and key in when), "")


def _line(raw: Mapping[str, Any], facts: JobFacts, content: Mapping[str, Any]) -> Line:
    values = _values(facts, content)
    topic = _topic(raw.get("when"))
    # "an SIA licence": the article goes with the name it comes before.
    template = raw["text"].replace("an {licence}", "{a_licence}")
    if "licence" in values:
        values["a_licence"] = with_article(values["licence"])
    filled = template.format_map(values)
    sources = _sources(raw["sources"], facts, content)
    if _TOOL not in filled:
        return Line(filled, sources, topic=topic)
    link = Link(facts.licence.check_title, facts.licence.check_url)  # type: ignore[union-attr]
    before, after = filled.split(_TOOL, 1)
    return Line(before + link.title + after, sources, link, before, after, topic)


def fill_lines(raw_lines: Iterable[Mapping[str, Any]], facts: JobFacts) -> tuple[Line, ...]:
    """The lines that fit this job, filled in with its facts."""
    content = advice_content()
    return tuple(_line(raw, facts, content) for raw in raw_lines if _fits(raw.get("when"), facts))


def fill_sections(raw_sections: Iterable[Mapping[str, Any]], facts: JobFacts) -> list[Section]:
    """The sections that fit this job, each with the lines that fit it."""
    out = []
    for raw in raw_sections:
        if not _fits(raw.get("when"), facts):
            continue
        lines = fill_lines(raw["lines"], facts)
        if lines:
            heading = raw["heading"].format_map(_values(facts, advice_content()))
            out.append(Section(raw["id"], heading, lines))
    return out
