"""The printable A4 booklet: the pack's pages on paper, for people with no screen at all.

Contents, the ladders of each family as drawings, one page per job (what it is, pay, what
it asks for, the DBS check, ways in, where it leads) with the quickest route from each
starting point, then a blank "My route" worksheet and a "Getting ready to apply" checklist
to fill in by hand. Every word comes from the same context functions as the site's pages
(:func:`~planner.explore.role.role_context`, :func:`~planner.explore.route.routes_context`),
so paper and screen say the same. Black on white, in the shipped DejaVu Sans (embedded),
with the document's language, title and headings tagged as far as fpdf2 allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from fpdf import FPDF, TextStyle

from planner.advice.job import getting_ready
from planner.advice.words import Line
from planner.config import today
from planner.explore.labels import band_pay
from planner.explore.role import role_context
from planner.explore.roles import roles_context
from planner.explore.route import routes_context
from planner.pack.routes import route_answers
from planner.pack.site import SiteMap
from planner.pack.starts import StartingPoint, pack_words
from planner.plans.handout import FONT_DIR

__all__ = ["write_booklet"]

#: The parts of "Getting ready to apply" that are the same for every job (planner.advice):
#: the booklet's checklist. Licences and certificates differ by job.
GENERAL_READY = ("id", "bank", "history", "references")

BODY = 11
SMALL = 9
LINE = 5.6
GREY = (90, 90, 90)


class _Booklet(FPDF):
    made_on = ""

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("body", size=SMALL)
        self.set_text_color(*GREY)
        self.cell(
            0,
            5,
            f"Correct on {self.made_on}; check again after release.   Page {self.page_no()}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


def _new_pdf(made_on: str) -> _Booklet:
    pdf = _Booklet(format="A4", unit="mm")
    pdf.made_on = made_on
    pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(pack_words()["title"])
    pdf.set_lang("en-GB")
    pdf.set_creator("NHS career pathway planner (planner pack)")
    pdf.set_subject(
        f"NHS jobs that do not treat patients, and routes to them. Correct on {made_on}."
    )
    pdf.set_section_title_styles(
        TextStyle(font_family="body", font_style="B", font_size_pt=19, b_margin=2),
        TextStyle(font_family="body", font_style="B", font_size_pt=17, b_margin=1),
    )
    pdf.set_font("body", size=BODY)
    return pdf


def _heading(pdf: _Booklet, text: str, level: int = 0) -> None:
    """A heading that is also an entry in the contents and the PDF's outline: fpdf2 writes it
    (in the style set in :func:`_new_pdf`) as a tagged structure element."""
    pdf.start_section(text, level=level)
    pdf.ln(1)
    pdf.set_font("body", size=BODY)


def _fresh_page(pdf: _Booklet) -> None:
    """A new page, unless the page we are on is still empty."""
    if pdf.page == 0 or pdf.get_y() > pdf.t_margin + 0.1:
        pdf.add_page()


def _subheading(pdf: _Booklet, text: str) -> None:
    if pdf.will_page_break(LINE * 4):
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font("body", "B", 12.5)
    pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("body", size=BODY)


def _para(pdf: _Booklet, text: str, size: float = BODY, bold: bool = False) -> None:
    pdf.set_font("body", "B" if bold else "", size)
    pdf.multi_cell(0, LINE, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("body", size=BODY)


def _bullets(pdf: _Booklet, lines: list[str], mark: str = "•") -> None:
    for line in lines:
        pdf.cell(6, LINE, mark)
        pdf.multi_cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT", align="L")


def _cover(pdf: _Booklet, site: SiteMap) -> None:
    words = pack_words()
    pdf.add_page()
    pdf.set_font("body", "B", 26)
    pdf.multi_cell(0, 12, "Plan your NHS career", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    _para(
        pdf,
        "NHS jobs that do not treat patients: what each one asks for, the pay, and the "
        "steps to get there.",
        size=14,
    )
    pdf.ln(4)
    _para(
        pdf, f"Correct on {site.made_on}. Things change, so check again after release.", bold=True
    )
    pdf.ln(4)
    _para(pdf, "How to use this booklet:")
    _bullets(
        pdf,
        [
            "Look at the ladders. Each job has a band. The band sets the pay.",
            "Read the page for a job you like. It says what the job asks for.",
            'Under "Your route", find where you are starting from. It shows the quickest route.',
            'Fill in "My route" and "Getting ready to apply" at the back.',
        ],
    )
    pdf.ln(2)
    _para(pdf, "The routes start from:")
    _bullets(pdf, [start.label for start in site.starts])
    pdf.ln(2)
    _para(pdf, words["about_booklet"], size=SMALL)


def _contents(pdf: _Booklet, outline: list[Any]) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font("body", "B", 18)
    pdf.multi_cell(0, 9, "Contents", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)
    for section in outline:
        indent = 6 * section.level
        pdf.set_font("body", "B" if section.level == 0 else "", BODY if section.level == 0 else 10)
        pdf.set_x(pdf.l_margin + indent)
        width = pdf.epw - indent - 14
        pdf.cell(width, 5.2, section.name, link=pdf.add_link(page=section.page_number))
        pdf.cell(14, 5.2, str(section.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


@dataclass(frozen=True)
class _Entry:
    """A line of the contents, before the pages are known."""

    name: str
    level: int
    page_number: int = 1


def _contents_pages(entries: list[_Entry]) -> int:
    """How many pages the contents take: written once on scratch paper, so the pages after
    them are numbered right from the start (footers are written as each page is finished)."""
    scratch = _new_pdf("")
    try:
        scratch.add_page()
        _contents(scratch, entries)
        return scratch.pages_count
    finally:
        _close_fonts(scratch)


def _close_fonts(pdf: FPDF) -> None:
    """fpdf2 keeps each font file open until its fonts are closed."""
    for font in pdf.fonts.values():
        if hasattr(font, "close"):
            font.close()


def _ladders(pdf: _Booklet, app: Flask) -> None:
    """Each family as a drawing: a row per band (highest at the top), a column per route."""
    from planner.explore.answers import Answers

    graph = app.extensions["planner"]["graph"]
    catalogue = app.extensions["planner"]["catalogue"]
    for family in roles_context(graph, Answers())["families"]:
        _fresh_page(pdf)
        _heading(pdf, f"The ladder: {family['name']}", level=0)
        _para(
            pdf,
            "Start low and move up one band at a time. Higher bands pay more. Each box "
            "holds the jobs of one band; each job has its page in this booklet.",
            size=10,
        )
        pdf.ln(2)
        band_w = 34
        col_w = (pdf.epw - band_w) / max(1, len(family["routes"]))
        pdf.set_font("body", "B", 9.5)
        x0 = pdf.l_margin
        pdf.set_x(x0 + band_w)
        for _, route_name in family["routes"]:
            pdf.multi_cell(col_w, 4.6, route_name, align="C", new_x="RIGHT", new_y="TOP")
        pdf.ln(11)
        for row in reversed(family["rows"]):
            cells = [", ".join(r.title for r in cell) for cell in row["cells"]]
            pdf.set_font("body", size=9.5)
            lines = max(
                [
                    len(pdf.multi_cell(col_w - 4, 4.4, c, dry_run=True, output="LINES", align="L"))
                    for c in cells
                    if c
                ]
                or [1]
            )
            height = max(12, lines * 4.4 + 5)
            if pdf.will_page_break(height + 2):
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_draw_color(0, 0, 0)
            pdf.set_font("body", "B", 10)
            pdf.set_xy(x0, y + 1)
            pdf.multi_cell(
                band_w - 2, 4.6, f"Band {row['band']}", new_x="LMARGIN", new_y="NEXT", align="L"
            )
            pdf.set_font("body", size=7.5)
            pdf.set_x(x0)
            pdf.multi_cell(
                band_w - 2, 3.6, band_pay(catalogue, row["band"]).replace(" a year", ""), align="L"
            )
            pdf.set_font("body", size=9.5)
            for n, text in enumerate(cells):
                cx = x0 + band_w + n * col_w
                if text:
                    pdf.set_line_width(0.5)
                    pdf.rect(cx + 1, y + 1, col_w - 2, height - 2, round_corners=True)
                    pdf.set_xy(cx + 2, y + 3)
                    pdf.multi_cell(col_w - 4, 4.4, text, align="C")
                else:
                    pdf.set_line_width(0.2)
                    pdf.set_draw_color(160, 160, 160)
                    pdf.line(cx + col_w / 2 - 3, y + height / 2, cx + col_w / 2 + 3, y + height / 2)
                    pdf.set_draw_color(0, 0, 0)
            pdf.set_y(y + height + 1.5)


def _job(pdf: _Booklet, app: Flask, site: SiteMap, role_id: str) -> None:
    from planner.explore.answers import Answers

    graph = app.extensions["planner"]["graph"]
    page = role_context(graph, role_id, Answers())
    role = page["role"]
    pdf.add_page()
    _heading(pdf, role.title, level=1)
    where = page["family_name"] + (f": {page['route_name']}" if page["route_name"] else "")
    _para(pdf, f"Band {role.band}. {page['pay']} for full-time work. {where}.", bold=True)
    pdf.ln(1)
    _para(pdf, role.summary)
    _subheading(pdf, "What you need")
    if page["essential"]:
        _bullets(pdf, [need.skill.name for need in page["essential"]])
    else:
        _para(pdf, "This job does not ask for anything special. It is a good way in.")
    if page["desirable"]:
        _para(pdf, "It helps to have (you can still apply without these):", size=10)
        _bullets(pdf, [need.skill.name for need in page["desirable"]])
    _subheading(pdf, "Checks for this job")
    _para(pdf, "The employer decides the DBS check, and does it only after they offer you the job.")
    for line in page["record"].lines:
        _para(pdf, _line_text(line))
        pdf.ln(1)
    if page["ways_in"]:
        _subheading(pdf, "Ways into this job")
        _bullets(pdf, [f"{way.item.name} ({way.kind}, {way.time})" for way in page["ways_in"]])
    if page["leads_to"]:
        _subheading(pdf, "Where this job can lead")
        _bullets(pdf, [f"{r.title} (band {r.band})" for r in page["leads_to"]])
    _subheading(pdf, "Find this job after release")
    link = page["nhs_jobs"]
    _para(pdf, f"{link.text} on {link.service}: {link.site.split('://', 1)[-1]}")
    _routes(pdf, app, site, role_id)


def _route_lines(found: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """What the booklet prints of the route page's quickest route: (number or "", text)."""
    if found["no_route"] is not None:
        return (("", "We cannot find a route yet. " + found["no_route"].reason),)
    best = found["routes"][0]
    if not best.steps:
        return (("", "You already have what this job needs."),)
    steps = tuple(
        (f"{step.number}.", f"{step.kind_label} · {step.title} · {step.line}")
        for step in best.steps
    )
    return (("", f"Quickest route: {best.total}."), *steps)


