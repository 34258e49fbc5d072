"""Zip files of the site: the plain zip, and the SCORM package (the site plus its manifest)."""

from __future__ import annotations

import zipfile
from pathlib import Path

__all__ = ["zip_folder"]


def zip_folder(folder: Path, target: Path, extra: dict[str, bytes] | None = None) -> None:
    """Zip every file under ``folder`` (paths relative to it), plus ``extra`` files at the top.

    Entries are in name order, so the same site gives the same list of files.
    """
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in sorted((extra or {}).items()):
            zf.writestr(name, data)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            zf.write(path, path.relative_to(folder).as_posix())
