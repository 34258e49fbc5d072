"""Helpers for the plan tests: CSRF tokens in pages, tokens in redirects, a form's fields."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

TOKEN_IN_FORM = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(response) -> str:
    """The CSRF token in a page's first form."""
    match = TOKEN_IN_FORM.search(response.get_data(as_text=True))
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def token_of(location: str) -> str:
    """The edit token from a /plans/<token> redirect."""
    path = urlsplit(location).path
    assert path.startswith("/plans/"), path
    return path.removeprefix("/plans/")


def form_of(page: str, selector: str = "main form[method=post]") -> dict[str, object]:
    """The fields of a page's form as the browser would send them (no button)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    form = soup.select_one(selector)
    assert form is not None, f"no {selector} on the page"
    data: dict[str, object] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"]
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field["value"]
        else:
            data[name] = field.get("value", "")
    return data
