"""Page text kept as data: skill groups and hints, the words we explain, the
Pathway One tips and the Appendix A resources.

The files live in ``content/`` beside ``templates/`` so that a content
designer can change words without touching code. Each entry names its source.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from planner.config import ROOT

__all__ = [
    "CONTENT_DIR",
    "grouped_skill_ids",
    "link_words",
    "load_content",
    "skill_groups",
    "stage_tips",
    "word_terms",
]

CONTENT_DIR = ROOT / "content"


@cache
def load_content(name: str, folder: str = str(CONTENT_DIR)) -> dict[str, Any]:
    """One content file, read once."""
    return json.loads((Path(folder) / f"{name}.json").read_text(encoding="utf-8"))


def skill_groups() -> list[dict[str, Any]]:
    """The start page's groups of things to tick, in the order a person thinks of them."""
    return load_content("skills")["groups"]


def grouped_skill_ids() -> list[str]:
    """Every skill id the start page groups list, "more" items included."""
    return [
        entry["id"]
        for group in skill_groups()
        for entry in group["skills"] + group.get("more", {}).get("skills", [])
    ]


def word_terms() -> list[dict[str, Any]]:
    """The words the explainer page explains, each with an anchor id."""
    return load_content("words")["terms"]


def stage_tips(stage: str) -> dict[str, Any]:
    """The Pathway One tips for one stage: pre-application, application, interview, induction."""
    return next(s for s in load_content("pathway_one")["stages"] if s["id"] == stage)


# Words that get a link to the explainer the first time they appear in a text.
_LINKED_WORDS: tuple[tuple[str, str], ...] = (
    ("agenda-for-change", r"Agenda for Change|AfC"),
    ("band", r"bands?"),
    ("nvq", r"NVQs?"),
    ("functional-skills", r"Functional Skills"),
    ("apprenticeship", r"apprenticeships?"),
    ("dbs", r"DBS"),
    ("icb", r"ICBs?|Integrated Care Boards?"),
    ("person-specification", r"person specifications?"),
    ("gcse", r"GCSEs?"),
)
_WORD_PATTERN = re.compile(
    "|".join(
        f"(?P<{anchor.replace('-', '_')}>\\b(?:{pattern})\\b)" for anchor, pattern in _LINKED_WORDS
    ),
    re.IGNORECASE,
)


def link_words(text: str, words_url: str) -> Markup:
    """Escape ``text`` and link the first use of each NHS word to its explanation.

    >>> str(link_words("An NVQ and an NVQ", "/help/words"))
    'An <a href="/help/words#nvq">NVQ</a> and an NVQ'
    """
    seen: set[str] = set()
    out: list[str] = []
    last = 0
    for match in _WORD_PATTERN.finditer(text):
        anchor = (match.lastgroup or "").replace("_", "-")
        if anchor in seen:
            continue
        seen.add(anchor)
        out.append(str(escape(text[last : match.start()])))
        out.append(f'<a href="{escape(words_url)}#{anchor}">{escape(match.group(0))}</a>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
