"""The SCORM 1.2 package: the site as it is, with an ``imsmanifest.xml`` at its top.

A learning platform that takes SCORM (Coracle's, in prisons) shows the manifest's
organisation as its menu: the front page, the jobs of each family, courses, the spent table, help and
words. Every
page is an *asset* (no SCORM calls: the pages have no scripts), and every file of the site
is listed in a resource, so the platform copies them all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from planner.pack.archive import zip_folder
from planner.pack.site import FIXED_PAGES, SiteMap
from planner.pathways.model import Catalogue

__all__ = ["MANIFEST", "manifest_xml", "write_package"]

MANIFEST = "imsmanifest.xml"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
SHARED = "shared-files"


def _id(prefix: str, path: str) -> str:
    """An XML id (a letter first, then letters, digits and hyphens) for a path."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9]+', '-', path).strip('-')}"


def _cp(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{IMSCP}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _item(parent: ET.Element, title: str, page: str | None = None, key: str = "") -> ET.Element:
    attrs = {"identifier": _id("item", page or key)}
    if page:
        attrs["identifierref"] = _id("page", page)
    item = _cp(parent, "item", **attrs)
    _cp(item, "title", title)
    return item


def manifest_xml(files: list[str], pages: list[str], site: SiteMap, catalogue: Catalogue) -> bytes:
    """The manifest for a site whose files (paths from its top) are ``files``."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        f"{{{IMSCP}}}manifest",
        {
            "identifier": "nhs-career-planner-offline",
            "version": site.made_on.replace(" ", "-"),
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS,
        },
    )
    metadata = _cp(manifest, "metadata")
    _cp(metadata, "schema", "ADL SCORM")
    _cp(metadata, "schemaversion", "1.2")

    organizations = _cp(manifest, "organizations", default="planner")
    organization = _cp(organizations, "organization", identifier="planner")
    _cp(organization, "title", f"Plan your NHS career (correct on {site.made_on})")
    _item(organization, "Start here", FIXED_PAGES["explore.start"])
    jobs = _item(organization, "Explore jobs", FIXED_PAGES["explore.roles"])
    for family_id, family_name in catalogue.families:
        roles = [r for r in catalogue.roles if r.family == family_id]
        if roles:
            family = _item(jobs, family_name, key=f"family-{family_id}")
            for role in roles:
                _item(family, role.title, f"jobs/{role.id}.html")
    _item(organization, "Courses, apprenticeships and ways in", FIXED_PAGES["explore.learning"])
    _item(organization, "How long until it is spent", FIXED_PAGES["spent.how_it_works"])
    _item(organization, "Help and support", FIXED_PAGES["help.index"])
    _item(organization, "Words we use", FIXED_PAGES["help.words"])

    resources = _cp(manifest, "resources")
    for page in pages:
        resource = _cp(
            resources,
            "resource",
            identifier=_id("page", page),
            type="webcontent",
            href=page,
            **{f"{{{ADLCP}}}scormtype": "asset"},
        )
        _cp(resource, "file", href=page)
        _cp(resource, "dependency", identifierref=SHARED)
    shared = _cp(
        resources,
        "resource",
        identifier=SHARED,
        type="webcontent",
        **{f"{{{ADLCP}}}scormtype": "asset"},
    )
    for name in files:
        if name not in pages:
            _cp(shared, "file", href=name)
    ET.indent(manifest)
    return ET.tostring(manifest, encoding="utf-8", xml_declaration=True)


def write_package(site_dir: Path, pages: list[str], site: SiteMap, catalogue, target: Path):
    """Zip the site with its manifest at the top."""
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    zip_folder(site_dir, target, {MANIFEST: manifest_xml(files, pages, site, catalogue)})
