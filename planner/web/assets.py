"""Versioned URLs for static files, and how long browsers may keep them.

``static_url("css/app.css")`` adds ``?v=`` with a short hash of the file, so a
file can be cached for a year: a new version gets a new URL. Files asked for
without a version (such as the module that app.js imports) must be checked
again each time, which costs a small 304 answer.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for

from planner.web.offline import offline_page

__all__ = ["init_app", "static_url"]


@cache
def _version(folder: str, filename: str) -> str:
    try:
        data = (Path(folder) / filename).read_bytes()
    except OSError:
        return "missing"
    return hashlib.sha256(data).hexdigest()[:12]


def static_url(filename: str) -> str:
    """The URL of a static file with its content version (in the offline edition, its file)."""
    offline = offline_page()
    if offline is not None:
        return offline.static_href(filename)
    folder = current_app.static_folder or ""
    return url_for("static", filename=filename, v=_version(folder, filename))


def _cache_headers(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    if "v" in request.args:
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response.headers["Cache-Control"] = "public, no-cache"
    return response


def init_app(app: Flask) -> None:
    app.add_template_global(static_url)
    app.after_request(_cache_headers)
