"""The only module that knows htmx's request headers (htmx 2.x names).

A page and its fragment share one URL. htmx asks for a fragment with
``HX-Request``; boosted links and history restores send that header too but
need the whole page. Caches must keep the two answers apart, so every page
response says which headers it varies on. A move to htmx 4 (``HX-Request-Type``)
changes this file only.
"""

from __future__ import annotations

from flask import Flask, Response, request
from htmx_flask.requests import HtmxHeaders

__all__ = ["VARY_HEADERS", "init_app", "refresh_page", "wants_fragment"]

#: The request headers that decide between a page and a fragment.
VARY_HEADERS = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request")


def wants_fragment() -> bool:
    """True when htmx asked for a piece of a page, not a whole page."""
    hx = HtmxHeaders(request.headers)
    return bool(hx) and not hx.boosted and not hx.history_restore_request


def refresh_page(response: Response) -> Response:
    """Ask htmx to load the whole page again instead of swapping in a fragment."""
    response.headers["HX-Refresh"] = "true"
    return response


def _add_vary(response: Response) -> Response:
    """Tell caches that HTML answers depend on the htmx headers."""
    if response.mimetype == "text/html":
        for name in VARY_HEADERS:
            response.vary.add(name)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_vary)
