"""The JSON API: views, the OpenAPI document that describes them, and the response shapes."""

from __future__ import annotations

from planner.api.views import bp

__all__ = ["bp"]
