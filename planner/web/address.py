"""Where the planner is: the client's address and HTTPS behind a proxy, and its public address.

Behind a load balancer every request comes from the balancer's address, over
plain HTTP. With ``PLANNER_PROXY_HOPS`` set to the number of proxies in front,
Werkzeug's ``ProxyFix`` takes the client's address and the scheme from the
``X-Forwarded-For`` and ``X-Forwarded-Proto`` headers those proxies add (and
only from them: a client cannot pretend with its own headers). Rate limits,
HSTS and the ``__Host-`` cookie then see what the person's browser sees.

Plan links and QR codes carry the planner's own address: ``PLANNER_BASE_URL``
when it is set, never the ``Host`` header a client sent (which anyone can forge).
Without it, links use the address the request came in on, as Flask does.
"""

from __future__ import annotations

from flask import Flask, current_app, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

__all__ = ["external_url", "init_app"]


def external_url(endpoint: str, **values: object) -> str:
    """The full address of a page, for links people copy, print or scan (plan links, QR codes).

    ``PLANNER_BASE_URL`` when set (``https://careers.example.nhs.uk``), else
    the address this request came in on.
    """
    base = current_app.config.get("BASE_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return str(base).rstrip("/") + url_for(endpoint, **values)


def init_app(app: Flask) -> None:
    """Trust the forwarded headers of exactly PROXY_HOPS proxies; offer ``external_url``."""
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.add_template_global(external_url)
