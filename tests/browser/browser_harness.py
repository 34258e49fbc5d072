"""What the browser tests and ``bench/page_weight.py`` share.

The real app is started in a subprocess under gunicorn (as in production), on a
temporary SQLite database, and Debian's Chromium is driven through Playwright
(Playwright cannot download its own browser here). Page weight is measured from
Chromium's own network log, so it counts the bytes that really crossed the wire.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = Path("/usr/bin/chromium")
#: The flags that work on our machines: without the background-networking ones
#: Chromium keeps dialling Google's hosts through a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOT_INSTALLED = "Chromium is not installed: run `apt-get install -y chromium` (make test does this)"

#: The journey: ticks a person starting out might have, and a target a few steps away.
JOURNEY_TICKS = ["literacy-skills", "teamwork", "customer-care"]
JOURNEY_TARGET = "admin-team-lead"

#: How long a page may take to do what a test waits for. Waits end as soon as it is done:
#: this only stops a hung test, with room for a busy machine.
WAIT_MS = 60_000
#: Resolves once what a resize or a click set off has run: ResizeObserver callbacks run
#: before the next frame is drawn, and what they ask for the frame after (NHS.UK's header
#: folds its menu that way). Needs JavaScript on.
AFTER_NEXT_FRAMES = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"""

#: The WCAG 2.2 AA rule set of issue 3.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()

#: The page-weight budgets of issue 3, in bytes as they cross the wire (compressed).
START_PAGE_BUDGET = 150 * 1024
UPDATE_BUDGET = 15 * 1024


def chromium_installed() -> bool:
    """True when Debian's Chromium is where Playwright is told to find it."""
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def journey_ticks(skill_ids: Iterable[str]) -> list[str]:
    """The journey's ticks that exist in the data (some skills, whatever the data)."""
    known = list(skill_ids)
    return [sid for sid in JOURNEY_TICKS if sid in known] or known[:3]


def journey_target(roles: dict[str, dict]) -> str:
    """The journey's target role, or the highest-banded role if the data lacks it."""
    if JOURNEY_TARGET in roles:
        return JOURNEY_TARGET
    return max(roles.values(), key=lambda role: str(role.get("band", "")))["id"]


def axe_violations(page: Page, options: dict | None = None) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one readable line each."""
    results = _axe.run(page, options=options or AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node["target"])
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            messages = "; ".join(check["message"] for check in checks)
            html = " ".join(node.get("html", "").split())[:200]
            lines.append(
                f"{violation['id']} ({violation['impact']}) at {target}: {violation['help']}."
                f" {messages} | {html}"
            )
    return lines


def reveal_box(page: Page, skill_id: str):
    """The start page's box for ``skill_id``, after opening its folded group as a person would."""
    box = page.locator(f'form#check-form input[name="have"][value="{skill_id}"]')
    group = page.locator(f'form#check-form details.app-group:has(input[value="{skill_id}"])')
    if group.count() and not group.evaluate("(el) => el.open"):
        group.locator(":scope > summary").click()
    more = page.locator(f'form#check-form details.app-more:has(input[value="{skill_id}"])')
    if more.count() and not more.evaluate("(el) => el.open"):
        more.locator(":scope > summary").click()
    return box


def follow_menu(page: Page, text: str) -> None:
    """Choose a menu item as a person would: from the bar, or from "More" on a narrow screen."""
    link = page.locator("header nav").get_by_role("link", name=text, exact=True)
    if not link.first.is_visible():
        page.locator("header nav").get_by_role("button", name="More").click()
    visible = [item for item in link.all() if item.is_visible()]
    assert visible, f"the menu item {text!r} cannot be reached on {page.url}"
    with page.expect_navigation():
        visible[0].click()


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(base_url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"The planner exited with code {proc.returncode} before answering /healthz.\n"
                f"Its log:\n{log.read_text(errors='replace')[-4000:]}"
            )
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(
        f"The planner did not answer {base_url}/healthz within {timeout:.0f} s.\n"
        f"Its log:\n{log.read_text(errors='replace')[-4000:]}"
    )


@contextmanager
def live_server(workdir: Path, timeout: float = 120) -> Iterator[str]:
    """Run the real app under gunicorn on a free port; yield its base URL; stop it after."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PLANNER_DATABASE": str(workdir / "planner.sqlite"),
        "PLANNER_INSTANCE_PATH": str(workdir),
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("PLANNER_DATABASE_URL", "PLANNER_ENV", "GUNICORN_CMD_ARGS"):
        env.pop(name, None)
    # The planner's own start (gunicorn.conf.py), as deployed, with one worker.
    command = [
        str(Path(sys.executable).with_name("planner")),
        "serve",
        "--host=127.0.0.1",
        f"--port={port}",
        "--workers=1",
    ]
    log = workdir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_for_health(base_url, proc, log, timeout)
            yield base_url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the flags that work here."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Transfer:
    """Bytes received per URL, as Chromium counted them (headers and compressed body)."""

    by_url: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_url.values())

    def add(self, url: str, size: int) -> None:
        self.by_url[url] = self.by_url.get(url, 0) + size

    def report(self) -> str:
        rows = sorted(self.by_url.items(), key=lambda item: -item[1])
        return "\n".join(f"  {size / 1024:7.1f} KB  {url}" for url, size in rows)


@dataclass
class PageWeight:
    first_visit: Transfer
    update: Transfer


class _NetworkLog:
    """Counts Network.loadingFinished.encodedDataLength per request, through CDP."""

    def __init__(self, page: Page):
        self._page = page
        self._urls: dict[str, str] = {}
        self._pending: set[str] = set()
        self.transfer = Transfer()
        self._cdp = page.context.new_cdp_session(page)
        self._cdp.on("Network.requestWillBeSent", self._on_request)
        self._cdp.on("Network.loadingFinished", self._on_finished)
        self._cdp.on("Network.loadingFailed", lambda e: self._pending.discard(e["requestId"]))
        self._cdp.send("Network.enable")

    def _on_request(self, event: dict) -> None:
        self._urls[event["requestId"]] = event["request"]["url"]
        self._pending.add(event["requestId"])

    def _on_finished(self, event: dict) -> None:
        self._pending.discard(event["requestId"])
        url = self._urls.get(event["requestId"], event["requestId"])
        self.transfer.add(url, int(event["encodedDataLength"]))

    def settle(self, quiet_ms: int = 300, timeout_ms: int = 60_000) -> None:
        """Wait until something was counted and nothing has been in flight for ``quiet_ms``."""
        quiet = waited = 0
        while quiet < quiet_ms:
            if waited > timeout_ms:
                raise TimeoutError(f"requests still in flight: {sorted(self._pending)}")
            self._page.wait_for_timeout(50)  # lets Playwright deliver the CDP events
            waited += 50
            idle = not self._pending and self.transfer.by_url
            quiet = quiet + 50 if idle else 0

    def restart(self) -> Transfer:
        """Hand back what was counted so far and start counting afresh."""
        counted, self.transfer = self.transfer, Transfer()
        return counted


def measure_page_weight(browser: Browser, base_url: str, skill_id: str) -> PageWeight:
    """Load the start page with an empty cache, then tick one skill and count the htmx update."""
    context = browser.new_context()
    try:
        page = context.new_page()
        network = _NetworkLog(page)
        page.goto(f"{base_url}/", wait_until="load")
        network.settle()
        first_visit = network.restart()
        box = reveal_box(page, skill_id)
        with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            box.check()
        network.settle()
        return PageWeight(first_visit=first_visit, update=network.restart())
    finally:
        context.close()
