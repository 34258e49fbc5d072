"""Development plans: save a route as a plan, change it, agree it, share it, take it away.

``model`` holds the records, ``service`` the pure rules (a plan from a route,
agreement, progress), ``store`` the only SQL, and ``views``, ``sharing`` and
``downloads`` the pages, all on one blueprint; ``next_person`` keeps the last
person's pages closed on a shared computer.
"""

from __future__ import annotations

from flask import Flask

from planner.plans import downloads, editing, next_person, progress_pages, sharing, views
from planner.plans.blueprint import TokenConverter, bp
from planner.plans.db import init_db

__all__ = [
    "bp",
    "downloads",
    "editing",
    "init_app",
    "next_person",
    "progress_pages",
    "sharing",
    "views",
]


def init_app(app: Flask) -> None:
    """The token converter (before any plan URL is added) and the database."""
    app.url_map.converters["token"] = TokenConverter
    init_db(app)
