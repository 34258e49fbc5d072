"""The SCORM 1.2 package: its manifest is valid against SCORM 1.2's own schema files, and it
lists every file of the site, so a learning platform that takes SCORM can load it whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from planner.pack.scorm import ADLCP, IMSCP, IMSMD, MANIFEST

SCHEMAS = Path(__file__).with_name("scorm12")

#: One schema that pulls in the three SCORM 1.2 namespaces a manifest uses, each from the
#: files in scorm12/ (see its README for where they come from).
_ALL = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="{IMSCP}" schemaLocation="{(SCHEMAS / "imscp_rootv1p1p2.xsd").as_uri()}"/>
  <xsd:import namespace="{ADLCP}" schemaLocation="{(SCHEMAS / "adlcp_rootv1p2.xsd").as_uri()}"/>
  <xsd:import namespace="{IMSMD}" schemaLocation="{(SCHEMAS / "imsmd_rootv1p2p1.xsd").as_uri()}"/>
</xsd:schema>"""


#: Two places where libxml2, a strict validator, refuses SCORM 1.2's schema files as shipped
#: (Rustici's SCORM 1.2 examples warn that "the XSD files for SCORM 1.2 are not strictly
#: valid and may cause errors in some XML validators"). Each is mended in memory only:
#:
#: * ims_xml.xsd binds the xml namespace as its default namespace, which the XML Namespaces
#:   recommendation forbids; it declares nothing unprefixed, so the declaration goes.
#: * imsmd_rootv1p2p1.xsd ends its content models with an ``##any`` wildcard after optional
#:   elements of its own namespace, which breaks XML Schema's Unique Particle Attribution
#:   rule; ``##other`` (what the IMS CP schema's own wildcard says) keeps the extension
#:   point for other namespaces. The manifest uses no meta-data elements either way.
_MENDS = {
    "ims_xml.xsd": ('xmlns="http://www.w3.org/XML/1998/namespace"', ""),
    "imsmd_rootv1p2p1.xsd": ('namespace="##any"', 'namespace="##other"'),
}


class _Mended(etree.Resolver):
    """Serves the schema files of :data:`_MENDS` mended; the files on disk stay as shipped."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if name not in _MENDS:
            return None
        text = (SCHEMAS / name).read_text(encoding="utf-8")
        old, new = _MENDS[name]
        assert old in text, f"{name} no longer needs mending: drop it from _MENDS"
        return self.resolve_string(text.replace(old, new), context)


@pytest.fixture(scope="module")
def scorm_schema() -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(_Mended())
    return etree.XMLSchema(etree.fromstring(_ALL.encode(), parser))


@pytest.fixture(scope="module")
def package(pack) -> zipfile.ZipFile:
    with zipfile.ZipFile(pack.folder / "planner-scorm12.zip") as zf:
        yield zf


def _manifest(package) -> etree._Element:
    return etree.fromstring(package.read(MANIFEST))


def test_the_manifest_is_valid_scorm_1_2(package, scorm_schema):
    manifest = _manifest(package)
    assert scorm_schema.validate(manifest), scorm_schema.error_log
    assert not manifest.xpath("//*[namespace-uri() = $md]", md=IMSMD)
    ns = {"cp": IMSCP}
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"


def test_the_schema_check_can_fail(package, scorm_schema):
    """A manifest without its organisations, or with a made-up SCORM type, is refused."""
    manifest = _manifest(package)
    manifest.remove(manifest.find(f"{{{IMSCP}}}organizations"))
    assert not scorm_schema.validate(manifest)
    manifest = _manifest(package)
    resource = manifest.find(f"{{{IMSCP}}}resources/{{{IMSCP}}}resource")
    resource.set(f"{{{ADLCP}}}scormtype", "lesson")
    assert not scorm_schema.validate(manifest)


def test_the_manifest_lists_every_file_and_nothing_else(package):
    ns = {"cp": IMSCP}
    manifest = _manifest(package)
    listed = [f.get("href") for f in manifest.iterfind(".//cp:file", ns)]
    in_zip = sorted(n for n in package.namelist() if n != MANIFEST)
    assert sorted(listed) == in_zip


def test_the_menu_opens_pages_that_are_in_the_package(package, pack_app):
    ns = {"cp": IMSCP}
    manifest = _manifest(package)
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", ns)}
    items = list(manifest.iterfind(".//cp:item", ns))
    titles = {item.findtext("cp:title", namespaces=ns) for item in items}
    catalogue = pack_app.extensions["planner"]["catalogue"]
    assert {r.title for r in catalogue.roles} <= titles
    names = set(package.namelist())
    for item in items:
        ref = item.get("identifierref")
        if ref:
            assert resources[ref].get("href") in names
    organization = manifest.find("cp:organizations/cp:organization", ns)
    first = organization.find("cp:item", ns).get("identifierref")
    assert resources[first].get("href") == "index.html"
