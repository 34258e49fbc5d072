"""The examples in the plan modules' docstrings run (pytest collects doctests only in the core)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["planner.store", "planner.tokens", "planner.plan_model", "planner.plan_forms"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
