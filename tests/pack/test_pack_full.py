"""The whole shipped pack, as ``planner pack DIR`` builds it: one build, its structure checked.

Every other test of the pack reads the small pack (conftest.py), which has every kind of
page; this one shows the shipped data packs whole: every job, every starting point's
route page, the booklet and the SCORM package, within the issue's size aim.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from pypdf import PdfReader

from planner.catalogue import load_catalogue
from planner.pack.scorm import IMSCP, MANIFEST
from planner.pack.starts import starting_points

from .conftest import MADE_ON, run_pack

#: The issue's aim for the whole site.
SITE_BUDGET = 20 * 1024 * 1024

#: It asks the route search about every job from every starting point: minutes on a
#: busy machine (a guard against a hang, not a speed test).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def test_the_shipped_pack_is_whole(tmp_path):
    folder = tmp_path / "pack"
    output = run_pack(folder)
    site = folder / "site"

    for part in ("site", "zip", "SCORM", "PDF"):
        assert re.search(rf"^\s+{part}\s+\d+\.\d MB$", output, re.MULTILINE), output
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert size < SITE_BUDGET, f"the site is {size / 1e6:.1f} MB"

    catalogue = load_catalogue()
    starts = [s.id for s in starting_points(catalogue, MADE_ON)]
    for role in catalogue.roles:
        page = BeautifulSoup((site / "jobs" / f"{role.id}.html").read_text("utf-8"), "html.parser")
        assert page.select_one("h1").get_text(strip=True) == role.title
        links = {a["data-start"]: a["href"] for a in page.select("a[data-start]")}
        assert list(links) == starts, role.id
        assert all((site / "jobs" / href).is_file() for href in links.values()), role.id

    booklet = "\n".join(
        p.extract_text() or "" for p in PdfReader(folder / "planner-booklet.pdf").pages
    )
    assert [r.title for r in catalogue.roles if f"{r.title}\nBand {r.band}." not in booklet] == []

    with zipfile.ZipFile(folder / "planner-scorm12.zip") as package:
        manifest = etree.fromstring(package.read(MANIFEST))
        listed = {f.get("href") for f in manifest.iterfind(".//cp:file", {"cp": IMSCP})}
        assert listed == {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
