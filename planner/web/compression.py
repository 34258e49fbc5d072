"""Gzip for text responses, so pages stay small on a slow phone connection.

Pages are compressed on the fly (they are a few kilobytes). Static files are
compressed once per version and kept in memory: there are only a handful.
"""

from __future__ import annotations

import gzip
import threading

from flask import Flask, Response, request

__all__ = ["init_app"]

_TEXT_TYPES = frozenset(
    {
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "image/svg+xml",
        "text/css",
        "text/html",
        "text/javascript",
        "text/plain",
    }
)
_MIN_BYTES = 500
_SKIP_STATUS = frozenset({204, 206, 304})

_static_cache: dict[tuple[str, str], bytes] = {}
_static_lock = threading.Lock()


def _static_gzip(response: Response) -> bytes:
    """Compressed body of a static file, made once per path and version (its ETag)."""
    key = (request.path, response.get_etag()[0] or "")
    original = response.response
    try:
        with _static_lock:
            cached = _static_cache.get(key)
        if cached is None:
            cached = gzip.compress(b"".join(original), compresslevel=9, mtime=0)
            with _static_lock:
                _static_cache[key] = cached
    finally:
        # The file is replaced by the compressed bytes, so no server will close it for us.
        close = getattr(original, "close", None)
        if close:
            close()
    response.direct_passthrough = False
    return cached


def _compress(response: Response) -> Response:
    if (
        response.status_code in _SKIP_STATUS
        or response.mimetype not in _TEXT_TYPES
        or "Content-Encoding" in response.headers
    ):
        return response
    response.vary.add("Accept-Encoding")
    if "gzip" not in request.accept_encodings or request.range:
        return response
    if response.direct_passthrough:
        body = _static_gzip(response)
    else:
        data = response.get_data()
        if len(data) < _MIN_BYTES:
            return response
        body = gzip.compress(data, compresslevel=6, mtime=0)
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        # The bytes differ from the plain file, so the tag may only claim weak equality.
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_compress)