def _routes(pdf: _Booklet, app: Flask, site: SiteMap, role_id: str) -> None:
    """The quickest route from each starting point, in the route page's own words.

    Starting points whose routes print the same are listed together (the site's pages may
    differ in what they do not print, such as the skills a person brings).
    """
    graph = app.extensions["planner"]["graph"]
    finder = app.extensions["planner"]["routes"]
    printed: dict[tuple[tuple[str, str], ...], list[StartingPoint]] = {}
    for group in site.groups[role_id]:
        answers = route_answers(graph, group.starts[0], role_id)
        lines = _route_lines(routes_context(graph, answers, today(), finder))
        printed.setdefault(lines, []).extend(group.starts)
    for number, (lines, starts) in enumerate(printed.items()):
        # Each starting point's route on one page where it fits, the heading with the first.
        need = LINE * (len(starts) + len(lines) + (6 if number == 0 else 2))
        if need < pdf.eph and pdf.will_page_break(need):
            pdf.add_page()
        if number == 0:
            _subheading(pdf, "Your route to this job")
        pdf.ln(1)
        many = len(starts) > 1
        _para(pdf, f"If you start from{' any of these' if many else ''}:", bold=True, size=10)
        pdf.set_font("body", size=10)
        _bullets(pdf, [s.label for s in sorted(starts, key=site.starts.index)])
        for mark, text in lines:
            if mark:
                pdf.cell(7, 5, mark)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font("body", size=BODY)


