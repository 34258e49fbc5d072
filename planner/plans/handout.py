"""A plan to take away: an A4 PDF handout and a calendar file.

The handout has the plan, its next steps and a box for both sides to sign. It
carries the plan's link as a QR code only when the person asked for it.

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

from planner.plans.model import ITEM_KINDS, ITEM_STATUSES, REVIEW_KINDS, Plan, PlanItem
from planner.wording import long_date

__all__ = ["Handout", "plan_calendar", "plan_pdf"]

#: DejaVu Sans ships with the planner (see fonts/README.md): the PDF never depends on the
#: fonts a machine happens to have, and Welsh, Polish or any other letters always print.
FONT_DIR = Path(__file__).with_name("fonts")
_NHS_BLUE = (0, 94, 184)


@dataclass(frozen=True)
class Handout:
    """The words around the plan on the handout."""

    target_title: str
    progress: str
    agreement: str
    link: str | None
    today: date
    #: The plan's own next steps (from :func:`planner.plans.service.next_items`).
    next_steps: tuple[PlanItem, ...] = ()
    #: For each side: its label, the role it named, and when it agreed in the planner.
    sides: tuple[tuple[str, str, str], ...] = ()


class _Pdf(FPDF):
    body_font = "body"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.body_font, size=8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, f"NHS career plan - page {self.page_no()}", align="C")


def _fonts(pdf: _Pdf) -> None:
    """The shipped DejaVu Sans, regular and bold."""
    pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))


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


def _heading(pdf: _Pdf, text: str) -> None:
    pdf.set_font(pdf.body_font, "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 11)


def _lines(pdf: _Pdf, *lines: str, height: float = 6) -> None:
    for line in lines:
        pdf.multi_cell(0, height, line, new_x="LMARGIN", new_y="NEXT")


def _items(pdf: _Pdf, plan: Plan) -> None:
    pdf.set_font(pdf.body_font, "", 10)
    with pdf.table(
        col_widths=(14, 48, 20, 16), text_align="LEFT", line_height=5.5, padding=1.2
    ) as table:
        header = table.row()
        for title in ("Kind", "What to do", "By", "Status"):
            header.cell(title)
        for item in plan.items:
            row = table.row()
            row.cell(ITEM_KINDS.get(item.kind, item.kind))
            row.cell(item.title + (f"\nNote: {item.note}" if item.note else ""))
            row.cell(long_date(item.target_date) if item.target_date else "-")
            row.cell(ITEM_STATUSES.get(item.status, item.status))
    pdf.set_font(pdf.body_font, "", 11)


def _signoff(pdf: _Pdf, sides: tuple[tuple[str, str, str], ...]) -> None:
    """A box for both sides to sign: role, signature and date lines side by side."""
    if pdf.get_y() > pdf.h - 85:
        pdf.add_page()
    _heading(pdf, "Signed and agreed")
    _lines(pdf, "Sign when you agree the plan, for example at an appraisal.")
    top = pdf.get_y() + 2
    width = (pdf.w - pdf.l_margin - pdf.r_margin - 6) / 2
    height = 50
    for n, (label, agreed_as, agreed) in enumerate(sides):
        x = pdf.l_margin + n * (width + 6)
        pdf.set_draw_color(*_NHS_BLUE)
        pdf.rect(x, top, width, height)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_xy(x + 3, top + 3)
        pdf.set_font(pdf.body_font, "B", 11)
        pdf.cell(width - 6, 6, label)
        pdf.set_font(pdf.body_font, "", 8)
        pdf.set_xy(x + 3, top + 9)
        pdf.cell(width - 6, 4, agreed)
        pdf.set_font(pdf.body_font, "", 10)
        for row, words in enumerate((f"Role: {agreed_as}", "Signature:", "Date:")):
            y = top + 20 + row * 10
            pdf.set_xy(x + 3, y - 5)
            pdf.cell(width - 6, 5, words)
            pdf.line(x + 3, y + 1, x + width - 3, y + 1)
    pdf.set_xy(pdf.l_margin, top + height + 4)


def _link(pdf: _Pdf, link: str) -> None:
    if pdf.get_y() > pdf.h - 80:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    _qr(pdf, link, pdf.l_margin, top, 42)
    pdf.set_xy(pdf.l_margin + 48, top + 2)
    pdf.set_font(pdf.body_font, "B", 12)
    pdf.multi_cell(0, 6, "Open your plan again", new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 10)
    for line in (
        "Scan the code with your phone camera, or type the link below.",
        "Keep this sheet safe: anyone with the link can open and change your plan.",
    ):
        pdf.multi_cell(0, 5, line, new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 8)
    pdf.multi_cell(0, 4, link, new_x="LMARGIN", new_y="NEXT")


def plan_pdf(plan: Plan, handout: Handout) -> bytes:
    """An A4 handout: goal, progress, next steps, what to do and when, reviews, support, sign-off."""
    pdf = _Pdf(format="A4")
    _fonts(pdf)
    pdf.set_title("NHS career plan")
    pdf.set_creator("Plan your NHS career")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_text_color(*_NHS_BLUE)
    pdf.set_font(pdf.body_font, "B", 20)
    pdf.cell(0, 10, "NHS career plan", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.body_font, "B", 13)
    pdf.multi_cell(0, 7, f"Goal: {handout.target_title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.body_font, "", 11)
    _lines(pdf, handout.progress, handout.agreement, f"Printed on {long_date(handout.today)}.")
    pdf.ln(3)
    _heading(pdf, "Next steps")
    steps = [
        f"{n}. {item.title}" + (f", by {long_date(item.target_date)}" if item.target_date else "")
        for n, item in enumerate(handout.next_steps, 1)
    ]
    _lines(pdf, *(steps or ["Everything in the plan is done."]))
    pdf.ln(3)
    _heading(pdf, "What to do and when")
    _items(pdf, plan)
    pdf.ln(4)
    _heading(pdf, "Review dates")
    reviews = [
        f"{long_date(r.day)}: {REVIEW_KINDS.get(r.kind, r.kind)}"
        + (f". Done on {long_date(r.done_on)}" if r.done_on else "")
        + (f". Note: {r.note}" if r.note else "")
        for r in plan.reviews
    ]
    _lines(pdf, *(reviews or ["None set yet."]))
    pdf.ln(2)
    _heading(pdf, "Support I need")
    _lines(pdf, plan.support or "None written yet.")
    pdf.ln(4)
    _signoff(pdf, handout.sides)
    if handout.link:
        _link(pdf, handout.link)
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

    seen: dict[str, int] = {}
    for review in plan.reviews:
        kind = REVIEW_KINDS.get(review.kind, review.kind)
        # By its day and kind, not its place: recording a review adds the next one, and a
        # calendar that takes the file again must see the same review as the same event.
        what = f"review-{review.day.isoformat()}-{review.kind}"
        seen[what] = seen.get(what, 0) + 1
        event(
            what if seen[what] == 1 else f"{what}-{seen[what]}",
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
