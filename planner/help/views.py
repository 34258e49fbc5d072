"""Help and support: signposted resources, the words we use, accessibility and privacy."""

from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from planner.help.content import link_words, load_content, word_terms
from planner.web.headers import answers_not_kept

bp = Blueprint("help", __name__)
answers_not_kept(bp)  # its links carry the person's answers


def linked_words(text: str) -> Markup:
    """Template helper: link the NHS words in a text to their explanations (carrying the answers)."""
    from planner.explore.links import answers_url  # explore's pages import help's content

    return link_words(text, answers_url("help.words"))


@bp.get("/help")
def index():
    """Where to get help: the Appendix A resources of the source guide, grouped."""
    resources = load_content("resources")
    groups = resources["groups"]
    return render_template(
        "help/index.html",
        nav="help",
        page_title="Help and support",
        for_you=[g for g in groups if g["audience"] == "you"],
        for_employers=[g for g in groups if g["audience"] == "employers"],
        source=resources["source"],
        tips=load_content("pathway_one")["stages"],
    )


@bp.get("/help/words")
def words():
    """The NHS words we use, explained. Other pages link to each one by its anchor."""
    return render_template(
        "help/words.html",
        nav="help",
        page_title="Words we use",
        intro=load_content("words")["intro"],
        terms=word_terms(),
    )


@bp.get("/accessibility")
def accessibility():
    """Accessibility statement."""
    return render_template(
        "help/accessibility.html", nav="help", page_title="Accessibility statement"
    )


@bp.get("/privacy")
def privacy():
    """Privacy notice."""
    return render_template("help/privacy.html", nav="help", page_title="Privacy")
