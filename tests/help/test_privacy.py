"""The privacy page says what the server's notes hold, as the server really does it."""

from __future__ import annotations

from tests.helpers import soup


def test_it_says_the_notes_hold_no_address_for_the_spent_checker(client):
    page = soup(client.get("/privacy"))
    assert "the address of the internet connection" in page.select_one("main").text
    spent = page.select_one("#spent-checker-notes").text
    assert "never the address of the connection" in spent
    assert "never kept" in spent


def test_it_says_pages_with_answers_are_not_kept_by_the_browser(client):
    assert "tell your browser not to keep a copy" in client.get("/privacy").get_data(as_text=True)
