"""The reference data: load ``data/nhs_bands.json``, check it against its JSON Schema and
every cross-reference, and build the core's :class:`~planner.pathways.model.Catalogue`."""

from __future__ import annotations

from planner.catalogue.load import (
    DEFAULT_DATA_PATH,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
    slugify,
)

__all__ = ["DEFAULT_DATA_PATH", "CatalogueError", "load_catalogue", "parse_catalogue", "slugify"]
