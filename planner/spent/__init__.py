"""The spent-date checker: the Rehabilitation of Offenders Act and DBS filtering rules
(pure, no Flask), the form that reads a person's answers, and the page that shows them."""

from __future__ import annotations

from planner.spent.views import bp

__all__ = ["bp"]
