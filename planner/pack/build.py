"""``planner pack DIR``: check the folder and the data, build everything aside, then move it in.

Nothing is written into DIR until every part has been built and checked, so a bad data
file, a page that links outside the pack, or a full disk leaves DIR as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import Flask

from planner.catalogue import DEFAULT_DATA_PATH, load_catalogue
from planner.pack import archive, booklet, scorm
from planner.pack.links import check_links
from planner.pack.routes import group_routes
from planner.pack.site import SiteMap, write_site
from planner.pack.starts import starting_points
from planner.wording import long_date

__all__ = ["SITE", "PackError", "PackResult", "build_pack", "check_target", "pack_app"]

#: What DIR holds once the pack is built.
SITE = "site"
ZIP = "planner-offline.zip"
SCORM = "planner-scorm12.zip"
BOOKLET = "planner-booklet.pdf"


class PackError(Exception):
    """The pack cannot be written there; the message says why and what to do."""


@dataclass(frozen=True)
class PackResult:
    """Where the parts went, how big each is (bytes), and how many pages the site has."""

    folder: Path
    pages: int
    jobs: int
    routes: int
    sizes: dict[str, int]
    seconds: float


def check_target(out: Path) -> None:
    """DIR must be a new or empty folder we can write in; say plainly why not."""
    if out.exists() and not out.is_dir():
        raise PackError(f"{out} is a file, not a folder. Nothing was written. Give a new folder.")
    try:
        full = out.is_dir() and any(out.iterdir())
    except OSError as err:
        raise PackError(
            f"The folder {out} cannot be read ({err.strerror}). Nothing was written."
        ) from None
    if full:
        raise PackError(
            f"The folder {out} is not empty, so nothing was written. "
            "Give a new folder, or an empty one."
        )
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise PackError(
            f"{existing} is a file, so {out} cannot be made. Nothing was written. "
            "Choose a folder you can write in."
        )
    try:  # permissions alone do not say (root ignores them; some disks are read-only)
        os.rmdir(tempfile.mkdtemp(prefix=".planner-pack-probe-", dir=existing))
    except OSError as err:
        raise PackError(
            f"The pack cannot be written in {existing} ({err.strerror}). "
            "Nothing was written. Choose a folder you can write in."
        ) from None


def _raise(exc: Exception):
    raise exc


@contextmanager
def pack_app(data_path: Path, made_on: date) -> Iterator[Flask]:
    """The app, on this data, with a throwaway plans database and no rate limits."""
    from planner import create_app

    with tempfile.TemporaryDirectory(prefix="planner-pack-app-") as workdir:
        quiet = logging.getLogger("planner")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # "a new empty plans database is being made" is expected
        try:
            app = create_app(
                {
                    "DATA_PATH": str(data_path),
                    "DATABASE": str(Path(workdir) / "plans.sqlite"),
                    "RATELIMIT_ENABLED": False,
                    "TODAY": made_on,
                }
            )
        finally:
            quiet.setLevel(level)
        # A page that fails must stop the pack with its reason, not become a calm 500 page.
        app.config["PROPAGATE_EXCEPTIONS"] = True
        app.register_error_handler(Exception, _raise)
        yield app


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _move_into(built: Path, out: Path) -> None:
    """Move the built parts into ``out`` (made if new); on failure, take back what moved."""
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    moved = []
    try:
        for part in sorted(built.iterdir()):
            shutil.move(str(part), str(out / part.name))
            moved.append(out / part.name)
    except OSError as err:
        for path in moved:
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        if made:
            shutil.rmtree(out, ignore_errors=True)
        raise PackError(
            f"The pack could not be moved into {out}: {err}. Nothing was kept."
        ) from None


def build_pack(out: Path, data_path: Path = DEFAULT_DATA_PATH, made_on: date | None = None):
    """Build the offline edition into ``out``. Raises :class:`PackError` or ``CatalogueError``."""
    began = time.perf_counter()
    out = Path(out)
    check_target(out)
    catalogue = load_catalogue(data_path)  # the checker's list of problems stops us here
    made_on = made_on or date.today()
    with (
        pack_app(data_path, made_on) as app,
        tempfile.TemporaryDirectory(prefix="planner-pack-") as workdir,
    ):
        built = Path(workdir)
        graph = app.extensions["planner"]["graph"]
        starts = starting_points(catalogue, made_on)
        # Inside the app, so the route memo counts days from the pack's day (TODAY), as the
        # route page does while the pages are written: each question is searched once.
        with app.app_context():
            groups = group_routes(graph, starts, app.extensions["planner"]["routes"], made_on)
        site = SiteMap(
            made_on=long_date(made_on),
            role_ids=frozenset(r.id for r in catalogue.roles),
            groups=groups,
            starts=starts,
        )
        site_dir = built / SITE
        pages = write_site(app, site, site_dir)
        check_links(site_dir)
        archive.zip_folder(site_dir, built / ZIP)
        scorm.write_package(site_dir, pages, site, catalogue, built / SCORM)
        booklet.write_booklet(app, site, built / BOOKLET)
        sizes = {
            "site": _size(site_dir),
            "zip": _size(built / ZIP),
            "SCORM": _size(built / SCORM),
            "PDF": _size(built / BOOKLET),
        }
        _move_into(built, out)
    return PackResult(
        folder=out,
        pages=len(pages),
        jobs=len(catalogue.roles),
        routes=sum(len(g) for g in groups.values()),
        sizes=sizes,
        seconds=time.perf_counter() - began,
    )
