"""Where the planner is: the client's address and HTTPS behind a proxy, and its public address.

Behind a load balancer every request comes from the balancer's address, over
plain HTTP. With ``PLANNER_PROXY_HOPS`` set to the number of proxies in front,
Werkzeug's ``ProxyFix`` takes the client's address and the scheme from the
``X-Forwarded-For`` and ``X-Forwarded-Proto`` headers those proxies add (and
only from them: a client cannot pretend with its own headers). Rate limits,
HSTS and the ``__Host-`` cookie then see what the person's browser sees. The
headers are believed only when the request came from a proxy's own address
(``PLANNER_PROXY_ADDRESSES``: loopback unless set): anyone else who reached
gunicorn directly could otherwise choose their address, and step round every limit.

Plan links and QR codes carry the planner's own address: ``PLANNER_BASE_URL``
when it is set, never the ``Host`` header a client sent (which anyone can forge).
Without it, links use the address the request came in on, as Flask does.

A ``Host`` header that is not a host name at all (a label over 63 characters,
an empty one as in ``a..b``, a port that is not a number) is answered with a
plain 400 before the app sees it, and one short log line: Flask could not even
make the error page's links for it, and every path, ``/healthz`` too, gave a 500.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, current_app, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

__all__ = ["external_url", "init_app", "is_host_name"]

_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")
_PORT = re.compile(r"[0-9]{1,5}")


def is_host_name(host: str) -> bool:
    """Whether a ``Host`` header names a host: a DNS name, an IPv4 or a bracketed IPv6
    address, and a port if any.

    >>> [is_host_name(h) for h in ("careers.nhs.uk:8443", "[::1]", "a..b", "a" * 64, "x:99999")]
    [True, True, False, False, False]
    """
    name, port = host, ""
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        if rest and not rest.startswith(":"):
            return False
        port = rest[1:]
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            return False
    else:
        name, _, port = host.partition(":")
        labels = name.removesuffix(".").split(".")
        if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
            return False
    has_port = ":" in host.rsplit("]", 1)[-1]
    return not has_port or bool(_PORT.fullmatch(port) and int(port) <= 65535)


_FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
              "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX")  # fmt: skip


class _TrustedProxy:
    """WSGI: ``ProxyFix`` for requests from a proxy's address; other requests lose any
    forwarded headers they carry, and are counted as who they are."""

    def __init__(self, app: Callable[..., Iterable[bytes]], hops: int, networks) -> None:
        self.app, self.networks = app, networks
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops)

    def _from_proxy(self, address: str | None) -> bool:
        try:
            peer = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(peer in network for network in self.networks)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        if self._from_proxy(environ.get("REMOTE_ADDR")):
            return self.fixed(environ, start_response)
        for name in _FORWARDED:
            environ.pop(name, None)
        return self.app(environ, start_response)


class _HostCheck:
    """WSGI: a request whose ``Host`` is no host name gets a plain 400 and one log line."""

    def __init__(self, app: Callable[..., Iterable[bytes]], logger: logging.Logger) -> None:
        self.app, self.logger = app, logger

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        host = environ.get("HTTP_HOST")
        if host is None or is_host_name(host):
            return self.app(environ, start_response)
        self.logger.warning(
            "Refused a request whose Host header is not a host name (%d characters).", len(host)
        )
        body = b"Bad request: the Host header is not a host name.\n"
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Connection", "close"),
            ],
        )
        return [body]


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
    """Trust the forwarded headers of exactly PROXY_HOPS proxies, at PROXY_ADDRESSES; refuse
    Host headers that name no host; offer ``external_url``."""
    from planner.config import proxy_networks

    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        networks = proxy_networks(app.config["PROXY_ADDRESSES"])
        app.wsgi_app = _TrustedProxy(app.wsgi_app, hops, networks)  # type: ignore[method-assign]
    app.wsgi_app = _HostCheck(app.wsgi_app, app.logger)  # type: ignore[method-assign]
    app.add_template_global(external_url)
