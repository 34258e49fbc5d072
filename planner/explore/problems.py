"""Plain words, and links that mend the address, for answers in a web address we cannot use."""

from __future__ import annotations

from flask import request, url_for

from planner.explore.answers import (
    ANSWER_NAMES,
    CHOICES,
    MAX_HAVE,
    MAX_VALUE_LENGTH,
    STATUSES,
    AnswerError,
    release_choices,
)
from planner.pathways.model import Catalogue
from planner.web.errors import Link, PageProblem

__all__ = ["page_problem"]

_QUERY_NAMES = (*ANSWER_NAMES, "job")

#: What each optional question asks, in words that fit "We did not understand ...".
_QUESTIONS = {
    "time_in_job": "how long you have been in your job",
    "time_in_nhs": "how long you have worked in the NHS",
    "age": "how old you are",
    "under_22": "if you are under 22",
    "release_month": "the month you expect to be released",
    "release_year": "the year you expect to be released",
}


def _url_with(field: str, old: str, new: str | None, **view_args: str) -> str:
    """This page's address with one bad value swapped (or dropped when ``new`` is None).

    ``view_args`` change the path instead (another job's page, for a job not found).
    """
    args: dict[str, list[str]] = {}
    for name in _QUERY_NAMES:
        values = [v for v in request.args.getlist(name)[:MAX_HAVE] if len(v) <= MAX_VALUE_LENGTH]
        if name == field:
            values = [new if v == old else v for v in values if v != old or new is not None]
        if values:
            args[name] = [v for v in values if v is not None]
    path_args = {**(request.view_args or {}), **view_args}
    return url_for(request.endpoint or "explore.start", **path_args, **args)


def page_problem(err: AnswerError, catalogue: Catalogue) -> PageProblem:
    """Plain words for a value in the web address that we cannot use."""
    start = url_for("explore.start")
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
    if err.kind == "unknown-area":
        names = dict(catalogue.families)
        return PageProblem(
            400,
            "We did not understand the kind of work you chose",
            [
                f"The web address says '{err.values[0]}'. We only know these kinds of work:",
                *(f"{name}." for name in names.values()),
            ],
            [
                *(Link(f"Choose {names[f]}", _url_with("area", err.values[0], f)) for f in names),
                Link("Carry on without choosing", _url_with("area", err.values[0], None)),
            ],
            "What you can do:",
        )
    if err.kind == "unknown-choice":
        question = _QUESTIONS[err.field]
        choices = CHOICES.get(err.field) or release_choices()[err.field]
        return PageProblem(
            400,
            f"We did not understand {question}",
            [
                f"The web address says '{err.values[0]}'. You do not have to answer this.",
                "You can choose one of these, or carry on without it.",
            ],
            [
                *(
                    Link(label, _url_with(err.field, err.values[0], value))
                    for value, label in choices.items()
                ),
                Link("Carry on without this answer", _url_with(err.field, err.values[0], None)),
            ],
            "What you can do:",
        )
    if err.kind == "unknown-skill":
        names = ", ".join(f"'{v}'" for v in err.values)
        links = [
            Link(
                f"Use '{catalogue.skill(s).name}' instead of '{value}'", _url_with("have", value, s)
            )
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
    if request.endpoint == "explore.role":
        links = [
            Link(catalogue.role(r).title, _url_with("", "", None, role_id=r)) for r in suggestions
        ]
    else:
        links = [Link(catalogue.role(r).title, _url_with(err.field, value, r)) for r in suggestions]
    links.append(Link("See all jobs", url_for("explore.roles")))
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
    return url or url_for("explore.start")
