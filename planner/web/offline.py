"""The offline edition's seam: while ``planner pack`` renders a page, its links point at files.

The pack (:mod:`planner.pack`) asks the app for each page through its own views, with an
:class:`OfflinePage` in the request's WSGI environment (a key no HTTP client can set). The
link helpers (``answers_url``, ``static_url``) then ask it for a relative file path instead
of a web address, and templates ask :func:`offline_page` to leave out what cannot work from
a folder of files: forms, scripts, the "Larger print" switch, links to other websites.
"""

from __future__ import annotations

from typing import Any, Protocol

from flask import Flask, g, has_request_context, request

__all__ = ["ENVIRON_KEY", "NotInPack", "OfflinePage", "init_app", "offline_page"]

#: Where the pack puts its :class:`OfflinePage` in the WSGI environment of a request it makes.
ENVIRON_KEY = "planner.offline_page"


class NotInPack(LookupError):
    """A page of the offline edition links to a page the edition does not hold."""

    def __init__(self, endpoint: str, values: dict[str, Any]):
        self.endpoint = endpoint
        self.values = values
        super().__init__(f"the offline edition has no page for {endpoint} {values}")


class OfflinePage(Protocol):
    """The page being written into the pack: where its links and files go."""

    def page_href(self, endpoint: str, values: dict[str, Any]) -> str:
        """The relative path of ``endpoint`` with ``values``; raises :class:`NotInPack`."""
        ...

    def static_href(self, filename: str) -> str:
        """The relative path of a static file, which the pack then copies."""
        ...


def offline_page() -> OfflinePage | None:
    """The pack's page being rendered now, or ``None`` for every page served on the web."""
    if not has_request_context():
        return None
    return g.get("offline_page")


def _take_offline_page() -> None:
    g.offline_page = request.environ.get(ENVIRON_KEY)


def init_app(app: Flask) -> None:
    app.before_request(_take_offline_page)
    app.add_template_global(offline_page)
