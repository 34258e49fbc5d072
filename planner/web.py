"""The web layer's set-up: Jinja for the NHS.UK frontend macros, the pages, and what every
response needs (security headers, htmx's Vary, cache headers, gzip, friendly errors)."""

from __future__ import annotations

from flask import Flask, url_for
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from markupsafe import Markup

from planner import ROOT


def _link_words(text: str) -> Markup:
    """Template helper: link the NHS words in a text to their explanations."""
    from planner.content import link_words

    return link_words(text, url_for("help.words"))


def init_app(app: Flask) -> None:
    """Our templates first, then the nhsuk-frontend-jinja macros; then the pages."""
    from planner import assets, compression, errors, help_pages, htmx, security, spent_views, views

    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
    )
    app.jinja_env.undefined = ChainableUndefined
    app.add_template_global(_link_words, "link_words")

    # after_request functions run in reverse order: compression is registered first so
    # that it runs last, on the finished response.
    compression.init_app(app)
    assets.init_app(app)
    htmx.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(help_pages.bp)
    app.register_blueprint(spent_views.bp)
