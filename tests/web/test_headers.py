"""Security and caching headers: a strict CSP with a fresh nonce, and no inline code."""

from __future__ import annotations

import pytest

from tests.helpers import soup

PAGES = ["/", "/roles", "/route", "/help", "/help/words", "/accessibility", "/privacy"]


def _csp(response) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["Content-Security-Policy"].split(";")]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] if " " in p else "" for p in parts if p}


def test_nonce_is_new_for_each_request_and_matches_the_inline_script(client):
    nonces = []
    for _ in range(2):
        response = client.get("/")
        script_src = _csp(response)["script-src"]
        nonce = script_src.split("'nonce-", 1)[1].split("'", 1)[0]
        inline = [s for s in soup(response).select("script") if not s.get("src")]
        assert len(inline) == 1, "only the NHS template's js-enabled line may be inline"
        assert inline[0]["nonce"] == nonce
        assert len(nonce) >= 22
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


@pytest.mark.parametrize("url", [*PAGES, "/roles/no-such-role"])
def test_the_policy_is_strict(client, url):
    policy = _csp(client.get(url))
    assert "unsafe-eval" not in policy["script-src"]
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["default-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"


@pytest.mark.parametrize("url", [*PAGES, "/?have=nope"])
def test_other_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_styles_handlers_or_foreign_scripts(client, url):
    page = soup(client.get(url))
    for element in page.select("*"):
        assert "style" not in element.attrs, element.name
        assert not [a for a in element.attrs if a.startswith("on")], element.name
        assert not [a for a in element.attrs if a.startswith("hx-on")], element.name
        for attr in ("href", "src", "hx-get"):
            assert not str(element.get(attr, "")).startswith("javascript:")
    for script in page.select("script[src]"):
        assert script["src"].startswith("/static/")
    assert not page.select("style")
    config = page.select_one("meta[name=htmx-config]")["content"]
    assert '"allowEval": false' in config
    assert '"selfRequestsOnly": true' in config


def test_no_cookie_is_set(client):
    for url in PAGES:
        assert "Set-Cookie" not in client.get(url).headers


def test_versioned_static_files_are_cached_for_a_year(client):
    page = soup(client.get("/"))
    css = page.select_one("link[rel=stylesheet]")["href"]
    assert "?v=" in css
    response = client.get(css)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "/?have=teamwork&status=not-working",
        "/route?to=porter&have=teamwork",
        "/roles?have=teamwork",
        "/help?have=teamwork",
    ],
)
def test_pages_with_a_persons_answers_are_not_kept_by_the_browser(client, url):
    """Their answers are in the address: on a shared computer no copy may stay in the cache."""
    assert client.get(url).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/", "/route", "/roles"])
def test_pages_without_answers_may_be_kept_but_are_checked_each_time(client, url):
    assert client.get(url).headers["Cache-Control"] == "no-cache"
