"""Copy the pinned front-end packages from node_modules into static/vendor.

Run by ``make setup``; static/vendor is not committed, so the versions in
package.json (and package-lock.json) are the only place they are chosen.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"


def self_hosted(css: str) -> str:
    """Drop the @font-face rules (they load Frutiger from assets.nhs.uk, which our CSP and
    privacy rules forbid; the NHS font stack falls back to Arial) and make the icon URLs
    relative to the CSS file, which sits next to its assets/ folder."""
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    return css.replace("url(/assets/", "url(assets/")


def main() -> None:
    nhsuk = MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
    htmx = MODULES / "htmx.org" / "dist"
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "nhsuk").mkdir(parents=True)
    css = (nhsuk / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    (VENDOR / "nhsuk" / "nhsuk-frontend.min.css").write_text(self_hosted(css), encoding="utf-8")
    shutil.copy2(nhsuk / "nhsuk-frontend.min.js", VENDOR / "nhsuk" / "nhsuk-frontend.min.js")
    shutil.copytree(nhsuk / "assets", VENDOR / "nhsuk" / "assets")
    (VENDOR / "htmx").mkdir()
    shutil.copy2(htmx / "htmx.min.js", VENDOR / "htmx" / "htmx.min.js")
    versions = {
        name: json.loads((MODULES / name / "package.json").read_text())["version"]
        for name in ("nhsuk-frontend", "htmx.org")
    }
    (VENDOR / "versions.json").write_text(json.dumps(versions, indent=2) + "\n")
    print(f"Copied front-end assets to {VENDOR.relative_to(ROOT)}: {versions}")


if __name__ == "__main__":
    main()
