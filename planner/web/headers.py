"""Security headers for every response, and the private ones for personal pages, set in one place.

Each request gets its own nonce. The only inline script is the one line in
``nhsuk/template.jinja`` that marks the page as JavaScript-enabled; it carries
the nonce. Everything else is a file from our own origin, so the policy needs
no ``unsafe-inline`` and no ``unsafe-eval`` (htmx runs with ``allowEval: false``).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, Flask, Response, g, request

__all__ = ["answers_not_kept", "csp_nonce", "init_app", "keep_private", "private"]

_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "manifest-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)

_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def csp_nonce() -> str:
    """This request's nonce: 128 random bits, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _template_globals() -> dict[str, str]:
    nonce = csp_nonce()
    # nhsuk/template.jinja reads cspNonce; our own templates use csp_nonce.
    return {"csp_nonce": nonce, "cspNonce": nonce}


def _add_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = _POLICY.format(nonce=csp_nonce())
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response


def private(response: Response) -> Response:
    """A personal page (a plan, a spent-date answer): never cached, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _answers_not_kept(response: Response) -> Response:
    """A page whose address holds a person's answers (what they have, where they are, the job
    they want) is never kept by the browser: on a shared computer the next person's Back
    button or cache must not show it. Without answers a page may be kept, checked each time."""
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store" if request.args else "no-cache"
    return response


def answers_not_kept(blueprint: Blueprint) -> None:
    """Pages of a blueprint that read the person's answers from the address."""
    blueprint.after_request(_answers_not_kept)


def keep_private(blueprint: Blueprint) -> None:
    """Make every response of a blueprint private."""
    blueprint.after_request(private)


def init_app(app: Flask) -> None:
    app.context_processor(_template_globals)
    app.after_request(_add_headers)
