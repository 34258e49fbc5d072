"""A plan to take away: an A4 PDF handout (with a QR code of the plan's link) and a calendar file.

No Flask here: views pass in the plan, the words to show and the link.
The calendar file never holds the link: calendars are often synced to other
services, and the link is the key to the plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import segno
from fpdf import FPDF
from icalendar import Calendar, Event

from planner.plans.model import ITEM_KINDS, ITEM_STATUSES, REVIEW_KINDS, Plan
from planner.wording import long_date

__all__ = ["Handout", "plan_calendar", "plan_pdf"]

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_NHS_BLUE = (0, 94, 184)


@dataclass(frozen=True)
class Handout:
    """The words around the plan on the handout."""

    target_title: str
    progress: str
    agreement: str
    link: str | None
    today: date


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.body_font, size=8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, f"NHS career plan - page {self.page_no()}", align="C")


def _fonts(pdf: _Pdf) -> None:
    """DejaVu Sans where it is installed (every character prints); otherwise Helvetica."""
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("body", "", str(regular))
            pdf.add_font("body", "B", str(bold))
            pdf.body_font = "body"
            pdf.unicode = True
            return
    pdf.body_font = "helvetica"
    pdf.unicode = False


def _t(pdf: _Pdf, text: str) -> str:
    """Text the chosen font can print."""
    if pdf.unicode:
        return text
    swaps = {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
    text = "".join(swaps.get(c, c) for c in text)
    return text.encode("latin-1", "replace").decode("latin-1")


def _qr(pdf: _Pdf, link: str, x: float, y: float, size: float) -> None:
    """The link as a QR code, drawn module by module (no image decoding needed)."""
    rows = list(segno.make(link, error="m").matrix_iter(scale=1, border=4))
    cell = size / len(rows)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules: small, fast files
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(x + start * cell, y + r * cell, (c - start) * cell, cell + 0.01, style="F")


def plan_pdf(plan: Plan, handout: Handout) -> bytes:
    """An A4 handout of the plan: goal, progress, what to do and when, reviews, support."""
    pdf = _Pdf(format="A4")
    _fonts(pdf)
    pdf.set_title("NHS career plan")
    pdf.set_creator("Plan your NHS career")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    font = pdf.body_font
    pdf.set_text_color(*_NHS_BLUE)
    pdf.set_font(font, "B", 20)
    pdf.cell(0, 10, _t(pdf, "NHS career plan"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(font, "B", 13)
    pdf.multi_cell(0, 7, _t(pdf, f"Goal: {handout.target_title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    for line in (handout.progress, handout.agreement, f"Printed on {long_date(handout.today)}."):
        pdf.multi_cell(0, 6, _t(pdf, line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    pdf.set_font(font, "B", 13)
    pdf.cell(0, 8, _t(pdf, "What to do and when"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 10)
    with pdf.table(
        col_widths=(14, 48, 20, 16), text_align="LEFT", line_height=5.5, padding=1.2
    ) as table:
        header = table.row()
        for title in ("Kind", "What to do", "By", "Status"):
            header.cell(_t(pdf, title))
        for item in plan.items:
            row = table.row()
            row.cell(_t(pdf, ITEM_KINDS.get(item.kind, item.kind)))
            what = item.title + (f"\nNote: {item.note}" if item.note else "")
            row.cell(_t(pdf, what))
            row.cell(_t(pdf, long_date(item.target_date) if item.target_date else "-"))
            row.cell(_t(pdf, ITEM_STATUSES.get(item.status, item.status)))
    pdf.ln(4)

    pdf.set_font(font, "B", 13)
    pdf.cell(0, 8, _t(pdf, "Review dates"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    if not plan.reviews:
        pdf.multi_cell(0, 6, _t(pdf, "None set yet."), new_x="LMARGIN", new_y="NEXT")
    for review in plan.reviews:
        text = f"{long_date(review.day)}: {REVIEW_KINDS.get(review.kind, review.kind)}"
        pdf.multi_cell(0, 6, _t(pdf, text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(font, "B", 13)
    pdf.cell(0, 8, _t(pdf, "Support I need"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    pdf.multi_cell(
        0, 6, _t(pdf, plan.support or "None written yet."), new_x="LMARGIN", new_y="NEXT"
    )

    if handout.link:
        if pdf.get_y() > pdf.h - 80:
            pdf.add_page()
        pdf.ln(4)
        top = pdf.get_y()
        _qr(pdf, handout.link, pdf.l_margin, top, 42)
        pdf.set_xy(pdf.l_margin + 48, top + 2)
        pdf.set_font(font, "B", 12)
        pdf.multi_cell(0, 6, _t(pdf, "Open your plan again"), new_x="LEFT", new_y="NEXT")
        pdf.set_font(font, "", 10)
        lines = (
            "Scan the code with your phone camera, or type the link below.",
            "Keep this sheet safe: anyone with the link can open and change your plan.",
        )
        for line in lines:
            pdf.multi_cell(0, 5, _t(pdf, line), new_x="LEFT", new_y="NEXT")
        pdf.set_font(font, "", 8)
        pdf.multi_cell(0, 4, _t(pdf, handout.link), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _uid(plan: Plan, what: str) -> str:
    seed = f"{plan.id}:{plan.created_at.isoformat()}:{what}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32] + "@nhs-career-plan"


def plan_calendar(plan: Plan, target_title: str, now: datetime | None = None) -> bytes:
    """Review dates and the start dates of courses and applications, as all-day events."""
    now = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Plan your NHS career//NHS career plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "NHS career plan")

    def event(what: str, day: date, summary: str, description: str) -> None:
        ev = Event()
        ev.add("uid", _uid(plan, what))
        ev.add("dtstamp", now)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)

    for n, review in enumerate(plan.reviews):
        kind = REVIEW_KINDS.get(review.kind, review.kind)
        event(
            f"review-{n}",
            review.day,
            f"{kind}: NHS career plan",
            f"Look at your NHS career plan together. Goal: {target_title}.",
        )
    for n, item in enumerate(plan.items):
        if item.target_date is None or item.status == "done":
            continue
        if item.kind == "action" or item.kind == "goal":
            label = "Goal" if item.kind == "goal" else "Start"
            event(
                f"item-{n}",
                item.target_date,
                f"{label}: {item.title}",
                "From your NHS career plan.",
            )
    return cal.to_ical()
