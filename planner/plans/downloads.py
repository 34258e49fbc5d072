"""Taking a plan away: a print page, an A4 PDF handout, a calendar file and a JSON copy."""

from __future__ import annotations

import json

from flask import Response, render_template, request

from planner.config import now, today
from planner.plans.blueprint import bp
from planner.plans.context import load_or_404, plan_context, role_title
from planner.plans.handout import Handout, plan_calendar, plan_pdf
from planner.plans.json_file import plan_to_json
from planner.plans.scan_code import scan_code
from planner.web.address import external_url
from planner.web.protection import limit

__all__: list[str] = []


def _plan_link(token: str) -> str:
    return external_url("plans.plan", token=token)


def _with_link() -> bool:
    """Print and PDF carry the edit link and its QR code only when the person asks for them.

    On a shared computer (a library, an employment hub) or in a personnel file,
    a printed edit link would let anyone change the plan.
    """
    return request.args.get("link") == "1"


def _attachment(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/plans/<token:token>/print")
@limit("PLAN_LIMIT_EXPORT")
def print_plan(token: str):
    """The plan to print, with a box to sign; its link as a QR code only if asked for."""
    plan = load_or_404(token)
    link = _plan_link(token) if _with_link() else None
    context = plan_context(plan, token=token, link=link, qr=scan_code(link) if link else None)
    return render_template("plans/print.html", **context)


@bp.get("/plans/<token:token>.pdf")
@limit("PLAN_LIMIT_EXPORT")
def pdf(token: str):
    """An A4 handout of the plan with a box to sign; its link as a QR code only if asked for."""
    plan = load_or_404(token)
    context = plan_context(plan)
    handout = Handout(
        target_title=role_title(plan.target_role),
        progress=context["progress_line"],
        agreement=context["agreement_line"],
        link=_plan_link(token) if _with_link() else None,
        today=today(),
        next_steps=tuple(item for _place, item in context["next_items"]),
        sides=tuple(
            (s["label"], s["as"], s["words"] if s["on"] else "") for s in context["agreement_sides"]
        ),
    )
    return _attachment(plan_pdf(plan, handout), "application/pdf", "nhs-career-plan.pdf")


@bp.get("/plans/<token:token>.ics")
@limit("PLAN_LIMIT_EXPORT")
def calendar(token: str):
    """Review dates and start dates for a calendar app."""
    plan = load_or_404(token)
    body = plan_calendar(plan, role_title(plan.target_role), now())
    return _attachment(body, "text/calendar", "nhs-career-plan.ics")


@bp.get("/plans/<token:token>.json")
@limit("PLAN_LIMIT_EXPORT")
def download(token: str):
    """The whole plan as a file that can be uploaded again to bring it back."""
    plan = load_or_404(token)
    body = json.dumps(plan_to_json(plan, today()), indent=2, ensure_ascii=False).encode()
    return _attachment(body, "application/json", "nhs-career-plan.json")
