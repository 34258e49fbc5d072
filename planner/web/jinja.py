"""Jinja for the NHS.UK frontend: our templates first, then the nhsuk-frontend-jinja macros.

Every template escapes what it is given, the macros' ``.jinja`` files as much
as our ``.html`` ones: Flask escapes only ``.html``-like names by default, so
a plan's text passed as a macro's ``text`` would have gone out as HTML. The
macros' ``html`` parameters are marked ``| safe`` inside them, so markup meant
as markup still works.
"""

from __future__ import annotations

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader

from planner.config import ROOT

__all__ = ["init_app"]


def _escape_everything(_template_name: str | None) -> bool:
    return True


def init_app(app: Flask) -> None:
    """The macros need ChainableUndefined (see the nhsuk-frontend-jinja README).

    ``TEMPLATE_CACHE`` (a ``jinja2.BytecodeCache``, none by default) lets apps made
    in one process share compiled templates: the tests make hundreds of apps, and
    compiling the templates took most of each one's first page.
    """
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
    )
    app.jinja_env.undefined = ChainableUndefined
    app.jinja_env.autoescape = _escape_everything
    app.jinja_env.bytecode_cache = app.config.get("TEMPLATE_CACHE")
