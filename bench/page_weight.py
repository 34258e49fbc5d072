"""How many bytes a phone downloads: the start page on a first visit, then one htmx update.

Starts the real app under gunicorn on a temporary database (as the browser tests
do), loads the start page in Debian's Chromium with an empty cache, and adds up
what Chromium's network log says each response took on the wire (headers plus
compressed body). Then it ticks one skill and counts the htmx update the same way.

    .venv/bin/python bench/page_weight.py [--verbose]

The budgets are checked by tests/browser/test_browser_page_weight.py; this script
prints the figures and exits non-zero when a budget is broken.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

# The harness lives with the browser tests, so the two always measure the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.browser_harness import (
    NOT_INSTALLED,
    START_PAGE_BUDGET,
    UPDATE_BUDGET,
    chromium,
    chromium_installed,
    journey_ticks,
    live_server,
    measure_page_weight,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="List every response's size.")
    args = parser.parse_args(argv)
    if not chromium_installed():
        print(NOT_INSTALLED, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as base_url:
        with urllib.request.urlopen(f"{base_url}/api/skills", timeout=10) as response:
            skill_ids = [skill["id"] for skill in json.load(response)["skills"]]
        with chromium() as browser:
            weight = measure_page_weight(browser, base_url, journey_ticks(skill_ids)[0])
    first, update = weight.first_visit.total, weight.update.total
    print(
        f"start page first visit: {first / 1024:.1f} KB compressed"
        f" (target {START_PAGE_BUDGET // 1024} KB), {len(weight.first_visit.by_url)} responses"
    )
    if args.verbose:
        print(weight.first_visit.report())
    print(f"htmx update: {update / 1024:.1f} KB (target {UPDATE_BUDGET // 1024} KB)")
    if args.verbose:
        print(weight.update.report())
    return 0 if first <= START_PAGE_BUDGET and update <= UPDATE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