def _line_text(line: Line) -> str:
    """A line of job advice; a tool it names is written out with its address, as offline."""
    if line.link is None:
        return line.text
    return f"{line.before}{line.link.title} ({line.link.url.split('://', 1)[-1]}){line.after}"


def _write_in_lines(pdf: _Booklet, label: str, lines: int = 1) -> None:
    _para(pdf, label, bold=True)
    for _ in range(lines):
        pdf.ln(7)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(4)


#: The fewest rows "My route" has for steps.
STEP_ROWS = 8


def _worksheets(pdf: _Booklet, app: Flask, site: SiteMap) -> None:
    """ "My route" (a row for each step of the longest route in the pack, at least
    :data:`STEP_ROWS`) and the "Getting ready to apply" checklist, to fill in by hand."""
    longest = max(
        (len(g.routes[0].steps) for groups in site.groups.values() for g in groups if g.routes),
        default=0,
    )
    pdf.add_page()
    _heading(pdf, "My route", level=0)
    _para(pdf, "Fill this in by hand. Use a pencil, so you can change it.", size=10)
    pdf.ln(2)
    _write_in_lines(pdf, "The job I want:")
    _write_in_lines(pdf, "Where I start from:")
    _para(pdf, "My steps", bold=True)
    pdf.ln(1)
    widths = (12, pdf.epw - 12 - 45, 45)
    pdf.set_font("body", "B", 10)
    for width, text in zip(widths, ("Step", "What I will do", "When"), strict=True):
        pdf.cell(width, 8, text, border=1)
    pdf.ln()
    pdf.set_font("body", size=BODY)
    for n in range(1, max(STEP_ROWS, longest) + 1):
        for width, text in zip(widths, (str(n), "", ""), strict=True):
            pdf.cell(width, 12, text, border=1)
        pdf.ln()
    pdf.ln(4)
    _write_in_lines(pdf, "Who can help me:", lines=2)

    pdf.add_page()
    _heading(pdf, "Getting ready to apply", level=0)
    _para(pdf, "Tick each box when it is done.", size=10)
    pdf.ln(2)
    catalogue = app.extensions["planner"]["catalogue"]
    sections = getting_ready(catalogue, catalogue.roles[0])
    for section in (s for s in sections if s.id in GENERAL_READY):
        _subheading(pdf, section.heading)
        for line in section.lines:
            y = pdf.get_y()
            pdf.set_line_width(0.4)
            pdf.rect(pdf.l_margin, y + 0.8, 4.5, 4.5)
            pdf.set_x(pdf.l_margin + 8)
            pdf.multi_cell(0, LINE, _line_text(line), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1.5)
    _para(
        pdf,
        "Some jobs ask for more, such as a licence or certificates. Each job's page in the "
        "offline pack has its own list.",
        size=10,
    )


