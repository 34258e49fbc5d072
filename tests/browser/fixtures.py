"""Browser fixtures for every browser test: the real app in a subprocess, Debian's Chromium,
and watched pages.

A pytest plugin (``pytest_plugins`` in tests/conftest.py), not a conftest, so that one
live server and one Chromium serve every folder's browser tests in a run (or in each
xdist worker that runs browser tests: tests/conftest.py keeps them all on one).
Browser tests are marked ``browser``. Without /usr/bin/chromium they skip with a
visible notice, except under ``CI=true``, where a missing Chromium is a failure.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    Route,
    expect,
)

from .browser_harness import (
    NOT_INSTALLED,
    WAIT_MS,
    axe_violations,
    chromium,
    chromium_installed,
    journey_target,
    journey_ticks,
    live_server,
)

#: Records Content-Security-Policy violations in the page (JavaScript on only) and
#: forwards each one to Python at once, so none is lost when the page navigates.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const violation = {
    page: location.href,
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  };
  window.__cspViolations.push(violation);
  if (window.__reportCspViolation) window.__reportCspViolation(violation);
});
"""

#: Playwright's assertions wait up to 5 s by default: on a busy machine that can fail a sound
#: page. They pass as soon as the condition holds, so a longer limit costs nothing.
expect.set_options(timeout=WAIT_MS)

#: A second policy that blocks every script, inline or not (see Tab.axe_violations).
NO_SCRIPTS = "script-src 'none'"

