"""The whole journey, saves included, under load for 60 seconds: not one error.

gunicorn with 2 workers (``planner serve``) and locust, headless, on loopback.
The figures (req/s and p95 of the route page, plan saves and /healthz, and the
route page : /healthz ratio) are printed; ``bench/load.py`` prints the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from load import report, run_load

pytestmark = pytest.mark.slow


def test_sixty_seconds_of_the_whole_journey_without_an_error():
    figures = run_load(seconds=60, users=10, workers=2)
    print("\n" + report(figures))
    assert figures["Aggregated"]["failures"] == 0
    for name in ("route page", "save plan (new)", "save plan (edit)", "plan page", "delete plan"):
        assert figures[name]["requests"] > 0, name
        assert figures[name]["failures"] == 0, name
    assert figures["/healthz (closed loop)"]["requests"] > 0
    assert figures["route page (closed loop)"]["requests"] > 0
