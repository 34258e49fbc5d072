"""Links that carry a person's answers: the one way templates build addresses in the service.

A person's answers live only in the web address, so every link and form in the
service must carry them on. Templates do it with :func:`answers_url` (a link)
and :func:`answer_fields` (the hidden fields of a form); both read the answers
of the page being shown through :func:`~planner.explore.answers.page_answers`.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from planner.explore.answers import Answers, page_answers, role_param_for
from planner.web.offline import NotInPack, offline_page

__all__ = ["answer_fields", "answers_url", "this_page_url"]


def answers_url(endpoint: str, answers: Answers | None = None, **changes: Any) -> str:
    """The address of ``endpoint`` carrying the answers (this page's unless given).

    ``changes`` set or, with ``None``, drop single answers (``to=None``); they
    also take path values such as ``role_id`` and ``_anchor``.
    """
    answers = page_answers() if answers is None else answers
    values = answers.args(role_param_for(endpoint), **changes)
    offline = offline_page()
    if offline is not None:
        return offline.page_href(endpoint, values)
    return url_for(endpoint, **values)


def answer_fields(
    endpoint: str, omit: tuple[str, ...] | list[str] = (), answers: Answers | None = None
) -> list[tuple[str, str]]:
    """(name, value) pairs for the hidden fields of a form sent to ``endpoint``.

    ``omit`` names the answers the form asks for itself, so they are not sent twice.
    """
    answers = page_answers() if answers is None else answers
    pairs = []
    for name, value in answers.args(role_param_for(endpoint)).items():
        if name in omit:
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return pairs


def this_page_url(**changes: str | None) -> str:
    """This page's address with some query values set (or, with ``None``, removed).

    Every other query value stays, answers or not (the jobs being compared, say).
    A page with no endpoint of its own (an unknown address) gives the start page.
    The offline edition has one version of each page, so it has no such link.
    """
    if offline_page() is not None:
        raise NotInPack(request.endpoint or "", dict(changes))
    if request.endpoint is None:
        return url_for("explore.start", **{k: v for k, v in changes.items() if v is not None})
    args = {k: request.args.getlist(k) for k in request.args if k not in changes}
    args.update({k: v for k, v in changes.items() if v is not None})
    return url_for(request.endpoint, **(request.view_args or {}), **args)
