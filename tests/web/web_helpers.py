"""Helpers for the page tests: parse HTML with BeautifulSoup, and read a page's main text."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    """The response body as a BeautifulSoup tree (use select_one, never find)."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
