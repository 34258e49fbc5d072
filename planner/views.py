"""The planner's pages: check what you have, explore jobs, one job, your route.

Each view reads the web address, asks the core, and renders. A page and its
htmx fragment share one URL and one context function; ``planner.htmx``
decides which one to send.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for

from planner.contexts import (
    options_context,
    role_context,
    roles_context,
    routes_context,
    start_form_context,
)
from planner.errors import Link, PageProblem
from planner.forms import MAX_HAVE, STATUSES, AnswerError, Answers, read_answers, read_role_id
from planner.htmx import wants_fragment

bp = Blueprint("pathways", __name__)

_QUERY_NAMES = ("status", "role", "from", "have", "to")


def _graph():
    return current_app.extensions["planner"]["graph"]


def _catalogue():
    return current_app.extensions["planner"]["catalogue"]


def _today() -> date:
    """Today, or the day set in config so tests can pin dates."""
    configured = current_app.config.get("TODAY")
    if isinstance(configured, date):
        return configured
    return date.fromisoformat(configured) if configured else date.today()


def _render(page: str, fragment: str, **context: Any) -> str:
    """The whole page, or only the fragment when htmx asked for one."""
    partial = wants_fragment()
    return render_template(fragment if partial else page, as_fragment=partial, **context)


def _url_with(field: str, old: str, new: str | None) -> str:
    """This page's address with one bad value swapped (or dropped when ``new`` is None)."""
    args: dict[str, list[str]] = {}
    for name in _QUERY_NAMES:
        values = [v for v in request.args.getlist(name)[:MAX_HAVE] if len(v) <= 100]
        if name == field:
            values = [new if v == old else v for v in values if v != old or new is not None]
        if values:
            args[name] = [v for v in values if v is not None]
    return url_for(request.endpoint or "pathways.start", **(request.view_args or {}), **args)


def _skill_name(skill_id: str) -> str:
    return next((s.name for s in _catalogue().skills if s.id == skill_id), skill_id)


def _role_title(role_id: str) -> str:
    return next((r.title for r in _catalogue().roles if r.id == role_id), role_id)


def _problem(err: AnswerError) -> PageProblem:
    """Plain words for a value in the web address that we cannot use."""
    start = url_for("pathways.start")
    if err.kind == "too-many":
        return PageProblem(
            400,
            "Too many boxes are ticked",
            [
                f"The web address has {err.values[0]} ticked boxes. We can take up to {MAX_HAVE}.",
                "Go back to the start and tick only the things you have.",
            ],
        )
    if err.kind == "too-long":
        return PageProblem(
            err.status,
            "Part of this web address is too long",
            [
                "Something in the web address is much longer than we expect.",
                "The link may be broken. Go back to the start and try again.",
            ],
        )
    if err.kind == "unknown-status":
        return PageProblem(
            400,
            "We did not understand where you are now",
            [
                f"The web address says '{err.values[0]}'. We only know these choices:",
                *(f"{label}." for label in STATUSES.values()),
            ],
            [Link("Choose again on the start page", start)],
            "What you can do:",
        )
    if err.kind == "unknown-skill":
        names = ", ".join(f"'{v}'" for v in err.values)
        links = [
            Link(f"Use '{_skill_name(s)}' instead of '{value}'", _url_with("have", value, s))
            for value in err.values
            for s in err.suggestions.get(value, [])
        ]
        links.append(Link("Carry on without them", _without_unknown(err.values)))
        return PageProblem(
            400,
            "Some of the ticked things are not on our list",
            [
                f"We do not know {names}.",
                "The link may be old, or part of it may be missing.",
            ],
            links,
        )
    # unknown-role
    value = err.values[0]
    suggestions = err.suggestions.get(value, [])
    if request.endpoint == "pathways.role":
        links = [Link(_role_title(r), url_for("pathways.role", role_id=r)) for r in suggestions]
    else:
        links = [Link(_role_title(r), _url_with(err.field, value, r)) for r in suggestions]
    links.append(Link("See all jobs", url_for("pathways.roles")))
    return PageProblem(
        404,
        "We cannot find that job",
        [
            f"There is no job called '{value}' in this planner.",
            "The link may be old, or part of it may be missing.",
        ],
        links,
    )


def _without_unknown(values: tuple[str, ...]) -> str:
    url = None
    for value in values:
        url = _url_with("have", value, None)
    return url or url_for("pathways.start")


def _answers(role_param: str = "role") -> Answers:
    try:
        return read_answers(request.args, _catalogue(), role_param)
    except AnswerError as err:
        raise _problem(err) from None


@bp.get("/")
def start():
    """Start: pick where you are now, tick what you have, see your options."""
    answers = _answers("role")
    return _render(
        "pathways/start.html",
        "pathways/_options.html",
        nav="start",
        statuses=STATUSES,
        **start_form_context(_catalogue(), answers),
        **options_context(_graph(), answers, _today()),
    )


@bp.get("/roles")
def roles():
    """Explore jobs: each family as a band-by-route grid."""
    answers = _answers("role")
    return render_template("pathways/roles.html", nav="roles", **roles_context(_graph(), answers))


@bp.get("/roles/<role_id>")
def role(role_id: str):
    """One job in plain words."""
    try:
        checked = read_role_id(_catalogue(), role_id)
    except AnswerError as err:
        raise _problem(err) from None
    answers = _answers("role")
    return render_template(
        "pathways/role.html", nav="roles", **role_context(_graph(), checked, answers)
    )


@bp.get("/route")
def route():
    """Your route: up to three ways to the job you choose, as timelines."""
    answers = _answers("from")
    return _render(
        "pathways/route.html",
        "pathways/_routes.html",
        nav="route",
        **routes_context(_graph(), answers, _today(), current_app.extensions["planner"]["routes"]),
    )
