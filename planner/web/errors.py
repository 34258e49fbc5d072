"""Friendly NHS-styled error pages: what went wrong and what to do next. Never a stack trace.

Views raise :class:`PageProblem` when a web address asks for something we do
not have; it carries the plain-English words and links for the page. Other
HTTP errors get a standard page for their status. Requests to ``/api`` keep
getting JSON, as the API contract says.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, jsonify, render_template, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

__all__ = ["Link", "PageProblem", "init_app", "kept_headers"]


@dataclass(frozen=True)
class Link:
    text: str
    href: str


class PageProblem(HTTPException):
    """A request we understood but cannot answer, with words to help the person go on."""

    def __init__(
        self,
        code: int,
        title: str,
        lines: tuple[str, ...] | list[str],
        suggestions: tuple[Link, ...] | list[Link] = (),
        suggestions_heading: str = "Did you mean:",
        retry_after: int | None = None,
    ):
        super().__init__(description=" ".join(lines))
        self.code = code
        self.title = title
        self.lines = tuple(lines)
        self.suggestions = tuple(suggestions)
        self.suggestions_heading = suggestions_heading
        self.retry_after = retry_after

    def get_headers(self, environ=None, scope=None) -> list[tuple[str, str]]:
        headers = super().get_headers(environ, scope)
        if self.retry_after is not None:
            headers.append(("Retry-After", str(self.retry_after)))
        return headers


# Plain words for each status we may send: a heading and what to do next.
_STANDARD: dict[int, tuple[str, tuple[str, ...]]] = {
    400: (
        "Sorry, there is a problem with this web address",
        (
            "Part of the web address is wrong or not complete.",
            "This can happen if a link was copied only in part.",
        ),
    ),
    404: (
        "Page not found",
        (
            "We cannot find this page.",
            "If you typed the web address, check it is right.",
            "If you pasted it, check you copied all of it.",
        ),
    ),
    405: (
        "Sorry, this page cannot do that",
        ("This page only lets you look at it. It cannot take in forms.",),
    ),
    413: (
        "Sorry, that was too much for us",
        ("Too much was sent to this page at once.", "Try again with fewer boxes ticked."),
    ),
    414: (
        "Sorry, that web address is too long",
        ("The web address has too much in it.", "Try again with fewer boxes ticked."),
    ),
    429: (
        "Sorry, too many requests",
        (
            "There have been a lot of requests from you in a short time.",
            "Wait 1 minute, then try again.",
        ),
    ),
    500: (
        "Sorry, there is a problem with the service",
        ("Something went wrong on our side. It is not your fault.", "Try again later."),
    ),
    503: (
        "Sorry, we are busy",
        (
            "Many people are asking for routes just now.",
            "Wait a few seconds, then try again.",
        ),
    ),
}

#: Headers of an HTTP error that the answer must keep: what a 405 allows, when to ask again.
_KEPT = ("Allow", "Retry-After")


def kept_headers(exc: HTTPException) -> dict[str, str]:
    """The headers an error brings that every answer to it must carry (the API's too)."""
    return {name: value for name, value in exc.get_headers() if name in _KEPT}


def _wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def _render(code: int, title: str, lines, suggestions=(), suggestions_heading="Did you mean:"):
    if _wants_json():
        return jsonify(error=" ".join(lines)), code
    html = render_template(
        "web/error.html",
        code=code,
        title=title,
        lines=lines,
        suggestions=suggestions,
        suggestions_heading=suggestions_heading,
    )
    return html, code


def _http_error(exc: HTTPException):
    """Every HTTP error as an NHS-styled page (or JSON under /api)."""
    if isinstance(exc, PageProblem):
        body, status = _render(
            exc.code, exc.title, exc.lines, exc.suggestions, exc.suggestions_heading
        )
        return body, status, kept_headers(exc)
    code = exc.code or 500
    if code < 400:
        return exc
    title, lines = _STANDARD.get(code, _STANDARD[400 if code < 500 else 500])
    body, status = _render(code, title, lines)
    return body, status, kept_headers(exc)


def _refuse_large_bodies() -> None:
    """A body that says it is over the limit is refused before anything reads it."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()


def _too_large(exc: RequestEntityTooLarge):
    """The 413 page, which must not read the body again: whatever asks for the form on the way
    (the page layout, the adviser switch) is given an empty one. The connection is closed, so
    the server never reads the rest of the body either."""
    request.__dict__.update(form=ImmutableMultiDict(), files=ImmutableMultiDict())
    body, status, headers = _http_error(exc)
    return body, status, {**headers, "Connection": "close"}


def _server_error(exc: Exception):
    """Anything unexpected: log it for us, show a calm page to the person."""
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s", request.path)
    return _http_error(InternalServerError())


def init_app(app: Flask) -> None:
    # Before any other check (the CSRF check reads the form).
    app.before_request(_refuse_large_bodies)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
