"""Jinja for the NHS.UK frontend: our templates first, then the nhsuk-frontend-jinja macros."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader

from planner.config import ROOT

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """The macros need ChainableUndefined (see the nhsuk-frontend-jinja README)."""
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
    )
    app.jinja_env.undefined = ChainableUndefined