def write_booklet(app: Flask, site: SiteMap, target: Path) -> int:
    """Write the booklet; its number of pages."""
    from planner.explore.labels import roles_in_order

    catalogue = app.extensions["planner"]["catalogue"]
    pdf = _new_pdf(site.made_on)
    with app.test_request_context("/"):
        _cover(pdf, site)
        pdf.add_page()
        families = [
            name
            for family_id, name in catalogue.families
            if any(r.family == family_id for r in catalogue.roles)
        ]
        entries = [
            *(_Entry(f"The ladder: {name}", 0) for name in families),
            _Entry("The jobs", 0),
            *(_Entry(role.title, 1) for role in catalogue.roles),
            _Entry("My route", 0),
            _Entry("Getting ready to apply", 0),
        ]
        pdf.insert_toc_placeholder(_contents, pages=_contents_pages(entries))
        _ladders(pdf, app)
        pdf.add_page()
        _heading(pdf, "The jobs", level=0)
        _para(
            pdf,
            "One page for each job, lowest band first in each family. Each says what the "
            "job asks for and the quickest route from where you start.",
        )
        for role in roles_in_order(catalogue):
            _job(pdf, app, site, role.id)
        _worksheets(pdf, app, site)
    try:
        pdf.output(str(target))
    finally:
        _close_fonts(pdf)
    return pdf.pages_count
