"""Helpers for the page tests: parse HTML, and read a page's main text as a reader meets it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    """The response body as a BeautifulSoup tree (use select_one, never find)."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


#: Flesch-Kincaid grade 9 is a reading age of about 14: the NHS's upper limit.
#: Most pages score well below it; raising this needs a content designer's agreement.
MAX_FK_GRADE = 9.0
#: SMOG 12 is where the NHS says to rework text; it counts long words.
MAX_SMOG = 12.0


_BLOCKS = (
    "h1, h2, h3, h4, h5, h6, p, li, dt, dd, legend, label, summary, th, td, caption,"
    " .nhsuk-hint, button"
)


def main_text(html: str) -> str:
    """The visible text of <main>, one sentence per block, each ending in a full stop."""
    main = BeautifulSoup(html, "html.parser").select_one("main")
    for hidden in main.select(".app-sources, script, svg, [hidden]"):
        hidden.decompose()
    sentences = []
    for block in main.select(_BLOCKS):
        if block.select_one(_BLOCKS):
            # Only leaf blocks: a list item holding a paragraph is read once.
            continue
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        sentences.append(text if re.search(r"[.!?:]$", text) else text + ".")
    return " ".join(sentences)