_skipped_for_chromium = False
#: The live server's log, quoted when a page answers 5xx.
_server_log: Path | None = None


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(autouse=True)
def _chromium_required(request: pytest.FixtureRequest) -> None:
    """Skip (locally) or fail (CI=true) a browser test, before anything starts, when
    Chromium is missing. Other tests do not need it."""
    global _skipped_for_chromium
    if request.node.get_closest_marker("browser") is None or chromium_installed():
        return
    if _in_ci():
        pytest.fail(f"{NOT_INSTALLED}. CI=true, so the browser tests must run, not skip.")
    _skipped_for_chromium = True
    pytest.skip(NOT_INSTALLED)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say loudly that the browser tests did not run."""
    if _skipped_for_chromium:
        terminalreporter.write_sep("!", f"browser tests SKIPPED. {NOT_INSTALLED}", yellow=True)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The real app under gunicorn on a temporary database, for the whole session."""
    global _server_log
    workdir = tmp_path_factory.mktemp("live-server")
    _server_log = workdir / "server.log"
    with live_server(workdir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session."""
    with chromium() as launched:
        yield launched


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@dataclass(frozen=True)
class Site:
    """The live app's address and the ids it knows, read from its own JSON API."""

    base_url: str
    roles: dict[str, dict]
    skills: dict[str, dict]

    def url(self, path: str, **query) -> str:
        """An absolute URL; list values become repeated parameters."""
        pairs = [
            (key, item)
            for key, value in query.items()
            for item in (value if isinstance(value, list | tuple) else [value])
        ]
        return f"{self.base_url}{path}" + (f"?{urlencode(pairs)}" if pairs else "")

    @property
    def area(self) -> str:
        """A family of jobs (the last, so not simply the first one listed)."""
        return sorted({role["family"] for role in self.roles.values()})[-1]

    def some_jobs(self, n: int) -> list[str]:
        """n jobs from different places in the list."""
        ids = list(self.roles)
        return [ids[i * len(ids) // n] for i in range(n)]

    def pages(self) -> list[tuple[str, str, int]]:
        """Every page as (label, absolute URL, expected status), error pages included."""
        target = journey_target(self.roles)
        have = journey_ticks(self.skills)
        pages = [
            ("start page", self.url("/"), 200),
            ("start page with ticks", self.url("/", have=have), 200),
            ("roles list", self.url("/roles"), 200),
            ("route page, empty", self.url("/route"), 200),
            ("route page with a route", self.url("/route", to=target, have=have), 200),
            ("help", self.url("/help"), 200),
            ("help: words", self.url("/help/words"), 200),
            ("courses and apprenticeships", self.url("/learning"), 200),
            ("spent rules by hand", self.url("/check-spent/how-it-works"), 200),
            ("accessibility statement", self.url("/accessibility"), 200),
            ("privacy notice", self.url("/privacy"), 200),
            ("unknown role (404)", self.url("/roles/no-such-role"), 404),
            ("unknown skill (400)", self.url("/", have="no-such-skill"), 400),
            (
                "unknown skill on the route page (400)",
                self.url("/route", to=target, have="nope"),
                400,
            ),
            ("unknown route target (404)", self.url("/route", to="no-such-role"), 404),
            (
                "start page, an area and a job chosen",
                self.url("/", have=have, area=self.area, to=target),
                200,
            ),
            ("start page in adviser mode", self.url("/", have=have, to=target, adviser="1"), 200),
            (
                "role page in adviser mode",
                self.url(f"/roles/{target}", have=have, adviser="1"),
                200,
            ),
            ("roles list for an area", self.url("/roles", area=self.area, have=have), 200),
            ("compare, empty", self.url("/compare"), 200),
            ("compare 3 jobs", self.url("/compare", job=self.some_jobs(3), have=have), 200),
            (
                "compare in adviser mode",
                self.url("/compare", job=self.some_jobs(3), adviser="1"),
                200,
            ),
            ("unknown area (400)", self.url("/", area="no-such-area"), 400),
            ("unknown job to compare (404)", self.url("/compare", job="no-such-role"), 404),
        ]
        pages += [(f"role page {rid}", self.url(f"/roles/{rid}"), 200) for rid in self.roles]
        return pages


@pytest.fixture(scope="session")
def site(base_url) -> Site:
    roles = _get_json(f"{base_url}/api/roles")["roles"]
    skills = _get_json(f"{base_url}/api/skills")["skills"]
    return Site(
        base_url=base_url,
        roles={role["id"]: role for role in roles},
        skills={skill["id"]: skill for skill in skills},
    )


@dataclass
class Tab:
    """A page in its own browser context, with everything that went wrong on it recorded."""

    page: Page
    js: bool
    #: Opens a JavaScript-enabled page whose own scripts are all blocked (JS-off tabs only).
    open_scan_page: Callable[[], Page] | None = None
    csp_violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)
    _scan_page: Page | None = None

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on(
            "pageerror", lambda error: self.page_errors.append(f"{self.page.url}: {error}")
        )
        self.page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text:
            self.csp_violations.append(f"{self.page.url}: {text}")
        elif message.type == "error" and not self._expected_failure(message):
            where = message.location.get("url") or self.page.url
            self.console_errors.append(f"{where}: {text}")

    def _expected_failure(self, message: ConsoleMessage) -> bool:
        """The console error Chromium logs for an error page we asked for on purpose."""
        status = self.expected_status.get(message.location.get("url", ""))
        prefix = f"Failed to load resource: the server responded with a status of {status}"
        return status is not None and message.text.startswith(prefix)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.bad_responses.append(f"{response.status} {response.request.method} {response.url}")

    def on_csp_violation(self, v: dict) -> None:
        self.csp_violations.append(
            f"{v['page']}: {v['directive']} blocked {v['blocked']!r}"
            f" (source {v['source']}:{v['line']}, sample {v['sample']!r})"
        )

    def goto(self, url: str, status: int = 200) -> Response:
        """Load a page and check its status; an expected error status is not a problem."""
        if status != 200:
            self.expected_status[url] = status
        response = self.page.goto(url, wait_until="load")
        assert response is not None, f"no response for {url}"
        if response.status != status:
            log = ""
            if response.status >= 500 and _server_log is not None:
                log = "\nServer log:\n" + _server_log.read_text(errors="replace")[-3000:]
            raise AssertionError(f"{url} answered {response.status}, expected {status}{log}")
        return response

    def axe_violations(self) -> list[str]:
        """axe-core's WCAG 2.2 AA violations on the page this tab shows now.

        axe cannot run in a page with JavaScript off: Chromium then fires no timers,
        even for code Playwright injects, so ``axe.run`` never settles. A JS-off tab
        is therefore scanned in a twin page that loads the same address with every
        page script blocked by an extra CSP, which is the same DOM a browser with
        JavaScript off builds (the templates have no ``<noscript>``).
        """
        if self.js:
            return axe_violations(self.page)
        assert self.open_scan_page is not None
        if self._scan_page is None:
            self._scan_page = self.open_scan_page()
        # Without its #fragment: a twin already at that page would only scroll, not load.
        url = self.page.url.split("#")[0]
        response = self._scan_page.goto(url, wait_until="load")
        assert response is not None
        assert response.status == self.expected_status.get(url, 200), f"{url}: {response.status}"
        ran = self._scan_page.evaluate("document.body.classList.contains('js-enabled')")
        assert not ran, f"page scripts ran in the no-script scan of {url}"
        return axe_violations(self._scan_page)

    def problems(self) -> list[str]:
        """Everything recorded so far that should not have happened."""
        return (
            [f"CSP violation: {v}" for v in self.csp_violations]
            + [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught script error: {e}" for e in self.page_errors]
            + [f"failed response: {r}" for r in self.bad_responses]
        )

    def take_problems(self) -> list[str]:
        """The problems recorded so far, forgetting them (to report page by page)."""
        problems = self.problems()
        for recorded in (self.csp_violations, self.console_errors, self.page_errors):
            recorded.clear()
        self.bad_responses.clear()
        return problems

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


def _block_page_scripts(route: Route) -> None:
    """Add ``script-src 'none'`` to every page's CSP: the page's own scripts cannot run."""
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch()
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() not in ("content-encoding", "content-length")
    }
    policy = headers.get("content-security-policy")
    headers["content-security-policy"] = f"{policy}, {NO_SCRIPTS}" if policy else NO_SCRIPTS
    route.fulfill(response=response, headers=headers)


@contextmanager
def tab_opener(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """Open pages in fresh contexts (no cache, no cookies); all are closed at the end.

    ``open_(js=False)`` turns JavaScript off. With JavaScript off the CSP recorder
    cannot run, so CSP violations are read from the console, which Chromium writes to
    either way.
    """
    contexts: list[BrowserContext] = []

    def new_context(**options) -> BrowserContext:
        context = browser.new_context(**options)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context

    def open_scan_page(**options) -> Page:
        context = new_context(**options)
        context.route("**/*", _block_page_scripts)
        return context.new_page()

    def open_(js: bool = True, **context_options) -> Tab:
        context = new_context(java_script_enabled=js, **context_options)
        tab = Tab(
            page=context.new_page(),
            js=js,
            open_scan_page=None if js else lambda: open_scan_page(**context_options),
        )
        if js:
            context.expose_binding(
                "__reportCspViolation", lambda _source, v: tab.on_csp_violation(v)
            )
            context.add_init_script(CSP_RECORDER)
        return tab

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def open_tab(browser) -> Iterator[Callable[..., Tab]]:
    """Tabs for one test (see :func:`tab_opener`), closed after it."""
    with tab_opener(browser) as open_:
        yield open_


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def js(request) -> bool:
    """Run the test with JavaScript on, then again with it off."""
    return request.param
