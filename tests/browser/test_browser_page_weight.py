"""Page-weight budgets: sizes, not times, so they are stable enough to be tests."""

from __future__ import annotations

import pytest

from .browser_harness import (
    START_PAGE_BUDGET,
    UPDATE_BUDGET,
    journey_ticks,
    measure_page_weight,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def weight(browser, site):
    return measure_page_weight(browser, site.base_url, journey_ticks(site.skills)[0])


def test_start_page_first_visit_fits_the_budget(weight):
    """An empty cache downloads at most 150 KB (compressed, headers included) for /."""
    total = weight.first_visit.total
    assert total <= START_PAGE_BUDGET, (
        f"start page first visit: {total / 1024:.1f} KB, budget {START_PAGE_BUDGET // 1024} KB\n"
        + weight.first_visit.report()
    )


def test_htmx_update_fits_the_budget(weight):
    """Ticking one box fetches at most 15 KB, and does fetch something (the fragment)."""
    total = weight.update.total
    assert weight.update.by_url, "ticking a box made no request: is htmx wired to the form?"
    assert total <= UPDATE_BUDGET, (
        f"htmx update: {total / 1024:.1f} KB, budget {UPDATE_BUDGET // 1024} KB\n"
        + weight.update.report()
    )
