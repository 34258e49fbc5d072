"""Jinja set-up for the NHS.UK frontend macros; pages are added by the pages blueprint."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader

from planner import ROOT


def init_app(app: Flask) -> None:
    """Our templates first, then the nhsuk-frontend-jinja macros."""
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
    )
    app.jinja_env.undefined = ChainableUndefined
