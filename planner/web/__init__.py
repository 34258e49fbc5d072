"""What every page shares and no feature owns: Jinja, htmx, headers, protection, errors, gzip.

Feature packages (explore, plans, spent, help, api) register their own
blueprints in :func:`planner.create_app`; this package only sets up the app
they all run in.
"""

from __future__ import annotations

from flask import Flask

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """Templates first, then what every response needs."""
    from planner.web import (
        address,
        assets,
        compression,
        errors,
        headers,
        htmx,
        jinja,
        logs,
        offline,
        protection,
    )

    address.init_app(app)
    logs.init_app(app)
    jinja.init_app(app)
    offline.init_app(app)
    # after_request functions run in reverse order: compression is registered first so
    # that it runs last, on the finished response.
    compression.init_app(app)
    assets.init_app(app)
    htmx.init_app(app)
    headers.init_app(app)
    errors.init_app(app)
    protection.init_app(app)
