"""Help and support pages, the words we explain, and the page text kept as data."""

from __future__ import annotations

from flask import Flask, url_for
from markupsafe import Markup

from planner.help.content import link_words
from planner.help.views import bp

__all__ = ["bp", "init_app"]


def _link_words(text: str) -> Markup:
    """Template helper: link the NHS words in a text to their explanations."""
    return link_words(text, url_for("help.words"))


def init_app(app: Flask) -> None:
    """Every page may link NHS words to the words page."""
    app.add_template_global(_link_words, "link_words")
