"""The printable booklet: it opens, has a page for every job, embeds its font, and is tagged."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def booklet(pack) -> PdfReader:
    return PdfReader(pack.folder / "planner-booklet.pdf")


@pytest.fixture(scope="module")
def page_texts(booklet) -> list[str]:
    return [page.extract_text() or "" for page in booklet.pages]


def test_every_job_has_a_page_of_its_own(booklet, page_texts, pack_app):
    catalogue = pack_app.extensions["planner"]["catalogue"]
    assert len(booklet.pages) > len(catalogue.roles)
    missing = []
    for role in catalogue.roles:
        # A job's page starts with its title, then its band.
        if not any(text.startswith(f"{role.title}\nBand {role.band}.") for text in page_texts):
            missing.append(role.title)
    assert not missing, f"no page starts with: {missing}"
    everything = "\n".join(page_texts)
    assert all(role.title in everything for role in catalogue.roles)


def test_it_has_the_ladders_worksheet_and_checklist(page_texts):
    starts = [text.split("\n", 1)[0] for text in page_texts]
    assert any(s.startswith("The ladder: ") for s in starts)
    assert "My route" in starts
    assert "Getting ready to apply" in starts
    assert any("Contents" in text.split("\n")[:2] for text in page_texts)


def test_every_page_after_the_cover_is_dated(page_texts):
    for number, text in enumerate(page_texts[1:], start=2):
        assert "Correct on 1 December 2026; check again after release." in text, number


def test_the_shipped_font_is_embedded(booklet):
    fonts = {}
    for page in booklet.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"]
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts)


def test_language_title_and_headings_are_tagged(booklet):
    root = booklet.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert booklet.metadata.title == "Plan your NHS career: the offline pack"
    assert "/StructTreeRoot" in root
    assert "/Outlines" in root


def test_no_page_is_blank(page_texts):
    """The contents take exactly the pages set aside for them: no empty page follows."""
    for number, text in enumerate(page_texts, start=1):
        words = text.replace("Correct on 1 December 2026; check again after release.", "")
        assert words.replace(f"Page {number}", "").strip(), f"page {number} is blank"


def test_job_pages_say_what_a_record_changes(page_texts, pack_app):
    from planner.advice.job import record_changes

    catalogue = pack_app.extensions["planner"]["catalogue"]
    everything = " ".join(" ".join(text.split()) for text in page_texts)
    for role in catalogue.roles:
        first = record_changes(catalogue, role).lines[0]
        if first.link is None:
            assert " ".join(first.text.split()) in everything, role.id


def _route_blocks(pages: list[str]) -> list[tuple[list, str]]:
    """The "If you start from" blocks of a job's pages: the starting points, and the route."""
    dated = re.compile(r"^Correct on .*Page \d+$", re.MULTILINE)
    part = dated.sub("", "\n".join(pages)).split("Your route to this job", 1)[1]
    blocks = []
    for block in re.split(r"If you start from(?: any of these)?:\n", part)[1:]:
        lines = block.strip().split("\n")
        starts = [line[2:] for line in lines if line.startswith("• ")]
        blocks.append((starts, "\n".join(line for line in lines if not line.startswith("• "))))
    return blocks


def test_each_job_lists_every_starting_point_once_with_one_route_each(page_texts, pack_app):
    """Starting points whose routes print the same share one block, so no route is printed
    twice for a job, and every starting point is under each job."""
    from planner.pack.starts import starting_points

    from .conftest import MADE_ON

    catalogue = pack_app.extensions["planner"]["catalogue"]
    labels = sorted(s.label for s in starting_points(catalogue, MADE_ON))
    firsts = [
        n
        for n, text in enumerate(page_texts)
        if any(text.startswith(f"{r.title}\nBand ") for r in catalogue.roles)
    ]
    ends = [*firsts[1:], next(n for n, t in enumerate(page_texts) if t.startswith("My route"))]
    assert len(firsts) == len(catalogue.roles)
    for first, end in zip(firsts, ends, strict=True):
        blocks = _route_blocks(page_texts[first:end])
        title = page_texts[first].split("\n", 1)[0]
        assert sorted(s for starts, _ in blocks for s in starts) == labels, title
        routes = [route for _, route in blocks]
        assert len(routes) == len(set(routes)), title


def test_my_route_has_a_row_for_every_step_of_the_longest_route(page_texts, pack):
    from bs4 import BeautifulSoup

    longest = max(
        len(BeautifulSoup(p.read_text("utf-8"), "html.parser").select("ol.app-route__steps > li"))
        for p in (pack.site / "routes").rglob("*.html")
    )
    worksheet = next(t for t in page_texts if t.startswith("My route")).split("\n")
    rows = [line for line in worksheet if line.strip().isdigit()]
    assert rows == [str(n) for n in range(1, max(8, longest) + 1)]
    assert longest > 8  # the small pack has a route longer than the fewest rows
