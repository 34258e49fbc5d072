"""Copy the pinned front-end packages from node_modules into static/vendor.

Run by ``make setup``; static/vendor is not committed, so the versions in
package.json (and package-lock.json) are the only place they are chosen.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"


def main() -> None:
    nhsuk = MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
    htmx = MODULES / "htmx.org" / "dist"
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "nhsuk").mkdir(parents=True)
    shutil.copy2(nhsuk / "nhsuk-frontend.min.css", VENDOR / "nhsuk" / "nhsuk-frontend.min.css")
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
