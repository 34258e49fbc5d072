"""The NHS.UK macros escape what they are given, like our own templates."""

from __future__ import annotations

from flask import render_template_string

ATTACK = '<script>alert(1)</script>"'


def test_a_macros_text_is_escaped_and_its_html_is_still_markup(app):
    page = """
    {%- from "nhsuk/components/button/macro.jinja" import button -%}
    {%- from "nhsuk/components/inset-text/macro.jinja" import insetText -%}
    {{ button({"text": attack}) }}
    {{ insetText({"html": "<p>kept</p>"}) }}
    """
    with app.test_request_context():
        html = render_template_string(page, attack=ATTACK)
    assert ATTACK not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>kept</p>" in html


def test_the_page_template_escapes_its_title(app):
    with app.test_request_context():
        html = render_template_string(
            '{% extends "nhsuk/template.jinja" %}', pageTitle=ATTACK, cspNonce="n"
        )
    assert "<script>alert(1)" not in html
