"""The offline site in Debian's Chromium, opened from disk (file://), JavaScript off and on.

From index.html, follow every link: every page of the pack must be reached, every request
must be a file inside the pack, nothing may scroll sideways at 320 px, and axe-core must
find no WCAG 2.2 AA problem on any page. The pack has no scripts at all (the link check
refuses any), so a page has the same DOM with JavaScript off as on; axe runs with
JavaScript on because it cannot run in a page with JavaScript off (see
tests/browser/fixtures.py, Tab.axe_violations).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.browser_harness import AXE_OPTIONS, axe_violations

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
#: axe fetches each style sheet again ("preload") for its one rule that reads style sheets'
#: text, css-orientation-lock; Chromium refuses fetch() of file:// addresses, so those would
#: be axe's own failed requests, not the page's. Every other rule reads the styles the page
#: applied; the pack's style sheets are the app's, which the app's browser tests check.
FROM_DISK = {**AXE_OPTIONS, "preload": False}


@dataclass
class Crawl:
    reached: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    wide: dict[str, str] = field(default_factory=dict)


def _failed(crawl: Crawl, request) -> None:
    """A load that failed, unless the next page cancelled it (a favicon, say): the files a
    request names are checked on disk anyway (test_no_request_leaves_the_pack)."""
    if "ERR_ABORTED" not in (request.failure or ""):
        crawl.failed.append(f"{request.url} ({request.failure})")


def _crawl(browser: Browser, site: Path, js: bool) -> Crawl:
    """Follow every link from index.html, as a person would, recording every request."""
    crawl = Crawl()
    root = site.resolve().as_uri() + "/"
    context = browser.new_context(java_script_enabled=js, viewport=NARROW)
    context.on("request", lambda request: crawl.requests.append(request.url))
    context.on("requestfailed", lambda request: _failed(crawl, request))
    try:
        page = context.new_page()
        todo = [root + "index.html"]
        while todo:
            url = todo.pop()
            if url in crawl.reached:
                continue
            crawl.reached.add(url)
            page.goto(url, wait_until="load")
            sizes = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
            )
            if sizes[0] > sizes[1]:
                crawl.wide[url] = f"scrollWidth {sizes[0]} > clientWidth {sizes[1]}"
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                target = urldefrag(href).url
                if target.startswith(root) and target.endswith(".html"):
                    todo.append(target)
    finally:
        context.close()
    return crawl


@pytest.fixture(scope="module")
def crawls(browser, pack) -> dict[bool, Crawl]:
    """One crawl with JavaScript off and one with it on, made once for every test here."""
    return {js: _crawl(browser, pack.site, js=js) for js in (False, True)}


@pytest.fixture(params=[False, True], ids=["js-off", "js-on"])
def crawl(request, crawls) -> Crawl:
    return crawls[request.param]


def test_every_page_is_reached_from_the_front_page(crawl, pack):
    root = pack.site.resolve().as_uri() + "/"
    assert crawl.reached == {root + name for name in pack.pages()}


def test_no_request_leaves_the_pack(crawl, pack):
    root = pack.site.resolve().as_uri() + "/"
    outside = sorted({url for url in crawl.requests if not url.startswith(root)})
    assert not outside, f"requests outside the pack: {outside[:10]}"
    assert not crawl.failed, f"requests that failed: {crawl.failed[:10]}"
    missing = sorted(
        {url for url in crawl.requests if not Path(unquote(urlsplit(url).path)).is_file()}
    )
    assert not missing, f"requests for files the pack does not have: {missing[:10]}"
    assert any(url.endswith(".css") for url in crawl.requests)


def test_nothing_scrolls_sideways_at_320px(crawl):
    assert not crawl.wide, "\n".join(f"{url}: {why}" for url, why in crawl.wide.items())


#: axe takes about a second a page: the pages are checked in parts, each a test of its own.
AXE_PARTS = 6


@pytest.fixture(scope="module")
def axe_tab(browser) -> Iterator[Page]:
    context = browser.new_context(viewport=NARROW)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("part", range(AXE_PARTS))
def test_axe_finds_nothing_on_any_page(part, axe_tab, pack):
    names = pack.pages()[part::AXE_PARTS]
    assert names
    found = {}
    for name in names:
        axe_tab.goto((pack.site / name).resolve().as_uri(), wait_until="load")
        if lines := axe_violations(axe_tab, FROM_DISK):
            found[name] = lines
    report = "\n\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in found.items())
    assert not found, f"axe-core found WCAG 2.2 AA violations:\n\n{report}"
