"""The shared browser fixtures (the real app under gunicorn, Debian's Chromium, watched tabs),
used here for the spent-date checker. Without Chromium these tests skip with a notice, and
under ``CI=true`` they fail, as the other browser tests do."""

from __future__ import annotations

from tests.browser.conftest import (
    _chromium_required,
    base_url,
    browser,
    js,
    open_tab,
    site,
)

__all__ = ["_chromium_required", "base_url", "browser", "js", "open_tab", "site"]
