"""Help and support pages, the words we explain, and the page text kept as data."""

from __future__ import annotations

from flask import Flask

from planner.help.views import bp, linked_words

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """Every page may link NHS words to the words page."""
    app.add_template_global(linked_words, "link_words")
