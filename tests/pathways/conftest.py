"""The shipped catalogue and its graph, loaded once per test module of the route core."""

from __future__ import annotations

import pytest

from planner.catalogue import load_catalogue
from planner.pathways import build_graph
from planner.pathways.model import Catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def graph(catalogue):
    return build_graph(catalogue)
