"""The shared browser fixtures (the real app under gunicorn, Debian's Chromium, watched tabs),
used here for the spent-date checker. Without Chromium these tests skip with a notice, and
under ``CI=true`` they fail, as the other browser tests do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.browser_harness import chromium
from tests.browser.conftest import _chromium_required, base_url, js, open_tab, site

__all__ = ["_chromium_required", "base_url", "browser", "js", "open_tab", "site"]


def _running_browser(request: pytest.FixtureRequest) -> Browser | None:
    """The Chromium that tests/browser started for this session, if it is running."""
    manager = request._fixturemanager
    for item in request.session.items:
        if item.nodeid.startswith("tests/browser/"):
            for fixture in manager.getfixturedefs("browser", item) or ():
                cached = fixture.cached_result
                if cached is not None and cached[2] is None:
                    return cached[0]
            break
    return None


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Debian's Chromium: the one tests/browser already runs, or our own for this module.

    Playwright's sync API drives one browser process per thread, so a second
    session-wide Chromium beside the one tests/browser starts fails ("Sync API
    inside the asyncio loop"), and pytest shows a folder's fixtures only to that
    folder. So we borrow the running one from pytest's fixture cache; when this
    folder runs alone we start our own and stop it at the end of the module, so
    it is gone before any later folder starts one. (One session fixture in
    tests/conftest.py would be simpler; that file is not ours to change.)
    """
    shared = _running_browser(request)
    if shared is not None:
        yield shared
        return
    with chromium() as launched:
        yield launched
